"""Text and panels for menus, cards and overlays: cached fonts, text with a dark outline.

Owns how the game writes words on screen so every scene looks the same. Must not import the
simulation or the scenes.
"""

from __future__ import annotations

from functools import lru_cache

import pygame

from game.render import text
from game.safe_read import safe_text

SHADOW = (12, 10, 8)
RECAP_VEIL = (30, 4, 6)  # the dark red the day fades under behind the recap of a death
DEATH_VEIL = (90, 0, 0)  # the red the death beat fades the day under
DEATH_VEIL_ALPHA = 150  # how dark the death beat's veil ends: the recap's own begins there
VEILS_KEPT = 8  # whole-screen veils kept (a few MB each): one per size and colour in use
# The veils `shade` and `tint` lay over the whole screen, one opaque surface per size and colour,
# blended at each frame's alpha by its surface alpha. One per alpha instead would make a whole
# screen of fresh memory on each frame of a fade (3.6 MB at 1280x720: a frame of 4-12 ms on a
# machine slow to hand out pages).
_veils: dict[tuple, pygame.Surface] = {}


@lru_cache(maxsize=32)
def font(size: int, bold: bool = False) -> pygame.font.Font:
    """The game's font (the HUD's, from game.render.text) at a size, bold or not. Kept until
    pygame.quit, whoever asks first (a font kept past it would be dead)."""
    _ready()
    if not bold:
        return text.font(size)
    f = pygame.font.Font(None, size)
    f.set_bold(True)
    return f


@lru_cache(maxsize=512)
def render_text(text: str, size: int, color: tuple[int, int, int], bold: bool = False):
    """Text with a one-pixel dark outline, readable on sand, sea or night (cached). Text that is
    not valid Unicode (a file name that is not UTF-8, a lone surrogate) shows with a stand-in."""
    text = safe_text(text)
    f = font(size, bold)
    fg = f.render(text, True, color)
    bg = f.render(text, True, SHADOW)
    out = pygame.Surface((fg.get_width() + 4, fg.get_height() + 4), pygame.SRCALPHA)
    for dx, dy in ((0, 2), (2, 0), (4, 2), (2, 4), (3, 4), (4, 4)):
        out.blit(bg, (dx, dy))
    out.blit(fg, (2, 2))
    return out


_hooked = False


def reset_caches() -> None:
    """Forget fonts and rendered text (they die with pygame.quit; a new App starts clean)."""
    global _hooked
    _hooked = False
    font.cache_clear()
    render_text.cache_clear()
    wrap_text.cache_clear()
    _veils.clear()
    text.forget_fonts()


def _ready() -> None:
    global _hooked
    if not _hooked:
        pygame.register_quit(reset_caches)  # fonts and text die with pygame.quit
        _hooked = True
    if not pygame.font.get_init():
        pygame.font.init()


def prepare_text(text: str, size: int, color: tuple[int, int, int], bold: bool = False) -> None:
    """Render `text` now and keep it, so a later `draw_text` of it only blits (a panel renders
    its words on a frame that shows nothing of it yet)."""
    _ready()
    render_text(text, size, color, bold)


def draw_text(
    surface: pygame.Surface,
    text: str,
    size: int,
    color: tuple[int, int, int],
    pos: tuple[int, int],
    anchor: str = "topleft",
    bold: bool = False,
    alpha: int = 255,
) -> pygame.Rect:
    _ready()
    image = render_text(text, size, color, bold)
    if alpha <= 0:
        # Nothing shows (a card on its first, unfaded frame, or under the recap for as long as
        # it is up): no copy, no blit, only where it would be.
        return image.get_rect(**{anchor: pos})
    if alpha < 255:
        image = image.copy()
        image.set_alpha(alpha)
    rect = image.get_rect(**{anchor: pos})
    surface.blit(image, rect)
    return rect


def shade(surface: pygame.Surface, alpha: int, color: tuple[int, int, int] = (0, 0, 0)) -> None:
    """Darken the whole surface (behind a menu or a card)."""
    tint(surface, color, alpha)


def tint(surface: pygame.Surface, color: tuple[int, int, int], alpha: int) -> None:
    """Lay `color` over the whole surface at `alpha` (0..255; a veil that may fade in frame by
    frame). Its veil is made once per size and colour and kept (see `_veils`)."""
    if alpha <= 0:
        return  # a card's first frame: blending a clear veil changes no pixel
    key = (surface.get_size(), color)
    veil = _veils.get(key)
    if veil is None:
        if len(_veils) >= VEILS_KEPT:  # a window resized again and again
            del _veils[next(iter(_veils))]
        veil = _veils[key] = pygame.Surface(surface.get_size(), 0, surface)  # in its format
        veil.fill(color)
    veil.set_alpha(min(255, alpha))
    surface.blit(veil, (0, 0))


@lru_cache(maxsize=256)
def wrap_text(text: str, size: int, width: int) -> tuple[str, ...]:
    """`text` broken into lines that fit `width` px at `size` (paragraphs, at newlines, kept).
    Kept by its words, size and width: a toast or a subtitle is on screen for seconds, and
    measuring each word of it again every frame was a tenth of a millisecond of a fight's frame.
    Text that is not valid Unicode wraps with the stand-in render_text draws it with."""
    face = font(size)
    lines: list[str] = []
    for paragraph in safe_text(text).split("\n"):
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}".strip()
            if line and face.size(trial)[0] > width:
                lines.append(line)
                line = word
            else:
                line = trial
        if line:
            lines.append(line)
    return tuple(lines)

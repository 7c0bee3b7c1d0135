"""Readable text for the HUD: outlined labels cached by content, and a digit strip for numbers.

Owns fonts (a bundled `assets/fonts/*.ttf` if there is one, else pygame's default font), rendering
text with a dark outline and drop shadow so it reads on sand, water and explosions alike, caching
each rendered string (HUD labels rarely change), and `Digits`: pre-rendered glyphs for numbers that
change every frame (the day clock), laid out by blitting glyphs instead of rendering text.

Must not import game.scenes or game.app, and never writes to the simulation.
"""

from __future__ import annotations

from collections import OrderedDict

import pygame

from game.render.assets import fonts_dir

OUTLINE = (12, 14, 18)
_fonts: dict[int, pygame.font.Font] = {}


_hooked = False


def forget_fonts() -> None:
    """Drop the kept fonts: they die with pygame.quit, which calls this."""
    global _hooked
    _fonts.clear()
    _hooked = False


def font(size: int) -> pygame.font.Font:
    """The HUD font at a pixel size, shared and kept."""
    global _hooked
    if not _hooked:
        pygame.register_quit(forget_fonts)  # fonts kept past pygame.quit would be dead
        _hooked = True
    if not pygame.font.get_init():
        pygame.font.init()
    f = _fonts.get(size)
    if f is None:
        bundled = sorted(fonts_dir().glob("*.ttf")) if fonts_dir().is_dir() else []
        f = pygame.font.Font(str(bundled[0]) if bundled else None, size)
        _fonts[size] = f
    return f


def outlined(
    text: str, size: int, color: tuple[int, int, int], outline: tuple[int, int, int] = OUTLINE
) -> pygame.Surface:
    """`text` in `color` with a 1 px dark outline and a 2 px drop shadow. Letters are set 1 px
    apart, so the outline never swallows a narrow glyph (the dot in "7.8")."""
    f = font(size)
    fg = _tracked(f, text, color)
    dark = _tracked(f, text, outline)
    w, h = fg.get_size()
    out = pygame.Surface((w + 4, h + 4), pygame.SRCALPHA)
    out.blit(dark, (3, 3))  # shadow
    for dx, dy in ((0, 1), (1, 0), (2, 1), (1, 2), (0, 0), (2, 0), (0, 2), (2, 2)):
        out.blit(dark, (dx, dy))
    out.blit(fg, (1, 1))
    return out.convert_alpha()


def _tracked(f: pygame.font.Font, text: str, color: tuple[int, int, int]) -> pygame.Surface:
    """`text` rendered glyph by glyph with 1 px of extra spacing."""
    text = text or " "
    glyphs = [f.render(c, True, color) for c in text]
    metrics = f.metrics(text) or []
    if len(metrics) == len(glyphs):
        advances = [m[4] if m else g.get_width() for m, g in zip(metrics, glyphs, strict=True)]
    else:
        advances = [g.get_width() for g in glyphs]
    width = sum(advances) + len(glyphs) + max(0, glyphs[-1].get_width() - advances[-1])
    out = pygame.Surface((max(1, width), f.get_height()), pygame.SRCALPHA)
    x = 0
    for glyph, advance in zip(glyphs, advances, strict=True):
        out.blit(glyph, (x, 0))
        x += advance + 1
    return out


class TextCache:
    """Outlined text surfaces by (text, size, colour); least recently used ones are dropped."""

    def __init__(self, capacity: int = 256) -> None:
        self.capacity = capacity
        self._cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()

    def get(self, text: str, size: int, color: tuple[int, int, int]) -> pygame.Surface:
        key = (text, size, color)
        surface = self._cache.get(key)
        if surface is None:
            surface = self._cache[key] = outlined(text, size, color)
            if len(self._cache) > self.capacity:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return surface


class Digits:
    """Outlined glyphs for `0-9 : . / -`, blitted side by side at a fixed advance."""

    CHARS = "0123456789:./-"

    def __init__(self, size: int, color: tuple[int, int, int]) -> None:
        self.glyphs = {c: outlined(c, size, color) for c in self.CHARS}
        widths = [self.glyphs[c].get_width() for c in "0123456789"]
        self.advance = max(widths) - 3  # the outline overlaps its neighbour's
        self.narrow = {":": self.advance // 2 + 1, ".": self.advance // 2 + 1}
        self.height = self.glyphs["0"].get_height()
        self._blits: list[tuple[pygame.Surface, tuple[int, int]]] = []

    def width(self, text: str) -> int:
        return sum(self.narrow.get(c, self.advance) for c in text) + 3

    def draw(self, target: pygame.Surface, text: str, x: int, y: int) -> None:
        blits = self._blits
        blits.clear()
        for c in text:
            glyph = self.glyphs.get(c)
            step = self.narrow.get(c, self.advance)
            if glyph is not None:
                blits.append((glyph, (x + (step - glyph.get_width() + 3) // 2, y)))
            x += step
        target.fblits(blits)

"""The speedrun timer on screen: the run's IGT and real time, splits with their deltas.

Owns how a `TimerView` (game.replay.session) is drawn at the top right, each clock labelled:
IGT (the run's in-game time, large), RTA (real time), the category line (seed and version), and
in "splits" mode the split list with deltas against the personal best (golds in gold), the sum
of best and the best possible time. The day clock is the HUD's (game.render.hud), top centre; in
"day" and "off" modes this panel is not drawn at all. Must not import game.scenes or write to
the simulation.
"""

from __future__ import annotations

import functools

import pygame

from game.render import ui
from game.render.text import Digits

INK = (236, 236, 228)
DIM = (160, 160, 152)
GOLD = (255, 205, 70)
AHEAD = (110, 220, 140)
BEHIND = (240, 110, 100)
MARK = (230, 170, 120)
PANEL = (10, 12, 16, 170)
MARGIN = 16
WIDTH = 300
LABEL_W = 44  # the column of the clocks' labels (IGT, RTA)
PANEL_MODES = ("day+igt", "day+igt+rta", "splits")  # the modes that have this panel
REAL_TIME_MODES = ("day+igt+rta", "splits")


def _delta_color(delta: str, gold: bool) -> tuple[int, int, int]:
    if gold:
        return GOLD
    if delta.startswith("-"):
        return AHEAD
    if delta.startswith("+"):
        return BEHIND
    return DIM


def _lead_color(text: str, gold: bool) -> tuple[int, int, int]:
    if gold:
        return GOLD
    if text.endswith("ahead"):
        return AHEAD
    if text.endswith("behind"):
        return BEHIND
    return INK


@functools.lru_cache(maxsize=64)  # (asked every frame, of the same few lines)
def _fit(text: str, size: int, width: int) -> str:
    """`text` cut with an ellipsis to fit `width` px."""
    font = ui.font(size)
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"


# One line of the panel: its label (the clocks'), text, size, colour, and the right-hand text and
# its colour.
Line = tuple[str, str, int, tuple[int, int, int], str, tuple[int, int, int]]


def timer_lines(view) -> list[Line]:
    """What the panel holds for `view` (a TimerView), top to bottom; [] when it has no panel."""
    if view is None or view.mode not in PANEL_MODES:
        return []
    lines: list[Line] = [("IGT", view.igt, 40, GOLD if view.finished else INK, "", DIM)]
    if view.mode in REAL_TIME_MODES and view.real:
        lines.append(("RTA", view.real, 26, GOLD if view.finished else INK, "", DIM))
    if view.mode == "splits":
        for split in view.splits:
            color = INK if split.done else DIM
            right = f"{split.delta}  {split.time}".strip()
            lines.append(("", split.name, 22, color, right, _delta_color(split.delta, split.gold)))
        if view.sum_of_best:
            lines.append(("", "Sum of best", 20, DIM, view.sum_of_best, DIM))
        if view.best_possible:
            lines.append(("", "Best possible", 20, DIM, view.best_possible, INK))
    elif view.last_split:
        name, _, lead = view.last_split.partition("  ")
        lines.append(("", name, 24, INK, lead, _lead_color(lead, view.last_split_gold)))
    lines.append(("", _fit(view.category, 18, WIDTH - 20), 18, DIM, "", DIM))
    for mark in view.marks:
        if mark not in view.category:  # the category line may already say it
            lines.append(("", _fit(mark, 18, WIDTH - 20), 18, MARK, "", DIM))
    if view.problem:
        lines.append(("", view.problem[:48], 18, BEHIND, "", DIM))
    return lines


pygame.register_quit(_fit.cache_clear)  # (fonts are made again after a restart of pygame)
_panels: dict[int, pygame.Surface] = {}  # the translucent backing, by height: made once each
pygame.register_quit(_panels.clear)  # made again after a restart of pygame, as fonts are
# The running clocks' figures, by size and colour: a clock is set from kept glyphs at a fixed
# advance, as the HUD's day clock is, so it never wobbles as its digits change and no frame
# renders text for it (a string of its own each frame would also crowd every other word out of
# the text cache).
_clocks: dict[tuple[int, tuple[int, int, int]], Digits] = {}
pygame.register_quit(_clocks.clear)
_CLOCK_CHARS = frozenset(Digits.CHARS)


def _draw_clock(
    surface: pygame.Surface, text: str, size: int, color: tuple[int, int, int], x: int, y: int
) -> None:
    """A running clock's time at (x, y), top left, in figures of equal width."""
    if not _CLOCK_CHARS.issuperset(text):
        ui.draw_text(surface, text, size, color, (x, y))  # not a time: as any other line
        return
    digits = _clocks.get((size, color))
    if digits is None:
        digits = _clocks[(size, color)] = Digits(size, color)
    digits.draw(surface, text, x, y)


def _panel(height: int) -> pygame.Surface:
    panel = _panels.get(height)
    if panel is None:
        panel = _panels[height] = pygame.Surface((WIDTH, height), pygame.SRCALPHA)
        panel.fill(PANEL)
    return panel


def draw_timer(surface: pygame.Surface, view) -> pygame.Rect | None:
    """Draw the timer panel for `view` (a TimerView); nothing in "day" and "off" modes. Returns
    where its panel is (None when there is none)."""
    lines = timer_lines(view)
    if not lines:
        return None
    w = surface.get_width()
    height = sum(int(size * 1.15) for _, _, size, _, _, _ in lines) + 12
    panel = _panel(height)
    x0, y0 = w - WIDTH - MARGIN, 64
    surface.blit(panel, (x0, y0))
    words, clocks, over = _words(lines, height)
    surface.blit(words, (x0, y0))
    for text, size, color, x, y in clocks:
        _draw_clock(surface, text, size, color, x0 + x, y0 + y)
    for text, size, color, (x, y), anchor in over:
        ui.draw_text(surface, text, size, color, (x0 + x, y0 + y), anchor)
    return panel.get_rect(topleft=(x0, y0))


# The panel's words as its last frames drew them: everything but the running clocks' figures,
# set once on a clear layer its size (each word copied there as it is, so the layer over the
# backing is the same picture as the words one by one), kept while the lines stay the same.
# A right-hand text that would cover its line's name is left out of it, to be drawn over it.
_kept_words: dict[tuple, tuple[pygame.Surface, list]] = {}
pygame.register_quit(_kept_words.clear)


def _words(lines: list[Line], height: int) -> tuple[pygame.Surface, list, list]:
    """The layer of the panel's words for `lines`, its clocks to set over it (text, size, colour,
    x, y) and the words to draw over it (text, size, colour, place, anchor), in its pixels."""
    clocks = []
    y = 6
    for label, text, size, color, _right, _right_color in lines:
        if label:
            clocks.append((text, size, color, 10 + LABEL_W, y))
        y += int(size * 1.15)
    key = tuple((label, "" if label else text, *rest) for label, text, *rest in lines)
    kept = _kept_words.get(key)
    if kept is not None:
        return kept[0], clocks, kept[1]
    # Right of the panel, to the screen's edge: a word that runs past the panel shows as before.
    words = pygame.Surface((WIDTH + MARGIN, height), pygame.SRCALPHA)
    over = []
    y = 6
    for label, text, size, color, right, right_color in lines:
        if label:  # a clock: its name in a column of its own, its figures set each frame
            name = ui.draw_text(words, label, 16, DIM, (10, y + size - 20))
        else:
            name = ui.draw_text(words, text, size, color, (10, y))
        if right:
            place, right_size = (WIDTH - 10, y + 2), min(size, 22)
            word = (right, right_size, right_color, place, "topright")
            if ui.draw_text(words, *word, alpha=0).colliderect(name):  # (alpha 0: only where)
                over.append(word)
            else:
                ui.draw_text(words, *word)
        y += int(size * 1.15)
    _kept_words.clear()  # (one panel is on screen: the last lines' layer is all it needs)
    _kept_words[key] = (words, over)
    return words, clocks, over

"""The speedrun timer on screen: in-game time, the day's time, splits with their deltas.

Owns how a `TimerView` (game.speedrun.session) is drawn at the top right: the run's IGT large, the
real time beside it, the day's time, the category line (seed and version), and in "splits" mode
the split list with deltas against the personal best, golds in gold. Must not import game.scenes
or write to the simulation.
"""

from __future__ import annotations

import pygame

from game.render import ui

INK = (236, 236, 228)
DIM = (160, 160, 152)
GOLD = (255, 205, 70)
AHEAD = (110, 220, 140)
BEHIND = (240, 110, 100)
PANEL = (10, 12, 16, 170)
MARGIN = 16
WIDTH = 300


def _delta_color(delta: str, gold: bool) -> tuple[int, int, int]:
    if gold:
        return GOLD
    if delta.startswith("-"):
        return AHEAD
    if delta.startswith("+"):
        return BEHIND
    return DIM


def _fit(text: str, size: int, width: int) -> str:
    """`text` cut with an ellipsis to fit `width` px."""
    font = ui.font(size)
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"


def draw_timer(surface: pygame.Surface, view) -> pygame.Rect | None:
    """Draw the timer for `view` (a TimerView); nothing in "off" mode. Returns where its panel
    is (None when there is none)."""
    if view is None or view.mode == "off":
        return None
    w = surface.get_width()
    lines: list[tuple[str, int, tuple[int, int, int], str]] = []  # text, size, colour, right
    real = view.real if view.mode != "run" else ""  # "run" is the quiet mode: IGT alone
    lines.append((view.igt, 40, GOLD if view.finished else INK, real))
    if view.mode in ("run+loop", "splits"):
        lines.append((f"{view.day_label}  {view.day}", 24, INK, ""))
    if view.mode == "splits":
        for split in view.splits:
            color = INK if split.done else DIM
            lines.append((f"{split.name}", 22, color, f"{split.delta}  {split.time}"))
        if view.sum_of_best:
            lines.append((f"Sum of best  {view.sum_of_best}", 20, DIM, ""))
    if view.last_split and view.mode != "splits":
        lines.append((view.last_split, 24, GOLD if view.last_split_gold else INK, ""))
    lines.append((_fit(view.category, 18, WIDTH - 20), 18, DIM, ""))
    for mark in view.marks:
        if mark not in view.category:  # the category line may already say it
            lines.append((_fit(mark, 18, WIDTH - 20), 18, (230, 170, 120), ""))
    if view.problem:
        lines.append((view.problem[:48], 18, BEHIND, ""))
    height = sum(int(size * 1.15) for _, size, _, _ in lines) + 12
    panel = pygame.Surface((WIDTH, height), pygame.SRCALPHA)
    panel.fill(PANEL)
    x0, y = w - WIDTH - MARGIN, 64
    surface.blit(panel, (x0, y))
    where = panel.get_rect(topleft=(x0, y))
    y += 6
    for index, (text, size, color, right) in enumerate(lines):
        if index == 0:  # the run's clock, labelled: the day's has its own label at the top
            ui.draw_text(surface, "RUN", 16, DIM, (x0 + 10, y + 14))
            ui.draw_text(surface, text, size, color, (x0 + 50, y))
            y += int(size * 1.15)
            continue
        ui.draw_text(surface, text, size, color, (x0 + 10, y))
        if right:
            delta_color = DIM
            if view.mode == "splits" and "  " in right:
                delta = right.split("  ")[0]
                gold = any(s.gold for s in view.splits if s.name == text)
                delta_color = _delta_color(delta, gold)
            ui.draw_text(surface, right, min(size, 22), delta_color, (x0 + WIDTH - 10, y + 2),
                         "topright")  # fmt: skip
        y += int(size * 1.15)
    return where

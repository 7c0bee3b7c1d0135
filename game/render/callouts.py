"""Callouts: a marker the HUD would hide is drawn at the panel's edge instead.

Owns the rule that nothing a player must see is lost under a panel: a known ambush whose place on
screen is under the loop mark, the day clock, the run timer or the integrity and ammunition panels
gets a callout just outside that panel, on the side toward the middle of the screen, with its
countdown and a short leader toward where it will come. Pure rendering: reads what the World
forecasts, never writes to it; must not import game.scenes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pygame

from game import tuning as T
from game.render import ui

RED = (235, 70, 60)
INK = (255, 210, 120)
GAP = 14  # px between a panel and its callout


def callout_point(panel: pygame.Rect, point: tuple[float, float], screen: pygame.Rect):
    """Where a callout for `point` (under `panel`) goes: out of the panel's nearest side that
    faces the middle of the screen."""
    x, y = point
    cx, cy = screen.center
    # Only the sides that face the middle: a panel at the top opens downward, and so on.
    options = []
    if panel.bottom < screen.bottom - GAP and cy > panel.centery:
        options.append((panel.bottom - y, (x, panel.bottom + GAP)))
    if panel.top > screen.top + GAP and cy < panel.centery:
        options.append((y - panel.top, (x, panel.top - GAP)))
    if panel.right < screen.right - GAP and cx > panel.centerx:
        options.append((panel.right - x, (panel.right + GAP, y)))
    if panel.left > screen.left + GAP and cx < panel.centerx:
        options.append((x - panel.left, (panel.left - GAP, y)))
    if not options:
        return None
    _, (ox, oy) = min(options)
    return (
        max(screen.left + GAP, min(screen.right - GAP, ox)),
        max(screen.top + GAP, min(screen.bottom - GAP, oy)),
    )


def draw_hidden_ambushes(
    surface: pygame.Surface,
    forecast: Iterable[tuple[int, float, float, int | None]],
    to_screen: Callable[[tuple[float, float]], tuple[float, float]],
    panels: list[pygame.Rect],
) -> int:
    """Callouts for the known ambushes under a panel; returns how many were drawn."""
    screen = surface.get_rect()
    drawn = 0
    for _, x, y, until in forecast:
        point = to_screen((x, y))
        panel = next((p for p in panels if p.inflate(8, 8).collidepoint(point)), None)
        if panel is None:
            continue
        spot = callout_point(panel, point, screen)
        if spot is None:
            continue
        sx, sy = int(spot[0]), int(spot[1])
        pygame.draw.line(surface, RED, (sx, sy), (int(point[0]), int(point[1])), 1)
        pygame.draw.polygon(
            surface, (20, 10, 8), ((sx, sy - 11), (sx - 11, sy + 8), (sx + 11, sy + 8))
        )
        pygame.draw.polygon(surface, RED, ((sx, sy - 9), (sx - 9, sy + 6), (sx + 9, sy + 6)))
        ui.draw_text(surface, "!", 16, (20, 10, 8), (sx, sy + 1), "center", True)
        if until is not None:
            label = f"{max(0.0, until / T.TICK_RATE):.1f}"
            ui.draw_text(surface, label, 18, INK, (sx + 14, sy), "midleft")
        drawn += 1
    return drawn

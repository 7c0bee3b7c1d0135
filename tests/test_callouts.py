"""Nothing a player must see is lost under a panel: a known ambush under the HUD is called out at
the panel's edge."""

from __future__ import annotations

import pygame

from game.render.callouts import callout_point, draw_hidden_ambushes

SCREEN = pygame.Rect(0, 0, 1280, 720)
TIMER = pygame.Rect(1000, 64, 264, 180)  # the run timer's panel, top right
INTEGRITY = pygame.Rect(16, 620, 280, 84)  # bottom left


def test_an_ambush_under_the_timer_is_called_out_below_it_toward_the_middle():
    surface = pygame.Surface(SCREEN.size)
    forecast = [(7, 1100.0, 150.0, 300)]  # world = screen here
    assert draw_hidden_ambushes(surface, forecast, lambda p: p, [TIMER, INTEGRITY]) == 1
    x, y = callout_point(TIMER, (1100.0, 150.0), SCREEN)
    assert not TIMER.collidepoint(x, y) and SCREEN.collidepoint(x, y)
    assert y > TIMER.bottom or x < TIMER.left  # the side that faces the middle
    # The callout is drawn in the ambush's red.
    r, g, b, _ = surface.get_at((int(x) - 5, int(y) + 4))
    assert r > 150 and g < 120


def test_an_ambush_in_the_open_needs_no_callout_and_one_under_integrity_opens_upward():
    surface = pygame.Surface(SCREEN.size)
    assert draw_hidden_ambushes(surface, [(1, 640.0, 360.0, None)], lambda p: p, [TIMER]) == 0
    x, y = callout_point(INTEGRITY, (100.0, 650.0), SCREEN)
    assert not INTEGRITY.collidepoint(x, y)
    assert y < INTEGRITY.top or x > INTEGRITY.right

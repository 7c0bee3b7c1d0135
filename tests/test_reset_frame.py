"""The frame a day resets on does less, and the player sees the same: the recap shows nothing on
its first frame (it has not faded in yet), then the same picture as a recap drawn from scratch;
fully clear veils and words leave the screen as it was."""

from __future__ import annotations

import pygame
from test_recap import until_recap

from game.render import ui
from game.scenes.play import PlayScene
from game.scenes.recap import RecapScene
from game.sim.memory import Memory


def _screen_after(app, scene: RecapScene) -> pygame.Surface:
    surface = pygame.Surface(app.screen.get_size())
    surface.fill((90, 120, 60))  # a beach beneath it
    scene.draw(surface, 1.0)
    return surface


def test_the_recaps_first_frame_leaves_the_day_beneath_as_it_was(app):
    play = PlayScene(app, "beachhead", memory=Memory(loop=1))
    app.push(play)
    recap = until_recap(app)
    assert recap.ticks == 0
    screen = _screen_after(app, recap)
    plain = pygame.Surface(screen.get_size())
    plain.fill((90, 120, 60))
    assert pygame.image.tobytes(screen, "RGB") == pygame.image.tobytes(plain, "RGB")


def test_the_recap_looks_the_same_every_frame_as_one_drawn_afresh(app):
    play = PlayScene(app, "beachhead", memory=Memory(loop=1))
    app.push(play)
    shown = until_recap(app)
    for ticks in (0, 1, 4, 10, 40):  # fading in, faded in, and past the beat (its hint changes)
        shown.ticks = ticks
        fresh = RecapScene(app, shown.recap)
        fresh.ticks = ticks
        kept = pygame.image.tobytes(_screen_after(app, shown), "RGB")
        assert kept == pygame.image.tobytes(_screen_after(app, fresh), "RGB"), ticks


def test_clear_veils_and_words_change_no_pixel_and_keep_their_place(app):
    surface = pygame.Surface((320, 200))
    surface.fill((200, 180, 120))
    before = pygame.image.tobytes(surface, "RGB")
    ui.shade(surface, 0, (30, 4, 6))
    hidden = ui.draw_text(surface, "LOOP 7", 88, (235, 235, 240), (160, 100), "center", True, 0)
    assert pygame.image.tobytes(surface, "RGB") == before
    shown = ui.draw_text(surface, "LOOP 7", 88, (235, 235, 240), (160, 100), "center", True)
    assert hidden == shown

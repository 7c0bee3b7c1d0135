"""The last act as a player sees it: the shaft beat that takes the loop from him, the sacrifice
staged (the fuse, Cage choosing to stay, the blast), and the comfort settings that tone it down."""

from __future__ import annotations

import json

import pygame
from player import key

from game import settings as settings_module
from game import tuning as T
from game.render.finale import FUSE_LINES, Finale
from game.scenes.base import BEAT_TICKS
from game.scenes.play import PlayScene
from game.scenes.shaft import DARK_AT, ShaftBeatScene
from game.sim import events as ev


def test_going_down_the_shaft_stops_the_day_for_the_beat_that_takes_the_loop(app):
    play = PlayScene(app, "beachhead")
    app.push(play)
    real_step = play.run.step
    fired = []

    def step(frame):
        events = real_step(frame)
        if not fired:
            fired.append(True)
            events = [*events, ev.FinalActBegun(play.run.world.tick)]
        return events

    play.run.step = step
    play.update()
    beat = app.top
    assert isinstance(beat, ShaftBeatScene)
    assert beat.title == f"LOOP {play.run.loop}"
    tick = play.run.world.tick
    for _ in range(20):
        app._update()
    assert play.run.world.tick == tick, "the day waits behind the beat"


def test_the_shaft_beat_keeps_the_cards_rules_and_its_mark_goes_dark(app):
    paused = []
    app.push(PlayScene(app, "beachhead"))
    beat = ShaftBeatScene(app, 5, on_pause=lambda: paused.append(True))
    app.push(beat)
    beat.handle_event(key(pygame.K_SPACE))  # still firing at the shaft's mouth
    assert app.top is beat
    beat.handle_event(key(pygame.K_ESCAPE))
    assert paused == [True] and app.top is beat
    assert beat.lit(0), "it starts lit: he still has the loop"
    assert not any(beat.lit(t) for t in range(DARK_AT, beat.total)), "then dark, for good"
    for _ in range(BEAT_TICKS):
        beat.update()
    beat.handle_event(key(pygame.K_RETURN))
    assert app.top is not beat


def test_the_fuse_is_staged_rita_calls_him_out_and_he_stays():
    finale = Finale()
    assert finale.line_at(0)[0].startswith("RITA")
    last_start, who, words = FUSE_LINES[-1]
    assert finale.line_at(T.CHARGE_FUSE - 1) == (who, words)
    assert who == "CAGE" and "staying" in words
    assert last_start < T.CHARGE_FUSE - 60, "his answer stays on screen a second at least"


def brightness(surface: pygame.Surface) -> int:
    """The screen's mean brightness (0-255): what a flash is, not a line of text."""
    return sum(pygame.transform.average_color(surface)[:3]) // 3


def test_with_flashes_off_the_blast_fades_in_dark_instead_of_flashing_white():
    finale = Finale()
    finale.observe([ev.OmegaDestroyed(0, 640.0, 360.0)])
    for flash, expected_white in ((1.0, True), (0.0, False)):
        peaks = []
        for frames in range(0, 120, 4):
            surface = pygame.Surface((1280, 720))
            surface.fill((60, 60, 60))
            finale.draw_blast(surface, frames, flash, lambda p: (640.0, 360.0))
            peaks.append(brightness(surface))
        assert (max(peaks) > 180) is expected_white, (flash, peaks)
        if not expected_white:
            steps = [b - a for a, b in zip(peaks, peaks[1:], strict=False)]
            assert max(steps) < 40, "no sudden jump in brightness"


def test_shake_and_flash_sliders_and_an_older_files_shake_off(app):
    play = PlayScene(app, "beachhead")
    app.push(play)
    app.settings.shake_intensity, app.settings.flash_intensity = 0.0, 0.0
    play.apply_settings(app.settings)
    view = play.view
    view.camera.add_trauma(1.0)
    view.camera.update(1 / 60, (view.camera.x, view.camera.y))
    assert (view.camera.shake_x, view.camera.shake_y) == (0, 0)
    flash = view.effects.flash
    flash.flash(1.0)
    screen = pygame.Surface((320, 180))
    flash.draw(screen)
    assert brightness(screen) == 0, "a hurt flash with flashes off draws nothing"
    path = settings_module.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "screen_shake": False}))
    loaded, problem = settings_module.load_settings()
    assert problem is None and loaded.shake_intensity == 0.0


def test_a_bigger_hud_is_bigger_on_screen_and_still_on_it(app):
    play = PlayScene(app, "beachhead")
    app.push(play)
    sizes = {}
    for scale in (1.0, 1.5):
        app.settings.ui_scale = scale
        play.draw(app.screen, 1.0)
        panels = [play.hud_layer.to_screen(p) for p in play.hud.panels]
        sizes[scale] = panels
        screen = app.screen.get_rect()
        assert all(screen.contains(p) for p in panels)
    small, big = sizes[1.0][0], sizes[1.5][0]  # the integrity panel
    assert abs(big.height / small.height - 1.5) < 0.05
    assert abs(big.width / small.width - 1.5) < 0.05


def test_a_marker_hint_is_shown_once_per_player_not_once_per_launch(app):
    play = PlayScene(app, "beachhead", persist=True)
    app.push(play)
    play._remember_hint("ghost")
    saved = json.loads(settings_module.settings_path().read_text())
    assert saved["hints_seen"] == ["ghost"]
    loaded, _ = settings_module.load_settings()
    app.settings = loaded
    again = PlayScene(app, "beachhead", persist=True)
    assert "ghost" in again.explained
    practice = PlayScene(app, "beachhead")  # a run that keeps nothing explains everything again
    assert not practice.explained

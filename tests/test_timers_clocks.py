"""The clocks on screen: the day clock (top centre), IGT and real time (the panel), what each F2
mode shows, and that every clock stops when the day or the run does."""

from __future__ import annotations

import json

import pygame
from player import key
from test_speedrun_session import EAST, course, omega_destroyed, walk_and_win

from game.render.timer import draw_timer, timer_lines
from game.replay.session import TIMER_MODES, SpeedrunSession, next_timer_mode
from game.scenes.play import PlayScene
from game.settings import Settings, load_settings, settings_path
from game.sim.inputs import InputFrame
from game.sim.loop import Run


def hud_only(play, world) -> pygame.Surface:
    """The HUD and the timer panel alone, on a transparent layer (no world beneath, no veil)."""
    layer = pygame.Surface(play.app.screen.get_size(), pygame.SRCALPHA)
    play._draw_hud(layer, world, None)
    return layer


def day_clock_pixels(play, world) -> bytes:
    layer = hud_only(play, world)
    w = layer.get_width()
    return pygame.image.tobytes(layer.subsurface(pygame.Rect(w // 2 - 120, 0, 240, 56)), "RGBA")


def opaque(layer: pygame.Surface, rect: pygame.Rect) -> int:
    """How many pixels in `rect` something was drawn on."""
    area = layer.subsurface(rect.clip(layer.get_rect()))
    return sum(1 for a in pygame.image.tobytes(area, "RGBA")[3::4] if a)


def ms(text: str) -> int:
    minutes, seconds = text.split(":")
    whole, millis = seconds.split(".")
    return (int(minutes) * 60 + int(whole)) * 1000 + int(millis)


def test_the_day_clock_holds_still_through_the_death_beat_and_after_the_omega(app, tmp_path):
    level, _atlas = course(tmp_path, killers=True)
    play = PlayScene(app, level.path)
    app.push(play)
    for _ in range(30):
        app._update()
    running = day_clock_pixels(play, play.run.world)
    for _ in range(30):
        app._update()
    assert day_clock_pixels(play, play.run.world) != running, "the clock runs while he lives"

    # Stand on the course until the drones kill him: the beat plays on, slowly; the clock waits.
    for _ in range(4000):
        app._update()
        if play.run.world.death_tick is not None:
            break
    world = play.run.world
    assert world.death_tick is not None
    at_death = day_clock_pixels(play, world)
    for _ in range(24):
        app._update()
    assert play.run.world is world and world.tick > world.death_tick + 8  # the beat went on
    assert day_clock_pixels(play, world) == at_death

    # A new day: the clock runs again from 0; then the Omega goes, and every clock stops.
    for _ in range(200):
        app._update()
        if play.run.world is not world and app.top is play:
            break
    for _ in range(40):
        while app.top is not play:  # the recap and the Loop card
            app.pop()
        app._update()
    world = play.run.world
    world.completed_tick = world.tick  # as the simulation marks the Omega's destruction
    play.run.completed = True
    play.session.after_step(play.run, [omega_destroyed(world.tick)])
    view = play.session.timer_view("splits")
    clock = day_clock_pixels(play, world)
    for _ in range(90):  # the staged blast plays over a day that stands still
        app._update()
    assert world.tick == world.completed_tick, "nothing steps the day once the run is over"
    assert day_clock_pixels(play, world) == clock
    later = play.session.timer_view("splits")
    assert (later.igt, later.real) == (view.igt, view.real) and later.finished


def test_off_shows_no_clock_at_all_and_the_default_shows_the_day_clock_alone(app):
    assert Settings().timer_mode == "day"
    play = PlayScene(app, "beachhead")
    app.push(play)
    for _ in range(60):
        app._update()
    world = play.run.world
    w = app.screen.get_width()
    top_centre = pygame.Rect(w // 2 - 150, 0, 300, 60)
    top_right = pygame.Rect(w - 330, 60, 330, 200)
    assert play.timer_mode == "day"
    layer = hud_only(play, world)
    assert opaque(layer, top_centre) > 500 and opaque(layer, top_right) == 0
    play.timer_mode = "off"
    layer = hud_only(play, world)
    assert opaque(layer, top_centre) == 0 and opaque(layer, top_right) == 0
    assert draw_timer(layer, play.session.timer_view("off")) is None
    assert not any(p.top < 60 and p.left < w // 2 < p.right for p in play.hud.panels)


def test_f2_cycles_the_clocks_and_each_mode_shows_what_it_names(app):
    play = PlayScene(app, "beachhead")
    app.push(play)
    for _ in range(30):
        app._update()
    shown = {}
    for _ in TIMER_MODES:
        play.handle_event(key(pygame.K_F2))
        view = play.session.timer_view(play.timer_mode)
        shown[play.timer_mode] = [line[0] or line[1] for line in timer_lines(view)]
        assert app.settings.timer_mode == play.timer_mode  # kept for the next launch
    assert list(shown) == ["day+igt", "day+igt+rta", "splits", "off", "day"]
    assert play.timer_mode == "day" and next_timer_mode("splits") == "off"
    assert shown["day"] == [] and shown["off"] == []
    assert "IGT" in shown["day+igt"] and "RTA" not in shown["day+igt"]
    assert {"IGT", "RTA"} <= set(shown["day+igt+rta"])
    assert {"IGT", "RTA", "Sum of best", "Best possible", "Gate code"} <= set(shown["splits"])
    assert "Timers: day clock" in play.notices.subtitle
    # Settings knows the same modes, and names each of them.
    from game import settings
    from game.scenes.labels import TIMER_LABELS

    assert settings.TIMER_MODES == TIMER_MODES and set(TIMER_LABELS) == set(TIMER_MODES)


def test_real_time_is_0_at_tick_0_and_never_below_igt(tmp_path):
    level, atlas = course(tmp_path)
    now = [50.0]
    run = Run(level, 0, None, atlas)
    session = SpeedrunSession.new(run, level, 0, record=False, clock=lambda: now[0])
    view = session.timer_view("day+igt+rta")
    assert (view.igt, view.real) == ("0:00.000", "0:00.000")
    for t in range(300):
        # The first frame runs five ticks at once (catching up), then one a frame, and at 200 the
        # game is paused for two seconds.
        if t >= 5:
            now[0] += 1 / 60
        if t == 200:
            now[0] += 2.0
        session.after_step(run, run.step(session.input(InputFrame() if t < 20 else EAST)))
        view = session.timer_view("day+igt+rta")
        assert ms(view.real) >= ms(view.igt), (t, view.real, view.igt)
        if t == 4:
            assert view.real == view.igt == "0:00.083"
    assert ms(view.real) - ms(view.igt) in range(1990, 2010)  # the pause, and nothing else


def at_the_first_split_after_a_best(tmp_path) -> SpeedrunSession:
    """A run on the test course, with a best run on record, just past its first split."""
    maps = course(tmp_path)
    walk_and_win(maps, wait=30)
    level, atlas = maps
    run = Run(level, 0, None, atlas)
    session = SpeedrunSession.new(run, level, 0, record=False)
    while not session.tracker.splits.done("Gate"):
        session.after_step(run, run.step(session.input(EAST)))
    return session


def test_the_best_possible_time_is_drawn_in_splits_mode(app, tmp_path):
    session = at_the_first_split_after_a_best(tmp_path)
    view = session.timer_view("splits")
    lines = {line[1]: line[4] for line in timer_lines(view)}
    assert lines["Best possible"] == view.best_possible and ms(view.best_possible) > 0
    assert lines["Sum of best"] == view.sum_of_best
    assert ms(view.best_possible) >= ms(view.igt)
    panel = draw_timer(pygame.Surface((1280, 720), pygame.SRCALPHA), view)
    quieter = draw_timer(
        pygame.Surface((1280, 720), pygame.SRCALPHA), session.timer_view("day+igt")
    )
    assert panel is not None and quieter is not None and panel.height > quieter.height


def test_a_split_toast_says_ahead_or_behind_the_pb(app):
    from game.render.notices import Notices
    from game.speedrun.bests import SplitResult

    notices = Notices(app.audio)
    notices.split(SplitResult("Seawall", 600, 300, 630, -30, 290, False))
    notices.split(SplitResult("Dam", 900, 300, 870, 30, 250, True))
    notices.split(SplitResult("Road", 900, 300, None, None, None, False))
    assert [t.text for t in notices.toasts] == ["0.500 ahead of PB", "0.500 behind PB · gold", ""]


def test_an_older_settings_file_keeps_the_clocks_it_showed(_aynik_home):
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    for old, new in (("off", "day"), ("run", "day+igt"), ("run+loop", "day+igt+rta")):
        path.write_text(json.dumps({"version": 1, "timer_mode": old}))
        settings, problem = load_settings()
        assert settings.timer_mode == new and problem is None
    path.write_text(json.dumps({"version": 2, "timer_mode": "off"}))
    assert load_settings()[0].timer_mode == "off"


def test_the_running_clocks_hold_their_width_and_render_no_text_as_they_run(app):
    """IGT and RTA are set in figures of equal width, as the day clock is: 0:11.888 ends where
    0:88.888 does (the panel's clock never wobbles as it runs), and no frame renders words for
    it (a new string each frame would also push every other word out of the text cache)."""
    from dataclasses import replace

    from game.render import timer as timer_module
    from game.render import ui

    run = Run(PlayScene(app, "beachhead").run.level, 0)
    session = SpeedrunSession.new(run, run.level, 0, record=False)
    view = session.timer_view("day+igt+rta")
    surface = pygame.Surface((1280, 720))
    draw_timer(surface, view)  # the panel's words and the figures, made once
    misses = ui.render_text.cache_info().misses
    widths = []
    for igt in ("0:11.888", "0:88.888", "0:47.888"):  # the same last figures: they end alike
        surface.fill((0, 0, 0))
        draw_timer(surface, replace(view, igt=igt, real=igt))
        left = 1280 - timer_module.WIDTH - timer_module.MARGIN + 10 + timer_module.LABEL_W
        igt_line = surface.subsurface((left, 64, timer_module.WIDTH - 60, 44))
        lit = pygame.mask.from_threshold(igt_line, (236, 236, 228), (40, 40, 40, 255))
        (box,) = [lit.get_bounding_rects()[0].unionall(lit.get_bounding_rects())]
        widths.append(box.right)  # where the time ends
    assert widths[0] > 80  # the time is on screen
    assert ui.render_text.cache_info().misses == misses  # every word of it was kept
    assert len(set(widths)) == 1


def test_the_panel_looks_as_its_words_drawn_one_by_one_and_a_running_frame_renders_none(
    app, tmp_path, monkeypatch
):
    """The panel's words are set once on a layer of their own while its lines stay the same: the
    splits panel, on the screen and on the HUD's clear layer, is the very picture of its backing
    and each word drawn on it in turn, and a frame whose clocks alone moved draws no word again."""
    from dataclasses import replace

    from game.render import timer as timer_module
    from game.render import ui

    view = at_the_first_split_after_a_best(tmp_path).timer_view("splits")
    lines = timer_lines(view)
    assert any(right for *_, right, _ in lines)  # a right-hand column to set beside the names

    def one_by_one(surface: pygame.Surface) -> None:
        x0, y = 1280 - timer_module.WIDTH - timer_module.MARGIN, 64
        surface.blit(timer_module._panel(sum(int(s * 1.15) for *_, s, _, _, _ in lines) + 12),
                     (x0, y))  # fmt: skip
        y += 6
        for label, text, size, color, right, right_color in lines:
            if label:
                ui.draw_text(surface, label, 16, timer_module.DIM, (x0 + 10, y + size - 20))
                timer_module._draw_clock(surface, text, size, color, x0 + 10 + 44, y)
            else:
                ui.draw_text(surface, text, size, color, (x0 + 10, y))
            if right:
                ui.draw_text(surface, right, min(size, 22), right_color,
                             (x0 + timer_module.WIDTH - 10, y + 2), "topright")  # fmt: skip
            y += int(size * 1.15)

    for flags, ground in ((0, (40, 90, 60)), (pygame.SRCALPHA, (0, 0, 0, 0))):
        drawn, expected = (pygame.Surface((1280, 720), flags) for _ in range(2))
        drawn.fill(ground)
        expected.fill(ground)
        draw_timer(drawn, view)
        one_by_one(expected)
        assert pygame.image.tobytes(drawn, "RGBA") == pygame.image.tobytes(expected, "RGBA")

    words = []
    monkeypatch.setattr(ui, "draw_text", lambda *args, **kw: words.append(args[1]))
    draw_timer(pygame.Surface((1280, 720)), replace(view, igt="0:47.125", real="0:48.500"))
    assert words == []

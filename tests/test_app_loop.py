"""The game's main loop as a player gets it: no command opens the title, and a slow machine
slows the game down rather than spiralling (App.run's catch-up, driven here by a fake clock)."""

from __future__ import annotations

import pygame
import pytest

from game import app as app_module
from game.app import MAX_CATCH_UP, App, AppOptions
from game.cli import commands as cli
from game.scenes.title import TitleScene


def test_no_command_opens_the_game_at_its_title(monkeypatch, tmp_path):
    """`aynik` alone: the real App starts on the title screen and draws it."""
    started, real_run = [], App.run
    shot = tmp_path / "title.png"

    def run_three_frames(self: App) -> int:
        self.options.frames, self.options.screenshot = 3, str(shot)
        self.lockstep = True  # headless: one update a frame
        return real_run(self)

    def first_scene(self: App):
        scene = real_first_scene(self)
        started.append(type(scene))
        return scene

    real_first_scene = App.first_scene
    monkeypatch.setattr(App, "run", run_three_frames)
    monkeypatch.setattr(App, "first_scene", first_scene)
    assert cli.main([]) == 0
    assert started == [TitleScene]
    image = pygame.image.load(str(shot))
    colours = {image.get_at((x, y))[:3] for x in range(0, 1280, 41) for y in range(0, 720, 29)}
    assert len(colours) > 8, "the title is drawn, not a blank window"


class FakeClock:
    def tick(self, _cap: int) -> int:
        return 0


@pytest.mark.parametrize(
    ("ms_per_frame", "ticks_per_frame"),
    [
        (1000, MAX_CATCH_UP),  # a second behind every frame: at most MAX_CATCH_UP ticks, then slow
        (50, 3),  # 50 ms: three whole ticks of 16.7 ms each frame
    ],
)
def test_a_slow_frame_catches_up_at_most_max_catch_up_ticks(monkeypatch, ms_per_frame,
                                                            ticks_per_frame):  # fmt: skip
    game = App(AppOptions(frames=6))
    game.lockstep = False  # the real clock's path, not the headless lockstep
    game.clock = FakeClock()
    now = [0]

    def get_ticks() -> int:
        now[0] += ms_per_frame // 2  # read twice a frame (the ticks, then the music's clock)
        return now[0]

    updates = []
    monkeypatch.setattr(app_module.pygame.time, "get_ticks", get_ticks)
    monkeypatch.setattr(game, "_update", lambda: updates.append(now[0]))
    assert game.run() == 0
    frames = game.frame_count
    assert frames == 6
    # However far behind, no frame runs more than MAX_CATCH_UP ticks: the game slows down.
    assert len(updates) <= frames * MAX_CATCH_UP
    per_frame = [sum(1 for t in updates if t == stamp) for stamp in sorted(set(updates))]
    assert max(per_frame) == ticks_per_frame


def test_after_a_long_stall_the_game_drops_the_lost_time_instead_of_racing_to_catch_it(
    monkeypatch,
):
    """One frame takes two seconds (a disk stall, a window drag): it runs MAX_CATCH_UP ticks and
    forgets the rest, so the frames after it run at the normal pace, not five ticks each."""
    game = App(AppOptions(frames=8))
    game.lockstep = False
    game.clock = FakeClock()
    # The clock is read twice a frame (the ticks, then the music's): the start, the stalled frame,
    # then 8 ms a read, a 60 fps frame each two reads.
    readings = iter([0, 2000, 2000])
    now = [0]

    def get_ticks() -> int:
        now[0] = next(readings, now[0] + 8)
        return now[0]

    updates: list[int] = []
    monkeypatch.setattr(app_module.pygame.time, "get_ticks", get_ticks)
    monkeypatch.setattr(game, "_update", lambda: updates.append(now[0]))
    assert game.run() == 0
    per_frame = [sum(1 for t in updates if t == stamp) for stamp in sorted(set(updates))]
    assert per_frame[0] == MAX_CATCH_UP, "the stalled frame catches up as far as it may"
    assert all(n <= 1 for n in per_frame[1:]), f"then the normal pace again: {per_frame}"

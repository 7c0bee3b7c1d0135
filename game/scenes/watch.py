"""Watching a replay: the recorded inputs re-run through the simulation on screen.

Space pauses, Left/Right halve or double the speed, Up/Down (or PageUp/PageDown) jump to the
previous or next loop, Home to the start, Esc leaves. The run is re-simulated from the file's
maps, seed, starting Memory and inputs (game.replay.playback), so what is shown is exactly what the
recording holds; the timer and splits are the recording's own.
"""

from __future__ import annotations

import pygame

from game.level.names import map_key
from game.render import ui
from game.render.hud import Hud
from game.render.view import WorldView
from game.replay.playback import Playback
from game.scenes.base import Scene
from game.speedrun.timefmt import format_ticks

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0)


class WatchScene(Scene):
    def __init__(self, app, replay, path: str, back=None) -> None:
        super().__init__(app)
        self.replay = replay
        self.path = path
        self.back = back  # what Esc does (default: quit the game, as `aynik replay` does)
        self.playback = Playback(replay)
        self.views: dict[str, WorldView] = {}
        self.hud = Hud(self._view().sheets)
        self.paused = False
        self.speed_index = 2
        self.budget = 0.0
        self.starts = self.playback.loop_starts()

    def _view(self) -> WorldView:
        world = self.playback.run.world
        key = map_key(world.level.path)
        if key not in self.views:
            sheets = next(iter(self.views.values())).sheets if self.views else None
            self.views[key] = WorldView(world.level, self.app.screen.get_size(), sheets=sheets)
        return self.views[key]

    def resize(self, size: tuple[int, int]) -> None:
        for view in self.views.values():
            view.resize(size)

    def _loop_index(self) -> int:
        position = self.playback.position
        return max(i for i, s in enumerate(self.starts) if s.ticks <= position)

    def _jump(self, index: int) -> None:
        self.playback.jump_to_loop(index)
        self._view().new_day(self.playback.run.world)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type != pygame.KEYDOWN:
            return
        key = event.key
        if key == pygame.K_ESCAPE:
            if self.back is not None:
                self.back()
            else:
                self.app.quit()
        elif key == pygame.K_SPACE:
            self.paused = not self.paused
        elif key == pygame.K_RIGHT:
            self.speed_index = min(len(SPEEDS) - 1, self.speed_index + 1)
        elif key == pygame.K_LEFT:
            self.speed_index = max(0, self.speed_index - 1)
        elif key in (pygame.K_DOWN, pygame.K_PAGEDOWN):
            self._jump(min(len(self.starts) - 1, self._loop_index() + 1))
        elif key in (pygame.K_UP, pygame.K_PAGEUP):
            index = self._loop_index()
            # Up goes to this loop's start, or the one before if we are already there.
            at_start = self.playback.position - self.starts[index].ticks < 30
            self._jump(max(0, index - 1) if at_start else index)
        elif key == pygame.K_HOME:
            self._jump(0)

    def update(self) -> None:
        if self.paused:
            return
        self.budget += SPEEDS[self.speed_index]
        while self.budget >= 1.0:
            self.budget -= 1.0
            world = self.playback.run.world
            view = self._view()
            view.before_step(world)
            stepped = self.playback.step()
            if stepped is None:
                self.budget = 0.0
                return
            events, _splits = stepped
            view = self._view()  # an Exit may have taken the day to another map
            view.observe(events)
            if self.speed_index <= 3:  # above double speed the sound would only be noise
                self.app.audio.observe(events, self.playback.run.world.cage.position)

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        run = self.playback.run
        view = self._view()
        view.draw(surface, run.world, alpha if not self.paused else 1.0, None)
        self.hud.draw(surface, run.world, None, None if run.world.final_act else run.loop)
        timer = self.playback.tracker.timer
        w, h = surface.get_size()
        igt = format_ticks(timer.igt_ticks)
        state = "paused" if self.paused else f"x{SPEEDS[self.speed_index]:g}"
        if self.playback.at_end or run.completed:
            state = "end"
        loop = self.starts[self._loop_index()]
        header = (
            f"REPLAY  {igt}  ·  {'Day 0' if loop.loop == 0 else f'loop {loop.loop}'}  ·  "
            f"{self.playback.position}/{self.playback.total} ticks  ·  {state}"
        )
        ui.draw_text(surface, header, 24, (235, 235, 225), (w // 2, h - 40), "midbottom")
        keys = (
            "Space pause · Left/Right speed · Up/Down previous/next loop · Home start · Esc leave"
        )
        ui.draw_text(surface, keys, 20, (180, 180, 170), (w // 2, h - 14), "midbottom")

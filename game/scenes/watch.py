"""Watching a replay: the recorded inputs re-run through the simulation on screen.

Space pauses, Left/Right halve or double the speed, Esc leaves. The run is re-simulated from the
file's seed and inputs, so what is shown is exactly what the recording holds.
"""

from __future__ import annotations

import pygame

from game.level.campaign import resolve_level
from game.level.loader import load_level
from game.render import ui
from game.render.hud import Hud
from game.render.view import WorldView
from game.scenes.base import Scene
from game.sim.loop import LoopStarted, Run

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)


class WatchScene(Scene):
    def __init__(self, app, replay, path: str) -> None:
        super().__init__(app)
        self.replay = replay
        self.path = path
        self.level = load_level(resolve_level(replay.header["level"]))
        self.run = Run(self.level, replay.seed)
        self.view = WorldView(self.level, app.screen.get_size())
        self.hud = Hud()
        self.position = 0
        self.paused = False
        self.speed_index = 2
        self.budget = 0.0

    def resize(self, size: tuple[int, int]) -> None:
        self.view.resize(size)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type != pygame.KEYDOWN:
            return
        if event.key == pygame.K_ESCAPE:
            self.app.quit()
        elif event.key == pygame.K_SPACE:
            self.paused = not self.paused
        elif event.key == pygame.K_RIGHT:
            self.speed_index = min(len(SPEEDS) - 1, self.speed_index + 1)
        elif event.key == pygame.K_LEFT:
            self.speed_index = max(0, self.speed_index - 1)

    def update(self) -> None:
        if self.paused:
            return
        self.budget += SPEEDS[self.speed_index]
        while self.budget >= 1.0 and self.position < len(self.replay.frames):
            self.budget -= 1.0
            self.view.before_step(self.run.world)
            events = self.run.step(self.replay.frames[self.position])
            self.position += 1
            self.view.observe(events)
            self.app.audio.observe(events, self.run.world.cage.position)
            if any(isinstance(e, LoopStarted) for e in events) and hasattr(self.view, "new_day"):
                self.view.new_day(self.run.world)

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        self.view.draw(surface, self.run.world, alpha, None)
        self.hud.draw(surface, self.run.world, pygame.mouse.get_pos(), self.run.loop)
        w, h = surface.get_size()
        total = len(self.replay.frames)
        state = "paused" if self.paused else f"x{SPEEDS[self.speed_index]:g}"
        text = f"REPLAY  {self.position}/{total} ticks  {state}   Space pause · ←/→ speed · Esc"
        ui.draw_text(surface, text, 24, (230, 230, 220), (w // 2, h - 12), "midbottom")

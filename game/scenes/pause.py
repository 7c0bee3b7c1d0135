"""The pause menu: the day stops (no ticks pass) while it is open."""

from __future__ import annotations

import pygame

from game.render import ui
from game.scenes.base import Menu, Scene


class PauseScene(Scene):
    overlay = True

    def __init__(self, app, play_scene) -> None:
        super().__init__(app)
        self.play = play_scene
        self.menu = Menu(
            [
                ("Resume", app.pop),
                ("Restart the day", self._restart),
                ("Journal", self._journal),
                ("Settings", self._settings),
                ("Quit to title", self._to_title),
                ("Quit game", app.quit),
            ],
            app.audio,
        )

    def _restart(self) -> None:
        self.app.pop()
        self.play.request_reset()

    def _journal(self) -> None:
        self.app.open("journal", run=self.play.run)

    def _settings(self) -> None:
        self.app.open("settings")

    def _to_title(self) -> None:
        self.app.go("title")

    def handle_event(self, event: pygame.event.Event) -> None:
        if (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE) or (
            event.type == pygame.CONTROLLERBUTTONDOWN
            and event.button in (pygame.CONTROLLER_BUTTON_START, pygame.CONTROLLER_BUTTON_B)
        ):
            self.app.audio.play("ui_back", 0.6)
            self.app.pop()
            return
        self.menu.handle_event(event)

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        ui.shade(surface, 150)
        w, h = surface.get_size()
        ui.draw_text(surface, "PAUSED", 72, (235, 235, 225), (w // 2, h // 4), "midtop", True)
        self.menu.draw(surface, w // 2, h // 4 + 110)

"""Cards: a short full-screen message between moments of play ("Loop 7"). Skippable."""

from __future__ import annotations

import pygame

from game.render import ui
from game.scenes.base import Scene

CARD_TICKS = 90  # 1.5 s unless skipped


class CardScene(Scene):
    overlay = True

    def __init__(self, app, title: str, subtitle: str = "", ticks: int = CARD_TICKS) -> None:
        super().__init__(app)
        self.title = title
        self.subtitle = subtitle
        self.ticks_left = ticks
        self.total = ticks

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.CONTROLLERBUTTONDOWN):
            self.app.pop()

    def update(self) -> None:
        self.ticks_left -= 1
        if self.ticks_left <= 0:
            self.app.pop()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        shown = self.total - self.ticks_left
        fade = min(1.0, shown / 12, self.ticks_left / 15)
        ui.shade(surface, int(235 * min(1.0, fade * 1.4)))
        w, h = surface.get_size()
        a = int(255 * fade)
        ui.draw_text(
            surface, self.title, 88, (235, 235, 240), (w // 2, h // 2 - 30), "center", True, alpha=a
        )
        if self.subtitle:
            ui.draw_text(
                surface,
                self.subtitle,
                28,
                (200, 160, 110),
                (w // 2, h // 2 + 36),
                "center",
                alpha=a,
            )

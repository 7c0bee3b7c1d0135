"""Scene: one screen of the game on the App's stack (title, play, pause, cards).

Owns the interface every scene implements and the small menu widget they share. Scenes are wiring:
they hold the objects that do the work (the run, the view, the HUD) and connect them.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.render import ui


class Scene:
    overlay = False  # True: the scene below is drawn first (pause menu, cards)

    def __init__(self, app) -> None:
        self.app = app

    def enter(self) -> None: ...

    def leave(self) -> None: ...

    def resize(self, size: tuple[int, int]) -> None: ...

    def handle_event(self, event: pygame.event.Event) -> None: ...

    def update(self) -> None:
        """One fixed 1/60 s tick."""

    def draw(self, surface: pygame.Surface, alpha: float) -> None: ...


class Menu:
    """A vertical list of choices driven by keys, mouse or gamepad."""

    def __init__(self, items: list[tuple[str, Callable[[], None]]], audio=None) -> None:
        self.items = items
        self.index = 0
        self.audio = audio
        self.rects: list[pygame.Rect] = []

    def _move(self, delta: int) -> None:
        self.index = (self.index + delta) % len(self.items)
        if self.audio:
            self.audio.play("ui_move", 0.6)

    def _choose(self) -> None:
        if self.audio:
            self.audio.play("ui_select", 0.7)
        self.items[self.index][1]()

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_UP, pygame.K_w):
                self._move(-1)
            elif event.key in (pygame.K_DOWN, pygame.K_s):
                self._move(1)
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_e):
                self._choose()
        elif event.type == pygame.CONTROLLERBUTTONDOWN:
            if event.button == pygame.CONTROLLER_BUTTON_DPAD_UP:
                self._move(-1)
            elif event.button == pygame.CONTROLLER_BUTTON_DPAD_DOWN:
                self._move(1)
            elif event.button == pygame.CONTROLLER_BUTTON_A:
                self._choose()
        elif event.type == pygame.MOUSEMOTION:
            for i, rect in enumerate(self.rects):
                if rect.collidepoint(event.pos) and i != self.index:
                    self.index = i
                    if self.audio:
                        self.audio.play("ui_move", 0.4)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            for i, rect in enumerate(self.rects):
                if rect.collidepoint(event.pos):
                    self.index = i
                    self._choose()
                    return

    def draw(self, surface: pygame.Surface, center_x: int, top: int, size: int = 34) -> None:
        self.rects = []
        y = top
        for i, (label, _) in enumerate(self.items):
            selected = i == self.index
            color = (255, 214, 120) if selected else (200, 200, 190)
            text = f"›  {label}  ‹" if selected else label
            rect = ui.draw_text(surface, text, size, color, (center_x, y), anchor="midtop")
            self.rects.append(rect.inflate(80, 8))
            y += int(size * 1.45)

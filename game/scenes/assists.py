"""The assists screen: three gentler rules a player can switch on, and what switching costs.

Owns the screen reached from the recap (after repeated deaths at one place) and from Settings.
Up/Down choose, Enter, Space or Left/Right switch, Esc goes back (the pad: d-pad, A, B). Every
change goes into the settings at once and is saved on leave; the play scene below applies it
when the next day begins (game.scenes.play). Wiring only: what each assist does is
game.sim.assists, what it costs a run is game.speedrun.category.
"""

from __future__ import annotations

import pygame

from game import settings as settings_module
from game.render import ui
from game.scenes.base import Menu, Scene
from game.scenes.labels import ASSIST_ROWS as ROWS

INK = (232, 226, 210)
DIM = (160, 154, 140)
ACCENT = (255, 214, 120)
ON = (120, 220, 160)

COST = (
    "An assisted run is marked in its replay and kept off personal bests and golds.",
    "A change takes effect when the next day begins, and starts a new recording from there.",
)


class AssistScene(Scene):
    overlay = False  # a screen of its own: the recap or the menus under it would show through

    def __init__(self, app) -> None:
        super().__init__(app)
        self.settings = app.settings
        # The assists, then Back: the shared menu moves, chooses and follows the mouse.
        items = [(label, lambda bit=bit: self.toggle(bit)) for bit, label, _ in ROWS]
        self.menu = Menu([*items, ("Back", self._back)], app.audio)

    @property
    def index(self) -> int:
        return self.menu.index

    def leave(self) -> None:
        try:
            settings_module.save_settings(self.settings)
        except OSError:
            pass

    def toggle(self, bit: int) -> None:
        on = not self.settings.assists.has(bit)
        self.settings.set_assist(bit, on)
        for scene in self.app.scenes:
            if hasattr(scene, "apply_settings"):
                scene.apply_settings(self.settings)

    def _back(self) -> None:
        self.app.audio.play("ui_back", 0.6)
        self.app.pop()

    def handle_event(self, event: pygame.event.Event) -> None:
        if (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE) or (
            event.type == pygame.CONTROLLERBUTTONDOWN
            and event.button in (pygame.CONTROLLER_BUTTON_B, pygame.CONTROLLER_BUTTON_START)
        ):
            self._back()
        elif event.type == pygame.KEYDOWN and event.key in (
            pygame.K_LEFT, pygame.K_RIGHT, pygame.K_a, pygame.K_d,
        ):  # fmt: skip
            if self.index < len(ROWS):  # Left/Right switch the row under the cursor
                self.app.audio.play("ui_select", 0.6)
                self.toggle(ROWS[self.index][0])
        else:
            self.menu.handle_event(event)

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        surface.fill((10, 12, 16))
        w, h = surface.get_size()
        ui.draw_text(surface, "ASSISTS", 60, INK, (w // 2, 40), "midtop", True)
        ui.draw_text(surface, "A gentler day, for as long as you want it.", 26, DIM,
                     (w // 2, 100), "midtop")  # fmt: skip
        rects = self.menu.rects = []
        y = 160
        left = w // 2 - 320
        current = self.settings.assists
        for i, (bit, label, explain) in enumerate(ROWS):
            selected = i == self.index
            on = current.has(bit)
            box = pygame.Rect(left, y + 6, 20, 20)
            pygame.draw.rect(surface, ON if on else DIM, box, 0 if on else 2, border_radius=3)
            if on:
                pygame.draw.lines(surface, (16, 30, 20), False,
                                  [(box.x + 4, box.y + 10), (box.x + 8, box.y + 15),
                                   (box.x + 16, box.y + 5)], 3)  # fmt: skip
            color = ACCENT if selected else INK
            rect = ui.draw_text(surface, label, 32, color, (left + 36, y))
            state = ui.draw_text(surface, "on" if on else "off", 28, ON if on else DIM,
                                 (w // 2 + 320, y + 2), "topright")  # fmt: skip
            ui.draw_text(surface, explain, 22, DIM, (left + 36, y + 36))
            rects.append(rect.union(state).union(box).inflate(16, 40))
            if selected:
                pygame.draw.rect(surface, (*ACCENT, 255), (left - 16, y + 2, 4, 56))
            y += 84
        selected = self.index == len(ROWS)
        back = ui.draw_text(surface, "›  Back  ‹" if selected else "Back", 30,
                            ACCENT if selected else INK, (w // 2, y + 6), "midtop")  # fmt: skip
        rects.append(back.inflate(80, 8))
        y += 70
        for line in COST:
            ui.draw_text(surface, line, 22, (220, 170, 120), (w // 2, y), "midtop")
            y += 28
        hint = "Up/Down choose · Enter switch · Esc back"
        ui.draw_text(surface, hint, 22, DIM, (w // 2, h - 14), "midbottom")

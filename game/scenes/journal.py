"""The journal (Tab): what Cage remembers, Rita's training, and the death log. The day waits."""

from __future__ import annotations

import pygame

from game.render import ui
from game.scenes.base import Scene
from game.sim.knowledge import atlas_titles, describe
from game.sim.training import ABILITIES
from game.tuning import TICK_RATE

INK = (232, 226, 210)
DIM = (160, 154, 140)
ACCENT = (240, 190, 100)


def clock(ticks: int) -> str:
    seconds, frames = divmod(ticks, TICK_RATE)
    return f"{seconds // 60}:{seconds % 60:02d}.{frames * 1000 // TICK_RATE:03d}"


class JournalScene(Scene):
    overlay = True

    def __init__(self, app, run) -> None:
        super().__init__(app)
        self.run = run
        self.titles = atlas_titles(run.atlas.values())

    def handle_event(self, event: pygame.event.Event) -> None:
        closing_keys = (pygame.K_TAB, pygame.K_ESCAPE, pygame.K_j)
        if (event.type == pygame.KEYDOWN and event.key in closing_keys) or (
            event.type == pygame.CONTROLLERBUTTONDOWN
            and event.button in (pygame.CONTROLLER_BUTTON_BACK, pygame.CONTROLLER_BUTTON_B)
        ):
            self.app.audio.play("ui_back", 0.6)
            self.app.pop()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        ui.shade(surface, 245, (10, 12, 16))
        w, h = surface.get_size()
        memory = self.run.memory
        loop = "Day 0 — the loop is not yours yet" if not memory.looping else f"Loop {memory.loop}"
        ui.draw_text(surface, "JOURNAL", 64, INK, (w // 2, 28), "midtop", True)
        ui.draw_text(surface, loop, 28, ACCENT, (w // 2, 84), "midtop")
        column = (w - 120) // 3
        left, mid, right = 40, 60 + column, 80 + 2 * column
        top = 140

        ui.draw_text(surface, "WHAT YOU KNOW", 30, ACCENT, (left, top))
        y = top + 40
        if not memory.knowledge:
            ui.draw_text(surface, "Nothing yet. Watch. Remember.", 24, DIM, (left, y))
        for knowledge_id, learned in list(memory.knowledge.items())[-18:]:
            text = describe(knowledge_id, self.titles)
            ui.draw_text(surface, f"loop {learned}", 20, DIM, (left, y + 3))
            y = self._wrapped(surface, text, left + 70, y, column - 70)

        ui.draw_text(surface, "RITA'S TRAINING", 30, ACCENT, (mid, top))
        y = top + 40
        ui.draw_text(surface, f"Level {memory.training_level} of 5", 26, INK, (mid, y))
        y += 36
        for level, ability in ABILITIES.items():
            done = memory.training_level >= level
            box = pygame.Rect(mid, y + 4, 14, 14)
            pygame.draw.rect(surface, ACCENT if done else DIM, box, 0 if done else 2)
            ui.draw_text(surface, f"{level}. {ability}", 24, INK if done else DIM, (mid + 24, y))
            y += 30

        ui.draw_text(surface, "DEATH LOG", 30, ACCENT, (right, top))
        y = top + 40
        if not memory.deaths:
            ui.draw_text(surface, "No deaths yet.", 24, DIM, (right, y))
        for death in memory.deaths[-14:][::-1]:
            line = f"loop {death.loop}  {clock(death.tick)}"
            ui.draw_text(surface, line, 20, DIM, (right, y + 3))
            y = self._wrapped(surface, death.cause, right + 150, y, column - 150)
        ui.draw_text(surface, "Tab to close", 22, DIM, (w // 2, h - 16), "midbottom")

    @staticmethod
    def _wrapped(surface, text: str, x: int, y: int, width: int) -> int:
        """Draw `text` wrapped to `width` px; return the y below it."""
        words = text.split()
        line = ""
        font = ui.font(22)
        for word in words:
            trial = f"{line} {word}".strip()
            if font.size(trial)[0] > width and line:
                ui.draw_text(surface, line, 22, INK, (x, y))
                y += 24
                line = word
            else:
                line = trial
        if line:
            ui.draw_text(surface, line, 22, INK, (x, y))
            y += 24
        return y + 6

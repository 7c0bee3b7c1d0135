"""The journal (Tab): what Cage remembers, Rita's training, and the death log. The day waits."""

from __future__ import annotations

import pygame

from game.render import ui
from game.render.legend import ICON, build_icons
from game.render.sheets import SheetBank
from game.scenes.base import Scene
from game.scenes.markers import MARKER_HINTS
from game.sim.knowledge import atlas_intel, atlas_titles, describe
from game.sim.training import ABILITIES
from game.tuning import TICK_RATE

INK = (232, 226, 210)
DIM = (160, 154, 140)
ACCENT = (240, 190, 100)
ACCENT_SOFT = (236, 214, 160)
# What the marks on the map mean (the play scene says each of the first four once, the first time
# one is there), by the key of its picture in game.render.legend.
LEGEND = (
    *((key, heading, text) for key, (heading, text) in MARKER_HINTS.items()),
    ("drill", "NUMBERED RINGS", "A drill's marks: run them in order; the next one pulses."),
    ("gate", "HAZARD STRIPES", "A gate: knowledge opens it, or a code typed at its keypad (E)."),
    (
        "seal",
        "VIOLET SACS",
        "Sealed by the Mimics: it opens the day the ones who made it are dead.",
    ),
    ("emerge", "CRACKS, A CLOSING RING", "A Mimic about to burst out of the ground: step away."),
    ("intel", "RINGED CASES", "Something to read: walk over it. What it says stays in here."),
    ("charge", "THE CHARGE", "Walk over it to carry it; hold E at the Omega's core to plant it."),
)


def clock(ticks: int) -> str:
    seconds, frames = divmod(ticks, TICK_RATE)
    return f"{seconds // 60}:{seconds % 60:02d}.{frames * 1000 // TICK_RATE:03d}"


class JournalScene(Scene):
    # A page of its own: nothing below shows through (the pause menu's lines ran into its text).
    overlay = False

    def __init__(self, app, run) -> None:
        super().__init__(app)
        self.run = run
        self.titles = atlas_titles(run.atlas.values())
        self.intel = atlas_intel(run.atlas.values())
        self.page = 0  # 0: what he knows, his training, his deaths; 1: what he read, whole
        self.icons: dict[str, pygame.Surface] | None = None  # the legend's, built when first shown

    def handle_event(self, event: pygame.event.Event) -> None:
        turning = (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_a, pygame.K_d)
        pad_turning = (pygame.CONTROLLER_BUTTON_DPAD_LEFT, pygame.CONTROLLER_BUTTON_DPAD_RIGHT)
        if (event.type == pygame.KEYDOWN and event.key in turning) or (
            event.type == pygame.CONTROLLERBUTTONDOWN and event.button in pad_turning
        ):
            self.page = 1 - self.page
            self.app.audio.play("ui_move", 0.6)
            return
        closing_keys = (pygame.K_TAB, pygame.K_ESCAPE, pygame.K_j)
        if (event.type == pygame.KEYDOWN and event.key in closing_keys) or (
            event.type == pygame.CONTROLLERBUTTONDOWN
            and event.button in (pygame.CONTROLLER_BUTTON_BACK, pygame.CONTROLLER_BUTTON_B)
        ):
            self.app.audio.play("ui_back", 0.6)
            self.app.pop()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        surface.fill((10, 12, 16))
        w, h = surface.get_size()
        memory = self.run.memory
        loop = "Day 0 — the loop is not yours yet" if not memory.looping else f"Loop {memory.loop}"
        ui.draw_text(surface, "JOURNAL", 64, INK, (w // 2, 28), "midtop", True)
        ui.draw_text(surface, loop, 28, ACCENT, (w // 2, 84), "midtop")
        read = [k for k in memory.knowledge if k in self.intel]
        other = "what you read, and the map's legend" if self.page == 0 else "what you know"
        footer = f"Tab to close  ·  Left/Right: {other}"
        if self.page == 1:
            self._read_page(surface, read)
            ui.draw_text(surface, footer, 22, DIM, (w // 2, h - 16), "midbottom")
            return
        column = (w - 120) // 3
        left, mid, right = 40, 60 + column, 80 + 2 * column
        top = 140

        ui.draw_text(surface, "WHAT YOU KNOW", 30, ACCENT, (left, top))
        y = top + 40
        if not memory.knowledge:
            ui.draw_text(surface, "Nothing yet. Watch. Remember.", 24, DIM, (left, y))
        known = [(k, loop) for k, loop in memory.knowledge.items() if k not in self.intel]
        for knowledge_id, learned in known[-16:]:
            text = describe(knowledge_id, self.titles)
            ui.draw_text(surface, f"loop {learned}", 20, DIM, (left, y + 3))
            y = self._wrapped(surface, text, left + 70, y, column - 70)
            if y > h - 60:
                break

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
        read_hint_y = y + 16

        ui.draw_text(surface, "DEATH LOG", 30, ACCENT, (right, top))
        y = top + 40
        if not memory.deaths:
            ui.draw_text(surface, "No deaths yet.", 24, DIM, (right, y))
        for death in memory.deaths[-14:][::-1]:
            line = f"loop {death.loop}  {clock(death.tick)}"
            ui.draw_text(surface, line, 20, DIM, (right, y + 3))
            y = self._wrapped(surface, death.cause, right + 150, y, column - 150)
        ui.draw_text(surface, f"WHAT YOU READ ({len(read)}), THE LEGEND: Left/Right", 22,
                     ACCENT_SOFT, (mid, read_hint_y))  # fmt: skip
        ui.draw_text(surface, footer, 22, DIM, (w // 2, h - 16), "midbottom")

    def _read_page(self, surface: pygame.Surface, read: list[str]) -> None:
        """What he read, word for word, in two columns (intel keeps its whole text here), and
        the legend of the marks on the map."""
        w, h = surface.get_size()
        column = (w - 120) // 2
        self._legend(surface, 80 + column, 140, column)
        x, y = 40, 140
        ui.draw_text(surface, "WHAT YOU READ", 30, ACCENT, (x, y))
        y += 44
        if not read:
            ui.draw_text(surface, "Nothing yet. The dead leave notes.", 24, DIM, (x, y))
        for knowledge_id in read:
            title, text = self.intel[knowledge_id]
            y = self._wrapped(surface, title, x, y, column, ACCENT_SOFT, 24)
            for paragraph in text.split("\n"):
                y = self._wrapped(surface, paragraph, x + 14, y - 6, column - 14, INK, 21)
            y += 10

    def _legend(self, surface: pygame.Surface, x: int, y: int, width: int) -> None:
        """Each mark as the map draws it, what it is called, and what it means."""
        if self.icons is None:
            self.icons = build_icons(SheetBank())
        ui.draw_text(surface, "ON THE MAP", 30, ACCENT, (x, y))
        y += 42
        text_x = x + ICON + 12
        for key, heading, text in LEGEND:
            top = y
            y = self._wrapped(surface, heading, text_x, y, width - ICON - 12, ACCENT_SOFT, 20)
            y = self._wrapped(surface, text, text_x, y - 8, width - ICON - 12, INK, 18) - 4
            icon = self.icons.get(key)
            if icon is not None:
                surface.blit(icon, (x, top + max(0, (y - top - ICON) // 2)))
            y = max(y, top + ICON + 2)

    @staticmethod
    def _wrapped(surface, text: str, x: int, y: int, width: int, color=INK, size: int = 22) -> int:
        """Draw `text` wrapped to `width` px; return the y below it."""
        for line in ui.wrap_text(text, size, width):
            ui.draw_text(surface, line, size, color, (x, y))
            y += size + 2
        return y + 6

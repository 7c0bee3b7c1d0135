"""The shaft beat: the moment Cage goes down the hidden shaft and the loop is taken from him.

Owns a short card over the frozen play screen: his loop mark ("LOOP 5", as the HUD shows it) comes
up large, flickers like a failing signal and goes dark, and a line says what that means. The day
waits behind it, as behind every card (the in-game clock does not move). It keeps the card's rules
(a beat before any key closes it, then only a deliberate key; Esc pauses), so a player still firing
at the shaft's mouth reads it. Must not import other scenes (the pause comes through a callback).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.render import ui
from game.scenes.base import CardScene

SHAFT_TICKS = 270  # 4.5 s: long enough to read both lines
DARK_AT = 120  # the mark has gone dark by here
LIT = (150, 205, 255)  # the HUD's loop blue, as the Omega's blood lights it
DEAD = (70, 72, 80)
# When the failing mark shows lit (tick ranges): a signal stuttering out, never a strobe.
FLICKER_ON = ((0, 58), (64, 72), (80, 84), (96, 99), (108, 110))
LINES = (
    "The Omega's blood burns out of him.",
    "No more mornings. If he dies down here, the war is lost.",
)


class ShaftBeatScene(CardScene):
    def __init__(
        self,
        app,
        loop_number: int,
        ticks: int = SHAFT_TICKS,
        on_pause: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(app, f"LOOP {loop_number}", LINES[0], ticks, on_pause)

    def lit(self, shown: int) -> bool:
        """Whether the mark shows lit `shown` ticks into the beat."""
        return any(start <= shown < end for start, end in FLICKER_ON)

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        shown = self.total - self.ticks_left
        w, h = surface.get_size()
        fade_out = min(1.0, self.ticks_left / 20)
        # The world sinks into the dark around him, but stays there: he is still in it.
        ui.shade(surface, int(190 * min(1.0, shown / 20) * fade_out))
        if self.lit(shown):
            mark, color = self.title, LIT
        else:
            mark, color = (self.title if shown < DARK_AT else "LOOP —"), DEAD
        a = int(255 * fade_out)
        ui.draw_text(surface, mark, 96, color, (w // 2, h // 2 - 70), "center", True, alpha=a)
        if shown >= DARK_AT - 30:
            first = int(255 * min(1.0, (shown - DARK_AT + 30) / 30) * fade_out)
            ui.draw_text(surface, LINES[0], 30, (235, 225, 210), (w // 2, h // 2 + 10),
                         "center", alpha=first)  # fmt: skip
        if shown >= DARK_AT + 20:
            second = int(255 * min(1.0, (shown - DARK_AT - 20) / 30) * fade_out)
            ui.draw_text(surface, LINES[1], 26, (255, 160, 120), (w // 2, h // 2 + 50),
                         "center", alpha=second)  # fmt: skip

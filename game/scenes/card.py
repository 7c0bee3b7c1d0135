"""Cards: a short full-screen message between moments of play ("Loop 7").

A card stays a beat before any key can close it, then closes early only on a deliberate key
(Enter, Space, E, the pad's A), so a player still firing or running reads it; Esc pauses. Must not
import other scenes (the pause comes through a callback).
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.render import ui
from game.scenes.base import Scene

CARD_TICKS = 90  # 1.5 s unless skipped
BEAT_TICKS = 30  # nothing closes it in its first half second
CLOSE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_e)


def asks_pause(event: pygame.event.Event) -> bool:
    """Esc, or the pad's Start: over a card (or the recap, or a story picture) it pauses."""
    if event.type == pygame.KEYDOWN:
        return event.key == pygame.K_ESCAPE
    return (
        event.type == pygame.CONTROLLERBUTTONDOWN and event.button == pygame.CONTROLLER_BUTTON_START
    )


def goes_on(event: pygame.event.Event) -> bool:
    """A deliberate key to go on (Enter, Space, E, the pad's A): never a click or a stray key."""
    if event.type == pygame.KEYDOWN:
        return event.key in CLOSE_KEYS
    return event.type == pygame.CONTROLLERBUTTONDOWN and event.button == pygame.CONTROLLER_BUTTON_A


class CardScene(Scene):
    overlay = True

    def __init__(
        self,
        app,
        title: str,
        subtitle: str = "",
        ticks: int = CARD_TICKS,
        on_pause: Callable[[], None] | None = None,
        opaque_at_once: bool = False,
    ) -> None:
        """`opaque_at_once`: the card covers the screen from its first frame (the map changes
        under it: the new map's first, slow frame is never seen), then fades out as any card."""
        super().__init__(app)
        self.opaque_at_once = opaque_at_once
        self.title = title
        self.subtitle = subtitle
        self.ticks_left = ticks
        self.total = ticks
        self.on_pause = on_pause

    def handle_event(self, event: pygame.event.Event) -> None:
        if asks_pause(event):
            if self.on_pause is not None:
                self.on_pause()
            return
        if self.total - self.ticks_left < BEAT_TICKS:
            return  # the beat: a key or button still held from the fight does not skip it
        if goes_on(event):
            self.app.pop()

    def update(self) -> None:
        self.ticks_left -= 1
        if self.ticks_left <= 0:
            self.app.pop()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        shown = self.total - self.ticks_left
        fade = min(1.0, 1.0 if self.opaque_at_once else shown / 12, self.ticks_left / 15)
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

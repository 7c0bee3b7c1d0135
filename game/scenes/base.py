"""Scene: one screen of the game on the App's stack (title, play, pause, cards).

Owns the interface every scene implements and what scenes share: the menu widget, the keys that
go on or pause over a card, and the card itself (a short full-screen message between moments of
play, "Loop 7"; the shaft beat builds on it). Scenes are wiring: they hold the objects that do the
work (the run, the view, the HUD) and connect them. A scene never imports another scene: it asks
the App for one by name (`app.go("title")`, `app.open("pause", ...)`; the names are
game.scenes.registry's), so only this module and data modules (markers, labels) are imported
by scenes.

A card stays a beat before any key can close it, then closes early only on a deliberate key
(Enter, Space, E, the pad's A), so a player still firing or running reads it; Esc pauses (through
a callback).
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


CARD_TICKS = 90  # 1.5 s unless skipped
FADE_IN, FADE_OUT = 12, 15  # a card's first and last ticks, fading in and out
BEAT_TICKS = 30  # nothing closes it in its first half second
# The longest a card waits past its own time for what it hides (CardScene's `ready`): then it
# goes, the rest is made in one frame, and nothing that stops drawing holds a card up for ever.
LOADING_HOLD_MAX = 300
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
        ready: Callable[[], bool] | None = None,
    ) -> None:
        """`opaque_at_once`: the card covers the screen from its first frame (the map changes
        under it: the new map's first, slow frame is never seen), then fades out as any card.
        `ready`: what the card hides is made (a map's view, made behind it a slice a frame): till
        then it stays up, whole, however long its time or a key said, so on a slow machine the
        loading shows as a longer card, never as a long frame of the new map."""
        super().__init__(app)
        self.opaque_at_once = opaque_at_once
        self.ready = ready
        self.skipped = False  # a key said go on while it was still hiding the loading
        self.held = 0  # ticks it has waited for `ready` past its own time
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
            if self._loading():
                self.skipped = True  # it goes the moment what it hides is made
            else:
                self.app.pop()

    def update(self) -> None:
        if self._loading():
            # Its time runs as ever, but it is held whole, short of its fade, while the loading
            # goes on behind it.
            if self.ticks_left > FADE_OUT + 1:
                self.ticks_left -= 1
            else:
                self.held += 1
            return
        if self.skipped:
            self.app.pop()
            return
        self.ticks_left -= 1
        if self.ticks_left <= 0:
            self.app.pop()

    def _loading(self) -> bool:
        return self.ready is not None and self.held < LOADING_HOLD_MAX and not self.ready()

    @property
    def covers_screen(self) -> bool:
        """Whether nothing of the scene beneath shows this frame (it may still be making what it
        will show: see PlayScene's arrival)."""
        shown = self.total - self.ticks_left
        return (self.opaque_at_once or shown >= FADE_IN) and self.ticks_left > FADE_OUT

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        shown = self.total - self.ticks_left
        fade = min(1.0, 1.0 if self.opaque_at_once else shown / FADE_IN, self.ticks_left / FADE_OUT)
        if fade <= 0:
            # Not faded in yet (its first frame, or under the recap for as long as that is up):
            # it changes no pixel, so its words are not even rendered until they first show.
            return
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

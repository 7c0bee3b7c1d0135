"""The recap: "death is progress". A short panel between a death and the "Loop N" card.

Owns how the recap looks and how it is closed; what it says is game.day_recap (what killed Cage,
where, when, what he learned, what is new in the journal; shorter on Day 0; the assists offered
after repeated deaths at one place).

It is a scene on top of the play scene, so no tick is simulated while it is open and it never
counts in IGT (as the Loop card). It holds for a beat, so a key still held from the fight cannot
close it, then closes only on a deliberate key: Enter, Space, E or the pad's A. Esc opens the
pause menu. The text is built by `build_recap` from the day that ended and the Memory (pure); the
scene only draws it and answers keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.day_recap import OFFER, Recap, assist_key
from game.render import ui
from game.scenes.base import Scene, asks_pause, goes_on

BEAT_TICKS = 36  # 0.6 s before any key can close the recap
BOT_TICKS = 120  # a bot (or a headless run) does not press keys: the recap closes by itself
ROW_EVERY = 1  # ticks between one row's coming in and the next's (the report writes itself)
ROW_FADE = 6  # ticks a row takes to fade in

INK = (236, 230, 216)
DIM = (160, 154, 140)
BLOOD = (236, 120, 100)
ACCENT = (240, 190, 100)
COLD = (140, 220, 255)
PANEL = (14, 12, 14, 225)


# --- the scene -----------------------------------------------------------------------------------


def _wrap(text: str, size: int, width: int) -> list[str]:
    return ui.wrap_text(text, size, width) or [""]


@dataclass
class _Row:
    text: str
    size: int
    color: tuple[int, int, int]
    bold: bool = False
    indent: int = 0
    gap: int = 0  # extra space above
    kind: str = "text"  # or "pair": a label, a tab, its value


@dataclass
class _Layout:
    size: tuple[int, int]  # the screen's, which it was laid out for
    rows: list[_Row]
    heights: list[int]
    panel: pygame.Rect
    box: pygame.Surface  # the panel's background, faded by its surface alpha


class RecapScene(Scene):
    """The recap on screen. `on_pause()` opens the pause menu (Esc), `on_assists()` the assists
    (when offered); `auto_close` closes it after BOT_TICKS (a bot plays)."""

    overlay = True

    def __init__(
        self,
        app,
        recap: Recap,
        on_pause: Callable[[], None] | None = None,
        on_assists: Callable[[], None] | None = None,
        auto_close: bool = False,
    ) -> None:
        super().__init__(app)
        self.recap = recap
        self.on_pause = on_pause
        self.on_assists = on_assists
        self.auto_close = auto_close or getattr(app, "lockstep", False)
        self.ticks = 0
        self.assist_key = assist_key(app.settings.bindings)
        self.closed = False
        self._kept: _Layout | None = None

    @property
    def ready(self) -> bool:
        """The beat is over: a deliberate key closes it now."""
        return self.ticks >= BEAT_TICKS

    def _close(self) -> None:
        if not self.closed:
            self.closed = True
            self.app.audio.play("ui_select", 0.5)
            self.app.pop()

    def handle_event(self, event: pygame.event.Event) -> None:
        if asks_pause(event):
            if self.on_pause is not None:
                self.on_pause()
            return
        if not self.ready:
            return  # the beat: a key still held from the fight does not skip what he learned
        if goes_on(event):
            self._close()
        elif self.recap.offer_assists and (
            (event.type == pygame.KEYDOWN and pygame.key.name(event.key) == self.assist_key)
            or (
                event.type == pygame.CONTROLLERBUTTONDOWN
                and event.button in (pygame.CONTROLLER_BUTTON_Y, pygame.CONTROLLER_BUTTON_X)
            )
        ):
            self._assists()

    def _assists(self) -> None:
        if self.on_assists is not None:
            self.app.audio.play("ui_select", 0.5)
            self.on_assists()

    def update(self) -> None:
        self.ticks += 1
        if self.auto_close and self.ticks >= BOT_TICKS:
            self._close()

    # --- drawing ---------------------------------------------------------------------------------
    def _rows(self, width: int) -> list[_Row]:
        r = self.recap
        rows = [_Row(r.title, 58, (240, 222, 212), True)]
        for i, text in enumerate(_wrap(r.cause, 32, width)):
            rows.append(_Row(text, 32, BLOOD, gap=6 if i == 0 else 0))
        rows.append(_Row(f"Where\t{r.where}", 26, INK, gap=14, kind="pair"))
        rows.append(_Row(f"When\t{r.when}", 26, INK, kind="pair"))
        if not r.day0:
            rows.append(_Row("LEARNED THIS LOOP", 24, ACCENT, True, gap=18))
            for item in r.learned[:6] or ("Nothing new. Next time, watch.",):
                for i, text in enumerate(_wrap(item, 24, width - 28)):
                    bullet = "•  " if i == 0 and r.learned else ""
                    color = COLD if r.learned else DIM
                    rows.append(_Row(bullet + text, 24, color, indent=0 if bullet else 22))
            if len(r.learned) > 6:
                rows.append(_Row(f"… and {len(r.learned) - 6} more (Tab: journal)", 22, DIM))
            rows.append(_Row("NEW IN THE JOURNAL", 24, ACCENT, True, gap=14))
            for item in r.journal or ("Nothing new.",):
                for text in _wrap(item, 24, width - 28):
                    rows.append(_Row(("•  " if r.journal else "") + text, 24,
                                     INK if r.journal else DIM))  # fmt: skip
        if r.offer_assists:
            key = self.assist_key.upper()
            offer = f"{OFFER} — press {key} (pad: Y) to choose"
            for i, text in enumerate(_wrap(offer, 26, width)):
                rows.append(_Row(text, 26, (255, 214, 120), gap=20 if i == 0 else 0))
        return rows

    def _layout(self, size: tuple[int, int]) -> _Layout:
        """The rows, their heights, the panel's place and its empty box, for a screen size:
        built once (the recap says the same thing every frame it is up), again on a resize."""
        if self._kept is None or self._kept.size != size:
            w, h = size
            width = min(860, w - 120)
            rows = self._rows(width - 56)
            heights = [int(row.size * 1.18) + row.gap for row in rows]
            panel_h = sum(heights) + 36 + 40
            panel = pygame.Rect(0, 0, width, min(h - 40, panel_h))
            panel.center = (w // 2, h // 2)
            box = pygame.Surface(panel.size, pygame.SRCALPHA)
            pygame.draw.rect(box, PANEL, box.get_rect(), border_radius=8)
            pygame.draw.rect(box, (255, 255, 255, 34), box.get_rect(), 1, border_radius=8)
            pygame.draw.rect(box, (*BLOOD, 200), (0, 10, 4, panel.height - 20))
            self._kept = _Layout(size, rows, heights, panel, box)
        return self._kept

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        fade = min(1.0, self.ticks / 10)
        if fade <= 0:
            # Its first frame (the one the day resets on) draws nothing: the screen still holds
            # his death's last picture (PlayScene.holding_last_picture). It is laid out on the
            # next, its veil over the new morning.
            return
        # The veil darkens on from where the death beat's ended (the new morning is never
        # seen brighter than his death was), the panel and its words fade in over it.
        start = ui.DEATH_VEIL_ALPHA
        ui.shade(surface, int(start + (200 - start) * fade), ui.RECAP_VEIL)
        layout = self._layout(surface.get_size())
        rows, heights, panel, box = layout.rows, layout.heights, layout.panel, layout.box
        box.set_alpha(int(255 * fade))
        surface.blit(box, panel.topleft)
        a = int(255 * fade)
        x, y = panel.x + 28, panel.y + 20
        for index, (row, height) in enumerate(zip(rows, heights, strict=True)):
            y += row.gap
            if y + row.size > panel.bottom - 36:
                break
            # The rows come in one after another, top to bottom, like a report being written:
            # each is rendered on the frame it first shows, never all on the reset's frame.
            shown = min(a, int(255 * (self.ticks - index * ROW_EVERY) / ROW_FADE))
            if shown <= 0:
                break  # nor any row below it
            if row.kind == "pair":
                label, _, value = row.text.partition("\t")
                ui.draw_text(surface, label.upper(), 20, DIM, (x, y + 4), alpha=shown)
                ui.draw_text(surface, value, row.size, row.color, (x + 90, y), alpha=shown)
            else:
                ui.draw_text(surface, row.text, row.size, row.color, (x + row.indent, y),
                             bold=row.bold, alpha=shown)  # fmt: skip
            y += height - row.gap
        if self.ready:
            hint = "Enter, Space or E (pad: A): on to the day  ·  Esc: pause"
            color = DIM
        else:
            hint = "…"
            color = (110, 104, 96)
        ui.draw_text(surface, hint, 20, color, (panel.right - 20, panel.bottom - 12), "bottomright",
                     alpha=a)  # fmt: skip

"""The sacrifice, staged: the charge's countdown, Cage choosing to stay, and the blast.

Owns what the screen shows from the moment the charge is planted at the Omega's core to the ending:
letterbox bars close in, the fuse counts down large at the top with a ring closing on the core,
Rita calls him out over the radio and he answers that he stays; then the blast: a frozen beat, a
white ring rolling out from the core, the white-out, and two lines. It reads the World and the
tick's events and never writes to them. The flash setting tones the white down (at 0 the blast
fades to a dark amber instead of white). Must not import game.scenes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pygame

from game import tuning as T
from game.render import ui
from game.sim import events as ev

BAR_HEIGHT = 64  # px of each letterbox bar, fully in
BAR_IN_TICKS = 30
# Who says what while the fuse burns, from when it was planted (ticks).
FUSE_LINES = (
    (0, "RITA (radio)", "Cage, it's armed! Get out of there, now!"),
    (100, "CAGE", "If I run, they tear it off the core."),
    (200, "CAGE", "Not this time. I'm staying."),
)
HOLD_FRAMES = 8  # the blast's first frames: the world stops, the core a white point
RING_FRAMES = 40  # the ring rolls out to the screen's edge
WHITE_HOLD = 40  # then the white holds
LIGHT_LEFT = 90  # and thins to this (of 255) while the lines show
LINE_STAYED = "He stayed."
LINE_GONE = "The Omega is gone."
WHITE = (255, 250, 240)
DIM_BLAST = (64, 40, 22)  # the blast's colour with flashes turned off


class Finale:
    def __init__(self) -> None:
        self.planted_tick: int | None = None
        self.core: tuple[float, float] | None = None
        self._veil: pygame.Surface | None = None  # the blast's light, a whole screen, kept
        self._band: pygame.Surface | None = None  # the shadow under its words

    def prepare(self, size: tuple[int, int]) -> None:
        """Make the blast's veil and band for a screen of `size` now (at the loading): made on
        the blast's first frames, they were a whole screen of fresh memory in one of them."""
        w, h = size
        if self._veil is None or self._veil.get_size() != (w, h):
            self._veil = pygame.Surface((w, h), pygame.SRCALPHA)
            self._band = pygame.Surface((w, 130), pygame.SRCALPHA)

    def reset(self) -> None:
        self.planted_tick = None
        self.core = None

    def observe(self, events: list) -> bool:
        """Take a tick's events; True on the tick the charge is planted (the staging begins)."""
        began = False
        for e in events:
            handler = HANDLERS.get(type(e))
            if handler is not None:
                began = handler(self, e) or began
        return began

    # --- one per event class in HANDLERS: each returns whether the staging begins -------------
    def _planted(self, e: ev.ChargePlanted) -> bool:
        self.planted_tick, self.core = e.tick, (e.x, e.y)
        return True

    def _destroyed(self, e: ev.OmegaDestroyed) -> bool:
        self.core = (e.x, e.y)
        return False

    def line_at(self, since_planted: int) -> tuple[str, str] | None:
        """The line spoken `since_planted` ticks after the plant (None before the first)."""
        spoken = None
        for start, who, words in FUSE_LINES:
            if since_planted >= start:
                spoken = (who, words)
        return spoken

    # --- the fuse -----------------------------------------------------------------------------
    def _burning(self, world) -> int | None:
        """Ticks since the plant while the fuse burns, else None."""
        charge = getattr(world, "charge", None)
        if self.planted_tick is None or charge is None or charge.state != 2:
            return None
        return world.tick - self.planted_tick

    def draw_bars(self, surface: pygame.Surface, world) -> None:
        """While the fuse burns, under the HUD: the letterbox bars closing in."""
        since = self._burning(world)
        if since is None:
            return
        w, h = surface.get_size()
        bar = int(BAR_HEIGHT * min(1.0, since / BAR_IN_TICKS))
        surface.fill((0, 0, 0), (0, 0, w, bar))
        surface.fill((0, 0, 0), (0, h - bar, w, bar))

    def draw_fuse(self, surface: pygame.Surface, world, to_screen) -> None:
        """While the fuse burns, over the HUD: the count, the ring on the core, the lines."""
        since = self._burning(world)
        if since is None:
            return
        charge = world.charge
        w, h = surface.get_size()
        bar = int(BAR_HEIGHT * min(1.0, since / BAR_IN_TICKS))
        left = max(0, charge.fuse) / T.TICK_RATE
        # The count: red, swelling a little on each whole second.
        pulse = 1.0 - (left % 1.0)
        size = 44 + int(10 * pulse**4)
        # In the top bar, beside the day's clock (which keeps its place).
        ui.draw_text(surface, "CHARGE", 16, (255, 150, 120), (w // 2 + 120, 12), "topleft")
        ui.draw_text(surface, f"{left:0.1f}", size, (255, 90, 70), (w // 2 + 190, 32), "midleft",
                     True)  # fmt: skip
        if self.core is not None:
            cx, cy = to_screen(self.core)
            share = max(0.0, charge.fuse / T.CHARGE_FUSE)
            radius = 40 + int(80 * share)
            rect = pygame.Rect(0, 0, radius * 2, radius * 2)
            rect.center = (int(cx), int(cy))
            pygame.draw.arc(surface, (255, 110, 80), rect, math.pi / 2,
                            math.pi / 2 + 2 * math.pi * share, 4)  # fmt: skip
        spoken = self.line_at(since)
        if spoken is not None:
            who, words = spoken
            y = h - bar + 8
            color = (150, 205, 255) if who.startswith("RITA") else (255, 214, 150)
            ui.draw_text(surface, who, 18, color, (w // 2, y), "midtop")
            ui.draw_text(surface, words, 26, (240, 236, 226), (w // 2, y + 20), "midtop")

    # --- the blast ----------------------------------------------------------------------------
    def draw_blast(self, surface: pygame.Surface, frames: int, flash: float, to_screen) -> None:
        """`frames` after the charge went off: the hold, the ring, the white-out, the lines."""
        w, h = surface.get_size()
        color = tuple(int(d + (b - d) * flash) for d, b in zip(DIM_BLAST, WHITE, strict=True))
        cx, cy = to_screen(self.core) if self.core is not None else (w / 2, h / 2)
        if frames < HOLD_FRAMES:
            # The world stops; all light drains into the core.
            ui.shade(surface, int(120 + 100 * frames / HOLD_FRAMES))
            pygame.draw.circle(surface, color, (int(cx), int(cy)), 6 + frames)
            self._bars(surface)
            return
        rolled = min(1.0, (frames - HOLD_FRAMES) / RING_FRAMES)
        reach = math.hypot(max(cx, w - cx), max(cy, h - cy))
        self.prepare((w, h))
        veil = self._veil
        # Behind the ring the light is total; it holds, then lets the chamber back, dimly.
        after = max(0, frames - HOLD_FRAMES - RING_FRAMES - WHITE_HOLD)
        light = max(LIGHT_LEFT, 255 - int(after * 1.5))
        if flash < 1.0:
            light = int(light * min(1.0, (frames - HOLD_FRAMES) / 20))  # no sudden white
        if rolled < 1.0:
            veil.fill((0, 0, 0, 0))  # the ring grows over the last frame's: clear it first
            pygame.draw.circle(veil, (*color, light), (int(cx), int(cy)), int(reach * rolled))
            pygame.draw.circle(veil, (*color, 255), (int(cx), int(cy)), int(reach * rolled), 6)
        else:
            veil.fill((*color, light))
        surface.blit(veil, (0, 0))
        self._bars(surface)
        shown = frames - HOLD_FRAMES - RING_FRAMES - 10
        if shown > 0:
            # The words on a band of shadow, so they read on the white as on the dark.
            band = self._band
            band.fill((16, 12, 10, min(170, shown * 6)))
            surface.blit(band, (0, h // 2 - 70))
            ink = (250, 245, 235)
            ui.draw_text(surface, LINE_STAYED, 34, ink, (w // 2, h // 2 - 26), "center")
            if shown > 40:
                ui.draw_text(surface, LINE_GONE, 40, ink, (w // 2, h // 2 + 24), "center", True)

    @staticmethod
    def _bars(surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        surface.fill((0, 0, 0), (0, 0, w, BAR_HEIGHT))
        surface.fill((0, 0, 0), (0, h - BAR_HEIGHT, w, BAR_HEIGHT))


# The events the finale stages, by their own class; any other leaves it as it is.
HANDLERS: dict[type, Callable[[Finale, Any], bool]] = {
    ev.ChargePlanted: Finale._planted,
    ev.OmegaDestroyed: Finale._destroyed,
}

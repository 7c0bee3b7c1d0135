"""On-screen notices: what was just learned, what Rita says, locked gates, drills, the prompt.

Owns the transient text layer above the HUD: a queue of announcements fed by sim events through
`HANDLERS`, a table from event class to what it announces (a new piece of knowledge is announced
the moment it is learned), Rita's subtitles, the drill banner with its clock and progress, and the
interact prompt. Cosmetic timing only (frames, not ticks). Must not import game.scenes or write to
the simulation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygame

from game.render import ui
from game.sim import events as ev
from game.tuning import TICK_RATE

TOAST_FRAMES = 240
# The type the lines are set in (px): a toast's heading (bold) and its text, the subtitle, the
# drill's line and the prompt (see Notices.prepare).
HEADING_SIZE, TEXT_SIZE, LINE_SIZE = 26, 22, 28
MIN_COLUMN = 420  # px: toasts narrower than this would be a word a line
SUBTITLE_FRAMES = 150


@dataclass
class Toast:
    heading: str
    text: str
    color: tuple[int, int, int]
    frames: int = TOAST_FRAMES
    total: int = TOAST_FRAMES  # how long it was shown for in all (its fade in counts from this)


GATE_OPENED = {
    "knowledge": "A gate you know how to open.",
    "code": "The code is right: the door slides open.",
    "cleared": "With them dead, the way through is clear.",
}


wrap = ui.wrap_text  # long notices and subtitles wrap, never cut


class Notices:
    def __init__(self, audio=None) -> None:
        self.toasts: list[Toast] = []
        self.subtitle = ""
        self.subtitle_frames = 0
        self.audio = audio

    def clear(self) -> None:
        self.toasts.clear()
        self.subtitle_frames = 0

    def observe(self, events: list) -> None:
        """Announce what this tick's events tell the player, in their order (see HANDLERS)."""
        for e in events:
            handler = HANDLERS.get(type(e))
            if handler is not None:
                handler(self, e)

    # --- one per event class in HANDLERS ------------------------------------------------------
    def _learned(self, e: ev.KnowledgeLearned) -> None:
        self._toast("YOU WILL REMEMBER", e.description, (140, 220, 255))
        if self.audio:
            self.audio.stinger("learn")

    def _intel(self, e: ev.IntelRead) -> None:
        self._toast(e.title.upper(), e.text, (235, 220, 170), 600)

    def _gate_locked(self, e: ev.GateLocked) -> None:
        self._say(e.message)

    def _gate_opened(self, e: ev.GateOpened) -> None:
        self._toast("THE WAY IS OPEN", GATE_OPENED.get(e.how, GATE_OPENED["knowledge"]),
                    (170, 240, 170))  # fmt: skip

    def _rita_line(self, e: ev.RitaLine) -> None:
        self._say(e.text)

    def _rita_died(self, e: ev.RitaDied) -> None:
        self._toast("RITA IS DOWN", "She will be back with the day.", (255, 120, 110))

    def _drill_passed(self, e: ev.DrillPassed) -> None:
        self._toast(f"DRILL {e.level} PASSED", f"You have {e.ability}. For good.",
                    (255, 210, 120))  # fmt: skip

    def _drill_failed(self, e: ev.DrillFailed) -> None:
        self._toast(f"DRILL {e.level} FAILED", e.reason, (255, 140, 120))

    def _no_return(self, e: ev.PointOfNoReturn) -> None:
        self._toast("BEYOND HERE, NO LOOP",
                    "Down the shaft the Omega's hold on the day is gone, and so is yours. "
                    "Die below and the war is lost.", (255, 150, 110), 480)  # fmt: skip

    def _final_act(self, e: ev.FinalActBegun) -> None:
        self._toast("THE LOOP IS GONE", "Find the core and plant the charge: hold E at it.",
                    (255, 120, 90), 420)  # fmt: skip

    def _keypad_closed(self, e: ev.KeypadClosed) -> None:
        if e.how == "wrong":  # opened, the gate's own notice says so; left, nothing to say
            self._say("Wrong code. The keypad buzzes and locks for a moment.")

    def _drenched(self, e: ev.Drenched) -> None:
        self._toast("ITS BLOOD IS ON YOU", "Something has changed.", (120, 190, 255))

    def _toast(self, heading: str, text: str, color, frames: int = TOAST_FRAMES) -> None:
        self.toasts.append(Toast(heading, text, color, frames, frames))
        self.toasts = self.toasts[-3:]

    def hint(self, heading: str, text: str) -> None:
        """Guidance for a new player, shown a little longer than news."""
        self._toast(heading, text, (230, 220, 200), 420)

    def split(self, result) -> None:
        """A speedrun split just fired (a SplitResult: name, delta_ticks, gold)."""
        from game.speedrun.timefmt import lead_text

        # Ahead or behind the personal best, in words; none yet: nothing to compare with.
        lead = lead_text(result.delta_ticks, "PB")
        heading = f"SPLIT · {result.name}"
        color = (255, 205, 70) if result.gold else (200, 220, 255)
        self._toast(heading, " · ".join(w for w in (lead, "gold" if result.gold else "") if w),
                    color, 150)  # fmt: skip

    def say(self, text: str) -> None:
        """A line at the bottom of the screen for a few seconds."""
        self._say(text)

    def _say(self, text: str) -> None:
        self.subtitle, self.subtitle_frames = text, SUBTITLE_FRAMES

    @staticmethod
    def prepare() -> None:
        """Load the type its lines are set in now (behind the loading): made on the first
        toast's frame, it cost that frame 2 ms."""
        for size, bold in ((HEADING_SIZE, True), (TEXT_SIZE, False), (LINE_SIZE, False),
                           (LINE_SIZE, True)):  # fmt: skip
            ui.font(size, bold)

    def draw(self, surface: pygame.Surface, world, beside: pygame.Rect | None = None) -> None:
        """The toasts, the subtitle, the drill's line and the prompt. `beside`: a panel at the
        top right (the run timer) that the toasts keep clear of: they narrow to the column
        between it and its mirror, or, where that is too narrow (a large HUD), move left of it."""
        w, h = surface.get_size()
        y = 96
        column, middle = min(w - 160, 980), w // 2
        if beside is not None and beside.top < 200:
            between = 2 * (beside.left - w // 2) - 24
            if between >= MIN_COLUMN:
                column = min(column, between)
            else:  # a large HUD: the space left of the panel, centred in it
                column, middle = beside.left - 40, beside.left // 2
        for toast in list(self.toasts):
            toast.frames -= 1
            if toast.frames <= 0:
                self.toasts.remove(toast)
                continue
            fade = min(1.0, toast.frames / 30, (toast.total - toast.frames + 8) / 12)
            alpha = int(255 * max(0.0, fade))
            ui.draw_text(surface, toast.heading, HEADING_SIZE, toast.color, (middle, y),
                         "midtop", True, alpha=alpha)  # fmt: skip
            # Long text wraps rather than being cut: an Intel's last sentence is read too.
            lines = wrap(toast.text, TEXT_SIZE, column)
            for i, line in enumerate(lines):
                ui.draw_text(surface, line, TEXT_SIZE, (235, 235, 228), (middle, y + 26 + i * 24),
                             "midtop", alpha=alpha)  # fmt: skip
            y += 40 + 24 * len(lines)
        if self.subtitle_frames > 0:
            self.subtitle_frames -= 1
            alpha = int(255 * min(1.0, self.subtitle_frames / 20))
            lines = wrap(self.subtitle, LINE_SIZE, min(w - 160, 1100))
            for i, line in enumerate(reversed(lines)):
                ui.draw_text(surface, line, LINE_SIZE, (250, 240, 225), (w // 2, h - 120 - 32 * i),
                             "midbottom", alpha=alpha)  # fmt: skip
        drill = getattr(world, "drill", None)
        if drill is not None:
            done, total = drill.progress()
            seconds = drill.ticks_left / TICK_RATE
            progress = f"{done}/{total}" if drill.kind != "trust" else "hold on"
            text = f"DRILL {drill.level} · {drill.title} · {progress} · {seconds:4.1f}s"
            ui.draw_text(surface, text, LINE_SIZE, (255, 214, 120), (w // 2, 64), "midtop", True)
        prompt = world.nearby_prompt() if hasattr(world, "nearby_prompt") else ""
        if prompt:
            ui.draw_text(
                surface, prompt, LINE_SIZE, (255, 255, 255), (w // 2, h // 2 + 54), "midtop"
            )


# What each event class the simulation emits puts on screen; any other says nothing. Looked up by
# the event's own class.
HANDLERS: dict[type, Callable[[Notices, Any], None]] = {
    ev.KnowledgeLearned: Notices._learned,
    ev.IntelRead: Notices._intel,
    ev.GateLocked: Notices._gate_locked,
    ev.GateOpened: Notices._gate_opened,
    ev.RitaLine: Notices._rita_line,
    ev.RitaDied: Notices._rita_died,
    ev.DrillPassed: Notices._drill_passed,
    ev.DrillFailed: Notices._drill_failed,
    ev.PointOfNoReturn: Notices._no_return,
    ev.FinalActBegun: Notices._final_act,
    ev.KeypadClosed: Notices._keypad_closed,
    ev.Drenched: Notices._drenched,
}

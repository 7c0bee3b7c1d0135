"""The in-game timer: simulation ticks of play, per run and per day, with real time beside them.

Owns what counts as in-game time (IGT). The simulation only runs during play (never in menus,
pause, the journal or the loop card), so IGT is the count of simulated ticks, plus one rule: a
death beat always counts its full fixed length (`DEATH_SETTLE`), skipped or not, so skipping it
gives no time advantage. The clock starts with the run's first tick and stops on the tick the
Omega is destroyed. Real time (RTA) runs beside it from the start of that first tick (tick 0), so
it reads 0 before the run and never less than the ticks simulated so far: the game's fixed-step
loop simulates a tick only once a tick of real time has gone by. Fed once per `Run.step` with that
step's events; pure except for the optional real-time clock it is given. Imports game.tuning and
this package's event reader.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from game import tuning as T
from game.speedrun import events as E
from game.speedrun.timefmt import format_ticks


@dataclass
class DayTime:
    """One day of the run (a loop, or a Day 0 attempt): when it began and ended, in IGT ticks."""

    index: int  # 0, 1, 2... in the order the days were played
    loop: int  # the Memory's loop count during the day (0 on Day 0)
    started_by: str  # "start", or the LoopStarted reason that began it
    start_igt: int
    end_igt: int | None = None
    ended_by: str = ""  # the LoopStarted reason that ended it, "completed", or "" while it runs
    cause: str = ""  # what killed Cage, when a death ended the day

    def ticks(self, now_igt: int) -> int:
        end = self.end_igt if self.end_igt is not None else now_igt
        return end - self.start_igt


class Timer:
    """IGT in ticks; `step(events)` once per simulated tick; `real_seconds()` beside it."""

    def __init__(
        self,
        first_loop: int = 0,
        clock: Callable[[], float] | None = None,
        start_igt: int = 0,
    ) -> None:
        self.igt_ticks = start_igt
        self.sim_ticks = 0  # ticks actually simulated while the timer ran
        self.beat_padding = 0  # ticks added for death beats that were skipped
        self.started = False
        self.finished = False
        self.days: list[DayTime] = [DayTime(0, first_loop, "start", start_igt)]
        self._clock = clock
        self._real_start: float | None = None
        self._real_end: float | None = None
        self._death_tick: int | None = None  # world tick of Cage's death in the current day
        self._death_cause = ""

    # --- feeding ------------------------------------------------------------------------------
    def step(self, events: Iterable[object]) -> None:
        """Count one simulated tick and react to what happened in it."""
        if self.finished:
            return
        self.started = True
        self.igt_ticks += 1
        self.sim_ticks += 1
        if self._clock is not None:
            # Tick 0 began at least `sim_ticks` ticks of real time ago (one before the first tick
            # ended; earlier when the game ran several ticks in one frame to catch up): the
            # earliest such moment is the run's real start.
            begun = self._clock() - self.sim_ticks / T.TICK_RATE
            if self._real_start is None or begun < self._real_start:
                self._real_start = begun
        for event in events:
            if isinstance(event, E.CageDied):
                if self._death_tick is None:
                    self._death_tick, self._death_cause = event.tick, event.cause
            elif isinstance(event, E.LoopStarted):
                self._new_day(event)
            elif isinstance(event, E.OmegaDestroyed):
                self._finish()
                return

    def _new_day(self, event: object) -> None:
        reason = event.reason
        # LoopStarted.tick is the old day's tick count when it ended; the beat began at the death.
        if self._death_tick is not None and reason != "alpha":
            beat = event.tick - self._death_tick
            pad = max(0, T.DEATH_SETTLE - beat)
            self.igt_ticks += pad
            self.beat_padding += pad
        day = self.days[-1]
        day.end_igt = self.igt_ticks
        day.ended_by = reason
        day.cause = self._death_cause if self._death_tick is not None else ""
        loop = event.loop
        self.days.append(DayTime(len(self.days), loop, reason, self.igt_ticks))
        self._death_tick = None
        self._death_cause = ""

    def _finish(self) -> None:
        self.finished = True
        day = self.days[-1]
        day.end_igt = self.igt_ticks
        day.ended_by = "completed"
        if self._clock is not None:
            self._real_end = self._clock()

    # --- reading ------------------------------------------------------------------------------
    @property
    def death_tick(self) -> int | None:
        """The world tick of Cage's death in this day, while its beat has yet to be counted."""
        return self._death_tick

    @property
    def day(self) -> DayTime:
        return self.days[-1]

    @property
    def day_ticks(self) -> int:
        """IGT spent in the current day."""
        return self.day.ticks(self.igt_ticks)

    def real_seconds(self) -> float | None:
        """Wall-clock time since the start of the run's first tick (0 before it, stopped at the
        end), or None untimed."""
        if self._clock is None:
            return None
        if self._real_start is None:
            return 0.0
        end = self._real_end if self._real_end is not None else self._clock()
        return max(0.0, end - self._real_start)

    def real_ms(self) -> int | None:
        seconds = self.real_seconds()
        # Rounded down like IGT, but not below a whole millisecond that float subtraction of two
        # clock readings misses by a hair (3 ticks of real time read 0.04999… s).
        return None if seconds is None else int(seconds * 1000 + 1e-6)

    def text(self) -> str:
        return format_ticks(self.igt_ticks)

    def day_text(self) -> str:
        return format_ticks(self.day_ticks)

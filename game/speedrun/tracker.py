"""The speedrun view of a run: timer, splits, the run summary and ghosts, fed together per tick.

Owns the order in which they see a tick and the IGT a split is stamped with (the tick it fired
on, before any death-beat padding the same tick adds), and what an untimed lead-in (a practice
from a split re-runs the source up to it) leaves behind: the splits it passed, done, and the loop
the practice's first day is. Pure: reads the Run and its events and
nothing else, so the live game, `aynik sim`, the replay viewer and the verifier all get the same
times and splits. Imports this package's pure modules only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from game.speedrun import events as E
from game.speedrun.ghosts import GhostRecorder
from game.speedrun.splits import SplitHit, SplitPlan, SplitTracker
from game.speedrun.summary import RunSummary
from game.speedrun.timer import Timer


class SpeedrunTracker:
    def __init__(
        self,
        plan: SplitPlan,
        first_loop: int = 0,
        clock: Callable[[], float] | None = None,
        start_tick: int = 0,
        summary: RunSummary | None = None,
        ghosts: GhostRecorder | None = None,
    ) -> None:
        self.plan = plan
        self.start_tick = start_tick  # ticks of a practice run's lead-in, not timed
        self.timer = Timer(first_loop, clock)
        self.splits = SplitTracker(plan)
        self.summary = summary if summary is not None else RunSummary(first_loop=first_loop)
        self.ghosts = ghosts
        self.prefix_hits: list[SplitHit] = []  # splits passed in a practice run's lead-in

    @property
    def igt_ticks(self) -> int:
        return self.timer.igt_ticks

    @property
    def finished(self) -> bool:
        return self.timer.finished

    def step(self, run: object, events: Sequence[object]) -> list[SplitHit]:
        """Call after every `Run.step(frame)` with the events it returned."""
        run_ticks = int(getattr(run, "run_ticks", 0))
        timing = run_ticks > self.start_tick and not self.timer.finished
        igt_now = self.timer.igt_ticks + (1 if timing else 0)
        day = len(self.timer.days) - 1
        world = getattr(run, "world", None)
        cage = getattr(world, "cage", None)
        position = None
        if cage is not None and not getattr(cage, "dead", False):
            x, y = cage.position
            position = (float(x), float(y))
        level = str(getattr(run, "level_name", ""))
        hits = self.splits.step(events, level, position, igt_now, run_ticks, day)
        if not timing:
            if not self.timer.finished:
                self.prefix_hits += hits
                self._lead_in(run, events)
            return []
        self.timer.step(events)
        self.summary.step(events, self.timer.igt_ticks, hits)
        if self.timer.finished:
            self.summary.igt_ticks = self.timer.igt_ticks
        if self.ghosts is not None:
            self.ghosts.step(run, events)
        return hits

    def _lead_in(self, run: object, events: Sequence[object]) -> None:
        """An untimed tick: the timer does not count it, but the day it leads into is the one
        the practice begins in (a split in Loop 1 is practised in Loop 1, not on Day 0), and
        Cage's path through it is a ghost like any other day's."""
        for event in events:
            if isinstance(event, E.LoopStarted):
                loop = event.loop
                self.timer.days[0].loop = loop
                if len(self.summary.days) == 1:
                    self.summary.days[0].loop = loop
        if self.ghosts is not None:
            self.ghosts.step(run, events)

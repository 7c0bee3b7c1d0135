"""Playing a replay back: the recorded inputs re-run through the simulation, with loop jumps.

Owns stepping a replay tick by tick with the speedrun tracker beside it, and seeking. A jump to a
loop is instant for version 2 files: each loop record holds the Memory the day began with, and a
day begins exactly as `Run(level, seed, memory)` does, so the run is rebuilt there and its state
hash checked against the recorded checkpoint (falling back to re-simulating from the start if
they ever disagree). Used by the replay viewer scene and `aynik replay --headless`. Pure apart
from loading the map; must not import pygame.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from game.level.data import LevelData
from game.level.errors import LevelError
from game.level.mods import LOOP_MODES
from game.replay.format import LoopMark, Replay
from game.replay.level_refs import resolve_reference
from game.sim.loop import Run
from game.sim.memory import Memory
from game.speedrun.maps import split_plan_for_level
from game.speedrun.splits import SplitHit, SplitPlan
from game.speedrun.timer import DayTime
from game.speedrun.tracker import SpeedrunTracker


@dataclass(frozen=True)
class LoopStart:
    """Where a day begins in a replay, for the viewer's jump list."""

    index: int  # 0 for the run's first day
    ticks: int  # the run's tick count when it began
    loop: int
    reason: str  # "start" for the first day
    igt_ticks: int


def loop_starts(replay: Replay) -> list[LoopStart]:
    """Every day's start in the replay (version 2: from its loop records, without simulating)."""
    first_loop = 0
    memory = replay.header.get("start_memory")
    if isinstance(memory, dict) and isinstance(memory.get("loop"), int):
        first_loop = memory["loop"]
    starts = [LoopStart(0, 0, first_loop, "start", 0)]
    for index, mark in enumerate(replay.loops, start=1):
        starts.append(LoopStart(index, mark.ticks, mark.loop, mark.reason, mark.igt_ticks))
    return starts


Maps = tuple[LevelData, dict[str, LevelData]]


def replay_maps(replay: Replay) -> Maps:
    """The replay's starting map and its atlas, loaded and validated: a replay may name any map,
    and a map the validator refuses (no PlayerStart, 20,000 Mimics, a stalling polygon fill) is
    never run. LevelError when the map cannot be loaded or has an error."""
    from game.level.validate import checked_atlas  # late: the validator is only needed here

    path = resolve_reference(replay.header["level"])
    errors, maps = checked_atlas(path)
    if errors or maps is None:  # a map that does not load has its error among the errors
        problem = errors[0].line().removeprefix(f"{os.path.abspath(path)}: ")
        raise LevelError(path, f"the map does not validate: {problem}")
    return maps


def new_run(replay: Replay, maps: Maps) -> Run:
    """The run a replay starts from: its maps, seed, starting Memory and assists (ValueError
    when the recorded Memory cannot be used)."""
    level, atlas = maps
    return Run(
        level, replay.seed, replay.start_memory(), atlas, assists=replay.assists,
        loop_mode=replay_loop_mode(replay),
    )  # fmt: skip


def run_at_loop_start(replay: Replay, maps: Maps, mark: LoopMark) -> Run | None:
    """The run as it was when the day of `mark` began, built directly from its recorded Memory
    and deaths (a day begins as `Run(level, seed, memory)` does); None when the record cannot
    give it or the run built does not hash as the recording's checkpoint there."""
    if mark.memory is None:
        return None
    try:
        memory = Memory.from_json(mark.memory)
    except ValueError:
        return None
    level, atlas = maps
    run = Run(level, replay.seed, memory, atlas, assists=replay.assists,
              loop_mode=replay_loop_mode(replay))  # fmt: skip
    run.run_ticks = mark.ticks
    run.deaths_total = mark.deaths_total or 0  # older files: right only before any death
    recorded = [c for c in replay.checkpoints if c.ticks == mark.ticks]
    if not recorded or recorded[-1].state_hash != run.state_hash():
        return None
    return run


def replay_loop_mode(replay: Replay) -> str:
    """How the recorded run's first day began (replays from before mods had the loop: Day 0)."""
    mode = replay.header.get("loop_mode", "day0")
    if mode not in LOOP_MODES:
        raise ValueError(f"header field 'loop_mode' is {str(mode)[:40]!r}, not one of {LOOP_MODES}")
    return mode


class Playback:
    def __init__(
        self,
        replay: Replay,
        maps: Maps | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.replay = replay
        self.level, self.atlas = maps or replay_maps(replay)
        self.plan = split_plan_for_level(self.level, self.atlas)
        self.clock = clock
        self._restart()

    def _restart(self) -> None:
        self.run = new_run(self.replay, (self.level, self.atlas))
        self.tracker = SpeedrunTracker(
            self.plan, self.run.loop, self.clock, start_tick=self.replay.start_tick
        )

    @property
    def position(self) -> int:
        """Ticks played so far."""
        return self.run.run_ticks

    @property
    def total(self) -> int:
        return len(self.replay.frames)

    @property
    def at_end(self) -> bool:
        return self.position >= self.total

    def loop_starts(self) -> list[LoopStart]:
        return loop_starts(self.replay)

    def step(self) -> tuple[list, list[SplitHit]] | None:
        """One recorded tick: (events, splits that fired), or None at the end (or once the run
        is completed: the clock has stopped)."""
        if self.at_end or self.run.completed:
            return None
        events = self.run.step(self.replay.frames[self.position])
        hits = self.tracker.step(self.run, events)
        return events, hits

    def seek(self, ticks: int) -> None:
        """Go to just after `ticks` ticks (from the nearest loop start before it)."""
        ticks = max(0, min(ticks, self.total))
        if ticks < self.position or self._nearest_mark(ticks, after=self.position) is not None:
            mark = self._nearest_mark(ticks)
            if mark is None or not self._rebuild_at(mark):
                self._restart()
        while self.position < ticks:
            self.step()

    def jump_to_loop(self, index: int) -> None:
        """Go to the start of the index-th day (0 is the run's first)."""
        starts = self.loop_starts()
        index = max(0, min(index, len(starts) - 1))
        self.seek(starts[index].ticks)

    def _nearest_mark(self, ticks: int, after: int = -1) -> LoopMark | None:
        best = None
        for mark in self.replay.loops:
            if after < mark.ticks <= ticks and mark.memory is not None:
                best = mark
        return best

    def _rebuild_at(self, mark: LoopMark) -> bool:
        """The run at a loop start, built directly; False if it does not match the recording."""
        run = run_at_loop_start(self.replay, (self.level, self.atlas), mark)
        if run is None:
            return False
        self.run = run
        self.tracker = tracker_at_loop_start(self.replay, self.plan, mark, run.loop, self.clock)
        return True


def tracker_at_loop_start(
    replay: Replay,
    plan: SplitPlan,
    mark: LoopMark,
    loop: int,
    clock: Callable[[], float] | None = None,
) -> SpeedrunTracker:
    """The speedrun tracker as it stood when the day of `mark` began, from the recording: its
    IGT then and the splits already done."""
    tracker = SpeedrunTracker(plan, loop, clock, replay.start_tick)
    tracker.timer.igt_ticks = mark.igt_ticks
    tracker.timer.started = mark.ticks > replay.start_tick
    tracker.timer.days = [DayTime(0, loop, mark.reason, mark.igt_ticks)]
    tracker.splits.restore(
        SplitHit(s.name, s.igt_ticks, s.ticks, 0) for s in replay.splits if s.ticks <= mark.ticks
    )
    return tracker

"""Ghosts: the paths Cage took in this run's earlier days, for the renderer to draw faintly.

Owns sampling Cage's position every few ticks of each day and keeping the last few days' paths.
Reads the Run (never writes it); pure. The renderer asks `paths(level)` for what to draw.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from game.level.data import Point
from game.speedrun import events as E

SAMPLE_TICKS = 6  # ten points a second
KEEP_DAYS = 6
MAX_POINTS = 6000  # per day: ten minutes at ten a second


@dataclass(frozen=True)
class GhostPath:
    day: int  # index of the day in the run
    loop: int
    level: str  # map stem the points are on
    points: tuple[Point, ...]
    ended_by: str  # the LoopStarted reason that ended the day


class GhostRecorder:
    def __init__(
        self, sample_ticks: int = SAMPLE_TICKS, keep: int = KEEP_DAYS, max_points: int = MAX_POINTS
    ) -> None:
        self.sample_ticks = max(1, sample_ticks)
        self.keep = keep
        self.max_points = max_points
        self._done: list[GhostPath] = []
        self._points: list[Point] = []
        self._level = ""
        self._day = 0
        self._loop = 0
        self._last: Point | None = None
        self._ticks = 0

    def step(self, run: object, events: Iterable[object]) -> None:
        """After each Run.step: sample the Cage, and close the day's path when a new day begins."""
        started = [e for e in events if isinstance(e, E.LoopStarted)]
        if started:
            if self._last is not None and (not self._points or self._points[-1] != self._last):
                self._points.append(self._last)
            self._close(started[-1].reason)
            self._loop = started[-1].loop
            self._ticks = 0
        world = getattr(run, "world", None)
        cage = getattr(world, "cage", None)
        if cage is None:
            return
        x, y = cage.position
        level = str(getattr(run, "level_name", ""))
        if level != self._level:
            if self._points:
                self._close("", next_day=False)  # a new map within the day: a new path
            self._level = level
        self._last = (round(float(x), 1), round(float(y), 1))
        if self._ticks % self.sample_ticks == 0 and len(self._points) < self.max_points:
            self._points.append(self._last)
        self._ticks += 1

    def _close(self, ended_by: str, next_day: bool = True) -> None:
        if self._points:
            self._done.append(
                GhostPath(self._day, self._loop, self._level, tuple(self._points), ended_by)
            )
            self._done = self._done[-self.keep :]
        self._points = []
        if next_day:
            self._day += 1

    def paths(self, level: str | None = None) -> list[GhostPath]:
        """Earlier days' paths (oldest first), on `level` only when given."""
        if level is None:
            return list(self._done)
        stem = E.level_stem(level)
        return [p for p in self._done if E.level_stem(p.level) == stem]

    def current(self) -> tuple[Point, ...]:
        return tuple(self._points)

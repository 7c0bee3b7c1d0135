"""Personal bests: the best run, the best segments (golds) and the attempts, per category.

Owns `AYNIK_HOME/splits/<category>-seed<N>-v<version>.json` (one file per category, seed and game
version; JSON, written atomically with the previous file kept as `.bak`) and the live comparison
against it: the delta to the personal best at each split, golds, sum of best, best possible time.
It holds what a LiveSplit run file needs too (game.speedrun.lss): the personal best's split times
and every gold in both game time (IGT ticks) and real time (ms), and each attempt with its start
and end, whether it completed, its times, and its splits as they happened (for LiveSplit's
segment history; the newest MAX_HISTORY_SPLITS splits are kept in detail). A file written before
the real-time golds and the attempts' splits existed loads as it is: those are simply unknown.
A damaged file is set aside as `<name>.damaged-N.json` (never deleted) and the runner starts a new
record. Practice runs and continued saves are never recorded. Imports game.storage and this
package; no pygame.

Segments are measured between consecutive splits in the order they happened, and a gold is kept
per pair (previous split, split) with "" for the run's start, so a changed route never compares a
segment with a different one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from game import storage
from game.speedrun.category import Category
from game.speedrun.splits import SplitHit, SplitPlan

BESTS_VERSION = 1
MAX_ATTEMPTS = 2_000  # attempts kept in detail: the file stays far below the reader's 4 MiB
MAX_HISTORY_SPLITS = 10_000  # the attempts' own splits, newest first (about 1 MiB of the file)
START = ""  # the "previous split" of the first segment


@dataclass(frozen=True)
class SplitTime:
    name: str
    igt_ticks: int
    real_ms: int | None = None


@dataclass
class RunResult:
    """A run as it ended (completed or not), for the record."""

    splits: list[SplitTime]  # in the order they happened
    igt_ticks: int
    real_ms: int | None
    completed: bool
    started: str = ""  # ISO 8601 UTC
    ended: str = ""
    replay: str = ""  # the replay file's name
    # Each day of the run in order, as (loop number, in-game ticks the day took): a finished
    # run's days are the category's per-day individual bests (Day 0, Loop 1, ...).
    days: tuple[tuple[int, int], ...] = ()


@dataclass
class RecordOutcome:
    new_pb: bool = False
    golds: list[str] = field(default_factory=list)  # splits whose segment became a best
    attempt: int = 0
    day_bests: list[int] = field(default_factory=list)  # the days (by place) that became bests


def bests_folder() -> Path:
    return storage.home() / "splits"


def bests_path(category: Category, game_version: str) -> Path:
    return bests_folder() / f"{category.key(game_version)}.json"


class Bests:
    def __init__(self, category: Category, game_version: str, path: Path | None = None) -> None:
        self.category = category
        self.game_version = game_version
        self.path = path or bests_path(category, game_version)
        self.order: list[str] = []  # the personal best's split order
        self.pb: list[SplitTime] = []
        self.pb_igt: int | None = None
        self.pb_real_ms: int | None = None
        self.pb_replay = ""
        self.pb_date = ""
        self.golds: dict[tuple[str, str], int] = {}  # IGT ticks
        self.golds_real: dict[tuple[str, str], int] = {}  # real time (ms), where it was measured
        self.attempts: list[dict] = []  # the newest MAX_ATTEMPTS in detail
        self.attempts_forgotten = 0  # older attempts, counted only (the file stays readable)
        # Per-day individual bests: the fastest each day of a finished run has been, by its
        # place in the run (0: Day 0, 1: the first loop, ...), as (loop number, ticks).
        self.day_bests: dict[int, tuple[int, int]] = {}
        self.problem: str | None = None  # why the file on disk could not be used

    # --- disk ---------------------------------------------------------------------------------
    @classmethod
    def load(cls, category: Category, game_version: str, path: Path | None = None) -> Bests:
        """The record for this category, seed and version; empty when there is none yet."""
        bests = cls(category, game_version, path)
        problem = bests._try_read(bests.path)
        if problem is None:
            return bests
        if problem == "":  # no file yet
            if not bests.backup_path.exists():
                return bests
            problem = f"{bests.path}: missing"
        # The file cannot be used: set it aside (never deleted) and fall back to the backup,
        # which the next save keeps (a damaged file never replaces a good backup).
        bests._set_aside()
        recovered = cls(category, game_version, bests.path)
        if recovered._try_read(recovered.backup_path) is None:
            recovered.problem = f"{problem}; recovered the record from {recovered.backup_path.name}"
            return recovered
        fresh = cls(category, game_version, bests.path)
        fresh.problem = problem
        return fresh

    @property
    def backup_path(self) -> Path:
        return self.path.with_name(self.path.name + ".bak")

    def _try_read(self, path: Path) -> str | None:
        """Read the record from `path`: None when it worked, "" when there is no such file, else
        what is wrong (naming the file)."""
        try:
            self._read(storage.read_json(path))
        except FileNotFoundError:
            return ""
        except storage.StorageError as exc:
            return str(exc)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            return f"{path}: {exc}"
        return None

    def _set_aside(self) -> None:
        if not self.path.exists():
            return
        number = 1
        while self.path.with_name(f"{self.path.stem}.damaged-{number}.json").exists():
            number += 1
        with contextlib.suppress(OSError):
            self.path.rename(self.path.with_name(f"{self.path.stem}.damaged-{number}.json"))

    def _read(self, data: object) -> None:
        if not isinstance(data, dict) or data.get("format") != BESTS_VERSION:
            raise ValueError("not a bests file of this game")
        self.order = [str(n) for n in data.get("order", [])]
        pb = data.get("personal_best")
        if pb is not None:
            self.pb = [SplitTime(str(s["name"]), _ticks(s["igt_ticks"]), _opt(s.get("real_ms")))
                       for s in pb["splits"]]  # fmt: skip
            self.pb_igt = _ticks(pb["igt_ticks"])
            self.pb_real_ms = _opt(pb.get("real_ms"))
            self.pb_replay = str(pb.get("replay", ""))
            self.pb_date = str(pb.get("date", ""))
        for g in data.get("golds", []):
            key = (str(g["from"]), str(g["to"]))
            self.golds[key] = _ticks(g["igt_ticks"])
            real = _opt(g.get("real_ms"))
            if real is not None:
                self.golds_real[key] = real
        self.attempts = [a for a in data.get("attempts", []) if isinstance(a, dict)]
        self.attempts_forgotten = _ticks(data.get("attempts_forgotten", 0))
        for d in data.get("day_bests", []):  # absent in files from before per-day bests
            self.day_bests[_ticks(d["day"])] = (_ticks(d["loop"]), _ticks(d["igt_ticks"]))

    def to_json(self) -> dict:
        pb = None
        if self.pb_igt is not None:
            pb = {
                "igt_ticks": self.pb_igt,
                "real_ms": self.pb_real_ms,
                "replay": self.pb_replay,
                "date": self.pb_date,
                "splits": [
                    {"name": s.name, "igt_ticks": s.igt_ticks, "real_ms": s.real_ms}
                    for s in self.pb
                ],
            }
        return {
            "format": BESTS_VERSION,
            "category": self.category.to_json(),
            "game_version": self.game_version,
            "order": self.order,
            "personal_best": pb,
            "golds": [
                {"from": a, "to": b, "igt_ticks": t, "real_ms": self.golds_real.get((a, b))}
                for (a, b), t in sorted(self.golds.items())
            ],
            "attempts": self.attempts,
            "day_bests": [
                {"day": day, "loop": loop, "igt_ticks": ticks}
                for day, (loop, ticks) in sorted(self.day_bests.items())
            ],
            **({"attempts_forgotten": self.attempts_forgotten} if self.attempts_forgotten else {}),
        }

    def save(self) -> None:
        self.saving()()

    def saving(self) -> Callable[[], None]:
        """The save as the figures stand now, to be written later (off the frame, by
        game.disk_writes): what is recorded after this is not in it."""
        path, data = self.path, self.to_json()
        return lambda: storage.atomic_write_json(path, data, keep_backup=True)

    # --- recording ----------------------------------------------------------------------------
    def record(self, result: RunResult) -> RecordOutcome:
        """Add a finished or abandoned run: attempt history, golds, and the PB if it is one.
        Does nothing for practice or a continued save. The caller saves."""
        outcome = RecordOutcome()
        if not self.category.counts_for_bests:
            return outcome
        outcome.attempt = self.attempt_count + 1
        self.attempts.append(
            {
                "id": outcome.attempt,
                "started": result.started,
                "ended": result.ended,
                "completed": result.completed,
                "igt_ticks": result.igt_ticks if result.completed else None,
                "real_ms": result.real_ms if result.completed else None,
                "replay": result.replay,
                "splits": [_split_json(s) for s in result.splits],
            }
        )
        if len(self.attempts) > MAX_ATTEMPTS:  # keep the newest in detail, count the rest
            trimmed = len(self.attempts) - MAX_ATTEMPTS
            del self.attempts[:trimmed]
            self.attempts_forgotten += trimmed
        self._trim_history()
        previous_name, previous_igt, previous_real = START, 0, 0
        for split in result.splits:
            key = (previous_name, split.name)
            segment = split.igt_ticks - previous_igt
            best = self.golds.get(key)
            if best is None or segment < best:
                self.golds[key] = segment
                outcome.golds.append(split.name)
            # Real time has golds of its own, as in LiveSplit: the fastest segment by the clock
            # need not be the fastest in game time (pauses, menus).
            if split.real_ms is not None and previous_real is not None:
                real = split.real_ms - previous_real
                best_real = self.golds_real.get(key)
                if real >= 0 and (best_real is None or real < best_real):
                    self.golds_real[key] = real
            previous_name, previous_igt, previous_real = split.name, split.igt_ticks, split.real_ms
        if result.completed:
            for day, (loop, ticks) in enumerate(result.days):
                best = self.day_bests.get(day)
                if best is None or ticks < best[1]:
                    self.day_bests[day] = (loop, ticks)
                    outcome.day_bests.append(day)
        if result.completed and (self.pb_igt is None or result.igt_ticks < self.pb_igt):
            outcome.new_pb = True
            self.pb = list(result.splits)
            self.pb_igt = result.igt_ticks
            self.pb_real_ms = result.real_ms
            self.pb_replay = result.replay
            self.pb_date = result.ended
            self.order = [s.name for s in result.splits]
        return outcome

    def _trim_history(self) -> None:
        """Keep the splits of the newest attempts only, MAX_HISTORY_SPLITS in all: the attempts
        themselves stay (and so do the golds they set)."""
        kept = 0
        for attempt in reversed(self.attempts):
            splits = attempt.get("splits")
            if not isinstance(splits, list):
                continue
            if kept + len(splits) > MAX_HISTORY_SPLITS:
                del attempt["splits"]
                continue
            kept += len(splits)

    # --- reading ------------------------------------------------------------------------------
    def attempt_splits(self, attempt: dict) -> list[SplitTime] | None:
        """An attempt's splits as they happened; None when the file does not hold them (an older
        file: then the personal best's attempt still has the personal best's splits)."""
        splits = attempt.get("splits")
        if isinstance(splits, list):
            try:
                return [
                    SplitTime(str(s["name"]), _ticks(s["igt_ticks"]), _opt(s.get("real_ms")))
                    for s in splits
                ]
            except (ValueError, TypeError, KeyError):
                return None
        if (
            self.pb_igt is not None
            and attempt.get("completed") is True
            and attempt.get("igt_ticks") == self.pb_igt
            and attempt.get("replay", "") in ("", self.pb_replay)
            and (attempt.get("ended") or "") == self.pb_date
        ):
            return list(self.pb)
        return None

    def gold_real(self, previous: str, name: str) -> int | None:
        """The best real-time segment (ms) between two splits."""
        return self.golds_real.get((previous, name))

    def pb_time(self, name: str) -> int | None:
        for s in self.pb:
            if s.name == name:
                return s.igt_ticks
        return None

    def gold(self, previous: str, name: str) -> int | None:
        return self.golds.get((previous, name))

    def sum_of_best(self, order: Sequence[str]) -> int | None:
        """The sum of the best segments along `order`, or None while one is missing."""
        total = 0
        previous = START
        for name in order:
            best = self.golds.get((previous, name))
            if best is None:
                return None
            total += best
            previous = name
        return total

    @property
    def attempt_count(self) -> int:
        return self.attempts_forgotten + len(self.attempts)


def _ticks(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"a time of {value!r} ticks")
    return value


def _opt(value: object) -> int | None:
    return None if value is None else _ticks(value)


def _split_json(split: SplitTime) -> dict:
    return {"name": split.name, "igt_ticks": split.igt_ticks, "real_ms": split.real_ms}


@dataclass(frozen=True)
class SplitResult:
    """What the HUD shows when a split fires."""

    name: str
    igt_ticks: int
    segment_ticks: int
    pb_ticks: int | None  # the personal best's time at this split
    delta_ticks: int | None  # igt - pb (negative: ahead)
    best_segment: int | None  # the gold before this split
    gold: bool  # this segment beat the best one


@dataclass(frozen=True)
class SplitRow:
    name: str
    pb_ticks: int | None
    igt_ticks: int | None  # this run's time, when it has reached the split
    delta_ticks: int | None
    gold: bool


class LiveComparison:
    """The run against the record, split by split (read by the HUD and the results screen)."""

    def __init__(self, bests: Bests | None, plan: SplitPlan) -> None:
        self.bests = bests
        self.plan = plan.ordered(bests.order) if bests is not None and bests.order else plan
        self.results: list[SplitResult] = []

    @property
    def order(self) -> list[str]:
        return self.plan.names

    def split(self, hit: SplitHit) -> SplitResult:
        previous = self.results[-1] if self.results else None
        previous_name = previous.name if previous else START
        previous_igt = previous.igt_ticks if previous else 0
        segment = hit.igt_ticks - previous_igt
        bests = self.bests
        best = bests.gold(previous_name, hit.name) if bests is not None else None
        pb = bests.pb_time(hit.name) if bests is not None else None
        result = SplitResult(
            hit.name,
            hit.igt_ticks,
            segment,
            pb,
            None if pb is None else hit.igt_ticks - pb,
            best,
            best is not None and segment < best,
        )
        self.results.append(result)
        return result

    def delta(self, name: str) -> int | None:
        for r in self.results:
            if r.name == name:
                return r.delta_ticks
        return None

    def sum_of_best(self) -> int | None:
        return None if self.bests is None else self.bests.sum_of_best(self.order)

    def _ahead(self) -> list[str]:
        """The splits still to come, in the route's order."""
        done = {r.name for r in self.results}
        return [n for n in self.order if n not in done]

    def _first(self) -> str:
        """Where the first segment starts: the run's start (a practice: its split)."""
        return START

    def best_possible(self, now_igt: int) -> int | None:
        """Where the run would end with gold segments from here on."""
        if self.bests is None:
            return None
        previous = self.results[-1].name if self.results else self._first()
        total = self.results[-1].igt_ticks if self.results else 0
        for index, name in enumerate(self._ahead()):
            best = self.bests.gold(previous, name)
            if best is None:
                return None
            # The segment under way cannot end before now.
            total = max(total + best, now_igt) if index == 0 else total + best
            previous = name
        return max(total, now_igt)

    def rows(self) -> list[SplitRow]:
        by_name = {r.name: r for r in self.results}
        rows = []
        for name in self.order:
            r = by_name.get(name)
            pb = self.bests.pb_time(name) if self.bests is not None else None
            rows.append(
                SplitRow(
                    name,
                    pb,
                    r.igt_ticks if r else None,
                    r.delta_ticks if r else None,
                    bool(r and r.gold),
                )
            )
        return rows

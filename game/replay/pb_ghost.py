"""The personal best's ghost: where the PB run's Cage was at each tick of each of its days, so the
current run can see him on the same day tick of the same loop, and how far ahead or behind it is.

Owns finding the PB's replay (the bests file names it; it lies in AYNIK_HOME/replays/), re-running
its inputs through the simulation off the frame (a background thread that works in short slices
and rests between them, so the game never waits for it and the first days are ready first), and
keeping Cage's position every `SAMPLE_TICKS` ticks of each day while he lives, with the map he is
on; then `mark(loop, occurrence, tick, level)` for the renderer (the words for a split's delta
against the PB are game.speedrun.timefmt's `lead_text`). Reads the replay and the maps it is
given; never writes anything, never imports pygame.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from game.level.data import Point
from game.level.errors import LevelError
from game.replay.format import Replay, ReplayError, read_replay
from game.replay.library import replays_dir
from game.replay.playback import Maps, new_run
from game.speedrun import events as E

SAMPLE_TICKS = 6  # ten positions a second: enough to draw him moving, small to keep
TRAIL_SAMPLES = 8  # the trail behind the ghost: the last 0.8 s
SLICE_TICKS = 8  # ticks simulated before the worker rests (about 1.5 ms of work)
REST_SECONDS = 0.003  # ... and its rest: the game's frames get the interpreter at least 2/3 of it
MAX_DAY_SAMPLES = 20_000  # a day of more than half an hour stops being traced


@dataclass
class PbDay:
    """One day of the PB run: Cage at day ticks 0, S, 2S, ... while he lived, and on which map."""

    loop: int
    samples: list[tuple[str, float, float]] = field(default_factory=list)
    closed: bool = False  # the day is over: no more samples will come


@dataclass(frozen=True)
class GhostMark:
    """Where to draw the PB's Cage now (map pixels) and the short trail behind him."""

    position: Point
    trail: tuple[Point, ...]


class PbTrack:
    """The PB run's Cage, day by day; filled by `trace` (possibly on another thread) while it is
    read: lists only grow, so a reader sees a consistent prefix."""

    def __init__(self, sample_ticks: int = SAMPLE_TICKS) -> None:
        self.sample_ticks = max(1, sample_ticks)
        self.days: list[PbDay] = []
        self.done = False  # the whole replay has been traced
        self.problem = ""  # why it could not be (a damaged file, a map that changed)

    def day(self, loop: int, occurrence: int = 0) -> PbDay | None:
        """The PB's `occurrence`-th day with this loop number (Day 0 can be played more than once,
        and a day beyond the loop retried), or its last such day when it had fewer."""
        same = [d for d in list(self.days) if d.loop == loop]
        if not same:
            return None
        return same[min(occurrence, len(same) - 1)]

    def position(self, loop: int, occurrence: int, tick: int) -> tuple[str, float, float] | None:
        """Cage's (map, x, y) in that day at a sampled day tick, None when he was not alive then
        (or it is not traced yet)."""
        day = self.day(loop, occurrence)
        if day is None or tick % self.sample_ticks:
            return None
        index = tick // self.sample_ticks
        samples = day.samples
        return samples[index] if 0 <= index < len(samples) else None

    def mark(self, loop: int, occurrence: int, tick: float, level: str) -> GhostMark | None:
        """The ghost at day tick `tick` (fractional: the render clock) on the map `level`, or None
        when the PB's Cage is not on that map then (another map, dead, or not traced yet)."""
        day = self.day(loop, occurrence)
        if day is None or tick < 0:
            return None
        samples = day.samples
        count = len(samples)
        step = self.sample_ticks
        index = int(tick // step)
        if index >= count:
            return None
        stem = E.level_stem(level)
        here, x, y = samples[index]
        if E.level_stem(here) != stem:
            return None
        if index + 1 < count and samples[index + 1][0] == here:
            k = (tick - index * step) / step
            _, x2, y2 = samples[index + 1]
            x, y = x + (x2 - x) * k, y + (y2 - y) * k
        elif tick > index * step and index + 1 >= count and day.closed:
            return None  # past his last moment alive that day
        trail = tuple(
            (sx, sy)
            for m, sx, sy in samples[max(0, index - TRAIL_SAMPLES) : index + 1]
            if m == here
        )
        return GhostMark((x, y), trail)


def trace(
    replay: Replay,
    maps: Maps,
    track: PbTrack,
    stop: threading.Event | None = None,
    rest: Callable[[], None] | None = None,
) -> None:
    """Re-run the replay's inputs and fill `track` with Cage's positions, day by day. `rest` is
    called every SLICE_TICKS ticks (the worker's pause); `stop` ends it early."""
    run = new_run(replay, maps)
    day = PbDay(run.loop)
    track.days.append(day)
    tick = 0  # the day's tick, as the World counts it

    def sample() -> None:
        world = run.world
        cage = world.cage
        if world.tick % track.sample_ticks or cage.dead or len(day.samples) >= MAX_DAY_SAMPLES:
            return
        if world.tick // track.sample_ticks != len(day.samples):
            return  # a day that began mid-way (a practice's lead-in): nothing to line up with
        x, y = cage.position
        day.samples.append((E.level_stem(str(world.level.path)), round(x, 1), round(y, 1)))

    sample()
    for index, frame in enumerate(replay.frames):
        if stop is not None and stop.is_set():
            return
        if rest is not None and index % SLICE_TICKS == 0 and index:
            rest()
        events = run.step(frame)
        if any(isinstance(e, E.LoopStarted) for e in events):
            day.closed = True
            day = PbDay(run.loop)
            track.days.append(day)
        if run.completed:
            break
        if run.world.tick != tick:
            tick = run.world.tick
            sample()
    day.closed = True
    track.done = True


def pb_replay_path(replay_name: str) -> Path | None:
    """The PB's replay file in the replays folder (the bests file gives a bare name)."""
    name = str(replay_name or "")
    if not name or "/" in name or "\\" in name or name in (".", ".."):
        return None
    path = replays_dir() / name
    return path if path.is_file() else None


_cache: dict[tuple[str, int, float], PbTrack] = {}  # the last traced PB, for the next run


class PbGhost:
    """The personal best's ghost for one run: its track, traced on a background thread from
    `start()`. `mark()` is cheap and never waits."""

    def __init__(self, path: Path, maps: Maps) -> None:
        self.path = path
        self.maps = maps
        self.track = PbTrack()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def for_bests(cls, bests: object, maps: Maps) -> PbGhost | None:
        """The ghost of the PB that `bests` (game.speedrun.bests.Bests) records, None when there
        is none or its replay is gone."""
        if bests is None or getattr(bests, "pb_igt", None) is None:
            return None
        path = pb_replay_path(getattr(bests, "pb_replay", ""))
        return cls(path, maps) if path is not None else None

    def _key(self) -> tuple[str, int, float]:
        try:
            stat = self.path.stat()
        except OSError:
            return (str(self.path), -1, 0.0)
        return (str(self.path), stat.st_size, stat.st_mtime)

    def start(self, background: bool = True) -> PbGhost:
        """Begin tracing (on a daemon thread; `background=False` traces here and now)."""
        cached = _cache.get(self._key())
        if cached is not None and cached.done:
            self.track = cached
            return self
        if background:
            self._thread = threading.Thread(target=self._work, name="pb-ghost", daemon=True)
            self._thread.start()
        else:
            self._work(rest=False)
        return self

    def _work(self, rest: bool = True) -> None:
        track = self.track
        try:
            replay = read_replay(self.path)
            level = self.maps[0]
            if replay.header.get("level_hash") not in (None, level.content_hash):
                track.problem = "the personal best was run on another version of the map"
                return
            trace(replay, self.maps, track, self._stop, self._rest if rest else None)
        except (ReplayError, OSError, ValueError, LevelError) as exc:
            track.problem = f"personal-best ghost: {exc}"
            return
        if track.done:
            _cache.clear()
            _cache[self._key()] = track

    def _rest(self) -> None:
        time.sleep(REST_SECONDS)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the trace to finish (tests and tools; the game never waits). True if done."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self.track.done

    def close(self) -> None:
        """Stop tracing (the run is over, or left)."""
        self._stop.set()

    @property
    def ready(self) -> bool:
        return self.track.done

    def mark(self, loop: int, occurrence: int, tick: float, level: str) -> GhostMark | None:
        return self.track.mark(loop, occurrence, tick, level)

"""The speedrun session: everything speedrun-related about one live run, behind three calls.

Owns, for a run being played: its category, the replay being recorded (every run, into
AYNIK_HOME/replays/, written as it goes), the tracker (IGT, splits, the run summary, ghosts), the
comparison with the personal best, the LiveSplit client, and what happens when the run ends
(completed: bests updated; abandoned: golds kept, LiveSplit reset). The play scene calls

    frame = session.input(frame)          # before Run.step: recorded and read back
    events = run.step(frame)
    results = session.after_step(run, events)   # splits that fired, compared with the PB
    ...
    session.abandon(run)                  # the player left the run (title, quit, new game)

and reads `timer_view(mode)`, `ghosts.paths(level)` and `summary` for the HUD, the ghosts and the
results screen. A failing disk or a missing LiveSplit never stops the game: recording stops with
a message in `problem`. Touches files (replays, bests), a socket (LiveSplit) and the clock; no
pygame.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Generator, Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from game import __version__, storage
from game.disk_writes import DiskWrites, write_now
from game.level.data import LevelData
from game.level.mods import loop_mode
from game.replay.format import Replay
from game.replay.level_refs import level_reference
from game.replay.library import new_replay_path
from game.replay.playback import Maps, Playback
from game.replay.practice import practice_memory, segment_comparison
from game.replay.recorder import ReplayRecorder
from game.replay.recording import end_record, replay_header, utc_now
from game.sim.assists import NONE as NO_ASSISTS
from game.sim.assists import Assists
from game.sim.inputs import InputFrame
from game.sim.loop import Run
from game.sim.memory import Memory
from game.speedrun.bests import (
    Bests,
    LiveComparison,
    RecordOutcome,
    RunResult,
    SplitResult,
    SplitTime,
)
from game.speedrun.category import ANY_PERCENT, Category, classify
from game.speedrun.ghosts import GhostRecorder
from game.speedrun.livesplit import LiveSplitClient, parse_address
from game.speedrun.maps import split_plan_for_run
from game.speedrun.summary import RunSummary
from game.speedrun.timefmt import format_delta, format_ms, format_ticks, lead_text
from game.speedrun.tracker import SpeedrunTracker

# The clocks on screen, as F2 (and Settings → Timers) cycles them. The day clock (top centre,
# DAY) is the loop's: the day's sim time, which the ambushes keep to; IGT is the run's in-game
# time and RTA its real time (the panel, top right). "day" is the default: a player who is not
# speedrunning sees the one clock the day is played by, nothing more. "off" shows no clock at all.
TIMER_MODES = ("day", "day+igt", "day+igt+rta", "splits", "off")
GAME_TITLE = "All You Need Is Kill"


def next_timer_mode(mode: str) -> str:
    """The timer toggle: day → day+igt → day+igt+rta → splits (with RTA) → off → day."""
    index = TIMER_MODES.index(mode) if mode in TIMER_MODES else -1
    return TIMER_MODES[(index + 1) % len(TIMER_MODES)]


def shows_day_clock(mode: str) -> bool:
    """Whether the day clock is on screen in this timer mode (every mode but "off")."""
    return mode != "off"


@dataclass(frozen=True)
class SplitLine:
    name: str
    time: str  # this run's time at the split, or the PB's while it is ahead
    delta: str  # vs the PB ("" before the split is reached)
    gold: bool
    done: bool


@dataclass(frozen=True)
class TimerView:
    """What the HUD draws beside the timer; `mode` picks how much."""

    mode: str
    igt: str  # the run's IGT, m:ss.fff
    real: str  # real time, or ""
    day_label: str  # "Day 0", "Loop 4"
    day: str  # IGT of the current day
    category: str  # "Any% · seed 0 · v0.1.0 (· practice …)"
    marks: tuple[str, ...]  # "custom seed 7", "practice (…)", "continued save"
    last_split: str = ""  # "Seawall  -1.250", for a few seconds after a split
    last_split_gold: bool = False
    splits: tuple[SplitLine, ...] = ()
    sum_of_best: str = ""
    best_possible: str = ""
    finished: bool = False
    problem: str = ""


@dataclass
class SessionEnd:
    completed: bool
    result: RunResult
    outcome: RecordOutcome = field(default_factory=RecordOutcome)
    summary_paths: tuple[Path, ...] = ()


LEAD_IN_SLICE = 60  # ticks of a practice's lead-in between looks at the clock (about 8 ms)


class SpeedrunSession:
    def __init__(
        self,
        run: Run,
        level: LevelData,
        seed: int,
        category: Category,
        *,
        record_to: Path | None = None,
        livesplit: LiveSplitClient | None = None,
        bests: Bests | None = None,
        clock: Callable[[], float] = time.monotonic,
        start_memory: Memory | None = None,
        practice: dict | None = None,
        start_tick: int = 0,
        player: str = "human",
        ghosts: bool = True,
    ) -> None:
        self.level = level
        self.seed = seed
        self.category = category
        self.clock = clock
        self.plan = split_plan_for_run(run)
        self.summary = RunSummary(
            GAME_TITLE, category.display(), seed, __version__, first_loop=run.loop
        )
        self.ghosts = GhostRecorder() if ghosts else None
        self.tracker = SpeedrunTracker(
            self.plan, run.loop, clock, start_tick, self.summary, self.ghosts
        )
        self.bests = bests
        self.comparison = LiveComparison(bests, self.plan)
        self.livesplit = livesplit
        self.problem = bests.problem if bests is not None and bests.problem else ""
        self.started = utc_now()
        self.ended: SessionEnd | None = None
        # The game's writer for the run's end (game.disk_writes); None: written at once.
        self.writes: DiskWrites | None = None
        self.summary_problem = ""
        self._real_at: dict[str, int | None] = {}
        self._last_split: tuple[SplitResult, float] | None = None
        self._livesplit_started = False
        self.recorder: ReplayRecorder | None = None
        if record_to is not None:
            header = replay_header(
                level, seed, category, start_memory, practice, start_tick, player,
                getattr(run, "atlas", None), getattr(run, "loop_mode", "day0"),
                getattr(run, "assists", NO_ASSISTS),
            )  # fmt: skip
            try:
                self.recorder = ReplayRecorder(record_to, header, run)
            except OSError as exc:
                self.problem = f"not recording: {exc.strerror or exc}"

    # --- starting ---------------------------------------------------------------------------
    @classmethod
    def new(
        cls,
        run: Run,
        level: LevelData,
        seed: int,
        *,
        livesplit: str | LiveSplitClient | None = None,
        record: bool = True,
        player: str = "human",
        start_memory: Memory | None = None,
        practice: dict | None = None,
        start_tick: int = 0,
        clock: Callable[[], float] = time.monotonic,
        chosen: str = ANY_PERCENT,
    ) -> SpeedrunSession:
        """A session for a run about to start, played as the category `chosen`.
        `start_memory` is the Memory the run was built with when it is not a new save (a
        continued save, or practice); `livesplit` is a `HOST:PORT` (or a client)."""
        practice_text = _practice_text(practice)
        category = classify(
            level_reference(level.path), seed, start_memory, practice_text, player,
            getattr(run, "assists", NO_ASSISTS), chosen, level.content_hash,
        )  # fmt: skip
        bests = Bests.load(category, __version__) if category.counts_for_bests else None
        client = livesplit
        if isinstance(livesplit, str):
            client = LiveSplitClient(*parse_address(livesplit))
        record_to, not_recording = None, ""
        if record:
            try:
                record_to = new_replay_path(category.key(__version__))
            except OSError as exc:  # a read-only home, a full disk: play on, unrecorded
                not_recording = f"not recording: {exc.filename or 'replays'}: {exc.strerror or exc}"
        session = cls(
            run, level, seed, category,
            record_to=record_to, livesplit=client, bests=bests, clock=clock,
            start_memory=start_memory, practice=practice, start_tick=start_tick, player=player,
        )  # fmt: skip
        if not_recording:
            session.problem = not_recording
        return session

    @classmethod
    def practice_day(
        cls,
        level: LevelData,
        seed: int,
        knowledge: Iterable[str],
        training_level: int,
        atlas: dict[str, LevelData] | None = None,
        assists: Assists = NO_ASSISTS,
        **options,
    ) -> tuple[SpeedrunSession, Run]:
        """A practice day with this knowledge and training: (session, run)."""
        memory = practice_memory(knowledge, training_level)
        start = Memory.from_json(memory.to_json())  # the run writes into its own copy
        run = Run(level, seed, memory, atlas, assists=assists)
        practice = {
            "kind": "day",
            "knowledge": list(memory.knowledge),
            "training_level": training_level,
        }
        session = cls.new(run, level, seed, start_memory=start, practice=practice, **options)
        return session, run

    @classmethod
    def practice_from_split(
        cls, replay: Replay, split_name: str, maps: Maps | None = None, **options
    ) -> tuple[SpeedrunSession, Run]:
        """Practice from a split of a saved replay: (session, run), the run standing just after
        the split. The new replay holds the lead-in (re-simulated and recorded, untimed), so it
        verifies on its own. ValueError if the replay never reaches the split."""
        return run_to_the_end(cls.practice_steps(replay, split_name, maps, **options))

    @classmethod
    def practice_steps(
        cls, replay: Replay, split_name: str, maps: Maps | None = None, **options
    ) -> Generator[float, None, tuple[SpeedrunSession, Run]]:
        """practice_from_split a slice at a time, for a screen that shows how far it has come:
        yields the share of the lead-in re-run so far (0 to 1) every LEAD_IN_SLICE ticks, and
        returns (session, run). The same errors, raised when they are found."""
        playback = Playback(replay, maps)
        marks = [m for m in replay.splits if m.name == split_name]
        if not marks:
            raise ValueError(f"the replay never reaches the split {split_name!r}")
        tick = marks[0].ticks
        run = playback.run
        practice = {
            "kind": "split",
            "split": split_name,
            "source": Path(replay.path).name,
            "source_igt_ticks": marks[0].igt_ticks,
        }
        start_memory = replay.start_memory()
        session = cls.new(
            run, playback.level, replay.seed, start_memory=start_memory, practice=practice,
            start_tick=tick, **options,
        )  # fmt: skip
        try:
            for done, frame in enumerate(replay.frames[:tick], start=1):
                events = run.step(session.input(frame))
                session.after_step(run, events)
                if done % LEAD_IN_SLICE == 0:
                    yield done / tick
        except GeneratorExit:  # called off before the split: a lead-in's recording is no run
            session.discard_recording()
            raise
        if not session.tracker.splits.done(split_name):
            session.discard_recording()  # a lead-in that never got there: no run to keep
            raise ValueError(f"the replay no longer reaches the split {split_name!r}")
        # The practised segment is compared from the split on, with the golds and the PB of
        # the category the replay was run in; the lead-in's splits are done.
        source = replay.header.get("category")
        source_name = source.get("name") if isinstance(source, dict) else ""
        session.comparison = segment_comparison(
            session.category, __version__, session.plan, split_name,
            [hit.name for hit in session.tracker.splits.hits],
            source_name if isinstance(source_name, str) else "",
        )  # fmt: skip
        return session, run

    # --- every tick -----------------------------------------------------------------------------
    def input(self, frame: InputFrame) -> InputFrame:
        """The tick's input as the replay holds it (step the run on this)."""
        if self.recorder is None or self.recorder.closed:
            return frame
        try:
            return self.recorder.record(frame)
        except OSError as exc:
            self._stop_recording(exc)
            return frame

    def after_step(self, run: Run, events: Sequence[object]) -> list[SplitResult]:
        """After Run.step: time, splits (with their comparison), replay, LiveSplit."""
        if self.ended is not None:
            return []
        tracker = self.tracker
        hits = tracker.step(run, events)
        if self.recorder is not None and not self.recorder.closed:
            try:
                self.recorder.after_step(run, events, hits, tracker.igt_ticks)
            except OSError as exc:
                self._stop_recording(exc)
        results = []
        for hit in hits:
            result = self.comparison.split(hit)
            results.append(result)
            self._real_at[hit.name] = tracker.timer.real_ms()
            self.summary.comparisons[hit.name] = result.delta_ticks
            self._last_split = (result, self.clock())
        client = self.livesplit
        if client is not None and tracker.timer.started:
            if not self._livesplit_started:
                self._livesplit_started = True
                client.start_run(self.comparison.order)  # the .lss export's segment order
            for hit in hits:
                split = self.plan.get(hit.name)
                client.split(hit.igt_ticks, final=bool(split and split.final), name=hit.name)
            client.game_time(tracker.igt_ticks)
        if tracker.finished:
            self._end(run, completed=True)
        return results

    # --- the end ----------------------------------------------------------------------------
    def abandon(self, run: Run) -> SessionEnd | None:
        """The player left the run: the replay is closed (not completed), golds are kept, and
        LiveSplit is reset. Safe to call more than once, and after the run completed."""
        if self.ended is not None:
            return self.ended
        if self.livesplit is not None:
            self.livesplit.reset()
        return self._end(run, completed=False)

    def close(self) -> None:
        """Let go of the LiveSplit connection (at the game's exit)."""
        if self.livesplit is not None:
            self.livesplit.close()

    def _end(self, run: Run, completed: bool) -> SessionEnd:
        tracker = self.tracker
        real_ms = tracker.timer.real_ms()
        self.summary.real_ms = real_ms
        splits = [
            SplitTime(h.name, h.igt_ticks, self._real_at.get(h.name)) for h in tracker.splits.hits
        ]
        replay_name = self.recorder.path.name if self.recorder is not None else ""
        days = tuple((d.loop, d.ticks(tracker.igt_ticks)) for d in self.summary.days)
        result = RunResult(
            splits, tracker.igt_ticks, real_ms, completed, self.started, utc_now(), replay_name,
            days,
        )  # fmt: skip
        end = SessionEnd(completed, result)
        if self.recorder is not None and not self.recorder.closed:
            try:
                finish = self.recorder.finishing(run, end_record(run, tracker, real_ms))
            except OSError as exc:
                self._stop_recording(exc)
            else:
                self._write(finish, self._stop_recording)
        if self.bests is not None and tracker.timer.started:
            end.outcome = self.bests.record(result)
            self._write(self.bests.saving(), self._bests_not_saved)
        self.ended = end
        return end

    def _write(self, work: Callable[[], None], on_error: Callable[[OSError], None]) -> Future:
        """A write of the run's end: off the frame when the game gave the session its
        DiskWrites (`writes`), else here and now."""
        if self.writes is not None:
            return self.writes.submit(work, on_error)
        return write_now(work, on_error)

    def _bests_not_saved(self, exc: OSError) -> None:
        self.problem = f"personal bests not saved: {exc.strerror or exc}"

    def discard_recording(self) -> None:
        """No run was played on this session (a practice called off in its lead-in): its
        recording so far is closed and deleted, not left in the replays as a run cut short."""
        if self.recorder is not None:
            with contextlib.suppress(OSError):
                self.recorder.abandon()
                self.recorder.path.unlink(missing_ok=True)
            self.recorder = None

    def _stop_recording(self, exc: OSError) -> None:
        self.problem = f"recording stopped: {exc.strerror or exc}"
        if self.recorder is not None:
            with contextlib.suppress(OSError):
                self.recorder.abandon()

    # --- reading ------------------------------------------------------------------------------
    @property
    def replay_path(self) -> Path | None:
        return self.recorder.path if self.recorder is not None else None

    def timer_view(self, mode: str = "day", now: float | None = None) -> TimerView:
        timer = self.tracker.timer
        real_ms = timer.real_ms()
        day = timer.day
        last, gold = "", False
        if self._last_split is not None:
            result, at = self._last_split
            if (now if now is not None else self.clock()) - at < 5.0 or self.tracker.finished:
                last = f"{result.name}  {lead_text(result.delta_ticks)}".strip()
                gold = result.gold
        view = {
            "mode": mode,
            "igt": format_ticks(timer.igt_ticks),
            "real": format_ms(real_ms) if real_ms is not None else "",
            "day_label": f"Loop {day.loop}" if day.loop else "Day 0",
            "day": format_ticks(timer.day_ticks),
            "category": self.category.display(__version__),
            "marks": tuple(self.category.labels),
            "last_split": last,
            "last_split_gold": gold,
            "finished": timer.finished,
            "problem": self.problem,
        }
        if mode == "splits":
            lines = []
            # A practice from a split begins with the splits of its lead-in done (untimed).
            lead_in = getattr(self.comparison, "lead_in", ())
            for row in self.comparison.rows():
                if row.igt_ticks is None and row.name in lead_in:
                    lines.append(SplitLine(row.name, "lead-in", "", False, True))
                    continue
                done = row.igt_ticks is not None
                shown = row.igt_ticks if done else row.pb_ticks
                lines.append(
                    SplitLine(
                        row.name,
                        format_ticks(shown) if shown is not None else "-",
                        format_delta(row.delta_ticks)
                        if done and row.delta_ticks is not None
                        else "",
                        row.gold,
                        done,
                    )
                )
            view["splits"] = tuple(lines)
            sob = self.comparison.sum_of_best()
            best = self.comparison.best_possible(timer.igt_ticks)
            view["sum_of_best"] = format_ticks(sob) if sob is not None else "-"
            view["best_possible"] = format_ticks(best) if best is not None else "-"
        return TimerView(**view)

    def export_summary(self, folder: Path | None = None) -> Callable[[], tuple[Path, ...]]:
        """The run summary as Markdown and JSON in AYNIK_HOME/runs/ (named like the replay),
        written as `_write` writes. Returns what tells the files written: their paths once they
        are on disk, nothing before or if they could not be written (`summary_problem` says
        why)."""
        folder = folder or storage.home() / "runs"
        stem = self.recorder.path.stem if self.recorder is not None else f"run-{self.started}"
        stem = stem.replace(":", "")
        markdown, data = folder / f"{stem}.md", folder / f"{stem}.json"
        texts = ((markdown, self.summary.to_markdown()), (data, self.summary.to_json_text()))

        def write() -> None:
            for path, text in texts:
                storage.atomic_write_text(path, text)

        def not_written(exc: OSError) -> None:
            self.summary_problem = f"run summary not saved: {exc.strerror or exc}"

        written = self._write(write, not_written)
        return lambda: (markdown, data) if written.done() and not self.summary_problem else ()


def _practice_text(practice: dict | None) -> str:
    if not practice:
        return ""
    if practice.get("kind") == "split":
        return f"from {practice.get('split', '?')}"
    if practice.get("kind") == "day":
        known = len(practice.get("knowledge", []))
        return f"{known} known, training {practice.get('training_level', 0)}"
    return str(practice.get("kind", "practice"))


def start_play(
    maps: tuple[LevelData, dict[str, LevelData]],
    seed: int,
    *,
    memory: Memory | None = None,
    bot: str | None = None,
    livesplit: str | LiveSplitClient | None = None,
    record: bool = True,
    practice: dict | None = None,
    assists: Assists = NO_ASSISTS,
    category: str = ANY_PERCENT,
) -> tuple[SpeedrunSession, Run]:
    """Everything the play scene needs to begin: (session, run), played as `category`.

    `maps` is (starting level, atlas) from game.level.atlas.load_atlas; `memory` a continued
    save's Memory (None: a new save); `practice` None, `{"knowledge": [ids], "training_level": n}`
    for a practice day, or `{"replay": path, "split": name}` to start at a replay's split
    (ReplayError or ValueError when that cannot be done). `assists`: the gentler rules the player
    chose (a split's practice keeps those of the replay it starts from, whose lead-in it re-runs);
    an assisted run is marked in its replay and never counts for personal bests."""
    level, atlas = maps
    options = _session_options(bot, livesplit, record, category)
    if practice and "replay" in practice:
        return run_to_the_end(
            practice_from_replay_steps(practice, bot, livesplit, record, category)
        )
    if practice:
        return SpeedrunSession.practice_day(
            level, seed, practice.get("knowledge", ()), int(practice.get("training_level", 0)),
            atlas=atlas, assists=assists, **options,
        )  # fmt: skip
    start = Memory.from_json(memory.to_json()) if memory is not None else None
    run = Run(level, seed, memory, atlas, assists=assists, loop_mode=loop_mode(level.path))
    return SpeedrunSession.new(run, level, seed, start_memory=start, **options), run


def practice_from_replay_steps(
    practice: dict,
    bot: str | None = None,
    livesplit: str | LiveSplitClient | None = None,
    record: bool = True,
    category: str = ANY_PERCENT,
) -> Generator[float, None, tuple[SpeedrunSession, Run]]:
    """start_play's practice from a replay's split (`{"replay": path, "split": name}`), a slice
    at a time (SpeedrunSession.practice_steps), for a screen that shows how far it has come.
    ReplayError at once when the replay cannot be read."""
    from game.replay.format import read_replay

    replay = read_replay(practice["replay"])
    options = _session_options(bot, livesplit, record, category)
    return SpeedrunSession.practice_steps(replay, str(practice["split"]), **options)


def run_to_the_end(
    steps: Generator[float, None, tuple[SpeedrunSession, Run]],
) -> tuple[SpeedrunSession, Run]:
    """What a slice-at-a-time start gives once every slice is run."""
    while True:
        try:
            next(steps)
        except StopIteration as finished:
            return finished.value


def _session_options(bot, livesplit, record, category) -> dict:
    """SpeedrunSession.new's options for a run played by `bot` (None: a person)."""
    player = f"bot:{bot}" if bot else "human"
    return {"livesplit": livesplit, "record": record, "player": player, "chosen": category}

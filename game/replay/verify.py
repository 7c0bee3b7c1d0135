"""Verifying a replay: re-simulate the whole multi-loop run and check it against what it recorded.

Owns the verdict on a replay. In order: the game version, the starting map's content hash, the
chain that links the recorded checkpoints (an edited hash breaks it), then a re-run of every
tick, checked against the per-tick digests, the checkpoints, the loop and split records and, at
the end, the end record's claims (ticks, final state, IGT, loops, completed). The first tick that
disagrees is named with its loop, and a desync report (JSON, the recorded and the re-simulated
state side by side) is written next to the replay, or in AYNIK_HOME/desync/ when that folder
cannot be written. A map the run enters later is checked against the header's `levels` when it
is entered. Never raises for a bad file: every problem is a Verdict. Must not import pygame.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from game import __version__, storage
from game.level.errors import LevelError
from game.replay.format import (
    CHECKPOINT_INTERVAL,
    LoopMark,
    Replay,
    chain_start,
    digest_of,
    next_chain,
)
from game.replay.level_refs import level_hashes, level_reference
from game.replay.playback import (
    Maps,
    new_run,
    replay_maps,
    run_at_loop_start,
    tracker_at_loop_start,
)
from game.replay.snapshot import state_snapshot
from game.sim.knowledge import knowable
from game.sim.loop import Run
from game.speedrun import events as E
from game.speedrun.category import (
    CAMPAIGN_START,
    OFFICIAL_SEED,
    categories_met,
    is_new_save,
)
from game.speedrun.events import level_stem
from game.speedrun.maps import split_plan_for_run
from game.speedrun.tracker import SpeedrunTracker

REPORT_INPUTS = 8  # inputs shown either side of the diverging tick


@dataclass
class Verdict:
    valid: bool
    result: dict  # the JSON `aynik verify --json` prints (without "problem")
    problem: str = ""
    diverged_at: int | None = None  # the first tick that disagrees, when one does
    diverged_loop: int | None = None
    report_path: str | None = None


def _fail(problem: str, result: dict | None = None, **extra) -> Verdict:
    base = {"valid": False, "completed": False, "igt_ticks": 0, "loops": 0}
    return Verdict(False, dict(base, **(result or {})), problem, **extra)


def check_chain(replay: Replay) -> str | None:
    """Whether the recorded checkpoints hold together (version 2); a problem, or None."""
    if replay.version < 2:
        return None
    header_line = "H " + json.dumps(replay.header, sort_keys=True)
    chain = chain_start(header_line)
    previous = 0
    for checkpoint in replay.checkpoints:
        digests = replay.digests[previous : checkpoint.ticks]
        chain = next_chain(chain, checkpoint.ticks, checkpoint.loop or 0, checkpoint.state_hash,
                           digests)  # fmt: skip
        if chain != checkpoint.chain:
            return (
                f"the recorded checkpoints do not hold together at tick {checkpoint.ticks}: "
                "the file was edited or damaged"
            )
        previous = checkpoint.ticks
    return None


def verify_replay(replay: Replay, write_report: bool = True, workers: int = 1) -> Verdict:
    """The verdict on `replay`. `workers` > 1 lets it re-run the recording's days side by side in
    that many processes (see _side_by_side); the verdict is the same either way."""
    header = replay.header
    if header["game_version"] != __version__:
        return _fail(
            f"recorded with game version {header['game_version']}, this is {__version__}",
            diverged_at=0,
        )
    try:
        maps = replay_maps(replay)
    except LevelError as exc:
        return _fail(f"its level cannot be loaded: {exc}")
    level, atlas = maps
    if level.content_hash != header["level_hash"]:
        return _fail(f"the level {header['level']!r} differs from the recorded one", diverged_at=0)
    problem = check_chain(replay)
    if problem:
        return _fail(problem)
    if replay.start_tick != 0 and not header.get("practice"):
        # Only practice has an untimed lead-in; anywhere else it would be time taken off.
        return _fail(
            f"it claims its first {replay.start_tick} ticks are an untimed lead-in, which only "
            "a practice run has",
            diverged_at=0,
        )
    try:
        run = new_run(replay, maps)
    except ValueError as exc:
        return _fail(f"its starting memory cannot be used: {exc}")
    if workers > 1:
        verdict = _side_by_side(replay, maps, workers)
        if verdict is not None:
            return verdict
    return _Rerun(replay, run, write_report).go()


class _Rerun:
    def __init__(
        self,
        replay: Replay,
        run: Run,
        write_report: bool,
        tracker: SpeedrunTracker | None = None,
    ) -> None:
        """A re-run from `run` as it stands (the start of the recording, or of a day rebuilt
        from it, with `tracker` as it stood then)."""
        self.replay = replay
        self.run = run
        self.write_report = write_report
        self.tracker = tracker or SpeedrunTracker(
            split_plan_for_run(run), first_loop=run.loop, start_tick=replay.start_tick
        )
        self.levels = dict(replay.header.get("levels") or {})
        self.levels.setdefault(level_reference(run.level.path), run.level.content_hash)
        # Maps the run could enter that are not as they were recorded (named if it diverges).
        now = level_hashes(getattr(run, "atlas", {}).values())
        self.changed_maps = sorted(
            name for name, digest in self.levels.items() if now.get(name, digest) != digest
        )
        self.changed_maps += sorted(name for name in self.levels if name not in now)
        self.level = run.world.level
        self.checkpoints = {c.ticks: c for c in replay.checkpoints}
        # The loop and split records already behind the run (all of them up to where it stands).
        ticks = run.run_ticks
        self.loop_index = sum(1 for mark in replay.loops if mark.ticks <= ticks)
        self.split_index = sum(1 for mark in replay.splits if mark.ticks <= ticks)

    def result(self, **extra) -> dict:
        run = self.run
        return dict(
            {
                "valid": False,
                "completed": self.tracker.finished,
                "igt_ticks": self.tracker.igt_ticks,
                "loops": run.memory.loop,
                "ticks": run.run_ticks,
            },
            **extra,
        )

    def go(self, until: int | None = None) -> Verdict | None:
        """Re-run the recording from where the run stands to tick `until` (None: to its end,
        and check the end record): the verdict, or None when it agrees up to `until`."""
        replay, run = self.replay, self.run
        start = self.checkpoints.get(0)
        if run.run_ticks == 0 and start is not None and start.state_hash != run.state_hash():
            return self.diverged(0, run.loop, "the starting state differs from the recorded one")
        for frame in replay.frames[run.run_ticks : until]:
            loop_before = run.loop
            if run.completed:
                return self.diverged(
                    run.run_ticks, loop_before, "the recording goes on after the run was completed"
                )
            events = run.step(frame)
            hits = self.tracker.step(run, events)
            problem = self.check_tick(events, hits)
            if problem:
                return self.diverged(run.run_ticks, loop_before, problem)
        return self.check_end() if until is None else None

    def check_tick(self, events, hits) -> str | None:
        run = self.run
        tick = run.run_ticks
        level = run.world.level
        if level is not self.level:
            self.level = level
            reference = level_reference(level.path)
            recorded = self.levels.get(reference)
            if recorded is None and self.replay.version >= 2:  # version 1 pinned one map only
                return f"the run enters the map {reference!r}, which the recording does not pin"
            if recorded is None:
                return None
            if recorded != level.content_hash:
                return f"the map {reference!r} differs from the recorded one"
        state_hash = None
        if tick <= len(self.replay.digests):
            state_hash = run.state_hash()
            if digest_of(state_hash) != self.replay.digests[tick - 1]:
                return "the state differs from the recording"
        checkpoint = self.checkpoints.get(tick)
        if checkpoint is not None:
            state_hash = state_hash or run.state_hash()
            if checkpoint.state_hash != state_hash:
                return "the state differs from the recorded checkpoint"
            if checkpoint.loop is not None and checkpoint.loop != run.loop:
                return f"the recording is in loop {checkpoint.loop} here, the re-run in {run.loop}"
        if self.replay.version >= 2:
            return self.check_marks(tick, events, hits)
        return None

    def check_marks(self, tick: int, events, hits) -> str | None:
        loops = self.replay.loops
        started = [e for e in events if isinstance(e, E.LoopStarted)]
        for event in started:
            mark = loops[self.loop_index] if self.loop_index < len(loops) else None
            reason = event.reason
            if mark is None or mark.ticks != tick:
                return f"a new day begins ({reason}) where the recording has none"
            if mark.loop != event.loop or mark.reason != reason:
                return (f"the day that begins is loop {event.loop} ({reason}); the recording "
                        f"has loop {mark.loop} ({mark.reason})")  # fmt: skip
            problem = self.check_day_start(mark)
            if problem:
                return problem
            self.loop_index += 1
        if self.loop_index < len(loops) and loops[self.loop_index].ticks <= tick:
            return f"the recording begins a new day ({loops[self.loop_index].reason}) here"
        splits = self.replay.splits
        for hit in hits:
            mark = splits[self.split_index] if self.split_index < len(splits) else None
            if mark is None or (mark.ticks, mark.name) != (tick, hit.name):
                return f"the split {hit.name!r} fires where the recording has none"
            if mark.igt_ticks != hit.igt_ticks:
                return f"the split {hit.name!r} is timed {hit.igt_ticks}, recorded {mark.igt_ticks}"
            self.split_index += 1
        if self.split_index < len(splits) and splits[self.split_index].ticks <= tick:
            return f"the recording has the split {splits[self.split_index].name!r} here"
        return None

    def check_day_start(self, mark: LoopMark) -> str | None:
        """What the loop record says of the day's start beyond when it began: the IGT then, the
        Memory and the deaths so far (what the replay viewer rebuilds the day from)."""
        run, igt = self.run, self.tracker.igt_ticks
        if mark.igt_ticks != igt:
            return (
                f"the recording begins loop {mark.loop} at IGT {mark.igt_ticks}, the re-run {igt}"
            )
        if mark.memory is not None and mark.memory != run.memory.to_json():
            return f"the recording begins loop {mark.loop} with another Memory than the re-run"
        if mark.deaths_total is not None and mark.deaths_total != run.deaths_total:
            return (f"the recording begins loop {mark.loop} after {mark.deaths_total} deaths, "
                    f"the re-run after {run.deaths_total}")  # fmt: skip
        return None

    def check_end(self) -> Verdict:
        run, replay, tracker = self.run, self.replay, self.tracker
        ticks = run.run_ticks
        end = replay.end
        if end is None:
            return _fail(
                f"the recording was cut short at tick {ticks} (no end record); "
                f"everything it holds agrees with a re-run",
                self.result(holds_until_tick=ticks, cut_short=True),
            )
        state_hash = run.state_hash()
        claims = {
            "ticks": ticks,
            "state_hash": state_hash,
            "loops": run.memory.loop,
            "completed": tracker.finished,
            "igt_ticks": tracker.igt_ticks,
        }
        for key, actual in claims.items():
            if key in ("igt_ticks", "completed") and key not in end:
                continue  # version 1 end records do not claim these
            if end.get(key) != actual:
                if key == "state_hash":
                    problem = f"the final state differs after tick {ticks}"
                else:
                    problem = (
                        f"the end record claims {key} {end.get(key)!r}, the re-run gives {actual!r}"
                    )
                return _fail(problem, self.result(), diverged_at=ticks, diverged_loop=run.loop)
        result = {
            "valid": True,
            "completed": tracker.finished,
            "igt_ticks": tracker.igt_ticks,
            "loops": run.memory.loop,
            "ticks": ticks,
            "state_hash": state_hash,
            "splits": [{"name": h.name, "igt_ticks": h.igt_ticks} for h in tracker.splits.hits],
        }
        result.update(what_the_run_is(replay, run, tracker.finished))
        return Verdict(True, result)

    # --- a divergence and its report --------------------------------------------------------
    def diverged(self, tick: int, loop: int, what: str) -> Verdict:
        problem = f"diverges from the recording at tick {tick} (loop {loop}): {what}"
        if self.changed_maps:
            problem += f" (maps changed since it was recorded: {', '.join(self.changed_maps)})"
        result = self.result(diverged_at_tick=tick, diverged_loop=loop)
        report_path = None
        if self.write_report:
            report_path = self.write(self.report(tick, loop, what))
            if report_path:
                problem += f"; desync report: {report_path}"
        if report_path:
            result["desync_report"] = report_path
        return _fail(problem, result, diverged_at=tick, diverged_loop=loop, report_path=report_path)

    def report(self, tick: int, loop: int, what: str) -> dict:
        replay, run = self.replay, self.run
        replayed_here = state_snapshot(run)
        recorded_digest = replay.digests[tick - 1] if 0 < tick <= len(replay.digests) else None
        before = [c for c in replay.checkpoints if c.ticks < tick]
        after = [c for c in replay.checkpoints if c.ticks >= tick]
        recorded_next = after[0] if after else None
        if recorded_digest is not None or tick == 0:
            last_matching = max(0, tick - 1)
        else:
            last_matching = before[-1].ticks if before else 0
        replayed_next = None
        if recorded_next is not None and recorded_next.ticks - tick <= 2 * CHECKPOINT_INTERVAL:
            # Run on to the recorded checkpoint so both states can be laid side by side.
            while run.run_ticks < recorded_next.ticks and not run.completed:
                run.step(replay.frames[run.run_ticks])
            replayed_next = state_snapshot(run)
        first = max(0, tick - 1 - REPORT_INPUTS)
        inputs = [
            {"tick": t + 1, "input": replay.frames[t].encode()}
            for t in range(first, min(len(replay.frames), tick + REPORT_INPUTS))
        ]
        return {
            "replay": replay.path,
            "game_version": __version__,
            "problem": what,
            "first_diverging_tick": tick,
            "loop": loop,
            "last_matching_tick": last_matching,
            "recorded": {
                "digest": recorded_digest,
                "last_checkpoint_before": _checkpoint_json(before[-1]) if before else None,
                "checkpoint": _checkpoint_json(recorded_next) if recorded_next else None,
            },
            "replayed": {
                "digest": replayed_here["state_hash"][: len(recorded_digest or "")] or None,
                "state": replayed_here,
                "checkpoint": replayed_next,
            },
            "inputs": inputs,
        }

    def write(self, report: dict) -> str | None:
        name = Path(self.replay.path).name or "replay"
        places = []
        if self.replay.path:
            places.append(Path(self.replay.path).with_name(name + ".desync.json"))
        places.append(storage.home() / "desync" / (name + ".desync.json"))
        for path in places:
            try:
                storage.atomic_write_json(path, report)
                return str(path)
            except OSError:
                continue
        return None


def what_the_run_is(replay: Replay, run: Run, completed: bool) -> dict:
    """What a verified run is, decided from what was re-simulated, not from the header's claims:
    whether it began as a new save (an empty Memory at tick 0 of Day 0, no practice), its seed
    and assists, which categories its end state meets, and whether it is official. What only the
    header can say (who played, the real time) is reported as claimed: a replay proves that a
    run is possible, not who played it or how long it took on a wall clock."""
    header = replay.header
    practice = header.get("practice") or None
    new_save = is_new_save(replay.start_memory()) and replay.start_tick == 0 and not practice
    atlas = list(getattr(run, "atlas", {}).values()) or [run.level]
    drills = [int(o.prop("level", 0) or 0) for lv in atlas for o in lv.objects_of("TrainingDrill")]
    memory = run.memory
    met = categories_met(completed, set(memory.knowledge), set(knowable(atlas)),
                         memory.training_level, max(drills, default=0))  # fmt: skip
    claimed = header.get("category") if isinstance(header.get("category"), dict) else {}
    claimed_name = str(claimed.get("name", "")) if claimed else ""
    level = str(header.get("level", ""))
    if level != CAMPAIGN_START:
        category = f"Level: {level_stem(level)}"
    elif claimed_name in met:
        category = claimed_name  # played as a category its end state meets
    else:
        category = met[0] if met else ""
    player = str(header.get("player") or claimed.get("player") or "human")
    end = replay.end or {}
    official = bool(
        completed
        and level == CAMPAIGN_START
        and new_save
        and replay.seed == OFFICIAL_SEED
        and not run.assists.any
        and player == "human"
        and (not claimed_name or claimed_name in met)
    )
    return {
        "category": category,
        "categories": met,
        "claimed_category": claimed_name,
        "new_save": new_save,
        "practice": practice,
        "seed": replay.seed,
        "assists": run.assists.names(),
        "game_version": str(header.get("game_version", "")),
        "player_claimed": player,
        "real_ms_claimed": end.get("real_ms"),
        "official": official,
    }


def _checkpoint_json(checkpoint) -> dict:
    return {
        "ticks": checkpoint.ticks,
        "loop": checkpoint.loop,
        "state_hash": checkpoint.state_hash,
        "state": checkpoint.state,
    }


# --- the days side by side -----------------------------------------------------------------------
# Every loop record holds what the day began with (the Memory, the deaths so far, the IGT), so each
# day of a recording can be re-run on its own: in a process of its own, on a machine with cores to
# spare. The days are then joined where they meet: the day before must end exactly where the next
# was rebuilt to begin (its state hash, which the recorded checkpoint there confirms for both, and
# everything the check of the later ticks reads: the speedrun timer and splits, the records already
# passed). Only a recording every day of which agrees, joined at every seam, is valid this way;
# anything else (a problem anywhere, a seam that does not join, a process that fails) is verified
# again one tick after another from the start, and that verdict, with its report, is the one given.

SIDE_BY_SIDE_FROM = 3600  # ticks: a shorter run is over before more processes would be running

_job: tuple[Replay, Maps] | None = None  # the recording the processes re-run (inherited by fork)


def _side_by_side(replay: Replay, maps: Maps, workers: int) -> Verdict | None:
    """The valid verdict, from the days re-run side by side; None when that cannot say it."""
    global _job
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    starts = [mark.ticks for mark in replay.loops]
    usable = (
        replay.version >= 2
        and replay.start_tick == 0
        and replay.end is not None
        and len(replay.frames) >= SIDE_BY_SIDE_FROM
        and starts
        and all(m.memory is not None and m.deaths_total is not None for m in replay.loops)
        and "fork" in multiprocessing.get_all_start_methods()
    )
    if not usable:
        return None
    bounds = [0, *starts, len(replay.frames)]
    days = sorted(range(len(bounds) - 1), key=lambda k: bounds[k] - bounds[k + 1])  # longest first
    _job = (replay, maps)
    results: dict[int, tuple] = {}
    try:
        context = multiprocessing.get_context("fork")  # the recording and maps, inherited
        with ProcessPoolExecutor(min(workers, len(days)), mp_context=context) as pool:
            futures = [pool.submit(_rerun_day, k, bounds[k], bounds[k + 1]) for k in days]
            for future in futures:
                day, agrees, seam_in, seam_out, verdict = future.result()
                if not agrees:
                    pool.shutdown(wait=False, cancel_futures=True)
                    return None
                results[day] = (seam_in, seam_out, verdict)
    except Exception:  # a process that could not start or died: the plain way says it
        return None
    finally:
        _job = None
    for day in range(1, len(bounds) - 1):
        if results[day - 1][1] != results[day][0]:
            return None
    return results[len(bounds) - 2][2]


def _rerun_day(day: int, begin: int, end: int) -> tuple:
    """In a process of its own: the day from `begin` to `end` ticks (the last runs to the end
    record). (day, agrees, its start and its end as `_seam` sees them, the verdict of the last)."""
    replay, maps = _job
    if begin == 0:
        rerun = _Rerun(replay, new_run(replay, maps), write_report=False)
    else:
        mark = next(m for m in replay.loops if m.ticks == begin)
        run = run_at_loop_start(replay, maps, mark)
        if run is None:
            return day, False, None, None, None
        plan = split_plan_for_run(run)
        rerun = _Rerun(replay, run, False, tracker_at_loop_start(replay, plan, mark, run.loop))
    seam_in = _seam(rerun)
    last = end == len(replay.frames)
    verdict = rerun.go(None if last else end)
    agrees = verdict.valid if last else verdict is None
    return day, agrees, seam_in, _seam(rerun), verdict if last else None


def _seam(rerun: _Rerun) -> tuple:
    """Where a re-run stands, as far as anything later depends on it: the run's state hash and
    tick count, the speedrun timer (its IGT and whether it runs), the splits done and how they
    were timed, and the loop and split records behind it."""
    run, tracker = rerun.run, rerun.tracker
    timer = tracker.timer
    return (
        run.state_hash(), run.run_ticks, run.completed,
        timer.igt_ticks, timer.started, timer.finished, timer.death_tick,
        tuple(sorted((h.name, h.igt_ticks, h.run_ticks) for h in tracker.splits.hits)),
        rerun.loop_index, rerun.split_index,
    )  # fmt: skip

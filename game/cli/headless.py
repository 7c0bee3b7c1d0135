"""Headless runs: a Run driven by a bot for N ticks, recorded or not, and replay verification.

Owns what `aynik sim` and `aynik verify` do, without a window: load the level, step the run with
the speedrun tracker beside it (so `igt_ticks` is the in-game timer's), write or check the replay,
and summarise the result as the JSON keys GAME.md fixes. The verifier itself lives in
game.replay.verify. Must not import pygame display code (the level loader's pytmx import is the
only pygame it touches).
"""

from __future__ import annotations

import os
from pathlib import Path

from game.bots import make_bot
from game.level.atlas import load_atlas
from game.level.campaign import resolve_level
from game.level.data import LevelData
from game.level.mods import loop_mode
from game.replay.format import Replay
from game.replay.level_refs import level_reference
from game.replay.recorder import ReplayRecorder
from game.replay.recording import end_record, replay_header
from game.replay.verify import Verdict, verify_replay
from game.sim.loop import Run
from game.speedrun.category import classify
from game.speedrun.maps import split_plan_for_run
from game.speedrun.tracker import SpeedrunTracker

__all__ = ["Verdict", "level_reference", "replay_header_for", "simulate", "summary", "verify"]


def summary(run: Run, seed: int, tracker: SpeedrunTracker | None = None) -> dict:
    memory = run.memory
    return {
        "ticks": run.run_ticks,
        "seed": seed,
        "state_hash": run.state_hash(),
        "loop": memory.loop,
        "loops": memory.loop,
        "deaths": len(memory.deaths),
        "deaths_total": run.deaths_total,
        "knowledge": list(memory.knowledge),
        "training_level": memory.training_level,
        "completed": tracker.finished if tracker is not None else False,
        "igt_ticks": tracker.igt_ticks if tracker is not None else run.run_ticks,
        "splits": [
            {"name": h.name, "igt_ticks": h.igt_ticks}
            for h in (tracker.splits.hits if tracker is not None else [])
        ],
    }


def replay_header_for(
    level: LevelData,
    path: Path,
    seed: int,
    bot: str = "",
    atlas: dict | None = None,
    loop_mode: str = "day0",
) -> dict:
    category = classify(
        level_reference(path), seed, player=f"bot:{bot}" if bot else "human",
        level_hash=level.content_hash,
    )  # fmt: skip
    player = f"bot:{bot}" if bot else ""
    return replay_header(level, seed, category, player=player, atlas=atlas, loop_mode=loop_mode)


def simulate(
    level_name: str,
    ticks: int,
    seed: int = 0,
    bot: str = "idle",
    record: str | None = None,
    maps: tuple | None = None,
) -> dict:
    """Run the day headless for `ticks` ticks across deaths and loops; return the summary.
    `maps`: the starting level and its atlas as already read (and checked), else read here."""
    path = resolve_level(level_name)
    level, atlas = maps if maps is not None else load_atlas(path)
    run = Run(level, seed, atlas=atlas, loop_mode=loop_mode(path))
    player = make_bot(bot, seed)
    tracker = SpeedrunTracker(split_plan_for_run(run), first_loop=run.loop)
    recorder = None
    if record:
        header = replay_header_for(level, path, seed, bot, atlas, run.loop_mode)
        recorder = ReplayRecorder(record, header, run)
    try:
        for _ in range(ticks):
            if run.completed:
                break  # the Omega is destroyed: the run's clock has stopped
            frame = player.next_frame(run)
            if recorder is not None:
                frame = recorder.record(frame)
            events = run.step(frame)
            player.observe(events)
            hits = tracker.step(run, events)
            if recorder is not None:
                recorder.after_step(run, events, hits, tracker.igt_ticks)
    except BaseException:
        if recorder is not None:
            recorder.abandon()
        raise
    result = summary(run, seed, tracker)
    if recorder is not None:
        recorder.close(run, end_record(run, tracker))
    return result


def verify(replay: Replay, workers: int | None = None) -> Verdict:
    """Re-simulate a replay and check it against everything it recorded (game.replay.verify),
    its days side by side in `workers` processes (default: one for each core this process may
    use)."""
    return verify_replay(replay, workers=workers or usable_cores())


def usable_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than the
    machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1

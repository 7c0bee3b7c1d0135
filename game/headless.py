"""Headless runs: a Run driven by a bot for N ticks, recorded or not, and replay verification.

Owns what `aynik sim` and `aynik verify` do, without a window: load the level, step the run, write
or check the replay, and summarise the result as the JSON keys GAME.md fixes. Must not import
pygame display code (the level loader's pytmx import is the only pygame it touches).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game import __version__
from game.bots import make_bot
from game.level.campaign import campaign_dir, resolve_level
from game.level.data import LevelData
from game.level.loader import load_level
from game.replay.format import CHECKPOINT_INTERVAL, Replay, ReplayWriter
from game.sim.loop import Run


def level_reference(path: Path) -> str:
    """How a replay names its level: the campaign's by name, anything else by its path."""
    path = path.resolve()
    if path.parent == campaign_dir().resolve():
        return path.stem
    return str(path)


def summary(run: Run, seed: int) -> dict:
    memory = run.memory
    return {
        "ticks": run.run_ticks,
        "seed": seed,
        "state_hash": run.state_hash(),
        "loop": memory.loop,
        "loops": memory.loop,
        "deaths": len(memory.deaths),
        "knowledge": list(memory.knowledge),
        "training_level": memory.training_level,
        "completed": False,
        "igt_ticks": run.run_ticks,
    }


def simulate(
    level_name: str, ticks: int, seed: int = 0, bot: str = "idle", record: str | None = None
) -> dict:
    """Run the day headless for `ticks` ticks across deaths and loops; return the summary."""
    path = resolve_level(level_name)
    level = load_level(path)
    run = Run(level, seed)
    player = make_bot(bot, seed)
    writer = None
    if record:
        writer = ReplayWriter(record, replay_header(level, path, seed))
    for _ in range(ticks):
        frame = player.next_frame(run)
        if writer is not None:
            frame = writer.record(frame)
        run.step(frame)
        if writer is not None and run.run_ticks % CHECKPOINT_INTERVAL == 0:
            writer.checkpoint(run.run_ticks, run.state_hash())
    result = summary(run, seed)
    if writer is not None:
        writer.close({k: result[k] for k in ("ticks", "state_hash", "loops", "completed")})
    return result


def replay_header(level: LevelData, path: Path, seed: int) -> dict:
    return {
        "game_version": __version__,
        "level": level_reference(path),
        "level_hash": level.content_hash,
        "seed": seed,
    }


@dataclass
class Verdict:
    valid: bool
    result: dict
    problem: str = ""
    diverged_at: int | None = None  # first checkpoint tick that disagrees


def verify(replay: Replay) -> Verdict:
    """Re-simulate a replay and check it against its own checkpoints and end record."""
    header = replay.header
    path = resolve_level(header["level"])
    level = load_level(path)
    base = {"valid": False, "completed": False, "igt_ticks": 0, "loops": 0}
    if level.content_hash != header["level_hash"]:
        return Verdict(False, base, f"the level {header['level']!r} differs from the recorded one")
    if header["game_version"] != __version__:
        problem = f"recorded with game version {header['game_version']}, this is {__version__}"
        return Verdict(False, base, problem)
    if replay.end is None:
        return Verdict(False, base, "the recording is incomplete (no end record)")
    run = Run(level, replay.seed)
    checkpoints = dict(replay.checkpoints)
    last_good = 0
    for frame in replay.frames:
        run.step(frame)
        expected = checkpoints.get(run.run_ticks)
        if expected is not None:
            if expected != run.state_hash():
                result = dict(base, loops=run.loop, igt_ticks=run.run_ticks)
                problem = f"diverges between tick {last_good} and tick {run.run_ticks}"
                return Verdict(False, result, problem, diverged_at=run.run_ticks)
            last_good = run.run_ticks
    result = summary(run, replay.seed)
    end = replay.end
    if end.get("state_hash") != result["state_hash"] or end.get("ticks") != result["ticks"]:
        problem = f"the final state differs after tick {last_good} (ends at {result['ticks']})"
        return Verdict(False, dict(base, loops=run.loop, igt_ticks=run.run_ticks), problem, None)
    return Verdict(
        True,
        {
            "valid": True,
            "completed": result["completed"],
            "igt_ticks": result["igt_ticks"],
            "loops": result["loops"],
            "ticks": result["ticks"],
            "state_hash": result["state_hash"],
        },
    )

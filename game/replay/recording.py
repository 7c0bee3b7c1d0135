"""What a replay of a run says about itself: its header and its end record.

Owns the header fields a run is recorded with (game version, the starting map and the hashes of
every map it can reach, seed, the assists it was played with, category, practice and starting
Memory, when it was made) and the
end record's claims. Used by `aynik sim --record` and the live game's session. Must not import
pygame.
"""

from __future__ import annotations

import datetime

from game import __version__
from game.level.atlas import atlas_levels
from game.level.data import LevelData
from game.replay.level_refs import level_hashes, level_reference
from game.sim.assists import NONE as NO_ASSISTS
from game.sim.assists import Assists
from game.sim.memory import Memory
from game.speedrun.category import Category


def utc_now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def replay_header(
    level: LevelData,
    seed: int,
    category: Category,
    start_memory: Memory | None = None,
    practice: dict | None = None,
    start_tick: int = 0,
    player: str = "",
    atlas: dict[str, LevelData] | None = None,
    loop_mode: str = "day0",
    assists: Assists = NO_ASSISTS,
) -> dict:
    header = {
        "game_version": __version__,
        "level": level_reference(level.path),
        "level_hash": level.content_hash,
        "levels": level_hashes(atlas_levels(level, atlas)),
        "seed": seed,
        "assists": assists.word,  # the bit set (game.sim.assists); 0: none
        "category": category.to_json(),
        "created": utc_now(),
        "start_tick": start_tick,
        "start_memory": start_memory.to_json() if start_memory is not None else None,
        "practice": practice,
        "loop_mode": loop_mode,  # "day0", or "from-start" for a mod where the loop is his at once
    }
    if player:
        header["player"] = player  # "human", or the bot that played
    return header


def end_record(run: object, tracker: object, real_ms: int | None = None) -> dict:
    """The end record's claims about a run that stops here."""
    return {
        "ticks": run.run_ticks,
        "state_hash": run.state_hash(),
        "loops": run.memory.loop,
        "deaths": getattr(run, "deaths_total", len(run.memory.deaths)),  # Cage's deaths
        "completed": tracker.finished,
        "igt_ticks": tracker.igt_ticks,
        "splits": len(tracker.splits.hits),
        "real_ms": real_ms,
    }

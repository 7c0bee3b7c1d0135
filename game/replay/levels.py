"""The maps a replay pins: how a replay names a level, and the content hashes of every map a run
can reach from its starting map (its atlas, game.level.atlas).

Owns level references (a campaign map by its name, any other by its path) and the `levels` table
of a replay header. Must not import pygame display code or the simulation's world.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from game.level.campaign import campaign_dir
from game.level.data import LevelData


def level_reference(path: str | Path) -> str:
    """How a replay names its level: the campaign's by name, anything else by its path."""
    resolved = Path(path).resolve()
    if resolved.parent == campaign_dir().resolve():
        return resolved.stem
    return str(resolved)


def in_campaign(path: str | Path) -> bool:
    return Path(path).resolve().parent == campaign_dir().resolve()


def atlas_levels(start: LevelData, atlas: dict[str, LevelData] | None) -> list[LevelData]:
    """The starting map first, then the rest of the atlas in the order it was loaded."""
    others = [level for level in (atlas or {}).values() if level.path != start.path]
    return [start, *others]


def level_hashes(levels: Iterable[LevelData]) -> dict[str, str]:
    """The `levels` table of a replay header: reference -> content hash."""
    return {level_reference(level.path): level.content_hash for level in levels}

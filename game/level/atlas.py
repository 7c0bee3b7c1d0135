"""The atlas: a level and every map reachable from it through Exits, loaded up front.

Owns following Exit objects from map to map (each resolved relative to its own map's folder) so a
Run can move between maps mid-day without the simulation touching a file. A missing or broken
target map is left out (the validator reports it); the starting map itself must load.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from game.level.data import LevelData
from game.level.errors import LevelError
from game.level.loader import load_level
from game.level.names import exit_target, map_key

MAX_MAPS = 32  # a mod cannot make the game load without end


def load_atlas(
    path: str | Path, loaded: Mapping[str, LevelData] | None = None
) -> tuple[LevelData, dict[str, LevelData]]:
    """The starting level and all the maps its Exits lead to, keyed by `map_key(path)`.
    `loaded`: maps already loaded, by the same key (the validator's: see
    `validate.checked_atlas`), taken as they are rather than read again."""
    known = loaded or {}

    def load(key: str) -> LevelData:
        level = known.get(map_key(os.path.abspath(key)))
        return level if level is not None else load_level(key)

    start = load(str(path))
    atlas = {map_key(start.path): start}
    queue = [start]
    while queue and len(atlas) < MAX_MAPS:
        level = queue.pop(0)
        for exit_obj in level.objects_of("Exit"):
            ref = str(exit_obj.prop("map", ""))
            if not ref:
                continue
            key = exit_target(level.path, ref)
            if key in atlas:
                continue
            try:
                target = load(key)
            except LevelError:
                continue
            atlas[key] = target
            queue.append(target)
    return start, atlas


def atlas_levels(start: LevelData, atlas: dict[str, LevelData] | None) -> list[LevelData]:
    """The starting map first, then the rest of the atlas in the order it was loaded."""
    others = [level for level in (atlas or {}).values() if level.path != start.path]
    return [start, *others]

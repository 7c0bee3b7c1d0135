"""How maps are named: one spelling of a map's path, the map an Exit leads to, a level's name.

Owns `map_key` (the key an atlas, a Run and a replay use for a map), `exit_target` (an Exit's
`map` resolved against its own map's folder) and `level_name` (the file's stem). Pure string
work on paths as the map files spell them: imports nothing of the game but the level data's type,
never the simulation, pygame or the file system.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.level.data import LevelData


def map_key(path: str) -> str:
    """A level's path in one spelling: forward slashes, no `.` or `..` segments."""
    parts: list[str] = []
    for part in path.replace("\\", "/").split("/"):
        if part == "..":
            if parts and parts[-1] not in ("", ".."):
                parts.pop()
            else:
                parts.append(part)
        elif part != "." and (part or not parts):
            parts.append(part)
    return "/".join(parts)


def exit_target(from_level: str, map_ref: str) -> str:
    """The map an Exit in `from_level` names, relative to that map's folder."""
    base = map_key(from_level).rsplit("/", 1)[0]
    return map_key(f"{base}/{map_ref}")


def level_name(level: LevelData) -> str:
    """The level's file name without its folder or `.tmx`: `beachhead`, `dam`."""
    return map_key(level.path).rsplit("/", 1)[-1].removesuffix(".tmx")

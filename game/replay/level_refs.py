"""The maps a replay pins: how a replay names a level, and the content hashes of every map a run
can reach from its starting map (its atlas, game.level.atlas).

Owns level references and the `levels` table of a replay header. A campaign map is named by its
name (`beachhead`), a mod's map by its place in the mods folder (`mods/<mod>/<map>.tmx`, so a
mod's replay verifies on any machine that has the mod), any other map by its absolute path.
Must not import pygame display code or the simulation's world.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from game.level.campaign import campaign_dir, mods_dir, resolve_level
from game.level.data import LevelData
from game.level.errors import LevelError

MODS_PREFIX = "mods/"


def level_reference(path: str | Path) -> str:
    """How a replay names a map: see the module's docstring."""
    resolved = Path(path).resolve()
    if resolved.parent == campaign_dir().resolve():
        return resolved.stem
    try:
        inside = resolved.relative_to(mods_dir().resolve())
    except ValueError:
        return str(resolved)
    return MODS_PREFIX + inside.as_posix()


def resolve_reference(reference: str) -> Path:
    """The map file a replay's level reference names (LevelError when there is none)."""
    if reference.startswith(MODS_PREFIX):
        folder = mods_dir().resolve()
        path = (folder / reference[len(MODS_PREFIX) :]).resolve()
        if not path.is_relative_to(folder) or not path.is_file():
            raise LevelError(reference, "no such map in the mods folder")
        return path
    return resolve_level(reference)


def level_hashes(levels: Iterable[LevelData]) -> dict[str, str]:
    """The `levels` table of a replay header: reference -> content hash."""
    return {level_reference(level.path): level.content_hash for level in levels}

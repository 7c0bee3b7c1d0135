"""`aynik validate`: check maps and report each problem on one line naming the file and object.

Owns the validator's checks and their wording. This first form checks that a map loads and that
it has what the game needs to start it; the modding work grows it into the full schema check.
Must not import pygame display code.
"""

from __future__ import annotations

from pathlib import Path

from game.level.errors import LevelError
from game.level.loader import load_level


def validate_path(path: str | Path) -> list[str]:
    """Every problem with one map, one line each (empty when the map is valid)."""
    try:
        level = load_level(path)
    except LevelError as exc:
        return [str(exc)]
    problems = []
    if not level.objects_of("PlayerStart"):
        problems.append(f"{path}: no PlayerStart object (add a point object of class PlayerStart)")
    ids = {o.id for o in level.objects}
    for spawn in level.objects_of("MimicSpawn"):
        trigger = int(spawn.prop("trigger", 0))
        if trigger and trigger not in ids:
            problems.append(
                f'{path}: layer "{spawn.layer}" / object #{spawn.id} "{spawn.name}": '
                f"trigger refers to object #{trigger}, which does not exist"
            )
    return problems


def validate_paths(paths: list[str]) -> list[str]:
    problems: list[str] = []
    for path in paths:
        problems.extend(validate_path(path))
    return problems

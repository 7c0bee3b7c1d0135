"""The one error a map can raise: `LevelError`, naming the file, where in it, what is wrong, and
how to fix it.

Owns only the exception type and how a place in a map is written ("layer "x" / object #3 "y""), so
every part of `game.level` (and the CLI, which prints it) can share them. Must not import anything
outside the standard library.
"""

from __future__ import annotations

from pathlib import Path


def location(layer: str | None = None, object_id: int | None = None, object_name: str = "") -> str:
    """A place in a map as the validator writes it: `layer "ground" / object #3 "gate"`."""
    parts = []
    if layer is not None:
        parts.append(f'layer "{layer}"')
    if object_id is not None:
        parts.append(f'object #{object_id} "{object_name}"')
    return " / ".join(parts)


class LevelError(Exception):
    """A map (or a file it uses) cannot be loaded.

    `str()` is "<file>: <what is wrong>", with the layer or object in between when the problem has
    one, and "(how to fix it)" after it when there is a fix to suggest.
    """

    def __init__(
        self,
        path: str | Path,
        message: str,
        *,
        layer: str | None = None,
        object_id: int | None = None,
        object_name: str = "",
        fix: str = "",
    ) -> None:
        self.path = str(path)
        self.message = message
        self.layer = layer
        self.object_id = object_id
        self.object_name = object_name
        self.fix = fix
        super().__init__(self.path, message)

    @property
    def where(self) -> str:
        return location(self.layer, self.object_id, self.object_name)

    def __str__(self) -> str:
        where = self.where
        text = f"{self.path}: {where}: {self.message}" if where else f"{self.path}: {self.message}"
        return f"{text} ({self.fix})" if self.fix else text

"""The one error a map can raise: `LevelError`, naming the file and what is wrong with it.

Owns only the exception type, so every part of `game.level` (and the CLI, which prints it) can share
it. Must not import anything outside the standard library.
"""

from __future__ import annotations

from pathlib import Path


class LevelError(Exception):
    """A map (or a file it uses) cannot be loaded. `str()` is "<file>: <what is wrong>"."""

    def __init__(self, path: str | Path, message: str) -> None:
        self.path = str(path)
        self.message = message
        super().__init__(self.path, message)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

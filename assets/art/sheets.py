"""The registry: every output's name, the function that draws it and the files it writes.

A name is what `python -m assets.art NAME` rebuilds: "beach" (the tileset and its .tsx), a sprite
sheet ("cage", "drone", "fx_acid", "cursor"...: a .png and its .json) or a full-screen picture
("title", "ending"...: one .png). Every build is independent of the others (each drawing seeds
its own generators), so one sheet built alone gives the same bytes as the full run.

This is the only module that imports every family, and the only one that writes files.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import fx, mimics, scenes, soldiers, tiles
from .output import TILESET_PNG, TILESET_TSX, Files, scene_file, sprite_files

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Sheet:
    """One output: its name, what draws it, and the files (relative to the project root)."""

    name: str
    draw: Callable[[], Files]
    files: tuple[str, ...]

    def build(self) -> Files:
        """Draw it into memory: the files' bytes by path, nothing written."""
        out = self.draw()
        assert tuple(out) == self.files, f"{self.name} drew {tuple(out)}, declares {self.files}"
        return out


def _sprite(name: str, draw: Callable[[], Files]) -> Sheet:
    return Sheet(name, draw, sprite_files(name))


def _scene(name: str, draw: Callable[[], Files]) -> Sheet:
    return Sheet(name, draw, (scene_file(name),))


def _soldier(name: str, suit: soldiers.Suit) -> Callable[[], Files]:
    return lambda: soldiers.soldier_sheet(name, suit)


def _effect(name: str) -> Callable[[], Files]:
    return lambda: fx.fx_sheet(name)


SHEETS: dict[str, Sheet] = {
    sheet.name: sheet
    for sheet in (
        Sheet("beach", tiles.build_tileset, (TILESET_PNG, TILESET_TSX)),
        _sprite("cage", _soldier("cage", soldiers.CAGE)),
        _sprite("rita", _soldier("rita", soldiers.RITA)),
        *(_sprite(name, draw) for name, draw in mimics.KINDS.items()),
        _sprite("omega", mimics.omega_sheet),
        *(_sprite(name, _effect(name)) for name in fx.EFFECTS),
        _sprite("pickups", fx.pickups_sheet),
        _sprite("cursor", fx.cursor_sheet),
        _scene("title", scenes.title_backdrop),
        _scene("vision", scenes.vision_backdrop),
        _scene("ending", scenes.ending_backdrop),
        _scene("ending_rita", scenes.ending_rita_backdrop),
        _scene("bad_ending", scenes.bad_ending_backdrop),
    )
}


def nearest(name: str) -> str | None:
    """The registered name closest to a mistyped one, if any is close."""
    close = difflib.get_close_matches(name, SHEETS, n=1, cutoff=0.5)
    return close[0] if close else None


def build(name: str) -> Files:
    """One output drawn into memory (KeyError for an unknown name)."""
    return SHEETS[name].build()


def write(name: str, root: Path = ROOT) -> list[Path]:
    """Draw one output and write its files under `root` (the project, or a temporary folder)."""
    written = []
    for rel, data in build(name).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def build_all(root: Path = ROOT) -> None:
    """Every output, in registry order."""
    for name in SHEETS:
        write(name, root)

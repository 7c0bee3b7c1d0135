"""The campaign's sound effects: which there are, read from the files in assets/sounds.

Owns the one list of effect names. Every `<name>.ogg` or `<name>.wav` in assets/sounds is an effect
called `<name>`, so a new file is a new sound with no list to edit; which event plays which name
is game.audio's, and which names a mod may replace is game.mod_assets'. Pure path logic: must not
import pygame, the scenes or the simulation.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from game.render.assets import assets_dir

SOUNDS = "sounds"  # the folder under assets/ (and under a mod's folder)
# An effect is <name>.ogg (the campaign's: mono Ogg Vorbis at the mixer's rate) or <name>.wav;
# where both are there the .ogg is tried first.
SUFFIXES = (".ogg", ".wav")


def sounds_dir() -> Path:
    return assets_dir() / SOUNDS


@cache
def effect_names() -> tuple[str, ...]:
    """The names of every effect the campaign has, sorted (read once: the folder does not change
    while the game runs)."""
    folder = sounds_dir()
    if not folder.is_dir():
        return ()
    return tuple(sorted({p.stem for p in folder.iterdir() if p.suffix in SUFFIXES}))


def effect_paths(name: str) -> list[Path]:
    """The campaign's files for an effect, in the order they are tried."""
    folder = sounds_dir()
    return [path for path in (folder / f"{name}{s}" for s in SUFFIXES) if path.is_file()]

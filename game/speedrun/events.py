"""The simulation's events that speedrun timing reads, by their own classes, and the level names.

Owns which of the sim's events time a run: `LoopStarted` (a new day), `CageDied`,
`KnowledgeLearned`, `DrillPassed`, `LevelEntered`, `FinalActBegun` and `OmegaDestroyed` (the
run's end), imported here from the simulation so that the timer, the splits, the summary, the
recorder and the verifier all match the same classes (a test that feeds them hand-made stand-ins
gets nothing). Also `level_stem`, a map's name as the splits and ghosts compare it. Pure: imports
only the simulation's event classes.
"""

from __future__ import annotations

from game.sim.events import (
    CageDied,
    DrillPassed,
    FinalActBegun,
    KnowledgeLearned,
    LevelEntered,
    LoopStarted,
    OmegaDestroyed,
)

__all__ = [
    "CageDied",
    "DrillPassed",
    "FinalActBegun",
    "KnowledgeLearned",
    "LevelEntered",
    "LoopStarted",
    "OmegaDestroyed",
    "entered_level",
    "level_stem",
]


def level_stem(name: str) -> str:
    """A map's content-free name: `levels/dam.tmx`, `dam.tmx` and `Dam` all give `dam`."""
    stem = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    if stem.lower().endswith(".tmx"):
        stem = stem[:-4]
    return stem.lower()


def entered_level(event: object) -> str | None:
    """The stem of the level a `LevelEntered` event names; None for any other event."""
    return level_stem(event.level) if isinstance(event, LevelEntered) else None

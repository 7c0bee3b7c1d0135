"""Reading the simulation's events by name, so speedrun code works with events still to come.

Owns how this package recognises `LoopStarted`, `CageDied`, `KnowledgeLearned`, `DrillPassed`
and the campaign's end (`LevelEntered`, `FinalActBegun`, `OmegaDestroyed`): by class name and
attributes, so the timer and splits can be tested with stand-in events and keep working if an
event moves between modules. Pure; imports nothing from
the game.
"""

from __future__ import annotations

LOOP_STARTED = "LoopStarted"
CAGE_DIED = "CageDied"
KNOWLEDGE_LEARNED = "KnowledgeLearned"
DRILL_PASSED = "DrillPassed"
OMEGA_DESTROYED = "OmegaDestroyed"
FINAL_ACT_BEGUN = "FinalActBegun"
LEVEL_ENTERED = "LevelEntered"


def is_event(event: object, name: str) -> bool:
    """True when `event` is (or derives from) an event class called `name`."""
    return any(cls.__name__ == name for cls in type(event).__mro__)


def level_stem(name: str) -> str:
    """A map's content-free name: `levels/dam.tmx`, `dam.tmx` and `Dam` all give `dam`."""
    stem = str(name).replace("\\", "/").rsplit("/", 1)[-1]
    if stem.lower().endswith(".tmx"):
        stem = stem[:-4]
    return stem.lower()


def entered_level(event: object) -> str | None:
    """The stem of the level a `LevelEntered` event names (its `level_name`, or `level`)."""
    if not is_event(event, LEVEL_ENTERED):
        return None
    for attribute in ("level_name", "level", "name", "path"):
        value = getattr(event, attribute, None)
        if isinstance(value, str) and value:
            return level_stem(value)
    return None

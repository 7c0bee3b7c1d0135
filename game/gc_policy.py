"""When Python's garbage collector may take its time: at the moments the game stands still.

Owns the collector's settings for a play session. A full (oldest-generation) collection walks
every object the game holds, the level's tiles and sprite caches included, and takes over 10 ms:
left to itself it falls mid-fight. So the oldest generation is never collected on its own; the
game calls `settle()` where a frame may be slow unseen (a loop reset behind its card, a map
change behind the map card, after loading), which collects everything and freezes what is left,
so later collections do not walk the level again. The young generations still collect as usual
(they are cheap), so short-lived cycles never pile up. Standard library only.
"""

from __future__ import annotations

import gc

# Young collections as Python's defaults; the oldest generation never on its own.
THRESHOLDS = (700, 10, 1_000_000_000)
_active = False  # only a running game (App.run) hands the collector over: tests keep Python's
settling = False  # a settle's own collection is under way (a bench tells it from a stray one)


def start() -> None:
    """At launch: collect what loading left, freeze it, and take the oldest generation over."""
    global _active
    _active = True
    gc.set_threshold(*THRESHOLDS)
    settle()


def settle() -> None:
    """A full collection now, with what survives frozen out of every later collection.
    Unfreezing first lets what a day left behind (the old World) be freed. Does nothing unless
    `start` was called."""
    global settling
    if not _active:
        return
    gc.unfreeze()
    settling = True
    try:
        gc.collect()
    finally:
        settling = False
    gc.freeze()


def stop() -> None:
    """Give the collector back to Python's defaults (a bench, between its runs)."""
    global _active
    _active = False
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)

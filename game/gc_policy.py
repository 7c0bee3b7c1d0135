"""When Python's garbage collector may take its time: at the moments the game stands still.

Owns the collector's settings for a play session. A full (oldest-generation) collection walks
every object the game holds, the level's tiles and sprite caches included, and takes over 10 ms:
left to itself it falls mid-fight. So the oldest generation is never collected on its own; the
game asks for a settle where a frame may be slow unseen, on the first frame of the card that
hides the moment (`settle_soon`), or at once after loading (`settle`):

- a full settle (once the play scene has loaded) collects everything and freezes what is left,
  so later collections do not walk the maps and their art again;
- a light settle (a loop reset, a map change) collects only what is not frozen: what the days
  made since. It stays under 5 ms, where a full one took 20-30 on every card. What the full
  settle froze of the first day stays until the next full settle (a new play scene).

The young generations still collect as usual (they are cheap), so short-lived cycles never pile
up. Standard library only.
"""

from __future__ import annotations

import gc

# Young collections as Python's defaults; the oldest generation never on its own.
THRESHOLDS = (700, 10, 1_000_000_000)
_active = False  # only a running game (App.run) hands the collector over: tests keep Python's
settling = False  # a settle's own collection is under way (a bench tells it from a stray one)
_due = False  # a settle asked for with settle_soon, run at the start of the next update
_due_full = True  # whether that settle is a full one


def start() -> None:
    """At launch: collect what loading left, freeze it, and take the oldest generation over."""
    global _active
    _active = True
    gc.set_threshold(*THRESHOLDS)
    settle()


def settle(full: bool = True) -> None:
    """A collection now. Full: everything, unfrozen first so what a day left behind can be freed,
    then what survives frozen out of every later collection. Light: only what is not frozen.
    Does nothing unless `start` was called."""
    global settling
    if not _active:
        return
    if full:
        gc.unfreeze()
    settling = True
    try:
        gc.collect()
    finally:
        settling = False
    if full:
        gc.freeze()


def settle_soon(full: bool = True) -> None:
    """A settle on the next frame's update (`run_due`), not this one: the card that was just put
    up is on screen by then, standing still, and the frame that built the new day does not pay
    for the collection too (each stays well inside a frame's time). A full one asked for wins
    over a light one."""
    global _due, _due_full
    if _active:
        _due_full = (_due_full or full) if _due else full
        _due = True


def run_due() -> None:
    """The settle settle_soon asked for, if any (App calls this first in every update)."""
    global _due
    if _due:
        _due = False
        settle(_due_full)


def stop() -> None:
    """Give the collector back to Python's defaults (a bench, between its runs)."""
    global _active, _due
    _active = _due = False
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)

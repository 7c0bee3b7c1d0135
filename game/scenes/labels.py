"""The words the menus show for the player's settings: the timer modes and the assists.

Owns the labels more than one screen uses (Settings and the play scene's F2 notice name the timer
modes; Settings and the assists screen list the assists), so no scene imports another for them.
Data only: imports no pygame and no scene.
"""

from __future__ import annotations

from game import tuning as T
from game.sim import assists as A

TIMER_LABELS = {
    "day": "day clock",
    "day+igt": "day clock, IGT",
    "day+igt+rta": "day clock, IGT, real time",
    "splits": "splits",
    "off": "off",
}

ASSIST_ROWS = (
    (A.SLOWER_MIMICS, "Slower Mimics",
     f"Every Mimic moves and lunges at {round(A.MIMIC_SPEED_FACTOR * 100)}% of its speed."),
    (A.MORE_INTEGRITY, "More integrity",
     f"The exosuit holds {round(T.CAGE_INTEGRITY * A.INTEGRITY_FACTOR)} integrity instead of "
     f"{T.CAGE_INTEGRITY}."),
    (A.LONGER_TELEGRAPHS, "Longer telegraphs",
     f"Wind-ups and the sand's heave last {A.TELEGRAPH_FACTOR:g} times as long: "
     "more time to step aside."),
)  # fmt: skip

"""Assists: gentler rules a player can choose after dying again and again at the same place.

Owns the set of assists (slower Mimics, more integrity, longer telegraphs), their effect as
factors the simulation reads, and their compact word form for replays and the state hash. A run
with any assist is marked in its replay and kept off personal bests (game.speedrun decides that);
the simulation only plays by the factors. Pure: imports nothing from the game but tuning.
"""

from __future__ import annotations

from dataclasses import dataclass

# Bits of the word form. The order is part of the replay format: append, never renumber.
SLOWER_MIMICS = 1 << 0
MORE_INTEGRITY = 1 << 1
LONGER_TELEGRAPHS = 1 << 2
ALL = SLOWER_MIMICS | MORE_INTEGRITY | LONGER_TELEGRAPHS

# What each assist does, as factors on the normal numbers.
MIMIC_SPEED_FACTOR = 0.8
INTEGRITY_FACTOR = 1.5
TELEGRAPH_FACTOR = 1.6

NAMES = {
    SLOWER_MIMICS: "slower Mimics",
    MORE_INTEGRITY: "more integrity",
    LONGER_TELEGRAPHS: "longer telegraphs",
}
# Setting keys (settings.json) for each assist, in bit order.
SETTING_KEYS = {
    SLOWER_MIMICS: "assist_slower_mimics",
    MORE_INTEGRITY: "assist_more_integrity",
    LONGER_TELEGRAPHS: "assist_longer_telegraphs",
}


@dataclass(frozen=True, slots=True)
class Assists:
    word: int = 0  # a bit set of the assists in force

    def __post_init__(self) -> None:
        if self.word & ~ALL:
            raise ValueError(f"unknown assist bits: {self.word:#x}")

    @property
    def any(self) -> bool:
        return self.word != 0

    def has(self, bit: int) -> bool:
        return bool(self.word & bit)

    @property
    def mimic_speed(self) -> float:
        return MIMIC_SPEED_FACTOR if self.has(SLOWER_MIMICS) else 1.0

    @property
    def integrity(self) -> float:
        return INTEGRITY_FACTOR if self.has(MORE_INTEGRITY) else 1.0

    @property
    def telegraph(self) -> float:
        return TELEGRAPH_FACTOR if self.has(LONGER_TELEGRAPHS) else 1.0

    def names(self) -> list[str]:
        return [name for bit, name in NAMES.items() if self.word & bit]

    @classmethod
    def from_flags(cls, slower_mimics=False, more_integrity=False, longer_telegraphs=False):
        word = (SLOWER_MIMICS if slower_mimics else 0) | (MORE_INTEGRITY if more_integrity else 0)
        return cls(word | (LONGER_TELEGRAPHS if longer_telegraphs else 0))


NONE = Assists()

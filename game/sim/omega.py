"""The Omega: the invulnerable core beneath the dam, its waves, and the charge that ends it.

Owns the core's state (alive, its wave clock), the charge (lying on the floor, carried, being
planted, planted with its fuse running) and the rules: rounds do nothing to the core; it sends out
drones in waves; only the charge, planted at the core by holding interact about two seconds, ends
it. Pure: no pygame.
"""

from __future__ import annotations

from dataclasses import dataclass

import pymunk

from game import tuning as T
from game.level.data import MapObject
from game.sim.physics import WALL_FILTER

ON_FLOOR = 0
CARRIED = 1
PLANTED = 2
GONE = 3


@dataclass
class Charge:
    x: float
    y: float
    state: int = ON_FLOOR
    plant_progress: int = 0  # ticks of interact held at the core
    fuse: int = 0  # ticks left once planted


class OmegaCore:
    def __init__(self, obj: MapObject, space: pymunk.Space) -> None:
        self.obj = obj
        self.x, self.y = obj.x, obj.y
        self.alive = True
        self.wave_clock = T.OMEGA_WAVE_INTERVAL // 2  # the first wave comes soon
        self.waves = 0
        # Rounds stop on it like on a wall, and do nothing.
        self.shape = pymunk.Circle(space.static_body, T.OMEGA_RADIUS, (self.x, self.y))
        self.shape.filter = WALL_FILTER
        space.add(self.shape)

    def wave_due(self, alive_mimics: int) -> bool:
        """Count down to the next wave; True on the tick it comes (unless the room is full)."""
        if not self.alive:
            return False
        self.wave_clock -= 1
        if self.wave_clock > 0:
            return False
        self.wave_clock = T.OMEGA_WAVE_INTERVAL
        if alive_mimics >= T.OMEGA_WAVE_CAP:
            return False
        self.waves += 1
        return True

    def hash_words(self) -> tuple[int, ...]:
        return (int(self.alive), self.wave_clock, self.waves)

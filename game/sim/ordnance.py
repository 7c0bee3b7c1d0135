"""Ordnance: grenades in flight, and the shape of a blast.

Owns a grenade's flight (thrown along the aim, landing short of walls, bursting when it lands) and
the falloff of any blast (grenade, mine, claymore): full effect at the centre, none at the edge.
The World applies a blast to every body in range, in a fixed order. Pure: no pygame.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Grenade:
    id: int
    start_x: float
    start_y: float
    end_x: float
    end_y: float
    flight: int  # total ticks in the air
    age: int = 0

    @property
    def landed(self) -> bool:
        return self.age >= self.flight

    def position(self) -> tuple[float, float]:
        t = min(1.0, self.age / self.flight)
        return (
            self.start_x + (self.end_x - self.start_x) * t,
            self.start_y + (self.end_y - self.start_y) * t,
        )

    def height(self) -> float:
        """Height of the arc above the ground in px (for drawing the lob)."""
        t = min(1.0, self.age / self.flight)
        return 4.0 * 28.0 * t * (1.0 - t)


def falloff(distance: float, radius: float) -> float:
    """1 at the centre of a blast, 0 at its edge and beyond (linear)."""
    if distance >= radius:
        return 0.0
    return 1.0 - distance / radius

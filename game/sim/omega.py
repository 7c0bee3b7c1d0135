"""The Omega: the invulnerable core beneath the dam, its waves, and the charge that ends it.

Owns the core's state (alive, its wave clock), the charge (lying on the floor, carried, being
planted, planted with its fuse running) and the rules: rounds do nothing to the core; it sends out
drones in waves; only the charge, planted at the core by holding interact about two seconds, ends
it. The Omega system (OmegaSystem) owns the core (if the map has one) and the charge (if there is
one today); it reaches the other systems only through the World it is handed (imported for type
checking only). Must not import pygame, time, global random or os.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pymunk

from game import tuning as T
from game.level.data import LevelData, MapObject
from game.sim import events as ev
from game.sim import inputs
from game.sim.hashing import StateHasher
from game.sim.mimic import DRONE
from game.sim.physics import WALL_FILTER, add_fixed, remove_fixed
from game.sim.rng import GameRng

if TYPE_CHECKING:
    from game.sim.world import World

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
    def __init__(self, obj: MapObject, space: pymunk.Space, rng: GameRng) -> None:
        self.obj = obj
        self.rng = rng  # the waves' own luck: where they come from, and each drone's stream
        self.x, self.y = obj.x, obj.y
        self.alive = True
        self.wave_clock = T.OMEGA_WAVE_INTERVAL // 2  # the first wave comes soon
        self.waves = 0
        # Rounds stop on it like on a wall, and do nothing.
        self.shape = add_fixed(space, self._wall)

    def _wall(self, body: pymunk.Body) -> pymunk.Circle:
        shape = pymunk.Circle(body, T.OMEGA_RADIUS, (self.x, self.y))
        shape.filter = WALL_FILTER
        return shape

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
        return (int(self.alive), self.wave_clock, self.waves, self.rng.state)


class OmegaSystem:
    """The Omega through the day: `update` each tick (the charge picked up and planted, the
    fuse, the waves once the final act has begun, the core's end)."""

    def __init__(
        self,
        level: LevelData,
        space: pymunk.Space,
        rng: GameRng,
        start: tuple[float, float],
        carrying_charge: bool,
    ) -> None:
        """The map's core (its shape joins the space now) and charge; a charge Cage carries in
        through an Exit replaces the map's."""
        omegas = level.objects_of("Omega")
        self.core = OmegaCore(omegas[0], space, rng) if omegas else None
        charges = level.objects_of("Explosive")
        self.charge = Charge(charges[0].x, charges[0].y) if charges else None
        if carrying_charge:  # he brings it with him: one charge, on his back
            self.charge = Charge(start[0], start[1], CARRIED)

    def update(self, world: World, frame: inputs.InputFrame, events: list[ev.SimEvent]) -> None:
        charge, omega, cage = self.charge, self.core, world.cage
        tick = world.tick
        if charge is not None and not cage.dead:
            x, y = cage.position
            if (
                charge.state == ON_FLOOR
                and math.hypot(charge.x - x, charge.y - y) <= T.PICKUP_REACH
            ):
                charge.state = CARRIED
                events.append(ev.ChargePicked(tick, charge.x, charge.y))
            elif charge.state == CARRIED and omega is not None and omega.alive:
                near = math.hypot(omega.x - x, omega.y - y) <= T.PLANT_REACH
                if not frame.held(inputs.INTERACT):
                    charge.plant_progress = 0  # he let go: start again
                elif near:  # knocked out of reach, the work waits for him
                    charge.plant_progress += 1
                    if charge.plant_progress >= T.PLANT_TICKS:
                        charge.state, charge.fuse = PLANTED, T.CHARGE_FUSE
                        charge.x, charge.y = omega.x, omega.y
                        events.append(ev.ChargePlanted(tick, omega.x, omega.y, T.CHARGE_FUSE))
        if omega is None or not omega.alive:
            return
        if charge is not None and charge.state == PLANTED:
            charge.fuse -= 1
            if charge.fuse <= 0:
                self._destroy(world, events)
                return
        # The core wakes when he comes down the shaft: its waves keep time from then, so when
        # they come is something a runner learns, not the hour he happened to reach the dam.
        if not world.final_act:
            return
        alive = sum(1 for m in world.mimics if m.alive)
        if omega.wave_due(alive):
            mimics = world.mimic_system
            for i in range(T.OMEGA_WAVE_SIZE):
                angle = omega.rng.uniform(0.0, 2.0 * math.pi) + i
                px = omega.x + math.cos(angle) * T.OMEGA_WAVE_RADIUS
                py = omega.y + math.sin(angle) * T.OMEGA_WAVE_RADIUS
                luck = GameRng(omega.rng.next_u64())
                mimic_id = mimics.add(world, DRONE, px, py, True, "", 1.0, luck).id
                events.append(ev.MimicTelegraph(tick, mimic_id, "drone", px, py, T.DRONE_TELEGRAPH))

    def _destroy(self, world: World, events: list[ev.SimEvent]) -> None:
        """The charge goes off at the core: the Omega, Cage, and every Mimic's will, gone. The
        World marks the day complete."""
        omega, charge, cage = self.core, self.charge, world.cage
        tick = world.tick
        omega.alive = False
        charge.state = GONE
        remove_fixed(world.space, omega.shape)
        world.thing_system.blast(world, omega.x, omega.y, T.CHARGE_RADIUS, 999, 999,
                                 T.CHARGE_IMPULSE, "the charge", events, unavoidable=True,
                                 by="charge")  # fmt: skip
        if not cage.dead:
            cage.take_hit(999, (0.0, 0.0), "the charge", tick, events, unavoidable=True)
        world.mimic_system.collapse_all(tick, events, "charge")
        world.completed_tick = tick
        events.append(ev.OmegaDestroyed(tick, omega.x, omega.y))

    def hash_into(self, h: StateHasher) -> None:
        """The core (alive, its wave clock, its luck), then the charge (state, progress, fuse,
        where it is)."""
        if self.core is not None:
            h.ints(self.core.hash_words())
        if self.charge is not None:
            c = self.charge
            h.ints((c.state, c.plant_progress, c.fuse))
            h.floats((c.x, c.y))

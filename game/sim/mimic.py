"""Mimics: the drone and the Alpha, their bodies and their fighting state machine.

Owns a Mimic's life: burrowed under the sand with a telegraph, bursting out, hunting Cage,
circling him, a visible wind-up, the lunge, recovery, taking rounds and dying. Each state has a
named countdown (Celeste's timers). All randomness comes from the World's GameRng.
Imports pymunk and sim modules.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pymunk

from game import tuning as T
from game.sim.events import MimicDied, MimicEmerged, MimicHit, MimicLunge, MimicWindup, SimEvent
from game.sim.flow import FlowField
from game.sim.physics import CAT_WALL, CAT_WATER, MIMIC_FILTER, drive
from game.sim.rng import GameRng

COLLISION_TYPE_MIMIC = 2
SIGHT_REFRESH = 6  # ticks between a Mimic's looks for a clear way to Cage
PATH_FILTER = pymunk.ShapeFilter(mask=CAT_WALL | CAT_WATER)

# States, as small ints so the state hash covers them cheaply.
BURROWED = 0
EMERGING = 1
HUNTING = 2
CIRCLING = 3
WINDUP = 4
LUNGE = 5
RECOVER = 6
DEAD = 7
STATE_NAMES = ("burrowed", "emerging", "hunting", "circling", "windup", "lunge", "recover", "dead")


@dataclass(frozen=True)
class MimicKind:
    name: str
    radius: float
    mass: float
    health: int
    speed: float
    orbit_speed: float
    orbit_radius: float
    max_force: float
    windup: int
    lunge: int
    lunge_speed: float
    contact_damage: int
    contact_knockback: float


DRONE = MimicKind(
    "drone",
    T.DRONE_RADIUS,
    T.DRONE_MASS,
    T.DRONE_HEALTH,
    T.DRONE_SPEED,
    T.DRONE_ORBIT_SPEED,
    T.DRONE_ORBIT_RADIUS,
    T.DRONE_MAX_DRIVE_FORCE,
    T.DRONE_WINDUP,
    T.DRONE_LUNGE,
    T.DRONE_LUNGE_SPEED,
    T.DRONE_CONTACT_DAMAGE,
    T.DRONE_CONTACT_KNOCKBACK,
)
ALPHA = MimicKind(
    "alpha",
    T.ALPHA_RADIUS,
    T.ALPHA_MASS,
    T.ALPHA_HEALTH,
    T.ALPHA_SPEED,
    T.ALPHA_ORBIT_SPEED,
    T.ALPHA_ORBIT_RADIUS,
    T.ALPHA_MAX_DRIVE_FORCE,
    T.ALPHA_WINDUP,
    T.ALPHA_LUNGE,
    T.ALPHA_LUNGE_SPEED,
    T.ALPHA_CONTACT_DAMAGE,
    T.ALPHA_CONTACT_KNOCKBACK,
)
KINDS = {"drone": DRONE, "alpha": ALPHA}


class Mimic:
    def __init__(self, mimic_id: int, kind: MimicKind, x: float, y: float, burrowed: bool) -> None:
        self.id = mimic_id
        self.kind = kind
        self.body = pymunk.Body(kind.mass, math.inf)
        self.body.position = (x, y)
        self.shape = pymunk.Circle(self.body, kind.radius)
        self.shape.filter = MIMIC_FILTER
        self.shape.collision_type = COLLISION_TYPE_MIMIC
        self.shape.friction = 0.0
        self.shape.elasticity = 0.2
        self.health = kind.health
        self.state = BURROWED if burrowed else HUNTING
        self.timer = T.DRONE_TELEGRAPH if burrowed else 0
        self.orbit_sign = 1  # +1 clockwise, -1 counter-clockwise
        self.lunge_dx = 0.0
        self.lunge_dy = 0.0
        self.contact_cooldown = 0
        self.heading = 0.0  # radians, for drawing
        self.in_space = False
        self.ambush = ""  # the knowledge id of the ambush it came from
        self.damage_scale = 1.0  # Rita's training drone hits softly
        self.sees_cage = True  # refreshed every SIGHT_REFRESH ticks

    @property
    def position(self) -> tuple[float, float]:
        p = self.body.position
        return (p.x, p.y)

    @property
    def alive(self) -> bool:
        return self.state != DEAD

    @property
    def dangerous(self) -> bool:
        """Whether touching it hurts (not while still under the sand or bursting out)."""
        return self.state not in (BURROWED, EMERGING, DEAD)

    @property
    def lunging(self) -> bool:
        return self.state == LUNGE

    def think(
        self,
        cage_x: float,
        cage_y: float,
        cage_alive: bool,
        rng: GameRng,
        tick: int,
        events: list[SimEvent],
        space: pymunk.Space,
        flow: FlowField | None = None,
    ) -> None:
        """Advance the state machine one tick and set this tick's drive force."""
        if self.contact_cooldown > 0:
            self.contact_cooldown -= 1
        if self.state == DEAD:
            return
        if self.timer > 0:
            self.timer -= 1
        kind = self.kind
        x, y = self.body.position
        dx, dy = cage_x - x, cage_y - y
        distance = math.hypot(dx, dy) or 1.0
        ux, uy = dx / distance, dy / distance
        state = self.state

        if state == BURROWED:
            if self.timer == 0:
                self.state, self.timer = EMERGING, T.DRONE_EMERGE
                space.add(self.body, self.shape)
                self.in_space = True
                self.orbit_sign = 1 if rng.chance(0.5) else -1
                events.append(MimicEmerged(tick, self.id, kind.name, x, y))
            return
        if state == EMERGING:
            self._steer(0.0, 0.0)
            if self.timer == 0:
                self.state = HUNTING
            return
        if not cage_alive:
            # The day is over for Cage: they slow and mill about where they are.
            self._steer(0.0, 0.0)
            return
        self.heading = math.atan2(dy, dx)
        if flow is not None and state in (HUNTING, CIRCLING):
            if (tick + self.id) % SIGHT_REFRESH == 0:
                blocked = space.segment_query_first(
                    (x, y), (cage_x, cage_y), kind.radius * 0.8, PATH_FILTER
                )
                self.sees_cage = blocked is None or distance < kind.radius * 3
            if not self.sees_cage:
                # Walls between them: follow the flow field around.
                waypoint = flow.step_from(x, y)
                if waypoint is not None:
                    wx, wy = waypoint[0] - x, waypoint[1] - y
                    wd = math.hypot(wx, wy) or 1.0
                    self.heading = math.atan2(wy, wx)
                    self._steer(wx / wd * kind.speed, wy / wd * kind.speed)
                    self.state = HUNTING
                    return
        if state == HUNTING:
            self._steer(ux * kind.speed, uy * kind.speed)
            if distance < kind.orbit_radius * 1.3:
                self.state = CIRCLING
                self.timer = T.DRONE_CIRCLE_MIN + rng.randint(0, T.DRONE_CIRCLE_JITTER)
        elif state == CIRCLING:
            # Tangential motion around Cage plus a radial pull back to the orbit.
            radial = (distance - kind.orbit_radius) / kind.orbit_radius
            radial = max(-1.0, min(1.0, radial))
            tx, ty = -uy * self.orbit_sign, ux * self.orbit_sign
            vx = tx * kind.orbit_speed + ux * radial * kind.speed
            vy = ty * kind.orbit_speed + uy * radial * kind.speed
            self._steer(vx, vy)
            if distance > kind.orbit_radius * 2.5:
                self.state = HUNTING
            elif self.timer == 0:
                self.state, self.timer = WINDUP, kind.windup
                events.append(MimicWindup(tick, self.id, x, y))
        elif state == WINDUP:
            self._steer(0.0, 0.0)
            if self.timer == 0:
                self.state, self.timer = LUNGE, kind.lunge
                self.lunge_dx, self.lunge_dy = ux, uy
                vx, vy = self.body.velocity
                self.body.apply_impulse_at_local_point(
                    (
                        (ux * kind.lunge_speed - vx) * kind.mass,
                        (uy * kind.lunge_speed - vy) * kind.mass,
                    )
                )
                events.append(MimicLunge(tick, self.id, x, y))
        elif state == LUNGE:
            self.heading = math.atan2(self.lunge_dy, self.lunge_dx)
            # Committed: it flies on its impulse, slowed only by the drag of the sand.
            vx, vy = self.body.velocity
            drag = self.kind.mass * T.DRONE_LUNGE_DRAG
            self.body.force = (-vx * drag, -vy * drag)
            if self.timer == 0:
                self.state, self.timer = RECOVER, T.DRONE_RECOVER
        elif state == RECOVER:
            self._steer(0.0, 0.0, 0.35)
            if self.timer == 0:
                self.state = CIRCLING
                self.orbit_sign = 1 if rng.chance(0.5) else -1
                self.timer = T.DRONE_CIRCLE_MIN + rng.randint(0, T.DRONE_CIRCLE_JITTER)

    def _steer(self, want_vx: float, want_vy: float, strength: float = 1.0) -> None:
        gain = self.kind.mass * T.DRONE_DRIVE_GAIN
        drive(self.body, want_vx, want_vy, gain, self.kind.max_force * strength)

    def take_round(
        self, damage: int, push: tuple[float, float], tick: int, events: list[SimEvent]
    ) -> None:
        if self.state == DEAD:
            return
        self.health -= damage
        self.body.apply_impulse_at_local_point(push)
        x, y = self.position
        events.append(MimicHit(tick, self.id, x, y, max(0, self.health)))
        if self.health <= 0:
            self.state = DEAD
            events.append(MimicDied(tick, self.id, self.kind.name, x, y))

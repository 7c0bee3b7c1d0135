"""Cage in his exosuit: the body, the suit's drive, the rifle, integrity and death.

Owns Cage's per-tick behaviour: turning an InputFrame into drive force, aim and rifle actions, and
taking hits. Movement is physical: the suit pushes the body toward the wanted velocity with a capped
force, so knockback impulses carry him and decay naturally. Imports pymunk and sim modules only.
"""

from __future__ import annotations

import math

import pymunk

from game import tuning as T
from game.sim import inputs
from game.sim.events import CageDied, CageHurt, DryFire, ReloadFinished, ReloadStarted, SimEvent
from game.sim.physics import CAGE_FILTER, drive, position_of

COLLISION_TYPE_CAGE = 1


class Cage:
    def __init__(self, x: float, y: float, facing_degrees: float, training_level: int = 0) -> None:
        # Infinite moment: the suit keeps him upright; his facing is the aim, not physics.
        self.body = pymunk.Body(T.CAGE_MASS, math.inf)
        self.body.position = (x, y)
        self.shape = pymunk.Circle(self.body, T.CAGE_RADIUS)
        self.shape.filter = CAGE_FILTER
        self.shape.collision_type = COLLISION_TYPE_CAGE
        self.shape.friction = 0.0
        self.shape.elasticity = 0.0
        self.aim = inputs.quantize_aim(math.radians(facing_degrees))
        self.integrity = T.CAGE_INTEGRITY
        self.max_integrity = T.CAGE_INTEGRITY  # more with the assist
        self.ammo = T.RIFLE_MAGAZINE
        self.reload_ticks = 0  # counting down while reloading
        self.fire_cooldown = 0
        self.invulnerable_ticks = 0
        self.stagger_ticks = 0  # the drive is weak while he reels from a hit
        self.dead = False
        self.death_cause = ""
        self.moving = False
        self.firing = False
        # Abilities from Rita's training (levels 1-4; 5 is Rita herself).
        self.training_level = training_level
        self.grenades = T.GRENADES_PER_DAY if training_level >= 3 else 0
        self.dash_ticks = 0
        self.dash_cooldown = 0
        self.grenade_cooldown = 0
        self.blade_cooldown = 0
        self.frozen = False  # in a scene (Rita's first talk): no moving, no firing
        self.previous_buttons = 0

    def carry_over(self, other: Cage) -> None:
        """Arriving in another map mid-day: he brings his state with him."""
        for name in (
            "aim",
            "integrity",
            "ammo",
            "reload_ticks",
            "fire_cooldown",
            "grenades",
            "dash_cooldown",
            "grenade_cooldown",
            "blade_cooldown",
            "previous_buttons",
        ):
            setattr(self, name, getattr(other, name))  # fmt: skip
        self.invulnerable_ticks = max(other.invulnerable_ticks, 30)  # a breath on arrival

    def pressed(self, frame: inputs.InputFrame, button: int) -> bool:
        """True on the tick a button goes down (not while it is held)."""
        return frame.held(button) and not self.previous_buttons & button

    @property
    def can_dash(self) -> bool:
        return self.training_level >= 1

    @property
    def reload_duration(self) -> int:
        return T.FAST_RELOAD if self.training_level >= 2 else T.RIFLE_RELOAD

    @property
    def has_blade(self) -> bool:
        return self.training_level >= 4

    @property
    def position(self) -> tuple[float, float]:
        """Where his body is now: the same floats as `body.position`, read without a Vec2d."""
        return position_of(self.body)  # the day asks where he is about ten times a tick

    @property
    def aim_radians(self) -> float:
        return self.aim * (2.0 * math.pi / inputs.AIM_UNITS)

    @property
    def reloading(self) -> bool:
        return self.reload_ticks > 0

    def drive(self, frame: inputs.InputFrame, speed_factor: float) -> None:
        """Push the body toward the wanted velocity (force-driven, capped: never a teleport)."""
        if self.dead:
            self.body.force = (0.0, 0.0)
            return
        self.aim = frame.aim
        mx, my = frame.move_vector()
        if self.frozen:
            mx = my = 0.0
        self.moving = mx != 0 or my != 0
        if self.dash_cooldown > 0:
            self.dash_cooldown -= 1
        if self.dash_ticks > 0:
            # The dash carries him on its impulse; the drive waits.
            self.dash_ticks -= 1
            self.body.force = (0.0, 0.0)
            return
        if (
            self.can_dash
            and not self.frozen
            and self.pressed(frame, inputs.DASH)
            and self.dash_cooldown == 0
        ):
            self._dash(mx, my)
            return
        top = T.CAGE_TOP_SPEED * speed_factor
        cap = T.CAGE_MAX_DRIVE_FORCE * (0.25 if self.stagger_ticks > 0 else 1.0)
        drive(self.body, mx * top, my * top, T.CAGE_MASS * T.CAGE_DRIVE_GAIN, cap)

    def _dash(self, mx: float, my: float) -> None:
        if mx == 0 and my == 0:
            angle = self.aim_radians
            mx, my = math.cos(angle), math.sin(angle)
        length = math.hypot(mx, my)
        mx, my = mx / length, my / length
        vx, vy = self.body.velocity
        self.body.apply_impulse_at_local_point(
            ((mx * T.DASH_SPEED - vx) * T.CAGE_MASS, (my * T.DASH_SPEED - vy) * T.CAGE_MASS)
        )
        self.dash_ticks = T.DASH_TICKS
        self.dash_cooldown = T.DASH_COOLDOWN
        self.invulnerable_ticks = max(self.invulnerable_ticks, T.DASH_INVULNERABLE)
        self.body.force = (0.0, 0.0)

    @property
    def dashing(self) -> bool:
        return self.dash_ticks > 0

    def update_rifle(self, frame: inputs.InputFrame, tick: int, events: list[SimEvent]) -> bool:
        """Advance reload and cooldown; return True when a round leaves the barrel this tick."""
        self.firing = False
        if self.fire_cooldown > 0:
            self.fire_cooldown -= 1
        if self.reload_ticks > 0:
            self.reload_ticks -= 1
            if self.reload_ticks == 0:
                self.ammo = T.RIFLE_MAGAZINE
                events.append(ReloadFinished(tick))
            return False
        if self.dead or self.frozen:
            return False
        if frame.held(inputs.RELOAD) and self.ammo < T.RIFLE_MAGAZINE:
            self.start_reload(tick, events)
            return False
        if not frame.held(inputs.FIRE) or self.fire_cooldown > 0:
            return False
        if self.ammo == 0:
            # An empty click, then the suit reloads by itself: the player never gets stuck.
            events.append(DryFire(tick))
            self.start_reload(tick, events)
            return False
        self.ammo -= 1
        self.fire_cooldown = T.RIFLE_INTERVAL
        self.firing = True
        return True

    def start_reload(self, tick: int, events: list[SimEvent]) -> None:
        self.reload_ticks = self.reload_duration
        events.append(ReloadStarted(tick, self.reload_duration))

    def tick_timers(self) -> None:
        if self.invulnerable_ticks > 0:
            self.invulnerable_ticks -= 1
        if self.stagger_ticks > 0:
            self.stagger_ticks -= 1
        if self.grenade_cooldown > 0:
            self.grenade_cooldown -= 1
        if self.blade_cooldown > 0:
            self.blade_cooldown -= 1

    def take_hit(
        self,
        damage: int,
        impulse: tuple[float, float],
        cause: str,
        tick: int,
        events: list[SimEvent],
        unavoidable: bool = False,
    ) -> bool:
        """Lose integrity and reel from the impulse; return True if the hit landed."""
        if self.dead or (self.invulnerable_ticks > 0 and not unavoidable):
            return False
        self.integrity = max(0, self.integrity - damage)
        self.body.apply_impulse_at_local_point(impulse)
        self.invulnerable_ticks = T.CAGE_HURT_INVULNERABLE
        self.stagger_ticks = T.CAGE_HURT_INVULNERABLE
        x, y = self.position
        events.append(CageHurt(tick, damage, x, y, cause))
        if self.integrity == 0:
            self.dead = True
            self.death_cause = cause
            events.append(CageDied(tick, x, y, cause))
        return True

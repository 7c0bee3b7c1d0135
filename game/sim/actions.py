"""Cage and his actions: his body and kit, rounds, the claymore, grenades, the blade, interact.

Owns the action system (ActionSystem): Cage himself (game.sim.cage: his body, suit, rifle and
kit), the Day 0 claymore, the luck of his rifle's spread, and what each of his buttons does to the
day beyond moving him. Rounds (his and Rita's) are worked out here. It reaches the other systems
only through the World it is handed (imported for type checking only). Must not import pygame,
time, global random or os.
"""

from __future__ import annotations

import math
import struct
from typing import TYPE_CHECKING

from game import tuning as T
from game.sim import events as ev
from game.sim import inputs
from game.sim.cage import Cage
from game.sim.hashing import StateHasher
from game.sim.mimic import EMERGING
from game.sim.ordnance import Grenade
from game.sim.physics import BULLET_FILTER, SIGHT_FILTER, motion_of
from game.sim.rita import TALKING, WAITING
from game.sim.rng import GameRng

if TYPE_CHECKING:
    from game.sim.world import World

# Cage's hash floats (his body's position and velocity) and words, little-endian as
# game.sim.hashing lays them out.
_CAGE_HASH = struct.Struct("<4d16q")
_ACTION_BUTTONS = inputs.INTERACT | inputs.GRENADE | inputs.BLADE  # what _actions answers


class ActionSystem:
    """Cage through the tick: `begin_tick` (his timers), `update` (moving, the rifle, his
    buttons), `end_tick` (the buttons he held, for the next tick's presses)."""

    def __init__(self, cage: Cage, has_claymore: bool, rifle_rng: GameRng) -> None:
        self.cage = cage
        self.has_claymore = has_claymore  # Day 0: no power yet, but a claymore for the Alpha
        self.rifle_rng = rifle_rng  # his rifle's spread

    # --- the tick -----------------------------------------------------------------------------
    def begin_tick(self) -> None:
        self.cage.tick_timers()

    def update(self, world: World, frame: inputs.InputFrame, events: list[ev.SimEvent]) -> None:
        """He moves (unless a scene or the keypad holds him), fires, and acts on his buttons."""
        cage = self.cage
        rita = world.rita
        cage.frozen = (rita is not None and rita.state == TALKING) or world.keypad is not None
        tick = world.tick
        cx, cy = cage.position
        was_dashing = cage.dashing
        cage.drive(frame, world.level.slow_at(cx, cy))
        if cage.dashing and not was_dashing:
            events.append(ev.DashStarted(tick, cx, cy))
        if cage.update_rifle(frame, tick, events):
            self._fire_round(world, events)
        # Each of his actions wants one of these buttons pressed this tick (Cage.pressed): on
        # most ticks none is, and there is nothing to ask.
        pressed = frame.buttons & ~cage.previous_buttons & _ACTION_BUTTONS
        if pressed and not cage.dead and not cage.frozen:
            self._actions(world, frame, events)

    def end_tick(self, frame: inputs.InputFrame) -> None:
        self.cage.previous_buttons = frame.buttons

    # --- his buttons --------------------------------------------------------------------------
    def _actions(self, world: World, frame: inputs.InputFrame, events: list[ev.SimEvent]) -> None:
        cage = self.cage
        interact = cage.pressed(frame, inputs.INTERACT)
        if self.has_claymore and (interact or cage.pressed(frame, inputs.GRENADE)):
            if self._claymore(world, events):
                return
        if cage.pressed(frame, inputs.GRENADE):
            self._throw_grenade(world, events)
        if cage.pressed(frame, inputs.BLADE):
            self._swing_blade(world, events)
        if interact:
            self._interact(world, events)

    def _fire_round(self, world: World, events: list[ev.SimEvent]) -> None:
        cage = self.cage
        spread = math.radians(T.RIFLE_SPREAD_DEG)
        angle = cage.aim_radians + self.rifle_rng.uniform(-spread, spread)
        x, y = cage.position
        sx, sy, ex, ey, hit = self.hitscan(
            world, x, y, T.CAGE_RADIUS + 2, angle, T.RIFLE_RANGE, events
        )
        events.append(ev.ShotFired(world.tick, sx, sy, ex, ey, hit))

    @staticmethod
    def hitscan(world: World, x, y, muzzle, angle, reach, events, by: str = "cage") -> tuple:
        """One round from (x, y) along `angle`: what it hits, and where it stops."""
        dx, dy = math.cos(angle), math.sin(angle)
        sx, sy = x + dx * muzzle, y + dy * muzzle
        ex, ey = sx + dx * reach, sy + dy * reach
        info = world.space.segment_query_first((sx, sy), (ex, ey), 0.0, BULLET_FILTER)
        hit = "none"
        if info is not None:
            ex, ey = info.point.x, info.point.y
            mimic = world.mimic_system.by_shape.get(info.shape)
            drills = world.drill_system
            target = drills.target_by_shape.get(info.shape)
            if mimic is not None:
                hit = "mimic"
                push = (dx * T.RIFLE_KNOCKBACK, dy * T.RIFLE_KNOCKBACK)
                # Day 0: rounds glance off the Alpha; only the claymore can end it.
                day0_alpha = mimic.kind.resets_day and not world.memory.looping
                if day0_alpha or mimic.armoured_against(x, y):
                    hit = "armour"
                    mimic.deflect(push, world.tick, events)
                else:
                    mimic.take_round(T.RIFLE_DAMAGE, push, world.tick, events, by)
            elif target is not None:
                hit = "target"
                if not target.blade_only:
                    drills.destroy_target(world, target)
            else:
                hit = "wall"
        return sx, sy, ex, ey, hit

    def _claymore(self, world: World, events: list[ev.SimEvent]) -> bool:
        """Day 0: set off the claymore when the Alpha is on him. It takes them both."""
        cage = self.cage
        x, y = cage.position
        for mimic in world.mimics:
            if not mimic.kind.resets_day or not mimic.dangerous:
                continue
            mx, my = mimic.position
            if math.hypot(mx - x, my - y) <= T.CLAYMORE_REACH:
                self.has_claymore = False
                world.thing_system.blast(world, x, y, T.CLAYMORE_RADIUS, 999, 999,
                                         T.CLAYMORE_IMPULSE, "claymore", events,
                                         unavoidable=True, by="claymore")  # fmt: skip
                mimic.take_round(999, (0.0, 0.0), world.tick, events, "claymore")
                cage.take_hit(999, (0.0, 0.0), "the claymore, in the Alpha's blood",
                              world.tick, events, unavoidable=True)  # fmt: skip
                events.append(ev.Drenched(world.tick, x, y))
                return True
        return False

    def _throw_grenade(self, world: World, events: list[ev.SimEvent]) -> None:
        cage = self.cage
        if cage.grenades <= 0 or cage.grenade_cooldown > 0:
            return
        angle = cage.aim_radians
        x, y = cage.position
        dx, dy = math.cos(angle), math.sin(angle)
        ex, ey = x + dx * T.GRENADE_RANGE, y + dy * T.GRENADE_RANGE
        info = world.space.segment_query_first((x, y), (ex, ey), 0.0, SIGHT_FILTER)
        if info is not None:  # it bounces off the wall and drops at its foot
            back = max(0.0, info.alpha * T.GRENADE_RANGE - 10.0)
            ex, ey = x + dx * back, y + dy * back
        grenade = Grenade(world.new_id(), x, y, ex, ey, T.GRENADE_FLIGHT)
        world.thing_system.grenades.append(grenade)  # the things fly it (ThingSystem)
        cage.grenades -= 1
        cage.grenade_cooldown = T.GRENADE_COOLDOWN
        events.append(ev.GrenadeThrown(world.tick, grenade.id, x, y, ex, ey))

    def _swing_blade(self, world: World, events: list[ev.SimEvent]) -> None:
        cage = self.cage
        drill = world.drill
        drill_blade = drill is not None and drill.kind == "blade"
        if not (cage.has_blade or drill_blade) or cage.blade_cooldown > 0:
            return
        cage.blade_cooldown = T.BLADE_COOLDOWN
        x, y = cage.position
        aim = cage.aim_radians
        arc = math.radians(T.BLADE_ARC_DEG)
        hits = 0
        for mimic in world.mimics:
            if not mimic.dangerous and mimic.state != EMERGING:
                continue
            mx, my = mimic.position
            if self._in_arc(
                x, y, aim, arc, mx, my, T.CAGE_RADIUS + T.BLADE_REACH + mimic.kind.radius
            ):
                # The blade cuts through any armour: rounds glance off, steel does not.
                d = math.hypot(mx - x, my - y) or 1.0
                push = ((mx - x) / d * T.BLADE_IMPULSE, (my - y) / d * T.BLADE_IMPULSE)
                mimic.take_round(mimic.kind.blade_damage, push, world.tick, events)
                hits += 1
        if drill is not None:
            for target in drill.targets:
                reach = T.CAGE_RADIUS + T.BLADE_REACH + T.DRILL_TARGET_RADIUS
                if (
                    target.alive
                    and target.up
                    and self._in_arc(x, y, aim, arc, target.x, target.y, reach)
                ):
                    world.drill_system.destroy_target(world, target)
                    hits += 1
        events.append(ev.BladeSwing(world.tick, x, y, aim, hits))

    @staticmethod
    def _in_arc(x, y, aim, arc, tx, ty, reach) -> bool:
        dx, dy = tx - x, ty - y
        distance = math.hypot(dx, dy)
        if distance > reach:
            return False
        if distance < 1e-6:
            return True
        off = (math.atan2(dy, dx) - aim + math.pi) % (2 * math.pi) - math.pi
        return abs(off) <= arc

    def _interact(self, world: World, events: list[ev.SimEvent]) -> None:
        x, y = self.cage.position
        rita = world.rita
        if rita is not None and rita.alive and rita.state == WAITING:
            rx, ry = rita.position
            if math.hypot(rx - x, ry - y) <= T.INTERACT_REACH + T.RITA_RADIUS:
                world.rita_system.meet(world, events)
                return
        if world.thing_system.read_intel(world, x, y, events):
            return
        for drill_obj in world.level.objects_of("TrainingDrill"):
            if drill_obj.contains(x, y):
                world.drill_system.try_drill(world, drill_obj, events)
                return
        keypads = world.keypad_system
        gate = keypads.near(world)
        if gate is not None and keypads.session is None:
            keypads.open(world, gate, events)

    # --- the state hash -----------------------------------------------------------------------
    def head_words(self) -> tuple[int, ...]:
        """Its words among the day's clocks and luck at the head of the hash (his rifle's)."""
        return (self.rifle_rng.state,)

    def hash_into(self, h: StateHasher) -> None:
        """Cage's body, suit, rifle, kit and timers, the buttons he held, and the claymore."""
        c = self.cage
        floats = motion_of(c.body)  # (position, then velocity)
        words = (c.aim, c.integrity, c.ammo, c.reload_ticks, c.fire_cooldown, c.invulnerable_ticks,
                 c.stagger_ticks, int(c.dead), c.training_level, c.grenades, c.dash_ticks,
                 c.dash_cooldown, c.grenade_cooldown, c.blade_cooldown, c.previous_buttons,
                 int(self.has_claymore))  # fmt: skip
        try:  # one pack: the same bytes as floats() then ints()
            h.raw(_CAGE_HASH.pack(*floats, *words))
        except struct.error:  # a word out of the packed range: word by word, as ever
            h.floats(floats)
            h.ints(words)

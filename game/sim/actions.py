"""Cage's actions in the World: rounds, the claymore, grenades, the blade, interact.

Owns what each of Cage's buttons does to the day beyond moving him (the rifle's timing is in
game.sim.cage). A mixin of World: its methods read and change the day through `self`.
Pure: no pygame.
"""

from __future__ import annotations

import math

from game import tuning as T
from game.sim import events as ev
from game.sim import inputs
from game.sim.mimic import EMERGING
from game.sim.ordnance import Grenade
from game.sim.physics import BULLET_FILTER, SIGHT_FILTER
from game.sim.rita import WAITING


class CageActions:
    """Cage's actions, as the World runs them (a mixin of World)."""

    def _actions(self, frame: inputs.InputFrame, events: list[ev.SimEvent]) -> None:
        cage = self.cage
        interact = cage.pressed(frame, inputs.INTERACT)
        if self.cage_has_claymore and (interact or cage.pressed(frame, inputs.GRENADE)):
            if self._claymore(events):
                return
        if cage.pressed(frame, inputs.GRENADE):
            self._throw_grenade(events)
        if cage.pressed(frame, inputs.BLADE):
            self._swing_blade(events)
        if interact:
            self._interact(events)

    def _fire_round(self, events: list[ev.SimEvent]) -> None:
        cage = self.cage
        spread = math.radians(T.RIFLE_SPREAD_DEG)
        angle = cage.aim_radians + self.rifle_rng.uniform(-spread, spread)
        x, y = cage.position
        sx, sy, ex, ey, hit = self._hitscan(x, y, T.CAGE_RADIUS + 2, angle, T.RIFLE_RANGE, events)
        events.append(ev.ShotFired(self.tick, sx, sy, ex, ey, hit))

    def _hitscan(self, x, y, muzzle, angle, reach, events, by: str = "cage") -> tuple:
        """One round from (x, y) along `angle`: what it hits, and where it stops."""
        dx, dy = math.cos(angle), math.sin(angle)
        sx, sy = x + dx * muzzle, y + dy * muzzle
        ex, ey = sx + dx * reach, sy + dy * reach
        info = self.space.segment_query_first((sx, sy), (ex, ey), 0.0, BULLET_FILTER)
        hit = "none"
        if info is not None:
            ex, ey = info.point.x, info.point.y
            mimic = self._mimic_by_shape.get(info.shape)
            target = self._target_by_shape.get(info.shape)
            if mimic is not None:
                hit = "mimic"
                push = (dx * T.RIFLE_KNOCKBACK, dy * T.RIFLE_KNOCKBACK)
                # Day 0: rounds glance off the Alpha; only the claymore can end it.
                day0_alpha = mimic.kind.resets_day and not self.memory.looping
                if day0_alpha or mimic.armoured_against(x, y):
                    hit = "armour"
                    mimic.deflect(push, self.tick, events)
                else:
                    mimic.take_round(T.RIFLE_DAMAGE, push, self.tick, events, by)
            elif target is not None:
                hit = "target"
                if not target.blade_only:
                    self._destroy_target(target)
            else:
                hit = "wall"
        return sx, sy, ex, ey, hit

    def _claymore(self, events: list[ev.SimEvent]) -> bool:
        """Day 0: set off the claymore when the Alpha is on him. It takes them both."""
        x, y = self.cage.position
        for mimic in self.mimics:
            if not mimic.kind.resets_day or not mimic.dangerous:
                continue
            mx, my = mimic.position
            if math.hypot(mx - x, my - y) <= T.CLAYMORE_REACH:
                self.cage_has_claymore = False
                self._blast(x, y, T.CLAYMORE_RADIUS, 999, 999, T.CLAYMORE_IMPULSE, "claymore",
                            events, unavoidable=True, by="claymore")  # fmt: skip
                mimic.take_round(999, (0.0, 0.0), self.tick, events, "claymore")
                self.cage.take_hit(999, (0.0, 0.0), "the claymore, in the Alpha's blood",
                                   self.tick, events, unavoidable=True)  # fmt: skip
                events.append(ev.Drenched(self.tick, x, y))
                return True
        return False

    def _throw_grenade(self, events: list[ev.SimEvent]) -> None:
        cage = self.cage
        if cage.grenades <= 0 or cage.grenade_cooldown > 0:
            return
        angle = cage.aim_radians
        x, y = cage.position
        dx, dy = math.cos(angle), math.sin(angle)
        ex, ey = x + dx * T.GRENADE_RANGE, y + dy * T.GRENADE_RANGE
        info = self.space.segment_query_first((x, y), (ex, ey), 0.0, SIGHT_FILTER)
        if info is not None:  # it bounces off the wall and drops at its foot
            back = max(0.0, info.alpha * T.GRENADE_RANGE - 10.0)
            ex, ey = x + dx * back, y + dy * back
        grenade = Grenade(self._new_id(), x, y, ex, ey, T.GRENADE_FLIGHT)
        self.grenades.append(grenade)
        cage.grenades -= 1
        cage.grenade_cooldown = T.GRENADE_COOLDOWN
        events.append(ev.GrenadeThrown(self.tick, grenade.id, x, y, ex, ey))

    def _update_grenades(self, events: list[ev.SimEvent]) -> None:
        if not self.grenades:
            return
        flying = []
        for grenade in self.grenades:
            grenade.age += 1
            if not grenade.landed:
                flying.append(grenade)
                continue
            x, y = grenade.end_x, grenade.end_y
            self._blast(x, y, T.GRENADE_RADIUS, T.GRENADE_DAMAGE, 40, T.GRENADE_IMPULSE, "grenade",
                        events, by="grenade")  # fmt: skip
            drill = self.drill
            if drill is not None and drill.kind == "ordnance":
                for ring in drill.rings:
                    if math.hypot(ring[0] - x, ring[1] - y) <= T.DRILL_RING_RADIUS:
                        ring[2] = 1.0
        self.grenades = flying

    def _swing_blade(self, events: list[ev.SimEvent]) -> None:
        cage = self.cage
        drill_blade = self.drill is not None and self.drill.kind == "blade"
        if not (cage.has_blade or drill_blade) or cage.blade_cooldown > 0:
            return
        cage.blade_cooldown = T.BLADE_COOLDOWN
        x, y = cage.position
        aim = cage.aim_radians
        arc = math.radians(T.BLADE_ARC_DEG)
        hits = 0
        for mimic in self.mimics:
            if not mimic.dangerous and mimic.state != EMERGING:
                continue
            mx, my = mimic.position
            if self._in_arc(
                x, y, aim, arc, mx, my, T.CAGE_RADIUS + T.BLADE_REACH + mimic.kind.radius
            ):
                # The blade cuts through any armour: rounds glance off, steel does not.
                d = math.hypot(mx - x, my - y) or 1.0
                push = ((mx - x) / d * T.BLADE_IMPULSE, (my - y) / d * T.BLADE_IMPULSE)
                mimic.take_round(mimic.kind.blade_damage, push, self.tick, events)
                hits += 1
        if self.drill is not None:
            for target in self.drill.targets:
                reach = T.CAGE_RADIUS + T.BLADE_REACH + T.DRILL_TARGET_RADIUS
                if (
                    target.alive
                    and target.up
                    and self._in_arc(x, y, aim, arc, target.x, target.y, reach)
                ):
                    self._destroy_target(target)
                    hits += 1
        events.append(ev.BladeSwing(self.tick, x, y, aim, hits))

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

    def _interact(self, events: list[ev.SimEvent]) -> None:
        x, y = self.cage.position
        rita = self.rita
        if rita is not None and rita.alive and rita.state == WAITING:
            rx, ry = rita.position
            if math.hypot(rx - x, ry - y) <= T.INTERACT_REACH + T.RITA_RADIUS:
                self._meet_rita(events)
                return
        for intel in self.intel:
            if intel.taken:
                continue
            if math.hypot(intel.obj.x - x, intel.obj.y - y) <= T.INTERACT_REACH:
                intel.taken = True
                events.append(ev.IntelRead(self.tick, intel.obj.id, intel.title, intel.text))
                self._learn(intel.knowledge, events, intel.title)
                return
        for drill_obj in self.level.objects_of("TrainingDrill"):
            if drill_obj.contains(x, y):
                self._try_drill(drill_obj, events)
                return
        gate = self._keypad_near()
        if gate is not None and self.keypad is None:
            self._open_keypad(gate, events)

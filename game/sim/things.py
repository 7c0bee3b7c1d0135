"""The map's things: Intel to read, Gates, Mines that wait in the sand, and blasts.

Owns each thing's state within a day (read, open, armed) built from the level's objects. The World
asks them what Cage's presence does. A Gate opens with knowledge (`requires`), the day its named
spawn is wiped out (`cleared:<name>`), or at its keypad (`code`, game.sim.keypad); knowledge
decides which mines he can see. Pure: no pygame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pymunk

from game import tuning as T
from game.level.data import MapObject
from game.sim import events as ev
from game.sim.ordnance import falloff
from game.sim.physics import CAT_ALLY, CAT_CAGE, WALL_FILTER

# The Mimics sense the mines and keep off them (game.sim.mimic), so only Cage and Rita set one off.
CLEARED = "cleared:"  # a Gate's `requires` prefix: open once the named spawn is wiped out
MINE_SENSE_FILTER = pymunk.ShapeFilter(mask=CAT_CAGE | CAT_ALLY)


@dataclass
class IntelThing:
    obj: MapObject
    knowledge: str
    title: str
    text: str
    taken: bool = False


@dataclass
class GateThing:
    obj: MapObject
    requires: str
    message: str
    open: bool = False
    shape: object | None = None  # the pymunk shape while closed
    code: str = ""  # the digits its keypad wants ('' for a Gate knowledge alone opens)


@dataclass
class MineThing:
    obj: MapObject
    field: str
    armed: bool = True


def intel_things(objects: tuple[MapObject, ...]) -> list[IntelThing]:
    return [
        IntelThing(
            o,
            str(o.prop("knowledge", "")),
            str(o.prop("title", "") or "Intel"),
            str(o.prop("text", "")),
        )
        for o in objects
        if o.cls == "Intel"
    ]


def gate_things(objects: tuple[MapObject, ...]) -> list[GateThing]:
    return [
        GateThing(
            o,
            str(o.prop("requires", "")),
            str(o.prop("message", "") or "The way is shut. You don't know how to open it yet."),
            code="".join(ch for ch in str(o.prop("code", "") or "") if ch.isdigit()),
        )
        for o in objects
        if o.cls == "Gate"
    ]


def mine_things(objects: tuple[MapObject, ...]) -> list[MineThing]:
    return [
        MineThing(o, str(o.prop("field", "") or f"field:{o.id}"))
        for o in objects
        if o.cls == "Mine"
    ]


class ThingRules:
    """The map's things in the World: blasts, mines going off, gates shut and opened (a mixin
    of World)."""

    def _blast(self, x, y, radius, mimic_damage, cage_damage, impulse, cause, events,
               unavoidable: bool = False, by: str = "blast") -> None:  # fmt: skip
        """An explosion: damage and an outward impulse on every body in range, by falloff.
        `by` names what set it off, for the Mimics it kills (an Alpha's death resets the day
        only if Cage, his ordnance or Rita killed it). A Mimic's own slam (mimic_damage 0)
        spares the Mimics."""
        events.append(ev.Explosion(self.tick, x, y, radius, cause))
        for mimic in self.mimics if mimic_damage > 0 else ():
            if not mimic.in_space or not mimic.alive:
                continue
            mx, my = mimic.position
            d = math.hypot(mx - x, my - y)
            f = falloff(d, radius + mimic.kind.radius)
            if f > 0:
                d = d or 1.0
                push = ((mx - x) / d * impulse * f, (my - y) / d * impulse * f)
                mimic.take_round(max(1, math.ceil(mimic_damage * f)), push, self.tick, events, by)
        cage = self.cage
        if not cage.dead:
            cx, cy = cage.position
            d = math.hypot(cx - x, cy - y)
            f = falloff(d, radius + T.CAGE_RADIUS)
            if f > 0:
                d = d or 1.0
                push = ((cx - x) / d * impulse * f, (cy - y) / d * impulse * f)
                cage.take_hit(max(1, math.ceil(cage_damage * f)), push, cause, self.tick, events,
                              unavoidable)  # fmt: skip
        rita = self.rita
        if rita is not None and rita.alive:
            rx, ry = rita.position
            d = math.hypot(rx - x, ry - y)
            f = falloff(d, radius + T.RITA_RADIUS)
            if f > 0:
                d = d or 1.0
                push = ((rx - x) / d * impulse * f, (ry - y) / d * impulse * f)
                if rita.take_hit(max(1, math.ceil(cage_damage * f)), push):
                    self._rita_died(events)

    def _check_mines(self, events: list[ev.SimEvent]) -> None:
        for mine in self.mines:
            if not mine.armed:
                continue
            x, y = mine.obj.x, mine.obj.y
            if not self.space.point_query((x, y), T.MINE_TRIGGER, MINE_SENSE_FILTER):
                continue
            mine.armed = False
            was_dead = self.cage.dead
            self._blast(x, y, T.MINE_RADIUS, 99, T.MINE_DAMAGE, T.MINE_IMPULSE, "a mine", events,
                        by="mine")  # fmt: skip
            if self.cage.dead and not was_dead:
                # Dying to a mine teaches where its field is.
                self._learn(mine.field, events)

    def _gate_opens(self, gate: GateThing) -> bool:
        """A Gate opens for what Cage knows, or, for `cleared:<spawn name>`, once today's
        Mimics of that MimicSpawn are all dead (it shuts again with the next day). A Gate with
        a `code` opens only at its keypad (game.sim.keypad)."""
        if gate.code:
            return False
        if gate.requires.startswith(CLEARED):
            return self.mimic_system.is_cleared(gate.requires[len(CLEARED) :])
        return self.memory.knows(gate.requires)

    def _close_gates(self) -> None:
        for gate in self.gates:
            if self._gate_opens(gate):
                gate.open = True
                continue
            o = gate.obj
            shape = pymunk.Poly(
                self.space.static_body,
                [
                    (o.x, o.y),
                    (o.x + o.width, o.y),
                    (o.x + o.width, o.y + o.height),
                    (o.x, o.y + o.height),
                ],
            )
            shape.filter = WALL_FILTER
            gate.shape = shape
            self.space.add(shape)
            self.flow.block_rect(o.x, o.y, o.x + o.width, o.y + o.height, 1)

    def _check_gates(self, events: list[ev.SimEvent]) -> None:
        if self.gate_notice_cooldown > 0:
            self.gate_notice_cooldown -= 1
            return
        x, y = self.cage.position
        margin = T.CAGE_RADIUS + 4.0
        for gate in self.gates:
            if gate.open:
                continue
            o = gate.obj
            if (
                o.x - margin <= x <= o.x + o.width + margin
                and o.y - margin <= y <= o.y + o.height + margin
            ):
                events.append(ev.GateLocked(self.tick, o.id, gate.message))
                self.gate_notice_cooldown = T.GATE_MESSAGE_COOLDOWN
                return

    def _open_gates(self, events: list[ev.SimEvent]) -> None:
        for gate in self.gates:
            if not gate.open and self._gate_opens(gate):
                self._open_gate(gate, events)

    def _open_gate(self, gate: GateThing, events: list[ev.SimEvent]) -> None:
        gate.open = True
        if gate.shape is not None:
            self.space.remove(gate.shape)
            gate.shape = None
        o = gate.obj
        self.flow.block_rect(o.x, o.y, o.x + o.width, o.y + o.height, 0)
        if gate.code:
            how = "code"
        elif gate.requires.startswith(CLEARED):
            how = "cleared"
        else:
            how = "knowledge"
        events.append(ev.GateOpened(self.tick, gate.obj.id, how))

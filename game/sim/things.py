"""The map's things: Intel to read, Gates, Mines that wait in the sand, grenades, and blasts.

Owns the thing system (ThingSystem): each thing's state within a day (read, open, armed) built
from the level's objects, the grenades in flight, the Gate notice's cooldown, and the rules for
what Cage's presence does to them and what a blast does to every body in range. A Gate opens with
knowledge (`requires`), the day its named spawn is wiped out (`cleared:<name>`), or at its keypad
(`code`, game.sim.keypad); knowledge decides which mines he can see. It reaches the other systems
only through the World it is handed (imported for type checking only). Must not import pygame,
time, global random or os.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING

import pymunk

from game import tuning as T
from game.level.data import MapObject
from game.sim import events as ev
from game.sim.hashing import StateHasher
from game.sim.ordnance import Grenade, falloff
from game.sim.physics import CAT_ALLY, CAT_CAGE, WALL_FILTER, add_fixed, remove_fixed

if TYPE_CHECKING:
    from game.sim.world import World

# The Mimics sense the mines and keep off them (game.sim.mimic), so only Cage and Rita set one off.
CLEARED = "cleared:"  # a Gate's `requires` prefix: open once the named spawn is wiped out
MINE_SENSE_FILTER = pymunk.ShapeFilter(mask=CAT_CAGE | CAT_ALLY)
_TAKEN, _OPEN, _ARMED = attrgetter("taken"), attrgetter("open"), attrgetter("armed")


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


def _gate_shape(o: MapObject, body: pymunk.Body) -> pymunk.Poly:
    """A shut Gate's wall, on `body`."""
    vertices = [
        (o.x, o.y),
        (o.x + o.width, o.y),
        (o.x + o.width, o.y + o.height),
        (o.x, o.y + o.height),
    ]
    shape = pymunk.Poly(body, vertices)
    shape.filter = WALL_FILTER
    return shape


def _sensed_boxes(world: World) -> list[tuple[float, float, float, float]]:
    """Where a mine can sense someone this tick: the bounding box pymunk keeps of each shape
    MINE_SENSE_FILTER lets through (Cage's and Rita's: nothing else in the day is of their
    categories), grown by the trigger's reach and a pixel more against rounding. A point query
    finds a shape only within its reach of the shape itself, so never outside these: pymunk
    sets each box with the centre the query measures from (when the space last stepped)."""
    reach = T.MINE_TRIGGER + 1.0
    shapes = [world.cage.shape]
    if world.rita is not None:
        shapes.append(world.rita.shape)
    return [
        (bb.left - reach, bb.bottom - reach, bb.right + reach, bb.top + reach)
        for bb in (shape.bb for shape in shapes)
    ]


class ThingSystem:
    """The map's things through the day: Intel read, Gates shut and opened, mines going off,
    grenades in flight and every blast. Steps: `fly_grenades` before the space steps, `update`
    (mines, then gates) after the contacts."""

    def __init__(self, objects: tuple[MapObject, ...]) -> None:
        self.intel = intel_things(objects)
        self.gates = gate_things(objects)
        self.mines = mine_things(objects)
        self.grenades: list[Grenade] = []
        self.gate_notice_cooldown = 0  # ticks before a shut Gate speaks again

    # --- the tick -----------------------------------------------------------------------------
    def fly_grenades(self, world: World, events: list[ev.SimEvent]) -> None:
        """Grenades in the air age a tick; those that land burst (and fill a drill's ring)."""
        if not self.grenades:
            return
        flying = []
        for grenade in self.grenades:
            grenade.age += 1
            if not grenade.landed:
                flying.append(grenade)
                continue
            x, y = grenade.end_x, grenade.end_y
            self.blast(world, x, y, T.GRENADE_RADIUS, T.GRENADE_DAMAGE, 40, T.GRENADE_IMPULSE,
                       "grenade", events, by="grenade")  # fmt: skip
            drill = world.drill
            if drill is not None and drill.kind == "ordnance":
                for ring in drill.rings:
                    if math.hypot(ring[0] - x, ring[1] - y) <= T.DRILL_RING_RADIUS:
                        ring[2] = 1.0
        self.grenades = flying

    def update(self, world: World, events: list[ev.SimEvent]) -> None:
        """After the space steps: the mines Cage or Rita stands on go off, then a shut Gate he
        walks into says why it is shut."""
        self._check_mines(world, events)
        self._check_gates(world, events)

    # --- blasts and mines -----------------------------------------------------------------------
    def blast(self, world: World, x, y, radius, mimic_damage, cage_damage, impulse, cause, events,
              unavoidable: bool = False, by: str = "blast") -> None:  # fmt: skip
        """An explosion: damage and an outward impulse on every body in range, by falloff.
        `by` names what set it off, for the Mimics it kills (an Alpha's death resets the day
        only if Cage, his ordnance or Rita killed it). A Mimic's own slam (mimic_damage 0)
        spares the Mimics."""
        tick = world.tick
        events.append(ev.Explosion(tick, x, y, radius, cause))
        for mimic in world.mimics if mimic_damage > 0 else ():
            if not mimic.in_space or not mimic.alive:
                continue
            mx, my = mimic.position
            d = math.hypot(mx - x, my - y)
            f = falloff(d, radius + mimic.kind.radius)
            if f > 0:
                d = d or 1.0
                push = ((mx - x) / d * impulse * f, (my - y) / d * impulse * f)
                mimic.take_round(max(1, math.ceil(mimic_damage * f)), push, tick, events, by)
        cage = world.cage
        if not cage.dead:
            cx, cy = cage.position
            d = math.hypot(cx - x, cy - y)
            f = falloff(d, radius + T.CAGE_RADIUS)
            if f > 0:
                d = d or 1.0
                push = ((cx - x) / d * impulse * f, (cy - y) / d * impulse * f)
                cage.take_hit(max(1, math.ceil(cage_damage * f)), push, cause, tick, events,
                              unavoidable)  # fmt: skip
        rita = world.rita
        if rita is not None and rita.alive:
            rx, ry = rita.position
            d = math.hypot(rx - x, ry - y)
            f = falloff(d, radius + T.RITA_RADIUS)
            if f > 0:
                d = d or 1.0
                push = ((rx - x) / d * impulse * f, (ry - y) / d * impulse * f)
                if rita.take_hit(max(1, math.ceil(cage_damage * f)), push):
                    world.rita_system.died(world, events)

    def _check_mines(self, world: World, events: list[ev.SimEvent]) -> None:
        sensed = None
        for mine in self.mines:
            if not mine.armed:
                continue
            if sensed is None:
                sensed = _sensed_boxes(world)
            x, y = mine.obj.x, mine.obj.y
            for left, bottom, right, top in sensed:
                if left <= x <= right and bottom <= y <= top:
                    break
            else:  # outside every sensed box pymunk's query finds no one: most mines, most ticks
                continue
            if not world.space.point_query((x, y), T.MINE_TRIGGER, MINE_SENSE_FILTER):
                continue
            mine.armed = False
            cage = world.cage
            was_dead = cage.dead
            self.blast(world, x, y, T.MINE_RADIUS, 99, T.MINE_DAMAGE, T.MINE_IMPULSE, "a mine",
                       events, by="mine")  # fmt: skip
            if cage.dead and not was_dead:
                # Dying to a mine teaches where its field is.
                world.knowledge_system.learn(world, mine.field, events)

    # --- Intel --------------------------------------------------------------------------------
    def read_intel(self, world: World, x: float, y: float, events: list[ev.SimEvent]) -> bool:
        """Cage reads the first unread Intel within reach of (x, y); True if there was one."""
        for intel in self.intel:
            if intel.taken:
                continue
            if math.hypot(intel.obj.x - x, intel.obj.y - y) <= T.INTERACT_REACH:
                intel.taken = True
                events.append(ev.IntelRead(world.tick, intel.obj.id, intel.title, intel.text))
                world.knowledge_system.learn(world, intel.knowledge, events, intel.title)
                return True
        return False

    # --- Gates --------------------------------------------------------------------------------
    def gate_opens(self, world: World, gate: GateThing) -> bool:
        """A Gate opens for what Cage knows, or, for `cleared:<spawn name>`, once today's
        Mimics of that MimicSpawn are all dead (it shuts again with the next day). A Gate with
        a `code` opens only at its keypad (game.sim.keypad)."""
        if gate.code:
            return False
        if gate.requires.startswith(CLEARED):
            return world.mimic_system.is_cleared(gate.requires[len(CLEARED) :])
        return world.memory.knows(gate.requires)

    def close_gates(self, world: World) -> None:
        """The day begins: every Gate not open to what he knows is a wall (and blocks the way
        the Mimics find)."""
        for gate in self.gates:
            if self.gate_opens(world, gate):
                gate.open = True
                continue
            o = gate.obj
            gate.shape = add_fixed(world.space, partial(_gate_shape, o))
            world.flow.block_rect(o.x, o.y, o.x + o.width, o.y + o.height, 1)

    def _check_gates(self, world: World, events: list[ev.SimEvent]) -> None:
        if self.gate_notice_cooldown > 0:
            self.gate_notice_cooldown -= 1
            return
        x, y = world.cage.position
        margin = T.CAGE_RADIUS + 4.0
        for gate in self.gates:
            if gate.open:
                continue
            o = gate.obj
            if (
                o.x - margin <= x <= o.x + o.width + margin
                and o.y - margin <= y <= o.y + o.height + margin
            ):
                events.append(ev.GateLocked(world.tick, o.id, gate.message))
                self.gate_notice_cooldown = T.GATE_MESSAGE_COOLDOWN
                return

    def open_gates(self, world: World, events: list[ev.SimEvent]) -> None:
        """Open every shut Gate that what he knows, or a wiped-out spawn, now opens."""
        for gate in self.gates:
            if not gate.open and self.gate_opens(world, gate):
                self.open_gate(world, gate, events)

    def open_gate(self, world: World, gate: GateThing, events: list[ev.SimEvent]) -> None:
        gate.open = True
        if gate.shape is not None:
            remove_fixed(world.space, gate.shape)
            gate.shape = None
        o = gate.obj
        world.flow.block_rect(o.x, o.y, o.x + o.width, o.y + o.height, 0)
        if gate.code:
            how = "code"
        elif gate.requires.startswith(CLEARED):
            how = "cleared"
        else:
            how = "knowledge"
        events.append(ev.GateOpened(world.tick, gate.obj.id, how))

    # --- the state hash -----------------------------------------------------------------------
    def head_words(self) -> tuple[int, ...]:
        """Its words among the day's clocks at the head of the hash (the Gate notice's)."""
        return (self.gate_notice_cooldown,)

    def hash_into(self, h: StateHasher) -> None:
        """Intel read, Gates open, mines armed, then the grenades in flight."""
        # (flags pack as the words 0 and 1: no int() of each needed)
        h.ints([*map(_TAKEN, self.intel), *map(_OPEN, self.gates), *map(_ARMED, self.mines)])
        for g in self.grenades:
            h.ints((g.id, g.age))
            h.floats((g.end_x, g.end_y))

"""Rita's training drills: short tests in her yard that raise the training level for good.

Owns one drill in progress: its kind, its clock, its marks, targets and rings, and whether it has
been passed. Levels (GAME.md): 1 `move` reach the marks while a training drone harasses you (dash);
2 `reload` hit the targets with a short magazine (fast reload); 3 `ordnance` grenades into the rings
(grenades); 4 `blade` cut the dummies (the blade); 5 `trust` survive an ambush together (Rita
follows Cage). The drill system (DrillSystem) owns the drill in progress and its targets' shapes
(for the rounds that hit them), starts a drill in its yard, creates its bodies and reports what
happens. It reaches the other systems only through the World it is handed (imported for type
checking only). Must not import pygame, time, global random or os.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

import pymunk

from game import tuning as T
from game.level.data import MapObject
from game.sim import events as ev
from game.sim.hashing import StateHasher
from game.sim.mimic import DRONE
from game.sim.physics import TARGET_FILTER, add_fixed, remove_fixed
from game.sim.rita import DOUBTFUL, WON

if TYPE_CHECKING:
    from game.sim.world import World

ABILITIES = {1: "dash", 2: "fast reload", 3: "grenades", 4: "the blade", 5: "Rita at your side"}
DRILL_NAMES = {
    "move": "Move: reach the marks",
    "reload": "Reload: hit every target",
    "ordnance": "Ordnance: a grenade in every ring",
    "blade": "Blade: cut down the dummies",
    "trust": "Trust: survive the ambush together",
}


@dataclass
class Target:
    id: int
    x: float
    y: float
    blade_only: bool
    alive: bool = True
    shape: object | None = None
    up: bool = False  # stood up: the reload and blade drills raise them one at a time


@dataclass
class DrillSession:
    obj: MapObject
    kind: str
    level: int
    ticks_left: int
    marks: list[list[float]] = field(default_factory=list)  # [x, y, reached 0/1]
    targets: list[Target] = field(default_factory=list)
    rings: list[list[float]] = field(default_factory=list)  # [x, y, done 0/1]
    mimic_ids: list[int] = field(default_factory=list)  # drones spawned for this drill
    saved_ammo: int = 0
    saved_grenades: int = 0
    popup: int = 0  # ticks until the next target stands up (when none is standing)

    @property
    def title(self) -> str:
        return DRILL_NAMES.get(self.kind, self.kind)

    def progress(self) -> tuple[int, int]:
        """(done, total) for the HUD."""
        if self.kind == "move":
            return (sum(int(m[2]) for m in self.marks), len(self.marks))
        if self.kind in ("reload", "blade"):
            return (sum(1 for t in self.targets if not t.alive), len(self.targets))
        if self.kind == "ordnance":
            return (sum(int(r[2]) for r in self.rings), len(self.rings))
        total = T.DRILL_TIME["trust"]
        return (total - self.ticks_left, total)

    @property
    def passed(self) -> bool:
        done, total = self.progress()
        if self.kind == "trust":
            return self.ticks_left == 0
        return done == total and total > 0

    def hash_words(self) -> list[int]:
        words = [self.obj.id, self.ticks_left, *self.mimic_ids]
        words += [int(m[2]) for m in self.marks] + [int(r[2]) for r in self.rings]
        words += [int(t.alive) * 2 + int(t.up) for t in self.targets] + [self.popup]
        # What Cage gets back when it ends: his magazine and grenades from before it began.
        words += [self.saved_ammo, self.saved_grenades]
        return words


def _target_shape(target: Target, body: pymunk.Body) -> pymunk.Circle:
    """A standing target's shape, on `body`."""
    shape = pymunk.Circle(body, T.DRILL_TARGET_RADIUS, (target.x, target.y))
    shape.filter = TARGET_FILTER
    return shape


def layout(obj: MapObject, kind: str) -> tuple[list, list[tuple[float, float, bool]], list]:
    """Where a drill's marks, targets and rings go inside its rectangle (fixed by the map)."""
    x, y, w, h = obj.x, obj.y, obj.width, obj.height
    inset = 28.0
    marks: list = []
    targets: list[tuple[float, float, bool]] = []
    rings: list = []
    if kind == "move":
        # A zig-zag between the corners and the middle of the long sides, run in this order.
        left, right, top, bottom = x + inset, x + w - inset, y + inset, y + h - inset
        mid = x + w / 2
        route = [(left, top), (right, bottom), (right, top), (mid, bottom), (left, bottom),
                 (mid, top)]  # fmt: skip
        marks = [[cx, cy, 0.0] for cx, cy in route]
    elif kind == "reload":
        # Two rows: more targets than one short magazine holds, so he must reload.
        for i in range(8):
            row = y + inset if i % 2 == 0 else y + inset + 26
            targets.append((x + w * (i + 0.5) / 8, row, False))
    elif kind == "ordnance":
        for i in range(4):
            rings.append([x + w * (i + 1) / 5, y + h * (0.3 if i % 2 == 0 else 0.6), 0.0])
    elif kind == "blade":
        for i in range(6):
            targets.append((x + w * (i + 0.5) / 6, y + h * (0.4 if i % 2 == 0 else 0.6), True))
    return marks, targets, rings


class DrillSystem:
    """Rita's drills through the day: `try_drill` when Cage asks in a yard, `update` each tick
    (its clock, its marks and targets, passing or failing it), `destroy_target` when a round or
    the blade takes one down."""

    def __init__(self) -> None:
        self.session: DrillSession | None = None  # the drill in progress
        self.target_by_shape: dict[pymunk.Shape, Target] = {}  # the standing targets' shapes

    # --- starting one -------------------------------------------------------------------------
    def try_drill(self, world: World, drill_obj: MapObject, events: list[ev.SimEvent]) -> None:
        level = int(drill_obj.prop("level", 0))
        kind = str(drill_obj.prop("drill", ""))
        rita = world.rita
        tick = world.tick
        memory = world.memory
        if self.session is not None:
            return
        if rita is None or rita.state != WON:
            message = "Rita runs the drills. Talk to her first."
            if rita is not None and rita.state == DOUBTFUL:
                message = "Rita won't train a stranger. Tomorrow, tell her what she told you."
            events.append(ev.GateLocked(tick, drill_obj.id, message))
            return
        if level <= memory.training_level:
            events.append(
                ev.GateLocked(tick, drill_obj.id, "Rita: You've passed that one. Move on.")
            )
            return
        if level != memory.training_level + 1:
            events.append(ev.GateLocked(tick, drill_obj.id, "Rita: Not yet. One drill at a time."))
            return
        marks, targets, rings = layout(drill_obj, kind)
        drill = DrillSession(drill_obj, kind, level, T.DRILL_TIME.get(kind, T.seconds(15)))
        drill.marks, drill.rings = marks, rings
        for tx, ty, blade_only in targets:
            drill.targets.append(Target(world.new_id(), tx, ty, blade_only))
        if drill.targets:
            self._stand_up(world, drill.targets[0])
        cage = world.cage
        drill.saved_ammo, drill.saved_grenades = cage.ammo, cage.grenades
        if kind == "reload":
            cage.ammo = min(cage.ammo, T.DRILL_RELOAD_MAGAZINE)
            cage.reload_ticks = 0
        elif kind == "ordnance":
            cage.grenades = T.DRILL_GRENADES
        cx, cy = drill_obj.center
        mimics = world.mimic_system
        if kind == "move":
            drone = mimics.add(world, DRONE, cx, cy - drill_obj.height, False, "", 0.25)
            drill.mimic_ids.append(drone.id)
        elif kind == "trust":
            for i in range(T.DRILL_TRUST_DRONES):
                angle = i * 2 * math.pi / T.DRILL_TRUST_DRONES
                px, py = cx + math.cos(angle) * 230, cy + math.sin(angle) * 230
                mid = mimics.add(world, DRONE, px, py, True, "", 1.0).id
                drill.mimic_ids.append(mid)
                events.append(ev.MimicTelegraph(tick, mid, "drone", px, py, T.DRONE_TELEGRAPH))
        self.session = drill
        events.append(ev.DrillStarted(tick, kind, level, drill.title, drill.ticks_left))

    # --- the tick -----------------------------------------------------------------------------
    def update(self, world: World, events: list[ev.SimEvent]) -> None:
        drill = self.session
        if drill is None:
            return
        drill.ticks_left -= 1
        self._raise_targets(world, drill)
        cage = world.cage
        x, y = cage.position
        if drill.kind == "move":
            for mark in drill.marks:
                if mark[2]:
                    continue
                if math.hypot(mark[0] - x, mark[1] - y) <= T.DRILL_MARK_REACH:
                    mark[2] = 1.0
                break  # only the next mark counts: they are run in order
        rita = world.rita
        rita_down = rita is None or not rita.alive
        if drill.passed and not (drill.kind == "trust" and (rita_down or cage.dead)):
            self._end(world, events, passed=True)
        elif cage.dead:
            self._end(world, events, passed=False, reason="You died.")
        elif rita_down:
            self._end(world, events, passed=False, reason="Rita is down.")
        elif drill.ticks_left <= 0:
            self._end(world, events, passed=False, reason="Out of time.")
        elif not drill.obj.contains(x, y) and drill.kind not in ("trust", "ordnance", "move"):
            self._end(world, events, passed=False, reason="You left the drill.")

    def _end(self, world: World, events: list[ev.SimEvent], passed: bool, reason: str = "") -> None:
        drill = self.session
        self.session = None
        cage = world.cage
        tick = world.tick
        memory = world.memory
        for target in drill.targets:
            if target.alive:
                self.destroy_target(world, target)
        for mimic in world.mimics:
            if mimic.id in drill.mimic_ids and mimic.alive:
                mimic.collapse(tick, events, "drill")
        if drill.kind == "reload" and not cage.reloading:
            cage.ammo = max(cage.ammo, drill.saved_ammo) if not passed else T.RIFLE_MAGAZINE
        if drill.kind == "ordnance":
            cage.grenades = drill.saved_grenades
        if passed:
            memory.training_level = max(memory.training_level, drill.level)
            cage.training_level = memory.training_level
            if drill.level == 3:
                cage.grenades = T.GRENADES_PER_DAY
            rita = world.rita
            if drill.level >= 5 and rita is not None:
                rita.following = True
            events.append(ev.DrillPassed(tick, drill.kind, drill.level, ABILITIES[drill.level]))
        else:
            events.append(ev.DrillFailed(tick, drill.kind, drill.level, reason))

    # --- targets ------------------------------------------------------------------------------
    def _stand_up(self, world: World, target: Target) -> None:
        """A target or dummy comes up (Rita raises them one after another)."""
        target.up = True
        shape = add_fixed(world.space, partial(_target_shape, target))
        target.shape = shape
        self.target_by_shape[shape] = target

    def _raise_targets(self, world: World, drill: DrillSession) -> None:
        """When none is standing, the next comes up a moment after the last went down."""
        if any(t.alive and t.up for t in drill.targets):
            return
        waiting = [t for t in drill.targets if t.alive and not t.up]
        if not waiting:
            return
        if drill.popup <= 0:
            drill.popup = T.DRILL_POPUP
        drill.popup -= 1
        if drill.popup == 0:
            self._stand_up(world, waiting[0])

    def destroy_target(self, world: World, target: Target) -> None:
        target.alive = False
        if target.shape is not None:
            remove_fixed(world.space, target.shape)
            del self.target_by_shape[target.shape]
            target.shape = None

    # --- the state hash -----------------------------------------------------------------------
    def hash_into(self, h: StateHasher) -> None:
        """The drill in progress, if any: its yard, clock, drones, marks, rings and targets."""
        if self.session is not None:
            h.ints(self.session.hash_words())

"""The Mimic system: every Mimic of the day, their acid in flight, their contacts, their deaths.

Owns the day's Mimics (in id order, the order everything about them happens in), the shape→Mimic
index that rounds and blasts use, the spits in flight, and what the Mimics ask of the day (a spit,
a brood's birth, a slam, a burrower's eruption), carried out after all of them have thought so no
Mimic sees another's half-finished tick. It hashes all of its own state. The World keeps the order
of the tick and calls `think`, `update_spits`, `resolve_contacts` and `remove_dead`; the blasts and
Rita's death it asks for go to their own systems through the World (imported for type checking
only). Imports pymunk and sim modules; must not import pygame, time, global random or os.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pymunk
import pymunk.batch

from game import tuning as T
from game.sim import events as ev
from game.sim.hashing import StateHasher
from game.sim.mimic import (
    BURROWED,
    DEAD,
    DRONE,
    KILLERS_THAT_RESET,
    KINDS,
    MINE_CELL,
    MITE,
    TUNNELING,
    Mimic,
    MimicKind,
    Senses,
)
from game.sim.physics import MIMIC_FILTER, SIGHT_FILTER, clear_ways
from game.sim.rng import GameRng, stream

if TYPE_CHECKING:
    from game.sim.crowd import Crowd, CrowdForces
    from game.sim.spawns import SpawnOrder
    from game.sim.world import World


def mine_cells(mines) -> dict[tuple[int, int], list[tuple[float, float]]]:
    """Armed mines by MINE_CELL cell, each listed in its own cell and the eight around it, so a
    Mimic finds the ones near it with one look-up."""
    cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for mine in mines:
        if mine.armed:
            mx, my = mine.obj.x, mine.obj.y
            col, row = int(mx // MINE_CELL), int(my // MINE_CELL)
            for gy in (row - 1, row, row + 1):
                for gx in (col - 1, col, col + 1):
                    cells.setdefault((gx, gy), []).append((mx, my))
    return cells


@dataclass
class Spit:
    id: int
    x: float
    y: float
    vx: float
    vy: float
    age: int = 0


_FIELDS = pymunk.batch.BodyFields
_READ = _FIELDS.BODY_ID | _FIELDS.POSITION | _FIELDS.VELOCITY
_FORCES = _FIELDS.BODY_ID | _FIELDS.FORCE
# From this many Mimics on, the state hash reads their motion in one batch (see _motion_now).
BATCH_HASH_FROM = 12
# From this many Mimics that stay in what they do on, game.sim.crowd works out their tick over
# arrays. Below it numpy's fixed cost per operation outweighs what it saves: by instruction
# counts of the bench's crowd, the arrays cost 17 % more at 50 Mimics and 11 % less at 100, and
# a fight that moves (the flow field rebuilt as Cage crosses tiles) needs more to gain.
CROWD_FROM = 96
# From this many Mimics in the space on, their looks ask the day's Sight (game.sim.physics), made
# then: below it the day's own index costs a look little more, and no Sight is made at all.
SIGHT_FROM = 32
# Who can touch Cage or Rita: Mimic shapes only (see resolve_contacts).
_TOUCH_FILTER = pymunk.ShapeFilter(mask=MIMIC_FILTER.categories)


def _by_id(mimic: Mimic) -> int:
    return mimic.id


class MimicSystem:
    # How many hunters make a crowd (see think); a test sets it out of reach to compare.
    crowd_from = CROWD_FROM

    def __init__(self) -> None:
        self.mimics: list[Mimic] = []
        self.by_shape: dict[pymunk.Shape, Mimic] = {}
        self.by_body_id: dict[int, Mimic] = {}  # pymunk's body id -> Mimic, for batch reads
        self._batch = pymunk.batch.Buffer()
        self._read_at = -1  # the tick of the last read_bodies
        # The space's body ids as last read, the Mimics among them in that order, and each id's
        # place (see _in_order).
        self._order_ids = b""
        self._order: list[tuple[Mimic, int]] = []
        self._order_index: dict[int, int] = {}
        self._order_slot: dict[Mimic, int] = {}
        self._values: memoryview = memoryview(b"").cast("d")  # the last reading, four a body
        self._reading = b""  # ... as their bytes (for the crowd's arrays)
        self._read_ids = b""  # the body ids that reading was in the order of
        self._crowd: Crowd | None = None  # made for the day's first crowd (see think)
        # The Mimics whose velocity changed since the reading (Mimic._velocity_changed): their
        # own floats, not the reading's, are what they think from.
        self._pushed: list[Mimic] = []
        # The day's Mimics out of the space (under the sand), in the order they went; and those
        # that died since remove_dead last took the dead out. Each Mimic keeps them as it goes
        # (Mimic.enter_space, leave_space, _die).
        self._outside: dict[Mimic, None] = {}
        self._deaths: list[Mimic] = []
        # Whether the last reading was handed to every Mimic at once; a crowd's are handed out
        # only to those that think for themselves (see read_bodies).
        self._handed = True
        self.spits: list[Spit] = []
        self.cleared: dict[str, int] = {}  # spawn name -> Mimics of it still alive today
        self._cleared_key: tuple = ()  # what the hash last packed of `cleared`, and its bytes
        self._cleared_bytes = b""
        self.newly_cleared = False  # a named spawn's last Mimic died this tick
        # Armed mines by cell (each in its own and the eight around it), rebuilt only when one
        # goes off: they never move, and an armed mine is never armed again within a day.
        self._mine_cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
        self._armed_mines = -1

    # --- adding -------------------------------------------------------------------------------
    def add(
        self,
        world: World,
        kind: MimicKind,
        x: float,
        y: float,
        burrowed: bool,
        ambush: str = "",
        damage_scale: float = 1.0,
        rng: GameRng | None = None,
    ) -> Mimic:
        """A new Mimic. `rng`: its own stream (a spawn's Mimics and a brood's mites get theirs
        from where they came from); else one named by its id, for the few the day makes itself
        (a drill's dummies)."""
        mimic_id = world.new_id()
        if rng is None:
            rng = stream(world.seed, world.map_key, "mimic", mimic_id)
        mimic = Mimic(mimic_id, kind, x, y, burrowed=burrowed, rng=rng)
        if burrowed:
            mimic.timer = round(T.DRONE_TELEGRAPH * world.assists.telegraph)
        mimic.ambush = ambush
        mimic.damage_scale = damage_scale
        mimic._pushed, mimic._outside, mimic._deaths = self._pushed, self._outside, self._deaths
        self.mimics.append(mimic)
        self.by_shape[mimic.shape] = mimic
        self.by_body_id[mimic._body_id] = mimic
        if burrowed:
            self._outside[mimic] = None
        else:
            mimic.enter_space(world.space)
        return mimic

    def spawn(self, world: World, order: SpawnOrder, events: list[ev.SimEvent]) -> None:
        kind = KINDS.get(order.kind, DRONE)
        events.append(ev.AmbushSprung(world.tick, order.spawn_id, order.ambush, *order.center))
        struck = bool(order.strike and order.emerge and not world.memory.knows(order.ambush))
        if struck:
            self._strike(world, order, kind, events)
        # However a map is made, the day holds no more than the cap at once.
        room = max(0, T.MIMICS_ALIVE_CAP - len(self.mimics))
        first = 1 if struck else 0  # a struck one is out already
        made = zip(order.positions[first:][:room], order.streams[first:], strict=False)
        for (x, y), rng in made:
            mimic = self.add(world, kind, x, y, order.emerge, order.ambush, rng=rng)
            mimic.spawn_name = order.name
            if order.name:
                self.cleared[order.name] = self.cleared.get(order.name, 0) + 1
            if order.emerge:
                events.append(ev.MimicTelegraph(world.tick, mimic.id, kind.name, x, y, mimic.timer))

    def _strike(self, world: World, order: SpawnOrder, kind: MimicKind, events) -> None:
        """Unwarned, he walks right over it: the first of them bursts out under his feet, now.
        Once he knows the ambush it comes out where it waits, with its telegraph."""
        cage = world.cage
        x, y = cage.position
        mimic = self.add(world, kind, x + 1.0, y + 1.0, False, order.ambush, rng=order.streams[0])
        mimic.spawn_name = order.name
        mimic.aware = True
        if order.name:
            self.cleared[order.name] = self.cleared.get(order.name, 0) + 1
        events.append(ev.MimicEmerged(world.tick, mimic.id, kind.name, x, y))
        cause = f"{kind.called} bursting out under him, unwarned"
        cage.take_hit(order.strike, (0.0, -kind.contact_knockback), cause, world.tick, events,
                      unavoidable=True)  # fmt: skip

    def with_id(self, mimic_id: int) -> Mimic | None:
        for mimic in self.mimics:
            if mimic.id == mimic_id:
                return mimic
        return None

    # --- thinking -----------------------------------------------------------------------------
    def think(self, world: World, events: list[ev.SimEvent]) -> None:
        cx, cy = world.cage.position
        flow = world.flow
        blocked, w, h, tw, th = flow.blocked, flow.width, flow.height, flow.tw, flow.th

        def standable(x: float, y: float) -> bool:
            tx, ty = int(x // tw), int(y // th)
            return 0 <= tx < w and 0 <= ty < h and not blocked[ty * w + tx]

        armed = sum(1 for mine in world.mines if mine.armed)
        if armed != self._armed_mines:
            self._armed_mines, self._mine_cells = armed, mine_cells(world.mines)
        mines = self._mine_cells
        senses = Senses(
            cx, cy, not world.cage.dead, world.tick, events, world.space, flow,
            world.assists, mines, standable, world.final_act, len(self._order) >= SIGHT_FROM,
        )  # fmt: skip
        if self._read_at != world.tick:  # the World reads them before Rita looks (read_bodies)
            self.read_bodies(world.space, world.tick)
        crowd = None
        if len(self._order) >= self.crowd_from:
            if self._crowd is None:
                # numpy's import takes a tenth of a second: only once a day has a crowd (the
                # play scene imports it behind its level card).
                from game.sim.crowd import Crowd

                self._crowd = Crowd()
            crowd = self._crowd.think(
                self._order, self._reading, self._pushed, self._order_slot, senses,
                self.crowd_from,
            )  # fmt: skip
        thinking = self.mimics
        if crowd is not None:  # the crowd's have had their tick; the rest think for themselves
            thinking = self._not_taken(crowd)
        if not self._handed:
            self._hand_reading(thinking, world.tick)
        for mimic in thinking:
            mimic.think(senses)
        self._write_forces(world.space, senses.forces, crowd)
        # What they asked for, in the order they asked.
        for _owner, x, y, dx, dy in senses.spits:
            speed = T.SPIT_SPEED * world.assists.mimic_speed
            spit = Spit(world.new_id(), x, y, dx * speed, dy * speed)
            self.spits.append(spit)
            events.append(ev.SpitFired(world.tick, spit.id, x, y, spit.vx, spit.vy))
        for owner, x, y in senses.births:
            self._birth(world, owner, x, y, events)
        blast = world.thing_system.blast
        for owner, x, y in senses.blasts:
            mimic = self.with_id(owner)
            if mimic is None:
                continue
            if mimic.kind.behaviour == "burrower":
                blast(world, x, y, T.BURROWER_ERUPT_RADIUS, 0, T.BURROWER_ERUPT_DAMAGE,
                      T.BURROWER_ERUPT_IMPULSE, "a burrower erupting under him", events,
                      by="mimic")  # fmt: skip
            else:
                blast(world, x, y, mimic.kind.slam_radius, 0, T.HULK_SLAM_DAMAGE,
                      T.HULK_SLAM_IMPULSE, f"{mimic.kind.called}'s slam", events,
                      by="mimic")  # fmt: skip

    def _not_taken(self, crowd: CrowdForces) -> list[Mimic]:
        """The Mimics the crowd did not take, in id order: those of the space it left and those
        out of it. (Every Mimic is one or the other, or the crowd's, unless one came into the
        space since the reading: then they are found by a look at every Mimic.)"""
        rest, outside = crowd.rest, self._outside
        if len(rest) + len(outside) + len(crowd.mimics) == len(self.mimics):
            return sorted((*rest, *outside), key=_by_id)
        taken = set(crowd.mimics)
        return [mimic for mimic in self.mimics if mimic not in taken]

    def read_bodies(self, space: pymunk.Space, tick: int) -> None:
        """Every body's position and velocity in one batch (pymunk.batch), for this tick's
        thinking (Rita's aim, the Mimics' think, the crowd's arrays): nothing moves before the
        space steps, and one read per body through pymunk's properties costs more than their
        thinking. A push on a Mimic after this (a round hits it) refreshes its own velocity."""
        self._read_at = tick
        buffer = self._batch
        buffer.clear()
        pymunk.batch.get_space_bodies(space, _READ, buffer)
        self._reading = bytes(buffer.float_buf())
        self._pushed.clear()
        order = self._in_order(buffer)
        self._read_ids = self._order_ids  # (the ids _in_order has just read)
        # A crowd's Mimics mostly think over arrays, from the reading itself: handing each its
        # floats would cost more than their thinking there. Those that think for themselves get
        # theirs just before (_hand_reading); Rita's aim reads the few near her from their
        # bodies, which have not moved since.
        self._handed = len(order) < self.crowd_from
        values = self._values = memoryview(self._reading).cast("d")
        if self._handed:
            values = values.tolist()  # (a list's floats unpack faster, for every Mimic)
            for mimic, k in order:
                mimic._rx, mimic._ry, mimic._rvx, mimic._rvy = values[k : k + 4]
                mimic._read_tick = tick

    def _hand_reading(self, mimics: list[Mimic], tick: int) -> None:
        """This tick's reading to each of `mimics` in it, as read_bodies hands it to all: a
        Mimic pushed since keeps the velocity its push gave it (Mimic._velocity_changed)."""
        values, slot_of = self._values, self._order_slot
        pushed = set(self._pushed)
        for mimic in mimics:
            k = slot_of.get(mimic)
            if k is None:
                continue
            if mimic in pushed:
                mimic._rx, mimic._ry = values[k], values[k + 1]
            else:
                mimic._rx, mimic._ry, mimic._rvx, mimic._rvy = values[k : k + 4]
            mimic._read_tick = tick

    def _in_order(self, buffer: pymunk.batch.Buffer) -> list[tuple[Mimic, int]]:
        """The Mimics among the space's bodies (the ids `buffer` has just read, in the batch's
        order), each with its first float of a four-float reading. Kept while the space holds
        the same bodies in the same order (most ticks: one comparison of the ids' bytes), since
        finding each Mimic by its id costs more than the reading itself."""
        raw = bytes(buffer.int_buf())
        if raw != self._order_ids:
            by_body_id = self.by_body_id
            self._order_ids = raw
            ids = memoryview(raw).cast("P").tolist()
            self._order = [
                (by_body_id[body_id], 4 * i)
                for i, body_id in enumerate(ids)
                if body_id in by_body_id
            ]
            self._order_index = {body_id: i for i, body_id in enumerate(ids)}
            self._order_slot = dict(self._order)
        return self._order

    def _write_forces(
        self, space: pymunk.Space, asked: list[Mimic], crowd: CrowdForces | None = None
    ) -> None:
        """The forces the Mimics asked for this tick (those that thought for themselves, in
        `asked`, and the crowd's hunters), set on their bodies in one batch; every other body
        keeps the force it has. A Mimic that left the space while thinking gets its force set
        directly, as it would have had it."""
        if not asked and (crowd is None or not crowd.mimics):
            return
        buffer = self._batch
        buffer.clear()
        pymunk.batch.get_space_bodies(space, _FORCES, buffer)
        forces = memoryview(buffer.float_buf()).cast("d")  # written in place, then set
        self._in_order(buffer)
        index = self._order_index
        if crowd is not None and crowd.mimics:
            same_order = self._order_ids == self._read_ids
            crowd.write_into(forces, None if same_order else index)
        for mimic in asked:
            mimic._force_asked = False
            i = index.get(mimic._body_id)
            if i is None:
                mimic.body.force = (mimic._fx, mimic._fy)
            else:
                forces[2 * i] = mimic._fx
                forces[2 * i + 1] = mimic._fy
        asked.clear()
        pymunk.batch.set_space_bodies(space, _FIELDS.FORCE, buffer)

    def _birth(self, world: World, owner: int, x: float, y: float, events) -> None:
        alive = sum(1 for m in self.mimics if m.parent == owner and m.alive)
        room = min(T.BROOD_BIRTH, T.BROOD_MITE_CAP - alive)
        brood = self.with_id(owner)
        for i in range(max(0, room)):
            # A brood's births come from its own luck, and each mite gets a stream from it.
            luck = brood.rng if brood is not None else world.rng
            angle = luck.uniform(0.0, 2.0 * math.pi) + i
            reach = (brood.kind.radius if brood else 20.0) + 10.0
            px, py = x + math.cos(angle) * reach, y + math.sin(angle) * reach
            mite = self.add(world, MITE, px, py, False, brood.ambush if brood else "",
                            rng=GameRng(luck.next_u64()))  # fmt: skip
            mite.parent = owner
            events.append(ev.MimicEmerged(world.tick, mite.id, MITE.name, px, py))

    # --- acid in flight ---------------------------------------------------------------------------
    def update_spits(self, world: World, events: list[ev.SimEvent]) -> None:
        if not self.spits:
            return
        cage, rita = world.cage, world.rita
        # Whether a wall is in the way, asked of chipmunk straight (in a crowd, of the Sight);
        # where it is, of the space only for the spit that splashes on it.
        clear = clear_ways(world.space, SIGHT_FILTER, len(self._order) >= SIGHT_FROM)
        flying = []
        for spit in self.spits:
            spit.age += 1
            x0, y0 = spit.x, spit.y
            spit.x += spit.vx * T.DT
            spit.y += spit.vy * T.DT
            wall = None
            if not clear((x0, y0), (spit.x, spit.y), 0.0):
                wall = world.space.segment_query_first(
                    (x0, y0), (spit.x, spit.y), 0.0, SIGHT_FILTER
                )
            if wall is not None:
                events.append(ev.SpitSplashed(world.tick, spit.id, wall.point.x, wall.point.y,
                                              "wall"))  # fmt: skip
                continue
            speed = math.hypot(spit.vx, spit.vy) or 1.0
            push = (spit.vx / speed * T.SPIT_KNOCKBACK, spit.vy / speed * T.SPIT_KNOCKBACK)
            if not cage.dead:
                cx, cy = cage.position
                reach = T.CAGE_RADIUS + T.SPIT_RADIUS
                if (cx - spit.x) ** 2 + (cy - spit.y) ** 2 <= reach * reach:
                    cage.take_hit(T.SPIT_DAMAGE, push, "a spitter's acid", world.tick, events)
                    events.append(ev.SpitSplashed(world.tick, spit.id, spit.x, spit.y, "cage"))
                    continue
            if rita is not None and rita.alive:
                rx, ry = rita.position
                reach = T.RITA_RADIUS + T.SPIT_RADIUS
                if (rx - spit.x) ** 2 + (ry - spit.y) ** 2 <= reach * reach:
                    if rita.take_hit(T.SPIT_DAMAGE, push):
                        world.rita_system.died(world, events)
                    events.append(ev.SpitSplashed(world.tick, spit.id, spit.x, spit.y, "rita"))
                    continue
            if spit.age >= T.SPIT_LIFE:
                events.append(ev.SpitSplashed(world.tick, spit.id, spit.x, spit.y, "ground"))
                continue
            flying.append(spit)
        self.spits = flying

    # --- contacts -----------------------------------------------------------------------------
    def near(self, space: pymunk.Space, x: float, y: float, reach: float) -> list[Mimic]:
        """Every Mimic whose centre may lie within `reach` of its own radius from (x, y), in id
        order: those pymunk's spatial index finds (a point query, not a scan of the crowd), and
        any out of the space (a burrower surfacing under the sand still touches). A superset:
        callers keep their exact test."""
        by_shape = self.by_shape
        found = [
            by_shape[info.shape]
            for info in space.point_query((x, y), reach + 1.0, _TOUCH_FILTER)
            if info.shape in by_shape
        ]
        found.extend(self._outside)
        found.sort(key=_by_id)
        return found

    def near_before_step(
        self, space: pymunk.Space, x: float, y: float, reach: float, tick: int
    ) -> list[Mimic]:
        """near's superset, in id order, for a look made after tick `tick`'s reading and before
        the space steps (Rita's): for a crowd, from the reading (Crowd.within), where the
        index's walk through hundreds of Mimics costs more than a sum over all of them."""
        if self._crowd is None or self._read_at != tick or len(self._order) < self.crowd_from:
            return self.near(space, x, y, reach)
        found = [*self._crowd.within(self._order, self._reading, x, y, reach), *self._outside]
        found.sort(key=_by_id)
        return found

    def resolve_contacts(self, world: World, events: list[ev.SimEvent]) -> None:
        """Mimics touching Cage or Rita hurt them: a lunge hard, a bump a little (id order)."""
        cage = world.cage
        rita = world.rita
        rita_alive = rita is not None and rita.alive
        if cage.dead and not rita_alive:
            return
        cx, cy = cage.position
        rx, ry = rita.position if rita_alive else (0.0, 0.0)
        cage_reach = T.CAGE_RADIUS + 1.0
        rita_reach = T.RITA_RADIUS + 1.0
        # Only those near either of them can touch: found by pymunk's index, in id order.
        touching = [] if cage.dead else self.near(world.space, cx, cy, cage_reach)
        if rita_alive:
            touching = sorted({*touching, *self.near(world.space, rx, ry, rita_reach)},
                              key=_by_id)  # fmt: skip
        for mimic in touching:
            if mimic.contact_cooldown > 0 or not mimic.dangerous:
                continue
            kind = mimic.kind
            mx, my = mimic.position
            # What the blow does is worked out only when one lands (most ticks none does).
            if not cage.dead:
                reach = cage_reach + kind.radius
                dx, dy = cx - mx, cy - my
                if dx * dx + dy * dy <= reach * reach:
                    damage, strength, cause = self._blow(mimic)
                    d = math.hypot(dx, dy) or 1.0
                    impulse = (dx / d * strength, dy / d * strength)
                    if cage.take_hit(damage, impulse, cause, world.tick, events):
                        mimic.contact_cooldown = T.DRONE_CONTACT_COOLDOWN
                    continue
            if rita_alive:
                reach = rita_reach + kind.radius
                dx, dy = rx - mx, ry - my
                if dx * dx + dy * dy <= reach * reach:
                    damage, strength, _ = self._blow(mimic)
                    d = math.hypot(dx, dy) or 1.0
                    mimic.contact_cooldown = T.DRONE_CONTACT_COOLDOWN
                    if rita.take_hit(damage, (dx / d * strength, dy / d * strength)):
                        world.rita_system.died(world, events)
                        rita_alive = False

    @staticmethod
    def _blow(mimic: Mimic) -> tuple[int, float, str]:
        """A touch's (damage, knockback, cause): a lunge hard, a bump a little."""
        kind = mimic.kind
        lunge = mimic.lunging
        damage = kind.contact_damage if lunge else kind.touch_damage
        damage = max(1, round(damage * mimic.damage_scale))
        strength = kind.contact_knockback * (1.0 if lunge else 0.3)
        return damage, strength, f"{kind.called}'s lunge" if lunge else kind.called

    # --- the dead -----------------------------------------------------------------------------
    def remove_dead(self, world: World) -> list[Mimic]:
        """Take the dead out of the day; return the Alphas among them whose death the Omega
        feels (killed by Cage, his ordnance or Rita: never by a stray mine)."""
        if not self._deaths:  # most ticks: no one died
            return []
        self._deaths.clear()
        keep, felt = [], []
        for mimic in self.mimics:
            if mimic.alive:
                keep.append(mimic)
                continue
            if mimic.in_space:
                world.space.remove(mimic.body, mimic.shape)
            self._outside.pop(mimic, None)
            del self.by_shape[mimic.shape]
            del self.by_body_id[mimic._body_id]
            name = mimic.spawn_name
            if name:
                self.cleared[name] -= 1
                self.newly_cleared |= self.cleared[name] == 0
            if mimic.kind.resets_day and mimic.killed_by in KILLERS_THAT_RESET:
                felt.append(mimic)
        self.mimics = keep
        return felt

    def collapse_all(self, tick: int, events: list[ev.SimEvent], by: str) -> None:
        for mimic in self.mimics:
            if mimic.alive:  # they collapse where they stand
                mimic.collapse(tick, events, by)

    def is_cleared(self, name: str) -> bool:
        """Whether the spawn of this name came out today and every Mimic of it is dead."""
        return name in self.cleared and self.cleared[name] <= 0

    # --- views --------------------------------------------------------------------------------
    def active(self) -> int:
        return sum(1 for m in self.mimics if m.state not in (BURROWED, TUNNELING, DEAD))

    def _motion_now(self, space: pymunk.Space) -> tuple[list[float], dict[Mimic, int]]:
        """Every body's position and velocity as they are now, in one batch read, and where each
        Mimic's four floats begin in it (for the state hash of a crowd: one property read of a
        Mimic's position or velocity costs more than the whole read shares out to it)."""
        buffer = self._batch
        buffer.clear()
        pymunk.batch.get_space_bodies(space, _READ, buffer)
        values = memoryview(buffer.float_buf()).cast("d").tolist()
        self._in_order(buffer)
        return values, self._order_slot

    def hash_into(self, h: StateHasher, space: pymunk.Space | None = None) -> None:
        """The Mimics' part of the state hash. `space`: the day's, to read a crowd's motion from
        in one batch (the same floats each Mimic reads of its own)."""
        mimics = self.mimics
        values, slots = None, None
        if space is not None and len(mimics) >= BATCH_HASH_FROM:
            values, slots = self._motion_now(space)
        parts = []  # every Mimic's bytes, handed to the hash in one piece
        for m in mimics:
            k = None if slots is None else slots.get(m)
            parts.append(m.hash_bytes(None if k is None else values[k : k + 4]))
        h.raw(b"".join(parts))
        for s in self.spits:
            h.ints((s.id, s.age))
            h.floats((s.x, s.y, s.vx, s.vy))
        # The spawns a Gate may wait for: the same few names all day, so their bytes are kept
        # until a count changes.
        cleared = tuple(self.cleared.items())
        if cleared != self._cleared_key:
            part = StateHasher()
            for name, alive in cleared:
                part.text(name)
                part.ints((alive,))
            self._cleared_key, self._cleared_bytes = cleared, part.packed()
        h.raw(self._cleared_bytes)

"""The crowd's tick: every Mimic of a crowd that stays in what it is doing, worked out over arrays.

A crowd's Mimics spend most ticks on the same few sums: where Cage is from each, the way to him,
the circle it runs round him, the force its legs put out. Each state of the Mimics' tables says
which of these it does on a tick it stays in (game.sim.mimic's Hunt, Circle, Brace and Coast,
from which the tables' builders make the states' updates too). For a crowd, this module does
those sums for all of them at once with numpy, and leaves each Mimic as its own `think` would
have: the same floats (the same operations in the same order; lengths by game.sim.physics
`length`, headings by `math.atan2`), the same look for Cage, the same question to the flow
field, the same force for the system's batch write. A Mimic whose tick would be anything more (it
changes state, a mine is near, it is not aware of Cage, it is out of the space, its state is one
the arrays do not know) is left to its own `think`, which the Mimic system runs for it as ever.
So a day is the same, bit for bit, whether its crowd was worked out here or one by one (the tests
step both side by side, and verify the campaign with every Mimic they can take taken here), and
a replay never depends on which.

Imported by game.sim.mimics only once a crowd is large enough to gain by it (numpy takes a tenth
of a second to import; the play scene imports this module behind its loading). Imports numpy and
sim modules; must not import pygame, time, global random or os.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING

import numpy as np

from game import tuning as T
from game.sim.mimic import (
    CIRCLING,
    HUNTING,
    MINE_CELL,
    SIGHT_REFRESH,
    STATE_NAMES,
    TABLES,
    Brace,
    Circle,
    Coast,
    Hunt,
    Mimic,
    MimicKind,
    Senses,
    sees_from,
)

if TYPE_CHECKING:
    from game.sim.flow import FlowField

# The ways a state moves a Mimic, as the arrays know them (a row's WAY column).
HUNT, CIRCLE, BRACE, COAST = 0, 1, 2, 3
# A row of numbers for one kind in one state: its way, and what that way reads.
WAY, SPEED, ORBIT_SPEED, GAIN, CAP, CLOSE, RADIUS, LEAVE, TOO_CLOSE, DRAG, FACES = range(11)


class Rows:
    """Each kind's numbers in each state the arrays can run, worked out once: a row of the
    table, or none for a state they cannot. Kept by the kind's identity: a kind's own hash would
    hash every one of its fields, for every Mimic."""

    def __init__(self) -> None:
        self._of: dict[int, tuple[MimicKind, tuple[int | None, ...]]] = {}
        self._rows: list[tuple[float, ...]] = []
        self.table = np.zeros((0, 11))

    def of(self, kind: MimicKind) -> tuple[int | None, ...]:
        """The kind's row in each state (by state number), None where the arrays cannot run it."""
        known = self._of.get(id(kind))
        if known is not None and known[0] is kind:
            return known[1]
        rows = tuple(self._row(kind, state) for state in range(len(STATE_NAMES)))
        self._of[id(kind)] = (kind, rows)
        self.table = np.array(self._rows).reshape(-1, 11)
        return rows

    def _row(self, kind: MimicKind, state: int) -> int | None:
        rule = TABLES[kind.behaviour][state].crowd
        if rule is None:
            return None
        row = [0.0] * 11
        # As Mimic._steer works them out (at full strength but when braced).
        row[SPEED], row[ORBIT_SPEED] = kind.speed, kind.orbit_speed
        row[GAIN], row[CAP] = kind.mass * T.DRONE_DRIVE_GAIN, kind.max_force * 1.0
        if isinstance(rule, Hunt):
            row[WAY], row[CLOSE] = HUNT, rule.close(kind)
        elif isinstance(rule, Circle):
            row[WAY], row[RADIUS], row[LEAVE] = CIRCLE, rule.radius(kind), rule.leave(kind)
            row[TOO_CLOSE] = rule.too_close
        elif isinstance(rule, Brace):
            row[WAY], row[CAP] = BRACE, kind.max_force * rule.strength
            row[FACES] = 1.0 if rule.faces_cage else 0.0
        elif isinstance(rule, Coast):
            row[WAY], row[DRAG] = COAST, kind.mass * T.DRONE_LUNGE_DRAG
        else:  # pragma: no cover - a rule this module has not learned: each thinks alone
            return None
        self._rows.append(tuple(row))
        return len(self._rows) - 1


ROWS = Rows()


@dataclass
class CrowdForces:
    """The forces the crowd asks for this tick, for the Mimic system's batch write: `slots` are
    the first of each one's four floats in the tick's reading (so, while the space holds the same
    bodies in the same order, force slot slots // 2). `rest`: the Mimics of the order it was
    given that it did not take, which must think for themselves (in that order's order)."""

    mimics: list[Mimic]
    slots: np.ndarray
    fx: np.ndarray
    fy: np.ndarray
    rest: tuple[Mimic, ...] = ()

    def write_into(self, forces: memoryview, index: dict[int, int] | None) -> None:
        """Set them in `forces` (the space's bodies' forces, two floats a body, as batch-read
        now). `index`: each body id's place in it, when the space no longer holds the bodies in
        the order they were read in (None: it does)."""
        if index is None:
            out = np.frombuffer(forces, dtype=np.float64)
            at = self.slots // 2
            out[at] = self.fx
            out[at + 1] = self.fy
            return
        for mimic, fx, fy in zip(self.mimics, self.fx.tolist(), self.fy.tolist(), strict=True):
            i = index.get(mimic._body_id)
            if i is None:
                mimic.body.force = (fx, fy)
            else:
                forces[2 * i], forces[2 * i + 1] = fx, fy


class Crowd:
    """One day's crowd, with what it keeps between ticks: the flow field's answers by tile and
    the cells near the armed mines, as arrays."""

    def __init__(self) -> None:
        self.steps = FieldSteps()
        self.mines = MineCells()
        self._order: list[tuple[Mimic, int]] | None = None  # the order _of_order last took apart
        self._mimics: list[Mimic] = []
        self._slots = self._phases = np.zeros(0, dtype=np.int64)
        self._radii = np.zeros(0)

    def _of_order(
        self, order: list[tuple[Mimic, int]]
    ) -> tuple[list[Mimic], np.ndarray, np.ndarray]:
        """`order`'s Mimics, their slots and the phase of their looks (Mimic.look), as a list and
        two arrays: taken apart once while the Mimic system keeps the same order (the same list:
        it makes a new one when the space's bodies change), not every tick. Each Mimic in it has
        its kind's rows of the table (Mimic._crowd_rows) from then on."""
        if order is not self._order:
            self._order = order
            self._mimics = [mimic for mimic, _ in order]
            for mimic in self._mimics:  # its kind's rows, found once (its kind never changes)
                if mimic._crowd_rows is None:
                    mimic._crowd_rows = ROWS.of(mimic.kind)
            self._slots = np.fromiter((k for _, k in order), np.int64, len(order))
            ids = np.fromiter((mimic.id for mimic, _ in order), np.int64, len(order))
            self._phases = ids % SIGHT_REFRESH  # (a Mimic looks on the ticks of its phase)
            self._radii = np.fromiter((m.kind.radius for m, _ in order), np.float64, len(order))
        return self._mimics, self._slots, self._phases

    def within(
        self, order: list[tuple[Mimic, int]], reading: bytes, x: float, y: float, reach: float
    ) -> tuple[Mimic, ...]:
        """The Mimics of `order` whose centre, as `reading` has it, lies within `reach` of
        their own radius from (x, y), and a pixel beyond: more than pymunk's point query to
        `reach` finds there (a point query's distance to a circle is its centre's less its
        radius), in one sum over the crowd where the query's index walk costs as much as its
        answer. Only for a look before the space steps: till then every body is where the
        reading has it, and so is every shape in the space's index."""
        mimics, slots, _ = self._of_order(order)
        if not mimics:
            return ()
        read = np.take(np.frombuffer(reading).reshape(-1, 4), slots // 4, axis=0)
        dx, dy = read[:, 0] - x, read[:, 1] - y
        room = self._radii + (reach + 2.0)
        return _pick(mimics, np.flatnonzero(dx * dx + dy * dy <= room * room).tolist())

    def think(
        self,
        order: list[tuple[Mimic, int]],
        reading: bytes,
        pushed: list[Mimic],
        slot_of: dict[Mimic, int],
        senses: Senses,
        least: int,
    ) -> CrowdForces | None:
        """Think for the Mimics among `order` (those in the space, each with the first of its four
        floats in `reading`, this tick's batch reading of positions and velocities, at its slot in
        `slot_of`) that stay in their state this tick, and return what they ask for; the rest must
        think for themselves. `pushed`: the Mimics whose velocity changed since the reading (their
        own floats count). Returns None and leaves everyone untouched when fewer than `least` can
        be taken, or when Cage is dead (then every Mimic's tick is its own)."""
        if not senses.cage_alive:
            return None
        final_act = senses.final_act
        mimics, order_slots, order_phases = self._of_order(order)
        picked: list[int] = []  # their places in `order`
        rows: list[int] = []
        for j, mimic in enumerate(mimics):
            state = mimic.state
            row = mimic._crowd_rows[state]
            if row is None:
                continue
            if state in (HUNTING, CIRCLING):
                # Its think first asks whether it knows of him (and an Alpha whether he has gone
                # beyond the loop): those it must answer itself.
                if not mimic.aware or mimic.homing or (final_act and mimic.kind.guards):
                    continue
                if state == CIRCLING and mimic.timer < 2:  # its count runs out: it attacks
                    continue
            elif mimic.timer < 2:  # braced or lunging: its count runs out, and with it the state
                continue
            picked.append(j)
            rows.append(row)
        count = len(picked)
        if count < least or not count:
            return None
        crowd = _pick(mimics, picked)
        places = np.fromiter(picked, np.int64, count)
        at = order_slots[places]
        floats = np.frombuffer(reading)
        if pushed:  # a round or Rita's shot since the reading: the velocity it holds now counts
            floats = floats.copy()
            for mimic in pushed:
                k = slot_of.get(mimic)
                if k is not None:
                    floats[k + 2], floats[k + 3] = mimic._rvx, mimic._rvy
        # Each one's four floats, then each kind-and-state's row, turned to columns laid out
        # whole (every sum below reads them a column at a time).
        x, y, vx, vy = np.take(floats.reshape(-1, 4), at // 4, axis=0).T.copy()
        table = np.take(ROWS.table, np.fromiter(rows, np.int64, count), axis=0).T.copy()
        way = table[WAY]
        hunt, circle, coast = way == HUNT, way == CIRCLE, way == COAST
        speed, gain, cap = table[SPEED], table[GAIN], table[CAP]
        # Each sum is the one Mimic.think does, in its order (numpy's arrays of (x, y) rows cost
        # more here than their two columns: these arrays are short).
        dx, dy = senses.cage_x - x, senses.cage_y - y
        distance = _length(dx, dy)
        ux, uy = dx / distance, dy / distance
        xs, ys = x.tolist(), y.tolist()

        # Hunting and circling: their looks for Cage (Mimic.look, each when due, as in its think),
        # and the hunters' questions to the field.
        along = np.zeros(count, dtype=bool)
        step_x, step_y = np.zeros(count), np.zeros(count)
        knowing = hunt | circle
        sees = np.fromiter([m.sees_cage for m in crowd], bool, count)
        if senses.flow is not None and knowing.any():
            # (tick + id) % SIGHT_REFRESH == 0, as Mimic.look asks: its id's phase is the tick's
            due_phase = -senses.tick % SIGHT_REFRESH
            due = np.flatnonzero(knowing & (order_phases[places] == due_phase))
            clear, cage = senses.clear_ways(), (senses.cage_x, senses.cage_y)
            for i, far in zip(due.tolist(), distance[due].tolist(), strict=True):
                mimic = crowd[i]  # (Mimic.look, its tick already known to be due)
                seen = sees_from(clear, cage, xs[i], ys[i], far, mimic.kind.radius)
                mimic.sees_cage = sees[i] = seen
            asking = np.flatnonzero(hunt & ~sees)
            if asking.size:
                self.steps.ask(senses.flow, x, y, asking, along, step_x, step_y)
        wx, wy = step_x - x, step_y - y
        w = _length(wx, wy)

        # What each wants: along the field or straight at him (hunting); round him, or backing off
        # (circling); a stop (braced: Mimic._steer without its senses, so no speed factor either).
        want_x = np.where(along, wx / w, ux) * speed
        want_y = np.where(along, wy / w, uy) * speed
        if circle.any():
            radius = table[RADIUS]
            radius[radius == 0.0] = 1.0  # (rows that do not circle: no division by nothing)
            radial = np.minimum(np.maximum((distance - radius) / radius, -1.0), 1.0)
            sign = np.zeros(count)
            for i in np.flatnonzero(circle).tolist():
                sign[i] = crowd[i].orbit_sign
            orbit = table[ORBIT_SPEED]
            back = distance < table[TOO_CLOSE]
            round_x = np.where(back, -ux * speed, -uy * sign * orbit + ux * radial * speed)
            round_y = np.where(back, -uy * speed, ux * sign * orbit + uy * radial * speed)
            want_x = np.where(circle, round_x, want_x)
            want_y = np.where(circle, round_y, want_y)
        want_x[~knowing] = 0.0  # (those that know of him steer; the rest stop)
        want_y[~knowing] = 0.0
        factor = senses.speed_factor
        if factor != 1.0:  # (times 1.0 is the same float: most days skip it)
            want_x = np.where(knowing, want_x * factor, want_x)
            want_y = np.where(knowing, want_y * factor, want_y)
        # game.sim.physics drive_force for all that steer; a lunge's drag for those that coast.
        fx, fy = (want_x - vx) * gain, (want_y - vy) * gain
        pull = np.sqrt(fx * fx + fy * fy)
        over = pull > cap
        if over.any():
            pull[~over] = 1.0
            fx = np.where(over, fx * cap / pull, fx)
            fy = np.where(over, fy * cap / pull, fy)
        face_x, face_y = np.where(along, wx, ux), np.where(along, wy, uy)
        if coast.any():
            drag = table[DRAG]
            fx = np.where(coast, -vx * drag, fx)
            fy = np.where(coast, -vy * drag, fy)
            for i in np.flatnonzero(coast).tolist():
                face_x[i], face_y[i] = crowd[i].lunge_dx, crowd[i].lunge_dy

        # Who stays: a hunter that goes on along the field, or sees him and is not yet near enough
        # to circle; a circler that sees him and has not lost him; no one near a mine who steers.
        stays = ~(hunt & ~along & (distance < table[CLOSE]))
        stays &= ~(circle & (~sees | (distance > table[LEAVE])))
        if senses.mines:
            stays &= ~(knowing & self.mines.near(senses.mines, x, y))

        # Where each faces: along its way (hunting), at him (circling, a braced wind-up), where it
        # lunged (coasting); a stop that does not face him keeps its heading.
        kept = np.flatnonzero(stays)
        kept_list = kept.tolist()
        headings = list(map(math.atan2, face_y[kept].tolist(), face_x[kept].tolist()))
        thought = list(_pick(crowd, kept_list))
        keeps_heading = ((way == BRACE) & (table[FACES] == 0.0))[kept]
        for j in np.flatnonzero(keeps_heading).tolist():
            headings[j] = thought[j].heading
        for mimic, i, new_heading in zip(thought, kept_list, headings, strict=True):
            # The rest of its think's tick: the counts it keeps, where it is, where it faces.
            if mimic.contact_cooldown > 0:
                mimic.contact_cooldown -= 1
            if mimic.timer > 0:
                mimic.timer -= 1
            mimic._x, mimic._y = xs[i], ys[i]
            mimic.heading = new_heading
        left = np.ones(len(mimics), dtype=bool)
        left[places[kept]] = False
        rest = _pick(mimics, np.flatnonzero(left).tolist())
        return CrowdForces(thought, at[kept], fx[kept], fy[kept], rest)


def _pick(items: Sequence[Mimic], places: list[int]) -> tuple[Mimic, ...]:
    """The items at `places`, in their order (itemgetter's one C call, not a Python loop)."""
    if len(places) < 2:  # (itemgetter of one place gives that item, not a tuple of it)
        return tuple(items[i] for i in places)
    return itemgetter(*places)(items)


def _length(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Each (x, y)'s length as game.sim.physics length works it out (x*x + y*y, then its root),
    a zero length 1.0 (as Mimic.think's `or 1.0`)."""
    lengths = np.sqrt(x * x + y * y)
    lengths[lengths == 0.0] = 1.0
    return lengths


class FieldSteps:
    """The flow field's answers to hunt_from, by tile, as arrays: for a crowd, one look-up of
    every hunter's tile at once. Each tile's answer is the field's own (asked of it the first
    time a hunter stands there since it last changed), so a hunter follows the same step either
    way, and the field hears the same wish for its reach (the farthest asked)."""

    def __init__(self) -> None:
        self._flow: FlowField | None = None
        self._generation = -1
        self.known = np.zeros(0, dtype=bool)
        self.has_step = np.zeros(0, dtype=bool)
        self.step_x = np.zeros(0)
        self.step_y = np.zeros(0)
        self.reach = np.zeros(0, dtype=np.int64)

    def ask(
        self,
        flow: FlowField,
        x: np.ndarray,
        y: np.ndarray,
        asking: np.ndarray,
        along: np.ndarray,
        step_x: np.ndarray,
        step_y: np.ndarray,
    ) -> None:
        """For the hunters `asking` (indices into x, y), the field's step: marked in `along`,
        with the point it steps to in step_x, step_y."""
        flow.prepare()
        tiles = flow.width * flow.height
        stale = flow is not self._flow or flow.generation != self._generation
        if self.known.size != tiles:
            self.known = np.zeros(tiles, dtype=bool)
            self.has_step = np.zeros(tiles, dtype=bool)
            self.step_x, self.step_y = np.zeros(tiles), np.zeros(tiles)
            self.reach = np.zeros(tiles, dtype=np.int64)
        elif stale:  # (a tile's other answers are only read once it is known again)
            self.known.fill(False)
        self._flow, self._generation = flow, flow.generation
        ax, ay = x[asking], y[asking]
        # The tile as hunt_from finds it: numpy's floor division of floats is Python's.
        tx = np.floor_divide(ax, flow.tw).astype(np.int64)
        ty = np.floor_divide(ay, flow.th).astype(np.int64)
        # (a crowd's hunters all stand on the map, but for a stray one: only then the masks)
        if tx.min() < 0 or ty.min() < 0 or tx.max() >= flow.width or ty.max() >= flow.height:
            inside = (tx >= 0) & (tx < flow.width) & (ty >= 0) & (ty < flow.height)
            for i in np.flatnonzero(~inside).tolist():  # off the map: no step, its own reach
                flow.hunt_from(float(ax[i]), float(ay[i]))
            asking, ax, ay, tx, ty = asking[inside], ax[inside], ay[inside], tx[inside], ty[inside]
        keys = ty * flow.width + tx
        unknown = ~self.known[keys]
        if unknown.any():
            new, first = np.unique(keys[unknown], return_index=True)
            where = np.flatnonzero(unknown)[first]
            for key, i in zip(new.tolist(), where.tolist(), strict=True):
                flow.hunt_from(float(ax[i]), float(ay[i]))  # the field's own answer, kept
                reach, step = flow.hunt_known(key)
                self.known[key], self.reach[key] = True, reach
                self.has_step[key] = step is not None
                if step is not None:
                    self.step_x[key], self.step_y[key] = step
        if keys.size:
            flow.want_reach(int(self.reach[keys].max()))
        stepping = self.has_step[keys]
        found = asking[stepping]
        along[found] = True
        step_x[found] = self.step_x[keys[stepping]]
        step_y[found] = self.step_y[keys[stepping]]


class MineCells:
    """Which MINE_CELL cells have an armed mine around them, as a grid of flags, kept while the
    day's mine cells stay the same dict."""

    def __init__(self) -> None:
        self._cells: dict | None = None
        self._grid = np.zeros((1, 1), dtype=bool)
        self._left = self._top = 0

    def near(self, cells: dict, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Whether each (x, y) has an armed mine around its cell (Mimic._steer's look-up)."""
        if cells is not self._cells:
            self._cells = cells
            marked = [cell for cell, near in cells.items() if near]
            columns, rows = [gx for gx, _ in marked], [gy for _, gy in marked]
            self._left, self._top = min(columns, default=0), min(rows, default=0)
            width = max(columns, default=0) - self._left + 1
            height = max(rows, default=0) - self._top + 1
            self._grid = np.zeros((height, width), dtype=bool)
            for gx, gy in marked:
                self._grid[gy - self._top, gx - self._left] = True
        height, width = self._grid.shape
        found = np.zeros(x.shape, dtype=bool)
        # A fight away from the mines, the whole crowd beside their grid: a place's cell is left
        # of the grid exactly when the place is left of its edge (a cell's edge is a whole
        # number of cells, and a cell a power of two pixels).
        left, top = self._left * MINE_CELL, self._top * MINE_CELL
        right, bottom = left + width * MINE_CELL, top + height * MINE_CELL
        if x.max() < left or y.max() < top or x.min() >= right or y.min() >= bottom:
            return found
        # The cell as Mimic._steer finds it: numpy's floor division of floats is Python's.
        gx = np.floor_divide(x, MINE_CELL).astype(np.int64) - self._left
        gy = np.floor_divide(y, MINE_CELL).astype(np.int64) - self._top
        inside = (gx >= 0) & (gx < width) & (gy >= 0) & (gy < height)
        found[inside] = self._grid[gy[inside], gx[inside]]
        return found

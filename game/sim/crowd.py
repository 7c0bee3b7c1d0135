"""The crowd's hunt: a tick of every plainly hunting Mimic of a crowd, worked out over arrays.

A Mimic hunting Cage (a state its table builds with game.sim.mimic `_hunting`) spends its tick
on the same few sums as every other hunter: where Cage is from it, the way to him, the force its
legs put out. For a crowd, this module does those sums for all of them at once with numpy, and
hands each its tick's result exactly as its own `think` would have left it: the same floats (the
same operations in the same order; lengths by game.sim.physics `length`, headings by
`math.atan2`), the same look for Cage, the same question to the flow field, the same force waiting
for the system's batch write. A Mimic whose tick would be anything more (it leaves the hunt for
circling, a mine is near, it is not yet aware of him, it is out of the space) is left to its own
`think`, which the Mimic system runs for it as ever. So a day is the same, bit for bit, whether
its crowd was worked out here or one by one (a test steps both side by side), and a replay never
depends on which.

Imported by game.sim.mimics only once a crowd is large enough to gain by it (numpy takes a tenth
of a second to import; the play scene imports this module behind its level card). Imports numpy
and sim modules; must not import pygame, time, global random or os.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from game import tuning as T
from game.sim.mimic import HUNTING, MINE_CELL, SIGHT_REFRESH, TABLES, Mimic, MimicKind, Senses

if TYPE_CHECKING:
    from game.sim.flow import FlowField


class HuntRules:
    """Each kind's numbers a hunting tick needs, taken from its table's hunting state once: a
    row of (speed, drive gain, drive cap, the distance it starts circling at), or none when its
    table's hunting state is not the plain hunt (the burrower's digs instead). Kept by the kind's
    identity: a kind's own hash would hash every one of its fields, for every Mimic."""

    def __init__(self) -> None:
        self._row_of: dict[int, tuple[MimicKind, int]] = {}  # id(kind) -> (kind, row or -1)
        self._rows: list[tuple[float, float, float, float]] = []
        self.table = np.zeros((0, 4))

    def row(self, kind: MimicKind) -> int:
        known = self._row_of.get(id(kind))
        if known is not None and known[0] is kind:
            return known[1]
        close = TABLES[kind.behaviour][HUNTING].hunt_close
        row = -1
        if close is not None:
            row = len(self._rows)
            # As Mimic._steer works them out at full strength.
            self._rows.append((kind.speed, kind.mass * T.DRONE_DRIVE_GAIN, kind.max_force * 1.0,
                               close(kind)))  # fmt: skip
            self.table = np.array(self._rows)
        self._row_of[id(kind)] = (kind, row)
        return row


RULES = HuntRules()


@dataclass
class CrowdForces:
    """The forces the crowd's hunters ask for this tick, for the Mimic system's batch write:
    `slots` are the first of each one's four floats in the tick's reading (so, while the space
    holds the same bodies in the same order, force slot slots // 2)."""

    mimics: list[Mimic]
    slots: np.ndarray
    fx: np.ndarray
    fy: np.ndarray

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


class CrowdHunt:
    """One day's crowd hunt, with what it keeps between ticks: the flow field's answers by tile
    and the cells near the armed mines, as arrays."""

    def __init__(self) -> None:
        self.steps = FieldSteps()
        self.mines = MineCells()

    def hunt(
        self, order: list[tuple[Mimic, int]], reading: bytes, senses: Senses, least: int
    ) -> CrowdForces | None:
        """Think for the plainly hunting Mimics among `order` (see `hunt`)."""
        return hunt(order, reading, senses, least, self.steps, self.mines)


def hunt(
    order: list[tuple[Mimic, int]],
    reading: bytes,
    senses: Senses,
    least: int,
    steps: FieldSteps,
    mines: MineCells,
) -> CrowdForces | None:
    """Think for the plainly hunting Mimics among `order` (the Mimics in the space, each with the
    first of its four floats in `reading`, this tick's batch reading of positions and
    velocities) and return what they ask for; the rest must think for themselves. Returns None
    and leaves everyone untouched when fewer than `least` are hunting, or Cage is dead."""
    if not senses.cage_alive:
        return None
    final_act = senses.final_act
    row_of = RULES.row
    hunters: list[Mimic] = []
    slots: list[int] = []
    rows: list[int] = []
    # Velocities as each Mimic holds them: a round or Rita's shot since the reading refreshes
    # its own (Mimic._velocity_changed), and its think steers from that.
    velocities: list[float] = []
    for mimic, k in order:
        if mimic.state != HUNTING or not mimic.aware or mimic.homing:
            continue
        row = mimic._hunt_row
        if row is None:  # its kind's row, found once (a Mimic's kind never changes)
            row = mimic._hunt_row = row_of(mimic.kind)
        if row < 0 or (final_act and mimic.kind.guards):
            continue
        hunters.append(mimic)
        slots.append(k)
        rows.append(row)
        velocities += (mimic._rvx, mimic._rvy)
    count = len(hunters)
    if count < least:
        return None
    at = np.asarray(slots)
    read = np.frombuffer(reading).reshape(-1, 4)[at // 4]
    x, y = read[:, 0], read[:, 1]
    vx, vy = np.asarray(velocities).reshape(-1, 2).T
    speed, gain, cap, close = RULES.table[np.asarray(rows)].T
    dx, dy = senses.cage_x - x, senses.cage_y - y
    distance = np.sqrt(dx * dx + dy * dy)
    distance[distance == 0.0] = 1.0
    ux, uy = dx / distance, dy / distance

    along = np.zeros(count, dtype=bool)
    way_x, way_y = np.zeros(count), np.zeros(count)
    xs, ys = x.tolist(), y.tolist()
    if senses.flow is not None:
        sees = _look(hunters, xs, ys, distance, senses)
        asking = np.flatnonzero(~np.asarray(sees))
        if asking.size:
            steps.ask(senses.flow, x, y, asking, along, way_x, way_y)

    wx, wy = way_x - x, way_y - y
    way = np.sqrt(wx * wx + wy * wy)
    way[way == 0.0] = 1.0
    # Along the field toward the next tile's centre, or straight at him.
    to_x = np.where(along, wx / way, ux)
    to_y = np.where(along, wy / way, uy)
    # Straight at him and nearer than its circling distance: it starts circling (its own think).
    stays = along | ~(distance < close)
    if senses.mines:
        stays &= ~mines.near(senses.mines, x, y)
    factor = senses.speed_factor
    want_x = to_x * speed * factor
    want_y = to_y * speed * factor
    # game.sim.physics drive_force, for all of them.
    fx, fy = (want_x - vx) * gain, (want_y - vy) * gain
    pull = np.sqrt(fx * fx + fy * fy)
    over = pull > cap
    pull[~over] = 1.0
    fx = np.where(over, fx * cap / pull, fx)
    fy = np.where(over, fy * cap / pull, fy)

    kept = np.flatnonzero(stays)
    kept_list = kept.tolist()
    face_x = np.where(along, wx, ux)[kept].tolist()
    face_y = np.where(along, wy, uy)[kept].tolist()
    thought = []
    for i, heading in zip(kept_list, map(math.atan2, face_y, face_x), strict=True):
        mimic = hunters[i]
        # The rest of its think's tick: the counts it keeps, where it is, where it faces.
        if mimic.contact_cooldown > 0:
            mimic.contact_cooldown -= 1
        if mimic.timer > 0:
            mimic.timer -= 1
        mimic._x, mimic._y = xs[i], ys[i]
        mimic.heading = heading
        thought.append(mimic)
    return CrowdForces(thought, at[kept], fx[kept], fy[kept])


def _look(
    hunters: list[Mimic], xs: list[float], ys: list[float], distance: np.ndarray, senses: Senses
) -> list[bool]:
    """Each hunter whose look for Cage is due this tick looks (Mimic.look, as in its think);
    returns whether each sees him now."""
    tick = senses.tick
    sees = []
    for i, mimic in enumerate(hunters):
        if (tick + mimic.id) % SIGHT_REFRESH == 0:
            mimic._x, mimic._y, mimic._distance = xs[i], ys[i], float(distance[i])
            mimic.look(senses)
        sees.append(mimic.sees_cage)
    return sees


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
        way_x: np.ndarray,
        way_y: np.ndarray,
    ) -> None:
        """For the hunters `asking` (indices into x, y), the field's step: set in `along`, with
        the step's point in way_x, way_y."""
        flow.prepare()
        tiles = flow.width * flow.height
        stale = flow is not self._flow or flow.generation != self._generation
        if stale or self.known.size != tiles:
            self._flow, self._generation = flow, flow.generation
            self.known = np.zeros(tiles, dtype=bool)
            self.has_step = np.zeros(tiles, dtype=bool)
            self.step_x, self.step_y = np.zeros(tiles), np.zeros(tiles)
            self.reach = np.zeros(tiles, dtype=np.int64)
        ax, ay = x[asking], y[asking]
        # The tile as hunt_from finds it: numpy's floor division of floats is Python's.
        tx = np.floor_divide(ax, flow.tw).astype(np.int64)
        ty = np.floor_divide(ay, flow.th).astype(np.int64)
        inside = (tx >= 0) & (tx < flow.width) & (ty >= 0) & (ty < flow.height)
        for i in np.flatnonzero(~inside).tolist():  # off the map: no step, its own reach
            flow.hunt_from(float(ax[i]), float(ay[i]))
        asking, ax, ay = asking[inside], ax[inside], ay[inside]
        keys = ty[inside] * flow.width + tx[inside]
        unknown = ~self.known[keys]
        if unknown.any():
            new, first = np.unique(keys[unknown], return_index=True)
            where = np.flatnonzero(unknown)[first]
            for key, i in zip(new.tolist(), where.tolist(), strict=True):
                flow.hunt_from(float(ax[i]), float(ay[i]))  # the field's own answer, kept
                reach, step = flow.hunt_known(key)
                self.known[key], self.reach[key] = True, reach
                if step is not None:
                    self.has_step[key] = True
                    self.step_x[key], self.step_y[key] = step
        if keys.size:
            flow.want_reach(int(self.reach[keys].max()))
        stepping = self.has_step[keys]
        found = asking[stepping]
        along[found] = True
        way_x[found] = self.step_x[keys[stepping]]
        way_y[found] = self.step_y[keys[stepping]]


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
        # The cell as Mimic._steer finds it: numpy's floor division of floats is Python's.
        gx = np.floor_divide(x, MINE_CELL).astype(np.int64) - self._left
        gy = np.floor_divide(y, MINE_CELL).astype(np.int64) - self._top
        height, width = self._grid.shape
        inside = (gx >= 0) & (gx < width) & (gy >= 0) & (gy < height)
        found = np.zeros(x.shape, dtype=bool)
        found[inside] = self._grid[gy[inside], gx[inside]]
        return found

"""The Mimics' sense of the way to Cage: a flow field over the map's walkable tiles.

Owns a breadth-first distance field from Cage's tile (bounded to FLOW_RADIUS tiles, rebuilt when he
changes tile, at most every FLOW_REFRESH ticks) and the step a Mimic takes along it when walls stand
between it and him. A Mimic that can see Cage goes straight at him; one that cannot follows the
field around hedgehogs, wrecks and walls. Pure: no pygame.

The search runs only as far as the Mimics' questions need: a ring of tiles at a time, until the
tile asked about is on the field (its walk and every shorter one around it are then final), or to
the field's whole reach for a tile off it. So the answers are the whole field's, to the bit.
"""

from __future__ import annotations

import math

from game.level.data import LevelData, polygon_cells

FLOW_RADIUS = 28  # tiles from Cage that the field covers, at the least
FLOW_RADIUS_MAX = 160  # ... and at the most, when a Mimic farther off is looking for the way
FLOW_REFRESH = 8  # ticks between rebuilds at most
UNREACHED = 0xFFFF
NEIGHBOURS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1))


def blocked_grid(level: LevelData) -> bytearray:
    """1 for every tile a body cannot stand on (solid or water tiles, Wall and Water objects)."""
    w, h = level.width, level.height
    tw, th = level.tile_width, level.tile_height
    grid = bytearray(w * h)

    def block(x0: float, y0: float, x1: float, y1: float, outline=None) -> None:
        rows = range(max(0, int(y0 // th)), min(h, math.ceil(y1 / th)))
        columns = range(max(0, int(x0 // tw)), min(w, math.ceil(x1 / tw)))
        if outline is not None:
            # A polygon blocks the tiles whose centre it covers (a scanline fill: the same
            # cells as a point-in-polygon test per tile, at a fraction of the cost).
            for tx, ty in polygon_cells(outline, tw, th, columns, rows):
                grid[ty * w + tx] = 1
            return
        for ty in rows:
            row = ty * w
            for tx in columns:
                grid[row + tx] = 1

    for rect in (*level.solid_rects, *level.water_rects):
        block(rect.x, rect.y, rect.x + rect.width, rect.y + rect.height)
    for outline in (*level.wall_polygons, *level.water_polygons):
        xs, ys = [p[0] for p in outline], [p[1] for p in outline]
        block(min(xs), min(ys), max(xs), max(ys), outline)
    return grid


def _static_grid(level: LevelData) -> bytes:
    """The level's blocked grid, worked out once per LevelData: every loop's reset reuses it
    (LevelData is frozen, so the grid can never go stale)."""
    grid = level.__dict__.get("_blocked_grid")
    if grid is None:
        grid = bytes(blocked_grid(level))
        object.__setattr__(level, "_blocked_grid", grid)
    return grid


class FlowField:
    def __init__(self, level: LevelData) -> None:
        self.width, self.height = level.width, level.height
        self.tw, self.th = level.tile_width, level.tile_height
        self.base = _static_grid(level)
        self.blocked = bytearray(self.base)
        self.distance = [UNREACHED] * (self.width * self.height)
        self.touched: list[int] = []
        # The search under way: its last ring of tiles, and their walk (empty: it is done).
        self._frontier: list[int] = []
        self._ring = 0
        self.origin = (-1, -1)
        self.age = FLOW_REFRESH
        self.radius = FLOW_RADIUS  # the reach of the field as last built
        self.wanted = FLOW_RADIUS  # the reach the Mimics asked for since
        # A rebuild decided (origin and reach fixed) but not yet run: it runs when a Mimic
        # first asks the field, so a tick in which none does costs no search at all.
        self._due = False
        # hunt_from's answers (reach, step) by tile, good until the field or the blocked grid
        # changes: most Mimics stand on a tile for several ticks, and a crowd shares tiles.
        self._hunts: dict[int, tuple[int, tuple[float, float] | None]] = {}
        # Counts the times those answers were dropped, so a reader keeping its own copy of them
        # (game.sim.crowd) knows when to drop its copy too.
        self.generation = 0

    def block_rect(self, x0: float, y0: float, x1: float, y1: float, value: int) -> None:
        """Close (1) or open (0) an area, e.g. a Gate."""
        self._search()  # the field as built stands until its rebuild: searched on the old grid
        for ty in range(max(0, int(y0 // self.th)), min(self.height, math.ceil(y1 / self.th))):
            for tx in range(max(0, int(x0 // self.tw)), min(self.width, math.ceil(x1 / self.tw))):
                i = ty * self.width + tx
                self.blocked[i] = value or self.base[i]
        self._forget_hunts()
        self.age = FLOW_REFRESH  # rebuild on the next update

    def _reach_for(self, tx: int, ty: int) -> int:
        ox, oy = self.origin
        reach = abs(tx - ox) + abs(ty - oy) + 6
        if 0 <= tx < self.width and 0 <= ty < self.height:
            if self.distance[ty * self.width + tx] == UNREACHED and reach <= self.radius:
                # Close as the crow flies but not on the field: the way round is longer.
                reach = self.radius * 3 // 2
        return reach

    def hunt_from(self, x: float, y: float) -> tuple[float, float] | None:
        """The step a hunter at (x, y) that cannot see Cage takes (`step_from`). It also wants the
        field to reach it: the next build reaches that far (up to FLOW_RADIUS_MAX), so no hunter
        is left standing off the field. One look-up of its tile, kept until the field changes."""
        if self._due:
            self._build_if_due()
        tx, ty = int(x // self.tw), int(y // self.th)
        w = self.width
        if not (0 <= tx < w and 0 <= ty < self.height):
            reach, step = self._reach_for(tx, ty), None
        else:
            key = ty * w + tx
            known = self._hunts.get(key)
            if known is None:
                self._search(key)
                known = self._hunts[key] = (self._reach_for(tx, ty), self._step_from_tile(tx, ty))
            reach, step = known
        self.want_reach(reach)
        return step

    def hunt_known(self, key: int) -> tuple[int, tuple[float, float] | None] | None:
        """hunt_from's (reach, step) for the tile of flat index `key` if it has answered for that
        tile since the field last changed, without asking for the reach."""
        return self._hunts.get(key)

    def want_reach(self, reach: int) -> None:
        """A hunter `reach` tiles off (as the field counts it) wants the next build to reach it.
        Order does not matter: asked for several, the field keeps the farthest (up to the most)."""
        if reach > self.wanted:
            self.wanted = min(FLOW_RADIUS_MAX, reach)

    def prepare(self) -> None:
        """Run a rebuild that is due (as the first hunt_from of a tick would)."""
        if self._due:
            self._build_if_due()

    def _forget_hunts(self) -> None:
        self._hunts.clear()
        self.generation += 1

    def update(self, cage_x: float, cage_y: float) -> None:
        self.age += 1
        tile = (int(cage_x // self.tw), int(cage_y // self.th))
        farther = self.wanted > self.radius
        if (tile == self.origin and not farther) or self.age < FLOW_REFRESH:
            return
        self.origin, self.age = tile, 0
        self.radius, self.wanted = self.wanted, FLOW_RADIUS
        self._due = True  # what the field will be is fixed now; the search waits for a reader

    def _build_if_due(self) -> None:
        if not self._due:
            return
        self._due = False
        self._forget_hunts()
        distance, w, h = self.distance, self.width, self.height
        for i in self.touched:
            distance[i] = UNREACHED
        self.touched, self._frontier, self._ring = [], [], 0
        ox, oy = self.origin
        if not (0 <= ox < w and 0 <= oy < h):
            return
        start = oy * w + ox
        distance[start] = 0
        self.touched.append(start)
        self._frontier = [start]  # the search begins; _search takes it as far as it is asked

    def _search(self, until: int | None = None) -> None:
        """Go on with the search, ring by ring, until the tile of flat index `until` is on the
        field, or to its end (None, or a tile it never reaches). Breadth first on flat indices:
        a tile's walk is final once set, and so is every shorter one (rings are searched whole),
        which is all a step from it reads."""
        frontier = self._frontier
        if not frontier:
            return
        distance, w, blocked = self.distance, self.width, self.blocked
        if until is not None and distance[until] != UNREACHED:
            return
        touched, radius = self.touched, self.radius
        last_row = (self.height - 1) * w
        d = self._ring
        while frontier and d < radius:
            d += 1
            ring = []
            for i in frontier:
                x = i % w
                if x > 0:
                    j = i - 1
                    if distance[j] == UNREACHED and not blocked[j]:
                        distance[j] = d
                        ring.append(j)
                if x < w - 1:
                    j = i + 1
                    if distance[j] == UNREACHED and not blocked[j]:
                        distance[j] = d
                        ring.append(j)
                if i >= w:
                    j = i - w
                    if distance[j] == UNREACHED and not blocked[j]:
                        distance[j] = d
                        ring.append(j)
                if i < last_row:
                    j = i + w
                    if distance[j] == UNREACHED and not blocked[j]:
                        distance[j] = d
                        ring.append(j)
            touched.extend(ring)
            frontier = ring
            if until is not None and distance[until] != UNREACHED:
                break
        self._frontier = frontier if d < radius else []
        self._ring = d

    def step_from(self, x: float, y: float) -> tuple[float, float] | None:
        """The centre of the neighbouring tile one step nearer Cage, or None off the field."""
        self._build_if_due()
        w, h = self.width, self.height
        tx, ty = int(x // self.tw), int(y // self.th)
        if not (0 <= tx < w and 0 <= ty < h):
            return None
        self._search(ty * w + tx)
        return self._step_from_tile(tx, ty)

    def _step_from_tile(self, tx: int, ty: int) -> tuple[float, float] | None:
        w, h = self.width, self.height
        distance, blocked = self.distance, self.blocked
        here = distance[ty * w + tx]
        best, choice = here, None
        for dx, dy in NEIGHBOURS:
            nx, ny = tx + dx, ty + dy
            if not (0 <= nx < w and 0 <= ny < h):
                continue
            if dx and dy and (blocked[ty * w + nx] or blocked[ny * w + tx]):
                continue  # no cutting a corner of a wall
            d = distance[ny * w + nx]
            if d < best:
                best, choice = d, (nx, ny)
        if choice is None:
            return None
        return ((choice[0] + 0.5) * self.tw, (choice[1] + 0.5) * self.th)

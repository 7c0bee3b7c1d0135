"""Generate `levels/dam.tmx`, the second map of the day, from a fixed seed.

Owns the dam's layout, south to north: the road in (checkpoints, burnt vehicles, a minefield), the
works yard and the service tunnel gate into the turbine hall, the spillway (the long way round,
east, north and back west to the hall's lower door), the turbine hall, the Alpha's lair under the
dam wall, the dam crest holding back the reservoir, and the hidden shaft down to the flooded
Omega chamber beneath the reservoir. Writes the TMX in the format Tiled 1.10 saves, with the
beachhead generator's object writer (CSV layers, the external tileset `beach.tsx`, `type="Class"` on
objects, properties only where they differ from the schema's defaults), so Tiled opens it and
re-saves it to the same map.

Run from the repository root: `python assets/make_dam.py`. Deterministic: the same seed writes the
same bytes. Imports only the standard library, the tileset table, the map schema and the
beachhead generator's XML helpers.
"""

from __future__ import annotations

import math
import random
import sys
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The campaign's shared map making: the tileset's solid and water tiles, the noise, the writer.
from assets.make_beachhead import SOLID, WATER, Noise, T, add_object, write_map  # noqa: E402

SEED = 1416
W, H = 100, 80
OUT = ROOT / "levels" / "dam.tmx"
TITLE = "The Dam"
MUSIC = "music/dam_calm.ogg"  # the map's score (levels/music/), its `music` property

# --- the plan, in tiles (x0, y0, x1, y1 inclusive) ---------------------------------------------
CX = 48  # one line runs north through the road's centre, the service tunnel and the lair's door
ROAD = (46, 50)  # the road's columns; the centre line is CX
START = (CX, 78)  # where the beachhead's road comes in
CHECKPOINT = 73  # the row of the road's outer checkpoint
YARD = (28, 61, 64, 64)  # the works yard before the hall's south wall

DAM_X = (36, 87)  # the dam, from the western rock to the eastern abutment
PARAPET = 24  # the reservoir's face
WALKWAY = (25, 26)  # the crest walkway, between the parapet and the downstream face
WALKWAY_X = (46, 84)  # towers close the crest at either end
FACE = (27, 29)  # the downstream face: the lair's back wall

LAIR = (38, 30, 65, 40)  # under the dam, north of the hall
LAIR_DOOR = (CX - 1, 41, CX + 1, 43)  # through the hall's north wall
HALL = (30, 44, 66, 57)  # the interior; walls two tiles thick, three to the north and south
HALL_WALL = (28, 41, 68, 60)
TUNNEL = (CX - 1, 58, CX + 1, 60)  # the service tunnel through the hall's south wall
TUNNEL_GATE = (CX - 1, 60, CX + 1, 60)  # the keypad door at its mouth
EAST_DOOR = (67, 55, 68, 57)  # the hall's lower door, where the spillway gallery ends
TURBINES = ((32, 36), (39, 43), (53, 57), (60, 64))  # columns of the two rows of turbines
TURBINE_ROWS = ((46, 48), (52, 54))
CULVERTS = range(48, 53)  # rows of the tailrace culverts through the hall's west wall

# The spillway: a concrete channel out of the yard's east end, east along the valley, north up
# to the basin under the sluices, then the service gallery winds back west to the lower door.
SPILLWAY = (
    (65, 61, 87, 64),  # the channel, east
    (84, 48, 87, 64),  # the channel, north to the basin
    (78, 48, 87, 51),  # the gallery, west along the basin's lip
    (78, 48, 81, 57),  # down the stair
    (69, 54, 81, 57),  # west to the lower door
)
CHUTE = (84, 30, 87, 47)  # the sluices' chute, water down from the dam into the basin
SLUICES = (84, FACE[0], 87, FACE[1])

# where the valley's ambushes come out, kept clear of loose rocks
CHECKPOINT_WOOD = (33, 70, 38, 74)
CONVOY = (58, 69, 62, 72)
TAILRACE_BANK = (20, 54, 25, 58)
YARD_APRON = (38, 62, 44, 63)

SHAFT_GATE = (40, FACE[1], 41, FACE[1])  # cracked concrete in the lair's back wall
SHAFT = ((40.5, 29.0), (40.5, 21.5), (35.5, 16.5), (26.0, 16.5))  # centre line, two tiles wide
CHAMBER = (21.0, 12.0, 13.5, 7.5)  # the flooded chamber: centre x, y and radii
OMEGA = (20, 11)  # the Omega's tile; open shallows around it
OMEGA_CLEAR = 6.5
SCATTER = 40  # px: how far a point spawn's Mimics scatter (game.tuning.DRONE_SPAWN_SCATTER)


def cells(box: tuple[int, int, int, int]):
    x0, y0, x1, y1 = box
    for y in range(y0, y1 + 1):
        for x in range(x0, x1 + 1):
            yield x, y


def in_box(x: int, y: int, box: tuple[int, int, int, int]) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


class Dam:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.ground: list[list[str]] = [["dirt"] * W for _ in range(H)]
        # solid unless carved: rock everywhere the plan leaves no room
        self.obstacles: list[list[str | None]] = [["cliff"] * W for _ in range(H)]
        self.decor: list[list[str | None]] = [[None] * W for _ in range(H)]
        self.keep_clear = [[False] * W for _ in range(H)]  # no clutter: lanes, doors, the core
        self.objects: list[dict] = []
        self.coarse = Noise(self.rng, 9.0, W, H)
        self.fine = Noise(self.rng, 3.0, W, H)
        self.shore = Noise(self.rng, 6.0, W, H)

    # -- small helpers --
    def inside(self, x: int, y: int) -> bool:
        return 0 <= x < W and 0 <= y < H

    def solid(self, x: int, y: int) -> bool:
        return self.obstacles[y][x] in SOLID or self.ground[y][x] in SOLID

    def blocked(self, x: int, y: int) -> bool:
        return self.solid(x, y) or self.ground[y][x] in WATER

    def open(self, x: int, y: int, ground: str) -> None:
        self.obstacles[y][x] = None
        self.ground[y][x] = ground

    def clear_box(self, box: tuple[int, int, int, int]) -> None:
        for x, y in cells(box):
            if self.inside(x, y):
                self.keep_clear[y][x] = True

    def free(self, x: int, y: int) -> bool:
        """Open ground where clutter may go."""
        return self.inside(x, y) and not self.keep_clear[y][x] and not self.blocked(x, y)

    def decorate(self, x: int, y: int, name: str) -> None:
        if self.inside(x, y) and not self.blocked(x, y) and self.decor[y][x] is None:
            self.decor[y][x] = name

    def grass(self, x: int, y: int) -> str:
        n, f = self.coarse.at(x, y), self.fine.at(x, y)
        grain = self.fine.at(x * 3.7 + 11, y * 3.7 + 5)  # breaks up the patches' edges
        if n + (grain - 0.5) * 0.3 > 0.72 and f > 0.4:
            return "sand_dark" if grain > 0.12 else "dirt"
        return "grass_b" if f > 0.55 else "grass"

    def concrete(self, x: int, y: int, cracked: float = 0.2) -> str:
        return "concrete_cracked" if self.fine.at(x * 1.3, y * 1.3) < cracked else "concrete"

    # -- the plan --
    def build(self) -> None:
        self.reserve()
        self.lay_land()
        self.fill_reservoir()
        self.raise_dam()
        self.open_valley()
        self.cut_tailrace()
        self.build_hall()
        self.dig_lair()
        self.cut_spillway()
        self.dig_shaft_and_chamber()
        self.lay_yard_and_road()
        self.grow_hillsides()
        self.dress()
        self.place_objects()

    def reserve(self) -> None:
        """Lanes kept free of clutter, so the ways through read at a glance."""
        self.clear_box((ROAD[0] - 1, YARD[1], ROAD[1] + 1, H - 1))
        self.clear_box((TUNNEL[0] - 1, YARD[1], TUNNEL[2] + 1, YARD[3]))
        self.clear_box((LAIR_DOOR[0] - 1, LAIR_DOOR[1] - 3, LAIR_DOOR[2] + 1, LAIR_DOOR[3]))
        self.clear_box((SHAFT_GATE[0] - 1, SHAFT_GATE[1] + 1, SHAFT_GATE[2] + 1, FACE[1] + 3))
        self.clear_box((YARD[2] - 4, YARD[1], YARD[2], YARD[3]))
        for box in (CHECKPOINT_WOOD, CONVOY, TAILRACE_BANK, YARD_APRON):
            self.clear_box(box)

    def lay_land(self) -> None:
        for y in range(H):
            for x in range(W):
                self.ground[y][x] = self.grass(x, y)

    def fill_reservoir(self) -> None:
        """The lake behind the dam, its eastern shore wandering; forest on the far bank."""
        for y in range(0, PARAPET):
            east = 84 + int((self.shore.at(3, y) - 0.5) * 8) + (y > 18) * 3
            for x in range(W):
                if x <= east:
                    self.open(x, y, "reservoir")
                else:
                    self.ground[y][x] = self.grass(x, y)
                    self.obstacles[y][x] = "tree" if self.fine.at(x * 1.5, y * 1.5) > 0.3 else None
                    if x == east + 1 and self.obstacles[y][x] is None:
                        self.ground[y][x] = "shallows"
        # the bedrock dome over the chamber rises from the lake bed, and the dam's west
        # abutment meets it in a spur of rock
        cx, cy, rx, ry = CHAMBER
        for y in range(0, PARAPET):
            for x in range(0, DAM_X[0] + 12):
                d = ((x + 0.5 - cx) / (rx + 3.6)) ** 2 + ((y + 0.5 - cy) / (ry + 3.4)) ** 2
                ragged = (self.shore.at(x * 1.4, y * 1.4) - 0.5) * 0.5
                spur_east = 43 + int(self.shore.at(9, y * 1.5) * 5)
                spur = 30 <= x <= spur_east and y >= 14 + (self.fine.at(x, 2) > 0.5)
                west = x <= 3 and y >= 19
                if d < 1.0 + ragged or spur or west:
                    self.obstacles[y][x] = "cliff"
                    self.ground[y][x] = "dirt"
        # the lake laps at the rock: a rim of shallows where water meets it
        for y in range(0, PARAPET):
            for x in range(W):
                if self.ground[y][x] != "reservoir":
                    continue
                near = [
                    (x + dx, y + dy)
                    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))
                    if self.inside(x + dx, y + dy)
                ]
                if any(
                    self.obstacles[ny][nx] == "cliff" and ny < PARAPET - 1 for nx, ny in near
                ) and (self.fine.at(x * 2, y * 2) > 0.45):
                    self.ground[y][x] = "shallows"

    def raise_dam(self) -> None:
        x0, x1 = DAM_X
        for y in range(PARAPET, FACE[1] + 1):
            for x in range(x0, x1 + 1):
                self.obstacles[y][x] = "dam_wall"
                self.ground[y][x] = "concrete"
        for y in WALKWAY:
            for x in range(WALKWAY_X[0], WALKWAY_X[1] + 1):
                self.open(x, y, self.concrete(x, y, 0.25))
        for x, y in cells(SLUICES):
            self.obstacles[y][x] = "machinery"
        # the abutments: rock west of the dam, forest and rock east of it
        for y in range(PARAPET, FACE[1] + 1):
            for x in range(x1 + 1, W):
                self.ground[y][x] = self.grass(x, y)
                self.obstacles[y][x] = "cliff" if x < x1 + 3 else "tree"

    def open_valley(self) -> None:
        """The open ground south of the works: the road's valley and the tailrace's banks,
        closed by a ragged wood to the west, the south and the east."""
        for y in range(HALL_WALL[1] + 3, H):
            for x in range(W):
                n = self.shore.at(x * 0.8, y * 0.8)
                west = 4 + int(n * 4)
                east = 66 + int((n - 0.5) * 6) if y > YARD[3] else YARD[2]
                south = H - 2 - int(n * 2) if abs(x - CX) > 4 else H
                north = HALL_WALL[1] + 3 if x < HALL_WALL[0] else YARD[1]
                if west <= x <= east and north <= y < south:
                    self.open(x, y, self.grass(x, y))
                elif self.obstacles[y][x] == "cliff" and (y >= YARD[1] or x < HALL_WALL[0] - 1):
                    # the wood beyond the valley, thick at its edge, with clearings further in;
                    # rock stays only against the works
                    edge = west - 2 <= x <= east + 2 and y < south + 2
                    clearing = not edge and self.fine.at(x * 1.7, y * 1.7) < 0.22
                    self.obstacles[y][x] = None if clearing else "tree"
                    if clearing and self.rng.random() < 0.3:
                        self.decor[y][x] = "weeds"

    def cut_tailrace(self) -> None:
        """The turbines' outflow: culverts through the hall's west wall, a river south-west."""
        path = [(27.0, 50.0), (20.0, 50.5), (15.5, 54.0), (13.5, 62.0), (14.5, 71.0), (12.0, 80.0)]
        water: set[tuple[int, int]] = set()
        for (ax, ay), (bx, by) in zip(path, path[1:], strict=False):
            steps = int(max(abs(bx - ax), abs(by - ay)) * 3) + 1
            for i in range(steps + 1):
                px, py = ax + (bx - ax) * i / steps, ay + (by - ay) * i / steps
                r = 2.3 + self.fine.at(px, py) * 0.8
                for y in range(int(py - r) - 1, int(py + r) + 2):
                    for x in range(int(px - r) - 1, int(px + r) + 2):
                        if self.inside(x, y) and math.hypot(x + 0.5 - px, y + 0.5 - py) < r:
                            water.add((x, y))
        for x, y in sorted(water):
            if x < HALL_WALL[0]:
                self.open(x, y, "reservoir")
        for x, y in sorted(water):
            for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1)):
                nx, ny = x + dx, y + dy
                if (
                    self.inside(nx, ny)
                    and (nx, ny) not in water
                    and nx < HALL_WALL[0]
                    and self.obstacles[ny][nx] is None
                ):
                    self.ground[ny][nx] = "shallows" if self.rng.random() < 0.75 else "mud"
        for y in CULVERTS:
            self.decor[y][HALL_WALL[0] - 1] = "foam"

    def build_hall(self) -> None:
        for x, y in cells(HALL_WALL):
            self.obstacles[y][x] = "dam_wall"
            self.ground[y][x] = "concrete"
        x0, y0, x1, y1 = HALL
        for x, y in cells(HALL):
            self.open(x, y, "floor_metal")
        # the turbines: two rows of machinery, each fed by a penstock through the north wall
        for row0, row1 in TURBINE_ROWS:
            for c0, c1 in TURBINES:
                for x, y in cells((c0, row0, c1, row1)):
                    # housings either side, the shaft and its casing through the middle
                    self.obstacles[y][x] = "pipe" if y == row0 + 1 and x != c0 + 2 else "machinery"
                if row0 == TURBINE_ROWS[0][0]:
                    for y in range(HALL_WALL[1], row0):
                        self.obstacles[y][(c0 + c1) // 2] = "pipe"
                # grated service walk round each turbine
                for x in range(c0 - 1, c1 + 2):
                    for y in (row0 - 1, row1 + 1):
                        if self.obstacles[y][x] is None and y0 <= y <= y1:
                            self.ground[y][x] = "grate"
        # the central aisle: a grated walk from the service tunnel to the lair's door
        for y in range(y0, y1 + 1):
            for x in range(CX - 1, CX + 2):
                self.ground[y][x] = "grate"
        # the control floor in the south-west corner, tiled; a bench of consoles
        for x, y in cells((x0, TURBINE_ROWS[1][1] + 2, x0 + 9, y1)):
            self.ground[y][x] = "floor_tile"
        for x in range(x0, x0 + 4):
            self.obstacles[y1][x] = "machinery"
        # doors: the service tunnel, the lower door, the lair's door
        for x, y in cells(TUNNEL):
            self.open(x, y, "grate" if x == CX else "concrete")
        for x, y in cells(EAST_DOOR):
            self.open(x, y, "concrete_cracked")
        for x, y in cells(LAIR_DOOR):
            self.open(x, y, "concrete_cracked" if (x + y) % 2 else "rubble")
        for y in CULVERTS:  # the turbines' outflow leaves through the west wall
            self.obstacles[y][HALL_WALL[0]] = "pipe"
            self.obstacles[y][HALL_WALL[0] + 1] = "pipe"
        # stores against the walls
        for x, y, name in (
            (x1, y0, "crate"),
            (x1 - 1, y0, "crate"),
            (x1, y0 + 1, "barrels"),
            (x0, y0, "barrels"),
            (x0 + 1, y0, "crate"),
        ):
            self.obstacles[y][x] = name

    def dig_lair(self) -> None:
        """A great hollow under the dam, its rock walls gnawed ragged; the floor a ruin."""
        x0, y0, x1, y1 = LAIR
        for y in range(y0, y1 + 1):
            for x in range(x0 - 2, x1 + 3):
                n = self.shore.at(x * 1.3, y * 1.3)
                west = x0 - int(n * 3) + (1 if y == y1 else 0)
                east = x1 + int((1 - n) * 3) - (1 if y == y0 else 0)
                if west <= x <= east:
                    f = self.fine.at(x * 1.6, y * 1.6)
                    name = (
                        "rubble"
                        if f > 0.62
                        else "concrete_cracked"
                        if f < 0.3
                        else "dirt"
                        if self.coarse.at(x, y) > 0.7
                        else "concrete"
                    )
                    self.open(x, y, name)
        # seepage from the dam: moss and puddles along the back wall
        for x in range(x0 - 2, x1 + 3):
            for y in (y0, y0 + 1):
                if self.obstacles[y][x] is None and self.rng.random() < 0.55:
                    self.ground[y][x] = "moss" if self.rng.random() < 0.6 else "puddle"
        # fallen slabs and boulders for cover, a burst penstock
        for x, y in ((44, 34), (45, 34), (44, 35), (56, 36), (57, 36), (53, 32), (61, 38)):
            if not self.keep_clear[y][x]:
                self.obstacles[y][x] = "rock"
        for x in range(51, 55):
            self.obstacles[38][x] = "pipe"
        for x in (41, 42):
            self.obstacles[37][x] = "pipe"

    def cut_spillway(self) -> None:
        floor: set[tuple[int, int]] = set()
        for box in SPILLWAY:
            floor.update(cells(box))
        gallery = {c for box in SPILLWAY[2:] for c in cells(box)} - set(cells(SPILLWAY[1]))
        for x, y in sorted(floor):
            if (x, y) in gallery:
                stair = in_box(x, y, SPILLWAY[3]) and SPILLWAY[2][3] < y < SPILLWAY[4][1]
                name = "grate" if stair else self.concrete(x, y, 0.3)
            else:
                f = self.fine.at(x * 1.8, y * 1.8)
                name = "puddle" if f > 0.7 else "moss" if f < 0.22 else self.concrete(x, y, 0.4)
            self.open(x, y, name)
        # the chute: water from the sluices falls into the basin at the channel's head
        for x, y in cells(CHUTE):
            self.open(x, y, "reservoir")
        for x in range(CHUTE[0], CHUTE[2] + 1):
            for y in range(CHUTE[3] + 1, SPILLWAY[1][1] + 3):
                self.ground[y][x] = "shallows"
        # walls: the channel and the chute are lined with concrete all round, open only to the
        # yard at the mouth and to the hall at the lower door
        lined = floor | set(cells(CHUTE))
        open_ends = set(cells(YARD)) | set(cells(EAST_DOOR))
        for x, y in sorted(lined):
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    nx, ny = x + dx, y + dy
                    if (nx, ny) in lined or (nx, ny) in open_ends:
                        continue
                    if self.obstacles[ny][nx] in (None, "cliff", "tree"):
                        self.obstacles[ny][nx] = "dam_wall"

    def dig_shaft_and_chamber(self) -> None:
        cx, cy, rx, ry = CHAMBER
        ox, oy = OMEGA
        chamber: set[tuple[int, int]] = set()
        for y in range(int(cy - ry) - 2, int(cy + ry) + 3):
            for x in range(int(cx - rx) - 2, int(cx + rx) + 3):
                d = ((x + 0.5 - cx) / rx) ** 2 + ((y + 0.5 - cy) / ry) ** 2
                if d < 1.0 + (self.shore.at(x * 2.1, y * 2.1) - 0.5) * 0.45:
                    chamber.add((x, y))
        for x, y in sorted(chamber):
            self.open(x, y, "shallows")
        # pools of the reservoir seep in along the walls; puddles and moss on the rises
        for x, y in sorted(chamber):
            edge = sum((x + dx, y + dy) not in chamber for dx in (-2, 0, 2) for dy in (-2, 0, 2))
            core = math.hypot(x - ox, y - oy) <= OMEGA_CLEAR
            landing = math.hypot(x + 0.5 - SHAFT[-1][0], y + 0.5 - SHAFT[-1][1]) < 5
            f = self.fine.at(x * 2.3, y * 2.3)
            if core or landing:
                continue
            if edge >= 2 and f > 0.5:
                self.ground[y][x] = "reservoir"
            elif f < 0.22:
                self.ground[y][x] = "puddle"
            elif edge >= 1 and f < 0.4:
                self.ground[y][x] = "moss"
        # the shaft: two tiles wide from the crack in the lair's back wall, north then
        # north-west under the lake, down into the chamber
        shaft: list[tuple[int, int]] = []  # in order, from the gate down; ends in the chamber
        for (ax, ay), (bx, by) in zip(SHAFT, SHAFT[1:], strict=False):
            steps = int(max(abs(bx - ax), abs(by - ay)) * 2) + 1
            for i in range(steps + 1):
                px, py = ax + (bx - ax) * i / steps, ay + (by - ay) * i / steps
                for x in (int(px - 0.5), int(px + 0.5)):
                    for y in (int(py - 0.5), int(py + 0.5)):
                        if (x, y) not in shaft:
                            shaft.append((x, y))
        for x, y in shaft:
            depth = FACE[1] - y
            if y >= PARAPET:  # through the dam: it looks like the rest of the cracked face
                name = "concrete_cracked"
                self.decor[y][x] = "cracks" if (x + y) % 2 else None
            elif depth <= 8:
                name = "rubble" if self.rng.random() < 0.4 else "dirt"
            else:
                name = "puddle" if self.rng.random() < 0.5 else "moss"
            if (x, y) not in chamber or self.ground[y][x] == "reservoir":
                self.open(x, y, name)
            for dy in (-1, 0, 1):  # rock, not lake, either side of the passage
                for dx in (-1, 0, 1):
                    if self.ground[y + dy][x + dx] in WATER and (x + dx, y + dy) not in chamber:
                        self.open(x + dx, y + dy, "dirt")
                        self.obstacles[y + dy][x + dx] = "cliff"
        # where the passage breaks into the chamber
        self.shaft = shaft[: next(i for i, c in enumerate(shaft) if c in chamber)]
        self.chamber = chamber

    def lay_yard_and_road(self) -> None:
        rng = self.rng
        x0, y0, x1, y1 = YARD
        for x, y in cells(YARD):
            self.open(x, y, self.concrete(x, y, 0.28))
        for x in range(x0, x1 + 1):  # kerb of gravel between the yard and the grass
            if self.obstacles[y1 + 1][x] is None and not (ROAD[0] <= x <= ROAD[1]):
                self.ground[y1 + 1][x] = "gravel"
        r0, r1 = ROAD
        for y in range(y1 + 1, H):
            self.open(r0 - 1, y, "gravel")
            self.open(r1 + 1, y, "gravel")
            for x in range(r0, r1 + 1):
                self.open(x, y, "road_line" if x == CX and y % 2 == 0 else "road")
        # the outer checkpoint, just past where Cage comes in: sandbag walls out from the
        # shoulders, then a chicane of sandbags across one lane and the other
        for x in range(r0 - 6, r0 - 1):
            self.obstacles[CHECKPOINT][x] = "sandbags"
        for x in range(r1 + 2, r1 + 7):
            self.obstacles[CHECKPOINT][x] = "sandbags"
        for y in (CHECKPOINT - 1, CHECKPOINT - 2):
            self.obstacles[y][r0 - 6] = "sandbags"
            self.obstacles[y][r1 + 6] = "sandbags"
        self.obstacles[CHECKPOINT - 1][r0 - 3] = "crate"
        self.obstacles[CHECKPOINT - 1][r1 + 3] = "barrels"
        for x in (r0, r0 + 1):
            self.obstacles[CHECKPOINT - 3][x] = "sandbags"
        for x in (r1 - 1, r1):
            self.obstacles[CHECKPOINT - 5][x] = "sandbags"
        # the inner checkpoint at the yard's gate: a sandbag wall with a gap for the road
        for x in range(x0 + 8, r0 - 1):
            self.obstacles[y1 + 1][x] = "sandbags"
        for x in range(r1 + 2, x1 - 6):
            self.obstacles[y1 + 1][x] = "sandbags"
        # burnt vehicles: a truck off the west shoulder, an APC slewed across the verge, a car
        # by the road where Cage comes in, another in the yard
        for x, y in ((40, 67), (41, 67), (42, 67), (43, 67), (41, 68), (42, 68), (43, 68)):
            self.obstacles[y][x] = "wreck_b"
        for x, y in ((55, 69), (56, 69), (57, 69), (55, 70), (56, 70), (57, 70), (56, 68)):
            self.obstacles[y][x] = "wreck_a" if (x + y) % 3 else "wreck_b"
        for x, y in ((r1 + 3, 76), (r1 + 4, 76)):
            self.obstacles[y][x] = "wreck_a"
        for x, y in ((35, 62), (36, 62), (35, 63)):
            self.obstacles[y][x] = "wreck_b"
        for x, y in ((58, 61), (59, 61), (60, 61)):
            self.obstacles[y][x] = "crate" if x < 60 else "barrels"
        for x, y in ((30, 61), (31, 61), (30, 62)):
            self.obstacles[y][x] = "barrels" if y == 62 else "crate"
        # scorch and craters where the convoy was hit
        for cx, cy in ((37, 69), (59, 74), (33, 75), (59, 66), (44, 75)):
            for y in range(cy - 1, cy + 2):
                for x in range(cx - 1, cx + 2):
                    if self.inside(x, y) and self.obstacles[y][x] is None:
                        if (x, y) == (cx, cy) and self.ground[y][x] not in ("road", "road_line"):
                            self.ground[y][x] = "crater"
                        elif rng.random() < 0.6:
                            if self.ground[y][x] in ("road", "road_line"):
                                self.ground[y][x] = "rubble"
                            elif self.ground[y][x] != "gravel":
                                self.ground[y][x] = (
                                    "crater_edge" if rng.random() < 0.6 else "scorched"
                                )
        # rocks and mud in the valley
        for _ in range(30):
            x, y = rng.randrange(8, 64), rng.randrange(46, H - 2)
            if self.free(x, y) and self.ground[y][x] in ("grass", "grass_b", "dirt"):
                if rng.random() < 0.45:
                    self.obstacles[y][x] = "rock"
                else:
                    self.ground[y][x] = "mud" if rng.random() < 0.6 else "puddle"

    def grow_hillsides(self) -> None:
        """Rock only where it faces the works; the hills behind are wooded (south of the lake:
        the dome over the chamber is bare rock)."""
        far = [[99] * W for _ in range(H)]
        queue: deque[tuple[int, int]] = deque()
        for y in range(H):
            for x in range(W):
                if not self.solid(x, y):
                    far[y][x] = 0
                    queue.append((x, y))
        while queue:
            x, y = queue.popleft()
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    nx, ny = x + dx, y + dy
                    if self.inside(nx, ny) and far[ny][nx] > far[y][x] + 1:
                        far[ny][nx] = far[y][x] + 1
                        queue.append((nx, ny))
        underground = (LAIR[0] - 8, PARAPET, LAIR[2] + 6, HALL_WALL[1])
        for y in range(PARAPET, H):
            for x in range(W):
                if self.obstacles[y][x] != "cliff" or far[y][x] < 3:
                    continue
                if in_box(x, y, underground):
                    continue
                self.ground[y][x] = self.grass(x, y)
                clearing = far[y][x] >= 4 and self.fine.at(x * 1.9, y * 1.9) > 0.74
                self.obstacles[y][x] = None if clearing else "tree"
                if far[y][x] == 3 and self.fine.at(x * 2.2, y * 2.2) > 0.6:
                    self.obstacles[y][x] = "rock"

    def dress(self) -> None:
        rng = self.rng
        # the lake: foam along the parapet and the far shore
        for x in range(W):
            for y in range(PARAPET):
                if self.ground[y][x] != "reservoir":
                    continue
                below = self.ground[y + 1][x] if y + 1 < H else ""
                if (
                    (y == PARAPET - 1 and rng.random() < 0.35)
                    or (below == "shallows" and rng.random() < 0.15)
                    or rng.random() < 0.012  # wind on the open water
                ):
                    self.decor[y][x] = "foam"
        # the crest walkway: lamps, a sign at each tower, cracks
        for x in range(WALKWAY_X[0] + 2, WALKWAY_X[1], 6):
            self.decor[WALKWAY[0]][x] = "lamp"
        self.decor[WALKWAY[1]][WALKWAY_X[0]] = "sign"
        self.decor[WALKWAY[1]][WALKWAY_X[1]] = "sign"
        # cracks in every concrete floor
        for y in range(H):
            for x in range(W):
                g = self.ground[y][x]
                if g.startswith("concrete") and rng.random() < 0.1:
                    self.decorate(x, y, "cracks")
        # the road: lamps on the shoulders, arrows, shell casings and debris of the convoy
        for y in range(YARD[3] + 2, H, 5):
            self.decorate(ROAD[0] - 1, y, "lamp")
            self.decorate(ROAD[1] + 1, y + 2, "lamp")
        for y in (77, 66):
            self.decor[y][CX - 1] = "arrow_north"
        for y in range(YARD[1], H):
            for x in range(8, 66):
                if self.free(x, y) and rng.random() < 0.035:
                    self.decorate(
                        x, y, rng.choice(("debris", "shells", "shells", "helmet", "stain"))
                    )
        for x, y, name in (
            (45, 75, "rifle_dropped"),
            (41, 72, "bones"),
            (43, 68, "helmet"),
            (54, 73, "debris"),
            (53, 70, "shells"),
        ):
            self.decorate(x, y, name)
        # the yard: the keypad by the service door, lamps on the wall, oil stains, the
        # spillway's mouth signed and marked
        self.decor[YARD[1]][TUNNEL[0] - 1] = "sign"
        self.decor[YARD[1]][TUNNEL[2] + 1] = "lamp"
        self.decor[YARD[1]][YARD[2] - 1] = "sign"
        self.decor[YARD[1] + 2][YARD[2]] = "arrow_north"  # the marking reads from the channel
        for x in range(YARD[0] + 4, YARD[2], 8):
            self.decorate(x, YARD[1], "lamp")
        for _ in range(10):
            x, y = rng.randrange(YARD[0], YARD[2] + 1), rng.randrange(YARD[1], YARD[3] + 1)
            self.decorate(x, y, rng.choice(("stain", "stain", "debris", "tracks_overlay")))
        # the hall: lamps down the aisle, oil and ichor on the floor, a fight that went badly
        hx0, hy0, hx1, hy1 = HALL
        for y in range(hy0 + 1, hy1, 4):
            self.decorate(CX - 2, y, "lamp")
            self.decorate(CX + 2, y + 2, "lamp")
        for _ in range(40):
            x, y = rng.randrange(hx0, hx1 + 1), rng.randrange(hy0, hy1 + 1)
            self.decorate(x, y, rng.choice(("stain", "stain", "debris", "shells", "ichor")))
        for x, y, name in (
            (33, 55, "sign"),
            (CX, hy1, "arrow_north"),
            (CX, LAIR_DOOR[3] + 2, "arrow_north"),
            (hx1, 56, "sign"),
            (44, 56, "helmet"),
            (45, 55, "rifle_dropped"),
            (43, 55, "bones"),
        ):
            self.decor[y][x] = name
        # the lair: bones and ichor thick on the ground, thickest before the shaft
        lx0, ly0, lx1, ly1 = LAIR
        for y in range(ly0, ly1 + 1):
            for x in range(lx0 - 3, lx1 + 4):
                if self.blocked(x, y) or self.decor[y][x] is not None:
                    continue
                near = max(0.0, 1 - math.hypot(x - SHAFT_GATE[0], y - ly0) / 14)
                if rng.random() < 0.12 + 0.3 * near:
                    self.decor[y][x] = rng.choice(
                        ("bones", "bones", "ichor", "ichor", "stain", "debris", "helmet")
                    )
        for x, y in cells(SHAFT_GATE):
            self.decor[y][x] = "cracks"
        # the spillway: weeds in the cracks, debris washed against the walls, signs
        for x, y in cells((SPILLWAY[0][0], SPILLWAY[1][1], SPILLWAY[0][2], SPILLWAY[0][3])):
            if not self.blocked(x, y) and rng.random() < 0.07:
                self.decorate(x, y, rng.choice(("weeds", "debris", "debris", "bones", "ichor")))
        self.decor[SPILLWAY[4][3]][SPILLWAY[4][0] + 1] = "sign"
        self.decor[SPILLWAY[2][1] + 1][SPILLWAY[2][0]] = "lamp"
        self.decor[SPILLWAY[4][1]][SPILLWAY[3][0]] = "lamp"
        # the chamber: the Omega's roots, old blood, the remains of whoever found it first
        for x, y in sorted(self.chamber):
            if self.decor[y][x] is None and not self.blocked(x, y) and rng.random() < 0.1:
                self.decor[y][x] = rng.choice(("ichor", "ichor", "bones", "stain"))
        # the woods: weeds in the clearings
        for y in range(H):
            for x in range(W):
                g = self.ground[y][x]
                if g in ("grass", "grass_b") and self.obstacles[y][x] is None:
                    if self.decor[y][x] is None and rng.random() < 0.05:
                        self.decor[y][x] = "weeds"

    # -- objects --
    def add(
        self,
        cls: str,
        name: str,
        x: float,
        y: float,
        w: float = 0,
        h: float = 0,
        layer: str = "gameplay",
        **props: object,
    ) -> int:
        return add_object(self.objects, cls, name, x, y, w, h, None, layer, props)

    def rect(self, cls: str, name: str, box: tuple[int, int, int, int], **props: object) -> int:
        """A rectangle covering tiles x0..x1, y0..y1 (inclusive)."""
        x0, y0, x1, y1 = box
        return self.add(cls, name, x0 * T, y0 * T, (x1 - x0 + 1) * T, (y1 - y0 + 1) * T, **props)

    def point(self, cls: str, name: str, tx: float, ty: float, **props: object) -> int:
        """A point at the centre of tile (tx, ty); halves allowed."""
        return self.add(cls, name, tx * T + T / 2, ty * T + T / 2, **props)

    def spawn(self, name: str, where, **props: object) -> int:
        """A MimicSpawn with its own ambush id (the default, `ambush:<object id>`, would collide
        with the beachhead's spawns of the same ids in Cage's memory)."""
        props["ambush"] = f"ambush:dam-{name}"
        if len(where) == 2:
            return self.point("MimicSpawn", name, *where, **props)
        return self.rect("MimicSpawn", name, where, **props)

    def place_objects(self) -> None:
        for name, x, y, w, h in (
            ("border-north", -T, -T, (W + 2) * T, T),
            ("border-south", -T, H * T, (W + 2) * T, T),
            ("border-west", -T, 0, T, H * T),
            ("border-east", W * T, 0, T, H * T),
        ):
            self.add("Wall", name, x, y, w, h, layer="collision")

        r0, r1 = ROAD
        self.point("PlayerStart", "road", START[0], START[1], facing=270)
        self.rect("Split", "Dam", (r0 - 1, 75, r1 + 1, 76))
        self.rect("Split", "Turbine hall", HALL)
        self.rect("Split", "Lair", LAIR_DOOR)

        # the road in: mines in the chicane, ambushes from the woods and the yard
        mines = ((r0 + 3, 71), (r0 + 1, 69), (CX, 66), (r0 - 1, 72), (r1 + 1, 67))
        for i, (mx, my) in enumerate(mines, 1):
            self.point("Mine", f"road-mine-{i}", mx, my, field="field:dam-road")
        checkpoint = self.rect(
            "Trigger", "road-checkpoint", (r0 - 1, CHECKPOINT - 1, r1 + 1, CHECKPOINT)
        )
        yard_gate = self.rect("Trigger", "yard-gate", (r0 - 1, YARD[3] + 1, r1 + 1, YARD[3] + 1))
        self.spawn("checkpoint-wood-west", CHECKPOINT_WOOD, count=3, trigger=checkpoint)
        self.spawn("convoy-wrecks", CONVOY, count=2, at=75)
        self.spawn("tailrace-bank", TAILRACE_BANK, count=3, at=120, emerge=False)
        self.spawn("yard-apron", YARD_APRON, count=3, trigger=yard_gate)
        self.spawn("yard-burrowers", (CX - 3, 61, CX + 3, 62), kind="burrower", count=2,
                   trigger=yard_gate)  # fmt: skip
        self.spawn("road-late", (r0 - 1, 66, r1 + 1, 67), count=4, at=330)
        # Halvorsen, who did not live: the last figure, chalked on the wall by the service door.
        self.point(
            "Intel",
            "halvorsen",
            CX + 3,
            61,
            knowledge="intel:gate-code-3",
            title="Chalk by the service door: the last figure is 3",
            text=(
                "A figure in chalk, at the height of a man sitting against the wall: 3. "
                "Below it, Halvorsen's tags."
            ),
        )

        # the service tunnel: the keypad door, and who waits on the turbine floor behind it
        self.rect(
            "Gate",
            "service-tunnel-gate",
            TUNNEL_GATE,
            code="4173",
            requires="intel:gate-code,intel:gate-code-2,intel:gate-code-3",
            message="A keypad by the service door. E to type the code.",
        )
        tunnel = self.rect("Trigger", "service-tunnel", (TUNNEL[0], 58, TUNNEL[2], 59))
        self.spawn("turbine-floor", (CX - 3, 49, CX + 3, 51), count=3, trigger=tunnel)
        self.spawn("turbine-gantry", (31, 49, 42, 51), kind="spitter", count=3, at=260)
        # The brood nests against the lair's door: its shell takes no round, only grenades and
        # the blade, and its egg-sacs seal the door until it dies (every day again).
        self.spawn("brood", (CX, 46), kind="brood", trigger=tunnel)
        self.spawn("brood-east", (58, 49, 64, 51), kind="mite", count=6, trigger=tunnel)
        self.rect(
            "Gate",
            "brood-seal",
            (CX - 1, 43, CX + 1, 43),
            requires="cleared:brood",
            message="The brood's sacs seal the lair's door. Kill the brood: grenades, or the "
            "blade.",
        )

        # the spillway: four heavy ambushes down the long way
        mouth = self.rect("Trigger", "spillway-mouth", (66, 61, 67, 64))
        bend = self.rect("Trigger", "spillway-bend", (84, 57, 87, 58))
        gallery = self.rect("Trigger", "spillway-gallery", (78, 52, 81, 53))
        self.spawn("spillway-channel", (73, 61, 79, 64), count=3, trigger=mouth)
        self.spawn("spillway-basin", (84, 48, 87, 52), count=4, trigger=bend, emerge=False)
        self.spawn("spillway-lip", (78, 48, 82, 51), kind="spitter", count=3, at=200)
        self.spawn("spillway-lower-door", (69, 54, 74, 57), count=4, trigger=gallery)
        lower = self.rect("Trigger", "hall-lower-door", (65, 55, 66, 57))
        self.spawn("turbine-east", (58, 49, 64, 51), count=2, trigger=lower)

        # the lair: the Alpha guards the crack in the back wall
        lair = self.rect("Trigger", "lair-entrance", LAIR_DOOR)
        # Unwarned, the Alpha bursts out under him as he comes in: he learns where it waits by
        # dying to it once; after that it comes out where it waits, with its telegraph.
        self.spawn("lair-alpha", (42, 32), kind="alpha", trigger=lair, strike=100)
        self.spawn("lair-west-drones", (38, 35, 42, 36), kind="carapace", count=2, trigger=lair)
        self.spawn("lair-east-drones", (57, 31, 62, 34), count=3, trigger=lair)

        # the hidden shaft and the flooded chamber
        self.rect(
            "Gate",
            "shaft-gate",
            SHAFT_GATE,
            requires="vision:omega",
            message="Cracked concrete. Nothing here... or nothing you can see yet.",
        )
        chamber = self.rect(
            "Trigger",
            "chamber-entrance",
            (SHAFT_GATE[0], FACE[0], SHAFT_GATE[2], FACE[0] + 1),
        )
        ex, row = self.shaft[-1][0], int(SHAFT[-1][1] - 0.5)
        self.rect("Split", "Chamber", (ex, row, ex + 1, row + 1))
        self.point("Omega", "omega", *OMEGA)
        ox, oy = OMEGA
        self.spawn("chamber-north", (ox - 4, oy - 5, ox + 4, oy - 4), kind="spitter", count=2,
                   trigger=chamber)  # fmt: skip
        self.spawn("chamber-west", (ox - 9, oy - 1, ox - 8, oy + 3), kind="mite", count=6,
                   trigger=chamber)  # fmt: skip
        # The Omega's guardian: a brood whose sacs wall off the core until it dies.
        self.spawn("omega-guard", (ox + 7, oy - 1), kind="brood", trigger=chamber)
        self.rect(
            "Gate",
            "omega-seal",
            (ox - 2, oy - 2, ox + 2, oy + 2),
            requires="cleared:omega-guard",
            message="The Omega's sacs wall off the core. Kill its guardian: grenades, or the "
            "blade.",
        )


# --- checks ----------------------------------------------------------------------------------


def reachable(level: Dam, start: tuple[int, int], closed: set[tuple[int, int]]) -> dict:
    """Walking distance in tiles from `start` to every cell Cage can reach."""
    dist = {start: 0}
    queue = deque([start])
    while queue:
        x, y = queue.popleft()
        for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            if (
                level.inside(nx, ny)
                and (nx, ny) not in dist
                and (nx, ny) not in closed
                and not level.blocked(nx, ny)
            ):
                dist[(nx, ny)] = dist[(x, y)] + 1
                queue.append((nx, ny))
    return dist


def check(level: Dam) -> dict[str, int]:
    """The map plays as planned: the long way and the short way to the lair, the chamber
    behind the vision only. Returns the walking distances (tiles)."""
    code, vision = set(cells(TUNNEL_GATE)), set(cells(SHAFT_GATE))
    lair = (CX, LAIR[3])
    shut = reachable(level, START, code | vision)
    tunnel = reachable(level, START, vision)
    both = reachable(level, START, set())
    problems = []
    if lair not in shut:
        problems.append("the lair cannot be reached by the spillway")
    if OMEGA in tunnel or OMEGA in shut:
        problems.append("the Omega can be reached without the vision")
    for o in level.objects:
        if o["cls"] in ("Wall", "Gate"):
            continue
        tx, ty = int((o["x"] + o["w"] / 2) // T), int((o["y"] + o["h"] / 2) // T)
        if (tx, ty) not in both:
            problems.append(f"{o['cls']} {o['name']!r} at tile {tx},{ty} cannot be reached")
        if o["cls"] == "MimicSpawn":
            # Mimics come out anywhere in a spawn's area (a point's count scatters around it)
            pad = SCATTER if o["props"].get("count", 1) > 1 and not o["w"] else 0
            area = (
                int((o["x"] - pad) // T),
                int((o["y"] - pad) // T),
                int((o["x"] + o["w"] + pad - 1) // T),
                int((o["y"] + o["h"] + pad - 1) // T),
            )
            if any(c not in both for c in cells(area)):
                problems.append(f"MimicSpawn {o['name']!r} has rock or water in its area")
    if problems:
        raise SystemExit("\n".join(problems))
    return {"spillway": shut[lair], "tunnel": tunnel[lair], "omega": both[OMEGA]}


# --- writing ---------------------------------------------------------------------------------


def main() -> None:
    level = Dam(SEED)
    level.build()
    lengths = check(level)
    write_map(OUT, TITLE, level, music=MUSIC)
    counts: dict[str, int] = {}
    for o in level.objects:
        counts[o["cls"]] = counts.get(o["cls"], 0) + 1
    print(f"wrote {OUT.relative_to(ROOT)}: {W}x{H} tiles, objects {counts}")
    print(f"walking distances (tiles): {lengths}")


if __name__ == "__main__":
    main()

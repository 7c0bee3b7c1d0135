"""Generate `levels/beachhead.tmx`, the first map of the day, from a fixed seed.

Owns the beachhead's layout: the sea and landing craft to the south, the landing zone, Rita's
training yard, the beach (hedgehogs, craters, wire, wrecked dropships, a minefield, the bunker), the
seawall and the road north to the dam. Writes the TMX itself, in the format Tiled 1.10 saves
(CSV layers, an external tileset, `type="Class"` on objects, properties only where they differ
from the schema's defaults), so Tiled opens it and re-saves it to the same map.

Run from the repository root: `python assets/make_beachhead.py`. Deterministic: the same seed
writes the same bytes. Imports only the standard library, the tileset table and the map schema.
"""

from __future__ import annotations

import math
import random
import sys
from collections import deque
from pathlib import Path
from xml.sax.saxutils import quoteattr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assets.tileset_spec import INDEX, TILE_SIZE, TILES  # noqa: E402
from game.level.schema import load_schema  # noqa: E402

SEED = 1987
W, H = 120, 80
T = TILE_SIZE
OUT = ROOT / "levels" / "beachhead.tmx"
TITLE = "The Beachhead"
MUSIC = "music/beach_calm.ogg"  # the map's score (levels/music/), its `music` property
PROJECT = ROOT / "levels" / "aynik.tiled-project"

SOLID = {name for name, props in TILES if props.get("solid")}
WATER = {name for name, props in TILES if props.get("water")}

# --- the plan, in tiles ----------------------------------------------------------------------
SEAWALL_ROWS = (18, 19, 20)  # top face, then the wall facing the beach
GAPS = {"west": (20, 23), "centre": (55, 61), "east": (95, 98)}  # inclusive columns
ROAD = (56, 60)  # the road's columns (inclusive); the centre line runs down column 58
ROAD_LINE = 58
YARD = (6, 49, 27, 61)  # Rita's training yard, sandbag walls on this outline (x0, y0, x1, y1)
BUNKER = (96, 33, 107, 41)
FARM = (7, 6, 16, 12)  # the farmhouse behind the seawall, where the engineer's radio ended up
MINEFIELD = (66, 34, 82, 44)
CRAFT_TOP, CRAFT_BOTTOM = 64, 72  # landing craft: open bow at the top row, stern at the bottom
CRAFTS = (15, 40, 63, 84, 104)  # left hull column of each craft (six wide)
LANDING_CRAFT = 40
WRECKS = ((36.0, 34.0, 4.6, 2.6), (88.0, 53.0, 4.4, 2.4), (36.0, 5.0, 3.6, 2.0))

# Lanes kept free of solid clutter, so the ways through the beach read at a glance.
LANES = (
    ((43, 63), (44, 50), (52, 36), (58, 23), (58, 0)),  # landing zone -> centre gap -> road
    ((40, 57), (34, 48), (24, 30), (21, 22), (21, 12), (55, 9)),  # west gap, track to the road
    ((47, 60), (70, 54), (88, 44), (94, 37)),  # along the beach to the bunker door
    ((94, 37), (92, 30), (96, 22), (96, 12), (61, 9)),  # bunker -> east gap -> the road
    ((28, 55), (40, 60)),  # yard's east gate to the landing zone
    ((16, 48), (16, 44), (24, 36)),  # yard's north gate
    ((21, 12), (18, 10)),  # off the west track to the farmhouse door
)


def add_object(
    objects: list[dict],
    cls: str,
    name: str,
    x: float,
    y: float,
    w: float,
    h: float,
    points: list[tuple[float, float]] | None,
    layer: str,
    props: dict,
) -> int:
    """Append a map object in the form write_map takes; its id is its place in the list."""
    object_id = len(objects) + 1
    objects.append(
        {"id": object_id, "cls": cls, "name": name, "x": x, "y": y, "w": w, "h": h,
         "points": points, "props": props, "layer": layer}
    )  # fmt: skip
    return object_id


class Noise:
    """Smooth value noise over the map (bilinear between random lattice values)."""

    def __init__(self, rng: random.Random, cell: float, width: int = W, height: int = H) -> None:
        self.cell = cell
        cols, rows = int(width / cell) + 3, int(height / cell) + 3
        self.grid = [[rng.random() for _ in range(cols)] for _ in range(rows)]

    def at(self, x: float, y: float) -> float:
        gx, gy = x / self.cell, y / self.cell
        ix, iy = int(gx), int(gy)
        fx, fy = gx - ix, gy - iy
        fx, fy = fx * fx * (3 - 2 * fx), fy * fy * (3 - 2 * fy)
        g, rows, cols = self.grid, len(self.grid), len(self.grid[0])
        y0, y1, x0, x1 = iy % rows, (iy + 1) % rows, ix % cols, (ix + 1) % cols
        top = g[y0][x0] * (1 - fx) + g[y0][x1] * fx
        bottom = g[y1][x0] * (1 - fx) + g[y1][x1] * fx
        return top * (1 - fy) + bottom * fy


class Beachhead:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.ground: list[list[str]] = [["sand"] * W for _ in range(H)]
        self.obstacles: list[list[str | None]] = [[None] * W for _ in range(H)]
        self.decor: list[list[str | None]] = [[None] * W for _ in range(H)]
        self.lane = [[False] * W for _ in range(H)]
        self.keep_clear = [[False] * W for _ in range(H)]  # no random clutter here at all
        self.objects: list[dict] = []
        self.coarse = Noise(self.rng, 9.0)
        self.fine = Noise(self.rng, 3.0)
        self.coast = Noise(self.rng, 7.0)

    # -- small helpers --
    def inside(self, x: int, y: int) -> bool:
        return 0 <= x < W and 0 <= y < H

    def solid(self, x: int, y: int) -> bool:
        return self.obstacles[y][x] in SOLID or self.ground[y][x] in SOLID

    def blocked(self, x: int, y: int) -> bool:
        return self.solid(x, y) or self.ground[y][x] in WATER

    def free(self, x: int, y: int) -> bool:
        """Open beach where random clutter may go."""
        return (
            self.inside(x, y)
            and not self.lane[y][x]
            and not self.keep_clear[y][x]
            and not self.blocked(x, y)
        )

    def clear_box(self, x0: int, y0: int, x1: int, y1: int) -> None:
        for y in range(max(0, y0), min(H, y1 + 1)):
            for x in range(max(0, x0), min(W, x1 + 1)):
                self.keep_clear[y][x] = True

    def decorate(self, x: int, y: int, name: str) -> None:
        if self.inside(x, y) and self.obstacles[y][x] is None and self.decor[y][x] is None:
            self.decor[y][x] = name

    # -- the plan --
    def build(self) -> None:
        self.mark_lanes()
        self.reserve()
        self.lay_ground()
        self.lay_coast()
        self.raise_headlands()
        self.raise_seawall()
        self.lay_road_and_hinterland()
        self.build_yard()
        self.build_crafts()
        self.build_bunker()
        self.build_farmhouse()
        self.lay_minefield()
        self.crash_wrecks()
        self.blast_craters()
        self.plant_hedgehogs()
        self.string_wire()
        self.dress()
        self.place_objects()

    def mark_lanes(self) -> None:
        for lane in LANES:
            for (ax, ay), (bx, by) in zip(lane, lane[1:], strict=False):
                steps = int(max(abs(bx - ax), abs(by - ay)) * 2) + 1
                for i in range(steps + 1):
                    px = ax + (bx - ax) * i / steps
                    py = ay + (by - ay) * i / steps
                    for y in range(int(py) - 1, int(py) + 2):
                        for x in range(int(px) - 1, int(px) + 2):
                            if self.inside(x, y):
                                self.lane[y][x] = True

    def reserve(self) -> None:
        x0, y0, x1, y1 = YARD
        self.clear_box(x0 - 1, y0 - 1, x1 + 1, y1 + 1)
        x0, y0, x1, y1 = BUNKER
        self.clear_box(x0 - 4, y0 - 2, x1 + 2, y1 + 2)
        x0, y0, x1, y1 = FARM
        self.clear_box(x0 - 2, y0 - 2, x1 + 4, y1 + 2)
        self.clear_box(LANDING_CRAFT - 4, 56, LANDING_CRAFT + 9, H - 1)  # the landing zone
        self.clear_box(ROAD[0] - 2, 0, ROAD[1] + 2, 17)
        for g0, g1 in GAPS.values():
            self.clear_box(g0 - 2, 14, g1 + 2, 25)

    def lay_ground(self) -> None:
        rng = self.rng
        for y in range(H):
            for x in range(W):
                n = self.coarse.at(x, y)
                f = self.fine.at(x, y)
                if y < SEAWALL_ROWS[0]:
                    # behind the wall: dunes at its foot, then grass inland
                    dune = (y - 12) / 5 + (f - 0.5) * 0.9
                    if dune > 0.5:
                        name = "sand_dark" if f > 0.5 else "sand"
                    elif dune > 0.2:
                        name = "grass_b"
                    elif n > 0.8 and f > 0.4:
                        name = "dirt"
                    else:
                        name = "grass" if f < 0.6 else "grass_b"
                else:
                    r = rng.random()
                    name = "sand" if r < 0.66 else "sand_b" if r < 0.88 else "sand_c"
                    if (n > 0.72 and f > 0.6) or (y < 25 and f > 0.68):
                        name = "sand_dark"
                self.ground[y][x] = name

    def lay_coast(self) -> None:
        """Wet sand, shallows, surf and sea, their edges wandering a little along the coast."""
        self.sea_top = [0] * W
        for x in range(W):
            wobble = (self.coast.at(x, 3) - 0.5) * 3.2
            wet = round(61 + wobble)
            shallows = round(65 + wobble * 0.8)
            surf = round(69 + wobble * 0.6)
            sea = round(72 + wobble * 0.5)
            self.sea_top[x] = sea
            for y in range(wet, H):
                if y >= sea:
                    name = "sea_b" if self.fine.at(x, y) > 0.55 else "sea"
                elif y >= surf:
                    name = "surf"
                elif y >= shallows:
                    name = "shallows"
                else:
                    name = "sand_wet"
                self.ground[y][x] = name

    def raise_headlands(self) -> None:
        """Rocky points close the beach to the west and east, down into the sea."""
        for y in range(H):
            for side in ("west", "east"):
                n = self.coast.at(3 if side == "west" else W - 3, y)
                width = 2 + int(n * 4) + (1 if y > 66 else 0)
                for i in range(width):
                    x = i if side == "west" else W - 1 - i
                    edge = i == width - 1
                    self.obstacles[y][x] = "rock" if edge and self.fine.at(x, y) > 0.45 else "cliff"
                    if y < SEAWALL_ROWS[0]:
                        self.ground[y][x] = "dirt"

    def raise_seawall(self) -> None:
        top, *face = SEAWALL_ROWS
        for x in range(W):
            if self.obstacles[top][x] == "cliff":
                continue
            in_gap = any(g0 <= x <= g1 for g0, g1 in GAPS.values())
            if in_gap:
                continue
            self.obstacles[top][x] = "seawall_top"
            for y in face:
                self.obstacles[y][x] = "seawall"
            # buttresses step out onto the sand every twelve tiles
            if x % 12 == 6 and all(abs(x - g) > 3 for gap in GAPS.values() for g in gap):
                self.obstacles[face[-1] + 1][x] = "seawall"
        # the gaps: a blown breach (west), the road's ramp (centre), a sand drift (east)
        g0, g1 = GAPS["west"]
        for y in range(top - 1, face[-1] + 3):
            for x in range(g0, g1 + 1):
                self.ground[y][x] = "rubble" if self.fine.at(x, y) > 0.35 else "sand_dark"
        g0, g1 = GAPS["centre"]
        for y in SEAWALL_ROWS:
            for x in range(g0, g1 + 1):
                self.ground[y][x] = "concrete" if x in (g0, g1) else "road"
        g0, g1 = GAPS["east"]
        for y in range(top - 1, face[-1] + 2):
            for x in range(g0, g1 + 1):
                self.ground[y][x] = "sand_dark" if (x + y) % 3 else "sand"
        # broken wall lies in the west breach
        self.ground[face[-1] + 2][GAPS["west"][0] - 1] = "rubble"
        self.ground[face[-1] + 2][GAPS["west"][1] + 1] = "rubble"

    def lay_road_and_hinterland(self) -> None:
        rng = self.rng
        r0, r1 = ROAD
        for y in range(0, SEAWALL_ROWS[0]):
            self.ground[y][r0 - 1] = "gravel"
            self.ground[y][r1 + 1] = "gravel"
            for x in range(r0, r1 + 1):
                self.ground[y][x] = "road_line" if x == ROAD_LINE and y % 2 == 0 else "road"
        for y in SEAWALL_ROWS:
            self.ground[y][ROAD_LINE] = "road_line" if y % 2 == 0 else "road"
        # vehicle tracks fan out from the ramp onto the beach
        for y in range(SEAWALL_ROWS[-1] + 1, SEAWALL_ROWS[-1] + 6):
            spread = y - SEAWALL_ROWS[-1]
            for x in (r0 - spread // 2, r1 + spread // 2):
                self.ground[y][x] = "sand_tracks"
        # a shell crater on the road, half filled with rubble
        for x, y in ((57, 13), (58, 13), (57, 12)):
            self.ground[y][x] = "rubble"
        # dirt tracks from the side gaps join the road
        for (ax, ay), (bx, by) in (((21, 17), (55, 9)), ((96, 17), (61, 9))):
            steps = int(max(abs(bx - ax), abs(by - ay)) * 2)
            for i in range(steps + 1):
                x = round(ax + (bx - ax) * i / steps)
                y = round(ay + (by - ay) * i / steps)
                for dx in (0, 1):
                    if self.obstacles[y][x + dx] is None and self.ground[y][x + dx] != "road":
                        self.ground[y][x + dx] = "dirt"
        # checkpoint: sandbags either side of the road, a barrel stack
        for x in range(r0 - 5, r0 - 1):
            self.obstacles[8][x] = "sandbags"
        for x in range(r1 + 2, r1 + 6):
            self.obstacles[8][x] = "sandbags"
        self.obstacles[7][r0 - 5] = "sandbags"
        self.obstacles[7][r1 + 5] = "sandbags"
        self.obstacles[7][r1 + 3] = "barrels"
        self.obstacles[9][r0 - 3] = "crate"
        # a burnt-out truck on the shoulder
        for x, y in ((r1 + 2, 3), (r1 + 2, 4), (r1 + 3, 4), (r1 + 3, 3)):
            self.obstacles[y][x] = "wreck_b"
        # woods: a ragged treeline along the top edge, then copses in the fields
        for x in range(W):
            depth = 2 + int(self.coarse.at(x, 0) * 4)
            for y in range(depth):
                if not self.lane[y][x] and not (r0 - 2 <= x <= r1 + 2):
                    self.obstacles[y][x] = "tree"
        copses = 0
        while copses < 16:
            cx, cy = rng.uniform(4, W - 4), rng.uniform(3, 12)
            if any(self.lane[y][x] for y, x in ((int(cy), int(cx)),)) or abs(cx - 58) < 7:
                continue
            copses += 1
            radius = rng.uniform(1.2, 2.6)
            for y in range(int(cy - 3), int(cy + 4)):
                for x in range(int(cx - 3), int(cx + 4)):
                    if not self.inside(x, y) or self.lane[y][x] or self.obstacles[y][x]:
                        continue
                    if r0 - 3 <= x <= r1 + 3 or y >= SEAWALL_ROWS[0] - 3:
                        continue
                    d = math.hypot(x + 0.5 - cx, y + 0.5 - cy)
                    if d < radius + (self.fine.at(x * 2, y * 2) - 0.5):
                        self.obstacles[y][x] = "tree"
                    elif d < radius + 1.2 and rng.random() < 0.3:
                        self.decorate(x, y, "weeds")
        # the top edge is closed by the wood everywhere but the road
        for y in (0, 1):
            for x in range(W):
                if not (r0 - 1 <= x <= r1 + 1):
                    self.obstacles[y][x] = self.obstacles[y][x] or "tree"
        # rocks, mud and puddles inland
        for _ in range(26):
            x, y = rng.randrange(3, W - 3), rng.randrange(3, SEAWALL_ROWS[0] - 3)
            if self.free(x, y):
                if rng.random() < 0.5:
                    self.obstacles[y][x] = "rock"
                else:
                    self.ground[y][x] = "mud" if rng.random() < 0.6 else "puddle"

    def build_yard(self) -> None:
        x0, y0, x1, y1 = YARD
        for y in range(y0, y1 + 1):
            for x in range(x0, x1 + 1):
                self.ground[y][x] = "gravel" if self.fine.at(x, y) > 0.74 else "dirt"
                self.obstacles[y][x] = None
        for x in range(x0, x1 + 1):
            for y in (y0, y1):
                self.obstacles[y][x] = "sandbags"
        for y in range(y0, y1 + 1):
            for x in (x0, x1):
                self.obstacles[y][x] = "sandbags"
        for y in range(54, 57):  # east gate, toward the landing zone
            self.obstacles[y][x1] = None
            self.ground[y][x1] = "planks"
        for x in range(15, 18):  # north gate, onto the beach
            self.obstacles[y0][x] = None
            self.ground[y0][x] = "planks"
        # the drill grounds: a running track, a firing line, grenade pits, dummies, a ring
        for x in range(8, 16):
            self.ground[53][x] = "sand_tracks"
        for y in range(51, 55):
            self.ground[y][18] = "planks"
        for cx, cy in ((9, 58), (12, 59)):
            self.ground[cy][cx] = "crater"
        for x in range(20, 26):
            self.ground[57][x] = "concrete"
            self.ground[60][x] = "concrete"
        # crates and barrels in the corners, a flag at the gate
        for x, y, name in (
            (7, 50, "crate"),
            (8, 50, "crate"),
            (7, 60, "barrels"),
            (26, 60, "crate"),
        ):
            self.obstacles[y][x] = name

    def build_crafts(self) -> None:
        """Landing craft beached in the surf, bows lowered toward the sand."""
        for index, left in enumerate(CRAFTS):
            right = left + 5
            wrecked = index == 3
            for y in range(CRAFT_TOP - 1, CRAFT_BOTTOM + 1):
                for x in range(left, right + 1):
                    self.obstacles[y][x] = None
                    if y == CRAFT_TOP - 1:  # the lowered ramp
                        if left < x < right:
                            self.ground[y][x] = "planks"
                        continue
                    if x in (left, right) or y == CRAFT_BOTTOM:
                        self.obstacles[y][x] = "craft_hull"
                    else:
                        self.ground[y][x] = "deck"
            if wrecked:  # a direct hit: the deck is strewn with what is left of the platoon
                for y in range(CRAFT_TOP, CRAFT_BOTTOM):
                    for x in range(left + 1, right):
                        if self.obstacles[y][x] is None and self.rng.random() < 0.45:
                            self.decor[y][x] = self.rng.choice(
                                ("debris", "shells", "stain", "helmet", "bones")
                            )

    def build_bunker(self) -> None:
        x0, y0, x1, y1 = BUNKER
        for y in range(y0, y1 + 1):
            for x in range(x0, x1 + 1):
                wall = x in (x0, x1) or y in (y0, y1)
                self.obstacles[y][x] = "bunker_wall" if wall else None
                self.ground[y][x] = "concrete_cracked" if self.rng.random() < 0.25 else "concrete"
        for y in (36, 37):  # the doorway faces the beach
            self.obstacles[y][x0] = None
        for y in range(y0 + 1, y1):  # a back room behind a partition, open at its south end
            if y < y1 - 2:
                self.obstacles[y][103] = "bunker_wall"
        for y in range(y0 - 1, y1 + 2):  # apron of concrete around it
            for x in range(x0 - 1, x1 + 2):
                apron = x in (x0 - 1, x1 + 1) or y in (y0 - 1, y1 + 1)
                if apron and self.obstacles[y][x] is None:
                    self.ground[y][x] = "concrete_cracked" if (x + y) % 5 == 0 else "concrete"
        # sandbag baffle in front of the door, open at both ends
        for y in range(35, 39):
            self.obstacles[y][x0 - 3] = "sandbags"

    def build_farmhouse(self) -> None:
        """A stone farmhouse in the fields behind the seawall: two rooms, a door to the east."""
        x0, y0, x1, y1 = FARM
        for y in range(y0 - 1, y1 + 2):  # a yard of packed dirt around it, clear of trees
            for x in range(x0 - 1, x1 + 4):
                self.obstacles[y][x] = None
                self.ground[y][x] = "dirt" if self.fine.at(x, y) > 0.3 else "gravel"
        for y in range(y0, y1 + 1):
            for x in range(x0, x1 + 1):
                wall = x in (x0, x1) or y in (y0, y1)
                self.obstacles[y][x] = "bunker_wall" if wall else None
                self.ground[y][x] = "planks"
        for y in (9, 10):  # the door, toward the track
            self.obstacles[y][x1] = None
        for x in range(x0 + 1, x1):  # a partition, open at its east end
            if x < x1 - 3:
                self.obstacles[9][x] = "bunker_wall"
        for x, y, name in ((x0 + 1, y0 + 1, "crate"), (x0 + 1, y1 - 1, "barrels")):
            self.obstacles[y][x] = name
        for x in range(x1 + 1, 21):  # the path out to the track
            for y in (9, 10):
                self.ground[y][x] = "dirt"

    def lay_minefield(self) -> None:
        x0, y0, x1, y1 = MINEFIELD
        for y in range(y0, y1 + 1):
            for x in range(x0, x1 + 1):
                if self.obstacles[y][x] is None and self.rng.random() < 0.1:
                    self.ground[y][x] = "sand_dark"
        for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1), ((x0 + x1) // 2, y1 + 1)):
            self.decor[y][x] = "sign"

    def crash_wrecks(self) -> None:
        for cx, cy, rx, ry in WRECKS:
            for y in range(int(cy - ry - 3), int(cy + ry + 4)):
                for x in range(int(cx - rx - 3), int(cx + rx + 4)):
                    if not self.inside(x, y) or self.lane[y][x] or self.keep_clear[y][x]:
                        continue
                    d = ((x + 0.5 - cx) / rx) ** 2 + ((y + 0.5 - cy) / ry) ** 2
                    ragged = (self.fine.at(x * 1.7, y * 1.7) - 0.5) * 0.9
                    if d < 1.0 + ragged:
                        self.obstacles[y][x] = (
                            "wreck_a" if self.fine.at(x, y * 2) > 0.45 else "wreck_b"
                        )
                    elif d < 2.2 + ragged and self.obstacles[y][x] is None:
                        if self.ground[y][x] not in ("road", "road_line"):
                            r = self.rng.random()
                            self.ground[y][x] = (
                                "scorched" if r < 0.08 else "rubble" if r < 0.45 else "crater_edge"
                            )
                        if self.rng.random() < 0.18:
                            self.decorate(x, y, self.rng.choice(("debris", "debris", "shells")))

    def blast_craters(self) -> None:
        rng = self.rng
        spots: list[tuple[float, float, float]] = []
        # a crater field west of the landing zone's lane, then shell holes across the beach
        for _ in range(7):
            spots.append((rng.uniform(20, 34), rng.uniform(38, 46), rng.choice((1.2, 1.6, 2.2))))
        while len(spots) < 26:
            x, y = rng.uniform(8, W - 8), rng.uniform(23, 58)
            spots.append((x, y, rng.choice((1.0, 1.2, 1.6, 2.2))))
        for _ in range(5):
            spots.append((rng.uniform(8, W - 8), rng.uniform(4, 14), 1.2))
        for cx, cy, r in spots:
            ix, iy = int(cx), int(cy)
            if not self.inside(ix, iy) or self.keep_clear[iy][ix] or not self.craterable(ix, iy):
                continue
            # one bowl (two for a heavy shell), churned sand around it, a few blast marks
            bowls = [(ix, iy)] + ([(ix + 1, iy)] if r > 2 else [])
            for y in range(iy - 2, iy + 3):
                for x in range(ix - 2, ix + 4):
                    if not self.craterable(x, y):
                        continue
                    d = min(max(abs(x - bx), abs(y - by)) for bx, by in bowls)
                    if (x, y) in bowls:
                        self.ground[y][x] = "crater"
                    elif d == 1 and rng.random() < 0.85:
                        self.ground[y][x] = "crater_edge"
                    elif d == 2 and rng.random() < 0.3:
                        self.ground[y][x] = "crater_edge" if rng.random() < 0.6 else "sand_dark"
                        if rng.random() < 0.25:
                            self.decorate(x, y, rng.choice(("ichor", "stain", "shells", "debris")))
            if r > 1.5:
                x, y = ix + rng.choice((-2, 2)), iy + rng.choice((-1, 1))
                if self.craterable(x, y):
                    self.ground[y][x] = "scorched"

    def craterable(self, x: int, y: int) -> bool:
        if not self.inside(x, y) or self.keep_clear[y][x] or self.obstacles[y][x] is not None:
            return False
        return self.ground[y][x] not in WATER and self.ground[y][x] not in (
            "road",
            "road_line",
            "deck",
            "planks",
            "crater",
            "concrete",
            "concrete_cracked",
        )

    def plant_hedgehogs(self) -> None:
        rng = self.rng
        for row, phase in ((29, 0), (46, 2)):
            for x in range(6 + phase, W - 6, 4):
                y = row + (2 if (x // 4) % 2 else 0) + rng.choice((-1, 0, 0, 1))
                if self.free(x, y) and self.ground[y][x] not in ("crater", "crater_edge"):
                    self.obstacles[y][x] = "hedgehog"
        for _ in range(40):
            x, y = rng.randrange(6, W - 6), rng.randrange(24, 60)
            if self.free(x, y) and all(
                self.obstacles[y + dy][x + dx] is None for dx in (-1, 0, 1) for dy in (-1, 0, 1)
            ):
                self.obstacles[y][x] = "hedgehog"

    def string_wire(self) -> None:
        """Barbed wire in front of the seawall, a fence on the minefield, a few loose coils."""
        rng = self.rng
        y = SEAWALL_ROWS[-1] + 4
        x = 4
        while x < W - 4:
            length = rng.randint(5, 10)
            for i in range(length):
                wx = x + i
                wy = y + (1 if (x // 7) % 2 else 0)
                if (
                    wx < W
                    and not self.blocked(wx, wy)
                    and not self.keep_clear[wy][wx]
                    and self.ground[wy][wx] not in ("crater", "crater_edge", "road")
                ):
                    self.ground[wy][wx] = "wire"
            x += length + rng.randint(3, 6)
        x0, y0, x1, y1 = MINEFIELD
        for x in range(x0 + 1, x1):
            if x % 5 != 2 and not self.blocked(x, y1 + 1):
                self.ground[y1 + 1][x] = "wire"
        for _ in range(9):
            wx, wy = rng.randrange(8, W - 10), rng.randrange(30, 58)
            vertical = rng.random() < 0.4
            for i in range(rng.randint(2, 4)):
                x, y = (wx, wy + i) if vertical else (wx + i, wy)
                if self.free(x, y) and self.ground[y][x] in ("sand", "sand_b", "sand_c"):
                    self.ground[y][x] = "wire"

    def dress(self) -> None:
        rng = self.rng
        face = SEAWALL_ROWS[-1]
        for x in range(W):
            # grass and weeds at the wall's foot
            for y in (face + 1, face + 2):
                if self.obstacles[y][x] is None and self.ground[y][x].startswith("sand"):
                    if rng.random() < 0.3:
                        self.ground[y][x] = "grass" if rng.random() < 0.6 else "grass_b"
                    elif rng.random() < 0.25:
                        self.decorate(x, y, "weeds")
            # foam where the surf breaks
            for y in range(58, H):
                if self.ground[y][x] == "surf" and self.ground[y - 1][x] != "surf":
                    if rng.random() < 0.7:
                        self.decorate(x, y, "foam")
                    break
        for y in range(2, SEAWALL_ROWS[0]):
            for x in range(W):
                if self.ground[y][x] in ("grass", "grass_b", "sand_dark") and rng.random() < 0.05:
                    self.decorate(x, y, "weeds")
        # the aftermath of the landing: thick near the craft, thinning toward the wall
        for y in range(SEAWALL_ROWS[-1] + 2, 66):
            for x in range(W):
                if self.blocked(x, y) or self.decor[y][x] is not None:
                    continue
                near = max(0.0, 1 - abs(y - 60) / 30)
                if rng.random() < 0.025 + 0.03 * near:
                    self.decor[y][x] = rng.choice(
                        (
                            "shells",
                            "shells",
                            "debris",
                            "debris",
                            "helmet",
                            "rifle_dropped",
                            "bones",
                            "stain",
                            "ichor",
                        )
                    )
        # tracks from the eastern craft up to the road ramp
        for i in range(60):
            t = i / 59
            x = round(66 + (58 - 66) * t)
            y = round(CRAFT_TOP - 2 + (SEAWALL_ROWS[-1] + 2 - CRAFT_TOP + 2) * t)
            if not self.blocked(x, y):
                self.decor[y][x] = "tracks_overlay"
        # cracks in the concrete, lamps along the road, markings
        for y in range(H):
            for x in range(W):
                if self.ground[y][x].startswith("concrete") and rng.random() < 0.12:
                    self.decorate(x, y, "cracks")
        for y in range(3, SEAWALL_ROWS[0], 5):
            self.decorate(ROAD[0] - 1, y, "lamp")
            self.decorate(ROAD[1] + 1, y + 2, "lamp")
        for y in (15, 5):
            self.decor[y][ROAD_LINE - 1] = "arrow_north"
        # the landing craft: arrows on the deck, the zone's flag on the sand
        self.decor[CRAFT_TOP + 1][LANDING_CRAFT + 2] = "arrow_north"
        self.decor[CRAFT_TOP - 3][LANDING_CRAFT - 2] = "flag"
        # the yard: a flag, a sign at each gate
        x0, y0, x1, y1 = YARD
        self.decor[y0 + 1][x0 + 3] = "flag"
        self.decor[54][x1 + 1] = "sign"
        self.decor[y0 - 1][14] = "sign"
        for x in range(9, 15, 2):
            self.decor[53][x] = "tracks_overlay"
        # the dead officer in the bunker's back room
        for x, y, name in (
            (105, 36, "bones"),
            (106, 35, "helmet"),
            (104, 37, "stain"),
            (105, 38, "rifle_dropped"),
            (104, 34, "debris"),
        ):
            self.decor[y][x] = name
        # bodies and gear at the foot of the wall where the first wave fell
        for x, y, name in (
            (22, 23, "helmet"),
            (57, 24, "rifle_dropped"),
            (60, 23, "bones"),
            (95, 24, "helmet"),
            (98, 23, "stain"),
            (23, 24, "ichor"),
        ):
            self.decorate(x, y, name)

    # -- objects --
    def add(
        self,
        cls: str,
        name: str,
        x: float,
        y: float,
        w: float = 0,
        h: float = 0,
        points: list[tuple[float, float]] | None = None,
        **props: object,
    ) -> int:
        return add_object(self.objects, cls, name, x, y, w, h, points, "gameplay", props)

    def rect(
        self, cls: str, name: str, x0: float, y0: float, x1: float, y1: float, **props: object
    ) -> int:
        """A rectangle covering tiles x0..x1, y0..y1 (inclusive)."""
        return self.add(cls, name, x0 * T, y0 * T, (x1 - x0 + 1) * T, (y1 - y0 + 1) * T, **props)

    def point(self, cls: str, name: str, tx: float, ty: float, **props: object) -> int:
        """A point at the centre of tile (tx, ty); halves allowed."""
        return self.add(cls, name, tx * T + T / 2, ty * T + T / 2, **props)

    def place_objects(self) -> None:
        self.place_collision()
        lz = LANDING_CRAFT
        self.add("PlayerStart", "landing", (lz + 3) * T, (CRAFT_TOP + 3) * T + T / 2, facing=270)
        self.point("Rita", "rita", 24, 55)
        self.rect("TrainingDrill", "drill-move", 8, 51, 15, 55, drill="move", level=1)
        self.rect("TrainingDrill", "drill-reload", 18, 51, 25, 54, drill="reload", level=2)
        self.rect("TrainingDrill", "drill-ordnance", 8, 57, 12, 60, drill="ordnance", level=3)
        self.rect("TrainingDrill", "drill-blade", 14, 57, 18, 60, drill="blade", level=4)
        self.rect("TrainingDrill", "drill-trust", 20, 57, 25, 60, drill="trust", level=5)
        self.rect("Split", "Beach", 6, 39, W - 7, 41)
        self.rect("Split", "Seawall", 3, 14, W - 4, 16)
        self.rect("Split", "Road", ROAD[0] - 1, 3, ROAD[1] + 1, 5)

        trig_west = self.rect("Trigger", "enter-gap-west", 20, 17, 23, 21)
        trig_centre = self.rect("Trigger", "enter-gap-centre", 55, 17, 61, 21)
        trig_east = self.rect("Trigger", "enter-gap-east", 95, 17, 98, 21)
        trig_bunker = self.rect("Trigger", "enter-bunker", 96, 36, 98, 37)
        trig_yard = self.rect("Trigger", "leave-yard-north", 14, 47, 18, 48)
        trig_road = self.rect("Trigger", "road-checkpoint", 55, 9, 61, 10)
        trig_farm = self.rect("Trigger", "farm-door", 17, 8, 19, 11)

        # timed ambushes: the day's rhythm on the beach, the same every loop. Day 0 (the first
        # half-minute) meets drones and the Alpha only; the other kinds come after.
        self.point("MimicSpawn", "surf-west", 35, 59, count=2, at=3)
        self.rect("MimicSpawn", "lz-dunes", 47, 52, 51, 55, count=3, at=8)
        self.rect("MimicSpawn", "hedgehog-belt", 38, 44, 43, 47, count=3, at=15)
        self.point("MimicSpawn", "beach-alpha", 50, 37, kind="alpha", at=22)
        self.rect("MimicSpawn", "crater-field", 22, 40, 31, 45, count=4, at=25)
        self.rect("MimicSpawn", "crater-burrowers", 30, 36, 36, 42, kind="burrower", count=2,
                  at=34)  # fmt: skip
        self.point("MimicSpawn", "wreck-west", 42, 31, kind="mite", count=8, at=40)
        self.rect("MimicSpawn", "seawall-spitters", 40, 22, 52, 24, kind="spitter", count=3,
                  at=48)  # fmt: skip
        self.rect("MimicSpawn", "minefield-edge", 61, 38, 64, 44, count=3, at=60)
        self.point("MimicSpawn", "dune-runners", 111, 55, kind="mite", count=6, at=75,
                   emerge=False)  # fmt: skip
        self.rect("MimicSpawn", "yard-breach", 29, 50, 32, 53, count=3, at=90)
        self.rect("MimicSpawn", "lz-burrowers", 44, 57, 50, 61, kind="burrower", count=2, at=105)
        self.point("MimicSpawn", "surf-east", 74, 60, count=2, at=120)
        self.rect("MimicSpawn", "beach-late", 52, 30, 57, 34, kind="spitter", count=3, at=150)
        self.rect("MimicSpawn", "beach-later", 52, 30, 57, 34, count=4, at=180)
        # triggered ambushes: where the route has to pass
        self.rect("MimicSpawn", "yard-north", 13, 42, 18, 44, count=2, trigger=trig_yard)
        self.rect("MimicSpawn", "seawall-gap-west", 17, 12, 26, 15, count=3, trigger=trig_west)
        # The seawall breach: when Cage reaches the road's checkpoint (by any gap), the hulk
        # smashes up through the road behind the seawall; unwarned, right under him. Its rubble
        # closes the road north until it dies.
        self.point("MimicSpawn", "seawall-breach", 58, 13, kind="hulk", trigger=trig_road,
                   ambush="ambush:seawall-breach", strike=60)  # fmt: skip
        self.rect("MimicSpawn", "seawall-gap-centre", 50, 12, 66, 15, count=2, trigger=trig_centre)
        self.rect("MimicSpawn", "farm-yard", 6, 13, 12, 14, kind="carapace", trigger=trig_farm,
                  ambush="ambush:farm-yard")  # fmt: skip
        self.point("MimicSpawn", "farm-loft", 9, 4, kind="mite", count=6, trigger=trig_farm,
                   emerge=False, ambush="ambush:farm-loft")  # fmt: skip
        self.point("MimicSpawn", "seawall-gap-east", 97, 13, kind="spitter", count=2,
                   trigger=trig_east)  # fmt: skip
        self.point("MimicSpawn", "bunker-flank", 110, 45, kind="carapace", count=2,
                   trigger=trig_bunker, emerge=False)  # fmt: skip
        self.rect(
            "MimicSpawn", "road-north", 55, 1, 61, 4, count=4, trigger=trig_road, emerge=False
        )
        # The hulk's rubble closes the road north until it is dead (every day again).
        self.rect("Gate", "breach-rubble", ROAD[0] - 1, 6, ROAD[1] + 1, 6,
                  requires="cleared:seawall-breach",
                  message="The hulk's rubble closes the road. Kill it: get behind it, or the "
                  "blade.")  # fmt: skip

        x0, y0, x1, y1 = MINEFIELD
        mines: list[tuple[int, int]] = []
        while len(mines) < 11:
            mx, my = self.rng.randrange(x0 + 1, x1), self.rng.randrange(y0 + 1, y1)
            if self.blocked(mx, my) or any(abs(mx - a) + abs(my - b) < 3 for a, b in mines):
                continue
            mines.append((mx, my))
        for i, (mx, my) in enumerate(mines, 1):
            self.point("Mine", f"mine-{i}", mx, my, field="field:beach-mines")

        self.point(
            "Intel",
            "officer",
            105,
            36,
            knowledge="intel:gate-code",
            title="Officer's notebook: the tunnel code begins 4-1",
            text=(
                "Dam, service tunnel: the keypad at the foot of the turbine hall. The engineers' "
                "code begins 4-1. Halvorsen radioed the third figure to the old farmhouse behind "
                "the west gap, and kept the last in his head at the works.\nThe spillway is "
                "crawling with them. Take the tunnel.\nIf you are reading this, I did not make "
                "it. Go."
            ),
        )
        self.point(
            "Intel",
            "farm-radio",
            11,
            11,
            knowledge="intel:gate-code-2",
            title="Farmhouse radio log: the code's third figure is 7",
            text=(
                "Dam works, Halvorsen. They came up through the culverts. For whoever holds the "
                "beach: the service door's third figure is 7. The first two are with your "
                "command; the last I'll chalk by the door if I live. Nobody goes down the "
                "spillway and comes back."
            ),
        )
        # The demolition charge, in the bunker's back room: the one thing that can end the Omega.
        self.point("Explosive", "charge", 105, 39)
        self.rect("Exit", "to-the-dam", ROAD[0] - 1, 0, ROAD[1] + 1, 0, map="dam.tmx", spawn="road")

    def place_collision(self) -> None:
        """The sea's edge as one smooth polygon (seaward of every walkable tile), and the map's
        border just outside its edges, so nothing is knocked or chased off the map."""
        water_top = []
        for x in range(W):
            y = H
            while y > 0 and (self.ground[y - 1][x] in WATER or self.solid(x, y - 1)):
                y -= 1
            water_top.append(max(y, self.sea_top[x]))
        step = 8
        outline: list[tuple[float, float]] = []
        for k in range(0, W + 1, step):
            near = water_top[max(0, k - step // 2) : min(W, k + step // 2 + 1)]
            outline.append((k * T, max(near) * T))
        top = min(y for _, y in outline)
        points = [(px, py - top) for px, py in outline]
        points += [(W * T, H * T - top), (0, H * T - top)]
        self.add("Water", "sea", 0, top, points=points)
        self.objects[-1]["layer"] = "collision"
        for name, x, y, w, h in (
            ("border-north", -T, -T, (W + 2) * T, T),
            ("border-south", -T, H * T, (W + 2) * T, T),
            ("border-west", -T, 0, T, H * T),
            ("border-east", W * T, 0, T, H * T),
        ):
            self.add("Wall", name, x, y, w, h)
            self.objects[-1]["layer"] = "collision"


# --- checks ----------------------------------------------------------------------------------


def reachable(level: Beachhead, start: tuple[int, int]) -> list[list[bool]]:
    seen = [[False] * W for _ in range(H)]
    queue = deque([start])
    seen[start[1]][start[0]] = True
    while queue:
        x, y = queue.popleft()
        for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            if level.inside(nx, ny) and not seen[ny][nx] and not level.blocked(nx, ny):
                seen[ny][nx] = True
                queue.append((nx, ny))
    return seen


def check(level: Beachhead) -> None:
    start = next(o for o in level.objects if o["cls"] == "PlayerStart")
    seen = reachable(level, (int(start["x"] // T), int(start["y"] // T)))
    for o in level.objects:
        if o["cls"] in ("Wall", "Water"):
            continue
        cx = o["x"] + o["w"] / 2
        cy = o["y"] + o["h"] / 2
        tx, ty = int(cx // T), int(cy // T)
        if not seen[ty][tx]:
            raise SystemExit(f"{o['cls']} {o['name']!r} at tile {tx},{ty} cannot be reached")


# --- writing ---------------------------------------------------------------------------------


def number(value: float) -> str:
    value = float(value)
    return str(int(value)) if value == int(value) else repr(round(value, 4))


def property_xml(member_type: str, enum: str, name: str, value: object) -> str:
    attrs = f"name={quoteattr(name)}"
    if member_type == "enum":
        attrs += f" propertytype={quoteattr(enum)}"
    elif member_type != "string":
        attrs += f' type="{member_type}"'
    if member_type == "bool":
        text = "true" if value else "false"
    elif member_type in ("int", "object"):
        text = str(int(value))
    elif member_type == "float":
        text = number(value)
    else:
        text = str(value)
    if "\n" in text:
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return f"<property {attrs}>{escaped}</property>"
    return f"<property {attrs} value={quoteattr(text)}/>"


def object_xml(o: dict, schema) -> list[str]:
    attrs = f'id="{o["id"]}"'
    if o["name"]:
        attrs += f" name={quoteattr(o['name'])}"
    attrs += f' type="{o["cls"]}" x="{number(o["x"])}" y="{number(o["y"])}"'
    if o["w"] or o["h"]:
        attrs += f' width="{number(o["w"])}" height="{number(o["h"])}"'
    class_type = schema.class_type(o["cls"])
    if class_type is None:
        raise SystemExit(f"class {o['cls']} is not in the schema")
    props = []
    for key in sorted(o["props"]):
        member = class_type.member(key)
        if member is None:
            raise SystemExit(f"{o['cls']} has no member {key}")
        value = member.cast(o["props"][key])
        if value != member.default:  # Tiled leaves properties at their default unsaved
            props.append(property_xml(member.type, member.enum, key, value))
    shape = None
    if o["points"]:
        pts = " ".join(f"{number(px)},{number(py)}" for px, py in o["points"])
        shape = f'<polygon points="{pts}"/>'
    elif not (o["w"] or o["h"]):
        shape = "<point/>"
    if not props and shape is None:
        return [f"  <object {attrs}/>"]
    lines = [f"  <object {attrs}>"]
    if props:
        lines.append("   <properties>")
        lines += [f"    {p}" for p in props]
        lines.append("   </properties>")
    if shape:
        lines.append(f"   {shape}")
    lines.append("  </object>")
    return lines


def layer_xml(layer_id: int, name: str, grid: list[list[str | None]]) -> list[str]:
    """A CSV tile layer; the grid holds tile names (None: empty)."""
    height, width = len(grid), len(grid[0])
    rows = [",".join(str(INDEX[c] + 1) if c else "0" for c in row) for row in grid]
    return [
        f' <layer id="{layer_id}" name="{name}" width="{width}" height="{height}">',
        '  <data encoding="csv">',
        ",\n".join(rows),
        "</data>",
        " </layer>",
    ]


def write_map(path: Path, title: str, level, music: str = "") -> None:
    """Write a campaign map as Tiled 1.10 would: the ground, obstacles and decor tile layers,
    then the collision and gameplay object groups, properties only where they differ from the
    schema's defaults. `level` has `ground`, `obstacles`, `decor` (grids of tile names) and
    `objects` (dicts with layer, id, name, cls, x, y, w, h, points, props)."""
    schema = load_schema(PROJECT)
    objects = level.objects
    height, width = len(level.ground), len(level.ground[0])
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<map version="1.10" tiledversion="1.10.2" orientation="orthogonal" '
        f'renderorder="right-down" width="{width}" height="{height}" tilewidth="{T}" '
        f'tileheight="{T}" infinite="0" nextlayerid="6" '
        f'nextobjectid="{max(o["id"] for o in objects) + 1}">',
        " <properties>",
        *([f'  <property name="music" type="file" value={quoteattr(music)}/>'] if music else []),
        f'  <property name="title" value={quoteattr(title)}/>',
        " </properties>",
        ' <tileset firstgid="1" source="beach.tsx"/>',
    ]
    lines += layer_xml(1, "ground", level.ground)
    lines += layer_xml(2, "obstacles", level.obstacles)
    lines += layer_xml(3, "decor", level.decor)
    for layer_id, name in ((4, "collision"), (5, "gameplay")):
        lines.append(f' <objectgroup id="{layer_id}" name="{name}">')
        for o in objects:
            if o["layer"] == name:
                lines += object_xml(o, schema)
        lines.append(" </objectgroup>")
    lines.append("</map>")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    level = Beachhead(SEED)
    level.build()
    check(level)
    write_map(OUT, TITLE, level, music=MUSIC)
    counts: dict[str, int] = {}
    for o in level.objects:
        counts[o["cls"]] = counts.get(o["cls"], 0) + 1
    print(f"wrote {OUT.relative_to(ROOT)}: {W}x{H} tiles, objects {counts}")


if __name__ == "__main__":
    main()

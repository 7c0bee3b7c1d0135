"""Frozen level data: everything the simulation and the renderer need from a map, and nothing else.

Owns the plain, immutable shapes a loaded map is turned into. Built by `game.level.loader` from a
Tiled map; read by `game.sim` (collision, spawns, triggers, objects) and `game.render` (tile
layers). Must not import pygame, pytmx or anything that touches files: a LevelData is pure data, so
the day can be rebuilt from it at every loop without going back to disk.

Coordinates are map pixels, origin top-left, y down, exactly as in Tiled.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

Point = tuple[float, float]
PropertyValue = bool | int | float | str


def point_in_polygon(points, px: float, py: float) -> bool:
    """Whether (px, py) lies inside the polygon `points` (even-odd rule, as Tiled fills it)."""
    inside = False
    j = len(points) - 1
    for i in range(len(points)):
        xi, yi = points[i]
        xj, yj = points[j]
        if (yi > py) != (yj > py) and px < (xj - xi) * (py - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def polygon_cells(
    points, tile_w: float, tile_h: float, columns: range, rows: range
) -> Iterator[tuple[int, int]]:
    """The cells (tx, ty) of `columns` x `rows` whose centre lies inside the polygon: exactly the
    cells for which `point_in_polygon(points, (tx + 0.5) * tile_w, (ty + 0.5) * tile_h)` holds,
    found by a scanline fill instead of a test per cell. Each edge gives its crossing x on each
    row it spans, worked out with the very expression point_in_polygon uses, so the two agree to
    the last bit; a cell is inside when an odd number of crossings lie to its right (px < x)."""
    if not rows or not columns:
        return
    first_row, last_row = rows.start, rows.stop - 1
    crossings: dict[int, list[float]] = {}
    j = len(points) - 1
    for i in range(len(points)):
        xi, yi = points[i]
        xj, yj = points[j]
        j = i
        if yi == yj:
            continue  # (yi > py) != (yj > py) never holds for a level edge
        low, high = (yi, yj) if yi < yj else (yj, yi)
        # Rows whose centre py = (ty + 0.5) * tile_h may lie in [low, high); one more either side
        # so that rounding here can never miss one (the exact test below decides).
        start = max(first_row, math.floor(low / tile_h - 0.5) - 1)
        stop = min(last_row, math.ceil(high / tile_h - 0.5) + 1)
        for ty in range(start, stop + 1):
            py = (ty + 0.5) * tile_h
            if (yi > py) != (yj > py):
                crossings.setdefault(ty, []).append((xj - xi) * (py - yi) / (yj - yi) + xi)
    for ty in rows:
        xs = crossings.get(ty)
        if not xs:
            continue
        xs.sort()
        count, passed = len(xs), 0
        for tx in columns:
            px = (tx + 0.5) * tile_w
            while passed < count and xs[passed] <= px:
                passed += 1
            if (count - passed) & 1:
                yield tx, ty


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float

    def contains(self, px: float, py: float) -> bool:
        return self.x <= px < self.x + self.width and self.y <= py < self.y + self.height

    @property
    def center(self) -> Point:
        return (self.x + self.width / 2, self.y + self.height / 2)


@dataclass(frozen=True)
class MapObject:
    """One Tiled object, its class resolved from `type` or `class` and its properties with defaults
    from the schema filled in.

    `points` is the absolute outline of a polygon object, or empty for points and rectangles.
    """

    id: int
    name: str
    cls: str
    x: float
    y: float
    width: float = 0.0
    height: float = 0.0
    points: tuple[Point, ...] = ()
    properties: tuple[tuple[str, PropertyValue], ...] = ()
    layer: str = ""

    def prop(self, key: str, default: PropertyValue | None = None) -> PropertyValue | None:
        for name, value in self.properties:
            if name == key:
                return value
        return default

    @property
    def is_point(self) -> bool:
        return not self.points and self.width == 0 and self.height == 0

    @property
    def center(self) -> Point:
        if self.points:
            xs = [p[0] for p in self.points]
            ys = [p[1] for p in self.points]
            return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
        return (self.x + self.width / 2, self.y + self.height / 2)

    @property
    def outline(self) -> tuple[Point, ...]:
        """The object's area as a polygon (rectangles become four corners, points are empty)."""
        if self.points:
            return self.points
        if self.width and self.height:
            x, y, w, h = self.x, self.y, self.width, self.height
            return ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
        return ()

    def contains(self, px: float, py: float) -> bool:
        """Whether a map point lies inside this object's area (even-odd rule for polygons)."""
        if not self.points:
            # Rect.contains, without making a Rect: the day asks its Triggers and Exits each tick.
            x, y = self.x, self.y
            return x <= px < x + self.width and y <= py < y + self.height
        return point_in_polygon(self.points, px, py)


@dataclass(frozen=True)
class Tileset:
    """A tileset as the renderer needs it: where its image is and how tiles are cut from it."""

    firstgid: int
    name: str
    image_path: str  # absolute path to the image file
    tile_width: int
    tile_height: int
    columns: int
    tile_count: int
    margin: int = 0
    spacing: int = 0


@dataclass(frozen=True)
class TileLayer:
    """A visible tile layer: global tile ids row by row (0 = empty), flip flags stripped."""

    name: str
    gids: tuple[tuple[int, ...], ...]
    opacity: float = 1.0


# The ground a tile can be made of (its `surface` property), each with footsteps of its own.
SURFACES = ("sand", "dirt", "concrete", "metal", "wood", "water")


@dataclass(frozen=True)
class LevelData:
    path: str  # absolute path of the .tmx file
    content_hash: str  # hash of the map and every file it uses; replays pin it
    title: str
    width: int  # in tiles
    height: int
    tile_width: int
    tile_height: int
    # Static collision: solid tiles merged into few rectangles, plus Wall/Water objects.
    solid_rects: tuple[Rect, ...]
    water_rects: tuple[Rect, ...]
    wall_polygons: tuple[tuple[Point, ...], ...]
    water_polygons: tuple[tuple[Point, ...], ...]
    # Speed factor per tile, row-major (width * height), 1.0 where the ground does not slow.
    slow_factors: tuple[float, ...]
    # Every schema object, in map order (layer order, then object order).
    objects: tuple[MapObject, ...]
    tile_layers: tuple[TileLayer, ...] = ()
    tilesets: tuple[Tileset, ...] = ()
    music: str = ""  # absolute path, or empty
    properties: tuple[tuple[str, PropertyValue], ...] = field(default=())
    # Absolute paths of every file the map uses besides itself (tilesets, their images,
    # templates), for hot reload; the map's own path is `path`.
    dependencies: tuple[str, ...] = ()
    # What the ground is made of, per tile, row-major: the tile property `surface` of the top-most
    # tile that has one (a decoration overlay without it keeps what lies beneath). A byte per
    # cell, indexing surface_names (whose 0 is "": no tile names one). Only footsteps read it;
    # the simulation never does.
    surface_names: tuple[str, ...] = ("",)
    surface_cells: bytes = b""

    @property
    def pixel_width(self) -> int:
        return self.width * self.tile_width

    @property
    def pixel_height(self) -> int:
        return self.height * self.tile_height

    # The indexes are built on first use and kept with the (frozen) level: the simulation asks
    # for Exits every tick and the renderer for drills every frame.
    @cached_property
    def _by_class(self) -> dict[str, tuple[MapObject, ...]]:
        index: dict[str, list[MapObject]] = {}
        for o in self.objects:
            index.setdefault(o.cls, []).append(o)
        return {cls: tuple(objects) for cls, objects in index.items()}

    @cached_property
    def _by_id(self) -> dict[int, MapObject]:
        index: dict[int, MapObject] = {}
        for o in self.objects:
            index.setdefault(o.id, o)  # the first, as a scan would find it
        return index

    def objects_of(self, cls: str) -> tuple[MapObject, ...]:
        return self._by_class.get(cls, ())

    def object_by_id(self, object_id: int) -> MapObject | None:
        return self._by_id.get(object_id)

    def player_start(self, name: str = "") -> MapObject:
        starts = self.objects_of("PlayerStart")
        for s in starts:
            if s.name == name:
                return s
        return starts[0]

    def surface_at(self, px: float, py: float) -> str:
        """The surface under a point ("" off the map or where no tile names one)."""
        tx = int(px // self.tile_width)
        ty = int(py // self.tile_height)
        if self.surface_cells and 0 <= tx < self.width and 0 <= ty < self.height:
            return self.surface_names[self.surface_cells[ty * self.width + tx]]
        return ""

    @property
    def surfaces(self) -> tuple[str, ...]:
        """Every cell's surface, row-major (for tools and tests: costs a tuple of the map's
        size, so the game asks surface_at instead)."""
        names = self.surface_names
        return tuple(names[i] for i in self.surface_cells)

    def slow_at(self, px: float, py: float) -> float:
        tx = int(px // self.tile_width)
        ty = int(py // self.tile_height)
        if 0 <= tx < self.width and 0 <= ty < self.height:
            return self.slow_factors[ty * self.width + tx]
        return 1.0

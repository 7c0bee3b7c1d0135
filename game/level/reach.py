"""Where Cage can walk: the tile cells of a loaded map reachable on foot from a point.

Owns the validator's walkability model: a cell is blocked when a solid or water tile covers it or
when its centre lies inside a `Wall` or `Water` object; Cage moves between the four neighbouring
cells. Gates count as open (the knowledge that opens them is checked apart). A coarse but honest
model: Cage (radius 12 px) fits through any one-tile gap. Pure: reads only LevelData; must not
import pytmx, pygame or the simulation.
"""

from __future__ import annotations

from collections import deque

from game.level.data import LevelData, MapObject, polygon_cells

Cell = tuple[int, int]


def blocked_cells(level: LevelData) -> bytearray:
    """Row-major flags, one per tile cell: 1 where Cage cannot stand."""
    width, height = level.width, level.height
    tile_w, tile_h = level.tile_width, level.tile_height
    blocked = bytearray(width * height)
    for rect in (*level.solid_rects, *level.water_rects):
        x0, y0 = int(rect.x) // tile_w, int(rect.y) // tile_h
        for ty in range(y0, min(height, y0 + int(rect.height) // tile_h)):
            for tx in range(x0, min(width, x0 + int(rect.width) // tile_w)):
                blocked[ty * width + tx] = 1
    for obj in level.objects:
        if obj.cls in ("Wall", "Water") and obj.points:
            # A scanline fill: the cells whose centre obj.contains(), without a test per cell.
            cells = cells_of(level, obj)
            if cells:
                columns = range(cells[0][0], cells[-1][0] + 1)
                rows = range(cells[0][1], cells[-1][1] + 1)
                for tx, ty in polygon_cells(obj.points, tile_w, tile_h, columns, rows):
                    blocked[ty * width + tx] = 1
        elif obj.cls in ("Wall", "Water") and obj.outline:
            for tx, ty in cells_of(level, obj):
                if obj.contains((tx + 0.5) * tile_w, (ty + 0.5) * tile_h):
                    blocked[ty * width + tx] = 1
    return blocked


def cells_of(level: LevelData, obj: MapObject) -> list[Cell]:
    """The cells an object's bounding box touches, clipped to the map (a point: its own cell)."""
    outline = obj.outline or ((obj.x, obj.y),)
    xs = [p[0] for p in outline]
    ys = [p[1] for p in outline]
    x0 = max(0, int(min(xs) // level.tile_width))
    y0 = max(0, int(min(ys) // level.tile_height))
    x1 = min(level.width - 1, int((max(xs) - 1e-6) // level.tile_width))
    y1 = min(level.height - 1, int((max(ys) - 1e-6) // level.tile_height))
    if not obj.outline:
        x1, y1 = max(x0, x1), max(y0, y1)
    return [(x, y) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1)]


def cell_at(level: LevelData, px: float, py: float) -> Cell:
    return int(px // level.tile_width), int(py // level.tile_height)


def reachable(level: LevelData, starts: list[Cell], blocked: bytearray | None = None) -> set[Cell]:
    """Every cell Cage can walk to from any of `starts` (starts on blocked cells reach nothing)."""
    width, height = level.width, level.height
    blocked = blocked if blocked is not None else blocked_cells(level)
    seen: set[Cell] = set()
    queue: deque[Cell] = deque()
    for x, y in starts:
        if 0 <= x < width and 0 <= y < height and not blocked[y * width + x]:
            seen.add((x, y))
            queue.append((x, y))
    while queue:
        x, y = queue.popleft()
        for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            inside = 0 <= nx < width and 0 <= ny < height
            if inside and (nx, ny) not in seen and not blocked[ny * width + nx]:
                seen.add((nx, ny))
                queue.append((nx, ny))
    return seen

"""The walkable grid's scanline fill marks exactly the cells the old test per cell marked.

The flow field (Mimics), the route bot's navigator and the validator's reach model all fill Wall and
Water polygons into tile grids. They used a point-in-polygon test per cell of each polygon's box,
which 20 polygons of 1,024 points turned into a start-up of minutes; the scanline fill must give
the same grid, cell for cell, for the shipped maps (else every replay would change) and for any
polygon.
"""

from __future__ import annotations

import math
import random

import pytest

from game.level.campaign import resolve_level
from game.level.data import LevelData, point_in_polygon, polygon_cells
from game.level.loader import load_level
from game.level.reach import blocked_cells, cells_of
from game.sim.flow import blocked_grid


def old_blocked_grid(level: LevelData) -> bytearray:
    """game.sim.flow.blocked_grid as it was: a point-in-polygon test per cell."""
    w, h = level.width, level.height
    tw, th = level.tile_width, level.tile_height
    grid = bytearray(w * h)

    def block(x0, y0, x1, y1, outline=None):
        for ty in range(max(0, int(y0 // th)), min(h, math.ceil(y1 / th))):
            for tx in range(max(0, int(x0 // tw)), min(w, math.ceil(x1 / tw))):
                if outline is None or point_in_polygon(outline, (tx + 0.5) * tw, (ty + 0.5) * th):
                    grid[ty * w + tx] = 1

    for rect in (*level.solid_rects, *level.water_rects):
        block(rect.x, rect.y, rect.x + rect.width, rect.y + rect.height)
    for outline in (*level.wall_polygons, *level.water_polygons):
        xs, ys = [p[0] for p in outline], [p[1] for p in outline]
        block(min(xs), min(ys), max(xs), max(ys), outline)
    return grid


def old_blocked_cells(level: LevelData) -> bytearray:
    """game.level.reach.blocked_cells as it was."""
    width, height = level.width, level.height
    tile_w, tile_h = level.tile_width, level.tile_height
    blocked = bytearray(width * height)
    for rect in (*level.solid_rects, *level.water_rects):
        x0, y0 = int(rect.x) // tile_w, int(rect.y) // tile_h
        for ty in range(y0, min(height, y0 + int(rect.height) // tile_h)):
            for tx in range(x0, min(width, x0 + int(rect.width) // tile_w)):
                blocked[ty * width + tx] = 1
    for obj in level.objects:
        if obj.cls in ("Wall", "Water") and obj.outline:
            for tx, ty in cells_of(level, obj):
                if obj.contains((tx + 0.5) * tile_w, (ty + 0.5) * tile_h):
                    blocked[ty * width + tx] = 1
    return blocked


@pytest.mark.parametrize("name", ["beachhead", "dam"])
def test_the_campaign_maps_grids_are_unchanged_cell_for_cell(name):
    level = load_level(resolve_level(name))
    assert level.wall_polygons or level.water_polygons  # the polygons are really exercised
    assert bytes(blocked_grid(level)) == bytes(old_blocked_grid(level))
    assert bytes(blocked_cells(level)) == bytes(old_blocked_cells(level))


def _random_polygon(rng: random.Random, tile: int) -> list[tuple[float, float]]:
    kind = rng.randrange(4)
    n = rng.randint(3, 40)
    if kind == 0:  # anything at all, self-crossing included
        return [(rng.uniform(-50, 700), rng.uniform(-50, 500)) for _ in range(n)]
    if kind == 1:  # on the half-tile grid: vertices and edges exactly on cell centres
        return [(rng.randint(-2, 40) * tile / 2, rng.randint(-2, 30) * tile / 2) for _ in range(n)]
    if kind == 2:  # a star around a point, as Tiled ellipses and rocks are drawn
        cx, cy, r = rng.uniform(0, 600), rng.uniform(0, 400), rng.uniform(5, 200)
        return [
            (
                cx + r * rng.uniform(0.3, 1) * math.cos(2 * math.pi * k / n),
                cy + r * rng.uniform(0.3, 1) * math.sin(2 * math.pi * k / n),
            )
            for k in range(n)
        ]
    # whole pixels, with repeated points and level edges
    points = [(float(rng.randint(0, 640)), float(rng.randint(0, 480))) for _ in range(n)]
    points.insert(rng.randrange(len(points)), points[0])
    points.append((points[-1][0] + 37, points[-1][1]))
    return points


def test_random_polygons_fill_exactly_the_cells_a_test_per_cell_finds():
    rng = random.Random(1234)
    for _ in range(400):
        tile = rng.choice((8, 16, 32, 17))
        tile_h = rng.choice((tile, 32, 13))
        points = _random_polygon(rng, tile)
        columns = range(rng.randint(-3, 2), rng.randint(5, 45))
        rows = range(rng.randint(-3, 2), rng.randint(5, 40))
        expected = {
            (tx, ty)
            for ty in rows
            for tx in columns
            if point_in_polygon(points, (tx + 0.5) * tile, (ty + 0.5) * tile_h)
        }
        found = list(polygon_cells(points, tile, tile_h, columns, rows))
        assert len(found) == len(set(found))
        assert set(found) == expected, points


def test_twenty_polygons_of_1024_points_fill_a_map_and_agree_with_the_old_test():
    """The issue's map: 20 polygons of 1,024 points over 120x80 tiles (the old fill made about
    200 million edge tests). Checked against the old test on a sample of rows."""
    rng = random.Random(7)
    polygons = []
    for _ in range(20):
        cx, cy = rng.uniform(500, 3300), rng.uniform(500, 2000)
        polygons.append(
            [
                (
                    cx + 900 * math.cos(2 * math.pi * k / 1024) * rng.uniform(0.8, 1),
                    cy + 900 * math.sin(2 * math.pi * k / 1024) * rng.uniform(0.8, 1),
                )
                for k in range(1024)
            ]
        )
    for index, points in enumerate(polygons):
        found = set(polygon_cells(points, 32, 32, range(120), range(80)))
        assert found
        ty = (index * 7) % 80
        expected = {tx for tx in range(120) if point_in_polygon(points, tx * 32 + 16, ty * 32 + 16)}
        assert {tx for tx, y in found if y == ty} == expected

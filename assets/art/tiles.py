"""The beach tileset: every ground, water, obstacle and decal tile, painted in the layout of
`assets/tileset_spec.py`, and the `.tsx` that gives Tiled and the game their properties.

Owns levels/tiles/beach.png and levels/beach.tsx. Each tile is seeded by its own name, so editing
one never reshuffles another. Imports `palette`, `shapes`, `output` and `assets.tileset_spec`;
it must not import `soldiers`, `mimics`, `fx` or `scenes`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from pathlib import PurePosixPath

import pygame

from assets import tileset_spec

from .output import TILESET_PNG, TILESET_TSX, Files, png_bytes, text_bytes
from .palette import (
    ASPHALT,
    BONE,
    BRASS,
    BUNKER,
    CONCRETE,
    DAM,
    DIRT,
    FOAM,
    GRASS,
    HULL,
    ICHOR,
    KHAKI,
    MUD,
    OLIVE_GREEN,
    OUTLINE,
    PINE,
    RESERVOIR,
    RGB,
    ROCK,
    RUST,
    SAND,
    SAND_DARK,
    SAND_WET,
    SCORCH,
    SEA,
    SEED,
    STEEL,
    TURQ,
    WOOD,
    Shape,
    blend,
    clamp,
    darken,
    dithered,
    fill,
    hexrgb,
    mix,
    new_surface,
    put,
    ramp,
)
from .shapes import (
    bounds,
    capsule,
    chain,
    ellipse,
    glow,
    pixel_grid,
    polygon,
    rect,
    ring,
    rotate_points,
    shade,
    shift,
    splat_shape,
)

# --------------------------------------------------------------------------------------------
# Tileset
# --------------------------------------------------------------------------------------------

T = tileset_spec.TILE_SIZE


class TileNoise:
    """Smooth value noise that wraps every tile.

    The lattice points on the tile's border come from a seed shared by a whole family of tiles
    (all the sands, all the waters), so any two tiles of a family meet without a seam, while the
    interior points differ per tile and give each variant its own patches.
    """

    def __init__(self, rng: random.Random, family: int, cells: int = 4) -> None:
        shared = random.Random(family)
        self.cells = cells
        self.step = T / cells
        self.grid = [[0.0] * cells for _ in range(cells)]
        for j in range(cells):
            for i in range(cells):
                self.grid[j][i] = shared.uniform(-1, 1)
        for j in range(1, cells):
            for i in range(1, cells):
                self.grid[j][i] = rng.uniform(-1, 1)

    def at(self, x: float, y: float) -> float:
        gx, gy = (x % T) / self.step, (y % T) / self.step
        i0, j0 = int(gx), int(gy)
        fx, fy = gx - i0, gy - j0
        fx, fy = fx * fx * (3 - 2 * fx), fy * fy * (3 - 2 * fy)
        c = self.cells
        g = self.grid
        a = g[j0 % c][i0 % c] + (g[j0 % c][(i0 + 1) % c] - g[j0 % c][i0 % c]) * fx
        b = g[(j0 + 1) % c][i0 % c] + (g[(j0 + 1) % c][(i0 + 1) % c] - g[(j0 + 1) % c][i0 % c]) * fx
        return a + (b - a) * fy


def ground(rng, pal, base, family, amp=0.7, grain=0.14, cells=4) -> pygame.Surface:
    """A seamless ground: gentle dithered patches plus single-pixel grain."""
    s = new_surface(T, T)
    noise = TileNoise(rng, family, cells)
    for y in range(T):
        for x in range(T):
            level = base + noise.at(x, y) * amp
            roll = rng.random()
            if roll < grain / 2:
                level -= 1
            elif roll < grain:
                level += 1
            s.set_at((x, y), dithered(pal, level, x, y, rng.random()))
    return s


def wrap_put(surf, x, y, color) -> None:
    surf.set_at((x % T, y % T), color)


def wrap_darken(surf, x, y, amount, tint=(20, 12, 10)) -> None:
    darken(surf, x % T, y % T, amount, tint)


def pebble(surf, rng, x, y, pal, size=None, shadow=True, wrap=False) -> None:
    """A small stone: shaded lump with a cast shadow to the bottom-right."""
    w = size or rng.choice([2, 2, 3, 3, 4])
    h = max(2, w - rng.choice([0, 1]))
    body = ellipse(x + w / 2, y + h / 2, w / 2 + 0.3, h / 2 + 0.3)
    if shadow:
        for px, py in ring(body):
            if (px - 1, py - 1) in body and (px, py) not in body:
                if wrap:
                    wrap_darken(surf, px, py, 0.35)
                else:
                    darken(surf, px, py, 0.35)
    tmp = new_surface(T + 8, T + 8)
    shade(tmp, shift(body, 4, 4), pal, "sphere")
    for px, py in body:
        c = tmp.get_at((px + 4, py + 4))
        if wrap:
            wrap_put(surf, px, py, c)
        else:
            put(surf, px, py, c)


def specks(surf, rng, count, colors, margin=2) -> None:
    for _ in range(count):
        x, y = rng.randrange(margin, T - margin), rng.randrange(margin, T - margin)
        put(surf, x, y, rng.choice(colors))


def sand_tile(rng, variant: int) -> pygame.Surface:
    s = ground(rng, SAND, 2.55, family=11, amp=0.55, grain=0.16)
    if variant == 1:  # pebbles and shell bits
        for _ in range(3):
            pebble(
                surf=s,
                rng=rng,
                x=rng.randrange(3, 26),
                y=rng.randrange(3, 26),
                pal=ROCK[2:],
                size=2,
            )
        specks(s, rng, 3, [hexrgb("#f4e6d6"), hexrgb("#e8cfc0")], margin=3)
    elif variant == 2:  # wind ripples: a light crest over a dark trough, short and curved
        for _ in range(4):
            x0, y0 = rng.randrange(2, 14), rng.randrange(4, 28)
            length = rng.randrange(9, 16)
            phase = rng.uniform(0, math.tau)
            for i in range(length):
                x = x0 + i
                y = y0 + round(1.2 * math.sin(phase + i * 0.45))
                if 1 <= x < T - 1 and 1 <= y < T - 2:
                    fade = 0 < i < length - 1
                    put(s, x, y, SAND[4] if fade else SAND[3])
                    put(s, x, y + 1, SAND[1] if fade else SAND[2])
        specks(s, rng, 2, [SAND[0]])
    else:
        specks(s, rng, 2, [SAND[0], hexrgb("#f4e6d6")])
    return s


def wet_sand_tile(rng) -> pygame.Surface:
    s = ground(rng, SAND_WET, 2.4, family=12, amp=0.6, grain=0.12)
    sheen = [hexrgb("#a7a99a"), hexrgb("#c4c8bc"), hexrgb("#8f9488")]
    # Glossy streaks run along the shore (horizontal) and wrap, so they continue across tiles.
    for _ in range(7):
        x0, y = rng.randrange(T), rng.randrange(T)
        length = rng.randrange(4, 12)
        for i in range(length):
            c = sheen[1] if 1 < i < length - 2 else sheen[0]
            wrap_put(s, x0 + i, y, c)
            if rng.random() < 0.3:
                wrap_put(s, x0 + i, y + 1, sheen[2])
    return s


def dark_sand_tile(rng) -> pygame.Surface:
    s = ground(rng, SAND_DARK, 2.3, family=13, amp=0.6, grain=0.18)
    for _ in range(3):
        pebble(s, rng, rng.randrange(3, 26), rng.randrange(3, 26), ROCK)
    return s


def scorched_tile(rng) -> pygame.Surface:
    s = ground(rng, SAND, 2.2, family=11, amp=0.55, grain=0.16)
    noise = TileNoise(rng, 99, cells=4)
    burnt = ramp("#171210", "#221a15", "#31251c", "#463528", "#5f4835", "#7f6448")
    for y in range(T):
        for x in range(T):
            d = math.hypot(x + 0.5 - 16, y + 0.5 - 16) / 14.5
            v = 1.0 - d + noise.at(x, y) * 0.35
            if v > 0.08:
                # Deep char in the middle, a brown singed halo where it meets the sand.
                level = 5.2 - v * 7.0 + (rng.random() - 0.5) * 0.9
                s.set_at((x, y), dithered(burnt, level, x, y))
    specks(s, rng, 10, [burnt[0], burnt[1]], margin=1)
    specks(s, rng, 3, [hexrgb("#8a8580")], margin=6)  # ash flecks
    return s


def grass_tuft(surf, rng, cx, cy, blades, reach) -> None:
    """Dune grass from above: stiff blades radiating from a clump, each casting a shadow."""
    strokes = [(rng.uniform(0, math.tau), rng.uniform(reach * 0.5, reach)) for _ in range(blades)]
    for ang, length in strokes:
        for k in range(1, int(length) + 1):
            x = cx + round(math.cos(ang) * k)
            y = cy + round(math.sin(ang) * k * 0.8)
            wrap_darken(surf, x + 1, y + 1, 0.25)
    for ang, length in strokes:
        steps = int(length)
        for k in range(steps + 1):
            x = cx + round(math.cos(ang) * k)
            y = cy + round(math.sin(ang) * k * 0.8)
            t = k / max(1, steps)
            # Tips are paler (dry, sunlit); blades leaning into the light are a step brighter.
            idx = 1 + round(t * 3) + (1 if math.cos(ang) + math.sin(ang) < -0.5 else 0)
            wrap_put(surf, x, y, GRASS[int(clamp(idx, 0, len(GRASS) - 1))])
    wrap_put(surf, cx, cy, GRASS[0])


def grass_tile(rng, dense: bool) -> pygame.Surface:
    s = ground(rng, SAND, 2.3, family=11, amp=0.55, grain=0.16)
    if dense:
        # Between the tufts the sand is matted with dry runners: sparse green-brown strokes.
        for _ in range(60):
            x, y = rng.randrange(T), rng.randrange(T)
            c = rng.choice([GRASS[2], GRASS[3], SAND_DARK[2], GRASS[1]])
            wrap_put(s, x, y, c)
            wrap_put(s, x + 1, y, c)
    count = 11 if dense else 5
    for _ in range(count):
        grass_tuft(s, rng, rng.randrange(T), rng.randrange(T), rng.randrange(7, 11), 5.5)
    return s


def dirt_tile(rng) -> pygame.Surface:
    s = ground(rng, DIRT, 2.3, family=15, amp=0.7, grain=0.2)
    for _ in range(5):
        pebble(s, rng, rng.randrange(2, 27), rng.randrange(2, 27), ROCK[1:])
    for _ in range(4):  # clods: a lighter crest with a dark under-side
        x, y = rng.randrange(3, 28), rng.randrange(3, 28)
        put(s, x, y, DIRT[4])
        put(s, x + 1, y, DIRT[3])
        put(s, x, y + 1, DIRT[0])
        put(s, x + 1, y + 1, DIRT[0])
    return s


def road_tile(rng, line: bool) -> pygame.Surface:
    s = ground(rng, ASPHALT, 2.3, family=16, amp=0.4, grain=0.35)
    specks(s, rng, 14, [ASPHALT[5], hexrgb("#7a7568")], margin=0)
    # A hairline of patched tar; kept inside the tile so tiles still meet cleanly.
    x, y = rng.randrange(4, 12), rng.randrange(6, 26)
    for _ in range(14):
        put(s, x, y, ASPHALT[0])
        x += 1
        y += rng.choice([-1, 0, 0, 1])
        y = int(clamp(y, 2, 29))
    if line:
        paint = [hexrgb("#b39a3e"), hexrgb("#d9bf52"), hexrgb("#ecd978")]
        for x in range(4, 28):
            for y in (14, 15, 16):
                if rng.random() < 0.08 and 5 < x < 26:
                    continue  # worn paint shows the asphalt through
                c = paint[2] if y == 14 else paint[1] if y == 15 else paint[0]
                put(s, x, y, c if rng.random() > 0.15 else paint[0])
    return s


def concrete_tile(rng, cracked: bool) -> pygame.Surface:
    s = ground(rng, CONCRETE, 2.6, family=17, amp=0.45, grain=0.2)
    # Slab joints on the top and left edge only: tiled, they form a regular slab grid.
    for i in range(T):
        s.set_at((i, 0), CONCRETE[0])
        s.set_at((0, i), CONCRETE[0])
        s.set_at((i, 1), CONCRETE[4])
        s.set_at((1, i), CONCRETE[4])
    specks(s, rng, 10, [CONCRETE[1], CONCRETE[0]], margin=3)  # pores
    if cracked:
        x, y = 5.0, 6.0
        points = []
        for _ in range(12):
            points.append((x, y))
            x += rng.uniform(1.2, 2.4)
            y += rng.uniform(0.2, 2.2)
        for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
            steps = int(max(abs(bx - ax), abs(by - ay))) + 1
            for k in range(steps + 1):
                px = round(ax + (bx - ax) * k / steps)
                py = round(ay + (by - ay) * k / steps)
                if 2 <= px < T - 1 and 2 <= py < T - 1:
                    put(s, px, py, CONCRETE[0])
                    put(s, px + 1, py + 1, CONCRETE[5])
        # A branch and a chipped hole where the cracks meet.
        bx, by = points[5]
        for k in range(7):
            put(s, round(bx) - k // 2, round(by) + k, CONCRETE[0])
        chip = ellipse(points[8][0], points[8][1], 2.2, 1.6)
        fill(s, chip, CONCRETE[1])
        fill(s, {p for p in chip if (p[0] + 1, p[1] + 1) not in chip}, CONCRETE[4])
        fill(s, {p for p in chip if (p[0] - 1, p[1] - 1) not in chip}, CONCRETE[0])
    return s


def deck_tile(rng) -> pygame.Surface:
    s = ground(rng, STEEL, 1.8, family=18, amp=0.3, grain=0.08)
    # Diamond tread plate: raised two-pixel lozenges, alternating direction on a 4px grid,
    # each lit on its top-left pixel with a dark pixel of shadow below-right.
    for gy in range(3, T - 1, 4):
        for gx in range(3, T - 1, 4):
            if (gx // 4 + gy // 4) % 2:
                put(s, gx, gy, STEEL[4])
                put(s, gx + 1, gy + 1, STEEL[3])
                put(s, gx + 2, gy + 2, STEEL[0])
            else:
                put(s, gx + 1, gy, STEEL[4])
                put(s, gx, gy + 1, STEEL[3])
                put(s, gx + 1, gy + 2, STEEL[0])
    for i in range(T):  # plate seams
        s.set_at((i, 0), STEEL[0])
        s.set_at((0, i), STEEL[0])
        s.set_at((i, 1), STEEL[5])
        s.set_at((1, i), STEEL[5])
    for rx, ry in ((3, 3), (28, 3), (3, 28), (28, 28), (16, 3), (16, 28)):
        pixel_grid(s, rx - 1, ry - 1, ["ab", "bc"], {"a": STEEL[5], "b": STEEL[3], "c": STEEL[0]})
    # Rust creeping from a rivet and scuffs from boots.
    for _ in range(6):
        put(s, 28 + rng.randrange(-2, 3), 29 + rng.randrange(-1, 2), RUST[3])
    for _ in range(3):
        x, y = rng.randrange(4, 24), rng.randrange(5, 26)
        for k in range(rng.randrange(3, 7)):
            put(s, x + k, y, STEEL[4])
    return s


def planks_tile(rng) -> pygame.Surface:
    s = new_surface(T, T)
    for board in range(4):
        y0 = board * 8
        tone = rng.uniform(-0.5, 0.5)
        joint = rng.randrange(6, 26)
        for y in range(y0, y0 + 8):
            for x in range(T):
                level = 2.6 + tone + math.sin((x + board * 13) * 0.35 + y * 1.7) * 0.35
                if rng.random() < 0.1:
                    level -= 1
                s.set_at((x, y), dithered(WOOD, level, x, y))
        # Grain streaks run along the board.
        for _ in range(4):
            gx, gy = rng.randrange(T), rng.randrange(y0 + 2, y0 + 7)
            for k in range(rng.randrange(5, 14)):
                wrap_put(s, gx + k, gy, WOOD[1])
        for x in range(T):
            s.set_at((x, y0), WOOD[0])  # gap between boards
            s.set_at((x, y0 + 1), WOOD[4])  # lit top edge of the board
        for y in range(y0 + 1, y0 + 8):
            s.set_at((joint, y), WOOD[0])
            s.set_at((joint + 1, y), WOOD[4])
        for nx in (joint - 2, joint + 3):
            put(s, nx, y0 + 3, STEEL[4])
            put(s, nx, y0 + 6, STEEL[4])
    return s


def gravel_tile(rng) -> pygame.Surface:
    s = ground(rng, DIRT, 1.6, family=19, amp=0.3, grain=0.2)
    stone_pals = [
        ROCK[1:],
        ROCK[:-1],
        CONCRETE[:-1],
        ramp("#4e4338", "#675a4b", "#82735f", "#9c8d77"),
    ]
    for _ in range(70):
        pebble(s, rng, rng.randrange(T), rng.randrange(T), rng.choice(stone_pals), wrap=True)
    return s


def crater_tile(rng) -> pygame.Surface:
    s = ground(rng, SAND, 2.3, family=11, amp=0.55, grain=0.16)
    noise = TileNoise(rng, 98, cells=4)
    pal = ramp(
        "#130f0d", "#1f1814", "#2f241c", "#433327", "#5c4735", "#7c6449", "#a08562", "#c1a67c"
    )
    for y in range(T):
        for x in range(T):
            dx, dy = x + 0.5 - 16, y + 0.5 - 16
            r = math.hypot(dx, dy) + noise.at(x, y) * 1.6
            if r > 15.5:
                continue
            facing = (dx * -0.7 + dy * -0.7) / max(r, 0.01)  # >0: slope on the top-left side
            if r < 7:
                level = 1.0 + (r / 7) * 0.8 + rng.uniform(-0.4, 0.4)
            elif r < 12:
                # Inner wall: the top-left wall faces away from the light, the far wall catches it.
                level = 3.0 - facing * 1.8 + (r - 7) * 0.15
            else:
                # Raised rim of thrown sand: its outer slope faces the light on the top-left.
                level = 5.6 + facing * 1.2 - (r - 12) * 0.25
            s.set_at((x, y), dithered(pal, level, x, y))
    specks(s, rng, 8, [pal[0], pal[2]], margin=3)
    return s


def churned_tile(rng) -> pygame.Surface:
    s = ground(rng, SAND_DARK, 2.6, family=13, amp=0.8, grain=0.25)
    for _ in range(10):  # clods thrown up by shelling
        x, y = rng.randrange(T), rng.randrange(T)
        wrap_put(s, x, y, SAND[4])
        wrap_put(s, x + 1, y, SAND[3])
        wrap_put(s, x, y + 1, SAND_DARK[0])
        wrap_put(s, x + 1, y + 1, SAND_DARK[0])
    for _ in range(14):
        wrap_put(s, rng.randrange(T), rng.randrange(T), SCORCH[rng.randrange(3)])
    return s


def mud_tile(rng) -> pygame.Surface:
    s = ground(rng, MUD, 2.4, family=20, amp=0.9, grain=0.12)
    wet = TileNoise(rng, 97, cells=4)
    murk = ramp("#1c1a16", "#2a2a25", "#3b3d37", "#5a5e56")
    for y in range(T):
        for x in range(T):
            if wet.at(x, y) > 0.4:  # standing water in the ruts, reflecting a grey sky
                if wet.at(x, y - 1) <= 0.4:
                    c = murk[0]  # the bank's shadow on the water
                elif wet.at(x, y + 1) <= 0.4:
                    c = MUD[5]  # lit wet lip
                else:
                    c = dithered(murk, 1.2 + (wet.at(x, y) - 0.4) * 5, x, y)
                s.set_at((x, y), c)
    for _ in range(8):  # glossy highlights on wet ridges
        x, y = rng.randrange(T), rng.randrange(T)
        wrap_put(s, x, y, hexrgb("#8a8a80"))
        wrap_put(s, x + 1, y, MUD[5])
    return s


def water_field(rng, pal, base, family, amp, x, y, noise) -> RGB:
    return dithered(pal, base + noise.at(x, y) * amp, x, y)


def shallows_tile(rng, surf_lines: bool) -> pygame.Surface:
    sand_noise = TileNoise(rng, 11)
    caustic = TileNoise(rng, 21, cells=4)
    caustic2 = TileNoise(rng, 22, cells=2)
    s = new_surface(T, T)
    for y in range(T):
        for x in range(T):
            # The sand bed shows through the water: its grain still drives the colour.
            level = 2.4 + sand_noise.at(x, y) * 0.6 + (0.7 if rng.random() < 0.08 else 0)
            c = caustic.at(x, y) + caustic2.at(x * 1.0, y) * 0.5
            if abs(c) < 0.09:
                level += 1.6  # caustic light ridge
            if surf_lines:
                level -= 0.6
            s.set_at((x, y), dithered(TURQ, level, x, y))
    if surf_lines:
        for band, (y0, amp, phase) in enumerate(((8, 2.0, 0.0), (22, 1.5, 2.0))):
            for x in range(T):
                y = y0 + round(amp * math.sin(x * math.tau / T * (band + 1) + phase))
                wrap_put(s, x, y, FOAM[2])
                wrap_put(s, x, y - 1, FOAM[1])
                if (x * 7 + band) % 5 < 2:
                    wrap_put(s, x, y + 1, FOAM[0])
                if (x * 11 + band * 3) % 9 == 0:  # bubbles left behind the line
                    wrap_put(s, x, y + 3, FOAM[1])
                    wrap_put(s, x + 2, y + 4, FOAM[0])
    return s


def sea_tile(rng, variant: int) -> pygame.Surface:
    noise = TileNoise(rng, 23, cells=4)
    s = new_surface(T, T)
    base = 2.4 if variant == 0 else 2.6
    for y in range(T):
        for x in range(T):
            s.set_at((x, y), dithered(SEA, base + noise.at(x, y) * 0.9, x, y))
    # Wave crests: a bright curl over a darker trough, wrapping so the swell continues.
    count = 5 if variant == 0 else 6
    for _ in range(count):
        x0, y0 = rng.randrange(T), rng.randrange(T)
        length = rng.randrange(5, 10)
        for i in range(length):
            arc = -1 if 1 < i < length - 2 else 0
            top = SEA[6] if 2 < i < length - 2 else SEA[5]
            wrap_put(s, x0 + i, y0 + arc, top)
            wrap_put(s, x0 + i, y0 + arc + 1, SEA[1])
    for _ in range(6 if variant else 3):
        wrap_put(s, rng.randrange(T), rng.randrange(T), SEA[5])
    return s


def reservoir_tile(rng) -> pygame.Surface:
    noise = TileNoise(rng, 24, cells=2)
    s = new_surface(T, T)
    for y in range(T):
        for x in range(T):
            s.set_at((x, y), dithered(RESERVOIR, 2.2 + noise.at(x, y) * 0.6, x, y))
    for _ in range(5):  # long, flat ripples: still water
        x0, y0 = rng.randrange(T), rng.randrange(T)
        for i in range(rng.randrange(6, 14)):
            wrap_put(s, x0 + i, y0, RESERVOIR[4])
            wrap_put(s, x0 + i + 1, y0 + 1, RESERVOIR[0])
    return s


def rubble_tile(rng) -> pygame.Surface:
    s = ground(rng, SAND_DARK, 2.0, family=13, amp=0.5, grain=0.25)
    for _ in range(9):
        cx, cy = rng.uniform(3, 29), rng.uniform(3, 29)
        pts = []
        n = rng.randrange(5, 7)
        size = rng.uniform(2.0, 4.5)
        for k in range(n):
            a = k / n * math.tau + rng.uniform(-0.3, 0.3)
            r = size * rng.uniform(0.6, 1.1)
            pts.append((cx + math.cos(a) * r, cy + math.sin(a) * r))
        chunk = {p for p in polygon(pts) if 0 <= p[0] < T and 0 <= p[1] < T}
        for px, py in chunk:
            darken(s, px + 1, py + 1, 0.45)
        shade(s, chunk, CONCRETE, "flat", bias=rng.uniform(-0.15, 0.1), sep=CONCRETE[0])
    for _ in range(3):  # twisted rebar
        x, y = rng.randrange(4, 24), rng.randrange(4, 28)
        for k in range(rng.randrange(4, 8)):
            put(s, x + k, y + round(math.sin(k * 0.9)), RUST[2])
        put(s, x, y, RUST[4])
    specks(s, rng, 10, [CONCRETE[3], CONCRETE[1]], margin=0)
    return s


def tracks_band(surf, y0, height, alpha_shadow=0.35, transparent=False) -> None:
    """Tank/APC tread: a pressed band with cross ridges every 3px, lit on the top-left."""
    for x in range(T):
        ridge = x % 4
        for y in range(y0, y0 + height):
            if transparent:
                if ridge == 0:
                    blend(surf, x, y, (30, 20, 12), 0.38)
                elif ridge == 1:
                    blend(surf, x, y, (255, 240, 210), 0.16)
                else:
                    blend(surf, x, y, (30, 20, 12), 0.18)
            else:
                amount = alpha_shadow if ridge == 0 else 0.12 if ridge != 1 else -1
                if amount < 0:
                    r, g, b, a = surf.get_at((x, y))
                    surf.set_at((x, y), (*mix((r, g, b), (255, 240, 210), 0.18), a))
                else:
                    darken(surf, x, y, amount)


def sand_tracks_tile(rng) -> pygame.Surface:
    s = ground(rng, SAND, 2.5, family=11, amp=0.55, grain=0.16)
    tracks_band(s, 5, 6)
    tracks_band(s, 21, 6)
    for y in (4, 20):  # pushed-up sand along the outer edges of the treads
        for x in range(T):
            put(s, x, y, SAND[4] if x % 3 else SAND[3])
    return s


def grate_tile(rng) -> pygame.Surface:
    s = new_surface(T, T)
    for y in range(T):
        for x in range(T):
            s.set_at((x, y), dithered(STEEL, 2.6, x, y))
    deep = hexrgb("#0b0d0e")
    for x0 in range(3, 29, 4):
        for y0, y1 in ((3, 14), (18, 29)):
            for y in range(y0, y1):
                put(s, x0, y, deep)
                put(s, x0 + 1, y, hexrgb("#161a1c") if y > y0 + 1 else deep)
            for x in (x0, x0 + 1):
                put(s, x, y0 - 1, STEEL[1])  # slot's shadowed top lip
                put(s, x, y1, STEEL[5])  # lit lower lip
    for i in range(T):
        for y in (0, 31):
            s.set_at((i, y), STEEL[0] if y == 31 else STEEL[5])
        for x in (0, 31):
            s.set_at((x, i), STEEL[0] if x == 31 else STEEL[5])
    for rx, ry in ((2, 2), (29, 2), (2, 29), (29, 29)):
        put(s, rx, ry, STEEL[5])
    return s


def floor_metal_tile(rng) -> pygame.Surface:
    pal = ramp("#363c42", "#434a51", "#515961", "#606972", "#737d86", "#8b959e")
    s = ground(rng, pal, 2.5, family=25, amp=0.35, grain=0.08)
    for i in range(T):
        s.set_at((i, 0), pal[0])
        s.set_at((0, i), pal[0])
        s.set_at((i, 1), pal[5])
        s.set_at((1, i), pal[5])
        s.set_at((16, i), pal[0])
        s.set_at((17, i), pal[4])
    for bx, by in ((4, 4), (13, 4), (4, 27), (13, 27), (20, 4), (28, 4), (20, 27), (28, 27)):
        pixel_grid(s, bx, by, ["ab", "bc"], {"a": pal[5], "b": pal[3], "c": pal[0]})
    for _ in range(4):  # scuffs
        x, y = rng.randrange(3, 26), rng.randrange(4, 28)
        for k in range(rng.randrange(3, 7)):
            put(s, x + k, y - k // 3, pal[4])
    return s


def floor_tile_tile(rng) -> pygame.Surface:
    s = new_surface(T, T)
    pal = ramp("#5b5f5a", "#6d726b", "#80857d", "#939890", "#a7aca3")
    grout = hexrgb("#3a3d3a")
    for ty in range(2):
        for tx in range(2):
            tone = rng.uniform(-0.6, 0.5)
            for y in range(16):
                for x in range(16):
                    px, py = tx * 16 + x, ty * 16 + y
                    level = 2.2 + tone + (0.6 if rng.random() < 0.07 else 0)
                    c = dithered(pal, level, px, py)
                    if x == 0 or y == 0:
                        c = grout
                    elif x == 1 or y == 1:
                        c = pal[4]
                    elif x == 15 or y == 15:
                        c = pal[0]
                    s.set_at((px, py), c)
    # A chipped corner and a stain make the grid look used.
    pixel_grid(s, 17, 17, ["xx.", "x.."], {"x": grout})
    for _ in range(12):
        darken(s, 6 + rng.randrange(6), 20 + rng.randrange(6), 0.25, (30, 28, 20))
    return s


def moss_tile(rng) -> pygame.Surface:
    s = ground(rng, BUNKER, 2.4, family=26, amp=0.4, grain=0.18)
    moss = ramp("#1f2c17", "#2b3d1d", "#3a5124", "#4d682d", "#66833a")
    noise = TileNoise(rng, 96, cells=4)
    for y in range(T):
        for x in range(T):
            v = noise.at(x, y) + rng.uniform(-0.25, 0.25)
            if v > -0.15:
                s.set_at((x, y), dithered(moss, 1.6 + v * 2.4, x, y))
    return s


def puddle_tile(rng) -> pygame.Surface:
    s = ground(rng, SAND_DARK, 2.3, family=13, amp=0.6, grain=0.18)
    noise = TileNoise(rng, 95, cells=4)
    sky = ramp("#3b4a52", "#4f6169", "#6a7e84", "#9aaeb0")
    water: Shape = set()
    for y in range(T):
        for x in range(T):
            d = math.hypot((x + 0.5 - 16) / 12, (y + 0.5 - 16) / 9)
            if d + noise.at(x, y) * 0.3 < 1:
                water.add((x, y))
    for p in ring(water, diagonal=True):
        darken(s, p[0], p[1], 0.35)  # damp rim
    for x, y in water:
        # The sky reflects brighter toward the far (top) edge of the puddle.
        level = 1.4 + (16 - y) / 12 + (0.8 if rng.random() < 0.05 else 0)
        s.set_at((x, y), dithered(sky, level, x, y))
    for x, y in water:
        if (x, y - 1) not in water:
            put(s, x, y, sky[0])  # the bank's shadow on the water
        elif (x, y + 1) not in water:
            put(s, x, y, sky[3])  # lit lip on the near side
    return s


# Row 2: obstacles. Each is a full opaque tile: the object standing on sand, shadow cast to the
# bottom-right, so a wall of them reads as raised against the open ground.


def cast_shadow(surf, shape: Shape, dx=2, dy=2, amount=0.45) -> None:
    for x, y in shift(shape, dx, dy):
        if (x, y) not in shape:
            darken(surf, x, y, amount)


def block_courses(surf, rng, pal, course_h, block_w, weather: bool) -> None:
    """Concrete blocks laid in staggered courses, each block bevelled and slightly different."""
    for row, y0 in enumerate(range(0, T, course_h)):
        offset = (block_w // 2) * (row % 2)
        for x0 in range(-offset, T, block_w):
            tone = rng.uniform(-0.5, 0.5)
            for y in range(y0, y0 + course_h):
                for x in range(max(0, x0), min(T, x0 + block_w)):
                    level = 2.6 + tone + (0.8 if rng.random() < 0.06 else 0)
                    level -= 0.9 if rng.random() < 0.06 else 0
                    c = dithered(pal, level, x, y)
                    if y == y0 or x == x0:
                        c = pal[0]
                    elif y == y0 + 1 or x == x0 + 1:
                        c = pal[-1]
                    elif y == y0 + course_h - 1 or x == x0 + block_w - 1:
                        c = pal[1]
                    surf.set_at((x, y), c)
    if weather:
        # Water stains run down from the joints; a few chips.
        for _ in range(5):
            x, y = rng.randrange(T), rng.randrange(0, T, course_h) + 2
            for k in range(rng.randrange(3, 9)):
                darken(surf, x, y + k, 0.2, (30, 34, 30))
        for _ in range(4):
            x, y = rng.randrange(3, 29), rng.randrange(3, 29)
            put(surf, x, y, pal[0])
            put(surf, x + 1, y + 1, pal[-1])


def seawall_tile(rng) -> pygame.Surface:
    s = new_surface(T, T)
    block_courses(s, rng, CONCRETE, 8, 16, weather=True)
    seaweed = [hexrgb("#2f3d22"), hexrgb("#465a2c")]
    for x in range(T):  # tide line: algae at the foot of the wall
        for y in range(28, 32):
            if rng.random() < (y - 27) / 5:
                s.set_at((x, y), rng.choice(seaweed))
    return s


def seawall_top_tile(rng) -> pygame.Surface:
    s = ground(rng, CONCRETE, 3.0, family=27, amp=0.35, grain=0.18)
    for x in range(T):
        s.set_at((x, 0), CONCRETE[1])
        for y in range(24, T):  # the lip: a raised kerb on the seaward side
            c = CONCRETE[5] if y == 24 else CONCRETE[4] if y < 27 else CONCRETE[2]
            if y == 27:
                c = CONCRETE[1]
            if y >= 28:
                c = dithered(CONCRETE, 1.6 if y < 30 else 1.0, x, y)
            s.set_at((x, y), c)
        s.set_at((x, 23), CONCRETE[0])  # shadow of the lip on the top face
    for x in range(0, T, 16):  # expansion joints
        for y in range(T):
            s.set_at((x, y), CONCRETE[0])
            put(s, x + 1, y, CONCRETE[5])
    specks(s, rng, 8, [CONCRETE[1]], margin=3)
    return s


def bunker_wall_tile(rng) -> pygame.Surface:
    s = ground(rng, BUNKER, 2.6, family=28, amp=0.4, grain=0.2)
    for y in range(2, T, 6):  # formwork board imprints
        for x in range(T):
            if rng.random() < 0.7:
                s.set_at((x, y), BUNKER[1])
    # Firing slit: a deep black gap with a bevelled concrete frame around it.
    for y in range(11, 19):
        for x in range(4, 28):
            c = hexrgb("#070707")
            if y == 11:
                c = BUNKER[0]
            elif y == 12:
                c = hexrgb("#121210")
            s.set_at((x, y), c)
    for x in range(3, 29):
        s.set_at((x, 10), BUNKER[5])
        s.set_at((x, 19), BUNKER[5])
        s.set_at((x, 20), BUNKER[1])
    for y in range(10, 21):
        s.set_at((3, y), BUNKER[5])
        s.set_at((28, y), BUNKER[1])
    for x in (2, 29, 15):  # rebar stubs
        put(s, x, 25, RUST[3])
        put(s, x, 26, RUST[1])
    for _ in range(6):  # scorch and chips
        darken(s, rng.randrange(T), rng.randrange(22, T), 0.4)
    return s


def sandbags_tile(rng) -> pygame.Surface:
    s = ground(rng, SAND, 2.3, family=11, amp=0.55, grain=0.16)
    rows = [(1, 0), (11, 5), (21, 0)]
    for y0, x_off in rows:
        bags = []
        for x0 in range(-x_off - 2, T, 11):
            bag = ellipse(x0 + 5.5 + rng.uniform(-0.4, 0.4), y0 + 5, 6.0, 4.6)
            bags.append(bag)
        for bag in bags:
            cast_shadow(s, bag, 1, 2, 0.5)
        for bag in bags:
            shade(s, {p for p in bag if 0 <= p[0] < T and 0 <= p[1] < T}, KHAKI, sep=KHAKI[0])
            x0, y0b, x1, y1b = bounds(bag)
            for y in range(y0b + 2, y1b - 1):  # tied-off ends
                put(s, x0 + 1, y, KHAKI[1])
                put(s, x1 - 1, y, KHAKI[1])
            for x in range(x0 + 3, x1 - 2, 2):  # stitched seam
                put(s, x, (y0b + y1b) // 2 + 1, KHAKI[2])
    return s


def beam_shape(p0, p1, width) -> Shape:
    return capsule(p0, p1, width / 2, width / 2)


def hedgehog_tile(rng) -> pygame.Surface:
    s = ground(rng, SAND, 2.4, family=11, amp=0.55, grain=0.16)
    beams = [((4, 5), (27, 27)), ((27, 4), (5, 27)), ((16, 2), (16, 30))]
    whole: Shape = set()
    for a, b in beams:
        whole |= beam_shape(a, b, 4.2)
    cast_shadow(s, whole, 4, 3, 0.5)
    for a, b in beams:
        beam = beam_shape(a, b, 4.2)
        shade(s, beam, RUST, "flat", sep=RUST[0])
        # The I-beam's web: a dark line down the middle with a lit flange beside it.
        steps = int(max(abs(b[0] - a[0]), abs(b[1] - a[1])))
        for k in range(steps + 1):
            x = round(a[0] + (b[0] - a[0]) * k / steps)
            y = round(a[1] + (b[1] - a[1]) * k / steps)
            put(s, x, y, RUST[1])
            if (x - 1, y - 1) in beam:
                put(s, x - 1, y - 1, RUST[4])
    for _ in range(14):  # flaking rust and bare steel glints
        x, y = rng.choice(sorted(whole))
        put(s, x, y, rng.choice([RUST[5], RUST[2], STEEL[4]]))
    # Centre plate where the beams are riveted together.
    shade(s, ellipse(16, 16, 3.2, 3.2), STEEL, "sphere", sep=OUTLINE)
    put(s, 15, 15, STEEL[5])
    return s


def wreck_tile(rng, variant: int) -> pygame.Surface:
    s = scorched_tile(random.Random(rng.random()))
    metal = ramp("#1a1818", "#2a2726", "#3d3936", "#54504b", "#6f6a63", "#8c867d")
    pieces: list[Shape] = []
    if variant == 0:
        # A torn fuselage panel and a bent spar.
        pieces.append(polygon([(3, 8), (20, 3), (29, 12), (24, 22), (12, 26), (5, 19)]))
        pieces.append(polygon([(14, 14), (30, 20), (28, 28), (10, 29)]))
        spar = capsule((2, 27), (18, 12), 1.6) | capsule((18, 12), (27, 2), 1.4)
    else:
        # An engine nacelle: a ribbed cylinder lying on its side, with a ripped fin.
        pieces.append(ellipse(15, 17, 13, 8, 0.35))
        pieces.append(polygon([(2, 3), (12, 6), (9, 12), (1, 11)]))
        spar = capsule((19, 27), (30, 22), 1.5)
    whole = set().union(*pieces) | spar
    whole = {p for p in whole if 0 <= p[0] < T and 0 <= p[1] < T}
    cast_shadow(s, whole, 3, 3, 0.55)
    for i, piece in enumerate(pieces):
        piece = {p for p in piece if 0 <= p[0] < T and 0 <= p[1] < T}
        shade(s, piece, metal, "sphere" if variant and i == 0 else "flat", sep=OUTLINE)
    shade(s, {p for p in spar if 0 <= p[0] < T and 0 <= p[1] < T}, STEEL, "flat", sep=OUTLINE)
    if variant == 1:
        for k in range(-3, 4):  # cooling ribs around the nacelle
            for t in range(-7, 8):
                ang = 0.35
                x = 15 + k * 3 * math.cos(ang) - t * math.sin(ang)
                y = 17 + k * 3 * math.sin(ang) + t * math.cos(ang)
                if (round(x), round(y)) in pieces[0] and abs(t) < 7 - abs(k) * 0.4:
                    put(s, round(x), round(y), metal[1])
        shade(
            s, ellipse(23, 20, 3.5, 3.0, 0.35), ramp("#0c0a0a", "#1a1515", "#2a2221"), sep=OUTLINE
        )
    # Rust blooms, soot, and a few embers still glowing.
    inside = sorted(whole)
    for _ in range(40):
        x, y = rng.choice(inside)
        put(s, x, y, rng.choice([RUST[3], RUST[4], RUST[2], metal[0], metal[0]]))
    for _ in range(4):
        x, y = rng.choice(inside)
        put(s, x, y, hexrgb("#ff8a2a"))
        put(s, x + 1, y, hexrgb("#c0401a"))
    for _ in range(5):  # rivet rows on the panels
        x, y = rng.choice(inside)
        put(s, x, y, metal[5])
    return s


def rock_tile(rng) -> pygame.Surface:
    s = ground(rng, SAND, 2.4, family=11, amp=0.55, grain=0.16)
    body = ellipse(15, 15, 12.5, 10.5) | ellipse(20, 20, 9, 8) | ellipse(9, 19, 7, 7)
    body = {p for p in body if 1 <= p[0] < 31 and 1 <= p[1] < 31}
    cast_shadow(s, body, 2, 2, 0.55)
    shade(s, body, ROCK, "sphere", radii=(14, 13), centre=(16, 17))
    # Facets and cracks: a few lines with a lit lower edge read as a hard, broken surface.
    for (ax, ay), (bx, by) in (((8, 9), (14, 15)), ((14, 15), (13, 24)), ((14, 15), (24, 12))):
        steps = int(max(abs(bx - ax), abs(by - ay)))
        for k in range(steps + 1):
            x = round(ax + (bx - ax) * k / steps)
            y = round(ay + (by - ay) * k / steps)
            if (x, y) in body and (x + 1, y + 1) in body:
                put(s, x, y, ROCK[0])
                put(s, x + 1, y + 1, ROCK[3])
    for _ in range(10):
        x, y = rng.choice(sorted(body))
        put(s, x, y, rng.choice([ROCK[4], ROCK[1], hexrgb("#5b6a3a")]))
    for p in ring(body):
        if 0 <= p[0] < T and 0 <= p[1] < T:
            put(s, p[0], p[1], OUTLINE)
    return s


def crate_tile(rng) -> pygame.Surface:
    s = ground(rng, SAND, 2.4, family=11, amp=0.55, grain=0.16)
    box = rect(4, 5, 24, 21)
    cast_shadow(s, box, 3, 3, 0.55)
    for y in range(5, 26):
        for x in range(4, 28):
            board = (y - 5) // 7
            level = 2.7 + math.sin(x * 0.5 + board * 2) * 0.3 - (0.8 if rng.random() < 0.08 else 0)
            c = dithered(WOOD, level, x, y)
            if (y - 5) % 7 == 0:
                c = WOOD[1]
            s.set_at((x, y), c)
    for x in range(4, 28):  # frame
        for y in (5, 6, 24, 25):
            s.set_at((x, y), WOOD[5] if y == 5 else WOOD[4] if y == 6 else WOOD[1])
    for y in range(5, 26):
        for x in (4, 5, 26, 27):
            s.set_at((x, y), WOOD[5] if x == 4 else WOOD[4] if x == 5 else WOOD[1])
    for bx, by in ((4, 5), (25, 5), (4, 23), (25, 23)):  # steel corner caps
        pixel_grid(s, bx, by, ["ab", "bc", ".."], {"a": STEEL[5], "b": STEEL[3], "c": STEEL[1]})
    # Stencilled marking: a yellow band and a block of "text".
    paint = hexrgb("#d6b84a")
    for x in range(9, 23):
        put(s, x, 13, paint)
        put(s, x, 14, mix(paint, WOOD[2], 0.3))
    pixel_grid(s, 10, 17, ["x.x.xx.x", "xxx.x..x", "x.x.xx.x"], {"x": mix(paint, WOOD[3], 0.25)})
    for p in ring(box):
        put(s, p[0], p[1], OUTLINE)
    return s


def drum(surf, cx, cy, r, pal) -> Shape:
    body = ellipse(cx, cy, r, r)
    # A drum's top is a flat lid inside a rolled rim: flat colour, lit rim top-left.
    shade(surf, body, pal[1:5], "flat", bias=0.1)
    for p in body:
        if (p[0] - cx) + (p[1] - cy) < -r * 0.9:
            put(surf, p[0], p[1], pal[-1])
    inner = ellipse(cx, cy, r - 1.6, r - 1.6)
    for p in ring(inner):
        if p in body:
            lit = p[0] - cx + p[1] - cy > 0
            put(surf, p[0], p[1], pal[4] if lit else pal[0])
    for dx, dy in ((-r / 2.6, -r / 3.2), (r / 3, r / 3)):  # bungs
        bx, by = round(cx + dx), round(cy + dy)
        pixel_grid(surf, bx, by, ["ab", "bc"], {"a": STEEL[5], "b": STEEL[3], "c": pal[0]})
    return body


def barrels_tile(rng) -> pygame.Surface:
    s = ground(rng, SAND, 2.4, family=11, amp=0.55, grain=0.16)
    red = ramp("#3e1410", "#5e1d15", "#7f2a1c", "#a33b25", "#c25536", "#d8794f")
    olive = OLIVE_GREEN
    a = ellipse(10.5, 11, 7.5, 7.5)
    b = ellipse(21, 21, 7.5, 7.5)
    cast_shadow(s, a | b, 3, 3, 0.55)
    drum(s, 21, 21, 7.5, olive)
    for p in ring(b):
        put(s, p[0], p[1], OUTLINE)
    drum(s, 10.5, 11, 7.5, red)
    for p in ring(a):
        put(s, p[0], p[1], OUTLINE)
    for _ in range(8):  # chipped paint shows rust
        x, y = rng.choice(sorted(a | b))
        put(s, x, y, RUST[3])
    return s


def riveted_plates(surf, rng, pal, plate_w, plate_h, rivet: RGB) -> None:
    for y in range(T):
        for x in range(T):
            level = 2.6 + (0.7 if rng.random() < 0.05 else 0) - (0.7 if rng.random() < 0.05 else 0)
            level += ((x // plate_w + y // plate_h) % 2) * 0.35
            surf.set_at((x, y), dithered(pal, level, x, y))
    for y in range(0, T, plate_h):
        for x in range(T):
            surf.set_at((x, y), pal[0])
            put(surf, x, y + 1, pal[-1])
            if x % 4 == 2:
                put(surf, x, y + 3, rivet)
                put(surf, x + 1, y + 4, pal[0])
    for x in range(0, T, plate_w):
        for y in range(T):
            surf.set_at((x, y), pal[0])
            put(surf, x + 1, y, pal[-1])


def craft_hull_tile(rng) -> pygame.Surface:
    s = new_surface(T, T)
    riveted_plates(s, rng, HULL, 16, 16, HULL[5])
    for _ in range(4):  # rust runs from the rivet lines
        x, y = rng.randrange(T), rng.choice([4, 20])
        for k in range(rng.randrange(3, 8)):
            put(s, x, y + k, RUST[2] if k < 3 else RUST[1])
    for _ in range(3):
        x, y = rng.randrange(3, 28), rng.randrange(3, 28)
        put(s, x, y, HULL[5])
    return s


def dam_wall_tile(rng) -> pygame.Surface:
    s = ground(rng, DAM, 3.0, family=29, amp=0.35, grain=0.14)
    for x in range(0, T, 8):  # formwork panel lines
        for y in range(T):
            if rng.random() < 0.85:
                s.set_at((x, y), DAM[1])
    for y in (0, 16):
        for x in range(T):
            s.set_at((x, y), DAM[0])
            s.set_at((x, y + 1), DAM[5])
    for _ in range(6):  # long water stains
        x, y = rng.randrange(T), rng.randrange(2, 10)
        for k in range(rng.randrange(8, 20)):
            darken(s, x, y + k, 0.18, (40, 42, 38))
    for hx, hy in ((8, 8), (24, 24)):  # tie-rod holes from the formwork
        put(s, hx, hy, DAM[0])
        put(s, hx + 1, hy + 1, DAM[5])
    return s


def machinery_tile(rng) -> pygame.Surface:
    s = floor_metal_tile(rng)
    housing = ramp("#263238", "#33434a", "#44575e", "#587076", "#708a8f", "#93aaad")
    body = rect(2, 3, 28, 26)
    cast_shadow(s, body, 2, 2, 0.5)
    shade(s, body, housing, "flat")
    # Turbine intake: a round grille with radial blades.
    fan = ellipse(11, 15, 7.5, 7.5)
    shade(s, fan, ramp("#0e1315", "#1a2225", "#263236"), "sphere", sep=OUTLINE)
    for k in range(6):
        ang = k / 6 * math.tau + 0.3
        for r in range(2, 7):
            put(
                s,
                round(11 + math.cos(ang + r * 0.12) * r),
                round(15 + math.sin(ang + r * 0.12) * r),
                housing[3],
            )
    shade(s, ellipse(11, 15, 1.8, 1.8), STEEL, "sphere")
    # Pipes leaving the housing to the east and two dials.
    for y0 in (6, 22):
        pipe = rect(19, y0, 13, 4)
        shade(s, pipe, ramp("#5a2a18", "#7e3c22", "#a0522c", "#c06a3a"), "flat", sep=OUTLINE)
    for dx, dy in ((24, 12), (24, 17)):
        dial = ellipse(dx, dy, 2.4, 2.4)
        fill(s, dial, hexrgb("#e6e2d2"))
        for p in ring(dial):
            put(s, p[0], p[1], OUTLINE)
        put(s, dx, dy - 1, hexrgb("#c03020"))
    for x in range(2, 30):  # hazard stripes along the base
        put(s, x, 28, hexrgb("#d8b030") if (x // 2) % 2 else hexrgb("#1a1a18"))
    for p in ring(body):
        put(s, p[0], p[1], OUTLINE)
    put(s, 28, 5, hexrgb("#50ff70"))  # status lamp
    return s


def pipe_tile(rng) -> pygame.Surface:
    s = floor_metal_tile(rng)
    pal = ramp("#2a3034", "#38414a", "#4a5660", "#5e6c77", "#75848f", "#9aa8b2")
    for x in range(T):
        darken(s, x, 26, 0.5)
        darken(s, x, 27, 0.3)
        for y in range(6, 26):
            # A horizontal cylinder: brightest a third of the way down, dark at the bottom.
            t = (y - 6) / 19
            level = 4.4 - abs(t - 0.3) * 7 if t >= 0.3 else 4.4 - (0.3 - t) * 9
            c = dithered(pal, level, x, y)
            if y in (6, 25):
                c = OUTLINE
            s.set_at((x, y), c)
    for y in range(5, 27):  # flange with bolts
        for x in (13, 14, 15, 16):
            t = (y - 5) / 21
            c = pal[5] if x == 13 else pal[3] if x < 16 else pal[1]
            if t > 0.8:
                c = pal[1]
            s.set_at((x, y), c)
        s.set_at((12, y), OUTLINE)
        s.set_at((17, y), OUTLINE)
    for by in (8, 15, 22):
        put(s, 14, by, pal[5])
        put(s, 15, by, pal[0])
    return s


def cliff_tile(rng) -> pygame.Surface:
    s = new_surface(T, T)
    # Facets: a wrapped Voronoi of random points; each cell is a rock face with its own tilt.
    cells = [(rng.uniform(0, T), rng.uniform(0, T), rng.uniform(-1.2, 1.2)) for _ in range(11)]
    for y in range(T):
        for x in range(T):
            best, second, tilt = 1e9, 1e9, 0.0
            for cx, cy, t in cells:
                dx = min(abs(x - cx), T - abs(x - cx))
                dy = min(abs(y - cy), T - abs(y - cy))
                d = dx * dx + dy * dy
                if d < best:
                    best, second, tilt = d, best, t
                elif d < second:
                    second = d
            edge = math.sqrt(second) - math.sqrt(best)
            level = 2.5 + tilt + (0.6 if rng.random() < 0.1 else 0)
            if edge < 1.0:
                level = 0.2
            elif edge < 2.0:
                level += 1.2
            s.set_at((x, y), dithered(ROCK, level, x, y))
    return s


def tree_tile(rng) -> pygame.Surface:
    s = grass_tile(random.Random(rng.random()), dense=True)
    # Wind from the sea bends the crown east; its shadow falls bottom-right.
    clumps = [(12, 14, 8.5), (18, 12, 7.5), (20, 19, 7), (11, 21, 6.5), (24, 15, 5.5)]
    crown: Shape = set()
    for cx, cy, r in clumps:
        crown |= ellipse(cx, cy, r, r * 0.9)
    crown = {p for p in crown if 1 <= p[0] < 31 and 1 <= p[1] < 31}
    cast_shadow(s, crown, 3, 3, 0.6)
    for cx, cy, r in clumps:
        clump = {p for p in ellipse(cx, cy, r, r * 0.9) if 1 <= p[0] < 31 and 1 <= p[1] < 31}
        shade(s, clump, PINE, "sphere", sep=PINE[0])
    # Needle texture: short dark strokes and lit tips.
    for _ in range(70):
        x, y = rng.choice(sorted(crown))
        lit = (x - 16) + (y - 16) < 0
        put(s, x, y, PINE[5] if lit and rng.random() < 0.6 else PINE[1])
    # Ragged edge: break up the round outline with needle tufts.
    for x, y in sorted(ring(crown)):
        if 1 <= x < 31 and 1 <= y < 31 and rng.random() < 0.35:
            put(s, x, y, PINE[2])
    for p in ring(crown | {p for p in ring(crown) if s.get_at(p) == PINE[2]}):
        if 0 <= p[0] < T and 0 <= p[1] < T and rng.random() < 0.5:
            darken(s, p[0], p[1], 0.4)
    return s


# Row 3: decals. Transparent tiles laid over any ground; nothing here affects play.


def decal_outline(surf, color=(24, 18, 16, 200)) -> None:
    """A softer outline than sprites get: decals sit on the ground, they should not pop as much."""
    w, h = surf.get_size()
    solid = {(x, y) for y in range(h) for x in range(w) if surf.get_at((x, y))[3] >= 200}
    for x, y in ring(solid):
        if 0 <= x < w and 0 <= y < h and surf.get_at((x, y))[3] < 120:
            surf.set_at((x, y), color)


def soft_shadow(surf, shape: Shape, dx, dy, alpha=0.35) -> None:
    for x, y in shift(shape, dx, dy):
        if (
            (x, y) not in shape and surf.get_at((x, y))[3] == 0
            if 0 <= x < T and 0 <= y < T
            else False
        ):
            blend(surf, x, y, (20, 12, 8), alpha)


def debris_decal(rng) -> pygame.Surface:
    s = new_surface(T, T)
    for cx, cy, size, pal in (
        (9, 10, 4, CONCRETE),
        (22, 20, 3.5, STEEL),
        (13, 23, 2.5, RUST),
        (24, 8, 2.5, CONCRETE),
    ):
        pts = []
        n = 5
        for k in range(n):
            a = k / n * math.tau + rng.uniform(-0.4, 0.4)
            pts.append(
                (
                    cx + math.cos(a) * size * rng.uniform(0.6, 1.1),
                    cy + math.sin(a) * size * rng.uniform(0.6, 1.1),
                )
            )
        chunk = polygon(pts)
        soft_shadow(s, chunk, 1, 1, 0.4)
        shade(s, chunk, pal, "flat")
    plank = capsule((4, 28), (12, 17), 1.2)
    shade(s, plank, WOOD, "flat")
    for _ in range(8):
        put(
            s,
            rng.randrange(3, 29),
            rng.randrange(3, 29),
            rng.choice([CONCRETE[2], STEEL[2], RUST[3]]),
        )
    decal_outline(s)
    return s


def shells_decal(rng) -> pygame.Surface:
    s = new_surface(T, T)
    for _ in range(7):
        cx, cy = rng.uniform(6, 26), rng.uniform(6, 26)
        ang = rng.uniform(0, math.tau)
        case = capsule((cx, cy), (cx + math.cos(ang) * 3, cy + math.sin(ang) * 3), 1.0)
        soft_shadow(s, case, 1, 1, 0.45)
        shade(s, case, BRASS, "flat")
        put(s, round(cx), round(cy), BRASS[0])  # the open mouth of the casing
    return s


def bones_decal(rng) -> pygame.Surface:
    s = new_surface(T, T)
    for (ax, ay), (bx, by) in (((6, 9), (17, 14)), ((14, 22), (25, 19))):
        bone = capsule((ax, ay), (bx, by), 1.1)
        for ex, ey in ((ax, ay), (bx, by)):  # knobbly joint ends
            bone |= ellipse(ex + 0.5, ey - 0.8, 1.3, 1.3) | ellipse(ex - 0.5, ey + 0.8, 1.3, 1.3)
        soft_shadow(s, bone, 1, 1)
        shade(s, bone, BONE, "sphere")
    for k in range(4):  # ribs
        rib = chain([(20 + k * 2.5, 6), (21 + k * 2.5, 9), (20 + k * 2.5, 12)], 0.8, 0.6)
        shade(s, rib, BONE, "flat")
    decal_outline(s, (40, 32, 26, 160))
    return s


def ichor_decal(rng) -> pygame.Surface:
    s = new_surface(T, T)
    splat = {p for p in splat_shape(rng, 16, 16, 7) if 1 <= p[0] < 31 and 1 <= p[1] < 31}
    shade(s, splat, ICHOR[:4], "sphere", rim=False, bias=-0.15)
    for x, y in splat:
        if (x - 1, y - 1) not in splat and (x + 1, y + 1) in splat:
            put(s, x, y, ICHOR[4])  # wet sheen on the lit edge
    for _ in range(6):
        x, y = rng.choice(sorted(splat))
        put(s, x, y, ICHOR[6] if rng.random() < 0.4 else ICHOR[5])
    return s


def tracks_decal(rng) -> pygame.Surface:
    s = new_surface(T, T)
    tracks_band(s, 5, 6, transparent=True)
    tracks_band(s, 21, 6, transparent=True)
    tracks_band(s, 5, 6, transparent=True)  # twice: an overlay has to read on any ground
    tracks_band(s, 21, 6, transparent=True)
    return s


def arrow_decal(rng) -> pygame.Surface:
    s = new_surface(T, T)
    paint = hexrgb("#e8e0c8")
    arrow = polygon([(16, 3), (26, 14), (20, 14), (20, 29), (12, 29), (12, 14), (6, 14)])
    for x, y in arrow:
        if rng.random() < 0.12:
            continue  # worn by boots and sand
        blend(s, x, y, paint, 0.85 if rng.random() > 0.2 else 0.6)
    return s


def flag_decal(rng) -> pygame.Surface:
    s = new_surface(T, T)
    # Seen from a slightly raised camera: pole and shadow on the ground, cloth streaming east.
    for k in range(18):
        blend(s, 9 + k, 28 - k // 3, (20, 12, 8), 0.3)  # the pole's long dawn shadow
    pole = rect(8, 6, 2, 23)
    fill(s, pole, STEEL[3])
    fill(s, rect(8, 6, 1, 23), STEEL[5])
    cloth = ramp("#1f3560", "#2a4a86", "#3a63ad", "#5a86cc")
    for x in range(10, 26):
        wave = round(math.sin((x - 10) * 0.6) * 1.3)
        for y in range(7, 16):
            if x > 22 and (y + x) % 4 == 0:
                continue  # frayed end
            level = 2 + math.cos((x - 10) * 0.6) * 1.2
            put(s, x, y + wave, dithered(cloth, level, x, y))
    for x, y in ((16, 10), (15, 11), (16, 11), (17, 11), (16, 12)):  # a white emblem star
        put(s, x, y + round(math.sin((x - 10) * 0.6) * 1.3), hexrgb("#f0f0e8"))
    shade(s, ellipse(9, 5.5, 1.6, 1.6), BRASS, "sphere")
    put(s, 8, 29, STEEL[1])
    decal_outline(s)
    return s


def helmet_shape(cx, cy, r) -> Shape:
    return ellipse(cx, cy, r, r * 0.92)


def helmet_decal(rng) -> pygame.Surface:
    s = new_surface(T, T)
    shell = helmet_shape(15, 15, 7.5)
    brim = ellipse(15.5, 15.8, 9, 8.2)
    soft_shadow(s, brim, 2, 2, 0.45)
    shade(s, brim, OLIVE_GREEN[:4], "flat")
    shade(s, shell, OLIVE_GREEN, "sphere", sep=OLIVE_GREEN[0])
    for x, y in ((12, 12), (13, 12), (12, 13)):
        put(s, x, y, OLIVE_GREEN[5])
    for k in range(7):  # chin strap trailing on the sand
        put(s, 22 + k, 21 + k // 2, KHAKI[2])
    put(s, 17, 18, RUST[3])  # a dent
    decal_outline(s)
    return s


def rifle_shape(length, ang, ox, oy) -> tuple[Shape, Shape]:
    """A rifle seen from above, along `ang`: returns (metal, wooden stock)."""
    pts_metal = [
        (0, -1.3),
        (length * 0.75, -1.3),
        (length * 0.75, -0.6),
        (length, -0.6),
        (length, 0.6),
        (length * 0.75, 0.6),
        (length * 0.75, 1.3),
        (0, 1.3),
    ]
    metal = polygon(rotate_points(pts_metal, ang, offset=(ox, oy)))
    stock = polygon(
        rotate_points(
            [(-length * 0.35, -1.6), (0, -1.3), (0, 1.3), (-length * 0.35, 1.9)],
            ang,
            offset=(ox, oy),
        )
    )
    return metal, stock


def rifle_decal(rng) -> pygame.Surface:
    s = new_surface(T, T)
    metal, stock = rifle_shape(20, -0.55, 9, 22)
    mag = polygon(rotate_points([(6, 1), (9, 1), (9, 5), (6, 5)], -0.55, offset=(9, 22)))
    soft_shadow(s, metal | stock | mag, 1, 2, 0.45)
    shade(s, stock, WOOD, "flat")
    shade(s, mag, STEEL[:4], "flat")
    shade(s, metal, STEEL, "flat")
    decal_outline(s)
    return s


def shadow_decal(rng) -> pygame.Surface:
    s = new_surface(T, T)
    for y in range(T):
        for x in range(T):
            d = math.hypot((x + 0.5 - 16) / 14, (y + 0.5 - 16) / 11)
            if d < 1:
                alpha = (0.22, 0.34, 0.46)[min(2, int((1 - d) * 3.4))]
                s.set_at((x, y), (16, 10, 8, round(alpha * 255)))
    return s


def foam_decal(rng) -> pygame.Surface:
    s = new_surface(T, T)
    for band, (y0, amp) in enumerate(((10, 2.0), (20, 1.5))):
        for x in range(T):
            y = y0 + round(amp * math.sin(x * math.tau / T * (band + 1) + band))
            put(s, x, y, (*FOAM[2], 240))
            put(s, x, y - 1, (*FOAM[1], 170))
            if (x * 5 + band) % 7 < 3:
                put(s, x, y + 1, (*FOAM[0], 140))
            if (x * 13 + band) % 11 == 0:
                put(s, x + 1, y + 3, (*FOAM[1], 200))
    return s


def cracks_decal(rng) -> pygame.Surface:
    s = new_surface(T, T)
    for _ in range(3):
        x, y = 16.0, 16.0
        ang = rng.uniform(0, math.tau)
        for _ in range(rng.randrange(8, 13)):
            ang += rng.uniform(-0.6, 0.6)
            x += math.cos(ang) * 1.4
            y += math.sin(ang) * 1.4
            if 1 <= x < 30 and 1 <= y < 30:
                put(s, round(x), round(y), (18, 16, 14, 235))
                put(s, round(x) + 1, round(y), (30, 26, 22, 150))
                put(s, round(x) + 1, round(y) + 1, (230, 226, 214, 110))
    return s


def lamp_decal(rng) -> pygame.Surface:
    s = new_surface(T, T)
    glow(s, 16, 12, 15, hexrgb("#ffd890"), 0.5, steps=4)
    base = ellipse(16, 20, 4, 3)
    shade(s, base, STEEL, "flat")
    pole = rect(15, 9, 2, 11)
    fill(s, pole, STEEL[2])
    fill(s, rect(15, 9, 1, 11), STEEL[4])
    head = ellipse(16, 9, 3.5, 2.5)
    shade(s, head, STEEL, "sphere")
    fill(s, ellipse(16, 10, 2.2, 1.2), hexrgb("#fff2b8"))
    decal_outline(s)
    return s


def sign_decal(rng) -> pygame.Surface:
    s = new_surface(T, T)
    fill(s, rect(15, 18, 2, 11), WOOD[2])
    fill(s, rect(15, 18, 1, 11), WOOD[4])
    board = rect(6, 6, 20, 13)
    soft_shadow(s, board, 2, 2)
    for x, y in board:
        stripe = ((x + y) // 3) % 2
        c = hexrgb("#c23a2a") if stripe else hexrgb("#e6dcc4")
        if x in (6, 25) or y in (6, 18):
            c = WOOD[1]
        put(s, x, y, c)
    skull = ["..xxx..", ".xxxxx.", ".x.x.x.", "..xxx..", "..x.x.."]
    for j, row in enumerate(skull):
        for i, ch in enumerate(row):
            if ch == "x":
                put(s, 13 + i, 9 + j, hexrgb("#1c1614"))
    decal_outline(s)
    return s


def weeds_decal(rng) -> pygame.Surface:
    s = new_surface(T, T)
    for cx, cy in ((9, 10), (22, 14), (12, 23), (24, 25)):
        grass_tuft_decal(s, rng, cx, cy)
    return s


def grass_tuft_decal(surf, rng, cx, cy) -> None:
    for _ in range(7):
        ang = rng.uniform(0, math.tau)
        length = rng.uniform(2.5, 5)
        for k in range(int(length) + 1):
            x = cx + round(math.cos(ang) * k)
            y = cy + round(math.sin(ang) * k * 0.8)
            put(surf, x + 1, y + 1, (20, 16, 8, 80))
        for k in range(int(length) + 1):
            x = cx + round(math.cos(ang) * k)
            y = cy + round(math.sin(ang) * k * 0.8)
            put(surf, x, y, GRASS[int(clamp(1 + k, 1, 5))])


def stain_decal(rng) -> pygame.Surface:
    s = new_surface(T, T)
    oil = splat_shape(rng, 16, 17, 8, lobes=6)
    for x, y in oil:
        if 0 <= x < T and 0 <= y < T:
            edge = (x + 1, y) not in oil or (x, y + 1) not in oil
            put(s, x, y, (18, 14, 12, 120 if edge else 160))
    for x, y in sorted(oil)[::9]:
        if 0 <= x < T and 0 <= y < T:
            put(s, x, y, (70, 60, 90, 140))  # rainbow sheen of oil
    return s


TILE_PAINTERS: dict[str, Callable[[random.Random], pygame.Surface]] = {
    "sand": lambda r: sand_tile(r, 0),
    "sand_b": lambda r: sand_tile(r, 1),
    "sand_c": lambda r: sand_tile(r, 2),
    "sand_wet": wet_sand_tile,
    "sand_dark": dark_sand_tile,
    "scorched": scorched_tile,
    "grass": lambda r: grass_tile(r, dense=True),
    "grass_b": lambda r: grass_tile(r, dense=False),
    "dirt": dirt_tile,
    "road": lambda r: road_tile(r, line=False),
    "road_line": lambda r: road_tile(r, line=True),
    "concrete": lambda r: concrete_tile(r, cracked=False),
    "concrete_cracked": lambda r: concrete_tile(r, cracked=True),
    "deck": deck_tile,
    "planks": planks_tile,
    "gravel": gravel_tile,
    "crater": crater_tile,
    "crater_edge": churned_tile,
    "mud": mud_tile,
    "shallows": lambda r: shallows_tile(r, surf_lines=False),
    "surf": lambda r: shallows_tile(r, surf_lines=True),
    "wire": None,  # filled in below (needs the sand painter)
    "sea": lambda r: sea_tile(r, 0),
    "sea_b": lambda r: sea_tile(r, 1),
    "reservoir": reservoir_tile,
    "rubble": rubble_tile,
    "sand_tracks": sand_tracks_tile,
    "grate": grate_tile,
    "floor_metal": floor_metal_tile,
    "floor_tile": floor_tile_tile,
    "moss": moss_tile,
    "puddle": puddle_tile,
    "seawall": seawall_tile,
    "seawall_top": seawall_top_tile,
    "bunker_wall": bunker_wall_tile,
    "sandbags": sandbags_tile,
    "hedgehog": hedgehog_tile,
    "wreck_a": lambda r: wreck_tile(r, 0),
    "wreck_b": lambda r: wreck_tile(r, 1),
    "rock": rock_tile,
    "crate": crate_tile,
    "barrels": barrels_tile,
    "craft_hull": craft_hull_tile,
    "dam_wall": dam_wall_tile,
    "machinery": machinery_tile,
    "pipe": pipe_tile,
    "cliff": cliff_tile,
    "tree": tree_tile,
    "debris": debris_decal,
    "shells": shells_decal,
    "bones": bones_decal,
    "ichor": ichor_decal,
    "tracks_overlay": tracks_decal,
    "arrow_north": arrow_decal,
    "flag": flag_decal,
    "helmet": helmet_decal,
    "rifle_dropped": rifle_decal,
    "shadow": shadow_decal,
    "foam": foam_decal,
    "cracks": cracks_decal,
    "lamp": lamp_decal,
    "sign": sign_decal,
    "weeds": weeds_decal,
    "stain": stain_decal,
}


def wire_tile(rng) -> pygame.Surface:
    s = ground(rng, SAND, 2.4, family=11, amp=0.55, grain=0.16)
    wire = [hexrgb("#2a2a2c"), hexrgb("#5c5e62"), hexrgb("#9a9ca0")]
    # A concertina coil from above: overlapping loops every 8px, so the coil runs on tile to tile.
    # Concertina wire from above: a long helix, so each turn is a tilted loop that overlaps the
    # next. Six turns per tile (the period divides 32) so the coil runs on from tile to tile.
    loops = []
    for k in range(6):
        cx = k * 32 / 6 + 2
        for i in range(56):
            a = i / 56 * math.tau
            loops.append((cx + math.cos(a) * 3.5 + math.sin(a) * 3.0, 16 + math.sin(a) * 9.5, a))
    for x, y, _a in loops:
        wrap_darken(s, round(x) + 1, round(y) + 2, 0.3)
    for x, y, a in loops:
        lit = math.cos(a) + math.sin(a) < -0.3
        wrap_put(
            s, round(x), round(y), wire[2] if lit else wire[1] if math.sin(a) < 0.5 else wire[0]
        )
    for x, y, _a in loops[5::11]:  # barbs: tiny crosses caught on the coil
        wrap_put(s, round(x) - 1, round(y), wire[0])
        wrap_put(s, round(x) + 1, round(y), wire[0])
        wrap_put(s, round(x), round(y) - 1, wire[2])
    return s


TILE_PAINTERS["wire"] = wire_tile


def build_tileset() -> Files:
    """The tileset image, every tile in the layout's order, and its `.tsx`."""
    names = [name for name, _ in tileset_spec.TILES]
    missing = [n for n in names if n not in TILE_PAINTERS]
    assert not missing, f"no painter for tiles {missing}"
    cols = tileset_spec.COLUMNS
    rows = math.ceil(len(names) / cols)
    sheet = new_surface(cols * T, rows * T)
    for index, name in enumerate(names):
        # One generator per tile, seeded by its name: editing one tile never reshuffles another.
        rng = random.Random(f"{SEED}:{name}")
        tile = TILE_PAINTERS[name](rng)
        sheet.blit(tile, ((index % cols) * T, (index // cols) * T))
    tsx = tsx_text(len(names), cols, sheet.get_size())
    return {TILESET_PNG: png_bytes(sheet), TILESET_TSX: text_bytes(tsx)}


def tsx_property(name: str, value: object) -> str:
    if isinstance(value, bool):
        return f'   <property name="{name}" type="bool" value="{"true" if value else "false"}"/>'
    if isinstance(value, float):
        return f'   <property name="{name}" type="float" value="{value!r}"/>'
    if isinstance(value, int):
        return f'   <property name="{name}" type="int" value="{value}"/>'
    if name == "surface":  # typed with the project's Surface enum, so Tiled offers the list
        return f'   <property name="{name}" propertytype="Surface" value="{value}"/>'
    return f'   <property name="{name}" value="{value}"/>'


RESERVED_PROPERTIES = {
    "name",
    "type",
    "id",
    "x",
    "y",
    "width",
    "height",
    "rotation",
    "gid",
    "visible",
}


def tsx_text(count: int, columns: int, size: tuple[int, int]) -> str:
    """The tileset's `.tsx`: the image it cuts, and each tile's gameplay properties."""
    image = PurePosixPath(TILESET_PNG).name
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<tileset version="1.10" tiledversion="1.10.2" name="beach" tilewidth="{T}" '
        f'tileheight="{T}" tilecount="{count}" columns="{columns}">',
        f' <image source="tiles/{image}" width="{size[0]}" height="{size[1]}"/>',
    ]
    for tile_id, (_, props) in enumerate(tileset_spec.TILES):
        if not props:
            continue
        assert not RESERVED_PROPERTIES & set(props), "Tiled reserves these property names"
        lines.append(f' <tile id="{tile_id}">')
        lines.append("  <properties>")
        lines.extend(tsx_property(k, v) for k, v in props.items())
        lines.append("  </properties>")
        lines.append(" </tile>")
    lines.append("</tileset>")
    return "\n".join(lines) + "\n"

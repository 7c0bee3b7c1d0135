"""The campaign's art, generated: the beach tileset, every sprite sheet and the title backdrop.

Owns levels/tiles/beach.png, levels/beach.tsx, and every .png/.json under assets/sprites/. All of it
is drawn here, pixel by pixel, from fixed seeds, so a rerun writes the same files again. The game
never imports this script: it only loads what the script wrote, exactly as it would load a mod's
hand-made art.

Run from the project root:  .venv/bin/python assets/make_art.py
"""

from __future__ import annotations

import json
import math
import os
import random
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

# Headless: the script only draws into surfaces and saves them, it never opens a window.
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import tileset_spec  # noqa: E402

SPRITES_DIR = HERE / "sprites"
TILESET_PNG = ROOT / "levels" / "tiles" / "beach.png"
TILESET_TSX = ROOT / "levels" / "beach.tsx"

SEED = 1944

Px = tuple[int, int]
RGB = tuple[int, int, int]
Shape = set[Px]

# Near-black with a touch of warm purple: reads as "outline" on sand, sea and concrete alike.
OUTLINE: RGB = (22, 16, 22)
# Light comes from the top-left and a little from above; every shaded part uses the same vector.
LIGHT = (-0.52, -0.6, 0.61)


# --------------------------------------------------------------------------------------------
# Colours
# --------------------------------------------------------------------------------------------


def hexrgb(code: str) -> RGB:
    code = code.lstrip("#")
    return (int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16))


def ramp(*codes: str) -> list[RGB]:
    """A palette ramp, darkest first."""
    return [hexrgb(c) for c in codes]


def mix(a: Iterable[int], b: Iterable[int], t: float) -> RGB:
    a, b = tuple(a), tuple(b)
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def clamp(v: float, lo: float, hi: float) -> float:
    return lo if v < lo else hi if v > hi else v


# Ordered dither: lets a smooth value pick between two neighbouring ramp colours in a regular,
# tile-friendly pattern (period 4 divides 32, so dithered tiles still wrap).
BAYER4 = [[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]]


def dithered(pal: list[RGB], level: float, x: int, y: int, jitter: float | None = None) -> RGB:
    """Pick a ramp colour for a fractional level. `jitter` (0..1, from the caller's generator)
    roughens the ordered pattern into grain, which suits sand and concrete better than a checker."""
    threshold = (BAYER4[y % 4][x % 4] + 0.5) / 16.0
    if jitter is not None:
        threshold = threshold * 0.3 + jitter * 0.7
    return pal[int(clamp(math.floor(level + threshold - 0.5), 0, len(pal) - 1))]


# Palettes shared by several drawings.
SAND = ramp("#9a7b52", "#b39466", "#c7a877", "#d8bd8c", "#e6d0a4", "#f0e2c0")
SAND_DARK = ramp("#6f5840", "#816848", "#937a57", "#a68c67", "#b69e7a")
SAND_WET = ramp("#5e4d3a", "#6e5b44", "#7f6b51", "#917d61", "#a49276")
SCORCH = ramp("#1c1512", "#2a201a", "#3b2d22", "#4f3c2b", "#675037")
GRASS = ramp("#2f3a1c", "#435224", "#5a6a2c", "#748436", "#93a04a", "#b3b866")
DIRT = ramp("#3f2e21", "#4f3a29", "#614833", "#73583f", "#876b4f")
ASPHALT = ramp("#2e2f33", "#393a3f", "#44454a", "#505157", "#5e5f65", "#6e6f75")
CONCRETE = ramp("#6b6964", "#7d7b75", "#8f8d86", "#a19f97", "#b3b1a8", "#c5c3ba")
STEEL = ramp("#2c3336", "#3a4346", "#4a5457", "#5c676a", "#717d80", "#8c989a")
WOOD = ramp("#3b2417", "#503120", "#663f29", "#7d5034", "#946241", "#ab7650")
RUST = ramp("#2e160d", "#4c2413", "#6b3319", "#8c4620", "#ad5f2c", "#c97e42")
ROCK = ramp("#33302c", "#46423c", "#5a554d", "#706a60", "#878075", "#a0998c")
SEA = ramp("#0c2f3c", "#11404f", "#175163", "#1f6376", "#2c788a", "#4a96a2", "#86c3c4")
TURQ = ramp("#2a7f80", "#34938f", "#42a69d", "#57b8aa", "#78cbba", "#a8e0cf")
FOAM = ramp("#b9d9d2", "#dcefe9", "#ffffff")
KHAKI = ramp("#4a3f27", "#5f5232", "#76673f", "#8d7d4e", "#a6955f", "#bcac74")
OLIVE_GREEN = ramp("#262d1f", "#343e29", "#455235", "#586744", "#6e7e55", "#8a9a6a")
HULL = ramp("#2c3530", "#38443c", "#46544a", "#56655a", "#69796b", "#819281")
DAM = ramp("#8a877e", "#9b988f", "#aba89f", "#bbb8ae", "#c9c6bc", "#d7d4ca")
BUNKER = ramp("#31322f", "#3d3e3a", "#4a4b46", "#585953", "#676862", "#7a7b74")
MUD = ramp("#261d15", "#31261b", "#3d3022", "#4a3b2b", "#5b4a38", "#716050")
RESERVOIR = ramp("#0c1624", "#111e30", "#17283e", "#1f334d", "#2b4461", "#46627f")
BRASS = ramp("#5a3f14", "#8a6420", "#b88c30", "#e0ba58", "#f8e39a")
ICHOR = ramp("#070b0c", "#0e1a1b", "#173030", "#1f4a46", "#2f7468", "#5fb8a4", "#a8ecd8")
PINE = ramp("#132015", "#1a2d1c", "#233d24", "#2f4f2d", "#3d6336", "#547a44")
BONE = ramp("#6e6656", "#9a917c", "#c2b9a2", "#e2dbc6", "#f6f1e2")


# --------------------------------------------------------------------------------------------
# Pixel shapes: sets of (x, y) that the painters colour. Sets make unions, cut-outs and edge
# tests trivial, and at sprite sizes they are plenty fast.
# --------------------------------------------------------------------------------------------


def ellipse(cx: float, cy: float, rx: float, ry: float, angle: float = 0.0) -> Shape:
    """Pixels whose centres fall inside an ellipse rotated by `angle` radians."""
    ca, sa = math.cos(angle), math.sin(angle)
    ext = max(rx, ry) + 1
    out: Shape = set()
    for y in range(math.floor(cy - ext), math.ceil(cy + ext) + 1):
        for x in range(math.floor(cx - ext), math.ceil(cx + ext) + 1):
            dx, dy = x + 0.5 - cx, y + 0.5 - cy
            u = dx * ca + dy * sa
            v = -dx * sa + dy * ca
            if (u / rx) ** 2 + (v / ry) ** 2 <= 1.0:
                out.add((x, y))
    return out


def capsule(p0: tuple[float, float], p1: tuple[float, float], r0: float, r1: float | None = None):
    """A thick line with round ends whose radius goes from r0 to r1 (limbs, beams, tentacles)."""
    r1 = r0 if r1 is None else r1
    (x0, y0), (x1, y1) = p0, p1
    dx, dy = x1 - x0, y1 - y0
    length2 = dx * dx + dy * dy or 1e-9
    rmax = max(r0, r1)
    out: Shape = set()
    for y in range(math.floor(min(y0, y1) - rmax - 1), math.ceil(max(y0, y1) + rmax) + 2):
        for x in range(math.floor(min(x0, x1) - rmax - 1), math.ceil(max(x0, x1) + rmax) + 2):
            px, py = x + 0.5, y + 0.5
            t = clamp(((px - x0) * dx + (py - y0) * dy) / length2, 0.0, 1.0)
            qx, qy = x0 + dx * t, y0 + dy * t
            r = r0 + (r1 - r0) * t
            if (px - qx) ** 2 + (py - qy) ** 2 <= r * r:
                out.add((x, y))
    return out


def chain(points: list[tuple[float, float]], r0: float, r1: float) -> Shape:
    """A tapering poly-capsule through the points: tentacles, roots, cables."""
    out: Shape = set()
    n = len(points) - 1
    for i in range(n):
        ra = r0 + (r1 - r0) * i / n
        rb = r0 + (r1 - r0) * (i + 1) / n
        out |= capsule(points[i], points[i + 1], ra, rb)
    return out


def polygon(points: list[tuple[float, float]]) -> Shape:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    ox, oy = math.floor(min(xs)) - 1, math.floor(min(ys)) - 1
    w, h = math.ceil(max(xs)) - ox + 2, math.ceil(max(ys)) - oy + 2
    tmp = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.polygon(tmp, (255, 255, 255), [(x - ox, y - oy) for x, y in points])
    mask = pygame.mask.from_surface(tmp)
    return {(x + ox, y + oy) for y in range(h) for x in range(w) if mask.get_at((x, y))}


def rect(x: int, y: int, w: int, h: int) -> Shape:
    return {(i, j) for j in range(y, y + h) for i in range(x, x + w)}


def ring(shape: Shape, diagonal: bool = False) -> Shape:
    """The pixels just outside a shape (its 1px outline)."""
    steps = [(1, 0), (-1, 0), (0, 1), (0, -1)]
    if diagonal:
        steps += [(1, 1), (-1, -1), (1, -1), (-1, 1)]
    out: Shape = set()
    for x, y in shape:
        for dx, dy in steps:
            p = (x + dx, y + dy)
            if p not in shape:
                out.add(p)
    return out


def rotate_points(points, angle, pivot=(0.0, 0.0), offset=(0.0, 0.0)):
    ca, sa = math.cos(angle), math.sin(angle)
    px, py = pivot
    return [
        (
            px + (x - px) * ca - (y - py) * sa + offset[0],
            py + (x - px) * sa + (y - py) * ca + offset[1],
        )
        for x, y in points
    ]


def shift(shape: Shape, dx: int, dy: int) -> Shape:
    return {(x + dx, y + dy) for x, y in shape}


# --------------------------------------------------------------------------------------------
# Painting
# --------------------------------------------------------------------------------------------


def new_surface(w: int, h: int) -> pygame.Surface:
    return pygame.Surface((w, h), pygame.SRCALPHA)


def put(surf: pygame.Surface, x: int, y: int, color) -> None:
    if 0 <= x < surf.get_width() and 0 <= y < surf.get_height():
        surf.set_at((x, y), color)


def fill(surf: pygame.Surface, shape: Iterable[Px], color) -> None:
    for x, y in shape:
        put(surf, x, y, color)


def blend(surf: pygame.Surface, x: int, y: int, color, alpha: float) -> None:
    """Composite `color` at `alpha` (0..1) over whatever is there (alpha stays if opaque)."""
    if not (0 <= x < surf.get_width() and 0 <= y < surf.get_height()) or alpha <= 0:
        return
    r, g, b, a = surf.get_at((x, y))
    ea = a / 255.0
    out_a = alpha + ea * (1 - alpha)
    if out_a <= 0:
        return
    k = ea * (1 - alpha)
    c = tuple(round((color[i] * alpha + (r, g, b)[i] * k) / out_a) for i in range(3))
    surf.set_at((x, y), (*c, round(out_a * 255)))


def darken(surf: pygame.Surface, x: int, y: int, amount: float, tint: RGB = (20, 12, 10)):
    """Darken an opaque pixel toward a warm shadow colour (shadows on sand are brown, not grey)."""
    if 0 <= x < surf.get_width() and 0 <= y < surf.get_height():
        r, g, b, a = surf.get_at((x, y))
        if a:
            surf.set_at((x, y), (*mix((r, g, b), tint, amount), a))


def lighten(surf: pygame.Surface, x: int, y: int, color: RGB, amount: float) -> None:
    """Additive light (glows, emissive veins): brightens what is there, keeps its alpha."""
    if 0 <= x < surf.get_width() and 0 <= y < surf.get_height():
        r, g, b, a = surf.get_at((x, y))
        if a:
            surf.set_at(
                (x, y),
                (
                    min(255, round(r + color[0] * amount)),
                    min(255, round(g + color[1] * amount)),
                    min(255, round(b + color[2] * amount)),
                    a,
                ),
            )


def bounds(shape: Shape) -> tuple[int, int, int, int]:
    xs = [p[0] for p in shape]
    ys = [p[1] for p in shape]
    return min(xs), min(ys), max(xs), max(ys)


def shade(
    surf: pygame.Surface,
    shape: Shape,
    pal: list[RGB],
    mode: str = "sphere",
    *,
    bias: float = 0.0,
    rim: bool = True,
    sep: RGB | None = None,
    centre: tuple[float, float] | None = None,
    radii: tuple[float, float] | None = None,
) -> None:
    """Colour a shape from a ramp with top-left light.

    sphere: a rounded volume (helmets, bodies, bags). flat: a plate, bevelled by `rim` (light
    top-left edge, dark bottom-right edge). `sep` draws a 1px separation line where the shape's
    outline falls on pixels already painted, so stacked parts stay distinct without thickening the
    silhouette.
    """
    if not shape:
        return
    x0, y0, x1, y1 = bounds(shape)
    cx, cy = centre or ((x0 + x1 + 1) / 2, (y0 + y1 + 1) / 2)
    rx, ry = radii or (max(1.0, (x1 - x0 + 1) / 2), max(1.0, (y1 - y0 + 1) / 2))
    n = len(pal)
    if sep is not None:
        w, h = surf.get_size()
        for x, y in ring(shape):
            if 0 <= x < w and 0 <= y < h and surf.get_at((x, y))[3] > 200:
                surf.set_at((x, y), sep)
    for x, y in shape:
        if mode == "sphere":
            nx, ny = (x + 0.5 - cx) / rx, (y + 0.5 - cy) / ry
            d = nx * nx + ny * ny
            if d > 1:
                nx, ny, d = nx / math.sqrt(d), ny / math.sqrt(d), 1.0
            nz = math.sqrt(1 - d)
            light = nx * LIGHT[0] + ny * LIGHT[1] + nz * LIGHT[2]
            level = (light + 0.3) / 1.3 + bias
        else:
            level = 0.5 + bias
        idx = int(clamp(level * n, 0, n - 1))
        if rim:
            if (x + 1, y) not in shape or (x, y + 1) not in shape:
                idx -= 1
            elif (x - 1, y) not in shape or (x, y - 1) not in shape:
                idx += 1
        put(surf, x, y, pal[int(clamp(idx, 0, n - 1))])


def outline(surf: pygame.Surface, color: RGB = OUTLINE, threshold: int = 200) -> None:
    """A 1px dark outline around everything solid, so sprites pop against any ground."""
    w, h = surf.get_size()
    solid = {(x, y) for y in range(h) for x in range(w) if surf.get_at((x, y))[3] >= threshold}
    for x, y in ring(solid):
        if 0 <= x < w and 0 <= y < h and surf.get_at((x, y))[3] < threshold:
            surf.set_at((x, y), color)


def luma(c: Iterable[int]) -> float:
    """Rough perceived brightness (0..255): enough to tell which of two colours is the lighter."""
    r, g, b = tuple(c)[:3]
    return (r * 3 + g * 6 + b) / 10


class Rim:
    """A two-tone edge: the colours of the light round a silhouette's outermost pixels, from the
    side turned away from the light (`far`) over the flanks to the side facing it (`lit`), and the
    dark keyline drawn just outside them."""

    def __init__(self, far: str, flank: str, lit: str, keyline: RGB = OUTLINE) -> None:
        self.far, self.flank, self.lit = hexrgb(far), hexrgb(flank), hexrgb(lit)
        self.keyline = keyline


def rim_outline(surf: pygame.Surface, rim: Rim, threshold: int = 200) -> None:
    """Light the silhouette's edge and key it. Every solid pixel on the outside of the shape takes
    the rim colour its outward normal picks (lit toward the top-left light, `far` on the other
    side), unless it already burns brighter (a core, an eye, a sac of acid); then a 1px keyline
    goes round outside. On dark decks and grates the rim draws the shape, on sand and concrete the
    keyline does: whatever the ground, one of the two stands out from it."""
    w, h = surf.get_size()
    solid = {(x, y) for y in range(h) for x in range(w) if surf.get_at((x, y))[3] >= threshold}
    length = math.hypot(LIGHT[0], LIGHT[1])
    lx, ly = LIGHT[0] / length, LIGHT[1] / length
    for x, y in solid:
        if all(p in solid for p in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1))):
            continue
        nx = ny = 0
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                if (x + dx, y + dy) not in solid:
                    nx += dx
                    ny += dy
        n = math.hypot(nx, ny)
        facing = (nx * lx + ny * ly) / n if n else 0.0
        color = rim.lit if facing > 0.35 else rim.far if facing < -0.35 else rim.flank
        r, g, b, a = surf.get_at((x, y))
        if luma(color) > luma((r, g, b)):
            surf.set_at((x, y), (*color, a))
    for x, y in ring(solid):
        if 0 <= x < w and 0 <= y < h and surf.get_at((x, y))[3] < threshold:
            surf.set_at((x, y), rim.keyline)


def glow(surf, cx, cy, radius, color, strength, steps=3, add=False):
    """A soft halo in a few hard-edged alpha bands (banded, like hand-drawn pixel glows)."""
    for y in range(math.floor(cy - radius), math.ceil(cy + radius) + 1):
        for x in range(math.floor(cx - radius), math.ceil(cx + radius) + 1):
            d = math.hypot(x + 0.5 - cx, y + 0.5 - cy) / radius
            if d >= 1:
                continue
            band = math.ceil((1 - d) * steps) / steps
            if add:
                lighten(surf, x, y, color, strength * band)
            else:
                blend(surf, x, y, color, strength * band)


def pixel_grid(surf, x0, y0, rows: list[str], colors: dict[str, object]) -> None:
    """Stamp a small hand-drawn pattern; '.' (or any unmapped char) is left untouched."""
    for j, row in enumerate(rows):
        for i, ch in enumerate(row):
            if ch in colors:
                put(surf, x0 + i, y0 + j, colors[ch])


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


def splat_shape(rng, cx, cy, radius, lobes=9) -> Shape:
    """An irregular splash: a core blob with lobes and flung droplets."""
    out = ellipse(cx, cy, radius, radius * 0.85)
    for _ in range(lobes):
        a = rng.uniform(0, math.tau)
        d = radius * rng.uniform(0.6, 1.1)
        r = radius * rng.uniform(0.25, 0.45)
        out |= ellipse(cx + math.cos(a) * d, cy + math.sin(a) * d, r, r)
    for _ in range(lobes):
        a = rng.uniform(0, math.tau)
        d = radius * rng.uniform(1.3, 1.9)
        out |= ellipse(cx + math.cos(a) * d, cy + math.sin(a) * d, 0.8, 0.8)
    return out


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


def build_tileset() -> None:
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
    TILESET_PNG.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(sheet, str(TILESET_PNG))
    write_tsx(len(names), cols, sheet.get_size())


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


def write_tsx(count: int, columns: int, size: tuple[int, int]) -> None:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<tileset version="1.10" tiledversion="1.10.2" name="beach" tilewidth="{T}" '
        f'tileheight="{T}" tilecount="{count}" columns="{columns}">',
        f' <image source="tiles/{TILESET_PNG.name}" width="{size[0]}" height="{size[1]}"/>',
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
    TILESET_TSX.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Sprite sheets
# --------------------------------------------------------------------------------------------


class Anim:
    """One row of a sheet: its frames, how long each shows (1/60 s ticks) and whether it loops."""

    def __init__(self, name: str, frames: list[pygame.Surface], ticks: int, loop: bool) -> None:
        self.name, self.frames, self.ticks, self.loop = name, frames, ticks, loop


def save_sheet(name: str, size: tuple[int, int], anims: list[Anim]) -> None:
    w, h = size
    columns = max(len(a.frames) for a in anims)
    sheet = new_surface(columns * w, len(anims) * h)
    meta = {"frame": [w, h], "animations": {}}
    for row, anim in enumerate(anims):
        for col, frame in enumerate(anim.frames):
            assert frame.get_size() == size, f"{name}/{anim.name}: frame is {frame.get_size()}"
            sheet.blit(frame, (col * w, row * h))
        meta["animations"][anim.name] = {
            "row": row,
            "frames": len(anim.frames),
            "ticks_per_frame": anim.ticks,
            "loop": anim.loop,
        }
    SPRITES_DIR.mkdir(parents=True, exist_ok=True)
    pygame.image.save(sheet, str(SPRITES_DIR / f"{name}.png"))
    (SPRITES_DIR / f"{name}.json").write_text(json.dumps(meta) + "\n", encoding="utf-8")


def tint_flash(frame: pygame.Surface, color: RGB, amount: float) -> pygame.Surface:
    """A damage flash: every solid pixel pushed toward `color`, outline pixels left dark."""
    out = frame.copy()
    w, h = out.get_size()
    for y in range(h):
        for x in range(w):
            r, g, b, a = out.get_at((x, y))
            if a and (r, g, b) != OUTLINE:
                lum = (r * 3 + g * 6 + b) / 10 / 255
                c = mix((r, g, b), mix(color, (255, 255, 255), lum * 0.5), amount)
                out.set_at((x, y), (*c, a))
    return out


def ghost(frame: pygame.Surface, color: RGB, alpha: float) -> pygame.Surface:
    """A translucent single-colour copy: afterimages behind a dash or a lunge."""
    out = new_surface(*frame.get_size())
    w, h = out.get_size()
    for y in range(h):
        for x in range(w):
            if frame.get_at((x, y))[3] > 200:
                out.set_at((x, y), (*color, round(alpha * 255)))
    return out


# Soldiers ------------------------------------------------------------------------------------


class Suit:
    """Everything that differs between Cage's and Rita's exosuits."""

    def __init__(self, **parts) -> None:
        self.armour: list[RGB] = parts["armour"]
        self.frame: list[RGB] = parts["frame"]
        self.head: list[RGB] = parts["head"]
        self.visor: list[RGB] | None = parts.get("visor")
        self.gun: list[RGB] = parts["gun"]
        self.stripe: RGB = parts["stripe"]
        self.lamp: RGB = parts["lamp"]
        self.thrust: RGB = parts["thrust"]
        self.hair: bool = parts.get("hair", False)
        self.blade: bool = parts.get("blade", False)
        self.heavy_gun: bool = parts.get("heavy_gun", True)
        # Bold bands of a signal colour across the shoulder plates (None: the plates stay plain).
        self.signal: list[RGB] | None = parts.get("signal")
        self.rim: Rim = parts["rim"]


# Cage's exosuit: blued steel plates over a gunmetal frame, hazard-amber bands on the shoulders
# (the campaign's accent) and a visor lit from inside. Cold metal and a hot signal colour: nothing
# on the beach is painted like it, not the sand, not the olive helmets the dead left behind.
CAGE = Suit(
    armour=ramp("#27303a", "#3a4653", "#52606f", "#6e8090", "#90a4b6", "#bccbd8"),
    frame=ramp("#1a1e24", "#282e36", "#39414b", "#4d5762", "#66717c", "#8a95a0"),
    head=ramp("#1d232a", "#2c353e", "#3f4a55", "#56636e", "#72808b", "#98a6b0"),
    visor=ramp("#0a4a66", "#138ec0", "#44d0ff", "#a8f0ff", "#f4feff"),
    gun=ramp("#1d2126", "#30363d", "#464e57", "#5f6973", "#7d8892", "#a4afb8"),
    stripe=hexrgb("#ffb02a"),
    signal=ramp("#7a3a06", "#c0640c", "#f08c14", "#ffae2e", "#ffd06a", "#ffeab0"),
    lamp=hexrgb("#ffb030"),
    thrust=hexrgb("#9fd8ff"),
    rim=Rim("#66798c", "#a4b8ca", "#eaf4ff"),
)

BLADE_STEEL = ramp("#2c3138", "#4b535d", "#727d89", "#a3afba", "#d3dce4", "#f4f8fb")
RITA = Suit(
    armour=ramp("#3a0a0e", "#5c1118", "#861c22", "#ad2c2c", "#cf4a3c", "#e97a5e"),
    frame=ramp("#141418", "#1f1f25", "#2c2c34", "#3d3d47", "#52525e", "#6e6e7c"),
    head=ramp("#3e150c", "#6a2612", "#97391a", "#bf5526", "#dc7a3c", "#f0a460"),
    gun=ramp("#141418", "#202027", "#2e2e37", "#41414c", "#575764", "#777785"),
    stripe=hexrgb("#d8403a"),
    lamp=hexrgb("#ff4030"),
    thrust=hexrgb("#ffb0a0"),
    rim=Rim("#b03a30", "#ff9274", "#ffc8b0"),
    hair=True,
    blade=True,
    heavy_gun=False,
)


class Pose:
    def __init__(self, **kw) -> None:
        self.stride: float = kw.get("stride", 0.0)
        self.breathe: float = kw.get("breathe", 0.0)
        self.twist: float = kw.get("twist", 0.0)
        self.shift: tuple[float, float] = kw.get("shift", (0.0, 0.0))
        self.gun_angle: float = kw.get("gun_angle", 0.0)
        self.recoil: float = kw.get("recoil", 0.0)
        self.left_hand: tuple[float, float] | None = kw.get("left_hand")
        self.mag: str = kw.get("mag", "in")  # in | out | hand
        self.flash: bool = kw.get("flash", False)
        self.swing: float | None = kw.get("swing")  # blade angle when Rita swings
        self.thrusters: int = kw.get("thrusters", 0)
        self.gun: bool = kw.get("gun", True)


class Body:
    """Maps the soldier's local frame (u forward/east, v to the right/south) onto the sprite."""

    def __init__(self, size: int, pose: Pose) -> None:
        self.c = size / 2
        self.cos, self.sin = math.cos(pose.twist), math.sin(pose.twist)
        # The body sits a little behind the sprite's centre so the gun has room in front.
        self.ox, self.oy = pose.shift[0] - 2.0, pose.shift[1]
        self.twist = pose.twist

    def at(self, u: float, v: float) -> tuple[float, float]:
        return (
            self.c + self.ox + u * self.cos - v * self.sin,
            self.c + self.oy + u * self.sin + v * self.cos,
        )

    def ellipse(self, u, v, ru, rv, angle=0.0) -> Shape:
        x, y = self.at(u, v)
        return ellipse(x, y, ru, rv, self.twist + angle)

    def capsule(self, a, b, r0, r1=None) -> Shape:
        return capsule(self.at(*a), self.at(*b), r0, r1)

    def polygon(self, pts) -> Shape:
        return polygon([self.at(u, v) for u, v in pts])


def gun_points(pts, pose: Pose, pivot=(1.0, 2.5)):
    """Gun outline points in body space, swung by pose.gun_angle about the right shoulder."""
    moved = [(u - pose.recoil, v) for u, v in pts]
    return rotate_points(moved, pose.gun_angle, pivot)


def draw_gun(surf, body: Body, suit: Suit, pose: Pose) -> tuple[float, float]:
    """The arm-mounted rifle; returns the muzzle in body space."""
    g = suit.gun
    # The barrel runs 2.5 px right of the body's centre line and its muzzle ends ~18.5 px ahead of
    # the sprite's centre: the renderer anchors muzzle flashes and tracers there.
    if suit.heavy_gun:
        receiver = [(1, 0.1), (13.5, 0.1), (13.5, 4.9), (1, 4.9)]
        barrel = [(13.5, 1.3), (20.4, 1.3), (20.4, 3.7), (13.5, 3.7)]
        brake = [(18.6, 0.6), (20.4, 0.6), (20.4, 4.4), (18.6, 4.4)]
        mag = [(5.5, 4.9), (9, 4.9), (9, 7.7), (5.5, 7.7)]
        muzzle = (20.4, 2.5)
    else:
        receiver = [(1, 0.6), (11.5, 0.6), (11.5, 4.4), (1, 4.4)]
        barrel = [(11.5, 1.6), (17.5, 1.6), (17.5, 3.4), (11.5, 3.4)]
        brake = [(16.3, 1.1), (17.7, 1.1), (17.7, 3.9), (16.3, 3.9)]
        mag = [(5, 4.4), (7.5, 4.4), (7.5, 6.5), (5, 6.5)]
        muzzle = (17.7, 2.5)
    if pose.mag == "in":
        shade(surf, body.polygon(gun_points(mag, pose)), g, "flat", sep=OUTLINE)
    shade(surf, body.polygon(gun_points(barrel, pose)), g, "flat", sep=OUTLINE, bias=-0.1)
    shade(surf, body.polygon(gun_points(brake, pose)), g, "flat", sep=OUTLINE)
    rec = body.polygon(gun_points(receiver, pose))
    shade(surf, rec, g, "sphere", sep=OUTLINE, bias=0.05)
    # Top rail and a painted stripe: long light lines tell the eye which way the gun points.
    a, b = gun_points([(2.5, 1.4), (12.5, 1.4)], pose)
    for x, y in capsule(body.at(*a), body.at(*b), 0.5):
        if (x, y) in rec:
            put(surf, x, y, g[5])
    a, b = gun_points([(3.5, 3.5), (8.5, 3.5)], pose)
    for x, y in capsule(body.at(*a), body.at(*b), 0.45):
        if (x, y) in rec:
            put(surf, x, y, suit.stripe)
    return gun_points([muzzle], pose)[0]


def draw_blade(surf, start, end, width, steel=BLADE_STEEL):
    """A huge single-edged blade from hilt `start` to tip `end` (sprite coordinates)."""
    (x0, y0), (x1, y1) = start, end
    length = math.hypot(x1 - x0, y1 - y0)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    nx, ny = -uy, ux
    grip_len = 4.0
    hx, hy = x0 + ux * grip_len, y0 + uy * grip_len
    # Blade: broad, straight spine, the cutting edge tapering into a clipped tip.
    pts = [
        (hx + nx * width * 0.5, hy + ny * width * 0.5),
        (x1 - ux * 2.5 + nx * width * 0.5, y1 - uy * 2.5 + ny * width * 0.5),
        (x1, y1),
        (x1 - ux * 1.0 - nx * width * 0.5, y1 - uy * 1.0 - ny * width * 0.5),
        (hx - nx * width * 0.5, hy - ny * width * 0.5),
    ]
    blade = polygon(pts)
    shade(surf, blade, steel, "flat", sep=OUTLINE, bias=0.05)
    # Fuller (dark groove) along the spine and a bright honed edge.
    for k in range(int(length - grip_len - 3)):
        t = grip_len + 1 + k
        put(
            surf, round(x0 + ux * t + nx * 0.3 - 0.5), round(y0 + uy * t + ny * 0.3 - 0.5), steel[1]
        )
        ex, ey = x0 + ux * t - nx * (width * 0.5 - 0.7), y0 + uy * t - ny * (width * 0.5 - 0.7)
        if (round(ex - 0.5), round(ey - 0.5)) in blade:
            put(surf, round(ex - 0.5), round(ey - 0.5), steel[5])
    guard = capsule(
        (hx + nx * (width * 0.5 + 1.5), hy + ny * (width * 0.5 + 1.5)),
        (hx - nx * (width * 0.5 + 1.5), hy - ny * (width * 0.5 + 1.5)),
        1.0,
    )
    shade(surf, guard, RITA.frame, "flat", sep=OUTLINE)
    grip = capsule((x0, y0), (hx - ux * 0.8, hy - uy * 0.8), 1.0)
    shade(surf, grip, RITA.armour[:4], "flat", sep=OUTLINE)
    return blade


def draw_head(surf, body: Body, suit: Suit) -> None:
    if suit.hair:
        # Rita goes bare-headed: copper hair combed back into a tail, a crimson band.
        tail = body.capsule((-3.0, 0.4), (-7.0, 1.2), 1.9, 1.1)
        shade(surf, tail, suit.head, "flat", sep=OUTLINE)
        head = body.ellipse(0.8, 0, 4.1, 3.9)
        shade(surf, head, suit.head, "sphere", sep=OUTLINE)
        for p in head:  # strands: darker lines running front to back
            if round(_local_v(body, p)) % 2 == 0 and _local_u(body, p) < 2.5:
                r, g, b, a = surf.get_at(p)
                surf.set_at(p, (*mix((r, g, b), suit.head[0], 0.35), a))
        for k in (-1, 0, 1):
            x, y = body.at(4.3, k * 1.1)
            put(surf, round(x - 0.5), round(y - 0.5), hexrgb("#e8b090"))  # brow and nose
        for k in range(-4, 5):
            x, y = body.at(2.9, k * 0.9)
            p = (round(x - 0.5), round(y - 0.5))
            if p in head:
                put(surf, *p, suit.stripe)
        return
    helmet = body.ellipse(0.8, 0, 5.0, 4.9)
    # Darker than the pauldrons, so head and shoulders read as separate masses.
    shade(surf, helmet, suit.head, "sphere", sep=OUTLINE, bias=-0.14)
    # The visor wraps the front of the helmet as a band; one white glint sells the glass.
    visor = {p for p in helmet if _local_u(body, p) > 2.6 and abs(_local_v(body, p)) < 3.8}
    for p in visor:
        lit = _local_v(body, p) < -0.5
        edge = (p[0] + 1, p[1]) not in helmet or (p[0], p[1] + 1) not in helmet
        put(surf, *p, suit.visor[1] if edge else suit.visor[3] if lit else suit.visor[2])
    x, y = body.at(4.2, -2.0)
    put(surf, round(x - 0.5), round(y - 0.5), suit.visor[-1])
    # A ridge down the crown.
    for k in range(-3, 3):
        x, y = body.at(k, 0)
        p = (round(x - 0.5), round(y - 0.5))
        if p in helmet and p not in visor:
            put(surf, *p, suit.head[4] if k < 0 else suit.head[2])


def _local_u(body: Body, p: Px) -> float:
    dx, dy = p[0] + 0.5 - body.c - body.ox, p[1] + 0.5 - body.c - body.oy
    return dx * body.cos + dy * body.sin


def _local_v(body: Body, p: Px) -> float:
    dx, dy = p[0] + 0.5 - body.c - body.ox, p[1] + 0.5 - body.c - body.oy
    return -dx * body.sin + dy * body.cos


def pauldron(body: Body, side: int, u: float, v: float) -> Shape:
    """A shoulder plate: a chamfered slab, flaring outward, lower at the back."""
    pts = [
        (-5.0, 5.2),
        (1.6, 5.2),
        (3.2, 6.6),
        (3.2, 9.6),
        (1.4, 11.2),
        (-4.0, 11.2),
        (-5.8, 9.8),
        (-5.8, 6.2),
    ]
    return body.polygon([(u + pu, side * (pv - 8.4) + v) for pu, pv in pts])


def draw_soldier(suit: Suit, pose: Pose, size: int = 40) -> pygame.Surface:
    s = new_surface(size, size)
    body = Body(size, pose)
    armour, frame = suit.armour, suit.frame
    torso_ramp = armour if not suit.hair else frame

    # Thruster jets behind the backpack (dash): drawn first so the pack sits on top.
    if pose.thrusters:
        for v in (-4.0, 4.0):
            length = 4 + pose.thrusters * 2
            jet = body.capsule((-11, v), (-11 - length, v), 2.0, 0.6)
            fill(s, jet, (*suit.thrust, 170))
            fill(s, body.capsule((-11, v), (-11 - length * 0.55, v), 1.0, 0.4), (255, 255, 255))

    # Boots stride under the body: from above, a walk shows as toes and heels poking out.
    for side in (-1, 1):
        step = pose.stride * 6.5 * side
        boot = body.capsule((-2.5 + step, side * 4.4), (2.5 + step, side * 4.4), 2.3)
        shade(s, boot, frame, "flat", sep=OUTLINE)
        tx, ty = body.at(3.0 + step, side * 4.4)
        put(s, round(tx - 0.5), round(ty - 0.5), frame[4])

    # Power pack on the back, with exhaust nozzles and a status lamp.
    pack = body.polygon([(-11.5, -5.5), (-9.5, -7), (-4, -7), (-4, 7), (-9.5, 7), (-11.5, 5.5)])
    shade(s, pack, frame, "sphere", sep=OUTLINE)
    for v in (-4.0, 4.0):
        shade(s, body.ellipse(-9.8, v, 1.7, 1.7), frame[:3], "flat", sep=OUTLINE)
    for k in range(-2, 3):  # vent slats
        x, y = body.at(-6.5, k * 1.5)
        put(s, round(x - 0.5), round(y - 0.5), frame[0])
    lx, ly = body.at(-5.5, -5.4)
    put(s, round(lx - 0.5), round(ly - 0.5), suit.lamp)

    torso = body.ellipse(-1.0, 0, 6.0, 8.0)
    shade(s, torso, torso_ramp, "sphere", sep=OUTLINE)
    if suit.blade and pose.swing is None:
        # Rita's blade rides on her back, hilt over the left shoulder.
        draw_blade(s, body.at(-8.0, -14.5), body.at(-8.0, 14.0), 4.4)
    collar = body.ellipse(0.6, 0, 5.6, 5.8)
    shade(s, collar, frame, "sphere", sep=OUTLINE)

    breathe = pose.breathe * 0.8
    shoulder_shift = -pose.stride * 0.8
    if pose.swing is not None:
        # Both hands on the grip; the blade sweeps around the body's centre.
        cx, cy = body.at(0, 0)
        ca, sa = math.cos(pose.swing), math.sin(pose.swing)
        hand = (cx + 5.5 * ca, cy + 5.5 * sa)
        for side in (1, -1):
            arm = capsule(body.at(0, side * 8.5), hand, 2.2, 1.8)
            shade(s, arm, frame, "flat", sep=OUTLINE)
    else:
        # Right arm: shoulder, elbow, and the forearm the gun is strapped to.
        right = body.capsule((0.5 + shoulder_shift, 8.5), (4.5, 8.0), 2.3, 2.0)
        right |= body.capsule((4.5, 8.0), (6.5, 5.5), 2.0, 1.8)
        shade(s, right, frame, "flat", sep=OUTLINE)
        if pose.gun:
            draw_gun(s, body, suit, pose)
        # Left arm reaches across to the fore-grip (or to a magazine when reloading).
        hand = pose.left_hand or gun_points([(11.5, 0.5)], pose)[0]
        upper = body.capsule((0.5 - shoulder_shift, -8.0), (4.5, -5.5), 2.1, 1.8)
        upper |= body.capsule((4.5, -5.5), hand, 1.8, 1.5)
        shade(s, upper, frame, "flat", sep=OUTLINE)
        shade(s, body.ellipse(hand[0], hand[1], 1.8, 1.8), armour, "sphere", sep=OUTLINE)
        if pose.mag == "hand":
            hu, hv = hand
            mag = body.polygon(
                [(hu - 1.5, hv - 1), (hu + 2, hv - 1), (hu + 2, hv + 1.8), (hu - 1.5, hv + 1.8)]
            )
            shade(s, mag, suit.gun, "flat", sep=OUTLINE)

    # Pauldrons: the widest part of the silhouette, in the suit's signature colour.
    for side in (-1, 1):
        u = shoulder_shift * side
        v = side * (8.4 + breathe)
        pad = pauldron(body, side, u, v)
        # A broad, gentle gradient (big radii): a hard plate, not a pillow.
        shade(s, pad, armour, "sphere", sep=OUTLINE, bias=0.08, radii=(9, 8))
        if suit.signal:
            # The signal colour along the plate's outer edge: the suit's shoulders are what the
            # eye finds first, on any ground.
            px0, py0, px1, py1 = bounds(pad)
            band = {p for p in pad if abs(_local_v(body, p)) > 8.9 + breathe}
            centre = ((px0 + px1 + 1) / 2, (py0 + py1 + 1) / 2)
            shade(s, band, suit.signal, "sphere", bias=0.1, centre=centre, radii=(9, 8))
        x0, y0 = body.at(u - 3.5, v - side * 1.6)
        x1, y1 = body.at(u + 0.5, v - side * 1.6)
        for p in capsule((x0, y0), (x1, y1), 0.5):
            if p in pad:
                put(s, *p, suit.stripe if side == -1 else armour[5])

    draw_head(s, body, suit)
    if pose.swing is not None:
        # The blade is held out in front of the body, so it goes over everything else.
        draw_blade(s, (cx + 2.5 * ca, cy + 2.5 * sa), (cx + 18.2 * ca, cy + 18.2 * sa), 6.0)
        shade(s, ellipse(hand[0], hand[1], 2.1, 2.1), armour, "sphere", sep=OUTLINE)
    rim_outline(s, suit.rim)
    if pose.flash:
        s = tint_flash(s, (255, 196, 180), 0.7)
    return s


def draw_fallen(suit: Suit, progress: float, size: int = 40) -> pygame.Surface:
    """The soldier lying on their back, head to the west. `progress` < 1 is mid-fall: the legs
    are still foreshortened and the body has not slid all the way back."""
    s = new_surface(size, size)
    body = Body(size, Pose(shift=(-2 * progress, 0), twist=0.12 * (1 - progress)))
    armour = suit.armour if not suit.hair else RITA.frame
    frame = suit.frame
    if progress >= 1:
        cx, cy = body.at(-4, 0)
        pool = ellipse(cx + 1, cy - 2, 10.5, 9) | ellipse(cx + 8, cy - 7, 5, 3.5)
        for x, y in pool:
            edge = (x + 1, y) not in pool or (x, y + 1) not in pool
            put(s, x, y, (70, 8, 10, 200) if edge else (96, 12, 14, 220))
    leg_len = 6 + 6 * progress
    for side in (-1, 1):
        spread = side * (3 + 2.2 * progress)
        leg = body.capsule((1, side * 2.6), (1 + leg_len, spread), 2.6, 2.2)
        shade(s, leg, frame, "flat", sep=OUTLINE)
        boot = body.ellipse(2.5 + leg_len, spread, 2.4, 2.0)
        shade(s, boot, frame[:4], "sphere", sep=OUTLINE)
        arm = body.capsule(
            (-7, side * 8), (-3 + 2 * progress, side * (11 + 2 * progress)), 2.1, 1.8
        )
        shade(s, arm, frame, "flat", sep=OUTLINE)
    pack_edge = body.polygon([(-10, -7.5), (1, -7.5), (1, 7.5), (-10, 7.5)])
    shade(s, pack_edge, frame[:3], "flat", sep=OUTLINE)
    torso = body.ellipse(-4.5, 0, 6.8, 7.0)
    shade(s, torso, armour, "sphere", sep=OUTLINE)
    chest = body.capsule((-7, 0), (-1, 0), 1.0)
    shade(s, chest, frame, "flat")
    for side in (-1, 1):
        pad = body.ellipse(-8.5, side * 7.5, 3.6, 4.2)
        shade(s, pad, suit.armour, "sphere", sep=OUTLINE)
    if suit.hair:
        hair = body.ellipse(-15, 0, 3.6, 5.2) | body.capsule((-16, 0), (-18, 2), 1.6)
        shade(s, hair, suit.head, "sphere", sep=OUTLINE)
        face = body.ellipse(-13.2, 0, 2.4, 3.2)
        shade(s, face, ramp("#8a5a44", "#b9806a", "#e0ae90", "#f4d2b8"), "sphere")
    else:
        helmet = body.ellipse(-13.5, 0, 4.6, 5.0)
        shade(s, helmet, suit.head, "sphere", sep=OUTLINE)
        visor = {p for p in helmet if _local_u(body, p) > -13}
        shade(s, visor, suit.visor[:3], "flat", rim=False)
    if suit.blade:
        draw_blade(s, body.at(-6, 15.5), body.at(14, 12.5), 3.6)
    else:
        gun = Pose(gun_angle=0.08)
        gun_body = Body(size, Pose(shift=(-1 + progress, 8 + progress)))
        draw_gun(s, gun_body, suit, gun)
    rim_outline(s, suit.rim)
    return s


def soldier_sheet(name: str, suit: Suit) -> None:
    idle = [draw_soldier(suit, Pose(breathe=b)) for b in (0.0, 1.0)]
    walk = [draw_soldier(suit, Pose(stride=st, twist=-st * 0.06)) for st in (1.0, 0.0, -1.0, 0.0)]
    fire = [
        draw_soldier(suit, Pose(recoil=2.0, twist=-0.03)),
        draw_soldier(suit, Pose(recoil=0.0)),
    ]
    anims = [Anim("idle", idle, 20, True), Anim("walk", walk, 8, True)]
    # The muzzle flash belongs to fx_muzzle; the recoil frame gets a spark of its own so a single
    # shot still reads when effects are busy elsewhere.
    muzzle = Body(40, Pose()).at(*gun_points([(20.4 if suit.heavy_gun else 17.7, 2.5)], Pose())[0])
    for dx, dy, c in (
        (0, 0, (255, 250, 210)),
        (1, 0, (255, 210, 90)),
        (0, -1, (255, 200, 80)),
        (0, 1, (255, 200, 80)),
    ):
        put(fire[0], round(muzzle[0] - 2.5) + dx, round(muzzle[1] - 0.5) + dy, c)
    anims.append(Anim("fire", fire, 4, False))
    if name == "cage":
        reload = [
            draw_soldier(suit, Pose(gun_angle=0.35, left_hand=(6, 2))),
            draw_soldier(suit, Pose(gun_angle=0.45, mag="out", left_hand=(-1, -10))),
            draw_soldier(suit, Pose(gun_angle=0.45, mag="hand", left_hand=(4, 9))),
            draw_soldier(suit, Pose(gun_angle=0.2, left_hand=(8, 5))),
        ]
        # The spent magazine drops away in the second frame.
        mag = capsule((28, 33), (31, 34), 1.2)
        shade(reload[1], mag, suit.gun, "flat", sep=OUTLINE)
        anims.append(Anim("reload", reload, 10, False))
        dash = []
        for k, (lean, trail) in enumerate(((2.0, 2), (1.5, 2), (0.5, 1))):
            solid = draw_soldier(suit, Pose(shift=(lean, 0), stride=-0.8, thrusters=3 - k))
            frame = new_surface(40, 40)
            for t in range(trail, 0, -1):
                faded = ghost(solid, suit.thrust, 0.22 + 0.12 * (trail - t))
                frame.blit(faded, (-5 * t, 0))
            frame.blit(solid, (0, 0))
            dash.append(frame)
        anims.append(Anim("dash", dash, 4, False))
    else:
        swings = [-1.9, -0.9, 0.45, 1.55]
        blade = []
        for k, angle in enumerate(swings):
            frame = new_surface(40, 40)
            pose = Pose(swing=angle, twist=angle * 0.3)
            if k:
                swing_smear(frame, Body(40, pose).at(0, 0), swings[k - 1], angle, strong=k == 2)
            frame.blit(draw_soldier(suit, pose), (0, 0))
            blade.append(frame)
        anims.append(Anim("blade", blade, 5, False))
    hurt = [draw_soldier(suit, Pose(shift=(-1.5, 0), twist=0.12, flash=True))]
    anims.append(Anim("hurt", hurt, 8, False))
    dead = [
        draw_soldier(suit, Pose(shift=(-2, 0), twist=0.25, gun_angle=-0.5)),
        draw_soldier(suit, Pose(shift=(-3, 1), twist=0.45, gun_angle=0.5, stride=0.5)),
        draw_fallen(suit, 0.45),
        draw_fallen(suit, 1.0),
    ]
    anims.append(Anim("dead", dead, 10, False))
    save_sheet(name, (40, 40), anims)


def swing_smear(surf, centre, a0, a1, strong: bool) -> None:
    """The blade's motion arc: a pale crescent between the last and the current angle."""
    cx, cy = centre
    lo, hi = min(a0, a1), max(a0, a1)
    for y in range(40):
        for x in range(40):
            dx, dy = x + 0.5 - cx, y + 0.5 - cy
            r = math.hypot(dx, dy)
            a = math.atan2(dy, dx)
            if lo <= a <= hi and 7 <= r <= 18.8:
                t = (a - lo) / (hi - lo)  # brighter toward the blade's current position
                if a1 < a0:
                    t = 1 - t
                outer = r > 13.5
                alpha = (0.3 + 0.6 * t) * (1.0 if strong else 0.6) * (1.0 if outer else 0.55)
                edge = r > 17.5
                color = (255, 255, 255) if edge else (255, 228, 216) if outer else (240, 130, 110)
                blend(surf, x, y, color, min(0.95, alpha * (1.3 if edge else 1.0)))


# Mimics ---------------------------------------------------------------------------------------


class Breed:
    """Palette and proportions of a Mimic kind."""

    def __init__(self, **kw) -> None:
        self.scale: float = kw["scale"]
        self.tentacles: int = kw["tentacles"]
        self.skin: list[RGB] = kw["skin"]
        self.core: list[RGB] = kw["core"]  # dark rim to white-hot centre
        self.vein: list[RGB] | None = kw.get("vein")
        self.halo: RGB = kw["halo"]
        self.seed: int = kw["seed"]
        # The light round its edge: dark things on a dark deck still need a silhouette.
        self.rim: Rim = kw["rim"]


DRONE = Breed(
    scale=1.0,
    tentacles=9,
    skin=ramp("#0d0908", "#1c1310", "#2e2017", "#47321f", "#6b4c2b", "#96703e"),
    core=ramp("#5a1008", "#a8280e", "#e8561c", "#ff9a3a", "#ffd98a", "#fff6dc"),
    halo=hexrgb("#ff6a20"),
    seed=7,
    rim=Rim("#e0602a", "#ff9a50", "#ffd0a0"),
)
ALPHA = Breed(
    scale=1.6,
    tentacles=12,
    skin=ramp("#06080e", "#0e1320", "#182236", "#24344f", "#35506e", "#4f7396"),
    core=ramp("#0a2a78", "#1452d0", "#2a9cff", "#72e0ff", "#c8f8ff", "#ffffff"),
    vein=ramp("#0f5a9c", "#22a8f0", "#7eeaff"),
    halo=hexrgb("#30a8ff"),
    seed=11,
    rim=Rim("#3a90f0", "#6cc8ff", "#c8f4ff"),
)


class Writhe:
    """One moment of a Mimic's motion: how far the tentacles reach, how hard they coil, where the
    body leans, and how bright the core burns."""

    def __init__(self, **kw) -> None:
        self.phase: float = kw.get("phase", 0.0)
        self.spin: float = kw.get("spin", 0.0)
        self.reach: float = kw.get("reach", 1.0)
        self.curl: float = kw.get("curl", 0.0)
        self.stretch: float = kw.get("stretch", 0.0)
        self.core: float = kw.get("core", 0.3)
        self.body: float = kw.get("body", 1.0)


def tentacle_paths(
    breed: Breed, w: Writhe, size: int
) -> list[tuple[list[tuple[float, float]], float]]:
    """Centre-lines of every tentacle (points from root to tip) and each root radius."""
    rng = random.Random(breed.seed)
    k = breed.scale
    c = size / 2
    paths = []
    for i in range(breed.tentacles):
        base = i / breed.tentacles * math.tau + rng.uniform(-0.25, 0.25) + w.spin
        length = rng.uniform(8.5, 12.5) * k * w.reach
        bend = rng.choice([-1, 1]) * rng.uniform(0.6, 1.1)
        wobble = rng.uniform(0, math.tau)
        thick = rng.uniform(2.1, 2.8) * k
        if w.stretch:
            # Lunging: every tentacle streams back behind the body.
            back = math.pi + (base - math.pi) * 0.0
            rel = math.atan2(math.sin(base - math.pi), math.cos(base - math.pi))
            base = back + rel * (1 - 0.65 * w.stretch)
            length *= 1 + 0.35 * w.stretch
        pts = []
        steps = 9
        for j in range(steps + 1):
            t = j / steps
            ang = (
                base
                + bend * (w.curl * 2.2 * t * t)
                + 0.55 * math.sin(w.phase + t * 4.2 + wobble) * t
            )
            r = 3.5 * k * w.body + t * length
            pts.append((c + math.cos(ang) * r + w.stretch * 3 * k, c + math.sin(ang) * r))
        paths.append((pts, thick))
    return paths


def mimic_lobes(breed: Breed, w: Writhe, size: int) -> list[Shape]:
    """The central mass: a knot of muscular lobes that shift with the writhe (last = centre)."""
    k = breed.scale * w.body
    c = size / 2
    sx = 1 + 0.45 * w.stretch
    sy = 1 - 0.25 * w.stretch
    cx = c + w.stretch * 3.5 * breed.scale
    lobes = []
    for i in range(5):
        a = i / 5 * math.tau + w.phase * 0.5 + 0.4
        r = (3.6 + 0.5 * math.sin(w.phase + i * 2.1)) * k
        lobes.append(
            ellipse(
                cx + math.cos(a) * r * sx, c + math.sin(a) * r * sy, 3.3 * k * sx, 2.9 * k * sy, a
            )
        )
    lobes.append(ellipse(cx, c, 4.2 * k * sx, 4.0 * k * sy))
    return lobes


def mimic_body_shape(breed: Breed, w: Writhe, size: int) -> Shape:
    return set().union(*mimic_lobes(breed, w, size))


def draw_tentacle(surf, pts, thick, breed: Breed, lit: bool = True) -> Shape:
    shape = chain(pts, thick, 0.55 * breed.scale)
    shade(surf, shape, breed.skin, "flat", sep=breed.skin[0], bias=-0.06)
    # A glossy ridge along the lit side: wet, hard skin.
    for j in range(1, len(pts) - 2):
        x, y = pts[j]
        p = (round(x - 0.5 - 0.7), round(y - 0.5 - 0.7))
        if p in shape and lit:
            put(surf, *p, breed.skin[5] if j < 4 else breed.skin[4])
    if breed.vein:
        # Alpha veins: a glowing line down each tentacle's core.
        for j in range(0, len(pts) - 3):
            (x0, y0), (x1, y1) = pts[j], pts[j + 1]
            for t in (0.0, 0.5):
                p = (round(x0 + (x1 - x0) * t - 0.5), round(y0 + (y1 - y0) * t - 0.5))
                if p in shape:
                    put(surf, *p, breed.vein[2] if j < 2 else breed.vein[1])
    return shape


def draw_core(surf, breed: Breed, w: Writhe, body: Shape, size: int) -> None:
    k = breed.scale
    c = size / 2
    cx = c + w.stretch * 3.5 * k
    # Fissures: cracks across the body that leak the core's light.
    rng = random.Random(breed.seed + 1)
    for i in range(5):
        a = i / 5 * math.tau + rng.uniform(-0.3, 0.3) + w.phase * 0.3
        length = (3.5 + 2.5 * w.core) * k
        for j in range(int(length * 2)):
            r = j / 2
            wob = math.sin(j * 0.9 + i) * 0.6
            p = (
                round(cx + math.cos(a) * r - math.sin(a) * wob - 0.5),
                round(c + math.sin(a) * r + math.cos(a) * wob - 0.5),
            )
            if p in body:
                level = int(clamp(w.core * 4 - r / length * 2.5, 0, 4))
                put(surf, *p, breed.core[level])
    radius = (1.1 + 2.0 * w.core) * k
    core = ellipse(cx, c, radius, radius)
    for x, y in core:
        d = math.hypot(x + 0.5 - cx, y + 0.5 - c) / radius
        level = int(clamp((1 - d) * 3 + w.core * 3.0 - 0.3, 0, 5))
        put(surf, x, y, breed.core[level])


def draw_mimic(breed: Breed, w: Writhe, size: int) -> pygame.Surface:
    s = new_surface(size, size)
    c = size / 2
    if breed.vein or w.core > 0.6:
        # A halo of light around the dangerous ones (and around any Mimic about to strike).
        strength = (0.22 if breed.vein else 0.0) + max(0.0, w.core - 0.6) * 0.5
        glow(
            s,
            c + w.stretch * 3 * breed.scale,
            c,
            13 * breed.scale * (0.8 + 0.3 * w.core),
            breed.halo,
            strength,
            steps=3,
        )
    paths = tentacle_paths(breed, w, size)
    # Draw the tentacles reaching down-right first: from the top-left light, they lie underneath.
    paths.sort(key=lambda pt: pt[0][-1][0] + pt[0][-1][1], reverse=True)
    for pts, thick in paths:
        draw_tentacle(s, pts, thick, breed)
    lobes = mimic_lobes(breed, w, size)
    body = set().union(*lobes)
    # Lobes drawn one by one, each a wet, glossy bulge with its own highlight.
    lobes_sorted = sorted(
        lobes[:-1], key=lambda lb: sum(x + y for x, y in lb) / len(lb), reverse=True
    )
    for lobe in lobes_sorted + [lobes[-1]]:
        shade(s, lobe, breed.skin, "sphere", sep=breed.skin[0], bias=-0.15)
        x0, y0, x1, y1 = bounds(lobe)
        gx, gy = x0 + (x1 - x0) // 3, y0 + (y1 - y0) // 3
        if (gx, gy) in lobe:
            put(s, gx, gy, breed.skin[5])
    if breed.vein:
        # Armoured ridges on the Alpha's back, glowing at the seams.
        for i in range(3):
            a = i / 3 * math.tau + w.phase * 0.5 + 1.0
            for r in range(3, int(7 * breed.scale)):
                p = (
                    round(c + w.stretch * 5 + math.cos(a) * r - 0.5),
                    round(c + math.sin(a) * r - 0.5),
                )
                if p in body:
                    put(surf=s, x=p[0], y=p[1], color=breed.vein[0])
    draw_core(s, breed, w, body, size)
    rim_outline(s, breed.rim)
    if breed.vein or w.core > 0.6:
        glow(
            s,
            c + w.stretch * 3.5 * breed.scale,
            c,
            3.5 * breed.scale,
            breed.halo,
            0.15 + 0.4 * w.core,
            steps=2,
            add=True,
        )
    return s


def sand_mound(
    size: int,
    breed: Breed,
    frame: int,
    rng: random.Random,
    heave: float,
    crack: float,
    burst: float = 0.0,
):
    """A mound of sand pushed up from below, cracking open (burrowed / emerging Mimics)."""
    s = new_surface(size, size)
    k = breed.scale
    c = size / 2
    rx, ry = (9.5 + heave) * k, (8.0 + heave * 0.8) * k
    mound = ellipse(c, c, rx, ry)
    # Shadow on the sand to the bottom-right: the mound stands up from the ground.
    for x, y in shift(mound, round(1.5 * k), round(1.5 * k)):
        if (x, y) not in mound:
            put(s, x, y, (60, 40, 24, 110))
    shade(s, mound, SAND[:5], "sphere", rim=False, bias=-0.16 + heave * 0.03)
    for x, y in ring(mound):
        if s.get_at((x, y))[3] < 100:
            put(s, x, y, (*SAND[0], 140))
    # Cracks radiate from the top of the mound and widen as the creature pushes up.
    crng = random.Random(breed.seed + 5)
    for i in range(6):
        a = i / 6 * math.tau + crng.uniform(-0.4, 0.4)
        length = crack * crng.uniform(0.6, 1.0) * rx
        x, y = c, c
        for j in range(int(length)):
            a += crng.uniform(-0.35, 0.35)
            x += math.cos(a)
            y += math.sin(a) * ry / rx
            p = (round(x - 0.5), round(y - 0.5))
            if p in mound:
                put(s, *p, SAND_DARK[0] if j > length * 0.4 or crack < 0.6 else breed.skin[1])
                if (p[0] + 1, p[1] + 1) in mound:
                    put(s, p[0] + 1, p[1] + 1, SAND[4])
    if crack > 0.5:
        # The creature's light leaks up through the split.
        glow(s, c, c, (3 + crack * 3) * k, breed.halo, 0.35 * crack, steps=2, add=True)
        centre = ellipse(c, c, 1.6 * k * crack, 1.4 * k * crack)
        shade(s, centre, breed.skin[:4], "sphere", rim=False)
        put(s, round(c - 0.5), round(c - 0.5), breed.core[3])
    # Grains trickling down the slopes.
    for _ in range(int(6 * k)):
        a = rng.uniform(0, math.tau)
        r = rng.uniform(0.8, 1.25)
        put(
            s,
            round(c + math.cos(a) * rx * r),
            round(c + math.sin(a) * ry * r),
            SAND[rng.choice([1, 4, 5])],
        )
    return s


def burst_pit(surf, breed: Breed, t: float) -> None:
    """Where the mound was: a dark hole with the broken crust heaped in a ring around it,
    slumping outward and flattening as t goes 0..1."""
    k = breed.scale
    c = surf.get_width() / 2
    pit = ellipse(c, c, (7.5 - 2 * t) * k, (6.5 - 2 * t) * k)
    for x, y in pit:
        d = math.hypot(x + 0.5 - c, y + 0.5 - c) / (7.5 * k)
        put(surf, x, y, (*mix(SAND_DARK[0], (20, 14, 10), 0.6 - d * 0.4), round(230 - t * 80)))
    rng = random.Random(breed.seed + 40)
    for i in range(int(11 * k)):
        a = i / int(11 * k) * math.tau + rng.uniform(-0.2, 0.2)
        r = (7.5 + 4 * t) * k + rng.uniform(-1, 1)
        size = rng.uniform(1.8, 2.8) * k * (1 - 0.35 * t)
        clod = ellipse(c + math.cos(a) * r, c + math.sin(a) * r, size, size * 0.8)
        for p in shift(clod, 1, 1):
            if p not in clod:
                put(surf, *p, (60, 40, 24, 110))
        shade(surf, clod, SAND[:5], "sphere", rim=False, bias=-0.05)


def sand_spray(surf, breed: Breed, t: float, rng_seed: int) -> None:
    """Clods and grains thrown outward by an emergence; t goes 0..1 over the burst."""
    rng = random.Random(rng_seed)
    k = breed.scale
    c = surf.get_width() / 2
    for _ in range(int(34 * k)):
        a = rng.uniform(0, math.tau)
        speed = rng.uniform(0.5, 1.0)
        r = (4 + 13 * speed * t) * k
        if r > c - 1.5:
            continue
        x, y = c + math.cos(a) * r, c + math.sin(a) * r
        big = rng.random() < 0.35 and t < 0.7
        clod = ellipse(x, y, 1.3 * k, 1.1 * k) if big else {(round(x - 0.5), round(y - 0.5))}
        if big:
            shade(surf, clod, SAND[1:], "sphere", sep=None)
            w, h = surf.get_size()
            for p in ring(clod):
                if 0 <= p[0] < w and 0 <= p[1] < h and surf.get_at(p)[3] < 100:
                    put(surf, *p, (*SAND_DARK[0], 220))
        else:
            fill(surf, clod, SAND[rng.choice([2, 3, 4, 5])])


# The rows every Mimic sheet has, in order: (name, ticks per frame, loops). The renderer picks a
# row by the Mimic's state and turns the frames to its heading, so every kind faces east.
MIMIC_ROWS = (
    ("burrowed", 12, True),
    ("emerge", 6, False),
    ("move", 7, True),
    ("windup", 8, False),
    ("lunge", 5, True),
    ("die", 6, False),
    ("hit", 4, False),
)


def save_mimic_sheet(
    name: str, size: int, rows: dict[str, list[pygame.Surface]], ticks: dict[str, int] | None = None
) -> None:
    """Write a Mimic kind's sheet: its frames by row name, each row's pace overridable."""
    ticks = ticks or {}
    anims = [Anim(row, rows[row], ticks.get(row, t), loop) for row, t, loop in MIMIC_ROWS]
    save_sheet(name, (size, size), anims)


def mound_rows(
    breed: Breed, size: int, rng: random.Random, rising: Callable[[int, float], pygame.Surface]
) -> tuple[list[pygame.Surface], list[pygame.Surface]]:
    """The burrowed row (a mound heaving and cracking) and the emerge row (the mound bursts and
    the creature climbs out of the pit through flying sand). `rising(f, reach)` draws the creature
    on emerge frame f (1..5) as it comes out, reach going 0.2..1."""
    burrowed = [
        sand_mound(size, breed, f, rng, heave=h, crack=c)
        for f, (h, c) in enumerate(((0.0, 0.2), (0.8, 0.35), (0.4, 0.55), (1.2, 0.8)))
    ]
    emerge = []
    for f in range(6):
        frame = new_surface(size, size)
        if f == 0:
            frame.blit(sand_mound(size, breed, 9, rng, heave=1.6, crack=1.0), (0, 0))
        else:
            reach = (0.2, 0.45, 0.7, 0.9, 1.0)[f - 1]
            burst_pit(frame, breed, f / 5)
            frame.blit(rising(f, reach), (0, 0))
            sand_spray(frame, breed, f / 5, breed.seed + 100)
        emerge.append(frame)
    return burrowed, emerge


def with_trail(solid: pygame.Surface, color: RGB, step: float, alphas=(0.12, 0.24, 0.36)):
    """A lunging body with fading afterimages behind it (to the west: it moves east)."""
    frame = new_surface(*solid.get_size())
    for t, alpha in zip((3, 2, 1), alphas, strict=True):
        frame.blit(ghost(solid, color, alpha), (-round(step * t), 0))
    frame.blit(solid, (0, 0))
    return frame


def mimic_sheet(name: str, breed: Breed, size: int) -> None:
    rng = random.Random(breed.seed * 31)

    def rising(f: int, reach: float) -> pygame.Surface:
        return draw_mimic(
            breed,
            Writhe(
                phase=f * 0.9,
                reach=reach,
                curl=1.0 - reach,
                body=0.6 + 0.4 * reach,
                core=0.8 - 0.1 * f,
            ),
            size,
        )

    burrowed, emerge = mound_rows(breed, size, rng, rising)
    move = [
        draw_mimic(breed, Writhe(phase=f * math.tau / 4, spin=f * 0.18, core=0.3), size)
        for f in range(4)
    ]
    windup = [
        draw_mimic(
            breed,
            Writhe(
                phase=f * 1.3,
                reach=0.85 - 0.12 * f,
                curl=0.5 + 0.35 * f,
                core=0.55 + 0.25 * f,
                body=1.0 - 0.04 * f,
            ),
            size,
        )
        for f in range(3)
    ]
    lunge = [
        with_trail(
            draw_mimic(
                breed, Writhe(phase=f * 2.0, stretch=0.7 + 0.3 * f, core=0.9, reach=0.95), size
            ),
            breed.halo if breed.vein else breed.rim.far,
            5 * breed.scale,
        )
        for f in range(2)
    ]
    die = [mimic_death(breed, f, size) for f in range(6)]
    hit = [tint_flash(move[0], (255, 255, 255), 0.85)]
    rows = {"burrowed": burrowed, "emerge": emerge, "move": move, "windup": windup}
    save_mimic_sheet(name, size, rows | {"lunge": lunge, "die": die, "hit": hit})


def ichor_pool(
    s, breed: Breed, f: int, size: int, blood: list[RGB] = ICHOR, spill: float = 1.0
) -> tuple[Shape, float]:
    """The pool a dying Mimic spreads underneath it on death frame f; returns it and its size."""
    k = breed.scale
    c = size / 2
    pool_r = (3 + f * 1.6) * k * spill
    pool = splat_shape(random.Random(breed.seed), c, c, pool_r, lobes=7)
    pool = {p for p in pool if 1 <= p[0] < size - 1 and 1 <= p[1] < size - 1}
    shade(s, pool, blood[:4], "sphere", rim=False, bias=-0.1)
    for x, y in pool:
        if (x - 1, y - 1) not in pool and (x + 1, y + 1) in pool:
            put(s, x, y, blood[4])
    return pool, pool_r


def ichor_drops(s, breed: Breed, f: int, size: int, blood: list[RGB] = ICHOR) -> None:
    """Droplets flung out of a bursting Mimic, further on each death frame."""
    k = breed.scale
    c = size / 2
    drops = random.Random(breed.seed + 9)
    for _ in range(int(16 * k)):
        a = drops.uniform(0, math.tau)
        r = (4 + f * drops.uniform(2.0, 3.4)) * k
        if r < c - 2:
            x, y = c + math.cos(a) * r, c + math.sin(a) * r
            fill(s, ellipse(x, y, 0.9 * k, 0.9 * k), blood[3])
            put(s, round(x - 1), round(y - 1), blood[5])


def mimic_death(breed: Breed, f: int, size: int) -> pygame.Surface:
    """Six frames: the core flares, the knot bursts, pieces and ichor fly, a splat remains."""
    s = new_surface(size, size)
    k = breed.scale
    c = size / 2
    rng = random.Random(breed.seed * 7 + 3)
    if f == 0:
        frame = draw_mimic(breed, Writhe(phase=0.5, core=1.0, curl=0.3, body=1.12), size)
        return tint_flash(frame, breed.core[4], 0.35)
    # The pool of ichor that spreads underneath.
    pool, pool_r = ichor_pool(s, breed, f, size)
    if breed.vein:
        for x, y in sorted(pool)[:: 7 + f]:
            put(s, x, y, breed.vein[1] if f < 5 else breed.vein[0])
    if f == 5:
        # What is left: a dark splat with a few curled scraps.
        for i in range(4):
            a = i / 4 * math.tau + 0.6
            r = pool_r * 0.9
            x, y = c + math.cos(a) * r, c + math.sin(a) * r
            scrap = chain(
                [
                    (x, y),
                    (x + 2 * k * math.cos(a + 1), y + 2 * k * math.sin(a + 1)),
                    (x + 3 * k * math.cos(a + 2), y + 3 * k * math.sin(a + 2)),
                ],
                1.2 * k,
                0.5 * k,
            )
            shade(s, scrap, breed.skin, "flat", sep=breed.skin[0])
        outline_soft = {p for p in ring(pool) if 0 <= p[0] < size and 0 <= p[1] < size}
        fill(s, outline_soft, (*ICHOR[0], 160))
        return s
    # Severed tentacle pieces flying outward, spinning.
    paths = tentacle_paths(breed, Writhe(phase=f * 0.7, curl=0.6), size)
    fly = f * 2.2 * k
    for pts, thick in paths:
        end = pts[-1]
        a = math.atan2(end[1] - c, end[0] - c)
        for lo, hi in ((0, 5), (5, 10)):
            seg = pts[lo : hi + 1]
            push = fly * (1.0 if lo else 0.6) + rng.uniform(0, 2) * k
            moved = [(x + math.cos(a) * push, y + math.sin(a) * push) for x, y in seg]
            mx, my = moved[len(moved) // 2]
            spin = f * 0.25 * (1 if lo else -1)
            moved = rotate_points(moved, spin, (mx, my))
            shrink = max(0.3, 1 - f * 0.12)
            r0 = thick * (1 - lo / 12) * shrink
            if all(2 <= x < size - 2 and 2 <= y < size - 2 for x, y in moved):
                draw_tentacle(s, moved, r0, breed, lit=True)
    # Body fragments and flying droplets.
    for i in range(3):
        a = i / 3 * math.tau + 0.3
        d = f * 1.6 * k
        chunk = ellipse(
            c + math.cos(a) * d, c + math.sin(a) * d, (3.6 - f * 0.4) * k, (3.2 - f * 0.4) * k
        )
        shade(s, chunk, breed.skin, "sphere", sep=breed.skin[0])
    if f <= 2:
        glow(s, c, c, (6 + 3 * f) * k, breed.halo, 0.5 - 0.15 * f, steps=2, add=True)
        fill(s, ellipse(c, c, (2.5 - f * 0.7) * k, (2.5 - f * 0.7) * k), breed.core[5 - f])
    ichor_drops(s, breed, f, size)
    rim_outline(s, breed.rim)
    return s


# The other Mimic kinds -------------------------------------------------------------------------
# Jointed creatures rather than knots of tentacles: a body of shaded segments and plates on legs
# that swing in a walking gait, each kind with its own outline and one bright accent colour.


class Stance:
    """One moment of a jointed Mimic's motion. Each kind reads the parts that matter to it."""

    def __init__(self, **kw) -> None:
        self.phase: float = kw.get("phase", 0.0)  # walking gait, radians
        self.reach: float = kw.get("reach", 1.0)  # legs out (drawn in while it climbs out)
        self.charge: float = kw.get("charge", 0.3)  # how bright the accent burns, 0..1
        self.brace: float = kw.get("brace", 0.0)  # the wind-up posture, 0..1
        self.thrust: float = kw.get("thrust", 0.0)  # the lunge, 0..1
        self.jaw: float = kw.get("jaw", 0.0)  # jaws open, 0..1


def bug_leg(s, root, angle, l1, l2, bend, thick, pal: list[RGB], bias: float = -0.08) -> Shape:
    """A two-jointed leg from root: out to the knee along `angle`, then `bend` more to the foot."""
    kx, ky = root[0] + math.cos(angle) * l1, root[1] + math.sin(angle) * l1
    a2 = angle + bend
    foot = (kx + math.cos(a2) * l2, ky + math.sin(a2) * l2)
    shape = chain([root, (kx, ky), foot], thick, max(0.5, thick * 0.45))
    shade(s, shape, pal, "flat", sep=pal[0], bias=bias)
    knee = (round(kx - 0.5), round(ky - 0.5))
    if knee in shape:
        put(s, *knee, pal[-2])
    return shape


def leg_pairs(
    s, pal, cx, cy, legs, st: Stance, swing: float, k: float, bend: float = 0.7, bias: float = -0.08
) -> None:
    """Legs in mirrored pairs; `legs` holds (x along the body, half-width at the root, angle from
    the heading in degrees, upper and lower length, thickness). Alternate legs swing together (a
    tripod gait), and the ones drawn first (down-right, away from the light) lie underneath."""
    for side in (1, -1):
        for i, (ox, half, base, l1, l2, thick) in enumerate(legs):
            sw = swing * math.sin(st.phase + i * math.pi + (0 if side > 0 else math.pi))
            a = side * (math.radians(base) + sw)
            reach = st.reach
            bug_leg(
                s,
                (cx + ox * k, cy + side * half * k),
                a,
                l1 * k * reach,
                l2 * k * reach,
                side * (base - 90) / 90 * bend,
                thick * k,
                pal,
                bias,
            )


def glossy(s, shape: Shape, pal: list[RGB], bias: float = -0.1, sep: RGB | None = None) -> None:
    """A shaded, hard, wet part with one highlight pixel up-left of its middle."""
    if not shape:
        return
    shade(s, shape, pal, "sphere", sep=pal[0] if sep is None else sep, bias=bias)
    x0, y0, x1, y1 = bounds(shape)
    g = (x0 + (x1 - x0) // 3, y0 + (y1 - y0) // 3)
    if g in shape:
        put(s, *g, pal[-1])


def spots(s, shape: Shape, pal: list[RGB], seed: int, every: int, level: int) -> None:
    """Mottling: a scatter of darker or lighter pixels over a part (shells, hides)."""
    rng = random.Random(seed)
    for p in sorted(shape):
        if rng.random() < 1 / every and ring({p}) <= shape:
            put(s, *p, pal[level])


# Palettes of the new kinds: each has a body ramp and an accent ramp (dark rim to white-hot).
SPITTER_SKIN = ramp("#0d0f0c", "#191d17", "#272d23", "#384031", "#4d5842", "#687557")
ACID = ramp("#173308", "#2a5a0e", "#468c16", "#72c026", "#aaea46", "#e6ff9c")
BURROWER_SKIN = ramp("#160d08", "#27170e", "#3b2414", "#52331c", "#6b4626", "#875c33")
OCHRE = ramp("#4d3316", "#6f4a1f", "#936728", "#b5873a", "#d1a856", "#ebcc87")
RUST_SEAM = ramp("#3a0c06", "#6e1a0c", "#a82c14", "#d8481e", "#ff7a3a", "#ffc08a")
CARAPACE_SKIN = ramp("#0b090d", "#161219", "#221c27", "#322939", "#463b4f", "#5e516a")
SHIELD = ramp("#5e5546", "#8a806b", "#b1a78e", "#d2c9b0", "#ebe4cf", "#fbf8ec")
WEAK = ramp("#52082a", "#981a48", "#d83a74", "#ff74a4", "#ffbcd6", "#fff4f8")
MITE_SKIN = ramp("#08070b", "#15121b", "#241e2c", "#362e41", "#50445e", "#6e5f80")
EYES = ramp("#6a2a04", "#b85a08", "#f09a14", "#ffc832", "#ffec8a", "#fffbe0")
# Hair-thin legs glinting amber like the eyes: at its size a mite is its legs and its eyes.
MITE_LEGS = ramp("#e0a860", "#ffe0a0", "#fff0c8")
HULK_SKIN = ramp("#090706", "#140f0d", "#201815", "#2e231e", "#3f3028", "#544036")
HULK_PLATE = ramp("#2f2a27", "#4a433e", "#686059", "#88807a", "#a9a29a", "#c8c2b8")
BROOD_SHELL = ramp("#16111b", "#241c2c", "#342b40", "#473d56", "#5e536e", "#786d88", "#958ba3")
VENT = ramp("#4a0a04", "#8c1a06", "#d23a0e", "#ff6a1e", "#ffb04a", "#fff0b0")
VIOLET = ramp("#2a0b48", "#4d1a80", "#7a30c0", "#a65ae8", "#d29aff", "#f4e2ff")

SPITTER = Breed(
    scale=1.0,
    tentacles=0,
    skin=SPITTER_SKIN,
    core=ACID,
    halo=hexrgb("#8cff3a"),
    seed=21,
    rim=Rim("#6aae22", "#a8e040", "#e0ff98"),
)
BURROWER = Breed(
    scale=1.2,
    tentacles=0,
    skin=BURROWER_SKIN,
    core=RUST_SEAM,
    halo=hexrgb("#ff5a24"),
    seed=23,
    rim=Rim("#d85a26", "#ff9454", "#ffc890"),
)
CARAPACE = Breed(
    scale=1.2,
    tentacles=0,
    skin=CARAPACE_SKIN,
    core=WEAK,
    halo=hexrgb("#ff4f96"),
    seed=27,
    rim=Rim("#d03878", "#ff8cc0", "#ffc8e0"),
)
MITE = Breed(
    scale=0.6,
    tentacles=0,
    skin=MITE_SKIN,
    core=EYES,
    halo=hexrgb("#ffb020"),
    seed=29,
    rim=Rim("#ffb838", "#ffc860", "#ffe8a8"),
)
HULK = Breed(
    scale=2.4,
    tentacles=0,
    skin=HULK_SKIN,
    core=VENT,
    halo=hexrgb("#ff5a1a"),
    seed=31,
    rim=Rim("#dc4c1c", "#ff9048", "#ffc890"),
)
BROOD = Breed(
    scale=2.4,
    tentacles=0,
    skin=BROOD_SHELL,
    core=VIOLET,
    halo=hexrgb("#b060ff"),
    seed=37,
    rim=Rim("#9050d8", "#d09cff", "#ecd4ff"),
)


def draw_mite(st: Stance, size: int = 24, k: float = 1.0) -> pygame.Surface:
    """A swarmer no bigger than a boot: a black tick on eight busy, hair-thin legs (no outline on
    them, so a dozen piled together stay a dozen), two burning eyes."""
    s = new_surface(size, size)
    c = size / 2
    lean = st.thrust * 1.5 * k
    reach = st.reach * (1 - 0.3 * st.brace)
    legs = new_surface(size, size)
    leg_pairs(
        legs,
        MITE_LEGS,
        c + lean,
        c,
        [
            (2.0, 1.6, min(165, 48 + 45 * st.thrust), 3.2, 3.0, 0.5),
            (0.7, 1.6, min(165, 80 + 45 * st.thrust), 3.2, 3.0, 0.5),
            (-0.7, 1.6, min(165, 108 + 45 * st.thrust), 3.2, 3.0, 0.5),
            (-2.0, 1.6, min(165, 138 + 45 * st.thrust), 3.2, 3.0, 0.5),
        ],
        Stance(phase=st.phase, reach=reach),
        0.3,
        k,
        bend=0.9,
        bias=0.3,  # hair-thin legs are all rim: lift them so they stay light
    )
    body = ellipse(c - 1.2 * k + lean, c, (4.8 + st.thrust) * k, 3.7 * k * (1 - 0.1 * st.thrust))
    head = ellipse(c + 3.6 * k + lean * 1.4, c, 2.6 * k, 2.6 * k)
    glossy(s, body, MITE_SKIN, bias=0.05)
    glossy(s, head, MITE_SKIN, bias=0.0)
    # A ridge down the back catches the light: it keeps the tick readable on a dark deck.
    for x in range(round(c - 4.5 * k + lean), round(c + 1 * k + lean)):
        if (x, round(c - 1.5)) in body:
            put(s, x, round(c - 1.5), MITE_SKIN[5])
    rim_outline(s, MITE.rim)
    legs.blit(s, (0, 0))
    s = legs
    # The eyes: two hot points at the front of the head, glowing brighter as it gathers to leap.
    ex = round(c + 4.6 * k + lean * 1.4 - 0.5)
    hot = EYES[3 + round(clamp(st.charge, 0, 1) * 2)]
    glow(s, ex, c, 3.2 * k, EYES[3], 0.18 + 0.45 * max(0.0, st.charge - 0.3), steps=2, add=True)
    for dy in (-1, 1):
        ey = round(c + dy * 1.3 * k - 0.5)
        put(s, ex, ey, hot)
        put(s, ex - 1, ey, EYES[2])
        put(s, ex + 1, ey, EYES[1])
    return s


def shatter(body: pygame.Surface, pieces: int, seed: int) -> list[tuple[pygame.Surface, float]]:
    """Cut a sprite into wedges about its centre: the pieces a dying Mimic bursts into, each with
    the direction (radians) it flies off in."""
    w, h = body.get_size()
    c = w / 2
    rng = random.Random(seed)
    offset = rng.uniform(0, math.tau)
    out = [(new_surface(w, h), offset + (i + 0.5) / pieces * math.tau) for i in range(pieces)]
    for y in range(h):
        for x in range(w):
            px = body.get_at((x, y))
            if px[3]:
                d = math.hypot(y + 0.5 - c, x + 0.5 - c)
                a = math.atan2(y + 0.5 - c, x + 0.5 - c) + 0.3 * math.sin(d * 0.5) - offset
                a %= math.tau
                out[int(a / math.tau * pieces) % pieces][0].set_at((x, y), px)
    return out


def bug_death(
    breed: Breed,
    draw: Callable[[Stance], pygame.Surface],
    f: int,
    size: int,
    blood: list[RGB],
    spill: float = 1.0,
) -> pygame.Surface:
    """Six frames: the accent flares, the body bursts apart over a spreading pool, the broken
    shell and a dark splat remain."""
    k = breed.scale
    c = size / 2
    if f == 0:
        return tint_flash(draw(Stance(charge=1.0, brace=0.3)), breed.core[4], 0.35)
    s = new_surface(size, size)
    ichor_pool(s, breed, f, size, blood, spill)
    body = draw(Stance(phase=0.4, charge=max(0.0, 0.7 - 0.25 * f), reach=1 - 0.06 * f))
    rng = random.Random(breed.seed * 5 + 1)
    for piece, a in shatter(body, 5, breed.seed):
        d = f * (1.0 + rng.uniform(0, 0.6)) * k**0.6  # big kinds break apart, not scatter away
        if f >= 4:
            w, h = piece.get_size()
            for y in range(h):
                for x in range(w):
                    r, g, b, al = piece.get_at((x, y))
                    if al:
                        piece.set_at((x, y), (*mix((r, g, b), OUTLINE, 0.3 + 0.1 * f), al))
        s.blit(piece, (round(math.cos(a) * d), round(math.sin(a) * d)))
    if f <= 2:
        glow(s, c, c, (5 + 3 * f) * k, breed.halo, 0.5 - 0.15 * f, steps=2, add=True)
    if f < 5:
        ichor_drops(s, breed, f, size, blood)
    outline(s, OUTLINE)
    return s


def bug_sheet(
    name: str,
    breed: Breed,
    size: int,
    draw: Callable[[Stance], pygame.Surface],
    *,
    blood: list[RGB] = ICHOR,
    spill: float = 1.0,
    trail: bool = True,
    rows: dict[str, list[pygame.Surface]] | None = None,
    ticks: dict[str, int] | None = None,
) -> None:
    """A jointed Mimic kind's sheet, in the drone's rows; `rows` replaces any the kind draws its
    own way (a burrower's ridge). `spill` sizes the pool it dies in; a kind that strikes where it
    stands (no `trail`) leaves no afterimages."""

    def lunge(f: int) -> pygame.Surface:
        solid = draw(Stance(phase=f * math.pi, thrust=0.7 + 0.3 * f, charge=0.9, jaw=1.0))
        return with_trail(solid, breed.rim.far, 4 * breed.scale) if trail else solid

    rows = dict(rows or {})
    rng = random.Random(breed.seed * 31)

    def rising(f: int, reach: float) -> pygame.Surface:
        return draw(Stance(phase=f * 0.9, reach=reach, charge=0.8 - 0.1 * f))

    burrowed, emerge = mound_rows(breed, size, rng, rising)
    move = [
        draw(Stance(phase=f * math.tau / 4, charge=0.3 + 0.12 * math.sin(f * math.tau / 4)))
        for f in range(4)
    ]
    made = {
        "burrowed": lambda: burrowed,
        "emerge": lambda: emerge,
        "move": lambda: move,
        "windup": lambda: [draw(Stance(charge=0.45 + 0.27 * f, brace=f / 2)) for f in range(3)],
        "lunge": lambda: [lunge(f) for f in range(2)],
        "die": lambda: [bug_death(breed, draw, f, size, blood, spill) for f in range(6)],
        "hit": lambda: [tint_flash(move[0], (255, 255, 255), 0.85)],
    }
    for row, make in made.items():
        if row not in rows:
            rows[row] = make()
    save_mimic_sheet(name, size, rows, ticks)


def draw_spitter(st: Stance, size: int = 40) -> pygame.Surface:
    """A lanky stilt-walker carrying a swollen sac of acid on its back; winding up, the sac swells
    and glows; spitting, the head snaps forward in a spray of green."""
    s = new_surface(size, size)
    c = size / 2
    recoil = -3.5 * st.thrust  # the body jerks back as the head throws forward
    swell = 1 + 0.32 * max(0.0, st.charge - 0.3) - 0.12 * st.thrust
    bx = c + recoil
    hx = c + 8 + 5.5 * st.thrust + recoil
    if st.charge > 0.5:
        glow(s, bx - 5, c, 13 * swell, SPITTER.halo, 0.1 + 0.35 * (st.charge - 0.5), steps=3)
    legs = [
        (5.0, 1.4, 48, 8.0, 8.0, 0.75),
        (3.0, 2.0, 78, 7.5, 8.0, 0.75),
        (1.0, 1.6, 124, 8.5, 9.5, 0.75),
    ]
    brace = st.brace
    legs = [
        (ox, h, base + (6 if base > 90 else -6) * brace, l1, l2, t)
        for ox, h, base, l1, l2, t in legs
    ]
    leg_pairs(s, SPITTER_SKIN[1:], bx, c, legs, st, 0.3, 1.0, bend=1.1, bias=0.05)
    tail = ellipse(bx - 6, c, 6.5, 3.8)
    thorax = ellipse(bx + 3, c, 4.2, 2.6)
    neck = capsule((bx + 4, c), (hx - 1, c), 1.4)
    head = ellipse(hx, c, 3.4, 2.8)
    glossy(s, tail, SPITTER_SKIN)
    glossy(s, thorax, SPITTER_SKIN)
    shade(s, neck, SPITTER_SKIN, "flat", sep=SPITTER_SKIN[0])
    # Mandibles: a pair of hooked prongs, flung wide when it spits.
    gape = 0.35 + 0.7 * st.jaw
    for side in (1, -1):
        root = (hx + 1.5, c + side * 1.2)
        tip = (hx + 4.2, c + side * (1.2 + 2.2 * gape))
        hook = (tip[0] + 1.2, tip[1] - side * 1.0)
        shade(s, chain([root, tip, hook], 0.8, 0.5), SPITTER_SKIN, "flat", sep=SPITTER_SKIN[0])
    glossy(s, head, SPITTER_SKIN, bias=0.05)
    # The sac: translucent green over the abdomen, veined, with bubbles in it.
    sac = ellipse(bx - 5.5, c, 6.0 * swell, 5.0 * swell)
    bright = clamp(st.charge, 0, 1)
    shade(s, sac, ACID[: 4 + round(bright * 2)], "sphere", sep=SPITTER_SKIN[0], bias=-0.05)
    veins = random.Random(SPITTER.seed)
    for i in range(4):
        a = i / 4 * math.tau + 0.4
        for j in range(2, int(5 * swell)):
            p = (round(bx - 5.5 + math.cos(a) * j * 1.1 - 0.5), round(c + math.sin(a) * j - 0.5))
            if p in sac and veins.random() < 0.8:
                put(s, *p, ACID[1])
    for _ in range(5):
        p = (
            round(bx - 5.5 + veins.uniform(-4, 3) * swell),
            round(c + veins.uniform(-3, 3) * swell),
        )
        if p in sac:
            put(s, *p, ACID[5])
    # Two eye-pits on the head.
    put(s, round(hx + 0.5), int(c) - 2, ACID[4])
    put(s, round(hx + 0.5), int(c) + 1, ACID[4])
    rim_outline(s, SPITTER.rim)
    glow(s, bx - 6, c - 1, 3.5 * swell, ACID[4], 0.15 + 0.45 * bright, steps=2, add=True)
    if st.thrust:
        # The spray: a cone of droplets out of the mouth, a hot core at its root.
        mouth = (hx + 4.5, c)
        spray = new_surface(size, size)
        drops = random.Random(SPITTER.seed + round(st.thrust * 10))
        for _ in range(30):
            a = drops.gauss(0, 0.45)
            r = drops.uniform(1, 7) * st.thrust
            x, y = mouth[0] + math.cos(a) * r, mouth[1] + math.sin(a) * r
            if x < size - 1:
                fill(spray, ellipse(x, y, 0.9, 0.9), ACID[drops.choice([3, 4, 4, 5])])
        fill(spray, ellipse(mouth[0] + 1, c, 2.4, 2.0), ACID[4])
        fill(spray, ellipse(mouth[0] + 1, c, 1.2, 1.0), ACID[5])
        outline(spray, ACID[0])
        s.blit(spray, (0, 0))
    return s


def plated_segment(s, shape: Shape, pal: list[RGB], seam: RGB, centre, radii) -> None:
    """An armour plate: shaded as part of the larger body it belongs to, its edge a coloured seam
    where it overlaps what is already drawn, a bright bevel along its front edge."""
    shade(s, shape, pal, "sphere", sep=seam, centre=centre, radii=radii, bias=0.05)
    for x, y in shape:
        if (x + 1, y) not in shape and (x - 1, y) in shape and y < centre[1]:
            put(s, x, y, pal[-1])


def draw_burrower(st: Stance, size: int = 48) -> pygame.Surface:
    """A digger: a chain of ochre armour plates with rust-red seams behind a spade of a head, two
    shovel claws at its jaws."""
    s = new_surface(size, size)
    c = size / 2
    lunge = st.thrust
    jaw = st.jaw
    # Tail to head: (x, half-length, half-width).
    segs = [
        (-16.0, 3.2, 3.4),
        (-11.0, 4.0, 4.8),
        (-5.0, 4.6, 6.0),
        (1.0, 4.8, 6.6),
        (6.5, 4.2, 6.2),
    ]
    pts = []
    for i, (x, rx, ry) in enumerate(segs):
        sway = 1.6 * math.sin(st.phase + i * 1.2) * (1 - lunge) * (i < 4)
        pts.append((c + x + lunge * 3, c + sway, rx, ry))
    legs = [
        (-11.0, 3.0, 100, 2.5, 2.5, 0.8),
        (-5.0, 4.0, 95, 2.8, 2.8, 0.9),
        (1.0, 4.5, 80, 3.0, 3.0, 0.9),
    ]
    leg_pairs(s, BURROWER_SKIN, c + lunge * 3, c, legs, st, 0.5, 1.0)
    hx = c + 12 + lunge * 4
    # Digging claws behind the head, raking out to the sides and hooking forward.
    for side in (1, -1):
        sw = 0.3 * math.sin(st.phase + (0 if side > 0 else math.pi)) * (1 - lunge)
        a = side * (1.35 + 0.2 * jaw + sw)
        root = (hx - 8, c + side * 5)
        elbow = (root[0] + math.cos(a) * 6.5, root[1] + math.sin(a) * 6.5)
        tip = (elbow[0] + 5, elbow[1] - side * 1.5)
        claw = chain([root, elbow, tip], 1.8, 0.9)
        shade(s, claw, OCHRE, "flat", sep=RUST_SEAM[1], bias=-0.05)
    body_c = (c - 4 + lunge * 3, c)
    body_r = (22.0, 7.5)
    for x, y, rx, ry in pts:
        seg = ellipse(x, y, rx, ry)
        plated_segment(s, seg, OCHRE, RUST_SEAM[2], body_c, body_r)
        # A ridge down the middle of each plate, and a dark notch at its rim.
        for xx in range(round(x - rx + 1), round(x + rx - 1)):
            if (xx, round(y - 1.5)) in seg:
                put(s, xx, round(y - 1.5), OCHRE[4])
    # The head: a spade that splits into two jaws, a red maw behind them.
    if jaw > 0:
        maw = ellipse(hx + 2, c, 4 + 2 * jaw, 2 + 3 * jaw)
        fill(s, maw, RUST_SEAM[1])
        fill(s, ellipse(hx + 1, c, 2 + jaw, 1 + 1.5 * jaw), RUST_SEAM[0])
    for side in (1, -1):
        half = [
            (hx - 3, c),
            (hx - 3, c + side * 3.5),
            (hx + 1, c + side * 5.5),
            (hx + 6.5, c + side * 9.5),
            (hx + 7, c + side * 7),
            (hx + 7.5, c + side * 3),
            (hx + 8.5, c),
        ]
        half = rotate_points(half, side * 0.5 * jaw, pivot=(hx - 3, c))
        blade = polygon(half)
        shade(s, blade, OCHRE, "sphere", sep=RUST_SEAM[0], centre=(hx, c), radii=(9, 10))
        # Eye slits, and a ridge along the spade.
        put(s, round(hx - 1), round(c + side * 3 - 0.5), RUST_SEAM[4])
        for x in range(round(hx - 2), round(hx + 5)):
            p = (x, round(c + side * 5.5 - 0.5))
            if p in blade and jaw == 0:
                put(s, *p, OCHRE[4] if side < 0 else OCHRE[2])
        # The cutting edge: a bright rim along the front.
        for x, y in blade:
            if (x + 1, y) not in blade and x > hx:
                put(s, x, y, OCHRE[5])
        if jaw > 0.3:
            for t in range(3):  # teeth along the inner edge
                tx, ty = rotate_points(
                    [(hx + 1 + t * 2.5, c + side * 0.6)], side * 0.5 * jaw, (hx - 3, c)
                )[0]
                put(s, round(tx - 0.5), round(ty - 0.5), SHIELD[5])
    # Rust glowing at the seams when it is about to strike.
    rim_outline(s, BURROWER.rim)
    if st.charge > 0.5:
        glow(s, hx, c, 9, BURROWER.halo, 0.4 * (st.charge - 0.4), steps=2, add=True)
    return s


def ridge_frames(size: int = 48) -> list[pygame.Surface]:
    """Burrowed: a ridge of sand rolling forward over the digger's back, grains flicking off its
    nose, a churned furrow behind. The crests roll backwards one frame apart, so it loops."""
    frames = []
    c = size / 2
    for f in range(4):
        s = new_surface(size, size)
        # The furrow it leaves: loose, darker sand.
        furrow = ellipse(c - 11, c, 12, 3.6)
        for x, y in furrow:
            put(s, x, y, (*SAND_DARK[1], 150 if (x + y) % 3 else 210))
        # The ridge swells where each crest rolls over it (crests one third of its length apart,
        # rolling back a twelfth per frame), and heaps up round the digging head.
        crests = [c + 12 - ((f / 4 + j / 3) % 1.0) * 26 for j in range(3)]

        def half_width(x: float, crests: list[float] = crests) -> float:
            t = (x - (c + 1)) / 17
            base = 6.0 * math.sqrt(max(0.0, 1 - t * t))
            return base + sum(0.9 * max(0.0, 1 - abs(x - xc) / 3.5) for xc in crests)

        ridge = {
            (x, y)
            for x in range(size)
            for y in range(size)
            if abs(y + 0.5 - c) <= half_width(x + 0.5)
        } | ellipse(c + 9, c, 7.2, 6.8)
        for x, y in shift(ridge, 2, 3):
            if (x, y) not in ridge:
                put(s, x, y, (60, 40, 24, 140))
        shade(s, ridge, SAND[:5], "sphere", rim=False, bias=-0.1, centre=(c + 3, c), radii=(16, 7))
        # Each crest a bow wave: lit on its front, shadowed behind, its arms swept back.
        for xc in crests:
            for y in range(round(c - 8), round(c + 8)):
                w = max(1.0, half_width(xc))
                bend = 4.0 * ((y + 0.5 - c) / w) ** 2
                for dx, col in ((1, SAND[5]), (0, SAND[4]), (-1, SAND_DARK[2]), (-2, SAND_DARK[1])):
                    x = round(xc + dx - bend)
                    if (x, y) in ridge and ring({(x, y)}) <= ridge:
                        put(s, x, y, col)
        # The nose breaks the crust: a dark split, lit from the plates under it.
        for x in range(round(c + 9), round(c + 15)):
            put(s, x, round(c - 0.5), SAND_DARK[0])
            if (x + f) % 3 == 0:
                put(s, x, round(c + 0.5), OCHRE[2])
        for x, y in ring(ridge):
            if s.get_at((x, y))[3] < 100:
                put(s, x, y, (*SAND[0], 150))
        # Grains flicked up off the nose and sides.
        rng = random.Random(500 + f)
        for _ in range(16):
            a = rng.uniform(-1.6, 1.6)
            r = rng.uniform(7, 13)
            x, y = c + 9 + math.cos(a) * r, c + math.sin(a) * r * 0.9
            put(s, round(x), round(y), SAND[rng.choice([1, 3, 4, 5])])
            if rng.random() < 0.3:
                put(s, round(x) + 1, round(y) + 1, (60, 40, 24, 110))
        frames.append(s)
    return frames


def burrower_rows() -> dict[str, list[pygame.Surface]]:
    rng = random.Random(BURROWER.seed * 7)
    ridge = ridge_frames()
    windup = []
    for f, (heave, crack) in enumerate(((0.2, 0.55), (1.0, 0.8), (1.8, 1.0))):
        # The ground heaves up over its head, at the front of the ridge, and splits.
        frame = ridge[f].copy()
        frame.blit(sand_mound(48, BURROWER, 20 + f, rng, heave=heave, crack=crack), (5, 0))
        windup.append(frame)
    lunge = []
    for f in range(2):
        frame = new_surface(48, 48)
        burst_pit(frame, BURROWER, 0.25 + 0.3 * f)
        body = draw_burrower(Stance(thrust=1.0, jaw=0.7 + 0.3 * f, charge=0.9, reach=0.7))
        # Only the front half is out of the ground: the tail is still under the sand.
        w = body.get_width()
        for y in range(w):
            for x in range(0, 19):
                body.set_at((x, y), (0, 0, 0, 0))
        frame.blit(body, (0, 0))
        sand_spray(frame, BURROWER, 0.3 + 0.4 * f, BURROWER.seed + 200)
        lunge.append(frame)
    return {"burrowed": ridge, "windup": windup, "lunge": lunge}


def sectors(shape: Shape, centre, angles: list[float]) -> list[Shape]:
    """Split a shape into plates by the angle of each pixel about `centre` (cuts at `angles`)."""
    cx, cy = centre
    out: list[Shape] = [set() for _ in range(len(angles) + 1)]
    for x, y in shape:
        a = math.atan2(y + 0.5 - cy, x + 0.5 - cx)
        out[sum(1 for cut in angles if a > cut)].add((x, y))
    return [p for p in out if p]


def bone_shield(s, cx, cy, rx, ry, depth, plates: int, pal: list[RGB], hinge_x: float) -> Shape:
    """A crescent of bony plates across the front: the part bullets glance off."""
    outer = ellipse(cx, cy, rx, ry)
    inner = ellipse(cx - depth, cy, rx, ry * 0.92)
    crescent = {p for p in outer - inner if p[0] + 0.5 > hinge_x}
    cuts = [(-0.5 + (i + 1) / plates) * math.pi * 0.95 for i in range(plates - 1)]
    for i, plate in enumerate(sectors(crescent, (cx - depth, cy), cuts)):
        shade(
            s,
            plate,
            pal,
            "sphere",
            sep=pal[0],
            centre=(cx, cy),
            radii=(rx, ry),
            bias=0.08 * (i % 2),
        )
    # Knobs along the leading edge, the hardest bone.
    for i in range(plates * 2 + 1):
        a = (-0.5 + i / (plates * 2)) * math.pi * 0.9
        p = (round(cx + math.cos(a) * (rx - 1.5) - 0.5), round(cy + math.sin(a) * (ry - 1.5) - 0.5))
        if p in crescent:
            put(s, *p, pal[-1])
            if (p[0] + 1, p[1] + 1) in crescent:
                put(s, p[0] + 1, p[1] + 1, pal[1])
    return crescent


def weak_spot(s, x, y, r, pal: list[RGB], charge: float) -> None:
    """Soft, glowing flesh showing through a gap in the armour: the place to shoot."""
    spot = ellipse(x, y, r, r * 1.15)
    for px, py in spot:
        d = math.hypot(px + 0.5 - x, py + 0.5 - y) / r
        put(s, px, py, pal[int(clamp((1 - d) * 3.2 + charge * 2, 0, 5))])


def draw_carapace(st: Stance, size: int = 48) -> pygame.Surface:
    """A squat tank of a Mimic behind a great shield of bone; its back is bare, and glows."""
    s = new_surface(size, size)
    c = size / 2
    push = 4.0 * st.brace + 3 * st.thrust
    bx = c - 3 + 2 * st.thrust - 1.5 * st.brace
    glow(s, bx - 10, c, 8, CARAPACE.halo, 0.18 + 0.2 * st.charge, steps=2)
    spread = st.brace
    legs = [
        (5.0, 8.0, 50 - 15 * spread, 4.5 + 2 * spread, 4.0 + 1.5 * spread, 2.3),
        (0.0, 9.5, 104 + 6 * spread, 4.5 + spread, 4.0 + spread, 2.3),
        (-5.0, 8.5, 138 + 15 * spread, 4.5 + 2 * spread, 4.5 + 2 * spread, 2.3),
    ]
    if st.thrust:
        legs = [(ox, h, base + 18 * st.thrust, l1, l2, t) for ox, h, base, l1, l2, t in legs]
    leg_pairs(s, CARAPACE_SKIN[2:], bx, c, legs, st, 0.25 * (1 - spread), 1.0, 1.0, 0.1)
    body = ellipse(bx, c, 10.5, 11.5)
    glossy(s, body, CARAPACE_SKIN, bias=0.0)
    # Ribbed plates across the back, gaping at the rear over the weak spot.
    for i, x in enumerate((bx - 1, bx - 4.5)):
        band = {p for p in body if abs(p[0] + 0.5 - x) < 1.0}
        fill(s, band, CARAPACE_SKIN[0 if i else 1])
        for p in band:
            if (p[0] - 1, p[1]) in body and p[1] % 3 == 0:
                put(s, p[0] - 1, p[1], CARAPACE_SKIN[4])
    weak_spot(s, bx - 8, c, 2.6 + 0.5 * st.charge, WEAK, st.charge)
    bone_shield(s, bx + 5 + push, c, 10, 16 + 2.5 * spread, 7.5, 5, SHIELD, bx - 2 + push)
    # Eyes glinting in the slit between the shield and the body.
    for dy in (-3, 3):
        put(s, round(bx + 4 + push * 0.5), round(c + dy - 0.5), WEAK[3])
    rim_outline(s, CARAPACE.rim)
    glow(s, bx - 8, c, 4, WEAK[3], 0.2 + 0.4 * st.charge, steps=2, add=True)
    if st.thrust:
        # Grit kicked up where the shield's edge ploughs the ground.
        grit = random.Random(CARAPACE.seed + round(st.thrust * 7))
        for _ in range(14):
            a = grit.uniform(-1.3, 1.3)
            r = grit.uniform(15, 19)
            put(
                s,
                round(bx + 5 + push + math.cos(a) * r * 0.6),
                round(c + math.sin(a) * r),
                DUST[grit.choice([1, 2, 3])],
            )
    return s


def draw_hulk(st: Stance, size: int = 96) -> pygame.Surface:
    """The beach's brute: armour plate across its front and shoulders, red-hot vents breathing
    along its back, two fists like pile-drivers. Rearing, it looms (drawn larger, arms flung
    wide); slamming, it drives both fists into the ground ahead of it."""
    s = new_surface(size, size)
    c = size / 2
    rear = st.brace
    slam = st.thrust
    k = 1.1 + 0.12 * rear
    bx = c - 6 + 4 * slam

    def at(x: float, y: float) -> tuple[float, float]:
        return (bx + x * k, c + y * k)

    heat = clamp(st.charge, 0, 1)
    if heat > 0.4:
        glow(s, *at(-12, 0), 30 * k, HULK.halo, 0.3 * (heat - 0.4), steps=3)
    legs = [(-2.0, 12.0, 100, 9.0, 8.0, 3.0), (-15.0, 10.0, 135, 8.0, 9.0, 2.8)]
    leg_pairs(s, HULK_SKIN, bx, c, legs, st, 0.25 * (1 - rear), k, bias=0.05)
    # The arms: shoulder, elbow, fist (y for the right arm; the left mirrors it).
    sw = 0.0 if rear or slam else 2.5 * math.sin(st.phase)
    arm = [(6, 13), (15 - 3 * rear, 22 + 6 * rear), (28 - 6 * rear, 16 + 9 * rear)]
    if slam:
        arm = [(6, 12), (19, 16 - 2 * slam), (31, 8 - 1.5 * slam)]
    for side in (1, -1):
        pts = [at(x + (sw * side if j else 0), side * y) for j, (x, y) in enumerate(arm)]
        upper = capsule(pts[0], pts[1], 5.0 * k, 4.2 * k)
        fore = capsule(pts[1], pts[2], 4.4 * k, 3.6 * k)
        shade(s, upper, HULK_SKIN, "flat", sep=HULK_SKIN[0], bias=0.05)
        a = math.atan2(pts[2][1] - pts[1][1], pts[2][0] - pts[1][0])
        for t in (-1, 0, 1):  # claws
            ca = a + t * 0.55
            base = (pts[2][0] + math.cos(ca) * 4 * k, pts[2][1] + math.sin(ca) * 4 * k)
            tip = (pts[2][0] + math.cos(ca) * 9 * k, pts[2][1] + math.sin(ca) * 9 * k)
            shade(s, capsule(base, tip, 1.5 * k, 0.6), SHIELD, "flat", sep=HULK_SKIN[0])
        shade(s, fore, HULK_PLATE, "flat", sep=HULK_SKIN[0], bias=-0.05)
        fist = ellipse(pts[2][0], pts[2][1], 5.6 * k, 5.2 * k)
        glossy(s, fist, HULK_PLATE, bias=0.0)
        # A plate ridge down the forearm.
        ridge = capsule(pts[1], pts[2], 0.7 * k)
        fill(s, {p for p in ridge if p in fore}, HULK_PLATE[4])
    tail = ellipse(*at(-19, 0), 13 * k, 14 * k)
    thorax = ellipse(*at(0, 0), 15 * k, 18.5 * k)
    glossy(s, tail, HULK_SKIN, bias=-0.12)
    glossy(s, thorax, HULK_SKIN, bias=-0.08)
    # Vents: pairs of slits down the back, glowing from the furnace inside.
    vents = (-27, -20, -13, -6)
    for i, x in enumerate(vents):
        for side in (1, -1):
            y0 = side * (2.5 + (i % 2) * 0.5)
            vent = capsule(at(x, y0), at(x + 1.5, y0 + side * (7 - abs(x) * 0.06)), 1.2 * k)
            for px, py in vent:
                d = abs(px + 0.5 - at(x + 0.7, 0)[0]) / (1.6 * k)
                put(s, px, py, VENT[int(clamp((1 - d) * 2.5 + heat * 2.5 + 0.3, 0, 5))])
    # The armour: plates over the shoulders, a breastplate, a heavy brow over the head.
    for side in (1, -1):
        pauldron = ellipse(*at(4, side * 12.5), 9 * k, 7.5 * k, side * 0.4)
        glossy(s, pauldron, HULK_PLATE, bias=0.05)
        ridge = capsule(at(-1, side * 10.5), at(10, side * 14.5), 0.8 * k)
        fill(s, ridge & pauldron, HULK_PLATE[4])
    bone_shield(s, *at(6, 0), 12 * k, 15 * k, 8 * k, 4, HULK_PLATE, at(0, 0)[0])
    head = ellipse(*at(15, 0), 6 * k, 6.5 * k)
    glossy(s, head, HULK_PLATE, bias=0.1)
    for dy in (-2.5, 2.5):  # eyes: embers under the brow
        fill(s, ellipse(*at(18, dy), 1.2 * k, 1.0 * k), VENT[4])
    rim_outline(s, HULK.rim)
    for x in vents:
        glow(s, *at(x + 1, 0), 5.5 * k, VENT[3], 0.05 + 0.35 * heat, steps=2, add=True)
    if slam:
        # The ground breaks under the fists: thrown dirt all round them.
        for side in (1, -1):
            fx, fy = at(31, side * 8)
            rng = random.Random(HULK.seed + side + round(slam * 5))
            for _ in range(28):
                a = rng.uniform(0, math.tau)
                r = rng.uniform(6, 13) * slam
                x, y = fx + math.cos(a) * r, fy + math.sin(a) * r
                if x < size - 1:
                    fill(s, ellipse(x, y, 1.1, 1.0), DUST[rng.choice([1, 2, 3, 4])])
    return s


def egg_sac(s, x, y, r, charge: float, seed: int) -> Shape:
    """A cluster of glowing eggs in a membrane: three or four bulbs, the biggest in front."""
    rng = random.Random(seed)
    shapes = []
    for i in range(rng.choice([3, 4])):
        a = i / 3 * math.tau + rng.uniform(-0.4, 0.4)
        d = r * 0.55 if i else 0.0
        rr = r * (0.72 if i else 0.8) * rng.uniform(0.85, 1.1)
        shapes.append((x + math.cos(a) * d, y + math.sin(a) * d, rr))
    out: Shape = set()
    lit = int(clamp(2 + charge * 3, 2, 5))
    for bx, by, rr in sorted(shapes, key=lambda b: b[0] + b[1], reverse=True):
        egg = ellipse(bx, by, rr, rr)
        shade(s, egg, VIOLET[: lit + 1], "sphere", sep=VIOLET[0], bias=0.05)
        # The dark speck of the embryo inside.
        put(s, round(bx - 0.5), round(by - 0.5), VIOLET[1] if charge < 0.6 else VIOLET[3])
        out |= egg
    return out


def draw_brood(st: Stance, size: int = 96) -> pygame.Surface:
    """The dam's broodmother: a bloated dome of mottled shell closed all around, egg sacs glowing
    violet on its flanks and back; in a convulsion, the sacs split and mites pour out."""
    s = new_surface(size, size)
    c = size / 2
    heave = st.thrust * math.sin(st.phase + 0.8)  # the convulsion squeezes and bulges the dome
    rx, ry = 31 + 2.5 * heave, 27 - 2 * heave
    bx = c - 4
    pulse = clamp(st.charge, 0, 1)
    if pulse > 0.4:
        glow(s, bx, c, 44, BROOD.halo, 0.3 * (pulse - 0.4), steps=3)
    legs = [
        (14.0, 17.0, 55, 5.0, 4.0, 3.0),
        (4.0, 21.0, 78, 5.0, 4.0, 3.0),
        (-7.0, 22.0, 100, 5.0, 4.0, 3.0),
        (-18.0, 18.0, 125, 5.0, 4.0, 3.0),
    ]
    leg_pairs(s, BROOD_SHELL[:6], bx, c, legs, st, 0.2, 1.0, bend=1.2, bias=0.05)
    # The head, tucked under the rim of the shell, feelers out.
    hx = bx + rx - 2
    for side in (1, -1):
        feeler = chain(
            [
                (hx + 2, c + side * 3),
                (hx + 9, c + side * 7),
                (hx + 14, c + side * 6 + math.sin(st.phase) * side),
            ],
            1.2,
            0.5,
        )
        shade(s, feeler, BROOD_SHELL, "flat", sep=BROOD_SHELL[0])
    head = ellipse(hx + 1, c, 7, 8.5)
    glossy(s, head, BROOD_SHELL, bias=0.0)
    for dy in (-3, 3):
        fill(s, ellipse(hx + 5, c + dy, 1.2, 1.0), VIOLET[4])
    # The shell: bands of overlapping plates over the whole dome, mottled like lichen on rock.
    dome = ellipse(bx, c, rx, ry)
    cuts = [bx - 20, bx - 10, bx, bx + 10, bx + 19]
    bands: list[Shape] = [set() for _ in range(len(cuts) + 1)]
    for x, y in dome:
        bands[sum(1 for cut in cuts if x + 0.5 > cut + 2 * math.sin(y * 0.3))].add((x, y))
    for band in reversed(bands):
        shade(
            s,
            band,
            BROOD_SHELL,
            "sphere",
            sep=BROOD_SHELL[0],
            centre=(bx - 3, c - 3),
            radii=(rx, ry),
            bias=0.08,
        )
    spots(s, dome, BROOD_SHELL, BROOD.seed, 9, 1)
    spots(s, dome, BROOD_SHELL, BROOD.seed + 1, 14, 5)
    # The plates' front edges catch the light.
    for x, y in dome:
        if (x + 1, y) in dome and s.get_at((x + 1, y))[:3] == BROOD_SHELL[0] and y < c:
            put(s, x, y, BROOD_SHELL[6])
    # Egg sacs: along both flanks and a great cluster on the back.
    sacs = [(-17, 0, 6.0), (-3, -18, 4.5), (-3, 18, 4.5), (-21, -13, 4.2), (-21, 13, 4.2)]
    swell = 1 + 0.25 * pulse + 0.15 * st.thrust
    burst = st.thrust > 0
    for i, (x, y, r) in enumerate(sacs):
        egg_sac(s, bx + x, c + y * (1 - 0.08 * heave), r * swell, pulse, BROOD.seed + i)
        if burst and i in (0, 5, 6):
            # Split open: a dark wet hole with the goo round it.
            fill(s, ellipse(bx + x - 1, c + y, r * 0.45, r * 0.4), VIOLET[0])
    rim_outline(s, BROOD.rim)
    for x, y, r in sacs:
        glow(s, bx + x, c + y, r * 1.9 * swell, VIOLET[4], 0.1 + 0.35 * pulse, steps=2, add=True)
    if burst:
        # New mites spilling out of the burst sacs, and the goo they come in.
        goo = random.Random(BROOD.seed + round(st.phase * 10))
        for _ in range(26):
            a = goo.uniform(math.pi * 0.55, math.pi * 1.45)
            r = goo.uniform(24, 44)
            x, y = bx - 14 + math.cos(a) * r * 0.6, c + math.sin(a) * r
            if 1 < x < size - 2 and 1 < y < size - 2:
                fill(s, ellipse(x, y, 1.1, 1.1), VIOLET[goo.choice([3, 4, 5])])
        # Where the newborns are, by their centres, and which way each scuttles off.
        spawn = [(16, 30, 180), (16, 70, 180), (12, 48, 180), (30, 14, 90), (30, 82, 270)]
        if st.phase > 1:
            spawn = [(18, 22, 180), (14, 60, 180), (22, 82, 270), (40, 12, 90), (26, 40, 180)]
        for x, y, turn in spawn:
            mite = pygame.transform.rotate(draw_mite(Stance(phase=x, charge=0.8), 24, 1.0), turn)
            s.blit(mite, (x - 12, y - 12))
    return s


def new_mimic_sheets() -> None:
    bug_sheet("spitter", SPITTER, 40, draw_spitter, blood=ACID, spill=0.75, trail=False)
    bug_sheet("burrower", BURROWER, 48, draw_burrower, rows=burrower_rows())
    bug_sheet("carapace", CARAPACE, 48, draw_carapace, ticks={"move": 10})
    bug_sheet("mite", MITE, 24, draw_mite, spill=0.6, ticks={"move": 4})
    bug_sheet("hulk", HULK, 96, draw_hulk, ticks={"move": 10})
    bug_sheet("brood", BROOD, 96, draw_brood, ticks={"move": 12}, trail=False)


# The Omega -------------------------------------------------------------------------------------

OMEGA_ROOT = ramp("#05060a", "#0b0f18", "#141c2a", "#1e2b40", "#2c405c", "#40607e")
HUSK = ramp("#0c0b0a", "#181614", "#262320", "#36322d", "#4a453e", "#615a51")


def omega_roots(
    size: int, pulse: float, wither: float
) -> list[tuple[list[tuple[float, float]], float, float]]:
    """Roots spreading from the cage into the ground: (centre-line, root radius, tip radius)."""
    rng = random.Random(404)
    c = size / 2
    roots = []
    for i in range(9):
        a0 = i / 9 * math.tau + rng.uniform(-0.2, 0.2)
        turn = rng.choice([-1, 1]) * rng.uniform(0.25, 0.5)
        wob = rng.uniform(0, math.tau)
        outer = rng.uniform(38, 45) * (1 - 0.08 * wither)
        pts = []
        for j in range(11):
            t = j / 10
            r = 14 + (outer - 14) * t
            ang = a0 + turn * t + 0.1 * math.sin(wob + t * 6 + pulse * 0.6)
            pts.append((c + math.cos(ang) * r, c + math.sin(ang) * r))
        roots.append((pts, rng.uniform(4.6, 5.6) * (1 - 0.25 * wither), 1.0))
        # A rootlet forking off part-way.
        j = rng.randrange(3, 6)
        bx, by = pts[j]
        ang = math.atan2(by - c, bx - c) + rng.choice([-1, 1]) * 0.8
        twig = [
            (bx + math.cos(ang + d * 0.03) * d, by + math.sin(ang + d * 0.03) * d)
            for d in (0, 4, 8, 11)
        ]
        roots.append((twig, 2.2 * (1 - 0.25 * wither), 0.7))
    return roots


def omega_fingers(
    size: int, pulse: float, wither: float
) -> list[tuple[list[tuple[float, float]], float, float]]:
    """The cage itself: six claws curling over the top of the core, gaps between them."""
    c = size / 2
    fingers = []
    grip = 0.15 * pulse - 0.5 * wither  # they flex open and shut with the heartbeat
    for i in range(5):
        a0 = i / 5 * math.tau + 0.3
        pts = []
        for j in range(9):
            t = j / 8
            r = 19.5 - (9.5 + 2.5 * grip) * t
            ang = a0 + 0.8 * t * t
            pts.append((c + math.cos(ang) * r, c + math.sin(ang) * r))
        fingers.append((pts, 3.0 * (1 - 0.2 * wither), 1.0))
    return fingers


def draw_root(s, pts, r0, r1, pal, vein: list[RGB] | None, pulse: float, inward: bool) -> None:
    shape = chain(pts, r0, r1)
    shade(s, shape, pal, "flat", sep=pal[0], bias=-0.05)
    for j in range(len(pts) - 1):  # glossy ridge on the lit side
        x, y = pts[j]
        p = (round(x - 1.5), round(y - 1.5))
        if p in shape:
            put(s, *p, pal[5])
    if vein:
        # Veins of the core's light running along the root, brightest near the core; the pulse
        # pushes the bright part further out.
        n = len(pts) - 1
        for j in range(n):
            (x0, y0), (x1, y1) = pts[j], pts[j + 1]
            for t in (0.0, 0.33, 0.66):
                p = (round(x0 + (x1 - x0) * t - 0.5), round(y0 + (y1 - y0) * t - 0.5))
                if p in shape:
                    near = (1 - j / n) if not inward else j / n
                    if near < 0.3:
                        continue  # the far ends of the roots are dead wood
                    lit = near > 0.8 - 0.35 * pulse
                    put(s, *p, vein[2] if lit else vein[1] if near > 0.55 else vein[0])


def draw_omega(f: int, pulse: float, mode: str = "live", wither: float = 0.0) -> pygame.Surface:
    size = 96
    s = new_surface(size, size)
    c = size / 2
    alive = mode in ("live", "flare", "crack")
    dead_core = ramp("#0e1018", "#1a1e2a", "#262c3a", "#343c4c", "#465062", "#586478")
    core_pal = ALPHA.core if alive else dead_core
    root_pal = OMEGA_ROOT if mode != "husk" else HUSK
    vein = ALPHA.vein if alive else None
    if alive:
        # The halo: wide, banded rings of blue light breathing with the pulse.
        flare = 8 if mode == "flare" else 0
        glow(s, c, c, 34 + 8 * pulse + flare, ALPHA.halo, 0.14 + 0.12 * pulse, steps=4)
        glow(s, c, c, 22 + 4 * pulse + flare, hexrgb("#8ae8ff"), 0.18 + 0.18 * pulse, steps=3)
    for pts, r0, r1 in omega_roots(size, pulse, wither):
        draw_root(s, pts, r0, r1, root_pal, vein, pulse, inward=False)
    radius = 14 + 2.5 * pulse + (2 if mode == "flare" else 0) - (4 if not alive else 0)
    core = ellipse(c, c, radius, radius)
    for x, y in core:
        d = math.hypot(x + 0.5 - c + 3, y + 0.5 - c + 3) / (radius + 3)
        level = (1 - d) * 4.4 + pulse * 1.0 + (1.5 if mode == "flare" else 0) - 0.4
        put(s, x, y, core_pal[int(clamp(level, 0, 5))])
    for p in ring(core):
        if s.get_at(p)[3] < 200 or not alive:
            put(s, *p, core_pal[0])
    if alive:
        # Light swirling inside the core, turning a little every frame.
        for k in range(3):
            for j in range(14):
                a = f * 0.45 + k * math.tau / 3 + j * 0.16
                r = radius * (0.3 + j * 0.035)
                put(
                    s,
                    round(c + math.cos(a) * r - 0.5),
                    round(c + math.sin(a) * r - 0.5),
                    core_pal[5 if j < 9 else 4],
                )
    if mode in ("crack", "dead", "husk"):
        # Fractures across the core: white-hot while it breaks, dark once it is dead.
        rng = random.Random(77)
        for _ in range(6):
            a = rng.uniform(0, math.tau)
            x, y = c, c
            for _ in range(int(radius)):
                a += rng.uniform(-0.5, 0.5)
                x += math.cos(a)
                y += math.sin(a)
                put(
                    s,
                    round(x - 0.5),
                    round(y - 0.5),
                    (255, 255, 255) if mode == "crack" else core_pal[0],
                )
    for pts, r0, r1 in omega_fingers(size, pulse, wither):
        draw_root(s, pts, r0, r1, root_pal, vein, pulse, inward=False)
    outline(s)
    if alive:
        # Light spilling between the claws over the core.
        glow(s, c, c, radius + 3, ALPHA.halo, 0.12 + 0.2 * pulse, steps=2, add=True)
    return s


def omega_sheet() -> None:
    pulse = []
    for f in range(6):
        p = 0.5 + 0.5 * math.sin(f / 6 * math.tau)
        pulse.append(draw_omega(f, p))
    hurt = [tint_flash(draw_omega(0, 1.0, "flare"), (220, 250, 255), 0.75)]
    die = []
    die.append(draw_omega(0, 1.0, "flare"))
    die.append(draw_omega(1, 1.0, "crack"))
    burst = draw_omega(2, 0.6, "dead", wither=0.3)
    glow(burst, 48, 48, 44, hexrgb("#bff4ff"), 0.6, steps=4)
    glow(burst, 48, 48, 16, (255, 255, 255), 0.9, steps=2)
    shard_rng = random.Random(5)
    for _ in range(22):  # shards of the core flung outward
        a = shard_rng.uniform(0, math.tau)
        r = shard_rng.uniform(16, 40)
        x, y = 48 + math.cos(a) * r, 48 + math.sin(a) * r
        shard = capsule((x, y), (x + math.cos(a) * 3, y + math.sin(a) * 3), 0.8)
        fill(burst, shard, ALPHA.core[4])
    die.append(burst)
    die.append(draw_omega(3, 0.2, "dead", wither=0.5))
    die.append(draw_omega(4, 0.0, "dead", wither=0.8))
    die.append(draw_omega(5, 0.0, "husk", wither=1.0))
    save_sheet(
        "omega",
        (96, 96),
        [Anim("pulse", pulse, 8, True), Anim("hurt", hurt, 6, False), Anim("die", die, 8, False)],
    )


# Effects --------------------------------------------------------------------------------------

FIRE = ramp("#5a1206", "#a02a0a", "#e0561a", "#ff9a2e", "#ffd866", "#fff6d0")
SMOKE = ramp("#141112", "#221d1d", "#332c2a", "#4a423d", "#625a53", "#7d746b")
DUST = ramp("#7e6a50", "#9c8666", "#b9a27f", "#d2bd9a", "#e8dbc0")


def fade_dither(surf: pygame.Surface, keep: float) -> None:
    """Fade by punching an ordered pattern of holes: pixel art fades without soft alpha."""
    w, h = surf.get_size()
    for y in range(h):
        for x in range(w):
            if surf.get_at((x, y))[3] and (BAYER4[y % 4][x % 4] + 0.5) / 16 > keep:
                surf.set_at((x, y), (0, 0, 0, 0))


def puff(surf, blobs, pal, alpha: int = 255) -> None:
    """Billows: overlapping shaded balls, the bottom-right ones first so the lit ones sit on top."""
    layer = new_surface(*surf.get_size())
    for x, y, r in sorted(blobs, key=lambda b: b[0] + b[1], reverse=True):
        shape = ellipse(x, y, r, r)
        shade(layer, shape, pal, "sphere", sep=pal[0], rim=False)
    if alpha < 255:
        layer.set_alpha(alpha)
    surf.blit(layer, (0, 0))


def muzzle_frames() -> list[pygame.Surface]:
    frames = []
    hot = [(255, 255, 236), (255, 236, 120), (255, 168, 48), (226, 98, 24)]
    for f, (length, spread) in enumerate(((21, 5.5), (15, 3.5))):
        s = new_surface(24, 24)
        cone = polygon([(3, 12 - spread), (length + 1.5, 12), (3, 12 + spread)])
        spikes = polygon([(5, 10), (13 - f * 3, 3 + f * 3), (8, 11)]) | polygon(
            [(5, 14), (13 - f * 3, 21 - f * 3), (8, 13)]
        )
        fill(s, ring(cone | spikes), hot[3])
        fill(s, cone | spikes, hot[2])
        fill(
            s, polygon([(3, 12 - spread * 0.6), (length * 0.8, 12), (3, 12 + spread * 0.6)]), hot[1]
        )
        fill(s, ellipse(6, 12, 3.6 - f, 3.0 - f * 0.8), hot[0])
        frames.append(s)
    s = new_surface(24, 24)
    puff(s, [(9, 12, 3.2), (13, 11, 2.4), (16, 12.5, 1.8)], SMOKE[2:], 170)
    put(s, 18, 10, hot[2])
    put(s, 14, 15, hot[3])
    frames.append(s)
    return frames


def spark_frames() -> list[pygame.Surface]:
    frames = []
    rng = random.Random(61)
    rays = [(rng.uniform(0, math.tau), rng.uniform(0.7, 1.0)) for _ in range(7)]
    for f in range(4):
        s = new_surface(16, 16)
        if f == 0:
            fill(s, ellipse(8, 8, 3.2, 3.2), (255, 200, 80))
            fill(
                s,
                polygon([(8, 2), (9, 7), (14, 8), (9, 9), (8, 14), (7, 9), (2, 8), (7, 7)]),
                (255, 236, 140),
            )
            fill(s, ellipse(8, 8, 1.6, 1.6), (255, 255, 255))
        else:
            for a, sp in rays:
                r0, r1 = (1.5 + f * 1.6) * sp, (3.5 + f * 1.8) * sp
                if f == 3:
                    r0 = r1 - 0.5
                for t in range(int((r1 - r0) * 2) + 1):
                    r = r0 + t / 2
                    c = (
                        (255, 250, 200)
                        if t == int((r1 - r0) * 2) and f == 1
                        else (255, 190, 70)
                        if f < 3
                        else (200, 90, 30)
                    )
                    put(s, round(8 + math.cos(a) * r - 0.5), round(8 + math.sin(a) * r - 0.5), c)
            if f == 1:
                fill(s, ellipse(8, 8, 1.5, 1.5), (255, 240, 180))
            if f >= 2:
                put(s, 8, 7, (120, 110, 100, 160))
        frames.append(s)
    return frames


def ichor_frames() -> list[pygame.Surface]:
    """Alien blood spraying out of the far side of a hit (east: the bullet's direction)."""
    frames = []
    rng = random.Random(83)
    drops = []
    for _ in range(20):
        spread = rng.gauss(0, 0.55) if rng.random() < 0.8 else rng.uniform(-math.pi, math.pi)
        drops.append((spread, rng.uniform(0.4, 3.0), rng.uniform(0.6, 1.4)))
    for f in range(6):
        s = new_surface(32, 32)
        if f < 2:
            burst = ellipse(16 + f, 16, 3.5 - f, 3.0 - f)
            shade(s, burst, ICHOR[1:5], "sphere", rim=False)
        for a, speed, size in drops:
            # Drops slow down as they fly (air drag), so the last frames still hold a few.
            r = 2 + speed * 1.5 * (1 - 0.82 ** (f + 1)) / 0.18
            x, y = 16 + math.cos(a) * r, 16 + math.sin(a) * r
            rad = max(0.55, size * (1 - f * 0.1))
            if not (1 < x < 31 and 1 < y < 31):
                continue
            if f in (1, 2):  # a wet streak behind the fast drops
                back = (x - math.cos(a) * speed * 1.6, y - math.sin(a) * speed * 1.6)
                fill(s, capsule(back, (x, y), rad * 0.35), ICHOR[2])
            drop = ellipse(x, y, rad, rad)
            fill(s, drop, ICHOR[2])
            if rad > 0.9:
                put(s, round(x - 1), round(y - 1), ICHOR[5] if f < 3 else ICHOR[4])
        outline(s, ICHOR[0], threshold=200)
        if f >= 4:
            fade_dither(s, 1.0 - (f - 3) * 0.2)
        frames.append(s)
    return frames


def explosion_frames() -> list[pygame.Surface]:
    size = 96
    c = size / 2
    rng = random.Random(97)
    fire_seeds = [
        (rng.uniform(0, math.tau), rng.uniform(0.2, 1.0), rng.uniform(0.7, 1.2)) for _ in range(16)
    ]
    smoke_seeds = [
        (rng.uniform(0, math.tau), rng.uniform(0.3, 1.0), rng.uniform(0.8, 1.3)) for _ in range(18)
    ]
    debris = [
        (rng.uniform(0, math.tau), rng.uniform(3.2, 4.6), rng.choice([1.0, 1.4, 1.8]))
        for _ in range(14)
    ]
    frames = []
    for f in range(10):
        s = new_surface(size, size)
        if f == 0:
            # The flash: a white disc in a yellow ring, a wide pale glare around.
            glow(s, c, c, 34, (255, 240, 200), 0.45, steps=3)
            fill(s, ellipse(c, c, 17, 17), FIRE[4])
            fill(s, ellipse(c, c, 13, 13), FIRE[5])
            fill(s, ellipse(c, c, 8, 8), (255, 255, 255))
            frames.append(s)
            continue
        spread = min(24, 8 + f * 5)
        # Smoke rolls out once the fireball has grown and hangs on after it dies.
        if f >= 3:
            smoke_r = 12 + f * 3.2
            blobs = []
            for a, d, r in smoke_seeds:
                rise = (f - 3) * 1.2
                blobs.append(
                    (
                        c + math.cos(a) * smoke_r * d,
                        c + math.sin(a) * smoke_r * d - rise,
                        (7 + f * 1.3) * r,
                    )
                )
            blobs = [
                (x, y, min(r, c - 2 - max(abs(x - c), abs(y - c)) + r * 0.6)) for x, y, r in blobs
            ]
            blobs = [(x, y, r) for x, y, r in blobs if r > 1.5]
            layer = new_surface(size, size)
            puff(layer, blobs, SMOKE)
            if f >= 7:
                fade_dither(layer, 1.0 - (f - 6) * 0.24)
            s.blit(layer, (0, 0))
        if f <= 6:
            heat = max(0.0, 1.0 - (f - 1) * 0.17)
            size_fire = 1.0 if f < 4 else 1.0 - (f - 3) * 0.22
            blobs = []
            for a, d, r in fire_seeds:
                blobs.append(
                    (
                        c + math.cos(a) * spread * d * 0.8,
                        c + math.sin(a) * spread * d * 0.8,
                        (6 + f * 2.2) * r * size_fire,
                    )
                )
            lo = int(clamp((1 - heat) * 3, 0, 2))
            puff(s, blobs, FIRE[lo : lo + 4] if heat < 0.9 else FIRE[1:])
            if heat > 0.5:
                fill(s, ellipse(c - 2, c - 2, 6 * heat + 2, 6 * heat + 2), FIRE[5])
        if 1 <= f <= 6:
            # Debris and burning fragments thrown clear of the blast.
            for a, speed, r in debris:
                dist = 10 + speed * f * 3.2
                if dist > c - 3:
                    continue
                x, y = c + math.cos(a) * dist, c + math.sin(a) * dist
                tail = (x - math.cos(a) * 4, y - math.sin(a) * 4)
                fill(s, capsule(tail, (x, y), 0.5), (*SMOKE[3], 150))
                fill(s, ellipse(x, y, r, r), SMOKE[0])
                put(s, round(x - 1), round(y - 1), FIRE[3] if f < 4 else SMOKE[4])
        if 4 <= f <= 8:
            for _ in range(10 - f):  # embers drifting in the smoke
                a, d = rng.uniform(0, math.tau), rng.uniform(4, 20 + f)
                put(
                    s,
                    round(c + math.cos(a) * d),
                    round(c + math.sin(a) * d - f),
                    FIRE[rng.choice([3, 4])],
                )
        frames.append(s)
    return frames


def dust_frames() -> list[pygame.Surface]:
    frames = []
    rng = random.Random(29)
    seeds = [
        (rng.uniform(0, math.tau), rng.uniform(0.4, 1.0), rng.uniform(0.7, 1.1)) for _ in range(5)
    ]
    for f in range(5):
        s = new_surface(24, 24)
        spread = 2 + f * 1.6
        blobs = [
            (12 + math.cos(a) * spread * d, 12 + math.sin(a) * spread * d, (2.4 + f * 0.9) * r)
            for a, d, r in seeds
        ]
        blobs = [(x, y, min(r, 11 - max(abs(x - 12), abs(y - 12)))) for x, y, r in blobs]
        puff(s, [b for b in blobs if b[2] > 0.8], DUST)
        if f >= 2:
            fade_dither(s, 1.0 - (f - 1) * 0.22)
        frames.append(s)
    return frames


def sandburst_frames() -> list[pygame.Surface]:
    frames = []
    burst_breed = Breed(
        scale=1.15,
        tentacles=0,
        skin=DRONE.skin,
        core=DRONE.core,
        halo=DRONE.halo,
        seed=301,
        rim=DRONE.rim,
    )
    rng = random.Random(37)
    clouds = [
        (rng.uniform(0, math.tau), rng.uniform(0.3, 1.0), rng.uniform(0.8, 1.2)) for _ in range(7)
    ]
    for f in range(6):
        s = new_surface(48, 48)
        t = f / 5
        if f < 3:
            # The ground splits: a dark hole where the crust broke.
            burst_pit(s, burst_breed, t * 0.6)
        if f >= 1:
            spread = 4 + f * 3
            blobs = [
                (24 + math.cos(a) * spread * d, 24 + math.sin(a) * spread * d, (3 + f * 1.2) * r)
                for a, d, r in clouds
            ]
            blobs = [(x, y, min(r, 22 - max(abs(x - 24), abs(y - 24)))) for x, y, r in blobs]
            layer = new_surface(48, 48)
            puff(layer, [b for b in blobs if b[2] > 1], DUST)
            if f >= 3:
                fade_dither(layer, 1.0 - (f - 2) * 0.25)
            s.blit(layer, (0, 0))
        if f <= 4:
            sand_spray(s, burst_breed, 0.15 + t, 302)
        frames.append(s)
    return frames


def shockwave_frames() -> list[pygame.Surface]:
    """The charge's detonation and the Omega's death: a white-hot ring racing outward, blue at
    its edges, thinning and breaking up as it spends itself; a second, fainter ring behind it."""
    size = 128
    c = size / 2
    ring_pal = [
        hexrgb("#1452d0"),
        hexrgb("#2a9cff"),
        hexrgb("#72e0ff"),
        hexrgb("#c8f8ff"),
        (255, 255, 255),
    ]
    rng = random.Random(131)
    sparks = [(rng.uniform(0, math.tau), rng.uniform(0.75, 1.05)) for _ in range(26)]
    frames = []
    for f in range(8):
        s = new_surface(size, size)
        t = (f + 1) / 8
        radius = 4 + 56 * (1 - (1 - t) ** 2.2)  # fast out of the blast, easing as it spreads
        width = max(1.6, 9.0 * (1 - t) + 1.2)
        trail = radius * 0.62
        for y in range(size):
            for x in range(size):
                d = math.hypot(x + 0.5 - c, y + 0.5 - c)
                k = abs(d - radius) / width
                if k < 1:
                    # White at the crest, blue at the edges; the outer edge is the brighter one.
                    level = (1 - k) * 4.4 + (0.6 if d > radius else -0.4) - t * 1.2
                    alpha = 255 if k < 0.7 else 170
                    s.set_at((x, y), (*ring_pal[int(clamp(level, 0, 4))], alpha))
                elif f >= 1 and abs(d - trail) < width * 0.35:
                    s.set_at((x, y), (*ring_pal[1], 110))
                elif d < radius - width and f < 5:
                    s.set_at((x, y), (*ring_pal[2], round(60 * (1 - t))))  # the air still lit
        if f < 2:
            # The flash at the heart of it.
            glow(s, c, c, 14 - f * 4, (220, 246, 255), 0.8 - f * 0.3, steps=3)
            fill(s, ellipse(c, c, 7 - f * 3, 7 - f * 3), (255, 255, 255))
        for a, sp in sparks:  # fragments thrown ahead of the ring
            r = radius * sp + 3
            if r < c - 2 and f < 6:
                x, y = c + math.cos(a) * r, c + math.sin(a) * r
                tail = (x - math.cos(a) * 3, y - math.sin(a) * 3)
                fill(s, capsule(tail, (x, y), 0.5), ring_pal[2])
                put(s, round(x - 0.5), round(y - 0.5), (255, 255, 255))
        if f >= 5:
            fade_dither(s, 1.0 - (f - 4) * 0.24)
        frames.append(s)
    return frames


def spit_frames() -> list[pygame.Surface]:
    """A glob of acid in flight (flying east): a wobbling ball with a white-hot core, a tail of
    thinner spit and a few drops shaken loose behind it."""
    frames = []
    for f in range(4):
        s = new_surface(16, 16)
        wob = math.sin(f * math.pi / 2)
        tail = chain([(2.5, 8 + wob * 0.8), (6.5, 8 - wob * 0.4), (10, 8)], 0.8, 2.2)
        fill(s, tail, ACID[2])
        glob = ellipse(10, 8, 3.6 + 0.5 * wob, 3.2 - 0.4 * wob)
        shade(s, glob, ACID[1:], "sphere", rim=False, bias=0.1)
        fill(s, ellipse(10.6, 7.6, 1.5, 1.3), ACID[5])
        put(s, 10, 7, (255, 255, 240))
        for x, y in ((3.5 - f % 2, 5.5 + f % 3), (5 + f % 2, 11 - f % 2)):
            put(s, round(x), round(y), ACID[3])
        outline(s, ACID[0])
        frames.append(s)
    return frames


def acid_frames() -> list[pygame.Surface]:
    """The glob lands: a bright splash thrown into a crown of drops, settling into a puddle that
    hisses and bubbles as it eats the ground, then thins away."""
    size = 40
    c = size / 2
    rng = random.Random(211)
    drops = [
        (rng.uniform(0, math.tau), rng.uniform(0.5, 1.0), rng.uniform(0.7, 1.3)) for _ in range(18)
    ]
    puddle = splat_shape(random.Random(212), c, c, 8.5, lobes=8)
    frames = []
    for f in range(6):
        s = new_surface(size, size)
        grow = min(1.0, 0.45 + f * 0.22)
        pool = {
            (round(c + (x + 0.5 - c) * grow - 0.5), round(c + (y + 0.5 - c) * grow - 0.5))
            for x, y in puddle
        }
        pool |= ring(pool)  # shrinking the shape leaves holes: close them
        if f >= 1:
            shade(s, pool, ACID[:4], "sphere", rim=False, bias=-0.15)
            for x, y in pool:  # a wet, lit rim on the far side of the light
                if (x - 1, y - 1) not in pool:
                    put(s, x, y, ACID[4])
            # Bubbles rising and popping in the acid.
            bub = random.Random(220 + f)
            for _ in range(5):
                x, y = c + bub.uniform(-6, 6), c + bub.uniform(-5, 5)
                if (round(x), round(y)) in pool:
                    r = bub.choice([0.7, 1.0, 1.4])
                    bubble = ellipse(x, y, r, r) & pool
                    fill(s, bubble, ACID[3])
                    fill(s, {p for p in bubble if (p[0] + 1, p[1] + 1) in bubble}, ACID[5])
            if f >= 2:  # the sizzle: pale fumes lifting off it
                fumes = random.Random(230 + f)
                for _ in range(8):
                    x, y = c + fumes.uniform(-9, 9), c + fumes.uniform(-8, 6) - f
                    put(s, round(x), round(y), (*ACID[5], 170))
        if f <= 2:
            # The splash: a bright burst, then drops flung outward in a crown.
            if f == 0:
                glow(s, c, c, 10, ACID[4], 0.5, steps=3)
                fill(s, ellipse(c, c, 5, 4.5), ACID[4])
                fill(s, ellipse(c, c, 2.6, 2.3), ACID[5])
            for a, speed, r in drops:
                d = (4 + speed * 5 * (f + 1)) if f else 4 + speed * 2
                x, y = c + math.cos(a) * d, c + math.sin(a) * d
                rad = r * (1.2 - 0.25 * f)
                if 1 < x < size - 1 and 1 < y < size - 1:
                    fill(s, ellipse(x, y, rad, rad), ACID[3])
                    put(s, round(x - 1), round(y - 1), ACID[5])
        outline(s, ACID[0])
        if f >= 4:
            fade_dither(s, 1.0 - (f - 3) * 0.3)
        frames.append(s)
    return frames


# A four-point glint with a long arm east, the way the ricochet flies: (angle, radius) pairs.
STAR_POINTS = [(i * math.pi / 4, (8, 1.7, 7, 1.7, 6, 1.7, 7, 1.7)[i]) for i in range(8)]


def deflect_frames() -> list[pygame.Surface]:
    """A round glancing off armour: a white flash on the plate, then a fan of hot streaks thrown
    east (the way the ricochet goes), cooling from white through yellow to orange."""
    size = 24
    c = size / 2
    rng = random.Random(241)
    rays = [(rng.gauss(0, 0.7), rng.uniform(0.6, 1.0)) for _ in range(9)]
    rays += [(rng.uniform(-math.pi, math.pi), rng.uniform(0.3, 0.55)) for _ in range(4)]
    hot = [(255, 255, 255), (255, 246, 180), (255, 214, 90), (240, 150, 40), (190, 80, 24)]
    frames = []
    for f in range(5):
        s = new_surface(size, size)
        if f == 0:
            glow(s, c, c, 8, (255, 250, 210), 0.55, steps=3)
            star = polygon([(c + math.cos(a) * r, c + math.sin(a) * r) for a, r in STAR_POINTS])
            fill(s, star, hot[1])
            fill(s, ellipse(c, c, 2.4, 2.4), hot[0])
        else:
            for a, sp in rays:
                # Each spark a streak: a cooler tail, a hot head, shortening as it slows.
                r1 = (3 + f * 2.4) * sp
                r0 = max(1.0, r1 - (6.5 - f * 1.2) * sp)
                dx, dy = math.cos(a), math.sin(a)
                mid = (r0 + r1) / 2
                tail = capsule((c + dx * r0, c + dy * r0), (c + dx * mid, c + dy * mid), 0.72)
                head = capsule((c + dx * mid, c + dy * mid), (c + dx * r1, c + dy * r1), 0.72)
                fill(s, tail, hot[min(4, f + 1)])
                fill(s, head, hot[min(4, f - 1)])
            if f <= 2:
                fill(s, ellipse(c, c, 2.2 - f * 0.6, 2.2 - f * 0.6), hot[f])
            if f >= 3:
                put(s, round(c - 0.5), round(c - 0.5), (150, 140, 130, 170))  # a fleck of smoke
        if f < 3:
            outline(s, (110, 44, 14))  # a burnt rim: white sparks must show on pale sand too
        frames.append(s)
    return frames


def fx_sheets() -> None:
    save_sheet("fx_muzzle", (24, 24), [Anim("play", muzzle_frames(), 2, False)])
    save_sheet("fx_spark", (16, 16), [Anim("play", spark_frames(), 3, False)])
    save_sheet("fx_ichor", (32, 32), [Anim("play", ichor_frames(), 4, False)])
    save_sheet("fx_explosion", (96, 96), [Anim("play", explosion_frames(), 5, False)])
    save_sheet("fx_dust", (24, 24), [Anim("play", dust_frames(), 5, False)])
    save_sheet("fx_sandburst", (48, 48), [Anim("play", sandburst_frames(), 5, False)])
    save_sheet("fx_shockwave", (128, 128), [Anim("play", shockwave_frames(), 4, False)])
    save_sheet("fx_spit", (16, 16), [Anim("play", spit_frames(), 4, False)])
    save_sheet("fx_acid", (40, 40), [Anim("play", acid_frames(), 5, False)])
    save_sheet("fx_deflect", (24, 24), [Anim("play", deflect_frames(), 3, False)])


# Pickups and markers ---------------------------------------------------------------------------


def sparkle(surf, x, y, size, color=(255, 255, 240)) -> None:
    """A four-point glint."""
    for k in range(-size, size + 1):
        put(surf, x + k, y, color if abs(k) < size else (*color, 150))
        put(surf, x, y + k, color if abs(k) < size else (*color, 150))


def intel_frames() -> list[pygame.Surface]:
    frames = []
    leather = ramp("#2e1a10", "#4a2c18", "#6a4022", "#8a5830", "#a8723e")
    for f in range(2):
        s = new_surface(24, 24)
        case = rect(4, 7, 16, 11)
        shade(s, case, leather, "flat")
        fill(s, {(x, 12) for x in range(5, 19)}, leather[1])  # lid seam
        handle = {(x, 5) for x in range(10, 14)} | {(9, 6), (14, 6)}
        fill(s, handle, leather[0])
        for bx in (7, 16):
            pixel_grid(s, bx, 11, ["ab", "bc"], {"a": BRASS[4], "b": BRASS[2], "c": BRASS[1]})
        # Dog tags dropped on top, chain trailing.
        for tx, ty in ((10, 14), (13, 15)):
            tag = rect(tx, ty, 3, 5)
            shade(s, tag, ramp("#6b7075", "#9aa0a6", "#c4cad0", "#eef2f4"), "flat")
        for k in range(6):
            put(s, 9 - k // 2, 15 - k, STEEL[4] if k % 2 else STEEL[3])
        outline(s)
        if f == 1:
            sparkle(s, 15, 15, 2)
        frames.append(s)
    return frames


def explosive_frames() -> list[pygame.Surface]:
    frames = []
    for f in range(2):
        s = new_surface(24, 24)
        block = rect(4, 8, 16, 10)
        shade(s, block, OLIVE_GREEN, "flat")
        for x in range(4, 20, 5):  # strapped bricks
            fill(s, {(x, y) for y in range(8, 18)}, OLIVE_GREEN[1])
        shade(s, rect(9, 5, 7, 5), STEEL, "flat")  # detonator box
        for k in range(5):
            put(s, 16 + k, 7 + (k % 2), (200, 40, 30))
            put(s, 16 + k, 6 + ((k + 1) % 2), (60, 100, 200))
        outline(s)
        if f == 0:
            glow(s, 11.5, 6.5, 4.5, (255, 60, 40), 0.45, steps=2)
            fill(s, rect(11, 6, 2, 2), (255, 70, 50))
            put(s, 11, 6, (255, 200, 190))
        else:
            fill(s, rect(11, 6, 2, 2), (90, 20, 18))
        frames.append(s)
    return frames


def mine_frames() -> list[pygame.Surface]:
    frames = []
    rng = random.Random(17)
    for f in range(2):
        s = new_surface(24, 24)
        mound = ellipse(12, 12, 8.5, 7.5)
        shade(s, mound, SAND[:5], "sphere", rim=False, bias=-0.05)
        plate = ellipse(12, 12, 3.6, 3.3)
        shade(s, plate, STEEL[:5], "sphere", rim=False, bias=-0.1)
        for p in ring(plate):
            put(s, *p, STEEL[0])
        sand_rng = random.Random(18)
        for _ in range(9):  # sand drifted back over the plate: it is barely visible
            x, y = sand_rng.choice(sorted(plate))
            put(s, x, y, SAND[sand_rng.choice([2, 3])])
        for _ in range(5):
            a = rng.uniform(0, math.tau)
            put(s, round(12 + math.cos(a) * 9), round(12 + math.sin(a) * 8), SAND[1])
        if f == 1:
            sparkle(s, 10, 10, 1)
        frames.append(s)
    return frames


def death_marker() -> list[pygame.Surface]:
    s = new_surface(24, 24)
    skull = [
        "...xxxxxx...",
        "..xxxxxxxx..",
        ".xxxxxxxxxx.",
        ".xxxxxxxxxx.",
        ".xx..xx..xx.",
        ".xx..xx..xx.",
        ".xxxxx.xxxx.",
        "..xxx...xx..",
        "...xxxxxx...",
        "...x.x.x.x..",
        "...xxxxxxx..",
    ]
    pixel_grid(s, 6, 6, skull, {"x": (236, 232, 220)})
    for y in range(24):  # a touch of shading: lit crown, grey jaw
        for x in range(24):
            if s.get_at((x, y))[:3] == (236, 232, 220) and y > 13:
                s.set_at((x, y), (196, 190, 178))
    put(s, 8, 7, (255, 255, 255))
    outline(s)
    return [s]


def ambush_frames() -> list[pygame.Surface]:
    frames = []
    for f in range(2):
        s = new_surface(24, 24)
        grow = 1.0 if f == 0 else -0.5
        tri = polygon(
            [(12, 2.5 - grow), (21.5 + grow, 20 + grow * 0.5), (2.5 - grow, 20 + grow * 0.5)]
        )
        red = (
            ramp("#5a0c0c", "#9c1616", "#d42a20", "#f25a3c")
            if f == 0
            else ramp("#420a0a", "#7a1212", "#a81e18", "#c83a2a")
        )
        if f == 0:
            glow(s, 12, 13, 12, (255, 60, 40), 0.3, steps=2)
        shade(s, tri, red, "flat", bias=0.1)
        mark = (255, 232, 120) if f == 0 else (230, 190, 90)
        fill(s, rect(11, 8, 2, 6), mark)
        fill(s, rect(11, 16, 2, 2), mark)
        outline(s)
        frames.append(s)
    return frames


def pickups_sheet() -> None:
    save_sheet(
        "pickups",
        (24, 24),
        [
            Anim("intel", intel_frames(), 30, True),
            Anim("explosive", explosive_frames(), 20, True),
            Anim("mine", mine_frames(), 40, True),
            Anim("marker_death", death_marker(), 60, True),
            Anim("marker_ambush", ambush_frames(), 15, True),
        ],
    )


def crosshair(surf, brightness: RGB) -> None:
    c = 16
    for y in range(32):
        for x in range(32):
            d = math.hypot(x + 0.5 - c, y + 0.5 - c)
            dx, dy = abs(x + 0.5 - c), abs(y + 0.5 - c)
            on_ring = 6.6 <= d <= 7.6 and min(dx, dy) > 1.5
            on_tick = (
                (min(dx, dy) < 0.6) and 3.5 <= max(dx, dy) <= 11.5 and not (5.5 < max(dx, dy) < 9)
            )
            if on_ring or on_tick:
                surf.set_at((x, y), brightness)
    fill(surf, rect(15, 15, 2, 2), (255, 80, 60))


def cursor_sheet() -> None:
    aim = new_surface(32, 32)
    crosshair(aim, (255, 255, 255))
    outline(aim)
    reload = []
    for f in range(4):
        s = new_surface(32, 32)
        crosshair(s, (170, 170, 170))
        start = f * math.pi / 2
        for y in range(32):
            for x in range(32):
                d = math.hypot(x + 0.5 - 16, y + 0.5 - 16)
                a = (math.atan2(y + 0.5 - 16, x + 0.5 - 16) - start) % math.tau
                if 12.2 <= d <= 14.0 and a < math.radians(110):
                    # The arc's head is brightest: it reads as turning clockwise.
                    s.set_at((x, y), (255, 216, 72) if a > math.radians(60) else (230, 170, 40))
        outline(s)
        reload.append(s)
    save_sheet("cursor", (32, 32), [Anim("aim", [aim], 60, True), Anim("reload", reload, 6, True)])


# Title backdrop --------------------------------------------------------------------------------

TITLE_W, TITLE_H, TITLE_SCALE = 320, 180, 4
SKY = ramp(
    "#0d1017",
    "#121620",
    "#181d29",
    "#1f2533",
    "#282d3c",
    "#353543",
    "#4a4048",
    "#664c4a",
    "#8a5a4a",
    "#b06c4a",
    "#d8884e",
    "#f0aa60",
)
CLOUD = ramp("#0a0c12", "#10131b", "#171b25", "#20242f", "#2a2d38")
CLOUD_LIT = ramp("#4a3036", "#74433c", "#a35c42", "#d07e4c")
SEA_DAWN = ramp("#0b1018", "#101822", "#17222d", "#1f2d39", "#2a3a46", "#3e4a52")
BEACH_DAWN = ramp("#171212", "#211a18", "#2c2320", "#3a2e28", "#4a3b32", "#5e4b3e", "#76604e")
SILHOUETTE = (12, 11, 16)
RIM = ramp("#5a3226", "#b8653a", "#f0a05a")


class ValueNoise:
    """Plain smooth value noise over the title canvas (no tiling needed there)."""

    def __init__(self, rng: random.Random, cell: int, w: int = TITLE_W, h: int = TITLE_H) -> None:
        self.cell = cell
        self.gw, self.gh = w // cell + 2, h // cell + 2
        self.grid = [[rng.random() for _ in range(self.gw)] for _ in range(self.gh)]

    def at(self, x: float, y: float) -> float:
        gx, gy = x / self.cell, y / self.cell
        i, j = int(gx), int(gy)
        fx, fy = gx - i, gy - j
        fx, fy = fx * fx * (3 - 2 * fx), fy * fy * (3 - 2 * fy)
        g = self.grid
        i, j = min(i, self.gw - 2), min(j, self.gh - 2)
        a = g[j][i] + (g[j][i + 1] - g[j][i]) * fx
        b = g[j + 1][i] + (g[j + 1][i + 1] - g[j + 1][i]) * fx
        return a + (b - a) * fy


def title_sky(s: pygame.Surface, rng: random.Random, horizon: int) -> None:
    big, mid, small = ValueNoise(rng, 40), ValueNoise(rng, 16), ValueNoise(rng, 6)

    def density(x: float, y: float) -> float:
        n = big.at(x, y) * 0.55 + mid.at(x, y) * 0.3 + small.at(x, y) * 0.15
        # Keep the upper middle calm: that is where the game writes the title.
        calm = math.exp(-(((x - 160) / 95) ** 2) - (((y - 42) / 34) ** 2))
        n -= calm * 0.4
        n += (1 - y / horizon) * 0.12  # heavier overcast high up
        return n - 0.5

    for y in range(horizon):
        for x in range(TITLE_W):
            t = y / horizon
            level = t**1.6 * (len(SKY) - 1)
            # Dawn glows brightest behind the sun, to the right of centre.
            level += math.exp(-(((x - 228) / 70) ** 2)) * t * 1.2
            c = dithered(SKY, level, x, y)
            d = density(x, y)
            if d > 0:
                # The sun is low on the right, under the clouds: their down-right faces are lit.
                lit = (d - density(x + 2, y + 3)) * 9 * t - (0.12 if d > 0.08 else 0) * 4
                if lit > 0.35:
                    c = dithered(CLOUD_LIT, lit * 2.2 - 0.4, x, y)
                else:
                    c = dithered(CLOUD, 3.8 - d * 7 + t * 0.8, x, y)
            s.set_at((x, y), c)
    # The sun, low and smothered, half-hidden by the sea.
    sun_x, sun_y = 228, horizon + 2
    for y in range(horizon - 14, horizon):
        for x in range(sun_x - 16, sun_x + 17):
            d = math.hypot(x - sun_x, (y - sun_y) * 1.1)
            if d < 11:
                s.set_at((x, y), hexrgb("#ffd38a") if d < 8 else hexrgb("#f7b46a"))
            elif d < 15 and (x + y) % 2 == 0:
                s.set_at((x, y), hexrgb("#e89456"))


def title_sea(s: pygame.Surface, rng: random.Random, horizon: int, shore: int) -> None:
    for y in range(horizon, shore):
        t = (y - horizon) / (shore - horizon)
        for x in range(TITLE_W):
            level = 4.2 - t * 3.0 + rng.uniform(-0.3, 0.3)
            c = dithered(SEA_DAWN, level, x, y)
            # The sun's path on the water: broken orange dashes.
            if abs(x - 228) < 10 + t * 30 and rng.random() < 0.35 - t * 0.2 and y % 2 == 0:
                c = hexrgb("#f0a060") if rng.random() < 0.5 else hexrgb("#b0643c")
            s.set_at((x, y), c)
    for _ in range(60):  # swell lines
        x, y = rng.randrange(TITLE_W), rng.randrange(horizon + 2, shore - 1)
        for k in range(rng.randrange(3, 9)):
            put(s, x + k, y, SEA_DAWN[5] if k % 3 else SEA_DAWN[4])


def title_beach(s: pygame.Surface, rng: random.Random, shore: int) -> None:
    grain = ValueNoise(rng, 10)
    for y in range(shore, TITLE_H):
        t = (y - shore) / (TITLE_H - shore)
        for x in range(TITLE_W):
            # Wet sand near the water still mirrors the sky; the foreground falls into shadow.
            level = 5.2 - t * 4.2 + (grain.at(x, y) - 0.5) * 1.4 + rng.uniform(-0.4, 0.4)
            c = dithered(BEACH_DAWN, level, x, y)
            if y < shore + 7 and abs(x - 228) < 26 and rng.random() < 0.25:
                c = hexrgb("#c07448")
            s.set_at((x, y), c)
    for x in range(TITLE_W):  # the surf line
        y = shore + round(math.sin(x * 0.11) * 1.2 + math.sin(x * 0.037) * 1.5)
        put(s, x, y, hexrgb("#b7b2aa"))
        if x % 5:
            put(s, x, y - 1, hexrgb("#6e7478"))
        if x % 7 == 0:
            put(s, x + 1, y + 1, hexrgb("#8a8780"))


def rim_lit(
    s: pygame.Surface, shape: Shape, base: RGB = SILHOUETTE, sun_x: float = 228, rim=RIM
) -> None:
    """A silhouette against the dawn: near-black, edged with warm light on the sun's side."""
    fill(s, shape, base)
    for x, y in shape:
        toward = 1 if sun_x > x else -1
        if (x + toward, y) not in shape or (x, y - 1) not in shape:
            put(s, x, y, rim[1] if (x + toward, y) not in shape else rim[0])
        elif (x + 2 * toward, y) not in shape:
            put(s, x, y, rim[0])


SMOKE_DAWN = ramp("#121015", "#19161b", "#221e23", "#2e2729", "#47352f", "#75503a")


def smoke_column(s, rng, x0, y0, height, drift, scale=1.0) -> None:
    """A column of billowing smoke, widening as it rises and bending with the wind; lit from the
    low sun on the right."""
    puffs = []
    steps = int(height / 2.5)
    for k in range(steps):
        t = k / steps
        for _ in range(2):  # two puffs per step, jostling: a column, not a string of beads
            x = x0 + drift * t**1.5 + rng.uniform(-4, 4) * scale * (0.3 + t)
            y = y0 - t * height + rng.uniform(-2, 2)
            puffs.append((x, y, (2.0 + t * 11) * scale * rng.uniform(0.55, 1.15)))
    for x, y, r in reversed(puffs):  # the base is drawn last: it is nearest the fire
        for py in range(math.floor(y - r), math.ceil(y + r) + 1):
            for px in range(math.floor(x - r), math.ceil(x + r) + 1):
                nx, ny = (px + 0.5 - x) / r, (py + 0.5 - y) / (r * 0.85)
                d = nx * nx + ny * ny
                if d > 1 or not (0 <= px < TITLE_W and 0 <= py < TITLE_H):
                    continue
                light = nx * 0.75 + ny * 0.35 + 0.15
                level = 2.0 + light * 2.6 - d * 0.6
                put(s, px, py, dithered(SMOKE_DAWN, level, px, py))


def fire_glow(s, x0, y0, width) -> None:
    """The light a fire throws on the sand around it (drawn before the silhouettes)."""
    glow(s, x0 + width / 2, y0 + 4, width * 1.1, (255, 140, 50), 0.2, steps=5, add=True)


def fire(s, rng, x0, y0, width, height) -> None:
    for i in range(width):
        h = height * (0.4 + 0.6 * math.sin(i / max(1, width - 1) * math.pi)) * rng.uniform(0.6, 1.0)
        for k in range(int(h)):
            t = k / max(1, h)
            c = (255, 240, 170) if t < 0.3 else (255, 170, 60) if t < 0.65 else (200, 70, 30)
            put(s, x0 + i, y0 - k, c)


def landing_craft(s, x, y, w, ramp_down: bool) -> None:
    hull = polygon([(x, y), (x + w, y), (x + w - 2, y + 5), (x + 2, y + 5)])
    if ramp_down:
        hull |= polygon([(x + w, y + 1), (x + w + 5, y + 5), (x + w - 1, y + 5)])
    rim_lit(s, hull, (14, 16, 22))
    for k in range(3):  # troops crouched inside
        put(s, x + 4 + k * 4, y - 1, SILHOUETTE)


def dropship(s, x, y, size, tilt=0.12) -> None:
    """A UDF dropship in profile: long hull, tail boom, stub wings, engine pods glowing below."""

    def pts(local):
        return rotate_points([(x + u * size, y + v * size) for u, v in local], tilt, (x, y))

    body = polygon(pts([(-10, -1.5), (6, -2.5), (10, -0.5), (9, 1.5), (-8, 1.5), (-12, 0)]))
    body |= polygon(pts([(-9, -1), (-13, -5), (-11, -5), (-6, -1)]))  # tail fin
    body |= polygon(pts([(-2, 0), (3, 0), (1, 4), (-3, 4)]))  # wing and engine pod
    rim_lit(s, body, (14, 15, 22))
    ex, ey = pts([(-0.5, 4.2)])[0]
    put(s, round(ex), round(ey), (200, 236, 255))
    put(s, round(ex), round(ey) + 1, (110, 170, 230))
    for k in range(3):  # the engine wash, a short streak downward
        put(s, round(ex), round(ey) + 2 + k, (60, 90, 130))


def hedgehog_silhouette(s, x, y, size) -> None:
    shape = capsule((x - size, y - size), (x + size, y + size * 0.6), 1.0) | capsule(
        (x + size, y - size), (x - size, y + size * 0.6), 1.0
    )
    shape |= capsule((x, y - size * 1.2), (x, y + size * 0.7), 1.0)
    rim_lit(s, shape)


def mimic_silhouette(s, rng, x, y, size, core: RGB, rim=RIM) -> None:
    shape = ellipse(x, y, size * 0.45, size * 0.35)
    for i in range(7):
        a = i / 7 * math.tau + rng.uniform(-0.3, 0.3)
        pts = []
        for j in range(5):
            t = j / 4
            ang = a + math.sin(t * 3 + i) * 0.5
            pts.append(
                (
                    x + math.cos(ang) * size * t,
                    y + math.sin(ang) * size * 0.7 * t - t * t * size * 0.3,
                )
            )
        shape |= chain(pts, size * 0.16, 0.5)
    rim_lit(s, shape, (10, 9, 12), rim=rim)
    glow(s, x, y, size * 0.7, core, 0.18, steps=3, add=True)
    fill(s, ellipse(x, y, 1.0, 0.8), core)


def soldier_silhouette(s: pygame.Surface) -> None:
    """Cage in the foreground: the exosuit seen from behind, three-quarter, rifle arm raised."""
    parts: Shape = set()
    parts |= capsule((54, 140), (44, 176), 6.0, 5.0)  # far leg
    parts |= capsule((72, 140), (82, 176), 6.5, 5.5)  # near leg
    parts |= ellipse(44, 175, 7, 3.5) | ellipse(84, 175, 8, 3.5)  # boots
    parts |= ellipse(47, 158, 5, 4) | ellipse(78, 158, 5.5, 4.5)  # knee plates
    parts |= capsule((46, 148), (56, 150), 3.0) | capsule((70, 150), (80, 148), 3.0)  # exo struts
    parts |= polygon([(46, 106), (80, 104), (78, 142), (50, 144)])  # torso
    parts |= polygon([(36, 100), (52, 98), (52, 136), (38, 134)])  # power pack
    parts |= ellipse(40, 98, 4, 3) | ellipse(46, 96, 3, 2.5)  # exhausts
    parts |= ellipse(50, 106, 10, 8) | ellipse(78, 105, 11, 9)  # pauldrons
    parts |= ellipse(64, 94, 8, 8.5)  # helmet
    parts |= capsule((82, 110), (92, 124), 5.0, 4.0)  # rifle arm
    parts |= polygon([(84, 118), (128, 112), (129, 118), (86, 127)])  # heavy rifle
    parts |= polygon([(124, 111), (136, 110), (136, 115), (125, 117)])  # barrel
    parts |= rect(100, 120, 6, 6)  # magazine
    parts |= capsule((50, 112), (62, 128), 4.0) | capsule((62, 128), (104, 118), 3.5)  # support arm
    rim_lit(s, parts)
    # Interior detail catches a little light: armour seams and the visor glint.
    for x, y in capsule((48, 120), (76, 119), 0.5):
        if (x, y) in parts:
            put(s, x, y, (26, 24, 32))
    for x, y in capsule((40, 110), (50, 110), 0.5):
        put(s, x, y, (30, 28, 36))
    fill(s, {(70, 93), (71, 94), (71, 95)}, hexrgb("#ffcc55"))
    put(s, 44, 104, hexrgb("#ff9a30"))  # status lamp on the pack


def title_backdrop() -> None:
    rng = random.Random(SEED + 7)
    s = pygame.Surface((TITLE_W, TITLE_H))
    horizon, shore = 100, 124
    title_sky(s, rng, horizon)
    title_sea(s, rng, horizon, shore)
    title_beach(s, rng, shore)
    # Far away: landing craft in the surf, a dropship burning on its way down.
    for x, y, w, down in (
        (150, 114, 16, True),
        (178, 110, 12, False),
        (262, 112, 14, True),
        (300, 108, 10, False),
        (118, 108, 10, False),
    ):
        landing_craft(s, x, y, w, down)
    dropship(s, 262, 30, 1.4)
    dropship(s, 296, 62, 0.8, tilt=-0.05)
    dropship(s, 36, 86, 0.7, tilt=0.2)
    # Tracer fire arcing up from the beach.
    for x0, y0, dx, dy in ((160, 132, 30, -50), (200, 128, 40, -40), (120, 136, -20, -56)):
        for k in range(0, 40, 1):
            if (k // 4) % 2 == 0:
                put(s, round(x0 + dx * k / 40), round(y0 + dy * k / 40), (255, 210, 120))
    # The burning wreck on the left and its smoke, drifting away from the title area.
    smoke_column(s, rng, 100, 132, 120, -62, 1.0)
    smoke_column(s, rng, 286, 128, 70, 25, 0.6)
    fire_glow(s, 94, 129, 22)
    fire_glow(s, 282, 127, 12)
    wreck = polygon(
        [
            (82, 142),
            (90, 133),
            (97, 135),
            (104, 124),
            (108, 133),
            (118, 129),
            (122, 121),
            (125, 132),
            (132, 142),
            (116, 146),
            (92, 147),
        ]
    )
    wreck |= capsule((104, 130), (96, 116), 1.2) | capsule((118, 131), (128, 118), 1.0)
    rim_lit(s, wreck)
    fire(s, rng, 94, 129, 22, 10)
    wreck2 = polygon([(276, 132), (286, 124), (296, 130), (298, 138), (280, 138)])
    rim_lit(s, wreck2)
    fire(s, rng, 282, 127, 12, 7)
    glow(s, 196, 124, 12, (255, 180, 90), 0.22, steps=5, add=True)  # a shell bursting in the surf
    for x, y, size in (
        (140, 136, 4),
        (172, 142, 5),
        (232, 138, 4),
        (258, 150, 6),
        (214, 156, 6),
        (300, 156, 7),
    ):
        hedgehog_silhouette(s, x, y, size)
    # The Mimics: dark writhing shapes with embers for hearts; the Alpha burns blue.
    mrng = random.Random(SEED + 9)
    for x, y, size in ((186, 140, 7), (204, 148, 8), (160, 152, 7), (280, 146, 6)):
        mimic_silhouette(s, mrng, x, y, size, (255, 120, 40))
    mimic_silhouette(
        s, mrng, 246, 158, 16, (90, 200, 255), rim=ramp("#1c3a5a", "#3a9ae0", "#9ae6ff")
    )
    # Foreground dune, grass and sandbags the soldier stands on.
    dune = polygon([(0, 160), (40, 166), (90, 170), (150, 174), (200, 180), (0, 180)])
    fill(s, dune, (16, 13, 14))
    for x, y in dune:
        if (x, y - 1) not in dune:
            put(s, x, y, RIM[0])
    for _ in range(40):
        x = rng.randrange(0, 170)
        base = 180 - max(0, (170 - x) // 9) - 10 + rng.randrange(0, 6)
        for k in range(rng.randrange(3, 9)):
            put(s, x + k // 3 * rng.choice([-1, 1]), base - k, (20, 18, 16))
    bags = set()
    for i in range(6):
        bags |= ellipse(214 + i * 14, 174 - (i % 2), 8, 5)
    for i in range(5):
        bags |= ellipse(221 + i * 14, 167, 8, 5)
    rim_lit(s, bags, (20, 17, 16))
    soldier_silhouette(s)
    # Vignette: the corners sink into darkness.
    for y in range(TITLE_H):
        for x in range(TITLE_W):
            d = math.hypot((x - 160) / 175, (y - 80) / 110)
            if d > 0.85:
                amount = min(0.7, (d - 0.85) * 1.6)
                if (BAYER4[y % 4][x % 4] + 0.5) / 16 < amount * 1.6:
                    darken(s, x, y, amount, (6, 6, 10))
    big = pygame.transform.scale(s, (TITLE_W * TITLE_SCALE, TITLE_H * TITLE_SCALE))
    pygame.image.save(big, str(SPRITES_DIR / "title.png"))


# Story scenes ------------------------------------------------------------------------------------
# Full-screen stills drawn like the title: 320x180, scaled x4. No text: the game writes captions
# over the calm areas each one leaves.


def scene_put(s: pygame.Surface, x: int, y: int, c: RGB) -> None:
    if 0 <= x < TITLE_W and 0 <= y < TITLE_H:
        s.set_at((x, y), c)


def dither_toward(s: pygame.Surface, x: int, y: int, color: RGB, amount: float) -> None:
    """Darken (or tint) a pixel toward `color`, the amount quantised by the ordered pattern so a
    smooth fade stays crisp pixel art instead of a soft gradient."""
    if amount <= 0:
        return
    step = 0.25 if (BAYER4[y % 4][x % 4] + 0.5) / 16 < (amount * 4) % 1 else 0.0
    level = min(1.0, math.floor(amount * 4) / 4 + step)
    r, g, b, *_ = s.get_at((x, y))
    s.set_at((x, y), mix((r, g, b), color, level))


def calm_band(s: pygame.Surface, y0: int, y1: int, color: RGB, strength: float, top: bool) -> None:
    """Quiet a band for a caption: pixels fade toward `color`, strongest at the screen edge."""
    for y in range(y0, y1):
        t = (y - y0) / max(1, y1 - y0 - 1)
        t = 1 - t if top else t
        for x in range(TITLE_W):
            dither_toward(s, x, y, color, strength * (t**0.8))


def scene_vignette(s, color: RGB, reach: float = 0.85, most: float = 0.7, cy: float = 90) -> None:
    for y in range(TITLE_H):
        for x in range(TITLE_W):
            d = math.hypot((x - 160) / 175, (y - cy) / 110)
            if d > reach:
                dither_toward(s, x, y, color, min(most, (d - reach) * 1.6))


def save_scene(s: pygame.Surface, name: str) -> None:
    big = pygame.transform.scale(s, (TITLE_W * TITLE_SCALE, TITLE_H * TITLE_SCALE))
    SPRITES_DIR.mkdir(parents=True, exist_ok=True)
    pygame.image.save(big, str(SPRITES_DIR / f"{name}.png"))


# The vision: falling through the reservoir, the dam and the rock to the Omega -------------------

DREAM = ramp(
    "#02040b",
    "#060b1a",
    "#0a132b",
    "#101d3e",
    "#172a53",
    "#1f3a69",
    "#2a4d80",
    "#386597",
    "#4b80ad",
    "#669fc3",
    "#8cc0d8",
    "#bde0ec",
    "#ecfbff",
)
VISION_VP = (160.0, 70.0)  # where the shaft vanishes: the Omega, straight below


def shaft_coords(x: float, y: float) -> tuple[float, float, int]:
    """Perspective down a square shaft: (distance from the vanishing point as a rounded-square
    norm, position along the wall -1..1, which wall: 0 top, 1 right, 2 bottom, 3 left)."""
    dx, dy = x + 0.5 - VISION_VP[0], (y + 0.5 - VISION_VP[1]) / 0.66
    ax, ay = abs(dx), abs(dy)
    d = (ax**3 + ay**3) ** (1 / 3) + 1e-6
    if ax > ay:
        return d, dy / max(ax, 1e-6), 1 if dx > 0 else 3
    return d, dx / max(ay, 1e-6), 2 if dy > 0 else 0


def vision_walls(s: pygame.Surface, rng: random.Random) -> None:
    big, mid, fine = ValueNoise(rng, 24), ValueNoise(rng, 9), ValueNoise(rng, 4)
    vx, vy = VISION_VP
    wall_tone = (0.15, 0.45, -0.35, -0.2)  # top, right, bottom, left: light falls from above
    for y in range(TITLE_H):
        for x in range(TITLE_W):
            d, u, wall = shaft_coords(x, y)
            wob = (big.at(x, y) - 0.5) * 18
            z = 70.0 / d  # depth: 0.4 at the screen's edge, 2+ deep in the throat
            ang = math.atan2(y + 0.5 - vy, x + 0.5 - vx)
            rays = max(0.0, math.sin(ang * 11 + big.at(x * 0.3, y * 0.3) * 5)) ** 6
            n = fine.at(x, y)
            if d + wob > 122:
                # The reservoir: open water lit from the surface, caustics and light shafts.
                level = 6.2 + (mid.at(x, y) - 0.5) * 2.0 + rays * 2.2 - (d - 122) * 0.004
                if abs(mid.at(x * 1.7, y * 1.7) - 0.5) < 0.035:
                    level += 1.8
            elif d + wob * 0.6 > 66:
                # The dam: concrete courses (rings of constant depth) and staggered block joints.
                course = z * 5.0
                ci = math.floor(course)
                frac = course - ci
                level = 7.6 - z * 3.2 + wall_tone[wall] + (n - 0.5) * 1.2 + rays * 0.8
                joint_u = (u * 3.5 + (0.5 if ci % 2 else 0.0)) % 1.0
                if frac < 0.09:
                    level -= 2.2  # the joint's shadow
                elif frac < 0.17:
                    level += 1.0  # the block's lit lip
                elif joint_u < 0.03 * (1 + z):
                    level -= 1.5
                if mid.at(x + 40, y) > 0.72:
                    level -= 0.8  # water stains
            elif d + wob * 0.4 > 30:
                # Bedrock: rough, wet, darker, lit from below by the Omega's glow.
                level = 3.0 - z * 0.7 + (n - 0.5) * 2.4 + (mid.at(x, y) - 0.5) * 1.4
                level += max(0.0, 1 - (d - 30) / 36) ** 2 * 3.4
                if abs(mid.at(x * 2, y * 2 + 30) - 0.5) < 0.03:
                    level -= 2.0  # fissures
            else:
                # The flooded cavern: black water with the Omega's light spreading over it.
                level = 1.2 + math.exp(-d / 11) * 8.5 + (n - 0.5) * 0.8
                if math.sin(d * 1.3 - n * 3) > 0.8 and d > 12:
                    level += 1.1  # rings on the water, pushed out by the heartbeat
            s.set_at((x, y), dithered(DREAM, level, x, y))


def vision_roots(s: pygame.Surface, rng: random.Random) -> None:
    """Roots crawl from the core up the throat and into the dam, thickening as they near us."""
    vx, vy = VISION_VP
    for i in range(9):
        a = i / 9 * math.tau + rng.uniform(-0.25, 0.25)
        reach = rng.uniform(55, 110)
        turn = rng.choice([-1, 1]) * rng.uniform(0.08, 0.22)
        wob = rng.uniform(0, math.tau)
        pts = []
        for j in range(13):
            t = j / 12
            r = 12 + (reach - 12) * t
            ang = a + turn * t + 0.06 * math.sin(wob + t * 11)
            pts.append((vx + math.cos(ang) * r, vy + math.sin(ang) * r * 0.66))
        shape: Shape = set()
        for j in range(12):
            t0, t1 = j / 12, (j + 1) / 12
            # Perspective thickens the far end (nearer us); the tip still tapers.
            r0 = (1.0 + t0 * 1.6) * (1 - max(0, t0 - 0.7) * 2.4)
            r1 = (1.0 + t1 * 1.6) * (1 - max(0, t1 - 0.7) * 2.4)
            shape |= capsule(pts[j], pts[j + 1], max(0.5, r0), max(0.5, r1))
        shape = {p for p in shape if math.hypot(p[0] + 0.5 - vx, (p[1] + 0.5 - vy) / 0.66) > 11}
        for p in ring(shape):
            if 0 <= p[0] < TITLE_W and 0 <= p[1] < TITLE_H:
                dither_toward(s, *p, DREAM[0], 0.6)
        shade(s, shape, OMEGA_ROOT, "flat", bias=-0.1)
        for j in range(12):
            (x0, y0), (x1, y1) = pts[j], pts[j + 1]
            t = j / 12
            vein = ALPHA.vein[2] if t < 0.3 else ALPHA.vein[1] if t < 0.6 else ALPHA.vein[0]
            for k in range(4):  # the vein runs along the root's spine, fading as it climbs
                q = (round(x0 + (x1 - x0) * k / 4 - 0.5), round(y0 + (y1 - y0) * k / 4 - 0.5))
                if q in shape and (t < 0.75 or (j + k) % 3):
                    scene_put(s, *q, vein)
        if rng.random() < 0.6:  # a rootlet splitting off along the wall
            j = rng.randrange(4, 8)
            bx, by = pts[j]
            ang = a + rng.choice([-1, 1]) * 0.5
            twig = [(bx + math.cos(ang) * k * 5, by + math.sin(ang) * k * 3.3) for k in range(4)]
            tw = chain(twig, 0.9, 0.5)
            shade(s, tw, OMEGA_ROOT, "flat")
            for x, y in twig[:2]:
                scene_put(s, round(x - 0.5), round(y - 0.5), ALPHA.vein[0])


def vision_core(s: pygame.Surface) -> None:
    vx, vy = VISION_VP
    glow(s, vx, vy, 52, hexrgb("#2a78ff"), 0.16, steps=5, add=True)
    glow(s, vx, vy, 26, hexrgb("#7ee0ff"), 0.28, steps=4, add=True)
    radius = 10.5
    core = ellipse(vx, vy, radius, radius)
    for x, y in core:
        dd = math.hypot(x + 0.5 - vx + 2, y + 0.5 - vy + 2) / (radius + 2)
        put(s, x, y, ALPHA.core[int(clamp((1 - dd) * 5.2 + 0.6, 0, 5))])
    for p in ring(core):
        put(s, *p, ALPHA.core[0])
    for k in range(3):  # light swirling inside
        for j in range(10):
            a = k * math.tau / 3 + j * 0.2
            r = radius * (0.3 + j * 0.05)
            put(s, round(vx + math.cos(a) * r - 0.5), round(vy + math.sin(a) * r - 0.5),
                ALPHA.core[5 if j < 6 else 4])  # fmt: skip
    # The cage's claws curling over the core, dark against its light.
    for i in range(5):
        a0 = i / 5 * math.tau + 0.5
        pts = [
            (vx + math.cos(a0 + 0.9 * t * t) * (14 - 7 * t),
             vy + math.sin(a0 + 0.9 * t * t) * (14 - 7 * t))
            for t in (j / 6 for j in range(7))
        ]  # fmt: skip
        claw = chain(pts, 2.2, 0.7)
        shade(s, claw, OMEGA_ROOT, "flat", sep=ALPHA.core[0])
        for x, y in pts[1:4]:
            put(s, round(x - 0.5), round(y - 0.5), ALPHA.vein[2])


def vision_fall(s: pygame.Surface, rng: random.Random) -> None:
    """The fall: streaks and motes rushing outward past the eye, rings of the heartbeat."""
    vx, vy = VISION_VP
    for _ in range(90):
        a = rng.uniform(0, math.tau)
        r0 = rng.uniform(26, 170)
        length = r0 * rng.uniform(0.06, 0.16)
        bright = rng.random() < 0.3
        for k in range(int(length)):
            r = r0 + k
            x, y = vx + math.cos(a) * r, vy + math.sin(a) * r * 0.66
            px, py = round(x - 0.5), round(y - 0.5)
            if 0 <= px < TITLE_W and 0 <= py < TITLE_H:
                c = DREAM[11] if bright and k > length * 0.6 else DREAM[9]
                blend(s, px, py, c, 0.35 + 0.5 * k / length)
    for _ in range(26):  # bubbles drifting up toward us, past the fall
        x, y = rng.uniform(0, TITLE_W), rng.uniform(0, 145)
        d, _, _ = shaft_coords(x, y)
        if d < 50:
            continue
        px, py = round(x), round(y)
        blend(s, px, py, DREAM[11], 0.7)
        if d > 110:  # near ones are big enough to show as a ring with a glint
            for qx, qy in ((px - 1, py), (px + 1, py), (px, py - 1), (px, py + 1)):
                if 0 <= qx < TITLE_W and 0 <= qy < TITLE_H:
                    blend(s, qx, qy, DREAM[10], 0.45)
            scene_put(s, px, py, DREAM[12])
    for radius, alpha in ((24, 0.5), (41, 0.34), (63, 0.22), (92, 0.13)):
        # Pulse rings: the Omega's heartbeat echoing out through everything.
        for k in range(int(radius * 7)):
            a = k / (radius * 7) * math.tau
            x, y = vx + math.cos(a) * radius, vy + math.sin(a) * radius * 0.66
            px, py = round(x - 0.5), round(y - 0.5)
            if 0 <= px < TITLE_W and 0 <= py < TITLE_H and (k // 3) % 4 != 3:
                lighten(s, px, py, hexrgb("#6fd0ff"), alpha)


def vision_backdrop() -> None:
    rng = random.Random(SEED + 21)
    s = pygame.Surface((TITLE_W, TITLE_H))
    vision_walls(s, rng)
    vision_roots(s, rng)
    vision_core(s)
    vision_fall(s, rng)
    scene_vignette(s, DREAM[0], reach=0.7, most=0.85, cy=70)
    calm_band(s, 140, TITLE_H, DREAM[1], 0.92, top=False)
    save_scene(s, "vision")


# The ending: an office at dawn, before the invasion ----------------------------------------------

ROOM_WALL = ramp(
    "#35211f", "#4c2d28", "#653b31", "#7f4c3b", "#985e47", "#b07253", "#c58860", "#d79f70",
    "#e6b783", "#f2cf9c", "#fbe5bd",
)  # fmt: skip
DAWN_SKY = ramp(
    "#5d7aa8", "#7590b8", "#93a6c6", "#b2b7cb", "#cfc2c4", "#e6c8b4", "#f2cd9c", "#f9d88c",
    "#fde6a6", "#fff3cf", "#fffbee",
)  # fmt: skip
CITY_HAZE = ramp("#5c4866", "#6f5673", "#82667f", "#977a8b", "#ae9097", "#c6a7a3")
FIELD = ramp("#5a6048", "#6c7255", "#7f8461", "#93966e", "#a9a87d")
DESK_WOOD = ramp(
    "#24130e", "#351c13", "#4a2819", "#603520", "#78452a", "#935836", "#b06f45", "#cc8b59"
)
FLOOR_WOOD = ramp(
    "#2a1a14", "#3a251b", "#4c3123", "#5f3e2c", "#744d36", "#8b5f43", "#a67452", "#c48f66"
)
SUNLIGHT = hexrgb("#ffd48a")
JACKET = ramp("#1f2616", "#2d361f", "#3e4a2b", "#515f37", "#667545", "#7e8c55")
PAPER = ramp("#8a7a66", "#b5a48a", "#d8c8aa", "#efe3c8", "#fbf4e2")


def paint(s: pygame.Surface, shape: Iterable[Px], pal: list[RGB], level) -> None:
    """Fill a shape from a ramp, the level a function of (x, y): dithered gradients and lighting."""
    for x, y in shape:
        if 0 <= x < TITLE_W and 0 <= y < TITLE_H:
            s.set_at((x, y), dithered(pal, level(x, y), x, y))


def lit(s: pygame.Surface, shape: Iterable[Px], color: RGB, amount: float) -> None:
    """Warm light over what is already there (sun patches, beams): additive, clamped."""
    for x, y in shape:
        if 0 <= x < TITLE_W and 0 <= y < TITLE_H:
            lighten(s, x, y, color, amount)


def window_view(s: pygame.Surface, rng: random.Random, box: tuple[int, int, int, int]) -> None:
    """What the window shows: a dawn sky, the sun rising behind the city, a parade ground with
    ranks of soldiers, far-off helicopters. Everything soft and hazy with distance."""
    x0, y0, x1, y1 = box
    horizon = 109
    sun_x, sun_y = 226, 99
    clouds = ValueNoise(rng, 14)
    for y in range(y0, y1):
        for x in range(x0, x1):
            t = (y - y0) / (horizon - y0)
            level = 1.0 + t**1.3 * 7.2
            d = math.hypot(x - sun_x, (y - sun_y) * 1.6)
            level += max(0.0, 1 - d / 90) ** 2 * 3.4
            c = clouds.at(x * 0.5, y * 2.2)
            if c > 0.6 and y < horizon - 12:
                level += 1.4 if c < 0.66 else 0.8  # long thin clouds, their undersides gold
            s.set_at((x, y), dithered(DAWN_SKY, level, x, y))
    for y in range(sun_y - 12, sun_y + 12):
        for x in range(max(x0, sun_x - 12), min(x1, sun_x + 13)):
            d = math.hypot(x + 0.5 - sun_x, y + 0.5 - sun_y)
            if d < 7.5:
                s.set_at((x, y), DAWN_SKY[10])
            elif d < 9.5 and (x + y) % 2 == 0:
                s.set_at((x, y), DAWN_SKY[9])
    # Two rows of the city: the far one pale with haze, the near one a little darker.
    for row, (base, height, level) in enumerate(((horizon, 12, 3.6), (horizon + 5, 15, 2.2))):
        x = x0
        while x < x1:
            w = rng.randrange(5, 14)
            h = rng.randrange(3, height) + (rng.random() < 0.15) * rng.randrange(4, 9)
            top = base - h
            for yy in range(top, base + 2):
                for xx in range(x, min(x1, x + w)):
                    glow_ = max(0.0, 1 - math.hypot(xx - sun_x, yy - sun_y) / 60) * 1.6
                    lv = level + glow_ + (0.5 if xx == x + w - 1 else 0)
                    s.set_at((xx, yy), dithered(CITY_HAZE, lv, xx, yy))
            if row == 1:  # a few windows already lit, and the lit edge facing the sun
                for _ in range(w * h // 12):
                    wx, wy = x + rng.randrange(1, max(2, w - 1)), top + rng.randrange(1, h + 1)
                    if wx < x1:
                        s.set_at((wx, wy), DAWN_SKY[8])
            if rng.random() < 0.2 and row == 0:  # a mast
                for yy in range(top - 4, top):
                    s.set_at((x + w // 2, yy), CITY_HAZE[2])
            x += w + rng.randrange(0, 3)
    # The parade ground: a flat field, ranks of soldiers as dots, flags on poles.
    ground_top = horizon + 8
    for y in range(ground_top, y1):
        for x in range(x0, x1):
            t = (y - ground_top) / max(1, y1 - ground_top)
            level = 2.6 - t * 0.9 + max(0.0, 1 - abs(x - sun_x) / 60) * 1.2
            s.set_at((x, y), dithered(FIELD, level, x, y))
    for x in range(x0, x1):  # the road at the edge of the field
        s.set_at((x, ground_top), CITY_HAZE[4])
    for block in range(4):
        bx = 136 + block * 27
        for rank in range(3):
            for file in range(6):
                px, py = bx + file * 3 + rank, ground_top + 3 + rank * 2
                if x0 <= px < x1 and py < y1:
                    s.set_at((px, py), hexrgb("#3a3a30"))
                    s.set_at((px, py - 1), hexrgb("#6b6550"))
    for fx in (128, 247):
        for yy in range(ground_top - 9, ground_top + 3):
            s.set_at((fx, yy), CITY_HAZE[1])
        for k in range(4):
            s.set_at((fx + 1 + k, ground_top - 9 + (k % 2)), hexrgb("#3d5a9a"))
            s.set_at((fx + 1 + k, ground_top - 8 + (k % 2)), hexrgb("#c8c0b0"))
    # Helicopters, small and far, flying in for the ceremony.
    for hx, hy, size in ((166, 78, 1.3), (192, 68, 0.8)):
        body = ellipse(hx, hy, 3.8 * size, 1.8 * size) | capsule(
            (hx - 3 * size, hy - 0.4 * size), (hx - 10 * size, hy - 1.3 * size), 0.7 * size
        )
        body |= capsule((hx - 10 * size, hy - 1.3 * size), (hx - 10.5 * size, hy - 3 * size), 0.6)
        body |= capsule((hx - 2.5 * size, hy + 2.6 * size), (hx + 3 * size, hy + 2.6 * size), 0.4)
        fill(s, body, CITY_HAZE[0])
        fill(s, capsule((hx, hy - 1.6 * size), (hx, hy - 2.6 * size), 0.5), CITY_HAZE[0])
        for k in range(-7, 8):  # the rotor blur
            if abs(k) < 6 * size + 1:
                c = CITY_HAZE[1] if abs(k) < 3 else CITY_HAZE[3]
                s.set_at((round(hx + k * size * 1.2), round(hy - 2.8 * size)), c)
        s.set_at((round(hx + 2 * size), round(hy - 0.6 * size)), DAWN_SKY[7])  # canopy glint
    for k in range(18):  # birds, a loose skein over the city
        if k % 3 == 0:
            bx, by = 130 + k * 3, 88 + int(4 * math.sin(k * 0.7))
            s.set_at((bx, by), CITY_HAZE[1])
            s.set_at((bx + 1, by - 1), CITY_HAZE[1])
            s.set_at((bx - 1, by - 1), CITY_HAZE[1])


def ending_backdrop() -> None:
    rng = random.Random(SEED + 31)
    s = pygame.Surface((TITLE_W, TITLE_H))
    floor_y = 140
    wx0, wy0, wx1, wy1 = 120, 52, 298, 128
    # The back wall: warm plaster, brightest around the window, calm and even at the top.
    plaster = ValueNoise(rng, 5)
    for y in range(floor_y):
        for x in range(TITLE_W):
            d = math.hypot((x - 210) / 150, (y - 92) / 70)
            level = 5.0 + max(0.0, 1 - d) * 3.2 + (plaster.at(x, y) - 0.5) * 0.4
            level -= max(0.0, (30 - y) / 30) * 0.8  # the ceiling corner falls into shade
            s.set_at((x, y), dithered(ROOM_WALL, level, x, y))
    for x in range(TITLE_W):  # cornice and skirting
        s.set_at((x, 6), ROOM_WALL[3])
        s.set_at((x, 7), ROOM_WALL[7])
        for y in range(floor_y - 5, floor_y):
            s.set_at((x, y), ROOM_WALL[5] if y == floor_y - 5 else ROOM_WALL[3])
    # The window: deep reveal, the view, the frame and mullions, a blind rolled up at the top.
    reveal = rect(wx0 - 5, wy0 - 5, wx1 - wx0 + 10, wy1 - wy0 + 10)
    paint(
        s, reveal, ROOM_WALL, lambda x, y: 7.6 - (0.8 if x < wx0 else 0) + (0.6 if x > wx1 else 0)
    )
    window_view(s, rng, (wx0, wy0, wx1, wy1))
    frame_c, frame_l, frame_d = hexrgb("#e9dcc4"), hexrgb("#fff4de"), hexrgb("#9c8672")
    bars = rect(wx0 - 2, wy0 - 2, wx1 - wx0 + 4, 2) | rect(wx0 - 2, wy1, wx1 - wx0 + 4, 3)
    bars |= rect(wx0 - 2, wy0, 2, wy1 - wy0) | rect(wx1, wy0, 2, wy1 - wy0)
    for mx in (wx0 + 59, wx0 + 118):
        bars |= rect(mx, wy0, 2, wy1 - wy0)
    bars |= rect(wx0, wy0 + 20, wx1 - wx0, 2)
    fill(s, bars, frame_c)
    for x, y in bars:
        if (x + 1, y) not in bars or (x, y + 1) not in bars:
            s.set_at((x, y), frame_d)
        elif (x - 1, y) not in bars:
            s.set_at((x, y), frame_l)
    blind = rect(wx0 - 3, wy0 - 6, wx1 - wx0 + 6, 7)
    paint(s, blind, ROOM_WALL, lambda x, y: 8.4 - (y - wy0 + 6) * 0.35 - (1.5 if y % 2 else 0))
    for x in (wx0 + 30, wx1 - 30):  # the blind's cords
        for y in range(wy0 + 1, wy0 + 16):
            s.set_at((x, y), ROOM_WALL[3])
        s.set_at((x, wy0 + 16), ROOM_WALL[6])
    sill = rect(wx0 - 8, wy1 + 3, wx1 - wx0 + 16, 4)
    paint(s, sill, ROOM_WALL, lambda x, y: 9.6 if y == wy1 + 3 else 6.0 - (y - wy1 - 4))
    # The floor: boards running toward the window, glossy where the light falls.
    for y in range(floor_y, TITLE_H):
        for x in range(TITLE_W):
            t = (y - floor_y) / (TITLE_H - floor_y)
            u = (x - 200) / (0.35 + t * 0.65)  # board lines converge on the vanishing point
            board = math.floor(u / 16)
            level = 3.8 - t * 1.6 + ((board * 37) % 5) * 0.12
            if (u % 16) < 1.2:
                level = 1.4 - t
            s.set_at((x, y), dithered(FLOOR_WOOD, level, x, y))
    # Sunlight thrown through the panes onto the floor, long and skewed toward us.
    for pane in range(3):
        px0, px1 = wx0 + pane * 59 + 3, wx0 + pane * 59 + 56
        patch = polygon([
            (px0 - 30, floor_y + 2), (px1 - 34, floor_y + 2),
            (px1 - 110, TITLE_H), (px0 - 96, TITLE_H),
        ])  # fmt: skip
        lit(s, patch, SUNLIGHT, 0.42)
    # The beams themselves, faint in the dusty air, and motes turning in them.
    beam = polygon([(wx0 + 20, wy0), (wx1, wy0 + 8), (wx1 - 90, TITLE_H), (wx0 - 80, TITLE_H)])
    for k, (top_x, width) in enumerate(((150, 14), (192, 9), (226, 18), (270, 8))):
        ray = polygon([
            (top_x, wy0 + 4), (top_x + width, wy0 + 4),
            (top_x + width - 150, TITLE_H), (top_x - 150 - width, TITLE_H),
        ])  # fmt: skip
        for x, y in ray:
            if 0 <= x < TITLE_W and y >= wy1 + 3 and BAYER4[y % 4][x % 4] < 8 - k:
                lighten(s, x, y, SUNLIGHT, 0.12)
    # A filing cabinet on the left with a plant on it, a framed photo, a clock.
    cab = rect(14, 88, 42, floor_y - 88 + 2)
    paint(s, cab, STEEL, lambda x, y: 3.2 + (0.8 if x < 16 else 0) - (1.0 if x > 53 else 0))
    for dy in (88, 106, 124):
        fill(s, rect(14, dy, 42, 1), STEEL[0])
        fill(s, rect(29, dy + 7, 12, 2), STEEL[5])
        fill(s, rect(29, dy + 9, 12, 1), STEEL[1])
    pot = polygon([(27, 88), (43, 88), (41, 78), (29, 78)])
    paint(s, pot, RUST, lambda x, y: 3.6 + (x - 35) * 0.12)
    for k in range(9):  # leaves reaching up and toward the light
        a = -math.pi / 2 + (k - 4) * 0.32
        tip = (35 + math.cos(a) * 16 + 3, 77 + math.sin(a) * 14)
        leaf = capsule((35, 78), tip, 1.6, 0.6)
        paint(s, leaf, GRASS, lambda x, y, k=k: 2.2 + (k % 3) * 0.6 + (x - 35) * 0.08)
    frame = rect(70, 64, 26, 20)
    fill(s, frame, DESK_WOOD[2])
    paint(s, rect(73, 67, 20, 14), DAWN_SKY, lambda x, y: 3 + (y - 67) * 0.3)
    fill(s, polygon([(73, 81), (80, 72), (86, 77), (93, 70), (93, 81)]), PINE[2])
    clock = ellipse(60, 36, 6.5, 6.5)
    fill(s, clock, DESK_WOOD[3])
    fill(s, ellipse(60, 36, 5.2, 5.2), PAPER[4])
    fill(s, capsule((60, 36), (60, 32), 0.5), OUTLINE)  # ten to six
    fill(s, capsule((60, 36), (57, 35), 0.5), OUTLINE)
    # The chair, turned away from us, the uniform jacket hung over its back.
    cx = 286  # the chair's centre line
    chair_back = polygon([(cx - 17, 100), (cx + 17, 100), (cx + 20, 146), (cx - 20, 146)])
    paint(s, chair_back, DESK_WOOD, lambda x, y: 2.2 + (1.6 if y < 103 else 0))
    for leg_x in (cx - 21, cx + 19):
        fill(s, rect(leg_x, 152, 3, 24), DESK_WOOD[1])
        fill(s, rect(leg_x + 2, 152, 1, 24), DESK_WOOD[4])
    seat = polygon([(cx - 27, 144), (cx + 27, 144), (cx + 31, 153), (cx - 31, 153)])
    paint(s, seat, DESK_WOOD, lambda x, y: 4.6 - (y - 144) * 0.35)
    # Shoulders over the top rail, the back hanging to the seat, sleeves down either side.
    body = polygon([
        (cx - 22, 103), (cx - 11, 99), (cx + 11, 99), (cx + 22, 103),
        (cx + 23, 140), (cx - 23, 140),
    ])  # fmt: skip
    sleeves = capsule((cx - 23, 106), (cx - 26, 148), 3.6, 3.0)
    sleeves |= capsule((cx + 23, 106), (cx + 26, 148), 3.6, 3.0)
    jacket = body | sleeves
    paint(s, sleeves, JACKET, lambda x, y: 1.8 + (y < 110) * 1.2 + (x < cx) * 0.6)
    paint(s, body, JACKET, lambda x, y: 2.5 + max(0, 106 - y) * 0.3 - (x - cx) * 0.02)
    for x, y in sleeves:
        if (x, y) not in body and ((x + 1, y) in body or (x - 1, y) in body):
            s.set_at((x, y), JACKET[0])  # the fold where the sleeve meets the back
    for y in range(106, 140):  # the centre back seam and a vent
        s.set_at((cx, y), JACKET[1] if y < 128 else JACKET[0])
    for x in range(cx - 21, cx + 22):  # the belt at the waist
        s.set_at((x, 126), JACKET[1])
        s.set_at((x, 127), JACKET[4] if (x - cx) % 9 else BRASS[3])
    collar = polygon([(cx - 10, 98), (cx + 10, 98), (cx + 8, 104), (cx - 8, 104)])
    paint(s, collar, JACKET, lambda x, y: 4.0 - (y - 98) * 0.3)
    for ex in (cx - 21, cx + 11):  # shoulder boards with gold braid
        fill(s, rect(ex, 101, 10, 3), JACKET[1])
        fill(s, rect(ex + 1, 102, 8, 1), BRASS[3])
        s.set_at((ex + 8, 102), BRASS[4])
    for y in range(140, 142):  # the hem's shadow on the seat
        for x in range(cx - 23, cx + 24):
            dither_toward(s, x, y, DESK_WOOD[0], 0.5)
    for x, y in jacket:  # the sun, to the left now, rims its top and left edge
        if (x, y - 1) not in jacket:
            scene_put(s, x, y, JACKET[5])
        elif (x - 1, y) not in jacket:
            scene_put(s, x, y, JACKET[4])
    for p in ring(jacket):
        if p not in chair_back and p not in seat and p[1] < 150 and 0 <= p[0] < TITLE_W:
            dither_toward(s, *p, ROOM_WALL[0], 0.5)
    # The desk, backlit: a bright rim along the top, the front in shade.
    top = polygon([(40, 134), (192, 134), (204, 146), (28, 146)])
    paint(s, top, DESK_WOOD, lambda x, y: 5.0 - (y - 134) * 0.16 + (x - 110) * 0.006)
    for x in range(40, 193):
        s.set_at((x, 134), DESK_WOOD[7])
    front = rect(28, 146, 177, TITLE_H - 146)
    paint(s, front, DESK_WOOD, lambda x, y: 2.0 - (y - 146) * 0.03 + (0.8 if x < 31 else 0))
    for x in range(28, 205):
        s.set_at((x, 146), DESK_WOOD[6])
        s.set_at((x, 147), DESK_WOOD[1])
    for dx in (40, 150):  # drawers
        box = rect(dx, 153, 40, 14)
        for p in ring(box):
            scene_put(s, *p, DESK_WOOD[0])
        fill(s, rect(dx + 15, 159, 10, 2), BRASS[2])
        fill(s, rect(dx + 15, 159, 10, 1), BRASS[3])
    # On the desk: papers, a folder, a mug (steam curling), a lamp and a telephone.
    papers = polygon([(60, 137), (92, 136), (95, 143), (58, 144)])
    paint(s, papers, PAPER, lambda x, y: 3.2 + (y - 136) * 0.1)
    for k in range(5):
        fill(s, rect(64, 138 + k, 20 - (k % 2) * 6, 1) if k % 2 == 0 else set(), PAPER[1])
    folder = polygon([(122, 138), (152, 137), (155, 144), (120, 145)])
    paint(s, folder, ramp("#5a3a20", "#8a6030", "#b88a48", "#d8ac62"), lambda x, y: 2.4)
    mug = rect(170, 128, 8, 10)
    paint(s, mug, PAPER, lambda x, y: 3.3 - (x - 170) * 0.25)
    fill(s, ellipse(178.5, 132.5, 2.3, 2.6) - mug - ellipse(178.5, 132.5, 1.0, 1.3), PAPER[1])
    fill(s, rect(171, 128, 6, 1), DESK_WOOD[0])
    for k in range(12):  # steam
        sx = 174 + round(math.sin(k * 0.6) * 1.6)
        blend(s, sx, 126 - k, (255, 240, 220), 0.35 - k * 0.025)
    lamp_base = ellipse(112, 137, 6, 1.8)
    fill(s, lamp_base, hexrgb("#28553c"))
    fill(s, capsule((112, 136), (106, 118), 0.8), BRASS[2])
    shade_ = polygon([(98, 118), (112, 112), (116, 120), (103, 124)])
    paint(
        s,
        shade_,
        ramp("#123a26", "#1d5238", "#2a6c4a", "#3c8a60"),
        lambda x, y: 1.6 + (y - 112) * 0.1,
    )
    phone = polygon([(34, 138), (52, 138), (54, 144), (32, 144)])
    paint(s, phone, ramp("#141214", "#222022", "#343034", "#4a454a"), lambda x, y: 1.6)
    fill(s, capsule((35, 136.5), (51, 136.5), 1.6), hexrgb("#2a272a"))
    fill(s, rect(36, 135, 14, 1), hexrgb("#6a646a"))
    # Dust motes drifting in the light.
    for _ in range(45):
        x, y = rng.randrange(40, 300), rng.randrange(40, 175)
        if (x, y) in beam:
            blend(s, x, y, (255, 244, 214), rng.uniform(0.35, 0.8))
    # Quiet the top for the caption; soft warm corners.
    calm_band(s, 0, 46, ROOM_WALL[4], 0.35, top=True)
    scene_vignette(s, ROOM_WALL[0], reach=0.9, most=0.5, cy=100)
    save_scene(s, "ending")


# The ending: Rita in the training yard, turning to look back ------------------------------------

YARD = ramp(
    "#4f3628",
    "#634532",
    "#78563d",
    "#8d6848",
    "#a27a55",
    "#b68d63",
    "#c9a174",
    "#dab686",
    "#e8cb9c",
)
SHADE_TINT: RGB = (58, 44, 74)  # morning shadows go cool and violet against the warm ground
SKIN = ramp("#6a3a2a", "#9a5a40", "#c47e5e", "#e0a27e", "#f2c4a0")
FATIGUES = ramp("#2b2a1c", "#3b3a27", "#4e4c33", "#636040", "#7a7550")
TANK_TOP = ramp("#121114", "#1d1b20", "#2b282f", "#3d3942", "#55505a")
SUN_RIM: RGB = hexrgb("#ffdc96")


def ground_shadow(s: pygame.Surface, shape: Iterable[Px], base_y: float, amount: float = 0.5):
    """The long morning shadow of an upright thing: each pixel's height above its footing is
    laid along the ground, away from the low sun in the upper right."""
    done: set[Px] = set()
    for x, y in shape:
        h = max(0.0, base_y - y)
        for k in range(2):
            sx, sy = round(x - h * 1.25 - k), round(base_y + h * 0.42)
            if (sx, sy) not in done and 0 <= sx < TITLE_W and 0 <= sy < TITLE_H:
                done.add((sx, sy))
    for p in done:
        dither_toward(s, *p, SHADE_TINT, amount)


def sunlit(s: pygame.Surface, shape: Shape, pal: list[RGB], base: float, rim: RGB = SUN_RIM):
    """Paint an upright part from its ramp, its sun side (right and top) edged with warm light."""
    for x, y in shape:
        level = (
            base + (0.8 if (x + 1, y) not in shape else 0) - (0.9 if (x - 1, y) not in shape else 0)
        )
        scene_put(s, x, y, dithered(pal, level, x, y))
    for x, y in shape:
        if (x + 1, y) not in shape or (x, y - 1) not in shape:
            scene_put(s, x, y, mix(pal[-1], rim, 0.45))


def dummy(s: pygame.Surface, x: float, y: float) -> None:
    """A training dummy: a post, a straw-stuffed sack torso, a crossbar for arms."""
    post = rect(round(x) - 1, round(y) - 20, 2, 21)
    sack = ellipse(x, y - 13, 4.2, 5.5)
    bar = rect(round(x) - 7, round(y) - 15, 14, 2)
    head = ellipse(x, y - 21, 2.6, 2.6)
    whole = post | sack | bar | head
    ground_shadow(s, whole, y + 0.5)
    sunlit(s, post | bar, WOOD, 2.6)
    sunlit(s, sack | head, KHAKI, 3.0)
    for k in range(4):  # blade cuts across the sack, straw showing
        scene_put(s, round(x - 2 + k), round(y - 15 + k), BRASS[3])
    scene_put(s, round(x), round(y - 10), KHAKI[0])


def armour_stand(s: pygame.Surface, x: float, y: float) -> None:
    """Rita's suit hung open on its maintenance frame: plates parted, straps loose."""
    frame = rect(round(x) - 1, round(y) - 30, 2, 31) | rect(round(x) - 12, round(y) - 30, 24, 2)
    frame |= capsule((x - 8, y), (x + 8, y), 1.0)
    pack = rect(round(x) - 5, round(y) - 27, 10, 13)
    left = polygon([(x - 12, y - 28), (x - 3, y - 27), (x - 4, y - 11), (x - 10, y - 13)])
    right = polygon([(x + 3, y - 27), (x + 12, y - 28), (x + 10, y - 13), (x + 4, y - 11)])
    pads = ellipse(x - 12, y - 27, 4.2, 3.2) | ellipse(x + 12, y - 27, 4.2, 3.2)
    legs = capsule((x - 4, y - 10), (x - 5, y - 1), 2.0) | capsule(
        (x + 4, y - 10), (x + 5, y - 1), 2.0
    )
    whole = frame | pack | left | right | pads | legs
    ground_shadow(s, whole, y + 0.5)
    sunlit(s, frame, STEEL, 2.4)
    sunlit(s, pack | legs, RITA.frame, 2.6)
    sunlit(s, left | right, RITA.armour, 3.0)
    sunlit(s, pads, RITA.armour, 3.6)
    for sx in (-7, 7):  # the loose straps hanging from the open plates
        for k in range(6):
            scene_put(s, round(x + sx + (k % 2)), round(y - 12 + k), RITA.frame[1])
    scene_put(s, round(x - 1), round(y - 24), RITA.lamp)  # the suit's lamp, dark now but for one


def blade_rack(s: pygame.Surface, x: float, y: float) -> None:
    rack = rect(round(x), round(y) - 10, 30, 2) | rect(round(x), round(y) - 10, 2, 11)
    rack |= rect(round(x) + 28, round(y) - 10, 2, 11)
    blades: Shape = set()
    for k in range(3):
        bx = x + 6 + k * 8
        blades |= polygon([(bx - 1.2, y - 1), (bx + 1.4, y - 1), (bx + 2.6, y - 20), (bx, y - 21)])
    ground_shadow(s, rack | blades, y + 0.5)
    sunlit(s, blades, BLADE_STEEL, 3.2, rim=(255, 250, 236))
    sunlit(s, rack, WOOD, 2.8)
    for k in range(3):
        fill(s, rect(round(x + 5 + k * 8), round(y) - 3, 3, 2), RITA.armour[2])  # grips


def rita_figure(s: pygame.Surface, x: float, y: float) -> None:
    """Rita from above and behind, walking away, her head turned to glance back over her right
    shoulder. Feet at (x, y); about thirty pixels tall."""
    boots = ellipse(x - 2.6, y - 2.4, 1.7, 1.4) | ellipse(x + 2.6, y + 0.2, 1.7, 1.4)
    leg_l = capsule((x - 2.2, y - 12), (x - 2.6, y - 3), 1.7, 1.4)
    leg_r = capsule((x + 2.2, y - 12), (x + 2.6, y - 1), 1.7, 1.4)
    hips = polygon([(x - 4.2, y - 15), (x + 4.2, y - 15), (x + 4.0, y - 11), (x - 4.0, y - 11)])
    torso = polygon([
        (x - 5.4, y - 23.5), (x + 5.4, y - 23.5), (x + 4.4, y - 15), (x - 4.4, y - 15),
    ])  # fmt: skip
    shoulders = ellipse(x - 4.6, y - 23, 2.2, 1.8) | ellipse(x + 4.6, y - 23, 2.2, 1.8)
    arm_l = capsule((x - 6.2, y - 22.5), (x - 7.6, y - 15), 1.4, 1.1)
    arm_r = capsule((x + 6.2, y - 22.5), (x + 7.2, y - 14.5), 1.4, 1.1)
    hands = ellipse(x - 7.8, y - 14.2, 1.3, 1.3) | ellipse(x + 7.4, y - 13.8, 1.3, 1.3)
    hx, hy = x + 0.6, y - 28.4
    head = ellipse(hx, hy, 3.9, 3.9)
    tail = chain(
        [(hx - 1.2, hy + 2), (hx - 1.8, hy + 4.5), (hx - 1.2, hy + 7), (hx - 2.2, hy + 9)], 1.7, 0.6
    )
    neck = rect(round(x) - 1, round(y) - 25, 3, 2)
    blade = polygon(
        [(x - 6.0, y - 23.0), (x - 3.4, y - 24.8), (x + 5.0, y - 12.6), (x + 2.6, y - 11.2)]
    )
    grip = capsule((x - 4.8, y - 24.2), (x - 7.0, y - 27.6), 0.8)
    legs = leg_l | leg_r
    whole = boots | legs | hips | torso | shoulders | arm_l | arm_r | hands | head | tail | neck
    ground_shadow(s, whole | blade | grip, y + 0.5, 0.55)
    # A soft outline first, so the small figure stands off the ground.
    for p in ring(whole | blade | grip):
        if 0 <= p[0] < TITLE_W and 0 <= p[1] < TITLE_H:
            dither_toward(s, *p, OUTLINE, 0.8)
    sunlit(s, boots, TANK_TOP, 1.6)
    sunlit(s, leg_l, FATIGUES, 1.8)
    sunlit(s, leg_r, FATIGUES, 2.4)
    for py in range(round(y) - 11, round(y) - 3):  # the gap between her legs
        scene_put(s, round(x), py, FATIGUES[0])
    sunlit(s, hips, FATIGUES, 2.2)
    sunlit(s, arm_l | arm_r | hands | neck | shoulders, SKIN, 2.4)
    sunlit(s, torso, TANK_TOP, 1.8)
    for px in range(round(x) - 4, round(x) + 5):  # the belt
        scene_put(s, px, round(y) - 15, FATIGUES[0])
    scene_put(s, round(x) + 1, round(y) - 15, BRASS[3])
    # The blade slung across her back, hilt over the left shoulder, as she always carries it.
    sunlit(s, blade, BLADE_STEEL, 2.4, rim=(255, 248, 230))
    for k in range(9):  # the fuller down its middle
        scene_put(s, round(x - 3.6 + k), round(y - 23 + k * 1.2), BLADE_STEEL[1])
    fill(s, grip, RITA.armour[2])
    fill(s, capsule((x - 6.6, y - 22.6), (x - 3.0, y - 25.8), 0.6), RITA.frame[3])  # guard
    sunlit(s, tail, RITA.head, 3.0)
    # Her head, turned: copper hair behind, her face in profile toward the sun and toward us.
    for px, py in head:
        u = (px + 0.5 - hx) / 3.9
        v = (py + 0.5 - hy) / 3.9
        if u > 0.2 and v > -0.3:
            c = SKIN[3] if u < 0.65 else SKIN[4]
        elif 0.0 < u <= 0.2 and v > -0.3 or (0.05 < u < 0.35 and -0.6 < v <= -0.3):
            c = RITA.stripe  # the band holding her hair back
        else:
            level = 3.0 + (1.3 if u > -0.2 and v < -0.2 else 0) - (1.0 if u < -0.55 else 0)
            c = dithered(RITA.head, level, px, py)
            if round(v * 4) % 2 == 0 and u < -0.1:
                c = mix(c, RITA.head[0], 0.3)  # strands combed back
        scene_put(s, px, py, c)
    ix, iy = round(hx), round(hy)
    scene_put(s, ix + 4, iy, SKIN[3])  # the nose
    scene_put(s, ix + 2, iy - 1, OUTLINE)  # her eye, looking back at us
    scene_put(s, ix + 3, iy + 2, SKIN[1])  # the line of her mouth
    scene_put(s, ix + 1, iy + 3, RITA.head[2])  # hair falling by her ear
    for p in ((ix - 2, iy - 3), (ix - 1, iy - 3), (ix - 2, iy - 2)):
        scene_put(s, *p, RITA.head[5])  # sun on the crown


def ending_rita_backdrop() -> None:
    rng = random.Random(SEED + 41)
    s = pygame.Surface((TITLE_W, TITLE_H))
    big, fine = ValueNoise(rng, 28), ValueNoise(rng, 5)
    # Packed earth, warm in the low sun; trampled smoother in the sparring ring.
    ring_cx, ring_cy = 170, 104
    for y in range(TITLE_H):
        for x in range(TITLE_W):
            level = 5.0 + (big.at(x, y) - 0.5) * 1.4 + (fine.at(x, y) - 0.5) * 1.0
            level += (x - 160) / 320 * 0.8 - (y / TITLE_H) * 0.5
            if rng.random() < 0.05:
                level -= 1.0
            ring_d = math.hypot((x - ring_cx) / 52, (y - ring_cy) / 30)
            if ring_d < 1:
                level += 0.5
            s.set_at((x, y), dithered(YARD, level, x, y))
    for k in range(160):  # the sparring ring, painted long ago, scuffed to dashes
        a = k / 160 * math.tau
        px, py = ring_cx + math.cos(a) * 52, ring_cy + math.sin(a) * 30
        if (k // 5) % 3 != 2:
            blend(s, round(px), round(py), (242, 232, 210), 0.55)
    # Grass and a fence along the top edge of the yard.
    for y in range(0, 24):
        for x in range(TITLE_W):
            edge = 20 + math.sin(x * 0.21) * 1.5 + (fine.at(x, y) - 0.5) * 4
            if y < edge:
                level = 3.0 + (big.at(x, y) - 0.5) * 1.6 + (rng.random() < 0.2) * 0.8
                s.set_at((x, y), dithered(GRASS, level, x, y))
    for fx in range(6, TITLE_W, 22):
        post = rect(fx, 6, 2, 16)
        ground_shadow(s, post, 21.5, 0.45)
        sunlit(s, post, WOOD, 2.4)
    for wy in (9, 14):  # two wires between the posts
        for x in range(TITLE_W):
            if x % 22 > 1:
                scene_put(s, x, wy + (1 if (x % 22) in range(8, 15) else 0), STEEL[2])
    # Bootprints in the dust: hers, from where we stand to where she walks.
    for k in range(9):
        px = 200 + k * 6 - (k % 2) * 3
        py = 118 + k * 5
        for dx, dy in ((0, 0), (1, 0), (0, 1), (1, 1), (0, 2)):
            dither_toward(s, px + dx, py + dy, YARD[2], 0.5)
    for _ in range(24):  # pebbles and tufts
        x, y = rng.randrange(TITLE_W), rng.randrange(26, 140)
        scene_put(s, x, y, YARD[7])
        scene_put(s, x + 1, y + 1, YARD[1])
    blade_rack(s, 36, 74)
    armour_stand(s, 84, 120)
    for dx, dy in ((244, 66), (272, 84), (298, 60)):
        dummy(s, dx, dy)
    # A bench by the rack, her towel and canteen left on it.
    bench = rect(30, 96, 34, 3)
    legs = rect(32, 99, 2, 4) | rect(60, 99, 2, 4)
    ground_shadow(s, bench | legs, 103, 0.45)
    sunlit(s, legs, WOOD, 2.0)
    sunlit(s, bench, WOOD, 3.6)
    fill(s, rect(38, 95, 8, 3), hexrgb("#e8e2d4"))
    fill(s, rect(38, 97, 8, 1), hexrgb("#b8b0a0"))
    fill(s, ellipse(53, 95.5, 2.0, 2.2), OLIVE_GREEN[3])
    scene_put(s, 54, 94, OLIVE_GREEN[5])
    rita_figure(s, 172, 106)
    # The barracks' shadow across the bottom of the yard: cool, calm ground for the caption.
    for x in range(TITLE_W):
        edge = 142 - (6 if 228 <= x < 236 else 0) - (3 if 84 <= x < 130 else 0)  # vent, gable
        for y in range(edge, TITLE_H):
            t = min(1.0, (y - edge) / 20)
            dither_toward(s, x, y, SHADE_TINT, 0.42 + 0.2 * t)
    scene_vignette(s, hexrgb("#3a2830"), reach=0.95, most=0.45, cy=80)
    save_scene(s, "ending_rita")


# The bad ending: the war is lost ----------------------------------------------------------------

CAVE = ramp("#030409", "#06080f", "#0a0e18", "#0f1522", "#151e2f", "#1d293e", "#27374f", "#344862")
DEEP_WATER = ramp("#020308", "#04070f", "#070c18", "#0b1324", "#111c33", "#1a2a47")
OMEGA_RIM = ramp("#1c3a5a", "#3a9ae0", "#9ae6ff")
BAD_OMEGA = (204.0, 86.0)
WATERLINE = 122


def chamber_mimic(s, rng, x, y, size, light_x: float, core: RGB = (255, 120, 40)) -> Shape:
    """A Mimic in the Omega's light: a black knot of tentacles rimmed blue on the lit side."""
    shape = ellipse(x, y, size * 0.45, size * 0.35)
    for i in range(7):
        a = i / 7 * math.tau + rng.uniform(-0.3, 0.3)
        pts = []
        for j in range(5):
            t = j / 4
            ang = a + math.sin(t * 3 + i) * 0.5
            pts.append(
                (
                    x + math.cos(ang) * size * t,
                    y + math.sin(ang) * size * 0.6 * t - t * t * size * 0.25,
                )
            )
        shape |= chain(pts, size * 0.16, 0.5)
    rim_lit(s, shape, (14, 17, 26), sun_x=light_x, rim=OMEGA_RIM)
    body = ellipse(x, y, size * 0.45, size * 0.35)
    for px, py in body:  # the knot's wet back catching a little of the light
        if (px + py) % 2 == 0 and (px - 1, py - 1) in body and py < y:
            scene_put(s, px, py, (30, 40, 58))
    glow(s, x, y, size * 0.6, core, 0.16, steps=3, add=True)
    fill(s, ellipse(x, y, max(0.8, size * 0.09), max(0.7, size * 0.07)), core)
    return shape


def fallen_suit(s: pygame.Surface, x: float, y: float, k: float) -> None:
    """Cage's exosuit on its side in the water, an arm flung out toward the Omega, the rifle
    dropped beside it; the visor's amber gone dim. (x, y): the chest, on the waterline."""

    def at(u: float, v: float) -> tuple[float, float]:
        return (x + u * k, y + v * k)

    def poly(pts):
        return polygon([at(u, v) for u, v in pts])

    leg = capsule(at(-18, 2), at(-36, 5), 3.8 * k, 3.2 * k) | ellipse(*at(-38, 5), 4 * k, 2.6 * k)
    pack = poly([(-24, -15), (-8, -16), (-7, -5), (-23, -4)])
    exhausts = ellipse(*at(-20, -16), 2.4 * k, 1.6 * k) | ellipse(*at(-13, -17), 2.4 * k, 1.6 * k)
    torso = poly([(-19, -8), (3, -10), (6, 3), (-17, 4)])
    rifle = poly([(2, 2), (30, -1), (30, 2.5), (3, 5)]) | poly(
        [(12, 4), (16, 3.6), (16.5, 7), (12.5, 7.4)]
    )
    arm = capsule(at(2, -6), at(15, -9), 3.0 * k, 2.6 * k) | capsule(
        at(15, -9), at(27, -6), 2.6 * k, 2.2 * k
    )
    fist = ellipse(*at(29, -5.5), 2.8 * k, 2.4 * k)
    pad = ellipse(*at(-3, -9), 7.5 * k, 4.6 * k)
    helmet = ellipse(*at(11, -2), 6.2 * k, 5.8 * k)
    layers = [
        (leg, CAGE.frame, 0.4), (pack, CAGE.frame, 1.0), (exhausts, CAGE.frame, 0.2),
        (torso, CAGE.armour, 1.0), (rifle, CAGE.gun, 1.2), (arm, CAGE.frame, 1.4),
        (fist, CAGE.armour, 1.6), (pad, CAGE.armour, 1.8), (helmet, CAGE.head, 1.4),
    ]  # fmt: skip
    parts: Shape = set().union(*(shape for shape, _, _ in layers))
    for x0, y0 in ring(parts):  # a dark rim so it separates from the water behind
        scene_put(s, x0, y0, DEEP_WATER[0])
    painted: Shape = set()
    for shape, pal, base in layers:
        for p in ring(shape):
            if p in painted:
                scene_put(s, *p, OUTLINE)  # a seam where this part lies over the last
        for x0, y0 in shape:
            level = base + (1.4 if (x0, y0 - 1) not in shape else 0) - (y0 - y) * 0.06 * k
            scene_put(s, x0, y0, dithered(pal[:5], level, x0, y0))
        for x0, y0 in shape:  # the Omega's light on the top edge of every plate
            if (x0, y0 - 1) not in shape and (x0, y0 - 1) not in painted:
                scene_put(s, x0, y0, OMEGA_RIM[1] if (x0 + y0) % 3 else OMEGA_RIM[2])
        painted |= shape
    for i in range(-3, 4):  # the pauldron's stripe
        px, py = at(-3 + i * 1.3, -10.5 + i * 0.15)
        scene_put(s, round(px), round(py), mix(CAGE.stripe, (0, 0, 0), 0.35))
    for i in range(7):  # the visor: a band across the helmet's face, cracked, nearly dark
        vx, vy = at(13 + i * 0.5, -4.5 + i * 0.9)
        c = CAGE.visor[1] if i in (2, 5) else CAGE.visor[0]
        scene_put(s, round(vx), round(vy), c)
        scene_put(s, round(vx) + 1, round(vy), c if i != 3 else OUTLINE)
    lx, ly = at(-10, -12)
    scene_put(s, round(lx), round(ly), hexrgb("#7a3a10"))  # the pack's lamp, nearly out
    for x0, y0 in parts:  # below the waterline it sinks into the dark
        if y0 >= y + 2:
            dither_toward(s, x0, y0, DEEP_WATER[2], min(0.85, 0.4 + 0.07 * (y0 - y)))


def bad_ending_backdrop() -> None:
    rng = random.Random(SEED + 51)
    s = pygame.Surface((TITLE_W, TITLE_H))
    ox, oy = BAD_OMEGA
    big, mid, fine = ValueNoise(rng, 26), ValueNoise(rng, 10), ValueNoise(rng, 4)
    # The chamber: a vault of wet rock, lit only by the Omega.
    for y in range(WATERLINE):
        for x in range(TITLE_W):
            light = max(0.0, 1 - math.hypot(x - ox, (y - oy) * 1.3) / 150)
            level = 0.6 + light**1.6 * 6.0 + (mid.at(x, y) - 0.5) * 1.6 + (fine.at(x, y) - 0.5)
            if abs(big.at(x, y * 1.5) - 0.5) < 0.025:
                level -= 1.6  # ledges and fissures
            level -= max(0.0, (40 - y) / 40) * 1.4  # the vault's roof, lost in the dark
            s.set_at((x, y), dithered(CAVE, level, x, y))
    # Roots spreading over the rock from the Omega, veins still bright.
    for i in range(13):
        a = -math.pi + i / 12 * math.pi + rng.uniform(-0.12, 0.12)
        reach = rng.uniform(60, 150)
        pts = []
        for j in range(14):
            t = j / 13
            r = 14 + (reach - 14) * t
            ang = a + 0.25 * math.sin(t * 5 + i)
            pts.append((ox + math.cos(ang) * r * 1.3, oy + math.sin(ang) * r * 0.7))
        root = chain(pts, 4.4 - (i % 3) * 0.7, 0.6)
        root = {p for p in root if p[1] < WATERLINE}
        fill(s, root, OMEGA_ROOT[1])
        for x, y in root:
            if (x - 1, y - 1) not in root:
                scene_put(s, x, y, OMEGA_ROOT[3])
        for j, (x, y) in enumerate(pts[:10]):
            if round(y) < WATERLINE:
                scene_put(
                    s,
                    round(x),
                    round(y),
                    ALPHA.vein[2] if j < 4 else ALPHA.vein[1] if j < 7 else ALPHA.vein[0],
                )
    # Roots hanging from the vault like vines, dripping.
    for _ in range(16):
        x = rng.uniform(0, TITLE_W)
        length = rng.uniform(8, 30)
        pts = [(x + math.sin(k * 0.8) * 1.5, k * length / 5) for k in range(6)]
        fill(s, chain(pts, 1.6, 0.5), OMEGA_ROOT[1])
    # The water: black, the core's light laid across it in broken streaks.
    for y in range(WATERLINE, TITLE_H):
        t = (y - WATERLINE) / (TITLE_H - WATERLINE)
        for x in range(TITLE_W):
            level = 2.4 - t * 1.2 + (fine.at(x * 0.5, y * 2) - 0.5) * 1.2
            beam = math.exp(-(((x - ox) / (10 + t * 26)) ** 2))
            if math.sin(y * 1.7 + fine.at(x, y) * 6) > 0.1:
                level += beam * 4.4
            s.set_at((x, y), dithered(DEEP_WATER, level, x, y))
            if beam > 0.45 and (x * 7 + y * 3) % 11 == 0 and y % 2 == 0:
                s.set_at((x, y), ALPHA.vein[1])
    for x in range(TITLE_W):  # the waterline: a thin lit edge where rock meets water
        if math.exp(-(((x - ox) / 90) ** 2)) > 0.2 or x % 3 == 0:
            s.set_at((x, WATERLINE), CAVE[5] if abs(x - ox) < 70 else CAVE[3])
    # The Omega itself, rooted in the back wall above the water, breathing light.
    glow(s, ox, oy, 90, ALPHA.halo, 0.1, steps=6, add=True)
    glow(s, ox, oy, 42, hexrgb("#7ee0ff"), 0.2, steps=4, add=True)
    radius = 15
    core = ellipse(ox, oy, radius, radius)
    for x, y in core:
        d = math.hypot(x + 0.5 - ox + 4, y + 0.5 - oy + 4) / (radius + 4)
        put(s, x, y, ALPHA.core[int(clamp((1 - d) * 5.0 + 0.9, 0, 5))])
    for p in ring(core):
        put(s, *p, ALPHA.core[0])
    for k in range(3):
        for j in range(14):
            a = 0.7 + k * math.tau / 3 + j * 0.16
            r = radius * (0.3 + j * 0.035)
            put(s, round(ox + math.cos(a) * r - 0.5), round(oy + math.sin(a) * r - 0.5),
                ALPHA.core[5 if j < 9 else 4])  # fmt: skip
    for i in range(6):  # the claws cupping it
        a0 = i / 6 * math.tau + 0.2
        pts = [
            (ox + math.cos(a0 + 0.8 * t * t) * (radius + 6 - 9 * t),
             oy + math.sin(a0 + 0.8 * t * t) * (radius + 6 - 9 * t))
            for t in (j / 7 for j in range(8))
        ]  # fmt: skip
        claw = chain(pts, 3.2, 0.8)
        rim_lit(s, claw, OMEGA_ROOT[1], sun_x=ox, rim=OMEGA_RIM)
        for x, y in pts[1:5]:
            put(s, round(x - 0.5), round(y - 0.5), ALPHA.vein[2])
    # Mimics everywhere: on the ledges, in the shallows, crowding in toward us.
    mrng = random.Random(SEED + 53)
    crowd = [
        (58, 98, 6), (92, 104, 7), (132, 96, 5), (150, 110, 8), (250, 108, 8), (282, 98, 6),
        (306, 112, 7), (270, 120, 9), (118, 121, 9), (24, 116, 8), (176, 126, 11),
        (244, 136, 12), (300, 152, 16), (46, 142, 14), (16, 166, 18), (226, 164, 14), (112, 74, 4),
        (286, 72, 4), (74, 80, 4), (228, 70, 4),
    ]  # fmt: skip
    for x, y, size in sorted(crowd, key=lambda m: m[1]):
        chamber_mimic(s, mrng, x, y, size, ox)
        if y >= WATERLINE:  # standing in the water: a dark ring of ripples around them
            for k in range(int(size * 3)):
                a = k / (size * 3) * math.tau
                px, py = (
                    round(x + math.cos(a) * size * 0.9),
                    round(y + 2 + math.sin(a) * size * 0.22),
                )
                if 0 <= px < TITLE_W and 0 <= py < TITLE_H and k % 2:
                    s.set_at((px, py), DEEP_WATER[4])
    glow(s, 160, 158, 40, ALPHA.halo, 0.08, steps=3, add=True)
    fallen_suit(s, 146, 156, 1.25)
    for _ in range(30):  # ripples across the foreground, catching the blue
        x, y = rng.randrange(TITLE_W), rng.randrange(WATERLINE + 4, TITLE_H)
        for j in range(rng.randrange(3, 8)):
            if 0 <= x + j < TITLE_W:
                s.set_at((x + j, y), DEEP_WATER[5] if j % 3 else DEEP_WATER[4])
    # Quiet the vault for the caption, and let the corners go black.
    calm_band(s, 0, 50, CAVE[0], 0.85, top=True)
    scene_vignette(s, CAVE[0], reach=0.75, most=0.8, cy=100)
    save_scene(s, "bad_ending")


def main() -> None:
    build_tileset()
    soldier_sheet("cage", CAGE)
    soldier_sheet("rita", RITA)
    mimic_sheet("drone", DRONE, 40)
    mimic_sheet("alpha", ALPHA, 64)
    new_mimic_sheets()
    omega_sheet()
    fx_sheets()
    pickups_sheet()
    cursor_sheet()
    title_backdrop()
    vision_backdrop()
    ending_backdrop()
    ending_rita_backdrop()
    bad_ending_backdrop()


if __name__ == "__main__":
    main()

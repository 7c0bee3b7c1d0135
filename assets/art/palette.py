"""The art's colours and its per-pixel helpers: the shared palettes, the outline colour and light
direction every drawing uses, the ordered dither, and putting, blending and darkening one pixel.

Also the master seed (`SEED`) from which the tileset and the scenes derive theirs. This is the
bottom of the package: it imports nothing from it (no shapes, output or family module), so every
other module can import it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pygame

# The art's master seed: the tileset and the full-screen scenes seed each drawing from it.
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
# Kicked-up sand: dust puffs, and the grit a Mimic throws up as it moves.
DUST = ramp("#7e6a50", "#9c8666", "#b9a27f", "#d2bd9a", "#e8dbc0")


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


def luma(c: Iterable[int]) -> float:
    """Rough perceived brightness (0..255): enough to tell which of two colours is the lighter."""
    r, g, b = tuple(c)[:3]
    return (r * 3 + g * 6 + b) / 10

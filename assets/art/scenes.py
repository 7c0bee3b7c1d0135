"""The full-screen pictures: the title backdrop, the vision of the Omega, the two endings (the
office at dawn, Rita in the training yard) and the bad ending. Each is drawn at 320x180 and
scaled x4, and leaves calm areas where the game writes its captions.

Imports `palette`, `shapes`, `output`, and `soldiers` and `mimics` for the suits' and the
Mimics' colours. No other module may import this one.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable

import pygame

from .mimics import ALPHA, OMEGA_ROOT
from .output import SCENE_H, SCENE_W, Files, save_scene
from .palette import (
    BAYER4,
    BRASS,
    GRASS,
    KHAKI,
    OLIVE_GREEN,
    OUTLINE,
    PINE,
    RGB,
    RUST,
    SEED,
    STEEL,
    WOOD,
    Px,
    Shape,
    blend,
    clamp,
    darken,
    dithered,
    fill,
    hexrgb,
    lighten,
    mix,
    put,
    ramp,
)
from .shapes import capsule, chain, ellipse, glow, polygon, rect, ring, rotate_points, shade
from .soldiers import BLADE_STEEL, CAGE, RITA

# Title backdrop --------------------------------------------------------------------------------

TITLE_W, TITLE_H = SCENE_W, SCENE_H
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


def tentacle_knot(rng, x, y, size, spread: float, rise: float) -> Shape:
    """A Mimic's body seen from afar: a knot with seven tentacles curling out of it and up
    (`spread` how far they reach up and down, `rise` how much they lift at their tips)."""
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
                    y + math.sin(ang) * size * spread * t - t * t * size * rise,
                )
            )
        shape |= chain(pts, size * 0.16, 0.5)
    return shape


def mimic_silhouette(s, rng, x, y, size, core: RGB, rim=RIM) -> None:
    shape = tentacle_knot(rng, x, y, size, 0.7, 0.3)
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


def title_backdrop() -> Files:
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
    return save_scene(s, "title")


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


def vision_backdrop() -> Files:
    rng = random.Random(SEED + 21)
    s = pygame.Surface((TITLE_W, TITLE_H))
    vision_walls(s, rng)
    vision_roots(s, rng)
    vision_core(s)
    vision_fall(s, rng)
    scene_vignette(s, DREAM[0], reach=0.7, most=0.85, cy=70)
    calm_band(s, 140, TITLE_H, DREAM[1], 0.92, top=False)
    return save_scene(s, "vision")


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


def ending_backdrop() -> Files:
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
    return save_scene(s, "ending")


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


def ending_rita_backdrop() -> Files:
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
    return save_scene(s, "ending_rita")


# The bad ending: the war is lost ----------------------------------------------------------------

CAVE = ramp("#030409", "#06080f", "#0a0e18", "#0f1522", "#151e2f", "#1d293e", "#27374f", "#344862")
DEEP_WATER = ramp("#020308", "#04070f", "#070c18", "#0b1324", "#111c33", "#1a2a47")
OMEGA_RIM = ramp("#1c3a5a", "#3a9ae0", "#9ae6ff")
BAD_OMEGA = (204.0, 86.0)
WATERLINE = 122


def chamber_mimic(s, rng, x, y, size, light_x: float, core: RGB = (255, 120, 40)) -> Shape:
    """A Mimic in the Omega's light: a black knot of tentacles rimmed blue on the lit side."""
    shape = tentacle_knot(rng, x, y, size, 0.6, 0.25)
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


def bad_ending_backdrop() -> Files:
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
    return save_scene(s, "bad_ending")

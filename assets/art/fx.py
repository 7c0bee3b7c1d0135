"""Effects and small sprites: every fx_* sheet (muzzle flash, sparks, ichor, explosion, dust,
sand burst, shockwave, spit, acid, deflect), the pickups and map markers, and the mouse cursor.

Imports `palette`, `shapes`, `output`, and `mimics` (a sand burst is a Mimic's emergence, the
acid is the spitter's). It must not import `tiles`, `soldiers` or `scenes`, and `mimics` must
never import this module.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

import pygame

from .mimics import ACID, DRONE, Breed, burst_pit, sand_spray
from .output import Anim, Files, save_sheet
from .palette import (
    BAYER4,
    BRASS,
    DUST,
    ICHOR,
    OLIVE_GREEN,
    RGB,
    SAND,
    STEEL,
    clamp,
    fill,
    hexrgb,
    new_surface,
    put,
    ramp,
)
from .shapes import (
    capsule,
    chain,
    ellipse,
    glow,
    outline,
    pixel_grid,
    polygon,
    rect,
    ring,
    shade,
    splat_shape,
)

# Effects --------------------------------------------------------------------------------------

FIRE = ramp("#5a1206", "#a02a0a", "#e0561a", "#ff9a2e", "#ffd866", "#fff6d0")
SMOKE = ramp("#141112", "#221d1d", "#332c2a", "#4a423d", "#625a53", "#7d746b")


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


# Every effect sheet: (frame size, its frames, ticks per frame). One row, played once.
EFFECTS: dict[str, tuple[int, Callable[[], list[pygame.Surface]], int]] = {
    "fx_muzzle": (24, muzzle_frames, 2),
    "fx_spark": (16, spark_frames, 3),
    "fx_ichor": (32, ichor_frames, 4),
    "fx_explosion": (96, explosion_frames, 5),
    "fx_dust": (24, dust_frames, 5),
    "fx_sandburst": (48, sandburst_frames, 5),
    "fx_shockwave": (128, shockwave_frames, 4),
    "fx_spit": (16, spit_frames, 4),
    "fx_acid": (40, acid_frames, 5),
    "fx_deflect": (24, deflect_frames, 3),
}


def fx_sheet(name: str) -> Files:
    """One effect's sheet: a single "play" row of its frames."""
    size, frames, ticks = EFFECTS[name]
    return save_sheet(name, (size, size), [Anim("play", frames(), ticks, False)])


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


def pickups_sheet() -> Files:
    return save_sheet(
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


def cursor_sheet() -> Files:
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
    return save_sheet(
        "cursor", (32, 32), [Anim("aim", [aim], 60, True), Anim("reload", reload, 6, True)]
    )

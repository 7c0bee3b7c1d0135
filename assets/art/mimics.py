"""The Mimics: the tentacled drone and alpha, the jointed kinds (spitter, burrower, carapace, mite,
hulk, brood) and the Omega. Every kind's sheet has the same rows (burrowed, emerge, move, windup,
lunge, die, hit) so the renderer can treat them alike.

Also owns the sand mound, pit and spray a Mimic bursts out of, which `fx` reuses for its sand
burst. Imports only `palette`, `shapes` and `output`; it must not import `tiles`, `soldiers`,
`fx` or `scenes`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable

import pygame

from .output import Anim, Files, save_sheet
from .palette import (
    DUST,
    ICHOR,
    OUTLINE,
    RGB,
    SAND,
    SAND_DARK,
    Shape,
    clamp,
    fill,
    hexrgb,
    mix,
    new_surface,
    put,
    ramp,
)
from .shapes import (
    Rim,
    bounds,
    capsule,
    chain,
    ellipse,
    ghost,
    glow,
    outline,
    polygon,
    rim_outline,
    ring,
    rotate_points,
    shade,
    shift,
    splat_shape,
    tint_flash,
)

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
) -> Files:
    """A Mimic kind's sheet: its frames by row name, each row's pace overridable."""
    ticks = ticks or {}
    anims = [Anim(row, rows[row], ticks.get(row, t), loop) for row, t, loop in MIMIC_ROWS]
    return save_sheet(name, (size, size), anims)


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


def mimic_sheet(name: str, breed: Breed, size: int) -> Files:
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
    return save_mimic_sheet(name, size, rows | {"lunge": lunge, "die": die, "hit": hit})


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
) -> Files:
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
    return save_mimic_sheet(name, size, rows, ticks)


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


# Every jointed Mimic kind's sheet, by the name the game loads it under.
BUG_SHEETS: dict[str, Callable[[], Files]] = {
    "spitter": lambda: bug_sheet(
        "spitter", SPITTER, 40, draw_spitter, blood=ACID, spill=0.75, trail=False
    ),
    "burrower": lambda: bug_sheet("burrower", BURROWER, 48, draw_burrower, rows=burrower_rows()),
    "carapace": lambda: bug_sheet("carapace", CARAPACE, 48, draw_carapace, ticks={"move": 10}),
    "mite": lambda: bug_sheet("mite", MITE, 24, draw_mite, spill=0.6, ticks={"move": 4}),
    "hulk": lambda: bug_sheet("hulk", HULK, 96, draw_hulk, ticks={"move": 10}),
    "brood": lambda: bug_sheet("brood", BROOD, 96, draw_brood, ticks={"move": 12}, trail=False),
}


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


def omega_sheet() -> Files:
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
    return save_sheet(
        "omega",
        (96, 96),
        [Anim("pulse", pulse, 8, True), Anim("hurt", hurt, 6, False), Anim("die", die, 8, False)],
    )


# Every Mimic kind's sheet in build order (the Omega, drawn its own way, is `omega_sheet`).
KINDS: dict[str, Callable[[], Files]] = {
    "drone": lambda: mimic_sheet("drone", DRONE, 40),
    "alpha": lambda: mimic_sheet("alpha", ALPHA, 64),
    **BUG_SHEETS,
}

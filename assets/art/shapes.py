"""Shared drawing primitives: pixel shapes (ellipses, capsules, polygons, splats), shading a shape
with the common light, outlines and rim light, glows, and the frame effects (damage flash,
afterimage ghost) that soldiers and Mimics share.

Imports only `palette`; it must not import `output` or any family module (tiles, soldiers,
mimics, fx, scenes): those all draw with what is here.
"""

from __future__ import annotations

import math

import pygame

from .palette import (
    LIGHT,
    OUTLINE,
    RGB,
    Shape,
    blend,
    clamp,
    hexrgb,
    lighten,
    luma,
    mix,
    new_surface,
    put,
)

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
# Shading: one light for every part, outlines, rim light and glows
# --------------------------------------------------------------------------------------------


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


# Frames and splats shared across families ------------------------------------------------------


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

"""Procedural overlay art, drawn once and cached: shadows, burrow telegraphs, glows, rings.

Owns the surfaces the sprite sheets do not hold: soft drop shadows sized to an actor, the burrowed
Mimic's warning (cracks spreading through the sand and a contracting ring, in stages of telegraph
progress, each in a bright and a dim pulse), radial glows for additive blending (the wind-up flash,
the Alpha's blue aura) in intensity stages, and the lunge-direction chevrons. Everything is built on
first use with a cosmetic `random.Random` of its own and never redrawn per frame.

Must not import game.scenes or game.app, and never writes to the simulation.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator

import pygame

TELEGRAPH_STAGES = 24
GLOW_STAGES = 12

Entry = tuple[pygame.Surface, int, int]  # surface and offset from the centre to its top-left


def _centred(surface: pygame.Surface) -> Entry:
    return (surface, -(surface.get_width() // 2), -(surface.get_height() // 2))


def shadow(radius: float) -> Entry:
    """A soft, slightly flattened dark ellipse for an actor of this collision radius."""
    w = int(radius * 2.6) + 8
    h = int(radius * 1.3) + 6
    surface = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.ellipse(surface, (0, 0, 0, 140), surface.get_rect().inflate(-6, -5))
    surface = pygame.transform.gaussian_blur(surface, 2)
    return _centred(surface.convert_alpha())


def telegraph_stages(radius: float, seed: int) -> list[tuple[Entry, Entry]]:
    """The burrow warning for each progress stage (0 = just buried, last = bursting), as a
    (bright, dim) pair so it can pulse. Cracks lengthen and the ring closes in as time runs out."""
    stages: list[tuple[Entry, Entry]] = []
    for _ in telegraph_pieces(radius, seed, stages):
        pass
    return stages


def telegraph_pieces(radius: float, seed: int, stages: list[tuple[Entry, Entry]]) -> Iterator[None]:
    """`telegraph_stages(radius, seed)` made into `stages` a stage a step (a big kind's whole
    warning is many milliseconds: behind a card it is made a piece at a time)."""
    rng = random.Random(seed)
    reach = radius * 3.2  # the ring's starting radius
    size = int(reach * 2) + 8
    c = size / 2
    # A fixed set of cracks: each a jagged polyline out from the centre.
    cracks = []
    for i in range(7):
        angle = i * (2 * math.pi / 7) + rng.uniform(-0.3, 0.3)
        points = [(0.0, 0.0)]
        length = 0.0
        while length < reach * 0.95:
            length += rng.uniform(3.0, 6.0)
            wobble = angle + rng.uniform(-0.45, 0.45)
            points.append((math.cos(wobble) * length, math.sin(wobble) * length))
        cracks.append(points)
    for s in range(TELEGRAPH_STAGES):
        p = s / (TELEGRAPH_STAGES - 1)
        pair = []
        for bright in (True, False):
            surface = pygame.Surface((size, size), pygame.SRCALPHA)
            # A dark churned patch that grows and darkens.
            patch = int(radius * (0.9 + 0.9 * p))
            pygame.draw.circle(surface, (40, 26, 12, int(50 + 70 * p)), (c, c), patch)
            # Cracks, lengthening with progress.
            crack_len = reach * (0.25 + 0.7 * p)
            for points in cracks:
                kept = [(c + x, c + y) for x, y in points if math.hypot(x, y) <= crack_len]
                if len(kept) > 1:
                    glow = (255, 170, 60, 150) if bright else (200, 110, 40, 110)
                    pygame.draw.lines(surface, (30, 18, 8, 200), False, kept, 3)
                    pygame.draw.lines(surface, glow, False, kept, 1)
            # The ring: closes in from `reach` to the body's size; amber to red.
            r = reach - (reach - radius * 1.1) * p
            red = (255, int(200 - 170 * p), int(60 - 40 * p))
            alpha = (230 if bright else 120) if p > 0.05 else 90
            width = 3 if bright else 2
            pygame.draw.circle(surface, (*red, alpha), (c, c), r, width)
            if bright:
                pygame.draw.circle(surface, (255, 240, 200, 90), (c, c), max(1, r - 3), 1)
            pair.append(_centred(surface.convert_alpha()))
        stages.append((pair[0], pair[1]))
        yield


def glow_stages(radius: float, color: tuple[int, int, int]) -> list[Entry]:
    """Radial glows for additive blending (black adds nothing), faint to blazing."""
    size = int(radius * 2)
    stages = []
    for s in range(GLOW_STAGES):
        strength = (s + 1) / GLOW_STAGES
        surface = pygame.Surface((size, size))
        surface.fill((0, 0, 0))
        c = size / 2
        steps = 16
        for i in range(steps):
            t = i / steps  # outer to inner
            r = c * (1.0 - t)
            k = strength * (t**1.6)
            pygame.draw.circle(surface, tuple(min(255, int(v * k)) for v in color), (c, c), r)
        stages.append(_centred(surface.convert()))
    return stages


def chevron(radius: float, color: tuple[int, int, int]) -> pygame.Surface:
    """Two arrowheads pointing east, drawn ahead of a winding-up Mimic toward where it will go.
    Centred on the Mimic, so the cached rotations turn it about the Mimic."""
    length = int(radius * 6)
    size = length * 2
    surface = pygame.Surface((size, size), pygame.SRCALPHA)
    c = size / 2
    for i, alpha in enumerate((200, 130, 70)):
        x = c + radius * 2.0 + i * radius * 1.2
        h = radius * 0.7
        pts = [(x, c - h), (x + h, c), (x, c + h)]
        pygame.draw.lines(surface, (*color, alpha), False, pts, 3)
    return surface.convert_alpha()


def ring(radius: int, color: tuple[int, int, int, int], width: int) -> Entry:
    surface = pygame.Surface((radius * 2 + 4, radius * 2 + 4), pygame.SRCALPHA)
    pygame.draw.circle(surface, color, (radius + 2, radius + 2), radius, width)
    return _centred(surface.convert_alpha())

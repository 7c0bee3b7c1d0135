"""What the player has to see at a glance: every Mimic kind stands out from every floor it can
cross (the landing craft's dark deck and the turbine hall's grates as much as the sand), and Cage
stands out from the things lying on the beach.

Measured on the sheets and the tileset exactly as the game loads them. Luminance and contrast are
WCAG 2.1's: relative luminance of sRGB, contrast ratio (L1 + 0.05) / (L2 + 0.05), and 3:1 is its
threshold for graphics a user must make out (success criterion 1.4.11, non-text contrast). Colour
differences are CIE76 delta E in CIELAB (D65 white): about 2 is just noticeable, 10 is another
colour.
"""

from __future__ import annotations

import importlib.util
import json
import os
from functools import cache
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SPRITES = ROOT / "assets" / "sprites"
TILESET = ROOT / "levels" / "tiles" / "beach.png"

MIMIC_KINDS = ["drone", "alpha", "spitter", "burrower", "carapace", "mite", "hulk", "brood"]
# The rows in which the creature itself is on screen: walking, winding up, striking. A burrower
# winds up and strikes under and through the sand (its tell is the ground heaving), so only its
# walk counts; burrowed mounds and death splats are ground, not silhouettes.
MIMIC_ROWS = ("move", "windup", "lunge")
ROWS = {"burrower": ("move",)}
SOLDIER_ROWS = ("idle", "walk", "fire")

SOLID = 200  # alpha from which a pixel is body; fainter ones are glows and afterimages
CONTRAST = 3.0  # WCAG 2.1 SC 1.4.11
# Enough of the outline for the eye to close the shape: a lit rim all round but on the side away
# from the light, or a keyline all round, easily makes it.
EDGE_SHARE = 0.5
SAME_COLOUR = 10.0  # delta E under which two colours read as one
CLEARLY_APART = 15.0  # delta E between mean colours that reads as a different thing
HELMET_LIKE = 0.10  # at most this share of Cage's paint may match the dropped helmets
SAND_LIKE = 0.10  # or the sand


def _spec():
    """The tileset's layout (names and properties by tile id), read from the art's own table."""
    path = ROOT / "assets" / "tileset_spec.py"
    spec = importlib.util.spec_from_file_location("tileset_spec_for_tests", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SPEC = _spec()


@cache
def tileset() -> pygame.Surface:
    return pygame.image.load(str(TILESET))


def tile(name: str) -> pygame.Surface:
    i = SPEC.INDEX[name]
    size, cols = SPEC.TILE_SIZE, SPEC.COLUMNS
    return tileset().subsurface(((i % cols) * size, (i // cols) * size, size, size))


def floors() -> list[str]:
    """Every tile a creature can stand on or brush past: each opaque tile that is not water."""
    out = []
    for name, props in SPEC.TILES:
        if props.get("water"):
            continue
        mask = pygame.mask.from_surface(tile(name), 254)
        if mask.count() == SPEC.TILE_SIZE**2:
            out.append(name)
    return out


def mean_colour(surface: pygame.Surface) -> tuple[float, float, float]:
    return tuple(pygame.transform.average_color(surface)[:3])


def frames(name: str, rows: tuple[str, ...]) -> list[pygame.Surface]:
    meta = json.loads((SPRITES / f"{name}.json").read_text(encoding="utf-8"))
    image = pygame.image.load(str(SPRITES / f"{name}.png"))
    w, h = meta["frame"]
    out = []
    for row in rows:
        anim = meta["animations"][row]
        out += [image.subsurface((c * w, anim["row"] * h, w, h)) for c in range(anim["frames"])]
    return out


# --- colour science --------------------------------------------------------------------------


def _linear(c: float) -> float:
    c /= 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb) -> float:
    r, g, b = (_linear(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: float, b: float) -> float:
    """WCAG contrast ratio of two luminances."""
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def lab(rgb) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in rgb[:3])
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def delta_e(a, b) -> float:
    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b), strict=True)) ** 0.5


# --- the silhouette's edge -------------------------------------------------------------------

_AROUND = ((1, 0), (-1, 0), (0, 1), (0, -1))


def edge(frame: pygame.Surface) -> list[list[tuple[int, int, int, int]]]:
    """Round the silhouette: for each of its outermost pixels, that pixel and the ones just inside
    it. A dark keyline outside a lit rim reads by whichever of the two stands out from the
    ground, so each place on the edge counts when either does."""
    w, h = frame.get_size()
    mask = pygame.mask.from_surface(frame, SOLID - 1)
    solid = {(x, y) for y in range(h) for x in range(w) if mask.get_at((x, y))}
    outer = {(x, y) for x, y in solid if any((x + dx, y + dy) not in solid for dx, dy in _AROUND)}
    places = []
    for x, y in outer:
        inside = [(x + dx, y + dy) for dx, dy in _AROUND]
        inside = [p for p in inside if p in solid and p not in outer]
        places.append([tuple(frame.get_at(p)) for p in [(x, y), *inside]])
    return places


def edge_share(places, ground) -> float:
    """The share of the edge that reaches 3:1 against the ground (each pixel seen over it)."""
    ground_lum = luminance(ground)
    seen: dict[tuple[int, int, int, int], float] = {}

    def stands_out(c) -> bool:
        if c not in seen:
            a = c[3] / 255
            over = [c[i] * a + ground[i] * (1 - a) for i in range(3)]
            seen[c] = contrast(luminance(over), ground_lum)
        return seen[c] >= CONTRAST

    return sum(any(stands_out(c) for c in place) for place in places) / len(places)


def unreadable(name: str, rows: tuple[str, ...]) -> dict[str, float]:
    """The floors on which some frame's edge falls short, with its worst share."""
    edges = [edge(f) for f in frames(name, rows)]
    short = {}
    for floor in floors():
        ground = mean_colour(tile(floor))
        worst = min(edge_share(e, ground) for e in edges)
        if worst < EDGE_SHARE:
            short[floor] = round(worst, 2)
    return short


def test_the_floors_include_the_darkest_ones():
    names = floors()
    for dark in ("deck", "craft_hull", "grate", "floor_metal", "road", "mud"):
        assert dark in names
    assert {"sand", "concrete"} <= set(names)
    # The landing craft's deck and the turbine hall's grate really are dark: near-black reads
    # poorly on them, which is what the rims are for.
    for dark in ("deck", "grate"):
        assert contrast(luminance(mean_colour(tile(dark))), luminance((22, 16, 22))) < CONTRAST


@pytest.mark.parametrize("kind", MIMIC_KINDS)
def test_every_mimic_kind_reads_on_every_floor(kind):
    short = unreadable(kind, ROWS.get(kind, MIMIC_ROWS))
    assert not short, f"{kind}: under half its edge reaches {CONTRAST}:1 on {short}"


@pytest.mark.parametrize("name", ["cage", "rita"])
def test_the_soldiers_read_on_every_floor(name):
    short = unreadable(name, SOLDIER_ROWS)
    assert not short, f"{name}: under half the edge reaches {CONTRAST}:1 on {short}"


# --- Cage against the props ------------------------------------------------------------------


def paint(surfaces: list[pygame.Surface]) -> list[tuple[int, int, int]]:
    """The opaque colours of some art, keylines left out (near-black outlines are on everything:
    they are not what tells one thing from another)."""
    out = []
    for s in surfaces:
        w, h = s.get_size()
        for y in range(h):
            for x in range(w):
                c = s.get_at((x, y))
                if c[3] >= SOLID and lab(c)[0] >= 15:
                    out.append(tuple(c[:3]))
    return out


def share_like(colours: list[tuple[int, int, int]], palette: set[tuple[int, int, int]]) -> float:
    """How much of `colours` could have come out of `palette` (within delta E 10)."""
    like = {c: any(delta_e(c, p) < SAME_COLOUR for p in palette) for c in set(colours)}
    return sum(like[c] for c in colours) / len(colours)


def mean(colours):
    return tuple(sum(c[i] for c in colours) / len(colours) for i in range(3))


SANDS = ("sand", "sand_b", "sand_c", "sand_wet", "sand_dark", "sand_tracks")


@cache
def cage_paint() -> tuple[tuple[int, int, int], ...]:
    return tuple(paint(frames("cage", SOLDIER_ROWS)))


def test_cage_is_not_painted_like_the_dropped_helmets():
    helmet = paint([tile("helmet")])
    cage = list(cage_paint())
    assert delta_e(mean(cage), mean(helmet)) >= CLEARLY_APART
    assert share_like(cage, set(helmet)) <= HELMET_LIKE


def test_cage_is_not_painted_like_the_sand():
    cage = list(cage_paint())
    sand: set[tuple[int, int, int]] = set()
    for name in SANDS:
        sand |= set(paint([tile(name)]))
        assert delta_e(mean(cage), mean_colour(tile(name))) >= CLEARLY_APART, name
    assert share_like(cage, sand) <= SAND_LIKE


def test_rita_stays_unlike_cage():
    rita = paint(frames("rita", SOLDIER_ROWS))
    assert delta_e(mean(rita), mean(cage_paint())) >= 20

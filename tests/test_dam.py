"""The dam plays as GAME.md draws it: every piece of the story is on the map, the spillway is the
long way to the lair and the service tunnel the short one, and the flooded chamber opens only with
the Alpha's vision. Walking is checked for Cage's own body: a circle of radius 12 px moved over an
8 px grid, kept clear of solid and water tiles, Wall and Water objects, and the closed Gates."""

from __future__ import annotations

import importlib.util
import math
import os
import shutil
import subprocess
from array import array
from collections import deque
from dataclasses import replace
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from game.level.campaign import campaign_dir  # noqa: E402
from game.level.data import LevelData, MapObject  # noqa: E402
from game.level.loader import load_level  # noqa: E402

LEVELS = campaign_dir()
DAM = LEVELS / "dam.tmx"
CAGE_RADIUS = 12.0  # px
STEP = 8  # px: the grid Cage's centre walks on
CODE, VISION = "intel:gate-code,intel:gate-code-2,intel:gate-code-3", "vision:omega"
BROOD = "cleared:brood"  # the brood's seal on the lair's door: open the day the brood dies


@pytest.fixture(scope="module")
def dam() -> LevelData:
    return load_level(DAM)


def named(level: LevelData, cls: str, name: str) -> MapObject:
    found = [o for o in level.objects_of(cls) if o.name == name]
    assert len(found) == 1, f"the dam needs one {cls} named {name!r}"
    return found[0]


def gate(level: LevelData, knowledge: str) -> MapObject:
    found = [g for g in level.objects_of("Gate") if g.prop("requires") == knowledge]
    assert len(found) == 1, f"the dam needs one Gate that requires {knowledge!r}"
    return found[0]


class Walk:
    """Where Cage's centre can be, on an 8 px grid, when he knows `known`: every cell whose
    circle of radius 12 px touches no solid or water tile, no Wall or Water object and no Gate
    still shut to him."""

    def __init__(self, level: LevelData, known: set[str]) -> None:
        self.level = level
        self.cols = level.width * level.tile_width // STEP
        self.rows = level.height * level.tile_height // STEP
        self.blocked = bytearray(self.cols * self.rows)
        for rect in (*level.solid_rects, *level.water_rects):
            self._block_rect(rect.x, rect.y, rect.width, rect.height)
        for obj in level.objects_of("Gate"):
            cleared = str(obj.prop("requires")).startswith("cleared:")  # opens when they die
            if obj.prop("requires") not in known and not cleared:
                self._block_rect(obj.x, obj.y, obj.width, obj.height)
        for obj in level.objects:
            if obj.cls in ("Wall", "Water") and obj.outline:
                self._block_shape(obj)

    def _cells_near(self, x0: float, y0: float, x1: float, y1: float):
        r = CAGE_RADIUS
        c0, c1 = max(0, int((x0 - r) // STEP)), min(self.cols - 1, int((x1 + r) // STEP))
        r0, r1 = max(0, int((y0 - r) // STEP)), min(self.rows - 1, int((y1 + r) // STEP))
        for row in range(r0, r1 + 1):
            for col in range(c0, c1 + 1):
                yield col, row, (col + 0.5) * STEP, (row + 0.5) * STEP

    def _block_rect(self, x: float, y: float, w: float, h: float) -> None:
        for col, row, cx, cy in self._cells_near(x, y, x + w, y + h):
            dx = max(x - cx, 0.0, cx - (x + w))
            dy = max(y - cy, 0.0, cy - (y + h))
            if dx * dx + dy * dy < CAGE_RADIUS * CAGE_RADIUS:
                self.blocked[row * self.cols + col] = 1

    def _block_shape(self, obj: MapObject) -> None:
        pts = obj.outline
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        edges = list(zip(pts, pts[1:] + pts[:1], strict=True))
        for col, row, cx, cy in self._cells_near(min(xs), min(ys), max(xs), max(ys)):
            if obj.contains(cx, cy) or any(
                _segment_distance(cx, cy, a, b) < CAGE_RADIUS for a, b in edges
            ):
                self.blocked[row * self.cols + col] = 1

    def cell(self, px: float, py: float) -> int:
        return int(py // STEP) * self.cols + int(px // STEP)

    def distances(self, start: tuple[float, float]) -> array:
        """Steps (of 8 px) from `start` to every cell, -1 where Cage cannot go."""
        dist = array("i", [-1]) * (self.cols * self.rows)
        first = self.cell(*start)
        assert not self.blocked[first], "Cage cannot stand where he starts"
        dist[first] = 0
        queue = deque([first])
        cols, last = self.cols, self.cols * self.rows
        while queue:
            here = queue.popleft()
            col = here % cols
            for there in (
                here - cols,
                here + cols,
                here - 1 if col > 0 else -1,
                here + 1 if col < cols - 1 else -1,
            ):
                if 0 <= there < last and dist[there] < 0 and not self.blocked[there]:
                    dist[there] = dist[here] + 1
                    queue.append(there)
        return dist

    def tiles_to(self, dist: array, point: tuple[float, float]) -> float | None:
        """Walking distance in tiles to `point`, or None when Cage cannot get there."""
        steps = dist[self.cell(*point)]
        return None if steps < 0 else steps * STEP / self.level.tile_width


def _segment_distance(px: float, py: float, a, b) -> float:
    (ax, ay), (bx, by) = a, b
    vx, vy = bx - ax, by - ay
    length = vx * vx + vy * vy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * vx + (py - ay) * vy) / length))
    return ((px - ax - t * vx) ** 2 + (py - ay - t * vy) ** 2) ** 0.5


def routes(level: LevelData, known: set[str]) -> tuple[Walk, array]:
    walk = Walk(level, known)
    start = level.player_start("road")
    return walk, walk.distances((start.x, start.y))


def tile_blocked(level: LevelData) -> set[tuple[int, int]]:
    cells = set()
    for rect in (*level.solid_rects, *level.water_rects):
        for ty in range(int(rect.y) // 32, int(rect.y + rect.height) // 32):
            for tx in range(int(rect.x) // 32, int(rect.x + rect.width) // 32):
                cells.add((tx, ty))
    return cells


# --- (a) the story's pieces -------------------------------------------------------------------


def test_the_dam_has_every_piece_of_the_story(dam: LevelData):
    assert dam.title == "The Dam"
    assert (dam.width, dam.height, dam.tile_width) == (100, 80, 32)
    assert [layer.name for layer in dam.tile_layers] == ["ground", "obstacles", "decor"]
    assert all(all(row) for row in dam.tile_layers[0].gids), "the ground layer has holes"
    assert {o.layer for o in dam.objects} == {"collision", "gameplay"}

    start = dam.player_start("road")  # where the beachhead's Exit brings Cage
    assert start.is_point and start.prop("facing") == 270
    assert start.y > (dam.height - 3) * dam.tile_height, "Cage comes in at the bottom edge"

    code = gate(dam, CODE)
    # 4-1 from the beach's officer, 7 from the farmhouse radio, 3 chalked by the door
    assert code.prop("code") == "4173"
    assert code.prop("message") == "A keypad by the service door. E to type the code."
    seal = gate(dam, BROOD)
    assert named(dam, "MimicSpawn", "brood").prop("kind") == "brood"
    door = named(dam, "Trigger", "lair-entrance")
    assert door.contains(*seal.center), "the seal stands in the lair's door"
    vision = gate(dam, VISION)
    assert vision.prop("message") == (
        "Cracked concrete. Nothing here... or nothing you can see yet."
    )
    for g in (code, vision):
        assert not g.is_point and g.width >= 64 and g.height >= 32

    spawns = dam.objects_of("MimicSpawn")
    assert len(spawns) >= 10
    (alpha,) = [s for s in spawns if s.prop("kind") == "alpha"]
    assert alpha.prop("count") == 1 and alpha.prop("emerge") is True
    assert alpha.prop("strike") == 100, "unwarned, the lair's Alpha is death"
    assert dam.object_by_id(alpha.prop("trigger")).name == "lair-entrance"
    company = [s for s in spawns if s.prop("trigger") == alpha.prop("trigger") and s != alpha]
    assert len(company) >= 2, "two spawns keep the Alpha company"
    assert {s.prop("kind") for s in company} == {"drone", "carapace"}

    chamber = named(dam, "Trigger", "chamber-entrance")
    on_entry = [s for s in spawns if s.prop("trigger") == chamber.id]
    assert len(on_entry) >= 2
    assert {s.prop("kind") for s in on_entry} == {"spitter", "mite", "brood"}  # the guardian
    assert all(s.prop("emerge") is True for s in on_entry)

    assert len(dam.objects_of("Omega")) == 1 and dam.objects_of("Omega")[0].is_point
    # The charge is the beach's: Cage carries it from the bunker's back room to the core.
    assert dam.objects_of("Explosive") == ()
    assert {s.name for s in dam.objects_of("Split")} == {"Dam", "Turbine hall", "Lair", "Chamber"}

    mines = dam.objects_of("Mine")
    assert len(mines) >= 3 and {m.prop("field") for m in mines} == {"field:dam-road"}

    beach = load_level(LEVELS / "beachhead.tmx")
    (exit_,) = beach.objects_of("Exit")
    assert (exit_.prop("map"), exit_.prop("spawn")) == ("dam.tmx", "road")
    (charge,) = beach.objects_of("Explosive")
    officer = next(o for o in beach.objects_of("Intel") if o.name == "officer")
    assert math.dist((charge.x, charge.y), (officer.x, officer.y)) < 160, "in the bunker"


def test_the_spillway_holds_heavy_ambushes(dam: LevelData):
    spillway = [s for s in dam.objects_of("MimicSpawn") if s.name.startswith("spillway")]
    assert 3 <= len(spillway) <= 4
    assert all(3 <= s.prop("count") <= 4 for s in spillway)
    assert any(s.prop("trigger") for s in spillway) and any(s.prop("at") >= 0 for s in spillway)


def test_the_omega_stands_in_open_water(dam: LevelData):
    """About six tiles of open shallows (walkable, slow) all round the core."""
    (omega,) = dam.objects_of("Omega")
    blocked = tile_blocked(dam)
    ox, oy = int(omega.x // 32), int(omega.y // 32)
    for ty in range(oy - 6, oy + 7):
        for tx in range(ox - 6, ox + 7):
            if (tx - ox) ** 2 + (ty - oy) ** 2 <= 36:
                assert (tx, ty) not in blocked, f"tile {tx},{ty} by the Omega is not open"
                assert dam.slow_at(tx * 32 + 16, ty * 32 + 16) < 1.0, "the chamber is flooded"


# --- (b) the ways in --------------------------------------------------------------------------


def test_the_spillway_is_the_long_way_and_the_tunnel_the_short_one(dam: LevelData):
    lair = named(dam, "Trigger", "lair-entrance").center
    alpha = next(s for s in dam.objects_of("MimicSpawn") if s.prop("kind") == "alpha")
    walk, shut = routes(dam, set())
    spillway = walk.tiles_to(shut, lair)
    assert spillway is not None, "without the code the lair must still be reachable"
    assert walk.tiles_to(shut, (alpha.x, alpha.y)) is not None
    walk, coded = routes(dam, {CODE})
    tunnel = walk.tiles_to(coded, lair)
    assert tunnel is not None
    assert 2 * tunnel <= spillway, f"tunnel {tunnel:.0f} tiles vs spillway {spillway:.0f}"


def test_the_chamber_opens_only_with_the_vision(dam: LevelData):
    (omega,) = dam.objects_of("Omega")
    chamber = named(dam, "Split", "Chamber")
    for known in (set(), {CODE}):
        walk, dist = routes(dam, known)
        for target in ((omega.x, omega.y), chamber.center):
            assert walk.tiles_to(dist, target) is None, f"reachable knowing only {known}"
    for known in ({CODE, VISION}, {VISION}):
        walk, dist = routes(dam, known)
        assert walk.tiles_to(dist, (omega.x, omega.y)) is not None, f"unreachable with {known}"


def test_everything_the_day_asks_for_is_reachable(dam: LevelData):
    walk, dist = routes(dam, {CODE, VISION})
    for cls in ("Trigger", "Split", "MimicSpawn", "Mine", "Omega"):
        for obj in dam.objects_of(cls):
            assert walk.tiles_to(dist, obj.center) is not None, f"{cls} {obj.name!r} unreachable"


# --- (c) the ambushes -------------------------------------------------------------------------


def test_every_spawn_has_a_trigger_or_a_time(dam: LevelData):
    for spawn in dam.objects_of("MimicSpawn"):
        assert spawn.name, f"spawn {spawn.id} needs a descriptive name"
        # A swarm of mites comes many at once; anything bigger, a few.
        assert 1 <= spawn.prop("count") <= (8 if spawn.prop("kind") == "mite" else 4)
        trigger = spawn.prop("trigger")
        if trigger:
            target = dam.object_by_id(trigger)
            assert target is not None and target.cls == "Trigger", f"{spawn.name}: {trigger}"
        else:
            # Cage reaches the dam mid-day; the clock counts from the day's start
            assert 60 <= spawn.prop("at") <= 400, f"{spawn.name} at {spawn.prop('at')}"


def test_spawn_areas_are_open_ground(dam: LevelData):
    """Mimics come out anywhere in a spawn's rectangle: none of it may be rock or water."""
    blocked = tile_blocked(dam)
    for spawn in dam.objects_of("MimicSpawn"):
        x0, y0 = int(spawn.x // 32), int(spawn.y // 32)
        x1 = int((spawn.x + max(spawn.width, 1) - 1) // 32)
        y1 = int((spawn.y + max(spawn.height, 1) - 1) // 32)
        for ty in range(y0, y1 + 1):
            for tx in range(x0, x1 + 1):
                assert (tx, ty) not in blocked, f"{spawn.name}: tile {tx},{ty} is not open"


def test_ambush_knowledge_is_the_dams_own(dam: LevelData):
    """Each ambush teaches its own id, none shared with the beachhead's."""

    def ids(level: LevelData) -> list[str]:
        return [s.prop("ambush") or f"ambush:{s.id}" for s in level.objects_of("MimicSpawn")]

    here = ids(dam)
    assert len(set(here)) == len(here)
    assert not set(here) & set(ids(load_level(LEVELS / "beachhead.tmx")))


# --- the generator and Tiled ------------------------------------------------------------------


def test_dam_generator_is_deterministic(tmp_path: Path):
    spec = importlib.util.spec_from_file_location(
        "make_dam", Path(__file__).parent.parent / "assets" / "make_dam.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    level = module.Dam(module.SEED)
    level.build()
    module.check(level)
    out = tmp_path / "dam.tmx"
    module.write_map(out, module.TITLE, level, music=module.MUSIC)
    assert out.read_bytes() == DAM.read_bytes()


@pytest.mark.skipif(shutil.which("tiled") is None, reason="Tiled is not installed")
def test_dam_survives_a_resave_in_tiled(tmp_path: Path):
    copy = tmp_path / "levels"
    shutil.copytree(LEVELS, copy)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(
        ["tiled", "--export-map", "tmx", "dam.tmx", "resaved.tmx"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    original = load_level(copy / "dam.tmx")
    resaved = load_level(copy / "resaved.tmx")
    assert replace(resaved, path=original.path, content_hash="") == replace(
        original, content_hash=""
    )

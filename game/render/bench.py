"""The renderer's benchmark: our chunked WorldView + HUD against pyscroll on the same scene.

Owns `bench_render(frames)`, which draws one crowded frame of the beachhead (Cage and 200 circling
drones on screen, 1280x720) over and over and reports the median and 99th-percentile frame time of
each renderer. The reference side uses pyscroll's `BufferedRenderer` (a bench-only extra: imported
inside the function, never by the game) for the map plus the same 200 sprites blitted, so the table
compares like with like. Frames are timed with the simulation standing still: this measures drawing.

Must not import game.scenes or game.app, and never writes to a simulation the game plays.
"""

from __future__ import annotations

import math
import os
import statistics
import time

SCREEN = (1280, 720)
CROWD = 200


def _percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))
    return ordered[index]


def _summary(samples: list[float]) -> dict[str, float]:
    ms = [s * 1000.0 for s in samples]
    return {
        "median": round(statistics.median(ms), 3),
        "p99": round(_percentile(ms, 0.99), 3),
        "mean": round(statistics.fmean(ms), 3),
    }


def _level():
    """The beachhead if the level loader can read it, else a hand-built beach."""
    try:
        from game.level.campaign import resolve_level
        from game.level.loader import load_level

        path = resolve_level("beachhead")
        return load_level(path), str(path)
    except Exception:  # no loader or map yet: a stand-in of the same kind
        return _hand_level(), ""


def _hand_level():
    from game.level.campaign import campaign_dir
    from game.level.data import LevelData, MapObject, TileLayer, Tileset

    width, height = 120, 80
    image = campaign_dir() / "tiles" / "beach.png"
    gids = tuple(tuple(1 + ((x * 7 + y * 13) % 3) for x in range(width)) for y in range(height))
    start = MapObject(1, "start", "PlayerStart", 1920.0, 1280.0, properties=(("facing", 0.0),))
    return LevelData(
        path="<bench>",
        content_hash="bench",
        title="Bench",
        width=width,
        height=height,
        tile_width=32,
        tile_height=32,
        solid_rects=(),
        water_rects=(),
        wall_polygons=(),
        water_polygons=(),
        slow_factors=(1.0,) * (width * height),
        objects=(start,),
        tile_layers=(TileLayer("ground", gids),),
        tilesets=(Tileset(1, "beach", str(image), 32, 32, 16, 64),),
    )


def crowd_world(level, count: int = CROWD, seed: int = 1):
    """A World with Cage mid-map and `count` drones circling him, spread over a grid that fits a
    1280x720 view (placed directly; the simulation is not stepped)."""
    from game.sim.mimic import CIRCLING, KINDS, Mimic
    from game.sim.world import World

    world = World(level, seed)
    cx = min(max(level.pixel_width / 2, 660.0), level.pixel_width - 660.0)
    cy = min(max(level.pixel_height / 2, 380.0), level.pixel_height - 380.0)
    world.cage.body.position = (cx, cy)
    columns = max(1, math.ceil(math.sqrt(count * 2)))
    rows = max(1, math.ceil(count / columns))
    for i in range(count):
        col, row = i % columns, i // columns
        x = cx - 560 + 1120 * (col + 0.5) / columns + (row % 2) * 12
        y = cy - 300 + 600 * (row + 0.5) / rows
        m = Mimic(i + 1, KINDS["drone"], x, y, burrowed=False)
        m.state = CIRCLING
        m.heading = math.atan2(cy - y, cx - x) + math.pi / 2  # circling: side-on to Cage
        world.mimics.append(m)
    return world


def bench_render(frames: int = 300) -> dict:
    """Time `frames` frames of each renderer. Returns a dict whose renderer rows ("worldview",
    "pyscroll") hold "median", "p99" and "mean" frame times in milliseconds."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from game.render.hud import Hud
    from game.render.view import WorldView

    pygame.init()
    screen = pygame.display.get_surface()
    if screen is None or screen.get_size() != SCREEN:
        screen = pygame.display.set_mode(SCREEN)
    level, map_path = _level()
    world = crowd_world(level)
    view = WorldView(level, SCREEN)
    hud = Hud(view.sheets)
    mouse = (SCREEN[0] // 2 + 120, SCREEN[1] // 2 - 40)

    # Warm up: first sight of each chunk, rotation and glyph is built here, not in the timing.
    for i in range(30):
        view.draw(screen, world, (i % 10) / 10, mouse)
        hud.draw(screen, world, mouse, 1)
    ours: list[float] = []
    clock = time.perf_counter
    for i in range(frames):
        start = clock()
        view.draw(screen, world, (i % 10) / 10, mouse)
        hud.draw(screen, world, mouse, 1)
        ours.append(clock() - start)

    # The map alone, camera drifting so the window buffer scrolls as it does in play.
    map_only: list[float] = []
    left0, top0 = view.camera.left, view.camera.top
    for i in range(frames):
        start = clock()
        view.tilemap.draw(screen, left0 + (i * 3) % 700, top0 + (i * 2) % 400)
        map_only.append(clock() - start)

    # Exactly the pyscroll row's work on our map renderer: the map, then the same sprite blits.
    from game.render.sheets import rotation_step

    anim = view.sheets["drone"].animation("move")
    cage_anim = view.sheets["cage"].animation("idle")
    same_work: list[float] = []
    for i in range(frames):
        start = clock()
        view.tilemap.draw(screen, left0, top0)
        blits = []
        for m in world.mimics:
            p = m.body.position
            s, dx, dy = anim.rotated(anim.index_at(i + m.id * 7), rotation_step(m.heading))
            blits.append((s, (p.x - left0 + dx, p.y - top0 + dy)))
        cx, cy = world.cage.position
        s, dx, dy = cage_anim.rotated(0, rotation_step(world.cage.aim_radians))
        blits.append((s, (cx - left0 + dx, cy - top0 + dy)))
        screen.fblits(blits)
        same_work.append(clock() - start)

    result: dict = {
        "frames": frames,
        "screen": list(SCREEN),
        "sprites": len(world.mimics),
        "on_screen": sum(
            1
            for m in world.mimics
            if 0 <= view.world_to_screen(m.position)[0] < SCREEN[0]
            and 0 <= view.world_to_screen(m.position)[1] < SCREEN[1]
        ),
        "map": map_path or "<hand-built>",
        "chunks_built": view.tilemap.chunks_built,
        "worldview": _summary(ours),
        "worldview map only": _summary(map_only),
        "worldview same work": _summary(same_work),
    }
    result["pyscroll"] = (
        _bench_pyscroll(screen, map_path, world, view, frames)
        if map_path
        else {"skipped": "no .tmx to load"}
    )
    return result


def _bench_pyscroll(screen, map_path: str, world, view, frames: int) -> dict:
    """The same map, view and sprites through pyscroll's BufferedRenderer."""
    import pygame

    try:
        import pyscroll
        from pytmx.util_pygame import load_pygame
    except ImportError as exc:
        return {"skipped": f"pyscroll not installed ({exc.name})"}
    from game.render.sheets import rotation_step

    tmx = load_pygame(map_path)
    data = pyscroll.TiledMapData(tmx)
    renderer = pyscroll.BufferedRenderer(data, SCREEN, clamp_camera=True)
    renderer.center(view.camera.screen_to_world((SCREEN[0] / 2, SCREEN[1] / 2)))
    anim = view.sheets["drone"].animation("move")
    cage_anim = view.sheets["cage"].animation("idle")
    for _ in range(30):
        renderer.draw(screen, screen.get_rect())
    map_only: list[float] = []
    cx0, cy0 = view.camera.screen_to_world((SCREEN[0] / 2, SCREEN[1] / 2))
    for i in range(frames):
        start = time.perf_counter()
        renderer.center((cx0 + (i * 3) % 700, cy0 + (i * 2) % 400))
        renderer.draw(screen, screen.get_rect())
        map_only.append(time.perf_counter() - start)
    renderer.center((cx0, cy0))
    renderer.draw(screen, screen.get_rect())
    samples: list[float] = []
    clock = time.perf_counter
    for i in range(frames):
        start = clock()
        renderer.draw(screen, screen.get_rect())
        ox, oy = renderer.get_center_offset()
        blits = []
        for m in world.mimics:
            p = m.body.position
            s, dx, dy = anim.rotated(anim.index_at(i + m.id * 7), rotation_step(m.heading))
            blits.append((s, (p.x + ox + dx, p.y + oy + dy)))
        cx, cy = world.cage.position
        s, dx, dy = cage_anim.rotated(0, rotation_step(world.cage.aim_radians))
        blits.append((s, (cx + ox + dx, cy + oy + dy)))
        screen.fblits(blits)
        samples.append(clock() - start)
    _ = pygame  # the display is shared with the WorldView side
    return {**_summary(samples), "map_only": _summary(map_only)}


if __name__ == "__main__":
    import json

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    print(json.dumps(bench_render(), indent=2))

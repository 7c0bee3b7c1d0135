"""The renderer's benchmark: our chunked WorldView + HUD against pyscroll on the same scene.

Owns `bench_render(frames)`, which draws one crowded frame of the beachhead (Cage and 200 circling
drones on screen, 1280x720) over and over and reports each renderer's frame time (median, p99,
IQR: bench.stats). The reference side uses pyscroll (a bench-only extra: imported inside the
function, never by the game): its `BufferedRenderer` for the same map and view, and its
`PyscrollGroup` for the same sprites, one pygame sprite per blit our ActorRenderer made of that
frame (its shadows, bodies and glows, same images, places, order and blend modes). Ours is timed
doing that same work ("worldview same work": the map, then the ActorRenderer choosing and drawing
the actors), and the two pictures are compared pixel by pixel, so the table compares like with
like. Both are timed with the camera a pixel further each frame, round four places: SDL's copy
of their ground is slower at one of the four (same_work_lefts). Frames are timed with the
simulation standing still: this measures drawing.

Must not import game.scenes or game.app, and never writes to a simulation the game plays.
"""

from __future__ import annotations

import math
import os
import time

from bench.stats import summary

SCREEN = (1280, 720)
CROWD = 200


def _summary(samples: list[float]) -> dict[str, float]:
    """Seconds in, the bench's one summary out (milliseconds: median, p99, IQR, ...)."""
    return summary([s * 1000.0 for s in samples])


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
    "pyscroll", ...) hold bench.stats summaries (median, p99, iqr, min, max) in ms."""
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
    # Where the camera stands: its top, and the left each same-work frame has in turn; the
    # map-only rows drift from the first of those, ours and pyscroll's alike.
    top0 = view.camera.top
    lefts = same_work_lefts(view.camera.left)
    left0 = lefts[0]
    for i in range(frames):
        start = clock()
        view.tilemap.draw(screen, left0 + (i * 3) % 700, top0 + (i * 2) % 400)
        map_only.append(clock() - start)

    # Exactly the pyscroll row's work, done by our renderer: the map, then the actors (their
    # shadows, bodies and glows, chosen and turned by the ActorRenderer every frame), with the
    # camera at each of `lefts` in turn (see same_work_lefts).
    actors = view.actors
    actors.draw(screen, world, 1.0, left0, top0)
    same_work: list[float] = []
    for i in range(frames):
        left = lefts[i % len(lefts)]
        start = clock()
        view.tilemap.draw(screen, left, top0)
        actors.draw(screen, world, 1.0, left, top0)
        same_work.append(clock() - start)
    ours_picture = screen.copy()
    # What that frame blitted, layer by layer, in world pixels: pyscroll is given exactly these.
    layers = [
        (blits, flags)
        for blits, flags in (
            (actors._ground, 0), (actors._shadows, 0), (actors._ghosts, 0),
            (actors._bodies, 0), (actors._glows, pygame.BLEND_RGB_ADD),
        )
    ]  # fmt: skip
    # (in the last frame's screen pixels: its camera's left is `left`)
    sprites = [[(s, (x + left, y + top0)) for s, (x, y) in blits] for blits, _flags in layers]
    flags = [f for _blits, f in layers]

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
        "sprite_blits": sum(len(layer) for layer in sprites),
    }
    result["pyscroll"] = (
        _bench_pyscroll(screen, map_path, (lefts, top0), sprites, flags, frames)
        if map_path
        else {"skipped": "no .tmx to load"}
    )
    if "median" in result["pyscroll"]:
        # Same work, same picture: count the pixels where pyscroll's frame differs from ours.
        diff = pygame.mask.from_threshold(ours_picture, (0, 0, 0), (1, 1, 1, 255), screen)
        result["pyscroll"]["pixels_differing"] = SCREEN[0] * SCREEN[1] - diff.count()
    return result


def same_work_lefts(left: int) -> list[int]:
    """Where the camera's left edge stands, frame by frame in turn, for the same-work rows: near
    `left`, one pixel further each frame, round four places. SDL copies an opaque blit whose rows
    all start on 16 bytes (at 4 bytes a pixel: a camera on a multiple of 4 px, for a buffer whose
    rows are too) another way, slower than at the other three places (its stores go around the
    cache); both renderers' ground is one such blit, so each is timed at all four alike. All
    four lie in one tile and one step of our window buffer: neither renderer redraws for them."""
    base = left - left % 32 + 8  # (pyscroll's tiles are 32 px, our window steps 64)
    return [base + step for step in range(4)]


def _bench_pyscroll(screen, map_path: str, camera, sprites, flags, frames: int) -> dict:
    """The same map and view through pyscroll's BufferedRenderer, and the same sprites (the
    images and places our frame blitted, in its layers and blend modes) through its
    PyscrollGroup, layered above every tile layer as ours are (so no tile is drawn over them).
    `camera`: the same-work rows' lefts and top (the group is drawn at each left in turn, as
    ours was)."""
    import pygame

    try:
        import pyscroll
        from pytmx.util_pygame import load_pygame
    except ImportError as exc:
        return {"skipped": f"pyscroll not installed ({exc.name})"}

    tmx = load_pygame(map_path)
    data = pyscroll.TiledMapData(tmx)
    renderer = pyscroll.BufferedRenderer(data, SCREEN, clamp_camera=True)
    lefts, top0 = camera
    cx0, cy0 = lefts[0] + SCREEN[0] // 2, top0 + SCREEN[1] // 2
    for _ in range(30):
        renderer.draw(screen, screen.get_rect())
    map_only: list[float] = []
    for i in range(frames):
        start = time.perf_counter()
        renderer.center((cx0 + (i * 3) % 700, cy0 + (i * 2) % 400))
        renderer.draw(screen, screen.get_rect())
        map_only.append(time.perf_counter() - start)
    group = pyscroll.PyscrollGroup(map_layer=renderer)
    above = max(data.visible_tile_layers, default=0) + 1
    for depth, (blits, blend) in enumerate(zip(sprites, flags, strict=True)):
        for image, topleft in blits:
            sprite = pygame.sprite.Sprite()
            sprite.image = image
            sprite.rect = image.get_rect(topleft=(int(topleft[0]), int(topleft[1])))
            sprite.blendmode = blend
            group.add(sprite, layer=above + depth)
    group.center((cx0, cy0))
    for _ in range(30):
        group.draw(screen)
    samples: list[float] = []
    clock = time.perf_counter
    for i in range(frames):
        group.center((lefts[i % len(lefts)] + SCREEN[0] // 2, cy0))  # (ours is handed its left)
        start = clock()
        group.draw(screen)
        samples.append(clock() - start)
    return {**_summary(samples), "map_only": _summary(map_only)}


if __name__ == "__main__":
    import json

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    print(json.dumps(bench_render(), indent=2))

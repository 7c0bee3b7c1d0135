"""The renderer shows the day as a player should see it, and never changes it.

Headless (SDL's dummy video driver, set in conftest): a 1280x720 display surface, a small
hand-built level with its own tileset (margins and spacing included), the real sprite sheets.
"""

from __future__ import annotations

import dataclasses
import json
import math

import pygame
import pytest
from arena import arena, spawn

from game import tuning as T
from game.level.data import LevelData, TileLayer, Tileset
from game.render.assets import AssetError, assets_dir
from game.render.camera import LOOK_AHEAD_MAX, Camera
from game.render.hud import Hud, clock_text
from game.render.sheets import load_sheet
from game.render.tilemap import TileMap
from game.render.view import WorldView
from game.sim import events as sim_events
from game.sim import inputs
from game.sim.events import MimicHit, SimEvent
from game.sim.inputs import InputFrame, quantize_aim
from game.sim.mimic import (
    BURROWED,
    CIRCLING,
    DEAD,
    EMERGING,
    HUNTING,
    KINDS,
    LUNGE,
    RECOVER,
    STATE_NAMES,
    TUNNELING,
    WINDUP,
    Mimic,
)
from game.sim.world import World

SCREEN = (1280, 720)
TILE = 32
MARGIN, SPACING, COLUMNS = 1, 2, 2
TILE_COLORS = [(200, 170, 110), (150, 120, 80), (40, 90, 130), (90, 100, 60)]
GUTTER = (255, 0, 255)  # margin and spacing: must never show on the map
EAST = quantize_aim(0.0)


@pytest.fixture(scope="module")
def screen() -> pygame.Surface:
    pygame.init()
    return pygame.display.set_mode(SCREEN)


@pytest.fixture(scope="module")
def tileset_png(tmp_path_factory, screen) -> str:
    """Four flat-coloured 32 px tiles, two columns, cut with a 1 px margin and 2 px spacing."""
    rows = math.ceil(len(TILE_COLORS) / COLUMNS)
    w = 2 * MARGIN + COLUMNS * TILE + (COLUMNS - 1) * SPACING
    h = 2 * MARGIN + rows * TILE + (rows - 1) * SPACING
    image = pygame.Surface((w, h))
    image.fill(GUTTER)
    for i, color in enumerate(TILE_COLORS):
        x = MARGIN + (i % COLUMNS) * (TILE + SPACING)
        y = MARGIN + (i // COLUMNS) * (TILE + SPACING)
        image.fill(color, (x, y, TILE, TILE))
    path = tmp_path_factory.mktemp("tiles") / "test_tiles.png"
    pygame.image.save(image, str(path))
    return str(path)


def ground_gid(col: int, row: int) -> int:
    return 1 + ((col // 4 + row // 4) % 2)  # 4x4 blocks of the first two tiles


def overlay_gid(col: int, row: int) -> int:
    return 3 if (col % 10 == 5 and row % 10 == 5) else 0


@pytest.fixture(scope="module")
def level(tileset_png) -> LevelData:
    width, height = 60, 40  # 1920 x 1280 px: larger than the screen, so the camera travels
    base = arena(width=width, height=height, start=(960.0, 640.0))
    ground = tuple(tuple(ground_gid(c, r) for c in range(width)) for r in range(height))
    overlay = tuple(tuple(overlay_gid(c, r) for c in range(width)) for r in range(height))
    tileset = Tileset(1, "test", tileset_png, TILE, TILE, COLUMNS, 4, MARGIN, SPACING)
    return dataclasses.replace(
        base,
        tile_layers=(TileLayer("ground", ground), TileLayer("decor", overlay)),
        tilesets=(tileset,),
    )


def add_mimic(world: World, kind: str, state: int, x: float, y: float, timer: int = 0) -> Mimic:
    """Put a Mimic into the day as the World's own spawning does, then set its state."""
    mimic = Mimic(1000 + len(world.mimics), KINDS[kind], x, y, burrowed=state == BURROWED)
    mimic.state = state
    mimic.timer = timer
    cx, cy = world.cage.position
    mimic.heading = math.atan2(cy - y, cx - x)
    world.mimics.append(mimic)
    world._mimic_by_shape[mimic.shape] = mimic
    if state != BURROWED:
        world.space.add(mimic.body, mimic.shape)
        mimic.in_space = True
    return mimic


def tick(view: WorldView, world: World, frame: InputFrame = inputs.NEUTRAL) -> list[SimEvent]:
    view.before_step(world)
    events = world.step(frame)
    view.observe(events)
    return events


def brightness(surface: pygame.Surface, rect: pygame.Rect) -> float:
    r, g, b, *_ = pygame.transform.average_color(surface, rect)
    return (r + g + b) / 3


def hot_pixels(surface: pygame.Surface, rect: pygame.Rect) -> int:
    """Pixels glowing white-yellow (fire, flashes), which the test map's ground never is."""
    return sum(
        1
        for x in range(rect.left, rect.right)
        for y in range(rect.top, rect.bottom)
        if (c := surface.get_at((x, y)))[0] > 235 and c[1] > 175
    )


def distinct_colors(surface: pygame.Surface, step: int = 23) -> int:
    w, h = surface.get_size()
    return len(
        {tuple(surface.get_at((x, y))) for x in range(0, w, step) for y in range(0, h, step)}
    )


def mimic_rect(view: WorldView, mimic: Mimic, size: int = 36) -> pygame.Rect:
    sx, sy = view.world_to_screen(mimic.position)
    return pygame.Rect(round(sx) - size // 2, round(sy) - size // 2, size, size)


# --- the ground -------------------------------------------------------------------------------


def test_tiles_are_cut_honouring_margin_and_spacing(screen, level):
    tilemap = TileMap(level)
    canvas = pygame.Surface((640, 640))
    tilemap.draw(canvas, 0, 0)
    for col, row in ((0, 0), (4, 0), (5, 5), (7, 9), (15, 15)):
        gid = overlay_gid(col, row) or ground_gid(col, row)
        expected = TILE_COLORS[gid - 1]
        # Every corner of the cell: an off-by-margin cut would show the magenta gutter there.
        for dx, dy in ((0, 0), (TILE - 1, 0), (0, TILE - 1), (TILE - 1, TILE - 1)):
            pixel = canvas.get_at((col * TILE + dx, row * TILE + dy))[:3]
            assert tuple(pixel) == expected, (col, row, dx, dy)


def test_chunks_are_rendered_once_and_reused(screen, level):
    world = World(level, 1)
    view = WorldView(level, SCREEN)
    view.draw(screen, world, 1.0, (900, 300))
    built = view.tilemap.chunks_built
    assert 0 < built <= view.tilemap.columns * view.tilemap.rows
    for i in range(10):
        tick(view, world, InputFrame(move_x=127, aim=EAST))
        view.draw(screen, world, i / 10, (900, 300))
    assert view.tilemap.chunks_built == built


def test_the_ground_shows_the_map_wherever_the_camera_stands_and_its_blit_keeps_the_cache(
    screen, level
):
    """A pixel at a time across a window step, the ground is exactly the map there. And its one
    blit a frame is never SDL's copy for rows that all start on 16 bytes, whose stores go around
    the cache: it would leave the screen out of the cache for every sprite blended onto it next,
    at one camera place in four (each row of the window starts a pixel on from the last's end)."""
    whole = pygame.Surface((level.pixel_width, level.pixel_height), 0, screen)
    TileMap(level).draw(whole, 0, 0)
    tilemap = TileMap(level)
    for left in range(56, 72):
        tilemap.draw(screen, left, 37)
        expected = whole.subsurface((left, 37, *SCREEN))
        assert pygame.image.tobytes(screen, "RGBX") == pygame.image.tobytes(expected, "RGBX")
        window = tilemap._window
        rows_apart = window.get_pitch() - SCREEN[0] * window.get_bytesize()
        assert rows_apart % 16, left


# --- the actors -------------------------------------------------------------------------------


def test_every_mimic_state_and_cage_pose_draws(screen, level):
    world = World(level, 3)
    view = WorldView(level, SCREEN)
    cx, cy = world.cage.position
    states = (BURROWED, EMERGING, HUNTING, CIRCLING, WINDUP, LUNGE, RECOVER, DEAD, TUNNELING)
    for kind_index, kind in enumerate(KINDS):
        for i, state in enumerate(states):
            angle = i * 2 * math.pi / len(states) + kind_index * 0.4
            r = 120 + 40 * kind_index
            add_mimic(world, kind, state, cx + math.cos(angle) * r, cy + math.sin(angle) * r, 20)
    assert sorted({STATE_NAMES[m.state] for m in world.mimics}) == sorted(STATE_NAMES)
    before = world.state_hash()
    for alpha in (0.0, 0.33, 0.66, 1.0):
        view.draw(screen, world, alpha, (700, 300))
    assert world.state_hash() == before, "drawing must not change the day"
    # Cage's poses: moving, firing, reloading, hurt, dead.
    cage = world.cage
    for setup in (
        lambda: setattr(cage, "moving", True),
        lambda: setattr(cage, "firing", True),
        lambda: setattr(cage, "reload_ticks", 40),
        lambda: setattr(cage, "invulnerable_ticks", 10),
        lambda: setattr(cage, "dead", True),
    ):
        setup()
        view.draw(screen, world, 0.5, (700, 300))
    assert distinct_colors(screen) > 12


def test_actors_move_smoothly_between_ticks(screen, level):
    """With alpha, Cage is drawn part of the way from the last tick's spot to this one's."""
    world = World(level, 1)
    view = WorldView(level, SCREEN)
    for _ in range(20):
        tick(view, world, InputFrame(move_x=127, aim=EAST))
    tick(view, world, InputFrame(move_x=127, aim=EAST))
    before_x = view.actors.cage_position(world, 0.0)[0]
    after_x = view.actors.cage_position(world, 1.0)[0]
    half_x = view.actors.cage_position(world, 0.5)[0]
    assert before_x < half_x < after_x
    assert after_x == pytest.approx(world.cage.position[0])


def test_a_struck_mimic_flashes_white(screen, level):
    world = World(level, 1)
    view = WorldView(level, SCREEN)
    cx, cy = world.cage.position
    mimic = add_mimic(world, "drone", CIRCLING, cx + 160, cy)
    view.draw(screen, world, 1.0, None)
    normal = brightness(screen, mimic_rect(view, mimic, 20))
    view.observe([MimicHit(world.tick - 1, mimic.id, *mimic.position, 3)])
    view.draw(screen, world, 1.0, None)
    flashed = brightness(screen, mimic_rect(view, mimic, 20))
    assert flashed > normal + 25


def test_a_winding_up_mimic_glows(screen, level):
    world = World(level, 1)
    view = WorldView(level, SCREEN)
    cx, cy = world.cage.position
    mimic = add_mimic(world, "drone", CIRCLING, cx + 200, cy - 100)
    view.draw(screen, world, 1.0, None)
    calm = brightness(screen, mimic_rect(view, mimic, 64))
    mimic.state, mimic.timer = WINDUP, T.DRONE_WINDUP // 2
    view.draw(screen, world, 1.0, None)
    winding = brightness(screen, mimic_rect(view, mimic, 64))
    assert winding > calm + 10


def test_a_burrowed_mimic_warns_before_it_bursts_out(screen, level):
    world = World(level, 1)
    view = WorldView(level, SCREEN)
    cx, cy = world.cage.position
    view.draw(screen, world, 1.0, None)
    spot = (cx + 200, cy + 80)
    sx, sy = view.world_to_screen(spot)
    region = pygame.Rect(round(sx) - 40, round(sy) - 40, 80, 80)
    bare = screen.subsurface(region).copy()
    mimic = add_mimic(world, "drone", BURROWED, *spot, timer=T.DRONE_TELEGRAPH)
    view.draw(screen, world, 1.0, None)
    early = screen.subsurface(region).copy()
    mimic.timer = 4
    view.draw(screen, world, 1.0, None)
    late = screen.subsurface(region).copy()
    as_bytes = pygame.image.tobytes
    assert as_bytes(early, "RGB") != as_bytes(bare, "RGB"), "a buried Mimic shows on the sand"
    assert as_bytes(late, "RGB") != as_bytes(early, "RGB"), "the warning changes as time runs out"


# --- the camera -------------------------------------------------------------------------------


def test_camera_keeps_cage_on_screen_and_looks_ahead_toward_the_aim(screen, level):
    world = World(level, 1)
    view = WorldView(level, SCREEN)
    right = (SCREEN[0] - 10, SCREEN[1] // 2)
    left = (10, SCREEN[1] // 2)
    for i in range(150):  # run east, aiming at the right edge
        tick(view, world, InputFrame(move_x=127 if i < 60 else 0, aim=EAST))
        view.draw(screen, world, 1.0, right)
        sx, sy = view.world_to_screen(world.cage.position)
        assert 40 < sx < SCREEN[0] - 40 and 40 < sy < SCREEN[1] - 40
    sx, _ = view.world_to_screen(world.cage.position)
    assert SCREEN[0] / 2 - LOOK_AHEAD_MAX - 1 <= sx < SCREEN[0] / 2 - 80, "the view leads the aim"
    for _ in range(120):
        tick(view, world, InputFrame(aim=quantize_aim(math.pi)))
        view.draw(screen, world, 1.0, left)
    sx, _ = view.world_to_screen(world.cage.position)
    assert sx > SCREEN[0] / 2 + 80


def test_camera_follow_does_not_depend_on_frame_rate():
    def settle(frames: int) -> float:
        camera = Camera(SCREEN, (4000, 4000))
        camera.snap((1000.0, 1000.0))
        for _ in range(frames):
            camera.update(0.5 / frames, (1300.0, 1000.0))
        return camera.x

    assert settle(15) == pytest.approx(settle(120), abs=2.0)


def test_camera_stays_inside_the_map():
    camera = Camera(SCREEN, (1920, 1280))
    camera.snap((0.0, 0.0))
    assert (camera.left, camera.top) == (0, 0)
    camera.snap((5000.0, 5000.0))
    assert (camera.left + SCREEN[0], camera.top + SCREEN[1]) == (1920, 1280)


def test_screen_to_world_inverts_world_to_screen_even_while_shaking(screen, level):
    world = World(level, 1)
    view = WorldView(level, SCREEN)
    view.draw(screen, world, 1.0, (800, 400))
    view.camera.add_trauma(1.0)
    tick(view, world)
    view.draw(screen, world, 1.0, (800, 400))
    assert (view.camera.shake_x, view.camera.shake_y) != (0, 0)
    for point in ((0, 0), (640, 360), (1279, 719), (123, 456)):
        wx, wy = view.screen_to_world(point)
        assert view.world_to_screen((wx, wy)) == pytest.approx(point)
    cage = world.cage.position
    assert view.screen_to_world(view.world_to_screen(cage)) == pytest.approx(cage)


def test_shake_decays(screen, level):
    world = World(level, 1)
    view = WorldView(level, SCREEN)
    view.draw(screen, world, 1.0, None)
    view.camera.add_trauma(1.0)
    for _ in range(120):
        tick(view, world)
        view.draw(screen, world, 1.0, None)
    assert view.camera.trauma == 0.0
    assert (view.camera.shake_x, view.camera.shake_y) == (0, 0)


# --- a frame ----------------------------------------------------------------------------------


def test_a_frame_is_not_blank(screen, level):
    world = World(level, 1)
    cx, cy = world.cage.position
    view = WorldView(level, SCREEN)
    for i in range(6):
        add_mimic(world, "drone", CIRCLING, cx + 120 * math.cos(i), cy + 120 * math.sin(i))
    screen.fill((0, 0, 0))
    view.draw(screen, world, 1.0, (900, 300))
    Hud(view.sheets).draw(screen, world, (900, 300), 2)
    assert distinct_colors(screen) > 20
    assert screen.get_at((640, 360))[:3] != (0, 0, 0)


def test_the_view_follows_a_resized_window(screen, level):
    world = World(level, 1)
    view = WorldView(level, SCREEN)
    small = pygame.Surface((800, 600))
    view.resize((800, 600))
    view.draw(small, world, 1.0, (400, 300))
    assert view.camera.viewport == (800, 600)
    sx, sy = view.world_to_screen(world.cage.position)
    assert 0 < sx < 800 and 0 < sy < 600


def test_a_new_day_starts_clean(screen, level):
    world = World(level, 1)
    view = WorldView(level, SCREEN)
    view.draw(screen, world, 1.0, None)
    cx, cy = world.cage.position
    view.observe([sim_events.MimicDied(world.tick, 5, "drone", cx + 50, cy)])
    assert view.effects.alive > 0 and view.effects.decals > 0
    view.draw(screen, World(level, 1), 1.0, None)
    assert view.effects.alive == 0 and view.effects.decals == 0


# --- effects ----------------------------------------------------------------------------------


def every_event(world: World) -> list[SimEvent]:
    """One of each event type the simulation can report, around Cage."""
    cx, cy = world.cage.position
    values = {
        "tick": world.tick,
        "x": cx + 40.0,
        "y": cy,
        "end_x": cx + 300.0,
        "end_y": cy + 20.0,
        "hit": "wall",
        "kind": "drone",
        "cause": "drone lunge",
        "mimic_id": 1,
    }
    made = []
    for obj in vars(sim_events).values():
        if isinstance(obj, type) and issubclass(obj, SimEvent) and obj is not SimEvent:
            kwargs = {}
            for f in dataclasses.fields(obj):
                if f.name in values:
                    kwargs[f.name] = values[f.name]
                elif f.type in ("int", int):
                    kwargs[f.name] = 12
                elif f.type in ("float", float):
                    kwargs[f.name] = 1.0
                else:
                    kwargs[f.name] = "x"
            made.append(obj(**kwargs))
    made.append(sim_events.ShotFired(world.tick, cx, cy, cx - 200, cy, "mimic"))
    made.append(sim_events.ShotFired(world.tick, cx, cy, cx, cy - 480, "none"))
    made.append(sim_events.MimicDied(world.tick, 2, "alpha", cx - 100, cy))
    return made


def test_effects_from_every_event_play_and_then_expire(screen, level):
    world = World(level, 1)
    view = WorldView(level, SCREEN)
    view.draw(screen, world, 1.0, None)
    plain = pygame.image.tobytes(screen, "RGB")
    events = every_event(world)
    assert {type(e).__name__ for e in events} >= {
        "ShotFired",
        "MimicHit",
        "MimicDied",
        "MimicEmerged",
        "CageHurt",
        "CageDied",
    }
    view.observe(events)
    tick(view, world)
    view.draw(screen, world, 0.5, None)
    assert pygame.image.tobytes(screen, "RGB") != plain
    assert view.effects.alive > 0
    assert view.camera.trauma > 0
    for t in range(4 * T.TICK_RATE):  # a few seconds of play later ...
        tick(view, world)
        if t % 5 == 0:
            view.draw(screen, world, 1.0, None)
    assert view.effects.alive == 0, "flashes, tracers, particles and bursts are gone"
    assert view.effects.decals > 0, "but the splats still stain the sand"
    assert view.effects.flash.level == 0.0
    for t in range(17 * T.TICK_RATE):
        tick(view, world)
        if t % 30 == 0:
            view.draw(screen, world, 1.0, None)
    view.draw(screen, world, 1.0, None)
    assert view.effects.decals == 0, "and after about 20 s they have faded away"


def test_effects_pool_is_bounded(screen, level):
    world = World(level, 1)
    view = WorldView(level, SCREEN)
    from game.render import effects

    for _ in range(200):
        view.observe(every_event(world))
    # A burst of rounds in one frame (each tick's three shots), before any draw lets them fade.
    assert len(view.effects._tracers) <= effects.MAX_TRACERS, "tracers are pooled too"
    view.draw(screen, world, 1.0, None)
    assert view.effects.alive <= effects.MAX_PARTICLES + effects.MAX_FX + effects.MAX_TRACERS
    assert len(view.effects._tracers) <= effects.MAX_TRACERS
    assert view.effects.decals <= effects.MAX_DECALS


def test_a_blow_the_sim_lands_flashes_the_screen_and_shakes_it(screen):
    """A real CageHurt, from a drone's lunge in a day, through the view as a frame takes it."""
    day = arena(objects=(spawn(10, 640 + 200, 480, at=0.0, emerge=False),))
    world = World(day, 5)
    view = WorldView(day, SCREEN)
    view.draw(screen, world, 1.0, None)
    for _ in range(T.seconds(10)):
        hurt = [e for e in tick(view, world) if type(e) is sim_events.CageHurt]
        if hurt:
            break
    assert hurt, "the drone's lunge lands"
    assert view.effects.flash.level > 0.5 and view.camera.trauma > 0


def test_a_note_read_and_the_gate_it_opens_are_announced():
    """Real IntelRead and GateOpened, from walking up to a note by a gate, become notices."""
    from arena import obj

    from game.render.notices import Notices
    from game.sim.memory import Memory

    gate = obj(20, "Gate", 700, 0, 32, 960, requires="intel:gate-code", message="Locked.")
    intel = obj(21, "Intel", 660, 480, knowledge="intel:gate-code", title="Notebook", text="0417")
    world = World(arena(objects=(gate, intel)), 1, Memory(loop=1))
    for _ in range(15):
        world.step(InputFrame(move_x=127))
    events = world.step(InputFrame(buttons=inputs.INTERACT))
    notices = Notices()
    notices.observe(events)
    headings = [t.heading for t in notices.toasts]
    assert "NOTEBOOK" in headings and "THE WAY IS OPEN" in headings


def test_firing_for_real_shows_muzzle_flash_and_tracer(screen, level):
    world = World(level, 1)
    view = WorldView(level, SCREEN)
    view.draw(screen, world, 1.0, None)
    tick(view, world)
    view.draw(screen, world, 0.0, None)
    sx, sy = view.world_to_screen(world.cage.position)
    muzzle = pygame.Rect(round(sx) + 20, round(sy) - 8, 16, 16)
    lane = pygame.Rect(round(sx) + 60, round(sy) - 3, 160, 7)  # east of Cage, along the shot
    assert hot_pixels(screen, muzzle) == 0 and hot_pixels(screen, lane) == 0
    fired = tick(view, world, InputFrame(aim=EAST, buttons=inputs.FIRE))
    assert any(isinstance(e, sim_events.ShotFired) for e in fired)
    view.draw(screen, world, 0.0, None)
    assert hot_pixels(screen, muzzle) > 20, "a muzzle flash at the barrel"
    assert hot_pixels(screen, lane) > 100, "a tracer down the line of fire"


# --- the HUD ----------------------------------------------------------------------------------


def hud_pixels(world: World, hud: Hud, mouse=(640, 360)) -> bytes:
    canvas = pygame.Surface(SCREEN)
    canvas.fill((60, 70, 60))
    hud.draw(canvas, world, mouse, 1)
    return pygame.image.tobytes(canvas, "RGB")


def test_hud_shows_reloading(screen, level):
    world = World(level, 1)
    hud = Hud()
    ready = hud_pixels(world, hud)
    world.cage.reload_ticks = T.RIFLE_RELOAD // 2
    reloading = hud_pixels(world, hud)
    world.cage.reload_ticks = 10
    nearly = hud_pixels(world, hud)
    assert reloading != ready
    assert nearly != reloading, "the reload bar fills"


def test_hud_flashes_empty_and_turns_red_when_hurt(screen, level):
    world = World(level, 1)
    hud = Hud()
    full = hud_pixels(world, hud)
    world.cage.ammo = 0
    empty = [hud_pixels(world, hud)]
    world.tick += 15
    empty.append(hud_pixels(world, hud))
    assert full not in empty
    assert empty[0] != empty[1], "EMPTY flashes"
    world.cage.ammo = T.RIFLE_MAGAZINE
    world.cage.integrity = 20
    low = hud_pixels(world, hud)
    world.tick += 5
    assert low != full
    assert hud_pixels(world, hud) != low, "low integrity pulses"


def test_hud_clock_and_crosshair(screen, level):
    assert clock_text(0) == "0:00.000"
    assert clock_text(61) == "0:01.016"
    assert clock_text(60 * 60 * 5 + 30) == "5:00.500"
    world = World(level, 1)
    hud = Hud()
    with_cursor = hud_pixels(world, hud, (300, 300))
    assert with_cursor != hud_pixels(world, hud, (700, 500)), "the crosshair follows the mouse"
    assert with_cursor != hud_pixels(world, hud, None)


# --- sheets and assets ------------------------------------------------------------------------


def test_assets_are_found_and_sheets_load(screen):
    assert (assets_dir() / "sprites").is_dir()
    sheet = load_sheet("drone")
    assert sheet.frame_size == (40, 40)
    assert sheet.animation("move").name == "move"


def test_a_missing_sheet_names_its_file(screen, tmp_path):
    with pytest.raises(AssetError, match="ghost.json"):
        load_sheet("ghost", tmp_path)


def test_a_missing_animation_falls_back_to_the_first(screen, tmp_path):
    image = pygame.Surface((20, 10), pygame.SRCALPHA)
    pygame.image.save(image, str(tmp_path / "tiny.png"))
    spec = {"frame": [10, 10], "animations": {"idle": {"row": 0, "frames": 2}}}
    (tmp_path / "tiny.json").write_text(json.dumps(spec))
    sheet = load_sheet("tiny", tmp_path)
    assert sheet.animation("walk") is sheet.animation("idle")
    assert len(sheet.animation("walk").frames) == 2


def test_a_sheet_decoded_ahead_loads_without_reading_its_file_and_looks_the_same(
    screen, monkeypatch
):
    """A map's card loaded each kind's sheet on a frame: decoding the brood's PNG was 3 of its
    5 ms. The run's loading has it decoded on a thread; the card only converts it."""
    from game.render.sheets import SheetBank

    bank = SheetBank()
    bank.preread(["brood", "no_such_kind"]).join()
    real = pygame.image.load

    def no_disk(*args, **kwargs):
        raise AssertionError("the sheet's PNG was decoded on the frame")

    monkeypatch.setattr(pygame.image, "load", no_disk)
    ahead = bank.kind("brood")
    monkeypatch.setattr(pygame.image, "load", real)
    plain = load_sheet("brood")
    for name, animation in plain.animations.items():
        for a, b in zip(animation.frames, ahead.animation(name).frames, strict=True):
            assert pygame.image.tobytes(a, "RGBA") == pygame.image.tobytes(b, "RGBA"), name
    assert bank.kind("no_such_kind") is bank["drone"]  # a kind without art looks like a drone


def test_a_broken_sheet_decoded_ahead_still_names_its_file(screen, tmp_path):
    from game.render.sheets import SheetBank

    (tmp_path / "broken.png").write_bytes(b"\x89PNG not really")
    spec = {"frame": [10, 10], "animations": {"idle": {"row": 0, "frames": 1}}}
    (tmp_path / "broken.json").write_text(json.dumps(spec))
    bank = SheetBank(tmp_path)
    bank.preread(["broken"]).join()
    with pytest.raises(AssetError, match="broken.png"):
        bank["broken"]


# --- the real campaign map --------------------------------------------------------------------


def test_the_beachhead_draws(screen):
    from game.level import loader
    from game.level.campaign import resolve_level

    beach = loader.load_level(resolve_level("beachhead"))
    world = World(beach, 1)
    view = WorldView(beach, SCREEN)
    for _ in range(3):
        tick(view, world, InputFrame(move_y=-127, aim=quantize_aim(-math.pi / 2)))
        view.draw(screen, world, 0.5, (640, 200))
    assert distinct_colors(screen) > 30
    assert view.tilemap.chunks_built <= 12


def test_the_ground_is_built_a_chunk_a_frame_once_the_kinds_art_is_warm(screen):
    """Walking into a part of the beach not yet seen built its chunks on that frame (three at
    once: a 4-12 ms frame); once the Mimics' art is warm, the rest is built one a frame."""
    from game.level import loader
    from game.level.campaign import resolve_level

    beach = loader.load_level(resolve_level("beachhead"))
    world = World(beach, 1)
    view = WorldView(beach, SCREEN)
    view.draw(screen, world, 1.0)
    view.actors.warm()
    tilemap = view.tilemap
    whole = tilemap.columns * tilemap.rows
    built = [tilemap.chunks_built]
    for _ in range(whole + 2):
        view.draw(screen, world, 1.0)
        built.append(tilemap.chunks_built)
    assert max(b - a for a, b in zip(built, built[1:], strict=False)) <= 1, "one a frame at most"
    assert built[-1] == whole, "the whole ground was built"
    world.cage.body.position = (beach.pixel_width - 40.0, beach.pixel_height - 40.0)
    view.draw(screen, world, 1.0)
    assert tilemap.chunks_built == whole, "the far corner's chunks were built again"


# --- the map's things and Cage's memories ----------------------------------------------------


def things_level(level: LevelData) -> LevelData:
    from game.level.data import MapObject

    extra = (
        MapObject(70, "mine", "Mine", 1160.0, 560.0, properties=(("field", "field:test"),)),
        MapObject(71, "officer", "Intel", 760.0, 560.0, properties=(("knowledge", "intel:x"),)),
        MapObject(72, "rita", "Rita", 860.0, 760.0),
    )
    return dataclasses.replace(level, objects=(*level.objects, *extra))


def region_bytes(view: WorldView, surface: pygame.Surface, point, half: int = 20) -> bytes:
    sx, sy = view.world_to_screen(point)
    rect = pygame.Rect(round(sx) - half, round(sy) - half, half * 2, half * 2)
    return pygame.image.tobytes(surface.subsurface(rect).copy(), "RGB")


def test_only_mines_cage_knows_about_are_shown(screen, level):
    from game.sim.memory import Memory

    rich = things_level(level)
    shots = []
    for knowledge in ({}, {"field:test": 1}):
        world = World(rich, 1, Memory(loop=1, knowledge=dict(knowledge)))
        view = WorldView(rich, SCREEN)
        view.draw(screen, world, 1.0, None)
        shots.append(region_bytes(view, screen, (1160.0, 560.0)))
    bare_world = World(level, 1)
    bare = WorldView(level, SCREEN)
    bare.draw(screen, bare_world, 1.0, None)
    assert shots[0] == region_bytes(bare, screen, (1160.0, 560.0)), "an unknown mine is hidden"
    assert shots[1] != shots[0], "a known mine is marked"


def test_intel_rita_and_grenades_are_drawn(screen, level):
    from game.sim.ordnance import Grenade

    rich = things_level(level)
    bare_world, world = World(level, 1), World(rich, 1)
    assert world.rita is not None
    bare, view = WorldView(level, SCREEN), WorldView(rich, SCREEN)
    bare.draw(screen, bare_world, 1.0, None)
    bare_frame = screen.copy()
    before = [region_bytes(bare, bare_frame, p) for p in ((760.0, 560.0), (860.0, 760.0))]
    view.draw(screen, world, 1.0, None)
    after = [region_bytes(view, screen, p) for p in ((760.0, 560.0), (860.0, 760.0))]
    assert before[0] != after[0], "unread intel shows"
    assert before[1] != after[1], "Rita shows"
    cx, cy = world.cage.position
    world.grenades.append(Grenade(500, cx, cy, cx + 200, cy - 100, 40, 20))
    view.draw(screen, world, 1.0, None)
    midway = (cx + 100, cy - 50 - 28)  # halfway along, at the top of its lob
    assert region_bytes(view, screen, midway, 6) != region_bytes(bare, bare_frame, midway, 6)


def test_death_markers_show_and_can_be_hidden(screen, level):
    from game.sim.memory import DeathRecord, Memory

    memory = Memory(loop=2, deaths=[DeathRecord(1, 600, 1100.0, 700.0, "drone lunge")])
    world = World(level, 1, memory)
    view = WorldView(level, SCREEN)
    view.draw(screen, world, 1.0, None)
    shown = region_bytes(view, screen, (1100.0, 700.0))
    view.show_death_markers = False
    view.draw(screen, world, 1.0, None)
    hidden = region_bytes(view, screen, (1100.0, 700.0))
    assert shown != hidden


# --- boundaries -------------------------------------------------------------------------------


def test_the_renderer_stays_a_view():
    """No render module imports the scenes or the app; only the bench touches pyscroll."""
    import ast
    from pathlib import Path

    import game.render

    offenders = []
    for path in sorted(Path(game.render.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                if name.startswith(("game.scenes", "game.app")):
                    offenders.append(f"{path.name}: {name}")
                if name.startswith("pyscroll") and path.name != "bench.py":
                    offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_walking_mimics_draw_the_frame_and_turn_their_animation_picks(screen, level):
    """The renderer's quick path for hunting, circling and recovering Mimics places the same
    rotated frame, at the same spot, over the same shadow, as the animation itself would."""
    from game.render.sheets import NORMAL, WHITE
    from game.render.sprites import ROTATION_STEPS, SHADOW_DROP

    world = World(level, 1)
    view = WorldView(level, SCREEN)
    cx, cy = world.cage.position
    walkers = [
        add_mimic(world, kind, state, cx - 300 + 90 * i, cy + 120 + 40 * k)
        for k, kind in enumerate(("drone", "alpha"))
        for i, state in enumerate((HUNTING, CIRCLING, RECOVER))
    ]
    for i, m in enumerate(walkers):
        m.heading = -2.5 + 1.1 * i
    view.draw(screen, world, 0.0, None)  # the view adopts the day (a new day forgets hits)
    view.observe([MimicHit(world.tick, walkers[1].id, *walkers[1].position, 3)])
    for alpha in (0.0, 0.4, 1.0):
        view.draw(screen, world, alpha, None)
        actors = view.actors
        left, top = view.camera.left, view.camera.top
        now = world.tick - 1 + alpha
        bodies = actors._bodies
        shadows = actors._shadows
        for m in walkers:
            x, y = m.body.position
            art = actors.kind_art(m.kind.name, m.kind.radius)
            anim = art.by_state[m.state]
            step = int(m.heading * ROTATION_STEPS / (2 * math.pi) + 0.5) % ROTATION_STEPS
            variant = WHITE if m is walkers[1] else NORMAL
            surf, ox, oy = anim.rotated(anim.index_at(now + m.id * 7), step, variant)
            assert (surf, (x - left + ox, y - top + oy)) in bodies
            sh = art.shadow
            spot = (x - left + sh[1] + SHADOW_DROP[0], y - top + sh[2] + art.shadow_dy)
            assert (sh[0], spot) in shadows


def test_long_notices_are_visible_from_their_first_frames():
    """A notice shown longer than the default (intel, hints) fades in like any other."""
    from game.render.notices import Notices

    screen = pygame.display.set_mode((1280, 720))
    notices = Notices()
    notices.hint("DAY 0", "Hold the beach.")

    class Quiet:
        drill = None

        def nearby_prompt(self) -> str:
            return ""

    blank = screen.copy()
    for _ in range(20):
        screen.blit(blank, (0, 0))
        notices.draw(screen, Quiet())
    assert screen.get_bounding_rect().width > 0
    drawn = pygame.Surface(screen.get_size())
    drawn.blit(screen, (0, 0))
    assert any(drawn.get_at((x, 110))[:3] != blank.get_at((x, 110))[:3] for x in range(500, 780))

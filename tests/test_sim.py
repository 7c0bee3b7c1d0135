"""Cage and the Mimics behave as designed: the physical numbers a player feels."""

from __future__ import annotations

import math

from arena import arena, spawn

from game import tuning as T
from game.level.data import Rect
from game.sim import inputs
from game.sim.events import (
    CageDied,
    CageHurt,
    DryFire,
    MimicDied,
    MimicEmerged,
    MimicLunge,
    MimicTelegraph,
    MimicWindup,
    ReloadFinished,
    ShotFired,
)
from game.sim.inputs import InputFrame, quantize_aim
from game.sim.mimic import CIRCLING, HUNTING, LUNGE, WINDUP
from game.sim.world import World

EAST = quantize_aim(0.0)
RIGHT = InputFrame(move_x=127, aim=EAST)
FIRE_EAST = InputFrame(aim=EAST, buttons=inputs.FIRE)


def run(world: World, frame: InputFrame, ticks: int) -> list:
    events = []
    for _ in range(ticks):
        events.extend(world.step(frame))
    return events


def test_cage_accelerates_to_top_speed_by_force_not_teleport():
    world = World(arena(), seed=1)
    world.step(RIGHT)
    first_speed = world.cage.body.velocity.x
    assert 0 < first_speed < T.CAGE_TOP_SPEED * 0.8  # the suit accelerates, it does not jump
    run(world, RIGHT, 60)
    assert abs(world.cage.body.velocity.x - T.CAGE_TOP_SPEED) < 2.0
    assert abs(world.cage.body.velocity.y) < 1e-6


def test_diagonal_is_not_faster():
    world = World(arena(), seed=1)
    run(world, InputFrame(move_x=127, move_y=127), 60)
    speed = world.cage.body.velocity.length
    assert abs(speed - T.CAGE_TOP_SPEED) < 2.0


def test_cage_stops_when_the_keys_are_released():
    world = World(arena(), seed=1)
    run(world, RIGHT, 60)
    run(world, inputs.NEUTRAL, 30)
    assert world.cage.body.velocity.length < 1.0


def test_slow_ground_slows_him():
    level = arena(slow={(tx, ty): 0.5 for tx in range(40) for ty in range(30)})
    world = World(level, seed=1)
    run(world, RIGHT, 60)
    assert abs(world.cage.body.velocity.x - T.CAGE_TOP_SPEED * 0.5) < 2.0


def test_walls_stop_him():
    wall = Rect(640 + 64, 0, 32, 960)
    world = World(arena(solid=(wall,)), seed=1)
    run(world, RIGHT, 120)
    assert world.cage.position[0] <= wall.x - T.CAGE_RADIUS + 0.5


def test_rifle_fires_ten_rounds_a_second_and_empties_the_magazine():
    world = World(arena(), seed=1)
    shots = [e for e in run(world, FIRE_EAST, 60) if isinstance(e, ShotFired)]
    assert len(shots) == 10
    assert world.cage.ammo == T.RIFLE_MAGAZINE - 10


def test_rounds_reach_480px_with_small_spread():
    world = World(arena(width=60), seed=7)
    shots = [e for e in run(world, FIRE_EAST, 120) if isinstance(e, ShotFired)]
    for shot in shots:
        length = math.hypot(shot.end_x - shot.x, shot.end_y - shot.y)
        assert abs(length - T.RIFLE_RANGE) < 1e-6
        angle = math.degrees(math.atan2(shot.end_y - shot.y, shot.end_x - shot.x))
        assert abs(angle) <= T.RIFLE_SPREAD_DEG + 1e-9
    assert len({round(s.end_y, 3) for s in shots}) > 5  # the spread is real


def test_walls_stop_rounds():
    wall = Rect(640 + 100, 0, 32, 960)
    world = World(arena(solid=(wall,)), seed=1)
    shot = next(e for e in run(world, FIRE_EAST, 2) if isinstance(e, ShotFired))
    assert shot.hit == "wall"
    assert abs(shot.end_x - wall.x) < 1e-6


def test_water_stops_feet_but_not_rounds():
    water = Rect(640 + 64, 0, 64, 960)
    world = World(arena(water=(water,)), seed=1)
    shot = next(e for e in run(world, FIRE_EAST, 2) if isinstance(e, ShotFired))
    assert shot.hit == "none"
    run(world, RIGHT, 120)
    assert world.cage.position[0] <= water.x - T.CAGE_RADIUS + 0.5


def test_empty_magazine_clicks_then_reloads_in_one_and_a_half_seconds():
    world = World(arena(), seed=1)
    events = run(world, FIRE_EAST, T.RIFLE_INTERVAL * T.RIFLE_MAGAZINE + 1)
    assert world.cage.ammo == 0
    assert any(isinstance(e, DryFire) for e in events)
    assert world.cage.reloading
    events = run(world, inputs.NEUTRAL, T.RIFLE_RELOAD)
    assert any(isinstance(e, ReloadFinished) for e in events)
    assert world.cage.ammo == T.RIFLE_MAGAZINE


def test_reload_key_reloads_a_partial_magazine_and_blocks_fire_meanwhile():
    world = World(arena(), seed=1)
    run(world, FIRE_EAST, 12)
    world.step(InputFrame(aim=EAST, buttons=inputs.RELOAD))
    during = [e for e in run(world, FIRE_EAST, T.RIFLE_RELOAD - 2) if isinstance(e, ShotFired)]
    assert during == []
    run(world, inputs.NEUTRAL, 2)
    assert world.cage.ammo == T.RIFLE_MAGAZINE


def test_burrowed_drone_telegraphs_for_one_second_then_emerges():
    world = World(arena(objects=(spawn(10, 900, 480, at=0.5),)), seed=3)
    events = run(world, inputs.NEUTRAL, T.seconds(0.5) + 1)
    telegraph = [e for e in events if isinstance(e, MimicTelegraph)]
    assert len(telegraph) == 1 and telegraph[0].duration == T.DRONE_TELEGRAPH
    assert telegraph[0].tick == T.seconds(0.5)
    events = run(world, inputs.NEUTRAL, T.DRONE_TELEGRAPH)
    emerged = [e for e in events if isinstance(e, MimicEmerged)]
    assert len(emerged) == 1
    assert emerged[0].tick == T.seconds(0.5) + T.DRONE_TELEGRAPH


def test_four_rounds_kill_a_drone():
    # A drone that appears right in front of the barrel (no emergence), and Cage fires east.
    world = World(arena(objects=(spawn(10, 640 + 60, 480, at=0.0, emerge=False),)), seed=3)
    world.step(inputs.NEUTRAL)
    deaths, hits = [], 0
    for _ in range(40):
        drone = world.mimics[0] if world.mimics else None
        if drone is None:
            break
        dx, dy = drone.position[0] - 640, drone.position[1] - 480
        frame = InputFrame(aim=quantize_aim(math.atan2(dy, dx)), buttons=inputs.FIRE)
        events = world.step(frame)
        hits += sum(1 for e in events if isinstance(e, ShotFired) and e.hit == "mimic")
        deaths += [e for e in events if isinstance(e, MimicDied)]
    assert len(deaths) == 1
    assert hits == T.DRONE_HEALTH


def test_drone_hunts_circles_winds_up_then_lunges_faster_than_cage():
    world = World(arena(objects=(spawn(10, 640 + 400, 480, at=0.0, emerge=False),)), seed=5)
    seen_states = set()
    windup_tick = lunge_tick = None
    lunge_speed = 0.0
    for _ in range(T.seconds(6)):
        events = world.step(inputs.NEUTRAL)
        if not world.mimics:
            break
        drone = world.mimics[0]
        seen_states.add(drone.state)
        for e in events:
            if isinstance(e, MimicWindup) and windup_tick is None:
                windup_tick = e.tick
            if isinstance(e, MimicLunge) and lunge_tick is None:
                lunge_tick = e.tick
                lunge_speed = drone.body.velocity.length
        if lunge_tick is not None:
            break
    assert {HUNTING, CIRCLING, WINDUP, LUNGE} <= seen_states
    # The wind-up is visible for its whole duration before the lunge.
    assert lunge_tick - windup_tick == T.DRONE_WINDUP
    assert lunge_speed > T.CAGE_TOP_SPEED * 2


def test_lunge_hurts_and_knocks_cage_back_physically():
    world = World(arena(objects=(spawn(10, 640 + 200, 480, at=0.0, emerge=False),)), seed=5)
    hurt = None
    for _ in range(T.seconds(10)):
        events = world.step(inputs.NEUTRAL)
        hurt = next((e for e in events if isinstance(e, CageHurt)), None)
        if hurt:
            break
    assert hurt is not None
    assert hurt.damage in (T.DRONE_CONTACT_DAMAGE, T.DRONE_TOUCH_DAMAGE)
    assert world.cage.integrity == T.CAGE_INTEGRITY - hurt.damage
    # Knockback is an impulse: he is moving right after the hit, though he pressed nothing.
    assert world.cage.body.velocity.length > 50


def test_cage_dies_when_integrity_runs_out():
    spawns = tuple(
        spawn(10 + i, 640 + 150 * math.cos(i), 480 + 150 * math.sin(i), emerge=False)
        for i in range(8)
    )
    world = World(arena(objects=spawns), seed=9)
    died = []
    for _ in range(T.seconds(60)):
        died += [e for e in world.step(inputs.NEUTRAL) if isinstance(e, CageDied)]
        if died:
            break
    assert len(died) == 1
    assert world.cage.dead and world.cage.integrity == 0
    assert world.death_tick == died[0].tick
    assert "drone" in died[0].cause


def test_same_seed_same_inputs_same_day():
    def day(seed):
        spawns = tuple(spawn(10 + i, 300 + 60 * i, 200, at=0.2 * i, count=2) for i in range(6))
        world = World(arena(objects=spawns), seed=seed)
        for t in range(600):
            world.step(
                InputFrame(
                    move_x=(t // 50) % 3 - 1,
                    aim=(t * 300) % 65536,
                    buttons=inputs.FIRE if t % 90 < 60 else 0,
                )
            )
        return world.state_hash()

    assert day(11) == day(11)
    assert day(11) != day(12)

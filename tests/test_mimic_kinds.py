"""Every kind of Mimic fights its own way, and that way is what a player meets: the spitter's acid
flies and can be sidestepped, the burrower is out of reach under the sand until it erupts, the
carapace turns rounds from the front but not from behind, the brood takes no round at all but the
blade, births mites, and the hulk's charge ends in a slam. Each kind has its sheet and is in the
campaign."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from arena import arena, obj

from game import tuning as T
from game.level.atlas import load_atlas
from game.level.campaign import resolve_level
from game.level.schema import load_schema
from game.sim import events as ev
from game.sim import inputs
from game.sim.inputs import InputFrame, quantize_aim
from game.sim.loop import Run
from game.sim.memory import Memory
from game.sim.mimic import KINDS, TUNNELING
from game.sim.world import World

ROOT = Path(__file__).resolve().parent.parent


def world_with(kind: str, x: float, y: float, training: int = 0) -> tuple[World, object]:
    world = World(arena(), seed=3, memory=Memory(loop=1, training_level=training))
    mimic_id = world._add_mimic(KINDS[kind], x, y, False, "", 1.0)
    return world, world.mimic_system.with_id(mimic_id)


def run_for(world: World, ticks: int, frame: InputFrame = inputs.NEUTRAL) -> list:
    events = []
    for _ in range(ticks):
        events += world.step(frame)
    return events


def test_every_kind_is_in_the_schema_has_a_sheet_and_fights_in_the_campaign():
    schema = load_schema()
    kinds = schema.class_type("MimicSpawn").member("kind").values
    assert set(kinds) == set(KINDS) and len(kinds) >= 5
    used = set()
    for name in ("beachhead", "dam"):
        level, _ = load_atlas(resolve_level(name))
        used |= {str(s.prop("kind")) for s in level.objects_of("MimicSpawn")}
    assert used == set(KINDS), f"not in the campaign: {set(KINDS) - used}"
    for kind in KINDS:
        meta = json.loads((ROOT / "assets" / "sprites" / f"{kind}.json").read_text())
        assert {"burrowed", "emerge", "move", "windup", "lunge", "die", "hit"} <= set(
            meta["animations"]
        )


def test_a_spitter_keeps_its_distance_and_its_acid_flies_slow_enough_to_step_aside():
    world, spitter = world_with("spitter", 640 + 260, 480)
    events = run_for(world, T.seconds(5))
    fired = [e for e in events if isinstance(e, ev.SpitFired)]
    assert fired, "it spat at him"
    assert math.dist(spitter.position, world.cage.position) > T.SPITTER_TOO_CLOSE, "at range"
    assert any(isinstance(e, ev.CageHurt) and "acid" in e.cause for e in events)
    # The same day, but Cage walks north the moment each glob leaves: none lands.
    world, spitter = world_with("spitter", 640 + 260, 480)
    hurt = []
    for t in range(T.seconds(5)):
        frame = InputFrame(move_y=-127 if (t // 40) % 2 == 0 else 127)
        hurt += [e for e in world.step(frame) if isinstance(e, ev.CageHurt) and "acid" in e.cause]
    assert len(hurt) < len(fired), "moving, he dodges acid that would have hit him standing"


def test_a_burrower_is_out_of_reach_under_the_sand_then_erupts_under_him():
    world, burrower = world_with("burrower", 640 + 300, 480)
    run_for(world, 2)
    assert burrower.state == TUNNELING and not burrower.in_space
    before = burrower.health
    burrower.take_round(1, (0.0, 0.0), world.tick, [])
    assert burrower.health == before, "no round reaches it under the sand"
    events = run_for(world, T.seconds(4))
    assert any(isinstance(e, ev.MimicWindup) and e.kind == "burrower" for e in events)
    assert any(isinstance(e, ev.CageHurt) and "erupting" in e.cause for e in events)


def test_a_burrower_warns_with_the_bulge_and_a_step_aside_is_enough():
    world, burrower = world_with("burrower", 640 + 300, 480)
    for _ in range(T.seconds(4)):
        frame = inputs.NEUTRAL
        if burrower.state == 4:  # the ground bulges: he walks away from it
            dx = world.cage.position[0] - burrower.position[0] or 1.0
            frame = InputFrame(move_x=127 if dx > 0 else -127)
        events = world.step(frame)
        assert not any(isinstance(e, ev.CageHurt) and "erupting" in e.cause for e in events)


@pytest.mark.parametrize("kind", ["carapace", "hulk"])
def test_front_armour_turns_rounds_from_ahead_and_not_from_behind(kind):
    world, mimic = world_with(kind, 640 + 200, 480)
    mimic.heading = math.pi  # facing west, toward Cage
    hits = []
    world.cage.body.position = (640, 480)
    health = mimic.health
    world.action_system.hitscan(world, 640, 480, 14, 0.0, 480, hits)
    assert any(isinstance(e, ev.MimicDeflected) for e in hits) and mimic.health == health
    mimic.heading = 0.0  # turned away: his back to Cage
    world.action_system.hitscan(world, 640, 480, 14, 0.0, 480, hits)
    assert mimic.health == health - 1


def test_the_brood_takes_no_round_but_the_blade_and_births_mites():
    world, brood = world_with("brood", 640 + 60, 480, training=4)
    events = []
    world.action_system.hitscan(world, 640, 480, 14, 0.0, 480, events)
    assert brood.health == T.BROOD_HEALTH and any(isinstance(e, ev.MimicDeflected) for e in events)
    world.step(InputFrame(aim=quantize_aim(0.0), buttons=inputs.BLADE))
    assert brood.health == T.BROOD_HEALTH - T.BLADE_BOSS_DAMAGE
    world.cage.integrity = 10**6  # this test is about the births
    run_for(world, T.seconds(6))
    mites = [m for m in world.mimics if m.kind.name == "mite" and m.parent == brood.id]
    assert 1 <= len(mites) <= T.BROOD_MITE_CAP


def test_the_hulks_charge_ends_in_a_slam():
    world, hulk = world_with("hulk", 640 + 150, 480)
    world.cage.integrity = 10**6
    events = run_for(world, T.seconds(8))
    assert any(isinstance(e, ev.Explosion) and "slam" in e.cause for e in events)


def test_a_mite_swarm_dies_to_one_round_each():
    world = World(arena(), seed=3, memory=Memory(loop=1))
    for i in range(12):
        world._add_mimic(KINDS["mite"], 800 + (i % 4) * 20, 440 + (i // 4) * 30, False, "", 1.0)
    events = []
    for mimic in list(world.mimics):
        mimic.take_round(T.RIFLE_DAMAGE, (0.0, 0.0), world.tick, events)
    assert sum(isinstance(e, ev.MimicDied) for e in events) == 12


def test_an_unaware_mimic_prowls_where_it_came_out_and_never_stands_still():
    world, drone = world_with("drone", 640 + 900, 480)  # beyond its sense
    home = drone.position
    speeds = []
    for _ in range(T.seconds(3)):
        world.step(inputs.NEUTRAL)
        speeds.append(math.hypot(*drone.body.velocity))
    assert not drone.aware and math.dist(drone.position, home) < 120
    assert min(speeds[30:]) > 5.0, "it keeps moving"


def test_rita_never_shoots_an_alpha():
    rita = obj(40, "Rita", 640, 560)
    world = World(arena(objects=(rita,)), seed=3, memory=Memory(loop=1))
    world._add_mimic(KINDS["alpha"], 640 + 200, 560, False, "", 1.0)
    world.cage.integrity = 10**6
    events = run_for(world, T.seconds(4))
    assert not any(isinstance(e, ev.RitaShot) for e in events)


def test_an_alpha_guards_its_ground_and_does_not_follow_him_below():
    world, alpha = world_with("alpha", 640 + 300, 480)
    world.cage.integrity = 10**6
    run_for(world, T.seconds(1))
    assert alpha.aware
    world.final_act = True
    run_for(world, T.seconds(1))
    assert alpha.homing and not alpha.aware


def test_the_mimics_speed_and_the_telegraphs_follow_the_assists():
    from game.sim.assists import LONGER_TELEGRAPHS, SLOWER_MIMICS, Assists

    plain = World(arena(), seed=3, memory=Memory(loop=1))
    gentle = World(arena(), seed=3, memory=Memory(loop=1),
                   assists=Assists(SLOWER_MIMICS | LONGER_TELEGRAPHS))  # fmt: skip
    for world in (plain, gentle):
        world._add_mimic(KINDS["drone"], 640 + 500, 480, True, "", 1.0)
    assert gentle.mimics[0].timer > plain.mimics[0].timer  # a longer warning in the sand
    run_for(plain, T.seconds(2))
    run_for(gentle, T.seconds(2))
    assert math.dist(gentle.mimics[0].position, gentle.cage.position) > math.dist(
        plain.mimics[0].position, plain.cage.position
    )


def test_a_mimic_never_walks_onto_a_mine():
    mines = tuple(obj(100 + i, "Mine", 800 + 40 * i, 480, field="field:test") for i in range(3))
    world = World(arena(objects=mines), seed=3, memory=Memory(loop=1))
    world.cage.integrity = 10**6
    alpha = world.mimic_system.with_id(world._add_mimic(KINDS["alpha"], 1100, 480, False, "",
                                                         1.0))  # fmt: skip
    closest = math.inf
    events = []
    for _ in range(T.seconds(10)):
        events += world.step(inputs.NEUTRAL)
        closest = min(
            closest, *(math.dist(alpha.position, (m.obj.x, m.obj.y)) for m in world.mines)
        )
    assert closest > T.MINE_TRIGGER + T.ALPHA_RADIUS, "it steps around them"
    assert all(m.armed for m in world.mines)
    assert not any(isinstance(e, ev.Explosion) for e in events)
    assert world.alpha_killed_tick is None


def test_only_an_alpha_killed_by_cage_his_ordnance_or_rita_resets_the_day():
    for by, resets in (("mine", False), ("blast", False), ("grenade", True), ("cage", True)):
        run = Run(arena(), seed=3, memory=Memory(loop=1))
        world = run.world
        alpha = world.mimic_system.with_id(world._add_mimic(KINDS["alpha"], 900, 480, False, "",
                                                             1.0))  # fmt: skip
        alpha.take_round(999, (0.0, 0.0), world.tick, [], by)
        reasons = []
        for _ in range(T.ALPHA_RESET_BEAT + 5):
            reasons += [e.reason for e in run.step(inputs.NEUTRAL) if hasattr(e, "reason")]
        assert ("alpha" in reasons) is resets, by
        if resets:
            assert run.memory.deaths[-1].cause.startswith("an Alpha died"), "the log tells it"


def test_more_integrity_gives_a_sturdier_suit():
    from game.sim.assists import MORE_INTEGRITY, Assists

    world = World(arena(), seed=3, memory=Memory(loop=1), assists=Assists(MORE_INTEGRITY))
    assert world.cage.integrity == world.cage.max_integrity == round(T.CAGE_INTEGRITY * 1.5)


def test_however_a_map_is_made_the_day_holds_no_more_mimics_than_the_cap():
    from arena import spawn

    packs = tuple(spawn(200 + i, 900, 480, at=0.0, count=64) for i in range(20))
    world = World(arena(objects=packs), seed=3, memory=Memory(loop=1))
    world.step(inputs.NEUTRAL)
    assert len(world.mimics) == T.MIMICS_ALIVE_CAP


def test_an_alpha_far_off_behind_a_wall_comes_round_it_and_never_stands_still():
    """Off the edge of the old flow field (about 900 px) a blind hunter used to stand still."""
    from game.level.data import Rect

    wall = (Rect(32 * 20, 0, 32, 32 * 42),)  # a long wall between them, open at the south
    level = arena(width=70, height=50, solid=wall, start=(32 * 10, 32 * 10))
    world = World(level, seed=3, memory=Memory(loop=1))
    world.cage.integrity = 10**6
    alpha = world.mimic_system.with_id(
        world._add_mimic(KINDS["alpha"], 32 * 48, 32 * 10, False, "", 1.0)
    )
    alpha.aware = True  # it knows where he is
    start = math.dist(alpha.position, world.cage.position)
    still = 0
    for _ in range(T.seconds(12)):
        world.step(inputs.NEUTRAL)
        still = still + 1 if math.hypot(*alpha.body.velocity) < 5.0 else 0
        assert still < T.seconds(1), "it stood still"
    assert math.dist(alpha.position, world.cage.position) < start / 2

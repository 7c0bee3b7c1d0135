"""The campaign's mechanics: maps joined in one day, the final act, the Omega, the charge."""

from __future__ import annotations

import dataclasses
import math

from arena import arena, spawn
from test_loop import Pilot, obj

from game import tuning as T
from game.level.names import map_key
from game.sim import events as ev
from game.sim import inputs
from game.sim.events import LoopStarted
from game.sim.inputs import InputFrame
from game.sim.loop import Run
from game.sim.memory import Memory


def two_maps():
    """Map A (the start) has an Exit east to B; B has its own timed ambush."""
    exit_obj = obj(50, "Exit", 1100, 400, 64, 160, map="b.tmx", spawn="west")
    a = dataclasses.replace(arena(objects=(exit_obj,)), path="/maps/a.tmx", content_hash="a")
    start_b = obj(60, "PlayerStart", 100, 480, name="west", facing=0.0)
    late = spawn(61, 600, 480, at=1.0, count=2)  # due before he can get there
    b = dataclasses.replace(arena(objects=(late,)), path="/maps/b.tmx", content_hash="b")
    b = dataclasses.replace(b, objects=(start_b, *b.objects))
    return a, {map_key(a.path): a, map_key(b.path): b}


def test_an_exit_carries_the_same_day_into_the_next_map():
    a, atlas = two_maps()
    run = Run(a, seed=1, memory=Memory(loop=1), atlas=atlas)
    run.world.cage.integrity = 77
    entered = None
    for _ in range(600):
        events = run.step(InputFrame(move_x=127))
        entered = next((e for e in events if isinstance(e, ev.LevelEntered)), None)
        if entered:
            break
    assert entered is not None and entered.level == "b" and entered.spawn == "west"
    world = run.world
    assert world.level.path == "/maps/b.tmx"
    assert world.tick == entered.tick  # the day's clock goes on
    assert world.cage.integrity == 77  # he arrives as he left
    assert math.dist(world.cage.position, (100, 480)) < 1
    # The ambush due at 1 s, long past, is already out of the sand when he arrives.
    run.step(inputs.NEUTRAL)
    assert len(world.mimics) == 2 and all(m.state != 0 for m in world.mimics)
    # Death takes him back to the start of the day, on the first map.
    run.step(InputFrame(buttons=inputs.RESET_NOW))
    assert run.world.level.path == "/maps/a.tmx" and run.world.tick == 0


def chamber(memory: Memory):
    gate = obj(70, "Gate", 680, 0, 64, 960, requires="vision:omega", message="Cracked concrete.")
    omega = obj(71, "Omega", 1100, 480)
    charge = obj(72, "Explosive", 800, 480)
    return Run(arena(objects=(gate, omega, charge)), seed=5, memory=memory)


def test_rounds_do_nothing_to_the_omega_and_without_the_vision_the_shaft_is_shut():
    run = chamber(Memory(loop=2))
    pilot = Pilot(run)
    for _ in range(200):
        pilot.step(InputFrame(move_x=127))
    assert run.world.cage.position[0] < 680  # the gate holds
    run = chamber(Memory(loop=2, knowledge={"vision:omega": 1}))
    shots = []
    for _ in range(120):
        shots += [e for e in run.step(InputFrame(aim=0, buttons=inputs.FIRE))
                  if isinstance(e, ev.ShotFired)]  # fmt: skip
    assert run.world.omega.alive
    assert any(s.hit == "wall" and abs(s.end_x - (1100 - T.OMEGA_RADIUS)) < 2 for s in shots)


def test_the_charge_planted_at_the_core_ends_the_omega_and_the_run():
    run = chamber(Memory(loop=3, knowledge={"vision:omega": 1}))
    pilot = Pilot(run)
    begun = []
    for _ in range(200):
        begun += [
            e for e in pilot.step(pilot.frame_toward(800, 480)) if isinstance(e, ev.FinalActBegun)
        ]
        if run.world.charge.state == 1:
            break
    assert begun, "going through the shaft begins the final act"
    assert run.world.final_act and run.world.charge.state == 1
    pilot.go(1100 - 60, 480)
    events = []
    for _ in range(T.PLANT_TICKS + 2):
        events += pilot.step(InputFrame(buttons=inputs.INTERACT))
    planted = [e for e in events if isinstance(e, ev.ChargePlanted)]
    assert planted and planted[0].fuse == T.CHARGE_FUSE
    for _ in range(T.CHARGE_FUSE + 5):
        events += pilot.step(InputFrame(move_x=-127))  # running does not save him
        if run.completed:
            break
    assert any(isinstance(e, ev.OmegaDestroyed) for e in events)
    assert run.completed and run.world.cage.dead
    assert not run.world.omega.alive
    assert all(not m.alive for m in run.world.mimics)
    ticks = run.run_ticks
    assert run.step(inputs.NEUTRAL) == [] and run.run_ticks == ticks  # the clock has stopped


def test_letting_go_of_interact_starts_the_planting_over():
    run = chamber(Memory(loop=3, knowledge={"vision:omega": 1}))
    pilot = Pilot(run)
    pilot.go(800, 480)
    pilot.go(1100 - 60, 480)
    for _ in range(T.PLANT_TICKS - 10):
        pilot.step(InputFrame(buttons=inputs.INTERACT))
    pilot.step(InputFrame())
    assert run.world.charge.plant_progress == 0 and run.world.charge.state == 1


def test_death_beyond_the_loop_is_the_war_lost_and_a_retry_not_a_loop():
    run = chamber(Memory(loop=3, knowledge={"vision:omega": 1}))
    pilot = Pilot(run)
    pilot.go(800, 480)
    assert run.world.final_act
    run.world.cage.integrity = 1
    run.world.cage.take_hit(5, (0.0, 0.0), "a drone", run.world.tick, [])
    reasons = []
    for _ in range(T.DEATH_SETTLE + 2):
        reasons += [e.reason for e in run.step(inputs.NEUTRAL) if isinstance(e, LoopStarted)]
    assert reasons == ["war lost"]
    assert run.memory.loop == 3 and run.memory.knows("vision:omega")
    assert run.memory.deaths[-1].cause == "a drone"


def test_the_omega_sleeps_until_he_comes_down_then_sends_waves_of_drones():
    run = chamber(Memory(loop=3, knowledge={"vision:omega": 1}))
    for _ in range(T.OMEGA_WAVE_INTERVAL * 2):  # not yet down the shaft: the core sleeps
        assert not any(isinstance(e, ev.MimicTelegraph) for e in run.step(inputs.NEUTRAL))
    run.world.final_act = True  # down the shaft: its waves keep time from now
    telegraphs = []
    for _ in range(T.OMEGA_WAVE_INTERVAL * 2):
        telegraphs += [e for e in run.step(inputs.NEUTRAL) if isinstance(e, ev.MimicTelegraph)]
    assert len(telegraphs) == 2 * T.OMEGA_WAVE_SIZE
    for t in telegraphs:
        assert abs(math.dist((t.x, t.y), (1100, 480)) - T.OMEGA_WAVE_RADIUS) < 1e-6


def test_rita_at_his_side_goes_through_the_exit_with_him():
    a, atlas = two_maps()
    rita = obj(55, "Rita", 670, 480)
    a = dataclasses.replace(a, objects=(*a.objects, rita))
    atlas[map_key(a.path)] = a
    memory = Memory(loop=2, training_level=5, knowledge={"rita:phrase": 1})
    run = Run(a, seed=1, memory=memory, atlas=atlas)
    Pilot(run).press(inputs.INTERACT)  # won over at once, and trained to trust him
    assert run.world.rita.following
    for _ in range(900):
        if any(isinstance(e, ev.LevelEntered) for e in run.step(InputFrame(move_x=127))):
            break
    assert run.world.level.path == "/maps/b.tmx"
    assert run.world.rita is not None and run.world.rita.following
    assert math.dist(run.world.rita.position, run.world.cage.position) < 60


def test_before_the_shaft_he_is_told_that_from_here_death_is_final():
    memory = Memory(loop=3, knowledge={"vision:omega": 2})
    run = chamber(memory)
    seen = []
    for _ in range(400):
        events = run.step(InputFrame(move_x=127))
        seen += [type(e).__name__ for e in events
                 if isinstance(e, (ev.PointOfNoReturn, ev.FinalActBegun))]  # fmt: skip
        if "FinalActBegun" in seen:
            break
    assert seen[:2] == ["PointOfNoReturn", "FinalActBegun"]

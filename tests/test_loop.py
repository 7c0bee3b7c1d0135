"""The time loop: the same day every loop; what Cage learns and Rita teaches carries forward."""

from __future__ import annotations

import math

import pytest
from arena import arena, obj, spawn

from game import save
from game import tuning as T
from game.sim import events as ev
from game.sim import inputs
from game.sim.events import LoopStarted
from game.sim.inputs import InputFrame, quantize_aim
from game.sim.loop import Run
from game.sim.memory import Memory
from game.sim.world import World


def looping_memory(**kwargs) -> Memory:
    return Memory(loop=1, **kwargs)


def scripted(t: int) -> InputFrame:
    """A fixed, busy input script: walking, turning, firing, reloading."""
    phase = (t // 40) % 4
    mx, my = ((127, 0), (0, 127), (-127, 0), (0, -127))[phase]
    buttons = inputs.FIRE if t % 50 < 30 else 0
    if t % 300 == 299:
        buttons |= inputs.RELOAD
    return InputFrame(mx, my, (t * 997) % inputs.AIM_UNITS, buttons)


def ambush_level():
    spawns = tuple(spawn(10 + i, 400 + 90 * i, 300, at=0.5 + 0.7 * i, count=2) for i in range(5))
    return arena(objects=spawns)


def test_every_loop_is_the_same_day_tick_for_tick():
    run = Run(ambush_level(), seed=21, memory=looping_memory())
    hashes_by_loop = []
    for _loop in range(3):
        hashes = []
        for t in range(420):
            run.step(scripted(t))
            hashes.append(run.world.state_hash())
        hashes_by_loop.append(hashes)
        events = run.step(InputFrame(buttons=inputs.RESET_NOW))
        assert any(isinstance(e, LoopStarted) and e.reason == "reset" for e in events)
    # Loop 1 taught the ambushes; from then on Memory is the same and so is every tick.
    assert hashes_by_loop[1] == hashes_by_loop[2]
    assert run.memory.loop == 4


def test_seeing_an_ambush_teaches_it_and_later_loops_forecast_it():
    run = Run(ambush_level(), seed=2, memory=looping_memory())
    learned = []
    for _ in range(200):
        learned += [
            e.knowledge for e in run.step(inputs.NEUTRAL) if isinstance(e, ev.KnowledgeLearned)
        ]
    assert "ambush:10" in learned and "ambush:11" in learned
    assert run.memory.knowledge["ambush:10"] == 1
    run.step(InputFrame(buttons=inputs.RESET_NOW))
    forecast = {spawn_id: until for spawn_id, _x, _y, until in run.world.ambush_forecast()}
    assert forecast[10] == T.seconds(0.5) - run.world.tick  # a countdown to when it comes
    assert 14 not in forecast  # never seen: no marker


def test_knowledge_and_training_survive_a_reset_and_a_restart(_aynik_home):
    memory = looping_memory(training_level=3)
    memory.learn("intel:gate-code")
    run = Run(arena(), seed=1, memory=memory)
    run.step(InputFrame(buttons=inputs.RESET_NOW))
    assert run.memory.knows("intel:gate-code") and run.memory.training_level == 3
    assert run.world.cage.grenades == T.GRENADES_PER_DAY  # the ability comes with the level
    save.write_save(run.memory)
    restored = save.load_save().memory
    assert restored == run.memory
    assert Run(arena(), seed=1, memory=restored).world.cage.training_level == 3


def test_death_records_where_when_and_what_then_the_loop_takes_him_back():
    spawns = tuple(spawn(10 + i, 640 + 140 * math.cos(i), 480 + 140 * math.sin(i), emerge=False)
                   for i in range(8))  # fmt: skip
    run = Run(arena(objects=spawns), seed=9, memory=looping_memory())
    started = None
    for _ in range(T.seconds(60)):
        events = run.step(inputs.NEUTRAL)
        started = next((e for e in events if isinstance(e, LoopStarted)), None)
        if started:
            break
    assert started is not None and started.reason == "death" and started.loop == 2
    death = run.memory.deaths[-1]
    assert death.loop == 1 and "drone" in death.cause and death.tick > 0
    assert run.world.tick == 0 and run.world.cage.integrity == T.CAGE_INTEGRITY


def test_day_zero_death_is_a_new_game():
    spawns = tuple(spawn(10 + i, 640 + 140 * math.cos(i), 480 + 140 * math.sin(i), emerge=False)
                   for i in range(8))  # fmt: skip
    run = Run(arena(objects=spawns), seed=9)
    reasons = []
    for _ in range(T.seconds(60)):
        reasons += [e.reason for e in run.step(inputs.NEUTRAL) if isinstance(e, LoopStarted)]
        if reasons:
            break
    assert reasons == ["new game"]
    assert run.memory == Memory()  # nothing carries: the loop was never his


def test_the_claymore_on_the_day_zero_alpha_makes_the_loop_his():
    alpha = spawn(10, 640 + 160, 480, kind="alpha", emerge=False)
    run = Run(arena(objects=(alpha,)), seed=4)
    assert not run.memory.looping
    run.step(inputs.NEUTRAL)
    # Rounds glance off the Day 0 Alpha.
    for _ in range(30):
        alpha_mimic = run.world.mimics[0]
        dx, dy = alpha_mimic.position[0] - 640, alpha_mimic.position[1] - 480
        run.step(InputFrame(aim=quantize_aim(math.atan2(dy, dx)), buttons=inputs.FIRE))
    assert run.world.mimics[0].health == T.ALPHA_HEALTH
    # Wait for it to come close, then set off the claymore.
    reasons = []
    for t in range(T.seconds(30)):
        world = run.world
        close = world.mimics and math.dist(world.mimics[0].position, world.cage.position) < 90
        frame = InputFrame(buttons=inputs.INTERACT if close and t % 2 else 0)
        events = run.step(frame)
        reasons += [e.reason for e in events if isinstance(e, LoopStarted)]
        if reasons:
            break
    assert reasons == ["alpha"]
    assert run.memory.looping and run.memory.loop == 1
    assert "claymore" in run.memory.deaths[-1].cause


def test_gates_open_only_with_their_knowledge():
    gate = obj(20, "Gate", 700, 0, 32, 960, requires="intel:gate-code", message="Locked.")
    intel = obj(21, "Intel", 660, 480, knowledge="intel:gate-code", title="Notebook", text="0417")
    level = arena(objects=(gate,))
    world = World(level, 1, looping_memory())
    for _ in range(120):
        events = world.step(InputFrame(move_x=127))
    assert world.cage.position[0] < 700 - T.CAGE_RADIUS + 0.5
    # With the code, the same gate lets him through.
    world = World(arena(objects=(gate, intel)), 1, looping_memory())
    for _ in range(15):
        world.step(InputFrame(move_x=127))
    events = world.step(InputFrame(buttons=inputs.INTERACT))
    assert any(isinstance(e, ev.IntelRead) for e in events)
    assert any(isinstance(e, ev.GateOpened) for e in events)
    for _ in range(120):
        world.step(InputFrame(move_x=127))
    assert world.cage.position[0] > 760


def test_a_mine_kills_then_is_shown_in_every_later_loop():
    mine = obj(30, "Mine", 640 + 100, 480, field="field:test")
    run = Run(arena(objects=(mine,)), seed=1, memory=looping_memory())
    assert run.world.known_mines() == []
    boom = []
    for _ in range(200):
        events = run.step(InputFrame(move_x=127))
        boom += [e for e in events if isinstance(e, ev.Explosion)]
        if any(isinstance(e, LoopStarted) for e in events):
            break
    assert boom and run.memory.knows("field:test")
    assert run.memory.deaths[-1].cause == "a mine"
    assert run.world.known_mines() == [(740, 480)]


# --- Rita and her drills ---------------------------------------------------------------------


def drill_level():
    rita = obj(40, "Rita", 300, 300)
    drills = (
        obj(41, "TrainingDrill", 500, 200, 300, 200, drill="move", level=1),
        obj(42, "TrainingDrill", 500, 500, 300, 200, drill="reload", level=2),
        obj(43, "TrainingDrill", 900, 200, 300, 400, drill="ordnance", level=3),
        obj(44, "TrainingDrill", 100, 500, 300, 200, drill="blade", level=4),
        obj(45, "TrainingDrill", 560, 760, 200, 120, drill="trust", level=5),
    )
    return arena(width=50, height=32, objects=(rita, *drills), start=(320, 300))


class Pilot:
    """Drives Cage through the drills like a careful player."""

    def __init__(self, run: Run) -> None:
        self.run = run

    def frame_toward(self, x, y, buttons=0, aim=None) -> InputFrame:
        cx, cy = self.run.world.cage.position
        dx, dy = x - cx, y - cy
        d = math.hypot(dx, dy)
        move = (0, 0) if d < 4 else (round(dx / d * 127), round(dy / d * 127))
        if d < 30 and d >= 4:  # ease in so he stops on the spot
            move = (round(dx / d * 40), round(dy / d * 40))
        aim = quantize_aim(math.atan2(dy, dx)) if aim is None else aim
        return InputFrame(move[0], move[1], aim, buttons)

    def go(self, x, y, limit=600) -> None:
        for _ in range(limit):
            self.step(self.frame_toward(x, y))
            if math.dist(self.run.world.cage.position, (x, y)) < 5:
                break
        for _ in range(20):
            self.step(InputFrame())

    def step(self, frame) -> list:
        events = self.run.step(frame)
        return events

    def press(self, button, aim=0) -> list:
        events = self.step(InputFrame(aim=aim, buttons=button))
        events += self.step(InputFrame(aim=aim))
        return events


def start_drill(pilot: Pilot, drill_obj) -> None:
    pilot.go(*drill_obj.center)
    events = pilot.press(inputs.INTERACT)
    assert any(isinstance(e, ev.DrillStarted) for e in events), events


def test_rita_first_meeting_costs_a_scene_and_she_trains_him_only_the_next_day():
    level = drill_level()
    run = Run(level, seed=1, memory=looping_memory())
    pilot = Pilot(run)
    events = pilot.press(inputs.INTERACT)
    ticks = 0
    while not run.memory.knows("rita:phrase"):
        events = pilot.step(InputFrame(move_x=127))  # frozen: he cannot walk away mid-talk
        ticks += 1
        assert ticks < T.RITA_TALK + 5
    assert ticks >= T.RITA_TALK - 2
    assert not any(isinstance(e, ev.RitaWon) for e in events)
    # She told him what to say, but she will not train a stranger today.
    move = next(o for o in level.objects_of("TrainingDrill") if o.prop("drill") == "move")
    pilot.go(*move.center)
    events = pilot.press(inputs.INTERACT)
    assert run.world.drill is None
    assert any(isinstance(e, ev.GateLocked) and "stranger" in e.message for e in events)
    # The next day he says it at once, and she trains him.
    run.step(InputFrame(buttons=inputs.RESET_NOW))
    pilot = Pilot(run)
    events = pilot.press(inputs.INTERACT)
    assert any(isinstance(e, ev.RitaWon) and e.quick for e in events)
    start_drill(pilot, move)


def test_each_drill_grants_its_ability_for_good():
    level = drill_level()
    memory = looping_memory()
    memory.learn("rita:phrase")
    run = Run(level, seed=3, memory=memory)
    pilot = Pilot(run)
    pilot.press(inputs.INTERACT)  # Rita, won over with the phrase
    drills = {o.prop("drill"): o for o in level.objects_of("TrainingDrill")}

    # 1 move: the marks in order.
    start_drill(pilot, drills["move"])
    for mark in list(run.world.drill.marks):
        pilot.go(mark[0], mark[1], limit=200)
        if run.world.drill is None:
            break
    assert run.memory.training_level == 1 and run.world.cage.can_dash

    # 2 reload: every target, as each stands up, with a short magazine.
    start_drill(pilot, drills["reload"])
    for _ in range(T.seconds(13)):
        drill = run.world.drill
        if drill is None:
            break
        target = next((t for t in drill.targets if t.alive and t.up), None)
        if target is None:
            pilot.step(InputFrame())
            continue
        cx, cy = run.world.cage.position
        aim = quantize_aim(math.atan2(target.y - cy, target.x - cx))
        buttons = inputs.FIRE if run.world.cage.ammo else inputs.RELOAD
        pilot.step(InputFrame(aim=aim, buttons=buttons))
    assert run.memory.training_level == 2
    assert run.world.cage.reload_duration == T.FAST_RELOAD

    # 3 ordnance: stand a throw's length south of each ring and lob one north.
    start_drill(pilot, drills["ordnance"])
    north = quantize_aim(-math.pi / 2)
    for ring in list(run.world.drill.rings):
        pilot.go(ring[0], ring[1] + T.GRENADE_RANGE, limit=300)
        pilot.press(inputs.GRENADE, aim=north)
        for _ in range(T.GRENADE_FLIGHT + 5):
            pilot.step(InputFrame(aim=north))
    assert run.memory.training_level == 3 and run.world.cage.grenades == T.GRENADES_PER_DAY

    # 4 blade: walk up to each dummy as it stands up, and cut it.
    start_drill(pilot, drills["blade"])
    for _ in range(T.seconds(14)):
        drill = run.world.drill
        if drill is None:
            break
        target = next((t for t in drill.targets if t.alive and t.up), None)
        if target is None:
            pilot.step(InputFrame())
            continue
        pilot.go(target.x, target.y + 30, limit=200)
        pilot.press(inputs.BLADE, aim=quantize_aim(-math.pi / 2))
        for _ in range(T.BLADE_COOLDOWN):
            pilot.step(InputFrame())
    assert run.memory.training_level == 4 and run.world.cage.has_blade

    # 5 trust: hold out together until the clock runs down.
    run.world.cage.integrity = 10**6  # this test is about the grant, not the fight
    start_drill(pilot, drills["trust"])
    passed = []
    for _ in range(T.DRILL_TIME["trust"] + 10):
        passed += [e for e in pilot.step(InputFrame()) if isinstance(e, ev.DrillPassed)]
        if passed:
            break
    assert passed and passed[0].level == 5
    assert run.world.rita.following

    # All of it carries into the next loop.
    run.step(InputFrame(buttons=inputs.RESET_NOW))
    cage = run.world.cage
    assert run.memory.training_level == 5
    assert cage.can_dash and cage.has_blade and cage.grenades == T.GRENADES_PER_DAY


def test_a_gate_stays_shut_when_something_else_is_learned():
    """Reading an Intel teaches its own knowledge: only a Gate that requires it opens."""
    gate = obj(20, "Gate", 700, 0, 32, 960, requires="intel:gate-code", message="Locked.")
    other = obj(21, "Intel", 660, 480, knowledge="intel:weather", title="Forecast", text="Rain")
    world = World(arena(objects=(gate, other)), 1, looping_memory())
    for _ in range(15):
        world.step(InputFrame(move_x=127))
    events = world.step(InputFrame(buttons=inputs.INTERACT))
    assert any(isinstance(e, ev.IntelRead) for e in events), "he read the other note"
    assert world.memory.knows("intel:weather")
    assert not any(isinstance(e, ev.GateOpened) for e in events)
    for _ in range(120):
        world.step(InputFrame(move_x=127))
    assert world.cage.position[0] < 700 - T.CAGE_RADIUS + 0.5, "the gate still holds him"


def test_only_the_charge_destroys_the_omega_never_a_grenade_or_a_mine():
    core = obj(40, "Omega", 1000, 480)
    world = World(arena(objects=(core,)), 1, looping_memory())
    world.cage.integrity = 10**6  # he stands in his own blasts here
    events: list = []
    for by, cause in (("grenade", "a grenade"), ("mine", "a mine"), ("blast", "a claymore")):
        world.thing_system.blast(world, 1000.0, 480.0, 160.0, 999, 0, 400.0, cause, events, by=by)
        world.step(InputFrame())
        assert world.omega.alive, f"{cause} at the core leaves the Omega alive"
    assert world.completed_tick is None
    assert not any(isinstance(e, ev.OmegaDestroyed) for e in events)


def test_the_next_days_walls_are_built_on_a_tick_of_play_not_on_the_reset(monkeypatch):
    """The reset's tick hands the new day a Space built ahead (pymunk builds a map's walls in
    a millisecond and a half); the tick after it builds the one for the day after."""
    import game.sim.loop as loop_module
    import game.sim.world as world_module

    built: list[int] = []
    real = world_module.build_space

    def counting(level):
        built.append(level)
        return real(level)

    monkeypatch.setattr(loop_module, "build_space", counting)
    monkeypatch.setattr(world_module, "build_space", counting)
    run = Run(ambush_level(), seed=21, memory=looping_memory())
    built.clear()  # the first day's own
    for t in range(30):
        run.step(scripted(t))
    assert len(built) == 1  # the next day's, on the first tick of play
    built.clear()
    before = run.world
    events = run.step(InputFrame(buttons=inputs.RESET_NOW))
    assert any(isinstance(e, LoopStarted) for e in events) and run.world is not before
    assert built == []
    run.step(scripted(0))
    assert len(built) == 1


def test_a_day_on_walls_built_ahead_plays_as_one_that_builds_its_own():
    """A Space built long before its day (other Spaces and bodies made in between) gives the
    same day, tick for tick, as one built on the spot: a Space numbers its shapes itself."""
    from bench.figures import hunt
    from game.sim.physics import build_space

    level = ambush_level()
    ahead = build_space(level)
    World(level, 5)  # other Spaces and shapes come and go before the day begins
    days = [World(level, 5, looping_memory()), World(level, 5, looping_memory(), space=ahead)]
    hashes = []
    for world in days:
        hunt(world, 40)
        out = []
        for t in range(240):
            world.step(scripted(t))
            out.append(world.state_hash())
        hashes.append(out)
    assert hashes[0] == hashes[1]


def test_a_day_refuses_a_space_that_was_used():
    from game.sim.physics import build_space

    level = ambush_level()
    used = build_space(level)
    World(level, 5, space=used)  # Cage's body joined it
    with pytest.raises(ValueError):
        World(level, 5, space=used)

"""The World is a set of owned systems: each hashes what it owns, and all it owns is hashed."""

from __future__ import annotations

import ast
import random
from pathlib import Path

from arena import arena, obj, spawn

from game.sim import inputs
from game.sim.hashing import StateHasher
from game.sim.inputs import InputFrame
from game.sim.keypad import KeypadSession
from game.sim.memory import Memory
from game.sim.rita import DOUBTFUL
from game.sim.training import DrillSession
from game.sim.world import World

SIM = Path(__file__).resolve().parent.parent / "game" / "sim"
STEPS = {
    "ActionSystem": ("begin_tick", "update", "end_tick"),
    "RitaSystem": ("think", "update"),
    "MimicSystem": ("think", "update_spits", "resolve_contacts", "remove_dead"),
    "ThingSystem": ("fly_grenades", "update"),
    "DrillSystem": ("update",),
    "KeypadSystem": ("update",),
    "OmegaSystem": ("update",),
    "ExitSystem": ("update",),
    "KnowledgeSystem": ("update",),
}


def busy_day() -> World:
    """A day with one of everything: Rita, a drill yard, Intel, Gates, a mine, the Omega."""
    objects = (
        obj(40, "Rita", 300, 300),
        obj(41, "TrainingDrill", 500, 200, 300, 200, drill="move", level=1),
        obj(20, "Gate", 1100, 0, 32, 960, requires="intel:gate-code", message="Locked."),
        obj(21, "Gate", 100, 800, 64, 32, requires="intel:a", code="42"),
        obj(22, "Intel", 200, 700, knowledge="intel:gate-code", title="Code", text="1"),
        obj(30, "Mine", 900, 480, field="field:test"),
        obj(50, "Omega", 1000, 800),
        obj(51, "Explosive", 700, 700),
        spawn(60, 800, 300, at=1.0, count=2),
    )
    return World(arena(objects=objects), seed=5, memory=Memory(loop=1))


def legacy_hash(w: World) -> str:
    """The state hash's layout written out field by field, as replays have always been
    checked against it."""
    h = StateHasher()
    h.ints((w.tick, w.rng.state, w._next_id, w.thing_system.gate_notice_cooldown))
    h.ints((w.action_system.rifle_rng.state, w.rita_system.rng.state,
            *w.schedule.hash_words()))  # fmt: skip
    h.ints((-1 if w.death_tick is None else w.death_tick,
            -1 if w.alpha_killed_tick is None else w.alpha_killed_tick))  # fmt: skip
    c = w.cage
    h.floats((*c.body.position, *c.body.velocity))
    h.ints((c.aim, c.integrity, c.ammo, c.reload_ticks, c.fire_cooldown, c.invulnerable_ticks,
            c.stagger_ticks, int(c.dead), c.training_level, c.grenades, c.dash_ticks,
            c.dash_cooldown, c.grenade_cooldown, c.blade_cooldown, c.previous_buttons,
            int(w.cage_has_claymore)))  # fmt: skip
    if w.rita is not None:
        h.ints(w.rita.hash_words())
        h.floats((*w.rita.body.position, *w.rita.body.velocity))
    h.ints((w.assists.word,))
    w.mimic_system.hash_into(h)
    h.ints(w.schedule.state_words())
    h.ints([int(i.taken) for i in w.intel] + [int(g.open) for g in w.gates]
           + [int(m.armed) for m in w.mines])  # fmt: skip
    for g in w.grenades:
        h.ints((g.id, g.age))
        h.floats((g.end_x, g.end_y))
    if w.drill is not None:
        h.ints(w.drill.hash_words())
    if w.keypad is not None:
        h.ints(w.keypad.hash_words())
    if w.omega is not None:
        h.ints(w.omega.hash_words())
    if w.charge is not None:
        h.ints((w.charge.state, w.charge.plant_progress, w.charge.fuse))
        h.floats((w.charge.x, w.charge.y))
    h.ints((int(w.final_act), int(w.exit_system.warned_final)))
    h.ints((-1 if w.completed_tick is None else w.completed_tick,))
    return h.hexdigest()


def test_the_world_is_composed_of_systems_not_mixins():
    world = busy_day()
    assert World.__bases__ == (object,)
    names = {type(s).__name__ for s in world.systems}
    assert names == set(STEPS)
    for system in world.systems:
        assert callable(getattr(system, "hash_into", None)), type(system).__name__
        for step in STEPS[type(system).__name__]:
            assert callable(getattr(system, step, None)), f"{type(system).__name__}.{step}"


def test_the_state_hash_keeps_its_layout_through_a_busy_day():
    world = busy_day()
    pick = random.Random(11)
    buttons = (inputs.FIRE, inputs.BLADE, inputs.DASH, inputs.GRENADE, inputs.INTERACT, 0, 0)
    for _ in range(900):
        frame = InputFrame(pick.choice((-127, 0, 127)), pick.choice((-127, 0, 127)),
                           pick.randrange(inputs.AIM_UNITS), pick.choice(buttons))  # fmt: skip
        world.step(frame)
        assert world.state_hash() == legacy_hash(world)


def _changes_hash(world: World, change) -> bool:
    before = world.state_hash()
    change()
    return world.state_hash() != before


def test_each_systems_owned_state_is_in_the_hash():
    world = busy_day()
    for _ in range(90):
        world.step(InputFrame(buttons=inputs.FIRE))
    gate, mine = world.gates[0], world.mines[0]
    pad = KeypadSession(world.gates[1].obj.id, "42")
    drill_obj = world.level.objects_of("TrainingDrill")[0]
    changes = {
        "a gate flipped open": lambda: setattr(gate, "open", not gate.open),
        "a mine disarmed": lambda: setattr(mine, "armed", False),
        "the Gate notice's cooldown": lambda: setattr(
            world.thing_system, "gate_notice_cooldown", 7
        ),
        "Intel read": lambda: setattr(world.intel[0], "taken", True),
        "Rita's state": lambda: setattr(world.rita, "state", DOUBTFUL),
        "Rita's aim's luck": lambda: world.rita_system.rng.next_u64(),
        "Cage's claymore": lambda: setattr(
            world.action_system, "has_claymore", not world.cage_has_claymore
        ),
        "Cage's rifle's luck": lambda: world.action_system.rifle_rng.next_u64(),
        "Cage's ammo": lambda: setattr(world.cage, "ammo", world.cage.ammo - 1),
        "a drill begun": lambda: setattr(
            world.drill_system, "session", DrillSession(drill_obj, "move", 1, 600)
        ),
        "the drill's clock": lambda: setattr(world.drill, "ticks_left", 1),
        "the keypad": lambda: setattr(world.keypad_system, "session", pad),
        "the keypad's dial": lambda: setattr(world.keypad, "dial", 3),
        "the Omega's waves": lambda: setattr(world.omega, "wave_clock", 1),
        "the Omega alive": lambda: setattr(world.omega, "alive", False),
        "the charge's fuse": lambda: setattr(world.charge, "fuse", 99),
        "the charge picked up": lambda: setattr(world.charge, "state", 1),
        "the final act": lambda: setattr(world.exit_system, "final_act", True),
        "its warning": lambda: setattr(world.exit_system, "warned_final", True),
        "a Mimic's health": lambda: setattr(world.mimics[0], "health", 1),
    }
    assert world.mimics, "the spawn has come out"
    unhashed = [what for what, change in changes.items() if not _changes_hash(world, change)]
    assert unhashed == []


def _runtime_imports(path: Path) -> set[str]:
    """The game.sim modules a module imports when it runs (inside functions too), leaving out
    the imports under `if TYPE_CHECKING:`."""
    tree = ast.parse(path.read_text())
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("game.sim"):
            if node.module == "game.sim":
                found.update(f"game.sim.{a.name}" for a in node.names)
            else:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("game.sim."))
    return {name for name in found if (SIM / f"{name.rsplit('.', 1)[-1]}.py").exists()}


def test_no_runtime_import_cycle_inside_the_sim():
    graph = {f"game.sim.{p.stem}": _runtime_imports(p) for p in SIM.glob("*.py")}
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for imported in sorted(graph.get(module, ())):
            assert state.get(imported) != 1, " -> ".join([*trail, module, imported])
            if imported not in state:
                visit(imported, [*trail, module])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])

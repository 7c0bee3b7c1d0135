"""The World is a set of owned systems: each hashes what it owns, and all it owns is hashed."""

from __future__ import annotations

import ast
from pathlib import Path

from arena import arena, obj, spawn

from game.sim import inputs
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


def test_the_world_is_composed_of_systems_not_mixins():
    world = busy_day()
    assert World.__bases__ == (object,)
    names = {type(s).__name__ for s in world.systems}
    assert names == set(STEPS)
    for system in world.systems:
        assert callable(getattr(system, "hash_into", None)), type(system).__name__
        for step in STEPS[type(system).__name__]:
            assert callable(getattr(system, step, None)), f"{type(system).__name__}.{step}"


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
        "the magazine a drill gives back": lambda: setattr(world.drill, "saved_ammo", 3),
        "the grenades a drill gives back": lambda: setattr(world.drill, "saved_grenades", 1),
        "the keypad": lambda: setattr(world.keypad_system, "session", pad),
        "the keypad's dial": lambda: setattr(world.keypad, "dial", 3),
        "the Omega's waves": lambda: setattr(world.omega, "wave_clock", 1),
        "the Omega alive": lambda: setattr(world.omega, "alive", False),
        "the charge's fuse": lambda: setattr(world.charge, "fuse", 99),
        "the charge picked up": lambda: setattr(world.charge, "state", 1),
        "the final act": lambda: setattr(world.exit_system, "final_act", True),
        "its warning": lambda: setattr(world.exit_system, "warned_final", True),
        "the Exit taken": lambda: setattr(world.exit_system, "exit_taken", ("dam.tmx", "road")),
        "a Mimic's health": lambda: setattr(world.mimics[0], "health", 1),
        "the home a Mimic prowls": lambda: setattr(world.mimics[0], "home", (1.0, 2.0)),
        "the spawn a Mimic is of": lambda: setattr(world.mimics[0], "spawn_name", "elsewhere"),
        "the ambush a Mimic is of": lambda: setattr(world.mimics[0], "ambush", "ambush:x"),
        "how hard a Mimic hits": lambda: setattr(world.mimics[0], "damage_scale", 0.5),
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

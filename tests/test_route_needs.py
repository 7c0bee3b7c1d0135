"""The campaign asks for what a loop teaches: the shipped route wins, and the same route with
Rita's training taken out, or with a piece of knowledge never learned, does not. The figures the
README quotes for the route are the ones it plays."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.bots.route import RouteBot
from game.bots.route_language import load_route, parse_route
from game.cli.headless import simulate
from game.level.atlas import load_atlas
from game.level.campaign import resolve_level
from game.sim.loop import Run
from game.sim.memory import Memory
from game.speedrun.timefmt import format_ticks

DATA = Path(__file__).resolve().parent / "data"
ROUTE = DATA / "campaign.route"
README = Path(__file__).resolve().parent.parent / "README.md"
LIMIT = 60 * 60 * 8  # eight minutes of in-game time


def play(route_text: str, ticks: int = LIMIT) -> Run:
    level, atlas = load_atlas(resolve_level("beachhead"))
    run = Run(level, 0, atlas=atlas)
    bot = RouteBot(parse_route(route_text, "route"))
    for _ in range(ticks):
        if run.completed:
            break
        frame = bot.next_frame(run)
        bot.observe(run.step(frame))
    return run


def test_the_shipped_route_takes_five_loops_and_about_five_minutes():
    result = simulate("beachhead", LIMIT, seed=0, bot=f"route:{ROUTE}")
    assert result["completed"] is True
    # The shortest route a bot with perfect knowledge plays: a person's first win is far longer.
    assert result["loops"] >= 3 and 4.5 * 60 * 60 <= result["igt_ticks"] <= 8 * 60 * 60
    assert result["training_level"] >= 3
    needed = {"rita:phrase", "intel:gate-code", "intel:gate-code-2", "intel:gate-code-3",
              "ambush:dam-lair-alpha", "vision:omega"}  # fmt: skip
    assert needed <= set(result["knowledge"])
    # The README quotes this run.
    assert f"**{format_ticks(result['igt_ticks'])}** in-game" in README.read_text(encoding="utf-8")


def test_without_ritas_training_the_route_cannot_finish():
    lines = ROUTE.read_text(encoding="utf-8").splitlines()
    # Every drill is `goto drill-X`, `interact`, `drill`: take the three lines out.
    untrained, skip = [], 0
    for line in lines:
        if line.startswith("goto drill-"):
            skip = 3
        if skip:
            skip -= 1
            continue
        untrained.append(line)
    assert not any(line.startswith(("drill", "goto drill-")) for line in untrained)
    untrained = "\n".join(untrained)
    run = play(untrained, 60 * 60 * 5)
    assert not run.completed
    assert run.memory.training_level == 0
    # The brood's shell takes no round: the lair's door stays sealed, so no vision either.
    assert not run.memory.knows("vision:omega")


def test_the_lair_alpha_kills_an_unwarned_cage_and_spares_a_warned_one():
    """Where the dam's Alpha waits is knowledge: unwarned it bursts out under him."""
    level, atlas = load_atlas(resolve_level("dam"))
    door = next(o for o in level.objects_of("Trigger") if o.name == "lair-entrance")
    for warned in (False, True):
        memory = Memory(loop=3, training_level=4)
        memory.knowledge.update({"vision:omega": 2})
        if warned:
            memory.learn("ambush:dam-lair-alpha")
        run = Run(level, 0, memory, atlas)
        world = run.world
        for gate in world.gates:  # walk straight to the door: the fight there is the point
            if not gate.open:
                world.thing_system.open_gate(world, gate, [])
        world.cage.body.position = (door.center[0], door.center[1] + 40)
        bot = RouteBot(parse_route("day\ngoto lair-entrance\nwait 30\n", "lair"))
        for _ in range(120):
            bot.observe(run.step(bot.next_frame(run)))
        assert world.cage.dead is (not warned), f"warned={warned}"


@pytest.mark.parametrize("piece", ["intel:gate-code", "intel:gate-code-2", "intel:gate-code-3"])
def test_the_keypad_takes_the_code_only_from_a_man_who_learned_all_of_it(piece):
    level, atlas = load_atlas(resolve_level("dam"))
    pieces = ("intel:gate-code", "intel:gate-code-2", "intel:gate-code-3")
    for known in (set(pieces) - {piece}, set(pieces)):
        memory = Memory(loop=2, training_level=4, knowledge=dict.fromkeys(known, 1))
        run = Run(level, 0, memory, atlas)
        gate = next(g for g in run.world.gates if g.obj.name == "service-tunnel-gate")
        run.world.cage.body.position = (gate.obj.center[0], gate.obj.y + gate.obj.height + 20)
        bot = RouteBot(parse_route("day\nkeypad 4173\nwait 10\n", "keypad"))
        for _ in range(300):
            bot.observe(run.step(bot.next_frame(run)))
            if gate.open:
                break
        assert gate.open is (known == set(pieces)), f"knowing {sorted(known)}"


def test_the_route_file_parses():
    days = load_route(ROUTE)
    assert len(days) == 6  # Day 0 and five loops

"""Learnable luck: each spawn and each Mimic draws from a stream of its own, fixed by the seed and
where it comes from, so one Mimic's luck does not hang on every other's, and a map entered later in
the day is not reshuffled by the tick Cage arrives on."""

from __future__ import annotations

from arena import arena, spawn

from game.sim import inputs
from game.sim.loop import Run
from game.sim.memory import Memory
from game.sim.world import World

PACK = spawn(10, 1000.0, 300.0, at=1.0, count=4)  # a scattered pack far from Cage


def pack_after(ticks: int, *others) -> list[tuple]:
    """Where PACK's Mimics are, and their luck, `ticks` after the day begins."""
    run = Run(arena(objects=(PACK, *others)), seed=3, memory=Memory(loop=1))
    for _ in range(ticks):
        run.step(inputs.NEUTRAL)
    ours = [m for m in run.world.mimics if m.ambush == "ambush:10"]
    return [(round(m.position[0], 6), round(m.position[1], 6), m.rng.state) for m in ours]


def test_a_packs_luck_does_not_depend_on_another_pack():
    alone = pack_after(90)
    # Another pack comes out first, on the far side, and thinks (draws) every tick before ours.
    crowded = pack_after(90, spawn(20, 200.0, 900.0, at=0.2, count=6))
    assert len(alone) == 4
    assert alone == crowded


def test_the_same_seed_gives_the_same_pack_and_another_seed_another():
    assert pack_after(90) == pack_after(90)
    other = Run(arena(objects=(PACK,)), seed=4, memory=Memory(loop=1))
    for _ in range(90):
        other.step(inputs.NEUTRAL)
    theirs = sorted((round(m.position[0]), round(m.position[1])) for m in other.world.mimics)
    ours = sorted((round(x), round(y)) for x, y, _ in pack_after(90))
    assert len(ours) == 4 and theirs != ours


def test_a_map_entered_mid_day_is_not_reshuffled_by_the_tick_of_arrival():
    level = arena(objects=(PACK,))
    early = World(level, 7, start_tick=600)
    late = World(level, 7, start_tick=601)
    assert early.rng.state == late.rng.state
    assert [r.state for r in early.schedule.streams] == [r.state for r in late.schedule.streams]

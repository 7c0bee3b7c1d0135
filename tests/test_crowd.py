"""The crowd's tick over arrays (game.sim.crowd) is only a faster way to the same day: a crowd
worked out at once moves, turns and looks exactly as each of its Mimics would alone, so a replay
never depends on which way its Mimics were worked out."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bench.figures import crowd_world
from game.level.campaign import resolve_level
from game.level.loader import load_level
from game.replay.format import read_replay
from game.replay.verify import verify_replay
from game.sim import crowd, inputs
from game.sim.mimic import CIRCLING, HUNTING, LUNGE, RECOVER, WINDUP
from game.sim.mimics import MimicSystem

SHIPPED = Path(__file__).resolve().parents[1] / "tests" / "data" / "campaign.aynrep"
NEVER = 10**9  # a crowd that never gathers: every Mimic thinks for itself


class Taken:
    """What the crowd's arrays worked out: how many Mimics each tick, and in which states."""

    def __init__(self) -> None:
        self.counts: list[int] = []
        self.states: Counter[int] = Counter()


@pytest.fixture
def taken(monkeypatch) -> Taken:
    seen = Taken()
    real = crowd.Crowd.think

    def counting(self, *args):
        forces = real(self, *args)
        mimics = [] if forces is None else forces.mimics
        seen.counts.append(len(mimics))
        seen.states.update(m.state for m in mimics)
        return forces

    monkeypatch.setattr(crowd.Crowd, "think", counting)
    return seen


def test_a_crowd_worked_out_at_once_is_the_same_day_as_one_by_one(taken):
    level = load_level(resolve_level("beachhead"))
    fire = inputs.InputFrame(aim=0, buttons=inputs.FIRE)
    at_once, one_by_one = crowd_world(level, 400), crowd_world(level, 400)
    one_by_one.mimic_system.crowd_from = NEVER
    for tick in range(240):
        at_once.step(fire)
        one_by_one.step(fire)
        assert at_once.state_hash() == one_by_one.state_hash(), f"apart at tick {tick}"
    # The arrays did the work: nearly all of the crowd, every tick, in every way a Mimic moves
    # (hunting, circling, winding up, lunging, recovering), and not a day without them.
    assert len(taken.counts) == 240
    assert min(taken.counts[1:]) > 300  # (its first tick sorts it out: many start circling)
    assert {HUNTING, CIRCLING, WINDUP, LUNGE, RECOVER} <= set(taken.states)


def test_the_campaign_verifies_with_every_mimic_it_can_take_worked_out_in_the_arrays(
    monkeypatch, taken
):
    """The shipped run, recorded with its few Mimics thinking one by one, re-run with the arrays
    taking every Mimic they can (mines, walls, Rita's shots, the final act): as recorded."""
    monkeypatch.setattr(MimicSystem, "crowd_from", 1)
    verdict = verify_replay(read_replay(SHIPPED), write_report=False)
    assert verdict.valid, verdict.problem
    assert sum(taken.counts) > 10_000  # Mimic-ticks the arrays worked out
    assert {HUNTING, CIRCLING, WINDUP, LUNGE, RECOVER} <= set(taken.states)


@given(st.floats(-5000.0, 50000.0), st.sampled_from([32.0, 128.0]))
def test_numpy_finds_the_tile_python_finds(x, size):
    """The arrays find a hunter's tile (and its mine cell) by numpy's floor division; the field
    and the mines by Python's. They must agree to the tile."""
    assert int(np.floor_divide(np.array([x]), size).astype(np.int64)[0]) == int(x // size)


@given(
    st.lists(st.tuples(st.integers(-3, 12), st.integers(-3, 12)), max_size=6),
    st.lists(st.tuples(st.floats(-1000.0, 2500.0), st.floats(-1000.0, 2500.0)), min_size=1),
)
# A mine in cell (0, 0) is sensed in cells -1 to 1: on the edges of that grid, and a hair off.
@example([(0, 0)], [(-128.0, 0.0)])
@example([(0, 0)], [(math.nextafter(-128.0, -1e9), 0.0)])
@example([(0, 0)], [(255.99, 383.99)])
@example([(0, 0)], [(256.0, 0.0)])
@example([(0, 0)], [(0.0, 256.0), (0.0, -129.0)])
def test_the_arrays_sense_a_mine_where_a_mimic_alone_senses_it(mines, places):
    """Every place, on the grid of the mines' cells, beside it or far off it, is near a mine
    for the arrays exactly when the cells' dict (Mimic._steer's look-up) says so."""
    from game.sim.crowd import MineCells
    from game.sim.mimic import MINE_CELL
    from game.sim.mimics import mine_cells

    armed = [SimpleNamespace(armed=True, obj=SimpleNamespace(x=(gx + 0.5) * MINE_CELL,
                                                             y=(gy + 0.5) * MINE_CELL))
             for gx, gy in mines]  # fmt: skip
    cells = mine_cells(armed)
    x, y = np.array([p[0] for p in places]), np.array([p[1] for p in places])
    alone = [bool(cells.get((int(px // MINE_CELL), int(py // MINE_CELL)))) for px, py in places]
    assert MineCells().near(cells, x, y).tolist() == alone


@pytest.mark.parametrize("off_the_map", [False, True])
def test_the_crowds_hunters_step_as_each_asking_the_field_would(off_the_map):
    """The arrays' hunters, all on the map or a few beyond its edge, take the field's own step
    (none off it), and the field hears the same wish for its next reach."""
    from game.sim.flow import FlowField

    level = load_level(resolve_level("beachhead"))
    alone, field = FlowField(level), FlowField(level)
    for one in (alone, field):
        one.update(40.5 * one.tw, 30.5 * one.th)
    rng = np.random.default_rng(5)
    x = rng.uniform(0.0, level.pixel_width, 300)
    y = rng.uniform(0.0, level.pixel_height, 300)
    if off_the_map:
        x[::50], y[1::60] = -40.0, level.pixel_height + 70.0
    asking = np.flatnonzero(rng.random(300) < 0.8)
    along, step_x, step_y = np.zeros(300, dtype=bool), np.zeros(300), np.zeros(300)
    crowd.FieldSteps().ask(field, x, y, asking, along, step_x, step_y)
    steps = [alone.hunt_from(float(x[i]), float(y[i])) for i in asking.tolist()]
    assert [(step_x[i], step_y[i]) if along[i] else None for i in asking.tolist()] == steps
    assert not along[np.setdiff1d(np.arange(300), asking)].any()
    assert any(steps)
    assert field.wanted == alone.wanted


@given(st.floats(-1e4, 1e4), st.floats(-1e4, 1e4))
def test_a_length_is_the_same_float_either_way(x, y):
    from game.sim.physics import length

    assert float(np.sqrt(np.array([x]) * x + np.array([y]) * y)[0]) == length(x, y)
    if abs(x) + abs(y) > 1e-100:  # (below that its squares underflow: no Mimic stands there)
        assert math.isclose(length(x, y), math.hypot(x, y), rel_tol=1e-15)

"""The crowd's hunt over arrays (game.sim.crowd) is only a faster way to the same day: a crowd of
hunters worked out at once moves, turns and looks exactly as each would alone, so a replay never
depends on which way its Mimics were worked out."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.figures import crowd_world
from game.level.campaign import resolve_level
from game.level.loader import load_level
from game.replay.format import read_replay
from game.replay.verify import verify_replay
from game.sim import crowd, inputs
from game.sim.mimic import HUNTING
from game.sim.mimics import MimicSystem

SHIPPED = Path(__file__).resolve().parents[1] / "tests" / "data" / "campaign.aynrep"
NEVER = 10**9  # a crowd that never gathers: every Mimic thinks for itself


@pytest.fixture
def hunted_counts(monkeypatch):
    """How many Mimics the crowd's arrays worked out, tick by tick."""
    counts: list[int] = []
    real = crowd.CrowdHunt.hunt

    def counting(self, *args):
        forces = real(self, *args)
        counts.append(0 if forces is None else len(forces.mimics))
        return forces

    monkeypatch.setattr(crowd.CrowdHunt, "hunt", counting)
    return counts


def test_a_crowd_worked_out_at_once_is_the_same_day_as_one_by_one(hunted_counts):
    level = load_level(resolve_level("beachhead"))
    fire = inputs.InputFrame(aim=0, buttons=inputs.FIRE)
    at_once, one_by_one = crowd_world(level, 400), crowd_world(level, 400)
    one_by_one.mimic_system.crowd_from = NEVER
    for tick in range(240):
        at_once.step(fire)
        one_by_one.step(fire)
        assert at_once.state_hash() == one_by_one.state_hash(), f"apart at tick {tick}"
    # The arrays did the work: most of the crowd, every tick once it hunts (it starts out
    # circling Cage), and not a day without them.
    assert len(hunted_counts) == 240
    assert min(hunted_counts[30:]) > 250
    # ... and the crowd did what a crowd does: some hunted on, some closed in and attacked.
    states = [m.state for m in at_once.mimics]
    assert states.count(HUNTING) < len(states)


def test_the_campaign_verifies_with_every_hunter_worked_out_in_the_arrays(
    monkeypatch, hunted_counts
):
    """The shipped run, recorded with its few Mimics thinking one by one, re-run with the arrays
    taking every hunter there is (mines, walls, Rita's shots, the final act): as recorded."""
    monkeypatch.setattr(MimicSystem, "crowd_from", 1)
    verdict = verify_replay(read_replay(SHIPPED), write_report=False)
    assert verdict.valid, verdict.problem
    assert sum(hunted_counts) > 10_000  # Mimic-ticks the arrays worked out


@given(st.floats(-5000.0, 50000.0), st.sampled_from([32.0, 128.0]))
def test_numpy_finds_the_tile_python_finds(x, size):
    """The arrays find a hunter's tile (and its mine cell) by numpy's floor division; the field
    and the mines by Python's. They must agree to the tile."""
    assert int(np.floor_divide(np.array([x]), size).astype(np.int64)[0]) == int(x // size)


@given(st.floats(-1e4, 1e4), st.floats(-1e4, 1e4))
def test_a_length_is_the_same_float_either_way(x, y):
    from game.sim.physics import length

    assert float(np.sqrt(np.array([x]) * x + np.array([y]) * y)[0]) == length(x, y)
    if abs(x) + abs(y) > 1e-100:  # (below that its squares underflow: no Mimic stands there)
        assert math.isclose(length(x, y), math.hypot(x, y), rel_tol=1e-15)

"""Every day of a recording can be rebuilt from its loop record, so the replay viewer jumps to any
day at once and `aynik verify` checks the days side by side on a machine's cores. The verdict must
be the one a re-run of every tick from the start gives, whatever was done to the file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from game.replay import verify as V
from game.replay.format import read_replay
from game.replay.playback import Playback, run_at_loop_start, tracker_at_loop_start
from game.speedrun.maps import split_plan_for_run

SHIPPED = Path(__file__).parent / "data" / "campaign.aynrep"


@pytest.fixture(scope="module")
def shipped():
    replay = read_replay(SHIPPED)
    return replay, V.replay_maps(replay)


@pytest.fixture(scope="module")
def one_tick_after_another(shipped):
    replay, _maps = shipped
    return V.verify_replay(replay, write_report=False)


def test_every_day_of_the_shipped_run_is_rebuilt_exactly_from_its_loop_record(shipped):
    replay, maps = shipped
    assert len(replay.loops) >= 4 and replay.end["deaths"] >= 2  # days after deaths among them
    straight = Playback(replay, maps)
    for mark in replay.loops:
        while straight.position < mark.ticks:
            straight.step()
        run = run_at_loop_start(replay, maps, mark)
        assert run is not None, f"the day at tick {mark.ticks} could not be rebuilt"
        assert run.state_hash() == straight.run.state_hash()
        tracker = tracker_at_loop_start(replay, split_plan_for_run(run), mark, run.loop)
        assert tracker.igt_ticks == straight.tracker.igt_ticks
        assert [h.name for h in tracker.splits.hits] == [
            h.name for h in straight.tracker.splits.hits
        ]


def test_the_viewer_jumps_to_the_last_day_without_playing_the_ones_before(shipped, monkeypatch):
    replay, maps = shipped
    viewer = Playback(replay, maps)
    stepped = []
    monkeypatch.setattr(Playback, "step", lambda self: stepped.append(1))
    viewer.jump_to_loop(len(replay.loops))
    assert viewer.position == replay.loops[-1].ticks and not stepped


def test_side_by_side_the_shipped_run_gets_the_same_verdict(shipped, one_tick_after_another):
    replay, maps = shipped
    assert one_tick_after_another.valid, one_tick_after_another.problem
    side_by_side = V._side_by_side(replay, maps, workers=2)
    assert side_by_side == one_tick_after_another  # the very verdict, splits and all


def _with_frame_changed(replay, tick: int):
    frames = list(replay.frames)
    frames[tick - 1] = dataclasses.replace(frames[tick - 1], buttons=0, move_x=127)
    return dataclasses.replace(replay, frames=frames)


@pytest.mark.parametrize("day", [1, -1])
def test_a_tampered_input_is_named_at_the_same_tick_either_way(shipped, day):
    replay, maps = shipped
    tampered = _with_frame_changed(replay, replay.loops[day].ticks + 40)
    assert V._side_by_side(tampered, maps, workers=2) is None  # it cannot say valid
    alone = V.verify_replay(tampered, write_report=False)
    together = V.verify_replay(tampered, write_report=False, workers=2)
    assert not alone.valid and together == alone
    assert alone.diverged_at is not None and alone.diverged_at > replay.loops[day].ticks


@pytest.mark.parametrize(
    ("lie", "said"),
    [
        (lambda mark: {"igt_ticks": mark.igt_ticks - 60}, "at IGT"),
        (lambda mark: {"deaths_total": mark.deaths_total + 1}, "deaths, the re-run after"),
        (lambda mark: {"memory": {**mark.memory, "training_level": 5}}, "with another Memory"),
    ],
    ids=["igt", "deaths", "memory"],
)
def test_a_loop_record_that_lies_about_the_day_s_start_is_refused_either_way(shipped, lie, said):
    replay, maps = shipped
    loops = list(replay.loops)
    loops[2] = dataclasses.replace(loops[2], **lie(loops[2]))
    lying = dataclasses.replace(replay, loops=loops)
    for workers in (1, 2):
        verdict = V.verify_replay(lying, write_report=False, workers=workers)
        assert not verdict.valid and f"begins loop {loops[2].loop} " in verdict.problem
        assert said in verdict.problem and verdict.diverged_at == loops[2].ticks


def test_days_that_each_agree_but_do_not_join_are_not_valid_side_by_side(shipped, monkeypatch):
    # A day rebuilt 60 ticks of IGT late, with every later time shifted to match: each day agrees
    # with the recording on its own (the check of the loop record's IGT is switched off here),
    # so only the seam where the days meet can tell.
    replay, maps = shipped
    mark = replay.loops[2]
    late = [dataclasses.replace(m, igt_ticks=m.igt_ticks + 60) if m.ticks >= mark.ticks else m
            for m in replay.loops]  # fmt: skip
    splits = [dataclasses.replace(s, igt_ticks=s.igt_ticks + 60) if s.ticks > mark.ticks else s
              for s in replay.splits]  # fmt: skip
    end = dict(replay.end, igt_ticks=replay.end["igt_ticks"] + 60)
    shifted = dataclasses.replace(replay, loops=late, splits=splits, end=end)
    monkeypatch.setattr(V._Rerun, "check_day_start", lambda self, mark: None)
    assert V._side_by_side(shifted, maps, workers=2) is None
    monkeypatch.setattr(V, "_seam", lambda rerun: ())  # seams unchecked: the days pass
    assert V._side_by_side(shifted, maps, workers=2) is not None


def test_a_recording_from_before_deaths_were_kept_is_verified_one_tick_after_another(shipped):
    replay, maps = shipped
    old = dataclasses.replace(
        replay, loops=[dataclasses.replace(m, deaths_total=None) for m in replay.loops]
    )
    assert V._side_by_side(old, maps, workers=2) is None
    assert V.verify_replay(old, write_report=False, workers=2).valid


def test_aynik_verify_prints_the_same_verdict_with_one_worker_or_two(capsys):
    from game import cli

    printed = []
    for workers in ("1", "2"):
        assert cli.main(["verify", str(SHIPPED), "--json", "--workers", workers]) == 0
        printed.append(capsys.readouterr().out)
    assert printed[0] == printed[1] and '"valid": true' in printed[0]

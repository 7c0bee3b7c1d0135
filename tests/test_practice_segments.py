"""Practice that helps: from a split, the day is labelled as the HUD says, the lead-in's splits are
done, and the segment is compared with its gold and the PB from that split; a knowledge id no map
teaches is refused, naming it and the ones they do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from test_speedrun_session import EAST, course, walk_and_win

from game.level.atlas import load_atlas
from game.level.campaign import resolve_level
from game.replay.format import read_replay
from game.replay.practice import check_knowledge, knowledge_choices
from game.replay.session import SpeedrunSession
from game.sim.inputs import InputFrame

CAMPAIGN_RUN = Path(__file__).parent / "data" / "campaign.aynrep"


def test_practice_from_a_loop_1_split_says_loop_1_with_the_lead_in_splits_done():
    replay = read_replay(CAMPAIGN_RUN)
    beach = next(mark for mark in replay.splits if mark.name == "Beach")
    first_loop = replay.loops[0]
    assert first_loop.loop == 1 and first_loop.ticks < beach.ticks  # Day 0 ended before it
    session, run = SpeedrunSession.practice_from_split(replay, "Beach", record=False)
    assert run.loop == 1  # the HUD's LOOP 1
    view = session.timer_view("splits")
    assert view.day_label == "Loop 1" and session.summary.days[0].label == "Loop 1"
    assert view.igt == "0:00.000"
    rows = {line.name: line for line in view.splits}
    assert rows["Beach"].done and rows["Beach"].time == "lead-in"
    assert not rows["Seawall"].done


def test_practice_compares_the_segment_from_its_split_with_the_gold_and_the_pb(tmp_path):
    maps = course(tmp_path)
    source = walk_and_win(maps, wait=0)  # the PB, and every segment's gold
    bests_file = source.bests.path
    kept = bests_file.read_bytes()
    replay = read_replay(source.replay_path)
    pb_far = next(s.igt_ticks for s in source.ended.result.splits if s.name == "Far")
    pb_annex = next(s.igt_ticks for s in source.ended.result.splits if s.name == "Annex")
    session, run = SpeedrunSession.practice_from_split(replay, "Far", record=False)
    assert session.bests is None  # practice never counts for the bests...
    results = []
    for t in range(400):  # ...but is measured against them: half a second slower from Far
        frame = InputFrame() if t < 30 else EAST
        results += session.after_step(run, run.step(session.input(frame)))
        if results:
            break
    [annex] = results
    assert annex.name == "Annex"
    assert annex.pb_ticks == pb_annex - pb_far  # the PB's time from Far to the Annex
    assert annex.delta_ticks == 30 and annex.best_segment == pb_annex - pb_far
    assert not annex.gold
    view = session.timer_view("splits")
    rows = {line.name: line for line in view.splits}
    assert rows["Gate"].done and rows["Far"].done and rows["Gate"].time == "lead-in"
    assert rows["Annex"].delta == "+0.500" and rows["Annex"].done
    assert view.best_possible not in ("", "-") and view.sum_of_best not in ("", "-")
    assert view.last_split == "Annex  0.500 behind"
    session.abandon(run)
    assert bests_file.read_bytes() == kept  # read, never written


def test_an_unknown_knowledge_id_is_refused_naming_it_and_the_known_ones():
    result = subprocess.run(
        [sys.executable, "-m", "game", "play", "--practice-knowledge", "rita:phrase,bogus:id"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert "bogus:id" in result.stderr and "Traceback" not in result.stderr
    for known in ("rita:phrase", "intel:gate-code", "vision:omega", "field:beach-mines"):
        assert known in result.stderr
    assert result.stdout == ""


def test_the_known_ids_are_what_cage_can_learn():
    _level, atlas = load_atlas(resolve_level("beachhead"))
    ids = [i for i, _text in knowledge_choices(atlas.values())]
    assert not [i for i in ids if "," in i or i.startswith("cleared:")]  # gates' conditions
    assert {"intel:gate-code-2", "intel:gate-code-3"} <= set(ids)
    check_knowledge(["intel:gate-code", "ambush:seawall-breach"], atlas.values())

"""What `aynik verify` decides for itself: a replay's header is the runner's word, and the verdict
comes from what the re-run shows. Forgeries are made with the game's own recorder, re-recording
the chain over a false claim as a forger would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from game.level.campaign import campaign_dir
from game.level.loader import load_level
from game.replay.format import read_replay
from game.replay.playback import new_run, replay_maps
from game.replay.practice import practice_memory
from game.replay.recorder import ReplayRecorder
from game.replay.recording import end_record, replay_header
from game.replay.session import SpeedrunSession
from game.replay.verify import verify_replay
from game.sim import inputs
from game.sim.loop import Run
from game.sim.memory import Memory
from game.speedrun.category import classify
from game.speedrun.maps import split_plan_for_run
from game.speedrun.tracker import SpeedrunTracker

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "tests" / "data" / "campaign.aynrep"


def beach():
    return load_level(campaign_dir() / "beachhead.tmx")


def test_a_run_claiming_day_0s_first_seconds_as_a_lead_in_is_refused():
    level = beach()
    run = Run(level, 0)
    # The recorder writes the claim into the header and chains every checkpoint over it.
    session = SpeedrunSession.new(run, level, 0, start_tick=1719)
    for _ in range(1800):
        session.after_step(run, run.step(session.input(inputs.NEUTRAL)))
    session.abandon(run)
    verdict = verify_replay(read_replay(session.replay_path))
    assert not verdict.valid
    assert "1719" in verdict.problem and "practice" in verdict.problem
    assert verdict.result.get("official") is not True


def forged_new_save(folder: Path, header_memory: Memory | None) -> Path:
    """A practice day begun with chosen knowledge, recorded with a header that calls it a new
    save (category and all), its chain re-recorded over the lie."""
    level = beach()
    knowledge = ["rita:phrase", "intel:gate-code", "intel:gate-code-2"]
    start = practice_memory(knowledge, 3)
    run = Run(level, 0, Memory.from_json(start.to_json()))
    category = classify("beachhead", 0, None)  # "a new save": official Any%, as claimed
    assert category.official
    header = replay_header(level, 0, category, start_memory=header_memory)
    path = folder / "forged.aynrep"
    recorder = ReplayRecorder(path, header, run)
    tracker = SpeedrunTracker(split_plan_for_run(run), run.loop)
    for _ in range(600):
        events = run.step(recorder.record(inputs.NEUTRAL))
        hits = tracker.step(run, events)
        recorder.after_step(run, events, hits, tracker.igt_ticks)
    recorder.close(run, end_record(run, tracker, None))
    return path


def test_a_practice_day_relabelled_as_a_new_save_is_not_one(tmp_path):
    # The header keeps the Memory the day began with (or the re-run could not agree with the
    # recording), but calls the run a new save: verify looks at that Memory itself.
    path = forged_new_save(tmp_path, practice_memory(
        ["rita:phrase", "intel:gate-code", "intel:gate-code-2"], 3))  # fmt: skip
    verdict = verify_replay(read_replay(path))
    assert verdict.valid, verdict.problem  # the recording holds together...
    assert verdict.result["new_save"] is False  # ...but it did not begin as a new save
    assert verdict.result["official"] is False
    assert read_replay(path).header["category"]["new_save"] is True  # what it claimed


def test_a_practice_day_that_hides_its_memory_does_not_verify(tmp_path):
    path = forged_new_save(tmp_path, None)  # the header claims an empty Memory
    verdict = verify_replay(read_replay(path))
    assert not verdict.valid and "tick 0" in verdict.problem


def test_the_shipped_run_is_derived_official_any_percent_from_a_new_save():
    out = subprocess.run(
        [sys.executable, "-m", "game", "verify", str(SHIPPED), "--json"],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    verdict = json.loads(out.stdout)
    assert verdict["valid"] and verdict["completed"]
    assert verdict["new_save"] is True and verdict["practice"] is None
    assert verdict["seed"] == 0 and verdict["assists"] == []
    assert verdict["category"] == "Any%" and "Low loops" in verdict["categories"]
    assert verdict["game_version"] and "real_ms_claimed" in verdict
    # Played by the route bot, and the replay says so: a replay proves a run is possible, not
    # who played it, so a bot's run is never official.
    assert verdict["player_claimed"].startswith("bot:") and verdict["official"] is False
    line = subprocess.run(
        [sys.executable, "-m", "game", "verify", str(SHIPPED)],
        capture_output=True, text=True, timeout=300, check=True,
    ).stdout  # fmt: skip
    assert line.count("\n") == 1 and " IGT · Any%" in line and "v0." in line


def test_the_route_summary_and_the_end_record_count_the_same_deaths(tmp_path):
    replay = read_replay(SHIPPED)
    playback_maps = replay_maps(replay)
    run = new_run(replay, playback_maps)
    session = SpeedrunSession.new(run, playback_maps[0], replay.seed, record=False)
    for frame in replay.frames:
        session.after_step(run, run.step(frame))
    # Day 0's claymore takes him with the Alpha: a death, though an Alpha began the next day.
    assert session.summary.deaths == replay.end["deaths"] == run.deaths_total >= 1


def test_a_headless_replays_summary_keeps_the_bot_mark_and_the_deaths():
    out = subprocess.run(
        [sys.executable, "-m", "game", "replay", str(SHIPPED), "--headless"],
        capture_output=True, text=True, timeout=300, check=True,
    ).stdout  # fmt: skip
    first, _, figures = out.splitlines()[:3]
    assert "played by bot:route" in first
    assert f"{read_replay(SHIPPED).end['deaths']} deaths" in figures

"""The live session: bests and comparisons, practice, ghosts, the route summary, the commands."""

from __future__ import annotations

import argparse
import json
import time
from xml.etree import ElementTree as ET

import pytest
from test_livesplit import FakeLiveSplit
from test_speedrun_maps import write_course

from game import __version__
from game.cli.speedrun_args import (
    add_play_options,
    add_replay_options,
    add_speedrun_commands,
    run_speedrun_command,
)
from game.level.atlas import load_atlas
from game.replay.format import read_replay
from game.replay.practice import knowledge_choices, practice_memory, state_at_split
from game.replay.session import SpeedrunSession, next_timer_mode
from game.replay.verify import verify_replay
from game.sim.events import OmegaDestroyed
from game.sim.inputs import InputFrame
from game.sim.loop import Run
from game.speedrun.bests import Bests

EAST = InputFrame(move_x=127)


def omega_destroyed(tick: int) -> OmegaDestroyed:
    """The campaign's last event, as the Omega's death gives it (the test course has no Omega)."""
    return OmegaDestroyed(tick, 0.0, 0.0)


def course(tmp_path, killers=False):
    return load_atlas(write_course(tmp_path / "maps", killers=killers))


def walk_and_win(maps, wait: int, clock=None, **options) -> SpeedrunSession:
    """Stand `wait` ticks, walk east through every split, then the Omega goes (a stand-in event).
    `options`: more for SpeedrunSession.new (a LiveSplit client)."""
    level, atlas = maps
    run = Run(level, 0, None, atlas)
    session = SpeedrunSession.new(run, level, 0, **({"clock": clock} if clock else {}), **options)
    for t in range(wait + 320):
        events = run.step(session.input(InputFrame() if t < wait else EAST))
        if t == wait + 319:
            events.append(omega_destroyed(run.world.tick))
        session.after_step(run, events)
    assert session.ended is not None and session.ended.completed
    return session


def walk_and_stop(maps) -> SpeedrunSession:
    """Walk east through every split for 320 ticks and leave (a run that verifies: no stand-in)."""
    level, atlas = maps
    run = Run(level, 0, None, atlas)
    session = SpeedrunSession.new(run, level, 0)
    for _ in range(320):
        session.after_step(run, run.step(session.input(EAST)))
    session.abandon(run)
    return session


def test_a_first_run_sets_the_pb_and_the_next_is_compared_with_it_split_by_split(tmp_path):
    maps = course(tmp_path)
    first = walk_and_win(maps, wait=30)
    assert first.ended.outcome.new_pb
    assert [s.name for s in first.ended.result.splits] == ["Gate", "Far", "Annex", "Omega"]
    end = read_replay(first.replay_path).end
    assert end["completed"] is True and end["igt_ticks"] == first.tracker.igt_ticks
    pb_igt = first.tracker.igt_ticks

    second = walk_and_win(maps, wait=0)  # the same route, half a second sooner
    assert second.ended.outcome.new_pb and second.tracker.igt_ticks == pb_igt - 30
    # Its one day is a per-day best too, and the record keeps it.
    assert first.bests.day_bests[0] == (0, pb_igt)
    assert second.ended.outcome.day_bests == [0] and second.bests.day_bests[0] == (0, pb_igt - 30)
    again = Bests.load(second.category, __version__)
    assert again.day_bests == {0: (0, pb_igt - 30)}
    view = second.timer_view("splits")
    assert [(line.name, line.delta, line.done) for line in view.splits] == [
        ("Gate", "-0.500", True), ("Far", "-0.500", True), ("Annex", "-0.500", True),
        ("Omega", "-0.500", True)]  # fmt: skip
    assert [line.gold for line in view.splits] == [True, False, False, False]
    assert view.last_split == "Omega  0.500 ahead" and view.finished
    assert view.category.startswith("Level: course · seed 0 · v")
    assert view.sum_of_best == view.igt
    assert next_timer_mode("day") == "day+igt" and next_timer_mode("off") == "day"


def test_a_practice_day_is_marked_recorded_verifiable_and_never_a_best(tmp_path, _aynik_home):
    maps = course(tmp_path)
    session, run = SpeedrunSession.practice_day(maps[0], 0, ["intel:gate-code"], 3, record=True)
    assert run.memory.loop == 1 and run.memory.training_level == 3
    assert run.memory.knows("intel:gate-code")
    assert session.bests is None and not session.category.official
    assert session.timer_view().marks == ("practice (1 known, training 3)",)
    for _ in range(200):
        session.after_step(run, run.step(session.input(EAST)))
    session.abandon(run)
    replay = read_replay(session.replay_path)
    assert replay.header["practice"]["kind"] == "day"
    assert replay.header["start_memory"]["training_level"] == 3
    assert verify_replay(replay).valid
    assert not list(_aynik_home.glob("splits/*.json"))  # nothing went to the bests
    memory = practice_memory(["a", "b"], 5, loop=4)
    assert memory.knowledge == {"a": 4, "b": 4} and memory.training_level == 5
    with pytest.raises(ValueError):
        practice_memory([], 6)


def test_practice_from_a_split_starts_exactly_there_and_its_replay_verifies_alone(tmp_path):
    maps = course(tmp_path)
    source = walk_and_win(maps, wait=10)
    replay = read_replay(source.replay_path)
    far = next(s for s in replay.splits if s.name == "Far")
    run_there, tick = state_at_split(replay, "Far")
    assert tick == far.ticks
    session, run = SpeedrunSession.practice_from_split(replay, "Far")
    assert run.run_ticks == far.ticks and run.state_hash() == run_there.state_hash()
    assert session.tracker.igt_ticks == 0 and session.tracker.splits.done("Far")
    assert session.category.practice == "from Far" and session.bests is None
    for _ in range(200):
        session.after_step(run, run.step(session.input(EAST)))
    assert [h.name for h in session.tracker.splits.hits if h.run_ticks > far.ticks] == ["Annex"]
    session.abandon(run)
    practice = read_replay(session.replay_path)
    assert practice.start_tick == far.ticks and practice.header["practice"]["split"] == "Far"
    verdict = verify_replay(practice)
    assert verdict.valid, verdict.problem
    assert verdict.result["igt_ticks"] == 200
    with pytest.raises(ValueError, match="never reaches"):
        SpeedrunSession.practice_from_split(replay, "Nowhere")


def test_ghosts_keep_earlier_days_and_the_summary_tells_the_run(tmp_path):
    level, atlas = course(tmp_path, killers=True)
    run = Run(level, 0, None, atlas)
    session = SpeedrunSession.new(run, level, 0, record=False)
    while run.run_ticks < 2000 and len(session.summary.days) < 2:
        session.after_step(run, run.step(session.input(InputFrame())))
    for _ in range(100):
        session.after_step(run, run.step(session.input(EAST)))
    [ghost] = session.ghosts.paths("course")
    assert ghost.day == 0 and ghost.ended_by == "new game" and len(ghost.points) > 50
    assert ghost.points[0] == (160.0, 320.0)
    assert session.ghosts.paths("annex") == []
    session.abandon(run)
    markdown = session.summary.to_markdown()
    assert "| Day 0 |" in markdown and "died on Day 0 (new game): a drone's lunge" in markdown
    assert "| Gate |" in markdown
    md_path, json_path = session.export_summary(tmp_path / "runs")()
    data = json.loads(json_path.read_text())
    assert md_path.read_text() == markdown
    assert [d["ending"].split(":")[0] for d in data["route"]] == ["died on Day 0 (new game)",
                                                                 "still running"]  # fmt: skip
    assert data["splits"][0]["name"] == "Gate" and data["deaths"] == 1


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="aynik")
    commands = root.add_subparsers(dest="command")
    add_speedrun_commands(commands)
    replay = commands.add_parser("replay")
    replay.add_argument("file")
    add_replay_options(replay)
    add_play_options(commands.add_parser("play"))
    return root


def command(capsys, *argv: str) -> tuple[int | None, str, str]:
    code = run_speedrun_command(parser().parse_args(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_speedrun_commands(tmp_path, capsys):
    maps = course(tmp_path)
    session = walk_and_win(maps, wait=0)
    level_path = maps[0].path
    code, out, _ = command(capsys, "splits", "show", "--level", level_path, "--json")
    shown = json.loads(out)
    assert code == 0 and shown["personal_best_ticks"] == session.tracker.igt_ticks
    assert [s["name"] for s in shown["splits"]] == ["Gate", "Far", "Annex", "Omega"]
    lss = tmp_path / "out" / "course.lss"
    code, out, _ = command(capsys, "splits", "export", "--level", level_path, "--out", str(lss))
    assert code == 0 and out.strip() == str(lss)
    names = [s.findtext("Name") for s in ET.parse(lss).getroot().findall("Segments/Segment")]
    assert names == ["Gate", "Far", "Annex", "Omega"]

    code, out, _ = command(capsys, "replays", "list", "--json")
    [listed] = json.loads(out)
    assert code == 0 and listed["completed"] is True and listed["name"] == session.replay_path.name

    # Played back, the run has no stand-in Omega: its end record's claim does not hold.
    code, out, err = command(capsys, "replay", str(session.replay_path), "--headless", "--json")
    assert code == 1 and out == "" and "does not verify" in err and "completed" in err
    walked = walk_and_stop(maps)
    code, out, err = command(capsys, "replay", str(walked.replay_path), "--headless", "--json")
    summary = json.loads(out)
    assert code == 0 and [s["name"] for s in summary["splits"]] == ["Gate", "Far", "Annex"]
    assert summary["completed"] is False

    code, _, err = command(capsys, "replay", str(tmp_path / "missing.aynrep"), "--headless")
    assert code == 2 and "missing.aynrep" in err
    code, out, _ = command(capsys, "replays", "delete", session.replay_path.name)
    assert code == 0 and not session.replay_path.exists()
    assert run_speedrun_command(parser().parse_args(["play"])) is None


def test_a_headless_replay_drives_livesplit(tmp_path, capsys):
    maps = course(tmp_path)
    session = walk_and_stop(maps)
    server = FakeLiveSplit()
    try:
        argv = ["replay", str(session.replay_path), "--headless", "--speed", "0",
                "--livesplit", f"127.0.0.1:{server.port}"]  # fmt: skip
        code, out, _ = command(capsys, *argv)
        assert code == 0
        deadline = time.monotonic() + 5
        while "reset" not in server.received(2) and time.monotonic() < deadline:
            time.sleep(0.01)
        lines = server.received(2)
        commands = [line for line in lines if not line.startswith("setgametime")]
        where = ["getcurrenttimerphase", "getsplitindex"]  # asked after each split
        assert commands == ["switchto gametime", *where, "getsplitcount", "starttimer",
                            "pausegametime", *(["split", *where] * 3), "reset"]  # fmt: skip
        # Each split's game time in LiveSplit is the replay's IGT at that split.
        split_igts = [s.igt_ticks for s in read_replay(session.replay_path).splits]
        assert server.split_ticks()[:3] == split_igts and server.unknown == []
        times = [line.split()[1] for line in lines if line.startswith("setgametime")]
        assert times and times == sorted(times)  # pushed as it goes, never backwards
    finally:
        server.close()


def test_a_practice_picker_lists_what_the_maps_can_teach():
    from game.level.campaign import resolve_level

    level, atlas = load_atlas(resolve_level("beachhead"))
    ids = [i for i, _text in knowledge_choices(atlas.values())]
    assert "intel:gate-code" in ids and "rita:phrase" in ids and "vision:omega" in ids
    assert any(i.startswith("ambush:") for i in ids) and len(ids) == len(set(ids))


def test_play_starts_a_new_save_a_continued_one_or_practice(tmp_path):
    from game.cli.speedrun_args import practice_request
    from game.replay.session import start_play

    maps = course(tmp_path)
    session, run = start_play(maps, 0, record=False)
    assert session.category.official is False and session.category.new_save and run.loop == 0
    session, run = start_play(maps, 0, memory=practice_memory(["x"], 1, loop=3), bot="random")
    assert run.loop == 3 and "continued save" in session.category.labels
    assert "played by bot:random" in session.category.labels
    session, run = start_play(maps, 0, practice={"knowledge": ["rita:phrase"], "training_level": 2})
    assert run.memory.knows("rita:phrase") and session.category.practice
    source = walk_and_win(maps, wait=0)

    def request(*argv):
        return practice_request(parser().parse_args(["play", *argv]))

    assert request() is None
    assert request("--practice-training", "4") == {"knowledge": [], "training_level": 4}
    assert request("--practice-knowledge", "rita:phrase, intel:gate-code") == {
        "knowledge": ["rita:phrase", "intel:gate-code"], "training_level": 0}  # fmt: skip
    wanted = request("--practice-replay", str(source.replay_path), "--practice-split", "Far")
    session, run = start_play(maps, 0, practice=wanted, record=False)
    assert session.tracker.splits.done("Far") and session.tracker.igt_ticks == 0
    for argv, message in [
        (["--practice-training", "9"], "0 to 5"),
        (["--practice-split", "Far"], "go together"),
        (["--practice-replay", str(source.replay_path), "--practice-split", "Moon"], "Moon"),
        (
            ["--practice-replay", str(tmp_path / "none.aynrep"), "--practice-split", "A"],
            "none.aynrep",
        ),
    ]:
        with pytest.raises(ValueError, match=message):
            request(*argv)


def test_the_command_line_hooks_stay_light_and_check_plays_options():
    import subprocess
    import sys

    code = "import sys, game.cli.speedrun_args; print(sorted(m for m in sys.modules if m in "
    code += "('pygame', 'pytmx', 'pymunk', 'game.level.loader', 'game.sim.world')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr
    from game.cli.speedrun_args import play_options

    args = parser().parse_args(["play", "--livesplit", "localhost:17000", "--no-record"])
    assert play_options(args) == {"livesplit": "localhost:17000", "record": False, "practice": None}
    with pytest.raises(ValueError, match="--livesplit"):
        play_options(parser().parse_args(["play", "--livesplit", "host:port"]))


def test_a_lead_in_that_never_reaches_its_split_leaves_no_recording(_aynik_home):
    import dataclasses
    from pathlib import Path

    replay = read_replay(Path(__file__).parent / "data" / "campaign.aynrep")
    marks = list(replay.splits)
    marks[1] = dataclasses.replace(marks[1], ticks=marks[1].ticks - 100)  # claimed too soon
    with pytest.raises(ValueError, match="no longer reaches the split 'Seawall'"):
        SpeedrunSession.practice_from_split(dataclasses.replace(replay, splits=marks), "Seawall")
    replays = _aynik_home / "replays"
    assert not replays.exists() or list(replays.iterdir()) == []

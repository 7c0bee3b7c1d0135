"""Whole multi-loop runs recorded as they are played, verified tick by tick, and watched back.

The run used throughout, on the two small maps of `write_course`: from loop 1, Cage stands still
and the drones kill him (loop 2); he walks east through "Gate" and resets (loop 3); he walks east
through "Far", through the Exit into the annex and its "Annex" split, and resets (loop 4); then
stands a moment, and the player leaves the run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_speedrun_maps import write_course

from game.cli.headless import simulate
from game.level.atlas import load_atlas
from game.replay.format import CHECKPOINT_INTERVAL, ReplayError, parse_replay, read_replay
from game.replay.library import delete_replay, list_replays
from game.replay.playback import Playback, loop_starts
from game.replay.session import SpeedrunSession
from game.replay.verify import verify_replay
from game.sim import inputs
from game.sim.inputs import InputFrame
from game.sim.loop import Run
from game.sim.memory import Memory

EAST = InputFrame(move_x=127)
RESET = InputFrame(buttons=inputs.RESET_NOW)


def play_course(session: SpeedrunSession, run: Run) -> dict:
    """The scripted run; returns the run tick of each event that matters."""
    marks: dict = {"loops": [], "entered": None}

    def tick(frame: InputFrame) -> list:
        events = run.step(session.input(frame))
        session.after_step(run, events)
        for e in events:
            if type(e).__name__ == "LoopStarted":
                marks["loops"].append(run.run_ticks)
            if type(e).__name__ == "LevelEntered":
                marks["entered"] = run.run_ticks
        return events

    while run.loop == 1:
        tick(InputFrame())
    for _ in range(120):
        tick(EAST)
    tick(RESET)
    while marks["entered"] is None:
        tick(EAST)
    for _ in range(60):
        tick(EAST)
    tick(RESET)
    for _ in range(90):
        tick(InputFrame())
    return marks


def record_course(folder: Path) -> tuple[Path, dict, SpeedrunSession]:
    course = write_course(folder / "maps")
    level, atlas = load_atlas(course)
    run = Run(level, 0, Memory(loop=1), atlas)
    session = SpeedrunSession.new(run, level, 0, start_memory=Memory(loop=1))
    marks = play_course(session, run)
    marks["ticks"] = run.run_ticks
    marks["maps"] = course.parent.resolve()
    marks["state_hash"] = run.state_hash()
    session.abandon(run)
    return session.replay_path, marks, session


@pytest.fixture
def course_run(tmp_path):
    return record_course(tmp_path)


def test_a_multi_loop_run_across_two_maps_verifies(course_run):
    path, marks, session = course_run
    replay = read_replay(path)
    assert [m.reason for m in replay.loops] == ["death", "reset", "reset"]
    assert [m.ticks for m in replay.loops] == marks["loops"]
    assert [(s.name, s.ticks) for s in replay.splits] == [
        (h.name, h.run_ticks) for h in session.tracker.splits.hits
    ]
    assert [s.name for s in replay.splits] == ["Gate", "Far", "Annex"]
    maps = marks["maps"]
    assert set(replay.header["levels"]) == {str(maps / "course.tmx"), str(maps / "annex.tmx")}
    verdict = verify_replay(replay)
    assert verdict.valid, verdict.problem
    assert verdict.result["loops"] == 4
    assert verdict.result["igt_ticks"] == session.tracker.igt_ticks == marks["ticks"]
    assert verdict.result["completed"] is False
    assert [s["name"] for s in verdict.result["splits"]] == ["Gate", "Far", "Annex"]


def test_the_command_line_verifies_it_and_prints_the_contract_keys(course_run):
    path, marks, _session = course_run
    command = [sys.executable, "-m", "game", "verify", str(path), "--json"]
    out = subprocess.run(command, capture_output=True, text=True, timeout=120, env=dict(os.environ))
    assert out.returncode == 0, out.stdout + out.stderr
    verdict = json.loads(out.stdout)
    assert verdict["valid"] is True and verdict["completed"] is False
    assert verdict["igt_ticks"] == marks["ticks"] and verdict["loops"] == 4


def _retarget(path: Path, tick: int, buttons: int) -> Path:
    """A copy of the replay whose input at `tick` (1-based) has other buttons."""
    lines = path.read_text().split("\n")
    out, seen = [], 0
    for line in lines:
        if line.startswith("F "):
            _f, count, mx, my, aim, old = line.split()
            count = int(count)
            if seen < tick <= seen + count:
                before, after = tick - 1 - seen, seen + count - tick
                if before:
                    out.append(f"F {before} {mx} {my} {aim} {old}")
                out.append(f"F 1 {mx} {my} {aim} {buttons}")
                if after:
                    out.append(f"F {after} {mx} {my} {aim} {old}")
                seen += count
                continue
            seen += count
        out.append(line)
    changed = path.with_name("changed.aynrep")
    changed.write_text("\n".join(out))
    return changed


def test_a_changed_input_is_caught_at_its_tick_and_loop_with_a_desync_report(course_run):
    path, marks, _session = course_run
    # Fire a round shortly before a periodic checkpoint, in a day that goes on past it, so both
    # states at that checkpoint differ (a new day would make them the same again).
    starts = [0, *marks["loops"], marks["ticks"]]
    checkpoint = next(
        c
        for c in range(CHECKPOINT_INTERVAL, marks["ticks"], CHECKPOINT_INTERVAL)
        if any(a + 30 < c < b for a, b in zip(starts, starts[1:], strict=False))
    )
    tick = checkpoint - 20
    loop = 1 + sum(1 for start in marks["loops"] if start < tick)
    changed = _retarget(path, tick, inputs.FIRE)
    verdict = verify_replay(read_replay(changed))
    assert not verdict.valid
    assert verdict.diverged_at == tick and verdict.diverged_loop == loop
    assert f"tick {tick} (loop {loop})" in verdict.problem
    report = json.loads(Path(verdict.report_path).read_text())
    assert Path(verdict.report_path).parent == changed.parent
    assert report["first_diverging_tick"] == tick and report["loop"] == loop
    assert report["last_matching_tick"] == tick - 1
    recorded, replayed = report["recorded"], report["replayed"]
    assert recorded["digest"] != replayed["digest"]
    # Both states, side by side, at the first recorded checkpoint after the divergence.
    assert recorded["checkpoint"]["ticks"] == replayed["checkpoint"]["run_ticks"]
    assert recorded["checkpoint"]["state_hash"] != replayed["checkpoint"]["state_hash"]
    assert replayed["state"]["cage"]["ammo"] < recorded["checkpoint"]["state"]["cage"]["ammo"]
    assert any(
        i["tick"] == tick and i["input"].endswith(str(inputs.FIRE)) for i in report["inputs"]
    )


def test_a_changed_map_or_game_version_is_caught(course_run):
    path, marks, _session = course_run
    maps = marks["maps"]
    # The annex, entered mid-run: caught on the tick the run goes through the Exit.
    annex = maps / "annex.tmx"
    annex.write_text(annex.read_text().replace('x="200" y="0"', 'x="232" y="0"'))
    verdict = verify_replay(read_replay(path))
    assert not verdict.valid and verdict.diverged_at == marks["entered"]
    assert "annex" in verdict.problem and "differs" in verdict.problem
    # The starting map: caught before the first tick.
    course = maps / "course.tmx"
    course.write_text(course.read_text().replace('x="640" y="0"', 'x="672" y="0"'))
    verdict = verify_replay(read_replay(path))
    assert not verdict.valid and verdict.diverged_at == 0 and "differs" in verdict.problem
    # Another version of the game.
    text = path.read_text().replace('"game_version": "0.1.0"', '"game_version": "0.0.9"', 1)
    verdict = verify_replay(parse_replay(text, path))
    assert not verdict.valid and "0.0.9" in verdict.problem


def test_edited_hashes_break_the_chain_and_damaged_files_are_refused(course_run):
    path, _marks, _session = course_run
    text = path.read_text()
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("C ") and i > 5)
    parts = lines[index].split(" ", 5)
    parts[3] = "0" * 32
    lines[index] = " ".join(parts)
    verdict = verify_replay(parse_replay("\n".join(lines), path))
    assert not verdict.valid and "do not hold together" in verdict.problem

    bad = {
        "foreign": b"PK\x03\x04 not a replay at all",
        "garbage record": (
            text.split("\n", 3)[0] + "\n" + text.split("\n", 3)[1] + "\nZ 1 2\n"
        ).encode(),
        "digest gap": text.replace("\nD 61 ", "\nD 62 ", 1).encode(),
        "bad digest": text.replace("\nD 1 ", "\nD 1 zzzz ", 1).encode(),
        "bad loop": text.replace('"reason": "death"', '"reason": 5', 1).encode(),
    }
    for name, content in bad.items():
        damaged = path.with_name(f"{name.replace(' ', '-')}.aynrep")
        damaged.write_bytes(content)
        with pytest.raises(ReplayError) as caught:
            read_replay(damaged)
        assert str(damaged) in str(caught.value), name


def test_a_file_cut_short_reads_up_to_its_last_whole_line_and_says_so(course_run):
    path, _marks, _session = course_run
    data = path.read_bytes()
    cut = path.with_name("cut.aynrep")
    cut.write_bytes(data[: len(data) * 2 // 3 + 7])  # mid-line, as a crash leaves it
    replay = read_replay(cut)
    assert replay.end is None and len(replay.frames) > 0
    verdict = verify_replay(replay)
    assert not verdict.valid and "cut short" in verdict.problem
    assert verdict.result["holds_until_tick"] == len(replay.frames)


CRASH = """
import os, sys
sys.path.insert(0, {tests!r})
from pathlib import Path
from test_speedrun_maps import write_course
from game.cli.headless import simulate
from game.level.atlas import load_atlas
from game.sim.inputs import InputFrame
from game.sim.loop import Run
from game.replay.session import SpeedrunSession
level, atlas = load_atlas(write_course(Path({folder!r})))
run = Run(level, 0, None, atlas)
session = SpeedrunSession.new(run, level, 0)
for t in range(700):
    events = run.step(session.input(InputFrame(move_x=127 if t % 200 < 100 else -127)))
    session.after_step(run, events)
print(session.replay_path, flush=True)
os._exit(3)  # the game dies without closing anything
"""


def test_a_crash_leaves_a_valid_replay_up_to_that_point(tmp_path):
    script = CRASH.format(tests=str(Path(__file__).parent), folder=str(tmp_path / "maps"))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120, env=dict(os.environ))  # fmt: skip
    assert out.returncode == 3, out.stderr
    replay = read_replay(out.stdout.strip())
    assert replay.end is None and 600 <= len(replay.frames) <= 700
    verdict = verify_replay(replay)
    assert "cut short" in verdict.problem and verdict.result["holds_until_tick"] == len(
        replay.frames
    )
    [info] = list_replays()
    assert info.cut_short and info.problem == "" and info.ticks == len(replay.digests)


def test_version_1_replays_still_read_and_verify(tmp_path):
    level, atlas = load_atlas(write_course(tmp_path / "maps", killers=False))
    run = Run(level, 2, None, atlas)
    header = {"game_version": "0.1.0", "level": str(Path(level.path).resolve()),
              "level_hash": level.content_hash, "seed": 2}  # fmt: skip
    lines = ["AYNIK-REPLAY 1", "H " + json.dumps(header)]
    for t in range(1, 301):
        run.step(EAST)
        if t % 100 == 0:
            lines += ["F 100 127 0 0 0", f"C {t} {run.state_hash()}"]
    end = {"ticks": 300, "state_hash": run.state_hash(), "loops": 0, "completed": False}
    lines.append("E " + json.dumps(end))
    path = tmp_path / "old.aynrep"
    path.write_text("\n".join(lines) + "\n")
    replay = read_replay(path)
    assert replay.version == 1 and len(replay.checkpoints) == 3
    verdict = verify_replay(replay)
    assert verdict.valid, verdict.problem
    assert [s["name"] for s in verdict.result["splits"]] == ["Gate", "Far"]


def test_jumping_to_a_loop_lands_on_exactly_the_recorded_state(course_run):
    path, marks, _session = course_run
    replay = read_replay(path)
    starts = loop_starts(replay)
    assert [(s.ticks, s.loop, s.reason) for s in starts] == [
        (0, 1, "start"), (marks["loops"][0], 2, "death"), (marks["loops"][1], 3, "reset"),
        (marks["loops"][2], 4, "reset")]  # fmt: skip
    straight = Playback(replay)
    while straight.position < marks["loops"][1] + 50:
        straight.step()
    jumper = Playback(replay)
    jumper.jump_to_loop(3)  # forward: rebuilt at the loop start from its recorded Memory
    assert jumper.position == marks["loops"][2] and jumper.run.loop == 4
    jumper.seek(marks["loops"][1] + 50)  # back again, from the loop-3 start
    assert jumper.run.state_hash() == straight.run.state_hash()
    assert jumper.tracker.igt_ticks == straight.tracker.igt_ticks
    assert jumper.tracker.splits.done("Gate") and not jumper.tracker.splits.done("Far")
    while jumper.step() is not None:
        pass
    assert jumper.run.state_hash() == marks["state_hash"]


def test_the_replay_list_shows_each_run_and_deletes_only_replays(course_run, tmp_path):
    path, marks, _session = course_run
    (path.parent / "junk.aynrep").write_bytes(b"\x00\x01")
    infos = {i.name: i for i in list_replays()}
    info = infos[path.name]
    assert info.problem == "" and not info.cut_short and not info.completed
    assert info.loops == 4 and info.igt_ticks == marks["ticks"] and info.ticks == marks["ticks"]
    assert info.category == "Level: course" and not info.official and info.seed == 0
    assert infos["junk.aynrep"].problem.startswith("not a replay file")
    outside = tmp_path / "elsewhere.aynrep"
    outside.write_text("x")
    with pytest.raises(ValueError):
        delete_replay(outside)
    assert outside.exists()
    delete_replay(path)
    assert not path.exists() and path.name not in {i.name for i in list_replays()}


def test_a_mods_replay_names_its_maps_by_their_place_in_the_mods_folder(
    tmp_path, monkeypatch, _aynik_home
):
    course = write_course(_aynik_home / "mods" / "trial", killers=False)
    path = tmp_path / "mod.aynrep"
    simulate(str(course), 240, bot="idle", record=str(path))
    replay = read_replay(path)
    assert replay.header["level"] == "mods/trial/course.tmx"
    assert set(replay.header["levels"]) == {"mods/trial/course.tmx", "mods/trial/annex.tmx"}
    # Another machine, another home folder, the same mod: the replay still verifies.
    other = tmp_path / "elsewhere"
    shutil.copytree(_aynik_home / "mods", other / "mods")
    shutil.rmtree(_aynik_home / "mods")
    monkeypatch.setenv("AYNIK_HOME", str(other))
    verdict = verify_replay(read_replay(path))
    assert verdict.valid, verdict.problem

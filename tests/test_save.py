"""Memory on disk: it survives restarts, damaged saves are reported and kept, kills lose nothing."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game import save, storage
from game.sim.memory import DeathRecord, Memory


def sample_memory(loop: int = 4) -> Memory:
    memory = Memory(loop=loop, training_level=2)
    memory.knowledge = {"ambush:22": 1, "rita:phrase": 2, "intel:gate-code": 3}
    memory.deaths = [DeathRecord(1, 640, 100.5, 200.25, "a drone's lunge", "beachhead")]
    return memory


def test_memory_round_trips_through_the_save(_aynik_home):
    save.write_save(sample_memory())
    state = save.load_save()
    assert state.problem is None
    assert state.memory == sample_memory()
    assert (_aynik_home / "save.json").exists()


def test_each_save_keeps_the_previous_one_as_backup(_aynik_home):
    save.write_save(sample_memory(3))
    save.write_save(sample_memory(4))
    backup = json.loads((_aynik_home / "save.json.bak").read_text())
    assert backup["loop"] == 3


@pytest.mark.parametrize(
    "content, words",
    [
        ("{not json", "not valid JSON"),
        ('{"version": 99, "loop": 1}', "newer version"),
        ('{"version": 1, "loop": "many"}', "'loop'"),
        ("[]", "expected an object"),
    ],
)
def test_a_damaged_save_is_reported_kept_and_not_overwritten(_aynik_home, content, words):
    path = _aynik_home / "save.json"
    path.write_text(content)
    state = save.load_save()
    assert state.memory is None
    assert str(path) in state.problem and words in state.problem
    with pytest.raises(save.SaveBlocked):
        save.write_save(sample_memory())
    assert path.read_text() == content  # untouched
    # Choosing a new game sets it aside, never deletes it.
    save.write_save(Memory(), set_damaged_aside=True)
    assert (_aynik_home / "save.damaged-1.json").read_text() == content
    assert save.load_save().memory == Memory()


def test_a_damaged_save_falls_back_to_the_backup(_aynik_home):
    save.write_save(sample_memory(3))
    save.write_save(sample_memory(4))
    (_aynik_home / "save.json").write_text('{"version": 1, "loop": ')
    state = save.load_save()
    assert state.from_backup and state.memory.loop == 3
    assert "backup" in state.problem


WRITER = """
import sys
from game import save
from game.sim.memory import Memory, DeathRecord
loop = 1
while True:
    memory = Memory(loop=loop, training_level=loop % 6)
    memory.knowledge = {f"ambush:{i}": i for i in range(loop % 50)}
    memory.deaths = [
        DeathRecord(i, i * 7, 1.5, 2.5, "x" * (i % 40), "beachhead") for i in range(loop % 80)
    ]
    save.write_save(memory)
    print(loop, flush=True)
    loop += 1
"""


def test_killing_the_game_while_it_saves_never_loses_the_last_good_memory(_aynik_home):
    rng = random.Random(1234)
    last_loop = 0
    for _ in range(25):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "AYNIK_HOME": str(_aynik_home)},
        )
        # Let it write a while, then kill it dead at an arbitrary moment.
        first = proc.stdout.readline()
        assert first.strip().isdigit()
        time.sleep(rng.uniform(0.0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        # The writer says a loop only once its save is on disk: that one (or the next, if
        # the kill came between a finished write and its line) is what the disk holds.
        reported = [int(line) for line in [first, *proc.stdout.read().split()] if line.strip()]
        state = save.load_save()
        assert state.problem is None, state.problem
        assert state.memory is not None
        assert state.memory.loop in (reported[-1], reported[-1] + 1), (reported[-1], state)
        last_loop = state.memory.loop
        # No temp files are mistaken for saves, and the save reads cleanly next time too.
        assert json.loads((_aynik_home / "save.json").read_text())["loop"] == last_loop
    assert last_loop >= 1


def test_the_save_is_written_off_the_frame_newest_first_and_a_blocked_one_says_so():
    writer = save.SaveWriter()
    for loop in (2, 3, 4):  # the newest wins; none is lost half-written
        writer.submit(sample_memory(loop))
    writer.flush()
    assert writer.problem is None and save.load_save().memory.loop == 4
    save.save_path().write_text("{not json", encoding="utf-8")  # a save nobody can read
    writer.submit(sample_memory(5))
    writer.flush()
    assert writer.problem and writer.problem.startswith("Not saved:")
    assert save.save_path().read_text(encoding="utf-8") == "{not json"  # never written over
    writer.close()
    writer._thread.join(timeout=5)
    assert not writer._thread.is_alive(), "a closed writer's thread ends"


def test_a_save_is_never_written_in_place(monkeypatch, tmp_path):
    """Until the new save is whole on disk the old one stays as it was: the new one is written
    beside it and renamed over it in one step, so a kill at any moment leaves one or the other."""
    target = tmp_path / "save.json"
    target.write_text('{"loop": 1}')
    renames = []
    real_replace = os.replace

    def watching_replace(source, destination) -> None:
        # At the moment of the rename the old save is untouched and the new one complete.
        renames.append((Path(destination).read_text(), Path(source).read_text()))
        real_replace(source, destination)

    monkeypatch.setattr(storage.os, "replace", watching_replace)
    storage.atomic_write_text(target, '{"loop": 2}')
    assert renames == [('{"loop": 1}', '{"loop": 2}')]
    assert target.read_text() == '{"loop": 2}'
    assert [p.name for p in tmp_path.iterdir()] == ["save.json"], "no temporary file is left"

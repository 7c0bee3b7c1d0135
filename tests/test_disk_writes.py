"""The run's end never waits on the disk: the frame the Omega dies on and the one the ending comes
up on hand their fsyncs to the disk writer, and nothing is lost or read too early for it (the
replay verifies, the personal best is kept, the summary is named once it is on disk, the title
reads the save the run just wrote)."""

from __future__ import annotations

import os
import threading
import time

import pygame
import pytest
from test_speedrun_session import EAST, course, omega_destroyed

from game import __version__
from game.disk_writes import DiskWrites
from game.replay.format import read_replay
from game.replay.session import SpeedrunSession
from game.sim.inputs import InputFrame
from game.sim.loop import Run
from game.speedrun.bests import Bests


@pytest.fixture
def fsyncs(monkeypatch):
    """The threads every fsync runs on, in order ("main" or the worker's name)."""
    seen: list[str] = []
    real = os.fsync

    def fsync(fd):
        current = threading.current_thread()
        seen.append("main" if current is threading.main_thread() else current.name)
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return seen


def test_writes_are_done_in_order_and_a_failed_one_is_told_and_stops_nothing():
    writes, done, told = DiskWrites(), [], []
    gate = threading.Event()
    writes.submit(gate.wait, told.append)
    writes.submit(lambda: done.append("first"), told.append)
    writes.submit(
        lambda: (_ for _ in ()).throw(OSError(28, "No space left on device")), told.append
    )
    last = writes.submit(lambda: done.append("last"), told.append)
    assert writes.busy and done == []  # held behind the first
    gate.set()
    writes.settle()
    assert last.done() and not writes.busy
    assert done == ["first", "last"]
    assert [exc.strerror for exc in told] == ["No space left on device"]


def _session_run_to_the_end(maps, writes: DiskWrites):
    level, atlas = maps
    run = Run(level, 0, None, atlas)
    session = SpeedrunSession.new(run, level, 0)
    session.writes = writes
    for t in range(320):
        events = run.step(session.input(InputFrame() if t < 10 else EAST))
        if t == 319:
            events.append(omega_destroyed(run.world.tick))
        session.after_step(run, events)
    return session, run


def test_the_run_s_end_is_written_off_the_frame_and_all_of_it_reaches_the_disk(tmp_path, fsyncs):
    maps = course(tmp_path)
    writes = DiskWrites()
    gate = threading.Event()
    writes.submit(gate.wait, print)  # a disk that is slow today: nothing gets written yet
    session, run = _session_run_to_the_end(maps, writes)
    assert session.ended.completed and session.ended.outcome.new_pb  # known on the frame
    exported = session.export_summary()
    assert "main" not in fsyncs  # neither the last tick nor the ending waited on the disk
    assert exported() == ()  # the ending names no file that is not written yet
    gate.set()
    writes.settle()
    assert fsyncs and "main" not in fsyncs
    replay = read_replay(session.replay_path)
    assert replay.end["completed"] is True and replay.end["igt_ticks"] == session.tracker.igt_ticks
    assert replay.checkpoints[-1].ticks == run.run_ticks == len(replay.frames)  # whole, to the end
    kept = Bests.load(session.category, __version__)
    assert kept.pb and kept.pb[-1].igt_ticks == session.tracker.igt_ticks  # the new PB, kept
    markdown, data = exported()
    assert markdown.read_text(encoding="utf-8") == session.summary.to_markdown()
    assert data.is_file() and not session.problem and not session.summary_problem


def test_a_summary_that_cannot_be_written_is_never_named(tmp_path, monkeypatch):
    maps = course(tmp_path)
    writes = DiskWrites()
    session, _run = _session_run_to_the_end(maps, writes)
    blocked = tmp_path / "runs"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    exported = session.export_summary(blocked)
    writes.settle()
    assert exported() == ()
    assert session.summary_problem.startswith("run summary not saved")


def test_leaving_a_run_hands_its_save_over_and_the_title_reads_it(
    app, fsyncs, _aynik_home, monkeypatch
):
    from game import save
    from game.scenes.pause import PauseScene
    from game.scenes.title import TitleScene

    waited_on: list[bool] = []  # whether each wait for the save's thread was the frame's
    close = save.SaveWriter.close

    def watched_close(writer) -> None:
        waited_on.append(threading.current_thread() is threading.main_thread())
        close(writer)

    monkeypatch.setattr(save.SaveWriter, "close", watched_close)

    app.push(TitleScene(app))
    app.top.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN))  # New game
    play = app.top
    for _ in range(5):
        app._update()
        app._draw(0.5)
    learned = play.run.memory.loop
    app.push(PauseScene(app, play))
    app.top._to_title()  # leaves the run: its save and the recording's end are handed over
    title = app.top
    assert isinstance(title, TitleScene) and title.menu.items[0][0] == "Continue"
    app.disk_writes.settle()
    assert title.save_state.memory is not None and title.save_state.memory.loop == learned
    assert (_aynik_home / "save.json").is_file()
    assert waited_on == [False] and "main" not in fsyncs


def test_a_new_attempt_reads_the_bests_the_one_it_ends_just_wrote(app, monkeypatch):
    from game.scenes.play import PlayScene

    play = PlayScene(app, "beachhead")
    app.push(play)
    for _ in range(30):
        app._update()
        app._draw(0.5)
    assert play.session.tracker.timer.started and play.session.bests.attempt_count == 0
    submit = app.disk_writes.submit

    def slow_disk(work, on_error):
        def slowly() -> None:
            time.sleep(0.3)  # a disk that takes its time: the write lands well after the frame
            work()

        return submit(slowly, on_error)

    monkeypatch.setattr(app.disk_writes, "submit", slow_disk)
    play._new_attempt()  # Day 0 started over: the attempt ends and is kept in the bests
    assert play.session.bests.attempt_count == 1  # the new attempt counts it: none is lost


def test_a_write_that_fails_outright_stops_none_of_the_writes_after_it(capsys):
    writes, done = DiskWrites(), []

    def broken() -> None:
        raise TypeError("a summary that is not text")

    failed = writes.submit(broken, done.append)
    writes.submit(lambda: done.append("after"), done.append)
    writes.settle()
    assert done == ["after"] and isinstance(failed.exception(), TypeError)
    assert "a file was not written" in capsys.readouterr().err

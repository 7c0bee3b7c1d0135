"""Progress survives and failures stay contained: bests and saves recover from their backups, the
death log never outgrows the reader, leftovers are cleaned, content errors inside a scene show the
error panel and keep the save, the replays folder failing turns recording off, LiveSplit's thread
survives any reply, routes name their file and line, and `aynik replay --headless` stops at the
first divergence."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pygame
import pytest
from hostile import aynik, clean
from test_livesplit import WAIT, FakeLiveSplit, client_for, wait_until

from game import save, storage
from game.app import App, AppOptions
from game.level.errors import LevelError
from game.replay.format import chain_start, next_chain
from game.scenes.base import Scene
from game.scenes.levels import ErrorPanel
from game.scenes.title import TitleScene
from game.sim.memory import DeathRecord, Memory
from game.speedrun.bests import Bests, RunResult, SplitTime
from game.speedrun.category import classify

CAMPAIGN_REPLAY = Path(__file__).parent / "data" / "campaign.aynrep"


# --- bests ------------------------------------------------------------------------------------


def _record(bests: Bests, igt: int) -> None:
    bests.record(RunResult([SplitTime("Omega", igt)], igt, None, completed=True))
    bests.save()


def test_a_truncated_bests_file_is_recovered_from_its_backup_and_the_pb_survives(_aynik_home):
    category = classify("beachhead", 0)
    bests = Bests.load(category, "0.1.0")
    _record(bests, 9000)
    _record(Bests.load(category, "0.1.0"), 9500)  # a slower run: the PB stays 9000, .bak made
    text = bests.path.read_text()
    bests.path.write_text(text[: len(text) // 2])  # the disk lost the end of the file
    recovered = Bests.load(category, "0.1.0")
    assert recovered.pb_igt == 9000 and "recovered" in (recovered.problem or "")
    assert list(bests.path.parent.glob("*.damaged-*.json"))  # the damaged file is kept
    _record(recovered, 9900)
    again = Bests.load(category, "0.1.0")
    assert again.pb_igt == 9000 and again.problem is None
    backup = Bests(category, "0.1.0", bests.path.with_name(bests.path.name + ".bak"))
    assert backup._try_read(backup.path) is None and backup.pb_igt == 9000


def test_a_damaged_file_never_replaces_a_good_backup(tmp_path):
    path = tmp_path / "thing.json"
    storage.atomic_write_json(path, {"good": 1})
    storage.atomic_write_json(path, {"good": 2}, keep_backup=True)
    path.write_text('{"good": 3')  # damaged in place
    storage.atomic_write_json(path, {"good": 4}, keep_backup=True)
    assert json.loads(path.with_name("thing.json.bak").read_text()) == {"good": 1}
    storage.atomic_write_json(path, {"good": 5}, keep_backup=True)
    assert json.loads(path.with_name("thing.json.bak").read_text()) == {"good": 4}


# --- the save ---------------------------------------------------------------------------------


def test_continue_from_the_backup_sets_the_damaged_save_aside_and_saves_again(_aynik_home):
    memory = Memory(loop=3)
    memory.learn("intel:gate-code")
    save.write_save(memory)
    save.write_save(memory)  # now save.json.bak holds it too
    save.save_path().write_text('{"version": 1, "loop": ' + "9" * 400 + "}")
    state = save.load_save()
    assert state.from_backup and state.memory.loop == 3 and "save.json" in state.problem
    pygame.init()
    try:
        app = App(AppOptions(frames=1))
        title = TitleScene(app)
        app.push(title)
        title._continue()
        assert (_aynik_home / "save.damaged-1.json").read_text().startswith('{"version": 1')
        assert save.load_save().memory.loop == 3 and not save.load_save().from_backup
        play = app.top
        play.run.memory.loop = 4
        play._save()  # the next loop's save is not blocked
        play.saver.flush()  # written off the frame: wait for it
        assert play.saver.problem is None and save.load_save().memory.loop == 4
    finally:
        pygame.quit()


def test_the_death_log_is_capped_so_a_written_save_always_reads_back(_aynik_home):
    memory = Memory(loop=30_000)
    for n in range(30_000):
        memory.deaths.append(DeathRecord(n, n * 7, 1.5 * n, 2.25, "a drone's lunge", "beachhead"))
    save.write_save(memory)
    assert save.save_path().stat().st_size < 4 * 1024 * 1024
    loaded = save.load_save()
    assert loaded.problem is None and loaded.memory is not None
    kept = loaded.memory
    assert len(kept.deaths) == save.MAX_DEATH_RECORDS and kept.death_count == 30_000
    assert kept.deaths[-1].loop == 29_999  # the newest detail is kept, the oldest trimmed
    kept.deaths.append(DeathRecord(30_000, 1, 0.0, 0.0, "a mine", "beachhead"))
    save.write_save(kept)
    again = save.load_save().memory
    assert again.death_count == 30_001 and len(again.deaths) == save.MAX_DEATH_RECORDS


def test_an_untrimmed_memory_hashes_and_saves_as_before():
    memory = Memory(loop=2, deaths=[DeathRecord(1, 2, 3.0, 4.0, "x", "beachhead")])
    assert "deaths_forgotten" not in memory.to_json()
    assert Memory.from_json(memory.to_json()).deaths_forgotten == 0


def test_leftover_temporary_files_are_cleaned_but_not_a_write_under_way(_aynik_home):
    old = _aynik_home / ".save.json.abc123.tmp"
    fresh = _aynik_home / ".settings.json.def456.tmp"
    splits = _aynik_home / "splits"
    splits.mkdir()
    old_split = splits / ".bests.json.x1.tmp"
    keep = _aynik_home / "notes.tmp"
    for path in (old, fresh, old_split, keep):
        path.write_text("half")
    hour_ago = time.time() - 3600
    for path in (old, old_split, keep):
        os.utime(path, (hour_ago, hour_ago))
    removed = storage.clean_leftovers()
    assert sorted(removed) == sorted([old, old_split])
    assert fresh.exists() and keep.exists()


# --- failures contained at run time -------------------------------------------------------------


class _Failing(Scene):
    def __init__(self, app, where: str) -> None:
        super().__init__(app)
        self.where = where
        self.left = False

    def update(self) -> None:
        if self.where == "update":
            raise LevelError("/mods/x/map.tmx", "an Exit leads to a map with no PlayerStart")

    def draw(self, surface, alpha) -> None:
        if self.where == "draw":
            from game.render.assets import AssetError

            raise AssetError("/mods/x/tiles.png: cannot be decoded")

    def leave(self) -> None:
        self.left = True


@pytest.mark.parametrize("where", ["update", "draw"])
def test_a_content_error_inside_a_scene_shows_the_error_panel(where, capsys):
    app = App(AppOptions(frames=1))
    try:
        app.push(TitleScene(app))
        failing = _Failing(app, where)
        app.push(failing)
        app._guarded(app._update)
        app._guarded(app._draw, 0.5)
        assert failing.left and isinstance(app.top, ErrorPanel)
        assert "map.tmx" in capsys.readouterr().err or where == "draw"
        app._guarded(app._draw, 0.5)  # the panel draws
        app.top.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN))
        assert isinstance(app.top, TitleScene)
    finally:
        pygame.quit()


def test_a_bad_route_in_play_shows_the_panel_keeps_the_save_and_names_file_and_line(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    memory = Memory(loop=5)
    memory.learn("rita:phrase")
    (home / "save.json").write_text(json.dumps(memory.to_json()))
    kept = (home / "save.json").read_bytes()
    route = tmp_path / "bad.route"
    route.write_text("wait 3\ngoto nosuchobject\n")
    done = aynik(["play", "--bot", f"route:{route}", "--frames", "20"], home)
    stderr = clean(done)
    assert done.returncode == 1 and f"{route}:2" in stderr and "nosuchobject" in stderr
    assert (home / "save.json").read_bytes() == kept


@pytest.mark.parametrize(
    "text,words",
    [
        ("wait 2\ngoto nosuchobject\n", ":2: no object named 'nosuchobject'"),
        ("goto nan nan\n", ":1: goto X Y needs two numbers"),
        ("approach start 1e23\n", ":1: approach NAME PX needs a whole number"),
    ],
)
def test_route_errors_in_sim_name_the_file_and_line(tmp_path, text, words):
    route = tmp_path / "my.route"
    route.write_text(text)
    done = aynik(
        ["sim", "--level", "beachhead", "--ticks", "30", "--bot", f"route:{route}"], tmp_path
    )
    stderr = clean(done)
    assert done.returncode == 1 and f"{route}{words}" in stderr, stderr


def test_a_replays_folder_that_cannot_be_made_turns_recording_off_with_a_notice(
    tmp_path, monkeypatch
):
    from game.level.atlas import load_atlas
    from game.level.campaign import resolve_level
    from game.replay.session import start_play

    home = tmp_path / "home"
    home.mkdir()
    (home / "replays").write_text("not a folder")  # mkdir fails, as on a read-only home
    monkeypatch.setenv("AYNIK_HOME", str(home))
    session, run = start_play(load_atlas(resolve_level("beachhead")), 0)
    assert session.recorder is None and session.problem.startswith("not recording")
    done = aynik(["play", "--level", "beachhead", "--frames", "10"], home)
    clean(done)
    assert done.returncode == 0, done.stderr[-2000:]


# --- LiveSplit ----------------------------------------------------------------------------------


class _HostileLiveSplit(FakeLiveSplit):
    """Answers the client's questions with whatever `reply` holds, then behaves."""

    def __init__(self, reply: bytes) -> None:
        self.reply = reply
        super().__init__()

    def connected(self) -> None:
        # This connection's first answer is the hostile one; later connections get sense.
        self._pending, self.reply = self.reply, b"NotRunning\r\n-1\r\n"

    def answer(self, conn, text: str) -> None:
        if text == "getsplitindex" and self._pending is not None:
            reply, self._pending = self._pending, None
            conn.sendall(reply)


HOSTILE_REPLIES = {
    "a superscript index": b"Running\r\n\xc2\xb2\r\n",
    "a 5000-digit index": b"Running\r\n" + b"9" * 5000 + b"\r\n",
    "a negative 5000-digit index": b"Running\r\n-" + b"9" * 5000 + b"\r\n",
    "bytes that are not UTF-8": b"\xff\xfe\xfd\r\n\x80\r\n",
    "an encoded surrogate": b"Running\r\n\xed\xa0\x80\r\n",
    "a megabyte without a newline": b"R" * (1024 * 1024),
    "NUL bytes": b"\x00" * 1000 + b"\r\n\x00\r\n",
    "an Ended phase with a huge index": b"Ended\r\n" + b"1" * 400 + b"\r\n",
}


@pytest.mark.parametrize("case", sorted(HOSTILE_REPLIES))
def test_the_livesplit_thread_survives_any_reply_and_reconnects(case):
    server = _HostileLiveSplit(HOSTILE_REPLIES[case])
    client = client_for(server)
    try:
        client.start_run()
        wait_until(lambda: client.connections >= 1, "connected")
        client.split(60)
        server.received(1)
        assert client._thread.is_alive()
        wait_until(client.synced, f"synced after {case}")
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            with server._lock:
                sent = [line for c in server.connections for line in c]
            if "split" in sent:
                break
            time.sleep(0.01)
        assert "split" in sent and client._thread.is_alive()
        server.drop()
        wait_until(lambda: client.connections >= 2, "reconnected")
    finally:
        client.close()
        server.close()


# --- aynik replay --headless ----------------------------------------------------------------------


def _rewrite(lines: list[str]) -> list[str]:
    """Recompute the checkpoint chain after an edit, as a forger would."""
    header = next(line for line in lines if line.startswith("H "))
    chain = chain_start(header)
    digests: list[str] = []
    since = 0
    out = []
    for line in lines:
        if line.startswith("D "):
            digests.extend(line.split()[2:])
        if line.startswith("C "):
            parts = line.split(" ", 5)
            ticks, loop, state = int(parts[1]), int(parts[2]), parts[3]
            chain = next_chain(chain, ticks, loop, state, digests[since:ticks])
            since = ticks
            parts[4] = chain
            line = " ".join(parts)
        out.append(line)
    return out


def _edited(tmp_path: Path, name: str, edit) -> Path:
    lines = CAMPAIGN_REPLAY.read_text().split("\n")
    path = tmp_path / name
    path.write_text("\n".join(edit(lines)))
    return path


def _edit_end(key: str, value):
    def edit(lines):
        out = []
        for line in lines:
            if line.startswith("E "):
                end = json.loads(line[2:])
                end[key] = value
                line = "E " + json.dumps(end, sort_keys=True)
            out.append(line)
        return out

    return edit


def _edit_header(key: str, value):
    def edit(lines):
        out = []
        for line in lines:
            if line.startswith("H "):
                header = json.loads(line[2:])
                header[key] = value
                line = "H " + json.dumps(header, sort_keys=True)
            out.append(line)
        return out

    return edit


def _edit_digest(tick: int):
    def edit(lines):
        out = []
        for line in lines:
            if line.startswith("D "):
                parts = line.split()
                first = int(parts[1])
                if first <= tick < first + len(parts) - 2:
                    i = 2 + tick - first
                    parts[i] = "0000" if parts[i] != "0000" else "ffff"
                    line = " ".join(parts)
            out.append(line)
        return _rewrite(out)

    return edit


@pytest.mark.parametrize(
    "name,edit,words",
    [
        ("claims.aynrep", _edit_end("igt_ticks", 1), "the end record claims igt_ticks"),
        ("short.aynrep", _edit_end("ticks", 600), "after tick 600"),
        ("version.aynrep", _edit_header("game_version", "9.9.9"), "game version 9.9.9"),
        ("hash.aynrep", _edit_header("level_hash", "0" * 16), "differs from the recorded one"),
        ("levels.aynrep", _edit_header("levels", {"dam": "1" * 16}), "'dam'"),
        ("digest.aynrep", _edit_digest(300), "diverges from the recording at tick 300"),
    ],
)
def test_a_headless_replay_exits_1_on_the_first_problem(tmp_path, name, edit, words):
    """Edits of the shipped campaign run. The edited end claim is only found at the end: every
    tick's digest before it held, so the check never cries wolf on a run that is sound."""
    path = _edited(tmp_path, name, edit)
    done = aynik(["replay", str(path), "--headless", "--json"], tmp_path / "home")
    stderr = clean(done)
    assert done.returncode == 1, (done.returncode, stderr[-1000:])
    assert name in stderr and "does not verify" in stderr and words in stderr, stderr
    assert done.stdout == ""  # no summary printed for a run that does not hold


def test_a_diverging_headless_replay_stops_driving_livesplit(tmp_path):
    path = _edited(tmp_path, "digest.aynrep", _edit_digest(1200))
    server = FakeLiveSplit()
    try:
        done = aynik(
            [
                "replay",
                str(path),
                "--headless",
                "--speed",
                "0",
                "--livesplit",
                f"127.0.0.1:{server.port}",
            ],
            tmp_path / "home",
        )
        assert done.returncode == 1 and "tick 1200" in clean(done)
        with server._lock:
            sent = [line for c in server.connections for line in c]
        # The first split of the campaign comes long after tick 1200: none was sent.
        assert "split" not in sent
    finally:
        server.close()


# --- the Levels screen ----------------------------------------------------------------------------


def test_the_levels_screen_lists_hostile_mods_without_crashing(_aynik_home):
    from test_hostile_maps import _gate_map

    from game.scenes.levels import LevelSelectScene

    mods = _aynik_home / "mods"
    surrogate = mods / "surrogate"
    surrogate.mkdir(parents=True)
    (surrogate / "mod.json").write_text('{"title": "\\ud800", "author": "\\udfff"}')
    undecodable = os.path.join(os.fsencode(mods), b"caf\xff")  # a folder name that is not UTF-8
    os.mkdir(undecodable)
    with open(os.path.join(undecodable, b"mod.json"), "w") as handle:
        handle.write('{"title": "Caf\\u00e9"}')
    _gate_map(mods / "locked", "intel:nowhere", walled=True)
    app = App(AppOptions(frames=1))
    try:
        scene = LevelSelectScene(app)
        app.push(scene)
        for index in range(len(scene.entries)):
            scene.index = index
            app._draw(0.5)  # every entry's panel draws
        by_title = {entry.title: entry for entry in scene.entries}
        assert "mod.json" in by_title["surrogate"].problems[0].message
        assert "lone surrogate" in by_title["surrogate"].problems[0].message
        locked = by_title["locked"]
        assert locked.start is None and any("Cannot be played" in d for d in locked.details)
    finally:
        pygame.quit()


def test_a_notice_naming_a_folder_that_is_not_utf8_shows_with_a_stand_in(tmp_path):
    from test_validate import obj, start, write_map

    from game.scenes.play import PlayScene

    path = write_map(tmp_path / "mod", [start(), obj(2, "Rita", 100, 100)])
    folder = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"caf\xff"))  # a lone surrogate
    app = App(AppOptions(frames=1))
    try:
        play = PlayScene(app, str(path))
        app.push(play)
        play.notices.hint("NOT RELOADED", f"{folder}/beach.tmx: no PlayerStart")
        play.notices.say(f"Saved the replay to {folder}/day.aynrep")
        for _ in range(3):
            app._draw(0.5)  # the toast and the subtitle wrap and draw
        assert play.notices.toasts and play.notices.subtitle_frames > 0
    finally:
        pygame.quit()


def test_a_hot_reload_of_a_map_that_lost_its_player_start_keeps_the_day(tmp_path):
    from test_validate import obj, start, write_map

    from game.scenes.play import PlayScene

    path = write_map(tmp_path / "mod", [start(), obj(2, "Rita", 100, 100)])
    app = App(AppOptions(frames=1))
    try:
        play = PlayScene(app, str(path), dev=True)
        app.push(play)
        run = play.run
        write_map(tmp_path / "mod", [obj(2, "Rita", 100, 100)])  # saved without a PlayerStart
        play._hot_reload()
        assert play.run is run  # the day goes on with the map as it was
        app._draw(0.5)
        assert "Not reloaded" in play.notices.subtitle and "no PlayerStart" in play.notices.subtitle
    finally:
        pygame.quit()


def test_writing_a_replay_or_a_screenshot_into_a_fifo_never_hangs(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    done = aynik(["sim", "--level", "beachhead", "--ticks", "10", "--record", str(fifo)], tmp_path)
    assert done.returncode == 1 and "out.fifo" in clean(done)
    done = aynik(["play", "--frames", "2", "--screenshot", str(fifo)], tmp_path)
    assert done.returncode == 1 and "out.fifo" in clean(done)


def test_a_replay_naming_a_hostile_map_never_runs_it(tmp_path):
    """A replay may name any map, and hash it correctly: the map is validated before a tick."""
    from test_validate import obj, start, write_map

    from game.level.loader import load_level

    spawn = obj(2, "MimicSpawn", 200, 200, props={"kind": "drone", "at": 0.1, "count": 20000})
    path = write_map(tmp_path / "mod", [start(), spawn])
    header = {
        "game_version": "0.1.0",
        "level": str(path),
        "level_hash": load_level(path).content_hash,
        "seed": 0,
    }
    replay = tmp_path / "evil.aynrep"
    replay.write_text(f"AYNIK-REPLAY 2\nH {json.dumps(header, sort_keys=True)}\nF 600 0 0 0 0\n")
    for command in (
        ["verify", str(replay)],
        ["replay", str(replay), "--headless"],
        ["replay", str(replay), "--frames", "3"],
    ):
        done = aynik(command, tmp_path / "home")
        stderr = clean(done) + done.stdout
        assert done.returncode == 1, (command, stderr[-1500:])
        assert "does not validate" in stderr and "count 20000" in stderr, stderr


def test_a_recording_stops_at_the_length_a_reader_accepts(tmp_path, monkeypatch):
    from game.replay import format as replay_format
    from game.replay.format import ReplayWriter, read_replay
    from game.sim.inputs import InputFrame

    monkeypatch.setattr(replay_format, "MAX_TICKS", 5)
    writer = ReplayWriter(tmp_path / "long.aynrep", {"game_version": "0.1.0", "level": "b",
                                                      "level_hash": "ab", "seed": 0})  # fmt: skip
    for _ in range(5):
        writer.record(InputFrame())
        writer.digest("0" * 32)  # as the recorder does after every tick
    with pytest.raises(OSError, match="ten-hour limit"):
        writer.record(InputFrame())
    writer.abandon()
    assert len(read_replay(tmp_path / "long.aynrep").frames) == 5


@pytest.mark.parametrize(
    "args,words",
    [
        (["sim", "--level", "beachhead", "--ticks", "5", "--seed", "9" * 20], "--seed"),
        (["play", "--frames", "1", "--seed", "-" + "9" * 16], "--seed"),
        (["sim", "--level", "beachhead", "--ticks", "9" * 12, "--record", "x.aynrep"], "at most"),
    ],
)
def test_a_seed_or_length_no_replay_could_hold_is_refused(tmp_path, args, words):
    done = aynik(args, tmp_path)
    assert done.returncode == 1 and words in clean(done)


def test_the_attempt_history_is_capped_so_the_bests_file_always_reads_back(_aynik_home):
    from game.speedrun import bests as bests_module

    category = classify("beachhead", 0)
    bests = Bests.load(category, "0.1.0")
    for n in range(bests_module.MAX_ATTEMPTS + 500):
        bests.record(RunResult([SplitTime("Omega", 9000 + n)], 9000 + n, None, completed=True))
    bests.save()
    assert bests.path.stat().st_size < 4 * 1024 * 1024
    again = Bests.load(category, "0.1.0")
    assert again.problem is None and again.pb_igt == 9000
    assert again.attempt_count == bests_module.MAX_ATTEMPTS + 500
    assert len(again.attempts) == bests_module.MAX_ATTEMPTS
    assert again.attempts[-1]["id"] == bests_module.MAX_ATTEMPTS + 500

"""Player and mod files written by an attacker: every reader refuses them with one message naming
the file (and the field), never a traceback, never a hang, never more memory than a file needs.

The corpus (tests/hostile.py) is generated here: JSON nested 100,000 deep, numbers of 400 and 5000
digits, 1e308, 1e400, NaN, lone surrogates, bytes that are not UTF-8, and things that are not
files at all (a FIFO, /dev/zero, /dev/urandom, a folder, a 5 GiB sparse file). Each reader runs on
all of it in a child process under a time and a memory limit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hostile import REPORT_WITH_PEAK, aynik, clean, hostile_json, place, special_files

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and rlimits are POSIX")

SAVE_NUMBERS = (
    '{"version": 1, "loop": 2, "knowledge": [], "training_level": 0, '
    '"deaths": [{"loop": 1, "tick": 5, "x": "@", "y": 2.0, "cause": "a drone"}]}'
)
SAVE_TEXT = '{"version": 1, "loop": 2, "knowledge": [{"id": "@", "loop": 1}], "deaths": []}'
SETTINGS_NUMBERS = '{"version": 1, "master_volume": "@"}'
SETTINGS_TEXT = '{"version": 1, "timer_mode": "@"}'
BESTS_NUMBERS = '{"format": 1, "order": [], "golds": [{"from": "", "to": "A", "igt_ticks": "@"}]}'
BESTS_TEXT = '{"format": 1, "order": ["@"], "golds": []}'
MOD_NUMBERS = '{"title": "A mod", "author": "@"}'
MOD_TEXT = '{"title": "@", "author": "me"}'


def replay_doc(value_for_seed: str, value_for_level: str) -> str:
    header = (
        '{"game_version": "0.1.0", "level": ' + value_for_level + ', "level_hash": "ab", '
        '"seed": ' + value_for_seed + "}"
    )
    return f"AYNIK-REPLAY 2\nH {header}\nF 10 0 0 0 0\n"


# The child: reads every file with the game's own readers and reports what happened to each.
READ_ALL = r"""
import json, os, sys, traceback
from pathlib import Path
cases = json.loads(sys.stdin.read())
out = {}
for name, kind, path in cases:
    home = Path(path).parent
    os.environ["AYNIK_HOME"] = str(home)
    try:
        if kind == "save":
            from game import save
            state = save.load_save()
            out[name] = ["refused" if state.memory is None else "loaded", state.problem or ""]
        elif kind == "settings":
            from game.settings import load_settings
            settings, message = load_settings()
            out[name] = ["refused" if message else "loaded", message or ""]
        elif kind == "bests":
            from game.speedrun.bests import Bests
            from game.speedrun.category import classify
            bests = Bests.load(classify("beachhead", 0), "0.1.0", Path(path))
            out[name] = ["refused" if bests.problem else "loaded", bests.problem or ""]
        elif kind == "replay":
            from game.replay.format import ReplayError, read_replay
            try:
                read_replay(path)
                out[name] = ["loaded", ""]
            except ReplayError as exc:
                out[name] = ["refused", str(exc)]
        elif kind == "route":
            from game.bots.route_language import RouteError, load_route
            try:
                load_route(path)
                out[name] = ["loaded", ""]
            except RouteError as exc:
                out[name] = ["refused", str(exc)]
        elif kind == "mod":
            from game.level.mods import read_mod
            mod = read_mod(Path(path).parent)
            errors = [p.line() for p in mod.problems if p.is_error and "mod.json" in p.file]
            out[name] = ["refused" if errors else "loaded", errors[0] if errors else ""]
    except BaseException:
        out[name] = ["crashed", traceback.format_exc()[-1500:]]
"""

FILE_NAMES = {
    "save": "save.json",
    "settings": "settings.json",
    "bests": "splits/bests.json",
    "replay": "run.aynrep",
    "route": "my.route",
    "mod": "mods/mine/mod.json",
}


def corpus(base: Path) -> list[tuple[str, str, str]]:
    """(case name, reader, path): every hostile variant for every reader, each in its own home."""
    specials = special_files(base / "_specials")
    contents: dict[str, dict[str, bytes | Path]] = {
        "save": dict(hostile_json(SAVE_NUMBERS, SAVE_TEXT)),
        "settings": dict(hostile_json(SETTINGS_NUMBERS, SETTINGS_TEXT)),
        "bests": dict(hostile_json(BESTS_NUMBERS, BESTS_TEXT)),
        "mod": dict(hostile_json(MOD_NUMBERS, MOD_TEXT)),
        "replay": {},
        "route": {},
    }
    header_numbers = '{"game_version": "0.1.0", "level": "b", "level_hash": "ab", "seed": "@"}'
    header_text = '{"game_version": "0.1.0", "level": "@", "level_hash": "ab", "seed": 0}'
    for name, header in hostile_json(header_numbers, header_text).items():
        contents["replay"][name] = b"AYNIK-REPLAY 2\nH " + header + b"\nF 10 0 0 0 0\n"
    contents["replay"].update(
        {
            "a superscript version": b"AYNIK-REPLAY \xc2\xb2\nH {}\n",
            "a 5000-digit version": b"AYNIK-REPLAY " + b"9" * 5000 + b"\n",
            "a 5000-digit run length": replay_doc("0", '"b"').encode()
            + b"F "
            + b"9" * 5000
            + b" 0 0 0 0\n",
            "a superscript run length": replay_doc("0", '"b"').encode() + "F ² 0 0 0 0\n".encode(),
            "a deep end record": replay_doc("0", '"b"').encode()
            + b"E "
            + b"[" * 100_000
            + b"]" * 100_000
            + b"\n",
            "a lone surrogate in start_memory": (
                b'AYNIK-REPLAY 2\nH {"game_version": "0.1.0", "level": "b", "level_hash": "ab", '
                b'"seed": 0, "start_memory": {"version": 1, "knowledge": [{"id": "\\ud800", '
                b'"loop": 0}]}}\n'
            ),
            "a 400-digit number in a loop's memory": replay_doc("0", '"b"').encode()
            + b'L {"ticks": 1, "loop": 1, "reason": "death", "igt_ticks": 1, "memory": '
            + b'{"version": 1, "loop": '
            + b"9" * 400
            + b"}}\n",
            "a loop's deaths as text": replay_doc("0", '"b"').encode()
            + b'L {"ticks": 1, "loop": 1, "reason": "death", "igt_ticks": 1, '
            + b'"deaths_total": "3"}\n',
            "a loop's deaths below zero": replay_doc("0", '"b"').encode()
            + b'L {"ticks": 1, "loop": 1, "reason": "death", "igt_ticks": 1, '
            + b'"deaths_total": -1}\n',
            "not UTF-8": b"AYNIK-REPLAY 2\n\xff\xfe\n",
        }
    )
    contents["route"] = {
        "not UTF-8": b"goto 1 2\n\xff\n",
        "goto nan nan": b"goto nan nan\n",
        "goto inf 0": b"goto inf 0\n",
        "goto 1e400 1": b"goto 1e400 1\n",
        "goto 1e23 1": b"goto 1e23 1\n",
        "approach start 1e23": b"approach start 1e23\n",
        "approach with 5000 digits": b"approach start " + b"9" * 5000 + b"\n",
        "wait with a superscript": "wait ²\n".encode(),
        "hold with 20 digits": b"hold 99999999999999999999\n",
        "goto with 5000 digits": b"goto " + b"1" * 5000 + b" 1\n",
        "an unknown command": b"teleport omega\n",
        "a lone surrogate": "goto \udc80x 1\n".encode("utf-8", "surrogateescape"),
    }
    for reader in contents:
        contents[reader].update(specials)
    cases = []
    for reader, variants in contents.items():
        for index, (name, content) in enumerate(variants.items()):
            home = base / f"{reader}-{index}"
            target = home / FILE_NAMES[reader]
            place(target, content)
            cases.append((f"{reader}: {name}", reader, str(target)))
    return cases


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> tuple[list[tuple[str, str, str]], dict]:
    import os
    import subprocess

    from hostile import _limit_memory

    base = tmp_path_factory.mktemp("hostile_files")
    cases = corpus(base)
    done = subprocess.run(
        [sys.executable, "-c", READ_ALL + REPORT_WITH_PEAK],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=120,  # a guard against a hang, not a benchmark
        env=dict(os.environ),
        preexec_fn=_limit_memory,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return cases, json.loads(done.stdout)


def test_every_hostile_player_or_mod_file_is_refused_naming_the_file(outcomes):
    cases, report = outcomes
    assert len(cases) >= 150
    for name, _reader, path in cases:
        outcome, message = report[name]
        assert outcome != "crashed", f"{name}: {message}"
        assert outcome == "refused", f"{name} was accepted"
        assert "Traceback" not in message
        shown = Path(path).name
        assert shown in message or str(Path(path).parent) in message, f"{name}: {message}"
        assert "\n" not in message.strip(), f"{name}: more than one line: {message}"


def test_refusals_name_the_field_when_the_file_is_json(outcomes):
    _cases, report = outcomes
    assert "deaths[0].x" in report["save: a 400-digit number"][1]
    assert "knowledge[0].id" in report["save: a lone surrogate"][1]
    assert "master_volume" in report["settings: 1e400"][1]
    assert "nested 100000 levels deep" in report["settings: nested 100,000 deep (arrays)"][1]


def test_the_readers_stay_within_memory(outcomes):
    _cases, report = outcomes
    assert report["maxrss_kb"] < 600 * 1024  # pygame, pymunk and the whole corpus included


def test_a_refused_save_or_bests_file_is_kept_never_deleted(outcomes):
    cases, _report = outcomes
    for name, reader, path in cases:
        if reader == "save":
            assert Path(path).exists() or Path(path).is_symlink(), name
        if reader == "bests" and Path(path).exists() is False:
            aside = list(Path(path).parent.glob("bests.damaged-*.json"))
            assert aside, f"{name}: the damaged bests file is gone"


# --- end to end: the game still reaches its title screen -------------------------------------


@pytest.mark.parametrize(
    "file,content",
    [
        ("save.json", "[" * 100_000 + "]" * 100_000),
        ("settings.json", '{"version": 1, "master_volume": ' + "9" * 400 + "}"),
        ("save.json", SAVE_TEXT.replace('"@"', '"\\ud800"')),
        ("settings.json", "fifo"),
    ],
)
def test_the_game_reaches_its_title_screen_past_any_bad_file(tmp_path, file, content):
    import os

    home = tmp_path / "home"
    home.mkdir()
    if content == "fifo":
        os.mkfifo(home / file)
    else:
        (home / file).write_text(content)
    done = aynik(["play", "--frames", "3"], home)
    clean(done)
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.parametrize(
    "command,names",
    [
        (["verify"], ["deep", "version", "fifo", "zero"]),
        (["replay", "--headless"], ["digits", "surrogate", "fifo", "zero"]),
    ],
)
def test_verify_and_headless_replay_refuse_hostile_replays_with_exit_2(tmp_path, command, names):
    import os

    cases = {
        "deep": replay_doc("[" * 100_000 + "]" * 100_000, '"b"'),
        "digits": replay_doc("9" * 400, '"b"'),
        "version": "AYNIK-REPLAY ²\n",
        "surrogate": replay_doc("0", '"\\ud800"'),
    }
    for name, text in cases.items():
        (tmp_path / f"{name}.aynrep").write_text(text)
    os.mkfifo(tmp_path / "fifo.aynrep")
    (tmp_path / "zero.aynrep").symlink_to("/dev/zero")
    for name in (f"{n}.aynrep" for n in names):
        done = aynik([*command[:1], str(tmp_path / name), *command[1:]], tmp_path / "home")
        stderr = clean(done)
        assert done.returncode == 2, (name, done.returncode, stderr[-1500:])
        assert name in stderr


def test_the_replays_list_shows_hostile_files_as_unreadable(tmp_path):
    import os

    home = tmp_path / "home"
    folder = home / "replays"
    folder.mkdir(parents=True)
    (folder / "deep.aynrep").write_text(replay_doc("[" * 100_000 + "]" * 100_000, '"b"'))
    (folder / "digits.aynrep").write_text(replay_doc("9" * 400, '"b"'))
    (folder / "version.aynrep").write_text("AYNIK-REPLAY ²\n")
    (folder / "tail.aynrep").write_text(
        replay_doc("0", '"b"') + "E " + "[" * 100_000 + "]" * 100_000 + "\n"
    )
    os.mkfifo(folder / "fifo.aynrep")
    (folder / "zero.aynrep").symlink_to("/dev/zero")
    with open(folder / "huge.aynrep", "wb") as handle:
        handle.truncate(5 * 1024 * 1024 * 1024)
    done = aynik(["replays", "list"], home)
    clean(done)
    assert done.returncode == 0, done.stderr[-2000:]
    for name in ("deep", "digits", "version", "huge"):
        assert f"{name}.aynrep  unreadable" in done.stdout, done.stdout

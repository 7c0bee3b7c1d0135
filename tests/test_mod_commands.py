"""`aynik mod new | check | pack | list`, `aynik validate` with level names and folders, the richer
mod.json, Tiled JSON maps refused by name, and the validator's wording of missing files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from test_validate import obj, start, write_map

from game.cli import main
from game.level.campaign import campaign_dir, mods_dir
from game.level.mods import MOD_KEYS, game_version, read_mod, version_matches
from game.level.validate import TMJ_MESSAGE, validate_path


def run(capsys, *argv: str) -> tuple[int, list[str], str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


# --- mod new -----------------------------------------------------------------------------------


def test_mod_new_makes_a_complete_mod_that_checks_clean(capsys):
    code, out, _ = run(capsys, "mod", "new", "demo")
    folder = mods_dir() / "demo"
    assert code == 0 and out[0] == str(folder)
    for name in ("aynik.tiled-project", "aynik-objecttypes.xml", "beach.tsx", "tiles/beach.png"):
        assert (folder / name).is_file(), name
    settings = json.loads((folder / "mod.json").read_text())
    assert set(settings) == set(MOD_KEYS)
    assert settings["start"] == "first.tmx" and settings["loop"] == "from-start"
    assert version_matches(settings["game_version"], game_version())
    assert validate_path(folder / "first.tmx") == []
    assert run(capsys, "mod", "check", str(folder)) == (0, ["OK: 1 maps checked"], "")
    mod = read_mod(folder)
    assert mod.playable and mod.problems == () and mod.id == "demo" and mod.version == "1.0.0"
    code, out, err = run(capsys, "mod", "new", "demo")
    assert code == 1 and "exists" in err


def test_mod_new_in_another_folder(capsys, tmp_path: Path):
    code, out, _ = run(capsys, "mod", "new", "elsewhere", "--dir", str(tmp_path / "work"))
    folder = tmp_path / "work" / "elsewhere"
    assert code == 0 and out[0] == str(folder) and not (mods_dir() / "elsewhere").exists()
    assert run(capsys, "mod", "check", str(folder)) == (0, ["OK: 1 maps checked"], "")


def test_the_new_mod_loops_and_plays(capsys, tmp_path: Path):
    run(capsys, "mod", "new", "looper")
    level = mods_dir() / "looper" / "first.tmx"
    code, out, _ = run(capsys, "sim", "--level", str(level), "--ticks", "3600", "--json")
    result = json.loads(out[0])
    assert code == 0 and result["deaths"] >= 1 and result["loop"] >= 2  # its ambush kills
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    shot = tmp_path / "shot.png"
    played = subprocess.run(
        [sys.executable, "-m", "game", "play", "--level", str(level), "--frames", "60"]
        + ["--screenshot", str(shot)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert played.returncode == 0, played.stderr
    assert shot.is_file()


# --- mod check -----------------------------------------------------------------------------------


def two_maps(folder: Path, knowledge: str = "intel:code") -> Path:
    """Two maps with no Exit between them: the Gate on one, the Intel that opens it on the other."""
    gate = obj(2, "Gate", 160, 0, 32, 256, props={"requires": "intel:code"}, name="door")
    write_map(folder, [start(), gate], name="a.tmx")
    intel = obj(2, "Intel", 100, 100, props={"knowledge": knowledge}, name="note")
    write_map(folder, [start(), intel], name="b.tmx")
    return folder


def test_mod_check_pools_knowledge_across_the_folders_maps(capsys, tmp_path: Path):
    folder = two_maps(tmp_path / "pooled")
    alone = [p for p in validate_path(folder / "a.tmx") if "intel:code" in p.message]
    assert alone, "validated alone, nothing grants intel:code"
    assert run(capsys, "mod", "check", str(folder)) == (0, ["OK: 2 maps checked"], "")


def test_mod_check_names_the_file_and_object_of_each_problem(capsys, tmp_path: Path):
    folder = two_maps(tmp_path / "broken")
    write_map(folder, [start(), obj(2, "MimicSpwan", 64, 64, name="pack")], name="b.tmx")
    code, out, _ = run(capsys, "mod", "check", str(folder))
    assert code == 1 and not any(line.startswith("OK") for line in out)
    line = next(line for line in out if "MimicSpwan" in line)
    assert line.startswith(str(folder / "b.tmx") + ': layer "gameplay" / object #2 "pack": error:')
    assert 'did you mean "MimicSpawn"?' in line
    code, _, err = run(capsys, "mod", "check", str(tmp_path / "nowhere"))
    assert code == 1 and "no such folder" in err
    code, _, err = run(capsys, "mod", "check", str(folder / "b.tmx"))  # a map, not its folder
    assert code == 1 and "not a folder" in err
    (tmp_path / "shared.zip").write_bytes(b"PK")
    code, _, err = run(capsys, "mod", "check", str(tmp_path / "shared.zip"))
    assert code == 1 and "extract it into a folder" in err


# --- mod pack ------------------------------------------------------------------------------------


def test_mod_pack_leaves_editor_leftovers_out(capsys, tmp_path: Path):
    run(capsys, "mod", "new", "packed")
    folder = mods_dir() / "packed"
    for junk in ("first.tiled-session", "first.tmx~", "first.tmx.bak", ".DS_Store", "Thumbs.db"):
        (folder / junk).write_text("x")
    (folder / "__MACOSX").mkdir()
    (folder / "__MACOSX" / "._first.tmx").write_text("x")
    target = tmp_path / "out" / "packed.zip"
    code, out, _ = run(capsys, "mod", "pack", str(folder), "--out", str(target))
    assert code == 0 and out[0].startswith(f"{target} (") and "KiB" in out[0]
    names = set(zipfile.ZipFile(target).namelist())
    assert names == {
        "packed/aynik.tiled-project",
        "packed/aynik-objecttypes.xml",
        "packed/beach.tsx",
        "packed/first.tmx",
        "packed/mod.json",
        "packed/tiles/beach.png",
    }


def test_mod_pack_defaults_to_the_folders_name_here(capsys, tmp_path: Path, monkeypatch):
    run(capsys, "mod", "new", "here")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "mod", "pack", str(mods_dir() / "here"))
    assert code == 0 and out[0].startswith(str(tmp_path / "here.zip"))


# --- mod list ------------------------------------------------------------------------------------


def test_mod_list_shows_each_mods_state_and_unextracted_zips(capsys):
    assert run(capsys, "mod", "list")[1][0].startswith("no mods in")
    run(capsys, "mod", "new", "good")
    run(capsys, "mod", "new", "bad")
    (mods_dir() / "bad" / "first.tmx").write_text("<map")
    (mods_dir() / "shared.zip").write_bytes(b"PK")
    code, out, _ = run(capsys, "mod", "list")
    assert code == 0
    assert out[0].startswith("bad: bad 1.0.0 (") and out[0].endswith(" problem)")
    assert out[1] == "good: good 1.0.0 (playable)"
    assert out[2].startswith("shared.zip: not extracted (extract it into a folder")


# --- aynik validate: names and folders ------------------------------------------------------------


def test_validate_takes_campaign_names_and_folders(capsys, tmp_path: Path):
    assert run(capsys, "validate", "beachhead", "dam")[0] == 0
    assert run(capsys, "validate", str(campaign_dir()))[0] == 0
    assert run(capsys, "validate", str(two_maps(tmp_path / "pool")))[0] == 0
    code, out, _ = run(capsys, "validate", "beachhed")
    assert code == 1 and out == [
        "beachhed: error: no such map file or campaign level (campaign levels: beachhead, dam)"
    ]
    (tmp_path / "empty").mkdir()
    code, out, _ = run(capsys, "validate", str(tmp_path / "empty"))
    assert code == 1 and "has no map" in out[0]


# --- Tiled JSON maps -----------------------------------------------------------------------------


def test_tiled_json_maps_are_refused_by_name(capsys, tmp_path: Path):
    import pytmx

    tmj = tmp_path / "mod" / "level.tmj"
    write_map(tmp_path / "mod", [start()], name="ok.tmx")
    tmj.write_text(json.dumps({"type": "map", "orientation": "orthogonal", "layers": []}))
    with pytest.raises(Exception):  # noqa: B017  (pytmx reads only XML)
        pytmx.TiledMap(str(tmj))
    expected = f"{tmj}: error: {TMJ_MESSAGE}"
    code, out, _ = run(capsys, "validate", str(tmj))
    assert code == 1 and out[0].startswith(expected)
    code, _, err = run(capsys, "play", "--level", str(tmj), "--frames", "1")
    assert code == 1 and err.startswith(f"aynik: {expected}")
    code, out, _ = run(capsys, "mod", "check", str(tmp_path / "mod"))
    assert code == 1 and out[0].startswith(expected)


# --- mod.json ------------------------------------------------------------------------------------


def mod_with(capsys, settings: dict) -> Path:
    run(capsys, "mod", "new", "m")
    folder = mods_dir() / "m"
    (folder / "mod.json").write_text(json.dumps(settings))
    return folder


def test_mod_json_unknown_keys_warn_and_wrong_types_name_the_key(capsys):
    folder = mod_with(capsys, {"title": "T", "versoin": "1", "version": 2, "description": []})
    lines = [p.line() for p in read_mod(folder).problems]
    assert any(
        'unknown key "versoin"' in line and 'did you mean "version"?' in line for line in lines
    )
    assert any('"version" must be text' in line and "error" in line for line in lines)
    assert any('"description" must be text' in line for line in lines)


def test_a_mod_for_another_game_version_is_refused(capsys):
    folder = mod_with(capsys, {"game_version": ">=9.0,<10"})
    (problem,) = read_mod(folder).problems
    assert problem.is_error and problem.file == str(folder / "mod.json")
    assert ">=9.0,<10" in problem.message and game_version() in problem.message
    assert not read_mod(folder).playable
    code, out, _ = run(capsys, "mod", "check", str(folder))
    assert code == 1 and out[0].startswith(f"{folder / 'mod.json'}: error: this mod is for game")
    # Played on its own, a map of that mod is refused the same way, before the day begins.
    code, _, err = run(capsys, "sim", "--level", str(folder / "first.tmx"), "--ticks", "1")
    assert code == 1 and err.startswith(f"aynik: {folder / 'mod.json'}: error: this mod is for")
    bad = mod_with_fresh(capsys, {"game_version": "newest"})
    assert "is not a version range" in read_mod(bad).problems[0].message


def mod_with_fresh(capsys, settings: dict) -> Path:
    folder = mods_dir() / "m"
    (folder / "mod.json").write_text(json.dumps(settings))
    return folder


@pytest.mark.parametrize(
    ("spec", "version", "fits"),
    [
        (">=0.1,<0.2", "0.1.0", True),
        (">=0.1,<0.2", "0.1.7", True),
        (">=0.1,<0.2", "0.2.0", False),
        ("0.1", "0.1.0", True),
        ("==0.1.1", "0.1.0", False),
        ("~=0.1", "0.9", True),
        ("!=0.1.0", "0.1", False),
    ],
)
def test_version_ranges(spec: str, version: str, fits: bool):
    assert version_matches(spec, version) is fits


# --- the validator's wording ---------------------------------------------------------------------


def test_a_missing_tileset_image_names_map_tileset_and_the_near_name(tmp_path: Path):
    path = write_map(tmp_path / "m", [start()])
    tsx = tmp_path / "m" / "tiny.tsx"
    tsx.write_text(tsx.read_text().replace("tiles/tiny.png", "tiles/tinny.png"))
    (problem,) = validate_path(path)
    assert problem.file == str(path)
    assert (
        f"the tileset tiny.tsx ({tsx})" in problem.message and "tiles/tinny.png" in problem.message
    )
    assert problem.fix.startswith('did you mean "tiles/tiny.png"?')


def test_an_exit_to_a_missing_map_suggests_the_near_one(tmp_path: Path):
    folder = tmp_path / "m"
    write_map(folder, [start()], name="bunker.tmx")
    exit_ = obj(2, "Exit", 100, 100, 32, 32, props={"map": "bunkr.tmx"}, name="out")
    path = write_map(folder, [start(), exit_], name="first.tmx")
    (problem,) = [p for p in validate_path(path) if "Exit.map" in p.message]
    assert problem.fix == 'did you mean "bunker.tmx"?'


def test_dev_reload_errors_go_to_stderr_one_line_each_and_wrap_on_screen(capsys, tmp_path: Path):
    import pygame

    from game.app import App, AppOptions
    from game.render.ui import wrap_text
    from game.scenes.play import PlayScene

    path = write_map(tmp_path / "mod", [start(), obj(2, "Rita", 100, 100)])
    app = App(AppOptions(frames=1))
    try:
        play = PlayScene(app, str(path), dev=True)
        app.push(play)
        broken = [obj(2, "Rita", 100, 100), obj(3, "Intel", 50, 50, name="blank")]
        write_map(tmp_path / "mod", broken)  # no PlayerStart, and an Intel with no knowledge
        capsys.readouterr()
        play._hot_reload()
        err = capsys.readouterr().err.splitlines()
        assert len(err) >= 2 and all(line.startswith("aynik: not reloaded: ") for line in err)
        assert any("no PlayerStart" in line for line in err)
        assert any('object #3 "blank"' in line for line in err)
        subtitle = play.notices.subtitle
        assert subtitle.startswith("Not reloaded: ") and "more: see the terminal" in subtitle
        assert len(wrap_text(subtitle, 28, 1100)) > 1
        app._draw(0.5)
    finally:
        pygame.quit()

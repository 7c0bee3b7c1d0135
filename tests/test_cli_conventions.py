"""The command line's conventions: `--version`, usage errors, help for every option, and the
player's folders (data apart from settings, both under AYNIK_HOME when it is set)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pytest

from game import save, storage
from game import settings as settings_module
from game.cli import commands as cli

ROOT = Path(__file__).resolve().parent.parent


def _pyproject_version() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    project = text.split("[project]", 1)[1].split("\n[", 1)[0]
    match = re.search(r'^version\s*=\s*"([^"]+)"', project, re.MULTILINE)
    assert match, "pyproject.toml names no version"
    return match.group(1)


def _run(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def test_version_prints_the_version_pyproject_gives(capsys):
    code, out, _err = _run(["--version"], capsys)
    assert code == 0
    assert out == f"aynik {_pyproject_version()}\n"


def test_the_version_without_package_metadata_is_the_same(monkeypatch):
    """A run from a bare source tree has no metadata: game.__version__ must say the same."""
    from importlib import metadata

    import game

    def missing(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    assert cli.version() == game.__version__ == _pyproject_version()


@pytest.mark.parametrize(
    "argv",
    [
        ["play", "--seed", "many"],
        ["no-such-command"],
        ["verify"],
        ["verify", "run.aynrep", "--workers", "0"],
        ["verify", "run.aynrep", "--workers", "lots"],
        ["verify", "run.aynrep", "--workers", "٣"],  # a digit, but not an ASCII one
        ["sim", "--ticks", "10"],
        ["validate", "--no-such-option", "x.tmx"],
        ["splits", "show", "--category", "Nothing%"],
    ],
)
def test_a_usage_error_exits_with_the_usage_code_and_one_line(argv, capsys):
    code, out, err = _run(argv, capsys)
    assert code == cli.EXIT_USAGE == 64
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("aynik") and "--help" in lines[0]


def test_the_help_lists_the_exit_codes(capsys):
    code, out, _err = _run(["--help"], capsys)
    assert code == 0
    assert "exit codes:" in out
    for number in (0, 1, 2, 64, 130):
        assert re.search(rf"^\s+{number}\s+\S", out, re.MULTILINE), f"exit code {number}"


def _parsers(parser: argparse.ArgumentParser, path: str = "aynik"):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                assert helps.get(name), f"`{path} {name}` has no help line"
                yield from _parsers(sub, f"{path} {name}")


def test_every_option_and_argument_of_every_command_has_help_text():
    missing = []
    count = 0
    for path, parser in _parsers(cli.build_parser()):
        for action in parser._actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            count += 1
            if not (action.help and action.help.strip()) or action.help == argparse.SUPPRESS:
                missing.append(f"{path} {'/'.join(action.option_strings) or action.dest}")
    assert count > 30  # the walk reached the subcommands
    assert not missing, "no help text: " + ", ".join(missing)


def test_every_command_answers_help(capsys):
    for path, _parser in _parsers(cli.build_parser()):
        code, out, _err = _run([*path.split()[1:], "--help"], capsys)
        assert code == 0 and out.startswith(f"usage: {path}"), path


# --- the player's folders ---------------------------------------------------------------------


def test_aynik_home_holds_data_and_settings_alike(_aynik_home):
    assert storage.home() == storage.config_home() == _aynik_home
    assert settings_module.settings_path() == _aynik_home / "settings.json"
    assert save.save_path().parent == _aynik_home
    settings_module.save_settings(settings_module.Settings(music_volume=0.25))
    assert (_aynik_home / "settings.json").is_file()
    assert settings_module.load_settings()[0].music_volume == 0.25


@pytest.fixture
def no_aynik_home(tmp_path, monkeypatch):
    """No AYNIK_HOME; HOME and the XDG folders all inside tmp_path, never the real ones."""
    monkeypatch.delenv("AYNIK_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return tmp_path


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG folders are Linux's")
def test_without_aynik_home_data_and_settings_follow_xdg(no_aynik_home):
    assert storage.home() == no_aynik_home / "xdg-data" / "aynik"
    assert storage.config_home() == no_aynik_home / "xdg-config" / "aynik"


def test_without_aynik_home_data_and_settings_are_kept_apart(no_aynik_home, monkeypatch):
    import platformdirs

    data, config = no_aynik_home / "data", no_aynik_home / "config"
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(data))
    monkeypatch.setattr(platformdirs, "user_config_dir", lambda *a, **k: str(config))
    assert storage.home() == data and storage.config_home() == config
    settings_module.save_settings(settings_module.Settings(effects_volume=0.5))
    save.write_save(save.Memory())
    assert (config / "settings.json").is_file() and not (data / "settings.json").exists()
    assert save.save_path() == data / "save.json" and save.save_path().is_file()
    assert not (config / "save.json").exists()


def test_settings_an_earlier_version_kept_with_the_data_are_still_read(no_aynik_home, monkeypatch):
    import platformdirs

    data, config = no_aynik_home / "data", no_aynik_home / "config"
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(data))
    monkeypatch.setattr(platformdirs, "user_config_dir", lambda *a, **k: str(config))
    data.mkdir()
    legacy = data / "settings.json"
    legacy.write_text('{"version": 2, "music_volume": 0.125}', encoding="utf-8")
    loaded, problem = settings_module.load_settings()
    assert problem is None and loaded.music_volume == 0.125
    # The first save writes them to their new place; from then on that file is the one read.
    loaded.effects_volume = 0.375
    settings_module.save_settings(loaded)
    assert (config / "settings.json").is_file()
    legacy.write_text('{"version": 2, "music_volume": 1.0}', encoding="utf-8")
    again, _ = settings_module.load_settings()
    assert again.music_volume == 0.125 and again.effects_volume == 0.375


def _maps_parsed(monkeypatch) -> list[None]:
    """From now on, one entry for each map pytmx is made to parse (as the loader asks it to)."""
    import pytmx

    parsed: list[None] = []
    real = pytmx.TiledMap

    class CountedMap(real):
        def __init__(self, *args, **kwargs):
            parsed.append(None)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(pytmx, "TiledMap", CountedMap)
    return parsed


def test_sim_reads_each_map_once_and_runs_the_maps_it_checked(capsys, monkeypatch, _aynik_home):
    """`aynik sim` checked the maps, then read them all again to run them."""
    parsed = _maps_parsed(monkeypatch)
    cli.main(["sim", "--level", "beachhead", "--ticks", "30", "--json"])
    out = capsys.readouterr().out
    assert '"ticks": 30' in out
    assert len(parsed) == 2, f"the campaign's two maps were parsed {len(parsed)} times"


def test_play_level_reads_each_map_once_and_plays_the_maps_it_checked(
    tmp_path, monkeypatch, _aynik_home
):
    """`aynik play --level` (a modder trying a map) checked the maps, then read them all again
    to play them."""
    parsed = _maps_parsed(monkeypatch)
    shot = tmp_path / "shot.png"
    code = cli.main(["play", "--level", "beachhead", "--frames", "2", "--screenshot", str(shot)])
    assert code in (0, None) and shot.is_file(), "the game ran its two frames"
    assert len(parsed) == 2, f"the campaign's two maps were parsed {len(parsed)} times"

"""Mods in AYNIK_HOME/mods: found, described by mod.json, checked by the validator, listed in the
level select (broken ones explain themselves, never crash it), and the tutorial's mod plays."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pygame
import pytest
from player import key
from router import FakeRouter

from game.cli import main
from game.level.campaign import mods_dir
from game.level.errors import LevelError
from game.level.mods import discover_mods, new_mod, read_mod
from game.level.problems import ERROR, WARNING
from game.level.validate import check_mod

MAPS = Path(__file__).parent / "data" / "maps"
TUTORIAL = MAPS / "mods" / "tutorial"


def make_mod(name: str, settings: object | None = None, maps: tuple[str, ...] = ("first.tmx",)):
    """A mod made the way the tutorial says: `new_mod`, then the tutorial's maps."""
    folder = new_mod(name)
    for map_name in maps:
        source = TUTORIAL / (map_name if (TUTORIAL / map_name).exists() else "first.tmx")
        shutil.copy(source, folder / map_name)
    shutil.copy(TUTORIAL / "bunker.tmx", folder)
    if settings is None:
        (folder / "mod.json").unlink()
    elif isinstance(settings, str):
        (folder / "mod.json").write_text(settings)
    else:
        (folder / "mod.json").write_text(json.dumps(settings))
    return folder


def tutorial_mod() -> Path:
    folder = new_mod("tutorial")
    for name in ("first.tmx", "bunker.tmx", "mod.json"):
        shutil.copy(TUTORIAL / name, folder / name)
    return folder


# --- finding and reading mods --------------------------------------------------------------


def test_no_mods_folder_means_no_mods():
    assert not mods_dir().exists()
    assert discover_mods() == []


def test_the_tutorial_mod_is_found_valid_and_described():
    folder = tutorial_mod()
    (mod,) = discover_mods()
    assert (mod.name, mod.title, mod.author) == ("tutorial", "First Steps", "The tutorial")
    assert mod.start == folder / "first.tmx"
    assert {p.name for p in mod.maps} == {"first.tmx", "bunker.tmx"}
    assert mod.playable and mod.problems == ()
    assert check_mod(mod) == []


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("{not json", "mod.json is not valid JSON"),
        ("[1, 2]", "mod.json must hold one JSON object"),
        ('{"title": 3}', '"title" must be text'),
        ('{"start": "../../elsewhere.tmx"}', "leads out of the mod's folder"),
        ('{"start": "/etc/passwd"}', "absolute path"),
        ('{"start": "nowhere.tmx"}', 'the start map "nowhere.tmx" does not exist'),
    ],
)
def test_a_bad_mod_json_is_a_problem_not_a_crash(settings: str, message: str):
    make_mod("broken", settings)
    (mod,) = discover_mods()
    assert not mod.playable
    errors = [p for p in mod.problems if p.severity == ERROR]
    assert len(errors) == 1 and message in errors[0].message, errors
    assert errors[0].file.endswith("mod.json")


def test_unknown_keys_warn_with_the_nearest_key():
    make_mod("typo", {"titel": "Oops", "start": "first.tmx"})
    (mod,) = discover_mods()
    (warning,) = mod.problems
    assert warning.severity == WARNING and warning.fix == 'did you mean "title"?'
    assert mod.playable and mod.title == "typo"


def test_without_mod_json_the_only_map_starts_and_several_maps_warn():
    make_mod("plain", None)
    make_mod("many", None, maps=("b.tmx", "a.tmx"))
    many, plain = discover_mods()
    assert many.start is not None and many.start.name == "a.tmx"
    assert [p.severity for p in many.problems] == [WARNING]
    assert plain.title == "plain" and plain.playable and plain.start is not None


def test_an_empty_mod_a_linked_mod_and_hidden_folders():
    root = mods_dir()
    (root / "empty").mkdir(parents=True)
    (root / ".hidden").mkdir()
    elsewhere = root.parent / "elsewhere"
    elsewhere.mkdir()
    (root / "linked").symlink_to(elsewhere, target_is_directory=True)
    empty, linked = discover_mods()
    assert "no map" in empty.problems[0].message and not empty.playable
    assert "link" in linked.problems[0].message and not linked.playable


def test_a_mod_whose_map_is_broken_fails_check_mod():
    folder = tutorial_mod()
    text = (folder / "first.tmx").read_text().replace('type="MimicSpawn"', 'type="MimicSpwan"')
    (folder / "first.tmx").write_text(text)
    (mod,) = discover_mods()
    errors = [p for p in check_mod(mod) if p.is_error]
    assert [p.message for p in errors] == ['unknown class "MimicSpwan"']


def test_new_mod_refuses_bad_names_and_taken_ones(capsys):
    with pytest.raises(ValueError):
        new_mod("../up")
    with pytest.raises(ValueError):
        new_mod("con")
    assert main(["mod", "new", "fresh"]) == 0
    assert (mods_dir() / "fresh" / "aynik.tiled-project").is_file()
    assert main(["mod", "new", "fresh"]) == 1
    assert main(["mod", "list"]) == 0
    out = capsys.readouterr().out
    assert "fresh: fresh 1.0.0 (playable)" in out  # its first map plays as it is


def test_a_mod_may_not_reach_outside_its_folder():
    folder = tutorial_mod()
    outside = folder.parent.parent / "secret.tsx"
    shutil.copy(folder / "beach.tsx", outside)
    text = (
        (folder / "first.tmx")
        .read_text()
        .replace('source="beach.tsx"', 'source="../../secret.tsx"')
    )
    (folder / "first.tmx").write_text(text)
    problems = check_mod(read_mod(folder))
    assert any("leads out of the mod's folder" in p.message for p in problems)


def test_the_tutorial_mod_plays_in_the_real_game(tmp_path: Path):
    folder = tutorial_mod()
    shot = tmp_path / "mod.png"
    done = subprocess.run(
        [sys.executable, "-m", "game", "play", "--level", str(folder / "first.tmx")]
        + ["--frames", "20", "--screenshot", str(shot)],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )
    assert done.returncode == 0, done.stderr
    assert shot.is_file()


# --- the level select ----------------------------------------------------------------------


class FakeAudio:
    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, name: str, *args) -> None:
        self.played.append(name)


class FakeApp(FakeRouter):
    def __init__(self) -> None:
        super().__init__(build=True, seed=7)
        self.audio = FakeAudio()


@pytest.fixture
def scene_app():
    pygame.init()
    return FakeApp()


def select(scene, label_start: str) -> None:
    while not scene.selected.label.startswith(label_start):
        scene.handle_event(key(pygame.K_DOWN))


def test_the_level_select_lists_the_campaign_and_every_mod(scene_app):
    from game.scenes.levels import ErrorPanel, LevelSelectScene

    tutorial_mod()
    make_mod("broken", "{not json")
    started: list[Path] = []
    scene = LevelSelectScene(scene_app, start=lambda app, path: started.append(path))
    scene_app.push(scene)
    labels = [e.label for e in scene.entries]
    assert "Campaign: The Beachhead" in labels
    assert "First Steps" in labels and "broken  [broken]" in labels and labels[-1] == "Back"
    surface = pygame.Surface((1280, 720))
    for _ in labels:  # every entry's panel draws
        scene.draw(surface, 1.0)
        scene.handle_event(key(pygame.K_DOWN))

    select(scene, "broken")
    scene.handle_event(key(pygame.K_RETURN))
    panel = scene_app.scenes[-1]
    assert (
        isinstance(panel, ErrorPanel) and "mod.json is not valid JSON" in panel.problems[0].message
    )
    panel.draw(surface, 1.0)
    panel.handle_event(key(pygame.K_SPACE))
    assert scene_app.scenes[-1] is scene and not started

    select(scene, "First Steps")
    scene.handle_event(key(pygame.K_RETURN))
    assert started == [mods_dir() / "tutorial" / "first.tmx"]

    select(scene, "Campaign")
    scene.handle_event(key(pygame.K_RETURN))
    assert started[-1].name == "beachhead.tmx"


def test_a_mod_that_fails_to_start_shows_why(scene_app):
    from game.scenes.levels import ErrorPanel, LevelSelectScene

    tutorial_mod()

    def explode(app, path):
        raise LevelError(path, "the sky fell", fix="prop it up")

    scene = LevelSelectScene(scene_app, start=explode)
    scene_app.push(scene)
    select(scene, "First Steps")
    scene.choose()
    panel = scene_app.scenes[-1]
    assert isinstance(panel, ErrorPanel)
    assert "the sky fell" in panel.problems[0].message


def test_back_rescan_mouse_and_a_long_list(scene_app):
    from game.scenes.levels import LevelSelectScene

    scene = LevelSelectScene(scene_app, start=lambda app, path: None)
    scene_app.push(scene)
    before = len(scene.entries)
    for i in range(25):
        make_mod(f"mod{i:02d}", {"title": f"Mod number {i}", "start": "first.tmx"})
    scene.handle_event(key(pygame.K_F5))
    assert len(scene.entries) == before + 25
    surface = pygame.Surface((1280, 720))
    scene.handle_event(key(pygame.K_UP))  # wraps to "Back", at the bottom of a scrolled list
    scene.draw(surface, 1.0)
    assert scene.top > 0 and scene.selected.back
    rect = scene.rects[scene.index]
    scene.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=rect.center))
    assert scene_app.scenes == []  # Back pops the level select


def test_the_real_start_replaces_the_stack_with_a_play_scene():
    from game.scenes import levels

    router = FakeRouter()
    levels.start_level(router, Path("/x/first.tmx"))
    assert router.went == [("play", {"level": "/x/first.tmx", "seed": 7})]

"""Scenes reach each other by name through the App's router, and nowhere else.

A maintainer adding a screen registers it once (game.scenes.registry); a scene asks for it with
`app.go(name)` or `app.open(name)`. These tests hold that: no scene module imports another, every
name a scene asks for is registered, and a scene driven with a fake router asks for what the
player chose.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pygame
import pytest
from player import key
from router import FakeRouter

from game.scenes.registry import SCENES

SCENES_DIR = Path(__file__).resolve().parents[1] / "game" / "scenes"
# What scenes may import from their own package: the shared base and data, never a scene.
SHARED = {"game.scenes.base", "game.scenes.labels", "game.scenes.markers"}


def imported_modules(path: Path) -> set[str]:
    """Every game module `path` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("game.")}


def test_no_scene_imports_another_scene():
    scene_modules = {f"game.scenes.{p.stem}" for p in SCENES_DIR.glob("*.py")} - {
        "game.scenes.__init__"
    }
    for path in sorted(SCENES_DIR.glob("*.py")):
        if path.stem in ("registry", "__init__"):
            continue
        others = (imported_modules(path) & scene_modules) - SHARED
        assert not others, f"{path.name} imports {sorted(others)}: ask the App for it by name"


def test_every_scene_name_asked_for_is_registered():
    asked = set()
    for path in [*SCENES_DIR.glob("*.py"), SCENES_DIR.parent / "app.py"]:
        source = path.read_text(encoding="utf-8")
        asked |= set(re.findall(r"\.(?:go|open)\(\s*\"([^\"]+)\"", source))
    assert asked, "no scene asks for another: the pattern above no longer matches the code"
    assert asked <= set(SCENES), f"asked for but not registered: {sorted(asked - set(SCENES))}"


def test_the_app_builds_a_registered_scene_and_names_an_unknown_one(app):
    app.go("title")
    assert type(app.top).__name__ == "TitleScene" and len(app.scenes) == 1
    app.open("settings")
    assert type(app.top).__name__ == "SettingsScene" and len(app.scenes) == 2
    with pytest.raises(KeyError, match="no scene is called 'titel'"):
        app.go("titel")
    assert len(app.scenes) == 2  # a scene that cannot be made leaves the stack as it was


class _PlayStandIn:
    def __init__(self) -> None:
        self.run = object()
        self.resets = 0

    def request_reset(self) -> None:
        self.resets += 1


def choose(scene, label: str) -> None:
    scene.menu.index = [text for text, _ in scene.menu.items].index(label)
    scene.handle_event(key(pygame.K_RETURN))


def test_the_pause_menu_asks_for_the_journal_settings_and_the_title_by_name():
    pygame.init()
    router = FakeRouter()
    play = _PlayStandIn()
    pause = SCENES["pause"](router, play_scene=play)
    router.push(pause)
    choose(pause, "Journal")
    choose(pause, "Settings")
    assert router.opened == [("journal", {"run": play.run}), ("settings", {})]
    choose(pause, "Quit to title")
    assert router.went == [("title", {})]
    choose(pause, "Restart the day")
    assert play.resets == 1 and router.scenes == []  # closed itself, then asked for the reset


def test_the_title_menu_opens_each_screen_by_name(app):
    router = FakeRouter()
    router.audio, router.settings, router.settings_message = app.audio, app.settings, ""
    title = SCENES["title"](router)
    for label, name in (("Levels and mods", "levels"), ("Replays", "replays"),
                        ("Settings", "settings")):  # fmt: skip
        choose(title, label)
        assert router.opened[-1] == (name, {})
    choose(title, "Practice")
    assert router.opened[-1] == ("practice", {"save_memory": None})
    choose(title, "New game")  # no save: straight into Day 0
    assert router.went == [
        ("play", {"level": "beachhead", "seed": 7, "persist": True, "fresh_save": True})
    ]

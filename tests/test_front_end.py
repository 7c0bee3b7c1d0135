"""Front-end pieces a player touches: audio without a device, settings, the scenes' menus."""

from __future__ import annotations

import json

import pygame
import pytest
from player import without_audio_device

from game import settings as settings_module
from game.audio import Audio
from game.sim import events as ev


def test_the_game_plays_on_silently_without_an_audio_device(monkeypatch):
    without_audio_device(monkeypatch)
    audio = Audio()
    assert not audio.enabled
    audio.footstep()
    audio.music("beach")
    audio.observe([ev.ShotFired(0, 0, 0, 1, 1, "wall"), ev.CageHurt(0, 5, 0, 0, "x")], (0, 0))


def test_settings_round_trip_and_bad_values_are_reported_not_fatal(_aynik_home):
    s = settings_module.Settings(music_volume=0.3, show_death_markers=False)
    s.bindings["dash"] = ["left shift"]
    settings_module.save_settings(s)
    loaded, message = settings_module.load_settings()
    assert message is None
    assert loaded.music_volume == 0.3 and not loaded.show_death_markers
    assert loaded.bindings["dash"] == ["left shift"]

    path = _aynik_home / "settings.json"
    path.write_text(json.dumps({"version": 1, "music_volume": "loud", "fullscreen": 3}))
    loaded, message = settings_module.load_settings()
    assert loaded.music_volume == settings_module.Settings().music_volume
    assert str(path) in message and "music_volume" in message


@pytest.mark.parametrize("content", ["{broken", "\x00\x01", "[1, 2]"])
def test_a_damaged_settings_file_is_kept_aside_before_it_is_replaced(_aynik_home, content):
    path = _aynik_home / "settings.json"
    path.write_text(content)
    loaded, message = settings_module.load_settings()
    assert message and str(path) in message
    settings_module.save_settings(loaded)
    assert (_aynik_home / "settings.damaged.json").read_text() == content
    assert settings_module.load_settings()[1] is None


def test_a_binding_with_no_usable_key_keeps_its_default(_aynik_home):
    path = _aynik_home / "settings.json"
    path.write_text(json.dumps({"version": 1, "bindings": {"pause": [], "up": ["nosuchkey"]}}))
    loaded, message = settings_module.load_settings()
    assert loaded.bindings["pause"] == settings_module.DEFAULT_BINDINGS["pause"]
    assert loaded.bindings["up"] == settings_module.DEFAULT_BINDINGS["up"]
    assert "pause" in message and "up" in message


def test_a_quick_tap_is_not_lost_between_frames():
    from game.input.controls import Controls
    from game.sim import inputs

    pygame.display.init()
    controls = Controls(settings_module.DEFAULT_BINDINGS)
    controls.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_r, mod=0))
    # The key is already up again by the time the frame is read.
    frame = controls.frame((0.0, 0.0), (10.0, 0.0))
    assert frame.held(inputs.RELOAD)
    assert not controls.frame((0.0, 0.0), (10.0, 0.0)).held(inputs.RELOAD)


@pytest.mark.parametrize(
    "args, words",
    [
        (["play", "--bot", "foo", "--frames", "1"], "unknown bot"),
        (["play", "--bot", "route:/no/such.route", "--frames", "1"], "/no/such.route"),
        (["play", "--frames", "2", "--screenshot", "/no/such/dir/x.png"], "/no/such/dir/x.png"),
    ],
)
def test_bad_play_options_are_one_clear_line(args, words):
    import os
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                         env=dict(os.environ), timeout=120)  # fmt: skip
    assert out.returncode == 1
    assert words in out.stderr and "Traceback" not in out.stderr

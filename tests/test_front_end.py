"""Front-end pieces a player touches: audio without a device, settings, the scenes' menus."""

from __future__ import annotations

import json

import pygame
import pytest

from game import settings as settings_module
from game.audio import Audio
from game.sim import events as ev


def test_the_game_plays_on_silently_without_an_audio_device(monkeypatch):
    def no_device(*args, **kwargs):
        raise pygame.error("no audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", no_device)
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

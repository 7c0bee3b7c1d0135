"""Test set-up: the real game, headless, never touching a player's folders."""

from __future__ import annotations

import os

# Before anything imports pygame: no window, no sound device, no banner.
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _aynik_home(tmp_path_factory, monkeypatch):
    """Every test gets its own AYNIK_HOME: saves and settings go to a temporary folder."""
    home = tmp_path_factory.mktemp("aynik_home")
    monkeypatch.setenv("AYNIK_HOME", str(home))
    return home


@pytest.fixture
def app():
    """The real game (a window on the dummy driver), closed after the test."""
    from game.app import App, AppOptions

    application = App(AppOptions())
    yield application
    application.disk_writes.settle()  # nothing of this test's written into the next one's home
    import pygame

    pygame.quit()

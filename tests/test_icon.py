"""The game's icon: the committed PNGs are what assets/make_icon.py draws from Cage's sheet, and
the window shows it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pygame
import pytest

ROOT = Path(__file__).resolve().parent.parent


def _make_icon():
    spec = importlib.util.spec_from_file_location("make_icon", ROOT / "assets" / "make_icon.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("size", [32, 64, 128, 256])
def test_the_committed_icon_is_what_the_script_draws(size):
    drawn = _make_icon().icon(size)
    committed = pygame.image.load(str(ROOT / "assets" / "icons" / f"aynik-{size}.png"))
    assert committed.get_size() == drawn.get_size() == (size, size)
    assert pygame.image.tobytes(committed, "RGBA") == pygame.image.tobytes(drawn, "RGBA"), (
        f"assets/icons/aynik-{size}.png is stale: run assets/make_icon.py"
    )


def test_the_desktop_entry_names_the_icon_and_the_program():
    entry = (ROOT / "packaging" / "aynik.desktop").read_text(encoding="utf-8").splitlines()
    assert entry[0] == "[Desktop Entry]"
    assert "Icon=aynik" in entry and "Exec=aynik" in entry and "Type=Application" in entry


def test_the_window_gets_the_icon(app, monkeypatch):
    import game.app

    shown = []
    monkeypatch.setattr(pygame.display, "set_icon", lambda surface: shown.append(surface))
    game.app._set_window_icon()
    assert len(shown) == 1 and shown[0].get_size() == (64, 64)

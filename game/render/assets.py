"""Where the game's art lives on disk.

Owns the lookup of the `assets/` folder: inside the installed package (`game/assets/`, as a wheel
ships it) or at the top of a source checkout, next to `game/`. Also owns `AssetError`, the error a
missing or broken art file raises (it always names the file). Pure path logic: must not import
pygame, game.scenes or game.app, and never writes to the simulation.
"""

from __future__ import annotations

from pathlib import Path


class AssetError(FileNotFoundError):
    """An art file the renderer needs is missing or unusable; the message names the file."""


def assets_dir() -> Path:
    """The art folder: `game/assets` in an installed wheel, else the checkout's `assets/`."""
    # game/render/assets.py -> game/ (robust where `game.__file__` is unset, e.g. editable installs)
    package = Path(__file__).resolve().parent.parent
    installed = package / "assets"
    if installed.is_dir():
        return installed
    return package.parent / "assets"


def sprites_dir() -> Path:
    return assets_dir() / "sprites"


def fonts_dir() -> Path:
    return assets_dir() / "fonts"

"""Where the campaign's levels live, and turning a level name or path into a map file.

Owns the `levels/` folder lookup (inside the installed package, or at the top of a source checkout),
where mods live (`AYNIK_HOME/mods/<name>/`), and name resolution for `--level NAME|PATH`. Pure
standard library: must not import pygame, pytmx or the loader.
"""

from __future__ import annotations

from pathlib import Path

from game.level.errors import LevelError

PROJECT_FILE = "aynik.tiled-project"


def campaign_dir() -> Path:
    """The campaign's `levels/` folder.

    A wheel installs it as the `game.levels` package (`game/levels/`); a source checkout keeps it at
    the top of the tree, next to `game/`.
    """
    package = Path(__file__).resolve().parent.parent  # .../game
    installed = package / "levels"
    if installed.is_dir():
        return installed
    return package.parent / "levels"


def mods_dir() -> Path:
    """The folder that holds one sub-folder per mod (it may not exist yet)."""
    from game.storage import home  # standard library only; imported late to keep this module light

    return home() / "mods"


def campaign_levels() -> list[str]:
    """The names of the campaign's maps (file stems), sorted."""
    return sorted(p.stem for p in campaign_dir().glob("*.tmx"))


def resolve_level(name_or_path: str) -> Path:
    """A campaign level name ("beachhead") or a path to a `.tmx` file, as a path to the map.

    An existing file wins over a campaign name, so a map a modder is editing is always found.
    """
    given = Path(name_or_path)
    if given.is_file():
        return given
    if given.name == name_or_path:  # a bare name, no folder: look in the campaign
        file_name = name_or_path if given.suffix.lower() == ".tmx" else f"{name_or_path}.tmx"
        candidate = campaign_dir() / file_name
        if candidate.is_file():
            return candidate
    names = ", ".join(campaign_levels()) or "(none)"
    raise LevelError(name_or_path, f"no such map file or campaign level (campaign levels: {names})")


def in_campaign(path: str | Path) -> bool:
    """True for a map of the campaign itself (levels/), not a mod's or a loose file."""
    return Path(path).resolve().parent == campaign_dir().resolve()

"""The player's settings: volumes, display, key bindings; read and written as JSON.

Owns the settings file (`settings.json` in the user config folder, game.storage.config_home(),
or in AYNIK_HOME) and its defaults; settings saved by earlier versions in the data folder are read
from there until the first save writes them to their new place. A damaged file is reported,
kept as it is (copied aside before it is ever replaced) and the defaults are used meanwhile. The
assists are three switches saved under game.sim.assists.SETTING_KEYS (a file without them: all
off). Imports only game.storage, the pure game.sim.assists and game.speedrun.category (the
categories' names), and the standard library.
"""

from __future__ import annotations

import shutil
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from game import storage
from game.sim.assists import SETTING_KEYS, Assists
from game.speedrun.category import CATEGORIES

SETTINGS_VERSION = 2  # 2: the timer modes name the clocks they show (and "off" hides them all)
# The timer modes (game.replay.session.TIMER_MODES, which F2 cycles); the default shows only
# the day clock, the one a player who is not speedrunning plays by.
TIMER_MODES = ("day", "day+igt", "day+igt+rta", "splits", "off")
# A version 1 file's modes, as the modes that show what they showed ("off" then still showed
# the day clock).
OLD_TIMER_MODES = {"run": "day+igt", "run+loop": "day+igt+rta", "splits": "splits", "off": "day"}
UI_SCALES = (1.0, 1.25, 1.5)
MAX_HINTS, MAX_HINT_NAME = 64, 40  # a damaged or hostile file cannot make the list large
MAX_KEYS = 8  # keys looked at per action (the settings screen binds two)

DEFAULT_BINDINGS: dict[str, list[str]] = {
    "up": ["w", "up"],
    "down": ["s", "down"],
    "left": ["a", "left"],
    "right": ["d", "right"],
    "fire": ["mouse1"],
    "blade": ["mouse3"],
    "dash": ["space"],
    "grenade": ["g"],
    "interact": ["e"],
    "reload": ["r"],
    "reset": ["backspace"],
    "journal": ["tab"],
    "pause": ["escape"],
    "fullscreen": ["f11"],
}


@dataclass
class Settings:
    master_volume: float = 0.8
    music_volume: float = 0.6
    effects_volume: float = 0.9
    fullscreen: bool = False
    # Accessibility: how hard hits shake the camera and how bright flashes are (0 = none), and
    # how large the play screen's HUD, notices and timer are drawn (one of UI_SCALES).
    shake_intensity: float = 1.0
    flash_intensity: float = 1.0
    ui_scale: float = 1.0
    show_death_markers: bool = True
    show_ghosts: bool = True  # Cage's paths from earlier loops of this run
    show_pb_ghost: bool = True  # the personal best's Cage on the same day tick (faint)
    timer_mode: str = "day"  # one of TIMER_MODES (F2 cycles): the day clock alone at first
    # The category a run is played as (game.speedrun.category.CATEGORIES): its splits and
    # bests are the ones compared with; a run counts for it when its end state meets it.
    speedrun_category: str = "Any%"
    # Assists (game.sim.assists): gentler days; a run with any of them is kept off the bests.
    assist_slower_mimics: bool = False
    assist_more_integrity: bool = False
    assist_longer_telegraphs: bool = False
    bindings: dict[str, list[str]] = field(default_factory=lambda: dict(DEFAULT_BINDINGS))
    # The map markers whose one-line hint the player has seen (game.scenes.markers), so a hint
    # shows once per player, not once per launch. Settings > "Show the hints again" clears it.
    hints_seen: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"version": SETTINGS_VERSION, **asdict(self)}

    @property
    def assists(self) -> Assists:
        """The assists switched on, as the simulation takes them."""
        word = 0
        for bit, key in SETTING_KEYS.items():
            if getattr(self, key):
                word |= bit
        return Assists(word)

    def set_assist(self, bit: int, on: bool) -> None:
        setattr(self, SETTING_KEYS[bit], on)


SETTINGS_NAME = "settings.json"


def settings_path() -> Path:
    """Where settings are written (and read)."""
    return storage.config_home() / SETTINGS_NAME


def _readable_settings_path() -> Path:
    """settings_path(), or, while it does not exist yet, the file earlier versions kept in the
    data folder (beside the save): a player's settings survive the move, and the first save
    writes them to their new place. The old file itself is left as it was."""
    path = settings_path()
    legacy = storage.home() / SETTINGS_NAME
    if legacy != path and not path.exists() and legacy.is_file():
        return legacy
    return path


def load_settings() -> tuple[Settings, str | None]:
    """The saved settings (or defaults) and, if the file was damaged, a message saying so."""
    path = _readable_settings_path()
    try:
        data = storage.read_json(path)
    except FileNotFoundError:
        return Settings(), None
    except storage.StorageError as exc:
        return Settings(), f"{exc}; using default settings"
    if not isinstance(data, dict):
        return Settings(), f"{path}: not a settings file; using default settings"
    settings = Settings()
    problems = []
    for f in fields(Settings):
        if f.name not in data:
            continue
        value = data[f.name]
        default = getattr(settings, f.name)
        if f.name == "bindings":
            bindings, bad = _checked_bindings(value)
            settings.bindings = bindings
            problems += [f"bindings ({name})" for name in bad]
        elif f.name == "hints_seen":
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                settings.hints_seen = list(dict.fromkeys(v[:MAX_HINT_NAME] for v in value))[
                    :MAX_HINTS
                ]
            else:
                problems.append(f.name)
        elif f.name == "ui_scale":
            if value in UI_SCALES and not isinstance(value, bool):
                settings.ui_scale = float(value)
            else:
                problems.append(f.name)
        elif f.name == "speedrun_category":
            if value in CATEGORIES:
                settings.speedrun_category = value
            else:
                problems.append(f.name)
        elif f.name == "timer_mode":
            if data.get("version", 1) == 1 and value in OLD_TIMER_MODES:
                settings.timer_mode = OLD_TIMER_MODES[value]
            elif value in TIMER_MODES:
                settings.timer_mode = value
            else:
                problems.append(f.name)
        elif isinstance(default, bool):
            if isinstance(value, bool):
                setattr(settings, f.name, value)
            else:
                problems.append(f.name)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            setattr(settings, f.name, max(0.0, min(1.0, float(value))))
        else:
            problems.append(f.name)
    if data.get("screen_shake") is False and "shake_intensity" not in data:
        settings.shake_intensity = 0.0  # an older file's "Screen shake: off"
    message = None
    if problems:
        message = f"{path}: ignored bad values for {', '.join(problems)}"
    return settings, message


def _checked_bindings(value: object) -> tuple[dict[str, list[str]], list[str]]:
    """Saved bindings over the defaults; an action with no usable key keeps its default, so
    nothing (pausing least of all) can be left without a key."""
    bindings = {action: list(keys) for action, keys in DEFAULT_BINDINGS.items()}
    if not isinstance(value, dict):
        return bindings, ["not a table of actions"]
    bad = []
    for action, keys in value.items():
        if action not in DEFAULT_BINDINGS:
            bad.append(str(action))
            continue
        usable = [k for k in keys[:MAX_KEYS] if _usable_key(k)] if isinstance(keys, list) else []
        if usable:
            bindings[action] = list(dict.fromkeys(usable))
        else:
            bad.append(action)
    return bindings, bad


def _usable_key(name: object) -> bool:
    if not isinstance(name, str) or not name:
        return False
    if name.startswith("mouse") and name[5:].isdigit():
        return True
    import warnings

    import pygame

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # key names do not need the display to be up
        try:
            pygame.key.key_code(name)
        except (ValueError, pygame.error):
            return False
    return True


def save_settings(settings: Settings) -> None:
    path = settings_path()
    if path.exists() and load_settings()[1] is not None:
        # Never destroy what we could not read: keep it beside the new file.
        shutil.copyfile(path, path.with_name("settings.damaged.json"))
    storage.atomic_write_json(path, settings.to_json())

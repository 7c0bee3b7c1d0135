"""The player's folders and safe file writing.

Owns where the game keeps saves, replays, personal bests and mods (`home()`: the platform's user
data folder) and settings (`config_home()`: its user config folder), both as platformdirs names
them (`~/.local/share/aynik` and `~/.config/aynik` on Linux, under XDG_DATA_HOME and
XDG_CONFIG_HOME; one folder on Windows and macOS). `AYNIK_HOME` puts everything under that one
folder instead. Also owns how files are written: to a temporary file, fsynced, then renamed over
the old one, so a crash mid-write leaves the old file or the new one, never half of either.
Imports only the standard library, platformdirs and game.safe_read.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path

import platformdirs

from game import safe_read


class StorageError(Exception):
    """A file of the player's that cannot be read: `str()` names the file and what is wrong."""

    def __init__(self, path: str | os.PathLike, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = str(path)


APP_NAME = "aynik"


def home() -> Path:
    """The folder for the player's data: saves, replays, personal bests, mods."""
    override = os.environ.get("AYNIK_HOME")
    if override:
        return Path(override)
    # roaming: on Windows %APPDATA%\aynik, where the game always kept them; no author folder.
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def config_home() -> Path:
    """The folder for the player's settings (the same as home() under AYNIK_HOME)."""
    override = os.environ.get("AYNIK_HOME")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False, roaming=True))


def folder(name: str) -> Path:
    path = home() / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def atomic_write_text(path: str | os.PathLike, text: str, keep_backup: bool = False) -> None:
    """Replace `path` with `text` all at once; optionally keep the previous file as `<name>.bak`."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if keep_backup and target.exists():
            # Copy, not move: at every instant the file itself exists, whole. Only a file that
            # reads back replaces the backup: a damaged one never takes the place of a good one.
            previous = _readable(target)
            if previous is not None:
                backup = target.with_name(target.name + ".bak")
                atomic_write_text(backup, previous)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def atomic_write_json(path: str | os.PathLike, data: object, keep_backup: bool = False) -> None:
    atomic_write_text(path, json.dumps(data, indent=2, sort_keys=True) + "\n", keep_backup)


def _readable(path: Path) -> str | None:
    """The file's text when it is JSON the hardened reader accepts; None otherwise."""
    try:
        text = safe_read.read_text(path)
        safe_read.loads_json(text, path)
    except (OSError, ValueError):
        return None
    return text


TEMP_AGE = 10 * 60  # seconds: a temporary file this old is a write that never finished


def clean_leftovers(folder: Path | None = None, age: float = TEMP_AGE) -> list[Path]:
    """Delete the temporary files of writes that never finished (a crash or a kill between the
    write and the rename), in the game's data and settings folders and its splits folder; only
    files of ours (`.<name>.<random>.tmp`) older than `age` seconds, so a write under way in
    another instance of the game is left alone. Returns what was removed."""
    import time

    removed = []
    now = time.time()
    places = [home(), home() / "splits"]
    if config_home() != home():
        places.append(config_home())
    for place in (folder,) if folder is not None else places:
        try:
            entries = list(place.iterdir())
        except OSError:
            continue
        for entry in entries:
            if not (entry.name.startswith(".") and entry.name.endswith(".tmp")):
                continue
            try:
                info = entry.lstat()
                if stat.S_ISREG(info.st_mode) and now - info.st_mtime > age:
                    entry.unlink()
                    removed.append(entry)
            except OSError:
                continue
    return removed


def read_json(path: str | os.PathLike, max_bytes: int = 4 * 1024 * 1024) -> object:
    """Read a JSON file of the player's through the hardened reader (game.safe_read): any problem
    is a StorageError naming the file (and the field); a missing file is FileNotFoundError."""
    try:
        return safe_read.read_json(path, max_bytes, "file of this game")
    except safe_read.UnsafeInput as exc:
        raise StorageError(path, exc.message) from None


def _fsync_folder(folder_path: Path) -> None:
    """Make the rename itself durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder_path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

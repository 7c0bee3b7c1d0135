"""The save: Memory on disk, so a restarted game continues where Cage left off.

Owns `AYNIK_HOME/save.json` (Memory's JSON with a format version) and its backup `save.json.bak`.
Written atomically at each loop's end (temp file, fsync, rename; the previous save becomes the
backup). A save that is damaged or from a newer version is reported and never overwritten or
deleted: the game will not write over it until the player chooses a new game, and even then the
damaged file is kept aside. The game writes it off the frame, on a worker thread (SaveWriter).
Imports game.storage and the pure Memory.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from game import storage
from game.sim.memory import Memory

SAVE_NAME = "save.json"


@dataclass
class SaveState:
    memory: Memory | None  # None: no usable save
    problem: str | None = None  # a message for the player when the save could not be used
    from_backup: bool = False


def save_path() -> Path:
    return storage.home() / SAVE_NAME


def backup_path() -> Path:
    return storage.home() / (SAVE_NAME + ".bak")


def _read(path: Path) -> Memory:
    data = storage.read_json(path)
    try:
        return Memory.from_json(data)
    except ValueError as exc:
        raise storage.StorageError(path, str(exc)) from None


def load_save() -> SaveState:
    """The saved Memory, or the backup's if the save is damaged, or nothing (with a message)."""
    path = save_path()
    try:
        return SaveState(_read(path))
    except FileNotFoundError:
        problem = ""
    except storage.StorageError as exc:
        problem = str(exc)
    if not problem and not backup_path().exists():
        return SaveState(None)
    try:
        memory = _read(backup_path())
    except (FileNotFoundError, storage.StorageError):
        return SaveState(None, f"{problem}. It has been left as it is." if problem else None)
    if not problem:
        return SaveState(memory, None, from_backup=True)  # only the backup made it to disk
    return SaveState(memory, f"{problem}. Continuing from the backup.", from_backup=True)


class SaveBlocked(Exception):
    """The save on disk cannot be read; it is not written over without the player's choice."""


def write_save(memory: Memory, set_damaged_aside: bool = False) -> None:
    """Save Memory atomically; the previous good save becomes the backup.

    If the existing save cannot be read (damaged, or from a newer version) this refuses with
    SaveBlocked, unless `set_damaged_aside` (the player chose a new game): then the unreadable
    file is renamed to `save.damaged-N.json`, never deleted."""
    _write_json(capped_json(memory), set_damaged_aside)


class SaveWriter:
    """Writes the save on a worker thread, so the frame a loop ends on never waits on the disk.

    The play scene hands over Memory as JSON (taken on its own thread, so a day that goes on
    cannot change what is being written); the worker writes the newest one it has with the same
    atomic rename and backup as `write_save`. `flush` waits until it is on disk (leaving a run,
    quitting). What went wrong is kept in `problem` for the scene to show."""

    def __init__(self) -> None:
        self._wake = threading.Condition()
        self._pending: tuple[dict, bool] | None = None
        self._busy = False
        self._closed = False
        self.problem: str | None = None
        self._thread = threading.Thread(target=self._work, name="save-writer", daemon=True)
        self._thread.start()

    def submit(self, memory: Memory, set_damaged_aside: bool = False) -> None:
        data = capped_json(memory)
        with self._wake:
            # A newer save replaces one not yet written; a damaged file is still set aside.
            aside = set_damaged_aside or (self._pending is not None and self._pending[1])
            self._pending = (data, aside)
            self._wake.notify_all()

    def flush(self, timeout: float = 10.0) -> None:
        with self._wake:
            self._wake.wait_for(lambda: self._pending is None and not self._busy, timeout)

    def close(self) -> None:
        """Write what is pending, then let the thread end (the run is left)."""
        self.flush()
        with self._wake:
            self._closed = True
            self._wake.notify_all()

    def _work(self) -> None:
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._pending is not None or self._closed)
                if self._pending is None:
                    return  # closed, and nothing left to write
                data, aside = self._pending
                self._pending, self._busy = None, True
            try:
                _write_json(data, aside)
                problem = None
            except SaveBlocked as exc:
                problem = f"Not saved: {exc}"
            except OSError as exc:
                problem = f"Not saved: {save_path()}: {exc.strerror or exc}"
            with self._wake:
                self.problem, self._busy = problem, False
                self._wake.notify_all()


def _write_json(data: dict, set_damaged_aside: bool) -> None:
    path = save_path()
    if path.exists():
        try:
            _read(path)
        except (storage.StorageError, FileNotFoundError) as exc:
            if not set_damaged_aside:
                raise SaveBlocked(str(exc)) from None
            number = 1
            while path.with_name(f"save.damaged-{number}.json").exists():
                number += 1
            path.rename(path.with_name(f"save.damaged-{number}.json"))
    storage.atomic_write_json(path, data, keep_backup=True)


MAX_DEATH_RECORDS = 2_000  # deaths kept in detail; a save stays far below the reader's cap


def capped_json(memory: Memory, keep: int = MAX_DEATH_RECORDS) -> dict:
    """Memory's JSON with the death log trimmed to its newest `keep` records; the trimmed ones
    are still counted (`deaths_forgotten`), so a save the game writes is always one it reads."""
    data = memory.to_json()
    deaths = data.get("deaths", [])
    if len(deaths) > keep:
        trimmed = len(deaths) - keep
        data["deaths"] = deaths[trimmed:]
        data["deaths_forgotten"] = int(data.get("deaths_forgotten", 0)) + trimmed
    return data


def continue_from_backup(memory: Memory) -> None:
    """The player chose Continue from the backup: the damaged save is set aside (kept as
    `save.damaged-N.json`) and the backup's Memory saved in its place, so later saves are not
    blocked by a file nobody can read."""
    write_save(memory, set_damaged_aside=True)

"""The replay file: a documented text format holding a whole run's seed and per-tick inputs.

Owns reading and writing `.aynrep` files. A replay is everything needed to re-create a run (Doom's
demo: a header, then the tick commands), plus checkpoints of the state hash so a verifier can say
where a run stopped agreeing. Layout, one record per line, UTF-8:

    AYNIK-REPLAY 1
    H {"game_version": "0.1.0", "level": "beachhead", "level_hash": "…", "seed": 1, ...}
    F <count> <move_x> <move_y> <aim> <buttons>     the same input for <count> ticks
    C <ticks> <state_hash>                          the run's state hash after <ticks> ticks
    E {"ticks": N, "state_hash": "…", "loops": L, "completed": false}

`F` lines are run-length encoded. `C` lines come every CHECKPOINT_INTERVAL ticks. `E` closes a
finished recording; a file cut short (a crash) is still readable up to its last whole line.
Must not import pygame; never pickle.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from game.sim.inputs import InputFrame

MAGIC = "AYNIK-REPLAY"
FORMAT_VERSION = 1
CHECKPOINT_INTERVAL = 600  # ticks (10 s)
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_TICKS = 60 * 60 * 60 * 10  # ten hours of play
REQUIRED_HEADER = {"game_version": str, "level": str, "level_hash": str, "seed": int}


class ReplayError(Exception):
    """A replay file that cannot be read: `str()` names the file and what is wrong."""

    def __init__(self, path: str | os.PathLike, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message


@dataclass
class Replay:
    header: dict
    frames: list[InputFrame] = field(default_factory=list)
    checkpoints: list[tuple[int, str]] = field(default_factory=list)
    end: dict | None = None  # None when the recording was cut short

    @property
    def seed(self) -> int:
        return int(self.header["seed"])

    @property
    def complete(self) -> bool:
        return self.end is not None


class ReplayWriter:
    """Writes a replay as the run goes: each input is encoded, written and read back before use."""

    def __init__(self, path: str | os.PathLike, header: dict) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file: TextIO = open(self.path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        self._file.write(f"{MAGIC} {FORMAT_VERSION}\n")
        self._file.write("H " + json.dumps(header, sort_keys=True) + "\n")
        self._pending: str | None = None
        self._count = 0
        self.ticks = 0

    def record(self, frame: InputFrame) -> InputFrame:
        """Log this tick's input and return it as the file will give it back (Doom's demo rule:
        the live game runs on exactly what the replay holds)."""
        encoded = frame.encode()
        if encoded == self._pending:
            self._count += 1
        else:
            self._flush_run()
            self._pending, self._count = encoded, 1
        self.ticks += 1
        return InputFrame.decode(encoded)

    def checkpoint(self, ticks: int, state_hash: str) -> None:
        self._flush_run()
        self._file.write(f"C {ticks} {state_hash}\n")
        self._file.flush()

    def close(self, summary: dict) -> None:
        self._flush_run()
        self._file.write("E " + json.dumps(summary, sort_keys=True) + "\n")
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()

    def abandon(self) -> None:
        """Close without an end record (the file stays readable up to here)."""
        if not self._file.closed:
            self._flush_run()
            self._file.close()

    def _flush_run(self) -> None:
        if self._pending is not None and self._count:
            self._file.write(f"F {self._count} {self._pending}\n")
        self._pending, self._count = None, 0


def read_replay(path: str | os.PathLike) -> Replay:
    """Parse a replay file; any problem is a ReplayError naming the file and the line."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ReplayError(path, f"cannot open: {exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise ReplayError(path, f"file is {size} bytes, larger than any replay can be")
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ReplayError(path, "not a replay file (not UTF-8 text)") from None
    except OSError as exc:
        raise ReplayError(path, f"cannot read: {exc.strerror or exc}") from None
    lines = text.split("\n")
    first = lines[0].split()
    if len(first) != 2 or first[0] != MAGIC:
        raise ReplayError(path, f"not a replay file (it does not start with {MAGIC})")
    if first[1] != str(FORMAT_VERSION):
        raise ReplayError(path, f"replay format {first[1]!r} is not supported (this game reads 1)")
    replay: Replay | None = None
    complete_text = text.endswith("\n")
    for number, line in enumerate(lines[1:], start=2):
        if not line:
            continue
        if number == len(lines) and not complete_text:
            break  # a last line cut off mid-write: ignore it, keep the rest
        kind, _, rest = line.partition(" ")
        try:
            if kind == "H":
                if replay is not None:
                    raise ValueError("a second header")
                replay = Replay(header=_parse_header(rest))
            elif replay is None:
                raise ValueError("input before the header")
            elif replay.end is not None:
                raise ValueError("records after the end record")
            elif kind == "F":
                count_text, _, frame_text = rest.partition(" ")
                count = int(count_text)
                if not 0 < count <= MAX_TICKS - len(replay.frames):
                    raise ValueError(f"run length {count} out of range")
                frame = InputFrame.decode(frame_text)
                replay.frames.extend([frame] * count)
            elif kind == "C":
                tick_text, digest = rest.split(" ")
                replay.checkpoints.append((int(tick_text), digest))
            elif kind == "E":
                end = json.loads(rest)
                if not isinstance(end, dict):
                    raise ValueError("end record is not an object")
                replay.end = end
            else:
                raise ValueError(f"unknown record {kind!r}")
        except (ValueError, json.JSONDecodeError) as exc:
            raise ReplayError(path, f"line {number}: {exc}") from None
    if replay is None:
        raise ReplayError(path, "no header")
    return replay


def _parse_header(text: str) -> dict:
    header = json.loads(text)
    if not isinstance(header, dict):
        raise ValueError("header is not an object")
    for key, kind in REQUIRED_HEADER.items():
        if not isinstance(header.get(key), kind) or isinstance(header.get(key), bool):
            raise ValueError(f"header field {key!r} missing or not a {kind.__name__}")
    return header

"""The replay file: a documented text format holding a whole multi-loop run, written as it goes.

Owns reading and writing `.aynrep` files. A replay is everything needed to re-create a run (Doom's
demo: a header, then the tick commands) plus what a verifier needs to say where a re-run stops
agreeing with it: a short digest of the state after every tick, the loops and splits as they
happened, and checkpoints of the full state hash linked into a chain. UTF-8 text, one record per
line, each line a letter, a space and its fields:

    AYNIK-REPLAY 2
    H {"game_version": "0.1.0", "level": "beachhead", "level_hash": "…", "seed": 0, …}
    F <count> <move_x> <move_y> <aim> <buttons>    the same input for <count> ticks
    D <tick> <digest> <digest> …                    state digests after tick, tick+1, …
    L {"ticks": T, "loop": N, "reason": "death", "igt_ticks": I, "memory": {…}, "deaths_total": D}
    S {"ticks": T, "igt_ticks": I, "name": "Seawall"}
    C <ticks> <loop> <state_hash> <chain> {snapshot}
    E {"ticks": N, "state_hash": "…", "loops": L, "completed": false, "igt_ticks": I, …}

Header (`H`, JSON): `game_version`, `level` (a campaign map's name or a map's path), `level_hash`
(its content hash) and `seed` are required; `levels` maps every map the run can reach to its
content hash; `start_memory` is the Memory a practice or continued run began with (absent or null
for a new save); `start_tick` is how many leading ticks are a practice run's untimed lead-in;
`assists` is the bit set of the assists the run was played with (game.sim.assists; absent or 0:
none), which a re-run plays by too;
`category` and `practice` describe the run; `created` is when it was recorded (information only).

Records, in the order the run makes them (every record about tick T follows the inputs of T):
- `F` run-length encoded inputs (InputFrame.encode), one tick each, from tick 1.
- `D` the first DIGEST_LENGTH hex digits of Run.state_hash() after each tick, DIGEST_TICKS to a
  line; consecutive, starting at tick 1. They let a verifier name the first tick that differs.
- `L` a new day began after T ticks (LoopStarted), with the IGT then, the Memory it began with and
  the run's deaths so far (so a viewer or a verifier can rebuild the run at any loop start at
  once; files without `deaths_total` rebuild only where no death came before).
- `S` a split fired on tick T at IGT I.
- `C` the run's full state hash after T ticks, at tick 0, at every loop start, every
  CHECKPOINT_INTERVAL ticks and at the end; `chain` is next_chain(previous chain, T, loop, hash,
  the digests since the previous C), starting from chain_start(the header line), so the recorded
  hashes hold together; the snapshot is a readable picture of the state (game.replay.snapshot).
- `E` closes a finished recording with what the run claims: ticks, final state hash, loops,
  whether it completed, IGT, deaths, real time (information only).

The writer flushes every DIGEST_TICKS ticks, so a crash leaves a file that reads back whole up to
its last complete line (a half-written last line is ignored); such a file has no `E` record.
Version 1 files (F, C <ticks> <hash>, E) are still read. Must not import pygame; never pickle.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from game import safe_read
from game.sim.inputs import InputFrame
from game.sim.memory import Memory

MAGIC = "AYNIK-REPLAY"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
CHECKPOINT_INTERVAL = 600  # ticks (10 s) between full checkpoints
DIGEST_TICKS = 60  # digests to a D line; the writer flushes the file at each one
DIGEST_LENGTH = 4  # hex digits of the state hash kept per tick
MAX_FILE_BYTES = 128 * 1024 * 1024
MAX_TICKS = 60 * 60 * 60 * 10  # ten hours of play
REQUIRED_HEADER = {"game_version": str, "level": str, "level_hash": str, "seed": int}
SUFFIX = ".aynrep"

_HEX = re.compile(r"^[0-9a-f]+$")
# An input record as the recorder writes it: the run length, then the frame's four integers.
_FRAME_RECORD = re.compile(r"([0-9]{1,9}) (-?[0-9]{1,3}) (-?[0-9]{1,3}) ([0-9]{1,5}) ([0-9]{1,4})")
# A digest record's digests as the recorder writes them: one space between each.
_DIGEST_RECORD = re.compile(f"[0-9a-f]{{{DIGEST_LENGTH}}}(?: [0-9a-f]{{{DIGEST_LENGTH}}})*")


class ReplayError(Exception):
    """A replay file that cannot be read: `str()` names the file and what is wrong."""

    def __init__(self, path: str | os.PathLike, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message


@dataclass(frozen=True)
class Checkpoint:
    ticks: int
    state_hash: str
    loop: int | None = None  # None in version 1 files
    chain: str = ""
    state: dict | None = None  # the readable snapshot


@dataclass(frozen=True)
class LoopMark:
    ticks: int  # the run's tick count when the new day began
    loop: int
    reason: str
    igt_ticks: int
    memory: dict | None = None  # Memory.to_json() at the start of that day
    # Every death of the run so far (Run.deaths_total, in its state hash but not in the Memory):
    # with the Memory, all it takes to rebuild the run there. None in files from before it.
    deaths_total: int | None = None


@dataclass(frozen=True)
class SplitMark:
    ticks: int
    igt_ticks: int
    name: str


@dataclass
class Replay:
    header: dict
    frames: list[InputFrame] = field(default_factory=list)
    checkpoints: list[Checkpoint] = field(default_factory=list)
    digests: list[str] = field(default_factory=list)  # digests[t - 1]: after tick t
    loops: list[LoopMark] = field(default_factory=list)
    splits: list[SplitMark] = field(default_factory=list)
    end: dict | None = None  # None when the recording was cut short
    version: int = FORMAT_VERSION
    path: str = ""

    @property
    def seed(self) -> int:
        return int(self.header["seed"])

    @property
    def complete(self) -> bool:
        return self.end is not None

    @property
    def start_tick(self) -> int:
        return int(self.header.get("start_tick", 0) or 0)

    @property
    def assists(self):
        """The assists the run was played with (game.sim.assists.Assists; checked when the header
        was read)."""
        from game.sim.assists import Assists

        return Assists(int(self.header.get("assists", 0) or 0))

    def start_memory(self) -> Memory | None:
        data = self.header.get("start_memory")
        return None if data is None else Memory.from_json(data)


def chain_start(header_line: str) -> str:
    """The chain's first link: a digest of the header line (without its newline)."""
    return hashlib.blake2b(header_line.encode(), digest_size=8).hexdigest()


def next_chain(previous: str, ticks: int, loop: int, state_hash: str, digests: list[str]) -> str:
    h = hashlib.blake2b(digest_size=8)
    h.update(f"{previous}|{ticks}|{loop}|{state_hash}|".encode())
    h.update("".join(digests).encode())
    return h.hexdigest()


def digest_of(state_hash: str) -> str:
    return state_hash[:DIGEST_LENGTH]


class ReplayWriter:
    """Writes a replay record by record as the run goes; flushed every DIGEST_TICKS ticks."""

    def __init__(self, path: str | os.PathLike, header: dict) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Opened without blocking: a FIFO nobody reads is refused (OSError), never waited on.
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(self.path, flags | getattr(os, "O_BINARY", 0), 0o644)
        except OSError as exc:
            if exc.errno == errno.ENXIO:
                raise OSError(exc.errno, "a pipe nothing reads, not a file", str(path)) from None
            raise
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        self._file: TextIO = open(fd, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        header_line = "H " + json.dumps(header, sort_keys=True)
        self._file.write(f"{MAGIC} {FORMAT_VERSION}\n{header_line}\n")
        self._file.flush()
        self.chain = chain_start(header_line)
        self._pending: str | None = None
        self._count = 0
        self.ticks = 0  # inputs recorded
        self._digests: list[str] = []  # not yet written
        self._digest_tick = 1  # the tick of _digests[0]
        self._since_checkpoint: list[str] = []  # digests since the last checkpoint

    @property
    def closed(self) -> bool:
        return self._file.closed

    def record(self, frame: InputFrame) -> InputFrame:
        """Log this tick's input and return it as the file will give it back (Doom's demo rule:
        the live game runs on exactly what the replay holds)."""
        if self.ticks >= MAX_TICKS:
            # Beyond this a reader refuses the file: stop here, the file stays readable.
            raise OSError(errno.EFBIG, "the recording reached its ten-hour limit", str(self.path))
        encoded = frame.encode()
        if encoded == self._pending:
            self._count += 1
        else:
            self._flush_run()
            self._pending, self._count = encoded, 1
        self.ticks += 1
        return InputFrame.decode(encoded)

    def digest(self, state_hash: str) -> None:
        """The state after the latest recorded tick."""
        digest = digest_of(state_hash)
        self._digests.append(digest)
        self._since_checkpoint.append(digest)
        if len(self._digests) >= DIGEST_TICKS:
            self._write_digests()
            self._file.flush()

    def loop_mark(self, mark: LoopMark) -> None:
        record = {"ticks": mark.ticks, "loop": mark.loop, "reason": mark.reason,
                  "igt_ticks": mark.igt_ticks, "memory": mark.memory}  # fmt: skip
        if mark.deaths_total is not None:
            record["deaths_total"] = mark.deaths_total
        self._line("L " + json.dumps(record, sort_keys=True))

    def split_mark(self, mark: SplitMark) -> None:
        record = {"ticks": mark.ticks, "igt_ticks": mark.igt_ticks, "name": mark.name}
        self._line("S " + json.dumps(record, sort_keys=True))

    def checkpoint(self, ticks: int, loop: int, state_hash: str, state: dict | None = None) -> None:
        self._write_digests()
        self.chain = next_chain(self.chain, ticks, loop, state_hash, self._since_checkpoint)
        self._since_checkpoint = []
        tail = " " + json.dumps(state, sort_keys=True) if state is not None else ""
        self._line(f"C {ticks} {loop} {state_hash} {self.chain}{tail}")
        self._file.flush()

    def close(self, summary: dict) -> None:
        self._write_digests()
        self._line("E " + json.dumps(summary, sort_keys=True))
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()

    def abandon(self) -> None:
        """Close without an end record (the file stays readable up to here)."""
        if not self._file.closed:
            self._write_digests()
            self._file.flush()
            self._file.close()

    def _line(self, text: str) -> None:
        self._flush_run()
        self._file.write(text + "\n")

    def _write_digests(self) -> None:
        if not self._digests:
            return
        self._flush_run()
        self._file.write(f"D {self._digest_tick} {' '.join(self._digests)}\n")
        self._digest_tick += len(self._digests)
        self._digests = []

    def _flush_run(self) -> None:
        if self._pending is not None and self._count:
            self._file.write(f"F {self._count} {self._pending}\n")
        self._pending, self._count = None, 0


# --- reading ---------------------------------------------------------------------------------


def read_replay(path: str | os.PathLike) -> Replay:
    """Parse a replay file; any problem is a ReplayError naming the file and the line. The file is
    read through the hardened reader (game.safe_read): a pipe, a device or a folder is refused at
    once, and nothing larger than MAX_FILE_BYTES is read."""
    try:
        text = safe_read.read_text(path, MAX_FILE_BYTES, "replay file")
    except FileNotFoundError:
        raise ReplayError(path, "cannot open: No such file or directory") from None
    except safe_read.UnsafeInput as exc:
        raise ReplayError(path, exc.message) from None
    return parse_replay(text, path)


def parse_replay(text: str, path: str | os.PathLike = "<replay>") -> Replay:
    lines = text.split("\n")
    first = lines[0].split()
    if len(first) != 2 or first[0] != MAGIC:
        raise ReplayError(path, f"not a replay file (it does not start with {MAGIC})")
    version = safe_read.whole_number(first[1], 0)
    if version is None or version not in READABLE_VERSIONS:
        readable = " and ".join(str(v) for v in READABLE_VERSIONS)
        shown = safe_read.safe_text(first[1][:20])
        raise ReplayError(
            path, f"replay format {shown!r} is not supported (this game reads {readable})"
        )
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
                replay = Replay(
                    header=_parse_header(rest, version), version=version, path=str(path)
                )
            elif replay is None:
                raise ValueError("input before the header")
            elif replay.end is not None:
                raise ValueError("records after the end record")
            else:
                _parse_record(replay, kind, rest)
        except (ValueError, TypeError, KeyError, RecursionError) as exc:
            raise ReplayError(path, f"line {number}: {_say(exc)}") from None
    if replay is None:
        raise ReplayError(path, "no header")
    return replay


def _say(exc: BaseException) -> str:
    if isinstance(exc, safe_read.UnsafeInput):
        return exc.message
    if isinstance(exc, KeyError):
        return f"missing field {exc}"
    return str(exc)


def _parse_record(replay: Replay, kind: str, rest: str) -> None:
    frames = len(replay.frames)
    if kind == "F":
        plain = _FRAME_RECORD.fullmatch(rest)
        if plain is not None:  # as the game writes it (most of a replay's lines): read at once
            count, *frame_numbers = map(int, plain.groups())
        else:  # written some other way: each part read, and refused, on its own
            count_text, _, frame_text = rest.partition(" ")
            count = _int(count_text)
        if not 0 < count <= MAX_TICKS - frames:
            raise ValueError(f"run length {count} out of range")
        frame = InputFrame(*frame_numbers) if plain is not None else InputFrame.decode(frame_text)
        replay.frames.extend([frame] * count)
    elif kind == "C":
        replay.checkpoints.append(_parse_checkpoint(rest, replay.version, frames))
    elif kind == "E":
        end = _json(rest)
        if not isinstance(end, dict):
            raise ValueError("end record is not an object")
        replay.end = end
    elif replay.version >= 2 and kind == "D":
        tick_text, _, digest_text = rest.partition(" ")
        tick = _int(tick_text)
        if tick != len(replay.digests) + 1:
            raise ValueError(f"digests resume at tick {tick}, expected {len(replay.digests) + 1}")
        digests = digest_text.split()
        if _DIGEST_RECORD.fullmatch(digest_text) is None and (
            not digests or any(len(d) != DIGEST_LENGTH or not _HEX.match(d) for d in digests)
        ):  # (a record as the recorder writes it is checked in one match)
            raise ValueError("a digest is not hexadecimal of the right length")
        if tick - 1 + len(digests) > frames:
            raise ValueError("digests for ticks with no input")
        replay.digests.extend(digests)
    elif replay.version >= 2 and kind == "L":
        data = _object(rest)
        memory = data.get("memory")
        if memory is not None:
            Memory.from_json(memory)  # ValueError says what is wrong
        deaths = _whole(data, "deaths_total") if "deaths_total" in data else None
        mark = LoopMark(_tick(data, "ticks", frames), _whole(data, "loop"), _text(data, "reason"),
                        _whole(data, "igt_ticks"), memory, deaths)  # fmt: skip
        if replay.loops and mark.ticks < replay.loops[-1].ticks:
            raise ValueError("loop records out of order")
        replay.loops.append(mark)
    elif replay.version >= 2 and kind == "S":
        data = _object(rest)
        mark = SplitMark(_tick(data, "ticks", frames), _whole(data, "igt_ticks"),
                         _text(data, "name"))  # fmt: skip
        if replay.splits and mark.ticks < replay.splits[-1].ticks:
            raise ValueError("split records out of order")
        replay.splits.append(mark)
    else:
        raise ValueError(f"unknown record {kind!r}")


def _parse_checkpoint(rest: str, version: int, frames: int) -> Checkpoint:
    if version == 1:
        tick_text, digest = rest.split(" ")
        return Checkpoint(_bounded(_int(tick_text), frames), _hash(digest))
    parts = rest.split(" ", 4)
    if len(parts) < 4:
        raise ValueError("a checkpoint needs ticks, loop, state hash and chain")
    state = None
    if len(parts) == 5:
        state = _json(parts[4])
        if not isinstance(state, dict):
            raise ValueError("a checkpoint's snapshot is not an object")
    loop = _int(parts[1])
    if loop < 0:
        raise ValueError("a negative loop")
    return Checkpoint(
        _bounded(_int(parts[0]), frames), _hash(parts[2]), loop, _hash(parts[3]), state
    )


def _json(text: str) -> object:
    """One record's JSON, through the hardened parser (bounded depth, sane numbers, valid text)."""
    return safe_read.loads_json(text, "record")


def _int(text: str) -> int:
    """A whole number field of a record: plain ASCII digits of sensible length."""
    value = safe_read.whole_number(text)
    if value is None:
        raise ValueError(f"{safe_read.safe_text(text[:40])!r} is not a whole number")
    return value


def _hash(text: str) -> str:
    if not 8 <= len(text) <= 128 or not _HEX.match(text):
        raise ValueError(f"{text[:40]!r} is not a hash")
    return text


def _bounded(ticks: int, frames: int) -> int:
    if not 0 <= ticks <= frames:
        raise ValueError(f"a record for tick {ticks} with {frames} ticks of input so far")
    return ticks


def _object(text: str) -> dict:
    data = _json(text)
    if not isinstance(data, dict):
        raise ValueError("the record is not an object")
    return data


def _whole(data: dict, key: str) -> int:
    value = data[key]
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{key!r} must be a whole number")
    return value


def _tick(data: dict, key: str, frames: int) -> int:
    return _bounded(_whole(data, key), frames)


def _text(data: dict, key: str) -> str:
    value = data[key]
    if not isinstance(value, str):
        raise ValueError(f"{key!r} must be text")
    return value


def _parse_header(text: str, version: int) -> dict:
    header = _json(text)
    if not isinstance(header, dict):
        raise ValueError("header is not an object")
    for key, kind in REQUIRED_HEADER.items():
        if not isinstance(header.get(key), kind) or isinstance(header.get(key), bool):
            raise ValueError(f"header field {key!r} missing or not a {kind.__name__}")
    if version >= 2:
        levels = header.get("levels", {})
        if not isinstance(levels, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in levels.items()
        ):
            raise ValueError("header field 'levels' must map level names to hashes")
        start_tick = header.get("start_tick", 0)
        if not isinstance(start_tick, int) or isinstance(start_tick, bool) or start_tick < 0:
            raise ValueError("header field 'start_tick' must be a whole number")
        memory = header.get("start_memory")
        if memory is not None:
            try:
                Memory.from_json(memory)
            except ValueError as exc:
                raise ValueError(f"header field 'start_memory': {exc}") from None
        assists = header.get("assists", 0)
        if not isinstance(assists, int) or isinstance(assists, bool) or assists < 0:
            raise ValueError("header field 'assists' must be a whole number")
        from game.sim.assists import Assists

        try:
            Assists(assists)
        except ValueError as exc:
            raise ValueError(f"header field 'assists': {exc}") from None
        for key in ("category", "practice"):
            if header.get(key) is not None and not isinstance(header[key], dict):
                raise ValueError(f"header field {key!r} must be an object")
    return header

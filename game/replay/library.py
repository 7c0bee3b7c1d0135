"""The player's replays: where they are kept, listing them for the replay screen, deleting them.

Owns `AYNIK_HOME/replays/` (every run is recorded there, named by when it began and its
category) and a cheap summary of each file for a list: the header and the end record are read
without re-simulating; a file cut short (a crash) is listed as such, an unreadable one with its
problem. Deleting only ever removes a replay file inside that folder (and its desync report).
Imports game.storage and the replay format; no pygame.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path

from game import safe_read, storage
from game.replay.format import SUFFIX, ReplayError, parse_replay

FOLDER = "replays"
HEAD_BYTES = 256 * 1024  # the header line of any replay fits
TAIL_BYTES = 64 * 1024


def replays_dir() -> Path:
    return storage.home() / FOLDER


def new_replay_path(label: str, when: datetime.datetime | None = None) -> Path:
    """A fresh file name in the replays folder: `2026-11-24_101500_any-seed0.aynrep`."""
    when = when or datetime.datetime.now()
    slug = re.sub(r"[^a-z0-9]+", "-", label.lower().replace("%", "")).strip("-") or "run"
    folder = replays_dir()
    folder.mkdir(parents=True, exist_ok=True)
    base = f"{when:%Y-%m-%d_%H%M%S}_{slug}"
    path = folder / f"{base}{SUFFIX}"
    number = 2
    while path.exists():
        path = folder / f"{base}-{number}{SUFFIX}"
        number += 1
    return path


@dataclass(frozen=True)
class ReplayInfo:
    path: Path
    name: str
    size: int
    modified: float  # seconds since the epoch
    level: str = ""
    seed: int | None = None
    category: str = ""
    official: bool = False
    practice: bool = False
    assisted: bool = False  # played with assists (the header's `assists`)
    game_version: str = ""
    created: str = ""
    ticks: int = 0
    igt_ticks: int | None = None
    loops: int | None = None
    completed: bool = False
    cut_short: bool = False  # no end record: the game stopped while recording
    problem: str = ""  # why the file cannot be read ("" when it can)


def list_replays(folder: Path | None = None) -> list[ReplayInfo]:
    """Every replay in the folder, newest first."""
    folder = folder or replays_dir()
    if not folder.is_dir():
        return []
    infos = [describe_replay(p) for p in folder.iterdir() if p.suffix == SUFFIX and p.is_file()]
    infos.sort(key=lambda i: (i.modified, i.name), reverse=True)
    return infos


def describe_replay(path: Path) -> ReplayInfo:
    """A replay's summary from its first lines and its last 64 KiB (no re-simulation)."""
    stat = path.stat()
    base = {"path": path, "name": path.name, "size": stat.st_size, "modified": stat.st_mtime}
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES)
            handle.seek(max(0, stat.st_size - TAIL_BYTES))
            tail = handle.read()
        first_lines = b"\n".join(head.split(b"\n", 2)[:2]).decode("utf-8")
        # The magic line and the header, checked as the reader checks them.
        header = parse_replay(first_lines + "\n", path).header
    except UnicodeDecodeError:
        return ReplayInfo(**base, problem="not a replay file (not UTF-8 text)")
    except ReplayError as exc:
        return ReplayInfo(**base, problem=exc.message)
    except OSError as exc:
        return ReplayInfo(**base, problem=f"cannot read: {exc.strerror or exc}")
    end, last_loop, last_split, last_digest = _scan_tail(tail)
    category = header.get("category") if isinstance(header.get("category"), dict) else {}
    loops = end.get("loops") if end else None
    if loops is None and last_loop:
        loops = last_loop.get("loop")
    igt = end.get("igt_ticks") if end else None
    ticks = end.get("ticks") if end else last_digest
    return ReplayInfo(
        **base,
        level=str(header.get("level", "")),
        seed=header.get("seed"),
        category=str(category.get("name", "")),
        official=bool(category.get("official", False)),
        practice=bool(header.get("practice")),
        assisted=bool(header.get("assists")),
        game_version=str(header.get("game_version", "")),
        created=str(header.get("created", "")),
        ticks=ticks if isinstance(ticks, int) else 0,
        igt_ticks=igt if isinstance(igt, int) else None,
        loops=loops if isinstance(loops, int) else None,
        completed=bool(end.get("completed", False)) if end else False,
        cut_short=end is None,
    )


def _scan_tail(tail: bytes) -> tuple[dict | None, dict | None, dict | None, int]:
    """The end record, the last loop and split records, and the last tick with a digest."""
    end = last_loop = last_split = None
    last_digest = 0
    lines = tail.decode("utf-8", errors="replace").split("\n")
    if not tail.endswith(b"\n"):
        lines = lines[:-1]  # a half-written last line
    for line in lines[1:]:  # the first may be cut by the 64 KiB window
        kind, _, rest = line.partition(" ")
        try:
            if kind == "E":
                end = safe_read.loads_json(rest)
            elif kind == "L":
                last_loop = safe_read.loads_json(rest)
            elif kind == "S":
                last_split = safe_read.loads_json(rest)
            elif kind == "D":
                first, *digests = rest.split()
                start = safe_read.whole_number(first, 1)
                if start is not None:
                    last_digest = start + len(digests) - 1
        except ValueError:
            continue
    if not isinstance(end, dict):
        end = None
    return end, last_loop if isinstance(last_loop, dict) else None, last_split, last_digest


def delete_replay(path: str | os.PathLike, folder: Path | None = None) -> None:
    """Delete one replay of the player's. Refuses (ValueError) anything outside the replays
    folder or not a replay file, so a bad path can never remove something else."""
    folder = (folder or replays_dir()).resolve()
    target = Path(path).resolve()
    if target.parent != folder or target.suffix != SUFFIX:
        raise ValueError(f"{path}: not a replay in {folder}")
    target.unlink(missing_ok=True)
    target.with_name(target.name + ".desync.json").unlink(missing_ok=True)

"""Hot reload: notice that a map, or a file it uses, was saved (by Tiled) while the game runs.

Owns `MapWatcher`: the size and modification time of each map given and of every file it uses
(tilesets, their images, templates, music), compared at each `poll()`. A poll costs a few `stat`
calls, cheap enough every ~15 frames. A change is reported once the files have stayed the same for
one more poll, so a save caught halfway (a tileset written before its map) is not reported early:
at 15 frames a poll, a save shows within about half a second. After a change the watcher finds the
map's files again, so a tileset added in Tiled is watched from then on.

Standard library and `game.level.safe` only: must not import pygame, pytmx or the simulation.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from game.level.errors import LevelError
from game.level.safe import vet_map

Signature = tuple[tuple[str, int, int], ...]


class MapWatcher:
    """Watch maps and the files they use; `poll()` is True once after each settled change."""

    def __init__(self, paths: Iterable[str | Path], settle_polls: int = 1) -> None:
        self.maps = [Path(os.path.abspath(p)) for p in paths]
        self.settle_polls = settle_polls
        self.files: list[Path] = []
        self.files = self._collect()
        self._seen = self._signature()
        self._pending: Signature | None = None
        self._stable = 0

    def _collect(self) -> list[Path]:
        """The maps and every file they use; a map that cannot be read right now (saved halfway,
        or broken) keeps the files it used before."""
        files: list[Path] = []
        for path in self.maps:
            files.append(path)
            if path.suffix.lower() == ".tmx":
                used = _files_used(path)
                files.extend(used if used is not None else self.files)
        return list(dict.fromkeys(files))

    def _signature(self) -> Signature:
        out = []
        for path in self.files:
            try:
                info = path.stat()
                out.append((str(path), info.st_mtime_ns, info.st_size))
            except OSError:
                out.append((str(path), -1, -1))  # missing for now (mid-save, or deleted)
        return tuple(out)

    def poll(self) -> bool:
        """True when a watched file changed and has since stayed unchanged for `settle_polls`
        polls; the change is then taken as seen."""
        now = self._signature()
        if now == self._seen:
            self._pending, self._stable = None, 0
            return False
        if now != self._pending:
            self._pending, self._stable = now, 0
        else:
            self._stable += 1
        if self._stable < self.settle_polls:
            return False
        self.files = self._collect()
        self._seen = self._signature()
        self._pending, self._stable = None, 0
        return True


def _files_used(map_path: Path) -> list[Path] | None:
    """Tilesets, images and templates (as the loader's pre-flight finds them) and the music file;
    None when the map cannot be vetted."""
    try:
        vetted = vet_map(map_path)
    except LevelError:
        return None
    files = list(vetted.dependencies)
    for prop in vetted.tree.findall("properties/property"):
        if prop.get("name") == "music" and prop.get("value"):
            files.append(Path(os.path.normpath(map_path.parent / prop.get("value", ""))))
    return files

"""Hot reload: saving a map, or any file it uses, is noticed once the save has settled."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from game.level.map_watcher import MapWatcher

MAPS = Path(__file__).parent / "data" / "maps"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name in ("templated.tmx", "collision.tmx", "tiny.tsx"):
        shutil.copy(MAPS / name, tmp_path)
    shutil.copytree(MAPS / "tiles", tmp_path / "tiles")
    shutil.copytree(MAPS / "templates", tmp_path / "templates")
    return tmp_path


def touch(path: Path, text: str | None = None) -> None:
    """Save a file as an editor would: new content, or at least a new modification time."""
    if text is not None:
        path.write_text(text)
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 10_000_000))


def polls(watcher: MapWatcher, count: int) -> list[bool]:
    return [watcher.poll() for _ in range(count)]


def test_it_watches_the_map_and_every_file_it_uses(folder: Path):
    watcher = MapWatcher([folder / "templated.tmx"])
    assert {p.name for p in watcher.files} == {
        "templated.tmx",
        "tiny.tsx",
        "tiny.png",
        "start.tx",
        "pack.tx",
        "crate.tx",
    }
    assert polls(watcher, 3) == [False, False, False]


@pytest.mark.parametrize(
    "changed", ["templated.tmx", "tiny.tsx", "tiles/tiny.png", "templates/pack.tx"]
)
def test_a_save_is_reported_once_after_it_settles(folder: Path, changed: str):
    watcher = MapWatcher([folder / "templated.tmx"])
    touch(folder / changed)
    assert polls(watcher, 4) == [False, True, False, False]


def test_without_settling_a_save_is_reported_at_the_next_poll(folder: Path):
    watcher = MapWatcher([folder / "collision.tmx"], settle_polls=0)
    touch(folder / "collision.tmx")
    assert polls(watcher, 2) == [True, False]


def test_a_save_still_being_written_waits(folder: Path):
    watcher = MapWatcher([folder / "collision.tmx"])
    touch(folder / "collision.tmx")
    assert watcher.poll() is False
    touch(folder / "collision.tmx")  # the next part of the save lands
    assert polls(watcher, 3) == [False, True, False]


def test_a_broken_save_is_reported_and_its_files_still_watched(folder: Path):
    watcher = MapWatcher([folder / "collision.tmx"])
    touch(folder / "collision.tmx", "<map")  # the loader will say what is wrong
    assert polls(watcher, 2) == [False, True]
    assert folder / "tiny.tsx" in watcher.files
    touch(folder / "tiny.tsx")
    assert polls(watcher, 2) == [False, True]


def test_a_file_the_map_starts_to_use_is_watched_from_then_on(folder: Path):
    (folder / "other.tsx").write_text(
        (folder / "tiny.tsx").read_text().replace('name="tiny"', 'name="other"')
    )
    watcher = MapWatcher([folder / "collision.tmx"])
    assert folder / "other.tsx" not in watcher.files
    text = (folder / "collision.tmx").read_text()
    text = text.replace(
        'source="tiny.tsx"/>', 'source="tiny.tsx"/>\n <tileset firstgid="5" source="other.tsx"/>'
    )
    touch(folder / "collision.tmx", text)
    assert polls(watcher, 2) == [False, True]
    assert folder / "other.tsx" in watcher.files
    touch(folder / "other.tsx")
    assert polls(watcher, 2) == [False, True]


def test_a_deleted_file_is_a_change(folder: Path):
    watcher = MapWatcher([folder / "collision.tmx"])
    (folder / "tiles" / "tiny.png").unlink()
    assert polls(watcher, 2) == [False, True]

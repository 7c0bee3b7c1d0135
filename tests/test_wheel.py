"""The wheel a player downloads: small, licensed, with the modding guide, without the generators.

Built from a clean copy of the source tree (a `build/` folder left in the checkout by an earlier
build would leak old files into the wheel), then opened as a zip, and run from where it is
unpacked: the installed game finds its art, sounds and levels inside its own package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_WHEEL_BYTES = 4_000_000
# What a clean copy leaves out: what tools and earlier builds put in the checkout.
NOT_COPIED = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
              ".ruff_cache", ".cache", "out", "tests")  # fmt: skip


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_COPIED))
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work), str(source)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return next(work.glob("aynik-*.whl"))


@pytest.fixture(scope="module")
def names(wheel: Path) -> set[str]:
    return set(zipfile.ZipFile(wheel).namelist())


def test_the_wheel_is_at_most_4_mb(wheel: Path) -> None:
    size = wheel.stat().st_size
    assert size <= MAX_WHEEL_BYTES, f"the wheel is {size:,} bytes, over {MAX_WHEEL_BYTES:,}"


def test_the_wheel_carries_the_license_and_the_modding_guide(names: set[str]) -> None:
    licenses = [n for n in names if ".dist-info/" in n and n.rsplit("/", 1)[-1] == "LICENSE"]
    assert licenses, "no LICENSE in the wheel's metadata"
    assert "game/docs/MODDING.md" in names


def test_the_wheel_has_no_generator_scripts(names: set[str]) -> None:
    scripts = sorted(n for n in names if n.startswith("game/assets/") and n.endswith(".py"))
    assert scripts == [], f"the asset generators ship: {scripts}"
    assert not [n for n in names if n.rsplit("/", 1)[-1].startswith("make_")]


def test_the_wheel_holds_the_levels_sprites_and_sounds(names: set[str]) -> None:
    for folder, prefix, suffixes in (
        (ROOT / "levels", "game/levels", {".tmx", ".tsx", ".png", ".ogg", ".tiled-project"}),
        (ROOT / "assets" / "sprites", "game/assets/sprites", {".png", ".json"}),
        (ROOT / "assets" / "sounds", "game/assets/sounds", {".ogg", ".wav"}),
        (ROOT / "assets" / "music", "game/assets/music", {".ogg"}),
    ):
        shipped = [p for p in folder.rglob("*") if p.suffix in suffixes]
        assert shipped, f"nothing found in {folder}"
        for path in shipped:
            name = f"{prefix}/{path.relative_to(folder).as_posix()}"
            assert name in names, f"{name} is missing from the wheel"


def test_the_unpacked_wheel_finds_its_own_files(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = (
        "from game.render.assets import assets_dir; from game.level.campaign import campaign_dir;"
        "from game.mod_assets import campaign_sheets, campaign_sounds;"
        "print(assets_dir()); print(campaign_dir());"
        "print(len(campaign_sheets()), len(campaign_sounds()))"
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assets, levels, counts = done.stdout.split("\n")[:3]
    assert Path(assets) == target / "game" / "assets"
    assert Path(levels) == target / "game" / "levels"
    sheets = len(list((ROOT / "assets" / "sprites").glob("*.json")))
    sounds = len(list((ROOT / "assets" / "sounds").glob("*.ogg")))
    assert counts.split() == [str(sheets), str(sounds)]

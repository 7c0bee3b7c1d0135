"""`pip install .` gives a whole game: every package, every asset and level inside the wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_holds_every_package_asset_and_level(tmp_path):
    # Built from a copy of the tree as a clean clone has it: a checkout's build/ keeps modules
    # that were moved away, and the wheel would carry them.
    source = tmp_path / "source"
    skipped = shutil.ignore_patterns(".git", ".venv", "build", "dist", "__pycache__", "*.egg-info")
    shutil.copytree(ROOT, source, ignore=skipped)
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(source)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert out.returncode == 0, out.stderr
    wheel = next(tmp_path.glob("aynik-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    # Every folder of game code is a package in the wheel.
    for init in (ROOT / "game").rglob("*.py"):
        rel = init.relative_to(ROOT).as_posix()
        if "__pycache__" not in rel:
            assert rel in names, f"{rel} is missing from the wheel"
    # Every shipped asset and level, under game/assets and game/levels.
    for folder, prefix in ((ROOT / "assets", "game/assets"), (ROOT / "levels", "game/levels")):
        for path in folder.rglob("*"):
            if path.suffix in {".png", ".json", ".wav", ".ogg", ".tmx", ".tsx", ".tiled-project"}:
                rel = f"{prefix}/{path.relative_to(folder).as_posix()}"
                assert rel in names, f"{rel} is missing from the wheel"
    assert any(n.endswith("entry_points.txt") for n in names)
    # The benchmarks are the source tree's tools: a player's install carries none of them.
    assert not [n for n in names if n.startswith("bench/") or "/bench" in n], "a bench shipped"

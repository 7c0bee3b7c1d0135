"""`make dist`'s standalone game: built from packaging/aynik.spec, it starts with no Python and
nothing else in its environment, from any folder, and draws the title screen.

Runs when PyInstaller is installed: the test extra installs it (`make test`, CI), so every run
of the suite builds the game as a player downloads it; skipped where it is absent.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    pytest.importorskip("PyInstaller")
    work = tmp_path_factory.mktemp("dist")
    env = dict(os.environ, PYINSTALLER_CONFIG_DIR=str(work / "config"))  # its cache, not ~/.cache
    done = subprocess.run(
        [
            sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
            "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
            str(ROOT / "packaging" / "aynik.spec"),
        ],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    executable = work / "dist" / "aynik" / "aynik"
    if sys.platform == "win32":
        executable = executable.with_suffix(".exe")
    assert executable.is_file()
    return executable


def _bare_env(home: Path) -> dict[str, str]:
    """Nothing but the game's folder and the headless drivers: no PATH, no PYTHONPATH, no HOME."""
    env = {"AYNIK_HOME": str(home), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    if sys.platform == "win32":
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", r"C:\Windows")
    return env


def test_the_standalone_game_draws_the_title_from_any_folder(built, tmp_path):
    elsewhere = tmp_path / "somewhere else"
    elsewhere.mkdir()
    shot = tmp_path / "title.png"
    done = subprocess.run(
        [str(built), "play", "--frames", "30", "--screenshot", str(shot)],
        cwd=elsewhere, env=_bare_env(tmp_path / "home"), capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert shot.is_file()
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    picture = pygame.image.load(str(shot))
    assert picture.get_size() == (1280, 720)
    # The title's backdrop, logo and menu: many colours, not one flat fill.
    colours = {picture.get_at((x, y))[:3] for x in range(0, 1280, 16) for y in range(0, 720, 16)}
    assert len(colours) > 200
    assert not list(elsewhere.iterdir()), "the game wrote into the folder it was started from"


def test_the_standalone_game_knows_its_version(built, tmp_path):
    done = subprocess.run(
        [str(built), "--version"], cwd=tmp_path, env=_bare_env(tmp_path / "home"),
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[project]", 1)[1]
    version = re.search(r'^version\s*=\s*"([^"]+)"', project, re.MULTILINE).group(1)
    assert done.stdout.strip() == f"aynik {version}"

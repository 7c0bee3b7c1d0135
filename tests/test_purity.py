"""The simulation is pure: no pygame, no clocks, no global randomness, no OS access."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pygame

SIM = Path(__file__).resolve().parent.parent / "game" / "sim"
FORBIDDEN = {"pygame", "time", "random", "os", "datetime", "uuid", "secrets", "threading"}


def test_pygame_is_the_community_edition():
    assert getattr(pygame, "IS_CE", False), "classic pygame replaced pygame-ce"


def test_sim_modules_import_nothing_impure():
    offenders = []
    for path in sorted(SIM.glob("*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module.split(".")[0]]
            offenders += [f"{path.name}: {n}" for n in names if n in FORBIDDEN]
    assert offenders == []


def test_importing_the_sim_loads_no_pygame():
    code = "import sys, game.sim.world, game.sim.loop; print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_headless_run_loads_maps_without_pygame_and_the_game_still_can():
    """`aynik verify` and `aynik sim` read maps through pytmx, which would import pygame for an
    image loader nothing uses: they never load it, and a pygame imported after still works."""
    code = (
        "import sys, game.cli.headless\n"
        "from game.level.campaign import resolve_level\n"
        "from game.level.loader import load_level\n"
        "load_level(resolve_level('beachhead'))\n"
        "print('pygame' in sys.modules)\n"
        "import pygame\n"
        "print(bool(pygame.IS_CE), load_level(resolve_level('dam')).width > 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "True"]
    assert out.stderr == ""  # (pytmx says nothing of the pygame it did not find)

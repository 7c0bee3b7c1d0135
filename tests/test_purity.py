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

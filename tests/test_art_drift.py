"""The committed art is what the generator draws: no sheet has drifted from its source.

Builds a representative sheet of every family of assets/art/ in memory and holds it to the
committed files: the same bytes, or (where another zlib encodes the same image differently) the
same pixels; JSON and .tsx byte for byte. A mismatch names the file and the command that rebuilds
it. Set ART_DRIFT_ALL=1 to check every sheet (about five seconds).
"""

from __future__ import annotations

import ast
import io
import os
import sys
from pathlib import Path

import pygame
import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assets.art import sheets  # noqa: E402
from assets.art.__main__ import main as art_main  # noqa: E402

# One or two cheap sheets per family module (tiles, soldiers, mimics, fx, scenes), chosen to touch
# the shared code paths: the sand burst draws with the mimics' mound code, the spitter with the
# jointed-kind code, the drone with the tentacled one.
REPRESENTATIVE = [
    "beach",
    "cage",
    "rita",
    "drone",
    "spitter",
    "mite",
    "fx_acid",
    "fx_sandburst",
    "pickups",
    "cursor",
    "ending_rita",
]
CHECKED = list(sheets.SHEETS) if os.environ.get("ART_DRIFT_ALL") else REPRESENTATIVE


def pixels(data: bytes) -> tuple[tuple[int, int], bytes]:
    image = pygame.image.load(io.BytesIO(data), "x.png")
    return image.get_size(), pygame.image.tobytes(image, "RGBA")


@pytest.mark.parametrize("name", CHECKED)
def test_committed_art_is_what_the_code_draws(name):
    rebuild = f"python -m assets.art {name}"
    for rel, drawn in sheets.build(name).items():
        path = ROOT / rel
        assert path.exists(), f"{rel} is missing: rebuild it with `{rebuild}`"
        committed = path.read_bytes()
        if committed == drawn:
            continue
        message = f"{rel} differs from what the code draws: rebuild it with `{rebuild}`"
        assert rel.endswith(".png"), message
        # Another libpng/zlib may compress the same image differently: the pixels must agree.
        assert pixels(committed) == pixels(drawn), message


def test_every_committed_sheet_has_a_builder():
    """Nothing under assets/sprites/ is orphaned, and every name's files are committed."""
    declared = {rel for sheet in sheets.SHEETS.values() for rel in sheet.files}
    committed = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "assets" / "sprites").iterdir()
        if p.suffix in (".png", ".json")
    }
    assert committed <= declared, f"no builder for {sorted(committed - declared)}"
    missing = sorted(rel for rel in declared if not (ROOT / rel).exists())
    assert not missing, f"not committed: {missing} (run `python -m assets.art`)"


def test_unknown_name_fails_with_a_suggestion(capsys):
    assert art_main(["dron"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "'drone'" in err


def test_list_names_every_sheet(capsys):
    assert art_main(["--list"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == list(sheets.SHEETS)


# Which of the package's modules each family may import (its docstring says the same).
LAYERS = {
    "palette": set(),
    "shapes": {"palette"},
    "output": {"palette"},
    "tiles": {"palette", "shapes", "output"},
    "soldiers": {"palette", "shapes", "output"},
    "mimics": {"palette", "shapes", "output"},
    "fx": {"palette", "shapes", "output", "mimics"},
    "scenes": {"palette", "shapes", "output", "soldiers", "mimics"},
}


@pytest.mark.parametrize("module", sorted(LAYERS))
def test_families_import_only_the_layers_below(module):
    tree = ast.parse((ROOT / "assets" / "art" / f"{module}.py").read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"assets/art/{module}.py says what it owns"
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            # The art builds where only the test extra is installed: pygame, never numpy.
            assert not {a.name.split(".")[0] for a in node.names} & {"numpy", "game"}
    assert imported <= LAYERS[module], f"{module} imports {sorted(imported - LAYERS[module])}"

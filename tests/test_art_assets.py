"""The generated art is consistent with its metadata: every sheet's image matches the frame grid its
JSON declares, the tileset has its fixed size, and no character frame is left empty."""

from __future__ import annotations

import json
import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SPRITES = ROOT / "assets" / "sprites"
SHEETS = [
    "cage",
    "rita",
    "drone",
    "alpha",
    "omega",
    "fx_muzzle",
    "fx_spark",
    "fx_ichor",
    "fx_explosion",
    "fx_dust",
    "fx_sandburst",
    "pickups",
    "cursor",
]
CHARACTERS = ["cage", "rita", "drone", "alpha", "omega"]


def load_sheet(name: str) -> tuple[pygame.Surface, dict]:
    meta = json.loads((SPRITES / f"{name}.json").read_text(encoding="utf-8"))
    return pygame.image.load(str(SPRITES / f"{name}.png")), meta


@pytest.mark.parametrize("name", SHEETS)
def test_sheet_matches_its_json(name):
    image, meta = load_sheet(name)
    w, h = meta["frame"]
    anims = meta["animations"]
    assert anims, "a sheet declares at least one animation"
    rows = {a["row"] for a in anims.values()}
    assert rows == set(range(len(anims))), "one row per animation, no gaps"
    most = max(a["frames"] for a in anims.values())
    assert image.get_size() == (most * w, len(anims) * h)
    for anim in anims.values():
        assert anim["frames"] >= 1
        assert anim["ticks_per_frame"] >= 1
        assert isinstance(anim["loop"], bool)
        assert (anim["row"] + 1) * h <= image.get_height()
        assert anim["frames"] * w <= image.get_width()


def test_fx_sheets_have_a_single_play_animation():
    for name in SHEETS:
        if name.startswith("fx_"):
            _, meta = load_sheet(name)
            assert list(meta["animations"]) == ["play"]
            assert meta["animations"]["play"]["row"] == 0
            assert meta["animations"]["play"]["loop"] is False


@pytest.mark.parametrize("name", CHARACTERS)
def test_no_character_frame_is_empty(name):
    image, meta = load_sheet(name)
    w, h = meta["frame"]
    for anim_name, anim in meta["animations"].items():
        for col in range(anim["frames"]):
            frame = image.subsurface((col * w, anim["row"] * h, w, h))
            visible = pygame.mask.from_surface(frame, 8).count()
            assert visible > 0, f"{name}/{anim_name} frame {col} is fully transparent"


def test_tileset_and_title_sizes():
    tiles = pygame.image.load(str(ROOT / "levels" / "tiles" / "beach.png"))
    assert tiles.get_size() == (512, 128)
    title = pygame.image.load(str(SPRITES / "title.png"))
    assert title.get_size() == (1280, 720)

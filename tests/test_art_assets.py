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
    "spitter",
    "burrower",
    "carapace",
    "mite",
    "hulk",
    "brood",
    "omega",
    "fx_muzzle",
    "fx_spark",
    "fx_ichor",
    "fx_explosion",
    "fx_dust",
    "fx_sandburst",
    "fx_shockwave",
    "fx_spit",
    "fx_acid",
    "fx_deflect",
    "pickups",
    "cursor",
]
MIMIC_KINDS = ["drone", "alpha", "spitter", "burrower", "carapace", "mite", "hulk", "brood"]
CHARACTERS = ["cage", "rita", *MIMIC_KINDS, "omega"]
# Full-screen stills: drawn at 320x180 and scaled x4, like the title.
SCENES = ["title", "vision", "ending", "ending_rita", "bad_ending"]


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


@pytest.mark.parametrize("name", MIMIC_KINDS[1:])
def test_mimic_kinds_have_the_drones_rows(name):
    """The renderer picks a Mimic's row by its state, whatever its kind: every kind's sheet has the
    drone's animations, in the drone's rows, with square frames (they turn to face the heading)."""
    _, drone = load_sheet("drone")
    _, meta = load_sheet(name)
    w, h = meta["frame"]
    assert w == h
    rows = {anim: spec["row"] for anim, spec in meta["animations"].items()}
    assert rows == {anim: spec["row"] for anim, spec in drone["animations"].items()}
    for anim, spec in meta["animations"].items():
        assert spec["loop"] == drone["animations"][anim]["loop"], anim


@pytest.mark.parametrize("name", CHARACTERS)
def test_no_character_frame_is_empty(name):
    image, meta = load_sheet(name)
    w, h = meta["frame"]
    for anim_name, anim in meta["animations"].items():
        for col in range(anim["frames"]):
            frame = image.subsurface((col * w, anim["row"] * h, w, h))
            visible = pygame.mask.from_surface(frame, 8).count()
            assert visible > 0, f"{name}/{anim_name} frame {col} is fully transparent"


def test_tileset_size():
    tiles = pygame.image.load(str(ROOT / "levels" / "tiles" / "beach.png"))
    assert tiles.get_size() == (512, 128)


@pytest.mark.parametrize("name", SCENES)
def test_scene_is_a_full_screen_picture(name):
    image = pygame.image.load(str(SPRITES / f"{name}.png"))
    assert image.get_size() == (1280, 720)
    # Drawn at 320x180 and scaled x4: every 4x4 block is one art pixel.
    for x, y in ((0, 0), (641, 362), (1279, 719), (333, 501)):
        bx, by = x - x % 4, y - y % 4
        assert image.get_at((x, y)) == image.get_at((bx, by))
    # Not blank: a real picture has many colours and some light and some dark in it.
    small = pygame.transform.scale(image, (320, 180))
    colours = {small.get_at((x, y))[:3] for y in range(0, 180, 3) for x in range(0, 320, 3)}
    assert len(colours) > 40, f"{name} looks flat ({len(colours)} colours)"
    lum = [sum(c) / 3 for c in colours]
    assert max(lum) - min(lum) > 80, f"{name} has no contrast"


def test_shockwave_expands():
    image, meta = load_sheet("fx_shockwave")
    w, h = meta["frame"]
    assert (w, h) == (128, 128)
    assert meta["animations"]["play"]["frames"] == 8

    def reach(col: int) -> int:
        """How far from the centre the frame's visible pixels go."""
        frame = image.subsurface((col * w, 0, w, h))
        mask = pygame.mask.from_surface(frame, 8)
        return max(
            (abs(x - w // 2) for y in range(0, h, 2) for x in range(w) if mask.get_at((x, y))),
            default=0,
        )

    reaches = [reach(col) for col in range(8)]
    assert all(r > 0 for r in reaches), "a frame is empty"
    assert reaches == sorted(reaches), f"the ring should only grow: {reaches}"
    assert reaches[-1] > reaches[0] * 2

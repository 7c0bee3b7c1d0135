"""The campaign's sound effects are present and safe to play.

Checks the effect WAVs written by assets/make_sounds.py: their format, that each file has
something in it, never clips, starts and ends at rest (no click when it is triggered or cut), and
that effects stay short enough to fire often. The music (Ogg Vorbis) is checked in test_audio.py.
"""

from __future__ import annotations

import sys
import wave
from array import array
from pathlib import Path
from typing import Any

import pytest

ASSETS = Path(__file__).resolve().parent.parent / "assets"

EFFECTS = [
    "shot",
    "shot_b",
    "shot_c",
    "dry_fire",
    "reload_start",
    "reload_done",
    "hit_mimic",
    "hit_wall",
    "mimic_die",
    "mimic_emerge",
    "mimic_windup",
    "mimic_lunge",
    "cage_hurt",
    "cage_die",
    "dash",
    "explosion",
    "footstep_sand",
    "footstep_sand_b",
    "footstep_dirt",
    "footstep_dirt_b",
    "footstep_concrete",
    "footstep_concrete_b",
    "footstep_metal",
    "footstep_metal_b",
    "footstep_wood",
    "footstep_wood_b",
    "footstep_water",
    "footstep_water_b",
    "ui_move",
    "ui_select",
    "ui_back",
    "knowledge",
    "loop_reset",
    "alpha_roar",
    "omega_pulse",
    "charge_arm",
    "charge_beep",
    "omega_death",
    "gate_locked",
    "gate_open",
    "pickup",
    "blade",
    "grenade_throw",
    "rita_shot",
    "spitter_spit",
    "acid_splash",
    "burrower_tunnel",
    "burrower_erupt",
    "carapace_deflect",
    "carapace_charge",
    "mite_swarm",
    "hulk_roar",
    "hulk_slam",
    "brood_screech",
    "brood_birth",
]
RATE = 22050
EFFECT_MAX_SECONDS = 2.5
# The Omega's death is the campaign's one set piece; it may run longer than an effect fired often.
LONG_EFFECTS = {"omega_death": 3.1}
AUDIBLE = 3000  # some sample must reach past this, or the file is as good as silent
AT_REST = 2000  # the first and last samples must stay within this, or playback clicks
FULL_SCALE = 32767

ALL_FILES = [ASSETS / "sounds" / f"{name}.wav" for name in EFFECTS]


def read(path: Path) -> tuple[Any, array]:
    with wave.open(str(path), "rb") as w:
        params = w.getparams()
        data = array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        data.byteswap()  # WAV samples are little-endian
    return params, data


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_format_is_mono_16_bit_22050(path: Path) -> None:
    assert path.is_file(), f"missing {path}"
    params, _ = read(path)
    assert params.nchannels == 1
    assert params.sampwidth == 2
    assert params.framerate == RATE


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_audible_and_never_clipping(path: Path) -> None:
    _, data = read(path)
    assert max(map(abs, data)) > AUDIBLE, "effectively silent"
    run = 0
    for v in data:
        run = run + 1 if v >= FULL_SCALE or v <= -FULL_SCALE else 0
        assert run < 3, "clipped: three or more samples in a row at full scale"


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_starts_and_ends_at_rest(path: Path) -> None:
    _, data = read(path)
    assert max(map(abs, data[:10])) <= AT_REST, "clicks on start"
    assert max(map(abs, data[-10:])) <= AT_REST, "clicks on end (or at the loop point)"


@pytest.mark.parametrize("name", EFFECTS)
def test_effect_is_short(name: str) -> None:
    params, _ = read(ASSETS / "sounds" / f"{name}.wav")
    assert params.nframes / RATE < LONG_EFFECTS.get(name, EFFECT_MAX_SECONDS)

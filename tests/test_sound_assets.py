"""The campaign's sound effects and music loops are present and safe to play.

Checks the WAVs written by assets/make_sounds.py: the format the mixer is opened with, that each
file has something in it, never clips, starts and ends at rest (no click when it is triggered or
cut), and that effects stay short enough to fire often.
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
LOOPS = ["beach", "title", "dam", "chamber"]  # music that loops while a level or menu lasts
STINGS = {"ending": (30.0, 40.5), "vision": (5.0, 12.0)}  # played once: (shortest, longest) s
MUSIC = LOOPS + list(STINGS)

RATE = 22050
EFFECT_MAX_SECONDS = 2.5
# The Omega's death is the campaign's one set piece; it may run longer than an effect fired often.
LONG_EFFECTS = {"omega_death": 3.1}
MUSIC_MAX_BYTES = 1_800_000
AUDIBLE = 3000  # some sample must reach past this, or the file is as good as silent
AT_REST = 2000  # the first and last samples must stay within this, or playback clicks
FULL_SCALE = 32767

ALL_FILES = [ASSETS / "sounds" / f"{name}.wav" for name in EFFECTS] + [
    ASSETS / "music" / f"{name}.wav" for name in MUSIC
]


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


@pytest.mark.parametrize("name", LOOPS)
def test_music_is_a_loop_of_sensible_length(name: str) -> None:
    params, _ = read(ASSETS / "music" / f"{name}.wav")
    assert 16.0 <= params.nframes / RATE <= 40.0


@pytest.mark.parametrize("name", list(STINGS))
def test_stings_have_their_length_and_end_in_silence(name: str) -> None:
    params, data = read(ASSETS / "music" / f"{name}.wav")
    shortest, longest = STINGS[name]
    assert shortest <= params.nframes / RATE <= longest
    # Played once, they must die away rather than stop: the last tenth of a second is near-silent.
    assert max(map(abs, data[-RATE // 10 :])) < 400, "ends abruptly instead of fading out"


@pytest.mark.parametrize("name", MUSIC)
def test_music_files_stay_small(name: str) -> None:
    assert (ASSETS / "music" / f"{name}.wav").stat().st_size <= MUSIC_MAX_BYTES

"""The committed sounds are what assets/make_sounds.py renders: no effect has drifted from its code.

Ogg Vorbis bytes depend on the encoder's version, so the check is on each sound as rendered,
before resampling and encoding, against the fingerprint make_sounds.py recorded when it wrote the
file (assets/sound_digests.txt: the SHA-256 of the 16-bit PCM, and the RMS of 16 runs of it). The
effects synthesize with the standard library alone, so this runs without numpy; a hash that
differs while every RMS agrees is another platform's floating-point noise, not a change. The
music needs numpy to render: one stinger is checked when numpy is installed. Set
SOUND_DRIFT_ALL=1 to check every effect (a few seconds).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ASSETS = Path(__file__).resolve().parent.parent / "assets"
if str(ASSETS) not in sys.path:
    sys.path.insert(0, str(ASSETS))

import make_sounds as ms  # noqa: E402

# Cheap effects that between them use every family of the synth: noise bursts and filters
# (shots, steps on each surface), modal rings (metal), FM bells (UI, pickup), screeches and
# bubbles (the Mimics), the reverb (the loop reset).
REPRESENTATIVE = [
    "shot",
    "dry_fire",
    "reload_done",
    "hit_mimic",
    "hit_wall",
    "mimic_lunge",
    "cage_hurt",
    "dash",
    "footstep_sand",
    "footstep_metal",
    "footstep_water",
    "footstep_wood_b",
    "ui_move",
    "ui_select",
    "charge_beep",
    "pickup",
    "blade",
    "rita_shot",
    "spitter_spit",
    "mite_swarm",
    "loop_reset",
]
CHECKED = list(ms.EFFECTS) if os.environ.get("SOUND_DRIFT_ALL") else REPRESENTATIVE
RMS_TOLERANCE = 1e-5
DIGESTS = ms.read_digests()


def assert_same_sound(name: str, rendered: str) -> None:
    rebuild = f"python assets/make_sounds.py {name}"
    assert name in DIGESTS, f"{name} has no recorded fingerprint: run `{rebuild}`"
    recorded = DIGESTS[name]
    if rendered == recorded:
        return
    n0, sha0, rms0 = recorded.split("\t")
    n1, sha1, rms1 = rendered.split("\t")
    message = f"{name} no longer renders as its committed file was made: run `{rebuild}`"
    assert n0 == n1, f"{message} (length {n1} samples, was {n0})"
    drift = max(abs(float(a) - float(b)) for a, b in zip(rms0.split(), rms1.split(), strict=True))
    assert drift <= RMS_TOLERANCE, f"{message} (loudness moved by up to {drift:.6f})"


@pytest.mark.parametrize("name", CHECKED)
def test_effect_renders_as_committed(name):
    assert_same_sound(name, ms.pcm_digest(ms.finish_effect(ms.EFFECTS[name]())))


def test_every_sound_has_a_fingerprint_and_a_file():
    names = ms.digest_names()
    assert set(DIGESTS) <= names, f"fingerprints of sounds no longer made: {set(DIGESTS) - names}"
    missing = sorted(set(ms.EFFECTS) - set(DIGESTS))
    assert not missing, f"no fingerprint for {missing}: run `python assets/make_sounds.py effects`"
    for name in ms.EFFECTS:
        assert (ASSETS / "sounds" / f"{name}.ogg").is_file(), f"sounds/{name}.ogg is missing"


def test_a_stinger_renders_as_committed():
    pytest.importorskip("numpy")
    name = "sting_learn_d"
    assert_same_sound(name, ms.pcm_digest(ms.music_files()[name]()))

"""The campaign's sound effects are present and safe to play.

Checks the effects written by assets/make_sounds.py: their format (mono Ogg Vorbis at the mixer's
rate, so they load as they are), that each file has something in it, never clips, starts and ends
at rest (no click when it is triggered or cut), and that effects stay short enough to fire often.
The samples are the ones pygame-ce decodes, as the game plays them. The music is checked in
test_audio.py.
"""

from __future__ import annotations

import sys
from array import array
from pathlib import Path

import pygame
import pytest

from game.mod_assets import ogg_info
from game.sounds import effect_names

ASSETS = Path(__file__).resolve().parent.parent / "assets"

# Every effect the game has, as the game lists them (game.sounds, read from the folder); that
# every effect the generator makes has its file is the sound drift test's to say.
EFFECTS = list(effect_names())
RATE = 44100  # the mixer's (game/audio.py)
EFFECT_MAX_SECONDS = 2.5
# The Omega's death is the campaign's one set piece; it may run longer than an effect fired often.
LONG_EFFECTS = {"omega_death": 3.1}
AUDIBLE = 3000  # some sample must reach past this, or the file is as good as silent
AT_REST = 2000  # the first and last samples must stay within this, or playback clicks
FULL_SCALE = 32767

ALL_FILES = [ASSETS / "sounds" / f"{name}.ogg" for name in EFFECTS]


@pytest.fixture(scope="module", autouse=True)
def mixer():
    """The mixer as the game opens it (SDL's dummy device in the tests)."""
    started = not pygame.mixer.get_init()
    if started:
        pygame.mixer.init(frequency=RATE, size=-16, channels=2, buffer=512)
    if pygame.mixer.get_init() != (RATE, -16, 2):
        pytest.skip(f"the mixer is open as {pygame.mixer.get_init()}, not 44.1 kHz 16-bit stereo")
    yield
    if started:
        pygame.mixer.quit()


def read(path: Path) -> tuple[tuple[int, int, int], array]:
    """(rate, channels, frames) from the file's header, and the samples pygame-ce decodes (the
    mixer is stereo: one side of a mono file is the file)."""
    raw = array("h", pygame.mixer.Sound(path).get_raw())
    if sys.byteorder == "big":
        raw.byteswap()
    return ogg_info(path.read_bytes()), raw[0::2]


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_format_is_mono_ogg_vorbis_at_the_mixer_rate(path: Path) -> None:
    assert path.is_file(), f"missing {path}"
    (rate, channels, frames), data = read(path)
    assert (rate, channels) == (RATE, 1)
    assert len(data) == frames, "the mixer resampled it: it loads as it is, at the mixer's rate"


def test_no_old_effects_are_left_behind() -> None:
    assert not list((ASSETS / "sounds").glob("*.wav")), "the effects are Ogg Vorbis now"


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
    rate, _, frames = ogg_info((ASSETS / "sounds" / f"{name}.ogg").read_bytes())
    assert frames / rate < LONG_EFFECTS.get(name, EFFECT_MAX_SECONDS)

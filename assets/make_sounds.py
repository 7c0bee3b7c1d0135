"""Synthesizes the campaign's sounds and music from nothing but arithmetic.

Owns every file under assets/sounds/ (the effects), assets/music/ (the game's own score, the
tracks and the stingers) and levels/music/ (the scores the campaign's maps name in their `music`
property, as a mod's maps name theirs). The game never imports this module; it only loads what
it writes, exactly as it would load a mod's recorded sounds, and needs nothing of what this script
needs.

- Effects: synthesized at 22050 Hz, the rate they were designed and tuned by ear at, with the
  standard library alone from noise, oscillators, filters and a small reverb. Signals are plain
  lists of floats in [-1, 1]; the hot paths lean on list comprehensions, `map` and slice
  assignment (which run in C). Each is then resampled (band-limited, by FFT) to the mixer's
  44100 Hz, so the game loads it as it is, and written as mono Ogg Vorbis.
- Music: rendered with numpy at 44100 Hz in stereo. A level's score is three stems, calm,
  combat and alpha, of one length, in one key and tempo, bar for bar, which the game crossfades
  as the hunt grows; every loop is built circularly, so its seam is seamless. Stingers come in
  the two keys of the scores (D and C). What ships is smaller than what is rendered: a score
  keeps some of its sections (`SCORE_SECTIONS`, spliced on bar lines), the combat stems are mono
  (their drums and bass sit in the middle anyway), and every file is 22050 Hz Ogg Vorbis at
  about the encoder's lowest quality, which keeps the game's download small.

Run from the repository root:

    .venv/bin/pip install -e '.[assets]'               # numpy and soundfile
    .venv/bin/python assets/make_sounds.py             # everything, about four minutes
    .venv/bin/python assets/make_sounds.py effects     # or: music, or file stems (beach, ui_move)

Whatever a run renders, it also fingerprints in assets/sound_digests.txt (see pcm_digest), which
tests/test_sound_drift.py holds the code to; rerun the named sound when that test fails.

Each loop is checked as it is written: decoded again, its seam (and every splice) may jump no
further than the music itself steps, or the script stops.

Every random choice has a fixed seed, so a run writes the same files again, byte for byte with
the same numpy and soundfile wheels (the serial number libsndfile draws at random for each Ogg
stream is fixed here by the file's name). Another libvorbis or libsndfile version encodes the
same sounds to other bytes, which sound the same.
"""

from __future__ import annotations

import hashlib
import io
import math
import random
import sys
import time
import zlib
from array import array
from collections.abc import Callable
from functools import cache
from itertools import accumulate, pairwise
from operator import add, mul, sub
from pathlib import Path

try:  # the effects synthesize without numpy; the music and the encoding need it
    import numpy as np
except ImportError:
    np = None
try:  # the assets extra: the encoding to Ogg Vorbis
    import soundfile
except ImportError:
    soundfile = None

SR = 22050
TAU = 2.0 * math.pi
HERE = Path(__file__).resolve().parent
SOUNDS_DIR = HERE / "sounds"
MUSIC_DIR = HERE / "music"
# The maps' own scores live with the maps, named by each map's `music` property (levels/music/).
MAP_MUSIC_DIR = HERE.parent / "levels" / "music"
MAP_SCORES = ("beach", "dam")
# A fingerprint of every sound as rendered, before resampling and encoding (see pcm_digest).
DIGESTS = HERE / "sound_digests.txt"

EFFECT_PEAK_DB = -1.0  # effects are normalized hot; the game sets each one's volume
MUSIC_PEAK_DB = -6.0  # music sits under the effects
EFFECT_RATE = 44100  # the mixer's rate (game/audio.py): an effect loads without resampling
# libsndfile's scale, 0 best .. 1 smallest: Vorbis quality 0.3, clean on sharp attacks.
EFFECT_VORBIS_LEVEL = 0.7

Signal = list  # a list of float samples at SR


# --- Buffers --------------------------------------------------------------------------------


def samples(seconds: float) -> int:
    return int(round(seconds * SR))


def silence(n: int) -> Signal:
    return [0.0] * n


def mix_into(dst: Signal, src: Signal, at: int = 0, gain: float = 1.0) -> Signal:
    """Add src into dst starting at sample `at` (clipped to dst's length)."""
    if at < 0:
        src, at = src[-at:], 0
    end = min(len(dst), at + len(src))
    if end <= at:
        return dst
    part = src[: end - at]
    if gain != 1.0:
        part = [v * gain for v in part]
    dst[at:end] = map(add, dst[at:end], part)
    return dst


def layer(n: int, *parts: tuple) -> Signal:
    """Sum (signal, gain) or (signal, gain, start_seconds) parts into a fresh n-sample buffer."""
    out = silence(n)
    for part in parts:
        signal, level = part[0], part[1]
        start = samples(part[2]) if len(part) > 2 else 0
        mix_into(out, signal, start, level)
    return out


def times(a: Signal, b: Signal) -> Signal:
    return list(map(mul, a, b))


def scaled(x: Signal, g: float) -> Signal:
    return [v * g for v in x]


def drive(x: Signal, amount: float) -> Signal:
    """tanh saturation: adds harmonics so low bodies read on small speakers, and rounds peaks."""
    t = math.tanh
    return [t(amount * v) for v in x]


def crush(x: Signal, hold: int) -> Signal:
    """Sample-and-hold decimation: the gritty, electric edge of a cheap converter."""
    out = x[:]
    for s in range(0, len(x), hold):
        out[s : s + hold] = [x[s]] * len(out[s : s + hold])
    return out


def reverse(x: Signal) -> Signal:
    return x[::-1]


# --- Envelopes and contours -----------------------------------------------------------------


def decay(n: int, tau: float, attack: float = 0.001, start: float = 0.0) -> Signal:
    """Linear attack, then exponential decay with time constant tau (seconds).

    The last 5 ms ramp to zero, so a hit cut shorter than its decay still ends without a click.
    """
    s, a = samples(start), max(1, samples(attack))
    k, e = -1.0 / (tau * SR), math.exp
    env = [0.0] * s + [i / a for i in range(a)] + [e(k * i) for i in range(max(0, n - s - a))]
    env = env[:n]
    r = min(samples(0.005), n - s - a)
    if r > 0:
        env[n - r :] = [v * (r - 1 - i) / r for i, v in enumerate(env[n - r :])]
    return env


def lines(n: int, points: list[tuple[float, float]]) -> Signal:
    """Piecewise-linear contour through (seconds, value) points; holds the end values."""
    out = [points[0][1]] * samples(points[0][0])
    for (t0, v0), (t1, v1) in pairwise(points):
        m = samples(t1) - samples(t0)
        if m > 0:
            step = (v1 - v0) / m
            out.extend([v0 + step * i for i in range(m)])
    if len(out) < n:
        out.extend([points[-1][1]] * (n - len(out)))
    return out[:n]


def curved(env: Signal, power: float) -> Signal:
    """Bend a 0..1 envelope: power > 1 makes swells that arrive late, like a held breath."""
    return [v**power for v in env]


def pitch_lines(n: int, points: list[tuple[float, float]]) -> Signal:
    """Pitch contour through (seconds, Hz) points, interpolated in octaves so glides sound even."""
    return [2.0**v for v in lines(n, [(t, math.log2(f)) for t, f in points])]


def exp_sweep(n: int, start: float, end: float, tau: float) -> Signal:
    """A value that falls (or rises) exponentially from start towards end: drum pitch drops."""
    k, e, d = -1.0 / (tau * SR), math.exp, start - end
    return [end + d * e(k * i) for i in range(n)]


# --- Oscillators and noise ------------------------------------------------------------------


def phases(freq, n: int) -> Signal:
    """Running phase in cycles for a constant frequency or a per-sample frequency contour."""
    if isinstance(freq, (int, float)):
        step = freq / SR
        return [step * i for i in range(n)]
    inv = 1.0 / SR
    return list(accumulate([f * inv for f in freq[:n]]))


def sine(freq, n: int, phase: float = 0.0) -> Signal:
    s = math.sin
    return [s(TAU * (p + phase)) for p in phases(freq, n)]


def saw(freq, n: int) -> Signal:
    """Naive sawtooth: fine for effects that get filtered and distorted anyway."""
    return [2.0 * (p - int(p)) - 1.0 for p in phases(freq, n)]


def square(freq, n: int, hardness: float = 4.0) -> Signal:
    """A rounded square (a driven sine): buzzy without the aliasing of a hard edge."""
    s, t = math.sin, math.tanh
    norm = 1.0 / t(hardness)
    return [norm * t(hardness * s(TAU * p)) for p in phases(freq, n)]


def saw_bl(freq, n: int, phase: float = 0.0) -> Signal:
    """Band-limited (polyBLEP) sawtooth for the music, where aliasing would sound sour."""
    freqs = [freq] * n if isinstance(freq, (int, float)) else freq
    out = [0.0] * n
    p, inv = phase % 1.0, 1.0 / SR
    for i in range(n):
        dt = freqs[i] * inv
        p += dt
        if p >= 1.0:
            p -= 1.0
        v = 2.0 * p - 1.0
        if p < dt:
            t = p / dt
            v -= t + t - t * t - 1.0
        elif p > 1.0 - dt:
            t = (p - 1.0) / dt
            v -= t * t + t + t + 1.0
        out[i] = v
    return out


def white(n: int, rng: random.Random) -> Signal:
    r = rng.random
    return [2.0 * r() - 1.0 for _ in range(n)]


def held_noise(n: int, rng: random.Random, hold_min: int, hold_max: int) -> Signal:
    """Noise that sticks on random values for a few samples: crunchy, bit-crushed grit."""
    out: Signal = []
    r, ri = rng.random, rng.randint
    while len(out) < n:
        out.extend([2.0 * r() - 1.0] * ri(hold_min, hold_max))
    return out[:n]


def grains(
    n: int,
    rng: random.Random,
    count: int,
    start: float,
    end: float,
    length: tuple[float, float] = (0.0005, 0.002),
    density_power: float = 1.0,
) -> Signal:
    """Scatter tiny noise bursts between start and end seconds: sand crunch, sparks, debris.

    density_power > 1 crowds the grains towards the start, so a crackle thins out as it dies.
    """
    out = silence(n)
    r, e = rng.random, math.exp
    for _ in range(count):
        at = samples(start + (end - start) * r() ** density_power)
        m = max(2, samples(length[0] + (length[1] - length[0]) * r()))
        amp = (0.4 + 0.6 * r()) * (1.0 if r() < 0.5 else -1.0)
        k = -4.0 / m
        burst = [amp * (2.0 * r() - 1.0) * e(k * i) for i in range(m)]
        mix_into(out, burst, at)
    return out


def modal(n: int, modes: list[tuple[float, float, float]], start: float = 0.0) -> Signal:
    """Sum of exponentially decaying sines, (Hz, amplitude, tau): how struck metal rings."""
    out = silence(n)
    s, e = math.sin, math.exp
    for freq, amp, tau in modes:
        if freq >= 0.45 * SR:
            continue  # above what 22 kHz can hold: it would fold back as a stray whistle
        k, w = -1.0 / (tau * SR), TAU * freq / SR
        m = min(n, samples(tau * 7.0))
        mix_into(out, [amp * e(k * i) * s(w * i) for i in range(m)], samples(start))
    return out


def thump(n: int, f_start: float, f_end: float, pitch_tau: float, amp_tau: float) -> Signal:
    """A sine whose pitch drops fast: the body of every drum, impact and explosion here."""
    return times(sine(exp_sweep(n, f_start, f_end, pitch_tau), n), decay(n, amp_tau, 0.0015))


def fm_bell(
    n: int, freq: float, ratio: float, index: float, tau: float, attack: float = 0.002
) -> Signal:
    """Two-operator FM with an inharmonic ratio: a bell whose brightness decays faster than it."""
    s = math.sin
    env = decay(n, tau, attack)
    idx = scaled(decay(n, tau * 0.4, attack), index)
    car, mod = phases(freq, n), phases(freq * ratio, n)
    return [a * s(TAU * c + i * s(TAU * m)) for a, i, c, m in zip(env, idx, car, mod, strict=True)]


# --- Filters --------------------------------------------------------------------------------


def lowpass1(x: Signal, cutoff: float) -> Signal:
    a = 1.0 - math.exp(-TAU * cutoff / SR)
    y, out = 0.0, [0.0] * len(x)
    for i, v in enumerate(x):
        y += a * (v - y)
        out[i] = y
    return out


def highpass1(x: Signal, cutoff: float) -> Signal:
    return list(map(sub, x, lowpass1(x, cutoff)))


_SVF_MIX = {"lp": (0.0, 0.0, 1.0), "bp": (0.0, 1.0, 0.0), "hp": (1.0, -1.0, -1.0)}


def svf(x: Signal, cutoff, q: float = 0.707, mode: str = "lp") -> Signal:
    """Trapezoidal state-variable filter (stable at any cutoff, so it can sweep freely).

    cutoff is a number or a per-sample contour. The band-pass is scaled to unity gain at its
    centre, so a resonant sweep keeps its level as q changes.
    """
    k = 1.0 / q
    ch, cb, cl = _SVF_MIX[mode]
    cb *= k
    n, out = len(x), [0.0] * len(x)
    ic1 = ic2 = 0.0
    pf, limit, tan = math.pi / SR, 0.45 * SR, math.tan
    if isinstance(cutoff, (int, float)):
        g = tan(pf * min(cutoff, limit))
        a1 = 1.0 / (1.0 + g * (g + k))
        a2, a3 = g * a1, g * g * a1
        for i, v0 in enumerate(x):
            v3 = v0 - ic2
            v1 = a1 * ic1 + a2 * v3
            v2 = ic2 + a2 * ic1 + a3 * v3
            ic1, ic2 = 2.0 * v1 - ic1, 2.0 * v2 - ic2
            out[i] = ch * v0 + cb * v1 + cl * v2
        return out
    gs = [tan(pf * min(c, limit)) for c in cutoff[:n]]
    for i, v0 in enumerate(x):
        g = gs[i]
        a1 = 1.0 / (1.0 + g * (g + k))
        a2 = g * a1
        v3 = v0 - ic2
        v1 = a1 * ic1 + a2 * v3
        v2 = ic2 + a2 * ic1 + g * a2 * v3
        ic1, ic2 = 2.0 * v1 - ic1, 2.0 * v2 - ic2
        out[i] = ch * v0 + cb * v1 + cl * v2
    return out


def formants(x: Signal, bands: list[tuple[float, float, float]]) -> Signal:
    """Parallel resonant band-passes, (Hz, q, gain): turns a buzz into a vowel-ish voice."""
    out = silence(len(x))
    for freq, q, level in bands:
        mix_into(out, svf(x, freq, q, "bp"), 0, level)
    return out


# --- Reverb ---------------------------------------------------------------------------------


def _comb(x: Signal, delay: int, feedback: float, damp: float) -> Signal:
    """Feedback comb with a one-pole low-pass in the loop: highs die faster, as in a real room."""
    y, store, keep = x[:], 0.0, 1.0 - damp
    for i in range(delay, len(y)):
        store = keep * y[i - delay] + damp * store
        y[i] += feedback * store
    return y


# An allpass only feeds back its own output one delay ago, so it can be computed a whole
# delay-length block at a time with slices instead of a per-sample loop.


def _allpass(x: Signal, delay: int, g: float) -> Signal:
    y = [-g * v for v in x]
    for s in range(delay, len(y), delay):
        e = min(s + delay, len(y))
        y[s:e] = [
            a + b + g * c
            for a, b, c in zip(
                y[s:e], x[s - delay : e - delay], y[s - delay : e - delay], strict=True
            )
        ]
    return y


def reverb(x: Signal, rt60: float = 0.8, size: float = 1.0, tone: float = 4000.0) -> Signal:
    """Freeverb-style room (four damped combs into two allpasses); returns the wet signal only.

    tone low-passes what goes in and sets how fast the highs die inside the combs.
    """
    src = lowpass1(x, tone)
    damp = math.exp(-TAU * tone / SR)  # the one-pole coefficient for a cutoff of `tone`
    wet = silence(len(x))
    for base in (557, 593, 641, 677):  # mutually prime, so the echoes never pile up in step
        d = max(1, int(base * size))
        g = 10.0 ** (-3.0 * d / (SR * rt60))
        mix_into(wet, _comb(src, d, g, damp), 0, 0.25)
    for base in (278, 110):
        wet = _allpass(wet, max(1, int(base * size)), 0.5)
    return wet


def with_room(x: Signal, wet: float, rt60: float, size: float = 1.0, tone: float = 4000.0):
    return mix_into(x[:], reverb(x, rt60, size, tone), 0, wet)


# --- Finishing and writing ------------------------------------------------------------------


def fade(x: Signal, fade_in: float, fade_out: float) -> Signal:
    """Raised-cosine fades so nothing starts or stops with a click."""
    out, c = x[:], math.cos
    a, b = max(1, samples(fade_in)), max(1, samples(fade_out))
    out[:a] = [v * 0.5 * (1.0 - c(math.pi * i / a)) for i, v in enumerate(out[:a])]
    tail = out[-b:]
    out[-b:] = [v * 0.5 * (1.0 + c(math.pi * (i + 1) / b)) for i, v in enumerate(tail)]
    return out


def normalized(x: Signal, peak_db: float) -> Signal:
    peak = max(map(abs, x)) or 1.0
    return scaled(x, 10.0 ** (peak_db / 20.0) / peak)


def finish_effect(x: Signal, fade_in: float = 0.003, fade_out: float = 0.015) -> Signal:
    """Strip DC (which would thump when the sound starts), fade the ends, normalize."""
    return normalized(fade(highpass1(x, 20.0), fade_in, fade_out), EFFECT_PEAK_DB)


def write_effect(path: Path, x: Signal) -> None:
    """An effect as the game loads it: resampled to the mixer's rate, mono Ogg Vorbis.

    Lossy coding can overshoot a hot peak a little; the file is decoded again, and if any sample
    would reach full scale it is written once more a quarter of a decibel softer.
    """
    y = resampled(np.asarray(x, dtype=np.float64), SR, EFFECT_RATE, loop=False)
    y *= 10.0 ** (EFFECT_PEAK_DB / 20.0) / (float(np.max(np.abs(y))) or 1.0)
    for _ in range(16):
        data = encode_ogg(y, EFFECT_RATE, EFFECT_VORBIS_LEVEL, path.stem)
        decoded, _ = soundfile.read(io.BytesIO(data), dtype="float64")
        if float(np.max(np.abs(decoded))) < 32766.0 / 32768.0:
            break
        y *= 10.0 ** (-0.25 / 20.0)
    else:
        raise RuntimeError(f"{path.name}: still clips after encoding")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.with_suffix(".wav").unlink(missing_ok=True)  # the effects were WAVs once


# --- Fingerprints ---------------------------------------------------------------------------
# The Ogg files' bytes depend on the libvorbis and libsndfile that encoded them, so what guards the
# sounds against drifting from this script is a fingerprint of each one as rendered, before it is
# resampled and encoded: the effects as synthesized (standard library only, so the check needs no
# numpy), the music as rendered. One line per file stem in DIGESTS, written whenever it is.

DIGEST_BLOCKS = 16


def pcm_digest(x) -> str:
    """A rendered sound's fingerprint: its sample count, the SHA-256 of its samples as 16-bit PCM
    (channel after channel), and the RMS of each of DIGEST_BLOCKS equal runs of it. The hash
    catches any change; the RMS lets a checker tell a real change from the last-bit wobble of
    another platform's maths library."""
    values = x.ravel().tolist() if hasattr(x, "ravel") else list(x)
    pcm = array("h", (max(-32768, min(32767, round(v * 32767.0))) for v in values))
    if sys.byteorder == "big":
        pcm.byteswap()
    n = len(values)
    cuts = [n * k // DIGEST_BLOCKS for k in range(DIGEST_BLOCKS + 1)]
    rms = [
        math.sqrt(math.fsum(v * v for v in values[a:b]) / (b - a)) if b > a else 0.0
        for a, b in pairwise(cuts)
    ]
    sha = hashlib.sha256(pcm.tobytes()).hexdigest()
    return f"{n}\t{sha}\t{' '.join(f'{r:.6f}' for r in rms)}"


def read_digests(path: Path = DIGESTS) -> dict[str, str]:
    """The recorded fingerprints by file stem (empty if there are none yet)."""
    if not path.is_file():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines if line and not line.startswith("#"))


def write_digests(new: dict[str, str], known: set[str], path: Path = DIGESTS) -> None:
    """Record `new` fingerprints over the old ones, dropping stems this script no longer makes."""
    digests = {k: v for k, v in (read_digests(path) | new).items() if k in known}
    header = (
        "# Written by assets/make_sounds.py: each sound as rendered, before resampling and"
        " encoding.\n# stem, samples, sha256 of the 16-bit PCM, RMS of 16 equal runs."
        " Checked by tests/test_sound_drift.py.\n"
    )
    body = "".join(f"{k}\t{digests[k]}\n" for k in sorted(digests))
    path.write_text(header + body, encoding="utf-8")


# --- Weapon ---------------------------------------------------------------------------------


def rifle_shot(seed: int, pitch: float = 1.0, bright: float = 1.0) -> Signal:
    """Heavy exosuit rifle: crack + muzzle blast + sub thump + a brief ring of the receiver.

    It fires ten times a second, so nearly all the energy lands in the first 60 ms and the top
    end is rolled off: punchy, not piercing.
    """
    rng = random.Random(seed)
    n = samples(0.25)
    crack = times(svf(white(n, rng), 2200 * bright, 0.7, "hp"), decay(n, 0.006, 0.0004))
    blast = times(svf(white(n, rng), 750 * bright, 0.9, "bp"), decay(n, 0.03, 0.001))
    sub_thump = thump(n, 150 * pitch, 46 * pitch, 0.022, 0.055)
    punch = drive(thump(n, 330 * pitch, 105 * pitch, 0.01, 0.022), 2.5)
    ring = modal(
        n,
        [
            (1240 * pitch, 0.30, 0.045),
            (1985 * pitch, 0.20, 0.035),
            (2890 * pitch, 0.12, 0.028),
            (3710 * pitch, 0.08, 0.02),
        ],
        0.004,
    )
    dry = layer(n, (crack, 0.8), (blast, 0.9), (sub_thump, 1.0), (punch, 0.45), (ring, 0.1))
    wet = with_room(dry, 0.22, rt60=0.3, size=0.45, tone=3000)
    return drive(lowpass1(wet, 8000 * bright), 1.6)


def shot() -> Signal:
    return rifle_shot(101)


def shot_b() -> Signal:
    return rifle_shot(202, pitch=0.93, bright=0.9)


def shot_c() -> Signal:
    return rifle_shot(303, pitch=1.06, bright=1.08)


def metal_clack(
    n: int, rng: random.Random, base: float, at: float, weight: float, ring: float = 1.0
) -> Signal:
    """Steel on steel: a hard tick, a short thud and a few inharmonic ringing modes.

    ring scales how long the modes sing: small parts and light taps die quickly.
    """
    tick = times(svf(white(n, rng), 2500, 0.8, "hp"), decay(n, 0.003, 0.0004, at))
    thud = times(sine(exp_sweep(n, 260, 110, 0.012), n), decay(n, 0.025 * weight, 0.001, at))
    modes = modal(
        n,
        [
            (base, 0.45, 0.045 * ring),
            (base * 1.67, 0.32, 0.034 * ring),
            (base * 2.74, 0.22, 0.024 * ring),
            (base * 3.86, 0.12, 0.016 * ring),
        ],
        at,
    )
    return layer(n, (tick, 0.7), (thud, 0.6 * weight), (modes, 0.55))


def slide_scrape(n: int, rng: random.Random, start: float, end: float, centre: float) -> Signal:
    """Metal sliding on metal: band-passed noise with a rough, stuttering friction."""
    friction = lowpass1(held_noise(n, rng, 20, 90), 200)
    friction = [0.55 + 0.9 * abs(v) for v in friction]
    shape = lines(n, [(start, 0.0), (start + 0.015, 1.0), (end - 0.02, 0.7), (end, 0.0)])
    return times(times(svf(white(n, rng), centre, 2.0, "bp"), shape), friction)


def dry_fire() -> Signal:
    """Hammer on an empty chamber: a thin tick-clack with no blast at all."""
    rng = random.Random(404)
    n = samples(0.1)
    first = metal_clack(n, rng, 2300, 0.002, 0.3, ring=0.3)
    second = metal_clack(n, rng, 1650, 0.028, 0.5, ring=0.4)
    return layer(n, (first, 0.7), (second, 1.0))


def reload_start() -> Signal:
    """Mag release: the button's tick, the magazine scraping out, then it clacks free."""
    rng = random.Random(505)
    n = samples(0.3)
    button = metal_clack(n, rng, 3100, 0.003, 0.2, ring=0.35)
    scrape = slide_scrape(n, rng, 0.03, 0.13, 2100)
    clack = metal_clack(n, rng, 820, 0.12, 1.2)
    dry = layer(n, (button, 0.45), (scrape, 0.35), (clack, 1.0))
    return with_room(dry, 0.18, rt60=0.35, size=0.5)


def reload_done() -> Signal:
    """Mag seated with a low clunk, then the bolt racked and slammed home."""
    rng = random.Random(606)
    n = samples(0.3)
    seat = metal_clack(n, rng, 640, 0.003, 1.6)
    pull = slide_scrape(n, rng, 0.08, 0.15, 2900)
    bolt = metal_clack(n, rng, 1450, 0.16, 1.3)
    dry = layer(n, (seat, 0.8), (pull, 0.3), (bolt, 1.0))
    return with_room(dry, 0.18, rt60=0.35, size=0.5)


# --- Impacts --------------------------------------------------------------------------------


def hit_mimic() -> Signal:
    """Round into alien flesh: a dull smack, a meaty body, then a wet squelch and droplets."""
    rng = random.Random(707)
    n = samples(0.2)
    smack = times(svf(white(n, rng), 2200, 0.7, "lp"), decay(n, 0.006, 0.0005))
    body = drive(thump(n, 140, 58, 0.02, 0.045), 2.0)
    # The squelch is a resonant band sweeping down through the noise, wobbling like wet tissue.
    sweep = exp_sweep(n, 1700, 320, 0.05)
    wobble = [
        0.55 + 0.45 * math.sin(TAU * 33 * i / SR + 2.0 * v)
        for i, v in enumerate(lowpass1(white(n, rng), 40))
    ]
    squelch_env = lines(n, [(0.0, 0.0), (0.006, 1.0), (0.06, 0.6), (0.16, 0.0)])
    squelch = times(times(svf(white(n, rng), sweep, 5.0, "bp"), squelch_env), wobble)
    drops = silence(n)
    for at, f in ((0.055, 620), (0.09, 840), (0.125, 540)):
        m = samples(0.014)
        blip = times(sine(pitch_lines(m, [(0, f), (0.014, f * 1.9)]), m), decay(m, 0.004, 0.001))
        mix_into(drops, blip, samples(at))
    dry = layer(n, (smack, 0.5), (body, 0.9), (squelch, 1.3), (drops, 0.18))
    return lowpass1(dry, 6000)


def hit_wall() -> Signal:
    """Bullet on concrete: a hard tick, a chip of grit and a brief ricochet whine."""
    rng = random.Random(808)
    n = samples(0.12)
    tick = times(svf(white(n, rng), 3000, 0.7, "hp"), decay(n, 0.0025, 0.0003))
    thunk = times(svf(white(n, rng), 1100, 1.5, "bp"), decay(n, 0.012, 0.0005))
    knock = thump(n, 320, 170, 0.01, 0.012)
    grit = svf(grains(n, rng, 14, 0.002, 0.05, (0.0003, 0.0012), 1.6), 2500, 0.7, "hp")
    whine_f = exp_sweep(n, 3400, 2500, 0.06)
    whine = times(sine(whine_f, n), lines(n, [(0, 0), (0.01, 1), (0.045, 0.5), (0.11, 0)]))
    return layer(n, (tick, 0.8), (thunk, 0.9), (knock, 0.5), (grit, 0.35), (whine, 0.16))


# --- Mimics ---------------------------------------------------------------------------------


def jitter(n: int, rng: random.Random, rate: float, depth: float) -> Signal:
    """Slow random wander around 1.0: the unsteadiness that makes a synthetic voice organic."""
    wander = lowpass1(lowpass1(white(n, rng), rate), rate)
    peak = max(map(abs, wander)) or 1.0
    return [1.0 + depth * v / peak for v in wander]


def screech(n: int, rng: random.Random, contour: Signal, roughness: float) -> Signal:
    """An alien cry: FM against a half-frequency modulator (a sub-harmonic rasp) with jitter."""
    wobble = jitter(n, rng, 30, 0.04)
    freq = times(contour, wobble)
    s = math.sin
    car, mod = phases(freq, n), phases([f * 0.5 for f in freq], n)
    return [s(TAU * c + roughness * s(TAU * m)) for c, m in zip(car, mod, strict=True)]


def mimic_die() -> Signal:
    """A Mimic dying: a screech that climbs then collapses, a wet burst, crunching grit."""
    rng = random.Random(909)
    n = samples(0.7)
    contour = pitch_lines(n, [(0.0, 380), (0.17, 1150), (0.24, 980), (0.45, 260), (0.7, 70)])
    cry = screech(n, rng, contour, 2.6)
    # Chattering mandibles: the cry gated at ~30 Hz, opening up as it collapses.
    chatter = [0.6 + 0.4 * math.sin(TAU * 31 * i / SR) for i in range(n)]
    cry_env = lines(n, [(0, 0), (0.03, 0.8), (0.2, 1.0), (0.32, 0.85), (0.62, 0.25), (0.7, 0)])
    cry = drive(
        times(times(formants(cry, [(1400, 1.2, 1.0), (2600, 2.5, 0.5)]), chatter), cry_env), 2.2
    )
    burst = times(
        svf(white(n, rng), exp_sweep(n, 2500, 300, 0.06), 0.9, "lp"), decay(n, 0.06, 0.002, 0.2)
    )
    squelch = times(
        svf(white(n, rng), exp_sweep(n, 1500, 260, 0.08), 4.0, "bp"), decay(n, 0.09, 0.004, 0.2)
    )
    gut = drive(times(sine(exp_sweep(n, 120, 42, 0.05), n), decay(n, 0.1, 0.003, 0.2)), 1.6)
    crunch = svf(held_noise(n, rng, 2, 9), 2200, 0.8, "bp")
    crunch = times(crunch, grains_gate(n, rng, 0.2, 0.62))
    dry = layer(n, (cry, 0.7), (burst, 0.6), (squelch, 0.9), (gut, 0.8), (crunch, 0.5))
    return with_room(dry, 0.15, rt60=0.45, size=0.6)


def grains_gate(n: int, rng: random.Random, start: float, end: float) -> Signal:
    """A stuttering on/off gate between start and end that thins out: crunches, not a hiss."""
    gate = silence(n)
    at = start
    while at < end:
        length = 0.006 + 0.02 * rng.random()
        level = 1.0 - 0.8 * (at - start) / (end - start)
        m = samples(length)
        mix_into(gate, [level * math.sin(math.pi * i / m) for i in range(m)], samples(at))
        at += length + 0.004 + 0.03 * rng.random() * (at - start) / (end - start)
    return gate


def mimic_emerge() -> Signal:
    """The 1 s telegraph: sand rumbling louder and grittier, the burst landing at 1.0 s."""
    rng = random.Random(1010)
    n = samples(1.25)
    burst_at = 1.0
    build = curved(lines(n, [(0, 0), (burst_at, 1.0), (burst_at + 0.02, 0.0)]), 2.0)
    rumble = svf(svf(white(n, rng), 110, 0.9, "lp"), 110, 0.9, "lp")
    tremor = [0.65 + 0.35 * math.sin(TAU * (6 * t + 5 * t * t)) for t in (i / SR for i in range(n))]
    drone = sine(lines(n, [(0, 38), (burst_at, 62)]), n)
    sand = svf(grains(n, rng, 900, 0.05, burst_at, (0.0004, 0.002), 0.55), 3200, 0.8, "bp")
    # Sub rumble alone vanishes on laptop speakers; a gritty band around 350 Hz carries it there.
    grind = times(
        svf(white(n, rng), 350, 1.6, "bp"), [0.5 + 0.5 * abs(v) for v in jitter(n, rng, 25, 1.0)]
    )
    build_mix = layer(
        n, (drive(scaled(rumble, 8.0), 2.2), 0.9), (drone, 0.4), (sand, 1.1), (grind, 0.8)
    )
    build_mix = times(times(build_mix, build), tremor)
    boom = drive(times(sine(exp_sweep(n, 150, 40, 0.035), n), decay(n, 0.1, 0.002, burst_at)), 1.8)
    blast = times(
        svf(white(n, rng), exp_sweep(n, 5000, 500, 0.05), 0.8, "lp"),
        decay(n, 0.05, 0.001, burst_at),
    )
    spray = svf(
        grains(n, rng, 160, burst_at, burst_at + 0.22, (0.0005, 0.003), 1.8), 2200, 0.7, "hp"
    )
    dry = layer(n, (build_mix, 0.7), (boom, 1.0), (blast, 0.7), (spray, 0.5))
    return with_room(dry, 0.15, rt60=0.5, size=0.8, tone=2500)


def mimic_windup() -> Signal:
    """The lunge warning: a chittering whine climbing in pitch and speed, hard to miss."""
    rng = random.Random(1111)
    n = samples(0.5)
    f = pitch_lines(n, [(0, 430), (0.46, 1500), (0.5, 1560)])
    wobble = jitter(n, rng, 25, 0.02)
    f = times(f, wobble)
    buzz = square(f, n, 3.0)
    clash = saw([v * 1.414 for v in f], n)  # a tritone above: unsettling on purpose
    whine = sine([v * 2.0 for v in f], n)
    rate = phases(lines(n, [(0, 20), (0.5, 46)]), n)
    chitter = [(0.5 + 0.5 * math.sin(TAU * p)) ** 3 for p in rate]
    gated = times(layer(n, (buzz, 0.7), (svf(clash, 2500, 0.7, "lp"), 0.35)), chitter)
    voice = layer(n, (gated, 1.0), (whine, 0.18))
    voice = svf(voice, 1900, 0.9, "bp")  # sit where the ear is keenest, above the gunfire
    env = curved(lines(n, [(0, 0), (0.04, 0.55), (0.46, 1.0), (0.5, 0.0)]), 1.4)
    return drive(times(voice, env), 1.5)


def mimic_lunge() -> Signal:
    """A body flung through the air: a swept whoosh with a rough, rasping snarl inside it."""
    rng = random.Random(1212)
    n = samples(0.35)
    whoosh = svf(white(n, rng), pitch_lines(n, [(0, 450), (0.12, 2600), (0.35, 500)]), 1.3, "bp")
    whoosh = times(whoosh, curved(lines(n, [(0, 0), (0.11, 1), (0.35, 0)]), 1.5))
    air = times(svf(white(n, rng), 320, 0.7, "lp"), lines(n, [(0, 0), (0.1, 1), (0.35, 0)]))
    f = times(pitch_lines(n, [(0, 92), (0.1, 135), (0.35, 80)]), jitter(n, rng, 45, 0.08))
    rasp = [0.5 + 0.5 * abs(v) for v in jitter(n, rng, 60, 1.0)]
    snarl = times(saw(f, n), rasp)
    snarl = formants(snarl, [(650, 3.0, 1.0), (1150, 3.5, 0.7), (2400, 4.0, 0.25)])
    snarl = drive(times(snarl, lines(n, [(0, 0), (0.04, 1), (0.22, 0.7), (0.35, 0)])), 3.0)
    return layer(n, (whoosh, 0.9), (air, 0.6), (snarl, 0.7))


def alpha_roar() -> Signal:
    """The Alpha: a deeper, throatier cry than a drone's, fizzing with electric crackle."""
    rng = random.Random(1313)
    n = samples(1.2)
    contour = pitch_lines(n, [(0, 120), (0.15, 205), (0.6, 185), (1.0, 125), (1.2, 95)])
    cry = screech(n, rng, contour, 3.2)
    growl = saw(times(contour, jitter(n, rng, 20, 0.05)), n)
    throat = layer(n, (cry, 0.8), (growl, 0.7))
    vowel_1 = lines(n, [(0, 550), (0.2, 820), (0.9, 700), (1.2, 450)])
    vowel_2 = lines(n, [(0, 1000), (0.2, 1300), (0.9, 1150), (1.2, 900)])
    voice = layer(
        n,
        (svf(throat, vowel_1, 3.0, "bp"), 1.0),
        (svf(throat, vowel_2, 4.0, "bp"), 0.7),
        (svf(throat, 2600, 3.0, "bp"), 0.3),
        (svf(throat, 300, 0.8, "lp"), 0.5),
    )
    # Electric: the voice ring-modulated by a mains-like buzz, then crushed, plus sparks.
    buzz = square(62.0, n, 6.0)
    electric = crush(times(voice, buzz), 5)
    sparks = svf(grains(n, rng, 110, 0.05, 1.1, (0.0003, 0.0015)), 3500, 0.7, "hp")
    sub = sine([f * 0.5 for f in contour], n)
    env = lines(n, [(0, 0), (0.07, 1.0), (0.75, 0.85), (1.2, 0.0)])
    mixed = layer(n, (voice, 1.0), (electric, 0.35), (sparks, 0.35), (sub, 0.35))
    roar = drive(times(mixed, env), 2.4)
    return with_room(roar, 0.25, rt60=0.8, size=1.0, tone=3500)


# --- Cage -----------------------------------------------------------------------------------


def armor_impact(n: int, rng: random.Random, weight: float) -> Signal:
    """A blow on the suit's plate: a crack, a deep thud and the plate's low ring."""
    crack = times(svf(white(n, rng), 1800, 0.7, "hp"), decay(n, 0.004, 0.0004))
    thud = drive(thump(n, 120 * weight, 45, 0.02 * weight, 0.06 * weight), 1.8)
    plate = modal(n, [(430, 0.4, 0.07), (765, 0.3, 0.05), (1190, 0.2, 0.04), (1630, 0.1, 0.03)])
    dust = times(svf(white(n, rng), 900, 0.7, "lp"), decay(n, 0.03 * weight, 0.001))
    return layer(n, (crack, 0.6), (thud, 1.0), (plate, 0.5), (dust, 0.5))


def cage_hurt() -> Signal:
    """Cage takes a hit: the armor rings, and he grunts through gritted teeth."""
    rng = random.Random(1414)
    n = samples(0.35)
    impact = armor_impact(n, rng, 1.0)
    f = times(pitch_lines(n, [(0, 125), (0.1, 108), (0.33, 78)]), jitter(n, rng, 35, 0.04))
    glottal = layer(n, (saw(f, n), 1.0), (white(n, rng), 0.25))  # voice plus breath
    grunt = formants(glottal, [(560, 4.0, 1.0), (960, 5.0, 0.55), (2400, 6.0, 0.15)])
    grunt = times(grunt, lines(n, [(0.02, 0), (0.05, 1.0), (0.16, 0.75), (0.33, 0.0)]))
    return layer(n, (impact, 0.9), (drive(scaled(grunt, 2.0), 1.5), 0.6))


def cage_die() -> Signal:
    """Cage falls: a heavy impact, the suit's power whining down, a last heartbeat or two."""
    rng = random.Random(1515)
    n = samples(1.5)
    impact = armor_impact(n, rng, 1.6)
    f = pitch_lines(n, [(0, 1500), (0.15, 1400), (1.25, 55), (1.5, 45)])
    whine = layer(
        n,
        (sine(f, n), 1.0),
        (square([v * 0.5 for v in f], n, 2.0), 0.3),
        (sine([v * 3.0 for v in f], n), 0.15),
    )
    whine = times(whine, lines(n, [(0.08, 0), (0.18, 0.55), (0.8, 0.4), (1.3, 0.0)]))
    hum = svf(saw(pitch_lines(n, [(0, 50), (1.3, 32)]), n), 400, 0.8, "lp")
    hum = times(hum, lines(n, [(0, 0), (0.1, 0.5), (1.2, 0.0)]))
    heart = silence(n)
    for at, level in ((0.62, 1.0), (0.79, 0.7), (1.12, 0.55), (1.29, 0.35)):
        m = samples(0.45)
        mix_into(heart, scaled(drive(thump(m, 125, 48, 0.015, 0.07), 2.5), level), samples(at))
    heart = lowpass1(heart, 500)  # muffled, as if heard from inside the helmet
    dry = layer(n, (impact, 1.0), (whine, 0.35), (hum, 0.3), (heart, 1.2))
    return with_room(dry, 0.18, rt60=0.9, size=1.0, tone=3000)


def dash() -> Signal:
    """Suit thrusters: a puff of air, a servo whine spinning up and a swept whoosh."""
    rng = random.Random(1616)
    n = samples(0.3)
    puff = times(svf(white(n, rng), 1500, 0.7, "hp"), decay(n, 0.05, 0.002))
    f = pitch_lines(n, [(0, 260), (0.07, 900), (0.3, 620)])
    servo = svf(layer(n, (saw(f, n), 0.7), (sine([v * 3 for v in f], n), 0.3)), 1300, 1.5, "bp")
    servo = times(servo, lines(n, [(0, 0), (0.015, 1.0), (0.12, 0.4), (0.3, 0.0)]))
    whoosh = svf(white(n, rng), pitch_lines(n, [(0, 700), (0.06, 3000), (0.3, 800)]), 2.2, "bp")
    whoosh = times(whoosh, curved(lines(n, [(0, 0), (0.04, 1.0), (0.3, 0.0)]), 1.6))
    kick = thump(n, 110, 50, 0.015, 0.03)
    return lowpass1(layer(n, (puff, 0.2), (servo, 0.8), (whoosh, 1.0), (kick, 0.6)), 7000)


# --- Footsteps -----------------------------------------------------------------------------
# An exosuit's boot is heavy: every surface gets a low body under what makes it that surface.
# Two variants of each, a little apart in pitch and seed, so a walk never sounds like a loop.


def sand_step(seed: int, centre: float) -> Signal:
    """A boot in sand: a soft thud and a crunch of grains, all over in a tenth of a second."""
    rng = random.Random(seed)
    n = samples(0.12)
    crunch = grains(n, rng, 60, 0.004, 0.1, (0.0005, 0.0025), 2.0)
    crunch = times(lowpass1(svf(crunch, centre, 0.9, "bp"), 4000), decay(n, 0.03, 0.004))
    thud = layer(
        n,
        (thump(n, 95, 55, 0.012, 0.018), 1.0),
        (times(svf(white(n, rng), 380, 0.7, "lp"), decay(n, 0.02, 0.002)), 1.2),
    )
    return layer(n, (crunch, 1.0), (thud, 0.5))


def dirt_step(seed: int, pitch: float) -> Signal:
    """A boot on packed earth: a duller, lower thud than sand, a muffled scuff, a few crumbs."""
    rng = random.Random(seed)
    n = samples(0.14)
    thud = drive(thump(n, 120 * pitch, 46 * pitch, 0.014, 0.03), 1.8)
    body = times(svf(white(n, rng), 240 * pitch, 0.8, "lp"), decay(n, 0.03, 0.002))
    scuff = times(svf(white(n, rng), 850 * pitch, 0.9, "bp"), decay(n, 0.016, 0.003))
    crumbs = svf(grains(n, rng, 14, 0.012, 0.1, (0.0008, 0.003), 1.8), 1100, 0.8, "bp")
    dry = layer(n, (thud, 1.0), (body, 1.3), (scuff, 0.4), (crumbs, 0.3))
    return lowpass1(dry, 2200)  # earth swallows the top: no crunch, no ring


def concrete_step(seed: int, pitch: float) -> Signal:
    """A boot on concrete: a hard heel tap, a short knock, a scrape of grit, a small hard room."""
    rng = random.Random(seed)
    n = samples(0.18)
    tap = times(svf(white(n, rng), 2600 * pitch, 0.8, "hp"), decay(n, 0.0025, 0.0003))
    knock = thump(n, 280 * pitch, 150 * pitch, 0.007, 0.014)
    body = times(svf(white(n, rng), 1300 * pitch, 1.3, "bp"), decay(n, 0.009, 0.0005))
    toe = times(svf(white(n, rng), 2000 * pitch, 1.0, "bp"), decay(n, 0.004, 0.0004, 0.032))
    grit = svf(grains(n, rng, 26, 0.003, 0.07, (0.0003, 0.001), 1.5), 3600, 0.8, "hp")
    thud = thump(n, 110, 60, 0.01, 0.02)  # the suit's weight under the tap
    dry = layer(n, (tap, 0.9), (knock, 0.7), (body, 0.8), (toe, 0.35), (grit, 0.45), (thud, 0.5))
    return with_room(dry, 0.22, rt60=0.22, size=0.35, tone=5000)


def metal_step(seed: int, pitch: float) -> Signal:
    """A boot on a steel deck: a clank, the plate ringing on after the heel, the grating's
    rattle."""
    rng = random.Random(seed)
    n = samples(0.32)
    clank = metal_clack(n, rng, 560 * pitch, 0.002, 1.2, ring=2.0)
    plate = modal(
        n,
        [
            (318 * pitch, 0.35, 0.12),
            (707 * pitch, 0.3, 0.09),
            (1163 * pitch, 0.22, 0.07),
            (1811 * pitch, 0.14, 0.05),
            (2689 * pitch, 0.09, 0.035),
        ],
        0.002,
    )
    rattle = times(svf(white(n, rng), 3000, 1.2, "bp"), grains_gate(n, rng, 0.015, 0.09))
    thud = thump(n, 150, 62, 0.01, 0.03)
    dry = layer(n, (clank, 0.9), (plate, 0.8), (rattle, 0.25), (thud, 0.6))
    return with_room(dry, 0.25, rt60=0.45, size=0.6, tone=4500)


def wood_step(seed: int, pitch: float) -> Signal:
    """A boot on planks: a hollow knock, the boards' short resonance, a faint creak."""
    rng = random.Random(seed)
    n = samples(0.22)
    knock = thump(n, 220 * pitch, 120 * pitch, 0.009, 0.028)
    hollow = modal(
        n,
        [
            (176 * pitch, 0.5, 0.05),
            (403 * pitch, 0.42, 0.035),
            (751 * pitch, 0.25, 0.024),
            (1242 * pitch, 0.12, 0.015),
        ],
    )
    click = times(svf(white(n, rng), 1700 * pitch, 1.0, "bp"), decay(n, 0.004, 0.0004))
    f = times(pitch_lines(n, [(0.04, 520 * pitch), (0.1, 430 * pitch)]), jitter(n, rng, 30, 0.03))
    creak = svf(saw(f, n), 900, 2.0, "bp")
    creak = times(creak, lines(n, [(0.04, 0), (0.055, 1.0), (0.09, 0.6), (0.11, 0.0)]))
    dry = layer(n, (knock, 0.8), (hollow, 1.0), (click, 0.5), (creak, 0.06))
    return with_room(dry, 0.15, rt60=0.3, size=0.5, tone=3500)


def water_step(seed: int, pitch: float) -> Signal:
    """A boot into shallow water: a slap, a splash of spray and bubbles, a low slosh."""
    rng = random.Random(seed)
    n = samples(0.34)
    slap = times(
        svf(white(n, rng), exp_sweep(n, 2600, 700, 0.03), 1.0, "lp"), decay(n, 0.02, 0.001)
    )
    splash = times(
        svf(white(n, rng), 3000 * pitch, 0.9, "bp"),
        lines(n, [(0, 0), (0.012, 1.0), (0.06, 0.45), (0.26, 0.0)]),
    )
    spray = svf(grains(n, rng, 120, 0.01, 0.24, (0.0003, 0.0015), 1.6), 4500, 0.8, "hp")
    pops = bubbles(n, rng, 14, 0.03, 0.28, 500 * pitch, 1800 * pitch)
    slosh = times(
        svf(white(n, rng), 330 * pitch, 1.5, "bp"),
        lines(n, [(0, 0), (0.03, 1.0), (0.2, 0.3), (0.33, 0.0)]),
    )
    thud = thump(n, 90, 50, 0.012, 0.03)
    return layer(
        n, (slap, 0.8), (splash, 0.7), (spray, 0.35), (pops, 0.25), (slosh, 0.7), (thud, 0.4)
    )


def footstep_sand() -> Signal:
    return sand_step(1717, 2600)


def footstep_sand_b() -> Signal:
    return sand_step(1818, 2100)


def footstep_dirt() -> Signal:
    return dirt_step(1721, 1.0)


def footstep_dirt_b() -> Signal:
    return dirt_step(1822, 0.9)


def footstep_concrete() -> Signal:
    return concrete_step(1731, 1.0)


def footstep_concrete_b() -> Signal:
    return concrete_step(1832, 1.08)


def footstep_metal() -> Signal:
    return metal_step(1741, 1.0)


def footstep_metal_b() -> Signal:
    return metal_step(1842, 1.06)


def footstep_wood() -> Signal:
    return wood_step(1751, 1.0)


def footstep_wood_b() -> Signal:
    return wood_step(1852, 0.93)


def footstep_water() -> Signal:
    return water_step(1761, 1.0)


def footstep_water_b() -> Signal:
    return water_step(1862, 1.1)


# --- Big events -----------------------------------------------------------------------------


def explosion() -> Signal:
    """A big blast: a crack, a sub-bass boom sweeping down, a roar closing in, debris crackle."""
    rng = random.Random(1919)
    n = samples(2.0)
    crack = times(svf(white(n, rng), 6000, 0.7, "lp"), decay(n, 0.012, 0.0005))
    boom = drive(thump(n, 110, 28, 0.12, 0.5), 2.2)
    sub = times(sine(exp_sweep(n, 55, 30, 0.3), n), decay(n, 0.9, 0.004))
    roar = times(
        svf(white(n, rng), exp_sweep(n, 4500, 140, 0.35), 0.8, "lp"), decay(n, 0.45, 0.004)
    )
    rumble = times(svf(svf(white(n, rng), 160, 0.8, "lp"), 160, 0.8, "lp"), decay(n, 0.8, 0.01))
    rumble = scaled(rumble, 6.0)
    debris = grains(n, rng, 260, 0.12, 1.85, (0.0004, 0.004), 2.2)
    debris = times(svf(debris, 1800, 0.7, "hp"), decay(n, 0.6, 0.01, 0.1))
    dry = layer(
        n, (crack, 0.8), (boom, 1.0), (sub, 0.6), (roar, 0.9), (rumble, 0.7), (debris, 0.45)
    )
    return with_room(dry, 0.3, rt60=1.6, size=1.3, tone=2500)


def loop_reset() -> Signal:
    """The loop resets: a reversed swell rushing in, cut off by a deep thump and a gasp."""
    rng = random.Random(2020)
    n = samples(1.6)
    snap = 1.3
    # A reversed reverb tail is what makes a swell sound "backwards": render a bright hit with a
    # long room, then play the room back to front so it arrives at the snap.
    hit_len = samples(snap)
    hit = layer(
        hit_len,
        (times(white(hit_len, rng), decay(hit_len, 0.02, 0.001)), 0.7),
        (fm_bell(hit_len, 587.3, 1.41, 3.0, 0.4), 0.5),
        (fm_bell(hit_len, 880.0, 1.41, 2.0, 0.3), 0.4),
    )
    swell = reverse(reverb(hit, rt60=1.6, size=1.4, tone=6000))
    rise = curved(lines(n, [(0, 0), (snap, 1.0), (snap + 0.004, 0.0)]), 3.0)
    noise = times(svf(white(n, rng), pitch_lines(n, [(0, 200), (snap, 7000)]), 1.2, "lp"), rise)
    f = pitch_lines(n, [(0, 60), (snap, 880)])
    tone = times(svf(saw(f, n), 2500, 0.8, "lp"), curved(rise, 0.67))  # leads the noise in
    body = layer(n, (swell, 3.0), (noise, 0.5), (tone, 0.5))
    body = times(body, lines(n, [(0, 1), (snap, 1), (snap + 0.004, 0)]))  # the hard snap
    boom = drive(times(sine(exp_sweep(n, 105, 32, 0.05), n), decay(n, 0.13, 0.002, snap)), 2.0)
    gasp = formants(white(n, rng), [(850, 5.0, 1.0), (1250, 6.0, 0.7), (2600, 6.0, 0.3)])
    gasp = times(
        gasp, lines(n, [(snap, 0), (snap + 0.03, 1.0), (snap + 0.1, 0.35), (snap + 0.25, 0.0)])
    )
    return layer(n, (body, 1.0), (boom, 1.2), (gasp, 1.8))


# --- Interface ------------------------------------------------------------------------------


def chime(n: int, freq: float, at: float, tau: float) -> Signal:
    """A short, soft bell: mostly sine, a touch of FM for glassiness."""
    m = n - samples(at)
    out = silence(n)
    mix_into(out, fm_bell(m, freq, 2.0, 1.2, tau, 0.002), samples(at))
    return out


def ui_move() -> Signal:
    """Cursor moves: a soft, short tick that won't wear on the ear when held."""
    rng = random.Random(2121)
    n = samples(0.06)
    tone = times(layer(n, (sine(1500, n), 1.0), (sine(3000, n), 0.25)), decay(n, 0.011, 0.002))
    tick = times(svf(white(n, rng), 4000, 0.7, "lp"), decay(n, 0.002, 0.0005))
    return layer(n, (tone, 1.0), (tick, 0.3))


def ui_select() -> Signal:
    """Confirm: two tones stepping up a fifth."""
    n = samples(0.2)
    return layer(n, (chime(n, 880.0, 0.002, 0.05), 0.8), (chime(n, 1318.5, 0.06, 0.07), 1.0))


def ui_back() -> Signal:
    """Back out: two softer tones stepping down a fourth."""
    n = samples(0.15)
    tones = layer(n, (chime(n, 784.0, 0.002, 0.04), 1.0), (chime(n, 523.3, 0.05, 0.05), 0.9))
    return lowpass1(tones, 3000)


def omega_pulse() -> Signal:
    """The Omega's heartbeat: a deep lub-dub under a throbbing hum, a glassy ring above it."""
    rng = random.Random(2222)
    n = samples(1.2)
    beat = silence(n)
    for at, f0, level in ((0.0, 95, 1.0), (0.3, 78, 0.75)):
        m = n - samples(at)
        mix_into(beat, drive(thump(m, f0, 33, 0.06, 0.3), 1.8), samples(at), level)
    # The throb: a low saw breathing through a closed filter, swelling with each beat.
    swell = lines(n, [(0, 0), (0.04, 1.0), (0.25, 0.45), (0.34, 0.85), (0.7, 0.35), (1.2, 0.0)])
    throb = svf(saw(pitch_lines(n, [(0, 52), (1.2, 44)]), n), 240, 1.4, "lp")
    throb = times(
        throb, [v * (0.7 + 0.3 * math.sin(TAU * 9 * i / SR)) for i, v in enumerate(swell)]
    )
    # Glass: two inharmonic bells and a shimmer of air, the sound of the core's light.
    glass = layer(
        n,
        (fm_bell(n, 1244.5, 2.76, 1.4, 0.45, 0.015), 0.5),
        (fm_bell(n, 1864.7, 1.41, 0.9, 0.35, 0.02), 0.3),
        (times(svf(white(n, rng), 5200, 3.0, "bp"), decay(n, 0.25, 0.03)), 0.2),
    )
    dry = layer(n, (beat, 1.0), (throb, 0.55), (glass, 0.22))
    return with_room(dry, 0.3, rt60=1.3, size=1.3, tone=3200)


def charge_arm() -> Signal:
    """An explosive charge armed: the cover's click, the latch, a servo whine, a ready beep."""
    rng = random.Random(2323)
    n = samples(0.6)
    click = metal_clack(n, rng, 2600, 0.003, 0.4, ring=0.4)
    latch = metal_clack(n, rng, 1350, 0.07, 0.9, ring=0.6)
    f = pitch_lines(n, [(0.1, 380), (0.4, 1900)])
    servo = svf(layer(n, (saw(f, n), 0.7), (sine([v * 2 for v in f], n), 0.3)), 1600, 1.8, "bp")
    servo = times(servo, lines(n, [(0.1, 0), (0.13, 0.7), (0.38, 1.0), (0.42, 0.0)]))
    tone = layer(n, (sine(2093.0, n), 1.0), (sine(4186.0, n), 0.2))
    beep = times(tone, lines(n, [(0.45, 0), (0.453, 1.0), (0.55, 0.85), (0.556, 0.0)]))
    dry = layer(n, (click, 0.8), (latch, 1.0), (servo, 0.45), (beep, 0.5))
    return with_room(dry, 0.12, rt60=0.3, size=0.5)


def charge_beep() -> Signal:
    """A countdown beep: short, sharp and high, cutting through any firefight."""
    n = samples(0.12)
    # A hard edge from explicit odd harmonics: a squared-off sine would fold its fifth back down.
    tone = layer(n, (sine(2637.0, n), 1.0), (sine(7911.0, n), 0.12), (sine(5274.0, n), 0.08))
    return times(tone, lines(n, [(0, 0), (0.002, 1.0), (0.085, 0.8), (0.11, 0.0)]))


def omega_death() -> Signal:
    """The Omega dies: everything sucked inward, a white-hot crack, then a colossal blast whose
    sub sweeps down past hearing and whose rumble rolls on and on; the core's glass shatters."""
    rng = random.Random(2525)
    n = samples(3.0)
    snap = 0.7
    # The implosion: a bright chord's reverb played backwards, racing into the snap.
    hit_len = samples(snap)
    hit = layer(
        hit_len,
        (times(white(hit_len, rng), decay(hit_len, 0.03, 0.001)), 0.6),
        (fm_bell(hit_len, 622.3, 1.41, 3.0, 0.4), 0.5),
        (fm_bell(hit_len, 932.3, 2.76, 2.0, 0.3), 0.4),
    )
    swell = reverse(reverb(hit, rt60=1.2, size=1.4, tone=6000))
    rise = curved(lines(n, [(0, 0), (snap, 1.0), (snap + 0.004, 0.0)]), 2.5)
    suck = times(svf(white(n, rng), pitch_lines(n, [(0, 150), (snap, 6000)]), 1.4, "lp"), rise)
    whine = times(sine(pitch_lines(n, [(0, 70), (snap, 520)]), n), curved(rise, 0.7))
    implosion = layer(n, (swell, 3.0), (suck, 0.5), (whine, 0.35))
    implosion = times(implosion, lines(n, [(0, 1), (snap, 1), (snap + 0.004, 0)]))
    # The blast, all of it starting at the snap.
    m = n - samples(snap)
    crack = times(svf(white(m, rng), 6500, 0.7, "lp"), decay(m, 0.015, 0.0005))
    boom = drive(thump(m, 120, 24, 0.16, 0.7), 2.4)
    sub = times(sine(exp_sweep(m, 75, 17, 0.7), m), decay(m, 1.1, 0.004))
    roar = times(svf(white(m, rng), exp_sweep(m, 6000, 110, 0.4), 0.8, "lp"), decay(m, 0.55, 0.004))
    rumble = svf(svf(white(m, rng), 130, 0.8, "lp"), 130, 0.8, "lp")
    rumble = times(scaled(rumble, 7.0), decay(m, 1.0, 0.05))
    shatter = svf(grains(m, rng, 340, 0.0, 0.9, (0.0003, 0.002), 2.0), 4200, 0.8, "hp")
    shards = silence(m)
    for at, f in ((0.02, 2890), (0.09, 3710), (0.16, 2240), (0.27, 4480), (0.4, 3150)):
        mix_into(shards, modal(m, [(f, 0.5, 0.12), (f * 1.53, 0.3, 0.08)], at), 0, 0.5)
    debris = times(svf(grains(m, rng, 200, 0.2, 2.1, (0.0005, 0.004), 2.0), 1500, 0.7, "hp"),
                   decay(m, 0.7, 0.01, 0.1))  # fmt: skip
    blast = layer(
        m,
        (crack, 0.8), (boom, 1.0), (sub, 0.8), (roar, 0.8), (rumble, 0.8),
        (shatter, 0.4), (shards, 0.25), (debris, 0.35),
    )  # fmt: skip
    dry = layer(n, (implosion, 0.7), (blast, 1.0, snap))
    wet = with_room(dry, 0.35, rt60=2.0, size=1.5, tone=2500)
    return times(wet, lines(n, [(0, 1.0), (2.4, 1.0), (3.0, 0.0)]))  # the rumble rolls away


def gate_locked() -> Signal:
    """A keypad refusing the code: a key's tick and two flat, sour buzzes."""
    rng = random.Random(2626)
    n = samples(0.3)
    tick = times(svf(white(n, rng), 3500, 0.8, "hp"), decay(n, 0.003, 0.0003))
    tone = layer(
        n, (square(196.0, n, 5.0), 0.6), (square(207.7, n, 5.0), 0.5), (saw(392.0, n), 0.2)
    )
    tone = svf(tone, 2400, 0.8, "lp")
    gate = lines(
        n,
        [
            (0.01, 0),
            (0.015, 1),
            (0.115, 1),
            (0.12, 0),
            (0.16, 0),
            (0.165, 1),
            (0.265, 1),
            (0.27, 0),
        ],
    )
    return layer(n, (tick, 0.35), (times(tone, gate), 1.0))


def gate_open() -> Signal:
    """A blast door: two heavy bolts thrown, a hydraulic hiss, the slab grinding aside."""
    rng = random.Random(2727)
    n = samples(0.8)
    bolts = layer(
        n,
        (metal_clack(n, rng, 330, 0.004, 2.2, ring=1.6), 1.0),
        (metal_clack(n, rng, 290, 0.1, 2.2, ring=1.6), 0.9),
    )
    thuds = silence(n)
    for at in (0.004, 0.1):
        m = n - samples(at)
        mix_into(thuds, drive(thump(m, 110, 42, 0.02, 0.07), 1.8), samples(at))
    hiss = svf(white(n, rng), 3800, 0.7, "hp")
    hiss = times(hiss, lines(n, [(0.13, 0), (0.16, 1.0), (0.3, 0.5), (0.5, 0.0)]))
    grind = slide_scrape(n, rng, 0.16, 0.78, 380)
    groan = svf(saw(times(pitch_lines(n, [(0.16, 74), (0.78, 58)]), jitter(n, rng, 12, 0.03)), n),
                320, 2.5, "bp")  # fmt: skip
    groan = times(groan, lines(n, [(0.16, 0), (0.25, 1.0), (0.65, 0.8), (0.78, 0.0)]))
    rumble = times(svf(held_noise(n, rng, 30, 120), 160, 0.8, "lp"),
                   lines(n, [(0.16, 0), (0.3, 1.0), (0.7, 0.7), (0.79, 0.0)]))  # fmt: skip
    dry = layer(
        n, (bolts, 1.0), (thuds, 0.8), (hiss, 0.18), (grind, 0.6), (groan, 0.5), (rumble, 1.2)
    )
    return with_room(dry, 0.25, rt60=0.9, size=1.2, tone=2500)


def pickup() -> Signal:
    """Gear taken up: a strap's rustle, a buckle's clack, a small bright confirmation."""
    rng = random.Random(2828)
    n = samples(0.3)
    rustle = times(svf(white(n, rng), 2600, 1.0, "bp"), grains_gate(n, rng, 0.0, 0.09))
    clack = metal_clack(n, rng, 1150, 0.045, 0.7, ring=0.7)
    chime_ = layer(n, (chime(n, 1046.5, 0.09, 0.05), 0.7), (chime(n, 1568.0, 0.15, 0.07), 0.9))
    return layer(n, (rustle, 0.5), (clack, 0.9), (chime_, 0.3))


def blade() -> Signal:
    """Rita's blade: a heavy swoosh of air and a thin ring of steel left hanging after it."""
    rng = random.Random(2929)
    n = samples(0.3)
    sweep = pitch_lines(n, [(0, 420), (0.09, 2400), (0.3, 600)])
    swoosh = times(
        svf(white(n, rng), sweep, 1.6, "bp"), curved(lines(n, [(0, 0), (0.09, 1), (0.3, 0)]), 1.5)
    )
    air = times(svf(white(n, rng), 380, 0.7, "lp"), lines(n, [(0, 0), (0.08, 1.0), (0.28, 0.0)]))
    body = thump(n, 140, 70, 0.03, 0.05)
    shing = times(svf(white(n, rng), 5500, 0.8, "hp"), decay(n, 0.02, 0.004, 0.05))
    ring_ = modal(
        n, [(1730, 0.3, 0.16), (2750, 0.25, 0.12), (4180, 0.15, 0.09), (5610, 0.08, 0.06)], 0.05
    )
    return layer(n, (swoosh, 1.0), (air, 0.7), (body, 0.35), (shing, 0.2), (ring_, 0.22))


def grenade_throw() -> Signal:
    """A grenade thrown: the pin's ping, the spoon flicking off, a short whoosh away."""
    rng = random.Random(3030)
    n = samples(0.25)
    ping = layer(n, (modal(n, [(3300, 0.5, 0.04), (4950, 0.3, 0.03)], 0.002), 1.0),
                 (metal_clack(n, rng, 2900, 0.002, 0.2, ring=0.3), 0.5))  # fmt: skip
    spoon = metal_clack(n, rng, 2200, 0.05, 0.3, ring=0.5)
    sweep = pitch_lines(n, [(0.07, 500), (0.15, 1900), (0.25, 800)])
    whoosh = times(svf(white(n, rng), sweep, 1.4, "bp"),
                   curved(lines(n, [(0.07, 0), (0.15, 1), (0.25, 0)]), 1.4))  # fmt: skip
    return layer(n, (ping, 0.6), (spoon, 0.7), (whoosh, 0.9))


def rita_shot() -> Signal:
    """Rita's rifle: lighter and snappier than Cage's heavy gun, with a thin electric zip."""
    rng = random.Random(3131)
    n = samples(0.25)
    crack = times(svf(white(n, rng), 3200, 0.7, "hp"), decay(n, 0.004, 0.0003))
    blast = times(svf(white(n, rng), 1250, 1.1, "bp"), decay(n, 0.018, 0.0008))
    punch = drive(thump(n, 440, 150, 0.008, 0.016), 2.2)
    sub_thump = thump(n, 200, 72, 0.014, 0.03)
    zip_ = times(sine(exp_sweep(n, 3400, 900, 0.012), n), decay(n, 0.02, 0.0005))
    ring_ = modal(n, [(1820, 0.3, 0.03), (2710, 0.2, 0.025), (4030, 0.1, 0.02)], 0.003)
    dry = layer(
        n, (crack, 0.9), (blast, 0.8), (punch, 0.5), (sub_thump, 0.6), (zip_, 0.18), (ring_, 0.12)
    )
    wet = with_room(dry, 0.18, rt60=0.25, size=0.4, tone=3500)
    return drive(lowpass1(wet, 9000), 1.4)


# --- The other Mimic kinds ------------------------------------------------------------------


def bubbles(n: int, rng: random.Random, count: int, start: float, end: float, lo: float, hi: float):
    """Wet bubbles bursting: tiny sine blips whose pitch jumps up as each one pops."""
    out = silence(n)
    for _ in range(count):
        at = start + (end - start) * rng.random()
        f = lo * (hi / lo) ** rng.random()
        m = samples(0.012 + 0.018 * rng.random())
        blip = times(sine(pitch_lines(m, [(0, f), (m / SR, f * 2.2)]), m), decay(m, 0.006, 0.001))
        mix_into(out, blip, samples(at), 0.5 + 0.5 * rng.random())
    return out


def spitter_spit() -> Signal:
    """A wet, gurgling hock: acid bubbling up the throat, a hard retch and the glob spat out."""
    rng = random.Random(3232)
    n = samples(0.55)
    gurgle_env = lines(n, [(0, 0), (0.04, 0.6), (0.2, 1.0), (0.24, 0.2), (0.3, 0.0)])
    throat = svf(white(n, rng), pitch_lines(n, [(0, 380), (0.22, 900)]), 6.0, "bp")
    flutter = [
        0.5 + 0.5 * math.sin(TAU * 34 * i / SR + 3 * v)
        for i, v in enumerate(jitter(n, rng, 20, 1.0))
    ]
    gurgle = times(times(throat, flutter), gurgle_env)
    pops = bubbles(n, rng, 22, 0.02, 0.24, 300, 1100)
    # The hock: a rasping burst of breath through a narrowing throat, then the wet release.
    rasp = formants(held_noise(n, rng, 1, 4), [(1300, 3.0, 1.0), (2500, 4.0, 0.6), (600, 2.0, 0.5)])
    rasp = times(rasp, lines(n, [(0.21, 0), (0.23, 1.0), (0.3, 0.6), (0.36, 0.0)]))
    spit = svf(white(n, rng), exp_sweep(n, 4500, 900, 0.03), 1.2, "bp")
    spit = times(spit, decay(n, 0.035, 0.001, 0.3))
    kick = drive(times(sine(exp_sweep(n, 180, 70, 0.02), n), decay(n, 0.04, 0.001, 0.3)), 1.8)
    splat = bubbles(n, rng, 9, 0.31, 0.45, 700, 2000)
    dry = layer(
        n, (gurgle, 0.7), (pops, 0.35), (rasp, 1.0), (spit, 0.9), (kick, 0.35), (splat, 0.3)
    )
    return with_room(dry, 0.12, rt60=0.35, size=0.5)


def acid_splash() -> Signal:
    """Acid hitting the ground: a wet slap, then a hiss and crackle as it eats into what it hit."""
    rng = random.Random(3333)
    n = samples(1.0)
    slap = times(
        svf(white(n, rng), exp_sweep(n, 3000, 500, 0.03), 1.0, "lp"), decay(n, 0.03, 0.001)
    )
    body = drive(thump(n, 160, 60, 0.02, 0.05), 1.6)
    squelch = times(
        svf(white(n, rng), exp_sweep(n, 1800, 400, 0.05), 4.0, "bp"), decay(n, 0.06, 0.003)
    )
    hiss_env = lines(n, [(0.0, 0.0), (0.04, 1.0), (0.3, 0.7), (1.0, 0.0)])
    hiss = times(svf(white(n, rng), 5200, 0.8, "hp"), curved(hiss_env, 1.3))
    crackle = svf(grains(n, rng, 420, 0.03, 0.95, (0.0002, 0.0009), 1.7), 3800, 0.8, "hp")
    pops = bubbles(n, rng, 30, 0.05, 0.8, 900, 3000)
    dry = layer(
        n, (slap, 0.7), (body, 0.6), (squelch, 0.7), (hiss, 0.25), (crackle, 0.55), (pops, 0.2)
    )
    return with_room(dry, 0.1, rt60=0.4, size=0.6)


def burrower_tunnel() -> Signal:
    """Something big digging just under the sand: a low rumble, grinding plates, sand pouring."""
    rng = random.Random(3434)
    n = samples(1.05)
    env = lines(n, [(0, 0), (0.18, 1.0), (0.85, 0.9), (1.05, 0.0)])
    rumble = scaled(svf(svf(white(n, rng), 95, 0.9, "lp"), 95, 0.9, "lp"), 5.0)
    heave = [0.6 + 0.4 * math.sin(TAU * 3.2 * i / SR) for i in range(n)]
    grind = times(
        svf(held_noise(n, rng, 8, 40), 320, 2.0, "bp"),
        [0.4 + 0.6 * abs(v) for v in jitter(n, rng, 18, 1.0)],
    )
    groan = svf(
        saw(times(pitch_lines(n, [(0, 46), (1.05, 40)]), jitter(n, rng, 8, 0.05)), n),
        260,
        1.5,
        "lp",
    )
    pour = svf(grains(n, rng, 700, 0.0, 1.05, (0.0004, 0.002), 1.0), 2600, 0.8, "bp")
    chunks = times(svf(white(n, rng), 700, 1.2, "bp"), grains_gate(n, rng, 0.1, 0.95))
    dry = layer(
        n, (drive(rumble, 2.0), 0.8), (grind, 1.0), (groan, 0.35), (pour, 0.75), (chunks, 0.5)
    )
    return with_room(times(times(dry, env), heave), 0.15, rt60=0.5, size=0.8, tone=2200)


def burrower_erupt() -> Signal:
    """The digger bursts out: the ground blows open in a spray of sand, and it shrieks."""
    rng = random.Random(3535)
    n = samples(1.1)
    boom = drive(thump(n, 140, 36, 0.05, 0.18), 2.2)
    blast = times(
        svf(white(n, rng), exp_sweep(n, 6000, 400, 0.08), 0.8, "lp"), decay(n, 0.09, 0.001)
    )
    spray = svf(grains(n, rng, 420, 0.0, 0.75, (0.0004, 0.003), 2.0), 2400, 0.7, "hp")
    patter = svf(grains(n, rng, 160, 0.25, 1.0, (0.0005, 0.002), 1.2), 1800, 0.9, "bp")
    contour = pitch_lines(n, [(0.04, 420), (0.16, 1500), (0.45, 1150), (0.8, 520), (1.0, 380)])
    cry = screech(n, rng, contour, 2.8)
    cry = formants(cry, [(1500, 1.5, 1.0), (2900, 3.0, 0.5), (800, 2.0, 0.4)])
    cry = drive(times(cry, lines(n, [(0.04, 0), (0.1, 1.0), (0.5, 0.8), (0.95, 0.0)])), 2.0)
    dry = layer(n, (boom, 1.0), (blast, 0.8), (spray, 0.5), (patter, 0.25), (cry, 0.55))
    return with_room(dry, 0.2, rt60=0.7, size=1.0, tone=2800)


def carapace_deflect() -> Signal:
    """A round glancing off bone plate: a hard knock, the plate's short dry ring and the round
    whining away."""
    rng = random.Random(3636)
    n = samples(0.6)
    tick = times(svf(white(n, rng), 3200, 0.8, "hp"), decay(n, 0.003, 0.0003))
    knock = drive(thump(n, 420, 160, 0.008, 0.03), 1.5)
    # Bone rings lower and duller than steel: modes close together, dying fast.
    plate = modal(n, [(1180, 0.5, 0.09), (1730, 0.4, 0.07), (2610, 0.3, 0.05), (3890, 0.2, 0.035)])
    f = exp_sweep(n, 4200, 1900, 0.18)
    whine = times(
        sine(times(f, jitter(n, rng, 40, 0.01)), n),
        lines(n, [(0.01, 0), (0.025, 1.0), (0.2, 0.45), (0.5, 0.0)]),
    )
    grit = svf(grains(n, rng, 16, 0.002, 0.05, (0.0003, 0.001), 1.5), 3000, 0.8, "hp")
    dry = layer(n, (tick, 0.8), (knock, 0.8), (plate, 0.6), (whine, 0.28), (grit, 0.3))
    return with_room(dry, 0.18, rt60=0.5, size=0.7, tone=5000)


def carapace_charge() -> Signal:
    """A shielded bulk breaking into a run: heavy feet pounding faster, the shield's edge scraping
    along the ground, a rush of air and a low bellow."""
    rng = random.Random(3737)
    n = samples(1.1)
    steps = silence(n)
    for i, at in enumerate((0.0, 0.2, 0.36, 0.49, 0.6, 0.7, 0.79, 0.87)):
        m = samples(0.25)
        hit = layer(
            m,
            (drive(thump(m, 120, 40, 0.02, 0.07), 2.0), 0.7),
            (thump(m, 320, 140, 0.008, 0.02), 0.5),  # the knock that carries on small speakers
            (times(svf(white(m, rng), 900, 0.8, "lp"), decay(m, 0.02, 0.001)), 0.7),
        )
        mix_into(steps, hit, samples(at), 0.4 + 0.05 * i)
    scrape = slide_scrape(n, rng, 0.15, 1.08, 520)
    scrape = layer(n, (scrape, 1.0), (slide_scrape(n, rng, 0.25, 1.05, 1500), 0.4))
    rush = svf(white(n, rng), pitch_lines(n, [(0, 300), (0.9, 1400), (1.1, 600)]), 1.2, "bp")
    rush = times(rush, curved(lines(n, [(0, 0), (0.85, 1.0), (1.1, 0.0)]), 1.6))
    f = times(pitch_lines(n, [(0.1, 70), (0.7, 95), (1.1, 75)]), jitter(n, rng, 20, 0.05))
    bellow = formants(saw(f, n), [(450, 3.0, 1.0), (900, 4.0, 0.5)])
    bellow = drive(times(bellow, lines(n, [(0.1, 0), (0.3, 0.8), (0.9, 1.0), (1.1, 0.0)])), 2.0)
    dry = layer(n, (steps, 1.0), (scrape, 0.9), (rush, 0.6), (bellow, 0.4))
    return with_room(dry, 0.15, rt60=0.5, size=0.8, tone=3000)


def mite_swarm() -> Signal:
    """A swarm of mites: hundreds of tiny legs rustling, mandibles clicking, thin chirps."""
    rng = random.Random(3838)
    n = samples(1.0)
    env = lines(n, [(0, 0), (0.12, 1.0), (0.85, 0.9), (1.0, 0.0)])
    rustle = svf(white(n, rng), 3400, 1.0, "bp")
    rustle = times(rustle, [0.3 + 0.7 * abs(v) ** 2 for v in jitter(n, rng, 70, 1.0)])
    clicks = svf(grains(n, rng, 900, 0.0, 1.0, (0.0002, 0.0007)), 4200, 1.5, "bp")
    chirps = silence(n)
    for _ in range(28):
        at = rng.random() * 0.92
        m = samples(0.02 + 0.03 * rng.random())
        f0 = 2200 + 2200 * rng.random()
        chirp = times(
            sine(pitch_lines(m, [(0, f0), (m / SR, f0 * 0.7)]), m), decay(m, 0.008, 0.002)
        )
        chitter = [0.5 + 0.5 * math.sin(TAU * 180 * i / SR) for i in range(m)]
        mix_into(chirps, times(chirp, chitter), samples(at), 0.3 + 0.4 * rng.random())
    patter = svf(grains(n, rng, 300, 0.0, 1.0, (0.0005, 0.0015)), 1300, 1.0, "bp")
    dry = layer(n, (rustle, 0.35), (clicks, 0.8), (chirps, 0.35), (patter, 0.5))
    return with_room(times(dry, env), 0.15, rt60=0.35, size=0.6, tone=6000)


def hulk_roar() -> Signal:
    """The beach's brute: a colossal, chesty roar with a rattling, furnace-throated growl and a
    sub that shakes the sand."""
    rng = random.Random(3939)
    n = samples(1.9)
    contour = pitch_lines(n, [(0, 62), (0.2, 96), (0.9, 88), (1.5, 64), (1.9, 50)])
    cry = screech(n, rng, [f * 2 for f in contour], 3.5)
    growl = saw(times(contour, jitter(n, rng, 14, 0.06)), n)
    rattle = [0.55 + 0.45 * math.sin(TAU * 23 * i / SR) for i in range(n)]
    throat = times(layer(n, (cry, 0.6), (growl, 1.0)), rattle)
    vowel_1 = lines(n, [(0, 380), (0.25, 620), (1.2, 540), (1.9, 330)])
    vowel_2 = lines(n, [(0, 800), (0.25, 1050), (1.2, 950), (1.9, 700)])
    voice = layer(
        n,
        (svf(throat, vowel_1, 3.0, "bp"), 1.0),
        (svf(throat, vowel_2, 4.0, "bp"), 0.6),
        (svf(throat, 2100, 3.0, "bp"), 0.2),
        (svf(throat, 220, 0.8, "lp"), 0.45),
    )
    breath = times(
        svf(white(n, rng), 900, 0.8, "bp"), lines(n, [(0, 0), (0.1, 1), (1.6, 0.6), (1.9, 0)])
    )
    sub = sine([f * 0.5 for f in contour], n)
    env = lines(n, [(0, 0), (0.1, 1.0), (1.2, 0.85), (1.9, 0.0)])
    roar = drive(times(layer(n, (voice, 1.2), (breath, 0.3), (sub, 0.3)), env), 2.6)
    return with_room(roar, 0.3, rt60=1.2, size=1.3, tone=3000)


def hulk_slam() -> Signal:
    """Both fists into the ground: a ground-shaking thud, the crack of it breaking, and debris
    raining back down."""
    rng = random.Random(4040)
    n = samples(1.5)
    crack = times(svf(white(n, rng), 4500, 0.7, "lp"), decay(n, 0.012, 0.0005))
    thud = drive(thump(n, 95, 24, 0.06, 0.3), 2.6)
    sub = times(sine(exp_sweep(n, 48, 26, 0.25), n), decay(n, 0.6, 0.003))
    body = times(
        svf(white(n, rng), exp_sweep(n, 2500, 150, 0.08), 0.8, "lp"), decay(n, 0.12, 0.001)
    )
    rumble = times(
        scaled(svf(svf(white(n, rng), 120, 0.8, "lp"), 120, 0.8, "lp"), 6.0), decay(n, 0.5, 0.01)
    )
    debris = svf(grains(n, rng, 260, 0.08, 1.35, (0.0005, 0.004), 2.0), 1600, 0.7, "hp")
    debris = times(debris, decay(n, 0.45, 0.01, 0.06))
    clods = silence(n)
    for _ in range(14):
        at = 0.15 + rng.random() * 0.9
        m = samples(0.06)
        clod = times(
            svf(white(m, rng), 500 + 600 * rng.random(), 1.2, "bp"), decay(m, 0.012, 0.001)
        )
        mix_into(clods, clod, samples(at), 0.3 + 0.5 * rng.random())
    dry = layer(
        n,
        (crack, 1.0),
        (thud, 1.0),
        (sub, 0.7),
        (body, 1.0),
        (rumble, 0.7),
        (debris, 0.7),
        (clods, 0.8),
    )
    return with_room(dry, 0.28, rt60=1.3, size=1.3, tone=2400)


def brood_screech() -> Signal:
    """The broodmother keening: a high, wavering wail with a second voice beating against it."""
    rng = random.Random(4141)
    n = samples(1.5)
    contour = pitch_lines(n, [(0, 700), (0.25, 1250), (0.7, 1150), (1.1, 1320), (1.5, 900)])
    vibrato = [1.0 + 0.025 * math.sin(TAU * (5.5 * i / SR + 0.6 * (i / SR) ** 2)) for i in range(n)]
    f = times(contour, vibrato)
    cry = screech(n, rng, f, 1.6)
    second = screech(n, rng, [v * 1.06 for v in f], 1.2)  # a semitone off: the beating keen
    voice = formants(
        layer(n, (cry, 1.0), (second, 0.6)), [(1300, 2.0, 1.0), (2600, 3.0, 0.6), (3800, 4.0, 0.25)]
    )
    air = times(
        svf(white(n, rng), 3000, 1.5, "bp"), lines(n, [(0, 0), (0.2, 1), (1.3, 0.6), (1.5, 0)])
    )
    env = lines(n, [(0, 0), (0.15, 0.8), (0.5, 1.0), (1.2, 0.85), (1.5, 0.0)])
    keen = drive(times(layer(n, (voice, 1.0), (air, 0.12)), env), 1.8)
    return with_room(keen, 0.35, rt60=1.4, size=1.3, tone=4500)


def brood_birth() -> Signal:
    """A sac bursting: the membrane tearing, a wet gush, and the newborn mites' first chitter."""
    rng = random.Random(4242)
    n = samples(1.0)
    pop = 0.05  # the sac gives way
    strain = times(svf(white(n, rng), pitch_lines(n, [(0, 300), (pop, 700)]), 5.0, "bp"),
                   lines(n, [(0, 0), (pop - 0.01, 0.7), (pop + 0.01, 0.0)]))  # fmt: skip
    tear = svf(held_noise(n, rng, 1, 6), 2000, 0.8, "bp")
    tear = times(tear, times(grains_gate(n, rng, pop, 0.22), lines(n, [(pop, 1), (0.22, 0.3)])))
    rest = n - samples(pop)
    burst = drive(thump(rest, 150, 50, 0.04, 0.08), 2.2)
    gush = times(
        svf(white(rest, rng), exp_sweep(rest, 2600, 300, 0.12), 1.5, "lp"), decay(rest, 0.18, 0.004)
    )
    squelch = times(
        svf(white(rest, rng), exp_sweep(rest, 1600, 300, 0.07), 5.0, "bp"), decay(rest, 0.1, 0.003)
    )
    drip = bubbles(n, rng, 26, 0.1, 0.7, 400, 1600)
    chitter = silence(n)
    for _ in range(12):
        at = 0.35 + rng.random() * 0.5
        m = samples(0.03)
        f0 = 2600 + 1800 * rng.random()
        blip = times(sine(pitch_lines(m, [(0, f0), (0.03, f0 * 0.75)]), m), decay(m, 0.01, 0.002))
        mix_into(chitter, blip, samples(at), 0.4 + 0.4 * rng.random())
    dry = layer(
        n,
        (strain, 0.5),
        (tear, 0.9),
        (burst, 0.55, pop),
        (gush, 1.0, pop),
        (squelch, 0.8, pop),
        (drip, 0.3),
        (chitter, 0.3),
    )
    return with_room(dry, 0.18, rt60=0.5, size=0.8, tone=3500)


EFFECTS = {
    "shot": shot,
    "shot_b": shot_b,
    "shot_c": shot_c,
    "dry_fire": dry_fire,
    "reload_start": reload_start,
    "reload_done": reload_done,
    "hit_mimic": hit_mimic,
    "hit_wall": hit_wall,
    "mimic_die": mimic_die,
    "mimic_emerge": mimic_emerge,
    "mimic_windup": mimic_windup,
    "mimic_lunge": mimic_lunge,
    "cage_hurt": cage_hurt,
    "cage_die": cage_die,
    "dash": dash,
    "explosion": explosion,
    "footstep_sand": footstep_sand,
    "footstep_sand_b": footstep_sand_b,
    "footstep_dirt": footstep_dirt,
    "footstep_dirt_b": footstep_dirt_b,
    "footstep_concrete": footstep_concrete,
    "footstep_concrete_b": footstep_concrete_b,
    "footstep_metal": footstep_metal,
    "footstep_metal_b": footstep_metal_b,
    "footstep_wood": footstep_wood,
    "footstep_wood_b": footstep_wood_b,
    "footstep_water": footstep_water,
    "footstep_water_b": footstep_water_b,
    "ui_move": ui_move,
    "ui_select": ui_select,
    "ui_back": ui_back,
    "loop_reset": loop_reset,
    "alpha_roar": alpha_roar,
    "omega_pulse": omega_pulse,
    "charge_arm": charge_arm,
    "charge_beep": charge_beep,
    "omega_death": omega_death,
    "gate_locked": gate_locked,
    "gate_open": gate_open,
    "pickup": pickup,
    "blade": blade,
    "grenade_throw": grenade_throw,
    "rita_shot": rita_shot,
    "spitter_spit": spitter_spit,
    "acid_splash": acid_splash,
    "burrower_tunnel": burrower_tunnel,
    "burrower_erupt": burrower_erupt,
    "carapace_deflect": carapace_deflect,
    "carapace_charge": carapace_charge,
    "mite_swarm": mite_swarm,
    "hulk_roar": hulk_roar,
    "hulk_slam": hulk_slam,
    "brood_screech": brood_screech,
    "brood_birth": brood_birth,
}


# --- Music: the engine ----------------------------------------------------------------------
# The music is rendered with numpy at the mixer's rate, in stereo. A loop is built circularly:
# every note, echo and reverb tail that runs past the loop's end lands back on its start, and
# the FFT filters and convolutions are circular by nature, so the seam is seamless by
# construction (no fade, no dip). Instruments render mono notes once per (pitch, length) and
# cache them; a Bus places them in the stereo field with a send to a room and a hall.

MSR = 44100  # the rate the music is rendered at (the mixer's)
MUSIC_RATE = 22050  # the rate its files hold: half the bytes, and Vorbis's smallest setting
# libsndfile's scale, 0 best .. 1 smallest. 0.95 is Vorbis quality 0.05: at 22050 Hz libvorbis
# makes its smallest files there, smaller than at quality 0 (measured on these scores).
MUSIC_LEVEL = 0.95
# A score's stem holds its loop with this many samples of the loop's own end before it and of its
# start after it. The game cuts them off once the file is decoded (game/audio.py STEM_MARGIN):
# they keep Vorbis's errors at a file's ends, and SDL's resampling of the file's last samples
# (it drops some), out of the loop the game plays.
STEM_MARGIN = 1024
TAIL = 0.05  # seconds of silence after music played once: SDL drops the last samples it resamples
SEAM_ATTEMPTS = 64
OGG_BLOCK = 8192  # frames per write: one huge write crashes libsndfile's Vorbis encoder
if np is not None:  # without numpy only the effects can be rendered (as the drift test does)
    Mono = np.ndarray  # float64 samples at MSR
    Stereo = np.ndarray  # shape (2, n)
    Gain = Callable[[np.ndarray], np.ndarray]  # a filter's gain at each frequency (Hz)
    Pitch = float | np.ndarray  # Hz: a constant, or a contour with one value per sample


def ms(seconds: float) -> int:
    """Seconds to samples at the music's rate."""
    return int(round(seconds * MSR))


def clock(n: int) -> Mono:
    return np.arange(n, dtype=np.float64) / MSR


def midi_hz(note: float) -> float:
    return 440.0 * 2.0 ** ((note - 69) / 12.0)


def frozen(x: np.ndarray) -> np.ndarray:
    """Cached renders are shared: make an accidental in-place edit fail loudly."""
    x.flags.writeable = False
    return x


def env_lines(n: int, points: list[tuple[float, float]]) -> Mono:
    """Piecewise-linear contour through (seconds, value) points; holds the end values."""
    at = np.array([p[0] for p in points]) * MSR
    return np.interp(np.arange(n), at, np.array([p[1] for p in points], dtype=np.float64))


def env_strike(n: int, tau: float, attack: float = 0.002) -> Mono:
    """Linear attack, exponential decay; the last 5 ms ramp to zero so a cut never clicks."""
    t = clock(n)
    a = max(attack, 1.0 / MSR)
    env = np.where(t < a, t / a, np.exp(-(t - a) / tau))
    r = min(n, ms(0.005))
    env[n - r :] *= np.linspace(1.0, 0.0, r)
    return env


def env_note(n: int, attack: float, length: int, release: float, sustain: float = 1.0) -> Mono:
    """Attack to 1, ease to sustain while held (length samples), release after note-off."""
    held = max(length / MSR, attack)
    return env_lines(n, [(0, 0), (attack, 1.0), (held, sustain), (held + release, 0.0)])


def phase_of(freq: Pitch, n: int) -> Mono:
    """Running phase in cycles of a constant frequency or a per-sample contour."""
    if np.ndim(freq) == 0:
        return float(freq) * clock(n)
    return np.cumsum(np.asarray(freq, dtype=np.float64)[:n]) / MSR


def osc_sine(freq: Pitch, n: int, phase: float = 0.0) -> Mono:
    return np.sin(TAU * (phase_of(freq, n) + phase))


def osc_saw(
    freq: Pitch,
    n: int,
    cutoff: Pitch = 20000.0,
    odd: bool = False,
    res: float = 0.0,
    phase: float = 0.0,
    reach: float = 5.0,
) -> Mono:
    """A band-limited saw (odd=True: a square) summed from its harmonics, each weighted 1/k and by
    a two-pole low-pass at `cutoff` (Hz, or a per-sample contour) with a resonant bump `res`.

    Summing harmonics is a filter sweep with no recursion and no aliasing at any pitch; `reach`
    is how far past the cutoff harmonics are still worth computing. sin(k x) comes from the two
    before it (Chebyshev's recurrence), and a moving filter's gains are worked out every 32
    samples and interpolated: both only to make it fast.
    """
    theta = TAU * (phase_of(freq, n) + phase)
    top = float(np.max(freq))
    moving = np.ndim(cutoff) > 0 or np.ndim(freq) > 0
    if moving:
        pos = np.arange(0, n + 64, 32).clip(max=n - 1)
        f_ctrl = np.broadcast_to(np.asarray(freq, dtype=np.float64), (n,))[pos]
        c_ctrl = np.broadcast_to(np.asarray(cutoff, dtype=np.float64), (n,))[pos]
        ratio = f_ctrl / c_ctrl
    else:
        ratio = float(freq) / float(cutoff)
    limit = min(0.45 * MSR, float(np.max(cutoff)) * reach)
    out = np.zeros(n)
    twice_cos = 2.0 * np.cos(theta)
    before, now = np.zeros(n), np.sin(theta)
    for k in range(1, max(2, int(limit // top) + 1)):
        if k > 1:
            before, now = now, twice_cos * now - before
        if odd and k % 2 == 0:
            continue
        r2 = (k * ratio) ** 2
        g = 1.0 / np.sqrt(1.0 + r2 * r2)
        if res:
            g = g * (1.0 + res * np.exp(-((0.5 * np.log(r2 + 1e-12) / 0.35) ** 2)))
        if moving:
            out += upsampled(g / k, n) * now
        else:
            out += (g / k) * now
    return out


def upsampled(control: Mono, n: int) -> Mono:
    """A control curve taken every 32 samples, drawn back out to n samples in straight lines."""
    w = np.arange(32) / 32.0
    return (control[:-1, None] * (1.0 - w) + control[1:, None] * w).ravel()[:n]


def sweep_exp(n: int, start: float, end: float, tau: float) -> Mono:
    """A value falling (or rising) exponentially from start towards end: drum pitch drops."""
    return end + (start - end) * np.exp(-clock(n) / tau)


def noise(n: int, seed: int) -> Mono:
    return np.random.default_rng(seed).uniform(-1.0, 1.0, n)


def fast_len(n: int) -> int:
    """The smallest length of at least n with no prime factor above 5: an FFT's quick sizes."""
    best = 1 << max(0, n - 1).bit_length()
    f5 = 1
    while f5 < best:
        f35 = f5
        while f35 < best:
            m = f35
            while m < n:
                m *= 2
            best = min(best, m)
            f35 *= 3
        f5 *= 5
    return best


def spectral(x: Mono, gain: Gain, pad: float = 0.0) -> Mono:
    """Zero-phase filtering by FFT with gain(frequencies). With no pad it is circular, so a loop
    keeps its seam (a loop's length is chosen to be a quick FFT size); with `pad` seconds of
    silence after it, a sound that plays once does not wrap its tail onto its start."""
    n = len(x)
    size = n if not pad else fast_len(n + ms(pad))
    f = np.fft.rfftfreq(size, 1.0 / MSR)
    return np.fft.irfft(np.fft.rfft(x, size) * gain(f), size)[:n]


def lp(fc: float, order: int = 2) -> Gain:
    return lambda f: 1.0 / np.sqrt(1.0 + (f / fc) ** (2 * order))


def hp(fc: float, order: int = 2) -> Gain:
    return lambda f: 1.0 / np.sqrt(1.0 + (fc / np.maximum(f, 1e-3)) ** (2 * order))


def bp(fc: float, q: float) -> Gain:
    return lambda f: 1.0 / np.sqrt(1.0 + q * q * (f / fc - fc / np.maximum(f, 1e-3)) ** 2)


def both(*gains: Gain) -> Gain:
    def gain(f):
        out = np.ones_like(f)
        for g in gains:
            out = out * g(f)
        return out

    return gain


def colored(n: int, seed: int, gain: Gain) -> Mono:
    """Filtered noise at a fixed loudness (RMS 0.3), whatever its bandwidth."""
    y = spectral(noise(n, seed), gain)
    return y * (0.3 / (float(np.sqrt(np.mean(y * y))) or 1.0))


def swept(n: int, seed: int, cutoff: Mono, q: float | None = None) -> Mono:
    """Noise through a low-pass (or a band-pass of width q) whose corner follows `cutoff`, one
    overlapping 2048-sample frame at a time: risers, whooshes, scrapes."""
    win, hop = 2048, 1024
    x = np.concatenate([np.zeros(win), noise(n, seed), np.zeros(win)])
    w = np.hanning(win + 1)[:-1]  # periodic Hann: frames half a window apart sum to one
    f = np.fft.rfftfreq(win, 1.0 / MSR)
    out = np.zeros(len(x))
    for p in range(0, len(x) - win + 1, hop):
        fc = float(cutoff[min(max(p + hop - win, 0), n - 1)])
        g = bp(fc, q)(f) if q else lp(fc)(f)
        out[p : p + win] += np.fft.irfft(np.fft.rfft(x[p : p + win] * w) * g, win)
    y = out[win : win + n]
    return y * (0.3 / (float(np.sqrt(np.mean(y * y))) or 1.0))


def ring(n: int, modes: list[tuple[float, float, float]]) -> Mono:
    """Sum of exponentially decaying sines, (Hz, amplitude, tau): struck metal and glass."""
    t = clock(n)
    out = np.zeros(n)
    for f, a, tau in modes:
        if f < 0.45 * MSR:
            out += a * np.exp(-t / tau) * np.sin(TAU * f * t)
    return out


def thud(n: int, f0: float, f1: float, pitch_tau: float, amp_tau: float) -> Mono:
    """A sine whose pitch drops fast: the body of every drum and hit."""
    return osc_sine(sweep_exp(n, f0, f1, pitch_tau), n) * env_strike(n, amp_tau, 0.0015)


def fm(
    n: int,
    freq: float,
    ratio: float,
    index: float,
    tau: float,
    attack: float = 0.002,
    index_tau: float | None = None,
) -> Mono:
    """Two-operator FM: a bell (inharmonic ratio) or a tine (ratio 1) whose brightness fades."""
    t = clock(n)
    idx = index * env_strike(n, index_tau or tau * 0.4, attack)
    return env_strike(n, tau, attack) * np.sin(
        TAU * freq * t + idx * np.sin(TAU * freq * ratio * t)
    )


def sat(x: np.ndarray, amount: float) -> np.ndarray:
    """tanh saturation: harmonics that let low bodies read on small speakers; rounded peaks."""
    return np.tanh(amount * x)


def periodic(freq: float, loop: int) -> float:
    """Nudge a frequency so a whole number of cycles fits the loop: no seam in a held drone."""
    return max(1, round(freq * loop / MSR)) * MSR / loop


def pan_gains(pan: float) -> tuple[float, float]:
    """Constant-power pan, -1 left .. 1 right; the centre is unity on both sides."""
    theta = (max(-1.0, min(1.0, pan)) + 1.0) * math.pi / 4.0
    return math.cos(theta) * math.sqrt(2.0), math.sin(theta) * math.sqrt(2.0)


# --- Music: rooms ---------------------------------------------------------------------------


@cache
def space(rt60: float, seed: int, predelay: float = 0.015, bright: float = 1.0) -> Stereo:
    """A stereo impulse response: early reflections, then decaying noise whose highs die faster
    than its lows (air and walls eat them first). Left and right are different noise, which is
    what makes a reverb wide."""
    m = ms(min(rt60 * 1.1, 6.0))
    t = clock(m)
    rng = np.random.default_rng(seed)
    f = np.fft.rfftfreq(m, 1.0 / MSR)
    # Five bands with their own decay, split by smooth crossovers in log frequency.
    edges = (250.0, 900.0, 3000.0, 7000.0)
    decay_scale = (1.2, 1.0, 0.75, 0.5 * bright, 0.3 * bright)
    logf = np.log2(np.maximum(f, 1.0))
    cuts = [1.0 / (1.0 + np.exp(-(logf - math.log2(e)) * 4.0)) for e in edges]  # 0 below, 1 above
    masks = [1.0 - cuts[0]] + [cuts[i] - cuts[i + 1] for i in range(3)] + [cuts[3]]
    ir = np.zeros((2, m))
    for c in range(2):
        spectrum = np.fft.rfft(rng.standard_normal(m))
        tail = np.zeros(m)
        for mask, scale in zip(masks, decay_scale, strict=True):
            band = np.fft.irfft(spectrum * mask, m)
            tail += band * np.exp(-6.91 * t / (rt60 * scale))
        tail *= 1.0 - np.exp(-t / 0.025)  # the tail thickens as reflections multiply
        for _ in range(10):  # early reflections: a few discrete echoes off near walls
            at = ms(0.004 + 0.05 * rng.random())
            tail[at] += (0.5 + 0.8 * rng.random()) * (1.0 if rng.random() < 0.5 else -1.0)
        pre = ms(predelay) + c * ms(0.0013)  # a hair later on the right: a wider, less centred room
        ir[c, pre:] = tail[: m - pre]
    ir /= np.sqrt(np.sum(ir * ir, axis=1, keepdims=True))
    return frozen(ir)


def convolve(x: Stereo, ir: Stereo, loop: bool) -> Stereo:
    """Stereo convolution by FFT, each side fed mostly from its own side: circular for a loop
    (the tail wraps onto the start), linear and cut to length otherwise."""
    n, m = x.shape[1], ir.shape[1]
    size = fast_len(n + m)
    feed = np.stack([0.7 * x[0] + 0.3 * x[1], 0.7 * x[1] + 0.3 * x[0]])
    out = np.zeros((2, n))
    for c in range(2):
        y = np.fft.irfft(np.fft.rfft(feed[c], size) * np.fft.rfft(ir[c], size), size)
        out[c] = y[:n]
        if loop:  # what rings past the end wraps onto the start
            for start in range(n, n + m, n):
                tail = y[start : min(start + n, n + m)]
                out[c, : len(tail)] += tail
    return out


# --- Music: the mix bus ---------------------------------------------------------------------


class Bus:
    """A stereo mix being built: the dry signal, and sends to a short room and a long hall.

    In a loop (loop=True) whatever runs past the end is added onto the start.
    """

    def __init__(self, n: int, loop: bool, room: float = 0.9, hall: float = 2.8, seed: int = 1):
        self.n, self.loop = n, loop
        self.dry = np.zeros((2, n))
        self.sends = {"room": np.zeros((2, n)), "hall": np.zeros((2, n))}
        self.rooms = {"room": space(room, seed, 0.008), "hall": space(hall, seed + 1, 0.025)}

    def _place(self, buf: Stereo, x: Stereo, at: int) -> None:
        n, m = self.n, x.shape[1]
        if not self.loop:
            if at >= n or at + m <= 0:
                return
            lo = max(0, -at)
            hi = min(m, n - at)
            buf[:, at + lo : at + hi] += x[:, lo:hi]
            return
        at %= n
        done = 0
        while done < m:
            take = min(m - done, n - at)
            buf[:, at : at + take] += x[:, done : done + take]
            done += take
            at = 0

    def add(
        self,
        x: np.ndarray,
        at: int,
        gain: float = 1.0,
        pan: float = 0.0,
        room: float = 0.0,
        hall: float = 0.0,
    ) -> None:
        """Mix a mono sound (panned) or a stereo one (balanced by pan) in at sample `at`."""
        gl, gr = pan_gains(pan)
        if x.ndim == 1:
            st = np.stack([x * (gl * gain), x * (gr * gain)])
        else:
            st = np.stack([x[0] * (gl * gain), x[1] * (gr * gain)])
        self._place(self.dry, st, at)
        for name, amount in (("room", room), ("hall", hall)):
            if amount:
                self._place(self.sends[name], st * amount, at)

    def render(self) -> Stereo:
        out = self.dry.copy()
        for name, send in self.sends.items():
            if np.any(send):
                out += convolve(send, self.rooms[name], self.loop)
        return out


class Grid:
    """Where notes fall: bars of sixteen sixteenths, each a whole number of samples."""

    def __init__(self, sixteenth: int, beats: int = 4) -> None:
        self.sixteenth = sixteenth
        self.bar = sixteenth * 4 * beats
        self.beat = sixteenth * 4

    def at(self, bar: int, sixteenth: float = 0.0) -> int:
        return bar * self.bar + int(round(sixteenth * self.sixteenth))


def spans(chords: list) -> list[tuple[int, int, tuple]]:
    """Runs of the same chord: (first bar, bars, chord), so a held chord is one pad note."""
    out: list[tuple[int, int, tuple]] = []
    for b, chord in enumerate(chords):
        if out and out[-1][2] == chord:
            out[-1] = (out[-1][0], out[-1][1] + 1, chord)
        else:
            out.append((b, 1, chord))
    return out


# --- Music: instruments ---------------------------------------------------------------------


@cache
def pad(
    notes: tuple, length: int, cutoff: float, attack: float, release: float, seed: int = 0
) -> Stereo:
    """A dark string pad: per note, two detuned saws on each side (different on each side, so
    the chord is wide, not a copy), each drifting slowly in pitch; the filter breathes open over
    the held chord and closes as it releases."""
    n = length + ms(release)
    rng = np.random.default_rng(9000 + seed)
    swell = env_lines(n, [(0, 0.0), (length / MSR * 0.6, 1.0), (n / MSR, 0.2)])
    corner = cutoff * (0.65 + 0.6 * swell)
    out = np.zeros((2, n))
    for note in notes:
        f = midi_hz(note)
        for side, cents in ((0, (-11.0, 4.0)), (1, (-4.0, 12.0))):
            for c in cents:
                rate, depth = 0.13 + 0.2 * rng.random(), 0.0012 + 0.0008 * rng.random()
                drift = 1.0 + depth * np.sin(TAU * (rate * clock(n) + rng.random()))
                freq = f * 2.0 ** (c / 1200.0) * drift
                out[side] += 0.25 * osc_saw(freq, n, corner, phase=rng.random(), reach=4.0)
    return frozen(out * env_note(n, attack, length, release, 0.85))


@cache
def low_strings(note: int, length: int) -> Mono:
    """Cellos and basses holding the root: a slow-bowed saw, dark, with a bow's breath."""
    n = length + ms(0.9)
    f = midi_hz(note)
    vib = 1.0 + 0.0025 * np.sin(TAU * 4.6 * clock(n)) * env_lines(n, [(0, 0), (0.8, 1)])
    tone = osc_saw(f * vib, n, 420.0, reach=4.0) + 0.6 * osc_saw(
        f * 1.003 * vib, n, 380.0, reach=4.0
    )
    bow = colored(n, 9100 + note, bp(f * 3, 2.0)) * 0.15
    return frozen((tone + bow) * env_note(n, 0.35, length, 0.8, 0.9))


@cache
def bass_pluck(note: int, length: int, accent: bool) -> Mono:
    """The ostinato's bass: two detuned saws through a plucked filter, over a sine sub."""
    f = midi_hz(note)
    n = length + ms(0.05)
    corner = 160.0 + (1700.0 if accent else 900.0) * env_strike(n, 0.07, 0.002)
    saws = osc_saw(f * 1.004, n, corner, res=0.5) + osc_saw(
        f * 0.996, n, corner, res=0.5, phase=0.37
    )
    voice = 0.5 * saws + 0.6 * osc_sine(f, n)
    return frozen(sat(voice * env_note(n, 0.003, length, 0.04, 0.7), 1.4))


@cache
def spiccato(note: int, length: int, seed: int = 0) -> Mono:
    """A short bowed string note: bright on the bite, dark at once after, with a scratch."""
    f = midi_hz(note)
    n = length + ms(0.08)
    corner = 700.0 + 2600.0 * env_strike(n, 0.05, 0.002)
    tone = osc_saw(f * 1.003, n, corner, reach=4.0)
    tone = tone + osc_saw(f * 0.997, n, corner, phase=0.5, reach=4.0)
    scratch = colored(n, 9200 + seed, bp(2800.0, 1.5)) * env_strike(n, 0.012, 0.001)
    env = env_strike(n, 0.11, 0.004) * env_note(n, 0.001, length, 0.05)
    return frozen(0.5 * tone * env + 0.25 * scratch)


@cache
def horn(note: int, length: int, dark: float = 1.0) -> Mono:
    """A horn section: three saws a few cents apart, the filter blaring open on the attack and
    settling, vibrato arriving late."""
    f = midi_hz(note)
    n = length + ms(0.3)
    t = clock(n)
    vib = 1.0 + 0.004 * np.sin(TAU * 5.2 * t) * np.clip((t - 0.25) / 0.4, 0.0, 1.0)
    corner = dark * (500.0 + 2100.0 * env_lines(n, [(0, 0.0), (0.07, 1.0), (0.5, 0.5)]))
    tone = np.zeros(n)
    for cents, phase in ((0.0, 0.0), (6.0, 0.31), (-7.0, 0.67)):
        tone += osc_saw(
            f * 2.0 ** (cents / 1200.0) * vib, n, corner, phase=phase, res=0.3, reach=4.0
        )
    breath = colored(n, 9300 + note, bp(f * 4, 1.5)) * 0.1
    return frozen(sat(0.45 * (tone + breath) * env_note(n, 0.04, length, 0.22, 0.85), 1.3))


@cache
def flute(note: int, length: int) -> Mono:
    """A breathy flute: slow to speak, a gentle late vibrato, air around the tone."""
    f = midi_hz(note)
    n = length + ms(0.6)
    t = clock(n)
    vib = 1.0 + 0.004 * np.sin(TAU * 4.8 * t) * np.clip(t / 0.5, 0.0, 1.0)
    tone = osc_sine(f * vib, n) + 0.22 * osc_sine(2 * f * vib, n) + 0.08 * osc_sine(3 * f * vib, n)
    breath = colored(n, 9400 + note, bp(f * 2, 3.0)) * 0.6
    return frozen((tone + breath * 0.4) * env_note(n, 0.12, length, 0.5, 0.8))


@cache
def braam(notes: tuple, length: int, seed: int = 0) -> Stereo:
    """The Alpha's brass: a cluster of low saws that blares open, distorted; two voices on each
    side a little apart, so it is as wide as it is heavy."""
    n = length + ms(0.8)
    corner = env_lines(
        n, [(0, 140.0), (0.22, 1900.0), (0.6, 1100.0), (length / MSR, 700.0), (n / MSR, 300.0)]
    )
    rng = np.random.default_rng(9500 + seed)
    out = np.zeros((2, n))
    for note in notes:
        f = midi_hz(note)
        for side, cents in ((0, (-14.0, 5.0)), (1, (-5.0, 15.0))):
            for c in cents:
                out[side] += osc_saw(
                    f * 2.0 ** (c / 1200.0), n, corner, res=0.8, phase=rng.random(), reach=3.0
                )
    out = sat(out * 0.5, 2.4) * env_note(n, 0.03, length, 0.7, 0.8)
    sub = osc_sine(midi_hz(min(notes)), n) * env_note(n, 0.02, length, 0.5, 0.9)
    return frozen(out + 0.5 * sub)


@cache
def riff_note(note: int, length: int) -> Mono:
    """The distorted low riff: a saw and its sub-octave square, driven hard, then a speaker's
    band (nothing below 60 Hz or above 2.5 kHz survives a cabinet)."""
    f = midi_hz(note)
    n = length + ms(0.04)
    tone = osc_saw(f, n, 3000.0, reach=2.0) + 0.5 * osc_saw(f / 2, n, 1500.0, odd=True, reach=2.0)
    env = env_note(n, 0.004, length, 0.035, 0.75)
    x = sat(tone * env * 3.0, 2.5)
    return frozen(spectral(x, both(hp(60.0), lp(2500.0)), pad=0.05))


@cache
def piano(note: int, length: int) -> Mono:
    """A soft electric piano: FM whose brightness fades fast, a tine's click, two voices a hair
    apart; low notes ring longer, as strings do."""
    f = midi_hz(note)
    tau = 2.2 * (220.0 / f) ** 0.35
    n = length + ms(0.36)
    release = env_lines(n, [(0, 1.0), (length / MSR, 1.0), (length / MSR + 0.35, 0.0)])
    out = np.zeros(n)
    t = clock(n)
    idx = 1.4 * env_strike(n, 0.25, 0.004)
    for detune, amp, phase in ((1.0, 0.6, 0.0), (1.0016, 0.4, 0.3)):
        out += amp * np.sin(TAU * (f * detune * t + phase) + idx * np.sin(TAU * f * t))
    out *= env_strike(n, tau, 0.004) * release
    if f * 14 < 0.45 * MSR:
        out[: ms(0.15)] += 0.08 * fm(ms(0.15), f * 4.0, 3.5, 0.8, 0.02, 0.001)
    return frozen(out)


@cache
def bell(note: int, tau: float = 1.2, ratio: float = 3.5, index: float = 1.6) -> Mono:
    f = midi_hz(note)
    return frozen(fm(ms(tau * 5), f, ratio, min(index, index * 1500.0 / f), tau, 0.003))


@cache
def glass(note: int, seconds: float = 5.5) -> Mono:
    """A high glassy tone: rubbed-rim partials, slow to bloom, long to fade."""
    f = midi_hz(note)
    n = ms(seconds)
    shimmer = 1.0 + 0.003 * np.sin(TAU * 0.7 * clock(n))
    tone = osc_sine(f * shimmer, n) + 0.6 * osc_sine(f * 1.0042 * shimmer, n)
    if f * 2.76 < 0.45 * MSR:
        tone += 0.12 * osc_sine(f * 2.76 * shimmer, n)
    return frozen(tone * env_lines(n, [(0, 0), (0.9, 1.0), (2.0, 0.7), (seconds, 0.0)]))


@cache
def tremolo(note: int, length: int, rate: float = 7.0) -> Mono:
    """High strings trembling on one note: a bowed saw pulsed by fast bow strokes (rate 0: one
    long, even bow)."""
    f = midi_hz(note)
    n = length + ms(0.5)
    t = clock(n)
    bow = 0.55 + 0.45 * np.abs(np.sin(math.pi * rate * t))
    tone = osc_saw(f, n, 2400.0, reach=3.0) + osc_saw(f * 1.004, n, 2200.0, phase=0.4, reach=3.0)
    return frozen(0.5 * tone * bow * env_note(n, 0.4, length, 0.5, 1.0))


@cache
def choir(notes: tuple, length: int) -> Stereo:
    """Voices on "ah": a buzz through vowel formants, a slow vibrato; different on each side."""
    n = length + ms(1.2)
    out = np.zeros((2, n))
    rng = np.random.default_rng(9600)
    vowel = both(
        lambda f: 0.15 + bp(700.0, 4.0)(f) + 0.6 * bp(1150.0, 5.0)(f) + 0.25 * bp(2800.0, 6.0)(f),
        lp(4000.0),
    )
    for note in notes:
        f = midi_hz(note)
        for side in (0, 1):
            vib = 1.0 + 0.005 * np.sin(TAU * (4.8 + rng.random()) * clock(n) + 6 * rng.random())
            buzz = osc_saw(f * vib * (1.0 + 0.002 * (side - 0.5)), n, 6000.0, reach=1.0)
            out[side] += spectral(buzz, vowel, pad=0.1)
    return frozen(out * 0.3 * env_note(n, 1.0, length, 1.2, 0.9))


@cache
def drone(freqs: tuple, loop: int, cutoff: float, sweep: float, breaths: int) -> Stereo:
    """A held drone the length of the loop: saws tuned to whole cycles of it, slightly apart on
    the two sides so they beat slowly, under a filter that breathes `breaths` times a loop."""
    t = np.arange(loop) / loop
    corner = cutoff + sweep * (0.5 - 0.5 * np.cos(TAU * breaths * t))
    out = np.zeros((2, loop))
    for i, f in enumerate(freqs):
        for side, ratio in ((0, 1.0), (1, 1.0035)):
            fp = periodic(f * ratio, loop)
            out[side] += osc_saw(fp, loop, corner, phase=0.17 * i + 0.3 * side, reach=4.0) / (1 + i)
    out += 0.6 * osc_sine(periodic(freqs[0] / 2, loop), loop)  # the sub under it all
    return frozen(out)


@cache
def wind(loop: int, seed: int, centre: float, q: float, gusts: int) -> Stereo:
    """Air moving: a band of noise on each side (different noise, a little apart in pitch),
    gusting `gusts` times a loop. Filtered and shaped circularly, so it wraps without a seam."""
    t = np.arange(loop) / loop
    out = np.zeros((2, loop))
    for side in (0, 1):
        band = colored(loop, seed + side, bp(centre * (1.0 + 0.1 * side), q))
        gust = 0.3 + 0.7 * (0.5 - 0.5 * np.cos(TAU * (gusts * t + 0.37 * side)))
        out[side] = band * gust * gust
    return frozen(out)


@cache
def taiko(variant: int, size: float = 1.0) -> Mono:
    """A war drum: a pitch-dropping body, membrane overtones, a slap of skin."""
    rng = random.Random(3000 + variant)
    n = ms(1.0)
    f = 58.0 * (1.0 + 0.04 * rng.random())
    body = thud(n, f * 2.5, f, 0.03, 0.26 * size)
    over = (osc_sine(f * 1.59, n) * 0.5 + osc_sine(f * 2.14, n) * 0.3) * env_strike(n, 0.08)
    skin = colored(n, 3100 + variant, lp(900.0)) * env_strike(n, 0.025, 0.001)
    slap = colored(n, 3200 + variant, bp(260.0, 1.5)) * env_strike(n, 0.06)
    return frozen(sat(body + 0.35 * over + 1.2 * skin + 1.5 * slap, 1.8))


@cache
def kick(variant: int) -> Mono:
    n = ms(0.45)
    body = sat(thud(n, 140.0 + 6 * variant, 46.0, 0.03, 0.16), 2.0)
    click = colored(n, 3300 + variant, hp(2500.0)) * env_strike(n, 0.003, 0.0003)
    return frozen(body + 0.8 * click)


@cache
def snare(variant: int) -> Mono:
    """A military snare: a bright rattle of wires over a short tuned shell."""
    n = ms(0.3)
    wires = colored(n, 4000 + variant, bp(3400.0, 0.8)) * env_strike(n, 0.075, 0.001)
    crack = colored(n, 4100 + variant, hp(1800.0)) * env_strike(n, 0.012, 0.0005)
    shell = thud(n, 250.0, 185.0, 0.02, 0.04)
    return frozen(2.4 * wires + 1.8 * crack + 0.7 * shell)


@cache
def hat(variant: int, open_: bool = False) -> Mono:
    n = ms(0.35 if open_ else 0.09)
    hiss = colored(n, 4200 + variant, both(hp(7000.0, 3), bp(9500.0, 0.7)))
    metal = ring(n, [(5120.0, 0.2, 0.03), (6870.0, 0.15, 0.02), (8430.0, 0.1, 0.015)])
    return frozen((2.5 * hiss + metal) * env_strike(n, 0.09 if open_ else 0.016, 0.0005))


@cache
def shaker(variant: int) -> Mono:
    n = ms(0.09)
    grains_ = colored(n, 4300 + variant, bp(6500.0, 1.2))
    return frozen(2.5 * grains_ * env_lines(n, [(0, 0), (0.015, 1.0), (0.05, 0.3), (0.09, 0.0)]))


@cache
def tom(note: int) -> Mono:
    f = midi_hz(note)
    n = ms(0.6)
    body = sat(thud(n, f * 1.7, f, 0.04, 0.22), 1.6)
    skin = colored(n, 4400 + note, lp(1200.0)) * env_strike(n, 0.02, 0.001)
    return frozen(body + 0.8 * skin)


@cache
def tick(variant: int) -> Mono:
    """A clock's tick (or, lower, its tock): a woodblock's knock and a small spring's ping."""
    n = ms(0.12)
    base = 2200.0 if variant % 2 == 0 else 1650.0
    knock = ring(n, [(base, 0.5, 0.02), (base * 2.31, 0.25, 0.012), (base * 0.53, 0.3, 0.03)])
    click = colored(n, 4500 + variant, hp(3000.0)) * env_strike(n, 0.002, 0.0002)
    return frozen(knock + 0.8 * click)


@cache
def boom(variant: int = 0, size: float = 1.0) -> Mono:
    """The very low hit under a phrase's first beat: felt more than heard."""
    n = ms(1.6 * size)
    return frozen(sat(thud(n, 85.0, 34.0, 0.08, 0.5 * size), 1.5))


@cache
def impact(variant: int) -> Mono:
    """A cinematic hit: a sub boom, a burst of noise closing down, low metal shuddering."""
    n = ms(2.2)
    body = sat(thud(n, 110.0, 30.0, 0.09, 0.55), 2.2)
    burst = swept(n, 4600 + variant, sweep_exp(n, 7000.0, 250.0, 0.12)) * env_strike(n, 0.18, 0.001)
    metal = ring(n, [(97.0, 0.4, 0.5), (163.0, 0.35, 0.4), (271.0, 0.3, 0.3), (433.0, 0.2, 0.2)])
    crash = colored(n, 4700 + variant, hp(3500.0)) * env_strike(n, 0.6, 0.002)
    return frozen(body + 1.6 * burst + 0.3 * metal + 0.5 * crash)


@cache
def riser(length: int, seed: int) -> Stereo:
    """Noise and a tone sweeping up into a downbeat, cut dead on it."""
    n = length
    rise = np.linspace(0.0, 1.0, n) ** 2.2
    corner = 250.0 * (24.0 ** np.linspace(0.0, 1.0, n))
    tone = osc_sine(200.0 * 4.0 ** np.linspace(0.0, 1.0, n), n) * rise**1.5 * 0.15
    out = np.stack([swept(n, seed, corner, 1.6), swept(n, seed + 1, corner * 1.07, 1.6)])
    out = (out * 2.0 + tone) * rise
    out[:, -ms(0.004) :] *= np.linspace(1.0, 0.0, ms(0.004))
    return frozen(out)


@cache
def reverse_swell(notes: tuple, length: int, seed: int) -> Stereo:
    """A chord's reverb played backwards, rising out of nothing into the downbeat."""
    n = length
    hit = np.zeros(n)
    for i, note in enumerate(notes):
        hit += fm(n, midi_hz(note), 1.41, 2.2, 0.6, 0.003) * (0.6 - 0.08 * i)
    hit += colored(n, seed, lp(6000.0)) * env_strike(n, 0.03, 0.001)
    wet = convolve(np.stack([hit, hit]), space(3.5, seed), loop=False)
    out = wet[:, ::-1] * np.linspace(0.0, 1.0, n) ** 1.5
    out[:, -ms(0.004) :] *= np.linspace(1.0, 0.0, ms(0.004))
    return frozen(out)


@cache
def metal_hit(variant: int, size: float) -> Mono:
    """Struck steel: a pipe or a girder under a hammer, inharmonic modes over a dull knock."""
    n = ms(1.3 * size)
    base = (210.0, 265.0, 330.0, 390.0)[variant % 4] / size
    modes = [
        (base, 0.5, 0.3 * size),
        (base * 2.41, 0.35, 0.22 * size),
        (base * 3.93, 0.25, 0.15 * size),
        (base * 5.87, 0.15, 0.1 * size),
        (base * 8.12, 0.08, 0.06 * size),
    ]
    knock = colored(n, 6000 + variant, bp(1200.0, 0.9)) * env_strike(n, 0.01, 0.0005)
    return frozen(ring(n, modes) + 1.2 * knock)


@cache
def hammer(variant: int) -> Mono:
    """The industrial kick: a press stamping, a pitch-dropping body, grit on top."""
    n = ms(0.5)
    body = sat(thud(n, 150.0, 44.0, 0.025, 0.12), 2.6)
    grit = colored(n, 6100 + variant, lp(2500.0))
    grit = np.repeat(grit[::4], 4)[:n] * env_strike(n, 0.02, 0.0008)  # sample-and-hold grit
    return frozen(body + 1.0 * grit)


@cache
def scrape(length: int, seed: int) -> Mono:
    """Steel dragged on steel: a narrow band of noise, stuttering with friction, bending."""
    n = length
    corner = env_lines(n, [(0, 900.0), (n / MSR, 2600.0)])
    band = swept(n, seed, corner, 6.0)
    friction = np.abs(colored(n, seed + 1, lp(30.0))) * 2.0 + 0.3
    return frozen(
        band * friction * env_lines(n, [(0, 0), (0.05, 1), (n / MSR * 0.7, 0.8), (n / MSR, 0.0)])
    )


@cache
def heartbeat() -> Mono:
    """Lub-dub, felt more than heard: two low thumps, the second softer and lower."""
    n = ms(1.2)
    out = np.zeros(n)
    for at, f0, level in ((0.0, 80.0, 1.0), (0.26, 66.0, 0.7)):
        m = n - ms(at)
        out[ms(at) :] += level * sat(thud(m, f0, 31.0, 0.05, 0.22), 1.6)
    return frozen(spectral(out, lp(300.0), pad=0.1))


@cache
def drip(variant: int) -> Mono:
    """A drop into still water: a bubble's rising chirp over a tiny plop."""
    rng = random.Random(7000 + variant)
    n = ms(0.14)
    f0 = 700.0 + 500.0 * rng.random()
    chirp = osc_sine(f0 * 2.3 ** np.clip(clock(n) / 0.03, 0.0, 1.0), n) * env_strike(
        n, 0.018, 0.001
    )
    plop = colored(n, 7100 + variant, bp(900.0, 1.5)) * env_strike(n, 0.005, 0.0005)
    return frozen(chirp + 0.6 * plop)


# --- Music: finishing and writing -----------------------------------------------------------


def stem_peak(stems: list[Stereo]) -> float:
    """The loudest any mix of the stems can get: with each stem's level between 0 and 1 the
    peak of a sample is largest at a corner, so try every non-empty subset."""
    peak = 0.0
    for mask in range(1, 2 ** len(stems)):
        total = sum(s for i, s in enumerate(stems) if mask >> i & 1)
        peak = max(peak, float(np.max(np.abs(total))))
    return peak


def limited(x: Stereo, crest_db: float, loop: bool = True) -> Stereo:
    """Ride the gain down wherever the peaks stand more than crest_db over the stem's RMS.

    The gain each 256-sample block needs is spread over its neighbours and smoothed without
    phase, so it starts to fall a little before a hit (a look-ahead limiter) and recovers over
    some 50 ms; in a loop it wraps round like everything else. A soft knee takes what is left.
    """
    n = x.shape[1]
    ceiling = float(np.sqrt(np.mean(x * x))) * 10.0 ** (crest_db / 20.0)
    block = 256
    blocks = -(-n // block)
    level = np.zeros(blocks * block)
    level[:n] = np.max(np.abs(x), axis=0)
    need = np.minimum(1.0, ceiling / np.maximum(level.reshape(blocks, block).max(axis=1), 1e-9))
    if not loop:
        need = np.concatenate([np.ones(8), need, np.ones(8)])
    spread = need.copy()
    for shift in range(1, 9):
        spread = np.minimum(spread, np.minimum(np.roll(need, shift), np.roll(need, -shift)))
    if not loop:
        spread = spread[8:-8]
    gain = np.repeat(spread, block)[:n]
    # Smoothed as 1 - gain, so the silence a sound played once is padded with means no limiting.
    gain = spectral(gain, lp(12.0)) if loop else 1.0 - spectral(1.0 - gain, lp(12.0), pad=1.0)
    y = x * np.clip(gain, 0.0, 1.0)
    return ceiling * np.tanh(y / ceiling)


# How loud each stem sits against the others (RMS, dB), and how much peak it may keep over that.
STEM_LEVELS_DB = (0.0, -1.0, -1.0)
STEM_CREST_DB = (11.0, 12.0, 12.0)


def finish_stems(stems: list[Stereo]) -> list[Stereo]:
    """High-pass the rumble (circularly), set each stem's loudness, tame its peaks, then scale
    them all together so the loudest mix of them reaches the music's peak."""
    out = []
    for s, level, crest in zip(stems, STEM_LEVELS_DB, STEM_CREST_DB, strict=False):
        s = np.stack([spectral(s[c], hp(30.0)) for c in range(2)])
        s = s * (10.0 ** (level / 20.0) / (float(np.sqrt(np.mean(s * s))) or 1.0))
        out.append(limited(s, crest))
    gain = 10.0 ** (MUSIC_PEAK_DB / 20.0) / (stem_peak(out) or 1.0)
    return [s * gain for s in out]


def finish_piece(x: Stereo, fade_in: float, fade_out: float) -> Stereo:
    """Music that plays once: the same glue as the loops, raised-cosine fades at both ends."""
    n = x.shape[1]
    x = np.stack([spectral(x[c], hp(30.0), pad=1.0) for c in (0, 1)])
    x = limited(x, 14.0, loop=False)
    a, b = max(1, ms(fade_in)), max(1, ms(fade_out))
    env = np.ones(n)
    env[:a] = 0.5 - 0.5 * np.cos(np.pi * np.arange(a) / a)
    env[n - b :] = 0.5 + 0.5 * np.cos(np.pi * np.arange(1, b + 1) / b)
    x = x * env
    return x * (10.0 ** (MUSIC_PEAK_DB / 20.0) / float(np.max(np.abs(x))))


def _ogg_crc_table() -> list[int]:
    table = []
    for i in range(256):
        r = i << 24
        for _ in range(8):
            r = ((r << 1) ^ 0x04C11DB7) if r & 0x80000000 else r << 1
            r &= 0xFFFFFFFF
        table.append(r)
    return table


def fixed_serial(data: bytes, serial: int) -> bytes:
    """Give every Ogg page the same stream serial number (libsndfile draws one at random) and
    recompute each page's checksum: the same music then makes the same file."""
    table = _ogg_crc_table()
    out = bytearray(data)
    pos = 0
    while pos < len(out):
        if out[pos : pos + 4] != b"OggS":
            raise ValueError("not an Ogg page")
        segments = out[pos + 26]
        end = pos + 27 + segments + sum(out[pos + 27 : pos + 27 + segments])
        out[pos + 14 : pos + 18] = serial.to_bytes(4, "little")
        out[pos + 22 : pos + 26] = bytes(4)
        crc = 0
        for byte in out[pos:end]:
            crc = ((crc << 8) & 0xFFFFFFFF) ^ table[(crc >> 24) ^ byte]
        out[pos + 22 : pos + 26] = crc.to_bytes(4, "little")
        pos = end
    return bytes(out)


def resampled(x: np.ndarray, rate: int, to: int, loop: bool) -> np.ndarray:
    """x (mono, or channels by samples) from `rate` to `to` Hz by FFT, band-limited to the lower
    rate's band. A loop is resampled circularly, so its seam stays seamless; anything else is
    padded with silence first, so its tail does not wrap onto its start."""
    if rate == to:
        return x
    n = x.shape[-1]
    size = n
    if not loop:
        size += int(0.1 * rate)
        while size * to % rate:
            size += 1
    elif size * to % rate:
        raise ValueError(f"a loop of {n} samples at {rate} Hz is no whole number at {to} Hz")
    out = size * to // rate
    spectrum = np.fft.rfft(x, size, axis=-1)
    bins = min(spectrum.shape[-1], out // 2 + 1)
    # A short raised-cosine shoulder under the new band's top, not a brick wall: no ringing.
    edge = np.ones(bins)
    shoulder = max(1, bins // 20)
    edge[bins - shoulder :] = 0.5 + 0.5 * np.cos(np.pi * (np.arange(shoulder) + 1) / shoulder)
    kept = np.zeros((*spectrum.shape[:-1], out // 2 + 1), dtype=complex)
    kept[..., :bins] = spectrum[..., :bins] * edge
    y = np.fft.irfft(kept, out, axis=-1) * (out / size)
    return y[..., : n * to // rate]


def encode_ogg(x: np.ndarray, rate: int, level: float, name: str) -> bytes:
    """x (mono, or channels by samples) as Ogg Vorbis at `rate`, written in blocks, with a
    stream serial fixed by `name`."""
    frames = np.atleast_2d(x).T
    data = np.ascontiguousarray(np.clip(frames, -1.0, 1.0), dtype=np.float32)
    buffer = io.BytesIO()
    with soundfile.SoundFile(
        buffer,
        "w",
        rate,
        data.shape[1],
        format="OGG",
        subtype="VORBIS",
        compression_level=level,
    ) as f:
        for s in range(0, len(data), OGG_BLOCK):
            f.write(data[s : s + OGG_BLOCK])
    serial = zlib.crc32(name.encode()) & 0x7FFFFFFF
    return fixed_serial(buffer.getvalue(), serial)


def write_ogg(path: Path, x: np.ndarray, loop: bool, joins: tuple[int, ...] = ()) -> None:
    """Music (mono or stereo, at MSR) as it ships: MUSIC_RATE Ogg Vorbis. A loop is decoded
    again and its seam checked, with the `joins` (sample offsets at MSR) it was spliced at;
    a score's stem carries its margins (see STEM_MARGIN), the title is searched for a clean
    seam (see seamless), and music played once ends in a little silence (see TAIL)."""
    y = resampled(x, MSR, MUSIC_RATE, loop)
    at = [j * MUSIC_RATE // MSR for j in joins]
    if not loop:
        silence_after = np.zeros((*y.shape[:-1], ms(TAIL) * MUSIC_RATE // MSR))
        data = encode_ogg(np.concatenate([y, silence_after], axis=-1), MUSIC_RATE, MUSIC_LEVEL,
                          path.stem)  # fmt: skip
    elif path.stem.split("_")[0] in SCORES:
        m = STEM_MARGIN
        wrapped = np.concatenate([y[..., -m:], y, y[..., :m]], axis=-1)
        data = encode_ogg(wrapped, MUSIC_RATE, MUSIC_LEVEL, path.stem)
        check_seams(path.name, decoded_loop(data, m, y.shape[-1]), at)
    else:
        data = seamless(path, y)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def decoded_loop(data: bytes, margin: int, n: int) -> np.ndarray:
    """The loop in an Ogg file as the game keeps it: decoded, its margins cut off."""
    x, _ = soundfile.read(io.BytesIO(data), dtype="float64", always_2d=True)
    return x.T[:, margin : margin + n]


def seamless(path: Path, y: np.ndarray) -> bytes:
    """A loop the game streams from the file (the title), so it plays the file's own seam.

    At Vorbis's lowest qualities the coding error at the file's two ends is as big as a step of
    the music, and a seam joins two errors that know nothing of each other. Encodings of the loop at
    gains a hundredth of a decibel apart make different errors: take the first whose seam jumps
    no further than the music steps around it, in the second either side."""
    for attempt in range(SEAM_ATTEMPTS):
        gain = 10.0 ** (-0.01 * attempt / 20.0)
        data = encode_ogg(y * gain, MUSIC_RATE, MUSIC_LEVEL, path.stem)
        x = decoded_loop(data, 0, y.shape[-1])
        near = np.concatenate([x[:, -MUSIC_RATE:], x[:, :MUSIC_RATE]], axis=1)
        if seam_jump(x) <= float(np.max(np.abs(np.diff(near, axis=1)))):
            check_seams(path.name, x, [])
            return data
    raise RuntimeError(f"{path.name}: no clean seam in {SEAM_ATTEMPTS} encodings")


def seam_jump(x: np.ndarray) -> float:
    return float(np.max(np.abs(x[:, 0] - x[:, -1])))


def check_seams(name: str, x: np.ndarray, joins: list[int]) -> None:
    """The loop, as decoded, must not click where it wraps round or where it was spliced: the
    jump across each may be no bigger than the biggest step the music itself takes (measured
    in 40 windows along it, as the game's tests measure it)."""
    n = x.shape[1]
    steps = [
        float(np.max(np.abs(np.diff(x[:, a : a + 2000], axis=1))))
        for a in range(0, n - 2000, n // 40)
    ]
    biggest = max(steps)
    for at in (0, *joins):
        jump = float(np.max(np.abs(x[:, at % n] - x[:, at - 1])))
        where = "its seam" if at == 0 else f"the splice at {at / MUSIC_RATE:.2f} s"
        if jump > biggest:
            raise RuntimeError(f"{name}: {where} jumps {jump:.4f}; the music steps {biggest:.4f}")
        print(f"  {name}: {where} jumps {jump:.4f} (the music steps up to {biggest:.4f})")


# --- Music: harmony shared by the scores ----------------------------------------------------
# Chords as (bass root, pad voicing), the voicing in the octave below middle C.

DM = (38, (50, 53, 57))
BB = (34, (50, 53, 58))
GM = (43, (50, 55, 58))
A_MAJ = (33, (49, 52, 57))  # the harmonic-minor dominant: C sharp pulls back to D
C_MAJ = (36, (48, 52, 55))
EB_MAJ = (39, (51, 55, 58))  # the chamber's flat second: Phrygian, wrong, the Omega's colour
C_MIN = (36, (48, 51, 55))
AB_MAJ = (32, (48, 51, 56))
F_MIN = (41, (48, 53, 56))
G_MAJ = (31, (47, 50, 55))  # B natural: the harmonic-minor pull back to C
DB_MAJ = (37, (49, 53, 56))  # the Neapolitan: the dam's darkest turn

STEMS = ("calm", "combat", "alpha")
# The 8-eighth bass ostinato: semitones over the root, which eighths push, how hard.
OSTINATO = (0, 0, 12, 0, 0, 12, 0, 7)
OSTINATO_ACCENTS = (True, False, True, False, True, True, False, False)
OSTINATO_LEVELS = (1.0, 0.62, 0.85, 0.6, 0.9, 0.8, 0.65, 0.72)
# The heavy riff of the Alpha stems, on the chord's root: root, octave, fifth and the leading
# tone under the root, consonant over any chord, menacing in a distorted low voice.
RIFF = (0, 0, 12, 0, 7, 0, -1, 0)
RIFF_GALLOP = (0, 0, 0, 12, 0, 0, 7, 7, 0, 0, 0, 12, 7, 5, -1, -1)  # sixteenths, phrase ends
# String ostinato: which chord tone each sixteenth plays (3 is the root an octave up).
SPICCATO_STEPS = (0, 2, 1, 2, 0, 2, 1, 3, 0, 2, 1, 2, 0, 3, 2, 1)
ARP_STEPS = (0, 1, 2, 3, 2, 1, 0, 1, 0, 1, 2, 3, 2, 3, 1, 2)


def low_root(root: int) -> int:
    """The chord's root in the braams' and riffs' octave (A1 .. G#2)."""
    while root > 44:
        root -= 12
    while root < 33:
        root += 12
    return root


def chord_tones(voicing: tuple, up: int = 12) -> tuple:
    return (*(v + up for v in voicing), voicing[0] + up + 12)


def add_theme(
    bus: Bus,
    grid: Grid,
    theme: list,
    first_bar: int,
    voice,
    gain: float,
    unit: int = 2,
    shift: int = 0,
    pan: float = 0.0,
    hall: float = 0.3,
) -> None:
    """Play a melody given as (bar, start, length, note) in units of `unit` sixteenths."""
    for bar, start, length, note in theme:
        at = grid.at(first_bar + bar, start * unit)
        bus.add(
            voice(note + shift, length * unit * grid.sixteenth - ms(0.03)),
            at,
            gain,
            pan,
            room=0.1,
            hall=hall,
        )


def add_swells(bus: Bus, grid: Grid, chords: list, bars: list[int], gain: float) -> None:
    """A reversed swell rushing into each of `bars`, and a low boom when it lands."""
    for b in bars:
        _, voicing = chords[b % len(chords)]
        notes = tuple(v + 12 for v in voicing)
        bus.add(reverse_swell(notes, grid.bar, 8800 + b), grid.at(b) - grid.bar, gain)
        bus.add(boom(0), grid.at(b), gain * 1.4, hall=0.3)


def add_risers(bus: Bus, grid: Grid, bars: list[int], gain: float) -> None:
    for i, b in enumerate(bars):
        bus.add(riser(grid.bar, 8900 + i), grid.at(b) - grid.bar, gain, hall=0.2)


def add_tom_fill(
    bus: Bus, grid: Grid, bar: int, gain: float, notes: tuple = (52, 48, 45, 41)
) -> None:
    for i, note in enumerate(notes):
        bus.add(
            tom(note),
            grid.at(bar, 12 + i),
            gain * (0.7 + 0.1 * i),
            -0.5 + i / 3.0,
            room=0.3,
            hall=0.15,
        )


def add_braams(
    bus: Bus, grid: Grid, chords: list, starts: list[int], gain: float, extra: tuple = ()
) -> None:
    for i, b in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(chords)
        # Held only while its chord lasts: a brass cluster dragged into the next chord is mud.
        end = next((e for e in range(b + 1, end) if chords[e] != chords[b]), end)
        root = low_root(chords[b][0])
        notes = (root, root + 7, root + 12, *(root + e for e in extra))
        bus.add(
            braam(notes, (end - b) * grid.bar - grid.beat // 2, b % 3),
            grid.at(b),
            gain,
            room=0.1,
            hall=0.35,
        )


def add_riff(
    bus: Bus, grid: Grid, chords: list, bars: range, gain: float, gallop: set, riff: tuple = RIFF
) -> None:
    for b in bars:
        root = low_root(chords[b][0])
        if b in gallop:
            for s, step in enumerate(RIFF_GALLOP):
                bus.add(
                    riff_note(root + step, int(grid.sixteenth * 0.85)),
                    grid.at(b, s),
                    gain * (1.0 if s % 4 == 0 else 0.8),
                    room=0.1,
                )
            continue
        for e, step in enumerate(riff):
            bus.add(
                riff_note(root + step, int(grid.sixteenth * 1.7)),
                grid.at(b, 2 * e),
                gain * (1.0 if e % 2 == 0 else 0.8),
                room=0.1,
            )


@cache
def far(sound: str, variant: int, cutoff: float) -> Mono:
    """A drum heard from far off: most of its top gone (the hall adds the rest)."""
    x = {"taiko": taiko, "kick": kick, "boom": boom}[sound](variant)
    return frozen(spectral(x, lp(cutoff, 2), pad=0.1))


# --- Music: the beach -----------------------------------------------------------------------
# D minor at 110 BPM, 36 bars (78.4 s): A (2-bar chords), B (the theme), C (tension over the
# dominant), B' (the theme again, fuller), and a four-bar tag that cadences round to the start.

# A sixteenth in samples: every bar a whole number of them, and every loop a length whose prime
# factors are 2, 3 and 5, so its circular FFTs are quick.
BEACH_GRID = Grid(6000)  # 110.25 BPM
BEACH_CHORDS = (
    [DM, DM, BB, BB, GM, GM, A_MAJ, A_MAJ]
    + [DM, BB, GM, A_MAJ, DM, BB, C_MAJ, A_MAJ]
    + [GM, GM, BB, BB, C_MAJ, C_MAJ, A_MAJ, A_MAJ]
    + [DM, BB, GM, A_MAJ, DM, BB, C_MAJ, A_MAJ]
    + [BB, GM, A_MAJ, A_MAJ]
)
BEACH_SECTIONS = (0, 8, 16, 24, 32)
# The theme: (bar, start eighth, length in eighths, note), over the B chords.
BEACH_THEME = [
    (0, 0, 3, 62), (0, 3, 3, 69), (0, 6, 2, 67),
    (1, 0, 6, 65), (1, 6, 2, 62),
    (2, 0, 3, 67), (2, 3, 3, 70), (2, 6, 2, 69),
    (3, 0, 4, 64), (3, 4, 4, 61),
    (4, 0, 3, 69), (4, 3, 3, 74), (4, 6, 2, 72),
    (5, 0, 6, 70), (5, 6, 2, 69),
    (6, 0, 3, 72), (6, 3, 3, 67), (6, 6, 2, 64),
    (7, 0, 4, 64), (7, 4, 4, 69),
]  # fmt: skip


def beach_taiko(bar: int) -> list[tuple[int, float]]:
    """The war drums of one bar of the combat stem: (eighth, level)."""
    if bar % 8 == 7 or bar == 35:  # the fill that throws a section into the next
        return [(0, 1.0), (3, 0.6), (4, 0.85), (5, 0.6), (6, 0.8), (7, 0.95)]
    hits = [(0, 1.0), (4, 0.9)]
    if bar >= 8:
        hits += [(3, 0.55), (6, 0.6)]
    if bar % 4 == 3:
        hits += [(7, 0.7)]
    return hits


def beach_calm(grid: Grid, chords: list) -> Stereo:
    bus = Bus(grid.bar * len(chords), loop=True, hall=3.0, seed=11)
    n = bus.n
    bus.add(drone((73.42,), n, 200.0, 300.0, 6), 0, 0.12, hall=0.2)
    bus.add(wind(n, 8100, 1500.0, 0.8, 5), 0, 0.16, hall=0.2)  # the wind off the sea
    bus.add(wind(n, 8200, 5200.0, 1.2, 7), 0, 0.07)
    for b, length, (root, voicing) in spans(chords):
        bus.add(pad(voicing, length * grid.bar, 1300.0, 0.7, 1.6), grid.at(b), 0.5, hall=0.45)
        bus.add(low_strings(root + 12, length * grid.bar), grid.at(b), 0.3, -0.2, hall=0.3)
        if b < 8 or 16 <= b < 24:  # glints of bells high over the held chords
            for k, (bar, sixteenth) in enumerate(((0, 6), (1, 10))):
                if bar < length:
                    note = voicing[(b + k) % 3] + 24 + 12 * k
                    bus.add(
                        bell(note, 0.8, 3.5, 1.2),
                        grid.at(b + bar, sixteenth),
                        0.07,
                        0.5 if (b + k) % 2 else -0.5,
                        hall=0.7,
                    )
        if b >= 8:  # high strings, barely there: air over the theme and the tension
            top = voicing[2] + 24
            bus.add(tremolo(top, length * grid.bar, 0.0), grid.at(b), 0.035, 0.45, hall=0.7)
        if b < 8 or 16 <= b < 24 or b >= 32:
            bus.add(far("taiko", b % 4, 500.0), grid.at(b), 0.7, 0.15, hall=0.9)
    for b in (8, 12, 24, 28):
        bus.add(far("taiko", b % 4, 500.0), grid.at(b), 0.6, -0.15, hall=0.9)
    # The clock: the day ticking away. Quarters in the theme, eighths in the tension.
    for b in range(len(chords)):
        if b < 8:
            if b in (6, 7):
                for q in range(4):
                    bus.add(tick(q), grid.at(b, 4 * q), 0.2 * (q + 1) / 4, 0.3 - 0.2 * (q % 2))
            continue
        step = 2 if 16 <= b < 24 else 4
        for s in range(0, 16, step):
            level = 0.22 if s % 4 == 0 else 0.13
            bus.add(tick(s // step), grid.at(b, s), level, 0.3 if s % 8 == 0 else -0.3, room=0.3)
    for b in (0, 4):
        bus.add(bell(62, 1.4, 1.41, 2.0), grid.at(b, 0), 0.2, -0.4, hall=0.6)
        bus.add(bell(69, 1.0, 1.41, 1.6), grid.at(b + 2, 8), 0.12, 0.4, hall=0.6)
    # The tension over the dominant: high strings trembling on A, turning to B flat.
    for at, note, bars in ((16, 81, 6), (22, 82, 2)):
        length = bars * grid.bar
        bus.add(tremolo(note, length, 7.0), grid.at(at), 0.1, -0.5, hall=0.5)
        bus.add(tremolo(note, length, 6.3), grid.at(at), 0.1, 0.5, hall=0.5)
    add_theme(bus, grid, BEACH_THEME, 24, flute, 0.32, shift=12, pan=0.15, hall=0.6)
    add_swells(bus, grid, chords, [8, 16, 24, 32, 36], 0.3)
    return bus.render()


def beach_combat(grid: Grid, chords: list) -> Stereo:
    bus = Bus(grid.bar * len(chords), loop=True, seed=12)
    eighth = 2
    for b, (root, voicing) in enumerate(chords):
        section = b >= 8
        if b == 35:  # the last bar drives sixteenths into the loop's first downbeat
            for s in range(16):
                bus.add(
                    bass_pluck(root, int(grid.sixteenth * 0.8), s % 3 == 0),
                    grid.at(b, s),
                    0.5 + 0.4 * (s % 3 == 0),
                )
        else:
            for i, step in enumerate(OSTINATO):
                note = bass_pluck(root + step, int(grid.sixteenth * 1.6), OSTINATO_ACCENTS[i])
                bus.add(
                    note, grid.at(b, i * eighth), OSTINATO_LEVELS[i] * (1.0 if section else 0.85)
                )
        for slot, level in beach_taiko(b):
            bus.add(
                taiko((b * 7 + slot) % 4),
                grid.at(b, slot * eighth),
                level * 0.9,
                0.25 if slot % 2 else -0.15,
                room=0.25,
                hall=0.15,
            )
        tones = chord_tones(voicing)
        for s, idx in enumerate(SPICCATO_STEPS):
            if not section and s % 2:
                continue
            level = (0.3 if s % 2 == 0 else 0.22) * (0.8 if not section else 1.0)
            bus.add(
                spiccato(tones[idx], int(grid.sixteenth * 0.9), s % 4),
                grid.at(b, s),
                level,
                -0.55 if s % 2 == 0 else 0.55,
                room=0.2,
                hall=0.12,
            )
        if not section:
            for e in range(8):
                bus.add(shaker(e % 3), grid.at(b, 2 * e + 1), 0.2, -0.4, room=0.2)
            continue
        bus.add(kick(b % 2), grid.at(b, 0), 0.55)
        bus.add(kick(1), grid.at(b, 8), 0.45)
        half_time = 16 <= b < 24
        for slot in (8,) if half_time else (4, 12):
            bus.add(snare(b % 3), grid.at(b, slot), 0.5, 0.1, room=0.35, hall=0.1)
        for s in (5, 7, 9, 13, 15):
            bus.add(snare((b + s) % 3), grid.at(b, s), 0.1, 0.1, room=0.2)
        if b % 8 == 7 or b == 35:
            for s in range(8, 16):
                bus.add(snare(s % 3), grid.at(b, s), 0.15 + 0.35 * (s - 8) / 7, 0.1, room=0.3)
            add_tom_fill(bus, grid, b, 0.5)
        for s in range(16):
            bus.add(
                hat(s % 4, s == 14 and b % 2 == 1),
                grid.at(b, s),
                0.16 if s % 4 == 2 else 0.09,
                0.35,
                room=0.15,
            )
    add_theme(bus, grid, BEACH_THEME, 8, horn, 0.36, pan=-0.1, hall=0.35)
    add_theme(bus, grid, BEACH_THEME, 24, horn, 0.34, pan=-0.15, hall=0.35)
    add_theme(bus, grid, BEACH_THEME, 24, horn, 0.22, shift=-12, pan=0.2, hall=0.3)
    add_risers(bus, grid, [8, 16, 24, 32, 36], 0.2)
    return bus.render()


def beach_alpha(grid: Grid, chords: list) -> Stereo:
    bus = Bus(grid.bar * len(chords), loop=True, seed=13)
    starts = [b for b, _, _ in spans(chords) if not (8 <= b < 16 or 24 <= b < 32)]
    starts = sorted(set(starts) | {8, 10, 12, 14, 24, 26, 28, 30})
    add_braams(bus, grid, chords, starts, 0.5)
    for b in range(len(chords)):
        if b in starts or b % 8 == 7:
            bus.add(impact(b % 3), grid.at(b), 0.55, hall=0.5)
        bus.add(taiko((b + 1) % 4, 1.3), grid.at(b, 14), 0.6, 0.3, hall=0.3)
        bus.add(taiko((b + 2) % 4, 1.3), grid.at(b, 6), 0.45, -0.3, hall=0.3)
        if b % 8 == 7:
            for s in (8, 10, 11, 12, 14, 15):
                bus.add(impact((b + s) % 3), grid.at(b, s), 0.25 + 0.03 * s, hall=0.4)
    add_riff(bus, grid, chords, range(len(chords)), 0.3, {7, 15, 23, 31, 35})
    for b, length, (_, voicing) in spans(chords):
        note = voicing[2] + 24
        bus.add(tremolo(note, length * grid.bar, 8.0), grid.at(b), 0.07, -0.6, hall=0.4)
        bus.add(tremolo(note + 12, length * grid.bar, 7.2), grid.at(b), 0.05, 0.6, hall=0.4)
    return bus.render()


# --- Music: the dam -------------------------------------------------------------------------
# C minor at 96 BPM, 32 bars (80.2 s): an industrial machine. A, B (the cold bells), C (down to
# the Neapolitan and the dominant), A' (the machine at full stretch).

DAM_GRID = Grid(6912)  # 95.7 BPM
DAM_CHORDS = (
    [C_MIN, C_MIN, AB_MAJ, G_MAJ, C_MIN, C_MIN, F_MIN, G_MAJ]
    + [C_MIN, AB_MAJ, F_MIN, G_MAJ, C_MIN, AB_MAJ, F_MIN, G_MAJ]
    + [AB_MAJ, AB_MAJ, F_MIN, F_MIN, DB_MAJ, DB_MAJ, G_MAJ, G_MAJ]
    + [C_MIN, C_MIN, AB_MAJ, G_MAJ, C_MIN, C_MIN, F_MIN, G_MAJ]
)
# The pulse: one bass note per sixteenth, semitones over the root, with accents that lurch.
DAM_PULSE = (0, 0, 12, 0, 0, 0, 12, 0, 0, 0, 12, 0, 0, 7, 12, 0)
DAM_PULSE_ACCENTS = (1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0)
# The cold bells: (bar, sixteenth, length in sixteenths, note).
DAM_BELLS = [
    (0, 0, 6, 79), (0, 6, 6, 80), (0, 12, 4, 79),
    (1, 0, 12, 75), (1, 12, 4, 74),
    (2, 0, 6, 77), (2, 6, 6, 80), (2, 12, 4, 79),
    (3, 0, 8, 74), (3, 8, 8, 71),
]  # fmt: skip


def add_bells(bus: Bus, grid: Grid, first_bar: int, gain: float) -> None:
    for bar, start, _, note in DAM_BELLS:
        at = grid.at(first_bar + bar, start)
        tone = bell(note, 0.5, 3.5, 1.6)
        bus.add(tone, at, gain, 0.3, hall=0.6)
        bus.add(
            tone, at + 3 * grid.sixteenth, gain * 0.3, -0.4, hall=0.6
        )  # its echo off the far wall


def dam_calm(grid: Grid, chords: list) -> Stereo:
    bus = Bus(grid.bar * len(chords), loop=True, hall=3.2, seed=21)
    n = bus.n
    bus.add(drone((65.41, 98.0), n, 180.0, 420.0, 4), 0, 0.2, hall=0.2)
    bus.add(wind(n, 8300, 4200.0, 1.0, 3), 0, 0.06, hall=0.3)  # air forced through the plant
    for b, length, (root, voicing) in spans(chords):
        bus.add(pad(voicing, length * grid.bar, 620.0, 1.0, 1.6, 1), grid.at(b), 0.5, hall=0.5)
        bus.add(low_strings(root + 12, length * grid.bar), grid.at(b), 0.25, 0.2, hall=0.3)
    for b in range(len(chords)):
        section = b // 8
        if section in (0, 2):  # distant pings in the empty plant
            for s in (3, 11):
                bus.add(
                    metal_hit((b + s) % 4 + 2, 0.6),
                    grid.at(b, s),
                    0.16,
                    -0.5 if s == 3 else 0.5,
                    hall=0.7,
                )
        else:  # the machinery ticking over
            for s in range(1, 16, 2):
                bus.add(hat(s % 3), grid.at(b, s), 0.07 + 0.03 * (s % 4 == 3), 0.4, room=0.3)
        if b % 4 == 0:
            bus.add(metal_hit(b // 4 % 4, 1.8), grid.at(b), 0.3, -0.2, hall=0.8)
            bus.add(far("boom", 0, 200.0), grid.at(b), 0.5)
    add_bells(bus, grid, 8, 0.24)
    add_bells(bus, grid, 28, 0.2)
    for at, note, bars in ((16, 79, 6), (22, 80, 2)):
        bus.add(tremolo(note, bars * grid.bar, 6.5), grid.at(at), 0.09, -0.5, hall=0.5)
        bus.add(tremolo(note, bars * grid.bar, 7.3), grid.at(at), 0.09, 0.5, hall=0.5)
    add_swells(bus, grid, chords, [8, 16, 24, 32], 0.3)
    return bus.render()


def dam_combat(grid: Grid, chords: list) -> Stereo:
    bus = Bus(grid.bar * len(chords), loop=True, seed=22)
    for b, (root, voicing) in enumerate(chords):
        section = b // 8
        for i, step in enumerate(DAM_PULSE):
            accent = bool(DAM_PULSE_ACCENTS[i])
            note = bass_pluck(root + step, int(grid.sixteenth * 0.7), accent)
            bus.add(note, grid.at(b, i), 1.0 if accent else 0.6, room=0.08)
        hammers = (0, 10) if section == 0 else (0, 6, 10)
        for s in hammers:
            bus.add(hammer(s % 2), grid.at(b, s), 1.0 if s == 0 else 0.8, room=0.2)
        for s in (4, 12):
            bus.add(
                metal_hit((b + s) % 4, 1.0),
                grid.at(b, s),
                0.45,
                0.45 if s == 4 else -0.45,
                room=0.3,
                hall=0.15,
            )
        for s in range(16):  # the machine's ticking on one side, its shaker answering on the other
            bus.add(hat(s % 3, s == 14), grid.at(b, s), 0.16 if s % 2 else 0.08, 0.5, room=0.2)
            if s % 4 == 2:
                bus.add(shaker(s % 3), grid.at(b, s), 0.16, -0.55, room=0.2)
        if b % 4 == 3:  # a run of clangs throwing the phrase over
            for s in (13, 14, 15):
                bus.add(metal_hit(s % 4, 1.0), grid.at(b, s), 0.25 + 0.08 * (s - 13), 0.3)
        if b % 8 == 7:
            add_tom_fill(bus, grid, b, 0.5, (50, 46, 43, 39))
        if section >= 1:  # the arpeggiator, ping-ponging with its own echo
            tones = chord_tones(voicing, 24)
            for s, idx in enumerate(ARP_STEPS):
                note = osc_arp(tones[idx], int(grid.sixteenth * 0.8))
                pan = -0.6 if s % 2 == 0 else 0.6
                bus.add(note, grid.at(b, s), 0.13, pan, room=0.2)
                bus.add(note, grid.at(b, s + 3), 0.05, -pan, hall=0.2)
        if section == 2 and b % 2 == 0:  # low horns holding the roots down to the Neapolitan
            bus.add(
                horn(root + 24, 2 * grid.bar - grid.beat, 0.6), grid.at(b), 0.22, -0.2, hall=0.4
            )
    add_risers(bus, grid, [8, 16, 24, 32], 0.2)
    return bus.render()


@cache
def osc_arp(note: int, length: int) -> Mono:
    """The dam's arpeggiator: a hollow square blip, its filter snapping shut."""
    f = midi_hz(note)
    n = length + ms(0.03)
    corner = 600.0 + 3200.0 * env_strike(n, 0.04, 0.001)
    return frozen(
        osc_saw(f, n, corner, odd=True, res=0.6, reach=3.0) * env_note(n, 0.002, length, 0.03, 0.5)
    )


def dam_alpha(grid: Grid, chords: list) -> Stereo:
    bus = Bus(grid.bar * len(chords), loop=True, seed=23)
    starts = [b for b, _, _ in spans(chords)]
    add_braams(bus, grid, chords, starts, 0.5)
    for b in range(len(chords)):
        bus.add(metal_hit(b % 4, 1.8), grid.at(b), 0.5, hall=0.4)
        bus.add(boom(1), grid.at(b), 0.6)
        if b % 8 == 0:
            bus.add(impact(b // 8 % 3), grid.at(b), 0.6, hall=0.5)
        if b % 4 == 3:
            bus.add(
                scrape(ms(1.1), 8700 + b),
                grid.at(b, 8),
                0.25,
                0.5 if b % 8 == 3 else -0.5,
                hall=0.4,
            )
        bus.add(hammer(b % 2), grid.at(b, 14), 0.5)
    add_riff(bus, grid, chords, range(len(chords)), 0.3, {7, 15, 23, 31})
    return bus.render()


# --- Music: the chamber ---------------------------------------------------------------------
# D with its flat second at 80 BPM, 22 bars (65.4 s): the Omega's heart. Calm is the heart alone;
# combat gives it a pulse of drums; the Omega hunting brings the brass and the voices.

CHAMBER_GRID = Grid(8192)  # 80.7 BPM: the heart beats every two beats, about 1.5 s
CHAMBER_CHORDS = [DM, DM, EB_MAJ, EB_MAJ, DM, DM, GM, GM, EB_MAJ, EB_MAJ] + [
    A_MAJ,
    A_MAJ,
    DM,
    DM,
    BB,
    BB,
    EB_MAJ,
    EB_MAJ,
    GM,
    GM,
    A_MAJ,
    A_MAJ,
]
CHAMBER_GLASS = [86, 93, 87, 92, 86, 81, 87, 98, 80, 86, 93, 87, 81, 92, 86]
CHAMBER_RIFF = (0, 0, 1, 0, 0, 0, 7, 6)  # the flat second and the tritone's slide


def chamber_calm(grid: Grid, chords: list) -> Stereo:
    bus = Bus(grid.bar * len(chords), loop=True, hall=4.5, seed=31)
    n = bus.n
    beat = 2 * grid.beat
    rng = random.Random(7100)
    # The sub: D and its octave, swelling with every beat of the heart and sagging between;
    # each swell eases in over 30 ms and has fully sagged by the next beat.
    t = np.arange(beat) / MSR
    sag = math.exp(-(beat / MSR) / 0.45)
    shape = (np.exp(-t / 0.45) - sag) / (1 - sag) * (1 - np.exp(-t / 0.03))
    pulse = 0.35 + 0.65 * np.tile(shape, n // beat + 1)[:n]
    sub = osc_sine(periodic(36.71, n), n) + 0.35 * osc_sine(periodic(73.42, n), n)
    bus.add(sub * pulse, 0, 0.5)
    air = drone((146.83, 155.56, 220.0), n, 300.0, 500.0, 2)
    bus.add(air, 0, 0.12, hall=0.3)
    bus.add(wind(n, 8400, 3000.0, 1.5, 2), 0, 0.04, hall=0.5)  # the breath of a vast dark
    for b, length, (_, voicing) in spans(chords):
        bus.add(pad(voicing, length * grid.bar, 480.0, 1.6, 2.0, 2), grid.at(b), 0.35, hall=0.6)
    for k in range(n // beat):
        bus.add(heartbeat(), k * beat, 1.0 if k % 2 == 0 else 0.8, hall=0.15)
    for i, note in enumerate(CHAMBER_GLASS):
        at = int((i * 8 / 3 + 0.3) * beat)
        bus.add(glass(note), at, 0.12, rng.uniform(-0.6, 0.6), hall=0.8)
    for k in range(34):
        bus.add(
            drip(k % 6),
            int(rng.random() * n),
            0.1 + 0.15 * rng.random(),
            rng.uniform(-0.8, 0.8),
            hall=0.7,
        )
    return bus.render()


def chamber_combat(grid: Grid, chords: list) -> Stereo:
    bus = Bus(grid.bar * len(chords), loop=True, hall=3.5, seed=32)
    for b, (root, _) in enumerate(chords):
        for s, level in ((0, 1.0), (3, 0.7), (8, 0.9), (11, 0.65)):  # lub-dub, twice a bar
            bus.add(
                taiko((b + s) % 4, 1.2),
                grid.at(b, s),
                level * 0.85,
                -0.2 if s < 8 else 0.2,
                room=0.2,
                hall=0.3,
            )
        for s in (6, 14):
            bus.add(tom(45 if s == 6 else 43), grid.at(b, s), 0.35, 0.4, room=0.3)
        if b % 4 == 3:
            add_tom_fill(bus, grid, b, 0.45, (50, 47, 45, 43))
        low = low_root(root)
        for e in range(8):
            step = (0, 0, 0, 12, 0, 0, 7, 0)[e]
            bus.add(
                bass_pluck(low + step, int(grid.sixteenth * 1.6), e % 4 == 0),
                grid.at(b, 2 * e),
                0.8 if e % 4 == 0 else 0.55,
            )
        r = 57 + (root - 57) % 12  # the root between A3 and G#4
        figure = (r, r + 1, r, r + 7, r, r + 1, r, r + 8)
        for s in range(16):
            bus.add(
                spiccato(figure[s % 8], int(grid.sixteenth * 0.9), s % 4),
                grid.at(b, s),
                0.24 if s % 2 == 0 else 0.18,
                -0.5 if s % 2 == 0 else 0.5,
                room=0.2,
                hall=0.2,
            )
        for s in range(2, 16, 4):
            bus.add(hat(s % 3), grid.at(b, s), 0.1, 0.3, room=0.3)
    add_risers(bus, grid, [12, 22], 0.2)
    return bus.render()


def chamber_alpha(grid: Grid, chords: list) -> Stereo:
    bus = Bus(grid.bar * len(chords), loop=True, hall=4.0, seed=33)
    starts = [b for b, _, _ in spans(chords)]
    add_braams(bus, grid, chords, starts, 0.5, extra=(13,))
    for b in range(len(chords)):
        bus.add(impact(b % 3), grid.at(b), 0.5, hall=0.5)
        bus.add(taiko(b % 4, 1.4), grid.at(b, 8), 0.5, hall=0.4)
    for b, length, (_, voicing) in spans(chords):
        bus.add(choir(tuple(v + 12 for v in voicing), length * grid.bar), grid.at(b), 0.6, hall=0.6)
    add_riff(bus, grid, chords, range(len(chords)), 0.28, {9, 19}, CHAMBER_RIFF)
    return bus.render()


SCORES = {
    "beach": (BEACH_GRID, BEACH_CHORDS, (beach_calm, beach_combat, beach_alpha)),
    "dam": (DAM_GRID, DAM_CHORDS, (dam_calm, dam_combat, dam_alpha)),
    "chamber": (CHAMBER_GRID, CHAMBER_CHORDS, (chamber_calm, chamber_combat, chamber_alpha)),
}


# What ships of each score: its sections (first bar, bar after the last), in order. The stems are
# rendered whole and mastered as one loop, then cut on the same bar lines, so they stay in step.
# beach: A (the 2-bar chords), then B' (the theme, fuller) and the tag back round to A.
# dam: B (the cold bells) and C (down to the Neapolitan), whose dominant leads back into B.
# chamber: the heart and its flat second, then the last two bars' dominant back to the start.
SCORE_SECTIONS = {"beach": ((0, 8), (24, 36)), "dam": ((8, 24),), "chamber": ((0, 10), (20, 22))}
MONO_STEMS = ("combat",)  # drums, bass and ostinato: nearly mono as mixed, so shipped mono


def spliced(x: np.ndarray, grid: Grid, sections: tuple) -> tuple[np.ndarray, tuple[int, ...]]:
    """The sections of a loop joined in order, and the samples at which they were joined.

    Where a section does not run on into the next as it did in the whole score, its last
    sixteenth crossfades (at equal power) into the sixteenth that led into the next one there:
    each downbeat lands as written, and the old section's reverb hands over to the new one's.
    """
    n = x.shape[-1]
    parts = [x[..., a * grid.bar : b * grid.bar].copy() for a, b in sections]
    width = grid.sixteenth
    t = (np.arange(width) + 0.5) / width
    fade_out, fade_in = np.cos(0.5 * np.pi * t), np.sin(0.5 * np.pi * t)
    joins, at = [], 0
    for i, (_, end) in enumerate(sections):
        at += parts[i].shape[-1]
        nxt = sections[(i + 1) % len(sections)][0] * grid.bar
        if (end * grid.bar) % n == nxt % n:
            continue
        lead = np.take(x, np.arange(nxt - width, nxt), axis=-1, mode="wrap")
        parts[i][..., -width:] = parts[i][..., -width:] * fade_out + lead * fade_in
        joins.append(at % sum(p.shape[-1] for p in parts))
    return np.concatenate(parts, axis=-1), tuple(joins)


def score(name: str) -> tuple[dict[str, np.ndarray], tuple[int, ...]]:
    """A layered score as it ships: its three stems, bar-aligned, the same length, mastered
    together, cut to its sections (the combat stem mono); and where they were spliced."""
    grid, chords, makers = SCORES[name]
    stems = finish_stems([make(grid, chords) for make in makers])
    out: dict[str, np.ndarray] = {}
    joins: tuple[int, ...] = ()
    for stem, x in zip(STEMS, stems, strict=True):
        x, joins = spliced(x, grid, SCORE_SECTIONS[name])
        out[stem] = x.mean(axis=0) if stem in MONO_STEMS else x
    # The crossfades and the fold to mono can raise the loudest mix a hair: keep to the peak.
    both = [np.broadcast_to(x, (2, x.shape[-1])) for x in out.values()]
    gain = min(1.0, 10.0 ** (MUSIC_PEAK_DB / 20.0) / (stem_peak(both) or 1.0))
    return {stem: x * gain for stem, x in out.items()}, joins


# --- Music: the title -----------------------------------------------------------------------

TITLE_GRID = Grid(8192)  # 80.7 BPM
TITLE_CHORDS = [DM, BB, GM, A_MAJ] * 4
# (bar, start beat, length in beats, note): a falling, unresolved lament, then its answer.
TITLE_MOTIF = [
    (4, 0.0, 1.5, 69), (4, 1.5, 0.5, 70), (4, 2.0, 2.0, 69),
    (5, 0.0, 3.0, 65), (5, 3.0, 1.0, 62),
    (6, 0.0, 1.5, 67), (6, 1.5, 0.5, 69), (6, 2.0, 2.0, 70),
    (7, 0.0, 2.0, 69), (7, 2.0, 2.0, 64),
    (12, 0.0, 1.5, 74), (12, 1.5, 0.5, 72), (12, 2.0, 2.0, 69),
    (13, 0.0, 3.0, 70), (13, 3.0, 1.0, 69),
    (14, 0.0, 1.5, 67), (14, 1.5, 0.5, 65), (14, 2.0, 2.0, 62),
    (15, 0.0, 2.0, 64), (15, 2.0, 2.0, 61),
]  # fmt: skip


def title_music() -> Stereo:
    """The title: a slow D minor drone and pad, far-off drums, a tolling bell, a lone flute."""
    grid = TITLE_GRID
    bus = Bus(grid.bar * len(TITLE_CHORDS), loop=True, hall=3.4, seed=41)
    bus.add(drone((73.42, 110.0), bus.n, 260.0, 380.0, 8), 0, 0.3, hall=0.3)
    toll = bell(62, 1.4, 1.41, 2.5)
    for b, (root, voicing) in enumerate(TITLE_CHORDS):
        bus.add(pad(voicing, grid.bar, 720.0, 1.2, 1.8), grid.at(b), 0.45, hall=0.6)
        bus.add(far("taiko", b % 4, 450.0), grid.at(b), 0.9, -0.15, hall=0.9)
        bus.add(far("taiko", (b + 1) % 4, 450.0), grid.at(b, 12), 0.4, 0.2, hall=0.9)
        bus.add(far("taiko", (b + 2) % 4, 450.0), grid.at(b, 14), 0.55, 0.2, hall=0.9)
        if b % 2 == 0:
            bus.add(toll, grid.at(b), 0.35 if b % 4 == 0 else 0.22, -0.35, hall=0.6)
        if b >= 8:
            bus.add(low_strings(root + 12, grid.bar), grid.at(b), 0.25, 0.25, hall=0.4)
    for b, start, beats, note in TITLE_MOTIF:
        tone = flute(note, int(beats * grid.beat) - ms(0.05))
        bus.add(tone, grid.at(b, start * 4), 0.4, 0.1, room=0.1, hall=0.6)
    return finish_stems([bus.render()])[0]


# --- Music: the ending ----------------------------------------------------------------------

END_GRID = Grid(9216)  # 71.8 BPM: twelve bars run 40 s
D_MAJ = (38, (54, 57, 62))
A_OVER_CS = (37, (52, 57, 61))
B_MIN = (35, (54, 59, 62))
G_MAJ_HI = (31, (55, 59, 62))
E_MIN = (40, (55, 59, 64))
A_MAJ_HI = (33, (52, 57, 61))
END_CHORDS = [
    D_MAJ, A_OVER_CS, B_MIN, G_MAJ_HI, D_MAJ, A_OVER_CS,
    E_MIN, A_MAJ_HI, G_MAJ_HI, A_MAJ_HI, D_MAJ, D_MAJ,
]  # fmt: skip
# The title's lament, turned to a major key: the same long-short-long steps, rising this time.
END_MELODY = [
    (2, 0.0, 1.5, 74), (2, 1.5, 0.5, 73), (2, 2.0, 2.0, 71),
    (3, 0.0, 3.0, 67), (3, 3.0, 1.0, 69),
    (4, 0.0, 1.5, 66), (4, 1.5, 0.5, 67), (4, 2.0, 2.0, 69),
    (5, 0.0, 2.0, 69), (5, 2.0, 1.0, 71), (5, 3.0, 1.0, 73),
    (6, 0.0, 1.5, 74), (6, 1.5, 0.5, 76), (6, 2.0, 2.0, 71),
    (7, 0.0, 3.0, 73), (7, 3.0, 1.0, 69),
    (8, 0.0, 1.5, 71), (8, 1.5, 0.5, 74), (8, 2.0, 2.0, 79),
    (9, 0.0, 2.0, 78), (9, 2.0, 1.0, 76), (9, 3.0, 1.0, 73),
    (10, 0.0, 4.0, 74),
]  # fmt: skip
END_ARPEGGIO = (0, 1, 2, 3, 2, 1, 2, 1)  # chord tones per eighth; 3 is the root an octave up


def ending_music() -> Stereo:
    """The ending: a slow D major theme on a soft electric piano over a warm pad, the title's
    lament turned hopeful; bittersweet on the way (B minor, E minor), home on D at the end."""
    grid = END_GRID
    n = grid.bar * len(END_CHORDS)
    bus = Bus(n + ms(4.0), loop=False, hall=2.8, seed=51)
    last = len(END_CHORDS) - 1
    swell = env_lines(bus.n, [(0, 0.0), (6.0, 0.6), (14.0, 1.0)])
    for b, (root, voicing) in enumerate(END_CHORDS):
        tones = (*voicing, voicing[0] + 12)
        if b < last:
            for i, idx in enumerate(END_ARPEGGIO):
                level = 0.5 if i == 0 else 0.32 + 0.06 * (i % 2 == 0)
                bus.add(
                    piano(tones[idx], int(grid.beat * 0.8)),
                    grid.at(b, 2 * i),
                    level * 0.55,
                    -0.3 + 0.2 * idx,
                    room=0.1,
                    hall=0.35,
                )
        else:  # the last bar: the whole chord once, with the ninth, left to ring out
            for k, note in enumerate((*voicing, voicing[0] + 12, 76)):
                bus.add(
                    piano(note, int(grid.bar * 0.8)),
                    grid.at(b) + k * ms(0.06),
                    0.25,
                    -0.3 + 0.15 * k,
                    hall=0.4,
                )
        bus.add(piano(root, int(grid.bar * 0.9)), grid.at(b), 0.35, hall=0.2)
        chord = pad(voicing, grid.bar, 1300.0 if b < last else 900.0, 1.4, 2.2, 3)
        at = grid.at(b)
        bus.add(chord * swell[at : at + chord.shape[1]], at, 0.3, hall=0.3)
    for b, at_beat, beats, note in END_MELODY:
        at = grid.at(b, at_beat * 4)
        length = int(beats * grid.beat) - ms(0.04)
        bus.add(piano(note + 12, length), at, 0.42, 0.05, room=0.1, hall=0.45)
        if b >= 6:  # in the second half the breathy voice from the title joins, an octave down
            bus.add(flute(note, length), at, 0.2, -0.1, hall=0.45)
    return finish_piece(bus.render()[:, :n], 1.5, 3.0)


# --- Music: the vision ----------------------------------------------------------------------


def vision_music() -> Stereo:
    """The Alpha's blood, the vision: a wash swelling backwards out of nothing, a slow heartbeat
    quickening under it; it blooms at the Omega and dies away to silence."""
    n = ms(8.0)
    peak = 6.0
    bus = Bus(n, loop=False, room=1.2, hall=5.0, seed=61)
    # A chord struck into a huge room, the room played backwards into the peak.
    hit_len = ms(peak)
    chord = np.zeros(hit_len)
    for note, level in ((50, 0.6), (57, 0.5), (62, 0.5), (65, 0.4), (69, 0.35), (76, 0.25)):
        chord += fm(hit_len, midi_hz(note), 1.41, 2.2, 1.2, 0.003) * level
    chord += colored(hit_len, 7200, lp(8000.0)) * env_strike(hit_len, 0.05, 0.001)
    wash = convolve(np.stack([chord, chord]), space(5.0, 7201), loop=False)[:, ::-1]
    wash *= env_lines(hit_len, [(0, 0.0), (2.5, 1.0)])
    rise = np.linspace(0.0, 1.0, hit_len) ** 2
    air = swept(hit_len, 7202, 250.0 * 20.0 ** np.linspace(0.0, 1.0, hit_len)) * rise
    bus.add(wash / (float(np.max(np.abs(wash))) or 1.0), 0, 0.9)
    bus.add(np.stack([air, np.roll(air, 441)]), 0, 0.25)
    at, gap = 0.5, 1.25
    while at < peak - 0.2:  # the heartbeat, slow, then quicker as the vision takes hold
        bus.add(heartbeat(), ms(at), 0.8 + 0.5 * at / peak, room=0.3)
        at += gap
        gap = max(0.55, gap * 0.86)
    bloom_len = n - hit_len
    bloom = sat(thud(bloom_len, 70.0, 28.0, 0.1, 0.4), 1.5)
    shine = glass(86)[:bloom_len] * env_lines(bloom_len, [(0, 0), (0.05, 1.0), (1.4, 0.0)])
    fade_ = env_lines(bloom_len, [(0, 1.0), (1.2, 0.4), (1.6, 0.0)])
    bus.add(bloom * fade_, hit_len, 1.0, room=0.3)
    bus.add(shine * fade_, hit_len, 0.35, -0.3, hall=0.5)
    bus.add(shine * fade_, hit_len + ms(0.011), 0.3, 0.3, hall=0.5)
    x = bus.render() * env_lines(n, [(0, 1.0), (7.2, 1.0), (7.5, 0.0)])
    return finish_piece(x, 0.01, 0.01)


# --- Music: stingers ------------------------------------------------------------------------
# Short phrases played over the music, in the key of the score under them (D or C).

STINGER_KEYS = {"d": 62, "c": 60}


def stinger_learn(r: int) -> Stereo:
    """Knowledge kept: a shimmer rising into a bright arpeggio of the tonic's major chord with
    its ninth, the minor world lit for a moment, ringing out over a soft pad."""
    n = ms(3.2)
    bus = Bus(n, loop=False, hall=3.0, seed=71)
    lead_in = ms(0.45)
    bus.add(reverse_swell((r + 12, r + 19, r + 24), lead_in, 7300 + r), 0, 0.35)
    for i, step in enumerate((12, 19, 24, 26, 28, 31)):
        at = lead_in + i * ms(0.085)
        tone = bell(r + step, 0.9, 3.5, 1.8)
        bus.add(tone, at, 0.45 - 0.04 * i, -0.5 + 0.2 * i, hall=0.6)
        bus.add(glass(r + step + 12, 2.4), at, 0.06, 0.5 - 0.2 * i, hall=0.5)
    bus.add(
        pad((r - 12, r - 5, r + 4, r + 7), ms(1.2), 1600.0, 0.25, 1.5, 4), lead_in, 0.35, hall=0.5
    )
    x = bus.render() * env_lines(n, [(0, 1.0), (2.6, 1.0), (3.2, 0.0)])
    return finish_piece(x, 0.005, 0.05)


def stinger_loop(r: int) -> Stereo:
    """The day begins again: drums rolling in behind a reversed swell, a low minor chord struck
    on the landing, and bells falling through the title's first steps as it dies away."""
    n = ms(3.6)
    bus = Bus(n, loop=False, hall=3.2, seed=72)
    land = ms(1.0)
    for k in range(12):  # the roll: quickening, swelling
        at = int(land * (1.0 - (1.0 - k / 12) ** 1.4))
        bus.add(tom(r - 26 + (k % 2)), at, 0.2 + 0.5 * k / 12, -0.3 + 0.05 * k, room=0.3)
    bus.add(reverse_swell((r, r + 3, r + 7), land, 7400 + r), 0, 0.4)
    bus.add(impact(0), land, 0.7, hall=0.4)
    for note in (r - 24, r - 17, r - 12, r - 9):
        bus.add(horn(note, ms(1.4), 0.8), land, 0.3, hall=0.4)
    for i, (step, at) in enumerate(((7, 0.0), (8, 0.35), (7, 0.7), (0, 1.05))):
        bus.add(
            bell(r + 12 + step, 1.1, 1.41, 2.0),
            land + ms(at + 0.15),
            0.35,
            0.4 - 0.25 * i,
            hall=0.6,
        )
    x = bus.render() * env_lines(n, [(0, 1.0), (3.0, 1.0), (3.6, 0.0)])
    return finish_piece(x, 0.005, 0.05)


def stinger_final(r: int) -> Stereo:
    """The point of no return: a vast low brass cluster with its flat second, a high bell
    tolling once, strings trembling on the tritone as the brass falls away."""
    n = ms(4.0)
    bus = Bus(n, loop=False, hall=4.5, seed=73)
    bus.add(braam((r - 24, r - 17, r - 12, r - 11), ms(2.0), 5), 0, 0.6, hall=0.5)
    bus.add(impact(2), 0, 0.6, hall=0.5)
    bus.add(boom(0, 1.5), 0, 0.7)
    bus.add(bell(r + 24, 1.8, 1.41, 2.2), ms(0.25), 0.3, -0.3, hall=0.7)
    for pan, rate in ((-0.5, 6.5), (0.5, 7.4)):
        bus.add(tremolo(r + 18, ms(2.4), rate), ms(0.6), 0.12, pan, hall=0.6)
    x = bus.render() * env_lines(n, [(0, 1.0), (3.2, 1.0), (4.0, 0.0)])
    return finish_piece(x, 0.005, 0.05)


STINGERS = {"learn": stinger_learn, "loop": stinger_loop, "final": stinger_final}
PIECES = {"title": title_music, "ending": ending_music, "vision": vision_music}
LOOPED_PIECES = ("title",)  # built circularly, like the scores; the rest play once


def music_files() -> dict[str, Callable[[], object]]:
    """Every music file by stem (under assets/music/, the maps' scores under levels/music/), with
    the function that renders it."""
    files: dict[str, Callable[[], object]] = {}
    for name in SCORES:
        files[name] = lambda name=name: score(name)[0]
    for name, make in PIECES.items():
        files[name] = make
    for name, make in STINGERS.items():
        for key, root in STINGER_KEYS.items():
            files[f"sting_{name}_{key}"] = lambda make=make, root=root: make(root)
    return files


def digest_names() -> set[str]:
    """Every file stem this script writes: the effects, each score's stems, the other music."""
    music = {n for n in music_files() if n not in SCORES}
    stems = {f"{n}_{stem}" for n in SCORES for stem in STEMS}
    return set(EFFECTS) | music | stems


def main(argv: list[str]) -> None:
    """Write everything, or only what is named: `effects`, `music`, or file stems."""
    if np is None or soundfile is None:
        sys.exit("make_sounds.py needs numpy and soundfile: .venv/bin/pip install -e '.[assets]'")
    wanted = set(argv)
    started = time.perf_counter()
    digests: dict[str, str] = {}
    every = not wanted or "effects" in wanted
    for name, make in EFFECTS.items():
        if every or name in wanted:
            t0 = time.perf_counter()
            x = finish_effect(make())
            digests[name] = pcm_digest(x)
            write_effect(SOUNDS_DIR / f"{name}.ogg", x)
            print(f"sounds/{name}.ogg  {time.perf_counter() - t0:5.2f}s")
    every = not wanted or "music" in wanted
    for name, make in music_files().items():
        if not (every or name in wanted):
            continue
        t0 = time.perf_counter()
        if name in SCORES:
            stems, joins = score(name)
            for stem, x in stems.items():
                digests[f"{name}_{stem}"] = pcm_digest(x)
                folder = MAP_MUSIC_DIR if name in MAP_SCORES else MUSIC_DIR
                write_ogg(folder / f"{name}_{stem}.ogg", x, loop=True, joins=joins)
            print(f"{name}_{{{','.join(stems)}}}.ogg  {time.perf_counter() - t0:5.2f}s")
        else:
            x = make()
            digests[name] = pcm_digest(x)
            write_ogg(MUSIC_DIR / f"{name}.ogg", x, loop=name in LOOPED_PIECES)
            print(f"music/{name}.ogg  {time.perf_counter() - t0:5.2f}s")
    write_digests(digests, digest_names())
    print(f"done in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main(sys.argv[1:])

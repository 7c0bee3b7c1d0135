"""Synthesizes the campaign's sounds and music from nothing but arithmetic.

Owns every file under assets/sounds/ (the effects) and assets/music/ (the loops): each is built
here from noise, oscillators, filters and a small reverb, with fixed seeds, so running the script
again writes the same WAVs byte for byte. The game never imports this module; it only loads the
16-bit mono 22050 Hz WAV files it writes, exactly as it would load a mod's recorded sounds.

Run from the repository root:  python assets/make_sounds.py

Standard library only, so it runs anywhere Python does. Signals are plain lists of floats in
[-1, 1]; the hot paths lean on list comprehensions, `map` and slice assignment (which run in C)
rather than per-sample Python function calls.
"""

from __future__ import annotations

import math
import random
import sys
import time
import wave
from array import array
from functools import cache
from itertools import accumulate, pairwise
from operator import add, mul, sub
from pathlib import Path

SR = 22050
TAU = 2.0 * math.pi
HERE = Path(__file__).resolve().parent
SOUNDS_DIR = HERE / "sounds"
MUSIC_DIR = HERE / "music"

EFFECT_PEAK_DB = -1.0  # effects are normalized hot; the game sets each one's volume
MUSIC_PEAK_DB = -6.0  # music sits under the effects

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


def write_wav(path: Path, x: Signal) -> None:
    full = 32767.0
    data = array("h", [int(round(full * min(1.0, max(-1.0, v)))) for v in x])
    if sys.byteorder == "big":
        data.byteswap()  # WAV is little-endian
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SR)
        w.writeframes(data.tobytes())


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


def footstep(seed: int, centre: float) -> Signal:
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


def footstep_sand() -> Signal:
    return footstep(1717, 2600)


def footstep_sand_b() -> Signal:
    return footstep(1818, 2100)


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


def knowledge() -> Signal:
    """Something learned for the next loop: shimmering bell tones climbing an A major chord."""
    n = samples(0.9)
    out = silence(n)
    for at, freq in ((0.0, 880.0), (0.08, 1108.7), (0.16, 1318.5), (0.26, 1760.0)):
        m = n - samples(at)
        # Two bells a few cents apart beat against each other: that slow beating is the shimmer.
        for detune, level in ((1.0, 0.6), (1.0035, 0.45)):
            index = 1.8 * min(1.0, 1000.0 / freq)  # high notes' sidebands would alias
            mix_into(out, fm_bell(m, freq * detune, 3.5, index, 0.32, 0.003), samples(at), level)
    return with_room(out, 0.45, rt60=1.1, size=0.9, tone=4500)


# --- The dam and the Omega ------------------------------------------------------------------


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
    "ui_move": ui_move,
    "ui_select": ui_select,
    "ui_back": ui_back,
    "knowledge": knowledge,
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


# --- Music instruments ----------------------------------------------------------------------
# Each note is rendered once per (pitch, length) and reused; a loop repeats the same few notes
# dozens of times, so the cache is most of why the music renders in seconds.


def midi_hz(note: int) -> float:
    return 440.0 * 2.0 ** ((note - 69) / 12.0)


def note_env(n: int, attack: float, length: int, release: float, sustain: float = 1.0) -> Signal:
    """Attack to 1, ease to sustain over the note, release after note-off (length samples)."""
    held = length / SR
    return lines(n, [(0, 0), (attack, 1.0), (held, sustain), (held + release, 0.0)])


@cache
def bass_note(note: int, length: int, accent: bool) -> Signal:
    """The ostinato's voice: two detuned saws through a plucked low-pass, over a sine sub."""
    f = midi_hz(note)
    n = length + samples(0.05)
    saws = layer(n, (saw_bl(f * 1.004, n), 0.5), (saw_bl(f * 0.996, n, 0.37), 0.5))
    cutoff = [180.0 + (1500.0 if accent else 800.0) * v for v in decay(n, 0.07, 0.002)]
    body = svf(saws, cutoff, 1.6, "lp")
    voice = layer(n, (body, 0.9), (sine(f, n), 0.6))
    return drive(times(voice, note_env(n, 0.004, length, 0.04, 0.7)), 1.4)


@cache
def taiko(variant: int, size: float) -> Signal:
    """A war drum: a pitch-dropping sine body, membrane overtones, a slap of skin noise."""
    rng = random.Random(3000 + variant)
    n = samples(0.9)
    f = 58.0 * (1.0 + 0.03 * rng.random())
    body = thump(n, f * 2.5, f, 0.03, 0.26 * size)
    overtones = times(
        layer(n, (sine(f * 1.59, n), 0.5), (sine(f * 2.14, n), 0.3)), decay(n, 0.08, 0.002)
    )
    skin = times(svf(white(n, rng), 900, 0.7, "lp"), decay(n, 0.025, 0.001))
    slap = times(svf(white(n, rng), 260, 1.5, "bp"), decay(n, 0.06, 0.002))
    return drive(layer(n, (body, 1.0), (overtones, 0.35), (skin, 0.45), (slap, 0.6)), 1.8)


@cache
def deep_boom(variant: int) -> Signal:
    """The very low hit that marks each phrase: more felt than heard."""
    n = samples(1.4)
    return drive(thump(n, 85, 36, 0.08, 0.5), 1.5)


@cache
def field_snare(variant: int) -> Signal:
    """A military snare: bright rattle of wires over a short tuned shell."""
    rng = random.Random(4000 + variant)
    n = samples(0.25)
    wires = times(svf(white(n, rng), 3200, 0.8, "bp"), decay(n, 0.07, 0.001))
    crack = times(svf(white(n, rng), 1800, 0.7, "hp"), decay(n, 0.012, 0.0005))
    shell = thump(n, 240, 185, 0.02, 0.035)
    return layer(n, (wires, 0.8), (crack, 0.6), (shell, 0.7))


@cache
def pad_chord(notes: tuple, length: int, cutoff: float, attack: float, release: float) -> Signal:
    """A dark pad: three slightly detuned saws per note, low-passed, swelling in and out."""
    n = length + samples(release)
    voices = silence(n)
    for note in notes:
        f = midi_hz(note)
        for cents, phase in ((-9, 0.0), (0, 0.33), (8, 0.71)):
            mix_into(voices, saw_bl(f * 2.0 ** (cents / 1200.0), n, phase), 0, 0.2)
    dark = svf(svf(voices, cutoff, 0.9, "lp"), cutoff * 1.5, 0.7, "lp")
    return times(dark, note_env(n, attack, length, release, 0.85))


@cache
def horn_note(note: int, length: int) -> Signal:
    """The lead: a brassy saw whose filter opens on the attack, vibrato arriving late."""
    f = midi_hz(note)
    n = length + samples(0.25)
    s = math.sin
    vib = [1.0 + 0.005 * s(TAU * 5.3 * i / SR) * min(1.0, i / (0.3 * SR)) for i in range(n)]
    freq = [f * v for v in vib]
    tone = layer(
        n,
        (saw_bl(freq, n), 0.7),
        (saw_bl([v * 1.003 for v in freq], n, 0.5), 0.5),
        (sine([v * 0.5 for v in freq], n), 0.35),
    )
    opening = lines(n, [(0, 0.0), (0.06, 1.0), (0.4, 0.55)])
    cutoff = [450.0 + 2200.0 * v for v in opening]
    return times(svf(tone, cutoff, 1.1, "lp"), note_env(n, 0.035, length, 0.2, 0.85))


@cache
def soft_lead_note(note: int, length: int) -> Signal:
    """The title's motif: a breathy, flute-like tone, slow to speak, with a gentle vibrato."""
    f = midi_hz(note)
    n = length + samples(0.6)
    rng = random.Random(5000 + note)
    s = math.sin
    vib = [1.0 + 0.004 * s(TAU * 4.8 * i / SR) * min(1.0, i / (0.5 * SR)) for i in range(n)]
    freq = [f * v for v in vib]
    tone = layer(
        n,
        (sine(freq, n), 1.0),
        (sine([v * 2 for v in freq], n), 0.22),
        (sine([v * 3 for v in freq], n), 0.08),
    )
    breath = svf(white(n, rng), f * 2, 3.0, "bp")
    voice = layer(n, (tone, 1.0), (breath, 0.25))
    return times(voice, note_env(n, 0.12, length, 0.5, 0.8))


def fold_loop(x: Signal, loop: int) -> Signal:
    """Wrap everything that rings past the loop point back onto the start, so it loops clean."""
    out = x[:loop]
    for s in range(loop, len(x), loop):
        mix_into(out, x[s : s + loop], 0)
    return out


def periodic(freq: float, loop: int) -> float:
    """Nudge a frequency so a whole number of cycles fits the loop: no seam in a held drone."""
    cycles = max(1, round(freq * loop / SR))
    return cycles * SR / loop


def finish_music(x: Signal, loop: int) -> Signal:
    """High-pass the rumble, glue with gentle saturation, fold the tails, set -6 dBFS peak.

    The loop point gets a 3 ms dip in and out: the folded signal is continuous there anyway, and
    the dip guarantees a player that doesn't loop sample-exactly can't click.
    """
    x = highpass1(x, 28.0)
    x = normalized(fold_loop(x, loop), 0.0)
    x = drive(x, 1.3)
    return normalized(fade(x, 0.003, 0.003), MUSIC_PEAK_DB)


# --- Music ----------------------------------------------------------------------------------

# D minor. Chords as (bass root, pad voicing); the voicings sit in the octave below middle C.
DM = (38, (50, 53, 57))
BB = (34, (50, 53, 58))
GM = (43, (50, 55, 58))
A_MAJ = (33, (49, 52, 57))  # the harmonic-minor dominant: C sharp pulls back to D
C_MAJ = (36, (48, 52, 55))

BEACH_EIGHTH = 6014  # samples: 110 BPM, rounded so every bar is a whole number of samples
BEACH_CHORDS = [DM, BB, GM, A_MAJ] * 2 + [DM, BB, C_MAJ, A_MAJ] * 2

# The ostinato: semitones above the chord root, one per eighth, and which eighths push.
OSTINATO = (0, 0, 12, 0, 0, 12, 0, 7)
OSTINATO_ACCENTS = (True, False, True, False, True, True, False, False)
OSTINATO_LEVELS = (1.0, 0.62, 0.85, 0.6, 0.9, 0.8, 0.65, 0.72)

# Lead motif: (bar, start eighth, length in eighths, note). Sparse: it answers every other phrase.
BEACH_MOTIF = [
    (4, 0, 3, 62), (4, 3, 3, 69), (4, 6, 2, 67),
    (5, 0, 6, 65), (5, 6, 2, 62),
    (6, 0, 3, 67), (6, 3, 3, 70), (6, 6, 2, 69),
    (7, 0, 4, 64), (7, 4, 4, 61),
    (12, 0, 3, 69), (12, 3, 3, 74), (12, 6, 2, 72),
    (13, 0, 6, 70), (13, 6, 2, 69),
    (14, 0, 3, 72), (14, 3, 3, 67), (14, 6, 2, 64),
    (15, 0, 4, 64), (15, 4, 4, 69),
]  # fmt: skip


def beach_drums(bar: int, eighth: int) -> list[tuple[str, int, float, int]]:
    """The drum hits of one bar: (kind, offset in samples, level, variant)."""
    hits = []
    phrase_bar = bar % 4
    if phrase_bar == 0:
        hits.append(("boom", 0, 0.9, 0))
    # Big drums on 1 and 3, answering drums on the off-beats once the track has found its feet.
    pattern = [(0, 1.0), (4, 0.9)]
    if bar >= 4:
        pattern += [(3, 0.55), (6, 0.6)]
    if phrase_bar == 3:  # the fill that throws each phrase into the next one
        pattern = [(0, 1.0), (3, 0.6), (4, 0.85), (5, 0.6), (6, 0.8), (7, 0.95)]
    for i, (slot, level) in enumerate(pattern):
        hits.append(("taiko", slot * eighth, level, (bar * 7 + i) % 4))
    # Field snare from the second half: backbeat plus sixteenth ghost notes that tighten the grip.
    if bar >= 8:
        for slot in (2, 6):
            hits.append(("snare", slot * eighth, 0.55, (bar + slot) % 3))
        for sixteenth in (5, 7, 9, 13, 15):
            hits.append(("snare", sixteenth * eighth // 2, 0.16, (bar + sixteenth) % 3))
        if phrase_bar == 3:
            for sixteenth in range(8, 16):
                level = 0.2 + 0.35 * (sixteenth - 8) / 7
                hits.append(("snare", sixteenth * eighth // 2, level, sixteenth % 3))
    return hits


def beach_music() -> Signal:
    """The beach: a driving D minor ostinato at 110 BPM, war drums, a dark pad, a sparse horn."""
    eighth = BEACH_EIGHTH
    bar = 8 * eighth
    loop = bar * len(BEACH_CHORDS)
    n = loop + samples(4.0)
    bass, drums, pad, lead = silence(n), silence(n), silence(n), silence(n)
    drum_voices = {"taiko": lambda v: taiko(v, 1.0), "boom": deep_boom, "snare": field_snare}
    for b, (root, voicing) in enumerate(BEACH_CHORDS):
        start = b * bar
        for i, step in enumerate(OSTINATO):
            note = bass_note(root + step, int(eighth * 0.8), OSTINATO_ACCENTS[i])
            mix_into(bass, note, start + i * eighth, OSTINATO_LEVELS[i])
        for kind, offset, level, variant in beach_drums(b, eighth):
            mix_into(drums, drum_voices[kind](variant), start + offset, level)
        mix_into(pad, pad_chord(voicing, bar, 950.0, 0.3, 0.9), start)
    for b, slot, length, note in BEACH_MOTIF:
        at = b * bar + slot * eighth
        tone = horn_note(note, length * eighth - samples(0.03))
        mix_into(lead, tone, at)
        # A dotted-eighth echo gives the sparse lead a space to live in.
        mix_into(lead, lowpass1(tone, 2500), at + 3 * eighth, 0.28)
    send = layer(n, (drums, 0.35), (pad, 0.5), (lead, 0.6), (bass, 0.08))
    room = reverb(send, rt60=1.8, size=1.3, tone=3000)
    mixed = layer(n, (bass, 0.55), (drums, 0.95), (pad, 0.32), (lead, 0.42), (room, 0.55))
    return finish_music(mixed, loop)


TITLE_BEAT = 16538  # samples: 80 BPM
TITLE_CHORDS = [DM, BB, GM, A_MAJ, DM, BB, GM, A_MAJ]
# Title motif: (bar, start beat, length in beats, note): a falling, unresolved lament.
TITLE_MOTIF = [
    (4, 0.0, 1.5, 69), (4, 1.5, 0.5, 70), (4, 2.0, 2.0, 69),
    (5, 0.0, 3.0, 65), (5, 3.0, 1.0, 62),
    (6, 0.0, 1.5, 67), (6, 1.5, 0.5, 69), (6, 2.0, 2.0, 70),
    (7, 0.0, 2.0, 69), (7, 2.0, 2.0, 64),
]  # fmt: skip


def title_music() -> Signal:
    """The title: a slow D minor drone and pad, distant drums, a lone melancholic line."""
    beat = TITLE_BEAT
    bar = 4 * beat
    loop = bar * len(TITLE_CHORDS)
    n = loop + samples(5.0)
    # The drone's oscillators and filter sweep all repeat exactly once per loop. It is rendered
    # half a second past the loop and that stretch replaces the first half second, where the
    # filter was still settling: the seam then sounds just as it will when the loop comes round.
    warm = samples(0.5)
    m = loop + warm
    lfo = [0.5 - 0.5 * math.cos(TAU * 4 * i / loop) for i in range(m)]  # four breaths a loop
    drone = layer(
        m,
        (saw_bl(periodic(73.42, loop), m), 0.5),
        (saw_bl(periodic(110.0, loop), m, 0.4), 0.35),
        (sine(periodic(36.71, loop), m), 0.6),
    )
    drone = svf(drone, [260.0 + 380.0 * v for v in lfo], 1.2, "lp")
    drone = drone[loop:] + drone[warm:loop] + silence(n - loop)
    pad, drums, lead, bells = silence(n), silence(n), silence(n), silence(n)
    toll = fm_bell(samples(4.5), midi_hz(62), 1.41, 2.5, 1.4, 0.004)
    for b, (_, voicing) in enumerate(TITLE_CHORDS):
        start = b * bar
        mix_into(pad, pad_chord(voicing, bar, 720.0, 1.2, 1.8), start)
        # Distant drums: a heavy beat one and a softer pair leading into the next bar.
        mix_into(drums, taiko(b % 4, 1.3), start, 1.0)
        mix_into(drums, taiko((b + 1) % 4, 1.0), start + 3 * beat, 0.45)
        mix_into(drums, taiko((b + 2) % 4, 1.0), start + 3 * beat + beat // 2, 0.6)
        if b % 2 == 0:  # a low bell tolling every other bar
            mix_into(bells, toll, start, 0.35 if b % 4 == 0 else 0.22)
    for b, at_beat, beats, note in TITLE_MOTIF:
        tone = soft_lead_note(note, int(beats * beat) - samples(0.05))
        mix_into(lead, tone, b * bar + int(at_beat * beat))
    # Drums are far away: most of their top is gone and most of what is left is room.
    drums = lowpass1(lowpass1(drums, 450), 450)
    send = layer(n, (drums, 0.7), (pad, 0.5), (lead, 0.7), (bells, 0.6))
    room = reverb(send, rt60=3.2, size=1.5, tone=2500)
    mixed = layer(
        n, (drone, 0.45), (pad, 0.45), (drums, 0.5), (lead, 0.35), (bells, 0.5), (room, 0.8)
    )
    return finish_music(mixed, loop)


# --- The dam: industrial, C minor, 96 BPM ---------------------------------------------------

C_MIN = (36, (48, 51, 55))
AB_MAJ = (32, (48, 51, 56))
F_MIN = (41, (48, 53, 56))
G_MAJ = (31, (47, 50, 55))  # B natural: the harmonic-minor pull back to C

DAM_SIXTEENTH = 3445  # samples: 96 BPM, so a bar is 55120 samples and 12 bars run 30 s
DAM_CHORDS = [C_MIN, C_MIN, AB_MAJ, G_MAJ, C_MIN, C_MIN, F_MIN, G_MAJ] + [
    C_MIN, AB_MAJ, F_MIN, G_MAJ,
]  # fmt: skip
# The pulse: one bass note per sixteenth, semitones over the root, with accents that lurch.
DAM_PULSE = (0, 0, 12, 0, 0, 0, 12, 0, 0, 0, 12, 0, 0, 7, 12, 0)
DAM_PULSE_ACCENTS = (1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0)
# Bell motif over the last phrase: (bar, sixteenth, length in sixteenths, note).
DAM_BELLS = [
    (8, 0, 6, 79), (8, 6, 6, 80), (8, 12, 4, 79),
    (9, 0, 12, 75), (9, 12, 4, 74),
    (10, 0, 6, 77), (10, 6, 6, 80), (10, 12, 4, 79),
    (11, 0, 8, 74), (11, 8, 8, 71),
]  # fmt: skip


@cache
def metal_hit(variant: int, size: float) -> Signal:
    """Struck steel: a pipe or a girder hit with a hammer, inharmonic modes over a dull knock."""
    rng = random.Random(6000 + variant)
    n = samples(1.2 * size)
    base = (210.0, 265.0, 330.0, 390.0)[variant % 4] / size
    modes = [
        (base, 0.5, 0.3 * size), (base * 2.41, 0.35, 0.22 * size), (base * 3.93, 0.25, 0.15 * size),
        (base * 5.87, 0.15, 0.1 * size), (base * 8.12, 0.08, 0.06 * size),
    ]  # fmt: skip
    knock = times(svf(white(n, rng), 1200, 0.9, "bp"), decay(n, 0.01, 0.0005))
    return layer(n, (modal(n, modes), 1.0), (knock, 0.5))


@cache
def hammer(variant: int) -> Signal:
    """The industrial kick: a press stamping, pitch-dropping body, a burst of grit on top."""
    rng = random.Random(6100 + variant)
    n = samples(0.5)
    body = drive(thump(n, 150, 44, 0.025, 0.12), 2.6)
    grit = times(crush(svf(white(n, rng), 2500, 0.8, "lp"), 4), decay(n, 0.02, 0.0008))
    return layer(n, (body, 1.0), (grit, 0.35))


@cache
def hat(variant: int, open_: bool) -> Signal:
    """A metallic tick: crushed noise through a high band-pass, a little ring left on it."""
    rng = random.Random(6200 + variant)
    n = samples(0.3 if open_ else 0.09)
    noise = svf(crush(white(n, rng), 2), 7500, 1.2, "bp")
    ring_ = modal(n, [(5120, 0.2, 0.03), (6870, 0.15, 0.02)])
    return times(layer(n, (noise, 1.0), (ring_, 0.4)), decay(n, 0.08 if open_ else 0.015, 0.0005))


def dam_drums(bar: int, sixteenth: int) -> list[tuple[str, int, float, int]]:
    """One bar of the dam's machine: (kind, offset in samples, level, variant)."""
    hits: list[tuple[str, int, float, int]] = []
    phrase_bar = bar % 4
    if phrase_bar == 0:
        hits.append(("press", 0, 1.0, bar // 4))
    if bar >= 2:  # ticking machinery, then the whole line running
        for slot in range(1, 16, 2):
            hits.append(("hat", slot * sixteenth, 0.25 + 0.1 * (slot % 4 == 3), slot % 3))
    if bar >= 4:
        for slot in (0, 6, 10):
            hits.append(("hammer", slot * sixteenth, 1.0 if slot == 0 else 0.8, slot % 2))
        for slot in (4, 12):
            hits.append(("clang", slot * sixteenth, 0.5, (bar + slot) % 4))
        if phrase_bar == 3:  # a run of clangs throwing the phrase over
            for slot in (13, 14, 15):
                hits.append(("clang", slot * sixteenth, 0.3 + 0.1 * (slot - 13), slot % 4))
        hits.append(("open_hat", 14 * sixteenth, 0.3, bar % 3))
    else:
        for slot in (3, 11):  # distant pings in the empty plant
            hits.append(("ping", slot * sixteenth, 0.3, (bar + slot) % 4))
    return hits


def dam_music() -> Signal:
    """The dam: a C minor machine at 96 BPM: a lurching bass pulse under a low drone, presses and
    struck girders for drums, a cold bell line over the last phrase."""
    sixteenth = DAM_SIXTEENTH
    bar = 16 * sixteenth
    loop = bar * len(DAM_CHORDS)
    n = loop + samples(3.0)
    warm = samples(0.5)
    m = loop + warm
    lfo = [0.5 - 0.5 * math.cos(TAU * 3 * i / loop) for i in range(m)]
    drone = layer(
        m,
        (saw_bl(periodic(65.41, loop), m), 0.5),
        (saw_bl(periodic(65.9, loop), m, 0.3), 0.4),  # a beating, not-quite-unison partner
        (saw_bl(periodic(98.0, loop), m, 0.6), 0.25),
        (sine(periodic(32.7, loop), m), 0.6),
    )
    drone = svf(drone, [180.0 + 420.0 * v for v in lfo], 1.8, "lp")
    drone = drone[loop:] + drone[warm:loop] + silence(n - loop)
    bass, drums, pad, bells = silence(n), silence(n), silence(n), silence(n)
    voices = {
        "press": lambda v: metal_hit(v, 1.8),
        "clang": lambda v: metal_hit(v, 1.0),
        "ping": lambda v: metal_hit(v + 2, 0.6),
        "hammer": hammer,
        "hat": lambda v: hat(v, False),
        "open_hat": lambda v: hat(v, True),
    }
    for b, (root, voicing) in enumerate(DAM_CHORDS):
        start = b * bar
        for i, step in enumerate(DAM_PULSE):
            note = bass_note(root + step, int(sixteenth * 0.7), bool(DAM_PULSE_ACCENTS[i]))
            mix_into(bass, note, start + i * sixteenth, 1.0 if DAM_PULSE_ACCENTS[i] else 0.6)
        for kind, offset, level, variant in dam_drums(b, sixteenth):
            mix_into(drums, voices[kind](variant), start + offset, level)
            if kind == "press":  # the press lands with a boom under the ring
                mix_into(drums, deep_boom(0), start + offset, 0.7)
        mix_into(pad, pad_chord(voicing, bar, 620.0, 0.6, 1.2), start)
    for b, slot, length, note in DAM_BELLS:
        m2 = length * sixteenth + samples(1.5)
        tone = fm_bell(m2, midi_hz(note), 3.5, 1.6, 0.5, 0.003)
        at = b * bar + slot * sixteenth
        mix_into(bells, tone, at)
        mix_into(bells, lowpass1(tone, 2000), at + 3 * sixteenth, 0.3)
    send = layer(n, (drums, 0.45), (pad, 0.4), (bells, 0.7))
    room = reverb(send, rt60=1.6, size=1.4, tone=3000)
    mixed = layer(
        n, (drone, 0.4), (bass, 0.5), (drums, 0.85), (pad, 0.3), (bells, 0.28), (room, 0.5)
    )
    return finish_music(mixed, loop)


# --- The chamber: the Omega's heart, no drums -----------------------------------------------

CHAMBER_BEAT = 33075  # samples: a heartbeat every 1.5 s, sixteen to the 24 s loop
# Glass tones: (beat, note, level). D, its minor second and its tritone: vast and wrong.
CHAMBER_GLASS = [
    (0, 86, 1.0), (2, 93, 0.7), (4, 87, 0.9), (6, 92, 0.6),
    (8, 86, 1.0), (10, 81, 0.7), (12, 87, 0.9), (13, 98, 0.4), (14, 80, 0.7),
]  # fmt: skip


@cache
def heartbeat() -> Signal:
    """Lub-dub, felt more than heard: two low thumps, the second softer and lower."""
    n = samples(1.2)
    out = silence(n)
    for at, f0, level in ((0.0, 80, 1.0), (0.26, 66, 0.7)):
        m = n - samples(at)
        mix_into(out, drive(thump(m, f0, 31, 0.05, 0.22), 1.6), samples(at), level)
    return lowpass1(out, 260)


@cache
def glass_tone(note: int) -> Signal:
    """A high glassy tone: rubbed-rim partials, slow to bloom, long to fade."""
    f = midi_hz(note)
    n = samples(5.5)
    s = math.sin
    shimmer = [1.0 + 0.003 * s(TAU * 0.7 * i / SR) for i in range(n)]
    freq = [f * v for v in shimmer]
    tone = layer(
        n,
        (sine(freq, n), 1.0),
        (sine([v * 1.0042 for v in freq], n), 0.6),  # a slow beat between two near-unisons
        (sine([v * 2.76 for v in freq], n) if f * 2.76 < 0.45 * SR else silence(n), 0.12),
    )
    return times(tone, lines(n, [(0, 0), (0.9, 1.0), (2.0, 0.7), (5.5, 0.0)]))


@cache
def drip(variant: int) -> Signal:
    """A drop into still water: a bubble's rising chirp over a tiny plop."""
    rng = random.Random(7000 + variant)
    n = samples(0.12)
    f0 = 700 + 500 * rng.random()
    chirp = times(sine(pitch_lines(n, [(0, f0), (0.03, f0 * 2.3)]), n), decay(n, 0.018, 0.001))
    plop = times(svf(white(n, rng), 900, 1.5, "bp"), decay(n, 0.005, 0.0005))
    return layer(n, (chirp, 1.0), (plop, 0.3))


def chamber_music() -> Signal:
    """The chamber: the Omega's heartbeat in a deep pulsing sub, water dripping into a vast dark,
    glass tones hanging in the air. No drums: only the heart."""
    beat = CHAMBER_BEAT
    loop = beat * 16
    n = loop + samples(6.0)
    rng = random.Random(7100)
    warm = samples(0.5)
    m = loop + warm
    # The sub: D and its octave, swelling with every beat of the heart and sagging between.
    # Each swell eases in over 30 ms and has fully sagged by the next beat: no step, no click.
    e, sag = math.exp, math.exp(-(beat / SR) / 0.45)
    shape = [
        (e(-t / 0.45) - sag) / (1 - sag) * (1 - e(-t / 0.03)) for t in (k / SR for k in range(beat))
    ]
    pulse = [0.35 + 0.65 * shape[i % beat] for i in range(m)]
    sub = layer(m, (sine(periodic(36.71, loop), m), 1.0), (sine(periodic(73.42, loop), m), 0.35))
    grit = svf(saw_bl(periodic(73.42, loop), m), 180, 1.0, "lp")  # so small speakers hear it
    sub = times(layer(m, (sub, 1.0), (grit, 0.35)), pulse)
    lfo = [0.5 - 0.5 * math.cos(TAU * 2 * i / loop) for i in range(m)]
    air = layer(
        m,
        (saw_bl(periodic(146.83, loop), m), 0.4),
        (saw_bl(periodic(155.56, loop), m, 0.5), 0.3),  # E flat against D: the wrongness
        (saw_bl(periodic(220.0, loop), m, 0.2), 0.3),
    )
    air = svf(air, [300.0 + 500.0 * v for v in lfo], 1.4, "lp")
    bed = layer(m, (sub, 1.0), (air, 0.25))
    bed = bed[loop:] + bed[warm:loop] + silence(n - loop)
    heart, glass, drops = silence(n), silence(n), silence(n)
    for b in range(16):
        mix_into(heart, heartbeat(), b * beat, 1.0 if b % 4 == 0 else 0.8)
    for b, note, level in CHAMBER_GLASS:
        mix_into(glass, glass_tone(note), b * beat + beat // 3, level)
    for k in range(22):
        at = int(rng.random() * loop)
        mix_into(drops, drip(k % 6), at, 0.3 + 0.7 * rng.random())
    send = layer(n, (glass, 0.8), (drops, 1.0), (heart, 0.2))
    room = reverb(send, rt60=4.0, size=1.7, tone=3500)
    mixed = layer(n, (bed, 0.55), (heart, 0.9), (glass, 0.14), (drops, 0.12), (room, 0.55))
    return finish_music(mixed, loop)


# --- The ending: D major at last ------------------------------------------------------------

END_BEAT = 18375  # samples: 72 BPM; twelve bars run exactly 40 s
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


@cache
def piano_note(note: int, length: int) -> Signal:
    """A soft electric-piano tone: FM whose brightness fades fast, a tine's click on the front,
    two voices a hair apart for warmth. Low notes ring longer, as strings do."""
    f = midi_hz(note)
    tau = 2.2 * (220.0 / f) ** 0.35
    n = length + samples(0.36)  # the release below is over by then
    s = math.sin
    release = lines(n, [(0, 1.0), (length / SR, 1.0), (length / SR + 0.35, 0.0)])
    env = times(decay(n, tau, 0.004), release)
    idx = [1.4 * v for v in decay(n, 0.25, 0.004)]
    mod = phases(f, n)
    out = silence(n)
    for detune, amp, phase in ((1.0, 0.6, 0.0), (1.0016, 0.4, 0.3)):
        car = phases(f * detune, n)
        tone = [
            a * s(TAU * (c + phase) + i * s(TAU * m))
            for a, i, c, m in zip(env, idx, car, mod, strict=True)
        ]
        mix_into(out, tone, 0, amp)
    if f * 14 < 0.45 * SR:
        m = samples(0.15)
        mix_into(out, fm_bell(m, f * 4.0, 3.5, 0.8, 0.02, 0.001), 0, 0.08)
    return out


def finish_piece(x: Signal, n: int, fade_in: float, fade_out: float) -> Signal:
    """Finish music that plays once rather than looping: same glue as the loops, faded ends."""
    x = highpass1(x[:n], 28.0)
    x = drive(normalized(x, 0.0), 1.3)
    return normalized(fade(x, fade_in, fade_out), MUSIC_PEAK_DB)


def ending_music() -> Signal:
    """The ending: a slow D major theme on a soft electric piano over a warm pad, the title's
    lament turned hopeful; bittersweet on the way (B minor, E minor), home on D at the end."""
    beat = END_BEAT
    bar = 4 * beat
    n = bar * len(END_CHORDS)
    full = n + samples(4.0)
    keys, pad, bass, lead = silence(full), silence(full), silence(full), silence(full)
    eighth = beat // 2
    last = len(END_CHORDS) - 1
    for b, (root, voicing) in enumerate(END_CHORDS):
        start = b * bar
        tones = (*voicing, voicing[0] + 12)
        if b < last:
            for i, idx in enumerate(END_ARPEGGIO):
                lvl = 0.5 if i == 0 else 0.32 + 0.06 * (i % 2 == 0)
                mix_into(keys, piano_note(tones[idx], int(eighth * 1.6)), start + i * eighth, lvl)
        else:  # the last bar: the whole chord once, with the ninth, left to ring out
            for k, note in enumerate((*voicing, voicing[0] + 12, 76)):
                mix_into(keys, piano_note(note, int(bar * 0.8)), start + k * samples(0.06), 0.45)
        mix_into(bass, piano_note(root, int(bar * 0.9)), start, 0.6)
        cutoff = 1300.0 if b < last else 900.0
        mix_into(pad, pad_chord(voicing, bar, cutoff, 1.4, 2.2), start)
    for b, at_beat, beats, note in END_MELODY:
        at = b * bar + int(at_beat * beat)
        length = int(beats * beat) - samples(0.04)
        mix_into(lead, piano_note(note + 12, length), at, 0.8)
        if b >= 6:  # in the second half the breathy voice from the title joins, an octave down
            mix_into(lead, soft_lead_note(note, length), at, 0.35)
    swell = lines(full, [(0, 0.0), (6.0, 0.6), (14.0, 1.0), (40.0, 1.0)])
    pad = times(pad, swell)
    send = layer(full, (keys, 0.6), (lead, 0.7), (pad, 0.4), (bass, 0.3))
    room = reverb(send, rt60=2.6, size=1.5, tone=3500)
    mixed = layer(full, (keys, 0.55), (lead, 0.5), (pad, 0.3), (bass, 0.35), (room, 0.55))
    return finish_piece(mixed, n, 1.5, 3.0)


# --- The vision -----------------------------------------------------------------------------


def vision_music() -> Signal:
    """The Alpha's blood, the vision: a wash swelling backwards out of nothing, a slow heartbeat
    quickening under it; it blooms at the Omega and dies away to silence."""
    rng = random.Random(7200)
    n = samples(8.0)
    peak = 6.0
    # Render a chord struck with a huge room, then play the room backwards into the peak.
    hit_len = samples(peak)
    chord = silence(hit_len)
    for note, level in ((50, 0.6), (57, 0.5), (62, 0.5), (65, 0.4), (69, 0.35), (76, 0.25)):
        mix_into(chord, fm_bell(hit_len, midi_hz(note), 1.41, 2.2, 1.2, 0.003), 0, level)
    chord = layer(
        hit_len, (chord, 1.0), (times(white(hit_len, rng), decay(hit_len, 0.05, 0.001)), 0.4)
    )
    wash = reverse(reverb(chord, rt60=5.0, size=1.7, tone=5000))
    rise = curved(lines(n, [(0, 0), (peak, 1.0), (peak + 0.02, 0.0)]), 2.0)
    air = times(svf(white(n, rng), pitch_lines(n, [(0, 250), (peak, 5000)]), 1.2, "lp"), rise)
    swell = layer(n, (times(wash, lines(n, [(0, 0.0), (2.5, 1.0)])), 2.5), (air, 0.25))
    swell = times(swell, lines(n, [(0, 1.0), (peak, 1.0), (peak + 0.02, 0.0)]))
    # The heartbeat, slow, then quicker as the vision takes hold.
    heart = silence(n)
    at = 0.5
    gap = 1.25
    while at < peak - 0.2:
        mix_into(heart, heartbeat(), samples(at), 0.6 + 0.4 * at / peak)
        at += gap
        gap = max(0.55, gap * 0.86)
    # The bloom: one deep, soft boom and a high glass tone that fades to nothing.
    bloom_len = n - samples(peak)
    boom = drive(thump(bloom_len, 70, 28, 0.1, 0.4), 1.5)
    shine = times(glass_tone(86)[:bloom_len], lines(bloom_len, [(0, 0), (0.05, 1.0), (1.4, 0.0)]))
    bloom = layer(bloom_len, (boom, 1.0), (shine, 0.35))
    bloom = times(bloom, lines(bloom_len, [(0, 1.0), (1.2, 0.4), (1.6, 0.0)]))
    dry = layer(n, (swell, 0.8), (heart, 0.9), (bloom, 1.0, peak))
    room = reverb(dry, rt60=1.2, size=1.3, tone=3000)
    mixed = layer(n, (dry, 1.0), (room, 0.35))
    # Silence at the end: the last half second is cut away to nothing.
    mixed = times(mixed, lines(n, [(0, 1.0), (7.2, 1.0), (7.5, 0.0)]))
    x = highpass1(mixed, 28.0)
    return normalized(fade(x, 0.01, 0.01), MUSIC_PEAK_DB)


MUSIC = {
    "beach": beach_music,
    "title": title_music,
    "dam": dam_music,
    "chamber": chamber_music,
    "ending": ending_music,
    "vision": vision_music,
}


def main() -> None:
    started = time.perf_counter()
    for name, make in EFFECTS.items():
        t0 = time.perf_counter()
        write_wav(SOUNDS_DIR / f"{name}.wav", finish_effect(make()))
        print(f"sounds/{name}.wav  {time.perf_counter() - t0:5.2f}s")
    for name, make in MUSIC.items():
        t0 = time.perf_counter()
        write_wav(MUSIC_DIR / f"{name}.wav", make())
        print(f"music/{name}.wav  {time.perf_counter() - t0:5.2f}s")
    print(f"done in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()

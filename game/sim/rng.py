"""The gameplay random number generator (Doom's P_Random, as a seeded PRNG).

Owns the only randomness the simulation may use. It is a small explicit xorshift so its sequence
is fixed by this file alone (no dependence on the Python version's `random` internals) and its state
is one integer that the state hash covers. Cosmetic randomness lives in game.render, never here.
Imports nothing from the game.

Streams: each thing whose luck a runner should be able to learn (a MimicSpawn and every Mimic it
makes, the Omega's waves, Rita's aim, Cage's rifle, a map's day) draws from a stream of its own,
fixed by the seed and its name (`stream(seed, map, "spawn", id)`), never by when it happens or by
what every other thing drew before it. What Cage does still changes what they do (where they go,
when they think), but one Mimic's luck no longer hangs on every other's.
"""

from __future__ import annotations

import hashlib

_MASK64 = (1 << 64) - 1


class GameRng:
    __slots__ = ("state",)

    def __init__(self, seed: int) -> None:
        # splitmix64 of the seed, so nearby seeds give unrelated sequences and 0 is a valid seed.
        z = (seed + 0x9E3779B97F4A7C15) & _MASK64
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
        self.state = (z ^ (z >> 31)) or 0x2545F4914F6CDD1D

    def next_u64(self) -> int:
        x = self.state
        x ^= (x << 13) & _MASK64
        x ^= x >> 7
        x ^= (x << 17) & _MASK64
        self.state = x
        return x

    def randint(self, low: int, high: int) -> int:
        """An integer in [low, high], both ends included."""
        span = high - low + 1
        return low + self.next_u64() % span

    def uniform(self, low: float, high: float) -> float:
        return low + (high - low) * ((self.next_u64() >> 11) / float(1 << 53))

    def chance(self, probability: float) -> bool:
        return (self.next_u64() >> 11) / float(1 << 53) < probability


def stream(*names: object) -> GameRng:
    """A stream of its own, fixed by the names given (ints and strings: the seed, the map, what
    it is for, an id). The same names always give the same stream, on any Python."""
    key = "\x1f".join(f"{type(n).__name__}:{n}" for n in names).encode("utf-8")
    return GameRng(int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "little"))

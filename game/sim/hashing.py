"""The state hash: one digest over everything in the day that matters to how it plays out.

Owns the byte layout the hash covers (Doom's consistency check). Floats are hashed by their exact
IEEE bytes: two runs agree only if they are bit-identical. Imports nothing from pygame or the OS.

The layout is little-endian doubles and unsigned 64-bit words, in the order they are given. They
are packed with `array` into one buffer and the digest takes that buffer in a single update (the
same bytes as one update per value, so the digests are unchanged, at a fraction of the cost).
"""

from __future__ import annotations

import hashlib
import sys
from array import array
from collections.abc import Iterable

_MASK = 0xFFFFFFFFFFFFFFFF
_SWAP = sys.byteorder != "little"  # the layout is little-endian on every machine


class StateHasher:
    def __init__(self) -> None:
        self._bytes = bytearray()

    def floats(self, values: Iterable[float]) -> None:
        packed = array("d", values)
        if _SWAP:
            packed.byteswap()
        self._bytes += packed

    def ints(self, values: Iterable[int]) -> None:
        try:  # words already in 0..2**64-1 (most are) pack as they are
            packed = array("Q", values)
        except OverflowError:  # a negative word: its two's complement, as ever
            packed = array("Q", [v & _MASK for v in values])
        if _SWAP:
            packed.byteswap()
        self._bytes += packed

    def text(self, value: str) -> None:
        data = value.encode()
        self.ints((len(data),))
        self._bytes += data

    def raw(self, packed: bytes) -> None:
        """Bytes another StateHasher packed (`packed`): a part of the state kept ready."""
        self._bytes += packed

    def packed(self) -> bytes:
        return bytes(self._bytes)

    def hexdigest(self) -> str:
        return hashlib.blake2b(self._bytes, digest_size=16).hexdigest()

"""The state hash: one digest over everything in the day that matters to how it plays out.

Owns the byte layout the hash covers (Doom's consistency check). Floats are hashed by their exact
IEEE bytes: two runs agree only if they are bit-identical. Imports nothing from pygame or the OS.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable

_DOUBLE = struct.Struct("<d")
_INT = struct.Struct("<Q")


class StateHasher:
    def __init__(self) -> None:
        self._h = hashlib.blake2b(digest_size=16)

    def floats(self, values: Iterable[float]) -> None:
        for v in values:
            self._h.update(_DOUBLE.pack(v))

    def ints(self, values: Iterable[int]) -> None:
        for v in values:
            self._h.update(_INT.pack(v & 0xFFFFFFFFFFFFFFFF))

    def text(self, value: str) -> None:
        data = value.encode()
        self._h.update(_INT.pack(len(data)))
        self._h.update(data)

    def hexdigest(self) -> str:
        return self._h.hexdigest()

"""A tile layer's `<data>`, decoded without trusting it: CSV, Tiled's old XML tiles, or base64
(raw, zlib, gzip; zstd where this Python has it), with an output cap of width x height x 4 bytes
and a check of its exact length and of every tile id's size.

Owns only the decoding; which tile ids a map may use is `safe`'s business. Must not import pytmx,
pygame, the loader or the simulation.
"""

from __future__ import annotations

import base64
import binascii
import re
import sys
import zlib
from array import array
from pathlib import Path
from xml.etree import ElementTree

from game.level.errors import LevelError

FORMAT_FIX = "in Tiled: Map > Map Properties > Tile Layer Format, choose CSV or Base64 (zlib)"
_CSV = re.compile(r"[0-9,\s]*")
_ID = re.compile(r"\s*\d{1,10}\s*")


def decode_layer(
    data: ElementTree.Element | None, width: int, height: int, path: Path, layer: str
) -> array:
    """The raw tile ids (flip flags kept) of one tile layer, exactly width x height of them."""
    cells = width * height

    def refuse(message: str, fix: str = "") -> LevelError:
        return LevelError(path, message, layer=layer, fix=fix)

    if data is None:
        raise refuse("the tile layer has no <data>", "open and re-save the map in Tiled")
    if data.find("chunk") is not None:
        raise refuse("layer data in chunks (an infinite map)", "in Tiled: untick Map > Infinite")
    encoding, compression = data.get("encoding"), data.get("compression")
    if encoding not in (None, "csv", "base64"):
        raise refuse(f"unknown layer data encoding {encoding!r}", FORMAT_FIX)
    if compression and encoding != "base64":
        raise refuse(f"compression {compression!r} without base64 encoding", FORMAT_FIX)
    gids = array("I")
    if gids.itemsize != 4:  # pragma: no cover - every platform the game runs on has 4-byte "I"
        gids = array("L")
    if encoding is None:
        tiles = data.findall("tile")
        if len(tiles) != cells:
            raise refuse(f"the layer has {len(tiles)} tiles; a {width}x{height} map needs {cells}")
        gids.extend(_tile_id(t.get("gid", "0"), path, layer) for t in tiles)
        return gids
    text = data.text or ""
    if encoding == "csv":
        if not _CSV.fullmatch(text):
            bad = re.search(r"[^0-9,\s]", text)
            shown = text[bad.start() : bad.start() + 12] if bad else ""
            raise refuse(f"the layer data has {shown!r}, which is not a tile id", FORMAT_FIX)
        stripped = text.strip()
        count = stripped.count(",") + 1 if stripped else 0
        if stripped.endswith(","):
            count -= 1
        if count != cells:
            raise refuse(f"the layer has {count} tile ids; a {width}x{height} map needs {cells}")
        values = stripped.rstrip(",").split(",")
        try:  # every id well formed (what Tiled writes): int() reads each as _tile_id would
            gids.extend(map(int, values))
        except (ValueError, OverflowError):  # one is not: the slow way names it
            gids = array(gids.typecode)
            gids.extend(_tile_id(v, path, layer) for v in values)
        return gids
    # base64: refuse oversized text before decoding it (zlib never expands much, whatever the map)
    if len(text) > (cells * 4 + 4096) * 2 + 4096:
        raise refuse("the layer data is far larger than the map needs")
    try:
        raw = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise refuse("the layer data is not valid base64", FORMAT_FIX) from None
    limit = cells * 4
    if compression in ("zlib", "gzip"):
        raw = _inflate(raw, limit, 15 if compression == "zlib" else 31, refuse)
    elif compression == "zstd":
        raw = _unzstd(raw, limit, refuse)
    elif compression:
        raise refuse(f"unknown layer compression {compression!r}", FORMAT_FIX)
    if len(raw) != limit:
        raise refuse(
            f"the layer data holds {len(raw)} bytes; a {width}x{height} layer needs exactly {limit}"
        )
    gids.frombytes(raw)
    if sys.byteorder != "little":
        gids.byteswap()
    return gids


def _tile_id(text: str, path: Path, layer: str) -> int:
    if not _ID.fullmatch(text):
        shown = text.strip()[:24]
        if shown.isdigit():
            raise LevelError(path, f"tile id {shown} is too large", layer=layer)
        raise LevelError(path, f"{shown!r} is not a tile id", layer=layer)
    value = int(text)
    if value > 0xFFFFFFFF:
        raise LevelError(path, f"tile id {value} is too large (more than 32 bits)", layer=layer)
    return value


def _inflate(raw: bytes, limit: int, wbits: int, refuse) -> bytes:
    name = "zlib" if wbits == 15 else "gzip"
    inflater = zlib.decompressobj(wbits)
    try:
        out = inflater.decompress(raw, limit + 1)
    except zlib.error as exc:
        raise refuse(f"the layer data is not valid {name} data ({exc})", FORMAT_FIX) from None
    if len(out) > limit or inflater.unconsumed_tail:
        raise refuse(f"the layer data decompresses to more than width x height x 4 = {limit} bytes")
    if not inflater.eof:
        raise refuse(f"the layer's {name} data is cut short", "open and re-save the map in Tiled")
    return out


def _unzstd(raw: bytes, limit: int, refuse) -> bytes:
    try:
        from compression import zstd  # the standard library has it from Python 3.14
    except ImportError:
        raise refuse(
            "the layer data is compressed with zstd, which this Python cannot read", FORMAT_FIX
        ) from None
    decompressor = zstd.ZstdDecompressor()
    try:
        out = decompressor.decompress(raw, max_length=limit + 1)
    except zstd.ZstdError as exc:
        raise refuse(f"the layer data is not valid zstd data ({exc})", FORMAT_FIX) from None
    if len(out) > limit:
        raise refuse(f"the layer data decompresses to more than width x height x 4 = {limit} bytes")
    if not decompressor.eof:
        raise refuse("the layer's zstd data is cut short", "open and re-save the map in Tiled")
    return out

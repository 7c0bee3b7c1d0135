"""Reading files we did not write: where a mod's files may be, reading them with a size cap,
parsing their XML without DOCTYPE or entities, and sizing PNG images from their header.

Owns the path rules every file a map names must pass (`confine`: relative, portable, no reserved
device names, inside the mod's own folder, no `..` or symlink out of it), the mod's own folder of a
map (`default_root`), and the caps on XML and images. Every refusal is a LevelError naming the file
that names the bad path, and the fix. Must not import pytmx, pygame, the loader or the simulation.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import struct
from pathlib import Path
from xml.etree import ElementTree

from game.level.campaign import campaign_dir, mods_dir
from game.level.errors import LevelError

MAX_XML_ELEMENTS = 100_000
MAX_XML_DEPTH = 32
MAX_IMAGE_SIDE = 8192  # pixels
MAX_IMAGE_PIXELS = 16 * 1024 * 1024
MAX_PATH_CHARS = 512

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_DECLARATIONS = re.compile(rb"<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST)", re.IGNORECASE)


def default_root(map_path: str | Path) -> Path:
    """The folder a map's files must stay in: `levels/` for a campaign map, the mod's folder for a
    map inside `AYNIK_HOME/mods/<name>/`, else the map's own folder."""
    path = Path(os.path.abspath(map_path))
    try:
        campaign = campaign_dir().resolve()
        mods = mods_dir().resolve()
        for ancestor in path.parents:
            real = ancestor.resolve()
            if real == campaign or real.parent == mods:
                return ancestor
    except (OSError, RuntimeError):
        pass
    return path.parent


def confine(
    base: Path,
    ref: str,
    root: Path,
    what: str,
    named_by: Path,
    *,
    layer: str | None = None,
    object_id: int | None = None,
    object_name: str = "",
) -> Path:
    """The file `ref` names, relative to the folder `base`, as an absolute path inside `root`.

    LevelError (charged to `named_by`) when the path is empty, absolute, not portable, uses a
    reserved device name, or leads out of `root` by `..` or through a symlink. Whether the file
    exists is the caller's business."""
    where = {"layer": layer, "object_id": object_id, "object_name": object_name}

    def refuse(message: str, fix: str) -> LevelError:
        return LevelError(named_by, f"{what} {message}", fix=fix, **where)

    relative_fix = "use a path relative to the map's folder, with / between folders"
    if not ref or not ref.strip():
        raise refuse("is empty", "choose the file again in Tiled")
    if len(ref) > MAX_PATH_CHARS:
        raise refuse(f"is longer than {MAX_PATH_CHARS} characters", relative_fix)
    if "\x00" in ref or "\\" in ref:
        raise refuse("is not a portable path", relative_fix)
    if ref.startswith("/") or re.match(r"^[A-Za-z]:", ref) or os.path.isabs(ref):
        raise refuse("is an absolute path", f"copy the file into {root} and {relative_fix}")
    if ":" in ref:
        raise refuse("is not a file path (it has a ':')", relative_fix)
    for part in ref.split("/"):
        if part.split(".")[0].strip().lower() in RESERVED_NAMES:
            raise refuse(f"uses the reserved name {part!r}", "rename the file or folder")
    target = Path(os.path.normpath(base / ref))
    if not target.is_relative_to(root):
        raise refuse(
            f"leads out of the mod's folder {root}",
            "keep every file the map uses in that folder or below it",
        )
    try:
        real, real_root = target.resolve(), root.resolve()
    except (OSError, RuntimeError):
        raise refuse("cannot be resolved (a symlink loop?)", "replace the link") from None
    if not real.is_relative_to(real_root):
        raise refuse(
            f"is a symlink that leads out of the mod's folder {root}",
            "copy the file into the mod's folder instead of linking to it",
        )
    return target


# --- reading ---------------------------------------------------------------------------------


def read_capped(path: Path, cap: int, what: str, named_by: Path) -> bytes:
    """The bytes of a regular file of at most `cap` bytes; LevelError otherwise."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path == named_by:
            raise LevelError(path, "file not found") from None
        raise LevelError(named_by, f"{what} not found: {path}") from None
    except OSError as exc:
        raise LevelError(path, f"cannot read {what} ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise LevelError(path, f"{what} is not a regular file")
    too_big = LevelError(
        path,
        f"the {what} is {info.st_size} bytes; the limit is {cap}",
        fix="this is far larger than any map, tileset or image the game needs",
    )
    if info.st_size > cap:
        raise too_big
    try:
        # Without blocking, and checked again once open: a file swapped for a pipe after the
        # stat() above must not hang the game.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise LevelError(path, f"{what} is not a regular file")
            data = handle.read(info.st_size + 1)  # not cap + 1: read() allocates what it is asked
            if len(data) > info.st_size:  # it grew since stat(): read on, still capped
                data += handle.read(cap + 1 - len(data))
    except OSError as exc:
        raise LevelError(path, f"cannot read {what} ({exc.strerror or exc})") from None
    if len(data) > cap:
        raise too_big
    return data


def parse_xml(data: bytes, path: Path) -> ElementTree.Element:
    """Parse XML we did not write: UTF-8 only, no DOCTYPE or entities, capped element count and
    depth. LevelError naming the file otherwise."""
    save_utf8 = "save the file as UTF-8 (Tiled always does)"
    for bom, name in _BOMS:
        if data.startswith(bom):
            raise LevelError(path, f"unsupported encoding {name}", fix=save_utf8)
    if data[:2] in (b"<\x00", b"\x00<"):
        raise LevelError(path, "unsupported encoding UTF-16", fix=save_utf8)
    declared = _DECLARED_ENCODING.match(data[:256])
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii", b"ascii"):
        name = declared.group(1).decode("ascii", "replace")
        raise LevelError(path, f"unsupported encoding {name!r}", fix=save_utf8)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LevelError(path, f"not valid UTF-8 (at byte {exc.start})", fix=save_utf8) from None
    if _DECLARATIONS.search(data):
        raise LevelError(
            path,
            "the file declares a DOCTYPE or entities, which a map never needs",
            fix="remove the <!DOCTYPE ...> block; Tiled never writes one",
        )
    # every element has a start tag: refuse a flood before building any of it
    if data.count(b"<") - data.count(b"</") > MAX_XML_ELEMENTS + 64:
        raise LevelError(path, f"more than {MAX_XML_ELEMENTS} XML elements")
    parser = ElementTree.XMLPullParser(events=("start", "end"))
    root: ElementTree.Element | None = None
    count = depth = 0
    step = 1 << 16
    try:
        for offset in range(0, len(data) or 1, step):
            parser.feed(data[offset : offset + step])
            for event, element in parser.read_events():
                if event == "end":
                    depth -= 1
                    continue
                count += 1
                depth += 1
                if root is None:
                    root = element
                if count > MAX_XML_ELEMENTS:
                    raise LevelError(path, f"more than {MAX_XML_ELEMENTS} XML elements")
                if depth > MAX_XML_DEPTH:
                    raise LevelError(path, f"XML nested deeper than {MAX_XML_DEPTH} levels")
        parser.close()
    except ElementTree.ParseError as exc:
        raise LevelError(path, f"malformed XML ({exc})") from None
    if root is None:
        raise LevelError(path, "malformed XML (no element)")
    return root


def png_size(data: bytes, path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header, capped; LevelError for anything else."""
    if len(data) < 24 or data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR":
        raise LevelError(path, "not a PNG image", fix="save tileset images as PNG")
    width, height = struct.unpack(">II", data[16:24])
    if not (0 < width <= MAX_IMAGE_SIDE and 0 < height <= MAX_IMAGE_SIDE) or (
        width * height > MAX_IMAGE_PIXELS
    ):
        raise LevelError(
            path,
            f"the image is {width}x{height} pixels; the limit is {MAX_IMAGE_SIDE} a side and "
            f"{MAX_IMAGE_PIXELS} pixels",
            fix="use a smaller image",
        )
    return width, height


# --- decoding an image once ------------------------------------------------------------------

_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # PNG colour type -> samples per pixel
_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
          (0, 1, 1, 2))  # fmt: skip
_decoded: dict[bytes, str | None] = {}  # digest of a PNG's bytes -> why it is bad, or None


def check_png(data: bytes, path: Path) -> None:
    """Decode a PNG all the way through (every chunk's CRC, the whole zlib stream, its exact size
    and each row's filter), so a corrupt body is refused when the map is checked, not on the first
    frame that draws it. Each distinct image is decoded once. LevelError naming the file."""
    import hashlib

    key = hashlib.blake2b(data, digest_size=16).digest()
    if key not in _decoded:
        _decoded[key] = _png_problem(data)
    problem = _decoded[key]
    if problem is not None:
        raise LevelError(
            path, f"the image is damaged: {problem}", fix="export the image again as a PNG"
        )


def _png_problem(data: bytes) -> str | None:
    import zlib

    width, height = struct.unpack(">II", data[16:24])
    depth, colour, compression, filtering, interlace = data[24:29]
    if colour not in _CHANNELS or depth not in _DEPTHS[colour]:
        return f"colour type {colour} with bit depth {depth} is not a PNG format"
    if compression or filtering or interlace not in (0, 1):
        return "unknown compression, filter or interlace method"
    row_bits = _CHANNELS[colour] * depth
    if interlace:
        passes = []
        for x0, y0, dx, dy in _ADAM7:
            w, h = (width - x0 + dx - 1) // dx, (height - y0 + dy - 1) // dy
            if w and h:
                passes.append((h, 1 + (w * row_bits + 7) // 8))
    else:
        passes = [(height, 1 + (width * row_bits + 7) // 8)]
    expected = sum(h * size for h, size in passes)
    inflate = zlib.decompressobj()
    produced = 0
    rows = iter([size for h, size in passes for _ in range(h)])
    next_row = 0  # offset of the next row's filter byte in the output
    size = next(rows, 0)
    offset, seen_palette, seen_end = 8, False, False
    while offset < len(data):
        if offset + 12 > len(data):
            return "it ends in the middle of a chunk"
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if len(body) != length or offset + 12 + length > len(data):
            return f"its {kind.decode('latin-1')!r} chunk is cut short"
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        if zlib.crc32(kind + body) != crc:
            return f"its {kind.decode('latin-1')!r} chunk fails its checksum"
        offset += 12 + length
        if kind == b"PLTE":
            seen_palette = True
        elif kind == b"IDAT":
            if colour == 3 and not seen_palette:
                return "a palette image without a palette"
            try:
                pending = body
                while pending and not inflate.eof:
                    out = inflate.decompress(pending, 1 << 20)
                    pending = inflate.unconsumed_tail
                    start = produced
                    produced += len(out)
                    if produced > expected:
                        return "its pixel data is longer than the image"
                    while size and next_row < produced:
                        if out[next_row - start] > 4:
                            return "a row has an unknown filter"
                        next_row += size
                        size = next(rows, 0)
            except zlib.error as exc:
                return f"its pixel data cannot be decompressed ({exc})"
        elif kind == b"IEND":
            seen_end = True
            break
    if not seen_end:
        return "it has no end chunk (the file is cut short)"
    if not inflate.eof or produced != expected:
        return f"its pixel data holds {produced} of the {expected} bytes the image needs"
    return None

"""The hardened reader: every text file the game reads from a player or a mod comes through here.

Owns reading untrusted text (the save, settings, personal bests, replays, route files, `mod.json`)
and parsing untrusted JSON and number text (the same files, and LiveSplit's replies):
- a file must be a regular file: it is opened without blocking (O_NONBLOCK), then checked with
  fstat, so a FIFO, a device such as /dev/zero or a folder is refused at once, never waited on;
- its size is capped before a byte is read, and the read itself is capped (a file that grows);
- text must be UTF-8;
- JSON nesting is bounded before `json.loads` (which recurses) ever sees the text;
- numbers must be finite and sensible: no NaN or Infinity, no integer of more than MAX_INT_DIGITS
  digits, no number literal longer than MAX_NUMBER_CHARS or larger than MAX_ABS_NUMBER;
- strings (and keys) must be valid Unicode: a lone surrogate (`"\\ud800"`) is refused.
Every refusal is an UnsafeInput whose `str()` names the file and, for JSON, the field.

Imports only the standard library; must not import pygame, the simulation or any game module, so
every other module can use it.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from pathlib import Path

MAX_DEPTH = 64  # JSON nesting: the deepest file the game writes is about 6
MAX_INT_DIGITS = 15  # no count, tick, loop or time of the game needs more
MAX_NUMBER_CHARS = 40  # a float written by json.dumps is at most about 24 characters
MAX_ABS_NUMBER = 1e15
DEFAULT_MAX_BYTES = 4 * 1024 * 1024

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKETS = re.compile(r"[^\[\]{}]+")
_ASCII_INT = re.compile(rf"-?[0-9]{{1,{MAX_INT_DIGITS}}}")


class UnsafeInput(ValueError):
    """A file (or reply) the game refuses to use: `str()` names it and what is wrong."""

    def __init__(self, source: str | os.PathLike, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = str(source)
        self.message = message


# --- files -----------------------------------------------------------------------------------


def read_bytes(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES, what: str = "file"):
    """The bytes of a regular file of at most `max_bytes`. FileNotFoundError when it does not
    exist (callers treat that as "none yet"); UnsafeInput for anything else that is wrong."""
    p = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise UnsafeInput(p, f"is a folder, not a {what}") from None
    except OSError as exc:
        raise UnsafeInput(p, f"cannot open: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UnsafeInput(p, f"is a folder, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeInput(p, f"is not a regular file (a pipe or a device), not a {what}")
        if info.st_size > max_bytes:
            raise UnsafeInput(p, f"is {info.st_size} bytes; a {what} is at most {max_bytes} bytes")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise UnsafeInput(p, f"grew past {max_bytes} bytes while it was read")
        return b"".join(chunks)
    except BlockingIOError:
        raise UnsafeInput(p, f"is not a regular file, not a {what}") from None
    except UnsafeInput:
        raise
    except OSError as exc:
        raise UnsafeInput(p, f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def read_text(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES, what: str = "file"):
    """A regular file's text, strict UTF-8 (see read_bytes)."""
    data = read_bytes(path, max_bytes, what)
    return decode(data, path, what)


def decode(data: bytes, source: str | os.PathLike, what: str = "file") -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnsafeInput(
            source, f"not a {what}: not UTF-8 text (bad byte at offset {exc.start})"
        ) from None


def read_json(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES, what: str = "file"):
    """A regular file's JSON, checked as `loads_json` checks it."""
    return loads_json(read_text(path, max_bytes, what), path)


# --- JSON ------------------------------------------------------------------------------------


class _Refused:
    """A number the parser met that the game will not use; reported with its field."""

    __slots__ = ("why",)

    def __init__(self, why: str) -> None:
        self.why = why


def _parse_int(text: str) -> object:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        return _Refused(f"a {digits}-digit number")
    return int(text)


def _parse_float(text: str) -> object:
    if len(text) > MAX_NUMBER_CHARS:
        return _Refused(f"a number written with {len(text)} characters")
    value = float(text)
    if not math.isfinite(value) or abs(value) > MAX_ABS_NUMBER:
        return _Refused(f"the number {text}, far out of range")
    return value


def _parse_constant(text: str) -> object:
    return _Refused(f"{text}, which is not a number")


def json_depth(text: str) -> int:
    """How deeply the JSON text nests arrays and objects (strings skipped), without recursing."""
    brackets = _BRACKETS.sub("", _STRING.sub("", text))
    depth = deepest = 0
    for char in brackets:
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
    return deepest


def loads_json(text: str, source: str | os.PathLike = "<json>", max_depth: int = MAX_DEPTH):
    """Parse JSON we did not write. UnsafeInput naming `source` (and the field) when it is not
    valid JSON, nests deeper than `max_depth`, or holds an unusable number or string."""
    depth = json_depth(text)
    if depth > max_depth:
        raise UnsafeInput(source, f"nested {depth} levels deep; the limit is {max_depth}")
    try:
        data = json.loads(
            text,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_parse_constant,
        )
    except json.JSONDecodeError as exc:
        raise UnsafeInput(
            source, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except (RecursionError, ValueError) as exc:
        raise UnsafeInput(source, f"not valid JSON ({exc})") from None
    problem = _check(data, "")
    if problem is not None:
        field, why = problem
        raise UnsafeInput(source, f"{why} in {field or 'the top level'}")
    return data


def _check(value: object, where: str) -> tuple[str, str] | None:
    """The first unusable value (its field and why), walking iteratively."""
    stack = [(value, where)]
    while stack:
        item, here = stack.pop()
        if isinstance(item, _Refused):
            return here, item.why
        if isinstance(item, str):
            if not _valid_unicode(item):
                return here, "text with a lone surrogate (not valid Unicode)"
        elif isinstance(item, dict):
            for key, member in item.items():
                name = f"{here}.{key}" if here else str(key)
                if not _valid_unicode(key):
                    return here or "the top level", "a key with a lone surrogate"
                stack.append((member, name))
        elif isinstance(item, list):
            for index, member in enumerate(item):
                stack.append((member, f"{here}[{index}]"))
    return None


def _valid_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def safe_text(text: str) -> str:
    """`text` with anything that is not valid Unicode replaced, for messages and labels."""
    return text.encode("utf-8", "replace").decode("utf-8")


# --- number text (replies, route arguments, headers) -----------------------------------------


def whole_number(text: str, low: int | None = None, high: int | None = None) -> int | None:
    """`text` as an int when it is plain ASCII digits (an optional minus) of sensible length and
    within [low, high]; None otherwise. Never raises: `"²".isdigit()` is True, `int("²")` is not."""
    text = text.strip()
    if not _ASCII_INT.fullmatch(text):
        return None
    value = int(text)
    if (low is not None and value < low) or (high is not None and value > high):
        return None
    return value


def finite_number(text: str, limit: float = MAX_ABS_NUMBER) -> float | None:
    """`text` as a float when it is a finite number no larger than `limit`; None otherwise."""
    text = text.strip()
    if len(text) > MAX_NUMBER_CHARS or not text.isascii():
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    if not math.isfinite(value) or abs(value) > limit:
        return None
    return value

"""The hardened reader's rules, one by one (the hostile corpora in test_hostile_files.py run them
against every file the game reads)."""

from __future__ import annotations

import json
import os
import sys

import pytest

from game import safe_read
from game.safe_read import UnsafeInput, finite_number, json_depth, loads_json, whole_number


def test_depth_is_counted_outside_strings_only():
    assert json_depth('{"a": [1, {"b": "[[[[{{{{"}]}') == 3
    assert json_depth('["\\"[[[", ["x"]]') == 2
    assert json_depth("") == 0
    text = json.dumps({"a": "]" * 100, "b": [[["\\"]]]})
    assert json_depth(text) == 4
    assert loads_json(json.dumps([[[]]] * 3)) == [[[]]] * 3


def test_the_depth_limit_is_inclusive():
    loads_json("[" * safe_read.MAX_DEPTH + "]" * safe_read.MAX_DEPTH)
    with pytest.raises(UnsafeInput, match="nested 65 levels deep"):
        loads_json("[" * 65 + "]" * 65, "f.json")


@pytest.mark.parametrize(
    "text,ok",
    [
        ("999999999999999", True),  # 15 digits
        ("-999999999999999", True),
        ("1000000000000000", False),  # 16
        ("1e15", True),
        ("1.5e15", False),
        ("0.1", True),
        ("1" + "0" * 30 + ".5", False),
        ("-0.0", True),
        ("1e-300", True),
    ],
)
def test_number_limits(text, ok):
    if ok:
        assert loads_json(f'{{"n": {text}}}')["n"] == json.loads(text)
    else:
        with pytest.raises(UnsafeInput, match=r"in n$"):
            loads_json(f'{{"n": {text}}}', "f.json")


def test_the_field_is_named_down_the_tree():
    with pytest.raises(UnsafeInput) as caught:
        loads_json('{"a": [{"b": 1}, {"c": {"d": NaN}}]}', "save.json")
    assert str(caught.value) == "save.json: NaN, which is not a number in a[1].c.d"
    with pytest.raises(
        UnsafeInput, match=r"lone surrogate \(not valid Unicode\) in deaths\[0\]\.cause"
    ):
        loads_json('{"deaths": [{"cause": "\\udc00"}]}')
    assert loads_json('{"ok": "\\ud83d\\ude00"}') == {"ok": "\U0001f600"}  # a proper pair


@pytest.mark.parametrize(
    "text,expected",
    [("12", 12), (" -3 ", -3), ("²", None), ("١٢", None), ("9" * 16, None), ("", None),
     ("1.0", None), ("+4", None)],
)  # fmt: skip
def test_whole_numbers_are_plain_ascii_digits(text, expected):
    assert whole_number(text) == expected


def test_whole_numbers_within_bounds():
    assert whole_number("5", 0, 10) == 5 and whole_number("11", 0, 10) is None
    assert whole_number("-1", 0) is None


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1e400", "1e23", "²", "1" * 41, "x"])
def test_finite_numbers_refuse_the_absurd(text):
    assert finite_number(text, 1e6) is None


def test_finite_numbers_accept_the_ordinary():
    assert finite_number("12.5") == 12.5 and finite_number("-3e2", 1e6) == -300.0


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_what_is_not_a_regular_file_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # nothing ever writes to it: a blocking open would hang the test
    with pytest.raises(UnsafeInput, match="not a regular file"):
        safe_read.read_bytes(fifo)
    with pytest.raises(UnsafeInput, match="is a folder"):
        safe_read.read_bytes(tmp_path)
    if os.path.exists("/dev/zero"):
        with pytest.raises(UnsafeInput, match="not a regular file"):
            safe_read.read_bytes("/dev/zero")
    with pytest.raises(FileNotFoundError):
        safe_read.read_bytes(tmp_path / "missing")


def test_size_is_capped_before_reading(tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as handle:
        handle.truncate(10 * 1024 * 1024 * 1024)  # sparse: no disk used, never read
    with pytest.raises(UnsafeInput, match="10737418240 bytes"):
        safe_read.read_bytes(big, 1024)
    small = tmp_path / "small.json"
    small.write_bytes(b"x" * 1024)
    assert safe_read.read_bytes(small, 1024) == b"x" * 1024


def test_text_must_be_utf8(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(b"ok \xff")
    with pytest.raises(UnsafeInput, match="not UTF-8 text"):
        safe_read.read_text(path)
    assert safe_read.safe_text("a\udcffb") == "a?b"

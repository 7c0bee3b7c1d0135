"""Recordings: the same inputs give the same day in any process, and a recording verifies."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli.headless import simulate
from game.replay.format import ReplayError, read_replay


def aynik(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=240,
    )


def test_same_recording_same_hash_across_processes_with_different_hash_seeds(tmp_path):
    """The whole campaign route, in two processes whose string hashing differs: the same run
    to the bit (set and dict order never leak into what the simulation computes)."""
    route = Path(__file__).parent / "data" / "campaign.route"
    results = []
    for hash_seed in ("1", "4242"):
        out = aynik(
            "sim",
            "--level",
            "beachhead",
            "--ticks",
            "36000",
            "--seed",
            "0",
            "--bot",
            f"route:{route}",
            "--json",
            env={"PYTHONHASHSEED": hash_seed},
        )
        assert out.returncode == 0, out.stderr
        results.append(json.loads(out.stdout))
    assert results[0]["completed"], "the route plays the campaign to its end"
    assert results[0]["state_hash"] == results[1]["state_hash"]
    assert results[0]["igt_ticks"] == results[1]["igt_ticks"]
    for key in (
        "ticks",
        "seed",
        "state_hash",
        "loop",
        "deaths",
        "knowledge",
        "training_level",
        "completed",
        "igt_ticks",
    ):
        assert key in results[0]


def test_a_recording_verifies_and_a_tampered_one_does_not(tmp_path):
    record = tmp_path / "run.aynrep"
    result = simulate("beachhead", 1300, seed=5, bot="random", record=str(record))
    assert record.read_text().startswith("AYNIK-REPLAY 2\n")
    out = aynik("verify", str(record), "--json")
    assert out.returncode == 0, out.stdout + out.stderr
    verdict = json.loads(out.stdout)
    assert verdict["valid"] is True
    assert verdict["igt_ticks"] == result["igt_ticks"]

    # Change one recorded input after the first checkpoint: verification names where it broke.
    lines = record.read_text().splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("F ") and i > 10)
    parts = lines[index].split()
    parts[5] = str(int(parts[5]) ^ 1)  # toggle the fire button for that run of ticks
    lines[index] = " ".join(parts)
    tampered = tmp_path / "tampered.aynrep"
    tampered.write_text("\n".join(lines) + "\n")
    out = aynik("verify", str(tampered), "--json")
    assert out.returncode == 1
    verdict = json.loads(out.stdout)
    assert verdict["valid"] is False
    assert "diverges" in verdict["problem"] or "final state" in verdict["problem"]
    # The first tick that differs is named, and a report lays both states side by side.
    assert verdict["diverged_at_tick"] == verdict["ticks"] > 0
    report = json.loads((tmp_path / "tampered.aynrep.desync.json").read_text())
    assert report["first_diverging_tick"] == verdict["diverged_at_tick"]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "not a replay file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a replay file"),
        (b"AYNIK-REPLAY 99\n", "not supported"),
        (b'AYNIK-REPLAY 1\nH {"seed": 1}\n', "header field"),
        (
            b'AYNIK-REPLAY 1\nH {"game_version": "0.1.0", "level": "beachhead", '
            b'"level_hash": "x", "seed": 1}\nF 5 900 0 0 0\n',
            "line 3",
        ),
    ],
)
def test_unreadable_replays_get_one_clear_line(tmp_path, content, message):
    path = tmp_path / "bad.aynrep"
    path.write_bytes(content)
    with pytest.raises(ReplayError, match=message):
        read_replay(path)
    out = aynik("verify", str(path))
    assert out.returncode == 2
    assert str(path) in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_records_spaced_by_hand_read_as_the_recorders_own(tmp_path):
    """The recorder's own input and digest records are read at once; the same records spaced
    some other way (a hand edit) are still read, to the same frames and digests."""
    shipped = Path(__file__).parent / "data" / "campaign.aynrep"
    lines = shipped.read_text().split("\n")
    # (after the record's kind and its first number, each part may be spaced as one likes)
    respaced = [
        " ".join((*line.split(" ", 2)[:2], line.split(" ", 2)[2].replace(" ", "  \t")))
        if line[:2] in ("F ", "D ")
        else line
        for line in lines
    ]
    edited = tmp_path / "edited.aynrep"
    edited.write_text("\n".join(respaced))
    own, by_hand = read_replay(shipped), read_replay(edited)
    assert len(own.frames) == 17831
    assert by_hand.frames == own.frames
    assert by_hand.digests == own.digests
    # A frame out of range is refused either way, with its line.
    for record in ("F 5 900 0 0 0", "F 5 900  0 \t0  0"):
        bad = tmp_path / "bad.aynrep"
        bad.write_text("\n".join([*lines[:3], record, ""]))
        with pytest.raises(ReplayError, match="line 4: move axes out of range"):
            read_replay(bad)

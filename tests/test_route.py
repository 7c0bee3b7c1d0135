"""The campaign can be won: the route bot plays from a new save to the ending, and its replay
verifies. A map or tuning change that makes the game unwinnable fails here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.bots.route_language import RouteError, load_route, parse_route
from game.cli.headless import simulate

DATA = Path(__file__).resolve().parent / "data"
ROUTE = DATA / "campaign.route"
REPLAY = DATA / "campaign.aynrep"
LIMIT = 60 * 60 * 10  # ten minutes of in-game time at most


def test_the_route_beats_the_campaign_from_a_new_save(tmp_path):
    record = tmp_path / "run.aynrep"
    result = simulate("beachhead", LIMIT, seed=0, bot=f"route:{ROUTE}", record=str(record))
    assert result["completed"] is True
    assert "vision:omega" in result["knowledge"] and "intel:gate-code" in result["knowledge"]
    assert result["loops"] >= 2  # the code, the Alpha, the Omega: more than one day
    out = subprocess.run(
        [sys.executable, "-m", "game", "verify", str(record), "--json"],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    verdict = json.loads(out.stdout)
    assert out.returncode == 0 and verdict["valid"] and verdict["completed"]
    assert verdict["igt_ticks"] == result["igt_ticks"]


def test_the_shipped_campaign_replay_verifies_as_completed():
    if not REPLAY.exists():
        pytest.skip("no campaign replay recorded")
    out = subprocess.run(
        [sys.executable, "-m", "game", "verify", str(REPLAY), "--json"],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    verdict = json.loads(out.stdout)
    assert out.returncode == 0, out.stdout + out.stderr
    assert verdict["valid"] is True and verdict["completed"] is True


def test_the_shipped_route_file_reads_cleanly():
    days = load_route(ROUTE)
    assert len(days) >= 3 and all(days)


@pytest.mark.parametrize(
    "text, words",
    [
        ("day\nfly 10 20\n", "my.route:2: unknown command 'fly'"),
        ("goto\n", "my.route:1: goto takes 1-2 arguments"),
        ("goto ten 20\n", "goto X Y needs two numbers"),
        ("wait soon\n", "whole number of ticks"),
        ("spare-alpha maybe\n", "takes on or off"),
    ],
)
def test_a_broken_route_names_the_line_and_the_mistake(text, words):
    with pytest.raises(RouteError, match=words):
        parse_route(text, "my.route")


def test_a_broken_route_on_the_command_line_is_one_clear_line(tmp_path):
    route = tmp_path / "bad.route"
    route.write_text("day\njump\n")
    out = subprocess.run(
        [sys.executable, "-m", "game", "sim", "--level", "beachhead", "--ticks", "10",
         "--bot", f"route:{route}"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 1
    assert f"{route}:2" in out.stderr and "Traceback" not in out.stderr

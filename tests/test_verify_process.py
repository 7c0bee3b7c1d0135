"""The replays list verifies in a process of its own: the verdict it shows is `aynik verify`'s, in
the same words, whatever the file; and a screen left mid-verify leaves no process behind."""

from __future__ import annotations

import time
from pathlib import Path

from game.replay.verify_process import BackgroundVerify

SHIPPED = Path(__file__).parent / "data" / "campaign.aynrep"


def _outcome(check: BackgroundVerify):
    for _ in range(6000):  # a guard against a hang, not a timing
        outcome = check.poll()
        if outcome is not None:
            return outcome
        time.sleep(0.01)
    raise AssertionError("the verify never ended")


def test_an_end_record_that_lies_is_told_in_the_command_lines_words(tmp_path):
    text = SHIPPED.read_text(encoding="utf-8")
    lying = tmp_path / "lying.aynrep"
    lying.write_text(text.replace('"igt_ticks": 17861, "loops"', '"igt_ticks": 16000, "loops"'))
    outcome = _outcome(BackgroundVerify(lying, "lying.aynrep"))
    assert not outcome.valid
    assert outcome.message == (
        "lying.aynrep: does not verify: the end record claims igt_ticks 16000, the re-run gives "
        "17861"
    )


def test_a_file_that_is_no_replay_is_named_with_what_is_wrong(tmp_path):
    junk = tmp_path / "junk.aynrep"
    junk.write_text("a shopping list\n", encoding="utf-8")
    outcome = _outcome(BackgroundVerify(junk, "junk.aynrep"))
    assert not outcome.valid
    assert outcome.message.startswith("junk.aynrep: cannot be verified: ")
    assert "not a replay file" in outcome.message and "Traceback" not in outcome.message


def test_stopping_ends_the_process_at_once():
    check = BackgroundVerify(SHIPPED, "campaign.aynrep")
    check.stop()
    assert check._process.returncode is not None  # killed, and waited for: nothing left behind
    assert check.poll() is None  # no verdict from a check that was stopped

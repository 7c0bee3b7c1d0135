"""A played run, and a replay played back, drive LiveSplit: each split at the replay's IGT for it,
and LiveSplit's run ending at the replay's IGT to the tick."""

from __future__ import annotations

from pathlib import Path

from test_livesplit import FakeLiveSplit, client_for, units_ticks
from test_speedrun_session import command, course, walk_and_win

from game.replay.format import read_replay
from game.replay.session import SpeedrunSession

CAMPAIGN_REPLAY = Path(__file__).parent / "data" / "campaign.aynrep"


def play_course(maps, livesplit: FakeLiveSplit | None = None, wait: int = 0) -> SpeedrunSession:
    """Stand `wait` ticks, walk east through every split, then the Omega goes (a stand-in)."""
    client = client_for(livesplit, push_seconds=1 / 60) if livesplit is not None else None
    session = walk_and_win(maps, wait, livesplit=client)
    try:
        if livesplit is not None:
            livesplit.wait_for(lambda: livesplit.phase == "Ended", "LiveSplit's run ends")
    finally:
        session.close()
    return session


def test_a_played_run_ends_livesplits_run_at_the_replays_igt_to_the_tick(tmp_path):
    maps = course(tmp_path)
    livesplit = FakeLiveSplit(segments=4)
    try:
        session = play_course(maps, livesplit, wait=45)
        replay = read_replay(session.replay_path)
        assert livesplit.timing == "GameTime" and livesplit.unknown == []
        assert units_ticks(livesplit.game_time()) == replay.end["igt_ticks"]
        assert livesplit.split_ticks() == [s.igt_ticks for s in replay.splits]
        assert [s.name for s in replay.splits] == ["Gate", "Far", "Annex", "Omega"]
    finally:
        livesplit.close()


def test_the_campaign_replay_played_back_ends_livesplits_run_at_its_igt_to_the_tick(capsys):
    replay = read_replay(CAMPAIGN_REPLAY)
    livesplit = FakeLiveSplit(segments=len(replay.splits))
    try:
        argv = ["replay", str(CAMPAIGN_REPLAY), "--headless", "--speed", "0", "--json",
                "--livesplit", f"127.0.0.1:{livesplit.port}"]  # fmt: skip
        code, _, err = command(capsys, *argv)
        assert code == 0, err
        livesplit.wait_for(lambda: livesplit.phase == "Ended", "LiveSplit's run ends")
        assert replay.end["completed"] is True
        assert units_ticks(livesplit.game_time()) == replay.end["igt_ticks"]
        assert livesplit.split_ticks() == [s.igt_ticks for s in replay.splits]
        assert livesplit.timing == "GameTime" and livesplit.unknown == []
    finally:
        livesplit.close()

"""Assists: switches in the settings, played by the run, marked in its replay, never a best."""

from __future__ import annotations

import json

import pytest
from test_speedrun_session import course, omega_destroyed

from game import settings as settings_module
from game.level.atlas import load_atlas
from game.level.campaign import resolve_level
from game.replay.format import ReplayError, parse_replay, read_replay
from game.replay.library import describe_replay
from game.replay.session import SpeedrunSession, start_play
from game.replay.verify import verify_replay
from game.sim.assists import LONGER_TELEGRAPHS, MORE_INTEGRITY, SETTING_KEYS, SLOWER_MIMICS, Assists
from game.sim.inputs import InputFrame
from game.sim.loop import Run
from game.speedrun.category import classify

EAST = InputFrame(move_x=127)


def test_assists_are_off_by_default_and_round_trip_through_settings_json():
    settings, problem = settings_module.load_settings()
    assert problem is None and not settings.assists.any
    settings.set_assist(SLOWER_MIMICS, True)
    settings.set_assist(LONGER_TELEGRAPHS, True)
    settings_module.save_settings(settings)
    saved = json.loads(settings_module.settings_path().read_text())
    assert {key: saved[key] for key in SETTING_KEYS.values()} == {
        "assist_slower_mimics": True,
        "assist_more_integrity": False,
        "assist_longer_telegraphs": True,
    }
    again, problem = settings_module.load_settings()
    assert problem is None
    assert again.assists == Assists(SLOWER_MIMICS | LONGER_TELEGRAPHS)
    assert again.assists.names() == ["slower Mimics", "longer telegraphs"]


def test_a_settings_file_from_before_assists_means_none():
    path = settings_module.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "music_volume": 0.3, "assist_more_integrity": "yes"}))
    settings, problem = settings_module.load_settings()
    assert settings.music_volume == 0.3 and not settings.assists.any
    assert "assist_more_integrity" in problem  # a bad value is named and left off


def test_an_assisted_run_is_labelled_and_never_official_or_a_best():
    assisted = classify("beachhead", 0, assists=Assists(MORE_INTEGRITY))
    assert not assisted.official and not assisted.counts_for_bests
    assert "assisted (more integrity)" in assisted.labels
    assert assisted.to_json()["assists"] == ["more integrity"]
    assert classify("beachhead", 0, assists=Assists()).official


def _win(maps, assists: Assists) -> SpeedrunSession:
    level, atlas = maps
    run = Run(level, 0, None, atlas, assists=assists)
    session = SpeedrunSession.new(run, level, 0)
    for t in range(320):
        events = run.step(session.input(EAST))
        if t == 319:
            events.append(omega_destroyed(run.world.tick))
        session.after_step(run, events)
    assert session.ended is not None and session.ended.completed
    return session


def test_an_assisted_win_sets_no_personal_best_and_no_gold(tmp_path):
    maps = course(tmp_path)
    assisted = _win(maps, Assists(SLOWER_MIMICS))
    assert assisted.bests is None and not assisted.ended.outcome.new_pb
    assert "assisted (slower Mimics)" in assisted.timer_view().marks
    assert read_replay(assisted.replay_path).header["assists"] == SLOWER_MIMICS
    # The same run without assists is the first one that counts.
    plain = _win(maps, Assists())
    assert plain.ended.outcome.new_pb and plain.ended.outcome.attempt == 1


def test_verify_replays_an_assisted_run_with_its_assists_and_says_it_is_not_official():
    maps = load_atlas(resolve_level("beachhead"))
    results = {}
    for word in (0, SLOWER_MIMICS | MORE_INTEGRITY):
        session, run = start_play(maps, 0, assists=Assists(word))
        assert run.assists.word == word
        for _ in range(90):
            session.after_step(run, run.step(session.input(InputFrame())))
        session.abandon(run)
        replay = read_replay(session.replay_path)
        assert replay.header["assists"] == word and replay.assists == Assists(word)
        assert describe_replay(session.replay_path).assisted == bool(word)  # the Replays list
        verdict = verify_replay(replay, write_report=False)
        assert verdict.valid, verdict.problem
        results[word] = verdict.result
    # Neither is finished, so neither is official; what tells them apart is their assists.
    assert results[0]["assists"] == [] and results[0]["new_save"] is True
    assisted = results[SLOWER_MIMICS | MORE_INTEGRITY]
    assert assisted["assists"] == ["slower Mimics", "more integrity"]
    assert assisted["official"] is False


def test_a_replay_with_unknown_assist_bits_is_unreadable():
    header = {"game_version": "0", "level": "beachhead", "level_hash": "x", "seed": 0}
    for bad in (1 << 12, -1, "slower"):
        text = f"AYNIK-REPLAY 2\nH {json.dumps(dict(header, assists=bad))}\n"
        with pytest.raises(ReplayError, match="assists"):
            parse_replay(text)
    assert parse_replay(f"AYNIK-REPLAY 2\nH {json.dumps(header)}\n").assists == Assists()


def test_the_hud_marks_an_assisted_day_and_the_ending_says_it_is_not_eligible():
    import pygame

    from game.render.hud import MARGIN, Hud
    from game.scenes.cutscene import ending_scene
    from game.sim.world import World

    pygame.init()
    try:
        screen = pygame.display.set_mode((1280, 720))
        level = load_atlas(resolve_level("beachhead"))[0]
        tag = pygame.Rect(MARGIN, MARGIN + 36, 90, 26)  # under the loop mark

        def tag_pixels(assists: Assists) -> bytes:
            screen.fill((90, 90, 90))
            Hud().draw(screen, World(level, 0, assists=assists), None, 2)
            return pygame.image.tobytes(screen.subsurface(tag), "RGB")

        plain = tag_pixels(Assists())
        assert len(set(plain)) == 1, "no mark without assists"
        assert tag_pixels(Assists(LONGER_TELEGRAPHS)) != plain

        class FakeApp:
            audio = None

        run = Run(level, 0, assists=Assists(MORE_INTEGRITY | LONGER_TELEGRAPHS))
        figures = [text for text, _, _ in ending_scene(FakeApp(), run, 40).panels[2].lines]
        assert ("Assisted (more integrity, longer telegraphs): not eligible for personal bests."
                in figures)  # fmt: skip
        plain_figures = ending_scene(FakeApp(), Run(level, 0), 40).panels[2].lines
        assert not any("Assisted" in text for text, _, _ in plain_figures)
    finally:
        pygame.quit()

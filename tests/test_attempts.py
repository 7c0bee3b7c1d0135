"""A runner's attempts: losing Day 0, or starting it over, is a reset. The attempt ends (kept in
the bests' attempts, LiveSplit reset) and a new one starts from a new save at tick 0, with its own
recording and timer. The category a run is played as is the runner's choice."""

from __future__ import annotations

import pygame

from game import settings as settings_module
from game.cli import speedrun_args as commands
from game.replay.format import read_replay
from game.scenes.play import PlayScene
from game.sim import inputs
from game.sim.inputs import InputFrame
from game.speedrun.category import CATEGORIES, Category


def test_starting_day_0_over_begins_a_new_attempt(app):
    play = PlayScene(app, "beachhead")
    app.push(play)
    for _ in range(200):
        play.update()
    first_session, first_run = play.session, play.run
    assert first_session.tracker.igt_ticks > 100
    frames = iter([InputFrame(buttons=inputs.RESET_NOW)])
    play._next_frame = lambda: next(frames, InputFrame())
    play.update()
    assert play.session is not first_session and play.run is not first_run
    ended = first_session.ended
    assert ended is not None and not ended.completed  # the old attempt, closed as abandoned
    assert play.run.run_ticks == 0 and play.session.tracker.igt_ticks == 0
    assert play.session.replay_path != first_session.replay_path
    assert read_replay(first_session.replay_path).end["completed"] is False
    pygame.event.clear()


def test_the_category_is_chosen_in_settings_and_keeps_its_own_bests(app):
    app.settings.speedrun_category = "All knowledge"
    play = PlayScene(app, "beachhead")
    assert play.session.category.name == "All knowledge"
    header = read_replay(play.session.replay_path).header
    assert header["category"]["name"] == "All knowledge"
    any_percent = Category("Any%", 0, "beachhead")
    assert play.session.category.key("0.1.0") != any_percent.key("0.1.0")
    settings_module.save_settings(app.settings)
    again, problem = settings_module.load_settings()
    assert problem is None and again.speedrun_category == "All knowledge"


def test_two_mods_maps_of_one_name_keep_separate_bests():
    a = Category("Level: dam", 0, "mods/alpha/dam.tmx", level_hash="0123456789abcdef")
    b = Category("Level: dam", 0, "mods/bravo/dam.tmx", level_hash="fedcba9876543210")
    edited = Category("Level: dam", 0, "mods/alpha/dam.tmx", level_hash="0000000000ffffff")
    keys = {c.key("0.1.0") for c in (a, b, edited)}
    assert len(keys) == 3


def test_the_command_line_offers_the_categories_the_game_has():
    assert commands.CATEGORIES == CATEGORIES

"""Every screen a player can reach opens, draws something, and answers its keys."""

from __future__ import annotations

import time

import pygame
import pytest
from player import key

from game.app import App, AppOptions
from game.scenes.cutscene import bad_ending_scene, ending_scene, vision_scene
from game.scenes.journal import JournalScene
from game.scenes.pause import PauseScene
from game.scenes.play import PlayScene
from game.scenes.settings import SettingsScene
from game.scenes.title import TitleScene
from game.sim.memory import DeathRecord


@pytest.fixture
def app():
    application = App(AppOptions(frames=1))
    yield application
    pygame.quit()


def frame(app) -> pygame.Surface:
    app._update()
    app._draw(0.5)
    return app.screen


def colours(surface: pygame.Surface) -> int:
    w, h = surface.get_size()
    return len({surface.get_at((x, y))[:3] for x in range(0, w, 41) for y in range(0, h, 29)})


def test_title_menu_starts_a_new_game(app):
    app.push(TitleScene(app))
    assert colours(frame(app)) > 30
    app.top.handle_event(key(pygame.K_RETURN))  # no save yet: the first entry is New game
    assert isinstance(app.top, PlayScene)
    assert colours(frame(app)) > 30


def test_pause_journal_and_settings_open_over_play(app):
    play = PlayScene(app, "beachhead")
    play.run.memory.learn("ambush:22")
    play.run.memory.deaths.append(DeathRecord(1, 300, 10.0, 20.0, "a drone's lunge", "beachhead"))
    app.push(play)
    frame(app)
    app.push(PauseScene(app, play))
    assert colours(frame(app)) > 10
    tick = play.run.world.tick
    frame(app)
    assert play.run.world.tick == tick  # the day waits while paused
    app.push(JournalScene(app, play.run))
    assert colours(frame(app)) > 10
    app.top.handle_event(key(pygame.K_TAB))
    assert isinstance(app.top, PauseScene)
    app.push(SettingsScene(app))
    frame(app)
    before = app.settings.music_volume
    app.top.handle_event(key(pygame.K_DOWN))
    app.top.handle_event(key(pygame.K_LEFT))
    assert app.settings.music_volume == pytest.approx(before - 0.1)
    app.top.handle_event(key(pygame.K_ESCAPE))
    assert isinstance(app.top, PauseScene)


def test_story_scenes_draw_and_move_on(app):
    play = PlayScene(app, "beachhead")
    app.push(play)
    for scene in (vision_scene(app), bad_ending_scene(app)):
        app.push(scene)
        for _ in range(50):
            frame(app)
        assert colours(app.screen) > 10
        scene.handle_event(key(pygame.K_RETURN))
        assert app.top is play
    app.push(ending_scene(app, play.run, 40))
    for _ in range(3):  # three panels, then the title
        for _ in range(50):
            frame(app)
        assert colours(app.screen) > 5
        app.top.handle_event(key(pygame.K_RETURN))
    assert isinstance(app.top, TitleScene)


def test_dev_mode_reloads_a_saved_map_and_keeps_what_cage_knows(app, tmp_path):
    import shutil
    import time

    from game.level.campaign import campaign_dir

    mod = tmp_path / "mod"
    shutil.copytree(campaign_dir() / "tiles", mod / "tiles")
    shutil.copy(campaign_dir() / "beach.tsx", mod / "beach.tsx")
    text = (campaign_dir() / "beachhead.tmx").read_text()
    # A mod map of its own: no Exit to maps it does not ship.
    map_path = mod / "map.tmx"
    map_path.write_text(text)
    play = PlayScene(app, str(map_path), dev=True)
    app.push(play)
    play.run.memory.learn("intel:gate-code")
    for _ in range(30):
        frame(app)
    first_run = play.run
    time.sleep(0.05)
    map_path.write_text(
        text.replace('name="title" value="The Beachhead"', 'name="title" value="Edited"')
    )
    for _ in range(60):
        frame(app)
        if play.run is not first_run:
            break
    assert play.run is not first_run, "saving the map reloads the day"
    assert play.run.level.title == "Edited"
    assert play.run.memory.knows("intel:gate-code")


def test_watching_a_replay_jumps_loop_to_loop(app):
    from pathlib import Path

    from game.replay.format import read_replay
    from game.scenes.watch import WatchScene

    path = Path(__file__).parent / "data" / "campaign.aynrep"
    watch = WatchScene(app, read_replay(path), str(path))
    app.push(watch)
    for _ in range(10):
        frame(app)
    starts = watch.playback.loop_starts()
    assert len(starts) >= 3  # Day 0, then the loops
    watch.handle_event(key(pygame.K_DOWN))
    assert watch.playback.position == starts[1].ticks
    watch.handle_event(key(pygame.K_DOWN))
    assert watch.playback.position == starts[2].ticks
    assert watch.playback.run.loop == starts[2].loop
    watch.handle_event(key(pygame.K_HOME))
    assert watch.playback.position == 0
    assert colours(frame(app)) > 30


def test_earlier_loops_leave_ghosts_on_the_map(app):
    from game.sim import inputs
    from game.sim.inputs import InputFrame

    play = PlayScene(app, "beachhead")
    play.run.memory.loop = 1  # the loop is his: a reset is a new loop
    app.push(play)
    for _ in range(120):
        play.run.step(play.session.input(InputFrame(move_y=-127)))
        play.session.after_step(play.run, [])
    events = play.run.step(play.session.input(InputFrame(buttons=inputs.RESET_NOW)))
    play.session.after_step(play.run, events)
    frame(app)
    assert play.view.ghosts and len(play.view.ghosts[0].points) > 5


def _replays_with_the_campaign(app, home):
    import shutil
    from pathlib import Path

    from game.scenes.replays import ReplaysScene

    folder = home / "replays"
    folder.mkdir()
    shutil.copy(Path(__file__).parent / "data" / "campaign.aynrep", folder / "run.aynrep")
    app.push(TitleScene(app))
    scene = ReplaysScene(app)
    app.push(scene)
    return scene, folder


def test_replay_list_verifies_watches_and_deletes(app, _aynik_home):
    from game.scenes.watch import WatchScene

    scene, folder = _replays_with_the_campaign(app, _aynik_home)
    assert len(scene.entries) == 1 and scene.entries[0].completed
    assert colours(frame(app)) > 5
    scene.handle_event(key(pygame.K_v))
    assert scene.message.startswith("Verifying run.aynrep")  # said at once; the list draws on
    for _ in range(6000):  # a guard against a hang, not a timing: it ends in about a second
        if scene.verifying is None:
            break
        frame(app)
        time.sleep(0.01)
    assert scene.message.startswith("run.aynrep: valid, 4:57.683"), scene.message
    scene.handle_event(key(pygame.K_RETURN))
    assert isinstance(app.top, WatchScene)
    app.top.handle_event(key(pygame.K_ESCAPE))
    assert app.top is scene
    scene.handle_event(key(pygame.K_DELETE))
    assert (folder / "run.aynrep").exists()  # the first press only asks
    scene.handle_event(key(pygame.K_DELETE))
    assert not (folder / "run.aynrep").exists() and scene.entries == []


def test_practice_from_a_split_re_runs_the_way_there_a_slice_a_frame_with_its_progress(
    app, _aynik_home
):
    from game.scenes.replays import PracticeStartScene

    scene, _folder = _replays_with_the_campaign(app, _aynik_home)
    scene.handle_event(key(pygame.K_p))
    assert scene.split_picker[:2] == ["Beach", "Seawall"]
    scene.handle_event(key(pygame.K_DOWN))
    scene.handle_event(key(pygame.K_RETURN))
    starting = app.top
    assert isinstance(starting, PracticeStartScene)
    shown = []
    for _ in range(10_000):  # a guard against a hang: it ends after the lead-in's last slice
        if app.top is not starting:
            break
        frame(app)
        shown.append(starting.done)
    assert shown[0] == 0  # the screen is up before the first slice
    assert len(shown) >= 3 and 0 < shown[1] < 1  # drawn on the way, never in one frame
    play = app.top
    assert isinstance(play, PlayScene) and play.session.category.practice
    assert play.session.tracker.splits.done("Seawall")


def test_a_practice_called_off_in_its_lead_in_goes_back_and_keeps_no_recording(app, _aynik_home):
    from game.scenes.replays import ReplaysScene

    scene, folder = _replays_with_the_campaign(app, _aynik_home)
    scene.handle_event(key(pygame.K_p))
    for _ in range(8):
        scene.handle_event(key(pygame.K_DOWN))  # the Chamber: a long way in
    scene.handle_event(key(pygame.K_RETURN))
    frame(app)
    frame(app)
    assert sorted(p.name for p in folder.iterdir()) != ["run.aynrep"]  # recording the lead-in
    app.top.handle_event(key(pygame.K_ESCAPE))
    assert isinstance(app.top, ReplaysScene)
    assert sorted(p.name for p in folder.iterdir()) == ["run.aynrep"]


def test_practice_starts_a_marked_day_with_chosen_training(app):
    from game.scenes.replays import PracticeScene

    app.push(TitleScene(app))
    practice = PracticeScene(app)
    app.push(practice)
    practice.handle_event(key(pygame.K_RIGHT))
    practice.handle_event(key(pygame.K_RIGHT))  # training 2
    practice._start()
    play = app.top
    assert isinstance(play, PlayScene)
    assert play.run.memory.training_level == 2
    assert play.session.category.practice


def test_quitting_to_the_title_offers_continue_at_once(app):
    from game.scenes.title import TitleScene

    app.push(TitleScene(app))
    app.top.handle_event(key(pygame.K_RETURN))  # New game
    play = app.top
    for _ in range(5):
        frame(app)
    app.push(PauseScene(app, play))
    app.top._to_title()
    title = app.top
    assert isinstance(title, TitleScene)
    assert title.menu.items[0][0] == "Continue"


def test_new_game_asks_before_replacing_a_save(app, _aynik_home):
    from game import save
    from game.sim.memory import Memory

    save.write_save(Memory(loop=4))
    title = TitleScene(app)
    app.push(title)
    assert title.menu.items[0][0] == "Continue"
    title.menu.index = 1
    title.handle_event(key(pygame.K_RETURN))  # New game
    assert app.top is title and "replaced" in title.question
    title.handle_event(key(pygame.K_RETURN))  # the answer starts on No
    assert app.top is title and title.menu.items[0][0] == "Continue"
    assert save.load_save().memory.loop == 4


def test_rebinding_replaces_the_first_key_keeps_the_second_and_warns_of_clashes(app):
    app.push(TitleScene(app))
    scene = SettingsScene(app)
    app.push(scene)
    scene.index = next(i for i, row in enumerate(scene.rows) if row == ("bind", "grenade"))
    scene.handle_event(key(pygame.K_RETURN))
    scene.handle_event(key(pygame.K_w))
    assert app.settings.bindings["grenade"] == ["w"]
    assert "up" in scene.message  # w already moves him up
    scene.index = next(i for i, row in enumerate(scene.rows) if row == ("bind", "up"))
    scene.handle_event(key(pygame.K_RETURN))
    scene.handle_event(key(pygame.K_i))
    assert app.settings.bindings["up"] == ["i", "up"]

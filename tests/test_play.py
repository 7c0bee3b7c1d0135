"""The real front end, headless: the title screen and the play scene run, draw and quit."""

from __future__ import annotations

import os
import subprocess
import sys

import pygame


def aynik(*args: str, timeout: int = 240) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=timeout,
    )


def test_play_scene_runs_300_frames_with_the_random_bot_and_saves_a_screenshot(tmp_path):
    shot = tmp_path / "frame.png"
    out = aynik("play", "--bot", "random", "--frames", "300", "--screenshot", str(shot))
    assert out.returncode == 0, out.stderr
    image = pygame.image.load(str(shot))
    assert image.get_size() == (1280, 720)
    # A real frame: many distinct colours, not a blank or a single fill.
    colours = {image.get_at((x, y))[:3] for x in range(0, 1280, 37) for y in range(0, 720, 23)}
    assert len(colours) > 40


def test_title_screen_opens_with_no_command(tmp_path):
    shot = tmp_path / "title.png"
    out = aynik("--help")
    assert out.returncode == 0 and "play" in out.stdout
    out = aynik("play", "--frames", "5", "--screenshot", str(shot))
    assert out.returncode == 0, out.stderr
    assert shot.exists()


def test_unknown_level_is_one_clear_line():
    out = aynik("play", "--level", "no-such-level", "--frames", "1")
    assert out.returncode == 1
    assert "no-such-level" in out.stderr
    assert "Traceback" not in out.stderr


def test_each_map_plays_the_music_its_property_names(app, tmp_path):
    """The music is the map's `music` property: the campaign's maps name their scores in
    levels/music/, and a mod's map its own file, as a modder sets it in Tiled."""
    import shutil

    from game.level.campaign import campaign_dir
    from game.scenes.play import PlayScene

    asked: list = []
    app.audio.music = asked.append
    app.push(PlayScene(app, "beachhead"))
    beach = campaign_dir() / "music" / "beach_calm.ogg"
    assert asked[-1] == str(beach.resolve()) and beach.is_file()
    assert (campaign_dir() / "music" / "beach_combat.ogg").is_file()  # a layered score
    app.pop()

    mod = tmp_path / "tune"
    shutil.copytree(campaign_dir() / "tiles", mod / "tiles")
    for name in ("beach.tsx", "aynik.tiled-project"):
        shutil.copy(campaign_dir() / name, mod / name)
    text = (campaign_dir() / "beachhead.tmx").read_text(encoding="utf-8")
    (mod / "beachhead.tmx").write_text(
        text.replace('value="music/beach_calm.ogg"', 'value="theme.ogg"'), encoding="utf-8"
    )
    shutil.copy(campaign_dir() / "music" / "dam_combat.ogg", mod / "theme.ogg")
    app.push(PlayScene(app, str(mod / "beachhead.tmx")))
    assert asked[-1] == str((mod / "theme.ogg").resolve())

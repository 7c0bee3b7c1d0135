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

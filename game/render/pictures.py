"""The story's full-screen pictures (the vision, the endings), read from disk ahead of their moment.

Owns reading `assets/sprites/<name>.png` for a story panel: `preload` reads the pictures on a
background thread (SDL decodes a PNG without holding Python's lock, so the day plays on
meanwhile) and keeps them; `picture` gives one ready for the screen, waiting only for what is left
of its own reading. Without this the vision's frame read its picture (7 ms), and the ending's its
two (12 ms), on the frame the story began. Must not import game.scenes or game.app.
"""

from __future__ import annotations

import threading

import pygame

from game.render.assets import sprites_dir

# Every picture a story panel shows (game.scenes.cutscene): read at the play scene's loading.
STORY_PICTURES = ("vision", "bad_ending", "ending", "ending_rita")

_read: dict[str, pygame.Surface | None] = {}  # name -> the decoded picture (None: unreadable)
_lock = threading.Lock()


def _read_picture(name: str) -> pygame.Surface | None:
    with _lock:
        if name not in _read:
            path = sprites_dir() / f"{name}.png"
            try:
                _read[name] = pygame.image.load(path) if path.is_file() else None
            except (pygame.error, OSError):
                _read[name] = None
        return _read[name]


def preload(names: tuple[str, ...] = STORY_PICTURES) -> threading.Thread:
    """Read `names` on a background thread; returns it (a test may join it)."""

    def work() -> None:
        for name in names:
            _read_picture(name)

    thread = threading.Thread(target=work, name="picture-preload", daemon=True)
    thread.start()
    return thread


def picture(name: str) -> pygame.Surface | None:
    """The picture `name` as read, or None if it is missing or unreadable: the panel shows its
    text alone. It is not converted to the screen's format: converting made a whole screen of
    fresh memory on the frame its story began (12 ms on a machine slow to hand out pages), and a
    picture as read blits in a few tenths of a millisecond all the same."""
    return _read_picture(name)

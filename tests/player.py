"""What a player does to the game in the tests: press a key, click, play without a sound card."""

from __future__ import annotations

import pygame


def key(code: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0)


def click() -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(640, 360))


def without_audio_device(monkeypatch) -> None:
    """The mixer fails to open, as on a machine with no sound card."""

    def no_device(*args, **kwargs):
        raise pygame.error("no audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", no_device)

"""A fake router for scene tests: records the scenes a scene asks for, by name.

A scene reaches other scenes only through the App's router (`go`, `open`, `pop`), so a test can
hand it this instead of a window and a whole game, then read what it asked for. `build=True`
makes the asked-for scenes from the real registry (a test that goes on to use them).
"""

from __future__ import annotations

import pygame

from game.disk_writes import DiskWrites


class FakeRouter:
    def __init__(self, build: bool = False, seed: int = 7) -> None:
        self.scenes: list = []
        self.went: list[tuple[str, dict]] = []  # go(name, **args): the stack replaced
        self.opened: list[tuple[str, dict]] = []  # open(name, **args): over the current scene
        self.build = build
        self.options = type("Options", (), {"seed": seed})()
        self.screen = pygame.Surface((1280, 720))
        self.audio = None
        self.quit_asked = False
        self.disk_writes = DiskWrites()  # the run's end written off the frame, as App's

    def _make(self, name: str, args: dict):
        if not self.build:
            return None
        from game.scenes.registry import SCENES

        return SCENES[name](self, **args)

    def go(self, name: str, **args) -> None:
        self.went.append((name, args))
        scene = self._make(name, args)
        if scene is not None:
            while self.scenes:
                self.scenes.pop().leave()
            self.push(scene)

    def open(self, name: str, **args) -> None:
        self.opened.append((name, args))
        scene = self._make(name, args)
        if scene is not None:
            self.push(scene)

    def push(self, scene) -> None:
        self.scenes.append(scene)
        scene.enter()

    def pop(self) -> None:
        if self.scenes:
            self.scenes.pop().leave()

    def quit(self) -> None:
        self.quit_asked = True

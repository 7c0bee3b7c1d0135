"""The title screen: the game's name over the beach at dawn, and the first choices."""

from __future__ import annotations

import math

import pygame

from game import save
from game.render import ui
from game.render.assets import assets_dir
from game.scenes.base import Menu, Scene


class TitleScene(Scene):
    def __init__(self, app) -> None:
        super().__init__(app)
        self._read_save()
        self.backdrop = None
        self.ticks = 0
        path = assets_dir() / "sprites" / "title.png"
        if path.is_file():
            try:
                self.backdrop = pygame.image.load(path).convert()
            except pygame.error:
                self.backdrop = None

    def _read_save(self) -> None:
        """The save as it is now, and the menu that follows from it (Continue only if it can be
        read). Read again on entering: the run just left has saved itself by then."""
        self.question = ""
        self.app.disk_writes.settle()  # the run just left: its save is on disk first
        self.save_state = save.load_save()
        items = []
        if self.save_state.memory is not None:
            items.append(("Continue", self._continue))
        items += [
            ("New game", self._new_game),
            ("Levels and mods", self._levels),
            ("Replays", self._replays),
            ("Practice", self._practice),
            ("Settings", self._settings),
            ("Quit", self.app.quit),
        ]
        self.menu = Menu(items, self.app.audio)

    def enter(self) -> None:
        self._read_save()
        self.app.audio.music("title")

    def _replays(self) -> None:
        self.app.open("replays")

    def _practice(self) -> None:
        self.app.open("practice", save_memory=self.save_state.memory)

    def _levels(self) -> None:
        self.app.open("levels")

    def _settings(self) -> None:
        self.app.open("settings")

    def _continue(self) -> None:
        memory = self.save_state.memory
        from_backup = self.save_state.from_backup
        if from_backup and memory is not None:
            try:
                save.continue_from_backup(memory)
                from_backup = False
            except OSError:
                pass  # the play scene tries again at the loop's end, and says so if it fails
        self.app.go(
            "play",
            level="beachhead",
            seed=self.app.options.seed,
            memory=memory,
            persist=True,
            fresh_save=from_backup,
        )

    def _new_game(self) -> None:
        memory = self.save_state.memory
        if memory is not None:
            # A save is there: ask before a new game takes its place.
            where = "Day 0" if not memory.looping else f"loop {memory.loop}"
            self.question = f"Start over? Your save at {where} will be replaced."
            self.menu = Menu(
                [("Yes, a new game", self._start_new_game), ("No", self._read_save)],
                self.app.audio,
            )
            self.menu.index = 1
            return
        self._start_new_game()

    def _start_new_game(self) -> None:
        self.app.go(
            "play", level="beachhead", seed=self.app.options.seed, persist=True, fresh_save=True
        )

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            # Esc goes to Quit rather than quitting: one press too many never ends the game.
            self.menu.index = len(self.menu.items) - 1
            self.app.audio.play("ui_back", 0.6)
            return
        self.menu.handle_event(event)

    def update(self) -> None:
        self.ticks += 1

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        w, h = surface.get_size()
        if self.backdrop is not None:
            surface.blit(
                pygame.transform.smoothscale(self.backdrop, (w, h))
                if self.backdrop.get_size() != (w, h)
                else self.backdrop,
                (0, 0),
            )
        else:
            surface.fill((18, 20, 26))
        glow = 200 + int(40 * math.sin(self.ticks / 40))
        ui.draw_text(
            surface,
            "ALL YOU NEED IS KILL",
            96,
            (glow, glow, 235),
            (w // 2, h // 6),
            "midtop",
            bold=True,
        )
        ui.draw_text(
            surface, "LIVE.  DIE.  REPEAT.", 32, (230, 170, 90), (w // 2, h // 6 + 86), "midtop"
        )
        top = int(h * 0.45)
        panel = pygame.Surface((360, len(self.menu.items) * 44 + 20), pygame.SRCALPHA)
        panel.fill((8, 10, 14, 150))
        surface.blit(panel, (w // 2 - 180, top - 12))
        self.menu.draw(surface, w // 2, top, size=30)
        keys = self.app.settings.bindings
        move = "".join(keys[a][0].upper() for a in ("up", "left", "down", "right"))
        hint = (f"{move} move  ·  mouse aim  ·  left button fire  ·  {keys['reload'][0].upper()} "
                f"reload  ·  {keys['journal'][0].capitalize()} journal  ·  Esc pause")  # fmt: skip
        ui.draw_text(surface, hint, 22, (170, 170, 160), (w // 2, h - 20), "midbottom")
        if self.app.settings_message:
            ui.draw_text(surface, self.app.settings_message, 20, (255, 120, 100), (10, 10))
        if self.save_state.problem:
            ui.draw_text(surface, self.save_state.problem[:150], 20, (255, 140, 110), (10, 34))
        memory = self.save_state.memory
        if self.question:
            ui.draw_text(surface, self.question, 26, (255, 214, 120), (w // 2, int(h * 0.45) - 50),
                         "midtop")  # fmt: skip
        elif memory is not None:
            where = "Day 0" if not memory.looping else f"Loop {memory.loop}"
            known = len(memory.knowledge)
            line = f"{where} · training {memory.training_level}/5 · {known} things remembered"
            ui.draw_text(surface, line, 22, (200, 200, 190), (w // 2, int(h * 0.45) - 46), "midtop")

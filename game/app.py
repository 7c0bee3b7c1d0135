"""The only real-time loop: window, fixed-step simulation clock, rendering, the scene stack.

Owns the desktop front end's frame: read events, step the top scene at exactly 60 ticks/s from an
accumulator (at most MAX_CATCH_UP ticks per frame, then the clock bails out: Nystrom's Game Loop),
draw with the leftover fraction for interpolation, flip. With `--frames` under the dummy video
driver it runs in lockstep (one tick per frame) so headless runs are reproducible. It is also the
scenes' router: a scene asks for the next one by name (`go` replaces the stack, `open` goes over
the current scene, `pop` closes the top one), and game.scenes.registry maps the names to scenes.
Imports pygame and the registry; the simulation never imports this.
"""

from __future__ import annotations

import functools
import os
import sys
import warnings
from dataclasses import dataclass

import pygame

from game import gc_policy, storage
from game import settings as settings_module
from game.audio import Audio
from game.disk_writes import DiskWrites
from game.render import ui
from game.scenes.registry import SCENES
from game.tuning import TICK_RATE

WINDOW_SIZE = (1280, 720)
MIN_WINDOW = (960, 540)
MAX_CATCH_UP = 5  # ticks simulated per frame at most; beyond that the game slows instead
FRAME_CAP = 240  # fps ceiling where vsync is unavailable


@dataclass
class AppOptions:
    level: str | None = None
    seed: int = 0
    frames: int | None = None
    screenshot: str | None = None
    bot: str | None = None
    dev: bool = False  # reload the map in the running game when it is saved
    livesplit: str | None = None  # HOST:PORT of a LiveSplit server to drive
    record: bool = True  # every run is recorded to AYNIK_HOME/replays
    practice: dict | None = None  # a practice start (see game.replay.session.start_play)
    replay: object | None = None
    replay_path: str | None = None
    # `level`'s maps (the starting level and its atlas) as the command line has just checked
    # them, so the play scene runs them as they are rather than reading them all again.
    maps: tuple | None = None


@functools.cache
def content_errors() -> tuple[type[BaseException], ...]:
    """The errors that come from content (maps, art, routes, a player's files) rather than from
    the game itself: inside a scene they are shown on the error panel, never a crash."""
    from game.bots.route_language import RouteError
    from game.level.errors import LevelError
    from game.render.assets import AssetError
    from game.replay.format import ReplayError
    from game.safe_read import UnsafeInput
    from game.storage import StorageError

    return (LevelError, AssetError, RouteError, ReplayError, UnsafeInput, StorageError)


def _set_window_icon() -> None:
    """The window's and task bar's icon (assets/make_icon.py draws it from Cage's sheet); set
    before the window opens, as some window managers read it only then."""
    from game.render.assets import assets_dir

    try:
        pygame.display.set_icon(pygame.image.load(assets_dir() / "icons" / "aynik-64.png"))
    except (OSError, pygame.error):
        pass  # without it the system's default icon shows: no reason not to start


class App:
    def __init__(self, options: AppOptions, registry: dict | None = None) -> None:
        self.options = options
        self.registry = SCENES if registry is None else registry
        pygame.init()
        ui.reset_caches()
        pygame.display.set_caption("All You Need Is Kill")
        _set_window_icon()
        storage.clean_leftovers()  # temporary files of writes a crash cut short
        self.settings, self.settings_message = settings_module.load_settings()
        self.fullscreen = self.settings.fullscreen
        self.screen = self._open_window()
        self.audio = Audio(
            self.settings.master_volume, self.settings.music_volume, self.settings.effects_volume
        )
        self.clock = pygame.time.Clock()
        self.headless = os.environ.get("SDL_VIDEODRIVER") == "dummy"
        if not self.headless:
            self.audio.preload()  # the scores decode while the title screen is up
        self.lockstep = self.headless and options.frames is not None
        self.scenes: list = []
        self.running = True
        self.exit_code = 0
        self.livesplit = None
        if options.livesplit:
            from game.speedrun.livesplit import LiveSplitClient, parse_address

            self.livesplit = LiveSplitClient(*parse_address(options.livesplit))
        self.frame_count = 0
        # The run's end writes its files off the frame (replay end, bests, summary).
        self.disk_writes = DiskWrites()

    # --- the window --------------------------------------------------------------------------
    def _open_window(self) -> pygame.Surface:
        flags = pygame.FULLSCREEN if self.fullscreen else pygame.RESIZABLE
        if os.environ.get("SDL_VIDEODRIVER") == "dummy":
            screen = pygame.display.set_mode(WINDOW_SIZE, flags)  # no screen: nothing to sync to
        else:
            try:
                screen = pygame.display.set_mode(WINDOW_SIZE, flags, vsync=1)
            except pygame.error:
                screen = pygame.display.set_mode(WINDOW_SIZE, flags)
        try:
            with warnings.catch_warnings():
                # Only the size limit is set through the Window; drawing stays with the display.
                warnings.simplefilter("ignore", DeprecationWarning)
                # Below this the menus and the HUD no longer fit.
                pygame.Window.from_display_module().minimum_size = MIN_WINDOW
        except (AttributeError, pygame.error):
            pass
        return screen

    def toggle_fullscreen(self) -> None:
        self.fullscreen = not self.fullscreen
        if self.fullscreen:
            desktops = pygame.display.get_desktop_sizes()
            size = desktops[0] if desktops else WINDOW_SIZE
            self.screen = pygame.display.set_mode(size, pygame.FULLSCREEN)
        else:
            self.screen = self._open_window()
        self.settings.fullscreen = self.fullscreen
        self._notify_resize()

    def _notify_resize(self) -> None:
        for scene in self.scenes:
            scene.resize(self.screen.get_size())

    # --- the scene stack (Nystrom's pushdown automaton) ----------------------------------------
    def push(self, scene) -> None:
        self.scenes.append(scene)
        scene.enter()

    def pop(self) -> None:
        if self.scenes:
            self.scenes.pop().leave()
        if not self.scenes:
            self.running = False

    def replace(self, scene) -> None:
        while self.scenes:
            self.scenes.pop().leave()
        self.push(scene)

    # --- the router: scenes by name ------------------------------------------------------------
    def make(self, name: str, **args):
        """The scene registered as `name`, built with `args` (raises what building raises)."""
        try:
            build = self.registry[name]
        except KeyError:
            raise KeyError(f"no scene is called {name!r}: see game.scenes.registry") from None
        return build(self, **args)

    def go(self, name: str, **args) -> None:
        """Leave every scene on the stack for the scene `name` (built first: if building fails,
        the stack is as it was)."""
        self.replace(self.make(name, **args))

    def open(self, name: str, **args) -> None:
        """Open the scene `name` over the current one (a menu, a card, the recap)."""
        self.push(self.make(name, **args))

    @property
    def top(self):
        return self.scenes[-1] if self.scenes else None

    def quit(self) -> None:
        self.running = False

    # --- the loop -----------------------------------------------------------------------------
    def first_scene(self):
        o = self.options
        if o.replay is not None:
            return self.make("watch", replay=o.replay, path=o.replay_path or "")
        if o.level or o.bot or o.practice:
            level = o.level or "beachhead"
            return self.make(
                "play", level=level, seed=o.seed, bot=o.bot, dev=o.dev, practice=o.practice,
                maps=o.maps if o.level else None,
            )  # fmt: skip
        return self.make("title")

    def run(self) -> int:
        try:
            self.push(self.first_scene())
            gc_policy.start()  # what loading made is kept; the oldest collections wait for cards
        except content_errors() as exc:
            from game.level.errors import LevelError

            if isinstance(exc, LevelError):
                raise  # a level that cannot start: the command line says so and exits
            self._contain(exc)
        tick_seconds = 1.0 / TICK_RATE
        accumulator = 0.0
        last = last_frame = pygame.time.get_ticks()
        try:
            while self.running:
                for event in pygame.event.get():
                    self._guarded(self._handle, event)
                if not self.running:
                    break
                if self.lockstep:
                    self._guarded(self._update)
                    alpha = 1.0
                else:
                    now = pygame.time.get_ticks()
                    accumulator += (now - last) / 1000.0
                    last = now
                    steps = 0
                    while accumulator >= tick_seconds and steps < MAX_CATCH_UP:
                        self._guarded(self._update)
                        accumulator -= tick_seconds
                        steps += 1
                    if steps == MAX_CATCH_UP:
                        accumulator = 0.0  # too far behind: slow down rather than spiral
                    alpha = accumulator / tick_seconds
                self._guarded(self._draw, alpha)
                pygame.display.flip()
                # The music's layers and ducking move on the frame clock, whatever is on screen.
                now_frame = pygame.time.get_ticks()
                self.audio.update(tick_seconds if self.lockstep else (now_frame - last_frame) / 1e3)
                last_frame = now_frame
                self.frame_count += 1
                if self.options.frames is not None and self.frame_count >= self.options.frames:
                    break
                if not self.lockstep:
                    self.clock.tick(FRAME_CAP)
        finally:
            if self.options.screenshot:
                try:
                    shot = self.options.screenshot
                    if os.path.exists(shot) and not os.path.isfile(shot):
                        raise OSError("not a regular file")  # a FIFO would block the save
                    pygame.image.save(self.screen, shot)
                except (pygame.error, OSError) as exc:
                    print(f"aynik: {self.options.screenshot}: cannot save: {exc}", file=sys.stderr)
                    self.exit_code = 1
            while self.scenes:
                self.scenes.pop().leave()
            self.disk_writes.settle()  # the run's last files on disk before the window closes
            if self.livesplit is not None:
                self.livesplit.close()
            try:
                settings_module.save_settings(self.settings)
            except OSError:
                pass
            pygame.quit()
        return self.exit_code

    # --- content errors: contained, never a crash ---------------------------------------------
    def _guarded(self, step, *args) -> None:
        """Run one step of the top scene; an error from content (a route, an asset, a level, a
        player's file) closes that scene, keeping the save, and shows the error panel."""
        try:
            step(*args)
        except content_errors() as exc:
            self._contain(exc)

    def _contain(self, exc: BaseException) -> None:
        from game.level.problems import ERROR, Problem

        message = str(exc)
        print(f"aynik: {message}", file=sys.stderr)
        self.exit_code = 1
        failing = self.scenes.pop() if self.scenes else None
        if failing is not None:
            try:
                failing.leave()  # a play scene saves Memory as it leaves
            except content_errors() as again:
                print(f"aynik: {again}", file=sys.stderr)
        o = self.options
        if not self.scenes and not (o.level or o.bot or o.practice or o.replay is not None):
            self.open("title")  # started from the title: back to it, the save kept
        title = "The game stopped this level" if failing is not None else "Something went wrong"
        file = getattr(exc, "path", "") or ""
        text = message.removeprefix(f"{file}: ") if file else message
        self.open("error", title=title, problems=[Problem(str(file), None, None, "", ERROR, text)])

    def _handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self.screen = pygame.display.get_surface()
            self._notify_resize()
            return
        if self.top is not None:
            self.top.handle_event(event)

    def _update(self) -> None:
        gc_policy.run_due()  # a collection a card asked for, now that the card is up
        if self.top is not None:
            self.top.update()

    def _draw(self, alpha: float) -> None:
        # Overlays (pause, cards) draw the scene beneath them first.
        start = len(self.scenes) - 1
        while start > 0 and self.scenes[start].overlay:
            start -= 1
        for scene in self.scenes[start:]:
            scene.draw(self.screen, alpha)

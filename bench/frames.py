"""`aynik bench`'s rows that play the real play scene: frames, the real frame, the loop reset.

Owns three measurements, each in a headless App at 1280x720 running the real PlayScene, its update
and draw timed as the App runs them:
- `bench_frames`: the shipped route played by the route bot over the whole campaign (every card,
  recap, map change, the shaft beat and the staged blast included), every frame and every pause
  of Python's garbage collector: median, 99th percentile, worst frame, longest collection; and
  the loading before its first frame, apart. The bot's own thinking stands in for a player's
  hands and is left out of each frame (its longest is shown apart).
- `bench_real_frame`: one fight at its thickest. After a few earlier days on the map (their
  ghosts on the sand), a crowd of hunting Mimics is added around Cage and a bot fires into it, so
  the frame has everything a frame can have: events observed, effects, decals, the hurt flash,
  the HUD, notices, the split timer, ghosts. The bot stands in for a player's input, so its own
  time is left out of the frame. Each frame is followed by the floor: one blit of a whole
  1280x720 surface, timed in the same run (no frame can cost less). It is blitted onto a
  surface of its own, not the screen: SDL copies a whole aligned surface with stores that go
  around the cache, and onto the screen they would put out of the cache the very pixels the
  next frame draws on (0.75 ms more for that frame, work no player's frame does, and 0.25 ms
  more for the floor itself, which a frame of its own alone would not pay either).
- `bench_reset`: the loop reset as the player gets it: the frame in which Cage's death gives way
  to the new day (the sim's rebuild, the scene's new-day path with its recap, card and save, and
  the frame's draw), the frame after it (the card's first, with the full collection the new day
  asked for), and how long after it the save is on the disk (its own thread writes it).
Everything runs under a temporary AYNIK_HOME: the player's saves and settings are never read or
written. Measures; never judges. Imports the game whole (it plays it).
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench.stats import percentile, summary

ROUTE = Path(__file__).resolve().parents[1] / "tests" / "data" / "campaign.route"
MAX_FRAMES = 60 * 60 * 10  # ten minutes of frames at the most


@contextlib.contextmanager
def collections_timed() -> Iterator[list[tuple[float, bool]]]:
    """Every pause of Python's garbage collector while the block runs, as it happens: (its
    milliseconds, whether it was the game's policy settling behind a card)."""
    from game import gc_policy

    seen: list[tuple[float, bool]] = []
    started: list[float] = []

    def watch(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(time.perf_counter())
        elif started:
            seen.append(((time.perf_counter() - started.pop()) * 1000, gc_policy.settling))

    gc.callbacks.append(watch)
    try:
        yield seen
    finally:
        gc.callbacks.remove(watch)


def _settled(seen: list[tuple[float, bool]]) -> float:
    """The milliseconds of the policy's own settles among `seen` collections."""
    return sum(took for took, settling in seen if settling)


def bench_frames(route: Path = ROUTE, limit: int = MAX_FRAMES, policy: bool = True) -> dict:
    """`policy`: with the game's collector policy (as it plays), or Python's defaults (the
    reference the same run compares it with)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game import gc_policy
    from game.app import App, AppOptions
    from game.scenes.play import PlayScene

    if not route.is_file():
        return {"skipped": f"{route} is not there (a source checkout has it)"}
    app = App(AppOptions(frames=limit, record=False))
    preload = app.audio.preload()  # as the real game does behind the title screen
    if preload is not None:
        preload.join()
    # The loading, before the first frame: the maps read, the first day built, and what the
    # first frame would make on first sight made (PlayScene.enter). A player sees it as the title
    # held for that long after choosing; it is shown beside the frames, never hidden in them.
    start = time.perf_counter()
    play = PlayScene(app, "beachhead", bot=f"route:{route}")
    app.push(play)
    load_ms = (time.perf_counter() - start) * 1000
    # The route bot stands in for the player's hands: its own thinking (a path search when it
    # sets off somewhere: up to 15 ms) is no work a player's machine does, so each frame is
    # timed without it, as the real frame's is, and the bot's longest is shown apart.
    bot = _TimedBot(play.bot)
    play.bot = bot
    if policy:
        gc_policy.start()  # as App.run does once the first scene is up
    frames: list[float] = []
    bot_frames: list[float] = []
    try:
        with collections_timed() as seen:
            for _ in range(limit):
                spent = bot.spent
                start = time.perf_counter()
                app._update()
                app._draw(1.0)
                took = bot.spent - spent
                frames.append((time.perf_counter() - start - took) * 1000)
                bot_frames.append(took * 1000)
                if play.run.completed and play not in app.scenes:
                    break  # the blast has played out: the ending has replaced the play scene
    finally:
        gc_policy.stop()
        pygame.quit()
    pauses = [took for took, settling in seen if not settling]  # where they liked: mid-fight?
    settles = [took for took, settling in seen if settling]  # the policy's own, behind a card
    return {
        "frames": len(frames),
        "completed": play.run.completed,
        "p50_ms": statistics.median(frames),
        "p99_ms": percentile(frames, 0.99),
        "max_ms": max(frames),
        "gc_max_ms": max(pauses, default=0.0),
        "settle_max_ms": max(settles, default=0.0),
        "over_16_7": sum(1 for f in frames if f > 1000 / 60),
        "load_ms": load_ms,
        "bot_max_ms": max(bot_frames, default=0.0),
    }


class _TimedBot:
    """A bot that keeps in `spent` the seconds its frames took (see bench_frames)."""

    def __init__(self, bot) -> None:
        self.bot = bot
        self.spent = 0.0

    def next_frame(self, run):
        start = time.perf_counter()
        try:
            return self.bot.next_frame(run)
        finally:
            self.spent += time.perf_counter() - start

    def observe(self, events: list) -> None:
        start = time.perf_counter()
        try:
            self.bot.observe(events)
        finally:
            self.spent += time.perf_counter() - start

    def __getattr__(self, name: str):
        return getattr(self.bot, name)


SCREEN = (1280, 720)
REAL_CROWD = 200  # Mimics hunting Cage in the real frame's fight (all of them on screen)
REAL_FRAMES = 600  # ten seconds of the fight, timed
REAL_WARMUP = 120  # frames before the timing: first sight of each rotation and glyph
GHOST_DAYS = 3  # earlier days on the map before the fight: their paths are the ghosts
GHOST_DAY_TICKS = 150  # each of them a short walk, then the day is reset
RESET_CYCLES = 8  # deaths timed by the reset bench
RESET_CROWD = 60  # enough hunting Mimics to kill him within a few seconds
FRAME_GUARD = 4000  # frames any single wait of these benches may take at the most


@contextlib.contextmanager
def scratch_home() -> Iterator[Path]:
    """AYNIK_HOME in a temporary folder for the length of a bench (saves, settings, replays)."""
    old = os.environ.get("AYNIK_HOME")
    with tempfile.TemporaryDirectory(prefix="aynik-bench-") as folder:
        os.environ["AYNIK_HOME"] = folder
        try:
            yield Path(folder)
        finally:
            if old is None:
                os.environ.pop("AYNIK_HOME", None)
            else:
                os.environ["AYNIK_HOME"] = old


class HunterBot:
    """Fires at the nearest Mimic without a pause, reloads when dry, and strafes round a square
    so the camera keeps moving; skips the death beat. Deterministic (no randomness at all).

    It stands in for a player's input, which costs next to nothing: it picks its target afresh
    only every few ticks, and keeps in `spent` the seconds its frames took, which the frame
    bench leaves out of the frame."""

    RETARGET = 6  # ticks between looks for the nearest Mimic

    def __init__(self, fire: bool = True) -> None:
        self.fire = fire
        self.ticks = 0
        self.target = None
        self.spent = 0.0

    def next_frame(self, run):
        start = time.perf_counter()
        try:
            return self._next_frame(run)
        finally:
            self.spent += time.perf_counter() - start

    def _next_frame(self, run):
        from game.sim import inputs
        from game.sim.mimic import BURROWED

        world = run.world
        cage = world.cage
        self.ticks += 1
        if cage.dead:
            return inputs.InputFrame(buttons=inputs.SKIP)
        cx, cy = cage.position
        target = self.target
        if self.ticks % self.RETARGET == 0 or target is None or not target.alive:
            best, target = 700.0**2, None
            for m in world.mimics:
                if m.state == BURROWED or not m.alive:
                    continue
                mx, my = m.position
                d = (mx - cx) ** 2 + (my - cy) ** 2
                if d < best:
                    best, target = d, m
            self.target = target
        side = (self.ticks // 90) % 4  # a quarter of the square every 1.5 s
        move = ((90, 0), (0, 90), (-90, 0), (0, -90))[side]
        aim = cage.aim
        if target is not None:
            mx, my = target.position
            aim = inputs.quantize_aim(math.atan2(my - cy, mx - cx))
        buttons = inputs.FIRE if self.fire and target is not None else 0
        if cage.ammo == 0:
            buttons |= inputs.RELOAD
        return inputs.InputFrame(move[0], move[1], aim, buttons)

    def observe(self, events: list) -> None:
        pass


def _play_app(persist: bool):
    """A headless App with a play scene on a looping day (Loop 1 of a run), its input from a
    HunterBot, and the collector policy the game plays with."""
    from game import gc_policy
    from game.app import App, AppOptions
    from game.scenes.play import PlayScene
    from game.sim.memory import Memory

    app = App(AppOptions(record=False))
    app.settings.timer_mode = "splits"  # the fullest timer: the splits and the run's clocks
    play = PlayScene(app, "beachhead", memory=Memory(loop=1), persist=persist)
    # The bot is the scene's input (as `--bot` would make it), given after the scene is built
    # so the day itself is a player's: no bot route, no bot timings on its cards.
    play.bot = HunterBot()
    app.push(play)
    gc_policy.start()
    return app, play


def _frame(app, alpha: float = 1.0) -> None:
    """One frame as App.run makes it: the events, the update, the draw (no flip: the driver's)."""
    import pygame

    for event in pygame.event.get():
        app._handle(event)
    app._update()
    app._draw(alpha)


def _until_playing(app, play) -> None:
    """Play frames until the cards and recaps over the play scene are gone."""
    for _ in range(FRAME_GUARD):
        if app.top is play:
            return
        _frame(app)
    raise RuntimeError("the play scene never came back from its cards")


def bench_real_frame(crowd: int = REAL_CROWD, frames: int = REAL_FRAMES) -> dict:
    """The play scene's real frame in a fight with `crowd` hunting Mimics, next to the floor (one
    whole-screen blit) timed after each frame. Milliseconds: median, p99, IQR of each."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from bench.figures import hunt
    from game import gc_policy

    with scratch_home():
        app, play = _play_app(persist=False)
        try:
            screen = app.screen
            if screen.get_size() != SCREEN:
                return {"skipped": f"the window is {screen.get_size()}, not {SCREEN}"}
            _until_playing(app, play)
            # Earlier days on this map: a short walk each, then the day is reset at will.
            play.bot.fire = False
            for _ in range(GHOST_DAYS):
                for _ in range(GHOST_DAY_TICKS):
                    _frame(app)
                play.request_reset()
                _frame(app)
                _until_playing(app, play)
            bot = play.bot
            bot.fire = True
            world = play.run.world
            world.cage.integrity = 10**9  # he must survive the whole measurement
            hunt(world, crowd)
            floor = pygame.Surface(SCREEN).convert(screen)
            floor.fill((40, 60, 80))
            floor_target = pygame.Surface(SCREEN).convert(screen)  # (see the module's note)
            notices = play.notices
            for _ in range(REAL_WARMUP):
                _frame(app)
            # A fight long after the map's start: its art made (a slice a frame since the map's
            # first frame, what is left of it now), the collector settled as behind a card.
            play.view.warm()
            gc_policy.settle()
            real, floor_ms, draws = [], [], []
            clock = time.perf_counter
            for i in range(frames):
                if i % 300 == 0:  # a toast and a line of dialogue on screen, as fights have
                    notices.hint("THE SAME MORNING", "They come out of the sand at the seawall.")
                    notices.say("Rita: On your feet, maggot. Again.")
                alpha = ((i % 4) + 1) / 4  # the renderer's fractions between ticks
                spent = bot.spent
                start = clock()
                _frame(app, alpha)
                mid = clock()
                floor_target.blit(floor, (0, 0))
                end = clock()
                real.append((mid - start - (bot.spent - spent)) * 1000)  # less the stand-in input
                floor_ms.append((end - mid) * 1000)
            # The draw alone, the sim standing still: how the frame splits.
            for i in range(min(frames, 200)):
                start = clock()
                app._draw(((i % 4) + 1) / 4)
                draws.append((clock() - start) * 1000)
            result = {
                "crowd": crowd,
                "alive": sum(1 for m in play.run.world.mimics if m.alive),
                "on_top": app.top is play,
                "decals": play.view.effects.decals,
                "ghosts": len(play.view.ghosts),
                "real": summary(real),
                "floor": summary(floor_ms),
                "draw": summary(draws),
            }
        finally:
            gc_policy.stop()
            for scene in reversed(app.scenes):
                scene.leave()
            pygame.quit()
    return result


def bench_reset(cycles: int = RESET_CYCLES) -> dict:
    """The frame in which a death becomes the new day, `cycles` times: the sim's reset and the
    scene's whole new-day path (recap, card, the save handed to its writer), and that frame's draw
    (the recap's first). Also its update alone; the frame after it (the card's first, which runs
    the full collection the new day asked for) and that collection's own part, in whichever of the
    two frames it ran; and how long after the reset frame the save is on disk (its thread writes
    it: no frame waits)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from bench.figures import hunt
    from game import gc_policy

    resets: list[float] = []
    updates: list[float] = []  # the frame's update alone: the day's end and the new day's start
    nexts: list[float] = []  # the frame after it (the card's first)
    settles: list[float] = []
    writes: list[float] = []

    with scratch_home():
        app, play = _play_app(persist=True)
        play.bot.fire = False  # he stands and takes it: each day ends in a death, soon
        try:
            with collections_timed() as seen:
                _until_playing(app, play)
                clock = time.perf_counter
                for _ in range(cycles):
                    world = play.run.world
                    hunt(world, RESET_CROWD)
                    for _ in range(FRAME_GUARD):
                        seen.clear()  # each frame's own collections
                        start = clock()
                        for event in pygame.event.get():
                            app._handle(event)
                        app._update()
                        mid = clock()
                        app._draw(1.0)
                        took = (clock() - start) * 1000
                        if play.run.world is not world:
                            break  # this frame began the new day
                    else:
                        raise RuntimeError("Cage did not die in the reset bench")
                    resets.append(took)
                    updates.append((mid - start) * 1000)
                    settled = _settled(seen)
                    if play.saver is not None:
                        start = clock()
                        play.saver.flush()
                        writes.append((clock() - start) * 1000)
                    # The next frame: the card's first, where the collection the new day asked
                    # for runs (gc_policy.settle_soon), the card still over the old day's end.
                    seen.clear()
                    start = clock()
                    _frame(app)
                    nexts.append((clock() - start) * 1000)
                    settles.append(settled + _settled(seen))
                    _until_playing(app, play)
        finally:
            gc_policy.stop()
            for scene in reversed(app.scenes):
                scene.leave()
            pygame.quit()
    return {
        "cycles": len(resets),
        "reset": summary(resets),
        "update": summary(updates),
        "next": summary(nexts),
        "settle": summary(settles),
        "save_write": summary(writes) if writes else None,
    }

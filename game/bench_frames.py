"""`aynik bench`'s frame-time row: the real play scene, frame by frame, over the whole campaign.

Owns one measurement: the shipped route played by the route bot in the real PlayScene of a
headless App (1280x720, every card, recap, map change, the shaft beat and the staged blast
included), timing each frame's update and draw as the App runs them, and every pause of Python's
garbage collector. It reports the median, the 99th percentile and the worst frame, and the
longest collection. Measures; never judges. Imports the game whole (it plays it).
"""

from __future__ import annotations

import gc
import os
import statistics
import time
from pathlib import Path

ROUTE = Path(__file__).resolve().parents[1] / "tests" / "data" / "campaign.route"
MAX_FRAMES = 60 * 60 * 10  # ten minutes of frames at the most


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
    play = PlayScene(app, "beachhead", bot=f"route:{route}")
    app.push(play)
    if policy:
        gc_policy.start()  # as App.run does once the first scene is up
    pauses: list[float] = []  # collections that fell where they liked: mid-fight, maybe
    settles: list[float] = []  # the policy's own, behind a card
    started: list[float] = []

    def watch(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(time.perf_counter())
        elif started:
            took = (time.perf_counter() - started.pop()) * 1000
            (settles if gc_policy.settling else pauses).append(took)

    gc.callbacks.append(watch)
    frames: list[float] = []
    try:
        for _ in range(limit):
            start = time.perf_counter()
            app._update()
            app._draw(1.0)
            frames.append((time.perf_counter() - start) * 1000)
            if play.run.completed and play not in app.scenes:
                break  # the blast has played out: the ending has replaced the play scene
    finally:
        gc.callbacks.remove(watch)
        gc_policy.stop()
        pygame.quit()
    ordered = sorted(frames)
    return {
        "frames": len(frames),
        "completed": play.run.completed,
        "p50_ms": statistics.median(frames),
        "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
        "max_ms": ordered[-1],
        "gc_max_ms": max(pauses, default=0.0),
        "settle_max_ms": max(settles, default=0.0),
        "over_16_7": sum(1 for f in frames if f > 1000 / 60),
    }

"""`aynik bench`: the performance table. Measures; never judges (no pass/fail here).

Owns the benchmark scenarios: the simulation's milliseconds per tick with 50, 200 and 400 active
drones on the beachhead next to the raw pymunk step of the same bodies; the cost of rebuilding the
day next to a cold load of the level; the real play scene's frames over the whole campaign
(game.bench_frames); and the renderer's milliseconds per frame next to pyscroll.
"""

from __future__ import annotations

import os
import statistics
import time

from game import tuning as T
from game.level.campaign import resolve_level
from game.level.data import LevelData
from game.level.loader import load_level
from game.sim import inputs
from game.sim.mimic import CIRCLING, KINDS
from game.sim.world import World

WARMUP_TICKS = 60
MEASURE_TICKS = 600


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def _open_positions(level: LevelData, around: tuple[float, float], count: int):
    """`count` walkable tile centres spiralling out from `around` (deterministic)."""
    blocked = set()
    for rect in (*level.solid_rects, *level.water_rects):
        for ty in range(int(rect.y // 32), int((rect.y + rect.height) // 32)):
            for tx in range(int(rect.x // 32), int((rect.x + rect.width) // 32)):
                blocked.add((tx, ty))
    cx, cy = int(around[0] // 32), int(around[1] // 32)
    positions = []
    radius = 3
    while len(positions) < count and radius < 200:
        for ty in range(cy - radius, cy + radius + 1):
            for tx in range(cx - radius, cx + radius + 1):
                if max(abs(tx - cx), abs(ty - cy)) != radius or (tx, ty) in blocked:
                    continue
                if 1 <= tx < level.width - 1 and 1 <= ty < level.height - 1:
                    positions.append((tx * 32 + 16.0, ty * 32 + 16.0))
                if len(positions) == count:
                    return positions
        radius += 1
    return positions


# The crowd's kinds, in turn: drones with spitters, carapaces and mites among them.
CROWD_KINDS = ("drone", "drone", "spitter", "carapace", "mite")


def crowd_world(level: LevelData, drones: int, seed: int = 1) -> World:
    """A day on `level` with `drones` Mimics (of several kinds) already out of the sand, aware
    of Cage and hunting him, registered as the day registers its own (contacts and all)."""
    world = World(level, seed)
    world.cage.integrity = 10**9  # he must survive the whole measurement
    for i, (x, y) in enumerate(_open_positions(level, world.cage.position, drones)):
        kind = KINDS[CROWD_KINDS[i % len(CROWD_KINDS)]]
        mimic = world.mimic_system.add(world, kind, x, y, False)
        mimic.state, mimic.timer, mimic.aware = CIRCLING, 30 + i % 90, True
    return world


def bench_sim(level: LevelData, drones: int) -> dict:
    """Milliseconds per tick of a hunting crowd, and pymunk's own step timed inside those same
    ticks (the reference the tick is compared with)."""
    world = crowd_world(level, drones)
    frame = inputs.InputFrame(aim=0, buttons=inputs.FIRE)
    for _ in range(WARMUP_TICKS):
        world.step(frame)
    space, inner = world.space, []
    real_step = space.step

    def timed_step(dt: float) -> None:
        start = time.perf_counter()
        real_step(dt)
        inner.append((time.perf_counter() - start) * 1000)

    space.step = timed_step
    tick_ms = []
    try:
        for _ in range(MEASURE_TICKS):
            start = time.perf_counter()
            world.step(frame)
            tick_ms.append((time.perf_counter() - start) * 1000)
    finally:
        space.step = real_step
    return {
        "drones": drones,
        "active": world.active_mimics(),
        "tick_median": statistics.median(tick_ms),
        "tick_p99": _percentile(tick_ms, 0.99),
        "space_median": statistics.median(inner),
        "space_p99": _percentile(inner, 0.99),
    }


def bench_reset(level_path) -> dict:
    """The loop reset (a new World from LevelData) next to a cold load of the level."""
    level = load_level(level_path)
    resets, loads = [], []
    for _ in range(30):
        start = time.perf_counter()
        World(level, 1)
        resets.append((time.perf_counter() - start) * 1000)
    for _ in range(5):
        start = time.perf_counter()
        load_level(level_path)
        loads.append((time.perf_counter() - start) * 1000)
    return {
        "reset_median": statistics.median(resets),
        "reset_max": max(resets),
        "load_median": statistics.median(loads),
    }


def bench_verify() -> dict:
    """`aynik verify` of the shipped campaign replay, the whole process, as a player runs it:
    how many times faster than the run's own in-game time."""
    import subprocess
    import sys
    from pathlib import Path

    replay = Path(__file__).resolve().parents[1] / "tests" / "data" / "campaign.aynrep"
    if not replay.is_file():
        return {"skipped": "the campaign replay ships with the source tree"}
    from game.replay.format import read_replay

    igt_seconds = read_replay(replay).end["igt_ticks"] / T.TICK_RATE
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "game", "verify", str(replay)], check=True,
                   capture_output=True)  # fmt: skip
    return {"x_realtime": igt_seconds / (time.perf_counter() - start)}


def main(as_json: bool = False) -> int:
    """The table; with `as_json`, one JSON object of the same figures (ms unless named)."""
    import json

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    path = resolve_level("beachhead")
    level = load_level(path)
    figures: dict[str, float | int] = {}
    out = [] if as_json else None

    def say(line: str = "") -> None:
        if out is None:
            print(line, flush=True)

    say(f"All You Need Is Kill bench — {path.name}, {MEASURE_TICKS} ticks per row\n")
    say("simulation, ms per tick        median     p99   | pymunk's step in those ticks  p99")
    for drones in (50, 200, 400, 1000):
        r = bench_sim(level, drones)
        figures[f"sim.{drones}.tick_ms"] = r["tick_median"]
        figures[f"sim.{drones}.tick_p99_ms"] = r["tick_p99"]
        figures[f"sim.{drones}.step_ms"] = r["space_median"]
        say(
            f"  {drones:4d} Mimics ({r['active']:4d} active) {r['tick_median']:8.3f} "
            f"{r['tick_p99']:7.3f}   |              {r['space_median']:8.3f} {r['space_p99']:7.3f}"
        )
    r = bench_reset(path)
    figures["reset.world_ms"] = r["reset_median"]
    figures["reset.cold_load_ms"] = r["load_median"]
    say(
        f"\nloop reset (new day from LevelData)  median {r['reset_median']:.2f} ms, "
        f"max {r['reset_max']:.2f} ms   |  cold level load median {r['load_median']:.1f} ms"
    )
    r = bench_verify()
    if "x_realtime" in r:
        figures["verify.x_realtime"] = r["x_realtime"]
        say(f"\nverify of the campaign replay (whole process): {r['x_realtime']:.0f}x real time")
    from game.bench_frames import bench_frames

    say("\nframes of the campaign (route bot, play scene, every card and map change)")
    say("                              frames  median    p99  worst  >16.7ms  stray gc  card gc")
    for label, policy in (("game's collector policy", True), ("Python's defaults (ref)", False)):
        r = bench_frames(policy=policy)
        if "skipped" in r:
            say(f"  {r['skipped']}")
            break
        prefix = "frames" if policy else "frames.reference"
        for key in ("p50_ms", "p99_ms", "max_ms", "gc_max_ms", "settle_max_ms", "over_16_7"):
            figures[f"{prefix}.{key}"] = r[key]
        say(
            f"  {label:26s} {r['frames']:7d} {r['p50_ms']:7.2f} {r['p99_ms']:6.2f} "
            f"{r['max_ms']:6.1f} {r['over_16_7']:8d} {r['gc_max_ms']:9.1f} "
            f"{r['settle_max_ms']:8.1f}"
        )
    try:
        from game.render.bench import bench_render
    except ImportError:
        say("\nrender: not available")
    else:
        r = bench_render()
        ours, theirs = r["worldview"], r["pyscroll"]
        figures["frame.render_ms"] = ours["median"]
        if "median" in theirs:
            figures["frame.pyscroll_ms"] = theirs["median"]
        say(f"\nrender at 1280x720, {r['sprites']} drones on screen     median     p99")
        rows = [("full frame (map, shadows, sprites, effects, HUD)", ours)]
        if "median" in theirs:
            rows += [
                ("ours: map + the same sprites (pyscroll's work)", r["worldview same work"]),
                ("pyscroll map + the same sprites (no HUD)", theirs),
                ("map only, scrolling: ours", r["worldview map only"]),
                ("map only, scrolling: pyscroll BufferedRenderer", theirs["map_only"]),
            ]
        for label, row in rows:
            say(f"  {label:48s}  {row['median']:7.3f} {row['p99']:7.3f}")
        if "median" not in theirs:
            say(f"  pyscroll: {theirs.get('skipped', 'not measured')}")
    if as_json:
        print(json.dumps(figures, sort_keys=True))
    return 0

"""`aynik bench`: the performance table. Measures; never judges (no pass/fail here).

Owns the benchmark scenarios and the table: the simulation's milliseconds per tick with 50, 200,
400 and 1000 hunting Mimics on the beachhead next to the raw pymunk step of the same bodies; the
cost of rebuilding the day next to a cold load of the level; `aynik verify` against real time (as
a player runs it, one process a core, and in one process alone, by wall clock and CPU time); the
process's start to its first title frame; the play scene's real frame, loop reset and campaign
frames (bench.frames); the renderer next to pyscroll (bench.render); and the goal
ratios the table shows those figures against. Every figure is summarised by bench.stats.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from bench.stats import percentile, summary
from game import tuning as T
from game.level.campaign import resolve_level
from game.level.data import LevelData
from game.level.loader import load_level
from game.sim import inputs
from game.sim.mimic import CIRCLING, KINDS
from game.sim.world import World

WARMUP_TICKS = 60
MEASURE_TICKS = 600


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
    hunt(world, drones)
    return world


def hunt(world: World, count: int) -> None:
    """Add `count` Mimics to `world` around Cage, out of the sand, aware of him and hunting: the
    crowd every bench row fights (the play scene's frame bench adds it to the scene's own day)."""
    for i, (x, y) in enumerate(_open_positions(world.level, world.cage.position, count)):
        kind = KINDS[CROWD_KINDS[i % len(CROWD_KINDS)]]
        mimic = world.mimic_system.add(world, kind, x, y, False)
        mimic.state, mimic.timer, mimic.aware = CIRCLING, 30 + i % 90, True


def bench_sim(level: LevelData, drones: int) -> dict:
    """Milliseconds per tick of a hunting crowd, and pymunk's own step timed inside those same
    ticks (the reference the tick is compared with). The ticks run under the collector policy
    the game plays with (game.gc_policy: the oldest generation never collects mid-fight), as on
    a player's machine; the longest collection among them is reported beside them."""
    from bench.frames import collections_timed
    from game import gc_policy

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
    gc_policy.start()
    try:
        with collections_timed() as collections:
            for _ in range(MEASURE_TICKS):
                start = time.perf_counter()
                world.step(frame)
                tick_ms.append((time.perf_counter() - start) * 1000)
    finally:
        gc_policy.stop()
        space.step = real_step
    return {
        "drones": drones,
        "active": world.active_mimics(),
        "tick_median": statistics.median(tick_ms),
        "tick_p99": percentile(tick_ms, 0.99),
        "space_median": statistics.median(inner),
        "space_p99": percentile(inner, 0.99),
        "gc_max": max((took for took, _ in collections), default=0.0),
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


VERIFY_RUNS = 3  # of each way: as a player runs it (every core) and in one process alone


def bench_verify() -> dict:
    """`aynik verify` of the shipped campaign replay, the whole process, as a player runs it (its
    days side by side, one process a core) and in one process alone (`--workers 1`), runs of the
    two alternated: how many times faster than the run's own in-game time, by the wall clock and
    by the CPU time of the process and its workers."""
    import resource
    import subprocess
    import sys

    from game.cli.headless import usable_cores

    replay = Path(__file__).resolve().parents[1] / "tests" / "data" / "campaign.aynrep"
    if not replay.is_file():
        return {"skipped": "the campaign replay ships with the source tree"}
    from game.replay.format import read_replay

    igt_seconds = read_replay(replay).end["igt_ticks"] / T.TICK_RATE
    walls: dict[str, list[float]] = {"cores": [], "one": []}
    cpus: dict[str, list[float]] = {"cores": [], "one": []}
    for _ in range(VERIFY_RUNS):
        for way, extra in (("cores", []), ("one", ["--workers", "1"])):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "game", "verify", str(replay), *extra],
                           check=True, capture_output=True)  # fmt: skip
            walls[way].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)  # its workers' time too
            cpus[way].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {
        "cores": usable_cores(),
        "x": [igt_seconds / s for s in walls["cores"]],
        "one_x": [igt_seconds / s for s in walls["one"]],
        "cpu_x": [igt_seconds / s for s in cpus["cores"]],
    }


def bytecode_current(package: Path | None = None) -> tuple[int, int]:
    """How many of the game's modules (or `package`'s, a folder of them) have bytecode a process
    can load as it is (compiled from the source as it now stands), of how many. The rest are
    compiled at every start of a process that may not write bytecode (PYTHONDONTWRITEBYTECODE
    set), and the start and verify figures then include compiling them; `make` compiles them
    ahead."""
    import importlib.util

    import game

    sources = sorted((package or Path(game.__file__).parent).rglob("*.py"))
    current = 0
    for source in sources:
        try:
            header = Path(importlib.util.cache_from_source(str(source))).read_bytes()[:16]
        except OSError:
            continue  # none
        stat = source.stat()
        current += (
            header[:4] == importlib.util.MAGIC_NUMBER
            and int.from_bytes(header[4:8], "little") == 0  # checked by the source's time
            and int.from_bytes(header[8:12], "little") == int(stat.st_mtime) & 0xFFFFFFFF
            and int.from_bytes(header[12:16], "little") == stat.st_size & 0xFFFFFFFF
        )
    return current, len(sources)


TITLE_RUNS = 5  # process starts timed for start.title_ms (the median and IQR of these)
# Run inside the child as `python -m game` runs: the first flip of the display prints the wall
# clock, so the figure ends at the first title frame and leaves the shutdown out.
_TITLE_PROBE = (
    "import os, runpy, sys, time\n"
    "os.environ.setdefault('PYGAME_HIDE_SUPPORT_PROMPT', '1')\n"
    "import pygame\n"
    "flip = pygame.display.flip\n"
    "def first(*a):\n"
    "    flip(*a)\n"
    "    if not getattr(first, 'said', False):\n"
    "        first.said = True\n"
    "        sys.stderr.write('AYNIK-FIRST-FRAME %d\\n' % time.time_ns())\n"
    "pygame.display.flip = first\n"
    "sys.argv = ['aynik', 'play', '--frames', '1']\n"
    "runpy.run_module('game', run_name='__main__', alter_sys=True)\n"
)


def bench_start_title(runs: int = TITLE_RUNS) -> dict:
    """From spawning `python -m game play --frames 1` (dummy video and audio, an empty
    AYNIK_HOME) to its first title frame on the display: the wall clock read just before the
    spawn against the one the child prints as its first flip returns. The child is the real
    program (run as `-m game` runs it) with only that print added. Also the whole process, to
    its exit, for reference."""
    import subprocess
    import sys
    import tempfile

    root = Path(__file__).resolve().parents[1]
    firsts: list[float] = []
    exits: list[float] = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="aynik-bench-") as home:
            env = {**os.environ, "AYNIK_HOME": home, "SDL_VIDEODRIVER": "dummy",
                   "SDL_AUDIODRIVER": "dummy"}  # fmt: skip
            start = time.time_ns()
            done = subprocess.run([sys.executable, "-c", _TITLE_PROBE], cwd=root, env=env,
                                  capture_output=True, text=True)  # fmt: skip
            end = time.time_ns()
        stamp = [ln for ln in done.stderr.splitlines() if ln.startswith("AYNIK-FIRST-FRAME ")]
        if done.returncode != 0 or not stamp:
            return {"skipped": f"the game did not start (exit {done.returncode})"}
        firsts.append((int(stamp[0].split()[1]) - start) / 1e6)
        exits.append((end - start) / 1e6)
    return {"title": summary(firsts), "exit": summary(exits)}


# The goals the table shows each figure against: (label, numerator, denominator, bound, sense).
# A ratio of the two figures, or the figure itself when there is no denominator. Shown, never
# judged: the bench reports; the reader decides.
GOALS = (
    ("400 tick / 400 step", "sim.400.tick_ms", "sim.400.step_ms", 3.0, "<="),
    ("1000 tick / 400 tick", "sim.1000.tick_ms", "sim.400.tick_ms", 2.7, "<="),
    ("1000 tick (ms)", "sim.1000.tick_ms", None, 10.0, "<"),
    ("real frame / floor", "frame.real_ms", "frame.floor_ms", 6.0, "<="),
    ("pyscroll / ours, same work", "frame.pyscroll_ms", "frame.same_work_ms", 1.5, ">="),
    ("cold load / reset", "reset.cold_load_ms", "reset.ms", 10.0, ">="),
    ("verify (x real time)", "verify.x_realtime", None, 200.0, ">="),
    ("verify --workers 1 (x real)", "verify.one_process_x_realtime", None, 200.0, ">="),
    ("worst frame (ms)", "frames.max_ms", None, 1000 / 60, "<="),
)


def _spread(figures: dict, key: str, row: dict) -> None:
    """`key` gets the row's median and its spread goes beside it: frame.real_ms ->
    frame.real_p99_ms and frame.real_iqr_ms; reset.ms -> reset.p99_ms and reset.iqr_ms."""
    stem = key[: -len("ms")] if key.endswith(".ms") else key[: -len("ms")].rstrip("_") + "_"
    figures[key] = row["median"]
    figures[f"{stem}p99_ms"] = row["p99"]
    figures[f"{stem}iqr_ms"] = row["iqr"]


def main(as_json: bool = False) -> int:
    """The table; with `as_json`, one JSON object of the same figures (ms unless named)."""
    import json

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    path = resolve_level("beachhead")
    level = load_level(path)
    figures: dict[str, float | int] = {}
    quiet = as_json

    def say(line: str = "") -> None:
        if not quiet:
            print(line, flush=True)

    say(f"All You Need Is Kill bench — {path.name}, {MEASURE_TICKS} ticks per row")
    say("(milliseconds; median with its p99 or interquartile range)\n")
    say(
        "simulation, ms per tick        median     p99   | pymunk's step in those ticks  p99"
        "  | longest collection"
    )
    for drones in (50, 200, 400, 1000):
        r = bench_sim(level, drones)
        figures[f"sim.{drones}.tick_ms"] = r["tick_median"]
        figures[f"sim.{drones}.tick_p99_ms"] = r["tick_p99"]
        figures[f"sim.{drones}.step_ms"] = r["space_median"]
        figures[f"sim.{drones}.step_p99_ms"] = r["space_p99"]
        figures[f"sim.{drones}.gc_max_ms"] = r["gc_max"]
        say(
            f"  {drones:4d} Mimics ({r['active']:4d} active) {r['tick_median']:8.3f} "
            f"{r['tick_p99']:7.3f}   |              {r['space_median']:8.3f} {r['space_p99']:7.3f}"
            f"  | {r['gc_max']:7.3f}"
        )
    r = bench_reset(path)
    figures["reset.world_ms"] = r["reset_median"]
    figures["reset.cold_load_ms"] = r["load_median"]
    say(
        f"\nnew World from LevelData  median {r['reset_median']:.2f} ms, "
        f"max {r['reset_max']:.2f} ms   |  cold level load median {r['load_median']:.1f} ms"
    )
    from bench.frames import bench_frames, bench_real_frame
    from bench.frames import bench_reset as bench_play_reset

    r = bench_play_reset()
    _spread(figures, "reset.ms", r["reset"])
    figures["reset.update_ms"] = r["update"]["median"]
    _spread(figures, "reset.next_frame_ms", r["next"])
    figures["reset.settle_ms"] = r["settle"]["median"]
    if r["save_write"] is not None:
        _spread(figures, "reset.save_write_ms", r["save_write"])
    say(
        f"loop reset in the play scene ({r['cycles']} deaths; the frame the new day begins in)"
        f"\n  median {r['reset']['median']:.2f} ms, p99 {r['reset']['p99']:.2f}, "
        f"IQR {r['reset']['iqr']:.2f}  (its update {r['update']['median']:.2f})"
        f"\n  the frame after it (the card's first) median {r['next']['median']:.2f} ms, "
        f"p99 {r['next']['p99']:.2f}; the full collection in the two {r['settle']['median']:.2f}; "
        + (
            f"save on disk {r['save_write']['median']:.2f} after the reset frame"
            if r["save_write"] is not None
            else "no save"
        )
    )
    current, modules = bytecode_current()
    figures["start.bytecode_current"] = current / modules if modules else 1.0
    say(
        f"\nthe game's bytecode: {current} of {modules} modules compiled ahead"
        + (
            ""
            if current == modules
            else " (a process compiles the rest at its start; `make bench` compiles them)"
        )
    )
    r = bench_verify()
    if "x" in r:
        x, one, cpu = r["x"], r["one_x"], r["cpu_x"]
        figures["verify.x_realtime"] = statistics.median(x)
        figures["verify.x_realtime_low"], figures["verify.x_realtime_high"] = min(x), max(x)
        figures["verify.one_process_x_realtime"] = statistics.median(one)
        figures["verify.cpu_x_realtime"] = statistics.median(cpu)
        figures["verify.cores"] = r["cores"]
        say(
            f"verify of the campaign replay (whole process, {VERIFY_RUNS} runs): "
            f"{statistics.median(x):.0f}x real time ({min(x):.0f}-{max(x):.0f}) on "
            f"{r['cores']} cores; {statistics.median(one):.0f}x in one process alone "
            f"({min(one):.0f}-{max(one):.0f}); by CPU time, {statistics.median(cpu):.0f}x"
        )
    r = bench_start_title()
    if "title" in r:
        _spread(figures, "start.title_ms", r["title"])
        figures["start.exit_ms"] = r["exit"]["median"]
        say(
            f"start to the first title frame ({TITLE_RUNS} runs of `python -m game play --frames"
            f" 1`, dummy drivers, empty AYNIK_HOME)\n  median {r['title']['median']:.0f} ms, "
            f"IQR {r['title']['iqr']:.0f}  (to the process's exit {r['exit']['median']:.0f})"
        )
    else:
        say(f"\nstart: {r['skipped']}")

    r = bench_real_frame()
    if "skipped" in r:
        say(f"\nreal frame: {r['skipped']}")
    else:
        _spread(figures, "frame.real_ms", r["real"])
        _spread(figures, "frame.floor_ms", r["floor"])
        figures["frame.real_draw_ms"] = r["draw"]["median"]
        say(
            f"\nthe play scene's real frame, 1280x720, {r['crowd']} Mimics hunting Cage "
            f"({r['alive']} alive at the end), {r['ghosts']} ghosts"
        )
        say("                                       median     p99     IQR")
        for label, row in (
            ("update + draw (the real frame)", r["real"]),
            ("  its draw alone (sim standing)", r["draw"]),
            ("floor: one full-screen blit", r["floor"]),
        ):
            say(f"  {label:35s} {row['median']:7.3f} {row['p99']:7.3f} {row['iqr']:7.3f}")

    say("\nframes of the campaign (route bot, play scene, every card and map change; the bot's")
    say("own thinking, the player's hands, left out of each frame and its longest shown apart)")
    say(
        "                              frames  median    p99  worst  >16.7ms  stray gc  card gc"
        "  loading  bot"
    )
    for label, policy in (("game's collector policy", True), ("Python's defaults (ref)", False)):
        r = bench_frames(policy=policy)
        if "skipped" in r:
            say(f"  {r['skipped']}")
            break
        prefix = "frames" if policy else "frames.reference"
        for key in ("p50_ms", "p99_ms", "max_ms", "gc_max_ms", "settle_max_ms", "over_16_7",
                    "load_ms", "bot_max_ms"):  # fmt: skip
            figures[f"{prefix}.{key}"] = r[key]
        say(
            f"  {label:26s} {r['frames']:7d} {r['p50_ms']:7.2f} {r['p99_ms']:6.2f} "
            f"{r['max_ms']:6.1f} {r['over_16_7']:8d} {r['gc_max_ms']:9.1f} "
            f"{r['settle_max_ms']:8.1f} {r['load_ms']:8.1f} {r['bot_max_ms']:4.1f}"
        )
    try:
        from bench.render import bench_render
    except ImportError:
        say("\nrender: not available")
    else:
        r = bench_render()
        ours, theirs = r["worldview"], r["pyscroll"]
        figures["frame.render_ms"] = ours["median"]
        _spread(figures, "frame.same_work_ms", r["worldview same work"])
        if "median" in theirs:
            _spread(figures, "frame.pyscroll_ms", theirs)
        say(f"\nrenderers alone at 1280x720, {r['sprites']} drones on screen  median     p99")
        rows = [("WorldView + HUD (map, shadows, sprites, fx)", ours)]
        rows.append(("ours: map + the same sprites (pyscroll's work)", r["worldview same work"]))
        if "median" in theirs:
            rows += [
                ("pyscroll BufferedRenderer + PyscrollGroup", theirs),
                ("map only, scrolling: ours", r["worldview map only"]),
                ("map only, scrolling: pyscroll BufferedRenderer", theirs["map_only"]),
            ]
        for label, row in rows:
            say(f"  {label:48s}  {row['median']:7.3f} {row['p99']:7.3f}")
        if "median" not in theirs:
            say(f"  pyscroll: {theirs.get('skipped', 'not measured')}")

    say("\ngoals                              figure    goal")
    for label, top, bottom, bound, sense in GOALS:
        if top not in figures or (bottom is not None and not figures.get(bottom)):
            say(f"  {label:30s}   not measured")
            continue
        value = figures[top] / figures[bottom] if bottom is not None else figures[top]
        say(f"  {label:30s} {value:9.2f}  {sense} {bound:g}")
    if as_json:
        print(json.dumps(figures, sort_keys=True))
    return 0

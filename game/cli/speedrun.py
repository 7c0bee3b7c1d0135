"""What the speedrun commands do (their arguments are game.cli.speedrun_args').

Owns `aynik splits export|show`, `aynik replays list|delete` and `aynik replay FILE --headless`:
reading the bests and writing the .lss file, listing and deleting replays, and playing a replay
back without a window, paced, driving LiveSplit, and checked as it plays (game.replay.live_check:
the first divergence ends it with exit 1). Every failure is one line on stderr naming the
file, never a traceback. Loads maps headless; no pygame display code.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from game import __version__
from game.level.atlas import load_atlas
from game.level.errors import LevelError
from game.replay import live_check
from game.replay.format import ReplayError, read_replay
from game.replay.level_refs import level_reference, resolve_reference
from game.replay.library import delete_replay, list_replays, replays_dir
from game.replay.playback import Playback
from game.speedrun.bests import Bests, bests_folder
from game.speedrun.category import ANY_PERCENT, category_from_json, classify
from game.speedrun.lss import write_lss
from game.speedrun.maps import split_plan_for_level
from game.speedrun.timefmt import format_ticks
from game.speedrun.tracker import SpeedrunTracker

EXIT_OK, EXIT_FAILED, EXIT_UNREADABLE = 0, 1, 2
TICK_RATE = 60


def run(args: argparse.Namespace) -> int:
    """Run a speedrun command (game.cli.speedrun_args decided it is one)."""
    try:
        if args.command == "splits":
            return _splits(args)
        if args.command == "replays":
            return _replays(args)
        return replay_headless(args.file, args.livesplit, args.speed, args.json)
    except _Failed as exc:
        print(f"aynik: {exc}", file=sys.stderr)
        return exc.code


class _Failed(Exception):
    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


def _load(level: str):
    try:
        return load_atlas(resolve_reference(level))
    except LevelError as exc:
        raise _Failed(str(exc)) from None


# --- splits ----------------------------------------------------------------------------------


def _bests_for(args: argparse.Namespace) -> tuple[Bests, list[str]]:
    level, atlas = _load(args.level)
    chosen = getattr(args, "category", None) or ANY_PERCENT
    category = classify(
        level_reference(level.path), args.seed, chosen=chosen, level_hash=level.content_hash
    )
    bests = Bests.load(category, __version__)
    if bests.problem:
        aside = "" if "recovered" in bests.problem else "; starting a new record"
        print(f"aynik: {bests.problem} (set aside{aside})", file=sys.stderr)
    route = split_plan_for_level(level, atlas)
    order = route.ordered(bests.order).names if bests.order else route.names
    return bests, order


def _splits(args: argparse.Namespace) -> int:
    bests, order = _bests_for(args)
    if args.splits_command == "export":
        out = Path(args.out) if args.out else bests_folder() / f"{bests.path.stem}.lss"
        try:
            write_lss(out, bests, order)
        except OSError as exc:
            raise _Failed(f"{out}: {exc.strerror or exc}") from None
        print(out)
        return EXIT_OK
    rows = []
    previous = ""
    for name in order:
        rows.append(
            {
                "name": name,
                "pb_igt_ticks": bests.pb_time(name),
                "gold_ticks": bests.gold(previous, name),
            }
        )
        previous = name
    sob = bests.sum_of_best(order)
    if args.json:
        out = {
            "category": bests.category.to_json(),
            "game_version": __version__,
            "personal_best_ticks": bests.pb_igt,
            "sum_of_best_ticks": sob,
            "attempts": bests.attempt_count,
            "splits": rows,
            "day_bests": [
                {"day": day, "loop": loop, "igt_ticks": ticks}
                for day, (loop, ticks) in sorted(bests.day_bests.items())
            ],
        }
        print(json.dumps(out, sort_keys=True))
        return EXIT_OK
    print(f"{bests.category.display(__version__)}  ({bests.attempt_count} attempts)")
    for row in rows:
        pb, gold = format_ticks(row["pb_igt_ticks"]), format_ticks(row["gold_ticks"])
        print(f"  {row['name']:<24} {pb:>12}   best segment {gold:>10}")
    print(f"  {'Personal best':<24} {format_ticks(bests.pb_igt):>12}")
    print(f"  {'Sum of best':<24} {format_ticks(sob):>12}")
    if bests.day_bests:
        print("  Per-day bests (finished runs):")
        for day, (loop, ticks) in sorted(bests.day_bests.items()):
            label = f"Loop {loop}" if loop else "Day 0"
            print(f"    {f'day {day + 1}: {label}':<22} {format_ticks(ticks):>12}")
    return EXIT_OK


# --- replays ---------------------------------------------------------------------------------


def _replays(args: argparse.Namespace) -> int:
    if args.replays_command == "list":
        infos = list_replays()
        if args.json:
            out = [
                {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(info).items()}
                for info in infos
            ]
            print(json.dumps(out, sort_keys=True))
            return EXIT_OK
        for info in infos:
            if info.problem:
                print(f"{info.name}  unreadable: {info.problem}")
                continue
            state = "completed" if info.completed else ("cut short" if info.cut_short else "")
            marks = [info.category or info.level, f"seed {info.seed}"]
            if info.practice:
                marks.append("practice")
            igt = format_ticks(info.igt_ticks) if info.igt_ticks is not None else "-"
            print(f"{info.name}  {igt}  {' · '.join(marks)}  {state}".rstrip())
        return EXIT_OK
    failed = False
    for name in args.files:
        path = Path(name)
        if not path.exists() and path.name == name:
            path = replays_dir() / name
        try:
            delete_replay(path)
            print(f"deleted {path}")
        except (ValueError, OSError) as exc:
            print(f"aynik: {exc}", file=sys.stderr)
            failed = True
    return EXIT_FAILED if failed else EXIT_OK


# --- replay --headless -----------------------------------------------------------------------


def replay_headless(
    path: str, livesplit: str | None = None, speed: float | None = None, as_json: bool = False
) -> int:
    """Play a replay back without a window (paced at `speed` times real time; by default real
    time with LiveSplit, else as fast as possible), driving LiveSplit if asked; print the route
    summary. LiveSplit is reset at the end if the run was not completed."""
    from game.speedrun.livesplit import LiveSplitClient, parse_address

    try:
        replay = read_replay(path)
    except ReplayError as exc:
        raise _Failed(str(exc), EXIT_UNREADABLE) from None
    try:
        playback = Playback(replay, clock=time.monotonic)
    except LevelError as exc:
        raise _Failed(f"{path}: its level cannot be loaded: {exc}") from None
    except ValueError as exc:
        raise _Failed(f"{path}: {exc}") from None
    # Nothing is played, printed or sent to LiveSplit for a replay that does not hold up.
    problem = live_check.preflight(replay, playback)
    if problem:
        raise _Failed(f"{path}: does not verify: {problem}")
    client = None
    if livesplit:
        try:
            client = LiveSplitClient(*parse_address(livesplit))
        except ValueError as exc:
            raise _Failed(f"--livesplit {exc}") from None
    if speed is None:
        speed = 1.0 if client is not None else 0.0
    if speed < 0:
        raise _Failed("--speed must be zero or more")
    try:
        problem = _play_back(playback, client, speed)
    except KeyboardInterrupt:
        if client is not None:
            client.reset()
            client.wait_synced(1.0)
            client.close()
        return 130
    problem = problem or live_check.at_end(replay, playback)
    if problem:
        if client is not None:
            # Stop driving LiveSplit: what it was shown is withdrawn, nothing more is sent.
            client.reset()
            client.wait_synced(1.0)
            client.close()
        raise _Failed(f"{path}: does not verify: {problem}")
    tracker = playback.tracker
    if client is not None:
        # Everything the run did reaches LiveSplit before a reset can supersede it: played back
        # as fast as possible, the splits and the end come closer together than the client sends.
        client.wait_synced(2.0)
        if not tracker.finished:
            client.reset()
            client.wait_synced(2.0)
        client.close()
    summary = tracker.summary
    summary.title = "All You Need Is Kill"
    summary.seed = replay.seed
    summary.game_version = str(replay.header.get("game_version", ""))
    category = replay.header.get("category")
    if isinstance(category, dict):
        # As the live game labels it: the category with its marks (a bot's play, practice...).
        summary.category = category_from_json(category).display()
    if as_json:
        print(summary.to_json_text(), end="")
    else:
        print(summary.to_markdown(), end="")
    return EXIT_OK


def _play_back(playback: Playback, client, speed: float) -> str | None:
    """Play the replay to its end record, checking each tick's digest before anything about the
    tick reaches LiveSplit; the first divergence stops it (returned), else None."""
    tracker: SpeedrunTracker = playback.tracker
    replay = playback.replay
    last = live_check.last_tick(replay)
    started = False
    begin = time.monotonic()
    while playback.position < last:
        stepped = playback.step()
        if stepped is None:
            break
        problem = live_check.after_tick(replay, playback)
        if problem:
            return problem
        _events, hits = stepped
        if client is not None and tracker.timer.started:
            if not started:
                started = True
                # LiveSplit's segments in the order this run splits (a personal best's .lss).
                client.start_run(playback.plan.ordered([s.name for s in replay.splits]).names)
            for hit in hits:
                split = playback.plan.get(hit.name)
                client.split(hit.igt_ticks, final=bool(split and split.final), name=hit.name)
            client.game_time(tracker.igt_ticks)
        if speed > 0:
            due = begin + playback.position / (TICK_RATE * speed)
            wait = due - time.monotonic()
            if wait > 0.002:
                time.sleep(wait)
    return None

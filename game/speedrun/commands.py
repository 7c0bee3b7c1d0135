"""The speedrun commands of the command line, for game.cli to plug in.

Owns the arguments and the behaviour of `aynik splits export|show`, `aynik replays list|delete`,
`aynik replay FILE --headless [--livesplit HOST:PORT] [--speed X] [--json]`, and the speedrun
options of `aynik play` (`--livesplit`, practice). game.cli calls `add_speedrun_commands(commands)`
once, `add_replay_options(replay_parser)` and `add_play_options(play_parser)` on its parsers, and
`run_speedrun_command(args)` first thing: an int is the exit code, None means "not mine". Every
failure is one line on stderr naming the file, never a traceback. Exit codes as game.cli's:
0 fine, 1 failed, 2 unreadable replay. No pygame.
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
from game.replay.format import ReplayError, read_replay
from game.replay.levels import level_reference, resolve_reference
from game.replay.library import delete_replay, list_replays, replays_dir
from game.replay.playback import Playback
from game.speedrun.bests import Bests, bests_folder
from game.speedrun.category import CAMPAIGN_START, classify
from game.speedrun.lss import write_lss
from game.speedrun.maps import route_for_level
from game.speedrun.practice import MAX_TRAINING
from game.speedrun.timefmt import format_ticks
from game.speedrun.tracker import SpeedrunTracker

EXIT_OK, EXIT_FAILED, EXIT_UNREADABLE = 0, 1, 2
TICK_RATE = 60


def add_speedrun_commands(commands: argparse._SubParsersAction) -> None:
    splits = commands.add_parser("splits", help="personal bests, and splits for LiveSplit")
    actions = splits.add_subparsers(dest="splits_command", required=True)
    export = actions.add_parser("export", help="write a LiveSplit .lss file with the PB")
    show = actions.add_parser("show", help="print the splits, the PB and the golds")
    for parser in (export, show):
        parser.add_argument("--level", default=CAMPAIGN_START, help="the run's starting map")
        parser.add_argument("--seed", type=int, default=0)
    export.add_argument("--out", help="the .lss file to write (default: in AYNIK_HOME/splits/)")
    show.add_argument("--json", action="store_true")

    replays = commands.add_parser("replays", help="list or delete recorded runs")
    actions = replays.add_subparsers(dest="replays_command", required=True)
    listing = actions.add_parser("list", help="every recorded run, newest first")
    listing.add_argument("--json", action="store_true")
    delete = actions.add_parser("delete", help="delete recorded runs")
    delete.add_argument("files", nargs="+", help="replay files (or names in the replays folder)")


def add_replay_options(replay: argparse.ArgumentParser) -> None:
    replay.add_argument("--headless", action="store_true", help="play it back without a window")
    replay.add_argument("--livesplit", metavar="HOST:PORT", help="drive LiveSplit (port 16834)")
    replay.add_argument(
        "--speed", type=float, help="playback speed (1 = real time; 0 = as fast as possible)"
    )
    replay.add_argument("--json", action="store_true", help="print the route summary as JSON")


def add_play_options(play: argparse.ArgumentParser) -> None:
    play.add_argument("--livesplit", metavar="HOST:PORT", help="drive LiveSplit (port 16834)")
    play.add_argument("--no-record", action="store_true", help="do not record the run")
    play.add_argument(
        "--practice-knowledge", metavar="ID,ID", help="practice: start a day knowing these"
    )
    play.add_argument("--practice-training", type=int, metavar="N", help="practice: Rita's level")
    play.add_argument("--practice-replay", metavar="FILE", help="practice from a split of this")
    play.add_argument("--practice-split", metavar="NAME", help="...at this split")


def practice_request(args: argparse.Namespace) -> dict | None:
    """The practice `aynik play` was asked for, as game.speedrun.session.start_play takes it
    (None: none). ValueError says what is wrong, in one line naming the file."""
    knowledge = getattr(args, "practice_knowledge", None)
    training = getattr(args, "practice_training", None)
    replay_path = getattr(args, "practice_replay", None)
    split = getattr(args, "practice_split", None)
    if replay_path or split:
        if not (replay_path and split):
            raise ValueError("--practice-replay and --practice-split go together")
        if knowledge is not None or training is not None:
            raise ValueError("practise from a replay's split, or with chosen knowledge: not both")
        try:
            replay = read_replay(replay_path)
        except ReplayError as exc:
            raise ValueError(str(exc)) from None
        reached = [mark.name for mark in replay.splits]
        if split not in reached:
            have = ", ".join(reached) or "none"
            raise ValueError(f"{replay_path}: the run never reaches the split {split!r} ({have})")
        return {"replay": replay_path, "split": split}
    if knowledge is None and training is None:
        return None
    level = 0 if training is None else training
    if not 0 <= level <= MAX_TRAINING:
        raise ValueError(f"--practice-training {level}: Rita's training goes from 0 to 5")
    ids = [k.strip() for k in (knowledge or "").split(",") if k.strip()]
    return {"knowledge": ids, "training_level": level}


def run_speedrun_command(args: argparse.Namespace) -> int | None:
    command = getattr(args, "command", None)
    try:
        if command == "splits":
            return _splits(args)
        if command == "replays":
            return _replays(args)
        if command == "replay" and getattr(args, "headless", False):
            return replay_headless(args.file, args.livesplit, args.speed, args.json)
    except _Failed as exc:
        print(f"aynik: {exc}", file=sys.stderr)
        return exc.code
    return None


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
    category = classify(level_reference(level.path), args.seed)
    bests = Bests.load(category, __version__)
    if bests.problem:
        print(f"aynik: {bests.problem} (set aside; starting a new record)", file=sys.stderr)
    route = route_for_level(level, atlas)
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
        }
        print(json.dumps(out, sort_keys=True))
        return EXIT_OK
    print(f"{bests.category.display(__version__)}  ({bests.attempt_count} attempts)")
    for row in rows:
        pb, gold = format_ticks(row["pb_igt_ticks"]), format_ticks(row["gold_ticks"])
        print(f"  {row['name']:<24} {pb:>12}   best segment {gold:>10}")
    print(f"  {'Personal best':<24} {format_ticks(bests.pb_igt):>12}")
    print(f"  {'Sum of best':<24} {format_ticks(sob):>12}")
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
        _play_back(playback, client, speed)
    except KeyboardInterrupt:
        if client is not None:
            client.reset()
            client.wait_synced(1.0)
            client.close()
        return 130
    tracker = playback.tracker
    if client is not None:
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
        summary.category = str(category.get("name", ""))
    if as_json:
        print(summary.to_json_text(), end="")
    else:
        print(summary.to_markdown(), end="")
    return EXIT_OK


def _play_back(playback: Playback, client, speed: float) -> None:
    tracker: SpeedrunTracker = playback.tracker
    started = False
    begin = time.monotonic()
    while True:
        stepped = playback.step()
        if stepped is None:
            break
        _events, hits = stepped
        if client is not None and tracker.timer.started:
            if not started:
                started = True
                client.start_run()
            for hit in hits:
                split = playback.route.get(hit.name)
                client.split(hit.igt_ticks, final=bool(split and split.final))
            client.game_time(tracker.igt_ticks)
        if speed > 0:
            due = begin + playback.position / (TICK_RATE * speed)
            wait = due - time.monotonic()
            if wait > 0.002:
                time.sleep(wait)

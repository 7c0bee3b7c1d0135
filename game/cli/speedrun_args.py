"""The speedrun commands of the command line, for game.cli.commands to plug in.

Owns the arguments of `aynik splits export|show`, `aynik replays list|delete`, `aynik replay FILE
--headless [--livesplit HOST:PORT] [--speed X] [--json]` and the speedrun options of `aynik play`
(`--livesplit`, `--no-record`, practice), and dispatching them. game.cli.commands calls
`add_speedrun_commands(commands)` once, `add_replay_options(replay_parser)` and
`add_play_options(play_parser)` on its parsers, and `run_speedrun_command(args)` first thing: an
int is the exit code, None means "not mine". What the commands do lives in
game.cli.speedrun, imported only when one runs, so `aynik --help` stays instant: this module
imports only argparse. Exit codes as game.cli's: 0 fine, 1 failed, 2 unreadable replay.
"""

from __future__ import annotations

import argparse

CAMPAIGN_START = "beachhead"
MAX_TRAINING = 5
# game.speedrun.category.CATEGORIES, named here so that `--help` imports nothing (a test keeps
# the two the same).
CATEGORIES = ("Any%", "All knowledge", "All training", "Low loops")


def add_speedrun_commands(commands: argparse._SubParsersAction) -> None:
    splits = commands.add_parser("splits", help="personal bests, and splits for LiveSplit")
    actions = splits.add_subparsers(dest="splits_command", required=True)
    export = actions.add_parser("export", help="write a LiveSplit .lss file with the PB")
    show = actions.add_parser("show", help="print the splits, the PB and the golds")
    for parser in (export, show):
        parser.add_argument("--level", default=CAMPAIGN_START, help="the run's starting map")
        parser.add_argument("--seed", type=int, default=0, help="the run's seed (default: 0)")
        parser.add_argument(
            "--category", choices=CATEGORIES, default=CATEGORIES[0],
            help="the campaign category whose bests to use (default: Any%%)",
        )  # fmt: skip
    export.add_argument("--out", help="the .lss file to write (default: in AYNIK_HOME/splits/)")
    show.add_argument("--json", action="store_true", help="print them as one JSON object")

    replays = commands.add_parser("replays", help="list or delete recorded runs")
    actions = replays.add_subparsers(dest="replays_command", required=True)
    listing = actions.add_parser("list", help="every recorded run, newest first")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
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
    """The practice `aynik play` was asked for, as game.replay.session.start_play takes it
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
        from game.replay.format import ReplayError, read_replay

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
    if ids:
        _check_knowledge(ids, getattr(args, "level", None) or CAMPAIGN_START)
    return {"knowledge": ids, "training_level": level}


def _check_knowledge(ids: list[str], level: str) -> None:
    """ValueError for an id no map of the run can teach, listing the ones they can. A map that
    cannot be loaded is left for the level check to report in its own words."""
    from game.level.atlas import load_atlas
    from game.level.campaign import resolve_level
    from game.level.errors import LevelError
    from game.replay.practice import check_knowledge

    try:
        _start, atlas = load_atlas(resolve_level(level))
    except (LevelError, OSError, ValueError):
        return
    try:
        check_knowledge(ids, atlas.values())
    except ValueError as exc:
        raise ValueError(f"--practice-knowledge: {exc}") from None


def play_options(args: argparse.Namespace) -> dict:
    """`aynik play`'s speedrun options, checked: {"livesplit": "HOST:PORT" or None, "record":
    bool, "practice": dict or None}, the AppOptions fields to add. ValueError says what is
    wrong."""
    livesplit = getattr(args, "livesplit", None)
    if livesplit:
        from game.speedrun.livesplit import parse_address

        try:
            parse_address(livesplit)
        except ValueError as exc:
            raise ValueError(f"--livesplit {exc}") from None
    return {
        "livesplit": livesplit or None,
        "record": not getattr(args, "no_record", False),
        "practice": practice_request(args),
    }


def run_speedrun_command(args: argparse.Namespace) -> int | None:
    command = getattr(args, "command", None)
    headless_replay = command == "replay" and getattr(args, "headless", False)
    if command not in ("splits", "replays") and not headless_replay:
        return None
    from game.cli.speedrun import run

    return run(args)

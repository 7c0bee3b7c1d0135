"""The command line: `aynik` and `python -m game`, parsed into the game's commands.

Owns argument parsing, exit codes and the one-line error messages a player sees: bad input of any
kind ends with a clear message naming the file, never a traceback. Heavy modules are imported
inside each command so `aynik sim` never opens a window and `aynik --help` is instant.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from game.cli.speedrun_args import (  # noqa: E402  (argparse only: keeps --help instant)
    add_play_options,
    add_replay_options,
    add_speedrun_commands,
    play_options,
    run_speedrun_command,
)

EXIT_OK = 0
EXIT_FAILED = 1  # a check that did not hold, or a bad argument or file
EXIT_UNREADABLE = 2  # a file that could not be read at all
EXIT_USAGE = 64  # the command line itself is wrong (BSD's EX_USAGE): argparse's 2 is taken
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports it

EXIT_CODES_EPILOG = f"""exit codes:
  {EXIT_OK:<4} done; the map, replay or run checked holds
  {EXIT_FAILED:<4} a check did not hold (invalid map, replay that diverges) or a bad value or file
  {EXIT_UNREADABLE:<4} a replay file that cannot be read at all
  {EXIT_USAGE:<4} a usage error: unknown command or option, missing or malformed argument
  {EXIT_INTERRUPTED:<4} interrupted (Ctrl-C)

AYNIK_HOME=DIR keeps saves, settings, replays and bests under DIR."""


def version() -> str:
    """The game's version as pyproject.toml gives it, read from the installed package's metadata
    (the standalone build carries that metadata too); a source tree run without installing
    falls back to game.__version__."""
    from importlib import metadata

    try:
        return metadata.version("aynik")
    except metadata.PackageNotFoundError:
        from game import __version__

        return __version__


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr and exit code EXIT_USAGE: 2 already
    means "unreadable file" for verify and replay. Subcommands' parsers are of this class too."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


class _PrintVersion(argparse.Action):
    """`--version`, looked up only when asked for: reading package metadata costs ~20 ms."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(f"aynik {version()}")  # on stdout, as argparse's own version action does
        parser.exit(EXIT_OK)


MAX_WORKERS = 64  # processes verify may check a run's days in


def _workers(text: str) -> int:
    """`--workers N`: a whole number of processes, 1 to MAX_WORKERS."""
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {MAX_WORKERS}")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="aynik",
        description="All You Need Is Kill: live, die, repeat. With no command, opens the game.",
        epilog=EXIT_CODES_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_PrintVersion, help="print the version")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = commands.add_parser("play", help="open the game (the default)")
    play.add_argument("--level", help="a campaign level name or a .tmx path: start there")
    play.add_argument("--seed", type=int, default=0, help="the day's seed (default: 0)")
    play.add_argument("--frames", type=int, help="quit after N rendered frames")
    play.add_argument("--screenshot", help="save the last frame to this PNG")
    play.add_argument("--bot", help="let a bot play: idle, random or route:FILE")
    play.add_argument("--dev", action="store_true", help="reload the map when it is saved")
    add_play_options(play)

    sim = commands.add_parser("sim", help="run the day headless")
    sim.add_argument("--level", required=True, help="a campaign level name or a .tmx path")
    sim.add_argument("--ticks", type=int, required=True, help="how many ticks to run (60 a second)")
    sim.add_argument("--seed", type=int, default=0, help="the day's seed (default: 0)")
    sim.add_argument("--bot", default="idle", help="idle, random or route:FILE")
    sim.add_argument("--record", help="write the run to this replay file")
    sim.add_argument("--json", action="store_true", help="print one JSON object")

    verify = commands.add_parser("verify", help="re-simulate a replay and check it")
    verify.add_argument("file", help="the replay file (.aynrep)")
    verify.add_argument("--json", action="store_true", help="print the verdict as one JSON object")
    verify.add_argument(
        "--workers", type=_workers, default=None, metavar="N",
        help="processes to check the run's days side by side in (default: one a core; 1: one "
        "tick after another in this process alone). The verdict is the same either way.",
    )  # fmt: skip

    replay = commands.add_parser("replay", help="watch a replay")
    replay.add_argument("file", help="the replay file (.aynrep)")
    replay.add_argument("--frames", type=int, help="quit after N rendered frames")
    replay.add_argument("--screenshot", help="save the last frame to this PNG")
    add_replay_options(replay)

    validate = commands.add_parser("validate", help="check maps")
    validate.add_argument(
        "paths", nargs="+", help="the .tmx maps, mod folders or campaign level names to check"
    )
    validate.add_argument("--json", action="store_true", help="print the problems as JSON")

    bench = commands.add_parser("bench", help="print the performance table")
    bench.add_argument("--json", action="store_true", help="one JSON object of the figures")
    from game.cli.mod_commands import add_mod_command  # argparse only

    add_mod_command(commands)
    add_speedrun_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command or "play"
    try:
        code = run_speedrun_command(args)
        if code is not None:
            return code
        if command == "sim":
            return _sim(args)
        if command == "verify":
            return _verify(args)
        if command == "validate":
            return _validate(args)
        if command == "mod":
            from game.cli.mod_commands import run_mod_command

            return run_mod_command(args)
        if command == "bench":
            return _bench(args)
        if command == "replay":
            return _replay(args)
        return _play(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our output went away (`aynik ... | head`): nothing more to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    except _ReportedError as exc:
        print(f"aynik: {exc}", file=sys.stderr)
        return exc.code


class _ReportedError(Exception):
    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


def _level_errors():
    from game.level.errors import LevelError

    return (LevelError,)


MAX_SEED = 10**15 - 1  # a seed is written into every replay, which reads back 15 digits


def _check_seed(seed: int) -> None:
    if not -MAX_SEED <= seed <= MAX_SEED:
        raise _ReportedError(f"--seed must be a whole number of at most 15 digits, not {seed}")


def _check_level(name: str) -> tuple:
    """Validate the map a command is about to run (and the maps its Exits lead to): any error is
    reported as the validator words it, one line each, and the command exits 1. Returns the
    maps it checked (the starting level and its atlas), to be run as they are, not read again."""
    from game.level.campaign import resolve_level
    from game.level.validate import checked_atlas

    try:
        errors, maps = checked_atlas(resolve_level(name))
    except _level_errors() as exc:
        raise _ReportedError(str(exc)) from None
    if errors:
        lines = [errors[0].line()] + [f"aynik: {p.line()}" for p in errors[1:]]
        raise _ReportedError("\n".join(lines))
    return maps


def _sim(args: argparse.Namespace) -> int:
    from game.cli.headless import simulate

    if args.ticks < 0:
        raise _ReportedError("--ticks must be zero or more")
    _check_seed(args.seed)
    if args.record:
        from game.replay.format import MAX_TICKS

        if args.ticks > MAX_TICKS:
            raise _ReportedError(f"--ticks {args.ticks}: a replay holds at most {MAX_TICKS} ticks")
    maps = _check_level(args.level)
    try:
        result = simulate(args.level, args.ticks, args.seed, args.bot, args.record, maps)
    except _level_errors() as exc:
        raise _ReportedError(str(exc)) from None
    except ValueError as exc:
        raise _ReportedError(str(exc)) from None
    except OSError as exc:
        raise _ReportedError(f"{exc.filename or args.record}: {exc.strerror or exc}") from None
    if args.json:
        print(json.dumps(result, sort_keys=True))
    else:
        print(
            f"{result['ticks']} ticks, loop {result['loop']}, {result['deaths']} deaths, "
            f"state {result['state_hash']}"
        )
    return EXIT_OK


def verdict_line(r: dict) -> str:
    """A verified run on one line: IGT, category and version first, then what it is."""
    from game.speedrun.timefmt import format_ticks

    if r.get("completed"):
        category = r.get("category") or "no category"
        parts = [f"valid · {format_ticks(r['igt_ticks'])} IGT · {category}"]
    else:
        parts = [f"valid · {format_ticks(r['igt_ticks'])} IGT · not finished"]
    parts.append(f"v{r.get('game_version', '?')}")
    parts.append(f"{r['loops']} loops · seed {r.get('seed', '?')}")
    if r.get("assists"):
        parts.append(f"assisted ({', '.join(r['assists'])})")
    if r.get("practice"):
        parts.append("practice")
    elif not r.get("new_save", True):
        parts.append("not from a new save")
    if r.get("player_claimed", "human") != "human":
        parts.append(f"played by {r['player_claimed']} (as recorded)")
    parts.append("official" if r.get("official") else "not official")
    return " · ".join(parts)


def _verify(args: argparse.Namespace) -> int:
    from game.cli.headless import verify
    from game.replay.format import ReplayError, read_replay

    try:
        replay = read_replay(args.file)
    except ReplayError as exc:
        raise _ReportedError(str(exc), EXIT_UNREADABLE) from None
    try:
        verdict = verify(replay, args.workers)
    except _level_errors() as exc:
        raise _ReportedError(f"{args.file}: its level cannot be loaded: {exc}") from None
    if args.json:
        out = dict(verdict.result)
        if not verdict.valid:
            out["problem"] = verdict.problem
            out["diverged_at_tick"] = verdict.diverged_at
        print(json.dumps(out, sort_keys=True))
    elif verdict.valid:
        print(f"{args.file}: {verdict_line(verdict.result)}")
    else:
        print(f"{args.file}: does not verify: {verdict.problem}")
    return EXIT_OK if verdict.valid else EXIT_FAILED


def _validate(args: argparse.Namespace) -> int:
    from game.level.validate import run

    return run(args.paths, as_json=args.json)


def _bench(args: argparse.Namespace) -> int:
    """The benchmarks live in the source tree's bench/ folder, beside the game, never in the
    wheel: run from a checkout (`make bench`), or say where they are missing."""
    from importlib import util
    from pathlib import Path

    if util.find_spec("bench") is None:
        source = Path(__file__).resolve().parents[2]
        if not (source / "bench" / "figures.py").is_file():
            print(
                "aynik bench: the benchmarks come with the game's source, not with an installed "
                "game: run `make bench` in a checkout",
                file=sys.stderr,
            )
            return EXIT_FAILED
        sys.path.insert(0, str(source))
    from bench import main as bench_main

    return bench_main(as_json=args.json)


def _play(args: argparse.Namespace) -> int:
    from game.app import App, AppOptions

    try:
        extra = play_options(args) if args.command == "play" else {}
        if getattr(args, "bot", None):
            from game.bots import make_bot

            make_bot(args.bot, 0)  # a bad bot or route file is reported before any window opens
    except ValueError as exc:
        raise _ReportedError(str(exc)) from None
    _check_seed(getattr(args, "seed", 0))
    maps = _check_level(args.level) if getattr(args, "level", None) else None
    options = AppOptions(
        level=getattr(args, "level", None),
        seed=getattr(args, "seed", 0),
        frames=getattr(args, "frames", None),
        screenshot=getattr(args, "screenshot", None),
        bot=getattr(args, "bot", None),
        dev=getattr(args, "dev", False),
        maps=maps,
        **extra,
    )
    try:
        return App(options).run()
    except _level_errors() as exc:
        raise _ReportedError(str(exc)) from None


def _replay(args: argparse.Namespace) -> int:
    from game.app import App, AppOptions
    from game.replay.format import ReplayError, read_replay

    try:
        replay = read_replay(args.file)
    except ReplayError as exc:
        raise _ReportedError(str(exc), EXIT_UNREADABLE) from None
    try:
        options = AppOptions(
            replay=replay, replay_path=args.file, frames=args.frames, screenshot=args.screenshot
        )
        return App(options).run()
    except _level_errors() as exc:
        raise _ReportedError(f"{args.file}: its level cannot be loaded: {exc}") from None

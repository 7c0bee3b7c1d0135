"""`aynik mod new NAME | check DIR | pack DIR [--out ZIP] | list`: make, check, pack and list mods.

Owns the `mod` subcommand's arguments, what each prints and its exit code (0 done, 1 a problem).
The work itself is the mods module's and the validator's; this module only words it. Works the
same from a source checkout and an installed game (the campaign's files come from
`campaign_dir`). Must not import pygame or the simulation.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import sys
import zipfile
from pathlib import Path
from typing import TextIO

from game.level.campaign import mods_dir
from game.level.problems import format_problems, sort_problems

# Files an editor or an operating system leaves behind, which a shared mod should not carry.
LEFTOVERS = ("*.tiled-session", "*~", "*.bak", ".DS_Store", "Thumbs.db", "__MACOSX")


def add_mod_command(commands: argparse._SubParsersAction) -> None:
    """The `mod` subcommand and its four actions, on the program's subcommands."""
    mod = commands.add_parser("mod", help="make, check, pack and list mods")
    actions = mod.add_subparsers(dest="mod_action", metavar="ACTION", required=True)
    new = actions.add_parser("new", help="start a mod in AYNIK_HOME/mods/NAME")
    new.add_argument("name", help="the mod's folder name: letters, digits, - and _")
    new.add_argument("--dir", help="make it in DIR/NAME instead (default: AYNIK_HOME/mods)")
    check = actions.add_parser("check", help="validate every map of a mod's folder")
    check.add_argument("folder", help="the mod's folder")
    pack = actions.add_parser("pack", help="zip a mod to share it")
    pack.add_argument("folder", help="the mod's folder")
    pack.add_argument("--out", help="the zip to write (default: <folder name>.zip here)")
    actions.add_parser("list", help="list the installed mods and whether they play")


def run_mod_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Run `aynik mod ACTION`; the exit code."""
    out = out if out is not None else sys.stdout
    action = args.mod_action
    if action == "new":
        return new(args.name, out, args.dir)
    if action == "check":
        return check(args.folder, out)
    if action == "pack":
        return pack(args.folder, args.out, out)
    return list_mods(out)


def _fail(message: str) -> int:
    print(f"aynik: {message}", file=sys.stderr)
    return 1


def new(name: str, out: TextIO, parent: str | None = None) -> int:
    from game.level.mods import STARTER_MAP, new_mod

    base = Path(os.path.abspath(parent)) if parent else mods_dir()
    try:
        folder = new_mod(name, base)
    except FileExistsError:
        return _fail(f"{base / name}: a mod of that name exists (choose another name)")
    except (ValueError, OSError) as exc:
        return _fail(str(exc))
    print(folder, file=out)
    print(
        f"open {folder / 'aynik.tiled-project'} in Tiled and edit {STARTER_MAP}; "
        f"try it with: aynik play --level {folder / STARTER_MAP}",
        file=out,
    )
    return 0


def mod_problems(folder: str | Path) -> tuple[int, list]:
    """The maps of a mod's folder checked as one mod, with its mod.json: (maps, problems)."""
    from game.level.mods import MOD_FILE, read_mod
    from game.level.validate import Validator, check_folder

    validator = Validator()
    maps = check_folder(validator, folder)
    own = []
    if (Path(folder) / MOD_FILE).is_file() or not maps:
        own = list(read_mod(folder).problems)
    from game.mod_assets import read_mod_assets  # its sprites and sounds: warnings, never errors

    art = read_mod_assets(folder).problems
    return len(maps), sort_problems([*own, *validator.problems(), *art])


def _not_a_folder(given: str) -> int:
    if Path(given).is_file() and given.lower().endswith(".zip"):
        return _fail(f"{given}: a zip, not a folder (extract it into a folder, then give that)")
    if Path(given).exists():
        return _fail(f"{given}: not a folder (give the mod's folder)")
    return _fail(f"{given}: no such folder (give the mod's folder)")


def check(folder: str, out: TextIO) -> int:
    if not Path(folder).is_dir():
        return _not_a_folder(folder)
    count, problems = mod_problems(folder)
    for line in format_problems(problems):
        print(line, file=out)
    if any(p.is_error for p in problems):
        return 1
    print(f"OK: {count} maps checked", file=out)
    return 0


def is_leftover(relative: Path) -> bool:
    """Whether a file of the mod (path relative to its folder) is an editor's or system's."""
    return any(fnmatch.fnmatch(part, pattern) for part in relative.parts for pattern in LEFTOVERS)


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"


def pack(folder: str, out_zip: str | None, out: TextIO) -> int:
    root = Path(os.path.abspath(folder))
    if not root.is_dir():
        return _not_a_folder(folder)
    target = Path(os.path.abspath(out_zip or f"{root.name}.zip"))
    _count, problems = mod_problems(root)
    errors = sum(p.is_error for p in problems)
    if errors:
        print(
            f"aynik: warning: {root} has {errors} problems; see: aynik mod check {folder}",
            file=sys.stderr,
        )
    files = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_symlink() or not path.is_file() or is_leftover(relative) or path == target:
            continue  # a link could lead out of the mod: only its own files travel
        files.append((path, relative))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for path, relative in files:
                # One top folder, the mod's name: unzipped into mods/, it is a mod at once.
                archive.write(path, f"{root.name}/{relative.as_posix()}")
    except OSError as exc:
        return _fail(f"{target}: {exc.strerror or exc}")
    print(f"{target} ({_size(target.stat().st_size)}, {len(files)} files)", file=out)
    return 0


def list_mods(out: TextIO) -> int:
    from game.level.mods import discover_mods
    from game.level.validate import check_mod

    base = mods_dir()
    mods = discover_mods()
    zips = sorted(p for p in base.glob("*.zip") if p.is_file()) if base.is_dir() else []
    if not mods and not zips:
        print(f"no mods in {base} (start one with: aynik mod new NAME)", file=out)
        return 0
    for mod in mods:
        problems = check_mod(mod)
        errors = sum(p.is_error for p in problems)
        plural = "s" if errors != 1 else ""
        state = f"{errors} problem{plural}" if errors else "playable"
        version = f" {mod.version}" if mod.version else ""
        print(f"{mod.name}: {mod.title}{version} ({state})", file=out)
    for archive in zips:
        print(
            f"{archive.name}: not extracted (extract it into a folder: {base / archive.stem})",
            file=out,
        )
    return 0

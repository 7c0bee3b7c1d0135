"""Mods: one folder per mod under `AYNIK_HOME/mods/<name>/`, holding the mod's maps, tilesets and
images, with an optional `mod.json` (`title`, `author`, `start`: the map the mod begins on).

Owns finding mods (`discover_mods`), reading a mod's folder and `mod.json` into a `Mod`,
checking a mod's maps with the validator (`check_mod`), and starting a new mod's folder
(`new_mod`; `python -m game.level.mods new NAME` / `list`). A bad `mod.json`, a missing start
map or a folder that is a link shows as a `Problem` on the mod, never as an exception. Every path
a mod names stays in its own folder (`game.level.safe`). Must not import pygame or the simulation.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from game import safe_read
from game.level.campaign import PROJECT_FILE, campaign_dir, mods_dir
from game.level.errors import LevelError
from game.level.files import confine, read_capped
from game.level.problems import ERROR, WARNING, Problem, sort_problems

MOD_FILE = "mod.json"
MOD_KEYS = ("title", "author", "start", "loop")
# How a mod's first day begins: "from-start" (Cage already has the loop: every death is a loop)
# or "day0" (the campaign's way: the loop is his only once an Alpha's blood drenches him).
LOOP_MODES = ("from-start", "day0")
DEFAULT_MOD_LOOP = "from-start"
MAX_MODS = 200
MAX_MAPS = 64  # maps looked at in one mod
MAX_MOD_FILE_BYTES = 64 * 1024


@dataclass(frozen=True)
class Mod:
    name: str  # the folder's name
    folder: Path
    title: str
    author: str = ""
    start: Path | None = None  # the map the mod begins on
    loop: str = DEFAULT_MOD_LOOP  # one of LOOP_MODES
    maps: tuple[Path, ...] = ()
    problems: tuple[Problem, ...] = ()  # from the folder and mod.json (see check_mod for maps)

    @property
    def playable(self) -> bool:
        return self.start is not None and not any(p.is_error for p in self.problems)


def discover_mods(folder: str | Path | None = None) -> list[Mod]:
    """Every mod in the mods folder (default `AYNIK_HOME/mods`), sorted by folder name. A missing
    mods folder means no mods."""
    base = Path(folder) if folder is not None else mods_dir()
    try:
        entries = sorted(base.iterdir(), key=lambda p: p.name.lower())
    except OSError:
        return []
    mods = []
    for entry in entries:
        if entry.name.startswith((".", "_")) or not entry.is_dir():
            continue
        if len(mods) >= MAX_MODS:
            break
        mods.append(read_mod(entry))
    return mods


def read_mod(folder: str | Path) -> Mod:
    """A mod's folder and mod.json as a `Mod`; whatever is wrong is in its `problems`."""
    folder = Path(os.path.abspath(folder))
    mod_file = folder / MOD_FILE
    problems: list[Problem] = []

    def problem(severity: str, message: str, fix: str = "", file: Path = mod_file) -> None:
        problems.append(Problem(str(file), None, None, "", severity, message, fix))

    if folder.is_symlink():
        problem(
            ERROR,
            "the mod's folder is a link to somewhere else",
            "copy the mod itself into the mods folder",
            folder,
        )
        return Mod(folder.name, folder, folder.name, problems=tuple(problems))
    settings = _read_settings(mod_file, problem)
    maps = _maps(folder, problem)
    start = _start(folder, settings.get("start"), maps, problem)
    return Mod(
        name=folder.name,
        folder=folder,
        title=settings.get("title") or folder.name,
        author=settings.get("author", ""),
        start=start,
        loop=_loop(settings.get("loop"), problem),
        maps=tuple(maps),
        problems=tuple(problems),
    )


def _read_settings(mod_file: Path, problem) -> dict[str, str]:
    if not mod_file.exists():
        return {}
    try:
        raw = read_capped(mod_file, MAX_MOD_FILE_BYTES, MOD_FILE, mod_file)
        data = safe_read.loads_json(raw.decode("utf-8"), MOD_FILE)
    except LevelError as exc:
        problem(ERROR, exc.message, exc.fix)
        return {}
    except UnicodeDecodeError:
        problem(ERROR, "mod.json is not UTF-8 text", "save it as UTF-8")
        return {}
    except safe_read.UnsafeInput as exc:
        problem(
            ERROR,
            f"mod.json is {exc.message}" if exc.message.startswith("not valid") else str(exc),
            'write it like {"title": "My mod", "author": "Me", "start": "first.tmx"}',
        )
        return {}
    if not isinstance(data, dict):
        problem(ERROR, "mod.json must hold one JSON object", '{"title": "...", "start": "..."}')
        return {}
    settings: dict[str, str] = {}
    for key, value in data.items():
        if key not in MOD_KEYS:
            from game.level.validate import suggest  # late: validate imports the loader

            hint = suggest(str(key), MOD_KEYS, "keys")
            problem(WARNING, f'mod.json has an unknown key "{key}", which the game ignores', hint)
        elif not isinstance(value, str):
            problem(ERROR, f'mod.json: "{key}" must be text, not {json.dumps(value)[:40]}')
        else:
            settings[key] = value.strip()
    return settings


def _loop(given: str | None, problem) -> str:
    if given is None or given in LOOP_MODES:
        return given or DEFAULT_MOD_LOOP
    problem(
        ERROR,
        f'mod.json: "loop" is "{given[:40]}", which the game does not know',
        'write "loop": "from-start" (the loop is Cage\'s from the first day) or "day0" '
        "(the campaign's way: an Alpha's blood gives it to him)",
    )
    return DEFAULT_MOD_LOOP


def loop_mode(map_path: str | Path) -> str:
    """How the first day on this map begins: "day0" for the campaign, the mod's `loop` for a
    map inside a mod (from-start unless its mod.json says otherwise), from-start for a lone map."""
    path = Path(os.path.abspath(map_path))
    campaign = Path(os.path.abspath(campaign_dir()))
    if path.is_relative_to(campaign):
        return "day0"
    for folder in path.parents:
        if (folder / MOD_FILE).is_file():
            return read_mod(folder).loop
        if folder == folder.parent or folder.name == "mods":
            break
    return DEFAULT_MOD_LOOP


def _maps(folder: Path, problem) -> list[Path]:
    maps = []
    for path in sorted(folder.rglob("*.tmx")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if len(maps) >= MAX_MAPS:
            problem(WARNING, f"more than {MAX_MAPS} maps; only the first are listed", "", folder)
            break
        maps.append(path)
    if not maps:
        problem(ERROR, "the mod has no map (.tmx file)", "save a Tiled map in this folder", folder)
    return maps


def _start(folder: Path, given: str | None, maps: list[Path], problem) -> Path | None:
    if given:
        try:
            start = confine(folder, given, folder, f"the start map {given!r}", folder / MOD_FILE)
        except LevelError as exc:
            problem(ERROR, exc.message, exc.fix)
            return None
        if start.suffix.lower() != ".tmx" or not start.is_file():
            names = ", ".join(str(p.relative_to(folder)) for p in maps[:5])
            problem(
                ERROR,
                f'the start map "{given}" does not exist',
                f"set start to one of: {names}" if names else "add the map",
            )
            return None
        return start
    if len(maps) > 1:
        problem(
            WARNING,
            f'several maps and no start in mod.json: the mod begins on "{maps[0].name}"',
            'add "start": "<map>.tmx" to mod.json',
        )
    return maps[0] if maps else None


def check_mod(mod: Mod, validator=None) -> list[Problem]:
    """The mod's own problems and the validator's for every one of its maps, errors first."""
    from game.level.validate import Validator  # late: keeps discovery free of pytmx

    validator = validator if validator is not None else Validator()
    for path in mod.maps:
        validator.validate(path)
    map_problems = [p for path in mod.maps for p in validator.validate(path)]
    return sort_problems([*mod.problems, *map_problems])


STARTER_FILES = (PROJECT_FILE, "beach.tsx", "tiles/beach.png")


def new_mod(name: str, folder: str | Path | None = None) -> Path:
    """Start a mod: `<mods>/<name>/` with the Tiled project (every class, the Validate and Play
    commands), the campaign's beach tileset and its image, and a mod.json whose start map,
    `first.tmx`, is the modder's to make. ValueError for a bad name, FileExistsError if taken."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}", name) or name.lower() in (
        "con",
        "prn",
        "aux",
        "nul",
    ):
        raise ValueError(f"{name!r}: a mod's name is letters, digits, - and _ (up to 64)")
    target = (Path(folder) if folder is not None else mods_dir()) / name
    target.mkdir(parents=True)
    for relative in STARTER_FILES:
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(campaign_dir() / relative, target / relative)
    settings = {"title": name, "author": "", "start": "first.tmx"}
    (target / MOD_FILE).write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    """`python -m game.level.mods new NAME` or `python -m game.level.mods list`."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) == 2 and args[0] == "new":
        try:
            print(new_mod(args[1]))
        except (ValueError, OSError) as exc:
            print(f"aynik: {exc}", file=sys.stderr)
            return 1
        return 0
    if args == ["list"]:
        mods = discover_mods()
        if not mods:
            print(f"no mods in {mods_dir()}")
        for mod in mods:
            problems = check_mod(mod)
            errors = sum(p.is_error for p in problems)
            state = f"{errors} errors" if errors else "ready"
            print(f"{mod.name}: {mod.title} ({state})")
            for problem in problems:
                print(f"  {problem.line()}")
        return 0
    print("usage: python -m game.level.mods new NAME | list", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())

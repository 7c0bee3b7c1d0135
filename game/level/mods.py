"""Mods: one folder per mod under `AYNIK_HOME/mods/<name>/`, holding the mod's maps, tilesets and
images, with an optional `mod.json` (`title`, `author`, `start`: the map the mod begins on, `id`,
`version`, `description`, `game_version`: the game versions it is for, and `loop`).

Owns finding mods (`discover_mods`), reading a mod's folder and `mod.json` into a `Mod`, and
starting a new mod's folder (`new_mod`); checking a mod's maps is the validator's
(`game.level.validate.check_mod`), and `aynik mod` (`game.cli.mod_commands`) words them for the
command line. A bad
`mod.json`, a missing start map or a folder that is a link shows as a `Problem` on the mod, never
as an exception. Every path a mod names stays in its own folder (`game.level.safe`). Must not
import pygame or the simulation.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from game import safe_read
from game.level.campaign import PROJECT_FILE, campaign_dir, mods_dir
from game.level.errors import LevelError
from game.level.files import confine, read_capped
from game.level.objecttypes import OBJECT_TYPES_FILE
from game.level.problems import ERROR, WARNING, Problem, suggest

MOD_FILE = "mod.json"
MOD_KEYS = (
    "id",
    "title",
    "author",
    "version",
    "description",
    "game_version",
    "start",
    "loop",
)
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
    id: str = ""  # the mod's own id (default: the folder's name)
    version: str = ""  # the mod's version, the author's to choose
    description: str = ""
    game_version: str = ""  # the game versions it is for, e.g. ">=0.1,<0.2"; empty: any
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
        id=settings.get("id") or folder.name,
        version=settings.get("version", ""),
        description=settings.get("description", ""),
        game_version=_game_version(settings.get("game_version"), mod_file, problem),
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
            hint = suggest(str(key), MOD_KEYS, "keys")
            problem(WARNING, f'mod.json has an unknown key "{key}", which the game ignores', hint)
        elif not isinstance(value, str):
            problem(ERROR, f'mod.json: "{key}" must be text, not {json.dumps(value)[:40]}')
        else:
            settings[key] = value.strip()
    return settings


def game_version() -> str:
    """This game's version, from the installed package's metadata (a source tree not installed
    falls back to `game.__version__`)."""
    from importlib import metadata

    try:
        return metadata.version("aynik")
    except metadata.PackageNotFoundError:
        from game import __version__

        return __version__


_CLAUSE = re.compile(r"\s*(>=|<=|==|!=|>|<|~=)?\s*(\d+(?:\.\d+)*)\s*")


def _numbers(text: str) -> tuple[int, ...]:
    parts = [int(p) for p in text.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()  # 0.1 == 0.1.0
    return tuple(parts)


def version_matches(spec: str, version: str) -> bool:
    """Whether `version` (dotted numbers) is in `spec`, comma-separated clauses such as
    ">=0.1,<0.2" (a bare version means ==). ValueError for a spec this cannot read."""
    have = _numbers(re.match(r"\d+(?:\.\d+)*", version).group(0)) if version[:1].isdigit() else ()
    for clause in spec.split(","):
        match = _CLAUSE.fullmatch(clause)
        if not match:
            raise ValueError(clause.strip())
        op, want = match.group(1) or "==", _numbers(match.group(2))
        ok = {
            ">=": have >= want,
            "<=": have <= want,
            ">": have > want,
            "<": have < want,
            "==": have == want,
            "!=": have != want,
            "~=": have >= want and have[: len(want) - 1] == want[: len(want) - 1],
        }[op]
        if not ok:
            return False
    return True


def _game_version(given: str | None, mod_file: Path, problem) -> str:
    if not given:
        return ""
    current = game_version()
    try:
        fits = version_matches(given, current)
    except ValueError as exc:
        problem(
            ERROR,
            f'mod.json: "game_version" {given[:40]!r} is not a version range '
            f"(at {str(exc)[:20]!r})",
            'write it like "game_version": ">=0.1,<0.2"',
        )
        return given
    if not fits:
        problem(
            ERROR,
            f"this mod is for game version {given[:40]}, and this game is version {current}",
            "get the mod's version made for this game, or a game version it is for",
        )
    return given


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


def mod_folder_of(map_path: str | Path) -> Path | None:
    """The mod a map belongs to: the nearest folder above it with a mod.json (never above a
    folder named `mods`); None for the campaign's maps and a lone map."""
    path = Path(os.path.abspath(map_path))
    if path.is_relative_to(Path(os.path.abspath(campaign_dir()))):
        return None
    for folder in path.parents:
        if (folder / MOD_FILE).is_file():
            return folder
        if folder == folder.parent or folder.name == "mods":
            break
    return None


def loop_mode(map_path: str | Path) -> str:
    """How the first day on this map begins: "day0" for the campaign, the mod's `loop` for a
    map inside a mod (from-start unless its mod.json says otherwise), from-start for a lone map."""
    path = Path(os.path.abspath(map_path))
    if path.is_relative_to(Path(os.path.abspath(campaign_dir()))):
        return "day0"
    folder = mod_folder_of(path)
    return read_mod(folder).loop if folder is not None else DEFAULT_MOD_LOOP


def _maps(folder: Path, problem) -> list[Path]:
    maps = []
    # .tmj too: a Tiled JSON map is refused by name (the validator says to save it as .tmx).
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".tmx", ".tmj")):
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


STARTER_FILES = (PROJECT_FILE, OBJECT_TYPES_FILE, "beach.tsx", "tiles/beach.png")
STARTER_MAP = "first.tmx"


def new_mod(name: str, folder: str | Path | None = None) -> Path:
    """Start a mod: `<mods>/<name>/` with the Tiled project (every class, the Validate and Play
    commands), the object types for Tiled 1.8, the campaign's beach tileset and its image, a
    first map that plays as it is, and a mod.json with every key. ValueError for a bad name,
    FileExistsError if taken."""
    from game.level.starter import starter_map

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
    (target / STARTER_MAP).write_text(starter_map(name), encoding="utf-8")
    major_minor = ".".join((game_version().split(".") + ["0"])[:2])
    major, minor = (int(part) if part.isdigit() else 0 for part in major_minor.split("."))
    settings = {
        "id": name.lower(),
        "title": name,
        "author": "",
        "version": "1.0.0",
        "description": "",
        "game_version": f">={major}.{minor},<{major}.{minor + 1}",
        "start": STARTER_MAP,
        "loop": DEFAULT_MOD_LOOP,
    }
    (target / MOD_FILE).write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
    return target

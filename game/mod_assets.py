"""A mod's own sprites and sounds, which replace the campaign's files of the same name.

Owns where they are (`mod_root`: the folder of the mod a map belongs to, and its `sprites/` and
`sounds/` folders), the contract a file must keep to be used, checked from its bytes and headers
without decoding it for play, and the problems found, each naming the file:

- a sprite sheet is `<name>.png` with `<name>.json` beside it, for a name the campaign has a sheet
  of: the JSON says the frame size and the animations (`{"frame": [W, H], "animations": {name:
  {"row", "frames", "ticks_per_frame", "loop"}}}`), the image is a whole number of frames across
  and down, every animation the campaign's sheet has is there and inside the image, and the
  files and the image are capped in size;
- a sound is `<name>.ogg` (Ogg Vorbis) or `<name>.wav` (8- or 16-bit PCM), for a name the
  campaign has a sound of, capped in bytes and in seconds.

Whatever is refused is reported as a warning (the mod still plays) and the campaign's file of that
name is used instead. Every path stays inside the mod's folder (game.level.files.confine).
Pure: must not import pygame, the scenes or the simulation; game.render.sheets and game.audio load
what passes.
"""

from __future__ import annotations

import difflib
import io
import json
import os
import struct
import wave
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from game import safe_read
from game.level.campaign import campaign_dir, mods_dir
from game.level.errors import LevelError
from game.level.files import check_png, confine, default_root, png_size, read_capped
from game.level.problems import WARNING, Problem
from game.render.assets import assets_dir
from game.sounds import SUFFIXES, effect_names

MOD_FILE = "mod.json"  # as game.level.mods names it
SPRITES = "sprites"
SOUNDS = "sounds"
MAX_FILES = 256  # files looked at in one of a mod's folders

MAX_SHEET_JSON_BYTES = 64 * 1024
MAX_SHEET_PNG_BYTES = 4 * 1024 * 1024
MAX_SHEET_SIDE = 4096  # pixels
MAX_SHEET_PIXELS = 4 * 1024 * 1024
MAX_FRAME_SIDE = 128  # the campaign's largest frame: every frame is cached in 64 rotations
MAX_ANIMATIONS = 64
MAX_FRAMES = 64  # in one animation
MAX_TICKS_PER_FRAME = 600

SOUND_SUFFIXES = SUFFIXES  # the files game.sounds reads as effects
MAX_SOUND_BYTES = 2 * 1024 * 1024
MAX_SOUND_SECONDS = 6.0  # an effect fires often; the campaign's longest runs 3.1 s
SOUND_RATES = (8000, 96000)  # Hz, the lowest and highest accepted


class AssetProblem(ValueError):
    """A mod's file breaks the contract: `message` says what is wrong, `fix` what to do."""

    def __init__(self, path: Path, message: str, fix: str = "") -> None:
        super().__init__(f"{path}: {message}")
        self.path, self.message, self.fix = path, message, fix


@dataclass(frozen=True)
class ModAssets:
    """What a mod replaces: sheet name -> the folder holding its PNG and JSON, sound name -> its
    file; and what was refused."""

    root: Path
    sheets: dict[str, Path] = field(default_factory=dict)
    sounds: dict[str, Path] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()


def warning(path: Path, message: str, fix: str = "") -> Problem:
    return Problem(str(path), None, None, "", WARNING, message, fix)


# --- where ----------------------------------------------------------------------------------


def mod_root(map_path: str | os.PathLike) -> Path | None:
    """The folder of the mod a map belongs to: the nearest folder above it with a mod.json, else
    its folder under `AYNIK_HOME/mods/`, else the map's own folder. None for the campaign's maps,
    which use the campaign's files."""
    path = Path(os.path.abspath(map_path))
    if path.is_relative_to(Path(os.path.abspath(campaign_dir()))):
        return None
    mods = Path(os.path.abspath(mods_dir()))
    for folder in path.parents:
        if (folder / MOD_FILE).is_file():
            return folder
        if folder == folder.parent or folder == mods:
            break
    return default_root(path)


def mod_assets_for(map_path: str | os.PathLike) -> ModAssets | None:
    """What the mod of this map replaces, or None for the campaign."""
    root = mod_root(map_path)
    return read_mod_assets(root) if root is not None else None


def read_mod_assets(root: str | os.PathLike) -> ModAssets:
    """Check the mod's `sprites/` and `sounds/` and say what they replace. Never raises for what
    is in them: everything wrong is a problem on the result."""
    root = Path(os.path.abspath(root))
    problems: list[Problem] = []
    sheets = _read_sheets(root, problems)
    sounds = _read_sounds(root, problems)
    return ModAssets(root, sheets, sounds, tuple(problems))


def _files(root: Path, folder: str, problems: list[Problem]) -> list[Path]:
    """The files in one of the mod's folders, each confined to the mod: a link out of it is
    refused, and so is every other file of its name (a sheet is not half replaced)."""
    try:
        where = confine(root, folder, root, f"the {folder} folder", root)
    except LevelError as exc:
        problems.append(warning(root / folder, exc.message, exc.fix))
        return []
    if not where.is_dir():
        return []
    try:
        entries = sorted(where.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        problems.append(warning(where, f"cannot be read ({exc.strerror or exc})"))
        return []
    files, refused = [], set()
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if len(files) >= MAX_FILES:
            problems.append(warning(where, f"more than {MAX_FILES} files; only the first are used"))
            break
        try:
            confine(root, f"{folder}/{entry.name}", root, f"{folder}/{entry.name}", entry)
        except LevelError as exc:
            problems.append(warning(entry, exc.message, exc.fix))
            refused.add(entry.stem)
            continue
        if entry.is_file():
            files.append(entry)
    return [path for path in files if path.stem not in refused]


def _unknown(path: Path, name: str, what: str, known: list[str]) -> Problem:
    close = difflib.get_close_matches(name, known, n=1)
    hint = f'did you mean "{close[0]}"? ' if close else ""
    return warning(
        path,
        f'replaces nothing: the game has no {what} named "{name}"',
        f"{hint}the names are {', '.join(known)}",
    )


# --- sprite sheets --------------------------------------------------------------------------


@cache
def campaign_sheets() -> dict[str, tuple[str, ...]]:
    """Every sheet of the campaign by name, with the animations it has (the ones a mod's sheet of
    that name must have too)."""
    sheets = {}
    for path in sorted((assets_dir() / SPRITES).glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        sheets[path.stem] = tuple(spec["animations"])
    return sheets


def _read_sheets(root: Path, problems: list[Problem]) -> dict[str, Path]:
    campaign = campaign_sheets()
    by_name: dict[str, set[str]] = {}
    for path in _files(root, SPRITES, problems):
        if path.suffix.lower() in (".png", ".json"):
            by_name.setdefault(path.stem, set()).add(path.suffix.lower())
    sheets = {}
    for name, suffixes in sorted(by_name.items()):
        folder = root / SPRITES
        if name not in campaign:
            path = folder / f"{name}{min(suffixes)}"
            problems.append(_unknown(path, name, "sprite sheet", sorted(campaign)))
            continue
        png, description = folder / f"{name}.png", folder / f"{name}.json"
        if suffixes != {".png", ".json"}:
            have, lacks = (png, description) if ".png" in suffixes else (description, png)
            problems.append(
                warning(
                    have,
                    f"has no {lacks.name} beside it; the game draws its own {name} instead",
                    "a sheet is a PNG and a JSON of the same name (see the campaign's)",
                )
            )
            continue
        try:
            check_sheet(png, description, campaign[name])
        except AssetProblem as exc:
            problems.append(
                warning(exc.path, f"{exc.message}; the game draws its own {name} instead", exc.fix)
            )
            continue
        sheets[name] = folder
    return sheets


def _int(value, low: int, high: int) -> int | None:
    """value if it is a whole number within [low, high] (not a bool, not text), else None."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return None
    return value


def check_sheet(png: Path, description: Path, required: tuple[str, ...]) -> dict:
    """The sheet's description (its JSON) when the PNG and JSON keep the contract; AssetProblem
    naming the file otherwise. `required`: the animations it must have."""
    try:
        raw = read_capped(description, MAX_SHEET_JSON_BYTES, "sheet description", description)
        spec = safe_read.loads_json(raw.decode("utf-8"), description.name)
    except LevelError as exc:
        raise AssetProblem(description, exc.message, exc.fix) from None
    except UnicodeDecodeError:
        raise AssetProblem(description, "is not UTF-8 text", "save it as UTF-8") from None
    except safe_read.UnsafeInput as exc:
        raise AssetProblem(description, f"is {exc.message}", "write it as the campaign's") from None
    example = '{"frame": [40, 40], "animations": {"move": {"row": 0, "frames": 4}}}'
    if not isinstance(spec, dict):
        raise AssetProblem(description, "must hold one JSON object", f"like {example}")
    frame = spec.get("frame")
    if not (
        isinstance(frame, list)
        and len(frame) == 2
        and all(_int(v, 1, MAX_FRAME_SIDE) for v in frame)
    ):
        raise AssetProblem(
            description,
            f'"frame" must be [width, height] in pixels, each 1 to {MAX_FRAME_SIDE}, not '
            f"{json.dumps(frame)[:40]}",
            f"like {example}",
        )
    fw, fh = frame
    animations = spec.get("animations")
    if not isinstance(animations, dict) or not animations:
        raise AssetProblem(description, '"animations" must be an object of animations', example)
    if len(animations) > MAX_ANIMATIONS:
        raise AssetProblem(description, f"has more than {MAX_ANIMATIONS} animations")
    missing = [name for name in required if name not in animations]
    if missing:
        raise AssetProblem(
            description,
            f"lacks the animation{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
            f"the game plays {', '.join(required)}",
        )
    width, height = _sheet_image(png)
    if width % fw or height % fh:
        raise AssetProblem(
            png,
            f"is {width}x{height} pixels, not a whole number of {fw}x{fh} frames",
            f"make it a multiple of {fw} wide and {fh} high, or change the frame in "
            f"{description.name}",
        )
    for name, entry in animations.items():
        where = f'animation "{name}"'
        if not isinstance(entry, dict):
            raise AssetProblem(description, f"{where} must be an object", f"like {example}")
        row = _int(entry.get("row"), 0, height // fh - 1)
        frames = _int(entry.get("frames", 1), 1, min(MAX_FRAMES, width // fw))
        pace = _int(entry.get("ticks_per_frame", 6), 1, MAX_TICKS_PER_FRAME)
        if row is None:
            raise AssetProblem(
                description,
                f'{where}: "row" must be a whole number from 0 to {height // fh - 1} (the '
                f"image has {height // fh} rows of frames), not {json.dumps(entry.get('row'))}",
            )
        if frames is None:
            raise AssetProblem(
                description,
                f'{where}: "frames" must be a whole number from 1 to '
                f"{min(MAX_FRAMES, width // fw)} (the image is {width // fw} frames wide), "
                f"not {json.dumps(entry.get('frames'))}",
            )
        if pace is None:
            raise AssetProblem(
                description,
                f'{where}: "ticks_per_frame" must be a whole number from 1 to '
                f"{MAX_TICKS_PER_FRAME} (60 ticks are a second)",
            )
        if not isinstance(entry.get("loop", True), bool):
            raise AssetProblem(description, f'{where}: "loop" must be true or false')
    return spec


def _sheet_image(png: Path) -> tuple[int, int]:
    """The image's size from its header, after decoding it through once (a damaged PNG is
    refused here, not on the frame that first draws it)."""
    try:
        data = read_capped(png, MAX_SHEET_PNG_BYTES, "sheet image", png)
        width, height = png_size(data, png)
        check_png(data, png)
    except LevelError as exc:
        raise AssetProblem(png, exc.message, exc.fix) from None
    if max(width, height) > MAX_SHEET_SIDE or width * height > MAX_SHEET_PIXELS:
        raise AssetProblem(
            png,
            f"is {width}x{height} pixels; a sheet is at most {MAX_SHEET_SIDE} a side and "
            f"{MAX_SHEET_PIXELS} pixels",
            "the campaign's largest sheet is 1024x128",
        )
    return width, height


# --- sounds ---------------------------------------------------------------------------------


def campaign_sounds() -> tuple[str, ...]:
    """The names of every effect the campaign has: a mod's sound must be one of them."""
    return effect_names()  # the files in assets/sounds, read in one place for the game


def _read_sounds(root: Path, problems: list[Problem]) -> dict[str, Path]:
    known = campaign_sounds()
    sounds: dict[str, Path] = {}
    for path in _files(root, SOUNDS, problems):
        name, suffix = path.stem, path.suffix.lower()
        if suffix not in SOUND_SUFFIXES:
            fix = "use Ogg Vorbis (.ogg) or WAV (.wav)"
            problems.append(warning(path, "is not a sound the game reads", fix))
            continue
        if name not in known:
            problems.append(_unknown(path, name, "sound", list(known)))
            continue
        if name in sounds:
            problems.append(warning(path, f"is not used: {sounds[name].name} replaces {name}"))
            continue
        try:
            check_sound(path)
        except AssetProblem as exc:
            problems.append(
                warning(exc.path, f"{exc.message}; the game plays its own {name}", exc.fix)
            )
            continue
        sounds[name] = path
    return sounds


def check_sound(path: Path) -> tuple[int, int, int]:
    """(rate, channels, frames) of a sound that keeps the contract; AssetProblem otherwise."""
    try:
        data = read_capped(path, MAX_SOUND_BYTES, "sound", path)
    except LevelError as exc:
        raise AssetProblem(path, exc.message, "an effect is short: a second or two") from None
    try:
        rate, channels, frames = sound_info(data)
    except ValueError as exc:
        fix = "export it as Ogg Vorbis or as 16-bit PCM WAV"
        raise AssetProblem(path, str(exc), fix) from None
    if not SOUND_RATES[0] <= rate <= SOUND_RATES[1] or channels not in (1, 2) or frames < 1:
        raise AssetProblem(
            path,
            f"is {channels} channels at {rate} Hz with {frames} samples",
            "export it mono or stereo, at 22050, 44100 or 48000 Hz",
        )
    if frames / rate > MAX_SOUND_SECONDS:
        raise AssetProblem(
            path,
            f"runs {frames / rate:.1f} s; an effect is at most {MAX_SOUND_SECONDS:g} s",
            "cut it shorter",
        )
    return rate, channels, frames


def sound_info(data: bytes) -> tuple[int, int, int]:
    """(sample rate, channels, frames) from an Ogg Vorbis or WAV file's headers; ValueError when
    the bytes are neither."""
    if data[:4] == b"OggS":
        return ogg_info(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        try:
            with wave.open(io.BytesIO(data), "rb") as w:
                if w.getsampwidth() not in (1, 2):
                    raise ValueError(f"is {8 * w.getsampwidth()}-bit WAV, not 8- or 16-bit")
                return w.getframerate(), w.getnchannels(), w.getnframes()
        except (wave.Error, EOFError, struct.error) as exc:
            raise ValueError(f"is not a WAV file the game can play ({exc})") from None
    raise ValueError("is neither Ogg Vorbis nor WAV")


def ogg_info(data: bytes) -> tuple[int, int, int]:
    """(sample rate, channels, frames) of an Ogg Vorbis stream: the identification header on its
    first page, the granule position (the samples decoded so far) of its last page."""
    if len(data) < 58 or data[4] != 0:
        raise ValueError("is not an Ogg file")
    packet = data[27 + data[26] :]
    if packet[:7] != b"\x01vorbis":
        raise ValueError("is Ogg but not Vorbis (Opus and FLAC in Ogg are not read)")
    channels, rate = packet[11], int.from_bytes(packet[12:16], "little")
    last = data.rfind(b"OggS")
    while last > 0 and (len(data) < last + 27 or data[last + 4] != 0):
        last = data.rfind(b"OggS", 0, last)  # "OggS" inside audio data, not a page
    frames = int.from_bytes(data[last + 6 : last + 14], "little", signed=True)
    if last <= 0 or frames <= 0:
        raise ValueError("is an Ogg Vorbis file without its end (cut short?)")
    return rate, channels, frames

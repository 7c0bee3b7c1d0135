"""Sprite sheets: loading `<name>.png` + `<name>.json`, animations, and cached rotations.

Owns the sheet format (`{"frame": [W, H], "animations": {name: {"row", "frames",
"ticks_per_frame", "loop"}}}`, one row per animation), picking a frame for a clock in ticks, and
the per-frame caches of rotated copies (characters are drawn facing east and turned to their
heading in `ROTATION_STEPS` steps, built once on first use, never per frame). Variants of each
rotated frame (a white silhouette for hit flashes, a translucent tinted ghost for motion trails)
are cached the same way. A bank of sheets may hold a mod's own (game.mod_assets says which pass
the contract): a mod's sheet replaces the campaign's of its name, and one pygame cannot load after
all is a problem on the bank, with the campaign's sheet drawn instead.

Must not import game.scenes or game.app, and never writes to the simulation.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Iterable
from pathlib import Path

import pygame

from game.level.problems import Problem
from game.mod_assets import ModAssets, warning
from game.render.assets import AssetError, sprites_dir

ROTATION_STEPS = 64
_STEP_RADIANS = 2.0 * math.pi / ROTATION_STEPS

# Cached variants of a rotated frame.
NORMAL = 0
WHITE = 1  # silhouette: every opaque pixel white (hit flash)
GHOST = 2  # translucent, tinted copy (motion trail)
_VARIANTS = 3

GHOST_TINT = (255, 150, 140, 120)


def rotation_step(radians: float) -> int:
    """The cached rotation step nearest to an angle (clockwise from east, screen coordinates)."""
    return round(radians / _STEP_RADIANS) % ROTATION_STEPS


# A cache entry: the surface and the offset from the sprite's centre to its top-left corner.
Entry = tuple[pygame.Surface, int, int]


class Animation:
    """One row of a sheet: its frames, its pace in sim ticks, and its rotation caches."""

    __slots__ = ("name", "frames", "ticks_per_frame", "loop", "length", "_cache", "_upright")

    def __init__(
        self, name: str, frames: list[pygame.Surface], ticks_per_frame: int, loop: bool
    ) -> None:
        self.name = name
        self.frames = frames
        self.ticks_per_frame = max(1, int(ticks_per_frame))
        self.loop = loop
        self.length = len(frames) * self.ticks_per_frame  # ticks for one pass
        # _cache[variant][frame][step] -> Entry, filled on first use.
        self._cache: list[list[list[Entry | None]]] = [
            [[None] * ROTATION_STEPS for _ in frames] for _ in range(_VARIANTS)
        ]
        self._upright: list[list[Entry | None]] = [[None] * len(frames) for _ in range(_VARIANTS)]

    def index_at(self, ticks: float) -> int:
        """The frame shown `ticks` after the animation started (looping or held on the last)."""
        i = int(ticks) // self.ticks_per_frame if ticks > 0 else 0
        n = len(self.frames)
        if self.loop:
            return i % n
        return i if i < n else n - 1

    def finished(self, ticks: float) -> bool:
        return not self.loop and ticks >= self.length

    def rotated(self, frame: int, step: int, variant: int = NORMAL) -> Entry:
        """Frame `frame` turned to rotation `step`, centred: (surface, dx, dy) to add to the
        sprite's centre to get the top-left corner."""
        row = self._cache[variant][frame]
        entry = row[step]
        if entry is None:
            entry = row[step] = centred(_variant(_rotate(self.frames[frame], step), variant))
        return entry

    def upright(self, frame: int, variant: int = NORMAL) -> Entry:
        """Frame `frame` unrotated, centred (for things that never turn: mounds, pickups, fx)."""
        row = self._upright[variant]
        entry = row[frame]
        if entry is None:
            entry = row[frame] = centred(_variant(self.frames[frame], variant))
        return entry


def _rotate(surface: pygame.Surface, step: int) -> pygame.Surface:
    if step == 0:
        return surface
    # pygame turns counter-clockwise; our angles are clockwise on screen (y points down).
    degrees = -step * (360.0 / ROTATION_STEPS)
    if step % (ROTATION_STEPS // 4) == 0:
        return pygame.transform.rotate(surface, degrees)  # exact quarter turns stay crisp
    return pygame.transform.rotozoom(surface, degrees, 1.0).convert_alpha()


def _variant(surface: pygame.Surface, variant: int) -> pygame.Surface:
    if variant == NORMAL:
        return surface
    copy = surface.copy()
    if variant == WHITE:
        copy.fill((255, 255, 255, 0), special_flags=pygame.BLEND_RGBA_MAX)
    else:
        copy.fill(GHOST_TINT, special_flags=pygame.BLEND_RGBA_MULT)
    return copy


def centred(surface: pygame.Surface) -> Entry:
    """The surface cropped to its visible pixels, with the offset that keeps it centred where the
    uncropped one was (rotation pads a frame with transparent corners: no need to blit them)."""
    w, h = surface.get_size()
    box = surface.get_bounding_rect()
    if box.width == 0 or box.height == 0:
        return (surface, -(w // 2), -(h // 2))
    if box.size != (w, h):
        surface = surface.subsurface(box).copy()
    return (surface, box.x - w // 2, box.y - h // 2)


def scaled(anim: Animation, factor: float) -> Animation:
    """A copy of an animation with every frame scaled (nearest neighbour: pixel art stays crisp).
    Build once and keep it; never per frame."""
    frames = [pygame.transform.scale_by(f, factor).convert_alpha() for f in anim.frames]
    return Animation(anim.name, frames, anim.ticks_per_frame, anim.loop)


class SpriteSheet:
    """A loaded sheet: its frame size and animations by name."""

    def __init__(self, name: str, frame_size: tuple[int, int], animations: dict[str, Animation]):
        if not animations:
            raise ValueError(f"sprite sheet {name!r} has no animations")
        self.name = name
        self.frame_size = frame_size
        self.animations = animations
        self.first = next(iter(animations.values()))

    def animation(self, name: str) -> Animation:
        """The named animation, or the sheet's first one when the sheet lacks it."""
        return self.animations.get(name, self.first)


def load_sheet(
    name: str, directory: Path | None = None, decoded: pygame.Surface | None = None
) -> SpriteSheet:
    """Load `<name>.png` and `<name>.json` from the sprites folder (needs a display mode set).
    `decoded`: the PNG already decoded (by `Decoded`), to be converted and cut only."""
    folder = directory if directory is not None else sprites_dir()
    json_path = folder / f"{name}.json"
    png_path = folder / f"{name}.png"
    for path in (json_path, png_path):
        if not path.is_file():
            raise AssetError(f"sprite sheet file missing: {path}")
    try:
        spec = json.loads(json_path.read_text(encoding="utf-8"))
        fw, fh = (int(v) for v in spec["frame"])
        entries = spec["animations"]
        if not isinstance(entries, dict):
            raise TypeError("'animations' is not an object")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AssetError(f"sprite sheet description unusable: {json_path} ({exc})") from None
    try:
        image = decoded if decoded is not None else pygame.image.load(str(png_path))
        image = image.convert_alpha()
    except (pygame.error, OSError) as exc:
        raise AssetError(f"sprite sheet image unreadable: {png_path} ({exc})") from None
    iw, ih = image.get_size()
    animations: dict[str, Animation] = {}
    for anim_name, entry in entries.items():
        try:
            row = int(entry["row"])
            count = int(entry.get("frames", 1))
            tpf = int(entry.get("ticks_per_frame", 6))
            loop = bool(entry.get("loop", True))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise AssetError(f"animation {anim_name!r} unusable in {json_path} ({exc})") from None
        if count < 1 or (row + 1) * fh > ih or count * fw > iw:
            raise AssetError(
                f"animation {anim_name!r} ({count} frames, row {row}) lies outside the "
                f"{iw}x{ih} image {png_path}"
            )
        frames = [image.subsurface((i * fw, row * fh, fw, fh)).copy() for i in range(count)]
        animations[str(anim_name)] = Animation(str(anim_name), frames, tpf, loop)
    if not animations:
        raise AssetError(f"sprite sheet has no animations: {json_path}")
    return SpriteSheet(name, (fw, fh), animations)


class Decoded:
    """Sheets' PNGs decoded ahead on a background thread: SDL decodes a PNG without holding
    Python's lock, so the game plays on meanwhile, and the frame that loads the sheet only
    converts it and cuts its frames (of a big kind's 5 ms, the decoding was 3)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._images: dict[Path, pygame.Surface] = {}
        self._pending: dict[Path, threading.Event] = {}

    def start(self, paths: Iterable[Path]) -> threading.Thread:
        """Decode `paths` on a thread of their own; returns it (a test may join it)."""
        with self._lock:
            todo = {
                path: threading.Event()
                for path in paths
                if path not in self._images and path not in self._pending
            }
            self._pending.update(todo)

        def work() -> None:
            for path, done in todo.items():
                try:
                    image = pygame.image.load(str(path))
                except Exception:  # noqa: BLE001 - any failure: the frame loads it itself,
                    image = None  # and the error it meets there names the file
                with self._lock:
                    if image is not None:
                        self._images[path] = image
                    del self._pending[path]
                done.set()

        thread = threading.Thread(target=work, name="sheet-decode", daemon=True)
        thread.start()
        return thread

    def take(self, path: Path) -> pygame.Surface | None:
        """`path` decoded (waiting for what is left of its decoding), once; None if it was not
        asked for or could not be decoded."""
        with self._lock:
            pending = self._pending.get(path)
        if pending is not None:
            pending.wait()
        with self._lock:
            return self._images.pop(path, None)


class SheetBank:
    """Sheets loaded on first use and kept: one per name for the life of the renderer.

    With `mod`, the mod's sheets (those that passed its checks) are drawn in place of the
    campaign's of the same names; `problems` holds the mod's art problems, and any sheet of it
    that fails to load after all (then the campaign's is drawn)."""

    def __init__(self, directory: Path | None = None, mod: ModAssets | None = None) -> None:
        self.directory = directory
        self.mod = mod
        self.problems: list[Problem] = list(mod.problems) if mod is not None else []
        self._sheets: dict[str, SpriteSheet] = {}
        self._decoded = Decoded()

    def preread(self, names: Iterable[str]) -> threading.Thread:
        """Decode these sheets' images ahead on a background thread (see Decoded), e.g. every
        kind of every map of a run at its loading, so no map's card waits for its decoding."""
        return self._decoded.start(
            path
            for name in names
            if name not in self._sheets and (path := self._png(name)).is_file()
        )

    def _png(self, name: str, campaign: bool = False) -> Path:
        """Where `name`'s image is: the mod's (unless `campaign`), else the bank's own folder."""
        folder = self.mod.sheets.get(name) if self.mod is not None and not campaign else None
        if folder is None:
            folder = self.directory if self.directory is not None else sprites_dir()
        return folder / f"{name}.png"

    def __getitem__(self, name: str) -> SpriteSheet:
        sheet = self._sheets.get(name)
        if sheet is None:
            sheet = self._sheets[name] = self._load(name)
        return sheet

    def _load(self, name: str) -> SpriteSheet:
        folder = self.mod.sheets.get(name) if self.mod is not None else None
        if folder is not None:
            try:
                return load_sheet(name, folder, self._decoded.take(self._png(name)))
            except (AssetError, pygame.error, MemoryError) as exc:
                # load_sheet's errors name the file and end in pygame's reason: keep the reason.
                text = str(exc)
                reason = text[text.rfind(" (") + 2 : -1] if text.endswith(")") else text
                self.problems.append(
                    warning(
                        folder / f"{name}.png",
                        f"cannot be loaded ({reason}); the game draws its own {name} instead",
                        "export it again as an 8-bit RGBA PNG",
                    )
                )
        return load_sheet(name, self.directory, self._decoded.take(self._png(name, campaign=True)))

    def load_mod_sheets(self) -> list[Problem]:
        """Load every sheet the mod replaces now (a scene's start, not a frame mid-fight), and
        return the mod's art problems."""
        if self.mod is not None:
            for name in self.mod.sheets:
                self[name]
        return self.problems

    def kind(self, name: str) -> SpriteSheet:
        """A Mimic kind's sheet; a kind a mod names without drawing it looks like a drone."""
        folder = self.directory if self.directory is not None else sprites_dir()
        modded = self.mod is not None and name in self.mod.sheets
        if name not in self._sheets and not modded and not (folder / f"{name}.png").exists():
            self._sheets[name] = self["drone"]
        return self[name]

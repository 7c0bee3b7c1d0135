"""`aynik validate`: check maps and report every problem on one line: the file, the layer and
object, what is wrong and how to fix it. Errors (the map will not work) apart from warnings (it
works, but probably not as meant).

Owns the validator's checks and their wording:
- whatever the safe pre-flight and the loader refuse (caps, paths, files, tile ids, images);
- objects: unknown classes (with the nearest known name), unknown, missing, mistyped or required
  properties and enum values, shapes, objects outside the map, duplicate ids, a `trigger` that
  must name a `Trigger`;
- the map: a `PlayerStart`, and an `Exit` reachable from it over walkable ground;
- between maps: `Exit.map` exists and is valid itself, `Exit.spawn` names a `PlayerStart` there,
  and a `Gate`'s knowledge is granted by this map, a map its Exits lead to, or (for a campaign or
  mod map) any map of the campaign or mod.

A Tiled JSON map (`.tmj`) is refused by name: pytmx reads only `.tmx`. `run` (`aynik validate`)
also takes folders, whose maps are checked as one mod (`check_folder`, knowledge pooled), and the
campaign's level names.

Entry points: `validate_paths` (structured `Problem`s), `run` (prints them, returns the exit
code), `Validator` (one session with its caches, for the mods list). Must not import pygame or the
simulation.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO
from xml.etree import ElementTree

from game.level.atlas import load_atlas
from game.level.campaign import campaign_dir, mods_dir
from game.level.data import SURFACES, LevelData
from game.level.errors import LevelError
from game.level.files import confine
from game.level.loader import ELLIPSE_SEGMENTS, load_vetted
from game.level.mods import Mod, mod_folder_of, read_mod
from game.level.music import missing_stems, not_music
from game.level.names import map_key
from game.level.problems import (
    ERROR,
    WARNING,
    Problem,
    format_problems,
    problems_json,
    sort_problems,
    suggest,
)
from game.level.reach import blocked_cells, cell_at, cells_of, reachable
from game.level.safe import VettedMap, object_groups, vet_map
from game.level.schema import REQUIRED, ClassType, Member, Schema, default_schema

TMJ_MESSAGE = "Tiled JSON maps are not supported yet: save as .tmx"
TMJ_FIX = "in Tiled, File > Save As, and choose the .tmx format"
MAX_FAMILY = 64  # maps read to learn what knowledge a map's world grants
# What the game can run (a map beyond these validates with an error, never stalls or crashes).
MAX_SPAWN_COUNT = 64  # Mimics from one MimicSpawn
MAX_MIMICS = 600  # Mimics a map's spawns can bring out in a day (the engine holds about 1,000)
REFIRES = 10  # a spawn on a Trigger that fires again is counted this many times over
DAY_SECONDS = 24 * 60 * 60  # `at` is seconds since the day began
MAX_NUMBER = 1e9  # any number property
MAX_MAP_POINTS = 65_536  # polygon points in one map
MAX_RASTER_COST = 8_000_000  # Wall and Water filling: points x tile rows, plus tiles covered
MAX_TRIGGER_POINTS = 8_192  # corners of all Triggers (each is tested every tick)
MAX_GATE_CHECKS = 16  # Gates nothing opens that are checked for blocking the way (then warnings)
MAX_ID_CHARS = 200  # a knowledge id is kept in every save and replay
ID_PROPERTIES = ("knowledge", "requires", "ambush", "field")
RESERVED = ("id", "name", "type", "class", "x", "y", "width", "height", "rotation", "gid")
RESERVED += ("visible", "template")
AREAS = ("rect", "polygon", "ellipse", "tile")
# The shapes GAME.md gives each class; a point where an area is needed is an error.
SHAPES: dict[str, tuple[str, ...]] = {
    "PlayerStart": ("point",),
    "Wall": ("rect", "polygon", "ellipse"),
    "Water": ("rect", "polygon", "ellipse"),
    "MimicSpawn": ("point", "rect"),
    "Trigger": ("rect", "polygon", "ellipse"),
    "Intel": ("point",),
    "Gate": ("rect",),
    "Rita": ("point",),
    "TrainingDrill": ("rect",),
    "Exit": ("rect",),
    "Mine": ("point",),
    "Omega": ("point",),
    "Explosive": ("point",),
    "Split": ("rect",),
}
DRILLS = "1 move, 2 reload, 3 ordnance, 4 blade, 5 trust"
OUTSIDE_ALLOWED = ("Wall", "Water")  # borders may sit just outside the map


@dataclass
class RawObject:
    """An object as the map file has it (templates merged), before any default is filled in."""

    layer: str
    id: int
    name: str
    cls: str
    shape: str  # point, rect, ellipse, polygon, polyline or tile
    x: float
    y: float
    width: float
    height: float
    points: list[tuple[float, float]] = field(default_factory=list)  # relative to x, y
    props: dict[str, str] = field(default_factory=dict)  # raw text values
    prop_types: dict[str, str] = field(default_factory=dict)  # the `type` Tiled saved

    @property
    def center(self) -> tuple[float, float]:
        if self.points:
            xs = [self.x + p[0] for p in self.points]
            ys = [self.y + p[1] for p in self.points]
            return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        return self.x + self.width / 2, self.y + self.height / 2


def read_objects(vetted: VettedMap) -> list[RawObject]:
    """Every object of every object layer, in document order, from a vetted tree."""
    found = []
    for group in object_groups(vetted.tree):
        for element in group.findall("object"):
            found.append(_raw_object(group.get("name", ""), element))
    return found


def _raw_object(layer: str, element: ElementTree.Element) -> RawObject:
    def number(name: str) -> float:
        try:
            return float(element.get(name, "0"))
        except ValueError:
            return 0.0

    width, height = number("width"), number("height")
    points: list[tuple[float, float]] = []
    if element.get("gid") is not None:
        shape = "tile"
    elif element.find("point") is not None:
        shape = "point"
    elif element.find("ellipse") is not None:
        shape = "ellipse"
    elif element.find("polygon") is not None or element.find("polyline") is not None:
        outline = element.find("polygon")
        shape = "polygon" if outline is not None else "polyline"
        outline = outline if outline is not None else element.find("polyline")
        assert outline is not None
        for pair in (outline.get("points") or "").split():
            px, py = pair.split(",")
            points.append((float(px), float(py)))
    else:
        shape = "rect" if width > 0 and height > 0 else "point"
    props: dict[str, str] = {}
    types: dict[str, str] = {}
    for prop in element.findall("properties/property"):
        name = prop.get("name", "")
        value = prop.get("value")
        props[name] = value if value is not None else (prop.text or "")
        types[name] = prop.get("type", "string")
    raw_id = element.get("id", "0").strip()
    return RawObject(
        layer=layer,
        id=int(raw_id) if raw_id.isdigit() else 0,
        name=element.get("name", ""),
        cls=element.get("type") or element.get("class") or "",
        shape=shape,
        x=number("x"),
        y=number("y"),
        width=width,
        height=height,
        points=points,
        props=props,
        prop_types=types,
    )


class Validator:
    """One validation session: every map is vetted and checked once, its problems kept by file."""

    def __init__(self, schema: Schema | None = None) -> None:
        self.schema = schema if schema is not None else default_schema()
        self.results: dict[Path, list[Problem]] = {}
        self._vetted: dict[Path, VettedMap | LevelError] = {}
        self._objects: dict[Path, list[RawObject]] = {}
        # The maps this session loaded, by `map_key`: an atlas can be made of the very maps
        # that were checked, without reading them again (`checked_atlas`).
        self.levels: dict[str, LevelData] = {}
        # Maps checked as one mod (`aynik mod check`, a folder given to validate): each counts
        # the knowledge of all the others, wherever the folder is.
        self.pool: set[Path] = set()

    # --- caches ------------------------------------------------------------------------------
    def vetted(self, path: Path) -> VettedMap | LevelError:
        if path not in self._vetted:
            try:
                self._vetted[path] = vet_map(path)
            except LevelError as exc:
                self._vetted[path] = exc
        return self._vetted[path]

    def objects(self, path: Path) -> list[RawObject] | None:
        vetted = self.vetted(path)
        if isinstance(vetted, LevelError):
            return None
        if path not in self._objects:
            self._objects[path] = read_objects(vetted)
        return self._objects[path]

    def problems(self) -> list[Problem]:
        """Every problem found so far, errors first."""
        return sort_problems(p for found in self.results.values() for p in found)

    # --- one map -----------------------------------------------------------------------------
    def validate(self, path: str | Path) -> list[Problem]:
        """The problems of one map (and, kept apart under their own files, of the maps its Exits
        lead to)."""
        map_path = Path(os.path.abspath(path))
        if map_path in self.results:
            return self.results[map_path]
        found: list[Problem] = []
        self.results[map_path] = found  # registered first: a cycle of Exits ends here
        if map_path.suffix.lower() == ".tmj":
            found.append(_file_problem(str(map_path), ERROR, TMJ_MESSAGE, TMJ_FIX))
            return found
        vetted = self.vetted(map_path)
        if isinstance(vetted, LevelError):
            found.append(_missing_image(map_path, vetted) or Problem.from_error(vetted))
            return found
        objects = self.objects(map_path) or []
        found.extend(self._check_objects(vetted, objects))
        found.extend(self._check_map(vetted, objects))
        level = None
        try:
            level = load_vetted(vetted, self.schema)
        except LevelError as exc:
            if not any(p.is_error for p in found):  # else it repeats an error already reported
                found.append(Problem.from_error(exc))
        else:
            self.levels[map_key(str(map_path))] = level
            found.extend(self._check_reach(vetted, level, objects))
            found.extend(_check_surfaces(level))
        found.extend(self._check_exits(vetted, objects))
        found.extend(self._check_gates(vetted, objects, level))
        found.extend(self._check_ambush_ids(vetted, objects))
        found[:] = list(dict.fromkeys(found))
        return found

    # --- objects -----------------------------------------------------------------------------
    def _check_objects(self, vetted: VettedMap, objects: list[RawObject]) -> list[Problem]:
        found: list[Problem] = []
        seen: set[int] = set()
        by_id = {o.id: o for o in objects}
        for obj in objects:
            if obj.id in seen:
                found.append(
                    _problem(vetted, obj, ERROR, f"the id #{obj.id} is used twice", _RESAVE)
                )
            seen.add(obj.id)
            found.extend(self._check_object(vetted, obj, by_id))
        return found

    def _check_object(
        self, vetted: VettedMap, obj: RawObject, by_id: dict[int, RawObject]
    ) -> list[Problem]:
        found: list[Problem] = []

        def add(severity: str, message: str, fix: str = "") -> None:
            found.append(_problem(vetted, obj, severity, message, fix))

        if not obj.cls:
            add(
                WARNING,
                "has no class, so the game ignores it",
                "give it a class from aynik.tiled-project, or delete it if it is only a note",
            )
            return found
        class_type = self.schema.class_type(obj.cls)
        if class_type is None:
            add(
                ERROR,
                f'unknown class "{obj.cls}"',
                suggest(obj.cls, self.schema.class_names, "classes"),
            )
            return found
        values = self._check_properties(obj, class_type, add)
        self._check_shape(vetted, obj, add)
        check = _CLASS_CHECKS.get(obj.cls)
        if check is not None:
            check(obj, values, by_id, add)
        return found

    def _check_properties(self, obj: RawObject, class_type: ClassType, add) -> dict[str, object]:
        members = [m.name for m in class_type.members]
        for name in obj.props:
            if name in RESERVED:
                add(
                    ERROR,
                    f'property "{name}" reuses the name of an object attribute',
                    "rename or delete the property",
                )
            elif class_type.member(name) is None:
                hint = suggest(name, members, f"{obj.cls} properties") if members else ""
                add(
                    WARNING,
                    f'{obj.cls} has no property "{name}", so the game ignores it',
                    hint or f"{obj.cls} has no properties; delete it",
                )
        values: dict[str, object] = {}
        for member in class_type.members:
            if member.name not in obj.props:
                values[member.name] = member.default
                continue
            raw: object = obj.props[member.name]
            if member.type == "enum" and obj.prop_types.get(member.name) == "int":
                raw = int(raw) if str(raw).strip().isdigit() else raw
            try:
                value = member.cast(raw)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    if abs(value) > MAX_NUMBER:
                        raise ValueError(f"{member.name} {str(raw)[:40]} is far out of range")
                if member.name in ID_PROPERTIES and len(str(value)) > MAX_ID_CHARS:
                    raise ValueError(
                        f"{member.name} is {len(str(value))} characters long; a knowledge id "
                        f"has at most {MAX_ID_CHARS}"
                    )
                values[member.name] = value
            except ValueError as exc:
                add(ERROR, f"{obj.cls}.{exc}", _value_fix(member, str(raw)[:40]))
                values[member.name] = member.default
        for name in REQUIRED.get(obj.cls, ()):
            # Tiled leaves a member at its default unsaved; a required member's default is empty
            # or 0 (drill's is "move", a real drill), so the filled value tells what is missing
            member = class_type.member(name)
            if member is not None and values.get(name) in ("", 0):
                add(
                    ERROR,
                    f'{obj.cls} needs the property "{name}"',
                    f'add "{name}" ({_describe(member)})',
                )
        return values

    def _check_shape(self, vetted: VettedMap, obj: RawObject, add) -> None:
        allowed = SHAPES.get(obj.cls, ())
        if allowed and obj.shape not in allowed:
            shapes = " or ".join(allowed)
            if obj.shape in ("point", "polyline") and "point" not in allowed:
                add(ERROR, f"{obj.cls} needs an area, not a {obj.shape}", f"draw it as a {shapes}")
            else:
                add(
                    WARNING,
                    f"{obj.cls} is meant to be a {shapes}, not a {obj.shape}",
                    f"draw it as a {shapes}",
                )
        if obj.cls in OUTSIDE_ALLOWED:
            return
        width = int(vetted.tree.get("width", "0")) * int(vetted.tree.get("tilewidth", "0"))
        height = int(vetted.tree.get("height", "0")) * int(vetted.tree.get("tileheight", "0"))
        cx, cy = obj.center
        if not (0 <= cx <= width and 0 <= cy <= height):
            add(
                ERROR,
                f"the {obj.cls} lies outside the map (at {cx:g}, {cy:g}; the map is "
                f"{width}x{height} pixels)",
                "move it inside the map",
            )

    # --- the whole map -----------------------------------------------------------------------
    def _check_map(self, vetted: VettedMap, objects: list[RawObject]) -> list[Problem]:
        found: list[Problem] = []
        file = str(vetted.path)
        starts = [o for o in objects if o.cls == "PlayerStart"]
        if not starts:
            found.append(
                _file_problem(
                    file,
                    ERROR,
                    "the map has no PlayerStart",
                    "add a point object of class PlayerStart where Cage begins",
                )
            )
        names = [s.name for s in starts]
        for start in starts:
            if names.count(start.name) > 1 and start is not starts[names.index(start.name)]:
                found.append(
                    _problem(
                        vetted,
                        start,
                        WARNING,
                        f'another PlayerStart is also named "{start.name}"',
                        "give each PlayerStart its own name; Exits choose one by name",
                    )
                )
        for prop in vetted.tree.findall("properties/property"):
            if prop.get("name") == "music" and prop.get("value"):
                try:
                    value = prop.get("value", "")
                    music = confine(
                        vetted.path.parent, value, vetted.root, f"music {value!r}", vetted.path
                    )
                except LevelError as exc:
                    found.append(Problem.from_error(exc))
                    continue
                if not music.is_file():
                    found.append(
                        _file_problem(
                            file,
                            WARNING,
                            f'the music file "{prop.get("value")}" does not exist',
                            "add the file next to the map, or clear the map property music",
                        )
                    )
                elif not_music(music):
                    found.append(
                        _file_problem(
                            file,
                            WARNING,
                            f'the music file "{value}" {not_music(music)}: the map plays in '
                            "silence",
                            "export the music as Ogg Vorbis (.ogg) or WAV",
                        )
                    )
                elif missing_stems(music):
                    lacking = ", ".join(f'"{p.name}"' for p in missing_stems(music))
                    found.append(
                        _file_problem(
                            file,
                            WARNING,
                            f'the music "{value}" is a layered score\'s calm stem but {lacking} '
                            "is not beside it: it plays alone, as one track",
                            "add the combat and alpha stems next to it, or rename the file",
                        )
                    )
        found.extend(_check_costs(vetted, objects))
        return found

    def _check_reach(self, vetted: VettedMap, level, objects: list[RawObject]) -> list[Problem]:
        starts = level.objects_of("PlayerStart")
        exits = level.objects_of("Exit")
        if not starts or not exits:
            return []
        found: list[Problem] = []
        raw = {o.id: o for o in objects}
        blocked = blocked_cells(level)
        cells = []
        for start in starts:
            cell = cell_at(level, start.x, start.y)
            inside = 0 <= cell[0] < level.width and 0 <= cell[1] < level.height
            if inside and blocked[cell[1] * level.width + cell[0]]:
                found.append(
                    _problem(
                        vetted,
                        raw[start.id],
                        ERROR,
                        "the PlayerStart stands on a solid or water tile, or in a Wall",
                        "move it onto open ground",
                    )
                )
            cells.append(cell)
        reach = reachable(level, cells, blocked)
        names = ", ".join(f'"{s.name}"' for s in starts)
        for exit_ in exits:
            if not any(cell in reach for cell in cells_of(level, exit_)):
                found.append(
                    _problem(
                        vetted,
                        raw[exit_.id],
                        ERROR,
                        f"the Exit cannot be reached from the PlayerStart {names} over walkable "
                        "ground",
                        "open a path of tiles that are neither solid nor water, or move the Exit",
                    )
                )
        return found

    def _exit_target(self, vetted: VettedMap, obj: RawObject) -> Path | LevelError | None:
        ref = obj.props.get("map", "").strip()
        if not ref:
            return None
        try:
            return confine(
                vetted.path.parent,
                ref,
                vetted.root,
                f"Exit.map {ref!r}",
                vetted.path,
                layer=obj.layer,
                object_id=obj.id,
                object_name=obj.name,
            )
        except LevelError as exc:
            return exc

    def _check_exits(self, vetted: VettedMap, objects: list[RawObject]) -> list[Problem]:
        found: list[Problem] = []
        for obj in objects:
            if obj.cls != "Exit":
                continue
            target = self._exit_target(vetted, obj)
            if target is None:
                continue
            if isinstance(target, LevelError):
                found.append(Problem.from_error(target))
                continue
            ref = obj.props.get("map", "").strip()
            if target.suffix.lower() != ".tmx":
                found.append(
                    _problem(
                        vetted,
                        obj,
                        ERROR,
                        f'Exit.map "{ref}" is not a .tmx map',
                        "point it at a Tiled map",
                    )
                )
                continue
            if not target.is_file():
                found.append(
                    _problem(
                        vetted,
                        obj,
                        ERROR,
                        f'Exit.map "{ref}" does not exist',
                        _near_map(ref, target, vetted.path)
                        or f"create {target.name} in {target.parent}, "
                        "or point map at an existing map",
                    )
                )
                continue
            self.validate(target)  # its problems are its own, reported under its name
            spawn = obj.props.get("spawn", "")
            there = self.objects(target)
            if spawn and there is not None:
                names = [o.name for o in there if o.cls == "PlayerStart"]
                if spawn not in names:
                    hint = suggest(spawn, names, f"PlayerStarts in {target.name}")
                    found.append(
                        _problem(
                            vetted,
                            obj,
                            ERROR,
                            f'Exit.spawn "{spawn}" names no PlayerStart in {target.name}',
                            hint or f"add a PlayerStart to {target.name}",
                        )
                    )
        return found

    # --- knowledge ---------------------------------------------------------------------------
    def family(self, vetted: VettedMap) -> list[Path]:
        """The maps whose knowledge counts for this one: itself, every map its Exits lead to
        (transitively), and for a campaign or mod map every map of that campaign or mod."""
        found = [vetted.path]
        queue = [vetted.path]
        while queue and len(found) < MAX_FAMILY:
            here = self.vetted(queue.pop(0))
            if isinstance(here, LevelError):
                continue
            for obj in self.objects(here.path) or []:
                if obj.cls != "Exit":
                    continue
                target = self._exit_target(here, obj)
                if isinstance(target, Path) and target.is_file() and target not in found:
                    found.append(target)
                    queue.append(target)
        if vetted.path in self.pool:
            for path in sorted(self.pool):
                if len(found) >= MAX_FAMILY:
                    break
                if path not in found and path.suffix.lower() == ".tmx":
                    found.append(path)
        if _is_collection(vetted.root):
            for path in sorted(vetted.root.rglob("*.tmx")):
                if len(found) >= MAX_FAMILY:
                    break
                if path not in found and path.resolve().is_relative_to(vetted.root.resolve()):
                    found.append(path)
        return found

    def knowledge(self, vetted: VettedMap) -> set[str]:
        """Every knowledge id the map's world can grant (see `family`)."""
        granted: set[str] = set()
        rita = alpha = omega = False
        for path in self.family(vetted):
            for obj in self.objects(path) or []:
                props = obj.props
                if obj.cls == "Intel" and props.get("knowledge"):
                    granted.add(props["knowledge"])
                elif obj.cls == "MimicSpawn":
                    granted.add(props.get("ambush") or f"ambush:{obj.id}")
                    if obj.name:
                        granted.add(f"cleared:{obj.name}")  # the day the spawn is wiped out
                    alpha = alpha or props.get("kind") == "alpha"
                elif obj.cls == "Mine":
                    granted.add(props.get("field") or f"field:{obj.id}")
                rita = rita or obj.cls == "Rita"
                omega = omega or obj.cls == "Omega"
        if rita:
            granted.add("rita:phrase")
        if alpha and omega:
            granted.add("vision:omega")
        return granted

    def _check_ambush_ids(self, vetted: VettedMap, objects: list[RawObject]) -> list[Problem]:
        """A spawn left with the default id `ambush:<object id>` shares it with any spawn of the
        same object id in another map of the same world: seeing one would teach both."""
        defaults = {
            f"ambush:{o.id}": o
            for o in objects
            if o.cls == "MimicSpawn" and not o.props.get("ambush")
        }
        if not defaults:
            return []
        found = []
        for path in self.family(vetted):
            if path == vetted.path:
                continue
            for other in self.objects(path) or []:
                if other.cls != "MimicSpawn":
                    continue
                ambush = other.props.get("ambush") or f"ambush:{other.id}"
                mine = defaults.get(ambush)
                if mine is None:
                    continue
                stem = vetted.path.stem
                found.append(
                    _problem(
                        vetted,
                        mine,
                        WARNING,
                        f'its ambush id "{ambush}" is also a MimicSpawn\'s in {path.name}, so '
                        "seeing one ambush would teach both",
                        f'give it an ambush property of its own, e.g. "ambush:{stem}-'
                        f'{mine.name or mine.id}"',
                    )
                )
        return found

    def _check_gates(
        self, vetted: VettedMap, objects: list[RawObject], level=None
    ) -> list[Problem]:
        gates = [o for o in objects if o.cls == "Gate" and o.props.get("requires", "").strip()]
        if not gates:
            return []
        granted = self.knowledge(vetted)
        spawn_names = {o.name for o in objects if o.cls == "MimicSpawn" and o.name}
        found = []
        ground = None  # the walkable ground, worked out once for every gate
        checked = 0
        for gate in gates:
            needed = gate.props["requires"].strip()
            code = str(gate.props.get("code", "") or "").strip()
            if code:
                if not (code.isdigit() and code.isascii() and 1 <= len(code) <= 8):
                    found.append(_problem(vetted, gate, ERROR,
                                          f'the Gate\'s code "{code[:20]}" is not 1 to 8 digits',
                                          'write the code as digits, e.g. "4173"'))  # fmt: skip
                continue  # it opens at its keypad; `requires` is what Cage knows of the code
            if needed.startswith("cleared:"):
                name = needed[len("cleared:") :]
                if name not in spawn_names:
                    message = (
                        f'the Gate waits for "{name}" to be cleared; no MimicSpawn has that name'
                    )
                    fix = "name a MimicSpawn of this map after cleared:"
                    found.append(_problem(vetted, gate, ERROR, message, fix))
                continue
            if needed in granted:
                continue
            hint = suggest(needed, sorted(granted), "knowledge ids granted") if granted else ""
            fix = (
                hint
                if hint.startswith("did you")
                else f'add an Intel with knowledge "{needed}" on this map or one its Exits lead to'
            )
            cut_off = []
            if level is not None and checked < MAX_GATE_CHECKS:
                checked += 1
                if ground is None:
                    ground = _Ground(level)
                cut_off = ground.cut_off_by(gate)
            if cut_off:
                message = (
                    f'the Gate requires "{needed}", which nothing grants, and it blocks the only '
                    f"way to {', '.join(cut_off[:3])}: the map cannot be finished"
                )
                found.append(_problem(vetted, gate, ERROR, message, fix))
                continue
            found.append(
                _problem(
                    vetted,
                    gate,
                    WARNING,
                    f'the Gate requires "{needed}", which nothing grants, so it never opens',
                    fix,
                )
            )
        return found


class _Ground:
    """Where Cage can walk from the PlayerStarts, for asking which goals one gate cuts off."""

    def __init__(self, level) -> None:
        self.level = level
        self.starts = [cell_at(level, s.x, s.y) for s in level.objects_of("PlayerStart")]
        self.goals = [
            (o, cells_of(level, o)) for o in level.objects if o.cls in ("Exit", "Omega", "Split")
        ]
        self.blocked = blocked_cells(level)
        self.open_reach = reachable(level, self.starts, self.blocked)

    def cut_off_by(self, gate: RawObject) -> list[str]:
        """The Exits, Omegas and Splits Cage reaches with the gate open but not with it shut."""
        level = self.level
        obj = next((o for o in level.objects if o.id == gate.id and o.cls == "Gate"), None)
        if obj is None or not self.starts or not self.goals:
            return []
        shut = bytearray(self.blocked)
        for tx, ty in cells_of(level, obj):
            shut[ty * level.width + tx] = 1
        shut_reach = reachable(level, self.starts, shut)
        lost = []
        for goal, cells in self.goals:
            reached = any(c in self.open_reach for c in cells)
            if reached and not any(c in shut_reach for c in cells):
                lost.append(f'the {goal.cls} "{goal.name}"' if goal.name else f"the {goal.cls}")
        return lost


_MISSING_IMAGE = re.compile(r"tileset image '(?P<ref>.*)' not found: (?P<path>.*)")


def _missing_image(map_path: Path, exc: LevelError) -> Problem | None:
    """A tileset's missing image, reworded to name the map, the tileset and the fix (with the
    nearest image there is, when one is close): the loader only names the tileset file."""
    match = _MISSING_IMAGE.fullmatch(exc.message)
    if not match:
        return None
    owner = Path(exc.path)
    ref = match.group("ref")
    tileset = owner.name if owner.suffix.lower() == ".tsx" else "embedded in the map"
    try:
        images = sorted(
            p.relative_to(owner.parent).as_posix()
            for p in owner.parent.rglob("*.png")
            if not any(part.startswith(".") for part in p.relative_to(owner.parent).parts)
        )[:200]
    except OSError:
        images = []
    near = difflib.get_close_matches(ref, images, n=1, cutoff=0.5)
    fix = "in Tiled, open the tileset and choose its image again (Tileset > Tileset Properties)"
    if near:
        fix = f'did you mean "{near[0]}"? {fix}'
    return Problem(
        str(map_path),
        None,
        None,
        "",
        ERROR,
        f'the tileset {tileset} ({owner}) uses the image "{ref}", which does not exist',
        fix,
    )


def _near_map(ref: str, target: Path, map_path: Path) -> str:
    """`did you mean "X"?` for the map beside `target` nearest to the Exit's missing `ref`."""
    try:
        there = sorted(
            p.relative_to(map_path.parent).as_posix()
            for p in target.parent.glob("*.tmx")
            if p.resolve() != map_path.resolve()
        )[:200]
    except (OSError, ValueError):
        return ""
    near = difflib.get_close_matches(ref, there, n=1, cutoff=0.5)
    return f'did you mean "{near[0]}"?' if near else ""


def _file_problem(file: str, severity: str, message: str, fix: str = "") -> Problem:
    """A problem of the map as a whole (no layer, no object)."""
    return Problem(file, None, None, "", severity, message, fix)


# --- per-class checks ------------------------------------------------------------------------


def _check_spawn(obj: RawObject, values: dict, by_id: dict[int, RawObject], add) -> None:
    if int(values.get("count", 1)) < 1:
        add(ERROR, "MimicSpawn.count must be 1 or more", "set count to how many Mimics come out")
    elif int(values.get("count", 1)) > MAX_SPAWN_COUNT:
        add(
            ERROR,
            f"MimicSpawn.count {values['count']} is more than the {MAX_SPAWN_COUNT} one spawn "
            "can bring out",
            "split the ambush over several MimicSpawns",
        )
    at = float(values.get("at", -1))
    if at > DAY_SECONDS:
        add(
            ERROR,
            f"MimicSpawn.at {at:g} is beyond the end of a day ({DAY_SECONDS} seconds)",
            "set at to the seconds after the day begins",
        )
    trigger = int(values.get("trigger", 0))
    if trigger:
        target = by_id.get(trigger)
        fix = 'choose a Trigger object for "trigger"'
        if target is None:
            add(ERROR, f"MimicSpawn.trigger points at object #{trigger}, which does not exist", fix)
        elif target.cls != "Trigger":
            article = "an" if target.cls[:1] in "AEIOU" else "a"
            kind = f"{article} {target.cls}" if target.cls else "an object without a class"
            add(
                ERROR,
                f'MimicSpawn.trigger points at object #{trigger} "{target.name}", {kind}, not '
                "a Trigger",
                fix,
            )
    elif float(values.get("at", -1)) < 0:
        add(
            WARNING,
            'the MimicSpawn has neither "at" nor "trigger", so it never spawns',
            'set "at" (seconds after the day begins) or "trigger" (a Trigger object)',
        )


def _check_surfaces(level) -> list[Problem]:
    """A tile `surface` the game has no footsteps for walks as "dirt": a warning, never an error,
    since only the sound depends on it."""
    used = {level.surface_names[i] for i in set(level.surface_cells)}
    unknown = sorted(used - set(SURFACES) - {""})
    if not unknown:
        return []
    names = ", ".join(repr(name[:40]) for name in unknown[:5])
    return [
        _file_problem(
            level.path,
            WARNING,
            f"tile surface {names} has no footsteps; they sound like dirt",
            f"use one of {', '.join(SURFACES)} (the Surface enum in the Tiled project)",
        )
    ]


def _whole(text: str, default: int) -> int:
    text = (text or "").strip()
    if text.isascii() and text.lstrip("-").isdigit() and len(text) <= 10:
        return int(text)
    try:
        number = float(text)
    except ValueError:
        return default
    return int(number) if math.isfinite(number) and abs(number) <= MAX_NUMBER else default


def _check_costs(vetted: VettedMap, objects: list[RawObject]) -> list[Problem]:
    """What the map would cost the game to run: Mimics in a day, and the polygons filled into the
    walkable grid (their points times the tile rows they span)."""
    found: list[Problem] = []
    file = str(vetted.path)
    by_id = {o.id: o for o in objects}
    mimics = 0
    for obj in objects:
        if obj.cls != "MimicSpawn":
            continue
        count = max(1, min(_whole(obj.props.get("count", "1"), 1), MAX_SPAWN_COUNT))
        trigger = by_id.get(_whole(obj.props.get("trigger", "0"), 0))
        refires = trigger is not None and trigger.props.get("once", "true").strip().lower() in (
            "false",
            "0",
        )
        mimics += count * (REFIRES if refires else 1)
    if mimics > MAX_MIMICS:
        found.append(
            _file_problem(
                file,
                ERROR,
                f"the MimicSpawns can bring out {mimics} Mimics in a day; the game holds at most "
                f"{MAX_MIMICS} (a spawn on a Trigger that fires again counts {REFIRES} times)",
                "use fewer or smaller spawns, or Triggers that fire once",
            )
        )
    tile_w = max(1, _whole(vetted.tree.get("tilewidth", "1"), 1))
    tile_h = max(1, _whole(vetted.tree.get("tileheight", "1"), 1))
    map_w = max(1, _whole(vetted.tree.get("width", "1"), 1))
    map_h = max(1, _whole(vetted.tree.get("height", "1"), 1))
    points = cost = trigger_points = 0
    for obj in objects:
        if obj.shape not in ("polygon", "ellipse", "rect"):
            continue
        n = len(obj.points) if obj.points else (ELLIPSE_SEGMENTS if obj.shape == "ellipse" else 4)
        if obj.cls == "Trigger":
            trigger_points += n  # tested against Cage's place every tick
        if obj.cls not in ("Wall", "Water"):
            continue
        if obj.points:
            xs = [obj.x + p[0] for p in obj.points]
            ys = [obj.y + p[1] for p in obj.points]
        else:
            xs, ys = [obj.x, obj.x + obj.width], [obj.y, obj.y + obj.height]
        rows = min(map_h, (max(ys) - min(ys)) / tile_h + 2)
        columns = min(map_w, (max(xs) - min(xs)) / tile_w + 2)
        if obj.shape != "rect":
            points += n
        # The fill's work: each edge once per row it spans, then the tiles of its box.
        cost += int((n if obj.shape != "rect" else 0) * rows + rows * columns)
    if points > MAX_MAP_POINTS or cost > MAX_RASTER_COST:
        found.append(
            _file_problem(
                file,
                ERROR,
                f"the Wall and Water shapes have {points} polygon points and cost {cost} to fill "
                f"into the walkable grid (points times tile rows, plus tiles covered); the limits "
                f"are {MAX_MAP_POINTS} points and {MAX_RASTER_COST}",
                "draw them with fewer points, or fewer and smaller shapes",
            )
        )
    if trigger_points > MAX_TRIGGER_POINTS:
        found.append(
            _file_problem(
                file,
                ERROR,
                f"the Triggers have {trigger_points} corners in all, tested every tick; the limit "
                f"is {MAX_TRIGGER_POINTS}",
                "draw Triggers as rectangles or simple polygons",
            )
        )
    return found


def _check_drill(obj: RawObject, values: dict, by_id: dict[int, RawObject], add) -> None:
    level = int(values.get("level", 0))
    if level and not 1 <= level <= 5:
        add(ERROR, "TrainingDrill.level must be 1 to 5", f"the drills are {DRILLS}")


_CLASS_CHECKS = {"MimicSpawn": _check_spawn, "TrainingDrill": _check_drill}
_RESAVE = "open the map in Tiled and save it again"


def _problem(vetted: VettedMap, obj: RawObject, severity: str, message: str, fix: str) -> Problem:
    return Problem(str(vetted.path), obj.layer, obj.id, obj.name, severity, message, fix)


def _describe(member: Member) -> str:
    if member.type == "enum":
        return "one of " + ", ".join(member.values)
    return {
        "string": "text",
        "int": "a whole number",
        "float": "a number",
        "bool": "true or false",
        "file": "a map file relative to this one",
        "object": "an object",
        "color": "a colour",
    }.get(member.type, member.type)


def _value_fix(member: Member, raw: str) -> str:
    if member.type == "enum":
        return suggest(raw, member.values, "values")
    return f"set it to {_describe(member)}"


def _is_collection(root: Path) -> bool:
    """Whether `root` is the campaign's folder or a mod's (rather than a loose map's folder)."""
    try:
        real = root.resolve()
        return real == campaign_dir().resolve() or real.parent == mods_dir().resolve()
    except (OSError, RuntimeError):
        return False


# --- entry points ----------------------------------------------------------------------------


def validate_path(path: str | Path) -> list[Problem]:
    """Every problem with one map and the maps its Exits lead to."""
    validator = Validator()
    validator.validate(path)
    return validator.problems()


def validate_paths(
    paths: Sequence[str | Path], as_json: bool = False
) -> list[Problem] | list[dict]:
    """Every problem with these maps (and the maps their Exits lead to), errors first. Each
    Problem prints as its report line; with `as_json`, each is a plain dict instead."""
    validator = Validator()
    for path in paths:
        validator.validate(path)
    problems = validator.problems()
    return [p.to_json() for p in problems] if as_json else problems


def check_mod(mod: Mod, validator=None) -> list[Problem]:
    """The mod's own problems and the validator's for every one of its maps, errors first."""
    validator = validator if validator is not None else Validator()
    validator.pool.update(mod.maps)  # a Gate's knowledge may come from any map of the mod
    for path in mod.maps:
        validator.validate(path)
    map_problems = [p for path in mod.maps for p in validator.validate(path)]
    from game.mod_assets import read_mod_assets  # its sprites and sounds: warnings, never errors

    art_problems = read_mod_assets(mod.folder).problems
    return sort_problems([*mod.problems, *map_problems, *art_problems])


def level_errors(path: str | Path) -> list[Problem]:
    """The errors that stop a map (or a map its Exits lead to) from being run: what `aynik play
    --level` and `aynik sim` check before they start, so a bad map is one clear line per problem,
    never a crash or a stall mid-game. A map of a mod also carries its mod.json's errors (a mod
    made for another game version is refused here as on the Levels screen)."""
    return _errors(Validator(), path)


def checked_atlas(
    path: str | Path,
) -> tuple[list[Problem], tuple[LevelData, dict[str, LevelData]] | None]:
    """`level_errors(path)` and `load_atlas(path)` in one pass: each map is read and parsed
    once, and the maps returned are the very ones checked (a file saved in between cannot slip
    in unchecked). The errors, and the starting level with its atlas, or None when the starting
    map does not load (the errors say why). The caller decides what the errors mean."""
    validator = Validator()
    errors = _errors(validator, path)
    if map_key(os.path.abspath(path)) not in validator.levels:
        return errors, None
    return errors, load_atlas(path, validator.levels)


def _errors(validator: Validator, path: str | Path) -> list[Problem]:
    validator.validate(path)
    folder = mod_folder_of(path)
    own = read_mod(folder).problems if folder is not None else ()
    return [p for p in sort_problems([*own, *validator.problems()]) if p.is_error]


MAP_SUFFIXES = (".tmx", ".tmj")


def folder_maps(folder: str | Path, limit: int = MAX_FAMILY) -> list[Path]:
    """The maps of a folder and its sub-folders (hidden ones skipped), sorted, at most `limit`;
    Tiled JSON maps are listed too, so they are refused by name rather than ignored."""
    root = Path(os.path.abspath(folder))
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.suffix.lower() not in MAP_SUFFIXES or not path.is_file():
            continue
        if any(part.startswith(".") for part in relative.parts):
            continue
        found.append(path)
        if len(found) >= limit:
            break
    return found


def check_folder(validator: Validator, folder: str | Path) -> list[Path]:
    """Validate every map of `folder` as one mod (knowledge pooled across them); the maps."""
    maps = folder_maps(folder)
    validator.pool.update(Path(os.path.abspath(p)) for p in maps)
    for path in maps:
        validator.validate(path)
    return maps


def resolve_target(given: str | Path) -> Path:
    """What `aynik validate` was given: a map path, a folder, or a campaign level's name
    ("beachhead", "dam"). LevelError naming it when it is none of them."""
    path = Path(given)
    if path.is_dir() or path.is_file() or path.suffix.lower() in MAP_SUFFIXES:
        return path
    from game.level.campaign import resolve_level

    return resolve_level(str(given))


def run(paths: Sequence[str | Path], as_json: bool = False, out: TextIO | None = None) -> int:
    """`aynik validate PATH|FOLDER|LEVEL... [--json]`: print the report, return the exit code (1
    when there is an error; warnings alone do not fail). A folder's maps are checked as one mod."""
    out = out if out is not None else sys.stdout
    validator = Validator()
    extra: list[Problem] = []
    for given in paths:
        try:
            target = resolve_target(given)
        except LevelError as exc:
            extra.append(Problem.from_error(exc))
            continue
        if target.is_dir():
            if not check_folder(validator, target):
                extra.append(
                    _file_problem(
                        str(target), ERROR, "the folder has no map (.tmx file)", "save a map in it"
                    )
                )
        else:
            validator.validate(target)
    problems = sort_problems([*extra, *validator.problems()])
    if as_json:
        print(problems_json(problems), file=out)
    else:
        for line in format_problems(problems):
            print(line, file=out)
    return 1 if any(p.is_error for p in problems) else 0


__all__ = [
    "Problem",
    "RawObject",
    "Validator",
    "check_mod",
    "checked_atlas",
    "level_errors",
    "read_objects",
    "check_folder",
    "folder_maps",
    "resolve_target",
    "run",
    "validate_path",
    "validate_paths",
]

"""The map schema: object classes, their members with types and defaults, and the enums they use.

Owns reading the Tiled project file (`levels/aynik.tiled-project`, its `propertyTypes`) into a
frozen `Schema`, and casting a property value to its member's type. The project file is the only
source of defaults: Tiled does not save a property still at its default, so the loader fills every
member a map left out from here. Pure standard library (json): must not import pygame or pytmx.

Conventions the project file cannot express, documented here:
- `MimicSpawn.at` defaults to -1: a negative `at` means "no timer" (the spawn waits for `trigger`).
- An object member (`trigger`) holds an object id; 0 means "no object".
- Required members (marked * in GAME.md, listed in `REQUIRED`) have a default that is empty or 0
  (except `TrainingDrill.drill`, whose default `move` is a real drill); the validator reports them
  when a map leaves them so.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from game.level.campaign import PROJECT_FILE, campaign_dir
from game.level.errors import LevelError

Value = bool | int | float | str

# Members a map must set (marked * in GAME.md): the project file cannot say so, the validator does.
REQUIRED: dict[str, tuple[str, ...]] = {
    "Intel": ("knowledge",),
    "Gate": ("requires",),
    "TrainingDrill": ("drill", "level"),
    "Exit": ("map",),
}

# Tiled's basic property types, plus "enum" for a member whose propertyType is an enum.
MEMBER_TYPES = ("string", "int", "float", "bool", "file", "object", "color", "enum")


@dataclass(frozen=True)
class EnumType:
    name: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Member:
    """One property of a class: its name, type and default (enum members: the allowed values)."""

    name: str
    type: str  # one of MEMBER_TYPES
    default: Value
    enum: str = ""  # the enum's name, for type "enum"
    values: tuple[str, ...] = ()  # the enum's values, for type "enum"

    def cast(self, value: object) -> Value:
        """`value` as this member's type; ValueError saying what is wrong when it cannot be."""
        kind = self.type
        if kind == "bool":
            if isinstance(value, bool):
                return value
            if isinstance(value, int) and value in (0, 1):
                return bool(value)
            if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0"):
                return value.strip().lower() in ("true", "1")
            raise ValueError(f"{self.name} must be true or false, not {value!r}")
        if kind in ("int", "object"):
            try:
                number = _as_number(self.name, value)
            except ValueError:
                raise ValueError(f"{self.name} must be a whole number, not {value!r}") from None
            if number != int(number):
                raise ValueError(f"{self.name} must be a whole number, not {value!r}")
            if kind == "object" and number < 0:
                raise ValueError(f"{self.name} must be an object id, not {value!r}")
            return int(number)
        if kind == "float":
            return float(_as_number(self.name, value))
        if kind == "enum":
            if isinstance(value, int) and not isinstance(value, bool):
                # an enum stored as int holds the index of its value
                if 0 <= value < len(self.values):
                    return self.values[value]
            elif str(value) in self.values:
                return str(value)
            allowed = ", ".join(self.values)
            raise ValueError(f"{self.name} must be one of {allowed}, not {value!r}")
        return value if isinstance(value, str) else str(value)


def _as_number(name: str, value: object) -> float:
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a number, not {value!r}")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        try:
            number = float(str(value).strip())
        except ValueError:
            raise ValueError(f"{name} must be a number, not {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, not {value!r}")
    return number


@dataclass(frozen=True)
class ClassType:
    """An object class: its members in the project file's order."""

    name: str
    members: tuple[Member, ...]

    def member(self, name: str) -> Member | None:
        for m in self.members:
            if m.name == name:
                return m
        return None

    def fill(self, given: Mapping[str, object]) -> tuple[tuple[str, Value], ...]:
        """Every member, cast, with its default where `given` lacks it; then the properties the
        schema does not know, by name. ValueError when a given value does not fit its member."""
        filled: list[tuple[str, Value]] = []
        for m in self.members:
            filled.append((m.name, m.cast(given[m.name]) if m.name in given else m.default))
        known = {m.name for m in self.members}
        for name in sorted(given):
            if name not in known:
                filled.append((name, _plain(name, given[name])))
        return tuple(filled)


def _plain(name: str, value: object) -> Value:
    if isinstance(value, (bool, int, float, str)):
        return value
    raise ValueError(f"{name} has a value of a type the game cannot use ({type(value).__name__})")


@dataclass(frozen=True)
class Schema:
    path: str  # absolute path of the project file
    sha256: str  # of what the game reads from the project (`schema_digest`); in every level's hash
    classes: tuple[ClassType, ...]
    enums: tuple[EnumType, ...]

    def class_type(self, name: str) -> ClassType | None:
        for c in self.classes:
            if c.name == name:
                return c
        return None

    def enum(self, name: str) -> EnumType | None:
        for e in self.enums:
            if e.name == name:
                return e
        return None

    @property
    def class_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.classes)


def default_project_path() -> Path:
    return campaign_dir() / PROJECT_FILE


def load_schema(path: str | Path | None = None) -> Schema:
    """Read a Tiled project file (default: the campaign's). LevelError naming it when it is
    missing or not a project file this game understands."""
    project = Path(path) if path is not None else default_project_path()
    try:
        raw = project.read_bytes()
    except OSError as exc:
        raise LevelError(project, f"cannot read the project file ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LevelError(project, f"not a valid JSON project file ({exc})") from None
    try:
        enums, classes = _parse_property_types(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise LevelError(project, f"bad propertyTypes: {exc}") from None
    return Schema(
        path=str(project.resolve()),
        sha256=schema_digest(data),
        classes=classes,
        enums=enums,
    )


def schema_digest(data: Mapping) -> str:
    """The sha256 of the project's `propertyTypes` the game reads (enums, object and tile
    classes), canonically written: classes only an editor uses (`useAs` map) do not count."""
    types = [
        entry
        for entry in data.get("propertyTypes", [])
        if not (isinstance(entry, dict) and entry.get("useAs") == ["map"])
    ]
    canon = json.dumps(types, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def default_schema() -> Schema:
    """The campaign's schema, read once."""
    return load_schema()


def _parse_property_types(data: object) -> tuple[tuple[EnumType, ...], tuple[ClassType, ...]]:
    if not isinstance(data, dict) or not isinstance(data.get("propertyTypes"), list):
        raise ValueError("the file has no propertyTypes list")
    entries = data["propertyTypes"]
    enums: list[EnumType] = []
    values_of: dict[str, tuple[str, ...]] = {}
    for entry in entries:
        if entry["type"] == "enum":
            values = tuple(str(v) for v in entry["values"])
            if not values:
                raise ValueError(f"enum {entry['name']} has no values")
            if entry.get("valuesAsFlags", False):
                raise ValueError(f"enum {entry['name']}: flag enums are not supported")
            enums.append(EnumType(str(entry["name"]), values))
            values_of[str(entry["name"])] = values
    classes: list[ClassType] = []
    for entry in entries:
        if entry["type"] != "class" or "object" not in entry.get("useAs", ["object"]):
            continue  # a class for tiles (Ground) describes tile properties, not map objects
        members = tuple(_parse_member(entry["name"], m, values_of) for m in entry["members"])
        classes.append(ClassType(str(entry["name"]), members))
    return tuple(enums), tuple(classes)


def _parse_member(class_name: str, member: dict, enums: dict[str, tuple[str, ...]]) -> Member:
    name = str(member["name"])
    kind = str(member["type"])
    value = member.get("value")
    enum_name = member.get("propertyType", "")
    if enum_name:
        if enum_name not in enums:
            raise ValueError(f"{class_name}.{name}: unknown enum {enum_name}")
        values = enums[enum_name]
        probe = Member(name, "enum", values[0], enum=enum_name, values=values)
        default = probe.cast(values[0] if value is None else value)
        return Member(name, "enum", default, enum=enum_name, values=values)
    if kind not in MEMBER_TYPES or kind == "enum":
        raise ValueError(f"{class_name}.{name}: unsupported member type {kind}")
    placeholder = Member(name, kind, "")
    if value is None:
        value = {"bool": False, "int": 0, "float": 0.0, "object": 0}.get(kind, "")
    return Member(name, kind, placeholder.cast(value))

"""The object types file for Tiled 1.8 (`levels/aynik-objecttypes.xml`): Tiled 1.8 reads a
project's `propertyTypes` only as types for properties (its enums work), not as the classes of
objects; its Object Types Editor (*View > Object Types Editor*, *Import*) takes this file, and then
every class shows its properties with their types and defaults.

Owns writing that file from the project file the game reads (`object_types_xml`), so the two
cannot drift; `python -m game.level.objecttypes` rewrites the committed file. Pure standard
library: must not import pytmx, pygame or the simulation.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from game.level.campaign import PROJECT_FILE, campaign_dir

OBJECT_TYPES_FILE = "aynik-objecttypes.xml"
_BASIC_TYPES = ("string", "int", "float", "bool", "color", "file", "object")


def _default(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _color(argb: str) -> str:
    # The project writes #AARRGGBB; Tiled 1.8's object types write #RRGGBB.
    return f"#{argb[-6:]}" if argb.startswith("#") and len(argb) == 9 else argb or "#a0a0a4"


def object_types_xml(project: dict) -> str:
    """The object types of every object class in the project's `propertyTypes`, in Tiled 1.8's
    import format, members in the project's order."""
    # Here, not at the top: xml.sax.saxutils brings urllib and http in with it, about 15 ms of
    # every start of the game, which reads this module but writes the file only when asked.
    from xml.sax.saxutils import quoteattr

    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<objecttypes>"]
    enums = {e["name"] for e in project["propertyTypes"] if e.get("type") == "enum"}
    for entry in project["propertyTypes"]:
        if entry.get("type") != "class" or "object" not in entry.get("useAs", ["object"]):
            continue
        name, color = quoteattr(entry["name"]), quoteattr(_color(entry.get("color", "")))
        members = entry.get("members", [])
        if not members:
            lines.append(f" <objecttype name={name} color={color}/>")
            continue
        lines.append(f" <objecttype name={name} color={color}>")
        for member in members:
            kind = member["type"] if member["type"] in _BASIC_TYPES else "string"
            # An enum member names its enum as Tiled 1.8 itself exports it: with the project
            # open (which declares the enums) the property is a drop-down; without, plain text.
            enum = member.get("propertyType", "")
            typed = f" propertytype={quoteattr(enum)}" if enum in enums else ""
            lines.append(
                f"  <property name={quoteattr(member['name'])} type={quoteattr(kind)}{typed}"
                f" default={quoteattr(_default(member['value']))}/>"
            )
        lines.append(" </objecttype>")
    lines.append("</objecttypes>")
    return "\n".join(lines) + "\n"


def campaign_object_types() -> str:
    """The object types the campaign's project file makes."""
    project = json.loads((campaign_dir() / PROJECT_FILE).read_text(encoding="utf-8"))
    return object_types_xml(project)


def main(argv: list[str] | None = None) -> int:
    """Rewrite `levels/aynik-objecttypes.xml` (or the path given) from the project file."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else campaign_dir() / OBJECT_TYPES_FILE
    target.write_text(campaign_object_types(), encoding="utf-8")
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

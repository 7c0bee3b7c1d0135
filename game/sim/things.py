"""The map's things: Intel to read, Gates that open with knowledge, Mines that wait in the sand.

Owns each thing's state within a day (read, open, armed) built from the level's objects. The World
asks them what Cage's presence does; knowledge decides gates and which mines he can see.
Pure: no pygame.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.level.data import MapObject


@dataclass
class IntelThing:
    obj: MapObject
    knowledge: str
    title: str
    text: str
    taken: bool = False


@dataclass
class GateThing:
    obj: MapObject
    requires: str
    message: str
    open: bool = False
    shape: object | None = None  # the pymunk shape while closed


@dataclass
class MineThing:
    obj: MapObject
    field: str
    armed: bool = True


def intel_things(objects: tuple[MapObject, ...]) -> list[IntelThing]:
    return [
        IntelThing(
            o,
            str(o.prop("knowledge", "")),
            str(o.prop("title", "") or "Intel"),
            str(o.prop("text", "")),
        )
        for o in objects
        if o.cls == "Intel"
    ]


def gate_things(objects: tuple[MapObject, ...]) -> list[GateThing]:
    return [
        GateThing(
            o,
            str(o.prop("requires", "")),
            str(o.prop("message", "") or "The way is shut. You don't know how to open it yet."),
        )
        for o in objects
        if o.cls == "Gate"
    ]


def mine_things(objects: tuple[MapObject, ...]) -> list[MineThing]:
    return [
        MineThing(o, str(o.prop("field", "") or f"field:{o.id}"))
        for o in objects
        if o.cls == "Mine"
    ]

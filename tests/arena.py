"""Small hand-built levels for simulation tests: open ground with exact, known geometry."""

from __future__ import annotations

from game.level.data import LevelData, MapObject, Rect

TILE = 32


def arena(
    width: int = 40,
    height: int = 30,
    objects: tuple[MapObject, ...] = (),
    solid: tuple[Rect, ...] = (),
    water: tuple[Rect, ...] = (),
    slow: dict[tuple[int, int], float] | None = None,
    start: tuple[float, float] = (640.0, 480.0),
) -> LevelData:
    factors = [1.0] * (width * height)
    for (tx, ty), factor in (slow or {}).items():
        factors[ty * width + tx] = factor
    start_object = MapObject(
        id=1, name="start", cls="PlayerStart", x=start[0], y=start[1], properties=(("facing", 0.0),)
    )
    return LevelData(
        path="<arena>",
        content_hash="arena",
        title="Arena",
        width=width,
        height=height,
        tile_width=TILE,
        tile_height=TILE,
        solid_rects=solid,
        water_rects=water,
        wall_polygons=(),
        water_polygons=(),
        slow_factors=tuple(factors),
        objects=(start_object, *objects),
    )


def obj(object_id, cls, x, y, w=0.0, h=0.0, name="", **props) -> MapObject:
    """Any map object, its properties as keywords."""
    return MapObject(object_id, name or f"{cls}-{object_id}", cls, x, y, w, h,
                     properties=tuple(props.items()))  # fmt: skip


def spawn(
    object_id: int,
    x: float,
    y: float,
    at: float = 0.0,
    count: int = 1,
    kind: str = "drone",
    emerge: bool = True,
    trigger: int = 0,
) -> MapObject:
    return MapObject(
        id=object_id,
        name=f"spawn-{object_id}",
        cls="MimicSpawn",
        x=x,
        y=y,
        properties=(
            ("kind", kind),
            ("count", count),
            ("at", at if not trigger else -1.0),
            ("trigger", trigger),
            ("emerge", emerge),
            ("ambush", ""),
        ),
    )

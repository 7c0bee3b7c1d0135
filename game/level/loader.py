"""Loading a Tiled map (`.tmx` with external `.tsx` tilesets) into a frozen `LevelData`, headless.

Owns the steps from file to data: the pre-flight (`game.level.safe.vet_map`: caps, path rules,
tilesets inlined, templates merged, layer data decoded), parsing the vetted tree with
`pytmx.TiledMap` without loading any image, checking what pytmx made of it, putting layers back in
document order (pytmx groups them by kind), resolving each object's class (`type`, or `class` in
Tiled 1.9 maps), filling properties from the schema, hashing every file used, and turning tile
properties into merged collision rectangles and a slow-factor grid. Every failure leaves as a
`LevelError` naming the file.

Must not import the simulation, the renderer, or anything that opens a window or loads an image.
pytmx would import pygame for its own image loader, which nothing here calls: it is imported
without it (`_pytmx`), so a headless `aynik verify` or `aynik sim` never loads pygame.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree import ElementTree

from game.level.data import LevelData, MapObject, Point, PropertyValue, Rect, TileLayer, Tileset
from game.level.errors import LevelError
from game.level.files import confine
from game.level.safe import VettedMap, vet_map
from game.level.schema import Schema, default_schema


def _pytmx():
    """pytmx, imported without pygame unless the game has loaded it already: pytmx only reaches
    for it to offer its own image loader (and a type hint), and pygame is a seventh of a headless
    verify's start. `None` in sys.modules makes an import of it fail as pytmx expects when there
    is no pygame at all."""
    if "pygame" in sys.modules:
        import pytmx

        return pytmx
    sys.modules["pygame"] = None  # type: ignore[assignment]
    try:
        import pytmx
    finally:
        if sys.modules.get("pygame", False) is None:  # (the game imports it for real later)
            del sys.modules["pygame"]
    return pytmx


# pytmx logs a line before most exceptions it raises (and one when it finds no pygame); the
# LevelError carries the message instead
logging.getLogger("pytmx").setLevel(logging.CRITICAL)
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # (a pygame pytmx does find keeps quiet)
pytmx = _pytmx()

ELLIPSE_SEGMENTS = 16


def load_level(
    path: str | Path, schema: Schema | None = None, root: str | Path | None = None
) -> LevelData:
    """Load the map at `path`. Object properties are filled from `schema` (default: the
    campaign's). Every file the map uses must lie in `root`, the mod's own folder (default:
    `safe.default_root`). Raises LevelError, never anything else, when the map cannot be used."""
    map_path = Path(os.path.abspath(path))
    return _guarded(map_path, lambda: _load(vet_map(map_path, root), schema))


def _guarded(map_path: Path, load: Callable[[], LevelData]) -> LevelData:
    try:
        return load()
    except LevelError:
        raise
    except (RecursionError, MemoryError):
        raise LevelError(map_path, "the map is too large or too deeply nested to load") from None
    except Exception as exc:  # pytmx raises bare Exception, ValueError, KeyError...
        raise LevelError(map_path, f"cannot load the map: {_describe(exc)}") from None


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# --- checks pytmx does not make --------------------------------------------------------------


def _check_property_names(root: ElementTree.Element, map_path: Path) -> None:
    """pytmx refuses a custom property named like one of the object's own attributes; say which
    object and which property, before it fails with a bare ValueError."""
    for group in root.iter("objectgroup"):
        for element in group.findall("object"):
            taken = _OBJECT_ATTRIBUTES | set(element.keys())
            for prop in element.iterfind("properties/property"):
                name = prop.get("name", "")
                if name in taken:
                    where = f"object {element.get('id')} {element.get('name', '')!r}"
                    layer = group.get("name", "")
                    raise LevelError(
                        map_path,
                        f"{where} in layer {layer!r}: property {name!r} reuses the name of an "
                        "object attribute; rename it",
                    )


_OBJECT_ATTRIBUTES = frozenset(
    {"id", "name", "type", "class", "x", "y", "width", "height", "rotation", "gid", "visible"}
    | {"template", "closed", "points", "parent", "properties", "custom_types"}
    | {attr for attr in dir(pytmx.TiledObject) if not attr.startswith("_")}
)


# --- the load itself -------------------------------------------------------------------------


def load_vetted(vetted: VettedMap, schema: Schema | None = None) -> LevelData:
    """Turn a map that passed `safe.vet_map` into LevelData (the second half of `load_level`,
    for callers such as the validator that vet the map themselves). Raises only LevelError."""
    return _guarded(vetted.path, lambda: _load(vetted, schema))


def _load(vetted: VettedMap, schema: Schema | None) -> LevelData:
    map_path, tree = vetted.path, vetted.tree
    _check_property_names(tree, map_path)
    schema = schema if schema is not None else default_schema()

    tiled_map = pytmx.TiledMap()
    tiled_map.filename = str(map_path)
    tiled_map.parse_xml(tree)

    width, height = int(tiled_map.width), int(tiled_map.height)
    tile_w, tile_h = int(tiled_map.tilewidth), int(tiled_map.tileheight)
    if width <= 0 or height <= 0 or tile_w <= 0 or tile_h <= 0:
        raise LevelError(map_path, "the map's width, height and tile size must be positive")

    tile_layers, object_groups = _layers_in_document_order(tree, tiled_map)
    ground = _Ground(tiled_map, width, height, map_path)
    visible_layers: list[TileLayer] = []
    for element, layer, visible, opacity in tile_layers:
        rows = ground.add_layer(element.get("name", ""), layer)
        if visible:
            visible_layers.append(TileLayer(layer.name or "", rows, opacity))

    objects: list[MapObject] = []
    for element, group in object_groups:
        layer_name = group.name or ""
        for obj_element, obj in zip(element.findall("object"), group, strict=True):
            objects.append(_map_object(obj, obj_element, layer_name, schema, vetted))

    walls = tuple(o.outline for o in objects if o.cls == "Wall" and len(o.outline) >= 3)
    waters = tuple(o.outline for o in objects if o.cls == "Water" and len(o.outline) >= 3)

    map_props = _plain_properties(tiled_map.properties, map_path, "map property")
    title = str(tiled_map.properties.get("title") or map_path.stem)
    music = str(tiled_map.properties.get("music") or "")
    music_path = (
        str(confine(map_path.parent, music, vetted.root, f"music {music!r}", map_path))
        if music
        else ""
    )

    digest = hashlib.sha256()
    for blob in (*vetted.blobs, bytes.fromhex(schema.sha256)):
        digest.update(len(blob).to_bytes(8, "little"))
        digest.update(blob)

    return LevelData(
        path=str(map_path),
        content_hash=digest.hexdigest(),
        title=title,
        width=width,
        height=height,
        tile_width=tile_w,
        tile_height=tile_h,
        solid_rects=merge_cells(ground.solid, width, height, tile_w, tile_h),
        water_rects=merge_cells(ground.water, width, height, tile_w, tile_h),
        wall_polygons=walls,
        water_polygons=waters,
        slow_factors=tuple(ground.slow),
        surface_names=tuple(ground.surface_names),
        surface_cells=bytes(ground.surface),
        objects=tuple(objects),
        tile_layers=tuple(visible_layers),
        tilesets=_tilesets(tiled_map, map_path),
        music=music_path,
        properties=map_props,
        dependencies=tuple(str(p) for p in vetted.dependencies),
    )


def _layers_in_document_order(
    root: ElementTree.Element, tiled_map: pytmx.TiledMap
) -> tuple[list[tuple], list[tuple]]:
    """Pair each layer element with the pytmx layer parsed from it, in document order.

    pytmx appends all tile layers first and all object groups after (each kind in document order,
    groups flattened), so the n-th `<layer>` element is the n-th TiledTileLayer. Its object-group
    search also picks up collision shapes inside embedded tilesets; those are skipped here.
    """
    parsed_tile_layers = iter(
        [layer for layer in tiled_map.layers if isinstance(layer, pytmx.TiledTileLayer)]
    )
    parsed_groups = iter(
        [layer for layer in tiled_map.layers if isinstance(layer, pytmx.TiledObjectGroup)]
    )
    in_tilesets = {id(e) for ts in root.iter("tileset") for e in ts.iter("objectgroup")}
    tile_layers: list[tuple] = []
    object_groups: list[tuple] = []
    # pytmx met the elements in root.iter() order too, one kind at a time
    by_element: dict[int, object] = {}
    for element in root.iter("layer"):
        by_element[id(element)] = next(parsed_tile_layers)
    for element in root.iter("objectgroup"):
        by_element[id(element)] = next(parsed_groups)

    def walk(parent: ElementTree.Element, visible: bool, opacity: float) -> None:
        for element in parent:
            shown = visible and element.get("visible", "1") != "0"
            alpha = opacity * float(element.get("opacity", "1"))
            if element.tag == "layer":
                tile_layers.append((element, by_element[id(element)], shown, alpha))
            elif element.tag == "objectgroup" and id(element) not in in_tilesets:
                object_groups.append((element, by_element[id(element)]))
            elif element.tag == "group":
                walk(element, shown, alpha)

    walk(root, True, 1.0)
    return tile_layers, object_groups


MAX_SURFACE_NAME = 40  # a surface is a word; a hostile tileset's essay is cut to this


class _Ground:
    """Collision and slow factors gathered from every tile layer (shown or hidden)."""

    def __init__(self, tiled_map: pytmx.TiledMap, width: int, height: int, map_path: Path) -> None:
        self.width, self.height, self.map_path = width, height, map_path
        self.solid = bytearray(width * height)
        self.water = bytearray(width * height)
        self.slow = [1.0] * (width * height)
        # What each cell is made of, as an index into surface_names (a byte a cell: a large map
        # must not cost a Python object per cell for its footsteps).
        self.surface = bytearray(width * height)
        self.surface_names: list[str] = [""]
        # pytmx renumbers tiles; map its ids back to Tiled's, flip flags dropped
        self.tiled_gid = [0] * max(tiled_map.maxgid, 1)
        for gid, tiled_gid in tiled_map.tiledgidmap.items():
            self.tiled_gid[gid] = tiled_gid
        self.last_gid = max(
            (int(ts.firstgid) + _tile_count(ts) - 1 for ts in tiled_map.tilesets), default=0
        )
        self.traits: dict[int, tuple[bool, bool, float]] = {}
        self.surfaces: dict[int, int] = {}  # gid -> index in surface_names
        for gid, props in tiled_map.tile_properties.items():
            self.traits[gid] = _tile_traits(props, tiled_map.tiledgidmap.get(gid, gid), map_path)
            surface = str(props.get("surface", "")).strip().lower()[:MAX_SURFACE_NAME]
            if surface and len(self.surface_names) < 256:
                if surface not in self.surface_names:
                    self.surface_names.append(surface)
                self.surfaces[gid] = self.surface_names.index(surface)

    def add_layer(self, name: str, layer: pytmx.TiledTileLayer) -> tuple[tuple[int, ...], ...]:
        data = layer.data
        if len(data) != self.height or any(len(row) != self.width for row in data):
            raise LevelError(self.map_path, f"tile layer {name!r} is not the map's size")
        rows: list[tuple[int, ...]] = []
        width, traits, lut, surfaces = self.width, self.traits, self.tiled_gid, self.surfaces
        for y, row in enumerate(data):
            base = y * width
            for x, gid in enumerate(row):
                if gid in surfaces:  # layers come bottom to top: the upper tile's surface wins
                    self.surface[base + x] = surfaces[gid]
                if gid and gid in traits:
                    solid, water, slow = traits[gid]
                    if solid:
                        self.solid[base + x] = 1
                    if water:
                        self.water[base + x] = 1
                    if slow < self.slow[base + x]:
                        self.slow[base + x] = slow
            tiled_row = tuple(lut[gid] for gid in row)
            rows.append(tiled_row)
        highest = max((max(r) for r in rows), default=0)
        if highest > self.last_gid:
            raise LevelError(
                self.map_path, f"tile layer {name!r} uses tile id {highest}, which no tileset holds"
            )
        return tuple(rows)


def _tile_count(ts: pytmx.TiledTileset) -> int:
    if ts.tilecount:
        return int(ts.tilecount)
    if not ts.width or not ts.tilewidth:
        return 0
    step_x, step_y = ts.tilewidth + ts.spacing, ts.tileheight + ts.spacing
    across = (ts.width - 2 * ts.margin + ts.spacing) // step_x
    down = (ts.height - 2 * ts.margin + ts.spacing) // step_y
    return int(across * down)


def _tile_traits(props: dict, tiled_gid: int, map_path: Path) -> tuple[bool, bool, float]:
    def flag(key: str) -> bool:
        value = props.get(key, False)
        return value is True or str(value).strip().lower() == "true"

    slow = 1.0
    if "slow" in props:
        try:
            slow = float(props["slow"])
        except (TypeError, ValueError):
            slow = math.nan
        if not math.isfinite(slow) or not 0.0 < slow <= 1.0:
            raise LevelError(
                map_path,
                f"tile {tiled_gid}: slow must be a number in (0, 1], not {props['slow']!r}",
            )
    return flag("solid"), flag("water"), slow


def merge_cells(
    cells: bytearray | bytes, width: int, height: int, tile_w: int, tile_h: int
) -> tuple[Rect, ...]:
    """Cover the set cells of a row-major grid with few rectangles, exactly and without overlap.

    Greedy: each row is cut into runs of set cells; a run continues the rectangle above it when
    that rectangle spans exactly the same columns, otherwise it starts a new one.
    """
    done: list[tuple[int, int, int, int]] = []  # x0, y0, x1 (exclusive), y1 (exclusive)
    open_rects: dict[tuple[int, int], int] = {}  # (x0, x1) -> first row
    for y in range(height):
        base = y * width
        runs: list[tuple[int, int]] = []
        x = 0
        while x < width:
            if cells[base + x]:
                start = x
                while x < width and cells[base + x]:
                    x += 1
                runs.append((start, x))
            else:
                x += 1
        still_open: dict[tuple[int, int], int] = {}
        for run in runs:
            still_open[run] = open_rects.pop(run, y)
        for (x0, x1), y0 in open_rects.items():
            done.append((x0, y0, x1, y))
        open_rects = still_open
    for (x0, x1), y0 in open_rects.items():
        done.append((x0, y0, x1, height))
    done.sort(key=lambda r: (r[1], r[0]))
    return tuple(
        Rect(
            float(x0 * tile_w),
            float(y0 * tile_h),
            float((x1 - x0) * tile_w),
            float((y1 - y0) * tile_h),
        )
        for x0, y0, x1, y1 in done
    )


# --- objects ---------------------------------------------------------------------------------


def _map_object(
    obj: pytmx.TiledObject,
    element: ElementTree.Element,
    layer_name: str,
    schema: Schema,
    vetted: VettedMap,
) -> MapObject:
    map_path = vetted.path
    cls = obj.type or getattr(obj, "class", None) or ""
    name = obj.name or ""
    x, y = float(obj.x), float(obj.y)
    width, height = float(obj.width or 0), float(obj.height or 0)
    where = f"object {obj.id} {name!r} ({cls or 'no class'}) in layer {layer_name!r}"

    points: tuple[Point, ...] = ()
    if element.find("ellipse") is not None and width and height:
        points = _ellipse(x, y, width, height)
    elif getattr(obj, "points", None):
        points = tuple((float(px), float(py)) for px, py in obj.points)
    rotation = float(obj.rotation or 0)
    if rotation and (points or (width and height)):
        outline = points or ((x, y), (x + width, y), (x + width, y + height), (x, y + height))
        points = _rotate(outline, x, y, rotation)
    for px, py in points:
        if not (math.isfinite(px) and math.isfinite(py)):
            raise LevelError(map_path, f"{where}: its outline has a point that is not a number")
    if not all(math.isfinite(v) for v in (x, y, width, height)):
        raise LevelError(map_path, f"{where}: position or size is not a number")

    given = dict(obj.properties)
    if obj.gid:
        # pytmx copies the tile's attributes (id, frames, ...) into a tile object's properties;
        # keep only those the object itself sets
        own = {p.get("name") for p in element.iterfind("properties/property")}
        given = {key: value for key, value in given.items() if key in own}
    class_type = schema.class_type(cls) if cls else None
    try:
        if class_type is not None:
            properties = class_type.fill(given)
        else:
            properties = _plain_properties(given, map_path, where)
    except ValueError as exc:
        raise LevelError(map_path, f"{where}: {exc}") from None
    if class_type is not None:
        # a `file` member (Exit.map) must stay in the mod's folder, even when Tiled saved it as a
        # plain string; whether the file exists is the validator's business
        for member in class_type.members:
            value = dict(properties).get(member.name)
            if member.type == "file" and value:
                confine(
                    map_path.parent,
                    str(value),
                    vetted.root,
                    f"{cls}.{member.name} {value!r}",
                    map_path,
                    layer=layer_name,
                    object_id=int(obj.id),
                    object_name=name,
                )
    if cls == "MimicSpawn":
        # GAME.md: an ambush's knowledge id defaults to ambush:<object id>
        properties = tuple(
            (key, value or f"ambush:{obj.id}") if key == "ambush" else (key, value)
            for key, value in properties
        )
    return MapObject(
        id=int(obj.id),
        name=name,
        cls=cls,
        x=x,
        y=y,
        width=width,
        height=height,
        points=points,
        properties=properties,
        layer=layer_name,
    )


def _plain_properties(
    props: dict, map_path: Path, where: str
) -> tuple[tuple[str, PropertyValue], ...]:
    out: list[tuple[str, PropertyValue]] = []
    for key in sorted(props):
        value = props[key]
        if not isinstance(value, (bool, int, float, str)):
            raise LevelError(map_path, f"{where}: property {key!r} has a type the game cannot use")
        out.append((key, value))
    return tuple(out)


def _ellipse(x: float, y: float, width: float, height: float) -> tuple[Point, ...]:
    cx, cy, rx, ry = x + width / 2, y + height / 2, width / 2, height / 2
    return tuple(
        (
            cx + rx * math.cos(2 * math.pi * i / ELLIPSE_SEGMENTS),
            cy + ry * math.sin(2 * math.pi * i / ELLIPSE_SEGMENTS),
        )
        for i in range(ELLIPSE_SEGMENTS)
    )


def _rotate(points: tuple[Point, ...], ox: float, oy: float, degrees: float) -> tuple[Point, ...]:
    """Tiled rotates clockwise (y down) around the object's origin."""
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    return tuple(
        (ox + (px - ox) * c - (py - oy) * s, oy + (px - ox) * s + (py - oy) * c)
        for px, py in points
    )


def _tilesets(tiled_map: pytmx.TiledMap, map_path: Path) -> tuple[Tileset, ...]:
    out: list[Tileset] = []
    for ts in tiled_map.tilesets:
        # pytmx already joined an external tileset's image path onto the tsx file's folder
        image = os.path.normpath(map_path.parent / ts.source) if ts.source else ""
        out.append(
            Tileset(
                firstgid=int(ts.firstgid),
                name=str(ts.name or ""),
                image_path=image,
                tile_width=int(ts.tilewidth),
                tile_height=int(ts.tileheight),
                columns=int(ts.columns or 0),
                tile_count=int(ts.tilecount or 0),
                margin=int(ts.margin or 0),
                spacing=int(ts.spacing or 0),
            )
        )
    return tuple(sorted(out, key=lambda t: t.firstgid))


def iter_cells(rects: tuple[Rect, ...], tile_w: int, tile_h: int) -> Iterator[tuple[int, int]]:
    """The tile cells a set of tile-aligned rectangles covers (for checks and tests)."""
    for r in rects:
        x0, y0 = int(r.x) // tile_w, int(r.y) // tile_h
        for ty in range(y0, y0 + int(r.height) // tile_h):
            for tx in range(x0, x0 + int(r.width) // tile_w):
                yield tx, ty

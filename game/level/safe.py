"""Safe loading of maps we did not write: the pre-flight every map passes before pytmx sees it.

Owns everything between a map file on disk and the XML tree pytmx is given (`vet_map`):
- files: regular files only, read with a size cap; every path a map names (tilesets, images,
  templates, `file` properties such as `Exit.map` and `music`) stays inside the mod's own folder
  (the rules and the XML and image caps live in `game.level.files`);
- the map: orthogonal and finite, with caps on its size, layers, objects, tilesets and tile ids;
- layer data: decoded with an output cap and checked for its exact length (`game.level.layerdata`)
  and for tile ids that no tileset holds;
- objects: numbers pytmx would choke on, polygon sizes, templates merged (`game.level.templates`).

The tree handed on is self-contained: external tilesets are inlined with absolute image paths,
templates are merged into their objects, and layer data is plain base64, so pytmx opens no file
and decompresses nothing. Every refusal is a LevelError naming the file, the place and the fix.

The "mod's own folder" (`root`) is `levels/` for the campaign, `AYNIK_HOME/mods/<name>/` for a mod
and the map's own folder for any other map (`default_root`).

Must not import pytmx, pygame, the loader or the simulation.
"""

from __future__ import annotations

import base64
import math
import os
import re
import sys
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from game.level.errors import LevelError
from game.level.files import (
    MAX_IMAGE_SIDE,
    check_png,
    confine,
    default_root,
    parse_xml,
    png_size,
    read_capped,
)
from game.level.layerdata import decode_layer
from game.level.templates import merge_template

# --- caps ------------------------------------------------------------------------------------
MAX_MAP_BYTES = 32 * 1024 * 1024
MAX_TILESET_BYTES = 4 * 1024 * 1024
MAX_TEMPLATE_BYTES = 256 * 1024
MAX_IMAGE_BYTES = 16 * 1024 * 1024
MAX_MAP_SIDE = 2048  # tiles
MAX_MAP_CELLS = 512 * 512  # tiles in one layer
MAX_TOTAL_CELLS = 2_000_000  # tiles in all tile layers together
MAX_TILE_SIZE = 512  # pixels
MAX_LAYERS = 64  # every kind, groups included
MAX_OBJECTS = 5_000
MAX_TILESETS = 16
MAX_TILES_PER_TILESET = 65_536
MAX_GID = 1 << 22
MAX_POINTS = 1024  # in one polygon or polyline
MAX_TEMPLATES = 256  # distinct template files

GID_MASK = 0x1FFFFFFF  # Tiled keeps flip flags in the top three bits of a tile id
LAYER_TAGS = ("layer", "objectgroup", "imagelayer", "group")

_ID = re.compile(r"\s*\d{1,10}\s*")


@dataclass
class VettedMap:
    """A map that passed the pre-flight: its tree is ready for pytmx and reads no other file."""

    path: Path  # absolute (not resolved) path of the .tmx
    root: Path  # the mod's own folder every path must stay in
    tree: ElementTree.Element  # the <map> element
    blobs: list[bytes] = field(default_factory=list)  # the map's bytes, then each file it uses
    dependencies: list[Path] = field(default_factory=list)  # the files it uses, in order
    tile_ranges: list[tuple[int, int]] = field(default_factory=list)  # (firstgid, tile count)
    tileset_files: dict[Path, int] = field(default_factory=dict)  # .tsx path -> its firstgid

    def use(self, path: Path, data: bytes) -> None:
        if path not in self.dependencies:
            self.dependencies.append(path)
            self.blobs.append(data)


# --- numbers in attributes -------------------------------------------------------------------


def _int(
    element: ElementTree.Element,
    name: str,
    path: Path,
    what: str,
    low: int,
    high: int,
    default: int | None = None,
    **where,
) -> int:
    raw = element.get(name)
    if raw is None:
        if default is None:
            raise LevelError(path, f"{what} has no {name}", **where)
        return default
    if not _ID.fullmatch(raw) and not re.fullmatch(r"\s*-\d{1,10}\s*", raw):
        raise LevelError(path, f"{what}: {name} {raw!r} is not a whole number", **where)
    value = int(raw)
    if not low <= value <= high:
        raise LevelError(path, f"{what}: {name} {value} is outside {low}..{high}", **where)
    return value


def _finite(element: ElementTree.Element, name: str, path: Path, what: str, **where) -> None:
    raw = element.get(name)
    if raw is None:
        return
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or abs(value) > 1e9:
        raise LevelError(path, f"{what}: {name} {raw[:40]!r} is not a usable number", **where)


# --- the pre-flight --------------------------------------------------------------------------


def vet_map(path: str | Path, root: str | Path | None = None) -> VettedMap:
    """Check a map file and everything it uses, and return its tree ready for pytmx.

    `root` is the mod's own folder (default: `default_root(path)`). LevelError on any refusal."""
    map_path = Path(os.path.abspath(path))
    root_path = Path(os.path.abspath(root)) if root is not None else default_root(map_path)
    if not map_path.is_relative_to(root_path):
        raise LevelError(map_path, f"the map is not inside its mod's folder {root_path}")
    if map_path.exists() and not map_path.resolve().is_relative_to(root_path.resolve()):
        raise LevelError(map_path, f"the map is a symlink that leads out of {root_path}")
    data = read_capped(map_path, MAX_MAP_BYTES, "map", map_path)
    tree = parse_xml(data, map_path)
    vetted = VettedMap(map_path, root_path, tree, blobs=[data])
    _check_map_element(vetted)
    _inline_tilesets(vetted)
    _check_layers(vetted)
    _resolve_templates(vetted)
    _check_objects(vetted)
    return vetted


def _check_map_element(vetted: VettedMap) -> None:
    tree, path = vetted.tree, vetted.path
    if tree.tag != "map":
        raise LevelError(path, "not a Tiled map (no <map> element)")
    if tree.get("orientation", "orthogonal") != "orthogonal":
        raise LevelError(
            path,
            f"orientation {tree.get('orientation')!r}: only orthogonal maps are supported",
            fix="make a new orthogonal map in Tiled",
        )
    if tree.get("infinite", "0") == "1":
        raise LevelError(
            path,
            "infinite maps are not supported",
            fix="in Tiled: Map > Map Properties, untick Infinite",
        )
    width = _int(tree, "width", path, "the map", 1, MAX_MAP_SIDE)
    height = _int(tree, "height", path, "the map", 1, MAX_MAP_SIDE)
    if width * height > MAX_MAP_CELLS:
        raise LevelError(
            path,
            f"the map is {width}x{height} tiles; the limit is {MAX_MAP_CELLS} tiles",
            fix="split it into several maps joined by Exits",
        )
    _int(tree, "tilewidth", path, "the map", 1, MAX_TILE_SIZE)
    _int(tree, "tileheight", path, "the map", 1, MAX_TILE_SIZE)
    for prop in tree.findall("properties/property"):
        _check_property(prop, path.parent, vetted, path)


def _check_property(
    prop: ElementTree.Element, base: Path, vetted: VettedMap, named_by: Path, **where
) -> None:
    name = prop.get("name", "")
    if prop.get("type") == "class":
        raise LevelError(
            named_by,
            f"property {name!r} holds a class value; the game reads only plain values",
            fix="use string, int, float, bool, file or object properties",
            **where,
        )
    if prop.get("type") == "file" and prop.get("value"):
        value = prop.get("value", "")
        confine(base, value, vetted.root, f"property {name!r} ({value!r})", named_by, **where)


def layer_elements(parent: ElementTree.Element) -> list[ElementTree.Element]:
    """Every layer (tile, object, image, group) under `parent`, in document order."""
    found: list[ElementTree.Element] = []
    for child in parent:
        if child.tag in LAYER_TAGS:
            found.append(child)
            if child.tag == "group":
                found.extend(layer_elements(child))
    return found


# --- tilesets --------------------------------------------------------------------------------


def _inline_tilesets(vetted: VettedMap) -> None:
    tree, path = vetted.tree, vetted.path
    references = tree.findall("tileset")
    if len(references) > MAX_TILESETS:
        raise LevelError(path, f"{len(references)} tilesets; the limit is {MAX_TILESETS}")
    end = 0
    for index, reference in enumerate(list(tree)):
        if reference.tag != "tileset":
            continue
        inlined = _tileset(reference, vetted)
        first, count = int(inlined.get("firstgid", "1")), int(inlined.get("tilecount", "0"))
        if first < end:
            raise LevelError(
                path,
                f"tileset {inlined.get('name', '')!r} starts at tile id {first}, inside the "
                "previous tileset",
                fix="open and re-save the map in Tiled",
            )
        end = first + count
        if end > MAX_GID:
            raise LevelError(path, f"tile ids go beyond {MAX_GID}")
        vetted.tile_ranges.append((first, count))
        tree[index] = inlined


def _tileset(reference: ElementTree.Element, vetted: VettedMap) -> ElementTree.Element:
    map_path, root = vetted.path, vetted.root
    firstgid = _int(reference, "firstgid", map_path, "a tileset", 1, MAX_GID)
    source = reference.get("source")
    if source:
        what = f"tileset {source!r}"
        tsx = confine(map_path.parent, source, root, what, map_path)
        data = read_capped(tsx, MAX_TILESET_BYTES, what, map_path)
        vetted.use(tsx, data)
        vetted.tileset_files.setdefault(tsx, firstgid)
        element = parse_xml(data, tsx)
        if element.tag != "tileset":
            raise LevelError(tsx, "not a Tiled tileset (no <tileset> element)")
        if element.get("source"):
            raise LevelError(tsx, "a tileset file cannot point at another tileset")
        owner = tsx
    else:
        element, owner = reference, map_path
    name = element.get("name", "")
    what = f"tileset {name!r}"
    tile_w = _int(element, "tilewidth", owner, what, 1, MAX_TILE_SIZE)
    tile_h = _int(element, "tileheight", owner, what, 1, MAX_TILE_SIZE)
    margin = _int(element, "margin", owner, what, 0, MAX_IMAGE_SIDE, default=0)
    spacing = _int(element, "spacing", owner, what, 0, MAX_IMAGE_SIDE, default=0)
    image = element.find("image")
    if image is None:
        kind = "tiles with their own images" if element.find("tile/image") is not None else "none"
        raise LevelError(
            owner,
            f"{what} has no tileset image ({kind}); the game needs one image per tileset",
            fix="make a tileset 'Based on Tileset Image' in Tiled",
        )
    if not image.get("source"):
        raise LevelError(
            owner,
            f"{what}: embedded image data is not supported",
            fix="save the image as a PNG file",
        )
    image_ref = image.get("source", "")
    image_what = f"tileset image {image_ref!r}"
    image_path = confine(owner.parent, image_ref, root, image_what, owner)
    image_data = read_capped(image_path, MAX_IMAGE_BYTES, image_what, owner)
    vetted.use(image_path, image_data)
    width, height = png_size(image_data, image_path)
    check_png(image_data, image_path)
    across = (width - 2 * margin + spacing) // (tile_w + spacing)
    down = (height - 2 * margin + spacing) // (tile_h + spacing)
    holds = max(0, across) * max(0, down)
    tile_count = _int(element, "tilecount", owner, what, 0, MAX_TILES_PER_TILESET, default=holds)
    if holds == 0 or tile_count > holds:
        raise LevelError(
            owner,
            f"{what} says it has {tile_count} tiles but its {width}x{height} image holds {holds}",
            fix="open the tileset in Tiled and re-save it, or fix its tile size",
        )
    if holds > MAX_TILES_PER_TILESET:
        raise LevelError(owner, f"{what}: more than {MAX_TILES_PER_TILESET} tiles")
    for tile in element.findall("tile"):
        _int(tile, "id", owner, f"{what}: a tile", 0, tile_count - 1)
        for frame in tile.findall("animation/frame"):
            _int(frame, "tileid", owner, f"{what}: an animation frame", 0, tile_count - 1)
            _int(frame, "duration", owner, f"{what}: an animation frame", 0, 1 << 30, default=0)
        for prop in tile.findall("properties/property"):
            _check_property(prop, owner.parent, vetted, owner)

    inlined = ElementTree.Element(
        "tileset", {k: v for k, v in element.attrib.items() if k != "source"}
    )
    inlined.set("firstgid", str(firstgid))
    inlined.set("tilecount", str(tile_count))
    inlined.set("columns", str(_int(element, "columns", owner, what, 0, holds, default=across)))
    for child in element:
        if child.tag == "image":
            child = ElementTree.Element(
                "image",
                {
                    **{k: v for k, v in child.attrib.items() if k not in ("source", "format")},
                    "source": str(image_path),
                    "width": str(width),
                    "height": str(height),
                },
            )
        inlined.append(child)
    return inlined


# --- layers and their data -------------------------------------------------------------------


def _check_layers(vetted: VettedMap) -> None:
    tree, path = vetted.tree, vetted.path
    width, height = int(tree.get("width", "0")), int(tree.get("height", "0"))
    layers = layer_elements(tree)
    if len(layers) > MAX_LAYERS:
        raise LevelError(path, f"{len(layers)} layers; the limit is {MAX_LAYERS}")
    tile_layers = [layer for layer in layers if layer.tag == "layer"]
    if len(tile_layers) * width * height > MAX_TOTAL_CELLS:
        raise LevelError(
            path,
            f"{len(tile_layers)} tile layers of {width}x{height}: more than {MAX_TOTAL_CELLS} "
            "tiles in all",
            fix="merge or remove tile layers",
        )
    for layer in layers:
        name = layer.get("name", "")
        for prop in layer.findall("properties/property"):
            _check_property(prop, path.parent, vetted, path, layer=name)
        if layer.tag == "imagelayer":
            image = layer.find("image")
            if image is not None and image.get("source"):
                confine(
                    path.parent, image.get("source", ""), vetted.root, "image", path, layer=name
                )
        if layer.tag != "layer":
            continue
        for attribute, size in (("width", width), ("height", height)):
            given = layer.get(attribute)
            if given is not None and given.strip() != str(size):
                raise LevelError(
                    path,
                    f"the tile layer is {layer.get('width')}x{layer.get('height')} but the map "
                    f"is {width}x{height}",
                    layer=name,
                    fix="in Tiled: Map > Resize Map, and tick 'Remove objects outside the map'",
                )
            layer.set(attribute, str(size))
        gids = decode_layer(layer.find("data"), width, height, path, name)
        _check_gids(gids, width, vetted, name)
        data = layer.find("data")
        assert data is not None
        for child in list(data):
            data.remove(child)
        data.attrib.clear()
        data.set("encoding", "base64")
        if sys.byteorder != "little":
            gids.byteswap()
        data.text = base64.b64encode(gids.tobytes()).decode("ascii")


def _check_gids(gids: array, width: int, vetted: VettedMap, layer: str) -> None:
    ranges = vetted.tile_ranges
    for gid in sorted(set(gids)):
        tile = gid & GID_MASK
        if tile == 0 or any(first <= tile < first + count for first, count in ranges):
            continue
        index = gids.index(gid)
        raise LevelError(
            vetted.path,
            f"tile id {tile} at ({index % width}, {index // width}) is in no tileset",
            layer=layer,
            fix="re-add the tileset it came from, or erase those tiles",
        )


# --- templates and objects -------------------------------------------------------------------


def _resolve_templates(vetted: VettedMap) -> None:
    cache: dict[Path, tuple[ElementTree.Element, int | None]] = {}
    for group in object_groups(vetted.tree):
        layer = group.get("name", "")
        for element in group.findall("object"):
            ref = element.get("template")
            if ref is None:
                continue
            where = {
                "layer": layer,
                "object_id": _object_id(element),
                "object_name": element.get("name", ""),
            }
            what = f"template {ref!r}"
            path = confine(vetted.path.parent, ref, vetted.root, what, vetted.path, **where)
            if path not in cache:
                if len(cache) >= MAX_TEMPLATES:
                    raise LevelError(vetted.path, f"more than {MAX_TEMPLATES} template files")
                cache[path] = _read_template(path, vetted, where)
            template_object, gid_offset = cache[path]
            merge_template(element, template_object)
            if gid_offset is not None and element.get("gid") == template_object.get("gid"):
                raw = int(template_object.get("gid", "0"))
                element.set("gid", str((raw & ~GID_MASK) | ((raw & GID_MASK) + gid_offset)))


def _read_template(
    path: Path, vetted: VettedMap, where: dict
) -> tuple[ElementTree.Element, int | None]:
    """The template's <object> and the shift that puts its tile id in the map's numbering."""
    what = f"template {path.name!r}"
    data = read_capped(path, MAX_TEMPLATE_BYTES, what, vetted.path)
    vetted.use(path, data)
    element = parse_xml(data, path)
    template_object = element.find("object")
    if element.tag != "template" or template_object is None:
        raise LevelError(path, "not a Tiled object template (no <template> with an <object>)")
    if template_object.get("template"):
        raise LevelError(path, "a template cannot use another template")
    offset = None
    tileset = element.find("tileset")
    if template_object.get("gid") is not None:
        if tileset is None or not tileset.get("source"):
            raise LevelError(path, "a tile template needs its tileset as a .tsx file")
        source = tileset.get("source", "")
        tsx = confine(path.parent, source, vetted.root, f"tileset {source!r}", path)
        first = _int(tileset, "firstgid", path, "the template's tileset", 1, MAX_GID)
        offset = _tileset_for_template(tsx, vetted, where) - first
    return template_object, offset


def _tileset_for_template(tsx: Path, vetted: VettedMap, where: dict) -> int:
    """The first tile id, in the map's numbering, of the tileset a tile template draws from.

    The map's own reference to the same .tsx; else a tileset the map embeds with the same name
    and image (Tiled's "embed tilesets" keeps template references); else, as Tiled does, the
    template's tileset joins the map's tilesets after the last one."""
    if tsx in vetted.tileset_files:
        return vetted.tileset_files[tsx]
    if len(vetted.tile_ranges) >= MAX_TILESETS:
        raise LevelError(vetted.path, f"more than {MAX_TILESETS} tilesets", **where)
    first = max((f + c for f, c in vetted.tile_ranges), default=1)
    relative = os.path.relpath(tsx, vetted.path.parent).replace(os.sep, "/")
    reference = ElementTree.Element("tileset", {"firstgid": str(first), "source": relative})
    inlined = _tileset(reference, vetted)
    image = inlined.find("image")
    key = (inlined.get("name"), image.get("source") if image is not None else None)
    existing = [e for e in vetted.tree if e.tag == "tileset"]
    for element in existing:
        found = element.find("image")
        if (element.get("name"), found.get("source") if found is not None else None) == key:
            vetted.tileset_files[tsx] = int(element.get("firstgid", "1"))
            return vetted.tileset_files[tsx]
    vetted.tileset_files[tsx] = first
    vetted.tile_ranges.append((first, int(inlined.get("tilecount", "0"))))
    position = list(vetted.tree).index(existing[-1]) + 1 if existing else 0
    vetted.tree.insert(position, inlined)
    return first


def object_groups(tree: ElementTree.Element) -> list[ElementTree.Element]:
    """Every object layer of a map, groups included, in document order (not tile collisions)."""
    return [layer for layer in layer_elements(tree) if layer.tag == "objectgroup"]


def _object_id(element: ElementTree.Element) -> int | None:
    raw = element.get("id", "")
    return int(raw) if _ID.fullmatch(raw) else None


def _check_objects(vetted: VettedMap) -> None:
    """Numbers pytmx would choke on, and caps, for every object (tile collision shapes too)."""
    path = vetted.path
    objects = list(vetted.tree.iter("object"))
    if len(objects) > MAX_OBJECTS:
        raise LevelError(path, f"{len(objects)} objects; the limit is {MAX_OBJECTS}")
    layer_of = {
        id(o): g.get("name", "") for g in object_groups(vetted.tree) for o in g.findall("object")
    }
    for element in objects:
        layer = layer_of.get(id(element))
        where = {
            "layer": layer,
            "object_id": _object_id(element),
            "object_name": element.get("name", ""),
        }
        what = "the object"
        _int(element, "id", path, what, 0, 1 << 30, default=0, **where)
        for name in ("x", "y", "width", "height", "rotation"):
            _finite(element, name, path, what, **where)
        if element.get("gid") is not None:
            gid = _int(element, "gid", path, what, 0, 0xFFFFFFFF, **where) & GID_MASK
            if gid and not any(f <= gid < f + c for f, c in vetted.tile_ranges):
                raise LevelError(
                    path,
                    f"tile id {gid} is in no tileset",
                    fix="re-add the tileset it came from, or delete the object",
                    **where,
                )
        for shape in ("polygon", "polyline"):
            outline = element.find(shape)
            if outline is None:
                continue
            pairs = (outline.get("points") or "").split()
            if not 2 <= len(pairs) <= MAX_POINTS:
                raise LevelError(
                    path, f"a {shape} needs 2 to {MAX_POINTS} points, not {len(pairs)}", **where
                )
            for pair in pairs:
                xy = pair.split(",")
                try:
                    ok = len(xy) == 2 and all(math.isfinite(float(v)) for v in xy)
                except ValueError:
                    ok = False
                if not ok:
                    raise LevelError(path, f"{shape} point {pair[:40]!r} is not x,y", **where)
        if layer is not None:
            for prop in element.findall("properties/property"):
                _check_property(prop, path.parent, vetted, path, **where)


def dependencies(map_path: str | Path, root: str | Path | None = None) -> list[Path]:
    """The files a map uses besides itself (tilesets, images, templates), found by the same
    pre-flight the loader runs; empty when the map cannot be vetted right now."""
    try:
        return list(vet_map(map_path, root).dependencies)
    except LevelError:
        return []

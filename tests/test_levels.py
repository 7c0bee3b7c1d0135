"""Maps load as the game and modders expect: every campaign map, classes from `type` or `class`,
schema defaults, merged collision, slow ground, polygons, a walkable beachhead, clear errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import deque
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from game.level.campaign import campaign_dir, resolve_level  # noqa: E402
from game.level.data import LevelData  # noqa: E402
from game.level.errors import LevelError  # noqa: E402
from game.level.loader import iter_cells, load_level, merge_cells  # noqa: E402
from game.level.schema import load_schema  # noqa: E402

MAPS = Path(__file__).parent / "data" / "maps"
LEVELS = campaign_dir()
CAMPAIGN_MAPS = sorted(LEVELS.glob("*.tmx"))
FLIP_MASK = 0x1FFFFFFF


@pytest.fixture(scope="module")
def beachhead() -> LevelData:
    return load_level(LEVELS / "beachhead.tmx")


def tile_flags(tmx: Path) -> dict[str, set[tuple[int, int]]]:
    """Cells with solid / water tiles in any tile layer, read straight from the files."""
    root = ElementTree.parse(tmx).getroot()
    width = int(root.get("width"))
    props: dict[int, dict[str, str]] = {}
    for ts in root.findall("tileset"):
        first = int(ts.get("firstgid"))
        node = ElementTree.parse(tmx.parent / ts.get("source")).getroot()
        for tile in node.findall("tile"):
            gid = first + int(tile.get("id"))
            props[gid] = {p.get("name"): p.get("value") for p in tile.iter("property")}
    cells: dict[str, set[tuple[int, int]]] = {"solid": set(), "water": set()}
    for layer in root.iter("layer"):
        values = layer.find("data").text.replace("\n", "").split(",")
        for i, raw in enumerate(values):
            gid = int(raw) & FLIP_MASK
            for key in cells:
                if props.get(gid, {}).get(key) == "true":
                    cells[key].add((i % width, i // width))
    return cells


def assert_exact_cover(rects, cells: set[tuple[int, int]], tile: int = 32) -> None:
    covered = list(iter_cells(rects, tile, tile))
    assert len(covered) == len(set(covered)), "rectangles overlap"
    assert set(covered) == cells


# --- every map ------------------------------------------------------------------------------


def test_campaign_has_maps():
    assert LEVELS / "beachhead.tmx" in CAMPAIGN_MAPS


@pytest.mark.parametrize("tmx", CAMPAIGN_MAPS, ids=lambda p: p.name)
def test_every_campaign_map_loads(tmx: Path):
    level = load_level(tmx)
    assert level.objects_of("PlayerStart"), "a map needs at least one PlayerStart"
    assert level.tile_layers and level.tilesets
    for ts in level.tilesets:
        assert Path(ts.image_path).is_absolute() and Path(ts.image_path).is_file()
        assert Path(ts.image_path).resolve().is_relative_to(tmx.parent.resolve())
    assert len(level.slow_factors) == level.width * level.height
    schema = load_schema()
    for obj in level.objects:
        assert obj.cls in schema.class_names, f"object {obj.id} {obj.name!r} has no schema class"


# --- classes and properties ---------------------------------------------------------------


def test_class_from_type_attribute():
    level = load_level(MAPS / "class_type.tmx")
    assert [o.cls for o in level.objects] == [
        "PlayerStart",
        "MimicSpawn",
        "MimicSpawn",
        "Trigger",
        "Exit",
        "Lamp",
        "",
    ]
    # objects keep document order across layers, and know their layer
    assert [o.layer for o in level.objects][-2:] == ["late", "late"]
    full = level.object_by_id(3)
    assert full.prop("kind") == "alpha"
    assert full.prop("count") == 3
    assert full.prop("at") == 12.5
    assert full.prop("emerge") is False
    assert full.prop("trigger") == 4 and level.object_by_id(4).cls == "Trigger"
    assert full.prop("ambush") == "ambush:dunes"
    assert level.object_by_id(5).prop("map") == "other.tmx"
    assert level.object_by_id(6).prop("brightness") == 3  # unknown classes keep their props


def test_class_from_class_attribute_tiled_1_9():
    level = load_level(MAPS / "class_attr.tmx")
    assert [o.cls for o in level.objects] == ["PlayerStart", "MimicSpawn", "Intel"]
    assert level.object_by_id(2).prop("count") == 2
    notebook = level.object_by_id(3)
    assert notebook.prop("knowledge") == "intel:test"
    assert notebook.prop("text") == "first line\nsecond line"
    assert notebook.prop("title") == ""


def test_schema_defaults_fill_unsaved_properties():
    level = load_level(MAPS / "class_type.tmx")
    bare = level.object_by_id(2)
    assert bare.prop("count") == 1
    assert bare.prop("emerge") is True
    assert bare.prop("kind") == "drone"
    assert bare.prop("at") < 0  # no timer
    assert bare.prop("trigger") == 0
    assert bare.prop("ambush") == "ambush:2"
    assert level.object_by_id(4).prop("once") is False
    assert load_level(MAPS / "class_attr.tmx").object_by_id(1).prop("facing") == 0.0


def test_map_properties_title_and_music():
    level = load_level(MAPS / "class_type.tmx")
    assert level.title == "Class from type"
    assert level.music == str(MAPS.resolve() / "music" / "theme.ogg")
    assert load_level(MAPS / "class_attr.tmx").title == "class_attr"
    assert load_level(MAPS / "class_attr.tmx").music == ""


def test_hidden_tile_layers_are_not_drawn_but_still_collide():
    level = load_level(MAPS / "class_type.tmx")
    assert [layer.name for layer in level.tile_layers] == ["ground"]
    assert level.solid_rects == (level.solid_rects[0],)
    assert level.solid_rects[0].contains(40, 40)


def test_schema_declares_every_class_of_the_contract():
    schema = load_schema()
    expected = {
        "PlayerStart": {"facing"},
        "Wall": set(),
        "Water": set(),
        "MimicSpawn": {"kind", "count", "at", "trigger", "emerge", "ambush", "strike"},
        "Trigger": {"once"},
        "Intel": {"knowledge", "title", "text"},
        "Gate": {"requires", "message", "code"},
        "Rita": set(),
        "TrainingDrill": {"drill", "level"},
        "Exit": {"map", "spawn"},
        "Mine": {"field"},
        "Omega": set(),
        "Explosive": set(),
        "Split": set(),
    }
    assert set(schema.class_names) == set(expected)
    for name, members in expected.items():
        assert {m.name for m in schema.class_type(name).members} == members
    spawn = schema.class_type("MimicSpawn")
    assert spawn.member("kind").values == (
        "drone", "alpha", "spitter", "burrower", "carapace", "mite", "hulk", "brood"
    )  # fmt: skip
    assert spawn.member("trigger").type == "object"
    assert schema.class_type("Exit").member("map").type == "file"
    assert schema.enum("Drill").values == ("move", "reload", "ordnance", "blade", "trust")


def test_project_file_is_a_tiled_project_with_commands():
    data = json.loads((LEVELS / "aynik.tiled-project").read_text())
    assert data["folders"] == ["."]
    commands = {c["name"]: c for c in data["commands"]}
    assert commands["Validate map"]["command"] == "aynik"
    assert commands["Validate map"]["arguments"] == "validate %mapfile"
    assert commands["Play this map"]["arguments"] == "play --level %mapfile --dev"
    assert commands["Validate mod"]["arguments"] == "mod check %projectpath"
    ids = [t["id"] for t in data["propertyTypes"]]
    assert len(ids) == len(set(ids))
    for t in data["propertyTypes"]:
        if t["type"] == "class":
            # Map objects' classes, Ground for tiles (test_surfaces checks it) and Level for the
            # map's own properties.
            uses = {"Ground": ["tile"], "Level": ["map"]}
            assert t["useAs"] == uses.get(t["name"], ["object"])
        else:
            assert t["storageType"] == "string" and t["valuesAsFlags"] is False


def test_bad_property_value_names_the_object(tmp_path: Path):
    text = (MAPS / "class_type.tmx").read_text()
    text = text.replace('name="count" type="int" value="3"', 'name="count" value="many"')
    bad = tmp_path / "bad.tmx"
    bad.write_text(text)
    shutil.copy(MAPS / "tiny.tsx", tmp_path)
    shutil.copytree(MAPS / "tiles", tmp_path / "tiles")
    with pytest.raises(LevelError) as err:
        load_level(bad)
    assert str(err.value).startswith(str(bad))
    assert "object 3 'full'" in str(err.value) and "count" in str(err.value)


# --- collision and ground -----------------------------------------------------------------


def test_solid_and_water_tiles_merge_exactly():
    tmx = MAPS / "collision.tmx"
    level = load_level(tmx)
    flags = tile_flags(tmx)
    assert_exact_cover(level.solid_rects, flags["solid"])
    assert_exact_cover(level.water_rects, flags["water"])
    assert (5, 3) in flags["solid"]  # a flipped tile is still the same solid tile
    assert len(level.solid_rects) < len(flags["solid"]) / 3
    assert len(level.water_rects) == 1


def test_beachhead_collision_is_merged_and_exact(beachhead: LevelData):
    tmx = LEVELS / "beachhead.tmx"
    flags = tile_flags(tmx)
    assert_exact_cover(beachhead.solid_rects, flags["solid"])
    assert_exact_cover(beachhead.water_rects, flags["water"])
    assert len(beachhead.solid_rects) < len(flags["solid"]) / 4
    assert len(beachhead.water_rects) < len(flags["water"]) / 50


@st.composite
def grids(draw) -> tuple[int, int, bytes]:
    width = draw(st.integers(1, 14))
    height = draw(st.integers(1, 12))
    cells = draw(st.lists(st.booleans(), min_size=width * height, max_size=width * height))
    return width, height, bytes(cells)


@settings(max_examples=80, deadline=None)
@given(grids())
def test_merge_cells_covers_any_grid_exactly(grid):
    width, height, cells = grid
    rects = merge_cells(cells, width, height, 32, 32)
    expected = {(i % width, i // width) for i, v in enumerate(cells) if v}
    assert_exact_cover(rects, expected)


def test_slow_factor_lookup():
    level = load_level(MAPS / "collision.tmx")
    assert level.slow_at(2 * 32 + 5, 2 * 32 + 5) == 0.5
    assert level.slow_at(1 * 32 + 16, 1 * 32 + 16) == 0.5  # from the overlay layer
    assert level.slow_at(4 * 32 + 16, 4 * 32 + 16) == 1.0
    assert level.slow_at(-10, -10) == 1.0


def test_beachhead_slow_ground(beachhead: LevelData):
    first = beachhead.tilesets[0].firstgid
    tiles = ElementTree.parse(LEVELS / "beach.tsx").getroot().findall("tile")
    names = {
        first + int(tile.get("id")): {p.get("name"): p.get("value") for p in tile.iter("property")}
        for tile in tiles
    }
    ground = beachhead.tile_layers[0].gids
    checked = 0
    for y in range(0, beachhead.height, 3):
        for x in range(0, beachhead.width, 3):
            expected = float(names.get(ground[y][x], {}).get("slow", 1.0))
            px, py = x * 32 + 16, y * 32 + 16
            assert beachhead.slow_at(px, py) <= expected
            checked += expected < 1.0
    assert checked > 20
    assert min(beachhead.slow_factors) < 0.5  # barbed wire


def test_polygons_rectangles_ellipses_and_rotation():
    level = load_level(MAPS / "collision.tmx")
    walls = {o.name: o for o in level.objects_of("Wall")}
    assert walls["box"].outline == ((64, 256), (128, 256), (128, 288), (64, 288))
    # pytmx gives polygon points already absolute
    assert walls["wedge"].points == ((100, 200), (164, 200), (132, 248))
    assert walls["wedge"].contains(132, 210) and not walls["wedge"].contains(101, 246)
    assert len(walls["pillar"].points) >= 12 and walls["pillar"].contains(316, 116)
    assert not walls["pillar"].contains(301, 101)  # the ellipse's corner is outside it
    turned = walls["turned"].points  # 90 degrees clockwise around its top-left corner
    assert [tuple(round(v) for v in p) for p in turned] == [
        (320, 200),
        (320, 264),
        (288, 264),
        (288, 200),
    ]
    assert level.wall_polygons == tuple(w.outline for w in level.objects_of("Wall"))
    pond = level.objects_of("Water")[0]
    assert level.water_polygons == (pond.points,)
    assert pond.points[1] == (240, 20)


def test_tile_layers_strip_flip_flags_and_keep_order():
    level = load_level(MAPS / "collision.tmx")
    assert [layer.name for layer in level.tile_layers] == ["ground", "walls", "overlay"]
    walls = level.tile_layers[1]
    assert walls.gids[3][5] == 2
    assert len(walls.gids) == 10 and all(len(row) == 12 for row in walls.gids)
    ts = level.tilesets[0]
    assert ts.image_path == str((MAPS / "tiles" / "tiny.png").resolve())
    assert (ts.columns, ts.tile_count, ts.firstgid) == (4, 4, 1)


def test_content_hash_is_stable_and_covers_tilesets(tmp_path: Path):
    for name in ("collision.tmx", "tiny.tsx"):
        shutil.copy(MAPS / name, tmp_path)
    shutil.copytree(MAPS / "tiles", tmp_path / "tiles")
    first = load_level(tmp_path / "collision.tmx").content_hash
    assert first == load_level(tmp_path / "collision.tmx").content_hash
    assert first == load_level(MAPS / "collision.tmx").content_hash  # not the folder
    tsx = tmp_path / "tiny.tsx"
    tsx.write_text(tsx.read_text().replace('value="0.5"', 'value="0.25"'))
    assert load_level(tmp_path / "collision.tmx").content_hash != first
    image = tmp_path / "tiles" / "tiny.png"
    tsx.write_text((MAPS / "tiny.tsx").read_text())
    image.write_bytes(image.read_bytes() + b"\0")
    assert load_level(tmp_path / "collision.tmx").content_hash != first


# --- the beachhead ------------------------------------------------------------------------


def walkable_from(level: LevelData, start: tuple[int, int]) -> set[tuple[int, int]]:
    blocked = set(iter_cells(level.solid_rects, 32, 32)) | set(
        iter_cells(level.water_rects, 32, 32)
    )
    seen = {start}
    queue = deque([start])
    while queue:
        x, y = queue.popleft()
        for nxt in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            nx, ny = nxt
            inside = 0 <= nx < level.width and 0 <= ny < level.height
            if inside and nxt not in seen and nxt not in blocked:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def tile_of(level: LevelData, px: float, py: float) -> tuple[int, int]:
    return int(px // level.tile_width), int(py // level.tile_height)


def test_beachhead_exit_is_reachable_from_the_landing_zone(beachhead: LevelData):
    start = beachhead.player_start("landing")
    assert start.prop("facing") == 270
    reach = walkable_from(beachhead, tile_of(beachhead, start.x, start.y))
    exit_ = beachhead.objects_of("Exit")[0]
    exit_tiles = {
        tile_of(beachhead, x, y)
        for x in range(int(exit_.x), int(exit_.x + exit_.width), 32)
        for y in range(int(exit_.y), int(exit_.y + exit_.height), 32)
    }
    assert exit_tiles & reach, "Cage cannot walk from the landing zone to the Exit"
    # and so is everything the day asks him to reach
    for cls in ("Rita", "TrainingDrill", "Intel", "Trigger", "Split", "MimicSpawn", "Mine"):
        for obj in beachhead.objects_of(cls):
            assert tile_of(beachhead, *obj.center) in reach, f"{cls} {obj.name!r} unreachable"
    for polygon in beachhead.wall_polygons + beachhead.water_polygons:
        probe = replace(start, points=polygon, width=0, height=0)
        assert not probe.contains(start.x, start.y)


def test_beachhead_content(beachhead: LevelData):
    assert beachhead.title == "The Beachhead"
    assert (beachhead.width, beachhead.height) == (120, 80)
    assert [layer.name for layer in beachhead.tile_layers] == ["ground", "obstacles", "decor"]
    assert all(all(row) for row in beachhead.tile_layers[0].gids), "ground has holes"
    spawns = beachhead.objects_of("MimicSpawn")
    assert len(spawns) >= 10
    assert [s.prop("kind") for s in spawns].count("alpha") == 1
    assert any(s.prop("emerge") is False for s in spawns)
    for spawn in spawns:
        assert spawn.name, f"spawn {spawn.id} needs a descriptive name"
        assert 1 <= spawn.prop("count") <= (8 if spawn.prop("kind") == "mite" else 4)
        trigger = spawn.prop("trigger")
        if trigger:
            assert beachhead.object_by_id(trigger).cls == "Trigger"
        else:
            assert spawn.prop("at") >= 0, f"spawn {spawn.name!r} has neither timer nor trigger"
    drills = sorted(
        (d.prop("level"), d.prop("drill")) for d in beachhead.objects_of("TrainingDrill")
    )
    assert drills == [(1, "move"), (2, "reload"), (3, "ordnance"), (4, "blade"), (5, "trust")]
    mines = beachhead.objects_of("Mine")
    assert 8 <= len(mines) <= 12 and {m.prop("field") for m in mines} == {"field:beach-mines"}
    # Two of the tunnel code's three pieces are on the beach: the officer's and the farm radio's.
    intel = {i.name: i.prop("knowledge") for i in beachhead.objects_of("Intel")}
    assert intel == {"officer": "intel:gate-code", "farm-radio": "intel:gate-code-2"}
    kinds = {s.prop("kind") for s in spawns}
    assert {"drone", "alpha", "spitter", "burrower", "carapace", "mite", "hulk"} <= kinds
    (exit_,) = beachhead.objects_of("Exit")
    assert (exit_.prop("map"), exit_.prop("spawn")) == ("dam.tmx", "road")
    assert {s.name for s in beachhead.objects_of("Split")} == {"Beach", "Seawall", "Road"}
    assert beachhead.objects_of("Rita")


def test_beachhead_generator_is_deterministic(tmp_path: Path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_beachhead", Path(__file__).parent.parent / "assets" / "make_beachhead.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    level = module.Beachhead(module.SEED)
    level.build()
    out = tmp_path / "beachhead.tmx"
    module.write_map(out, module.TITLE, level, music=module.MUSIC)
    assert out.read_bytes() == (LEVELS / "beachhead.tmx").read_bytes()


@pytest.mark.skipif(shutil.which("tiled") is None, reason="Tiled is not installed")
def test_beachhead_survives_a_resave_in_tiled(tmp_path: Path):
    copy = tmp_path / "levels"
    shutil.copytree(LEVELS, copy)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(
        ["tiled", "--export-map", "tmx", "beachhead.tmx", "resaved.tmx"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    original = load_level(copy / "beachhead.tmx")
    resaved = load_level(copy / "resaved.tmx")
    assert replace(resaved, path=original.path, content_hash="") == replace(
        original, content_hash=""
    )


# --- errors -------------------------------------------------------------------------------


def test_missing_file_is_a_level_error(tmp_path: Path):
    missing = tmp_path / "nowhere.tmx"
    with pytest.raises(LevelError) as err:
        load_level(missing)
    assert str(err.value) == f"{missing}: file not found"


def test_malformed_xml_is_a_level_error_naming_the_file():
    with pytest.raises(LevelError) as err:
        load_level(MAPS / "malformed.tmx")
    message = str(err.value)
    assert message.startswith(str(MAPS / "malformed.tmx") + ": ")
    assert "malformed XML" in message and "line 7" in message


def test_missing_tileset_is_a_level_error():
    with pytest.raises(LevelError) as err:
        load_level(MAPS / "missing_tileset.tmx")
    assert "nowhere.tsx" in str(err.value)
    assert str(err.value).startswith(str(MAPS / "missing_tileset.tmx"))


def test_pytmx_failures_become_level_errors(tmp_path: Path):
    shutil.copy(MAPS / "tiny.tsx", tmp_path)
    shutil.copytree(MAPS / "tiles", tmp_path / "tiles")
    broken = (MAPS / "class_attr.tmx").read_text().replace('encoding="csv"', 'encoding="xml"')
    (tmp_path / "broken.tmx").write_text(broken)
    with pytest.raises(LevelError) as err:
        load_level(tmp_path / "broken.tmx")
    assert str(err.value).startswith(str(tmp_path / "broken.tmx") + ": ")


def test_reserved_property_name_names_the_object(tmp_path: Path):
    shutil.copy(MAPS / "tiny.tsx", tmp_path)
    shutil.copytree(MAPS / "tiles", tmp_path / "tiles")
    text = (MAPS / "class_attr.tmx").read_text()
    text = text.replace('name="count" type="int"', 'name="rotation" type="int"')
    (tmp_path / "reserved.tmx").write_text(text)
    with pytest.raises(LevelError) as err:
        load_level(tmp_path / "reserved.tmx")
    assert "object 2 'pack'" in str(err.value) and "'rotation'" in str(err.value)


def test_missing_tileset_image_is_a_level_error(tmp_path: Path):
    shutil.copy(MAPS / "tiny.tsx", tmp_path)
    shutil.copy(MAPS / "collision.tmx", tmp_path)
    with pytest.raises(LevelError) as err:
        load_level(tmp_path / "collision.tmx")
    assert "tiles/tiny.png" in str(err.value)
    assert str(err.value).startswith(str(tmp_path / "tiny.tsx"))


def test_level_names_resolve_to_campaign_maps(tmp_path: Path):
    assert resolve_level("beachhead") == LEVELS / "beachhead.tmx"
    assert resolve_level("beachhead.tmx") == LEVELS / "beachhead.tmx"
    own = tmp_path / "mine.tmx"
    own.write_text("<map/>")
    assert resolve_level(str(own)) == own
    with pytest.raises(LevelError) as err:
        resolve_level("atlantis")
    assert "beachhead" in str(err.value)

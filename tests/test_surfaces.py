"""What the ground is made of: the tile property `surface`, read from the tileset as a mod's would
be, and what footsteps sound like on it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from game.level.campaign import campaign_dir
from game.level.data import SURFACES
from game.level.loader import load_level
from game.level.problems import WARNING
from game.level.validate import validate_path

LEVELS = campaign_dir()


def test_the_campaign_ground_sounds_like_what_it_is():
    beach = load_level(LEVELS / "beachhead.tmx")
    landing = beach.player_start("landing")
    assert beach.surface_at(landing.x, landing.y) == "metal"  # the landing craft's deck
    radio = next(o for o in beach.objects_of("Intel") if o.name == "farm-radio")
    assert beach.surface_at(*radio.center) == "wood"  # the farmhouse floor
    rita = beach.objects_of("Rita")[0]
    assert beach.surface_at(*rita.center) == "sand"
    dam = load_level(LEVELS / "dam.tmx")
    road = dam.player_start("road")
    assert dam.surface_at(road.x, road.y) == "concrete"
    # Every walkable campaign tile names its surface: nobody walks on silence.
    for level in (beach, dam):
        assert set(level.surfaces) <= {*SURFACES, ""}
        assert {"sand", "concrete", "metal"} <= set(level.surfaces)


def two_layer_map(folder: Path, ground: int, overlay: int) -> Path:
    """A 2x1 map on the campaign tileset: `ground` tiles under one `overlay` tile (tile ids)."""
    shutil.copytree(LEVELS, folder)
    path = folder / "patch.tmx"
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<map version="1.8" orientation="orthogonal" renderorder="right-down" width="2" height="1"
     tilewidth="32" tileheight="32" infinite="0" nextlayerid="4" nextobjectid="2">
 <tileset firstgid="1" source="beach.tsx"/>
 <layer id="1" name="ground" width="2" height="1">
  <data encoding="csv">{ground + 1},{ground + 1}</data>
 </layer>
 <layer id="2" name="decor" width="2" height="1"><data encoding="csv">{overlay + 1},0</data></layer>
 <objectgroup id="3" name="objects">
  <object id="1" name="start" type="PlayerStart" x="16" y="16"><point/></object>
 </objectgroup>
</map>
""",
        encoding="utf-8",
    )
    return path


def test_a_decoration_overlay_keeps_the_ground_beneath(tmp_path: Path):
    # Tile 14 is planks (wood); 48 is debris, an overlay that names no surface; 27 is a grate.
    level = load_level(two_layer_map(tmp_path / "a", ground=14, overlay=48))
    assert level.surfaces == ("wood", "wood")
    # An upper tile that does name one is what he walks on.
    level = load_level(two_layer_map(tmp_path / "b", ground=14, overlay=27))
    assert level.surfaces == ("metal", "wood")
    assert level.surface_at(-5, 10) == ""  # off the map


def test_the_project_declares_the_surfaces_the_game_knows():
    project = json.loads((LEVELS / "aynik.tiled-project").read_text(encoding="utf-8"))
    types = {t["name"]: t for t in project["propertyTypes"]}
    assert tuple(types["Surface"]["values"]) == SURFACES
    ground = types["Ground"]
    assert ground["useAs"] == ["tile"]
    assert {m["name"] for m in ground["members"]} == {"slow", "solid", "surface", "water"}
    tsx = (LEVELS / "beach.tsx").read_text(encoding="utf-8")
    assert 'propertytype="Surface"' in tsx  # Tiled shows the list, not a free text field


def test_an_unknown_surface_is_a_warning_that_it_walks_as_dirt(tmp_path: Path):
    folder = tmp_path / "levels"
    shutil.copytree(LEVELS, folder)
    tsx = folder / "beach.tsx"
    tsx.write_text(tsx.read_text(encoding="utf-8").replace('value="wood"', 'value="snow"'),
                   encoding="utf-8")  # fmt: skip
    problems = validate_path(folder / "beachhead.tmx")
    # Said of the map that walks on it (the beach's farmhouse), not of the dam, which has none.
    about = [p for p in problems if "surface" in p.message]
    assert [Path(p.file).name for p in about] == ["beachhead.tmx"]
    assert about[0].severity == WARNING
    assert "'snow'" in about[0].message and "dirt" in about[0].message
    assert not [p for p in problems if p.is_error]
    assert load_level(folder / "beachhead.tmx").surfaces.count("snow") > 0

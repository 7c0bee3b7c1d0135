"""Splits come from the maps: the campaign's route, and a mod's own `Split` objects.

Also holds `write_course`, the small real maps (Tiled files on disk) the replay and session tests
record and verify runs on.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from game.level.atlas import load_atlas
from game.level.campaign import resolve_level
from game.speedrun import splits as S
from game.speedrun.maps import split_plan_for_level

FIXTURES = Path(__file__).resolve().parent / "data" / "maps"


def _map(width: int, height: int, objects: str) -> str:
    rows = ",\n".join(",".join("1" for _ in range(width)) for _ in range(height))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<map version="1.10" tiledversion="1.10.2" orientation="orthogonal" renderorder="right-down"
 width="{width}" height="{height}" tilewidth="32" tileheight="32" infinite="0"
 nextlayerid="3" nextobjectid="99">
 <tileset firstgid="1" source="tiny.tsx"/>
 <layer id="1" name="ground" width="{width}" height="{height}">
  <data encoding="csv">
{rows}
</data>
 </layer>
 <objectgroup id="2" name="things">
{objects}
 </objectgroup>
</map>
"""


def _spawn(object_id: int, x: int, y: int, at: float, count: int) -> str:
    return f"""  <object id="{object_id}" name="pack-{object_id}" type="MimicSpawn" x="{x}" y="{y}">
   <properties>
    <property name="kind" value="drone"/>
    <property name="count" type="int" value="{count}"/>
    <property name="at" type="float" value="{at}"/>
   </properties>
  </object>"""


def write_course(folder: Path, killers: bool = True, loop: str = "day0") -> Path:
    """Two maps: `course.tmx` (start on the west, splits "Gate" and "Far" across the map, an
    Exit east into `annex.tmx`, and a pack of drones that kills a Cage who stands still in about
    15 s) and `annex.tmx` (a split "Annex"), in a mod whose first day is `loop` ("day0", the
    campaign's way, unless asked otherwise). Returns the path of course.tmx."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mod.json").write_text(json.dumps({"title": "Course", "loop": loop}), "utf-8")
    shutil.copy(FIXTURES / "tiny.tsx", folder / "tiny.tsx")
    shutil.copytree(FIXTURES / "tiles", folder / "tiles", dirs_exist_ok=True)
    packs = (
        "\n".join(_spawn(10 + i, 260 + 40 * i, 320, 0.2, 2) for i in range(3)) if killers else ""
    )
    course = f"""  <object id="1" name="start" type="PlayerStart" x="160" y="320">
   <properties><property name="facing" type="float" value="0"/></properties>
  </object>
  <object id="2" name="Gate" type="Split" x="320" y="0" width="32" height="640"/>
  <object id="3" name="Far" type="Split" x="640" y="0" width="32" height="640"/>
  <object id="4" name="east" type="Exit" x="900" y="0" width="60" height="640">
   <properties>
    <property name="map" type="file" value="annex.tmx"/>
    <property name="spawn" value="in"/>
   </properties>
  </object>
{packs}"""
    annex = """  <object id="1" name="in" type="PlayerStart" x="64" y="320">
   <properties><property name="facing" type="float" value="0"/></properties>
  </object>
  <object id="2" name="Annex" type="Split" x="200" y="0" width="32" height="640"/>"""
    (folder / "course.tmx").write_text(_map(30, 20, course), encoding="utf-8")
    (folder / "annex.tmx").write_text(_map(20, 20, annex), encoding="utf-8")
    return folder / "course.tmx"


def test_the_campaign_route_follows_the_beach_north_then_the_dam_and_ends_at_the_omega():
    level, atlas = load_atlas(resolve_level("beachhead"))
    names = split_plan_for_level(level, atlas).names
    # The beach's own Split objects, with the gate code (the bunker lies between the beach and
    # the seawall) placed by how far along the map it is.
    beach = [n for n in names if n in ("Beach", "Gate code", "Seawall", "Road")]
    assert beach == ["Beach", "Gate code", "Seawall", "Road"]
    for default in S.DEFAULT_SPLITS:
        assert default in names
    assert names.index("Road") < names.index("Dam") < names.index("Alpha's vision")
    assert names.index("Alpha's vision") < names.index("Chamber")
    assert names[-1] == "Omega"
    assert len(names) == len(set(names))


def test_a_mod_gets_its_maps_splits_in_order_across_exits_and_the_omega(tmp_path):
    level, atlas = load_atlas(write_course(tmp_path / "mod"))
    route = split_plan_for_level(level, atlas)
    assert route.names == ["Gate", "Far", "Annex", "Omega"]
    gate = route.get("Gate")
    assert gate.entered("course", 330, 100) and not gate.entered("course", 300, 100)
    assert not gate.entered("annex", 330, 100)  # an area belongs to its own map


def test_a_personal_best_order_reorders_the_route_but_the_omega_stays_last():
    route = S.SplitPlan(
        tuple(S.SplitDef(n) for n in ("A", "B", "C")) + (S.default_splits()["Omega"],)
    )
    assert route.ordered(["C", "Omega", "A"]).names == ["C", "A", "B", "Omega"]

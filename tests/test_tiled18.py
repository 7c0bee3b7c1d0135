"""Tiled 1.8: the object types file its Object Types Editor imports is made from the project file
the game reads (and is committed as made), the project declares the map and tile properties and
commands that check the whole mod, and a map Tiled re-saves still validates."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from game.level.campaign import PROJECT_FILE, campaign_dir, mods_dir
from game.level.mods import new_mod
from game.level.objecttypes import OBJECT_TYPES_FILE, campaign_object_types, object_types_xml
from game.level.schema import default_schema
from game.level.validate import validate_path


def test_the_committed_object_types_file_is_what_the_generator_makes():
    committed = (campaign_dir() / OBJECT_TYPES_FILE).read_text(encoding="utf-8")
    assert committed == campaign_object_types(), "run: python -m game.level.objecttypes"


def test_every_object_class_with_its_defaults_is_in_the_object_types():
    root = ElementTree.fromstring(campaign_object_types())
    assert root.tag == "objecttypes"
    types = {t.get("name"): t for t in root.findall("objecttype")}
    schema = default_schema()
    assert list(types) == list(schema.class_names)
    for class_type in schema.classes:
        element = types[class_type.name]
        assert element.get("color", "").startswith("#") and len(element.get("color")) == 7
        props = {p.get("name"): (p.get("type"), p.get("default")) for p in element}
        assert list(props) == [m.name for m in class_type.members]
    spawn = {p.get("name"): (p.get("type"), p.get("default")) for p in types["MimicSpawn"]}
    assert spawn == {
        "ambush": ("string", ""),
        "at": ("float", "-1"),
        "count": ("int", "1"),
        "emerge": ("bool", "true"),
        "kind": ("string", "drone"),
        "strike": ("int", "0"),
        "trigger": ("object", "0"),
    }
    # As Tiled 1.8 exports an enum property: with the project open, a drop-down of its values.
    enums = {p.get("name"): p.get("propertytype") for t in types.values() for p in t}
    assert (enums["kind"], enums["drill"], enums["at"]) == ("MimicKind", "Drill", None)
    assert {p.get("name"): p.get("type") for p in types["Exit"]} == {
        "map": "file",
        "spawn": "string",
    }
    assert types["Wall"].findall("property") == []


def test_the_generator_escapes_and_converts_colors():
    project = {
        "propertyTypes": [
            {"type": "enum", "name": "E", "values": ["a"]},
            {
                "type": "class",
                "name": 'A"&<',
                "color": "#ff112233",
                "useAs": ["object"],
                "members": [{"name": "e", "type": "string", "propertyType": "E", "value": "a"}],
            },
            {"type": "class", "name": "T", "useAs": ["tile"], "members": []},
        ]
    }
    root = ElementTree.fromstring(object_types_xml(project))
    (only,) = root
    assert (only.get("name"), only.get("color")) == ('A"&<', "#112233")


def test_the_project_declares_map_and_tile_properties_and_mod_commands():
    project = json.loads((campaign_dir() / PROJECT_FILE).read_text())
    by_use = {}
    for entry in project["propertyTypes"]:
        if entry["type"] == "class":
            for use in entry["useAs"]:
                by_use.setdefault(use, {})[entry["name"]] = {m["name"] for m in entry["members"]}
    assert by_use["map"] == {"Level": {"title", "music", "briefing"}}
    assert {"solid", "water", "slow"} <= by_use["tile"]["Ground"]
    assert "Level" not in default_schema().class_names
    commands = {c["name"]: (c["command"], c["arguments"]) for c in project["commands"]}
    # Tiled 1.8.2 puts the project file's folder (the mod's) for %projectpath, the map's folder
    # for %mappath and the map file for %mapfile, each quoted.
    assert project["commands"][0]["name"] == "Validate mod"  # the toolbar button's
    assert commands["Validate mod"] == ("aynik", "mod check %projectpath")
    assert commands["Play this map"] == ("aynik", "play --level %mapfile --dev")


def test_mod_new_copies_the_object_types():
    folder = new_mod("types")
    assert (folder / OBJECT_TYPES_FILE).read_text() == campaign_object_types()
    assert folder.parent == mods_dir()


@pytest.mark.skipif(shutil.which("tiled") is None, reason="Tiled is not installed")
def test_a_new_mods_map_resaved_by_tiled_still_validates(tmp_path: Path):
    folder = new_mod("resaved")
    out = folder / "resaved.tmx"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(tmp_path)}
    subprocess.run(
        ["tiled", "--export-map", "tmx", str(folder / "first.tmx"), str(out)],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    (folder / "first.tmx").unlink()  # else the copy's ambush ids clash with the original's
    assert out.is_file() and validate_path(out) == []


def test_the_object_types_ship_with_the_game():
    root = Path(__file__).parent.parent
    pyproject = (root / "pyproject.toml").read_text()
    levels = next(line for line in pyproject.splitlines() if line.startswith('"game.levels" = ['))
    assert '"*.xml"' in levels  # the wheel's game/levels
    assert '".xml"' in (root / "packaging" / "aynik.spec").read_text()  # the standalone build


def test_what_only_the_editor_reads_leaves_the_levels_hash_alone():
    """Tiled's commands and the map's class are the editor's: changing them keeps every level's
    content hash (and so every recorded replay) as it is."""
    from game.level.schema import schema_digest

    project = json.loads((campaign_dir() / PROJECT_FILE).read_text())
    before = schema_digest(project)
    assert before == default_schema().sha256
    edited = json.loads(json.dumps(project))
    edited["commands"].append({"name": "Mine", "command": "true", "arguments": "%mapfile"})
    level = next(t for t in edited["propertyTypes"] if t.get("useAs") == ["map"])
    level["members"].append({"name": "extra", "type": "string", "value": ""})
    assert schema_digest(edited) == before
    spawn = next(t for t in edited["propertyTypes"] if t["name"] == "MimicSpawn")
    next(m for m in spawn["members"] if m["name"] == "count")["value"] = 2
    assert schema_digest(edited) != before  # a default the game fills in is the game's

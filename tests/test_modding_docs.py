"""docs/MODDING.md tells the truth: its class reference matches the Tiled project file, its sample
validator lines are what the validator prints for those mistakes, and its mod.json is the
tutorial's."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from game.level.campaign import PROJECT_FILE, campaign_dir
from game.level.mods import new_mod
from game.level.schema import REQUIRED, Member, load_schema
from game.level.validate import SHAPES, Validator

DOC = Path(__file__).parent.parent / "docs" / "MODDING.md"
TUTORIAL = Path(__file__).parent / "data" / "maps" / "mods" / "tutorial"


def reference_rows(name: str) -> list[list[str]]:
    """The cells of the table between `<!-- reference:NAME -->` and `<!-- /reference -->`."""
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"<!-- reference:{name} -->(.*?)<!-- /reference -->", text, re.S)
    assert match, f"MODDING.md has no {name} reference table"
    rows = [line.strip() for line in match.group(1).strip().splitlines()]
    cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows]
    return cells[2:]  # past the header and its rule


def plain(cell: str) -> str:
    return cell.replace("`", "").strip()


def shown(member: Member) -> str:
    """A default as the reference writes it."""
    value = member.default
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if value == "":
        return '""'
    return str(value)


def type_of(member: Member) -> str:
    return f"enum {member.enum}" if member.type == "enum" else member.type


def documented_classes() -> dict[str, dict]:
    classes: dict[str, dict] = {}
    current = None
    for cls, shape, prop, kind, default, meaning in reference_rows("classes"):
        if plain(cls):
            current = classes.setdefault(plain(cls), {"shape": plain(shape), "members": {}})
        assert current is not None, "a property row before any class row"
        assert meaning, f"{cls or prop}: say what it means"
        if prop in ("—", "-", ""):
            continue
        name = plain(prop)
        required = name.endswith("*")
        current["members"][name.rstrip("*")] = (plain(kind), plain(default), required)
    return classes


def test_the_reference_lists_exactly_the_project_files_classes_and_members():
    schema = load_schema(campaign_dir() / PROJECT_FILE)
    documented = documented_classes()
    assert sorted(documented) == sorted(schema.class_names)
    for class_type in schema.classes:
        members = documented[class_type.name]["members"]
        assert sorted(members) == sorted(m.name for m in class_type.members), class_type.name
        for member in class_type.members:
            kind, default, required = members[member.name]
            where = f"{class_type.name}.{member.name}"
            assert kind == type_of(member), where
            assert default == shown(member), where
            assert required == (member.name in REQUIRED.get(class_type.name, ())), where


def test_the_reference_shapes_are_the_validators():
    documented = documented_classes()
    for name, entry in documented.items():
        assert tuple(s.strip() for s in entry["shape"].split(",")) == SHAPES[name], name


def test_the_enums_are_the_project_files():
    schema = load_schema(campaign_dir() / PROJECT_FILE)
    documented = {
        plain(name): [plain(v) for v in values.split(",")]
        for name, values in reference_rows("enums")
    }
    assert documented == {e.name: list(e.values) for e in schema.enums}


def test_the_project_file_declares_the_commands_and_object_classes():
    project = json.loads((campaign_dir() / PROJECT_FILE).read_text())
    commands = {c["name"]: (c["command"], c["arguments"]) for c in project["commands"]}
    assert commands == {
        "Validate mod": ("aynik", "mod check %projectpath"),
        "Validate map": ("aynik", "validate %mapfile"),
        "Play this map": ("aynik", "play --level %mapfile --dev"),
    }
    tile_classes = []
    for entry in project["propertyTypes"]:
        if entry["type"] == "class" and entry["useAs"] not in (["object"], ["map"]):
            tile_classes.append(entry["name"])
            assert entry["useAs"] == ["tile"]
    # Ground describes tile properties; the schema keeps it out of the object classes.
    assert tile_classes == ["Ground"]
    assert "Ground" not in load_schema(campaign_dir() / PROJECT_FILE).class_names


def test_the_tutorials_mod_json_is_the_fixtures():
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", text, re.S)
    assert block is not None
    assert json.loads(block.group(1)) == json.loads((TUTORIAL / "mod.json").read_text())


MISTAKES = {
    "MimicSpwan": lambda t: t.replace('type="MimicSpawn"', 'type="MimicSpwan"'),
    "kind must be": lambda t: t.replace(
        '<property name="count" type="int" value="3"/>',
        '<property name="count" type="int" value="3"/><property name="kind" value="dron"/>',
    ),
    "an Exit, not a Trigger": lambda t: t.replace(
        'name="trigger" type="object" value="2"', 'name="trigger" type="object" value="6"'
    ),
    "does not exist": None,  # bunker.tmx deleted
    "cannot be reached": lambda t: re.sub(r"^((?:[^,\n]*,){15})[12]", r"\g<1>33", t, flags=re.M),
    "nothing grants": lambda t: t.replace(
        'name="requires" value="intel:door-code"', 'name="requires" value="intel:door-cod"'
    ),
}


def sample_lines() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("### 11. Validate") : text.index("### 12. Play")]
    block = re.search(r"```\n(first\.tmx: .*?)```", section, re.S)
    assert block is not None
    return block.group(1).strip().splitlines()


@pytest.mark.parametrize("line", sample_lines(), ids=lambda line: line.split(": ")[2][:40])
def test_the_sample_validator_lines_are_what_it_prints(line: str):
    key = next(k for k in MISTAKES if k in line)
    folder = new_mod("firststeps")
    for name in ("first.tmx", "bunker.tmx", "mod.json"):
        shutil.copy(TUTORIAL / name, folder / name)
    assert Validator().validate(folder / "first.tmx") == []
    mistake = MISTAKES[key]
    if mistake is None:
        (folder / "bunker.tmx").unlink()
    else:
        first = folder / "first.tmx"
        changed = mistake(first.read_text())
        assert changed != first.read_text(), key
        first.write_text(changed)
    printed = [p.line() for p in Validator().validate(folder / "first.tmx")]
    expected = re.escape(line.removeprefix("first.tmx")).replace(re.escape("..."), ".*")
    assert any(re.fullmatch(f".*/first\\.tmx{expected}", p) for p in printed), printed

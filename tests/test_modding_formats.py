"""Maps as Tiled 1.8 to 1.12 write them load the same: `type` or `class`, object templates, group
layers in document order, every layer data format, newer attributes; and every shipped map
survives a round trip through the real Tiled command line (skipped only where Tiled is absent)."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from game.level.campaign import campaign_dir
from game.level.data import LevelData
from game.level.loader import load_level

MAPS = Path(__file__).parent / "data" / "maps"
TILED = shutil.which("tiled")
needs_tiled = pytest.mark.skipif(TILED is None, reason="Tiled is not installed")


def comparable(level: LevelData, *, dependencies: bool = True) -> LevelData:
    """A level without what depends on the file's own name and bytes."""
    level = replace(level, path="", content_hash="", title="")
    return level if dependencies else replace(level, dependencies=())


def copy_maps(tmp_path: Path) -> Path:
    folder = tmp_path / "maps"
    shutil.copytree(MAPS, folder)
    return folder


def tiled_export(folder: Path, source: str, target: str, *flags: str) -> Path:
    assert TILED is not None
    subprocess.run(
        [TILED, "--export-map", "tmx", *flags, source, target],
        cwd=folder,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        check=True,
        capture_output=True,
        timeout=120,
    )
    return folder / target


# --- templates ---------------------------------------------------------------------------------


def test_templates_fill_their_instances():
    level = load_level(MAPS / "templated.tmx")
    start, pack, late, other, crate, big = level.objects
    assert (start.cls, start.name, start.is_point, start.prop("facing")) == (
        "PlayerStart",
        "start",
        True,
        180.0,
    )
    assert (pack.cls, pack.width, pack.height) == ("MimicSpawn", 64, 32)
    assert (pack.prop("count"), pack.prop("kind"), pack.prop("at")) == (3, "alpha", 4.0)
    assert (late.name, late.prop("at"), late.prop("count")) == ("late-pack", 9.5, 3)
    assert (other.name, other.x, other.y) == ("other", 200, 150)
    assert (crate.cls, crate.width, big.width, big.name) == ("Wall", 32, 64, "big-crate")
    assert level.wall_polygons  # tile templates of class Wall collide
    names = {Path(p).name for p in level.dependencies}
    assert {"start.tx", "pack.tx", "crate.tx"} <= names


def test_a_tile_templates_tileset_joins_the_map_when_the_map_lacks_it(tmp_path: Path):
    folder = copy_maps(tmp_path)
    text = (folder / "templated.tmx").read_text()
    text = text.replace(' <tileset firstgid="5" source="tiny.tsx"/>\n', "")
    head, data, tail = text.partition('<data encoding="csv">')
    layer, end, rest = tail.partition("</data>")
    (folder / "lonely.tmx").write_text(head + data + layer.replace("5", "1") + end + rest)
    level = load_level(folder / "lonely.tmx")
    assert [(t.name, t.firstgid) for t in level.tilesets] == [("inline", 1), ("tiny", 5)]
    assert level.objects_of("Wall")


def test_a_template_in_its_own_folder_may_not_leave_the_mod(tmp_path: Path):
    folder = copy_maps(tmp_path)
    tx = folder / "templates" / "crate.tx"
    tx.write_text(tx.read_text().replace("../tiny.tsx", "../../tiny.tsx"))
    from game.level.errors import LevelError

    with pytest.raises(LevelError, match="leads out of the mod's folder"):
        load_level(folder / "templated.tmx")


# --- layers and formats ------------------------------------------------------------------------


def test_group_layers_keep_document_order_and_every_encoding_decodes():
    level = load_level(MAPS / "groups.tmx")
    assert [(t.name, t.opacity) for t in level.tile_layers] == [("ground", 1.0), ("decor", 0.8)]
    assert [(o.name, o.layer) for o in level.objects] == [
        ("start", "spawns"),
        ("late-pack", "late"),
    ]
    ground, decor = level.tile_layers
    assert all(gid == 1 for row in ground.gids for gid in row)  # zlib
    assert decor.gids[0][0] == 4 and decor.gids[3][5] == 3  # raw base64, flip flag stripped
    # the hidden gzip layer still collides: its two solid tiles
    assert [(r.x, r.y, r.width, r.height) for r in level.solid_rects] == [(32, 32, 64, 32)]


def test_csv_base64_and_xml_tiles_give_the_same_level(tmp_path: Path):
    folder = copy_maps(tmp_path)
    original = load_level(folder / "collision.tmx")
    text = (folder / "collision.tmx").read_text()
    start = text.index('<layer id="1"')
    csv = text[text.index(">", text.index("<data", start)) + 1 : text.index("</data>", start)]
    tiles = "".join(f'<tile gid="{v.strip()}"/>' for v in csv.split(","))
    xml_text = text.replace(f'<data encoding="csv">{csv}</data>', f"<data>{tiles}</data>", 1)
    (folder / "xml.tmx").write_text(xml_text)
    assert comparable(load_level(folder / "xml.tmx")) == comparable(original)


def test_tiled_1_9_and_newer_attributes_load(tmp_path: Path):
    folder = copy_maps(tmp_path)
    original = load_level(folder / "class_attr.tmx")
    text = (folder / "class_attr.tmx").read_text()
    text = text.replace(
        'version="1.9" tiledversion="1.9.2"', 'version="1.10" tiledversion="1.12.1"'
    )
    text = text.replace("<map ", '<map parallaxoriginx="0" parallaxoriginy="0" ', 1)
    text = text.replace(
        'name="ground"', 'name="ground" class="Terrain" tintcolor="#ff8080" parallaxx="0.5"'
    )
    text = text.replace('name="gameplay"', 'name="gameplay" class="" locked="1"')
    (folder / "new.tmx").write_text(text)
    tsx = (folder / "tiny.tsx").read_text()
    tsx = tsx.replace(
        '<tileset version="1.10"',
        '<tileset version="1.10" tilerendersize="grid" fillmode="stretch"',
    )
    (folder / "tiny.tsx").write_text(tsx)
    level = load_level(folder / "new.tmx")
    assert [o.cls for o in level.objects] == ["PlayerStart", "MimicSpawn", "Intel"]
    assert comparable(level) == comparable(original)


# --- the real Tiled ----------------------------------------------------------------------------

SHIPPED = sorted(campaign_dir().glob("*.tmx"))


@needs_tiled
@pytest.mark.parametrize("tmx", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_map_resaves_in_tiled_to_the_same_level(tmp_path: Path, tmx: Path):
    copy = tmp_path / "levels"
    shutil.copytree(campaign_dir(), copy)
    resaved = tiled_export(copy, tmx.name, "resaved.tmx")
    original = load_level(copy / tmx.name)
    again = load_level(resaved)
    assert replace(again, path=original.path, content_hash="") == replace(original, content_hash="")


@needs_tiled
@pytest.mark.parametrize("name", ["groups.tmx", "templated.tmx", "collision.tmx"])
def test_fixture_maps_resave_in_tiled_to_the_same_level(tmp_path: Path, name: str):
    folder = copy_maps(tmp_path)
    resaved = tiled_export(folder, name, "resaved.tmx")
    assert comparable(load_level(resaved)) == comparable(load_level(folder / name))


@needs_tiled
@pytest.mark.parametrize("flag", ["--detach-templates", "--embed-tilesets"])
def test_templates_resolve_as_tiled_resolves_them(tmp_path: Path, flag: str):
    folder = copy_maps(tmp_path)
    exported = tiled_export(folder, "templated.tmx", "exported.tmx", flag)
    ours = comparable(load_level(folder / "templated.tmx"), dependencies=False)
    assert comparable(load_level(exported), dependencies=False) == ours

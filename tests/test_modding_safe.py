"""Maps we did not write: every hostile or broken map is refused with a clear LevelError naming the
file and the fix, quickly and in little memory, before pytmx sees it.

The corpus is generated at run time in a temporary folder (no bombs in the repository)."""

from __future__ import annotations

import base64
import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from hostile import REPORT_WITH_PEAK

from game.level import files, safe
from game.level.errors import LevelError
from game.level.loader import load_level

MAPS = Path(__file__).parent / "data" / "maps"
TSX = '<tileset firstgid="1" source="tiny.tsx"/>'
ROW = "1,1,1,1"


def tmx(
    body: str | None = None,
    *,
    width: int = 4,
    height: int = 4,
    tilesets: str = TSX,
    attrs: str = "",
    head: str = '<?xml version="1.0" encoding="UTF-8"?>\n',
    objects: str = "",
    properties: str = "",
) -> str:
    """A small valid map, with parts replaced."""
    if body is None:
        rows = ",\n".join(",".join(["1"] * width) for _ in range(height))
        body = (
            f'<layer id="1" name="ground" width="{width}" height="{height}">'
            f'<data encoding="csv">\n{rows}\n</data></layer>'
        )
    start = '<object id="1" name="start" type="PlayerStart" x="16" y="16"><point/></object>'
    return (
        f'{head}<map version="1.10" orientation="orthogonal" width="{width}" height="{height}" '
        f'tilewidth="32" tileheight="32" infinite="0" {attrs}>'
        f"{properties}{tilesets}{body}"
        f'<objectgroup id="9" name="gameplay">{start}{objects}</objectgroup></map>'
    )


def b64_layer(data: bytes, compression: str | None = None, width: int = 4, height: int = 4) -> str:
    comp = f' compression="{compression}"' if compression else ""
    text = base64.b64encode(data).decode()
    return (
        f'<layer id="1" name="ground" width="{width}" height="{height}">'
        f'<data encoding="base64"{comp}>{text}</data></layer>'
    )


def bomb(total: int, wbits: int) -> bytes:
    """`total` zero bytes, compressed, without ever holding them in memory."""
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    chunk = bytes(1 << 20)
    parts = [packer.compress(chunk) for _ in range(total >> 20)]
    return b"".join(parts) + packer.flush()


def png_header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return files.PNG_SIGNATURE + struct.pack(">I", 13) + b"IHDR" + ihdr + b"\0" * 4


@dataclass
class Case:
    name: str
    path: Path
    expect: str  # a part of the message
    root: Path | None = None


def build_corpus(base: Path) -> list[Case]:
    """Write every hostile map under `base`; return them with what their refusal must say."""
    mod = base / "mod"
    mod.mkdir()
    shutil.copy(MAPS / "tiny.tsx", mod)
    shutil.copytree(MAPS / "tiles", mod / "tiles")
    outside = base / "outside"
    outside.mkdir()
    shutil.copy(MAPS / "tiny.tsx", outside)
    shutil.copytree(MAPS / "tiles", outside / "tiles")
    cases: list[Case] = []

    def add(name: str, text: str | bytes, expect: str, suffix: str = ".tmx") -> Path:
        path = mod / f"{name}{suffix}"
        if isinstance(text, str):
            path.write_text(text, encoding="utf-8")
        else:
            path.write_bytes(text)
        cases.append(Case(name, path, expect))
        return path

    laughs = "".join(
        f'<!ENTITY l{i} "{"".join(f"&l{i - 1};" for _ in range(10))}">' for i in range(1, 10)
    )
    doctype = f'<!DOCTYPE map [<!ENTITY l0 "lol">{laughs}]>\n'
    add("billion_laughs", tmx(head='<?xml version="1.0"?>\n' + doctype), "DOCTYPE or entities")
    xxe = '<!DOCTYPE map [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    add("external_entity", tmx(head=xxe), "DOCTYPE or entities")
    wide = {"width": 256, "height": 256}
    zlib_bytes = bomb(256 << 20, 15)
    add("zlib_bomb", tmx(b64_layer(zlib_bytes, "zlib", **wide), **wide), "decompresses to more")
    gzip_bomb = b64_layer(bomb(64 << 20, 31), "gzip", **wide)
    add("gzip_bomb", tmx(gzip_bomb, **wide), "decompresses to more than")
    add("bomb_on_small_map", tmx(b64_layer(zlib_bytes, "zlib")), "far larger than the map needs")
    add("truncated_zlib", tmx(b64_layer(zlib.compress(bytes(64))[:-6], "zlib")), "cut short")
    add("short_base64", tmx(b64_layer(struct.pack("<3I", 1, 1, 1))), "needs exactly 64")
    add(
        "not_base64",
        tmx('<layer id="1" name="g"><data encoding="base64">!!!!</data></layer>'),
        "not valid base64",
    )
    zstd_expect = "zstd" if sys.version_info < (3, 14) else "needs exactly 64"
    add("zstd", tmx(b64_layer(b"\x28\xb5\x2f\xfd" + bytes(12), "zstd")), zstd_expect)
    add("huge_width", tmx(width=100_000, height=4), "outside 1..2048")
    add("huge_area", tmx(width=2000, height=2000, body=""), "the limit is 262144 tiles")
    many_cells = "".join(
        f'<layer id="{i}" name="l{i}"><data encoding="csv">1</data></layer>' for i in range(9)
    )
    add("many_cells", tmx(many_cells, width=512, height=512), "more than 2000000 tiles")
    layers = "".join(f'<objectgroup id="{i}" name="o{i}"/>' for i in range(70))
    add("many_layers", tmx().replace("</map>", layers + "</map>"), "the limit is 64")
    crowd = "".join(f'<object id="{i}" x="1" y="1"><point/></object>' for i in range(2, 5100))
    add("many_objects", tmx(objects=crowd), "the limit is 5000")
    tilesets = "".join(f'<tileset firstgid="{1 + 4 * i}" source="tiny.tsx"/>' for i in range(17))
    add("many_tilesets", tmx(tilesets=tilesets), "the limit is 16")
    add("unknown_tile_id", tmx().replace("\n1,1,1,1,", "\n99,1,1,1,", 1), "tile id 99 at (0, 0)")
    add("overflow_tile_id", tmx().replace("\n1,", "\n99999999999,", 1), "too large")
    add("huge_tile_id", tmx().replace("\n1,", "\n4294967296,", 1), "too large")
    add("negative_tile_id", tmx().replace("\n1,", "\n-1,", 1), "not a tile id")
    add("empty_tile_id", tmx().replace("\n1,1,", "\n,1,", 1), "'' is not a tile id")
    add("csv_count", tmx().replace("\n1,", "\n", 1), "needs 16")
    add("tile_xml_count", tmx('<layer id="1" name="g"><data><tile gid="1"/></data></layer>'), "16")
    add("traversal", tmx(tilesets=TSX.replace("tiny.tsx", "../outside/tiny.tsx")), "leads out")
    add("absolute", tmx(tilesets=TSX.replace("tiny.tsx", str(outside / "tiny.tsx"))), "absolute")
    add("windows_absolute", tmx(tilesets=TSX.replace("tiny.tsx", "C:/x/tiny.tsx")), "absolute")
    add("url", tmx(tilesets=TSX.replace("tiny.tsx", "http://example.com/t.tsx")), "not a file")
    add("backslash", tmx(tilesets=TSX.replace("tiny.tsx", "..\\outside\\t.tsx")), "portable")
    (mod / "linked.tsx").symlink_to(outside / "tiny.tsx")
    image_layer = '<imagelayer id="9" name="sky"><image source="../outside/tiny.png"/></imagelayer>'
    add("imagelayer_out", tmx().replace("</map>", image_layer + "</map>"), "leads out")
    (outside / "whole.tmx").write_text(tmx(), encoding="utf-8")
    (mod / "linked_map.tmx").symlink_to(outside / "whole.tmx")
    cases.append(Case("map_symlink_out", mod / "linked_map.tmx", "symlink"))
    add("symlink_out", tmx(tilesets=TSX.replace("tiny.tsx", "linked.tsx")), "symlink")
    add("missing_tileset", tmx(tilesets=TSX.replace("tiny.tsx", "nowhere.tsx")), "not found")
    (mod / "noimage.tsx").write_text(
        (MAPS / "tiny.tsx").read_text().replace("tiles/tiny.png", "tiles/gone.png")
    )
    add("missing_image", tmx(tilesets=TSX.replace("tiny.tsx", "noimage.tsx")), "gone.png")
    add("reserved_name", tmx(tilesets=TSX.replace("tiny.tsx", "CON.tsx")), "reserved name")
    add("reserved_folder", tmx(tilesets=TSX.replace("tiny.tsx", "aux/t.tsx")), "reserved name")
    prop = '<properties><property name="rotation" value="1"/></properties>'
    add(
        "reserved_property",
        tmx(objects=f'<object id="2" name="odd" type="Rita" x="5" y="5">{prop}<point/></object>'),
        "reuses the name",
    )
    add("malformed", tmx().replace("</layer>", "</layr>"), "malformed XML")
    add("not_a_map", "<tileset/>", "not a Tiled map")
    add("empty_file", b"", "malformed XML")
    add("utf16", tmx().encode("utf-16"), "unsupported encoding UTF-16")
    add("utf16_no_bom", tmx().encode("utf-16-le"), "unsupported encoding UTF-16")
    latin = tmx(head='<?xml version="1.0" encoding="ISO-8859-1"?>\n')
    add("latin1", latin.encode("latin-1"), "unsupported encoding 'ISO-8859-1'")
    add(
        "bad_utf8", tmx().encode().replace(b'name="start"', b'name="st\xff\xfe"'), "not valid UTF-8"
    )
    big = mod / "huge.tmx"
    with open(big, "wb") as handle:
        handle.truncate(safe.MAX_MAP_BYTES + 1)  # sparse: costs no disk
    cases.append(Case("huge_file", big, "the limit is"))
    (mod / "big.png").write_bytes(png_header(100_000, 100_000))
    (mod / "bigimage.tsx").write_text(
        (MAPS / "tiny.tsx").read_text().replace("tiles/tiny.png", "big.png")
    )
    add("image_too_big", tmx(tilesets=TSX.replace("tiny.tsx", "bigimage.tsx")), "100000x100000")
    (mod / "fake.png").write_bytes(b"GIF89a" + bytes(40))
    (mod / "fakeimage.tsx").write_text(
        (MAPS / "tiny.tsx").read_text().replace("tiles/tiny.png", "fake.png")
    )
    add("not_png", tmx(tilesets=TSX.replace("tiny.tsx", "fakeimage.tsx")), "not a PNG")
    (mod / "overfull.tsx").write_text(
        (MAPS / "tiny.tsx").read_text().replace('tilecount="4"', 'tilecount="400"')
    )
    add("tilecount", tmx(tilesets=TSX.replace("tiny.tsx", "overfull.tsx")), "holds 4")
    deep = "<group>" * 40 + "</group>" * 40
    add("deep", tmx().replace("</map>", deep + "</map>"), "nested deeper")
    flood = "<properties>" + "<property name='a'/>" * 120_000 + "</properties>"
    add("flood", tmx(properties=flood), "more than 100000 XML elements")
    add("infinite", tmx(attrs='infinite="1"').replace('infinite="0" ', ""), "infinite maps")
    add("isometric", tmx().replace("orthogonal", "isometric"), "only orthogonal")
    add("layer_size", tmx().replace('name="ground" width="4"', 'name="ground" width="5"'), "5x4")
    exit_prop = '<properties><property name="map" type="file" value="../../x.tmx"/></properties>'
    exit_obj = (
        f'<object id="2" name="out" type="Exit" x="0" y="0" width="32" height="32">{exit_prop}'
        "</object>"
    )
    add("exit_out", tmx(objects=exit_obj), "leads out")
    plain_exit = exit_obj.replace(' type="file"', "")  # as Tiled saves it without the project
    add("exit_out_plain", tmx(objects=plain_exit), "leads out")
    music = '<properties><property name="music" type="file" value="/etc/passwd"/></properties>'
    add("music_absolute", tmx(properties=music), "absolute")
    klass = '<properties><property name="x" type="class" propertytype="Thing"/></properties>'
    add("class_property", tmx(properties=klass), "class value")
    points = " ".join(f"{i},{i % 7}" for i in range(2000))
    poly = f'<object id="2" type="Wall" x="1" y="1"><polygon points="{points}"/></object>'
    add("polygon_points", tmx(objects=poly), "2 to 1024 points")
    add("nan", tmx(objects='<object id="2" type="Rita" x="nan" y="1"><point/></object>'), "usable")
    add("tile_object", tmx(objects='<object id="2" gid="77" x="1" y="40"/>'), "tile id 77")
    add(
        "missing_template",
        tmx(objects='<object id="2" template="t/none.tx" x="1" y="1"/>'),
        "not found",
    )
    add("template_out", tmx(objects='<object id="2" template="../outside/a.tx"/>'), "leads out")
    if hasattr(os, "mkfifo"):
        os.mkfifo(mod / "pipe.tsx")
        add("fifo", tmx(tilesets=TSX.replace("tiny.tsx", "pipe.tsx")), "not a regular file")
    return cases


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Case]:
    return build_corpus(tmp_path_factory.mktemp("hostile"))


def test_the_corpus_base_map_is_valid(tmp_path: Path):
    shutil.copy(MAPS / "tiny.tsx", tmp_path)
    shutil.copytree(MAPS / "tiles", tmp_path / "tiles")
    (tmp_path / "ok.tmx").write_text(tmx())
    level = load_level(tmp_path / "ok.tmx")
    assert level.width == 4 and level.objects_of("PlayerStart")
    for compression, data in (
        ("zlib", zlib.compress(struct.pack("<16I", *[1] * 16))),
        (None, struct.pack("<16I", *[1] * 16)),
    ):
        (tmp_path / "b.tmx").write_text(tmx(b64_layer(data, compression)))
        assert load_level(tmp_path / "b.tmx").tile_layers == level.tile_layers


def test_every_hostile_map_is_refused_with_its_message(corpus: list[Case]):
    for case in corpus:
        with pytest.raises(LevelError) as err:
            load_level(case.path, root=case.root)
        message = str(err.value)
        assert case.expect in message, f"{case.name}: {message}"
        assert message.startswith(str(case.path.parent)), f"{case.name}: {message}"
        assert "Traceback" not in message and len(message) < 400, case.name


def test_refusals_say_how_to_fix_them(corpus: list[Case]):
    fixes = {}
    for case in corpus:
        try:
            load_level(case.path)
        except LevelError as exc:
            fixes[case.name] = exc.fix
    for name in ("zstd", "traversal", "absolute", "symlink_out", "utf16", "billion_laughs"):
        assert fixes[name], f"{name} gives no fix"


def test_locations_are_named(corpus: list[Case]):
    by_name = {c.name: c for c in corpus}
    with pytest.raises(LevelError) as err:
        load_level(by_name["unknown_tile_id"].path)
    assert err.value.layer == "ground"
    assert 'layer "ground"' in str(err.value)
    with pytest.raises(LevelError) as err:
        load_level(by_name["nan"].path)
    assert (err.value.layer, err.value.object_id) == ("gameplay", 2)


MEASURE = """
import json, resource, sys, time, tracemalloc
from game.level.errors import LevelError
from game.level.loader import load_level
load_level  # imported before measuring: pytmx and pygame are not the maps' cost
tracemalloc.start()
out = {}
for path in json.loads(sys.stdin.read()):
    tracemalloc.reset_peak()
    start = time.perf_counter()
    try:
        load_level(path)
        message = None
    except LevelError as exc:
        message = str(exc)
    out[path] = [message, tracemalloc.get_traced_memory()[1], time.perf_counter() - start]
"""


@pytest.mark.skipif(sys.platform == "win32", reason="resource is POSIX only")
def test_refusals_stay_in_memory_bounds(corpus: list[Case]):
    paths = [str(c.path) for c in corpus]
    done = subprocess.run(
        [sys.executable, "-c", MEASURE + REPORT_WITH_PEAK],
        input=json.dumps(paths),
        capture_output=True,
        text=True,
        timeout=120,  # a hard guard, not a benchmark: each refusal takes well under a second
        env=dict(os.environ),
        check=True,
    )
    report = json.loads(done.stdout)
    for case in corpus:
        message, peak, _seconds = report[str(case.path)]
        assert message is not None and case.expect in message, case.name
        assert peak < 64 * 1024 * 1024, f"{case.name} peaked at {peak} bytes"
    assert report["maxrss_kb"] < 400 * 1024  # the whole process, pygame and pytmx included


def test_campaign_and_mod_roots(tmp_path: Path, monkeypatch):
    from game.level.campaign import campaign_dir

    assert files.default_root(campaign_dir() / "beachhead.tmx") == campaign_dir()
    monkeypatch.setenv("AYNIK_HOME", str(tmp_path))
    deep = tmp_path / "mods" / "mymod" / "maps" / "one.tmx"
    assert files.default_root(deep) == tmp_path / "mods" / "mymod"
    loose = tmp_path / "elsewhere" / "x.tmx"
    assert files.default_root(loose) == tmp_path / "elsewhere"


def test_a_mod_map_may_use_files_anywhere_in_its_mod(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("AYNIK_HOME", str(tmp_path))
    mod = tmp_path / "mods" / "mymod"
    (mod / "maps").mkdir(parents=True)
    shutil.copy(MAPS / "tiny.tsx", mod)
    shutil.copytree(MAPS / "tiles", mod / "tiles")
    (mod / "maps" / "one.tmx").write_text(tmx(tilesets=TSX.replace("tiny.tsx", "../tiny.tsx")))
    assert load_level(mod / "maps" / "one.tmx").tilesets
    # the same map outside a mod may not reach up out of its own folder
    loose = tmp_path / "loose" / "maps"
    shutil.copytree(mod, loose.parent)
    with pytest.raises(LevelError, match="leads out"):
        load_level(loose / "one.tmx")


def test_the_vetted_tree_needs_no_other_file(tmp_path: Path):
    for name in ("templated.tmx", "tiny.tsx"):
        shutil.copy(MAPS / name, tmp_path)
    shutil.copytree(MAPS / "tiles", tmp_path / "tiles")
    shutil.copytree(MAPS / "templates", tmp_path / "templates")
    vetted = safe.vet_map(tmp_path / "templated.tmx")
    assert {p.name for p in vetted.dependencies} == {
        "tiny.tsx",
        "tiny.png",
        "start.tx",
        "pack.tx",
        "crate.tx",
    }
    assert vetted.tree.find("tileset[@source]") is None
    assert all(o.get("template") is None for o in vetted.tree.iter("object"))
    data = vetted.tree.find("layer/data")
    assert data is not None and data.attrib == {"encoding": "base64"}


def test_the_validator_reports_each_hostile_map_on_one_line(corpus: list[Case]):
    from game.level.validate import validate_paths

    for case in corpus:
        problems = validate_paths([case.path])
        errors = [p for p in problems if p.is_error]
        assert len(errors) == 1 and case.expect in errors[0].message + str(errors[0].file), (
            case.name,
            [p.line() for p in problems],
        )
        assert "\n" not in errors[0].line()

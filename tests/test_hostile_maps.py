"""Maps that used to validate and then crash or freeze the game: the validator refuses them, and
`aynik play --level` and `aynik sim` run the validator first (one line per error, exit 1)."""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

import pytest
from hostile import aynik, clean
from test_validate import obj, only, start, write_map

from game.level.errors import LevelError
from game.level.files import check_png
from game.level.problems import ERROR, WARNING
from game.level.validate import MAX_SPAWN_COUNT, validate_path


def polygon(oid: int, cls: str, x: float, y: float, points: list[tuple[float, float]]) -> str:
    text = " ".join(f"{px:g},{py:g}" for px, py in points)
    return (
        f'<object id="{oid}" name="{cls.lower()}{oid}" type="{cls}" x="{x}" y="{y}">'
        f'<polygon points="{text}"/></object>'
    )


def errors_of(path: Path) -> list[str]:
    return [p.line() for p in only(validate_path(path), ERROR)]


def run_both(path: Path, home: Path) -> list[str]:
    """`sim` and `play --level` on the map: both must end with exit 1 and a clean message."""
    messages = []
    for args in (
        ["sim", "--level", str(path), "--ticks", "60"],
        ["play", "--level", str(path), "--frames", "5"],
    ):
        done = aynik(args, home)
        stderr = clean(done)
        assert done.returncode == 1, (args, done.returncode, stderr[-2000:])
        assert str(path.parent) in stderr
        messages.append(stderr)
    return messages


# --- the cases of the issue ---------------------------------------------------------------------


def test_a_map_without_a_player_start_is_refused_by_play_and_sim(tmp_path, _aynik_home):
    path = write_map(tmp_path / "mod", [obj(2, "Rita", 100, 100)])
    assert any("no PlayerStart" in line for line in errors_of(path))
    for message in run_both(path, _aynik_home):
        assert "no PlayerStart" in message


def test_an_exit_to_a_map_without_a_player_start_is_refused_before_the_game_starts(
    tmp_path, _aynik_home
):
    folder = tmp_path / "mod"
    write_map(folder, [obj(2, "Rita", 100, 100)], name="second.tmx")
    path = write_map(folder, [start(), obj(3, "Exit", 200, 32, 64, 64, {"map": "second.tmx"})])
    lines = errors_of(path)
    assert any("second.tmx" in line and "no PlayerStart" in line for line in lines)
    for message in run_both(path, _aynik_home):
        assert "second.tmx" in message and "no PlayerStart" in message


@pytest.mark.parametrize("at", ["1e308", "86401", "1e20"])
def test_a_spawn_time_beyond_a_day_is_an_error(tmp_path, at):
    spawn = obj(2, "MimicSpawn", 200, 200, props={"kind": "drone", "at": float(at)})
    path = write_map(tmp_path / "mod", [start(), spawn])
    lines = errors_of(path)
    assert any("MimicSpawn.at" in line for line in lines), lines


def test_a_spawn_time_of_1e308_ends_sim_with_a_message(tmp_path, _aynik_home):
    spawn = obj(2, "MimicSpawn", 200, 200, props={"kind": "drone", "at": 1e308})
    path = write_map(tmp_path / "mod", [start(), spawn])
    done = aynik(["sim", "--level", str(path), "--ticks", "10"], _aynik_home)
    assert done.returncode == 1 and "MimicSpawn.at" in clean(done)


@pytest.mark.parametrize("count", [MAX_SPAWN_COUNT + 1, 3000, 20000, 10**12])
def test_a_spawn_count_beyond_the_cap_is_an_error(tmp_path, count):
    spawn = obj(2, "MimicSpawn", 200, 200, props={"kind": "drone", "at": 1.0, "count": count})
    path = write_map(tmp_path / "mod", [start(), spawn])
    assert any("count" in line for line in errors_of(path))


def test_a_spawn_of_20000_mimics_never_starts(tmp_path, _aynik_home):
    spawn = obj(2, "MimicSpawn", 200, 200, props={"kind": "drone", "at": 0.1, "count": 20000})
    path = write_map(tmp_path / "mod", [start(), spawn])
    done = aynik(["sim", "--level", str(path), "--ticks", "600"], _aynik_home)
    assert done.returncode == 1 and "count" in clean(done)


def test_many_spawns_together_are_capped_and_refiring_triggers_count_more(tmp_path):
    spawns = [
        obj(10 + i, "MimicSpawn", 200, 200, props={"kind": "drone", "at": 1.0, "count": 60})
        for i in range(11)
    ]
    path = write_map(tmp_path / "many", [start(), *spawns])
    assert any("Mimics in a day" in line for line in errors_of(path))
    trigger = obj(2, "Trigger", 100, 100, 64, 64, {"once": False})
    spawn = obj(3, "MimicSpawn", 200, 200, props={"kind": "drone", "trigger": 2, "count": 64})
    path = write_map(tmp_path / "refire", [start(), trigger, spawn])
    assert any("fires again" in line for line in errors_of(path))
    ok = obj(3, "MimicSpawn", 200, 200, props={"kind": "drone", "trigger": 2, "count": 4})
    path = write_map(tmp_path / "fine", [start(), trigger, ok])
    assert not errors_of(path)


def test_twenty_polygons_of_1024_points_start_at_once(tmp_path, _aynik_home):
    """The issue's 418-second stall: the walkable grid is now filled by scanline."""
    walls = []
    for i in range(20):
        cx, cy = 60 + (i % 5) * 50, 60 + (i // 5) * 50
        points = [
            (
                40 * math.cos(2 * math.pi * k / 1024) * (1 if k % 2 else 0.7),
                40 * math.sin(2 * math.pi * k / 1024) * (1 if k % 2 else 0.7),
            )
            for k in range(1024)
        ]
        walls.append(polygon(10 + i, "Wall", cx + 400, cy, points))
    path = write_map(tmp_path / "mod", [start(), *walls], width=40, height=30)
    done = aynik(["sim", "--level", str(path), "--ticks", "120", "--json"], _aynik_home, timeout=90)
    clean(done)
    assert done.returncode == 0, done.stderr[-2000:]


def test_polygons_beyond_the_rasterising_budget_are_an_error(tmp_path):
    tall = [(0, 0), *[((k % 2) * 30, k * 6.4) for k in range(1, 999)], (0, 6400)]
    walls = [polygon(10 + i, "Wall", 100 + i * 40, 0, tall) for i in range(50)]
    path = write_map(tmp_path / "mod", [start(), *walls], width=200, height=200)
    assert any("to fill into the walkable grid" in line for line in errors_of(path))


def test_a_pile_of_map_sized_wall_rectangles_is_an_error(tmp_path):
    walls = [obj(10 + i, "Wall", 0, 0, 6400, 6400) for i in range(250)]
    path = write_map(tmp_path / "mod", [start(), *walls], width=200, height=200)
    assert any("to fill into the walkable grid" in line for line in errors_of(path))


def test_triggers_with_too_many_corners_are_an_error(tmp_path):
    ring = [(40 * math.cos(k / 160), 40 * math.sin(k / 160)) for k in range(1000)]
    triggers = [polygon(10 + i, "Trigger", 150, 150, ring) for i in range(9)]
    path = write_map(tmp_path / "mod", [start(), *triggers])
    assert any("Triggers have 9000 corners" in line for line in errors_of(path))


def _png(width: int, height: int, raw: bytes, crc_ok: bool = True) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) if crc_ok or kind != b"IDAT" else 0
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _corrupt_pngs() -> dict[str, bytes]:
    good_rows = b"".join(b"\x00" + b"\x10" * (128 * 4) for _ in range(32))
    real = (Path(__file__).parent / "data" / "maps" / "tiles" / "tiny.png").read_bytes()
    flipped = bytearray(real)
    flipped[len(real) // 2] ^= 0x5A
    body = _png(128, 32, good_rows)
    idat = body.index(b"IDAT")
    garbage = bytearray(body)
    garbage[idat + 8 : idat + 40] = b"\xff" * 32  # a stream that does not inflate, CRC fixed up
    length = struct.unpack(">I", body[idat - 4 : idat])[0]
    garbage[idat + 4 + length : idat + 8 + length] = struct.pack(
        ">I", zlib.crc32(bytes(garbage[idat : idat + 4 + length]))
    )
    return {
        "a flipped byte": bytes(flipped),
        "cut in half": real[: len(real) // 2],
        "short pixel data": _png(128, 32, good_rows[: len(good_rows) // 2]),
        "too much pixel data": _png(128, 32, good_rows + good_rows),
        "a bad filter": _png(128, 32, b"\x07" + good_rows[1:]),
        "a bad checksum": _png(128, 32, good_rows, crc_ok=False),
        "a stream that does not inflate": bytes(garbage),
        "no end chunk": body[: body.index(b"IEND") - 4],
    }


def test_a_well_formed_png_passes_the_decoder():
    good_rows = b"".join(b"\x00" + b"\x10" * (128 * 4) for _ in range(32))
    check_png(_png(128, 32, good_rows), Path("ok.png"))
    check_png((Path(__file__).parent / "data" / "maps" / "tiles" / "tiny.png").read_bytes(), Path())


@pytest.mark.parametrize("case", sorted(_corrupt_pngs()))
def test_a_tileset_image_with_a_corrupt_body_is_a_validation_error(tmp_path, case):
    path = write_map(tmp_path / "mod", [start()])
    (tmp_path / "mod" / "tiles" / "tiny.png").write_bytes(_corrupt_pngs()[case])
    lines = errors_of(path)
    assert any("tiny.png" in line and "damaged" in line for line in lines), (case, lines)
    with pytest.raises(LevelError, match="damaged"):
        check_png(_corrupt_pngs()[case], Path("tiny.png"))


def test_a_corrupt_tileset_image_stops_play_and_sim_with_a_message(tmp_path, _aynik_home):
    path = write_map(tmp_path / "mod", [start()])
    (tmp_path / "mod" / "tiles" / "tiny.png").write_bytes(_corrupt_pngs()["a flipped byte"])
    for message in run_both(path, _aynik_home):
        assert "tiny.png" in message and "damaged" in message


# --- gates ----------------------------------------------------------------------------------


def _gate_map(folder: Path, requires: str, walled: bool, extra=()) -> Path:
    """A start left of a solid column (x = 5) with a gap at the top row, an Exit on the right; the
    gate stands in the gap, or beside the way when `walled` is False."""
    gate_x = 5 * 32 if walled else 2 * 32
    gate_y = 0 if walled else 5 * 32
    objects = [
        start(x=48, y=120),
        obj(2, "Gate", gate_x, gate_y, 32, 32, {"requires": requires}),
        obj(3, "Exit", 8 * 32, 2 * 32, 32, 32, {"map": "other.tmx"}, name="north"),
        *extra,
    ]
    write_map(folder, [start()], name="other.tmx")
    path = write_map(folder, objects, wall_column=5)
    text = path.read_text()
    head, rest = text.split('<data encoding="csv">')
    data, tail = rest.split("</data>", 1)
    cells = data.split(",")
    cells[5] = "1"  # open the top cell of the wall column: the only way across
    path.write_text(f'{head}<data encoding="csv">{",".join(cells)}</data>{tail}')
    return path


def test_a_gate_nothing_opens_on_the_only_way_to_the_exit_is_an_error(tmp_path):
    path = _gate_map(tmp_path / "mod", "intel:nowhere", walled=True)
    problems = validate_path(path)
    gate = [p for p in problems if "Gate requires" in p.message]
    assert gate and gate[0].severity == ERROR and "cannot be finished" in gate[0].message
    assert '"north"' in gate[0].message


def test_a_gate_nothing_opens_beside_the_way_stays_a_warning(tmp_path):
    path = _gate_map(tmp_path / "mod", "intel:nowhere", walled=False)
    gate = [p for p in validate_path(path) if "Gate requires" in p.message]
    assert gate and gate[0].severity == WARNING


def test_a_gate_opened_by_clearing_a_named_spawn_is_granted(tmp_path):
    spawn = obj(9, "MimicSpawn", 100, 100, props={"kind": "drone", "at": 1.0}, name="pit")
    path = _gate_map(tmp_path / "mod", "cleared:pit", walled=True, extra=[spawn])
    assert not [p for p in validate_path(path) if "Gate requires" in p.message]
    path = _gate_map(tmp_path / "other", "cleared:nobody", walled=True, extra=[spawn])
    assert [p for p in validate_path(path) if p.is_error and '"nobody"' in p.message]


def test_a_gate_with_granted_knowledge_is_fine(tmp_path):
    intel = obj(9, "Intel", 100, 100, props={"knowledge": "intel:code"})
    path = _gate_map(tmp_path / "mod", "intel:code", walled=True, extra=[intel])
    assert not [p for p in validate_path(path) if "Gate" in p.message]


# --- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1e300", "-1e12", "99999999999999999999"])
def test_absurd_number_properties_are_errors(tmp_path, value):
    spawn = obj(2, "PlayerStart", 48, 48, props={"facing": value}, name="start")
    path = write_map(tmp_path / "mod", [spawn])
    assert any("facing" in line and "out of range" in line for line in errors_of(path))


def test_a_knowledge_id_long_enough_to_bloat_every_save_is_an_error(tmp_path):
    intel = obj(2, "Intel", 100, 100, props={"knowledge": "intel:" + "x" * 100_000})
    path = write_map(tmp_path / "mod", [start(), intel])
    assert any("Intel.knowledge is 100006 characters" in line for line in errors_of(path))

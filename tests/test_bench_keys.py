"""`aynik bench --json` keeps its contract: every published key is there and is a number.

Owns only the shape of the bench's output (GAME.md's key list), never its timings: the rows run
shortened (few ticks, frames and process starts) so the check is quick on a shared machine.
"""

from __future__ import annotations

import functools
import json
import math

import pytest

CONTRACT_KEYS = (
    "sim.400.tick_ms", "sim.400.step_ms", "sim.1000.tick_ms", "sim.1000.step_ms",
    "frame.real_ms", "frame.floor_ms", "frame.pyscroll_ms", "reset.ms", "reset.cold_load_ms",
    "verify.x_realtime", "start.title_ms", "frames.p50_ms", "frames.p99_ms", "frames.max_ms",
    "frames.gc_max_ms",
)  # fmt: skip
# Medians that carry their spread next to them.
SPREAD_KEYS = ("frame.real_p99_ms", "frame.floor_iqr_ms", "reset.p99_ms", "start.title_iqr_ms")


@pytest.fixture
def short_bench(monkeypatch: pytest.MonkeyPatch):
    """The bench with every row cut short (the same code paths, a fraction of the samples)."""
    pytest.importorskip("pyscroll")  # frame.pyscroll_ms needs the bench extra
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    from bench import figures as bench
    from bench import frames as bench_frames
    from bench import render as render_bench

    monkeypatch.setattr(bench, "WARMUP_TICKS", 2)
    monkeypatch.setattr(bench, "MEASURE_TICKS", 10)
    monkeypatch.setattr(bench, "VERIFY_RUNS", 1)
    monkeypatch.setattr(bench, "bench_start_title", functools.partial(bench.bench_start_title, 1))
    monkeypatch.setattr(bench_frames, "REAL_WARMUP", 5)
    monkeypatch.setattr(bench_frames, "GHOST_DAYS", 1)
    monkeypatch.setattr(bench_frames, "GHOST_DAY_TICKS", 20)
    for name, cut in (
        ("bench_frames", {"limit": 60}),
        ("bench_real_frame", {"crowd": 20, "frames": 20}),
        ("bench_reset", {"cycles": 1}),
    ):
        monkeypatch.setattr(
            bench_frames, name, functools.partial(getattr(bench_frames, name), **cut)
        )
    monkeypatch.setattr(
        render_bench, "bench_render", functools.partial(render_bench.bench_render, 5)
    )
    return bench


def test_bench_json_has_every_contract_key_as_a_number(short_bench, capsys) -> None:
    assert short_bench.main(as_json=True) == 0
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("{")]
    assert len(lines) == 1, "one JSON object on stdout"
    figures = json.loads(lines[0])
    for key in (*CONTRACT_KEYS, *SPREAD_KEYS):
        assert key in figures, key
        value = figures[key]
        assert isinstance(value, int | float) and not isinstance(value, bool), key
        assert math.isfinite(value), key


def test_the_bench_tells_bytecode_compiled_from_the_source_as_it_stands(tmp_path) -> None:
    """The start and verify figures include compiling every module when a process finds no
    bytecode it may use: the bench says how many it finds current, and an edit makes one stale."""
    import compileall
    import os

    from bench.figures import bytecode_current

    package = tmp_path / "package"
    (package / "inner").mkdir(parents=True)
    for name in ("__init__.py", "a.py", "inner/__init__.py", "inner/b.py"):
        (package / name).write_text(f"WHO = {name!r}\n")
    assert bytecode_current(package) == (0, 4)
    assert compileall.compile_dir(package, quiet=1)
    assert bytecode_current(package) == (4, 4)
    edited = package / "inner" / "b.py"
    edited.write_text("WHO = 'b, edited'\n")
    later = edited.stat().st_mtime + 5
    os.utime(edited, (later, later))
    assert bytecode_current(package) == (3, 4)

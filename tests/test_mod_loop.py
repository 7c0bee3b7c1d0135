"""A mod has the loop: with `"loop": "from-start"` (the default for a mod) the first day is already
a loop, so a mod without any Alpha keeps what Cage learned, shows its countdowns, and never shows
the campaign's claymore hint; `"day0"` plays the campaign's way. The day's end is in the death log
either way, and `sim --json` counts every death of the run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from test_speedrun_maps import write_course

from game.bots import IdleBot
from game.level.atlas import load_atlas
from game.level.mods import loop_mode, read_mod
from game.sim.events import LoopStarted
from game.sim.loop import Run


def idle_until_loops(run: Run, loops: int, limit: int = 60 * 90) -> list[LoopStarted]:
    bot, started = IdleBot(), []
    for _ in range(limit):
        events = run.step(bot.next_frame(run))
        started += [e for e in events if isinstance(e, LoopStarted)]
        if len(started) >= loops:
            break
    return started


def test_a_mod_without_an_alpha_loops_and_keeps_what_cage_learned(tmp_path):
    course = write_course(tmp_path / "mods" / "course", loop="from-start")
    assert loop_mode(course) == "from-start"
    level, atlas = load_atlas(course)
    run = Run(level, 0, atlas=atlas, loop_mode=loop_mode(course))
    assert run.memory.looping and not run.world.cage_has_claymore  # no claymore, no Day 0
    started = idle_until_loops(run, 2)
    assert [e.reason for e in started] == ["death", "death"]
    assert run.memory.loop == 3 and len(run.memory.deaths) == 2
    ambushes = [k for k in run.memory.knowledge if k.startswith("ambush:")]
    assert ambushes, "the ambush that killed him is remembered"
    forecast = run.world.ambush_forecast()
    assert forecast and all(until is not None and until > 0 for *_, until in forecast)


def test_a_mod_that_asks_for_day0_plays_the_campaigns_way(tmp_path):
    course = write_course(tmp_path / "mods" / "course", loop="day0")
    level, atlas = load_atlas(course)
    run = Run(level, 0, atlas=atlas, loop_mode=loop_mode(course))
    started = idle_until_loops(run, 1)
    assert [e.reason for e in started] == ["new game"]
    assert run.memory.loop == 0 and not run.memory.knowledge


def test_mod_json_loop_is_checked_and_defaults_to_from_start(tmp_path):
    folder = tmp_path / "mods" / "course"
    write_course(folder)
    (folder / "mod.json").write_text(json.dumps({"title": "C"}), encoding="utf-8")
    assert read_mod(folder).loop == "from-start"
    (folder / "mod.json").write_text(json.dumps({"title": "C", "loop": "sometimes"}), "utf-8")
    mod = read_mod(folder)
    assert not mod.playable
    assert any('"loop"' in p.message and "from-start" in p.fix for p in mod.problems)


def test_sim_json_counts_every_death_of_the_run_day0_included():
    out = subprocess.run(
        [sys.executable, "-m", "game", "sim", "--level", "beachhead", "--ticks", "2400",
         "--bot", "idle", "--json"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    result = json.loads(out.stdout)
    assert result["loop"] == 0 and result["deaths"] == 0  # Day 0's new games wipe the log
    assert result["deaths_total"] >= 1


def test_the_campaign_is_day0_and_a_loose_map_has_the_loop(tmp_path):
    from game.level.campaign import resolve_level

    assert loop_mode(resolve_level("beachhead")) == "day0"
    loose = write_course(tmp_path / "loose")
    (loose.parent / "mod.json").unlink()
    assert loop_mode(loose) == "from-start"
    assert Path(loose).exists()

"""Splits fire once, from events or from Cage entering an area; bests, golds and sum of best."""

from __future__ import annotations

import json

from game.sim.events import FinalActBegun, KnowledgeLearned, LevelEntered, OmegaDestroyed
from game.sim.memory import Memory
from game.speedrun import splits as S
from game.speedrun.bests import Bests, LiveComparison, RunResult, SplitTime
from game.speedrun.category import classify
from game.speedrun.splits import Area, SplitDef, SplitPlan, SplitTracker


def campaign() -> SplitPlan:
    defaults = S.default_splits()
    seawall = SplitDef(
        "Seawall", areas=(Area("beachhead", ((0, 400), (100, 400), (100, 500), (0, 500))),)
    )
    return SplitPlan((defaults["Gate code"], seawall, defaults["Dam"], defaults["Alpha's vision"],
                  defaults["Chamber"], defaults["Omega"]))  # fmt: skip


def test_each_split_fires_once_from_its_event_or_area_and_the_omega_ends_them():
    tracker = SplitTracker(campaign())
    step = tracker.step
    assert step([KnowledgeLearned(5, "intel:other", "")], "beachhead", (50, 900), 10, 10) == []
    assert [
        h.name
        for h in step([KnowledgeLearned(5, "intel:gate-code", "")], "beachhead", None, 11, 11)
    ] == ["Gate code"]
    assert step([], "beachhead", (50, 450), 12, 12, day=1)[0].name == "Seawall"
    assert step([], "beachhead", (50, 450), 13, 13) == []  # first entry only
    assert step([], "beachhead", None, 14, 14) == []
    assert step([LevelEntered(3, "dam", "road")], "dam", (50, 450), 15, 15)[0].name == "Dam"
    hits = step([KnowledgeLearned(9, "vision:omega", ""), FinalActBegun(9)], "dam", None, 16, 16)
    assert [h.name for h in hits] == ["Alpha's vision", "Chamber"]
    assert not tracker.finished
    final = step([OmegaDestroyed(20, 0.0, 0.0)], "dam", None, 17, 17)
    assert [(h.name, h.igt_ticks, h.run_ticks) for h in final] == [("Omega", 17, 17)]
    assert tracker.finished
    assert step([KnowledgeLearned(5, "intel:gate-code", "")], "beachhead", (50, 450), 18, 18) == []
    assert [h.day for h in tracker.hits] == [0, 1, 0, 0, 0, 0]


def test_an_area_counts_only_on_its_own_map_and_only_while_cage_lives():
    tracker = SplitTracker(campaign())
    assert tracker.step([], "dam", (50, 450), 1, 1) == []
    assert tracker.step([], "beachhead", None, 2, 2) == []  # dead: position None
    assert tracker.step([], "levels/beachhead.tmx", (50, 450), 3, 3)[0].name == "Seawall"


def result(splits, completed=True, igt=None) -> RunResult:
    times = [SplitTime(name, ticks, ticks * 17) for name, ticks in splits]
    end = igt if igt is not None else (splits[-1][1] if splits else 0)
    return RunResult(
        times, end, end * 17, completed, "2026-01-02T03:04:05Z", "2026-01-02T03:10:00Z"
    )


def test_personal_best_golds_and_sum_of_best():
    category = classify("beachhead", 0)
    bests = Bests.load(category, "0.1.0")
    assert bests.pb_igt is None and bests.sum_of_best(["A", "B", "Omega"]) is None
    first = bests.record(result([("A", 100), ("B", 300), ("Omega", 600)]))
    assert first.new_pb and first.golds == ["A", "B", "Omega"]
    # A slower run with one faster segment: a gold, no PB.
    second = bests.record(result([("A", 90), ("B", 320), ("Omega", 650)]))
    assert not second.new_pb and second.golds == ["A"]
    # An abandoned run still keeps its golds; it is an attempt, not a PB.
    third = bests.record(result([("A", 120), ("B", 250)], completed=False, igt=400))
    assert not third.new_pb and third.golds == ["B"]
    assert (
        bests.gold("", "A") == 90
        and bests.gold("A", "B") == 130
        and bests.gold("B", "Omega") == 300
    )
    assert bests.sum_of_best(["A", "B", "Omega"]) == 90 + 130 + 300
    assert bests.pb_igt == 600 and bests.pb_time("B") == 300
    fourth = bests.record(result([("A", 95), ("B", 240), ("Omega", 540)]))
    assert fourth.new_pb and bests.pb_igt == 540 and fourth.attempt == 4
    assert bests.attempt_count == 4
    assert [a["completed"] for a in bests.attempts] == [True, True, False, True]

    bests.save()
    again = Bests.load(category, "0.1.0")
    assert again.to_json() == bests.to_json()
    assert again.path.name == "any-seed0-v0.1.0.json"


def test_live_comparison_shows_deltas_golds_and_best_possible():
    route = SplitPlan(tuple(SplitDef(n) for n in ("A", "B")) + (S.default_splits()["Omega"],))
    bests = Bests.load(classify("beachhead", 0), "0.1.0")
    bests.record(result([("A", 100), ("B", 300), ("Omega", 600)]))
    bests.record(result([("A", 80), ("B", 330), ("Omega", 700)]))  # gold A: 80; B seg 250
    live = LiveComparison(bests, route)
    assert live.order == ["A", "B", "Omega"]
    assert live.sum_of_best() == 80 + 200 + 300
    a = live.split(S.SplitHit("A", 90, 90, 0))
    assert (a.delta_ticks, a.segment_ticks, a.gold) == (-10, 90, False)
    b = live.split(S.SplitHit("B", 250, 250, 0))
    assert (b.delta_ticks, b.segment_ticks, b.best_segment, b.gold) == (-50, 160, 200, True)
    assert live.best_possible(260) == 250 + 300
    assert live.best_possible(700) == 700  # the segment under way is already slower than gold
    rows = live.rows()
    assert [(r.name, r.igt_ticks, r.gold) for r in rows] == [("A", 90, False), ("B", 250, True),
                                                             ("Omega", None, False)]  # fmt: skip


def test_practice_continued_saves_and_bots_never_count_and_custom_seeds_keep_their_own():
    assert classify("beachhead", 0).official
    custom = classify("beachhead", 7)
    assert not custom.official and custom.counts_for_bests and "custom seed 7" in custom.labels
    assert custom.key("0.1.0") != classify("beachhead", 0).key("0.1.0")
    practice = classify("beachhead", 0, Memory(loop=2), practice="from Seawall")
    continued = classify("beachhead", 0, Memory(loop=2))
    bot = classify("beachhead", 0, player="bot:random")
    for category in (practice, continued, bot):
        assert not category.official and not category.counts_for_bests
        bests = Bests.load(category, "0.1.0")
        assert bests.record(result([("A", 10), ("Omega", 20)])).attempt == 0
        assert bests.pb_igt is None and not bests.golds
    assert "continued save" in continued.labels and any("practice" in m for m in practice.labels)
    assert classify("/mods/x/start.tmx", 0).name == "Level: start"


def test_a_damaged_bests_file_is_set_aside_never_lost(_aynik_home):
    category = classify("beachhead", 0)
    bests = Bests.load(category, "0.1.0")
    bests.path.parent.mkdir(parents=True)
    bests.path.write_text('{"format": 1, "personal_best": {"igt_ticks": "fast"}')
    loaded = Bests.load(category, "0.1.0")
    assert loaded.problem and str(bests.path) in loaded.problem
    assert loaded.pb_igt is None
    kept = bests.path.with_name(bests.path.stem + ".damaged-1.json")
    assert kept.read_text().startswith('{"format": 1')
    loaded.record(result([("A", 5), ("Omega", 9)]))
    loaded.save()
    assert json.loads(bests.path.read_text())["personal_best"]["igt_ticks"] == 9

"""The `.lss` export and the bests it comes from: the personal best and the golds in game time and
real time, each segment's history, the attempt history, the seed and the game version; older
bests files load with nothing lost, and the attempts' detail stays within the file's bounds.
"""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

import pytest

from game import storage
from game.speedrun import bests as bests_module
from game.speedrun.bests import Bests, RunResult, SplitTime
from game.speedrun.category import classify
from game.speedrun.lss import lss_text, segment_history

TIME = re.compile(r"^\d\d:\d\d:\d\d\.\d{7}$")
ORDER = ["Beach", "Gate code", "Seawall", "Road", "Omega"]


def timespan_ticks(text: str) -> float:
    h, m, s = text.split(":")
    return (int(h) * 3600 + int(m) * 60 + float(s)) * 60


def timespan_ms(text: str) -> float:
    return timespan_ticks(text) * 1000 / 60


def split_times(*pairs: tuple[str, int], lag_ms: int = 0) -> list[SplitTime]:
    """Splits at these IGT ticks; real time runs 1 ms a tick ahead of IGT plus `lag_ms` (menus)."""
    return [SplitTime(name, ticks, ticks * 1000 // 60 + lag_ms) for name, ticks in pairs]


def sample_bests() -> Bests:
    bests = Bests.load(classify("beachhead", 7), "0.1.0")
    pb = split_times(("Beach", 900), ("Gate code", 2000), ("Seawall", 3100), ("Omega", 20000))
    bests.record(RunResult(pb, 20000, pb[-1].real_ms, True, "2026-03-04T05:06:07Z",
                           "2026-03-04T05:20:00Z", "pb.aynrep"))  # fmt: skip
    # Abandoned after two splits: a faster Gate code segment by the clock, not in game time.
    quick = [SplitTime("Beach", 950, 15_000), SplitTime("Gate code", 2100, 30_000)]
    bests.record(RunResult(quick, 2100, None, False, "2026-03-05T00:00:00Z", ""))
    # Completed without the gate code (the long way round), slower.
    long = split_times(("Beach", 880), ("Seawall", 3500), ("Omega", 21000), lag_ms=4000)
    bests.record(RunResult(long, 21000, long[-1].real_ms, True, "2026-03-06T00:00:00Z",
                           "2026-03-06T00:30:00Z"))  # fmt: skip
    return bests


def test_the_exported_lss_has_what_livesplit_reads():
    bests = sample_bests()
    root = ET.fromstring(lss_text(bests, ORDER).encode())
    assert root.tag == "Run" and root.get("version") == "1.7.0"
    assert root.findtext("GameName") == "All You Need Is Kill"
    assert root.findtext("CategoryName") == "Any% (seed 7)"
    assert root.findtext("Offset") == "00:00:00"
    assert root.find("Metadata/Platform").get("usesEmulator") == "False"
    for tag in ("Variables", "CustomVariables"):
        variables = {v.get("name"): v.text for v in root.findall(f"Metadata/{tag}/Variable")}
        assert variables == {"Seed": "7", "Game version": "0.1.0"}
    assert root.findtext("AttemptCount") == "3"

    attempts = root.findall("AttemptHistory/Attempt")
    assert [a.get("id") for a in attempts] == ["1", "2", "3"]
    assert attempts[0].get("started") == "03/04/2026 05:06:07"
    assert attempts[0].get("ended") == "03/04/2026 05:20:00"
    assert timespan_ticks(attempts[0].findtext("GameTime")) == pytest.approx(20000, abs=1e-3)
    assert timespan_ms(attempts[0].findtext("RealTime")) == pytest.approx(333_333, abs=1e-3)
    # Not completed: no times, and no end date at all rather than an empty one.
    assert attempts[1].find("GameTime") is None and attempts[1].find("RealTime") is None
    assert "ended" not in attempts[1].attrib and "isEndedSynced" not in attempts[1].attrib

    segments = root.findall("Segments/Segment")
    assert [s.findtext("Name") for s in segments] == ORDER
    pb_ticks = [900, 2000, 3100, None, 20000]
    for segment, ticks in zip(segments, pb_ticks, strict=True):
        pb = segment.find("SplitTimes/SplitTime[@name='Personal Best']")
        if ticks is None:  # the PB never passed the road
            assert pb.find("GameTime") is None and pb.find("RealTime") is None
            continue
        assert TIME.match(pb.findtext("GameTime")) and TIME.match(pb.findtext("RealTime"))
        assert timespan_ticks(pb.findtext("GameTime")) == pytest.approx(ticks, abs=1e-3)
        assert timespan_ms(pb.findtext("RealTime")) == pytest.approx(ticks * 1000 // 60, abs=1e-3)

    # The golds, by game time and (separately, as LiveSplit keeps them) by real time.
    def gold(segment, kind):
        text = segment.findtext(f"BestSegmentTime/{kind}")
        return None if text is None else round(timespan_ticks(text) if kind == "GameTime"
                                                else timespan_ms(text))  # fmt: skip

    # A gold is kept per pair of splits: nobody has run the road, so neither it nor the segment
    # from it to the Omega has one.
    assert [gold(s, "GameTime") for s in segments] == [880, 1100, 1100, None, None]
    assert [gold(s, "RealTime") for s in segments] == [15_000, 15_000, 18_333, None, None]
    direct = ET.fromstring(lss_text(bests, ["Beach", "Gate code", "Seawall", "Omega"]).encode())
    segments_direct = direct.findall("Segments/Segment")
    assert [gold(s, "GameTime") for s in segments_direct] == [880, 1100, 1100, 16900]
    assert [gold(s, "RealTime") for s in segments_direct] == [15_000, 15_000, 18_333, 281_667]

    # Every attempt's segments: skipped ones empty, none after where it stopped.
    def history(segment):
        out = {}
        for time in segment.findall("SegmentHistory/Time"):
            text = time.findtext("GameTime")
            out[int(time.get("id"))] = None if text is None else round(timespan_ticks(text))
        return out

    assert [history(s) for s in segments] == [
        {1: 900, 2: 950, 3: 880},
        {1: 1100, 2: 1150, 3: None},
        {1: 1100, 3: 2620},
        {1: None, 3: None},
        {1: 16900, 3: 17500},
    ]
    assert root.find("AutoSplitterSettings") is not None


def test_segment_history_places_splits_the_way_the_livesplit_client_does():
    splits = split_times(("Gate", 100), ("Annex", 300), ("Far", 400), ("Moon", 450), ("Omega", 500))
    history = segment_history(splits, ["Gate", "Far", "Annex", "Omega"])
    # Far passed by (skipped), then reached after Annex (left out); Moon is not in the file.
    assert {i: t.igt_ticks for i, t in history.items()} == {0: 100, 1: None, 2: 200, 3: 200}
    assert history[2].real_ms == 300 * 1000 // 60 - 100 * 1000 // 60


def test_bests_keep_real_time_golds_and_every_attempts_splits_through_the_file(_aynik_home):
    bests = sample_bests()
    bests.save()
    again = Bests.load(bests.category, "0.1.0")
    assert again.problem is None
    assert again.golds == bests.golds and again.golds_real == bests.golds_real
    assert again.gold_real("Beach", "Gate code") == 15_000  # the abandoned run's, by the clock
    assert again.gold("Beach", "Gate code") == 1100  # the PB's, in game time
    assert [again.attempt_splits(a) for a in again.attempts] == [
        bests.attempt_splits(a) for a in bests.attempts
    ]
    assert again.attempt_splits(again.attempts[1]) == [
        SplitTime("Beach", 950, 15_000), SplitTime("Gate code", 2100, 30_000)]  # fmt: skip
    assert lss_text(again, ORDER) == lss_text(bests, ORDER)


def test_an_older_bests_file_loads_with_nothing_lost_and_exports_its_pb(_aynik_home):
    category = classify("beachhead", 0)
    path = bests_module.bests_path(category, "0.1.0")
    older = {
        "format": 1,
        "order": ["Beach", "Omega"],
        "personal_best": {"igt_ticks": 9000, "real_ms": 151_000, "replay": "a.aynrep",
                          "date": "2026-01-02T03:04:05Z",
                          "splits": [{"name": "Beach", "igt_ticks": 1000, "real_ms": 17_000},
                                     {"name": "Omega", "igt_ticks": 9000, "real_ms": 151_000}]},
        "golds": [{"from": "", "to": "Beach", "igt_ticks": 990},
                  {"from": "Beach", "to": "Omega", "igt_ticks": 8000}],
        "attempts": [{"id": 1, "started": "2026-01-01T00:00:00Z", "ended": "", "completed": False,
                      "igt_ticks": None, "real_ms": None, "replay": ""},
                     {"id": 2, "started": "2026-01-02T03:00:00Z", "ended": "2026-01-02T03:04:05Z",
                      "completed": True, "igt_ticks": 9000, "real_ms": 151_000,
                      "replay": "a.aynrep"}],
    }  # fmt: skip
    storage.atomic_write_json(path, older)
    bests = Bests.load(category, "0.1.0")
    assert bests.problem is None and bests.pb_igt == 9000 and bests.attempt_count == 2
    assert bests.golds == {("", "Beach"): 990, ("Beach", "Omega"): 8000} and not bests.golds_real
    # The PB's attempt gets the PB's splits as its history; the other attempt is simply unknown.
    root = ET.fromstring(lss_text(bests, ["Beach", "Omega"]).encode())
    histories = [
        [(t.get("id"), t.findtext("GameTime")) for t in s.findall("SegmentHistory/Time")]
        for s in root.findall("Segments/Segment")
    ]
    assert histories == [[("2", "00:00:16.6666666")], [("2", "00:02:13.3333333")]]
    # Saved again by a newer game, every old field is still there.
    bests.record(RunResult([SplitTime("Beach", 980, 16_000)], 980, None, False))
    bests.save()
    saved = json.loads(path.read_text())
    assert saved["personal_best"] == older["personal_best"]
    assert saved["attempts"][:2] == older["attempts"]
    newest = saved["attempts"][2]["splits"]
    assert newest == [{"name": "Beach", "igt_ticks": 980, "real_ms": 16_000}]
    assert {(g["from"], g["to"]): g["igt_ticks"] for g in saved["golds"]} == {
        ("", "Beach"): 980, ("Beach", "Omega"): 8000}  # fmt: skip
    assert path.with_name(path.name + ".bak").exists()


def test_the_attempts_detail_is_bounded_and_the_newest_keep_theirs(_aynik_home, monkeypatch):
    monkeypatch.setattr(bests_module, "MAX_ATTEMPTS", 300)
    bests = Bests.load(classify("beachhead", 0), "0.1.0")
    names = [f"Split {i}" for i in range(40)]
    for attempt in range(400):
        splits = [SplitTime(n, 100 * (i + 1) + attempt, 2000 * i) for i, n in enumerate(names)]
        bests.record(RunResult(splits, splits[-1].igt_ticks, None, False))
    bests.save()
    size = bests.path.stat().st_size
    assert size < 2 * 1024 * 1024  # far below what the reader takes (4 MiB)
    again = Bests.load(bests.category, "0.1.0")
    assert again.problem is None and again.attempt_count == 400 and len(again.attempts) == 300
    detailed = [a["id"] for a in again.attempts if again.attempt_splits(a) is not None]
    kept = bests_module.MAX_HISTORY_SPLITS // len(names)
    assert detailed == list(range(401 - kept, 401))  # the newest, in full
    assert again.gold("", "Split 0") == 100  # the golds of the forgotten detail stay


def test_a_split_named_with_characters_xml_cannot_hold_still_exports_a_readable_file():
    bests = Bests.load(classify("mods/odd/start.tmx", 0), "0.1.0")
    name = "Gate\x00\x1b[31m ☠"  # a mod's Split object may be named anything
    bests.record(RunResult([SplitTime(name, 60, 1000)], 60, 1000, True))
    root = ET.fromstring(lss_text(bests, [name]).encode())  # no parse error
    assert root.findtext("Segments/Segment/Name") == "Gate[31m ☠"

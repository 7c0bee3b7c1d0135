"""Exporting splits for LiveSplit: a `.lss` run file with the route's split names, the personal
best and the best segments, ready to open in LiveSplit.

Owns the XML LiveSplit reads (its run format 1.7.0: `Run` with `GameName`, `CategoryName`,
`Metadata`, `Offset`, `AttemptCount`, `AttemptHistory`, and `Segments/Segment` each with `Name`,
`SplitTimes/SplitTime name="Personal Best"`, `BestSegmentTime` and `SegmentHistory`). Times are
written as LiveSplit writes them (`HH:MM:SS.fffffff`), game time from the IGT, real time where it
was measured. Imports xml.etree and this package; no pygame.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from game import storage
from game.speedrun.bests import START, Bests
from game.speedrun.timefmt import ms_to_timespan, ticks_to_timespan

GAME_NAME = "All You Need Is Kill"
LSS_VERSION = "1.7.0"
PB = "Personal Best"


def category_name(bests: Bests) -> str:
    name = bests.category.name
    if bests.category.seed != 0:
        name += f" (seed {bests.category.seed})"
    return name


def lss_tree(bests: Bests, order: Sequence[str]) -> ET.Element:
    run = ET.Element("Run", version=LSS_VERSION)
    ET.SubElement(run, "GameIcon")
    ET.SubElement(run, "GameName").text = GAME_NAME
    ET.SubElement(run, "CategoryName").text = category_name(bests)
    ET.SubElement(run, "LayoutPath")
    metadata = ET.SubElement(run, "Metadata")
    ET.SubElement(metadata, "Run", id="")
    ET.SubElement(metadata, "Platform", usesEmulator="False").text = "PC"
    ET.SubElement(metadata, "Region")
    variables = ET.SubElement(metadata, "Variables")
    ET.SubElement(variables, "Variable", name="Seed").text = str(bests.category.seed)
    ET.SubElement(variables, "Variable", name="Game version").text = bests.game_version
    ET.SubElement(metadata, "CustomVariables")
    ET.SubElement(run, "Offset").text = "00:00:00"
    ET.SubElement(run, "AttemptCount").text = str(bests.attempt_count)
    history = ET.SubElement(run, "AttemptHistory")
    for attempt in bests.attempts:
        element = ET.SubElement(
            history,
            "Attempt",
            id=str(attempt.get("id", "")),
            started=_lss_date(attempt.get("started")),
            isStartedSynced="False",
            ended=_lss_date(attempt.get("ended")),
            isEndedSynced="False",
        )
        _times(element, attempt.get("igt_ticks"), attempt.get("real_ms"))
    segments = ET.SubElement(run, "Segments")
    previous = START
    for name in order:
        segment = ET.SubElement(segments, "Segment")
        ET.SubElement(segment, "Name").text = name
        ET.SubElement(segment, "Icon")
        split_times = ET.SubElement(segment, "SplitTimes")
        pb = ET.SubElement(split_times, "SplitTime", name=PB)
        for split in bests.pb:
            if split.name == name:
                _times(pb, split.igt_ticks, split.real_ms)
        _times(ET.SubElement(segment, "BestSegmentTime"), bests.gold(previous, name), None)
        ET.SubElement(segment, "SegmentHistory")
        previous = name
    ET.SubElement(run, "AutoSplitterSettings")
    return run


def lss_text(bests: Bests, order: Sequence[str]) -> str:
    tree = lss_tree(bests, order)
    ET.indent(tree, space="  ")
    body = ET.tostring(tree, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def write_lss(path: str | os.PathLike, bests: Bests, order: Sequence[str]) -> None:
    storage.atomic_write_text(path, lss_text(bests, order))


def _times(element: ET.Element, igt_ticks: int | None, real_ms: int | None) -> None:
    if real_ms is not None:
        ET.SubElement(element, "RealTime").text = ms_to_timespan(real_ms)
    if igt_ticks is not None:
        ET.SubElement(element, "GameTime").text = ticks_to_timespan(igt_ticks)


def _lss_date(iso: object) -> str:
    """LiveSplit's attempt dates: `MM/dd/yyyy HH:mm:ss`, UTC."""
    if not isinstance(iso, str) or not iso:
        return ""
    try:
        when = datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return ""
    return when.strftime("%m/%d/%Y %H:%M:%S")

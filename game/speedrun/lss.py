"""Exporting splits for LiveSplit: a `.lss` run file with the route's split names, the personal
best, the best segments, every segment's history and the attempt history, ready to open.

Owns the XML LiveSplit reads and writes (its run format 1.7.0, as LiveSplit itself saves it):
`Run` with `GameIcon`, `GameName`, `CategoryName`, `LayoutPath`, `Metadata` (`Run id`,
`Platform usesEmulator`, `Region`, `Variables` and `CustomVariables`: the seed and the game
version), `Offset`, `AttemptCount`, `AttemptHistory` (each `Attempt` with its `id`, `started` and
`ended` as `MM/dd/yyyy HH:mm:ss` UTC, and `RealTime`/`GameTime` when it completed), and
`Segments/Segment` each with `Name`, `Icon`, `SplitTimes/SplitTime name="Personal Best"`,
`BestSegmentTime` and `SegmentHistory/Time id=<attempt>`. Times are written as LiveSplit writes
them (`HH:MM:SS.fffffff`): game time from the IGT, real time where it was measured. A date or
time that is not known is left out, never written empty (LiveSplit's parsers refuse that).

The segment history places each attempt's splits on the segments the way the LiveSplit client
(game.speedrun.livesplit) splits LiveSplit live: by name, in the exported order; a segment the
attempt passed by is skipped (an empty `Time`, and the next segment's time runs from the last
split), a split reached after a later one is left out, and segments after where the attempt
ended have no entry. Imports xml.etree, game.storage and this package; no pygame.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from game import storage
from game.speedrun.bests import START, Bests, SplitTime
from game.speedrun.timefmt import ms_to_timespan, ticks_to_timespan

GAME_NAME = "All You Need Is Kill"
LSS_VERSION = "1.7.0"
PB = "Personal Best"
SEED_VARIABLE = "Seed"
VERSION_VARIABLE = "Game version"
# Characters XML 1.0 cannot hold at all (a mod's split may be named anything): left out.
NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class SegmentTime:
    """One attempt's time on one segment: None and None when the attempt skipped it."""

    igt_ticks: int | None
    real_ms: int | None


def category_name(bests: Bests) -> str:
    name = bests.category.name
    if bests.category.seed != 0:
        name += f" (seed {bests.category.seed})"
    return name


def segment_history(splits: Sequence[SplitTime], order: Sequence[str]) -> dict[int, SegmentTime]:
    """One attempt's splits (as they happened) as LiveSplit's segment times, by segment index."""
    history: dict[int, SegmentTime] = {}
    position = 0  # the next segment LiveSplit would split
    last_igt, last_real = 0, 0
    index_of = {name: i for i, name in reversed(list(enumerate(order)))}
    for split in splits:
        target = index_of.get(split.name)
        if target is None or target < position:
            continue  # not a segment of this file, or LiveSplit is past it
        for skipped in range(position, target):
            history[skipped] = SegmentTime(None, None)
        real = None
        if split.real_ms is not None and last_real is not None:
            real = max(0, split.real_ms - last_real)
        history[target] = SegmentTime(max(0, split.igt_ticks - last_igt), real)
        position, last_igt, last_real = target + 1, split.igt_ticks, split.real_ms
    return history


def lss_tree(bests: Bests, order: Sequence[str]) -> ET.Element:
    run = ET.Element("Run", version=LSS_VERSION)
    ET.SubElement(run, "GameIcon")
    ET.SubElement(run, "GameName").text = GAME_NAME
    ET.SubElement(run, "CategoryName").text = _text(category_name(bests))
    ET.SubElement(run, "LayoutPath")
    _metadata(ET.SubElement(run, "Metadata"), bests)
    ET.SubElement(run, "Offset").text = "00:00:00"
    ET.SubElement(run, "AttemptCount").text = str(bests.attempt_count)
    history = ET.SubElement(run, "AttemptHistory")
    histories: list[tuple[int, dict[int, SegmentTime]]] = []
    for attempt in bests.attempts:
        number = attempt.get("id")
        if not isinstance(number, int) or isinstance(number, bool):
            continue  # LiveSplit needs the id; an attempt without one cannot be shown
        element = ET.SubElement(history, "Attempt", id=str(number))
        for key in ("started", "ended"):
            date = _lss_date(attempt.get(key))
            if date:
                element.set(key, date)
                element.set(f"is{key.capitalize()}Synced", "False")
        if attempt.get("completed") is True:
            _times(element, _count(attempt.get("igt_ticks")), _count(attempt.get("real_ms")))
        splits = bests.attempt_splits(attempt)
        if splits:
            histories.append((number, segment_history(splits, order)))
    segments = ET.SubElement(run, "Segments")
    previous = START
    pb = {split.name: split for split in bests.pb}
    for index, name in enumerate(order):
        segment = ET.SubElement(segments, "Segment")
        ET.SubElement(segment, "Name").text = _text(name)
        ET.SubElement(segment, "Icon")
        split_times = ET.SubElement(segment, "SplitTimes")
        pb_time = ET.SubElement(split_times, "SplitTime", name=PB)
        if name in pb:
            _times(pb_time, pb[name].igt_ticks, pb[name].real_ms)
        best = ET.SubElement(segment, "BestSegmentTime")
        _times(best, bests.gold(previous, name), bests.gold_real(previous, name))
        times = ET.SubElement(segment, "SegmentHistory")
        for number, attempt_history in histories:
            if index in attempt_history:
                entry = attempt_history[index]
                _times(ET.SubElement(times, "Time", id=str(number)), entry.igt_ticks, entry.real_ms)
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


def _metadata(metadata: ET.Element, bests: Bests) -> None:
    ET.SubElement(metadata, "Run", id="")
    ET.SubElement(metadata, "Platform", usesEmulator="False").text = "PC"
    ET.SubElement(metadata, "Region")
    values = ((SEED_VARIABLE, str(bests.category.seed)), (VERSION_VARIABLE, bests.game_version))
    # Both lists, as LiveSplit keeps them: `Variables` (what a leaderboard's category names) and
    # `CustomVariables` (the run's own values, which LiveSplit shows and keeps with each split).
    for tag in ("Variables", "CustomVariables"):
        variables = ET.SubElement(metadata, tag)
        for name, value in values:
            ET.SubElement(variables, "Variable", name=name).text = _text(value)


def _times(element: ET.Element, igt_ticks: int | None, real_ms: int | None) -> None:
    if real_ms is not None:
        ET.SubElement(element, "RealTime").text = ms_to_timespan(real_ms)
    if igt_ticks is not None:
        ET.SubElement(element, "GameTime").text = ticks_to_timespan(igt_ticks)


def _text(text: str) -> str:
    return NOT_XML.sub("", text)


def _count(value: object) -> int | None:
    """A time from the bests file's attempts (kept as read): a whole number, or nothing."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def _lss_date(iso: object) -> str:
    """LiveSplit's attempt dates: `MM/dd/yyyy HH:mm:ss`, UTC; "" when there is none."""
    if not isinstance(iso, str) or not iso:
        return ""
    try:
        when = datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return ""
    return when.strftime("%m/%d/%Y %H:%M:%S")

"""Splits: the split plan (a run's named moments, `SplitPlan`), and the tracker that sees each one
happen.

Owns what a split is and when it fires. The campaign's default splits are the gate code (knowledge
`intel:gate-code` learned), the dam (entering `levels/dam.tmx`), the Alpha's vision (`vision:omega`
learned), the chamber (`FinalActBegun`: down the hidden shaft; or entering a level whose name
holds "chamber", or a map `Split` named "Chamber") and the Omega (`OmegaDestroyed`, the run's
last split). Every map `Split` object is a split too: its name is the split's name and it fires
the first time Cage is inside its area. A map `Split` with a default's name adds its area to that
default.

Each split fires once per run, in whatever order the runner reaches them. The plan's order (for
display, comparison and LiveSplit) is the personal best's once there is one; before that it is:
each level's splits by progress from its PlayerStart towards its Exit (or its Omega), the levels
in the order their Exits lead, the defaults not found on any map after them, the Omega last.

`SplitTracker` is pure and fed per tick by events and the Cage's position, so it runs the same
live, headless and in the verifier. Imports level data and this package's event reader only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from game.level.data import LevelData, MapObject, Point, point_in_polygon
from game.speedrun import events as E

GATE_CODE = "Gate code"
DAM = "Dam"
VISION = "Alpha's vision"
CHAMBER = "Chamber"
OMEGA = "Omega"
DEFAULT_SPLITS = (GATE_CODE, DAM, VISION, CHAMBER, OMEGA)

GATE_CODE_KNOWLEDGE = "intel:gate-code"
VISION_KNOWLEDGE = "vision:omega"


@dataclass(frozen=True)
class Area:
    level: str  # the map's stem
    outline: tuple[Point, ...]

    @cached_property
    def _box(self) -> tuple[float, float, float, float]:
        """The outline's bounds, a pixel wider each way: no point beyond them is inside (a
        horizontal ray from it crosses the outline an even number of times, or never)."""
        xs = [p[0] for p in self.outline] or [0.0]
        ys = [p[1] for p in self.outline] or [0.0]
        return (min(xs) - 1.0, min(ys) - 1.0, max(xs) + 1.0, max(ys) + 1.0)

    def contains(self, x: float, y: float) -> bool:
        # Cage is asked about every area of the map each tick until it fires: the bounds first.
        left, top, right, bottom = self._box
        if not (left <= x <= right and top <= y <= bottom):
            return False
        return len(self.outline) >= 3 and point_in_polygon(self.outline, x, y)


@dataclass(frozen=True)
class SplitDef:
    """A split and everything that completes it (any one condition is enough)."""

    name: str
    knowledge: tuple[str, ...] = ()  # KnowledgeLearned ids
    levels: tuple[str, ...] = ()  # LevelEntered stems (exact)
    level_substrings: tuple[str, ...] = ()  # LevelEntered stems containing one of these
    events: tuple[type, ...] = ()  # the simulation's event classes that fire it
    areas: tuple[Area, ...] = ()  # map areas, first entered
    final: bool = False  # the run ends here

    def fired_by(self, event: object) -> bool:
        if (
            self.knowledge
            and isinstance(event, E.KnowledgeLearned)
            and event.knowledge in self.knowledge
        ):
            return True
        if self.levels or self.level_substrings:
            stem = E.entered_level(event)
            if stem is not None and (
                stem in self.levels or any(s in stem for s in self.level_substrings)
            ):
                return True
        return isinstance(event, self.events)

    def entered(self, level: str, x: float, y: float) -> bool:
        return any(a.level == level and a.contains(x, y) for a in self.areas)


@dataclass(frozen=True)
class SplitPlan:
    splits: tuple[SplitDef, ...]

    @cached_property
    def heard(self) -> tuple[type, ...]:
        """The kinds of event a split of the plan can fire on (SplitDef.fired_by is False for
        any other): most of a tick's events are shots and steps, which none listens for."""
        kinds = {E.KnowledgeLearned, E.LevelEntered}
        for split in self.splits:
            kinds.update(split.events)
        return tuple(kinds)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.splits]

    def get(self, name: str) -> SplitDef | None:
        for s in self.splits:
            if s.name == name:
                return s
        return None

    def ordered(self, order: Sequence[str]) -> SplitPlan:
        """This plan's splits in `order` (a personal best's); splits `order` lacks keep their
        place after it, the final split stays last."""
        by_name = {s.name: s for s in self.splits}
        first = [by_name[n] for n in order if n in by_name]
        rest = [s for s in self.splits if s.name not in set(order)]
        splits = [s for s in first + rest if not s.final] + [s for s in self.splits if s.final]
        return SplitPlan(tuple(splits))


def default_splits() -> dict[str, SplitDef]:
    return {
        GATE_CODE: SplitDef(GATE_CODE, knowledge=(GATE_CODE_KNOWLEDGE,)),
        DAM: SplitDef(DAM, levels=("dam",)),
        VISION: SplitDef(VISION, knowledge=(VISION_KNOWLEDGE,)),
        CHAMBER: SplitDef(CHAMBER, level_substrings=("chamber",), events=(E.FinalActBegun,)),
        OMEGA: SplitDef(OMEGA, events=(E.OmegaDestroyed,), final=True),
    }


def build_split_plan(levels: Sequence[LevelData], campaign: bool = True) -> SplitPlan:
    """The split plan for a run through `levels` (the starting map first, then the maps its Exits
    lead to). `campaign` adds the default splits; a mod's run has its maps' splits and the Omega."""
    defaults = default_splits()
    if not campaign:
        defaults = {OMEGA: defaults[OMEGA]}
    placed: list[str] = []
    merged: dict[str, SplitDef] = {}
    key_of = {name.lower(): name for name in defaults}
    seen_names: set[str] = set()
    for level in levels:
        stem = E.level_stem(level.path)
        items: list[tuple[float, str]] = []  # (progress, split name)
        areas: dict[str, list[Area]] = {}
        for obj in level.objects_of("Split"):
            outline = obj.outline
            if not obj.name or len(outline) < 3:
                continue
            name = key_of.get(obj.name.lower(), obj.name)
            if name not in defaults and name in seen_names and name not in areas:
                name = f"{name} ({stem})"  # the same name on two maps: two splits
            if name not in areas:
                items.append((_progress(level, obj.center), name))
            areas.setdefault(name, []).append(Area(stem, tuple(outline)))
        for name, area_list in areas.items():
            base = merged.get(name) or defaults.get(name) or SplitDef(name)
            merged[name] = _with_areas(base, area_list)
        seen_names.update(areas)
        for name, progress in _default_anchors(level, stem, defaults):
            if name not in areas and name not in placed:
                items.append((progress, name))
        items.sort(key=lambda item: item[0])
        for _progress_value, name in items:
            if name not in placed:
                placed.append(name)
    for name in defaults:
        if name not in placed:
            placed.append(name)
    splits = [merged.get(name) or defaults[name] for name in placed]
    splits = [s for s in splits if not s.final] + [s for s in splits if s.final]
    return SplitPlan(tuple(splits))


def _with_areas(split: SplitDef, areas: list[Area]) -> SplitDef:
    return SplitDef(
        split.name,
        split.knowledge,
        split.levels,
        split.level_substrings,
        split.events,
        split.areas + tuple(areas),
        split.final,
    )


def _default_anchors(
    level: LevelData, stem: str, defaults: dict[str, SplitDef]
) -> Iterable[tuple[str, float]]:
    """Where on this map each default split happens, as progress along the map (if it does)."""
    if GATE_CODE in defaults:
        for obj in level.objects_of("Intel"):
            if obj.prop("knowledge") == GATE_CODE_KNOWLEDGE:
                yield GATE_CODE, _progress(level, (obj.x, obj.y))
                break
    if DAM in defaults and stem == "dam":
        yield DAM, -math.inf
    if CHAMBER in defaults and "chamber" in stem:
        yield CHAMBER, -math.inf
    omegas = level.objects_of("Omega")
    if VISION in defaults and omegas:
        for obj in level.objects_of("MimicSpawn"):
            if obj.prop("kind") == "alpha":
                yield VISION, _progress(level, _where(obj))
                break


def _where(obj: MapObject) -> Point:
    return (obj.x, obj.y) if obj.is_point else obj.center


def _progress(level: LevelData, point: Point) -> float:
    """How far along the map a point is: its projection on the line from the PlayerStart to the
    first Exit (or the Omega); the plain distance from the start when there is neither."""
    starts = level.objects_of("PlayerStart")
    sx, sy = (starts[0].x, starts[0].y) if starts else (0.0, 0.0)
    goals = level.objects_of("Exit") or level.objects_of("Omega")
    px, py = point[0] - sx, point[1] - sy
    if goals:
        gx, gy = _where(goals[0])
        dx, dy = gx - sx, gy - sy
        length = math.hypot(dx, dy)
        if length > 0:
            return (px * dx + py * dy) / length
    return math.hypot(px, py)


@dataclass(frozen=True)
class SplitHit:
    name: str
    igt_ticks: int
    run_ticks: int  # the run's tick count after the step it fired in
    day: int  # index of the day it happened in (0 = the run's first day)


@dataclass
class SplitTracker:
    """Which splits have fired; `step` reports the ones that fire this tick (the plan's order)."""

    plan: SplitPlan
    hits: list[SplitHit] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._done: set[str] = {h.name for h in self.hits}
        self._stem_of = ("", E.level_stem(""))  # the last level name `step` was given, its stem

    @property
    def finished(self) -> bool:
        return any(s.final and s.name in self._done for s in self.plan.splits)

    def done(self, name: str) -> bool:
        return name in self._done

    def hit(self, name: str) -> SplitHit | None:
        for h in self.hits:
            if h.name == name:
                return h
        return None

    def restore(self, hits: Iterable[SplitHit]) -> None:
        """Mark splits as already done (a replay viewer jumping into the middle of a run)."""
        for h in hits:
            if h.name not in self._done:
                self._done.add(h.name)
                self.hits.append(h)

    def step(
        self,
        events: Sequence[object],
        level: str,
        position: Point | None,
        igt_ticks: int,
        run_ticks: int,
        day: int = 0,
    ) -> list[SplitHit]:
        """Splits that fire on this tick: by an event, or by Cage (alive, at `position` on the map
        `level`) being inside a split's area for the first time."""
        if self.finished:
            return []
        fired: list[SplitHit] = []
        if self._stem_of[0] != level:  # the map changes a few times a run; the stem with it
            self._stem_of = (level, E.level_stem(level))
        stem = self._stem_of[1]
        if events:
            heard = self.plan.heard
            events = [e for e in events if isinstance(e, heard)]
        for split in self.plan.splits:
            if split.name in self._done:
                continue
            hit = bool(events) and any(split.fired_by(e) for e in events)  # most ticks: none
            if not hit and position is not None and split.areas:
                hit = split.entered(stem, position[0], position[1])
            if hit:
                fired.append(SplitHit(split.name, igt_ticks, run_ticks, day))
        # The final split closes the run: it is reported last.
        if len(fired) > 1:
            fired.sort(key=lambda h: bool(self.plan.get(h.name) and self.plan.get(h.name).final))
        for h in fired:
            self._done.add(h.name)
            self.hits.append(h)
        return fired

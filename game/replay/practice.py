"""Practice: start a day with chosen knowledge and training, or at any split of a saved replay.

Owns building a practice start: a Memory with the knowledge and Rita's training the runner picks
(`practice_memory`), the knowledge a map can teach (for the picker, and to refuse an id no map
teaches: `check_knowledge`), the run as it stood at a split of a replay, found by re-simulating it
(`state_at_split`; instant up to the last loop start thanks to the loop records), and the live
comparison of a practice from a split (`SegmentComparison`): the segments from that split on,
against the golds and the personal best of the category the replay was run in, read and never
written. Practice runs are marked as such in their replays and never count as a best
(game.speedrun.category). Pure apart from loading maps and reading the bests file; no pygame.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from game.level.data import LevelData
from game.replay.format import Replay
from game.replay.playback import Maps, Playback
from game.sim.knowledge import GATE_CODE, RITA_PHRASE, VISION_OMEGA, describe
from game.sim.loop import Run
from game.sim.memory import Memory
from game.sim.things import CLEARED
from game.speedrun.bests import Bests, LiveComparison, SplitResult, SplitRow
from game.speedrun.category import Category
from game.speedrun.splits import SplitHit, SplitPlan

MAX_TRAINING = 5


def practice_memory(knowledge: Iterable[str], training_level: int, loop: int = 1) -> Memory:
    """A Memory as if Cage had lived `loop` loops and learned exactly this."""
    if not 0 <= training_level <= MAX_TRAINING:
        raise ValueError(f"training level {training_level}: it goes from 0 to {MAX_TRAINING}")
    if loop < 1:
        raise ValueError("a practice day is a loop: 1 or more")
    memory = Memory(loop=loop, training_level=training_level)
    for knowledge_id in knowledge:
        knowledge_id = str(knowledge_id).strip()
        if not knowledge_id:
            continue
        memory.knowledge.setdefault(knowledge_id, loop)
    return memory


def knowledge_choices(levels: Iterable[LevelData]) -> list[tuple[str, str]]:
    """Every knowledge id these maps can teach, with its journal line, for a practice picker."""
    ids: list[str] = [RITA_PHRASE]
    for level in levels:
        for obj in level.objects:
            if obj.cls == "Intel" and obj.prop("knowledge"):
                ids.append(str(obj.prop("knowledge")))
            elif obj.cls == "MimicSpawn":
                ids.append(str(obj.prop("ambush", "") or f"ambush:{obj.id}"))
            elif obj.cls == "Mine" and obj.prop("field"):
                ids.append(str(obj.prop("field")))
            elif obj.cls == "Gate" and obj.prop("requires"):
                # A coded Gate names every piece of its code; `cleared:` is today's state of a
                # MimicSpawn, not something Cage can remember.
                pieces = (p.strip() for p in str(obj.prop("requires")).split(","))
                ids += [p for p in pieces if p and not p.startswith(CLEARED)]
    ids += [GATE_CODE, VISION_OMEGA]
    unique = list(dict.fromkeys(i for i in ids if i))
    return [(i, describe(i)) for i in unique]


def check_knowledge(knowledge: Iterable[str], levels: Iterable[LevelData]) -> None:
    """ValueError naming the first id no map of `levels` can teach, with the ids they can: a
    typing slip would otherwise start a practice day that silently knows nothing new."""
    known = [i for i, _text in knowledge_choices(levels)]
    unknown = [k for k in knowledge if k not in known]
    if unknown:
        listed = ", ".join(known) or "none"
        raise ValueError(f"unknown knowledge id {unknown[0]!r}; the known ids are: {listed}")


def splits_in(replay: Replay) -> list[str]:
    """The splits a replay reached (version 2 records them), in the order it reached them."""
    return [mark.name for mark in replay.splits]


@dataclass
class SplitState:
    run: Run
    tick: int  # the run's tick count just after the split fired
    igt_ticks: int  # the replay's IGT at the split
    split: str


def find_split(replay: Replay, split_name: str, maps: Maps | None = None) -> SplitState:
    """The replay's run just after `split_name` fired, by re-simulation. ValueError if it never
    does."""
    playback = Playback(replay, maps)
    marks = [m for m in replay.splits if m.name == split_name]
    if marks:
        playback.seek(marks[0].ticks)
        hit = playback.tracker.splits.hit(split_name)
        if hit is not None:
            return SplitState(playback.run, playback.position, hit.igt_ticks, split_name)
    else:
        while (stepped := playback.step()) is not None:
            _events, hits = stepped
            for hit in hits:
                if hit.name == split_name:
                    return SplitState(playback.run, playback.position, hit.igt_ticks, split_name)
    raise ValueError(f"the replay never reaches the split {split_name!r}")


def state_at_split(replay: Replay, split_name: str) -> tuple[Run, int]:
    """(the Run just after the split, its tick count); ValueError if the replay never gets there."""
    state = find_split(replay, split_name)
    return state.run, state.tick


class SegmentComparison(LiveComparison):
    """A practice from a split against the record: the segment from `start` on compared with
    its gold, and each split with the personal best's time from `start` to it. The splits of the
    lead-in are done before the practice begins; they are neither timed nor compared."""

    def __init__(
        self, bests: Bests | None, plan: SplitPlan, start: str, lead_in: Sequence[str] = ()
    ) -> None:
        super().__init__(bests, plan)
        self.start = start
        self.lead_in = tuple(dict.fromkeys([*lead_in, start]))
        self._pb_start = bests.pb_time(start) if bests is not None else None

    def _pb_from_start(self, name: str) -> int | None:
        """The personal best's time from the practice's start split to `name`."""
        if self.bests is None or self._pb_start is None:
            return None
        at = self.bests.pb_time(name)
        return None if at is None or at < self._pb_start else at - self._pb_start

    def split(self, hit: SplitHit) -> SplitResult:
        previous = self.results[-1] if self.results else None
        previous_name = previous.name if previous else self.start
        previous_igt = previous.igt_ticks if previous else 0  # practice IGT starts at the split
        segment = hit.igt_ticks - previous_igt
        best = self.bests.gold(previous_name, hit.name) if self.bests is not None else None
        pb = self._pb_from_start(hit.name)
        result = SplitResult(
            hit.name, hit.igt_ticks, segment, pb, None if pb is None else hit.igt_ticks - pb,
            best, best is not None and segment < best,
        )  # fmt: skip
        self.results.append(result)
        return result

    def _ahead(self) -> list[str]:
        """The splits still to come in the practised part of the route."""
        done = {r.name for r in self.results} | set(self.lead_in)
        return [n for n in self.order if n not in done]

    def sum_of_best(self) -> int | None:
        """The golds from the start split to the end along the route."""
        if self.bests is None:
            return None
        total, previous = 0, self.start
        for name in [n for n in self.order if n not in self.lead_in]:
            best = self.bests.gold(previous, name)
            if best is None:
                return None
            total, previous = total + best, name
        return total

    def _first(self) -> str:
        return self.start

    def rows(self) -> list[SplitRow]:
        by_name = {r.name: r for r in self.results}
        rows = []
        for name in self.order:
            r = by_name.get(name)
            pb = None if name in self.lead_in else self._pb_from_start(name)
            rows.append(
                SplitRow(name, pb, r.igt_ticks if r else None, r.delta_ticks if r else None,
                         bool(r and r.gold))
            )  # fmt: skip
        return rows


def segment_comparison(
    category: Category,
    game_version: str,
    plan: SplitPlan,
    start: str,
    lead_in: Sequence[str],
    source_category: str = "",
) -> SegmentComparison:
    """The comparison for a practice from `start`: against the bests of the category the run
    would be without the practice (a new save, played by a person; `source_category` is the
    category name the replay was run in), when that category keeps bests at all."""
    base = dataclasses.replace(category, practice="", new_save=True, player="human")
    if source_category:
        base = dataclasses.replace(base, name=source_category)
    bests = None
    if base.counts_for_bests:
        # Read only: a damaged file is left for the next real run to set aside, never touched
        # by a practice.
        bests = Bests(base, game_version)
        if bests._try_read(bests.path) is not None or (bests.pb_igt is None and not bests.golds):
            bests = None  # missing, unreadable, or nothing to compare with yet
    return SegmentComparison(bests, plan, start, lead_in)

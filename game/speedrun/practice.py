"""Practice: start a day with chosen knowledge and training, or at any split of a saved replay.

Owns building a practice start: a Memory with the knowledge and Rita's training the runner picks
(`practice_memory`), the knowledge a map can teach (for the picker), and the run as it stood at a
split of a replay, found by re-simulating it (`state_at_split`; instant up to the last loop
start thanks to the loop records). Practice runs are marked as such in their replays and never
count as a best (game.speedrun.category). Pure apart from loading maps; no pygame.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from game.level.data import LevelData
from game.replay.format import Replay
from game.replay.playback import Maps, Playback
from game.sim.knowledge import GATE_CODE, RITA_PHRASE, VISION_OMEGA, describe
from game.sim.loop import Run
from game.sim.memory import Memory

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
                ids.append(str(obj.prop("requires")))
    ids += [GATE_CODE, VISION_OMEGA]
    unique = list(dict.fromkeys(i for i in ids if i))
    return [(i, describe(i)) for i in unique]


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

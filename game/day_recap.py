"""What a day's recap says: "death is progress", in words, from the day that ended.

Owns the recap's text: what killed Cage, where (the map's title and the nearest named place on
it), when (the day's clock), what he learned in the loop that just ended, what is new in the
journal (Rita's training if it rose, how much he knows of each kind), and whether to offer the
assists after repeated deaths at one place. Pure: built from the World that ended and the Memory;
imports no pygame and no scene (game.scenes.recap draws it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from game.level.data import LevelData, MapObject
from game.sim.knowledge import describe
from game.sim.memory import DeathRecord, Memory
from game.sim.training import ABILITIES
from game.tuning import TICK_RATE

# The assists are offered when the latest death has this many deaths (itself included) within
# REPEAT_RADIUS px of it on the same map, among the latest REPEAT_WINDOW deaths.
REPEAT_COUNT = 3
REPEAT_RADIUS = 160.0
REPEAT_WINDOW = 5

# Keys that open the assists, the first one no action is bound to (A moves left by default).
ASSIST_KEY_CHOICES = ("q", "f1", "o", "f3")
OFFER = "Dying here again? Assists can make the day gentler"


@dataclass(frozen=True)
class Recap:
    title: str  # "LOOP 3 IS OVER", "DAY 0 IS OVER"
    cause: str  # "Killed by a drone's lunge"
    where: str  # "The Beachhead, near the hedgehog belt"
    when: str  # "0:15 into the day"
    learned: tuple[str, ...] = ()
    journal: tuple[str, ...] = ()
    day0: bool = False  # the short version: the loop is not his yet
    offer_assists: bool = False

    def lines(self) -> list[str]:
        """Everything it says, in order (what a test, or a screen reader, would read)."""
        out = [self.title, self.cause, f"Where: {self.where}", f"When: {self.when}"]
        if not self.day0:
            out.append("Learned this loop:")
            out += list(self.learned) or ["nothing new"]
            out.append("New in the journal:")
            out += list(self.journal) or ["nothing new"]
        if self.offer_assists:
            out.append(OFFER)
        return out


@dataclass(frozen=True)
class JournalCounts:
    """What the journal holds, to say what is new in it after a loop."""

    training_level: int = 0
    ambushes: int = 0
    minefields: int = 0
    intel: int = 0
    other: int = 0

    @classmethod
    def of(cls, memory: Memory) -> JournalCounts:
        kinds = [k.partition(":")[0] for k in memory.knowledge]
        known = ("ambush", "field", "intel")
        return cls(
            memory.training_level,
            kinds.count("ambush"),
            kinds.count("field"),
            kinds.count("intel"),
            sum(1 for k in kinds if k not in known),
        )


# --- what the recap says -------------------------------------------------------------------------


def day_clock(tick: int) -> str:
    """A tick of the day as m:ss."""
    seconds = max(0, tick) // TICK_RATE
    return f"{seconds // 60}:{seconds % 60:02d}"


# Words that say what an object does rather than where it is ("enter-bunker" is the bunker).
_NOT_PLACES = {"enter", "leave", "to", "the", "drill", "alpha", "drones", "late", "runners"}
_WORDS = {"lz": "landing zone"}
# Classes whose names are places; Walls, Mines and the like say nothing a player would recognise.
_PLACE_CLASSES = ("PlayerStart", "Rita", "TrainingDrill", "Split", "Trigger", "Intel", "Exit",
                  "Gate", "Explosive", "Omega", "MimicSpawn", "Mine", "Water")  # fmt: skip
_ON = {"beach", "seawall", "road", "crest", "ridge", "bridge", "dunes", "shore"}  # on, not in


def _place_words(o: MapObject) -> str:
    if o.cls in ("Rita", "TrainingDrill"):
        return "Rita's training yard"
    if o.cls == "Omega":
        return "the Omega"
    if o.cls == "Mine":
        return "the minefield"
    words = [w for w in o.name.replace("_", "-").replace(" ", "-").lower().split("-") if w]
    words = [_WORDS.get(w, w) for w in words if w not in _NOT_PLACES and not w.isdigit()]
    if not words:
        return ""
    if o.cls == "Exit":
        return "the way to the " + " ".join(words)
    return "the " + " ".join(words)


def _distance(o: MapObject, x: float, y: float) -> float:
    """From (x, y) to the object's area (0 inside it), or to its point."""
    if o.outline:
        if o.contains(x, y):
            return 0.0
        xs = [p[0] for p in o.outline]
        ys = [p[1] for p in o.outline]
        dx = max(min(xs) - x, 0.0, x - max(xs))
        dy = max(min(ys) - y, 0.0, y - max(ys))
        return math.hypot(dx, dy)
    return math.hypot(o.x - x, o.y - y)


# The named places of the last map asked about, with their words: a map's objects never change
# once loaded, and the recap asks on every death (the frame the day resets), so they are sorted
# out once per map, not once per death.
_places_of: tuple[LevelData | None, list[tuple[MapObject, str]]] = (None, [])


def _places(level: LevelData) -> list[tuple[MapObject, str]]:
    global _places_of
    kept, places = _places_of
    if kept is not level:
        places = [
            (o, words)
            for o in level.objects
            if o.cls in _PLACE_CLASSES and o.name and (words := _place_words(o))
        ]
        _places_of = (level, places)
    return places


def place_name(level: LevelData | None, x: float, y: float) -> str:
    """The map's title and its nearest named place: "The Beachhead, near the hedgehog belt"."""
    if level is None:
        return f"at ({round(x)}, {round(y)})"
    title = level.title or "the map"
    best, best_distance = "", float("inf")
    for o, words in _places(level):
        distance = _distance(o, x, y)
        if distance < best_distance:
            best, best_distance = words, distance
    if not best:
        return f"{title}, at ({round(x)}, {round(y)})"
    if best_distance > 0:
        return f"{title}, near {best}"
    return f"{title}, {'on' if best.rsplit(' ', 1)[-1] in _ON else 'in'} {best}"


def repeated_deaths(
    deaths: Sequence[DeathRecord],
    count: int = REPEAT_COUNT,
    radius: float = REPEAT_RADIUS,
    window: int = REPEAT_WINDOW,
) -> bool:
    """Whether the latest death is one of `count` or more on its map within `radius` px of it,
    among the latest `window` deaths."""
    if not deaths:
        return False
    latest = deaths[-1]
    near = [
        d
        for d in list(deaths)[-window:]
        if d.level == latest.level and math.hypot(d.x - latest.x, d.y - latest.y) <= radius
    ]
    return len(near) >= count


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def journal_news(before: JournalCounts, after: JournalCounts) -> list[str]:
    """What is new in the journal since `before`."""
    lines = []
    if after.training_level > before.training_level:
        gained = [ABILITIES.get(n, f"level {n}") for n in
                  range(before.training_level + 1, after.training_level + 1)]  # fmt: skip
        lines.append(f"Rita's training: level {after.training_level} of 5 ({', '.join(gained)})")
    known = []
    for now, was, one, many in (
        (after.ambushes, before.ambushes, "ambush", "ambushes"),
        (after.minefields, before.minefields, "minefield", "minefields"),
        (after.intel, before.intel, "piece of intel", "pieces of intel"),
    ):
        if now > was:
            known.append(f"{_plural(now, one, many)} (+{now - was})")
        elif now:
            known.append(_plural(now, one, many))
    if after != before and known:
        lines.append("Known: " + ", ".join(known))
    return lines


def build_recap(
    reason: str,
    ended_loop: int,
    world,
    memory: Memory,
    day_start: JournalCounts,
    titles: dict[str, str] | None = None,
    deaths: Sequence[DeathRecord] | None = None,
    assists_on: bool = False,
) -> Recap:
    """The recap of the day that just ended in a death.

    `world` is that day's World (Cage dead in it), `memory` the Memory the new day begins with,
    `ended_loop` the loop that ended (0 on Day 0), `day_start` the journal's counts when that day
    began, `titles` the human titles of knowledge (game.sim.knowledge.level_titles), `deaths` the
    death log to look for repeated deaths in (default: the Memory's)."""
    cage = world.cage
    cause = cage.death_cause or "the beach"
    x, y = cage.position
    tick = world.death_tick if world.death_tick is not None else world.tick
    where = place_name(world.level, x, y)
    when = f"{day_clock(tick)} into the day"
    deaths = memory.deaths if deaths is None else deaths
    offer = not assists_on and repeated_deaths(deaths)
    if reason == "new game":
        return Recap(
            "DAY 0 IS OVER",
            f"Killed by {cause} — Day 0: the loop is not yours yet",
            where,
            when,
            day0=True,
            offer_assists=offer,
        )
    learned = tuple(
        describe(knowledge_id, titles)
        for knowledge_id, loop in memory.knowledge.items()
        if loop == ended_loop
    )
    title = f"LOOP {ended_loop} IS OVER" if ended_loop else "DAY 0 IS OVER"
    return Recap(
        title,
        f"Killed by {cause}",
        where,
        when,
        learned,
        tuple(journal_news(day_start, JournalCounts.of(memory))),
        offer_assists=offer,
    )


def assist_key(bindings: dict[str, list[str]]) -> str:
    """The key that opens the assists from the recap: one no action is bound to."""
    bound = {k for keys in bindings.values() for k in keys}
    return next((k for k in ASSIST_KEY_CHOICES if k not in bound), ASSIST_KEY_CHOICES[0])

"""Memory: what Cage keeps when the day resets, and its saved JSON form.

Owns the knowledge (each id with the loop it was learned in), Rita's training level, the loop count
and the death log, and their conversion to and from JSON (validated: a damaged save raises
ValueError saying what is wrong). Pure: no pygame, no files (game.save writes it to disk).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.sim.hashing import StateHasher

MEMORY_VERSION = 1


@dataclass(frozen=True)
class DeathRecord:
    loop: int
    tick: int  # tick of the day he died at
    x: float
    y: float
    cause: str
    level: str = ""  # the map's content-free name (file stem), for death markers


@dataclass
class Memory:
    """What survives the reset."""

    loop: int = 0  # 0 is Day 0: the loop is not his yet
    knowledge: dict[str, int] = field(default_factory=dict)  # id -> loop it was learned in
    training_level: int = 0
    deaths: list[DeathRecord] = field(default_factory=list)
    deaths_forgotten: int = 0  # deaths whose detail a long save trimmed (game.save caps the log)
    # Its hash bytes, packed again only when what they cover changes (they are hashed every
    # tick of a run; they change a few times a loop). Not part of what Memory is.
    _hash_key: tuple | None = field(default=None, init=False, repr=False, compare=False)
    _hash_bytes: bytes = field(default=b"", init=False, repr=False, compare=False)

    @property
    def death_count(self) -> int:
        return self.deaths_forgotten + len(self.deaths)

    @classmethod
    def new_save(cls, loop_mode: str = "day0") -> Memory:
        """A new game's Memory: on Day 0 (the campaign's way), or already in the loop (a mod's
        "from-start": every death is a loop from the first day)."""
        return cls(loop=1 if loop_mode == "from-start" else 0)

    @property
    def looping(self) -> bool:
        return self.loop >= 1

    def knows(self, knowledge_id: str) -> bool:
        return knowledge_id in self.knowledge

    def learn(self, knowledge_id: str) -> bool:
        """Remember something; True when it is new."""
        if not knowledge_id or knowledge_id in self.knowledge:
            return False
        self.knowledge[knowledge_id] = self.loop
        return True

    def hash_into(self, h: StateHasher) -> None:
        # What can change: the counts, the latest death (by value, never by address), and the
        # dict and list themselves if replaced (their ids are fixed while this Memory holds them).
        last = self.deaths[-1] if self.deaths else None
        latest = (last.loop, last.tick, last.x, last.y, last.cause) if last else None
        key = (self.loop, self.training_level, len(self.knowledge), len(self.deaths),
               self.deaths_forgotten, id(self.knowledge), id(self.deaths), latest)  # fmt: skip
        if key != self._hash_key:
            packed = StateHasher()
            self._pack(packed)
            self._hash_key, self._hash_bytes = key, packed.packed()
        h.raw(self._hash_bytes)

    def _pack(self, h: StateHasher) -> None:
        h.ints((self.loop, self.training_level, len(self.knowledge), len(self.deaths)))
        for knowledge_id, loop in self.knowledge.items():
            h.text(knowledge_id)
            h.ints((loop,))
        for d in self.deaths:
            h.ints((d.loop, d.tick))
            h.floats((d.x, d.y))
            h.text(d.cause)
            h.text(d.level)
        if self.deaths_forgotten:  # only a trimmed save has any: every other hash is as it was
            h.ints((self.deaths_forgotten,))

    def to_json(self) -> dict:
        data = self._to_json()
        if self.deaths_forgotten:
            data["deaths_forgotten"] = self.deaths_forgotten
        return data

    def _to_json(self) -> dict:
        return {
            "version": MEMORY_VERSION,
            "loop": self.loop,
            "knowledge": [{"id": k, "loop": v} for k, v in self.knowledge.items()],
            "training_level": self.training_level,
            "deaths": [
                {"loop": d.loop, "tick": d.tick, "x": d.x, "y": d.y, "cause": d.cause,
                 "level": d.level}
                for d in self.deaths
            ],
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: object) -> Memory:
        """Rebuild Memory from its JSON form; ValueError says what is wrong."""
        if not isinstance(data, dict):
            raise ValueError("not a saved memory (expected an object)")
        version = data.get("version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise ValueError("no format version")
        if version > MEMORY_VERSION:
            raise ValueError(f"saved by a newer version of the game (format {version})")
        memory = cls(loop=_int(data, "loop", 0, 10**9))
        memory.training_level = _int(data, "training_level", 0, 5)
        memory.deaths_forgotten = _int(data, "deaths_forgotten", 0, 10**12)
        knowledge = data.get("knowledge", [])
        if not isinstance(knowledge, list):
            raise ValueError("'knowledge' is not a list")
        for item in knowledge:
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise ValueError("a knowledge entry has no id")
            memory.knowledge[item["id"]] = _int(item, "loop", 0, 10**9)
        deaths = data.get("deaths", [])
        if not isinstance(deaths, list):
            raise ValueError("'deaths' is not a list")
        for item in deaths:
            if not isinstance(item, dict):
                raise ValueError("a death record is not an object")
            memory.deaths.append(
                DeathRecord(
                    loop=_int(item, "loop", 0, 10**9),
                    tick=_int(item, "tick", 0, 10**9),
                    x=_float(item, "x"),
                    y=_float(item, "y"),
                    cause=str(item.get("cause", "")),
                    level=str(item.get("level", "")),
                )
            )
        return memory


def _int(data: dict, key: str, low: int, high: int) -> int:
    value = data.get(key, low)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError(f"{key!r} must be a whole number from {low} to {high}")
    return value


def _float(data: dict, key: str) -> float:
    value = data.get(key, 0.0)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value != value:
        raise ValueError(f"{key!r} must be a number")
    return float(value)

"""Ambushes: when and where the map's MimicSpawn objects release their Mimics, and Triggers.

Owns the schedule of a day's spawns (timed by `at`, or fired by a `trigger`) and the Trigger areas
Cage can enter. It decides *when* and *where*; the World creates the Mimics. Everything is in map
order and driven by ticks, so ambushes come at the same places and times every loop.
Imports sim and level data modules only.
"""

from __future__ import annotations

from dataclasses import dataclass

from game import tuning as T
from game.level.data import LevelData, MapObject
from game.sim.events import SimEvent, TriggerEntered
from game.sim.hashing import StateHasher
from game.sim.rng import GameRng, stream


@dataclass(frozen=True)
class SpawnOrder:
    spawn_id: int
    kind: str
    emerge: bool
    ambush: str
    positions: tuple[tuple[float, float], ...]
    center: tuple[float, float]
    name: str = ""  # the MimicSpawn's name: a Gate may wait for it to be cleared
    strike: int = 0  # damage of the first Mimic bursting out under an unwarned Cage (0: none)
    streams: tuple[GameRng, ...] = ()  # each Mimic's own luck, one a position


class SpawnSchedule:
    def __init__(
        self, level: LevelData, start_tick: int = 0, seed: int = 0, map_key: str = ""
    ) -> None:
        self.seed, self.map_key = seed, map_key
        self.spawns: tuple[MapObject, ...] = level.objects_of("MimicSpawn")
        # Each spawn's luck (where its Mimics come out) and how many it has made: a stream of
        # its own per spawn and per Mimic, fixed by the seed, the map and the spawn's id.
        self.streams: list[GameRng] = [
            stream(seed, map_key, "spawn", spawn.id) for spawn in self.spawns
        ]
        self.made: list[int] = [0] * len(self.spawns)
        self.triggers: tuple[MapObject, ...] = level.objects_of("Trigger")
        # Written by update alone (and the streams and `made` by _order), which drops the
        # packed words kept for the state hash whenever it changes one: most ticks it changes
        # none, and packing forty-odd words a tick was a tenth of the hash.
        self.fired: list[bool] = [False] * len(self.spawns)
        self.trigger_inside: list[bool] = [False] * len(self.triggers)
        self.trigger_spent: list[bool] = [False] * len(self.triggers)
        self._luck_bytes: bytes | None = None  # hash_words, packed
        self._state_bytes: bytes | None = None  # state_words, packed
        self._timed: list[tuple[int, int]] = []  # (tick, index into spawns), in firing order
        self._by_trigger: dict[int, list[int]] = {}
        for index, spawn in enumerate(self.spawns):
            at = float(spawn.prop("at", -1.0))
            trigger = int(spawn.prop("trigger", 0))
            if trigger > 0:
                self._by_trigger.setdefault(trigger, []).append(index)
            elif at >= 0:
                self._timed.append((T.seconds(at), index))
        self._timed.sort()
        # The timed spawns due on each tick, in firing order: a look-up a tick, not a scan.
        self._due_at: dict[int, list[int]] = {}
        for at, index in self._timed:
            self._due_at.setdefault(at, []).append(index)
        # Arriving mid-day: what should already have come out is out, above ground.
        self._late = [index for at, index in self._timed if at < start_tick]

    def update(
        self, tick: int, cage_pos: tuple[float, float], events: list[SimEvent]
    ) -> list[SpawnOrder]:
        """The spawns that fire this tick, in a fixed order (timed first, then by trigger)."""
        due: list[int] = list(self._due_at.get(tick, ()))
        late, self._late = self._late, []
        for t_index, trigger in enumerate(self.triggers):
            inside = trigger.contains(*cage_pos)
            was_inside = self.trigger_inside[t_index]
            if inside != was_inside:
                self.trigger_inside[t_index] = inside
                self._state_bytes = None
            if not inside or was_inside or self.trigger_spent[t_index]:
                continue
            if bool(trigger.prop("once", True)):
                self.trigger_spent[t_index] = True
            events.append(TriggerEntered(tick, trigger.id, trigger.name))
            due.extend(self._by_trigger.get(trigger.id, []))
        orders = []
        if late or due:
            self._state_bytes = None
        for index in late:
            self.fired[index] = True
            order = self._order(index)
            orders.append(SpawnOrder(order.spawn_id, order.kind, False, order.ambush,
                                     order.positions, order.center, order.name,
                                     streams=order.streams))  # fmt: skip
        for index in due:
            spawn = self.spawns[index]
            if self.fired[index] and not self._refires(spawn):
                continue
            self.fired[index] = True
            orders.append(self._order(index))
        return orders

    def _refires(self, spawn: MapObject) -> bool:
        trigger = int(spawn.prop("trigger", 0))
        for t in self.triggers:
            if t.id == trigger:
                return not bool(t.prop("once", True))
        return False

    def hash_words(self) -> list[int]:
        return [r.state for r in self.streams] + self.made

    def hash_bytes(self) -> bytes:
        """hash_words as StateHasher.ints packs them, kept until a spawn fires."""
        if self._luck_bytes is None:
            self._luck_bytes = _packed(self.hash_words())
        return self._luck_bytes

    def _order(self, index: int) -> SpawnOrder:
        self._luck_bytes = None  # its stream draws and its count grows
        spawn, rng = self.spawns[index], self.streams[index]
        count = max(1, int(spawn.prop("count", 1)))
        first, self.made[index] = self.made[index], self.made[index] + count
        names = (self.seed, self.map_key, "mimic", spawn.id)
        streams = tuple(stream(*names, n) for n in range(first, first + count))
        positions = []
        for _ in range(count):
            if spawn.is_point:
                s = T.DRONE_SPAWN_SCATTER if count > 1 else 0.0
                positions.append((spawn.x + rng.uniform(-s, s), spawn.y + rng.uniform(-s, s)))
            else:
                positions.append(
                    (
                        spawn.x + rng.uniform(0, spawn.width),
                        spawn.y + rng.uniform(0, spawn.height),
                    )
                )
        ambush = str(spawn.prop("ambush", "") or "") or f"ambush:{spawn.id}"
        return SpawnOrder(
            spawn_id=spawn.id,
            kind=str(spawn.prop("kind", "drone") or "drone"),
            emerge=bool(spawn.prop("emerge", True)),
            ambush=ambush,
            positions=tuple(positions),
            center=spawn.center if not spawn.is_point else (spawn.x, spawn.y),
            name=spawn.name,
            # Only a spawn a Trigger sets off can be waiting right where Cage walks in.
            strike=max(0, int(spawn.prop("strike", 0) or 0))
            if int(spawn.prop("trigger", 0))
            else 0,
            streams=streams,
        )

    def state_words(self) -> list[int]:
        """The schedule's state as integers, for the state hash."""
        return [int(f) for f in self.fired] + [
            int(a) * 2 + int(b)
            for a, b in zip(self.trigger_inside, self.trigger_spent, strict=True)
        ]

    def state_bytes(self) -> bytes:
        """state_words as StateHasher.ints packs them, kept until update changes one."""
        if self._state_bytes is None:
            self._state_bytes = _packed(self.state_words())
        return self._state_bytes


def _packed(words: list[int]) -> bytes:
    """`words` as StateHasher.ints lays them into the hash."""
    h = StateHasher()
    h.ints(words)
    return h.packed()

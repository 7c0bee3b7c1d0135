"""The run: days that repeat. The Day resets at every death; Memory carries across.

Owns what a loop is: a `Run` holds the Memory (loop count, death log; knowledge and training come
with the time-loop work) and the current day's World; when Cage has died and the death beat has
played out, the day is rebuilt from the level data and the seed, never re-read from disk.
Imports only sim modules and level data; pure like the rest of game.sim.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game import tuning as T
from game.level.data import LevelData
from game.sim import inputs
from game.sim.events import SimEvent
from game.sim.hashing import StateHasher
from game.sim.world import World


@dataclass(frozen=True)
class DeathRecord:
    loop: int
    tick: int  # tick of the day he died at
    x: float
    y: float
    cause: str


@dataclass(frozen=True, slots=True)
class LoopStarted(SimEvent):
    """A new day has begun at the checkpoint (the previous one ended in a death or a reset)."""

    loop: int
    reason: str  # "death" or "reset"


@dataclass
class Memory:
    """What survives the reset."""

    loop: int = 1
    deaths: list[DeathRecord] = field(default_factory=list)

    def hash_into(self, h: StateHasher) -> None:
        h.ints((self.loop, len(self.deaths)))
        for d in self.deaths:
            h.ints((d.loop, d.tick))
            h.floats((d.x, d.y))
            h.text(d.cause)


class Run:
    """A whole run: the current day plus the Memory, stepped one tick at a time."""

    def __init__(self, level: LevelData, seed: int, memory: Memory | None = None) -> None:
        self.level = level
        self.seed = seed
        self.memory = memory if memory is not None else Memory()
        self.world = World(level, seed)
        self.run_ticks = 0  # every simulated tick of the run, across loops
        self.reset_held = 0

    def step(self, frame: inputs.InputFrame) -> list[SimEvent]:
        world = self.world
        events = world.step(frame)
        self.run_ticks += 1
        self.reset_held = self.reset_held + 1 if frame.held(inputs.RESET) else 0
        if world.death_tick is not None:
            beat = world.tick - world.death_tick
            skipped = frame.held(inputs.SKIP) and beat >= T.DEATH_MIN_BEAT
            if beat >= T.DEATH_SETTLE or skipped:
                events.append(self._new_day("death"))
        elif self.reset_held >= T.RESET_HOLD or frame.held(inputs.RESET_NOW):
            events.append(self._new_day("reset"))
        return events

    def _new_day(self, reason: str) -> LoopStarted:
        world = self.world
        cage = world.cage
        x, y = cage.position
        tick = world.death_tick if world.death_tick is not None else world.tick
        cause = cage.death_cause if reason == "death" else "reset the day"
        self.memory.deaths.append(DeathRecord(self.memory.loop, tick, x, y, cause))
        self.memory.loop += 1
        self.world = World(self.level, self.seed)
        self.reset_held = 0
        return LoopStarted(world.tick, self.memory.loop, reason)

    @property
    def loop(self) -> int:
        return self.memory.loop

    def state_hash(self) -> str:
        h = StateHasher()
        h.text(self.world.state_hash())
        h.ints((self.run_ticks, self.reset_held))
        self.memory.hash_into(h)
        return h.hexdigest()

"""The run: days that repeat. The Day resets; Memory carries across.

Owns what a loop is. A `Run` holds the Memory (knowledge with the loop it was learned in, Rita's
training level, the loop count, the death log) and the current day's World. When the day ends (Cage
died and the death beat played out, an Alpha died and the Omega reset the day, or the player reset
it) the day is rebuilt from the level data and the seed, never re-read from disk: the same day again.
Day 0 is the new game: until the Alpha's blood makes the loop his, death means a new game.
Imports only sim modules and level data; pure like the rest of game.sim.
"""

from __future__ import annotations

from dataclasses import dataclass

from game import tuning as T
from game.level.data import LevelData
from game.sim import inputs
from game.sim.events import SimEvent
from game.sim.hashing import StateHasher
from game.sim.memory import DeathRecord, Memory
from game.sim.world import World


@dataclass(frozen=True, slots=True)
class LoopStarted(SimEvent):
    """A new day has begun at the checkpoint.

    `reason`: "death" (the loop took him back), "reset" (he chose to), "alpha" (an Alpha died and
    the Omega reset the day; on Day 0 that is the moment the loop becomes his) or "new game"
    (he died on Day 0, before the loop was his) or "restart" (he started Day 0 over)."""

    loop: int
    reason: str


class Run:
    """A whole run: the current day plus the Memory, stepped one tick at a time."""

    def __init__(self, level: LevelData, seed: int, memory: Memory | None = None) -> None:
        self.level = level
        self.seed = seed
        self.memory = memory if memory is not None else Memory()
        self.world = World(level, seed, self.memory)
        self.run_ticks = 0  # every simulated tick of the run, across loops
        self.reset_held = 0

    def step(self, frame: inputs.InputFrame) -> list[SimEvent]:
        world = self.world
        events = world.step(frame)
        self.run_ticks += 1
        self.reset_held = self.reset_held + 1 if frame.held(inputs.RESET) else 0
        if world.alpha_killed_tick is not None:
            if world.tick - world.alpha_killed_tick >= T.ALPHA_RESET_BEAT:
                events.append(self._new_day("alpha"))
        elif world.death_tick is not None:
            beat = world.tick - world.death_tick
            skipped = frame.held(inputs.SKIP) and beat >= T.DEATH_MIN_BEAT
            if beat >= T.DEATH_SETTLE or skipped:
                events.append(self._new_day("death" if self.memory.looping else "new game"))
        elif self.reset_held >= T.RESET_HOLD or frame.held(inputs.RESET_NOW):
            # On Day 0 the loop is not his yet: restarting is starting a new game.
            events.append(self._new_day("reset" if self.memory.looping else "restart"))
        return events

    def _new_day(self, reason: str) -> LoopStarted:
        world = self.world
        cage = world.cage
        memory = self.memory
        ended_at = world.tick
        if reason in ("new game", "restart"):
            # Day 0 is not a loop yet: dying there starts the game over, Memory and all.
            self.memory = memory = Memory()
        else:
            if reason in ("death", "reset") or cage.dead:
                x, y = cage.position
                tick = world.death_tick if world.death_tick is not None else world.tick
                cause = cage.death_cause if cage.dead else "reset the day"
                memory.deaths.append(DeathRecord(memory.loop, tick, x, y, cause, self.level_name))
            memory.loop += 1
        self.world = World(self.level, self.seed, memory)
        self.reset_held = 0
        return LoopStarted(ended_at, memory.loop, reason)

    @property
    def level_name(self) -> str:
        return self.level.path.replace("\\", "/").rsplit("/", 1)[-1].removesuffix(".tmx")

    @property
    def loop(self) -> int:
        return self.memory.loop

    def state_hash(self) -> str:
        h = StateHasher()
        h.text(self.world.state_hash())
        h.ints((self.run_ticks, self.reset_held))
        self.memory.hash_into(h)
        return h.hexdigest()

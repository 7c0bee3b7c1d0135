"""The run: days that repeat. The Day resets; Memory carries across.

Owns what a loop is. A `Run` holds the Memory (knowledge with the loop it was learned in, Rita's
training level, the loop count, the death log) and the current day's World. When the day ends
(Cage died and the death beat played out, an Alpha died and the Omega reset the day, or the player
reset it) the day is rebuilt from the level data and the seed, never re-read from disk: the same
day again. Day 0 is the new game: until the Alpha's blood makes the loop his, death means a new
game. The day can go on through Exits into other maps of the Run's atlas (maps are named by
game.level.names). Imports only sim modules and the level layer; pure like the rest of game.sim.
"""

from __future__ import annotations

import pymunk

from game import tuning as T
from game.level.data import LevelData
from game.level.names import exit_target, level_name, map_key
from game.sim import inputs
from game.sim.assists import NONE as NO_ASSISTS
from game.sim.assists import Assists
from game.sim.events import LevelEntered, LoopStarted, SimEvent
from game.sim.hashing import StateHasher
from game.sim.memory import DeathRecord, Memory
from game.sim.omega import CARRIED
from game.sim.physics import build_space
from game.sim.world import World


class Run:
    """A whole run: the current day plus the Memory, stepped one tick at a time.

    `atlas` holds every map the day can reach through Exits, keyed by `map_key(path)`; the
    caller loads them (the simulation never reads files). The day always begins on `level`."""

    def __init__(
        self,
        level: LevelData,
        seed: int,
        memory: Memory | None = None,
        atlas: dict[str, LevelData] | None = None,
        assists: Assists = NO_ASSISTS,
        loop_mode: str = "day0",
    ) -> None:
        self.level = level
        self.assists = assists
        self.seed = seed
        # "day0": the campaign's way (Day 0 first, the loop his only after the Alpha's blood);
        # "from-start": a mod where Cage has the loop from the first day.
        self.loop_mode = loop_mode
        self.memory = memory if memory is not None else Memory.new_save(loop_mode)
        self.atlas = dict(atlas or {})
        self.atlas.setdefault(map_key(level.path), level)
        self.world = World(level, seed, self.memory, assists=assists)
        # The next day's Space (the level's walls and water), built on a tick of play rather
        # than on the tick the day resets: pymunk takes a millisecond and a half to build a
        # map's static shapes, and the reset's frame has the recap and the new day to draw.
        # Kept with its level, so a Space is never handed to a day on another map.
        self._next_space: tuple[LevelData, pymunk.Space] | None = None
        self.run_ticks = 0  # every simulated tick of the run, across loops
        self.deaths_total = 0  # every death of the run, Day 0's new games included
        self.reset_held = 0
        self.completed = False  # the Omega is destroyed: the run is over
        self._level_name: tuple[LevelData | None, str] = (None, "")  # a map, and its name

    def step(self, frame: inputs.InputFrame) -> list[SimEvent]:
        if self.completed:
            return []
        world = self.world
        events = world.step(frame)
        self.run_ticks += 1
        if self._next_space is None:
            self._next_space = (self.level, build_space(self.level))
        self.reset_held = self.reset_held + 1 if frame.held(inputs.RESET) else 0
        if world.completed_tick is not None:
            self.completed = True
            return events
        if world.exit_taken is not None and not world.cage.dead:
            entered = self._enter(*world.exit_taken)
            if entered is not None:
                events.append(entered)
            else:
                world.exit_taken = None  # an Exit to a map we do not have: stay
            return events
        if world.alpha_killed_tick is not None:
            if world.tick - world.alpha_killed_tick >= T.ALPHA_RESET_BEAT:
                events.append(self._new_day("alpha"))
        elif world.death_tick is not None:
            beat = world.tick - world.death_tick
            skipped = frame.held(inputs.SKIP) and beat >= T.DEATH_MIN_BEAT
            if beat >= T.DEATH_SETTLE or skipped:
                if world.final_act:
                    reason = "war lost"  # beyond the loop: the war is lost; retry the day
                elif self.memory.looping:
                    reason = "death"
                else:
                    reason = "new game"
                events.append(self._new_day(reason))
        elif self.reset_held >= T.RESET_HOLD or frame.held(inputs.RESET_NOW):
            # On Day 0 the loop is not his yet: restarting is starting a new game.
            events.append(self._new_day("reset" if self.memory.looping else "restart"))
        return events

    def _new_day(self, reason: str) -> LoopStarted:
        world = self.world
        cage = world.cage
        memory = self.memory
        ended_at = world.tick
        if cage.dead:
            self.deaths_total += 1
        if reason in ("new game", "restart"):
            # Day 0 is not a loop yet: dying there starts the game over, Memory and all.
            self.memory = memory = Memory.new_save(self.loop_mode)
        else:
            # Every day's end is in the death log with its cause: a death, a reset, an Alpha.
            x, y = cage.position
            tick = world.death_tick if world.death_tick is not None else world.tick
            if cage.dead:
                cause = cage.death_cause
            elif reason == "alpha":
                tick = world.alpha_killed_tick if world.alpha_killed_tick is not None else tick
                cause = "an Alpha died: the Omega reset the day"
            else:
                cause = "reset the day"
            memory.deaths.append(DeathRecord(memory.loop, tick, x, y, cause, self.level_name))
            if reason != "war lost":  # the retry after the bad ending is not a loop
                memory.loop += 1
        spare, self._next_space = self._next_space, None
        space = spare[1] if spare is not None and spare[0] is self.level else None
        self.world = World(self.level, self.seed, memory, assists=self.assists, space=space)
        self.reset_held = 0
        return LoopStarted(ended_at, memory.loop, reason)

    def _enter(self, map_ref: str, spawn: str) -> LevelEntered | None:
        """Go through an Exit: the same day goes on in the other map, Cage as he was."""
        world = self.world
        target = self.atlas.get(exit_target(world.level.path, map_ref))
        if target is None:
            return None
        rita = world.rita
        companion = rita is not None and rita.alive and rita.following
        carrying = world.charge is not None and world.charge.state == CARRIED
        self.world = World(
            target, self.seed, self.memory, spawn, world.tick, world.cage, companion, self.assists,
            carrying,
        )  # fmt: skip
        return LevelEntered(world.tick, level_name(target), spawn)

    @property
    def level_name(self) -> str:
        """The map Cage is on now (file stem), for death markers (and the speedrun view, which
        asks every tick: worked out once a map)."""
        level = self.world.level
        if self._level_name[0] is not level:
            self._level_name = (level, level_name(level))
        return self._level_name[1]

    @property
    def loop(self) -> int:
        return self.memory.loop

    def state_hash(self) -> str:
        h = StateHasher()
        h.text(self.world.state_hash())
        h.ints((self.run_ticks, self.reset_held, self.deaths_total))
        self.memory.hash_into(h)
        return h.hexdigest()

"""World: one day of the simulation, stepped one tick at a time.

A day is a set of owned systems, each holding its own state, offering its steps of the tick and
hashing what it owns (`hash_into`):

- Cage and his actions (game.sim.actions ActionSystem): his body and kit, the claymore, his
  rifle's luck, what his buttons do, rounds;
- Rita (game.sim.rita RitaSystem): her, her aim's luck, the first meeting;
- the Mimics (game.sim.mimics MimicSystem): the Mimics, their acid, contacts and deaths;
- the map's things (game.sim.things ThingSystem): Intel, Gates, mines, grenades, blasts;
- the drills (game.sim.training DrillSystem), the keypad (game.sim.keypad KeypadSystem);
- the Omega (game.sim.omega OmegaSystem): the core and the charge;
- the way on (game.sim.exits ExitSystem): Exits and the shaft to the final act;
- learning (game.sim.knowledge KnowledgeSystem), which writes into the Memory.

The systems reach one another only through the World they are handed. The World owns what is the
day's as a whole (the level, the seed, the Memory it was given, the clock, the day's own luck, the
id counter Mimics, grenades and targets share, the pymunk Space, the flow field, the ambush
schedule, how the day ended) and keeps the order of the tick (`step`), the views the renderer
reads (properties that delegate to the systems, and a few questions), and the state hash, which
calls each system in the fixed layout replays are checked against.

`World(level, seed, memory).step(frame)` is the whole interface the game, the replays and the
tests drive; the same level, seed, memory and frames give the same day, bit for bit. The day
writes what Cage learns into the Memory it was given (that is what survives). Imports the sim's
systems and the level layer; never pygame, time, global random or os (a test enforces it).
"""

from __future__ import annotations

import math
from pathlib import Path

import pymunk

from game import tuning as T
from game.level.data import LevelData
from game.sim import events as ev
from game.sim import inputs
from game.sim.actions import ActionSystem
from game.sim.assists import NONE as NO_ASSISTS
from game.sim.assists import Assists
from game.sim.cage import Cage
from game.sim.exits import ExitSystem
from game.sim.flow import FlowField
from game.sim.hashing import StateHasher
from game.sim.keypad import KeypadSession, KeypadSystem
from game.sim.knowledge import VISION_OMEGA, KnowledgeSystem
from game.sim.memory import Memory
from game.sim.mimic import Mimic
from game.sim.mimics import MimicSystem
from game.sim.omega import Charge, OmegaCore, OmegaSystem
from game.sim.ordnance import Grenade
from game.sim.physics import build_space
from game.sim.rita import WAITING, Rita, RitaSystem
from game.sim.rng import stream
from game.sim.spawns import SpawnSchedule
from game.sim.things import GateThing, IntelThing, MineThing, ThingSystem
from game.sim.training import DrillSession, DrillSystem

_NO_TICK = (1 << 64) - 1  # -1 as the hash lays a word out (two's complement): no such tick


def _tick_word(tick: int | None) -> int:
    # The same bytes as -1, already in the unsigned range: the words it joins pack as they are
    # (hashing.ints), not through the masking a negative word takes (an exception and a second
    # pass, every tick).
    return _NO_TICK if tick is None else tick


class World:
    def __init__(
        self,
        level: LevelData,
        seed: int,
        memory: Memory | None = None,
        spawn: str = "",
        start_tick: int = 0,
        arriving: Cage | None = None,
        companion: bool = False,
        assists: Assists = NO_ASSISTS,
        carrying_charge: bool = False,
        space: pymunk.Space | None = None,
    ) -> None:
        """A day on `level`. Mid-day arrivals through an Exit start at `start_tick` (the day's
        clock goes on) with the `arriving` Cage's state, Rita too if she was with him, and the
        charge if he was carrying it. `space` is the level's Space as `build_space` makes it,
        built ahead and never touched since (the Run keeps one for the next day); without it the
        day builds its own. Either way the day is the same, bit for bit: a Space's shapes are
        numbered as they join it, and nothing else of it depends on when it was built."""
        self.level = level
        self.seed = seed
        self.assists = assists
        self.memory = memory if memory is not None else Memory()
        self.tick = start_tick
        # Luck in streams (game.sim.rng): each named by the seed and the map, never by the tick
        # Cage arrives on, so waiting a moment before an Exit changes nothing beyond it. The
        # day's own is here; Cage's rifle, Rita's aim, the spawns, their Mimics and the Omega
        # have streams of their own, in the systems that use them.
        self.map_key = key = Path(level.path).stem
        self.rng = stream(seed, key, "day")
        # The order bodies join the space is part of the day: Cage, Rita, the Omega's core,
        # then the shut Gates.
        if space is None:
            space = build_space(level)
        elif space.bodies or space.constraints:
            raise ValueError("a day's Space must be fresh from build_space, with nothing added")
        self.space: pymunk.Space = space
        start = level.player_start(spawn)
        facing = float(start.prop("facing", 0.0) or 0.0)
        cage = Cage(start.x, start.y, facing, self.memory.training_level)
        if assists.integrity != 1.0:  # the assist: a sturdier suit
            cage.integrity = cage.max_integrity = round(T.CAGE_INTEGRITY * assists.integrity)
        # Day 0: no power yet, but a claymore for the Alpha.
        has_claymore = not self.memory.looping
        if arriving is not None:
            cage.carry_over(arriving)
            has_claymore = False
        self.space.add(cage.body, cage.shape)
        self.action_system = ActionSystem(cage, has_claymore, stream(seed, key, "rifle"))
        self.rita_system = RitaSystem(
            level, (start.x, start.y), companion, self.space, stream(seed, key, "rita")
        )
        self.mimic_system = MimicSystem()
        self._next_id = 1  # Mimics, grenades and targets share one id counter
        self.schedule = SpawnSchedule(level, start_tick, seed, key)
        self.thing_system = ThingSystem(level.objects)
        self.drill_system = DrillSystem()
        self.keypad_system = KeypadSystem()
        self.omega_system = OmegaSystem(
            level, self.space, stream(seed, key, "omega"), (start.x, start.y), carrying_charge
        )
        self.exit_system = ExitSystem()
        self.knowledge_system = KnowledgeSystem()
        # How the day ends, for the Run (game.sim.loop): the ticks Cage died, an Alpha died (the
        # Omega resets the day), the Omega was destroyed.
        self.death_tick: int | None = None
        self.alpha_killed_tick: int | None = None
        self.completed_tick: int | None = None
        self.flow = FlowField(level)
        self.systems = (
            self.action_system,
            self.rita_system,
            self.mimic_system,
            self.thing_system,
            self.drill_system,
            self.keypad_system,
            self.omega_system,
            self.exit_system,
            self.knowledge_system,
        )
        self.thing_system.close_gates(self)

    # --- the tick -----------------------------------------------------------------------------
    def step(self, frame: inputs.InputFrame) -> list[ev.SimEvent]:
        """Advance the day by one tick on this input; return what happened."""
        events: list[ev.SimEvent] = []
        tick = self.tick
        actions, mimics, things = self.action_system, self.mimic_system, self.thing_system
        cage = actions.cage
        actions.begin_tick()
        self.keypad_system.update(self, frame, events)
        cx, cy = cage.position  # where he stands as the tick begins (nothing moves him yet)
        actions.update(self, frame, events)
        self.rita_system.think(self, events)
        self.flow.update(cx, cy)
        mimics.think(self, events)
        # After the Mimics think, so a new one's countdown starts on the next tick.
        for order in self.schedule.update(tick, (cx, cy), events):
            mimics.spawn(self, order, events)
        things.fly_grenades(self, events)

        self.space.step(T.DT)

        mimics.update_spits(self, events)
        mimics.resolve_contacts(self, events)
        things.update(self, events)
        self.rita_system.update(self, events)
        self.drill_system.update(self, events)
        self.omega_system.update(self, frame, events)
        self.exit_system.update(self, events)
        self._remove_dead(events)
        self.knowledge_system.update(self, events)
        actions.end_tick(frame)
        if cage.dead and self.death_tick is None:
            self.death_tick = tick
        self.tick = tick + 1
        return events

    def _remove_dead(self, events: list[ev.SimEvent]) -> None:
        """The Mimic system takes the dead out of the day; an Alpha's death the Omega feels
        marks the day for its reset, and a wiped-out spawn may open a Gate."""
        mimics = self.mimic_system
        if mimics.remove_dead(self) and self.alpha_killed_tick is None:
            # The Omega feels its Alpha die and resets the day.
            self.alpha_killed_tick = self.tick
            if self.omega is not None:
                self.knowledge_system.learn(self, VISION_OMEGA, events)
        if mimics.newly_cleared:  # a spawn a Gate may wait for is wiped out
            mimics.newly_cleared = False
            self.thing_system.open_gates(self, events)

    # --- what the systems share -----------------------------------------------------------------
    def new_id(self) -> int:
        """The next id of the day's one counter (Mimics, spits, grenades, drill targets)."""
        new_id = self._next_id
        self._next_id += 1
        return new_id

    def _add_mimic(
        self, kind, x, y, burrowed: bool, ambush: str, damage_scale: float, rng=None
    ) -> int:
        return self.mimic_system.add(self, kind, x, y, burrowed, ambush, damage_scale, rng).id

    # --- the systems' state, as the other layers read it ------------------------------------------
    @property
    def cage(self) -> Cage:
        return self.action_system.cage

    @property
    def cage_has_claymore(self) -> bool:
        return self.action_system.has_claymore

    @cage_has_claymore.setter
    def cage_has_claymore(self, value: bool) -> None:
        self.action_system.has_claymore = value

    @property
    def rita(self) -> Rita | None:
        return self.rita_system.rita

    @property
    def mimics(self) -> list[Mimic]:
        return self.mimic_system.mimics

    @property
    def _mimic_by_shape(self) -> dict[pymunk.Shape, Mimic]:
        return self.mimic_system.by_shape

    @property
    def intel(self) -> list[IntelThing]:
        return self.thing_system.intel

    @property
    def gates(self) -> list[GateThing]:
        return self.thing_system.gates

    @property
    def mines(self) -> list[MineThing]:
        return self.thing_system.mines

    @property
    def grenades(self) -> list[Grenade]:
        return self.thing_system.grenades

    @property
    def drill(self) -> DrillSession | None:
        return self.drill_system.session

    @property
    def keypad(self) -> KeypadSession | None:
        return self.keypad_system.session

    @property
    def omega(self) -> OmegaCore | None:
        return self.omega_system.core

    @property
    def charge(self) -> Charge | None:
        return self.omega_system.charge

    @property
    def exit_taken(self) -> tuple[str, str] | None:
        return self.exit_system.exit_taken

    @exit_taken.setter
    def exit_taken(self, value: tuple[str, str] | None) -> None:
        self.exit_system.exit_taken = value

    @property
    def final_act(self) -> bool:
        return self.exit_system.final_act

    @final_act.setter
    def final_act(self, value: bool) -> None:
        self.exit_system.final_act = value

    # --- views --------------------------------------------------------------------------------
    @property
    def seconds(self) -> float:
        return self.tick / T.TICK_RATE

    def active_mimics(self) -> int:
        return self.mimic_system.active()

    def ambush_forecast(self) -> list[tuple[int, float, float, int | None]]:
        """Known ambushes still to come today: (spawn id, x, y, ticks until, None if triggered)."""
        forecast = []
        for index, spawn in enumerate(self.schedule.spawns):
            if self.schedule.fired[index]:
                continue
            ambush = str(spawn.prop("ambush", "") or f"ambush:{spawn.id}")
            if not self.memory.knows(ambush):
                continue
            at = float(spawn.prop("at", -1.0))
            x, y = spawn.center if not spawn.is_point else (spawn.x, spawn.y)
            until = T.seconds(at) - self.tick if at >= 0 else None
            forecast.append((spawn.id, x, y, until))
        return forecast

    def known_mines(self) -> list[tuple[float, float]]:
        return [(m.obj.x, m.obj.y) for m in self.mines if m.armed and self.memory.knows(m.field)]

    def nearby_prompt(self) -> str:
        """What pressing interact would do here (for the HUD)."""
        cage = self.cage
        if cage.dead:
            return ""
        x, y = cage.position
        if self.action_system.has_claymore:
            for mimic in self.mimics:
                if mimic.kind.resets_day and mimic.dangerous:
                    if math.hypot(mimic.position[0] - x, mimic.position[1] - y) <= T.CLAYMORE_REACH:
                        return "E  Set off the claymore"
        rita = self.rita
        if rita is not None and rita.state == WAITING:
            rx, ry = rita.position
            if math.hypot(rx - x, ry - y) <= T.INTERACT_REACH + T.RITA_RADIUS:
                return "E  Talk to Rita"
        for intel in self.intel:
            if not intel.taken and math.hypot(intel.obj.x - x, intel.obj.y - y) <= T.INTERACT_REACH:
                return f"E  Read: {intel.title}"
        if self.keypad is None and self.keypad_system.near(self) is not None:
            return "E  Type the code at the keypad"
        if self.drill is None:
            for drill_obj in self.level.objects_of("TrainingDrill"):
                if (
                    drill_obj.contains(x, y)
                    and int(drill_obj.prop("level", 0)) == self.memory.training_level + 1
                ):
                    level, drill = drill_obj.prop("level", 0), drill_obj.prop("drill", "")
                    return f"E  Start drill {level}: {drill}"
        return ""

    def state_hash(self) -> str:
        """A digest of everything that decides how the rest of the day plays out.

        The layout is fixed (recorded replays are checked against it): the day's clocks and
        luck first (its own, the Gate notice's, Cage's rifle's, Rita's aim's, the spawns'), then
        Cage, Rita, the assists, the Mimics, the schedule, the map's things, the drill, the
        keypad, the Omega, the way on, and the day's completion."""
        h = StateHasher()
        h.ints((self.tick, self.rng.state, self._next_id, *self.thing_system.head_words(),
                *self.action_system.head_words(), *self.rita_system.head_words()))  # fmt: skip
        h.raw(self.schedule.hash_bytes())  # (the same bytes as its words in that one row)
        h.ints((_tick_word(self.death_tick), _tick_word(self.alpha_killed_tick)))
        self.action_system.hash_into(h)
        self.rita_system.hash_into(h)
        h.ints((self.assists.word,))
        self.mimic_system.hash_into(h, self.space)
        h.raw(self.schedule.state_bytes())
        self.thing_system.hash_into(h)
        self.drill_system.hash_into(h)
        self.keypad_system.hash_into(h)
        self.omega_system.hash_into(h)
        self.exit_system.hash_into(h)
        self.knowledge_system.hash_into(h)  # nothing of its own: the Run hashes the Memory
        h.ints((_tick_word(self.completed_tick),))
        return h.hexdigest()

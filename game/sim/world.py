"""World: one day of the simulation, stepped one tick at a time.

Owns the day's state (Cage, Rita, the Mimics, the ambush schedule, the map's things, grenades, a
drill in progress, the gameplay RNG, the pymunk Space) and the order of operations within a tick.
`World(level, seed, memory).step(frame)` is the whole interface the game, the replays and the tests
drive; the same level, seed, memory and frames give the same day, bit for bit. The day writes what
Cage learns into the Memory it was given (that is what survives).

The Mimics are an owned system (game.sim.mimics: the Mimics, their acid, contacts and deaths,
hashing its own state). The rules of the other parts of the day live beside those parts and are
mixed into World: Cage's actions (game.sim.actions), Rita (rita), her drills (training), the Omega
(omega), the map's things (things), the keypad (keypad) and learning (knowledge). This module
keeps the tick's order, exits and the final act, the views the renderer reads, and the state
hash. Imports no pygame, no time, no global random, no os (a test enforces it).
"""

from __future__ import annotations

import math
from pathlib import Path

import pymunk

from game import tuning as T
from game.level.data import LevelData
from game.sim import events as ev
from game.sim import inputs
from game.sim.actions import CageActions
from game.sim.assists import NONE as NO_ASSISTS
from game.sim.assists import Assists
from game.sim.cage import Cage
from game.sim.flow import FlowField
from game.sim.hashing import StateHasher
from game.sim.keypad import KeypadRules, KeypadSession
from game.sim.knowledge import (
    VISION_OMEGA,
    KnowledgeRules,
)
from game.sim.memory import Memory
from game.sim.mimic import Mimic
from game.sim.mimics import MimicSystem
from game.sim.omega import CARRIED, Charge, OmegaCore, OmegaRules
from game.sim.ordnance import Grenade
from game.sim.physics import (
    build_space,
)
from game.sim.rita import TALKING, WAITING, WON, Rita, RitaRules
from game.sim.rng import stream
from game.sim.spawns import SpawnSchedule
from game.sim.things import ThingRules, gate_things, intel_things, mine_things
from game.sim.training import DrillRules, DrillSession, Target


class World(
    CageActions, DrillRules, RitaRules, OmegaRules, ThingRules, KnowledgeRules, KeypadRules
):
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
    ) -> None:
        """A day on `level`. Mid-day arrivals through an Exit start at `start_tick` (the day's
        clock goes on) with the `arriving` Cage's state, Rita too if she was with him, and the
        charge if he was carrying it."""
        self.level = level
        self.seed = seed
        self.assists = assists
        self.memory = memory if memory is not None else Memory()
        self.tick = start_tick
        # Luck in streams (game.sim.rng): each named by the seed and the map, never by the tick
        # Cage arrives on, so waiting a moment before an Exit changes nothing beyond it. The
        # spawns, their Mimics and the Omega have streams of their own besides these.
        self.map_key = Path(level.path).stem
        self.rng = stream(seed, self.map_key, "day")
        self.rifle_rng = stream(seed, self.map_key, "rifle")  # Cage's spread
        self.rita_rng = stream(seed, self.map_key, "rita")  # Rita's aim
        self.space: pymunk.Space = build_space(level)
        start = level.player_start(spawn)
        facing = float(start.prop("facing", 0.0) or 0.0)
        self.cage = Cage(start.x, start.y, facing, self.memory.training_level)
        if assists.integrity != 1.0:  # the assist: a sturdier suit
            self.cage.integrity = self.cage.max_integrity = round(
                T.CAGE_INTEGRITY * assists.integrity
            )
        # Day 0: no power yet, but a claymore for the Alpha.
        self.cage_has_claymore = not self.memory.looping
        if arriving is not None:
            self.cage.carry_over(arriving)
            self.cage_has_claymore = False
        self.space.add(self.cage.body, self.cage.shape)
        self.rita: Rita | None = None
        ritas = level.objects_of("Rita")
        if ritas:
            self.rita = Rita(ritas[0].x, ritas[0].y)
        elif companion:
            self.rita = Rita(start.x - 30.0, start.y + 20.0)
            self.rita.state, self.rita.following = WON, True
        if self.rita is not None:
            self.space.add(self.rita.body, self.rita.shape)
        self.mimic_system = MimicSystem()
        self._next_id = 1  # Mimics, grenades and targets share one id counter
        self.schedule = SpawnSchedule(level, start_tick, seed, self.map_key)
        self.intel = intel_things(level.objects)
        self.gates = gate_things(level.objects)
        self.mines = mine_things(level.objects)
        self.grenades: list[Grenade] = []
        self.drill: DrillSession | None = None
        self.keypad: KeypadSession | None = None  # Cage at a Gate's keypad, typing
        self._target_by_shape: dict[pymunk.Shape, Target] = {}
        self.death_tick: int | None = None
        self.alpha_killed_tick: int | None = None
        self.gate_notice_cooldown = 0
        omegas = level.objects_of("Omega")
        self.omega = (
            OmegaCore(omegas[0], self.space, stream(seed, self.map_key, "omega"))
            if omegas
            else None
        )
        charges = level.objects_of("Explosive")
        self.charge = Charge(charges[0].x, charges[0].y) if charges else None
        if carrying_charge:  # he brings it with him: one charge, on his back
            self.charge = Charge(start.x, start.y, CARRIED)
        self.exit_taken: tuple[str, str] | None = None  # (map, spawn) once Cage reaches an Exit
        self.final_act = False  # beyond the loop: down the hidden shaft
        self.warned_final = False  # he has been told that beyond the shaft death is final
        self.completed_tick: int | None = None  # the Omega is destroyed
        self.flow = FlowField(level)
        self._close_gates()

    # --- the tick -----------------------------------------------------------------------------
    def step(self, frame: inputs.InputFrame) -> list[ev.SimEvent]:
        """Advance the day by one tick on this input; return what happened."""
        events: list[ev.SimEvent] = []
        tick = self.tick
        cage = self.cage
        rita = self.rita
        cage.tick_timers()
        self._update_keypad(frame, events)
        cage.frozen = (rita is not None and rita.state == TALKING) or self.keypad is not None
        cx, cy = cage.position
        was_dashing = cage.dashing
        cage.drive(frame, self.level.slow_at(cx, cy))
        if cage.dashing and not was_dashing:
            events.append(ev.DashStarted(tick, cx, cy))
        if cage.update_rifle(frame, tick, events):
            self._fire_round(events)
        if not cage.dead and not cage.frozen:
            self._actions(frame, events)

        if rita is not None:
            self._rita_think(events)
        mimics = self.mimic_system
        self.flow.update(cx, cy)
        mimics.think(self, events)
        # After the Mimics think, so a new one's countdown starts on the next tick.
        for order in self.schedule.update(tick, (cx, cy), events):
            mimics.spawn(self, order, events)
        self._update_grenades(events)

        self.space.step(T.DT)

        mimics.update_spits(self, events)
        mimics.resolve_contacts(self, events)
        self._check_mines(events)
        self._check_gates(events)
        self._update_rita_talk(events)
        self._update_drill(events)
        self._update_omega(frame, events)
        self._check_exits(events)
        self._remove_dead(events)
        self._learn_from(events)
        cage.previous_buttons = frame.buttons
        if cage.dead and self.death_tick is None:
            self.death_tick = tick
        self.tick = tick + 1
        return events

    # --- Cage's actions -------------------------------------------------------------------------

    # --- Rita -----------------------------------------------------------------------------------

    # --- training -------------------------------------------------------------------------------

    # --- Mimics (the Mimic system owns them) -------------------------------------------------
    def _new_id(self) -> int:
        new_id = self._next_id
        self._next_id += 1
        return new_id

    @property
    def mimics(self) -> list[Mimic]:
        return self.mimic_system.mimics

    @property
    def _mimic_by_shape(self) -> dict[pymunk.Shape, Mimic]:
        return self.mimic_system.by_shape

    def _add_mimic(
        self, kind, x, y, burrowed: bool, ambush: str, damage_scale: float, rng=None
    ) -> int:
        return self.mimic_system.add(self, kind, x, y, burrowed, ambush, damage_scale, rng).id

    def _remove_dead(self, events: list[ev.SimEvent]) -> None:
        if self.mimic_system.remove_dead(self) and self.alpha_killed_tick is None:
            # The Omega feels its Alpha die and resets the day.
            self.alpha_killed_tick = self.tick
            if self.omega is not None:
                self._learn(VISION_OMEGA, events)
        if self.mimic_system.newly_cleared:  # a spawn a Gate may wait for is wiped out
            self.mimic_system.newly_cleared = False
            self._open_gates(events)

    # --- blasts, mines, gates -------------------------------------------------------------------

    # --- knowledge ------------------------------------------------------------------------------

    # --- the way on: exits, the final act, the Omega ---------------------------------------------
    def _check_exits(self, events: list[ev.SimEvent]) -> None:
        cage = self.cage
        if cage.dead or self.exit_taken is not None:
            return
        x, y = cage.position
        for gate in self.gates:
            if gate.open and gate.requires == VISION_OMEGA and not self.final_act:
                if gate.obj.contains(x, y):
                    self.final_act = True
                    events.append(ev.FinalActBegun(self.tick))
                elif not self.warned_final:
                    cx, cy = gate.obj.center
                    if math.hypot(cx - x, cy - y) <= T.NO_RETURN_WARNING:
                        self.warned_final = True
                        events.append(ev.PointOfNoReturn(self.tick, cx, cy))
        for exit_obj in self.level.objects_of("Exit"):
            if exit_obj.contains(x, y):
                target = str(exit_obj.prop("map", ""))
                if target:
                    self.exit_taken = (target, str(exit_obj.prop("spawn", "")))
                return

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
        if self.cage_has_claymore:
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
        if self.keypad is None and self._keypad_near() is not None:
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
        """A digest of everything that decides how the rest of the day plays out."""
        h = StateHasher()
        h.ints((self.tick, self.rng.state, self._next_id, self.gate_notice_cooldown))
        h.ints((self.rifle_rng.state, self.rita_rng.state, *self.schedule.hash_words()))
        h.ints((-1 if self.death_tick is None else self.death_tick,
                -1 if self.alpha_killed_tick is None else self.alpha_killed_tick))  # fmt: skip
        c = self.cage
        h.floats((*c.body.position, *c.body.velocity))
        h.ints((c.aim, c.integrity, c.ammo, c.reload_ticks, c.fire_cooldown, c.invulnerable_ticks,
                c.stagger_ticks, int(c.dead), c.training_level, c.grenades, c.dash_ticks,
                c.dash_cooldown, c.grenade_cooldown, c.blade_cooldown, c.previous_buttons,
                int(self.cage_has_claymore)))  # fmt: skip
        if self.rita is not None:
            h.ints(self.rita.hash_words())
            h.floats((*self.rita.body.position, *self.rita.body.velocity))
        h.ints((self.assists.word,))
        self.mimic_system.hash_into(h)
        h.ints(self.schedule.state_words())
        h.ints([int(i.taken) for i in self.intel] + [int(g.open) for g in self.gates]
               + [int(m.armed) for m in self.mines])  # fmt: skip
        for g in self.grenades:
            h.ints((g.id, g.age))
            h.floats((g.end_x, g.end_y))
        if self.drill is not None:
            h.ints(self.drill.hash_words())
        if self.keypad is not None:
            h.ints(self.keypad.hash_words())
        if self.omega is not None:
            h.ints(self.omega.hash_words())
        if self.charge is not None:
            c = self.charge
            h.ints((c.state, c.plant_progress, c.fuse))
            h.floats((c.x, c.y))
        h.ints((int(self.final_act), int(self.warned_final)))
        h.ints((-1 if self.completed_tick is None else self.completed_tick,))
        return h.hexdigest()

"""World: one day of the simulation, stepped one tick at a time.

Owns the day's state (Cage, Rita, the Mimics, the ambush schedule, the map's things, grenades, a
drill in progress, the gameplay RNG, the pymunk Space) and the order of operations within a tick.
`World(level, seed, memory).step(frame)` is the whole interface the game, the replays and the tests
drive; the same level, seed, memory and frames give the same day, bit for bit. The day writes what
Cage learns into the Memory it was given (that is what survives). Imports no pygame, no time, no
global random, no os (a test enforces it).
"""

from __future__ import annotations

import math

import pymunk

from game import tuning as T
from game.level.data import LevelData
from game.sim import events as ev
from game.sim import inputs
from game.sim.cage import Cage
from game.sim.flow import FlowField
from game.sim.hashing import StateHasher
from game.sim.knowledge import (
    AMBUSH_SIGHT,
    RITA_PHRASE,
    VISION_OMEGA,
    describe,
    level_titles,
)
from game.sim.memory import Memory
from game.sim.mimic import BURROWED, DEAD, DRONE, EMERGING, KINDS, Mimic
from game.sim.omega import CARRIED, GONE, ON_FLOOR, PLANTED, Charge, OmegaCore
from game.sim.ordnance import Grenade, falloff
from game.sim.physics import (
    BULLET_FILTER,
    CAT_ALLY,
    CAT_CAGE,
    CAT_MIMIC,
    SIGHT_FILTER,
    TARGET_FILTER,
    WALL_FILTER,
    build_space,
)
from game.sim.rita import DEAD as RITA_DEAD
from game.sim.rita import INTRO_LINES, PHRASE_LINE, TALKING, WAITING, WON, Rita
from game.sim.rng import GameRng
from game.sim.spawns import SpawnOrder, SpawnSchedule
from game.sim.things import gate_things, intel_things, mine_things
from game.sim.training import ABILITIES, DrillSession, Target, layout

MINE_SENSE_FILTER = pymunk.ShapeFilter(mask=CAT_CAGE | CAT_MIMIC | CAT_ALLY)


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
    ) -> None:
        """A day on `level`. Mid-day arrivals through an Exit start at `start_tick` (the day's
        clock goes on) with the `arriving` Cage's state, and Rita too if she was with him."""
        self.level = level
        self.seed = seed
        self.memory = memory if memory is not None else Memory()
        self.tick = start_tick
        # A map entered mid-day gets its own stream, fixed by the seed and the moment.
        self.rng = GameRng(seed if start_tick == 0 else seed * 1_000_003 + start_tick)
        self.space: pymunk.Space = build_space(level)
        start = level.player_start(spawn)
        facing = float(start.prop("facing", 0.0) or 0.0)
        self.cage = Cage(start.x, start.y, facing, self.memory.training_level)
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
        self.mimics: list[Mimic] = []
        self._mimic_by_shape: dict[pymunk.Shape, Mimic] = {}
        self._next_id = 1  # Mimics, grenades and targets share one id counter
        self.schedule = SpawnSchedule(level, start_tick)
        self.intel = intel_things(level.objects)
        self.gates = gate_things(level.objects)
        self.mines = mine_things(level.objects)
        self.grenades: list[Grenade] = []
        self.drill: DrillSession | None = None
        self._target_by_shape: dict[pymunk.Shape, Target] = {}
        self.death_tick: int | None = None
        self.alpha_killed_tick: int | None = None
        self.gate_notice_cooldown = 0
        self.has_omega = bool(level.objects_of("Omega"))
        omegas = level.objects_of("Omega")
        self.omega = OmegaCore(omegas[0], self.space) if omegas else None
        charges = level.objects_of("Explosive")
        self.charge = Charge(charges[0].x, charges[0].y) if charges else None
        self.exit_taken: tuple[str, str] | None = None  # (map, spawn) once Cage reaches an Exit
        self.final_act = False  # beyond the loop: down the hidden shaft
        self.completed_tick: int | None = None  # the Omega is destroyed
        self._titles = level_titles(level)
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
        cage.frozen = rita is not None and rita.state == TALKING
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
        alive = not cage.dead
        self.flow.update(cx, cy)
        for mimic in self.mimics:
            mimic.think(cx, cy, alive, self.rng, tick, events, self.space, self.flow)
        # After the Mimics think, so a new one's countdown starts on the next tick.
        for order in self.schedule.update(tick, (cx, cy), self.rng, events):
            self._spawn(order, events)
        self._update_grenades(events)

        self.space.step(T.DT)

        self._resolve_contacts(events)
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
    def _actions(self, frame: inputs.InputFrame, events: list[ev.SimEvent]) -> None:
        cage = self.cage
        interact = cage.pressed(frame, inputs.INTERACT)
        if self.cage_has_claymore and (interact or cage.pressed(frame, inputs.GRENADE)):
            if self._claymore(events):
                return
        if cage.pressed(frame, inputs.GRENADE):
            self._throw_grenade(events)
        if cage.pressed(frame, inputs.BLADE):
            self._swing_blade(events)
        if interact:
            self._interact(events)

    def _fire_round(self, events: list[ev.SimEvent]) -> None:
        cage = self.cage
        spread = math.radians(T.RIFLE_SPREAD_DEG)
        angle = cage.aim_radians + self.rng.uniform(-spread, spread)
        x, y = cage.position
        sx, sy, ex, ey, hit = self._hitscan(x, y, T.CAGE_RADIUS + 2, angle, T.RIFLE_RANGE, events)
        events.append(ev.ShotFired(self.tick, sx, sy, ex, ey, hit))

    def _hitscan(self, x, y, muzzle, angle, reach, events) -> tuple:
        """One round from (x, y) along `angle`: what it hits, and where it stops."""
        dx, dy = math.cos(angle), math.sin(angle)
        sx, sy = x + dx * muzzle, y + dy * muzzle
        ex, ey = sx + dx * reach, sy + dy * reach
        info = self.space.segment_query_first((sx, sy), (ex, ey), 0.0, BULLET_FILTER)
        hit = "none"
        if info is not None:
            ex, ey = info.point.x, info.point.y
            mimic = self._mimic_by_shape.get(info.shape)
            target = self._target_by_shape.get(info.shape)
            if mimic is not None:
                hit = "mimic"
                push = (dx * T.RIFLE_KNOCKBACK, dy * T.RIFLE_KNOCKBACK)
                # Day 0: rounds glance off the Alpha; only the claymore can end it.
                day0_alpha = mimic.kind.name == "alpha" and not self.memory.looping
                mimic.take_round(0 if day0_alpha else T.RIFLE_DAMAGE, push, self.tick, events)
            elif target is not None:
                hit = "target"
                if not target.blade_only:
                    self._destroy_target(target)
            else:
                hit = "wall"
        return sx, sy, ex, ey, hit

    def _claymore(self, events: list[ev.SimEvent]) -> bool:
        """Day 0: set off the claymore when the Alpha is on him. It takes them both."""
        x, y = self.cage.position
        for mimic in self.mimics:
            if mimic.kind.name != "alpha" or not mimic.dangerous:
                continue
            mx, my = mimic.position
            if math.hypot(mx - x, my - y) <= T.CLAYMORE_REACH:
                self.cage_has_claymore = False
                self._blast(x, y, T.CLAYMORE_RADIUS, 999, 999, T.CLAYMORE_IMPULSE, "claymore",
                            events, unavoidable=True)  # fmt: skip
                mimic.take_round(999, (0.0, 0.0), self.tick, events)
                self.cage.take_hit(999, (0.0, 0.0), "the claymore, in the Alpha's blood",
                                   self.tick, events, unavoidable=True)  # fmt: skip
                events.append(ev.Drenched(self.tick, x, y))
                return True
        return False

    def _throw_grenade(self, events: list[ev.SimEvent]) -> None:
        cage = self.cage
        if cage.grenades <= 0 or cage.grenade_cooldown > 0:
            return
        angle = cage.aim_radians
        x, y = cage.position
        dx, dy = math.cos(angle), math.sin(angle)
        ex, ey = x + dx * T.GRENADE_RANGE, y + dy * T.GRENADE_RANGE
        info = self.space.segment_query_first((x, y), (ex, ey), 0.0, SIGHT_FILTER)
        if info is not None:  # it bounces off the wall and drops at its foot
            back = max(0.0, info.alpha * T.GRENADE_RANGE - 10.0)
            ex, ey = x + dx * back, y + dy * back
        grenade = Grenade(self._new_id(), x, y, ex, ey, T.GRENADE_FLIGHT)
        self.grenades.append(grenade)
        cage.grenades -= 1
        cage.grenade_cooldown = T.GRENADE_COOLDOWN
        events.append(ev.GrenadeThrown(self.tick, grenade.id, x, y, ex, ey))

    def _update_grenades(self, events: list[ev.SimEvent]) -> None:
        if not self.grenades:
            return
        flying = []
        for grenade in self.grenades:
            grenade.age += 1
            if not grenade.landed:
                flying.append(grenade)
                continue
            x, y = grenade.end_x, grenade.end_y
            self._blast(x, y, T.GRENADE_RADIUS, T.GRENADE_DAMAGE, 40, T.GRENADE_IMPULSE, "grenade",
                        events)  # fmt: skip
            drill = self.drill
            if drill is not None and drill.kind == "ordnance":
                for ring in drill.rings:
                    if math.hypot(ring[0] - x, ring[1] - y) <= T.DRILL_RING_RADIUS:
                        ring[2] = 1.0
        self.grenades = flying

    def _swing_blade(self, events: list[ev.SimEvent]) -> None:
        cage = self.cage
        drill_blade = self.drill is not None and self.drill.kind == "blade"
        if not (cage.has_blade or drill_blade) or cage.blade_cooldown > 0:
            return
        cage.blade_cooldown = T.BLADE_COOLDOWN
        x, y = cage.position
        aim = cage.aim_radians
        arc = math.radians(T.BLADE_ARC_DEG)
        hits = 0
        for mimic in self.mimics:
            if not mimic.dangerous and mimic.state != EMERGING:
                continue
            mx, my = mimic.position
            if self._in_arc(
                x, y, aim, arc, mx, my, T.CAGE_RADIUS + T.BLADE_REACH + mimic.kind.radius
            ):
                damage = T.BLADE_DAMAGE if mimic.kind is DRONE else T.BLADE_ALPHA_DAMAGE
                d = math.hypot(mx - x, my - y) or 1.0
                push = ((mx - x) / d * T.BLADE_IMPULSE, (my - y) / d * T.BLADE_IMPULSE)
                mimic.take_round(damage, push, self.tick, events)
                hits += 1
        if self.drill is not None:
            for target in self.drill.targets:
                reach = T.CAGE_RADIUS + T.BLADE_REACH + T.DRILL_TARGET_RADIUS
                if target.alive and self._in_arc(x, y, aim, arc, target.x, target.y, reach):
                    self._destroy_target(target)
                    hits += 1
        events.append(ev.BladeSwing(self.tick, x, y, aim, hits))

    @staticmethod
    def _in_arc(x, y, aim, arc, tx, ty, reach) -> bool:
        dx, dy = tx - x, ty - y
        distance = math.hypot(dx, dy)
        if distance > reach:
            return False
        if distance < 1e-6:
            return True
        off = (math.atan2(dy, dx) - aim + math.pi) % (2 * math.pi) - math.pi
        return abs(off) <= arc

    def _interact(self, events: list[ev.SimEvent]) -> None:
        x, y = self.cage.position
        rita = self.rita
        if rita is not None and rita.alive and rita.state == WAITING:
            rx, ry = rita.position
            if math.hypot(rx - x, ry - y) <= T.INTERACT_REACH + T.RITA_RADIUS:
                self._meet_rita(events)
                return
        for intel in self.intel:
            if intel.taken:
                continue
            if math.hypot(intel.obj.x - x, intel.obj.y - y) <= T.INTERACT_REACH:
                intel.taken = True
                events.append(ev.IntelRead(self.tick, intel.obj.id, intel.title, intel.text))
                self._learn(intel.knowledge, events, intel.title)
                return
        for drill_obj in self.level.objects_of("TrainingDrill"):
            if drill_obj.contains(x, y):
                self._try_drill(drill_obj, events)
                return

    # --- Rita -----------------------------------------------------------------------------------
    def _meet_rita(self, events: list[ev.SimEvent]) -> None:
        rita = self.rita
        if self.memory.knows(RITA_PHRASE):
            rita.state = WON
            events.append(ev.RitaLine(self.tick, PHRASE_LINE))
            events.append(ev.RitaWon(self.tick, True))
        else:
            rita.state = TALKING
            rita.talk_ticks = T.RITA_TALK
        rita.following = rita.state == WON and self.memory.training_level >= 5

    def _update_rita_talk(self, events: list[ev.SimEvent]) -> None:
        rita = self.rita
        if rita is None or rita.state != TALKING:
            return
        elapsed = T.RITA_TALK - rita.talk_ticks
        if elapsed % T.RITA_INTRO_LINE_TICKS == 0:
            index = elapsed // T.RITA_INTRO_LINE_TICKS
            if index < len(INTRO_LINES):
                events.append(ev.RitaLine(self.tick, INTRO_LINES[index]))
        rita.talk_ticks -= 1
        if rita.talk_ticks <= 0:
            rita.state = WON
            rita.following = self.memory.training_level >= 5
            events.append(ev.RitaWon(self.tick, False))
            self._learn(RITA_PHRASE, events)

    def _rita_think(self, events: list[ev.SimEvent]) -> None:
        rita = self.rita
        if not rita.alive:
            return
        targets = [(*m.position, m.kind.radius) for m in self.mimics if m.dangerous]
        angle = rita.think(self.cage.position, targets, self.rng)
        if angle is None:
            return
        x, y = rita.position
        sx, sy, ex, ey, hit = self._hitscan(x, y, T.RITA_RADIUS + 2, angle, T.RIFLE_RANGE, events)
        events.append(ev.RitaShot(self.tick, sx, sy, ex, ey, hit))

    # --- training -------------------------------------------------------------------------------
    def _try_drill(self, drill_obj, events: list[ev.SimEvent]) -> None:
        level = int(drill_obj.prop("level", 0))
        kind = str(drill_obj.prop("drill", ""))
        rita = self.rita
        if self.drill is not None:
            return
        if rita is None or rita.state != WON:
            events.append(
                ev.GateLocked(self.tick, drill_obj.id, "Rita runs the drills. Talk to her first.")
            )
            return
        if level <= self.memory.training_level:
            events.append(
                ev.GateLocked(self.tick, drill_obj.id, "Rita: You've passed that one. Move on.")
            )
            return
        if level != self.memory.training_level + 1:
            events.append(
                ev.GateLocked(self.tick, drill_obj.id, "Rita: Not yet. One drill at a time.")
            )
            return
        marks, targets, rings = layout(drill_obj, kind)
        drill = DrillSession(drill_obj, kind, level, T.DRILL_TIME.get(kind, T.seconds(15)))
        drill.marks, drill.rings = marks, rings
        for tx, ty, blade_only in targets:
            target = Target(self._new_id(), tx, ty, blade_only)
            shape = pymunk.Circle(self.space.static_body, T.DRILL_TARGET_RADIUS, (tx, ty))
            shape.filter = TARGET_FILTER
            target.shape = shape
            self.space.add(shape)
            self._target_by_shape[shape] = target
            drill.targets.append(target)
        cage = self.cage
        drill.saved_ammo, drill.saved_grenades = cage.ammo, cage.grenades
        if kind == "reload":
            cage.ammo = min(cage.ammo, T.DRILL_RELOAD_MAGAZINE)
            cage.reload_ticks = 0
        elif kind == "ordnance":
            cage.grenades = T.DRILL_GRENADES
        cx, cy = drill_obj.center
        if kind == "move":
            drill.mimic_ids.append(
                self._add_mimic(DRONE, cx, cy - drill_obj.height, False, "", 0.25)
            )
        elif kind == "trust":
            for i in range(T.DRILL_TRUST_DRONES):
                angle = i * 2 * math.pi / T.DRILL_TRUST_DRONES
                px, py = cx + math.cos(angle) * 230, cy + math.sin(angle) * 230
                mid = self._add_mimic(DRONE, px, py, True, "", 1.0)
                drill.mimic_ids.append(mid)
                events.append(ev.MimicTelegraph(self.tick, mid, "drone", px, py, T.DRONE_TELEGRAPH))
        self.drill = drill
        events.append(ev.DrillStarted(self.tick, kind, level, drill.title, drill.ticks_left))

    def _update_drill(self, events: list[ev.SimEvent]) -> None:
        drill = self.drill
        if drill is None:
            return
        drill.ticks_left -= 1
        x, y = self.cage.position
        if drill.kind == "move":
            for mark in drill.marks:
                if mark[2]:
                    continue
                if math.hypot(mark[0] - x, mark[1] - y) <= T.DRILL_MARK_REACH:
                    mark[2] = 1.0
                break  # only the next mark counts: they are run in order
        rita_down = self.rita is None or not self.rita.alive
        if drill.passed and not (drill.kind == "trust" and (rita_down or self.cage.dead)):
            self._end_drill(events, passed=True)
        elif self.cage.dead:
            self._end_drill(events, passed=False, reason="You died.")
        elif rita_down:
            self._end_drill(events, passed=False, reason="Rita is down.")
        elif drill.ticks_left <= 0:
            self._end_drill(events, passed=False, reason="Out of time.")
        elif not drill.obj.contains(x, y) and drill.kind not in ("trust", "ordnance", "move"):
            self._end_drill(events, passed=False, reason="You left the drill.")

    def _end_drill(self, events: list[ev.SimEvent], passed: bool, reason: str = "") -> None:
        drill = self.drill
        self.drill = None
        cage = self.cage
        for target in drill.targets:
            if target.alive:
                self._destroy_target(target)
        for mimic in self.mimics:
            if mimic.id in drill.mimic_ids and mimic.alive:
                mimic.take_round(999, (0.0, 0.0), self.tick, events)
        if drill.kind == "reload" and not cage.reloading:
            cage.ammo = max(cage.ammo, drill.saved_ammo) if not passed else T.RIFLE_MAGAZINE
        if drill.kind == "ordnance":
            cage.grenades = drill.saved_grenades
        if passed:
            self.memory.training_level = max(self.memory.training_level, drill.level)
            cage.training_level = self.memory.training_level
            if drill.level == 3:
                cage.grenades = T.GRENADES_PER_DAY
            if drill.level >= 5 and self.rita is not None:
                self.rita.following = True
            events.append(
                ev.DrillPassed(self.tick, drill.kind, drill.level, ABILITIES[drill.level])
            )
        else:
            events.append(ev.DrillFailed(self.tick, drill.kind, drill.level, reason))

    def _destroy_target(self, target: Target) -> None:
        target.alive = False
        if target.shape is not None:
            self.space.remove(target.shape)
            del self._target_by_shape[target.shape]
            target.shape = None

    # --- Mimics -------------------------------------------------------------------------------
    def _new_id(self) -> int:
        new_id = self._next_id
        self._next_id += 1
        return new_id

    def _add_mimic(self, kind, x, y, burrowed: bool, ambush: str, damage_scale: float) -> int:
        mimic = Mimic(self._new_id(), kind, x, y, burrowed=burrowed)
        mimic.ambush = ambush
        mimic.damage_scale = damage_scale
        self.mimics.append(mimic)
        self._mimic_by_shape[mimic.shape] = mimic
        if not burrowed:
            self.space.add(mimic.body, mimic.shape)
            mimic.in_space = True
        return mimic.id

    def _spawn(self, order: SpawnOrder, events: list[ev.SimEvent]) -> None:
        kind = KINDS.get(order.kind, DRONE)
        events.append(ev.AmbushSprung(self.tick, order.spawn_id, order.ambush, *order.center))
        for x, y in order.positions:
            mimic_id = self._add_mimic(kind, x, y, order.emerge, order.ambush, 1.0)
            if order.emerge:
                events.append(
                    ev.MimicTelegraph(self.tick, mimic_id, kind.name, x, y, T.DRONE_TELEGRAPH)
                )

    def _resolve_contacts(self, events: list[ev.SimEvent]) -> None:
        """Mimics touching Cage or Rita hurt them: a lunge hard, a bump a little (id order)."""
        cage = self.cage
        rita = self.rita
        rita_alive = rita is not None and rita.alive
        if cage.dead and not rita_alive:
            return
        cx, cy = cage.position
        rx, ry = rita.position if rita_alive else (0.0, 0.0)
        for mimic in self.mimics:
            if not mimic.dangerous or mimic.contact_cooldown > 0:
                continue
            mx, my = mimic.position
            lunge = mimic.lunging
            damage = mimic.kind.contact_damage if lunge else T.DRONE_TOUCH_DAMAGE
            damage = max(1, round(damage * mimic.damage_scale))
            strength = mimic.kind.contact_knockback * (1.0 if lunge else 0.3)
            who = "an Alpha" if mimic.kind.name == "alpha" else f"a {mimic.kind.name}"
            cause = f"{who}'s lunge" if lunge else who
            if not cage.dead:
                reach = T.CAGE_RADIUS + mimic.kind.radius + 1.0
                dx, dy = cx - mx, cy - my
                if dx * dx + dy * dy <= reach * reach:
                    d = math.hypot(dx, dy) or 1.0
                    impulse = (dx / d * strength, dy / d * strength)
                    if cage.take_hit(damage, impulse, cause, self.tick, events):
                        mimic.contact_cooldown = T.DRONE_CONTACT_COOLDOWN
                    continue
            if rita_alive:
                reach = T.RITA_RADIUS + mimic.kind.radius + 1.0
                dx, dy = rx - mx, ry - my
                if dx * dx + dy * dy <= reach * reach:
                    d = math.hypot(dx, dy) or 1.0
                    mimic.contact_cooldown = T.DRONE_CONTACT_COOLDOWN
                    if rita.take_hit(damage, (dx / d * strength, dy / d * strength)):
                        self._rita_died(events)
                        rita_alive = False

    def _rita_died(self, events: list[ev.SimEvent]) -> None:
        rita = self.rita
        x, y = rita.position
        self.space.remove(rita.body, rita.shape)
        rita.state = RITA_DEAD
        events.append(ev.RitaDied(self.tick, x, y))

    def _remove_dead(self, events: list[ev.SimEvent]) -> None:
        if all(m.alive for m in self.mimics):
            return
        keep = []
        for mimic in self.mimics:
            if mimic.alive:
                keep.append(mimic)
                continue
            if mimic.in_space:
                self.space.remove(mimic.body, mimic.shape)
            del self._mimic_by_shape[mimic.shape]
            if mimic.kind.name == "alpha" and self.alpha_killed_tick is None:
                # The Omega feels its Alpha die and resets the day.
                self.alpha_killed_tick = self.tick
                if self.has_omega:
                    self._learn(VISION_OMEGA, events)
        self.mimics = keep

    # --- blasts, mines, gates -------------------------------------------------------------------
    def _blast(self, x, y, radius, mimic_damage, cage_damage, impulse, cause, events,
               unavoidable: bool = False) -> None:  # fmt: skip
        """An explosion: damage and an outward impulse on every body in range, by falloff."""
        events.append(ev.Explosion(self.tick, x, y, radius, cause))
        for mimic in self.mimics:
            if not mimic.in_space or not mimic.alive:
                continue
            mx, my = mimic.position
            d = math.hypot(mx - x, my - y)
            f = falloff(d, radius + mimic.kind.radius)
            if f > 0:
                d = d or 1.0
                push = ((mx - x) / d * impulse * f, (my - y) / d * impulse * f)
                mimic.take_round(max(1, math.ceil(mimic_damage * f)), push, self.tick, events)
        cage = self.cage
        if not cage.dead:
            cx, cy = cage.position
            d = math.hypot(cx - x, cy - y)
            f = falloff(d, radius + T.CAGE_RADIUS)
            if f > 0:
                d = d or 1.0
                push = ((cx - x) / d * impulse * f, (cy - y) / d * impulse * f)
                cage.take_hit(max(1, math.ceil(cage_damage * f)), push, cause, self.tick, events,
                              unavoidable)  # fmt: skip
        rita = self.rita
        if rita is not None and rita.alive:
            rx, ry = rita.position
            d = math.hypot(rx - x, ry - y)
            f = falloff(d, radius + T.RITA_RADIUS)
            if f > 0:
                d = d or 1.0
                push = ((rx - x) / d * impulse * f, (ry - y) / d * impulse * f)
                if rita.take_hit(max(1, math.ceil(cage_damage * f)), push):
                    self._rita_died(events)

    def _check_mines(self, events: list[ev.SimEvent]) -> None:
        for mine in self.mines:
            if not mine.armed:
                continue
            x, y = mine.obj.x, mine.obj.y
            if not self.space.point_query((x, y), T.MINE_TRIGGER, MINE_SENSE_FILTER):
                continue
            mine.armed = False
            was_dead = self.cage.dead
            self._blast(x, y, T.MINE_RADIUS, 99, T.MINE_DAMAGE, T.MINE_IMPULSE, "a mine", events)
            if self.cage.dead and not was_dead:
                # Dying to a mine teaches where its field is.
                self._learn(mine.field, events)

    def _close_gates(self) -> None:
        for gate in self.gates:
            if self.memory.knows(gate.requires):
                gate.open = True
                continue
            o = gate.obj
            shape = pymunk.Poly(
                self.space.static_body,
                [
                    (o.x, o.y),
                    (o.x + o.width, o.y),
                    (o.x + o.width, o.y + o.height),
                    (o.x, o.y + o.height),
                ],
            )
            shape.filter = WALL_FILTER
            gate.shape = shape
            self.space.add(shape)
            self.flow.block_rect(o.x, o.y, o.x + o.width, o.y + o.height, 1)

    def _check_gates(self, events: list[ev.SimEvent]) -> None:
        if self.gate_notice_cooldown > 0:
            self.gate_notice_cooldown -= 1
            return
        x, y = self.cage.position
        margin = T.CAGE_RADIUS + 4.0
        for gate in self.gates:
            if gate.open:
                continue
            o = gate.obj
            if (
                o.x - margin <= x <= o.x + o.width + margin
                and o.y - margin <= y <= o.y + o.height + margin
            ):
                events.append(ev.GateLocked(self.tick, o.id, gate.message))
                self.gate_notice_cooldown = T.GATE_MESSAGE_COOLDOWN
                return

    def _open_gates(self, events: list[ev.SimEvent]) -> None:
        for gate in self.gates:
            if not gate.open and self.memory.knows(gate.requires):
                gate.open = True
                if gate.shape is not None:
                    self.space.remove(gate.shape)
                    gate.shape = None
                o = gate.obj
                self.flow.block_rect(o.x, o.y, o.x + o.width, o.y + o.height, 0)
                events.append(ev.GateOpened(self.tick, gate.obj.id))

    # --- knowledge ------------------------------------------------------------------------------
    def _learn(self, knowledge_id: str, events: list[ev.SimEvent], title: str = "") -> None:
        if self.memory.learn(knowledge_id):
            text = title or describe(knowledge_id)
            events.append(ev.KnowledgeLearned(self.tick, knowledge_id, text))
            self._open_gates(events)

    def _learn_from(self, events: list[ev.SimEvent]) -> None:
        """Seeing an ambush come out of the sand teaches it (Cage must be close enough to see)."""
        if not self.memory.looping:
            return  # Day 0: nothing he sees is kept, the loop is not his yet
        cx, cy = self.cage.position
        sight = AMBUSH_SIGHT * AMBUSH_SIGHT
        seen: list[str] = []
        for e in events:
            if isinstance(e, ev.MimicEmerged):
                mimic = self._mimic_with_id(e.mimic_id)
                ambush = mimic.ambush if mimic is not None else ""
            elif isinstance(e, ev.AmbushSprung) and not self._spawn_emerges(e.spawn_id):
                ambush = e.ambush
            else:
                continue
            if ambush and (e.x - cx) ** 2 + (e.y - cy) ** 2 <= sight and ambush not in seen:
                seen.append(ambush)
        for ambush in seen:
            self._learn(ambush, events, describe(ambush, self._titles))

    def _mimic_with_id(self, mimic_id: int) -> Mimic | None:
        for mimic in self.mimics:
            if mimic.id == mimic_id:
                return mimic
        return None

    def _spawn_emerges(self, spawn_id: int) -> bool:
        spawn = self.level.object_by_id(spawn_id)
        return spawn is not None and bool(spawn.prop("emerge", True))

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
        for exit_obj in self.level.objects_of("Exit"):
            if exit_obj.contains(x, y):
                target = str(exit_obj.prop("map", ""))
                if target:
                    self.exit_taken = (target, str(exit_obj.prop("spawn", "")))
                return

    def _update_omega(self, frame: inputs.InputFrame, events: list[ev.SimEvent]) -> None:
        charge, omega, cage = self.charge, self.omega, self.cage
        if charge is not None and not cage.dead:
            x, y = cage.position
            if (
                charge.state == ON_FLOOR
                and math.hypot(charge.x - x, charge.y - y) <= T.PICKUP_REACH
            ):
                charge.state = CARRIED
                events.append(ev.ChargePicked(self.tick, charge.x, charge.y))
            elif charge.state == CARRIED and omega is not None and omega.alive:
                near = math.hypot(omega.x - x, omega.y - y) <= T.PLANT_REACH
                if not frame.held(inputs.INTERACT):
                    charge.plant_progress = 0  # he let go: start again
                elif near:  # knocked out of reach, the work waits for him
                    charge.plant_progress += 1
                    if charge.plant_progress >= T.PLANT_TICKS:
                        charge.state, charge.fuse = PLANTED, T.CHARGE_FUSE
                        charge.x, charge.y = omega.x, omega.y
                        events.append(ev.ChargePlanted(self.tick, omega.x, omega.y, T.CHARGE_FUSE))
        if omega is None or not omega.alive:
            return
        if charge is not None and charge.state == PLANTED:
            charge.fuse -= 1
            if charge.fuse <= 0:
                self._destroy_omega(events)
                return
        alive = sum(1 for m in self.mimics if m.alive)
        if omega.wave_due(alive):
            for i in range(T.OMEGA_WAVE_SIZE):
                angle = self.rng.uniform(0.0, 2.0 * math.pi) + i
                px = omega.x + math.cos(angle) * T.OMEGA_WAVE_RADIUS
                py = omega.y + math.sin(angle) * T.OMEGA_WAVE_RADIUS
                mimic_id = self._add_mimic(DRONE, px, py, True, "", 1.0)
                events.append(
                    ev.MimicTelegraph(self.tick, mimic_id, "drone", px, py, T.DRONE_TELEGRAPH)
                )

    def _destroy_omega(self, events: list[ev.SimEvent]) -> None:
        """The charge goes off at the core: the Omega, Cage, and every Mimic's will, gone."""
        omega, charge = self.omega, self.charge
        omega.alive = False
        charge.state = GONE
        self.space.remove(omega.shape)
        self._blast(omega.x, omega.y, T.CHARGE_RADIUS, 999, 999, T.CHARGE_IMPULSE, "the charge",
                    events, unavoidable=True)  # fmt: skip
        if not self.cage.dead:
            self.cage.take_hit(999, (0.0, 0.0), "the charge", self.tick, events, unavoidable=True)
        for mimic in self.mimics:
            if mimic.alive:  # they collapse where they stand
                mimic.state = DEAD
                events.append(ev.MimicDied(self.tick, mimic.id, mimic.kind.name, *mimic.position))
        self.completed_tick = self.tick
        events.append(ev.OmegaDestroyed(self.tick, omega.x, omega.y))

    # --- views --------------------------------------------------------------------------------
    @property
    def seconds(self) -> float:
        return self.tick / T.TICK_RATE

    def active_mimics(self) -> int:
        return sum(1 for m in self.mimics if m.state != BURROWED)

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
                if mimic.kind.name == "alpha" and mimic.dangerous:
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
        for m in self.mimics:
            h.ints((m.id, m.state, m.timer, m.health, m.orbit_sign, m.contact_cooldown))
            h.floats((*m.body.position, *m.body.velocity, m.lunge_dx, m.lunge_dy))
        h.ints(self.schedule.state_words())
        h.ints([int(i.taken) for i in self.intel] + [int(g.open) for g in self.gates]
               + [int(m.armed) for m in self.mines])  # fmt: skip
        for g in self.grenades:
            h.ints((g.id, g.age))
            h.floats((g.end_x, g.end_y))
        if self.drill is not None:
            h.ints(self.drill.hash_words())
        if self.omega is not None:
            h.ints(self.omega.hash_words())
        if self.charge is not None:
            c = self.charge
            h.ints((c.state, c.plant_progress, c.fuse))
            h.floats((c.x, c.y))
        h.ints((int(self.final_act), -1 if self.completed_tick is None else self.completed_tick))
        return h.hexdigest()

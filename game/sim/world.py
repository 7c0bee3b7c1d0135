"""World: one day of the simulation, stepped one tick at a time.

Owns the day's state (Cage, the Mimics, the ambush schedule, the gameplay RNG, the pymunk Space)
and the order of operations within a tick. `World(level, seed).step(frame)` is the whole interface
the game, the replays and the tests drive. The same level, seed and frames give the same day, bit for
bit. Imports no pygame, no time, no global random, no os (a test enforces it).
"""

from __future__ import annotations

import math

import pymunk

from game import tuning as T
from game.level.data import LevelData
from game.sim import inputs
from game.sim.cage import Cage
from game.sim.events import AmbushSprung, MimicTelegraph, ShotFired, SimEvent
from game.sim.hashing import StateHasher
from game.sim.mimic import BURROWED, KINDS, Mimic
from game.sim.physics import BULLET_FILTER, build_space
from game.sim.rng import GameRng
from game.sim.spawns import SpawnOrder, SpawnSchedule


class World:
    def __init__(self, level: LevelData, seed: int, spawn: str = "") -> None:
        self.level = level
        self.seed = seed
        self.tick = 0
        self.rng = GameRng(seed)
        self.space: pymunk.Space = build_space(level)
        start = level.player_start(spawn)
        self.cage = Cage(start.x, start.y, float(start.prop("facing", 0.0) or 0.0))
        self.space.add(self.cage.body, self.cage.shape)
        self.mimics: list[Mimic] = []
        self._mimic_by_shape: dict[pymunk.Shape, Mimic] = {}
        self._next_mimic_id = 1
        self.schedule = SpawnSchedule(level)
        self.death_tick: int | None = None

    # --- the tick -----------------------------------------------------------------------------
    def step(self, frame: inputs.InputFrame) -> list[SimEvent]:
        """Advance the day by one tick on this input; return what happened."""
        events: list[SimEvent] = []
        tick = self.tick
        cage = self.cage
        cage.tick_timers()
        cx, cy = cage.position
        cage.drive(frame, self.level.slow_at(cx, cy))
        if cage.update_rifle(frame, tick, events):
            self._fire_round(events)

        alive = not cage.dead
        for mimic in self.mimics:
            mimic.think(cx, cy, alive, self.rng, tick, events, self.space)

        # After the Mimics think, so a new one's countdown starts on the next tick.
        for order in self.schedule.update(tick, (cx, cy), self.rng, events):
            self._spawn(order, events)

        self.space.step(T.DT)

        self._resolve_contacts(events)
        self._remove_dead()
        if cage.dead and self.death_tick is None:
            self.death_tick = tick
        self.tick = tick + 1
        return events

    def _fire_round(self, events: list[SimEvent]) -> None:
        cage = self.cage
        spread = math.radians(T.RIFLE_SPREAD_DEG)
        angle = cage.aim_radians + self.rng.uniform(-spread, spread)
        dx, dy = math.cos(angle), math.sin(angle)
        x, y = cage.position
        sx, sy = x + dx * (T.CAGE_RADIUS + 2), y + dy * (T.CAGE_RADIUS + 2)
        ex, ey = sx + dx * T.RIFLE_RANGE, sy + dy * T.RIFLE_RANGE
        info = self.space.segment_query_first((sx, sy), (ex, ey), 0.0, BULLET_FILTER)
        hit = "none"
        if info is not None:
            ex, ey = info.point.x, info.point.y
            mimic = self._mimic_by_shape.get(info.shape)
            if mimic is not None:
                hit = "mimic"
                push = (dx * T.RIFLE_KNOCKBACK, dy * T.RIFLE_KNOCKBACK)
                mimic.take_round(T.RIFLE_DAMAGE, push, self.tick, events)
            else:
                hit = "wall"
        events.append(ShotFired(self.tick, sx, sy, ex, ey, hit))

    def _spawn(self, order: SpawnOrder, events: list[SimEvent]) -> None:
        kind = KINDS.get(order.kind, KINDS["drone"])
        events.append(AmbushSprung(self.tick, order.spawn_id, order.ambush, *order.center))
        for x, y in order.positions:
            mimic = Mimic(self._next_mimic_id, kind, x, y, burrowed=order.emerge)
            self._next_mimic_id += 1
            self.mimics.append(mimic)
            self._mimic_by_shape[mimic.shape] = mimic
            if order.emerge:
                events.append(MimicTelegraph(self.tick, mimic.id, kind.name, x, y, mimic.timer))
            else:
                self.space.add(mimic.body, mimic.shape)
                mimic.in_space = True

    def _resolve_contacts(self, events: list[SimEvent]) -> None:
        """Mimics touching Cage hurt him: a lunge hard, a bump a little (in Mimic id order)."""
        cage = self.cage
        if cage.dead:
            return
        cx, cy = cage.position
        for mimic in self.mimics:
            if not mimic.dangerous or mimic.contact_cooldown > 0:
                continue
            mx, my = mimic.position
            reach = T.CAGE_RADIUS + mimic.kind.radius + 1.0
            dx, dy = cx - mx, cy - my
            if dx * dx + dy * dy > reach * reach:
                continue
            distance = math.hypot(dx, dy) or 1.0
            lunge = mimic.lunging
            damage = mimic.kind.contact_damage if lunge else T.DRONE_TOUCH_DAMAGE
            strength = mimic.kind.contact_knockback * (1.0 if lunge else 0.3)
            impulse = (dx / distance * strength, dy / distance * strength)
            cause = f"{mimic.kind.name} lunge" if lunge else f"{mimic.kind.name}"
            if cage.take_hit(damage, impulse, cause, self.tick, events):
                mimic.contact_cooldown = T.DRONE_CONTACT_COOLDOWN
            if cage.dead:
                return

    def _remove_dead(self) -> None:
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
        self.mimics = keep

    # --- views --------------------------------------------------------------------------------
    @property
    def seconds(self) -> float:
        return self.tick / T.TICK_RATE

    def active_mimics(self) -> int:
        return sum(1 for m in self.mimics if m.state != BURROWED)

    def state_hash(self) -> str:
        """A digest of everything that decides how the rest of the day plays out."""
        h = StateHasher()
        h.ints((self.tick, self.rng.state, self._next_mimic_id))
        c = self.cage
        h.floats((*c.body.position, *c.body.velocity))
        h.ints(
            (
                c.aim,
                c.integrity,
                c.ammo,
                c.reload_ticks,
                c.fire_cooldown,
                c.invulnerable_ticks,
                c.stagger_ticks,
                int(c.dead),
            )
        )
        for m in self.mimics:
            h.ints((m.id, m.state, m.timer, m.health, m.orbit_sign, m.contact_cooldown))
            h.floats((*m.body.position, *m.body.velocity, m.lunge_dx, m.lunge_dy))
        h.ints(self.schedule.state_words())
        return h.hexdigest()

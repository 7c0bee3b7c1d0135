"""Rita Vrataski: her body, her fighting AI, and the first meeting of each day.

Owns Rita's behaviour: she holds her post by the training yard (or follows Cage once he has passed
her trust drill and won her over that day), picks the nearest Mimic in sight and shoots it, keeps
her distance, reloads, and can die (she comes back with the day). Each day she does not know Cage:
the first talk costs a scene and teaches him her phrase, but she trains him only on a day he says
it to her at once. The Rita system (RitaSystem) owns her (if the day has her) and the luck of her
aim. It reaches the other systems only through the World it is handed (imported for type checking
only). Must not import pygame, time, global random or os.
"""

from __future__ import annotations

import math
import struct
from typing import TYPE_CHECKING

import pymunk

from game import tuning as T
from game.level.data import LevelData
from game.sim import events as ev
from game.sim.hashing import StateHasher
from game.sim.knowledge import RITA_PHRASE
from game.sim.physics import CAT_ALLY, drive, motion_of
from game.sim.rng import GameRng

if TYPE_CHECKING:
    from game.sim.world import World

COLLISION_TYPE_RITA = 3
RITA_FILTER = pymunk.ShapeFilter(categories=CAT_ALLY)
# From this many Mimics on she looks for them in pymunk's index (MimicSystem.near): a
# few cost less to go through than the query. Either way she finds the same target.
LOOK_IN_INDEX_FROM = 16
# ... and she looks first a little beyond where her last target stood: she shoots the nearest
# Mimic, and from one tick to the next it is never far off. Should none be that near, she looks
# as far as she sees. A thick crowd fills her sight with hundreds: the first look asks the index
# for a few dozen.
LOOK_MARGIN = 48.0
# Her hash words and floats (her body's position and velocity), little-endian as
# game.sim.hashing lays them out.
_RITA_HASH = struct.Struct("<8q4d")

WAITING = 0  # does not know him today
TALKING = 1  # the first meeting's scene is playing
WON = 2  # she trusts him today
DEAD = 3
DOUBTFUL = 4  # heard him out, without the phrase: she will not train a stranger today

INTRO_LINES = (
    "Rita: Who are you? Get out of my yard.",
    "Cage: Listen. I know how this sounds.",
    "Cage: I've lived this day before. Over and over.",
    "Rita: ...",
    "Rita: Come find me when you wake up.",
)
PHRASE_LINE = (
    'Cage: "Come find me when you wake up."  Rita: ...I had it once, the loop. I lost it to a '
    "transfusion. Alright. Show me."
)
DOUBT_LINE = "Rita: Not today. Say that to me tomorrow, and I'll train you."


class Rita:
    def __init__(self, x: float, y: float) -> None:
        self.home = (x, y)
        self.body = pymunk.Body(T.RITA_MASS, math.inf)
        self.body.position = (x, y)
        self.shape = pymunk.Circle(self.body, T.RITA_RADIUS)
        self.shape.filter = RITA_FILTER
        self.shape.collision_type = COLLISION_TYPE_RITA
        self.shape.friction = 0.0
        self.state = WAITING
        self.integrity = T.RITA_INTEGRITY
        self.ammo = T.RITA_MAGAZINE
        self.reload_ticks = 0
        self.fire_cooldown = 0
        self.talk_ticks = 0
        self.invulnerable_ticks = 0
        self.aim = 0.0  # radians, for drawing and firing
        self.firing = False
        self.target_distance: float | None = None  # how far her target stood as she last looked
        self.following = False

    @property
    def position(self) -> tuple[float, float]:
        p = self.body.position
        return (p.x, p.y)

    @property
    def alive(self) -> bool:
        return self.state != DEAD

    @property
    def moving(self) -> bool:
        return self.body.velocity.length > 20.0

    def think(
        self,
        cage_pos: tuple[float, float],
        targets: list[tuple[float, float, float]],
        rng: GameRng,
    ) -> float | None:
        """Set this tick's drive; return the angle of a round she fires this tick, if any.

        `targets` are (x, y, radius) of dangerous Mimics, in Mimic id order."""
        self.firing = False
        if self.state == DEAD:
            return None
        if self.invulnerable_ticks > 0:
            self.invulnerable_ticks -= 1
        if self.fire_cooldown > 0:
            self.fire_cooldown -= 1
        if self.reload_ticks > 0:
            self.reload_ticks -= 1
            if self.reload_ticks == 0:
                self.ammo = T.RITA_MAGAZINE
        x, y = self.position
        target = None
        best = T.RITA_SIGHT * T.RITA_SIGHT
        for tx, ty, _ in targets:
            d = (tx - x) ** 2 + (ty - y) ** 2
            if d < best:
                best, target = d, (tx, ty)
        # How far her target stands (None: she has none): where RitaSystem looks first next tick.
        self.target_distance = math.sqrt(best) if target is not None else None

        # Where she wants to be: her post, or at Cage's side when she follows him.
        if self.following:
            anchor, slack = cage_pos, T.RITA_FOLLOW_DISTANCE
        else:
            anchor, slack = self.home, 24.0 if self.state != TALKING else 1e9
        want_x = want_y = 0.0
        ax, ay = anchor[0] - x, anchor[1] - y
        anchor_distance = math.hypot(ax, ay)
        if self.state == TALKING:
            cx, cy = cage_pos
            self.aim = math.atan2(cy - y, cx - x)
        elif target is not None:
            dx, dy = target[0] - x, target[1] - y
            distance = math.hypot(dx, dy) or 1.0
            self.aim = math.atan2(dy, dx)
            if distance < 110.0:  # too close: back off while firing
                want_x, want_y = -dx / distance * T.RITA_SPEED, -dy / distance * T.RITA_SPEED
        if (want_x, want_y) == (0.0, 0.0) and anchor_distance > slack:
            leash = T.RITA_LEASH if not self.following else slack
            speed = T.RITA_SPEED * min(1.0, (anchor_distance - slack) / max(leash, 1.0) + 0.35)
            want_x, want_y = ax / anchor_distance * speed, ay / anchor_distance * speed
        drive(self.body, want_x, want_y, T.RITA_MASS * 12.0, T.RITA_MASS * 2000.0)

        if target is None or self.state == TALKING or self.reload_ticks > 0:
            return None
        if self.fire_cooldown > 0:
            return None
        if self.ammo == 0:
            self.reload_ticks = T.RITA_RELOAD
            return None
        self.ammo -= 1
        self.fire_cooldown = T.RITA_FIRE_INTERVAL
        self.firing = True
        spread = math.radians(T.RITA_SPREAD_DEG)
        return self.aim + rng.uniform(-spread, spread)

    def take_hit(self, damage: int, impulse: tuple[float, float]) -> bool:
        """Lose integrity; True if she died of it."""
        if self.state == DEAD or self.invulnerable_ticks > 0:
            return False
        self.integrity = max(0, self.integrity - damage)
        self.invulnerable_ticks = T.CAGE_HURT_INVULNERABLE
        self.body.apply_impulse_at_local_point(impulse)
        if self.integrity == 0:
            self.state = DEAD
            return True
        return False

    def hash_words(self) -> tuple[int, ...]:
        return (
            self.state,
            self.integrity,
            self.ammo,
            self.reload_ticks,
            self.fire_cooldown,
            self.talk_ticks,
            self.invulnerable_ticks,
            int(self.following),
        )


class RitaSystem:
    """Rita through the day: her turn to look and shoot (`think`, before the Mimics think), the
    scene of the first meeting (`update`, after the contacts), and what others ask of her:
    `meet` when Cage talks to her, `died` when a blow kills her."""

    def __init__(
        self,
        level: LevelData,
        start: tuple[float, float],
        companion: bool,
        space: pymunk.Space,
        rng: GameRng,
    ) -> None:
        """Rita at her post if the map has her, else at Cage's side if she came with him."""
        self.rng = rng  # her aim
        # How far she looks first for a target in a crowd (`think`): it changes how she finds
        # it, never which one she finds, so it is no part of the day's state.
        self.first_look = T.RITA_SIGHT
        self.rita: Rita | None = None
        ritas = level.objects_of("Rita")
        if ritas:
            self.rita = Rita(ritas[0].x, ritas[0].y)
        elif companion:
            self.rita = Rita(start[0] - 30.0, start[1] + 20.0)
            self.rita.state, self.rita.following = WON, True
        if self.rita is not None:
            space.add(self.rita.body, self.rita.shape)

    # --- the tick -----------------------------------------------------------------------------
    def think(self, world: World, events: list[ev.SimEvent]) -> None:
        rita = self.rita
        if rita is None or not rita.alive:
            return
        # She knows what an Alpha's death does to the day: she never shoots one. Their
        # positions come from the Mimic system's one batch reading of this tick.
        tick = world.tick
        world.mimic_system.read_bodies(world.space, tick)
        x, y = rita.position
        mimics = world.mimics  # in id order
        if len(mimics) < LOOK_IN_INDEX_FROM:
            targets = _targets(mimics, tick)
        else:
            # Those pymunk's index finds near her (in a crowd, the batch reading: the same and a
            # few more), in id order; Rita.think keeps the exact test. The index holds where each
            # shape was when the space last stepped, which is where the batch reading finds its
            # body: nothing moves one that is in the space between a step and her turn. A first
            # look to `look` finds every Mimic whose centre is that near (and some beyond): if
            # the nearest of them is that near, none nearer was left out, so she picks the one
            # her whole sight would give (ties too: she takes the first in id order, and every
            # Mimic as near is among them).
            system, space, look = world.mimic_system, world.space, self.first_look
            targets = _targets(system.near_before_step(space, x, y, look, tick), tick)
            if look < T.RITA_SIGHT and not any(
                (tx - x) ** 2 + (ty - y) ** 2 <= look * look for tx, ty, _ in targets
            ):
                targets = _targets(system.near_before_step(space, x, y, T.RITA_SIGHT, tick), tick)
        angle = rita.think(world.cage.position, targets, self.rng)
        nearest = rita.target_distance
        self.first_look = (
            T.RITA_SIGHT if nearest is None else min(T.RITA_SIGHT, nearest + LOOK_MARGIN)
        )
        if angle is None:
            return
        sx, sy, ex, ey, hit = world.action_system.hitscan(
            world, x, y, T.RITA_RADIUS + 2, angle, T.RIFLE_RANGE, events, by="rita"
        )
        events.append(ev.RitaShot(tick, sx, sy, ex, ey, hit))

    def update(self, world: World, events: list[ev.SimEvent]) -> None:
        """The first meeting's scene plays out, a line at a time; at its end she doubts him."""
        rita = self.rita
        if rita is None or rita.state != TALKING:
            return
        elapsed = T.RITA_TALK - rita.talk_ticks
        if elapsed % T.RITA_INTRO_LINE_TICKS == 0:
            index = elapsed // T.RITA_INTRO_LINE_TICKS
            if index < len(INTRO_LINES):
                events.append(ev.RitaLine(world.tick, INTRO_LINES[index]))
        rita.talk_ticks -= 1
        if rita.talk_ticks <= 0:
            # She told him what to say; she will believe it only on a day he says it to her.
            rita.state = DOUBTFUL
            rita.following = False
            events.append(ev.RitaLine(world.tick, DOUBT_LINE))
            world.knowledge_system.learn(world, RITA_PHRASE, events)

    # --- asked of her -------------------------------------------------------------------------
    def meet(self, world: World, events: list[ev.SimEvent]) -> None:
        """Cage talks to her: the phrase wins her at once; without it, the scene begins."""
        rita = self.rita
        if world.memory.knows(RITA_PHRASE):
            rita.state = WON
            events.append(ev.RitaLine(world.tick, PHRASE_LINE))
            events.append(ev.RitaWon(world.tick, True))
        else:
            rita.state = TALKING
            rita.talk_ticks = T.RITA_TALK
        rita.following = rita.state == WON and world.memory.training_level >= 5

    def died(self, world: World, events: list[ev.SimEvent]) -> None:
        rita = self.rita
        x, y = rita.position
        world.space.remove(rita.body, rita.shape)
        rita.state = DEAD
        events.append(ev.RitaDied(world.tick, x, y))

    # --- the state hash -----------------------------------------------------------------------
    def head_words(self) -> tuple[int, ...]:
        """Its words among the day's clocks and luck at the head of the hash (her aim's)."""
        return (self.rng.state,)

    def hash_into(self, h: StateHasher) -> None:
        """Her state, integrity, rifle and timers, then her body (nothing if the day has no
        Rita)."""
        rita = self.rita
        if rita is not None:
            words = rita.hash_words()
            floats = motion_of(rita.body)  # (position, then velocity)
            try:  # one pack: the same bytes as ints() then floats()
                h.raw(_RITA_HASH.pack(*words, *floats))
            except struct.error:  # a word out of the packed range: word by word, as ever
                h.ints(words)
                h.floats(floats)


def _targets(mimics, tick: int) -> list[tuple[float, float, float]]:
    """What Rita may shoot among `mimics` (in id order): (x, y, radius) of the dangerous ones,
    never an Alpha (she knows what its death does to the day)."""
    return [
        (*m.position_at(tick), m.kind.radius)
        for m in mimics
        if m.dangerous and not m.kind.resets_day
    ]

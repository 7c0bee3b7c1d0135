"""Mimics: every kind's body, tuning and fighting behaviour, as a state table per kind.

Owns a Mimic's life: burrowed under the sand with a telegraph, bursting out, hunting Cage,
circling him, a visible wind-up, the attack, recovery, taking rounds and dying. Each kind names a
*behaviour*, a table of states with an `enter` and an `update` each (Celeste's state machine,
Nystrom's Type Object): the melee table (drone, Alpha, carapace, mite, hulk), the spitter's, the
burrower's and the brood's. A new kind is a new MimicKind row and, if it fights differently, a new
table; never another branch in one long `think`. All randomness comes from the World's GameRng;
what a Mimic makes happen beyond itself (a spit, a birth, a slam) it asks of the `Senses` it is
given, and the Mimic system carries it out. Imports pymunk and sim modules.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pymunk

from game import tuning as T
from game.sim.assists import NONE as NO_ASSISTS
from game.sim.assists import Assists
from game.sim.events import (
    MimicDeflected,
    MimicDied,
    MimicEmerged,
    MimicHit,
    MimicLunge,
    MimicWindup,
    SimEvent,
)
from game.sim.flow import FlowField
from game.sim.hashing import StateHasher
from game.sim.physics import (
    CAT_WALL,
    CAT_WATER,
    MIMIC_FILTER,
    clear_ways,
    drive,
    drive_force,
    length,
    motion_of,
)
from game.sim.rng import GameRng

COLLISION_TYPE_MIMIC = 2
SIGHT_REFRESH = 6  # ticks between a Mimic's looks for a clear way to Cage
PATH_FILTER = pymunk.ShapeFilter(mask=CAT_WALL | CAT_WATER)
# A Mimic's hash words (its luck's state last, unsigned) and floats, little-endian as
# game.sim.hashing lays them out.
_HASH_RECORD = struct.Struct("<12qQ7d")

# States, as small ints so the state hash covers them cheaply. Append, never renumber.
BURROWED = 0
EMERGING = 1
HUNTING = 2
CIRCLING = 3
WINDUP = 4
LUNGE = 5  # the attack: a lunge, a spit, an eruption, a birth
RECOVER = 6
DEAD = 7
TUNNELING = 8  # a burrower on the move under the sand
STATE_NAMES = (
    "burrowed", "emerging", "hunting", "circling", "windup", "lunge", "recover", "dead",
    "tunneling",
)  # fmt: skip

# Who can kill an Alpha so that the Omega feels it and resets the day.
KILLERS_THAT_RESET = frozenset(("cage", "grenade", "claymore", "rita"))


@dataclass(frozen=True, slots=True)  # (slots: a crowd reads its kind's numbers every tick)
class MimicKind:
    name: str
    radius: float
    mass: float
    health: int
    speed: float
    orbit_speed: float
    orbit_radius: float
    max_force: float
    windup: int
    lunge: int
    lunge_speed: float
    contact_damage: int
    contact_knockback: float
    behaviour: str = "melee"  # which state table it fights by
    touch_damage: int = T.DRONE_TOUCH_DAMAGE
    circle_min: int = T.DRONE_CIRCLE_MIN
    circle_jitter: int = T.DRONE_CIRCLE_JITTER
    recover: int = T.DRONE_RECOVER
    armor: str = "none"  # "front": rounds from ahead glance off; "shell": no round hurts it
    blade_damage: int = T.BLADE_DAMAGE
    resets_day: bool = False  # the Alpha: its death resets the day
    slam_radius: float = 0.0  # the hulk: its charge ends in a slam
    title: str = ""  # how the death log and the recap name it
    sense: float = T.DRONE_AGGRO_RANGE  # px: it notices Cage this close (or when hurt)
    guards: bool = False  # an Alpha: it never follows Cage beyond the loop (the final act)

    @property
    def called(self) -> str:
        """'a drone', 'an Alpha': the kind in a sentence."""
        title = self.title or self.name
        return f"an {title}" if title[0].lower() in "aeiou" else f"a {title}"


def _kind(name: str, radius, mass, health, speed, **more) -> MimicKind:
    """A kind from the drone's numbers, with its own where it differs."""
    base = dict(
        orbit_speed=speed * 0.87, orbit_radius=T.DRONE_ORBIT_RADIUS, max_force=mass * 2200.0,
        windup=T.DRONE_WINDUP, lunge=T.DRONE_LUNGE, lunge_speed=T.DRONE_LUNGE_SPEED,
        contact_damage=T.DRONE_CONTACT_DAMAGE, contact_knockback=T.DRONE_CONTACT_KNOCKBACK,
    )  # fmt: skip
    base.update(more)
    return MimicKind(name, radius, mass, health, speed, **base)


DRONE = _kind(
    "drone", T.DRONE_RADIUS, T.DRONE_MASS, T.DRONE_HEALTH, T.DRONE_SPEED,
    orbit_speed=T.DRONE_ORBIT_SPEED, max_force=T.DRONE_MAX_DRIVE_FORCE,
)  # fmt: skip
ALPHA = _kind(
    "alpha", T.ALPHA_RADIUS, T.ALPHA_MASS, T.ALPHA_HEALTH, T.ALPHA_SPEED,
    orbit_speed=T.ALPHA_ORBIT_SPEED, orbit_radius=T.ALPHA_ORBIT_RADIUS,
    max_force=T.ALPHA_MAX_DRIVE_FORCE, windup=T.ALPHA_WINDUP, lunge=T.ALPHA_LUNGE,
    lunge_speed=T.ALPHA_LUNGE_SPEED, contact_damage=T.ALPHA_CONTACT_DAMAGE,
    contact_knockback=T.ALPHA_CONTACT_KNOCKBACK, blade_damage=T.BLADE_ALPHA_DAMAGE,
    resets_day=True, title="Alpha", sense=900.0, guards=True,
)  # fmt: skip
SPITTER = _kind(
    "spitter", T.SPITTER_RADIUS, T.SPITTER_MASS, T.SPITTER_HEALTH, T.SPITTER_SPEED,
    behaviour="spitter", orbit_radius=T.SPITTER_RANGE, orbit_speed=110.0,
    windup=T.SPITTER_AIM, lunge=T.seconds(0.25), circle_min=T.SPITTER_RELOAD,
    circle_jitter=T.seconds(0.8), recover=T.seconds(0.3), contact_damage=T.DRONE_TOUCH_DAMAGE,
)  # fmt: skip
BURROWER = _kind(
    "burrower", T.BURROWER_RADIUS, T.BURROWER_MASS, T.BURROWER_HEALTH, T.BURROWER_TUNNEL_SPEED,
    behaviour="burrower", windup=T.BURROWER_SURFACE, lunge=T.seconds(0.3),
    recover=T.BURROWER_EXPOSED, contact_damage=T.BURROWER_ERUPT_DAMAGE,
    contact_knockback=T.BURROWER_ERUPT_IMPULSE,
)  # fmt: skip
CARAPACE = _kind(
    "carapace", T.CARAPACE_RADIUS, T.CARAPACE_MASS, T.CARAPACE_HEALTH, T.CARAPACE_SPEED,
    orbit_radius=140.0, windup=T.seconds(0.6), lunge=T.seconds(0.5),
    lunge_speed=T.CARAPACE_LUNGE_SPEED, contact_damage=T.CARAPACE_CONTACT_DAMAGE,
    contact_knockback=45000.0, armor="front", recover=T.seconds(1.1),
)  # fmt: skip
MITE = _kind(
    "mite", T.MITE_RADIUS, T.MITE_MASS, T.MITE_HEALTH, T.MITE_SPEED, orbit_radius=60.0,
    windup=T.seconds(0.3), lunge=T.seconds(0.25), lunge_speed=430.0,
    contact_damage=T.MITE_CONTACT_DAMAGE, touch_damage=3, contact_knockback=6000.0,
    circle_min=T.seconds(0.4), circle_jitter=T.seconds(0.6), recover=T.seconds(0.4),
)  # fmt: skip
HULK = _kind(
    "hulk", T.HULK_RADIUS, T.HULK_MASS, T.HULK_HEALTH, T.HULK_SPEED, orbit_radius=170.0,
    max_force=T.HULK_MASS * 1800.0, windup=T.seconds(0.8), lunge=T.seconds(0.6),
    lunge_speed=T.HULK_LUNGE_SPEED, contact_damage=T.HULK_CONTACT_DAMAGE,
    contact_knockback=90000.0, armor="front", blade_damage=T.BLADE_BOSS_DAMAGE,
    slam_radius=T.HULK_SLAM_RADIUS, recover=T.seconds(1.2), touch_damage=10,
)  # fmt: skip
BROOD = _kind(
    "brood", T.BROOD_RADIUS, T.BROOD_MASS, T.BROOD_HEALTH, T.BROOD_SPEED,
    behaviour="brood", orbit_radius=200.0, orbit_speed=40.0, max_force=T.BROOD_MASS * 900.0,
    windup=T.seconds(0.9), lunge=T.seconds(0.4), circle_min=T.seconds(2.2),
    circle_jitter=T.seconds(1.0), recover=T.seconds(0.8), armor="shell",
    blade_damage=T.BLADE_BOSS_DAMAGE, contact_damage=20, touch_damage=10,
)  # fmt: skip
KINDS = {k.name: k for k in (DRONE, ALPHA, SPITTER, BURROWER, CARAPACE, MITE, HULK, BROOD)}


@dataclass
class Senses:
    """What a Mimic knows of the tick it thinks in, and what it asks the day to do."""

    cage_x: float
    cage_y: float
    cage_alive: bool
    tick: int
    events: list[SimEvent]
    space: pymunk.Space
    flow: FlowField | None = None
    assists: Assists = NO_ASSISTS
    # Armed mines by MINE_CELL cell, each listed in its own cell and the eight around it.
    mines: dict[tuple[int, int], list[tuple[float, float]]] = field(default_factory=dict)
    standable: Callable[[float, float], bool] = lambda x, y: True
    final_act: bool = False  # Cage is below, beyond the loop
    crowded: bool = False  # so many Mimics out that their looks ask the day's Sight (sees_from)
    # Asked of the Mimic system, carried out after every Mimic has thought (in this order):
    spits: list[tuple[int, float, float, float, float]] = field(default_factory=list)
    births: list[tuple[int, float, float]] = field(default_factory=list)
    blasts: list[tuple[int, float, float]] = field(default_factory=list)  # (id, x, y) slams
    speed_factor: float = field(init=False)  # assists.mimic_speed, read once a tick
    # The Mimics whose force this tick waits for the system's batch write (see Mimic.set_force).
    forces: list[Mimic] = field(default_factory=list)
    # The tick's looks' segment_clear, found at the first (clear_ways).
    _clear_way: Callable[[tuple[float, float], tuple[float, float], float], bool] | None = field(
        default=None, init=False, repr=False
    )

    def __post_init__(self) -> None:
        self.speed_factor = self.assists.mimic_speed

    def clear_ways(self) -> Callable[[tuple[float, float], tuple[float, float], float], bool]:
        """Whether walls and water leave a thick segment clear (game.sim.physics clear_ways,
        asking the Sight when `crowded`): found at the tick's first look, not at every one."""
        clear = self._clear_way
        if clear is None:
            clear = self._clear_way = clear_ways(self.space, PATH_FILTER, self.crowded)
        return clear


@dataclass(frozen=True)
class State:
    """One state of a table: `update` returns the next state (or None to stay); `enter` runs
    when the state is entered."""

    update: Callable[[Mimic, Senses], int | None]
    enter: Callable[[Mimic, Senses], None] | None = None
    # What `update` does on a tick it stays in this state, as game.sim.crowd works it out over
    # arrays for a crowd (Hunt, Circle, Brace or Coast); None: each Mimic thinks it alone.
    crowd: Hunt | Circle | Brace | Coast | None = None


# The few ways a state moves a Mimic, as data the crowd's arrays read; the builders below make
# each state's update from the same numbers.
@dataclass(frozen=True)
class Hunt:
    """The plain hunt (_hunting): it starts circling once it sees Cage nearer than close(kind)."""

    close: Callable[[MimicKind], float]


@dataclass(frozen=True)
class Circle:
    """Circling Cage at radius(kind) (_circling); backing off, facing him, when nearer than
    `too_close`; hunting again beyond leave(kind) or out of sight; attacking when its timer
    runs out."""

    radius: Callable[[MimicKind], float]
    leave: Callable[[MimicKind], float]
    too_close: float = 0.0  # 0: it never backs off


@dataclass(frozen=True)
class Brace:
    """Steering to a stop at `strength` of its legs, facing Cage or not, until its timer runs out
    (_braced): coming out of the sand, winding up, recoiling, recovering."""

    strength: float
    faces_cage: bool


@dataclass(frozen=True)
class Coast:
    """A lunge (_melee_lunge): flying on its impulse against the sand's drag, facing where it
    lunged, until its timer runs out."""


def sees_from(
    clear: Callable[[tuple[float, float], tuple[float, float], float], bool],
    cage: tuple[float, float],
    x: float,
    y: float,
    distance: float,
    radius: float,
) -> bool:
    """Whether a Mimic of `radius` at (x, y), `distance` from Cage (at `cage`), sees him: a
    clear way for its body (walls and water block it: `clear`, the tick's Senses.clear_ways),
    or him all but on top of it. (Mimic.look, and game.sim.crowd's looks for a crowd.)"""
    return clear((x, y), cage, radius * 0.8) or distance < radius * 3


class Mimic:
    # Every field a Mimic has, fixed: a crowd's tick reads and writes a few of each of hundreds
    # of them, and fields in slots are quicker to reach than a dict's (with MimicKind's, the
    # 400-Mimic tick takes 9 % less). A misspelt field is an error, not a new one.
    __slots__ = (
        "id", "kind", "rng", "body", "shape", "health", "state", "timer", "orbit_sign",
        "lunge_dx", "lunge_dy", "contact_cooldown", "heading", "in_space", "ambush",
        "damage_scale", "sees_cage", "attacks", "parent", "killed_by", "aware", "home", "_x",
        "_y", "_ux", "_uy", "_distance", "_body_id", "_read_tick", "_identity", "_rx", "_ry",
        "_rvx", "_rvy", "_forces", "_pushed", "_force_asked", "_fx", "_fy", "_crowd_rows",
        "homing", "spawn_name", "_outside", "_deaths",
    )  # fmt: skip

    def __init__(
        self,
        mimic_id: int,
        kind: MimicKind,
        x: float,
        y: float,
        burrowed: bool,
        rng: GameRng | None = None,
    ) -> None:
        self.id = mimic_id
        self.kind = kind
        # Its own luck (game.sim.rng streams): fixed by the seed and where it came from.
        self.rng = rng if rng is not None else GameRng(mimic_id)
        self.body = pymunk.Body(kind.mass, math.inf)
        self.body.position = (x, y)
        self.shape = pymunk.Circle(self.body, kind.radius)
        self.shape.filter = MIMIC_FILTER
        self.shape.collision_type = COLLISION_TYPE_MIMIC
        self.shape.friction = 0.0
        self.shape.elasticity = 0.2
        self.health = kind.health
        self.state = BURROWED if burrowed else HUNTING
        self.timer = T.DRONE_TELEGRAPH if burrowed else 0
        self.orbit_sign = 1  # +1 clockwise, -1 counter-clockwise
        self.lunge_dx = 0.0
        self.lunge_dy = 0.0
        self.contact_cooldown = 0
        self.heading = 0.0  # radians: where it faces (its armour faces this way too)
        self.in_space = False
        self.ambush = ""  # the knowledge id of the ambush it came from
        self.damage_scale = 1.0  # Rita's training drone hits softly
        self.sees_cage = True  # refreshed every SIGHT_REFRESH ticks
        self.attacks = 0  # attacks made: the brood alternates births and spits
        self.parent = 0  # the brood that birthed it (0: none)
        self.killed_by = ""  # "cage", "grenade", "rita", "mine", ... once dead
        self.aware = False  # it has noticed Cage (he came within its sense, or hurt it)
        self.home = (x, y)  # where it came out: an unaware Mimic prowls around here
        self._x, self._y = x, y  # read at the start of each think (see think)
        self._ux, self._uy, self._distance = 1.0, 0.0, 1.0
        # The Mimic system reads every body's position and velocity in one batch before they
        # think (_read_tick says which tick), and writes the forces they ask for back in one
        # batch after: `_forces` is that tick's list while this Mimic thinks on a batch reading.
        self._body_id = self.body.id
        self._read_tick = -1
        self._identity: tuple[tuple, bytes] | None = None  # (what it is, its hash bytes)
        self._rx, self._ry, self._rvx, self._rvy = x, y, 0.0, 0.0
        self._forces: list[Mimic] | None = None
        self._pushed: list[Mimic] | None = None  # the system's Mimics pushed since its reading
        # The system's Mimics out of the space (under the sand), and those that died this tick:
        # kept as they change (enter_space, leave_space, _die), so its contacts and its dead
        # are found without a look at every Mimic.
        self._outside: dict[Mimic, None] | None = None
        self._deaths: list[Mimic] | None = None
        self._force_asked = False
        self._fx, self._fy = 0.0, 0.0
        # Its kind's rows in game.sim.crowd's table, by state (found when a crowd first takes it
        # in its order: Crowd._of_order).
        self._crowd_rows: tuple[int | None, ...] | None = None
        self.homing = False  # called back (an Alpha, in the final act): walking home, blind
        self.spawn_name = ""  # the name of the MimicSpawn it came from, if it has one

    @property
    def position(self) -> tuple[float, float]:
        p = self.body.position
        return (p.x, p.y)

    def position_at(self, tick: int) -> tuple[float, float]:
        """Its position, from the system's batch reading when it was handed this tick (else
        from its body, which has not moved since the reading: nothing moves until the step)."""
        if self._read_tick == tick:
            return self._rx, self._ry
        p = self.body.position
        return (p.x, p.y)

    @property
    def alive(self) -> bool:
        return self.state != DEAD

    @property
    def dangerous(self) -> bool:
        """Whether touching it hurts (not while under the sand or bursting out)."""
        return self.state not in (BURROWED, EMERGING, DEAD, TUNNELING)

    @property
    def lunging(self) -> bool:
        return self.state == LUNGE and self.kind.behaviour == "melee"

    @property
    def hidden(self) -> bool:
        """Under the sand: no round, blade or blast reaches it."""
        return self.state in (BURROWED, TUNNELING)

    def enter_space(self, space: pymunk.Space) -> None:
        """Out of the sand: its body and shape join the space (the only way one does)."""
        space.add(self.body, self.shape)
        self.in_space = True
        if self._outside is not None:
            self._outside.pop(self, None)

    def leave_space(self, space: pymunk.Space) -> None:
        """Under the sand, or dead: its body and shape leave the space (the only way one does)."""
        space.remove(self.body, self.shape)
        self.in_space = False
        if self._outside is not None:
            self._outside[self] = None

    def hash_words(self) -> tuple[int, ...]:
        # The same words in the same order as hash_bytes packs them in one call (a change here
        # is a change there; tests/test_sim_batch.py spells the layout out for both ways).
        return (self.id, self.state, self.timer, self.health, self.orbit_sign,
                self.contact_cooldown, int(self.sees_cage), int(self.in_space), self.attacks,
                self.parent, int(self.aware), int(self.homing), self.rng.state)  # fmt: skip

    def hash_bytes(self, motion: Sequence[float] | None = None) -> bytes:
        """The Mimic's part of the state hash: its words (hash_words), its position and
        velocity (`motion`, read with the rest of a crowd's; else read here), lunge and heading,
        then what it is (identity_bytes). One pack, where a word fits its packed range (a bool
        packs as the word 0 or 1, as int() of it does): the same bytes as StateHasher's ints()
        then floats()."""
        x, y, vx, vy = motion_of(self.body) if motion is None else motion
        try:
            record = _HASH_RECORD.pack(
                self.id, self.state, self.timer, self.health, self.orbit_sign,
                self.contact_cooldown, self.sees_cage, self.in_space, self.attacks, self.parent,
                self.aware, self.homing, self.rng.state,
                x, y, vx, vy, self.lunge_dx, self.lunge_dy, self.heading,
            )  # fmt: skip
        except struct.error:  # a word out of the packed ranges: word by word, as ever
            part = StateHasher()
            part.ints(self.hash_words())
            part.floats((x, y, vx, vy, self.lunge_dx, self.lunge_dy, self.heading))
            record = part.packed()
        return record + self.identity_bytes()

    def identity_bytes(self) -> bytes:
        """What the Mimic is and where it came from, for the state hash: its kind, the ambush
        and the spawn it belongs to (a Gate may wait for that spawn to be cleared), the home it
        prowls around, how hard it hits. Fixed at its birth, so packed once and kept."""
        key = (self.kind.name, self.ambush, self.spawn_name, self.home, self.damage_scale)
        if self._identity is None or self._identity[0] != key:
            h = StateHasher()
            h.text(self.kind.name)
            h.text(self.ambush)
            h.text(self.spawn_name)
            h.floats((*self.home, self.damage_scale))
            self._identity = (key, h.packed())
        return self._identity[1]

    def think(self, senses: Senses) -> None:
        """Advance the kind's state table one tick and set this tick's drive force."""
        if self.contact_cooldown > 0:
            self.contact_cooldown -= 1
        state = self.state
        if state == DEAD:
            return
        if self.timer > 0:
            self.timer -= 1
        # Where it is and where Cage is, read once: nothing moves while the Mimics think.
        if self._read_tick == senses.tick:
            x, y = self._rx, self._ry
            self._forces = senses.forces
        else:  # not in the batch (thinking outside the system, or not in the space)
            p = self.body.position
            x, y = p.x, p.y
            self._forces = None
        dx, dy = senses.cage_x - x, senses.cage_y - y
        distance = length(dx, dy) or 1.0
        self._x, self._y = x, y
        self._ux, self._uy, self._distance = dx / distance, dy / distance, distance
        kind = self.kind
        if not senses.cage_alive and state not in (BURROWED, EMERGING, TUNNELING):
            # The day is over for Cage: they slow and mill about where they are.
            self._steer(0.0, 0.0)
            return
        if kind.guards and senses.final_act and state in (HUNTING, CIRCLING):
            # It will not follow him beyond the loop: back to what it guards it goes, blind to
            # him from then on (the final act never ends in a new day of the same World).
            if self.aware:
                self.aware, self.homing, self.state = False, True, HUNTING
                state = HUNTING
        if not self.aware and state in (HUNTING, CIRCLING, TUNNELING):
            if self.homing or distance > kind.sense:
                self._prowl(senses)
                return
            self.aware = True
        following = TABLES[kind.behaviour][state].update(self, senses)
        if following is not None and following != self.state:
            self.enter(following, senses)

    def enter(self, state: int, senses: Senses) -> None:
        self.state = state
        begin = TABLES[self.kind.behaviour][state].enter
        if begin is not None:
            begin(self, senses)

    # --- moving ---------------------------------------------------------------------------------
    def to_cage(self, senses: Senses) -> tuple[float, float, float]:
        """(unit x, unit y, distance) from here to Cage, as read at the start of this think."""
        return self._ux, self._uy, self._distance

    def _steer(
        self, want_vx: float, want_vy: float, strength: float = 1.0, senses: Senses | None = None
    ) -> None:
        if senses is not None:
            mines = senses.mines
            if mines:  # the mines in its cell's neighbourhood (most Mimics have none near)
                near = mines.get((int(self._x // MINE_CELL), int(self._y // MINE_CELL)))
                if near:
                    want_vx, want_vy = self._around_mines(want_vx, want_vy, near)
            factor = senses.speed_factor
            want_vx, want_vy = want_vx * factor, want_vy * factor
        kind = self.kind
        gain = kind.mass * T.DRONE_DRIVE_GAIN
        cap = kind.max_force * strength
        forces = self._forces
        if forces is None:
            drive(self.body, want_vx, want_vy, gain, cap)
            return
        # On this tick's batch reading: its velocity as read, its force written later (as
        # set_force keeps it; written out here, as this runs for nearly every Mimic every tick).
        self._fx, self._fy = drive_force(self._rvx, self._rvy, want_vx, want_vy, gain, cap)
        if not self._force_asked:
            self._force_asked = True
            forces.append(self)

    def set_force(self, fx: float, fy: float) -> None:
        """This tick's force: kept for the system's batch write while thinking on a batch
        reading, else set on the body at once."""
        forces = self._forces
        if forces is None:
            self.body.force = (fx, fy)
            return
        if not self._force_asked:
            self._force_asked = True
            forces.append(self)
        self._fx, self._fy = fx, fy

    def _velocity_changed(self) -> None:
        """Its own velocity was just set or pushed after the tick's batch reading: later reads
        see the new one (and the Mimic system's list of them, `_pushed`, names it)."""
        v = self.body.velocity
        self._rvx, self._rvy = v.x, v.y
        if self._pushed is not None:
            self._pushed.append(self)

    def _around_mines(
        self, vx: float, vy: float, near: list[tuple[float, float]]
    ) -> tuple[float, float]:
        """Mimics sense the mines in the sand (`near`: those around its cell) and steer around
        them, so none of them (an Alpha least of all) ever blunders onto one."""
        x, y = self._x, self._y
        reach = T.MIMIC_MINE_AVOID + self.kind.radius
        speed = max(self.kind.speed, math.hypot(vx, vy))
        for mx, my in near:
            dx, dy = x - mx, y - my
            d = math.hypot(dx, dy)
            if 0.0 < d < reach:
                push = (1.0 - d / reach) * 2.5 * speed
                vx += dx / d * push
                vy += dy / d * push
        return vx, vy

    def _hunt(self, senses: Senses, speed: float) -> bool:
        """Go for Cage: straight when it sees him, along the flow field around walls when it
        does not. False when it sees him (the caller may close in its own way)."""
        flow = senses.flow
        if flow is not None and not self.sees_cage:
            x, y = self._x, self._y
            waypoint = flow.hunt_from(x, y)
            if waypoint is not None:
                wx, wy = waypoint[0] - x, waypoint[1] - y
                wd = length(wx, wy) or 1.0
                self.heading = math.atan2(wy, wx)
                self._steer(wx / wd * speed, wy / wd * speed, 1.0, senses)
                return True
        ux, uy = self._ux, self._uy
        self.heading = math.atan2(uy, ux)
        self._steer(ux * speed, uy * speed, 1.0, senses)
        return False

    def _prowl(self, senses: Senses) -> None:
        """Not aware of Cage yet: a slow circuit around where it came out, never standing still
        (so an ambush is a place he can learn, and skirt)."""
        x, y = self._x, self._y
        hx, hy = self.home
        angle = (senses.tick + self.id * 97) * 0.012 * self.orbit_sign
        tx, ty = hx + math.cos(angle) * 48.0, hy + math.sin(angle) * 48.0
        dx, dy = tx - x, ty - y
        d = math.hypot(dx, dy) or 1.0
        # Far from home it walks back briskly; at home it ambles.
        speed = min(self.kind.speed * (0.35 if d < 120 else 0.7), d * 3.0)
        self.heading = math.atan2(dy, dx)
        if self.state == TUNNELING:
            return  # under the sand it waits where it is
        self._steer(dx / d * speed, dy / d * speed, senses=senses)

    def look(self, senses: Senses) -> None:
        """Every few ticks, look for a clear way to Cage (walls and water block it)."""
        if (senses.tick + self.id) % SIGHT_REFRESH != 0 or senses.flow is None:
            return
        cage = (senses.cage_x, senses.cage_y)
        self.sees_cage = sees_from(senses.clear_ways(), cage, self._x, self._y, self._distance,
                                   self.kind.radius)  # fmt: skip

    def _circle(self, senses: Senses, radius: float) -> float:
        """Tangential motion around Cage plus a radial pull to `radius`; returns the distance."""
        ux, uy, distance = self._ux, self._uy, self._distance
        kind = self.kind
        self.heading = math.atan2(uy, ux)
        radial = (distance - radius) / radius
        radial = -1.0 if radial < -1.0 else (1.0 if radial > 1.0 else radial)
        sign = self.orbit_sign
        tx, ty = -uy * sign, ux * sign
        self._steer(
            tx * kind.orbit_speed + ux * radial * kind.speed,
            ty * kind.orbit_speed + uy * radial * kind.speed,
            1.0,
            senses,
        )
        return distance

    def _new_orbit(self, senses: Senses) -> None:
        self.timer = self.kind.circle_min + self.rng.randint(0, self.kind.circle_jitter)

    def telegraph(self, ticks: int, senses: Senses) -> int:
        """A wind-up's length, longer with the assist."""
        return round(ticks * senses.assists.telegraph)

    # --- being hurt -----------------------------------------------------------------------------
    def armoured_against(self, from_x: float, from_y: float) -> bool:
        """Whether a round from (from_x, from_y) glances off its armour."""
        armor = self.kind.armor
        if armor == "shell":
            return True
        if armor != "front":
            return False
        x, y = self._x, self._y
        toward = math.atan2(from_y - y, from_x - x)
        off = (toward - self.heading + math.pi) % (2 * math.pi) - math.pi
        return abs(off) <= math.radians(T.CARAPACE_ARMOR_ARC_DEG)

    def take_round(
        self,
        damage: int,
        push: tuple[float, float],
        tick: int,
        events: list[SimEvent],
        by: str = "cage",
    ) -> None:
        if self.state == DEAD or self.hidden:
            return
        self.health -= damage
        self.aware = True
        self.body.apply_impulse_at_local_point(push)
        self._velocity_changed()
        x, y = self.position
        events.append(MimicHit(tick, self.id, x, y, max(0, self.health)))
        if self.health <= 0:
            self._die(by)
            events.append(MimicDied(tick, self.id, self.kind.name, x, y, by))

    def collapse(self, tick: int, events: list[SimEvent], by: str) -> None:
        """Dead at once, wherever it is (the Omega's end, a drill's end), under the sand too."""
        if self.state == DEAD:
            return
        self._die(by)
        x, y = self.position
        events.append(MimicDied(tick, self.id, self.kind.name, x, y, by))

    def _die(self, by: str) -> None:
        """Dead, killed `by` (the only way a Mimic dies): the system takes it out at the tick's
        end."""
        self.state = DEAD
        self.killed_by = by
        if self._deaths is not None:
            self._deaths.append(self)

    def deflect(self, push: tuple[float, float], tick: int, events: list[SimEvent]) -> None:
        """A round glances off the armour: a spark, a shove, no harm (but now it knows him)."""
        self.aware = True
        self.body.apply_impulse_at_local_point((push[0] * 0.3, push[1] * 0.3))
        self._velocity_changed()
        x, y = self.position
        events.append(MimicDeflected(tick, self.id, x, y))


MINE_CELL = 128.0  # px: the grid the Mimics' sense of mines is bucketed on


# --- states every table shares ------------------------------------------------------------------
def _burrowed(m: Mimic, s: Senses) -> int | None:
    if m.timer == 0:
        return EMERGING
    return None


def _enter_emerging(m: Mimic, s: Senses) -> None:
    m.timer = T.DRONE_EMERGE
    if not m.in_space:
        m.enter_space(s.space)
    m.orbit_sign = 1 if m.rng.chance(0.5) else -1
    x, y = m._x, m._y
    s.events.append(MimicEmerged(s.tick, m.id, m.kind.name, x, y))


def _braced(
    strength: float,
    faces_cage: bool,
    done: Callable[[Mimic, Senses], int | None],
    enter: Callable[[Mimic, Senses], None] | None = None,
) -> State:
    """A state that steers to a stop at `strength` (facing Cage, if `faces_cage`) and, when its
    timer runs out, leaves for what `done` says. game.sim.crowd runs exactly this for a crowd
    on the ticks before that, so it must stay all such a state does."""

    def update(m: Mimic, s: Senses) -> int | None:
        m._steer(0.0, 0.0, strength)
        if faces_cage:
            ux, uy, _ = m.to_cage(s)
            m.heading = math.atan2(uy, ux)
        return done(m, s) if m.timer == 0 else None

    return State(update, enter, crowd=Brace(strength, faces_cage))


def _then(state: int) -> Callable[[Mimic, Senses], int]:
    return lambda m, s: state


def _dead(m: Mimic, s: Senses) -> int | None:
    return None


def _enter_circling(m: Mimic, s: Senses) -> None:
    m._new_orbit(s)


def _enter_keeping_range(m: Mimic, s: Senses) -> None:
    # A shooter losing sight of him for a moment does not start its count again: the next
    # shot comes when it was due (at once, if it fell due while it was looking for him).
    if m.timer == 0:
        m.timer = T.seconds(0.2)


def _enter_windup(m: Mimic, s: Senses) -> None:
    m.timer = m.telegraph(m.kind.windup, s)
    x, y = m._x, m._y
    s.events.append(MimicWindup(s.tick, m.id, x, y, m.kind.name))


def _enter_recover(m: Mimic, s: Senses) -> None:
    m.timer = m.kind.recover


RECOVER_BRACE = 0.35  # of its legs' strength, while it recovers from an attack


def _next_shot(m: Mimic, s: Senses) -> int:
    m._new_orbit(s)  # the count to its next shot starts now
    return CIRCLING


# --- the melee table: drone, Alpha, carapace, mite, hulk -----------------------------------------
def _hunting(close: Callable[[MimicKind], float]) -> State:
    """The plain hunt: look for Cage, go for him (along the flow field when he is out of sight),
    and circle once it sees him nearer than `close(kind)`. game.sim.crowd runs exactly this
    for a crowd at once, so it must stay all a hunting Mimic does."""

    def update(m: Mimic, s: Senses) -> int | None:
        m.look(s)
        if m._hunt(s, m.kind.speed):
            return None
        _, _, distance = m.to_cage(s)
        return CIRCLING if distance < close(m.kind) else None

    return State(update, crowd=Hunt(close))


def _orbit_close(kind: MimicKind) -> float:
    return kind.orbit_radius * 1.3


def _spitter_close(kind: MimicKind) -> float:
    return T.SPITTER_RANGE * 1.15


def _circling(
    enter: Callable[[Mimic, Senses], None],
    radius: Callable[[MimicKind], float],
    leave: Callable[[MimicKind], float],
    too_close: float = 0.0,
) -> State:
    """Circling Cage at radius(kind), backing off (still facing him) nearer than `too_close`,
    hunting again when it loses sight of him or he is beyond leave(kind), attacking when its
    timer runs out. game.sim.crowd runs exactly this for a crowd, so it must stay all a
    circling Mimic does."""

    def update(m: Mimic, s: Senses) -> int | None:
        m.look(s)
        if not m.sees_cage and m._hunt(s, m.kind.speed):
            return HUNTING
        ux, uy, distance = m.to_cage(s)
        if distance < too_close:
            m.heading = math.atan2(uy, ux)
            m._steer(-ux * m.kind.speed, -uy * m.kind.speed, senses=s)
        else:
            m._circle(s, radius(m.kind))
        if distance > leave(m.kind):
            return HUNTING
        return WINDUP if m.timer == 0 else None

    return State(update, enter, crowd=Circle(radius, leave, too_close))


def _orbit(kind: MimicKind) -> float:
    return kind.orbit_radius


def _orbit_lost(kind: MimicKind) -> float:
    return kind.orbit_radius * 2.5


def _enter_lunge(m: Mimic, s: Senses) -> None:
    kind = m.kind
    m.timer = kind.lunge
    ux, uy, _ = m.to_cage(s)
    m.lunge_dx, m.lunge_dy = ux, uy
    m.heading = math.atan2(uy, ux)
    vx, vy = m.body.velocity
    speed = kind.lunge_speed * s.assists.mimic_speed
    m.body.apply_impulse_at_local_point(
        ((ux * speed - vx) * kind.mass, (uy * speed - vy) * kind.mass)
    )
    m._velocity_changed()
    x, y = m._x, m._y
    s.events.append(MimicLunge(s.tick, m.id, x, y, m.kind.name))


def _melee_lunge(m: Mimic, s: Senses) -> int | None:
    m.heading = math.atan2(m.lunge_dy, m.lunge_dx)
    # Committed: it flies on its impulse, slowed only by the drag of the sand.
    vx, vy = m.body.velocity
    drag = m.kind.mass * T.DRONE_LUNGE_DRAG
    m.set_force(-vx * drag, -vy * drag)
    if m.timer == 0:
        if m.kind.slam_radius > 0:
            x, y = m._x, m._y
            s.blasts.append((m.id, x, y))
        return RECOVER
    return None


def _come_round(m: Mimic, s: Senses) -> int:
    m.orbit_sign = 1 if m.rng.chance(0.5) else -1  # it comes round the other way, maybe
    return CIRCLING


# --- the spitter: keeps its distance, spits acid ------------------------------------------------
def _spitter_range(kind: MimicKind) -> float:
    return T.SPITTER_RANGE


def _spitter_range_lost(kind: MimicKind) -> float:
    return T.SPITTER_RANGE * 1.8


def _enter_spit(m: Mimic, s: Senses) -> None:
    m.timer = m.kind.lunge
    ux, uy, _ = m.to_cage(s)
    m.lunge_dx, m.lunge_dy = ux, uy
    x, y = m._x, m._y
    s.spits.append((m.id, x + ux * (m.kind.radius + 4), y + uy * (m.kind.radius + 4), ux, uy))


def _recoil(enter: Callable[[Mimic, Senses], None]) -> State:
    """After a spit, an eruption or a birth: still, until it recovers."""
    return _braced(1.0, False, _then(RECOVER), enter)


# --- the burrower: under the sand, up beneath Cage ----------------------------------------------
def _burrower_burrowed(m: Mimic, s: Senses) -> int | None:
    if m.timer == 0:
        return TUNNELING
    return None


def _enter_tunneling(m: Mimic, s: Senses) -> None:
    if m.in_space:
        m.leave_space(s.space)
    m.body.velocity = (0.0, 0.0)
    m._velocity_changed()
    m.timer = T.BURROWER_TUNNEL_MAX


def _tunneling(m: Mimic, s: Senses) -> int | None:
    ux, uy, distance = m.to_cage(s)
    m.heading = math.atan2(uy, ux)
    step = min(distance, m.kind.speed * s.assists.mimic_speed * T.DT)
    x, y = m._x, m._y
    nx, ny = x + ux * step, y + uy * step
    if s.standable(nx, ny):
        m.body.position = (nx, ny)
        x, y = m._x, m._y = nx, ny
    close = distance < m.kind.radius + T.CAGE_RADIUS
    if (close or m.timer == 0) and s.standable(x, y):
        return WINDUP
    return None


def _enter_surfacing(m: Mimic, s: Senses) -> None:
    m.timer = m.telegraph(m.kind.windup, s)
    x, y = m._x, m._y
    s.events.append(MimicWindup(s.tick, m.id, x, y, m.kind.name))


def _surfacing(m: Mimic, s: Senses) -> int | None:
    # Still under the sand, the ground bulging where it will come up: step away now.
    return LUNGE if m.timer == 0 else None


def _enter_erupt(m: Mimic, s: Senses) -> None:
    m.timer = m.kind.lunge
    if not m.in_space:
        m.enter_space(s.space)
    x, y = m._x, m._y
    s.events.append(MimicEmerged(s.tick, m.id, m.kind.name, x, y))
    s.blasts.append((m.id, x, y))


def _burrower_recover(m: Mimic, s: Senses) -> int | None:
    ux, uy, _ = m.to_cage(s)
    m.heading = math.atan2(uy, ux)
    m._steer(ux * 40.0, uy * 40.0, 0.5, senses=s)  # exposed and sluggish: the time to shoot it
    return TUNNELING if m.timer == 0 else None


# --- the brood: births mites, spits between ------------------------------------------------------
def _brood_lost(kind: MimicKind) -> float:
    return 700.0


def _enter_brood_attack(m: Mimic, s: Senses) -> None:
    m.timer = m.kind.lunge
    m.attacks += 1
    x, y = m._x, m._y
    if m.attacks % 2 == 1:
        s.births.append((m.id, x, y))
        s.events.append(MimicLunge(s.tick, m.id, x, y, m.kind.name))
    else:
        ux, uy, _ = m.to_cage(s)
        for turn in (-0.35, 0.0, 0.35):  # a fan of three
            c, sn = math.cos(turn), math.sin(turn)
            dx, dy = ux * c - uy * sn, ux * sn + uy * c
            s.spits.append((m.id, x + dx * (m.kind.radius + 6), y + dy * (m.kind.radius + 6),
                            dx, dy))  # fmt: skip


def _table(**states: State) -> dict[int, State]:
    """A table from states named as in STATE_NAMES; every state must be there."""
    table = {STATE_NAMES.index(name): state for name, state in states.items()}
    missing = [STATE_NAMES[i] for i in range(len(STATE_NAMES)) if i not in table]
    if missing and missing != ["tunneling"]:
        raise ValueError(f"state table lacks {missing}")
    table.setdefault(TUNNELING, State(lambda m, s: HUNTING))  # only the burrower digs
    return table


_RANGED_RECOVER = _braced(RECOVER_BRACE, False, _next_shot, _enter_recover)
_COMMON = dict(
    burrowed=State(_burrowed),
    emerging=_braced(1.0, False, _then(HUNTING), _enter_emerging),
    dead=State(_dead),
    windup=_braced(1.0, True, _then(LUNGE), _enter_windup),
    recover=_braced(RECOVER_BRACE, False, _come_round, _enter_recover),
)
TABLES: dict[str, dict[int, State]] = {
    "melee": _table(
        **_COMMON,
        hunting=_hunting(_orbit_close),
        circling=_circling(_enter_circling, _orbit, _orbit_lost),
        lunge=State(_melee_lunge, _enter_lunge, crowd=Coast()),
    ),
    "spitter": _table(
        **{**_COMMON, "recover": _RANGED_RECOVER},
        hunting=_hunting(_spitter_close),
        circling=_circling(
            _enter_keeping_range, _spitter_range, _spitter_range_lost, T.SPITTER_TOO_CLOSE
        ),
        lunge=_recoil(_enter_spit),
    ),
    "burrower": _table(
        **{
            **_COMMON,
            "burrowed": State(_burrower_burrowed),
            "windup": State(_surfacing, _enter_surfacing),
            "recover": State(_burrower_recover, _enter_recover),
        },
        tunneling=State(_tunneling, _enter_tunneling),
        hunting=State(lambda m, s: TUNNELING),
        circling=State(lambda m, s: TUNNELING),
        lunge=_recoil(_enter_erupt),
    ),
    "brood": _table(
        **{**_COMMON, "recover": _RANGED_RECOVER},
        hunting=_hunting(_orbit_close),
        circling=_circling(_enter_keeping_range, _orbit, _brood_lost),
        lunge=_recoil(_enter_brood_attack),
    ),
}

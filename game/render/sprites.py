"""The actors: Cage and the Mimics drawn from their sprite sheets, by state, between ticks.

Owns choosing each actor's animation and frame from its simulation state (animation clocks run on
sim ticks, so a replay looks the same every time), turning it to its heading with cached rotations,
interpolating positions between the previous tick and the current one, soft drop shadows, the
burrowed Mimic's telegraph (cracks and a closing ring over the last second), the wind-up glow and
flash, lunge motion trails and the white hit flash. Off-screen actors are skipped; everything a
frame draws goes out in a few `fblits` calls (one per layer: ground marks, shadows, trails,
bodies, glows), each shadow a surface made once per kind. It also owns warming: each kind's art
(shared by every view on the same sheets) and the rotations a fight shows first are made ahead of
their first sight, all at once behind a card (`warm`) or a piece at a time (`warm_some`), never as
a stall in the frame a crowd comes into view.

Must not import game.scenes or game.app, and never writes to the simulation: it reads `World`.
"""

from __future__ import annotations

import math
import time
import weakref
from collections.abc import Generator, Iterable, Iterator
from itertools import repeat
from operator import is_

import pygame

from game import tuning as T
from game.render import overlays
from game.render.sheets import (
    GHOST,
    NORMAL,
    ROTATION_STEPS,
    WHITE,
    SheetBank,
    centred,
    rotation_step,
)
from game.sim.mimic import (
    BURROWED,
    CIRCLING,
    DEAD,
    EMERGING,
    HUNTING,
    LUNGE,
    RECOVER,
    TUNNELING,
    WINDUP,
    Mimic,
)
from game.sim.world import World

try:  # chipmunk's own getter: a third of the cost of `Body.position` (which builds a Vec2d)
    from pymunk._chipmunk_cffi import lib as _chipmunk

    _body_position = _chipmunk.cpBodyGetPosition
except (ImportError, AttributeError):  # pragma: no cover - a pymunk without it: the public way
    _body_position = None

HIT_FLASH_TICKS = 4  # a struck Mimic shows white this long
CAGE_FLASH_TICKS = 5
FIRE_POSE_TICKS = T.RIFLE_INTERVAL + 3  # the firing pose holds between rounds of a burst
CULL_MARGIN = 96  # px beyond the view an actor may still overlap it
SHADOW_DROP = (3, 0.55)  # shadow offset: x px, and y as a fraction of the radius

MIMIC_ANIMATION = {
    BURROWED: "burrowed",
    EMERGING: "emerge",
    HUNTING: "move",
    3: "move",  # CIRCLING
    WINDUP: "windup",
    LUNGE: "lunge",
    RECOVER: "move",
    DEAD: "die",
    TUNNELING: "burrowed",  # the burrower's travelling ridge of sand
}
# The wind-up's glow and the lunge chevron, by kind: each kind's tell in its own colour.
WINDUP_GLOW = {
    "drone": (255, 90, 40), "alpha": (120, 200, 255), "spitter": (120, 255, 60),
    "burrower": (255, 170, 60), "carapace": (255, 235, 190), "mite": (255, 200, 40),
    "hulk": (255, 80, 30), "brood": (200, 90, 255),
}  # fmt: skip
ALPHA_AURA = (40, 110, 255)
# The glow around the Alpha and the mini-bosses: they read from across the screen.
AURAS = {"alpha": ALPHA_AURA, "hulk": (255, 70, 30), "brood": (150, 60, 255)}
_WALKING = frozenset((HUNTING, CIRCLING, RECOVER))  # the states drawn with the "move" cycle
# What `warm` turns ahead of time, per kind: (state, variant) of the rows a fight shows first.
WARM_ROTATIONS = ((HUNTING, NORMAL), (HUNTING, WHITE), (WINDUP, NORMAL), (LUNGE, NORMAL))
WARM_PIECE = 8  # rotations per piece of warming (a piece is well under a millisecond)
# Kinds this small come in crowds, each at its own heading: their rotations are warmed. A larger
# kind is one or two on screen, a rotation at a time (and its art is several times the memory).
CROWD_RADIUS = 18.0


class _KindArt:
    """Per-kind cached art: its sheet's animations by state, shadow, telegraph, glows."""

    def __init__(self, sheets: SheetBank, name: str, radius: float, seed: int) -> None:
        for _ in self._build(sheets, name, radius, seed):
            pass

    @classmethod
    def in_pieces(
        cls, sheets: SheetBank, name: str, radius: float, seed: int
    ) -> Generator[None, None, _KindArt]:
        """The same art a piece a step (a big kind's is tens of milliseconds of fresh surfaces:
        behind a card, no piece is a long frame), returned once it is whole (`yield from`)."""
        art = cls.__new__(cls)
        yield from art._build(sheets, name, radius, seed)
        return art

    def _build(self, sheets: SheetBank, name: str, radius: float, seed: int) -> Iterator[None]:
        sheet = sheets.kind(name)
        self.by_state = {state: sheet.animation(anim) for state, anim in MIMIC_ANIMATION.items()}
        self.die = sheet.animation("die")
        self.shadow = overlays.shadow(radius)
        self.shadow_dy = int(radius * SHADOW_DROP[1])
        self.telegraph: list[tuple[overlays.Entry, overlays.Entry]] = []
        yield from overlays.telegraph_pieces(radius, seed, self.telegraph)
        self.windup_glow = overlays.glow_stages(radius * 3.0, WINDUP_GLOW.get(name, (255, 90, 40)))
        yield
        aura = AURAS.get(name)
        self.aura = overlays.glow_stages(radius * 3.2, aura) if aura is not None else None
        yield
        # The chevron's turns are made one at a time, on first use (or by `warm`): all 64 at
        # once cost a big kind tens of milliseconds, in the frame its first Mimic came into view.
        self._chevron = overlays.chevron(radius, WINDUP_GLOW.get(name, (255, 120, 70)))
        self.chevron: list[overlays.Entry | None] = [None] * ROTATION_STEPS
        # The walking states (hunting, circling, recovering) are nearly every Mimic on screen:
        # their animation's pace and a flat [variant][frame][step] table of its rotations, and
        # the shadow's surface and offset from the centre, so the loop reaches them directly.
        move = self.by_state[HUNTING]
        self.move = move
        self.move_tpf = move.ticks_per_frame
        self.move_frames = len(move.frames)
        self.move_loop = move.loop
        self.move_rotated = [
            [[None] * ROTATION_STEPS for _ in move.frames] for _ in (NORMAL, WHITE)
        ]
        self.shadow_surface = self.shadow[0]
        self.shadow_dx = self.shadow[1] + SHADOW_DROP[0]
        self.shadow_dy_total = self.shadow[2] + self.shadow_dy

    def chevron_at(self, step: int) -> overlays.Entry:
        entry = self.chevron[step]
        if entry is None:
            entry = self.chevron[step] = _rotated_centred(self._chevron, step)
        return entry

    def warm_jobs(self) -> Iterator[None]:
        """Fill the rotation caches a fight reaches first, yielding after each small piece: the
        walk cycle plain and hit-white, the wind-up, the lunge, and the chevron's turns."""
        move_rotated = self.move_rotated
        for state, variant in WARM_ROTATIONS:
            anim = self.by_state[state]
            for frame in range(len(anim.frames)):
                row = move_rotated[variant][frame] if anim is self.move else None
                for step in range(ROTATION_STEPS):
                    entry = anim.rotated(frame, step, variant)
                    if row is not None:
                        row[step] = entry
                    if step % WARM_PIECE == WARM_PIECE - 1:
                        yield
        for step in range(ROTATION_STEPS):
            self.chevron_at(step)
            if step % WARM_PIECE == WARM_PIECE - 1:
                yield


_NOTHING: Iterator[None] = iter(())
_NO_PLACES = repeat(None)  # no tick before to come from: each is drawn where it is
# Kinds' art by sheet bank and seed (see ActorRenderer); it goes with its bank.
_SHARED_ART: weakref.WeakKeyDictionary[SheetBank, dict[int, dict[str, _KindArt]]] = (
    weakref.WeakKeyDictionary()
)


def _positions(mimics: list[Mimic]) -> list:
    """Each Mimic's body's place now (objects with .x and .y), in the list's order."""
    if _body_position is not None:
        return [_body_position(m.body._body) for m in mimics]
    return [m.body.position for m in mimics]


def _rotated_centred(surface: pygame.Surface, step: int) -> overlays.Entry:
    if step:
        surface = pygame.transform.rotate(surface, -step * 360.0 / ROTATION_STEPS)
    return centred(surface)


class ActorRenderer:
    def __init__(self, sheets: SheetBank, seed: int = 0) -> None:
        self.sheets = sheets
        self.seed = seed
        # A kind's art is the same in every view drawing from these sheets with this seed (the
        # beach's and the dam's): made once, shared, so a map change makes only what is new.
        self._kinds: dict[str, _KindArt] = _SHARED_ART.setdefault(sheets, {}).setdefault(seed, {})
        self._cage_sheet = None
        # Where the Mimics were at the previous tick, for interpolation: the list as it was, each
        # one's position and heading (see record; `previous` is the same by id, made on demand).
        self._before: list[Mimic] = []
        self._before_at: list = []
        self._before_headings: list[float] = []
        self._previous: dict[int, tuple[float, float, float, str]] | None = {}
        # Each kind's walking art by name, as the drawing loop reads it (see _walk_art).
        self._walk: dict[str, tuple] = {}
        self._previous_cage: tuple[float, float] | None = None
        self._previous_rita: tuple[float, float] | None = None
        self._previous_tick = -1
        self._hit_tick: dict[int, int] = {}
        self._cage_hurt_tick = -(10**9)
        self._last_shot_tick = -(10**9)
        self._dash_tick = -(10**9)
        self._rita_shot_tick = -(10**9)
        self._rita_died_tick = -(10**9)
        self._rita_sheet = None
        self._cage_shadow = overlays.shadow(T.CAGE_RADIUS)
        self._warm_jobs: Iterator[None] = _NOTHING
        self._planned: list[tuple[str, float]] = []  # the kinds plan_warm was given
        # Reused per-frame lists (no allocations per actor beyond the blit tuples).
        self._ground: list = []
        self._shadows: list = []
        self._ghosts: list = []
        self._bodies: list = []
        self._glows: list = []

    # --- what the view tells us ---------------------------------------------------------------
    def reset(self) -> None:
        self._before, self._before_at, self._before_headings = [], [], []
        self._previous = {}
        self._previous_cage = None
        self._previous_rita = None
        self._previous_tick = -1
        self._hit_tick.clear()
        self._cage_hurt_tick = -(10**9)
        self._last_shot_tick = -(10**9)
        self._dash_tick = -(10**9)
        self._rita_shot_tick = -(10**9)
        self._rita_died_tick = -(10**9)

    def record(self, world: World) -> None:
        """Remember where everything is before the coming tick (called before each step)."""
        mimics = world.mimics
        self._before = list(mimics)  # (the day's own list changes as Mimics come and go)
        self._before_at = _positions(mimics)
        self._before_headings = [m.heading for m in mimics]
        self._previous = None
        self._previous_cage = world.cage.position
        rita = getattr(world, "rita", None)
        self._previous_rita = rita.position if rita is not None else None
        self._previous_tick = world.tick

    @property
    def previous(self) -> dict[int, tuple[float, float, float, str]]:
        """Each Mimic's (x, y, heading, kind name) at the previous tick, by id."""
        if self._previous is None:
            self._previous = {
                m.id: (p.x, p.y, heading, m.kind.name)
                for m, p, heading in zip(
                    self._before, self._before_at, self._before_headings, strict=True
                )
            }
        return self._previous

    def note_hit(self, mimic_id: int, tick: int) -> None:
        self._hit_tick[mimic_id] = tick
        if len(self._hit_tick) > 1024:  # forget long-dead Mimics
            cutoff = tick - 60
            self._hit_tick = {k: v for k, v in self._hit_tick.items() if v >= cutoff}

    def note_cage_hurt(self, tick: int) -> None:
        self._cage_hurt_tick = tick

    def note_shot(self, tick: int) -> None:
        self._last_shot_tick = tick

    def note_dash(self, tick: int) -> None:
        self._dash_tick = tick

    def note_rita_shot(self, tick: int) -> None:
        self._rita_shot_tick = tick

    def note_rita_died(self, tick: int) -> None:
        self._rita_died_tick = tick

    def _kind_seed(self, name: str) -> int:
        return self.seed + len(name)

    def _walk_art(self, name: str, radius: float) -> tuple:
        """The kind's art and what its walking Mimics read of it, in the drawing loop's order
        (one look-up when the loop meets another kind, not nine)."""
        art = self._kinds.get(name) or self.kind_art(name, radius)
        walk = self._walk[name] = (
            art, art.move_rotated, art.move_tpf, art.move_frames, art.move_loop,
            art.shadow_surface, art.shadow_dx, art.shadow_dy_total, art.aura,
        )  # fmt: skip
        return walk

    def kind_art(self, name: str, radius: float) -> _KindArt:
        art = self._kinds.get(name)
        if art is None:
            art = self._kinds[name] = _KindArt(self.sheets, name, radius, self._kind_seed(name))
        return art

    # --- warming the caches -------------------------------------------------------------------
    def plan_warm(self, kinds: Iterable[tuple[str, float]]) -> None:
        """Queue the art of these Mimic kinds (name, radius) to be made ahead of their first
        sight: by `warm()` all at once (behind a card), or a slice a frame by `warm_some`."""
        self._planned = list(kinds)
        self._warm_jobs = self._warm_all(self._planned)

    def _warm_all(self, kinds: list[tuple[str, float]]) -> Iterator[None]:
        for name, radius in kinds:
            yield from self._kind_pieces(name, radius)
            if radius <= CROWD_RADIUS:
                yield from self.kind_art(name, radius).warm_jobs()

    def _kind_pieces(self, name: str, radius: float) -> Iterator[None]:
        if name not in self._kinds:
            self.sheets.kind(name)  # its sheet read from disk (a big kind's: 6 ms), then
            yield
            # its shadow, telegraph and glows, a piece at a time
            art = yield from _KindArt.in_pieces(self.sheets, name, radius, self._kind_seed(name))
            self._kinds.setdefault(name, art)

    def kinds_pieces(self) -> Iterator[None]:
        """The planned kinds' own art (their sheets, shadows, telegraphs and glows), a piece a
        step: what a Mimic's first sight would make in one long frame. Their rotations are left
        to the queue (`warm_some`), which finds this made."""
        for name, radius in self._planned:
            yield from self._kind_pieces(name, radius)

    def kinds_ready(self) -> bool:
        """Whether every planned kind's own art is made (see kinds_pieces)."""
        return all(name in self._kinds for name, _ in self._planned)

    def warm(self) -> None:
        """Everything queued, now."""
        for _ in self._warm_jobs:
            pass
        self._warm_jobs = _NOTHING

    def warm_some(self, seconds: float) -> None:
        """Pieces of what is queued until `seconds` have gone (at least one piece)."""
        jobs = self._warm_jobs
        end = time.perf_counter() + seconds
        for _ in jobs:
            if time.perf_counter() >= end:
                return
        self._warm_jobs = _NOTHING

    @property
    def warming(self) -> bool:
        return self._warm_jobs is not _NOTHING

    # --- positions ----------------------------------------------------------------------------
    def _interpolating(self, world: World) -> bool:
        return self._previous_tick == world.tick - 1

    def cage_position(self, world: World, alpha: float) -> tuple[float, float]:
        x, y = world.cage.position
        prev = self._previous_cage
        if prev is not None and self._interpolating(world):
            x = prev[0] + (x - prev[0]) * alpha
            y = prev[1] + (y - prev[1]) * alpha
        return (x, y)

    # --- drawing ------------------------------------------------------------------------------
    def draw(
        self, target: pygame.Surface, world: World, alpha: float, left: int, top: int
    ) -> tuple[float, float]:
        """Draw every actor with world pixel (left, top) at the target's corner. Returns Cage's
        interpolated world position (the effects anchor his muzzle flash to it)."""
        vw, vh = target.get_size()
        x_min, x_max = left - CULL_MARGIN, left + vw + CULL_MARGIN
        y_min, y_max = top - CULL_MARGIN, top + vh + CULL_MARGIN
        tick = world.tick
        now = tick - 1 + alpha  # the moment on screen, in ticks (between the last two states)
        mimics = world.mimics
        positions = _positions(mimics)
        # Interpolate only when there is a previous tick to come from and it is not the same
        # place as now (alpha 1 is the current state exactly): from each one's place then,
        # found by its place in the list when the list is the one recorded (most ticks).
        before: Iterable = _NO_PLACES
        if self._interpolating(world) and alpha != 1.0 and self._before:
            if len(self._before) == len(mimics) and all(map(is_, self._before, mimics)):
                before = self._before_at
            else:
                at = dict(zip([m.id for m in self._before], self._before_at, strict=True))
                before = [at.get(m.id) for m in mimics]
        hit_tick = self._hit_tick
        ground = self._ground
        shadows = self._shadows
        ghosts = self._ghosts
        bodies = self._bodies
        glows = self._glows
        ground.clear()
        shadows.clear()
        ghosts.clear()
        bodies.clear()
        glows.clear()
        add_shadow = shadows.append
        add_body = bodies.append
        step_scale = ROTATION_STEPS / (2.0 * math.pi)
        sdx = SHADOW_DROP[0]
        aura_pulse = 6 + int(3 * math.sin(now * 0.12))  # the Alpha's aura beats as one

        assists = getattr(world, "assists", None)
        telegraph = assists.telegraph if assists is not None else 1.0
        kind = None
        walk_art = self._walk
        art: _KindArt | None = None
        move_rotated = None
        move_tpf = move_frames = 1
        move_loop = True
        sh_surf = aura = None
        walking = _WALKING
        sh_dx = sh_dy = 0
        for m, p, q in zip(mimics, positions, before, strict=False):  # (before may be endless)
            x = p.x
            y = p.y
            if q is not None:
                px = q.x
                py = q.y
                x = px + (x - px) * alpha
                y = py + (y - py) * alpha
            if x < x_min or x > x_max or y < y_min or y > y_max:
                continue
            if m.kind is not kind:
                kind = m.kind
                walk = walk_art.get(kind.name) or self._walk_art(kind.name, kind.radius)
                art, move_rotated, move_tpf, move_frames, move_loop, sh_surf, sh_dx, sh_dy, aura = (
                    walk
                )
            state = m.state
            sx = x - left
            sy = y - top
            if state in walking:
                # The common case, inlined: the walk cycle with a per-Mimic phase (so a swarm
                # does not march in step), turned to its heading, over its shadow.
                step = int(m.heading * step_scale + 0.5) % ROTATION_STEPS
                mid = m.id
                ticks = now + mid * 7
                frame = int(ticks) // move_tpf if ticks > 0 else 0
                if move_loop:
                    frame %= move_frames
                elif frame >= move_frames:
                    frame = move_frames - 1
                variant = NORMAL
                if hit_tick:
                    hit = hit_tick.get(mid)
                    if hit is not None and 0 <= tick - hit <= HIT_FLASH_TICKS:
                        variant = WHITE
                row = move_rotated[variant][frame]
                entry = row[step]
                if entry is None:
                    entry = row[step] = art.move.rotated(frame, step, variant)
                add_body((entry[0], (sx + entry[1], sy + entry[2])))
                add_shadow((sh_surf, (sx + sh_dx, sy + sh_dy)))
                if aura is not None:
                    g = aura[aura_pulse]
                    glows.append((g[0], (sx + g[1], sy + g[2])))
                continue
            if state == BURROWED:
                self._burrowed(m, art, sx, sy, now)
                continue
            if state == TUNNELING:
                self._tunneling(m, art, sx, sy, now)
                continue
            step = int(m.heading * step_scale + 0.5) % ROTATION_STEPS
            anim = art.by_state[state]
            variant = NORMAL
            if state == EMERGING:
                elapsed = T.DRONE_EMERGE - m.timer + alpha
            elif state == WINDUP:
                windup = round(kind.windup * telegraph)  # longer with the assist
                elapsed = windup - m.timer + alpha
                progress = min(1.0, elapsed / windup)
                elapsed = progress * kind.windup
                g = art.windup_glow[min(len(art.windup_glow) - 1, int(progress * 12))]
                glows.append((g[0], (sx + g[1], sy + g[2])))
                ch = art.chevron[step] or art.chevron_at(step)
                ground.append((ch[0], (sx + ch[1], sy + ch[2])))
                if progress > 0.45 and (tick // 3) % 2 == 0:
                    variant = WHITE  # the last half flickers white: it is about to go
            elif state == LUNGE:
                elapsed = kind.lunge - m.timer + alpha
                v = m.body.velocity
                frame = anim.index_at(elapsed)
                g_surf, gx, gy = anim.rotated(frame, step, GHOST)
                for k in (0.05, 0.10):  # where it was 3 and 6 ticks ago, roughly
                    ghosts.append((g_surf, (sx - v.x * k + gx, sy - v.y * k + gy)))
            elif state == DEAD:
                elapsed = anim.length
            else:
                elapsed = now + (m.id * 7)  # a per-Mimic phase so a swarm does not march in step
            hit = hit_tick.get(m.id)
            if hit is not None and 0 <= tick - hit <= HIT_FLASH_TICKS:
                variant = WHITE
            surf, ox, oy = anim.rotated(anim.index_at(elapsed), step, variant)
            add_body((surf, (sx + ox, sy + oy)))
            if state != DEAD:
                sh = art.shadow
                add_shadow((sh[0], (sx + sh[1] + sdx, sy + sh[2] + art.shadow_dy)))
            if art.aura is not None:
                g = art.aura[aura_pulse]
                glows.append((g[0], (sx + g[1], sy + g[2])))

        rita = getattr(world, "rita", None)
        if rita is not None:
            self._rita(rita, world, alpha, now, left, top, (x_min, x_max, y_min, y_max))
        cage_pos = self._cage(world, alpha, now, left, top)

        if ground:
            target.fblits(ground)
        target.fblits(shadows)
        if ghosts:
            target.fblits(ghosts)
        target.fblits(bodies)
        if glows:
            target.fblits(glows, pygame.BLEND_RGB_ADD)
        return cage_pos

    def _tunneling(self, m: Mimic, art: _KindArt, sx: float, sy: float, now: float) -> None:
        """A burrower on the move: its ridge of sand, turned the way it is going."""
        anim = art.by_state[TUNNELING]
        step = int(m.heading * ROTATION_STEPS / (2.0 * math.pi) + 0.5) % ROTATION_STEPS
        surf, ox, oy = anim.rotated(anim.index_at(now * 1.5 + m.id * 5), step)
        self._ground.append((surf, (sx + ox, sy + oy)))

    def _burrowed(self, m: Mimic, art: _KindArt, sx: float, sy: float, now: float) -> None:
        progress = 1.0 - m.timer / T.DRONE_TELEGRAPH
        progress = 0.0 if progress < 0.0 else (1.0 if progress > 1.0 else progress)
        stage = art.telegraph[int(progress * (overlays.TELEGRAPH_STAGES - 1))]
        # The pulse quickens as the moment nears: 3 Hz at first, about 10 Hz at the end.
        phase = now * (0.05 + 0.12 * progress)
        entry = stage[0] if (phase - int(phase)) < 0.5 else stage[1]
        self._ground.append((entry[0], (sx + entry[1], sy + entry[2])))
        anim = art.by_state[BURROWED]
        step = (m.id * 23) % ROTATION_STEPS
        surf, ox, oy = anim.rotated(anim.index_at(now + m.id * 5), step)
        self._ground.append((surf, (sx + ox, sy + oy)))

    def _cage(
        self, world: World, alpha: float, now: float, left: int, top: int
    ) -> tuple[float, float]:
        cage = world.cage
        sheet = self._cage_sheet
        if sheet is None:
            sheet = self._cage_sheet = self.sheets["cage"]
        x, y = self.cage_position(world, alpha)
        sx, sy = x - left, y - top
        tick = world.tick
        variant = NORMAL
        if cage.dead:
            anim = sheet.animation("dead")
            died = world.death_tick if world.death_tick is not None else tick
            elapsed = now - died
        elif getattr(cage, "dashing", False):
            anim = sheet.animation("dash")
            elapsed = now - self._dash_tick
        elif cage.invulnerable_ticks > 0:
            anim = sheet.animation("hurt")
            elapsed = now - self._cage_hurt_tick
            if 0 <= tick - self._cage_hurt_tick <= CAGE_FLASH_TICKS and tick % 2 == 0:
                variant = WHITE
        elif cage.reloading:
            anim = sheet.animation("reload")
            elapsed = getattr(cage, "reload_duration", T.RIFLE_RELOAD) - cage.reload_ticks + alpha
        elif cage.firing or tick - self._last_shot_tick <= FIRE_POSE_TICKS:
            anim = sheet.animation("fire")
            elapsed = now - self._last_shot_tick
        elif cage.moving:
            anim = sheet.animation("walk")
            elapsed = now
        else:
            anim = sheet.animation("idle")
            elapsed = now
        step = rotation_step(cage.aim_radians)
        surf, ox, oy = anim.rotated(anim.index_at(elapsed), step, variant)
        if not cage.dead:
            sh = self._cage_shadow
            shadow_dy = int(T.CAGE_RADIUS * SHADOW_DROP[1])
            self._shadows.append((sh[0], (sx + sh[1] + SHADOW_DROP[0], sy + sh[2] + shadow_dy)))
        self._bodies.append((surf, (sx + ox, sy + oy)))
        return (x, y)

    def _rita(self, rita, world: World, alpha: float, now: float, left: int, top: int, bounds):
        """Rita: turned to her aim, posed by what she is doing, like Cage."""
        x, y = rita.position
        prev = self._previous_rita
        if prev is not None and self._interpolating(world):
            x = prev[0] + (x - prev[0]) * alpha
            y = prev[1] + (y - prev[1]) * alpha
        if not (bounds[0] <= x <= bounds[1] and bounds[2] <= y <= bounds[3]):
            return
        sheet = self._rita_sheet
        if sheet is None:
            sheet = self._rita_sheet = self.sheets["rita"]
        tick = world.tick
        if not rita.alive:
            anim = sheet.animation("dead")
            elapsed = now - self._rita_died_tick if self._rita_died_tick > -(10**9) else 10**6
        elif rita.invulnerable_ticks > 0:
            anim, elapsed = sheet.animation("hurt"), 0.0
        elif rita.firing or tick - self._rita_shot_tick <= T.RITA_FIRE_INTERVAL + 2:
            anim, elapsed = sheet.animation("fire"), now - self._rita_shot_tick
        elif rita.moving:
            anim, elapsed = sheet.animation("walk"), now
        else:
            anim, elapsed = sheet.animation("idle"), now + 11
        sx, sy = x - left, y - top
        surf, ox, oy = anim.rotated(anim.index_at(elapsed), rotation_step(rita.aim))
        if rita.alive:
            sh = self._cage_shadow
            dy = int(T.RITA_RADIUS * SHADOW_DROP[1])
            self._shadows.append((sh[0], (sx + sh[1] + SHADOW_DROP[0], sy + sh[2] + dy)))
        self._bodies.append((surf, (sx + ox, sy + oy)))

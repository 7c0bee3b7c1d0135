"""Cosmetic effects driven by simulation events: flashes, tracers, particles, decals, vignette.

Owns a bounded pool of short-lived things that never affect play: muzzle flashes (anchored to
Cage's barrel), fading tracers, sparks off walls, ichor sprays, death bursts and the Mimic's dying
animation, ichor splats and burst holes left on the sand (fading out after about 20 s), sand bursts
where Mimics emerge, dust from Cage's feet, ejected brass and dropped magazines, and the red
screen-edge flash when Cage is hurt. `HANDLERS`, a table from event class to its effects, also
says how much each event shakes the camera. All of its randomness comes from its own
`random.Random(seed)`; the simulation's RNG is never touched.

Time is the render clock in ticks (`world.tick - 1 + alpha`), so effects freeze with a paused day
and play the same way in a replay.

Must not import game.scenes or game.app, and never writes to the simulation.
"""

from __future__ import annotations

import math
import random
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import pygame

from game import tuning as T
from game.render.sheets import (
    NORMAL,
    ROTATION_STEPS,
    Animation,
    SheetBank,
    rotation_step,
    scaled,
)
from game.sim.events import (
    BladeSwing,
    CageDied,
    CageHurt,
    DashStarted,
    Drenched,
    Explosion,
    MimicDeflected,
    MimicDied,
    MimicEmerged,
    MimicHit,
    MimicLunge,
    MimicTelegraph,
    ReloadStarted,
    RitaDied,
    RitaShot,
    ShotFired,
    SimEvent,
    SpitSplashed,
)

BIG_KINDS = frozenset(("alpha", "hulk", "brood"))  # deaths that shake the screen and burst

MAX_PARTICLES = 900
MAX_FX = 160
MAX_DECALS = 240
TRACER_TICKS = 4.0  # a tracer fades over about 3-4 frames
MAX_TRACERS = 96  # rounds in flight drawn at once: beyond it the oldest give way
DECAL_TICKS = 20 * T.TICK_RATE  # splats linger ~20 s ...
DECAL_FADE_TICKS = 6 * T.TICK_RATE  # ... fading out over their last 6
DECAL_LEVELS = 8
CORPSE_HOLD_TICKS = 24  # the last frame of a dying Mimic stays this long
MUZZLE_DISTANCE = 19.0  # px from Cage's centre to the rifle's muzzle, along the aim (the art's)
MUZZLE_SIDE = 2.5  # px: the rifle sits a little right of his centre line
FLASH_STEPS = 8  # strengths of the hurt flash kept pre-faded (a fade steps every few frames)
SKID_TICKS = 14  # how long a blow's shove ploughs dust behind Cage
SKID_SPEED = 120.0  # px/s: slower than this he has found his feet again
MUZZLE_FX_AHEAD = 8.0  # px: the flash art starts at its frame's left edge, not its centre
DUST_EVERY = 9  # ticks between footfall puffs while Cage moves
AGE_BUCKETS = 6

# How hard each event shakes the camera (trauma added; the shake is trauma squared).
TRAUMA = {"hurt": 0.45, "died": 0.95, "drone": 0.14, "alpha": 0.6, "emerge": 0.06, "blast": 0.55}
EXPLOSION_ART_RADIUS = 48.0  # px: the blast radius the fx_explosion art stands for at scale 1
CHARGE_FACTOR = 3.0  # the largest the blast art is scaled: the charge's (its radius is huge)
# Every blast radius the day's explosions come in: their art is scaled behind the map's card.
BLAST_RADII = (
    T.MINE_RADIUS, T.GRENADE_RADIUS, T.CLAYMORE_RADIUS, T.BURROWER_ERUPT_RADIUS,
    T.HULK_SLAM_RADIUS, T.CHARGE_RADIUS,
)  # fmt: skip


def blast_factor(radius: float) -> float:
    """The blast art's scale for an explosion of `radius`: in half steps, and never larger than
    the screen can use (the charge's blast is huge)."""
    return min(CHARGE_FACTOR, max(1.0, round(radius / EXPLOSION_ART_RADIUS * 2) / 2))


BRASS = [(248, 227, 154), (224, 186, 88), (184, 140, 48), (138, 100, 32)]
ICHOR = [(168, 236, 216), (95, 184, 164), (47, 116, 104), (31, 74, 70), (23, 48, 48)]
SPARK = [(255, 255, 230), (255, 230, 140), (255, 170, 60), (220, 90, 30), (140, 40, 20)]
SAND = [(240, 226, 192), (230, 208, 164), (216, 189, 140), (199, 168, 119), (179, 148, 102)]


def _dot(size: int, color: tuple[int, ...]) -> pygame.Surface:
    surface = pygame.Surface((size, size), pygame.SRCALPHA)
    if size <= 2:
        surface.fill(color)
    else:
        pygame.draw.circle(surface, color, (size / 2, size / 2), size / 2)
    return surface.convert_alpha()


def _soft(radius: int, color: tuple[int, int, int], alpha: int) -> pygame.Surface:
    size = radius * 2 + 4
    surface = pygame.Surface((size, size), pygame.SRCALPHA)
    pygame.draw.circle(surface, (*color, alpha), (size / 2, size / 2), radius)
    return pygame.transform.gaussian_blur(surface, 2).convert_alpha()


class _Art:
    """Pre-rendered particle frames by age bucket, decal variants by fade level."""

    def __init__(self, rng: random.Random) -> None:
        n = AGE_BUCKETS
        self.spark = [[_dot(3 if i < 2 else 2, (*SPARK[min(i, 4)], 255)) for i in range(n)]]
        self.ichor = [
            [_dot(4 if i < 3 else 3, (*ICHOR[min(i, 4)], 255)) for i in range(n)],
            [_dot(3, (*ICHOR[min(i + 1, 4)], 255)) for i in range(n)],
        ]
        self.sand = [[_dot(2, (*SAND[min(i, 4)], 255 - i * 30)) for i in range(n)]]
        self.dust = [
            [_soft(4 + i, SAND[2], max(20, 130 - i * 22)) for i in range(n)],
            [_soft(5 + i, SAND[3], max(20, 110 - i * 18)) for i in range(n)],
        ]
        self.smoke = [[_soft(6 + i * 2, (40, 48, 46), max(16, 120 - i * 20)) for i in range(n)]]
        casings = []
        for angle in (0, 45, 90, 135):
            s = pygame.Surface((4, 2), pygame.SRCALPHA)
            s.fill((*BRASS[1], 255))
            s.fill((*BRASS[0], 255), (0, 0, 2, 1))
            s = pygame.transform.rotate(s, angle).convert_alpha()
            dim = s.copy()
            dim.fill((150, 150, 150, 255), special_flags=pygame.BLEND_RGBA_MULT)
            casings.append([s, s, s, dim, dim, dim])
        self.casing = casings
        mag = pygame.Surface((7, 3), pygame.SRCALPHA)
        mag.fill((40, 44, 46, 255))
        mag.fill((90, 96, 98, 255), (0, 0, 7, 1))
        self.magazine = [[mag.convert_alpha()] * n]
        self.splats = [self._fading(self._splat(rng)) for _ in range(8)]
        self.scorches = [self._fading(self._scorch(rng)) for _ in range(3)]
        self.slash = self._slash()
        self.holes = [self._fading(self._hole(rng)) for _ in range(4)]

    @staticmethod
    def _fading(surface: pygame.Surface) -> list[tuple[pygame.Surface, int, int]]:
        levels = []
        for level in range(DECAL_LEVELS):
            s = surface.copy()
            a = round(255 * (level + 1) / DECAL_LEVELS)
            s.fill((255, 255, 255, a), special_flags=pygame.BLEND_RGBA_MULT)
            levels.append((s, -(s.get_width() // 2), -(s.get_height() // 2)))
        return levels  # index 0 faintest, last fully opaque

    @staticmethod
    def _splat(rng: random.Random) -> pygame.Surface:
        size = 44
        s = pygame.Surface((size, size), pygame.SRCALPHA)
        c = size / 2
        pygame.draw.circle(s, (*ICHOR[3], 200), (c, c), rng.uniform(6, 9))
        for _ in range(rng.randint(7, 11)):
            a = rng.uniform(0, 2 * math.pi)
            d = rng.uniform(4, 17)
            r = rng.uniform(1.5, 4.5) * (1.2 - d / 20)
            color = ICHOR[rng.choice((2, 3, 3, 4))]
            pygame.draw.circle(s, (*color, 210), (c + math.cos(a) * d, c + math.sin(a) * d), r)
        pygame.draw.circle(s, (*ICHOR[2], 160), (c - 1, c - 1), 3)
        return s.convert_alpha()

    @staticmethod
    def _scorch(rng: random.Random) -> pygame.Surface:
        size = 120
        s = pygame.Surface((size, size), pygame.SRCALPHA)
        c = size / 2
        for _ in range(14):
            a = rng.uniform(0, 2 * math.pi)
            d = rng.uniform(0, 26)
            pygame.draw.circle(
                s, (28, 22, 18, 70), (c + math.cos(a) * d, c + math.sin(a) * d), rng.uniform(10, 22)
            )
        pygame.draw.circle(s, (20, 16, 14, 120), (c, c), 16)
        return pygame.transform.gaussian_blur(s, 4).convert_alpha()

    @staticmethod
    def _slash() -> Animation:
        """The blade's arc, facing east, fading over four frames."""
        reach = int(T.CAGE_RADIUS + T.BLADE_REACH)
        size = reach * 2 + 4
        c = size / 2
        arc = math.radians(T.BLADE_ARC_DEG)
        frames = []
        for alpha in (240, 190, 120, 50):
            s = pygame.Surface((size, size), pygame.SRCALPHA)
            points_out = []
            points_in = []
            for i in range(17):
                a = -arc + 2 * arc * i / 16
                thick = 10 * math.sin(math.pi * i / 16) + 1
                points_out.append((c + math.cos(a) * reach, c + math.sin(a) * reach))
                inner = reach - thick
                points_in.append((c + math.cos(a) * inner, c + math.sin(a) * inner))
            pygame.draw.polygon(s, (200, 230, 255, alpha // 2), points_out + points_in[::-1])
            pygame.draw.lines(s, (255, 255, 255, alpha), False, points_out, 2)
            frames.append(s.convert_alpha())
        return Animation("slash", frames, 2, False)

    @staticmethod
    def _hole(rng: random.Random) -> pygame.Surface:
        size = 40
        s = pygame.Surface((size, size), pygame.SRCALPHA)
        c = size / 2
        pygame.draw.circle(s, (120, 96, 64, 140), (c, c), 15)
        pygame.draw.circle(s, (70, 54, 36, 190), (c + 1, c + 1), 10)
        pygame.draw.circle(s, (40, 30, 20, 220), (c + 1, c + 2), 6)
        for _ in range(8):
            a = rng.uniform(0, 2 * math.pi)
            d = rng.uniform(13, 18)
            pygame.draw.circle(
                s, (*SAND[3], 200), (c + math.cos(a) * d, c + math.sin(a) * d), rng.uniform(1, 2.5)
            )
        return pygame.transform.gaussian_blur(s, 1).convert_alpha()


class ScreenFlash:
    """A red glow around the screen's edges that flares when Cage is hurt and fades.

    Its strips are pre-faded at every strength it shows (FLASH_STEPS), as the decals are, and
    kept in `shared` (the views drawing from the same sheets share them): a blow's frame only
    blends them, and the first blow at each strength makes nothing."""

    FADE_TICKS = 24.0
    BAND = 0.13  # of the screen's smaller side
    SIZES_KEPT = 2  # window sizes whose strips are kept (a window resized back and forth)

    def __init__(self, size: tuple[int, int], shared: dict | None = None) -> None:
        self.level = 0.0
        self.intensity = 1.0  # the player's flash setting: 0 never flashes, 1 full
        self._shared: dict = shared if shared is not None else {}
        self._steps: dict[int, list[tuple[pygame.Surface, tuple[int, int]]]] = {}
        self._size = (0, 0)  # the size `_steps` is for
        self._wanted = (max(1, size[0]), max(1, size[1]))

    def resize(self, size: tuple[int, int]) -> None:
        """Follow the window; the strips are redrawn the next time the flash shows."""
        self._wanted = (max(1, size[0]), max(1, size[1]))

    def pieces(self) -> Iterator[None]:
        """Make the strips for the window's size now (behind a card), a strength a step, not on
        the frames of the first blows; a size made before (by any view sharing them) is kept."""
        size = self._wanted
        key = ("flash", size)
        steps = self._shared.get(key)
        if steps is None:
            steps = {}
            strips = self._strips(size)
            yield
            for step in range(1, FLASH_STEPS + 1):
                steps[step] = self._faded(strips, step)
                yield
            kept = [k for k in self._shared if isinstance(k, tuple) and k[0] == "flash"]
            for old in kept[: max(0, len(kept) - self.SIZES_KEPT + 1)]:
                del self._shared[old]
            self._shared[key] = steps
        self._steps, self._size = steps, size

    def prepare(self) -> None:
        """All of `pieces` at once."""
        for _ in self.pieces():
            pass

    def _strips(self, size: tuple[int, int]) -> list[tuple[pygame.Surface, tuple[int, int]]]:
        w, h = size
        band = max(8, int(min(w, h) * self.BAND))

        def strip(width: int, height: int, horizontal: bool, flip: bool) -> pygame.Surface:
            # A 1-px gradient, stretched: cheap to build at any window size.
            length = height if horizontal else width
            line = pygame.Surface((1, length) if horizontal else (length, 1), pygame.SRCALPHA)
            for i in range(length):
                t = 1.0 - i / length
                a = int(170 * t * t)
                line.set_at((0, i) if horizontal else (i, 0), (200, 10, 10, a))
            s = pygame.transform.scale(line, (width, height))
            if flip:
                s = pygame.transform.flip(s, not horizontal, horizontal)
            return s.convert_alpha()

        return [
            (strip(w, band, True, False), (0, 0)),
            (strip(w, band, True, True), (0, h - band)),
            (strip(band, h - 2 * band, False, False), (0, band)),
            (strip(band, h - 2 * band, False, True), (w - band, band)),
        ]

    @staticmethod
    def _faded(strips: list, step: int) -> list[tuple[pygame.Surface, tuple[int, int]]]:
        """The strips at `step` of FLASH_STEPS strength: blending one pre-faded copy is about a
        third of the cost of blending the strips through a surface alpha every frame."""
        faded = []
        for surface, where in strips:
            copy = surface.copy()
            copy.fill((255, 255, 255, 255 * step // FLASH_STEPS),
                      special_flags=pygame.BLEND_RGBA_MULT)  # fmt: skip
            # The band's inner rows fade to nothing (more of them the fainter the step):
            # blending only what shows is the same picture for fewer pixels.
            box = copy.get_bounding_rect()
            if box.width and box.height:
                faded.append((copy.subsurface(box).copy(), (where[0] + box.x, where[1] + box.y)))
        return faded

    def flash(self, strength: float) -> None:
        self.level = min(1.0, max(self.level, strength))

    def advance(self, dt_ticks: float) -> None:
        if self.level > 0.0:
            self.level = max(0.0, self.level - dt_ticks / self.FADE_TICKS)

    def draw(self, target: pygame.Surface) -> None:
        if self.level * self.intensity <= 0.01:
            return
        if target.get_size() != self._wanted:
            self.resize(target.get_size())
        step = round(min(1.0, self.level) * self.intensity * FLASH_STEPS)
        if step <= 0:
            return
        if self._size != self._wanted:
            self.prepare()  # a window of a new size: made on the frame it first shows
        target.fblits(self._steps[step])


# The effects' art by sheet bank, the same in every view drawing from it (the beach's and the
# dam's): the blasts scaled by size factor, the shockwave, the particles' and decals' frames
# ("art"), the hurt flash's strips by window size. Made once, shared, as the kinds' art is; it
# goes with its bank.
_BANK_ART: weakref.WeakKeyDictionary[SheetBank, dict] = weakref.WeakKeyDictionary()


class Effects:
    def __init__(self, sheets: SheetBank, seed: int = 0xE77EC7) -> None:
        self.sheets = sheets
        self.rng = random.Random(seed)
        self._art: _Art | None = None
        # Animated sheet effects: [animation, x, y, born, step (-1: upright), anchored, hold]
        self._fx: list[list] = []
        # Particles: [x, y, vx, vy, born, life, frames, drag]  (px and px/tick)
        self._particles: list[list] = []
        self._tracers: list[tuple[float, float, float, float, float]] = []
        # Decals: [levels, x, y, born]
        self._decals: list[list] = []
        self._pending: list[SimEvent] = []
        self._now = 0.0
        self._dust_tick = -1
        self._skid_until = -1  # a blow knocked Cage back: his boots plough dust until this tick
        self._shared: dict = _BANK_ART.setdefault(sheets, {})  # (see _BANK_ART)
        self.flash = ScreenFlash((1280, 720), shared=self._shared)

    # --- bookkeeping --------------------------------------------------------------------------
    @property
    def flash_intensity(self) -> float:
        """The player's setting: how bright flashes are (0 = none)."""
        return self.flash.intensity

    @flash_intensity.setter
    def flash_intensity(self, value: float) -> None:
        self.flash.intensity = max(0.0, min(1.0, float(value)))

    @property
    def alive(self) -> int:
        """How many effects are still playing (decals left on the ground are not counted)."""
        return len(self._fx) + len(self._particles) + len(self._tracers)

    @property
    def decals(self) -> int:
        return len(self._decals)

    def clear(self) -> None:
        self._fx.clear()
        self._particles.clear()
        self._tracers.clear()
        self._decals.clear()
        self._pending.clear()
        self.flash.level = 0.0
        self._skid_until = -1  # a new day's clock starts again at 0

    def warm(self) -> None:
        """Make the effects' art now (behind a card) rather than in the first frame drawn. Called
        before anything else draws from the effects' RNG (a new view behind its map card), it is
        seeded by the same first draw, so it is the same art."""
        self._art_ready()

    def pieces(self) -> Iterator[None]:
        """The effects' art a piece a step (behind a card): what `warm` makes, then the blast
        at each size the day's explosions come in (a mine's, a grenade's, a claymore's...: the
        first claymore's frame scaled its blast for 3 ms, on Day 0's Alpha) and the charge's
        shockwave, which the frame the Omega falls would otherwise scale (8 ms)."""
        self.warm()
        yield
        for radius in BLAST_RADII:
            self._blast_art(blast_factor(radius))
            yield
        self._shockwave_art()
        yield
        yield from self.flash.pieces()  # the hurt flash's strips: 3 ms on the first blow's frame

    def _blast_art(self, factor: float) -> Animation:
        """The explosion's art at `factor` its size (blast_factor), scaled once."""
        anim = self._shared.get(factor)
        if anim is None:
            anim = self._shared[factor] = scaled(
                self.sheets["fx_explosion"].animation("play"), factor
            )
        return anim

    def _shockwave_art(self) -> Animation:
        wave = self._shared.get("shockwave")
        if wave is None:
            wave = self._shared["shockwave"] = scaled(
                self.sheets["fx_shockwave"].animation("play"), 4.0
            )
        return wave

    def _art_ready(self) -> _Art:
        if self._art is None:
            # Drawn whether or not the art is made, so the effects' randomness after it is the
            # same either way. The views a scene makes share one seed, so this first draw, and
            # the art it would make, is the same in each.
            seed = self.rng.random()
            art = self._shared.get("art")
            if art is None:
                art = self._shared["art"] = _Art(random.Random(seed))
            self._art = art
        return self._art

    # --- events in ----------------------------------------------------------------------------
    def observe(
        self, events: list[SimEvent], previous: dict[int, tuple[float, float, float, str]]
    ) -> float:
        """Start the effects for a tick's events; return the camera trauma they add.
        `previous` maps Mimic ids to (x, y, heading, kind) from before the tick."""
        trauma = 0.0
        shot_angle = None  # the tick's round, if one was fired: ichor sprays away from it
        for e in events:
            if isinstance(e, ShotFired):
                shot_angle = math.atan2(e.end_y - e.y, e.end_x - e.x)
        for e in events:
            handler = HANDLERS.get(type(e))
            if handler is not None:
                trauma += handler(self, e, shot_angle, previous)
        return trauma

    # --- one per event class in HANDLERS: each starts its effects and returns its trauma ------
    # `shot_angle`: the tick's round's direction (None: no round fired); `previous` as observe's.
    def _on_shot(self, e: ShotFired, shot_angle, previous) -> float:
        self._shot(e)
        return 0.0

    def _on_mimic_hit(self, e: MimicHit, shot_angle, previous) -> float:
        self._ichor_spray(e.x, e.y, shot_angle, e.tick, 6)
        return 0.0

    def _on_mimic_died(self, e: MimicDied, shot_angle, previous) -> float:
        heading = previous.get(e.mimic_id, (0.0, 0.0, 0.0, e.kind))[2]
        self._death(e, heading, shot_angle)
        return TRAUMA["alpha" if e.kind in BIG_KINDS else "drone"]

    def _on_emerged(self, e: MimicEmerged, shot_angle, previous) -> float:
        self._emerge(e)
        return TRAUMA["emerge"]

    def _on_deflected(self, e: MimicDeflected, shot_angle, previous) -> float:
        # A round turned by armour: a bright spark and a ring of it, no ichor.
        self._add_fx(self.sheets["fx_deflect"].animation("play"), e.x, e.y, e.tick)
        self._sparks(e.x, e.y, e.tick, 4, 2.4)
        return 0.0

    def _on_splashed(self, e: SpitSplashed, shot_angle, previous) -> float:
        self._add_fx(self.sheets["fx_acid"].animation("play"), e.x, e.y, e.tick)
        if e.hit != "wall":
            self._ichor_spray(e.x, e.y, None, e.tick, 4)
        return 0.0

    def _on_telegraph(self, e: MimicTelegraph, shot_angle, previous) -> float:
        self._puff(e.x, e.y, e.tick, 3, 0.5)
        return 0.0

    def _on_lunge(self, e: MimicLunge, shot_angle, previous) -> float:
        self._puff(e.x, e.y, e.tick, 4, 1.2)
        return 0.0

    def _on_cage_hurt(self, e: CageHurt, shot_angle, previous) -> float:
        self._skid_until = e.tick + SKID_TICKS
        self.flash.flash(0.55 + min(0.45, e.damage / 40))
        self._sparks(e.x, e.y, e.tick, 10, 2.6)
        return TRAUMA["hurt"]

    def _on_cage_died(self, e: CageDied, shot_angle, previous) -> float:
        self.flash.flash(1.0)
        self._sparks(e.x, e.y, e.tick, 24, 3.4)  # the suit's power cells going
        self._ichor_spray(e.x, e.y, None, e.tick, 10)
        self._smoke(e.x, e.y, e.tick, 8)
        return TRAUMA["died"]

    def _on_explosion(self, e: Explosion, shot_angle, previous) -> float:
        self._explosion(e)
        return TRAUMA["blast"] * min(1.5, e.radius / 95.0)

    def _on_rita_shot(self, e: RitaShot, shot_angle, previous) -> float:
        self._rita_shot(e)
        return 0.0

    def _on_blade(self, e: BladeSwing, shot_angle, previous) -> float:
        self._add_fx(self._art_ready().slash, e.x, e.y, e.tick, rotation_step(e.angle))
        return 0.0

    def _on_dash(self, e: DashStarted, shot_angle, previous) -> float:
        self._puff(e.x, e.y + 6, e.tick, 5, 1.6)
        return 0.0

    def _on_rita_died(self, e: RitaDied, shot_angle, previous) -> float:
        self._sparks(e.x, e.y, e.tick, 12, 2.6)
        self._smoke(e.x, e.y, e.tick, 4)
        return 0.0

    def _on_drenched(self, e: Drenched, shot_angle, previous) -> float:
        self._ichor_spray(e.x, e.y, None, e.tick, 30)
        for _ in range(4):
            ox, oy = self.rng.uniform(-24, 24), self.rng.uniform(-24, 24)
            self._decal(self.rng.choice(self._art_ready().splats), e.x + ox, e.y + oy, e.tick)
        return 0.0

    def _on_reload(self, e: ReloadStarted, shot_angle, previous) -> float:
        self._pending.append(e)  # the magazine drops from Cage, wherever he is drawn
        return 0.0

    # --- spawning -----------------------------------------------------------------------------
    def _add_tracer(self, tracer: tuple[float, float, float, float, float]) -> None:
        if len(self._tracers) >= MAX_TRACERS:
            del self._tracers[0]  # the oldest has nearly faded anyway
        self._tracers.append(tracer)

    def _add_fx(
        self,
        anim: Animation,
        x: float,
        y: float,
        born: float,
        step: int = -1,
        anchored: bool = False,
        hold: int = 0,
    ) -> None:
        if len(self._fx) >= MAX_FX:
            self._fx.pop(0)
        self._fx.append([anim, x, y, born, step, anchored, hold])

    def _particle(
        self,
        x: float,
        y: float,
        vx: float,
        vy: float,
        born: float,
        life: float,
        frames: list,
        drag: float,
    ) -> None:
        if len(self._particles) >= MAX_PARTICLES:
            self._particles.pop(0)
        self._particles.append([x, y, vx, vy, born, life, frames, drag])

    def _decal(self, levels: list, x: float, y: float, born: float) -> None:
        if len(self._decals) >= MAX_DECALS:
            self._decals.pop(0)
        self._decals.append([levels, x, y, born])

    def _shot(self, e: ShotFired) -> None:
        art = self._art_ready()
        rng = self.rng
        angle = math.atan2(e.end_y - e.y, e.end_x - e.x)
        step = rotation_step(angle)
        # The flash rides on the barrel: x, y here are its angle, resolved against Cage at draw.
        self._add_fx(self.sheets["fx_muzzle"].animation("play"), angle, 0.0, e.tick, step, True)
        c, s = math.cos(angle), math.sin(angle)
        reach = MUZZLE_DISTANCE - T.CAGE_RADIUS - 2  # the sim's round starts a little inside
        x0 = e.x + c * reach - s * MUZZLE_SIDE
        y0 = e.y + s * reach + c * MUZZLE_SIDE
        self._add_tracer((x0, y0, e.end_x, e.end_y, float(e.tick)))
        # Brass flies out to the right of the rifle, a little back.
        eject = angle + math.pi / 2 + rng.uniform(-0.35, 0.35)
        speed = rng.uniform(1.6, 2.6)
        self._particle(
            e.x - math.cos(angle) * 8,
            e.y - math.sin(angle) * 8,
            math.cos(eject) * speed - math.cos(angle) * 0.6,
            math.sin(eject) * speed - math.sin(angle) * 0.6,
            e.tick,
            rng.uniform(50, 80),
            rng.choice(art.casing),
            0.86,
        )
        if e.hit == "wall":
            back = angle + math.pi
            self._add_fx(
                self.sheets["fx_spark"].animation("play"),
                e.end_x,
                e.end_y,
                e.tick,
                rotation_step(back),
            )
            self._sparks(e.end_x, e.end_y, e.tick, 5, 2.2, back, 1.1)

    def _explosion(self, e: Explosion) -> None:
        art = self._art_ready()
        # In half steps, and never larger than the screen can use (the charge's blast is huge).
        self._add_fx(self._blast_art(blast_factor(e.radius)), e.x, e.y, e.tick)
        if e.radius > 300:  # the charge: a shockwave rolls out over the whole chamber
            self._add_fx(self._shockwave_art(), e.x, e.y, e.tick)
            self.flash.flash(1.0)
        self._decal(self.rng.choice(art.scorches), e.x, e.y, e.tick)
        self._sparks(e.x, e.y, e.tick, 16, 4.0)
        self._smoke(e.x, e.y, e.tick, 6)
        self._puff(e.x, e.y, e.tick, 8, 2.4)

    def _rita_shot(self, e: RitaShot) -> None:
        angle = math.atan2(e.end_y - e.y, e.end_x - e.x)
        c, s = math.cos(angle), math.sin(angle)
        muzzle = self.sheets["fx_muzzle"].animation("play")
        self._add_fx(muzzle, e.x + c * 12, e.y + s * 12, e.tick, rotation_step(angle))
        self._add_tracer((e.x + c * 4, e.y + s * 4, e.end_x, e.end_y, float(e.tick)))
        if e.hit == "wall":
            self._sparks(e.end_x, e.end_y, e.tick, 4, 2.0, angle + math.pi, 1.1)

    def _sparks(
        self,
        x: float,
        y: float,
        born: float,
        count: int,
        speed: float,
        angle: float | None = None,
        spread: float = math.pi,
    ) -> None:
        art = self._art_ready()
        rng = self.rng
        for _ in range(count):
            a = (angle if angle is not None else 0.0) + rng.uniform(-spread, spread)
            s = rng.uniform(0.4, 1.0) * speed
            self._particle(
                x, y, math.cos(a) * s, math.sin(a) * s, born, rng.uniform(7, 15), art.spark[0], 0.86
            )

    def _ichor_spray(
        self, x: float, y: float, angle: float | None, born: float, count: int
    ) -> None:
        art = self._art_ready()
        rng = self.rng
        step = rotation_step(angle) if angle is not None else rng.randrange(ROTATION_STEPS)
        self._add_fx(self.sheets["fx_ichor"].animation("play"), x, y, born, step)
        for _ in range(count):
            a = rng.uniform(-math.pi, math.pi) if angle is None else angle + rng.gauss(0.0, 0.5)
            s = rng.uniform(0.8, 3.2)
            self._particle(
                x,
                y,
                math.cos(a) * s,
                math.sin(a) * s,
                born,
                rng.uniform(12, 24),
                rng.choice(art.ichor),
                0.87,
            )

    def _death(self, e: MimicDied, heading: float, shot_angle: float | None) -> None:
        art = self._art_ready()
        rng = self.rng
        sheet = self.sheets.kind(e.kind)
        self._add_fx(
            sheet.animation("die"), e.x, e.y, e.tick, rotation_step(heading), hold=CORPSE_HOLD_TICKS
        )
        big = e.kind in BIG_KINDS
        if big:
            self._add_fx(self.sheets["fx_explosion"].animation("play"), e.x, e.y, e.tick)
        self._ichor_spray(e.x, e.y, shot_angle, e.tick, 22 if big else 12)
        self._ichor_spray(e.x, e.y, None, e.tick, 8 if big else 4)
        self._smoke(e.x, e.y, e.tick, 5 if big else 2)
        for _ in range(3 if big else 1):
            ox, oy = (rng.uniform(-14, 14), rng.uniform(-14, 14)) if big else (0.0, 0.0)
            self._decal(rng.choice(art.splats), e.x + ox, e.y + oy, e.tick)

    def _emerge(self, e: MimicEmerged) -> None:
        art = self._art_ready()
        rng = self.rng
        self._decal(rng.choice(art.holes), e.x, e.y, e.tick)
        self._add_fx(self.sheets["fx_sandburst"].animation("play"), e.x, e.y, e.tick)
        for _ in range(14):
            a = rng.uniform(-math.pi, math.pi)
            s = rng.uniform(1.0, 3.4)
            self._particle(
                e.x,
                e.y,
                math.cos(a) * s,
                math.sin(a) * s,
                e.tick,
                rng.uniform(14, 26),
                art.sand[0],
                0.88,
            )
        self._puff(e.x, e.y, e.tick, 5, 1.4)

    def _puff(self, x: float, y: float, born: float, count: int, speed: float) -> None:
        art = self._art_ready()
        rng = self.rng
        for _ in range(count):
            a = rng.uniform(-math.pi, math.pi)
            s = rng.uniform(0.2, 1.0) * speed
            self._particle(
                x + rng.uniform(-4, 4),
                y + rng.uniform(-4, 4),
                math.cos(a) * s,
                math.sin(a) * s,
                born,
                rng.uniform(18, 30),
                rng.choice(art.dust),
                0.9,
            )

    def _smoke(self, x: float, y: float, born: float, count: int) -> None:
        art = self._art_ready()
        rng = self.rng
        for _ in range(count):
            a = rng.uniform(-math.pi, math.pi)
            s = rng.uniform(0.2, 0.8)
            self._particle(
                x,
                y,
                math.cos(a) * s,
                math.sin(a) * s,
                born,
                rng.uniform(30, 50),
                art.smoke[0],
                0.93,
            )

    # --- per frame ----------------------------------------------------------------------------
    def advance(self, now: float, world_cage, cage_pos: tuple[float, float]) -> None:
        """Move the clock to `now` (ticks): step particles, fade flashes, drop what is done, and
        kick up dust behind a moving Cage (once per tick, whatever the frame rate)."""
        dt = now - self._now
        if dt < 0.0 or dt > 30.0:
            dt = 0.0
        self._now = now
        self.flash.advance(dt)
        art = self._art_ready()
        tick = int(now)
        if self._pending:
            for e in self._pending:
                self._particle(
                    cage_pos[0],
                    cage_pos[1],
                    self.rng.uniform(-0.8, 0.8),
                    self.rng.uniform(-0.8, 0.8),
                    e.tick,
                    90,
                    art.magazine[0],
                    0.8,
                )
            self._pending.clear()
        skidding = tick < self._skid_until
        if (
            world_cage is not None
            and (world_cage.moving or skidding)
            and not world_cage.dead
            and tick != self._dust_tick
            and (skidding or tick % DUST_EVERY == 0)
        ):
            self._dust_tick = tick
            v = world_cage.body.velocity
            if skidding and v.length > SKID_SPEED:
                # Knocked back: a spray of dust from his heels each tick, so the shove reads.
                self._puff(cage_pos[0] - v.x * 0.04, cage_pos[1] - v.y * 0.04 + 8, now, 2, 0.9)
            else:
                self._puff(cage_pos[0] - v.x * 0.06, cage_pos[1] - v.y * 0.06 + 6, now, 1, 0.4)
        if dt > 0.0:
            for p in self._particles:
                p[0] += p[2] * dt
                p[1] += p[3] * dt
                drag = p[7] ** dt
                p[2] *= drag
                p[3] *= drag
        self._particles = [p for p in self._particles if now - p[4] < p[5]]
        self._tracers = [t for t in self._tracers if now - t[4] < TRACER_TICKS]
        # An effect plays once (even from a looping row), then holds its last frame `hold` ticks.
        self._fx = [f for f in self._fx if now - f[3] < f[0].length + f[6]]
        if self._decals and now - self._decals[0][3] >= DECAL_TICKS:
            self._decals = [d for d in self._decals if now - d[3] < DECAL_TICKS]

    def draw_ground(self, target: pygame.Surface, left: int, top: int) -> None:
        """Decals: splats and holes on the sand, under everything that moves."""
        if not self._decals:
            return
        now = self._now
        vw, vh = target.get_size()
        blits = []
        top_level = DECAL_LEVELS - 1
        for levels, x, y, born in self._decals:
            sx, sy = x - left, y - top
            if sx < -32 or sy < -32 or sx > vw + 32 or sy > vh + 32:
                continue
            left_ticks = DECAL_TICKS - (now - born)
            if left_ticks >= DECAL_FADE_TICKS:
                level = top_level
            else:
                level = max(0, int(left_ticks / DECAL_FADE_TICKS * DECAL_LEVELS))
            s, ox, oy = levels[min(level, top_level)]
            blits.append((s, (sx + ox, sy + oy)))
        target.fblits(blits)

    def draw_air(
        self,
        target: pygame.Surface,
        left: int,
        top: int,
        cage_pos: tuple[float, float],
        cage_dead: bool = False,
    ) -> None:
        """Everything above the actors: animated effects, particles, tracers."""
        now = self._now
        vw, vh = target.get_size()
        blits = []
        for p in self._particles:
            frames = p[6]
            age = (now - p[4]) / p[5]
            s = frames[min(AGE_BUCKETS - 1, int(age * AGE_BUCKETS))] if age > 0 else frames[0]
            sx, sy = p[0] - left, p[1] - top
            if -16 < sx < vw + 16 and -16 < sy < vh + 16:
                w = s.get_width() >> 1
                blits.append((s, (sx - w, sy - w)))
        for anim, x, y, born, step, anchored, _hold in self._fx:
            elapsed = now - born
            if elapsed < 0:
                continue
            if anchored:
                if cage_dead:
                    continue
                c, s_ = math.cos(x), math.sin(x)
                ahead = MUZZLE_DISTANCE + MUZZLE_FX_AHEAD
                x = cage_pos[0] + c * ahead - s_ * MUZZLE_SIDE
                y = cage_pos[1] + s_ * ahead + c * MUZZLE_SIDE
            sx, sy = x - left, y - top
            if sx < -96 or sy < -96 or sx > vw + 96 or sy > vh + 96:
                continue
            frame = anim.index_at(min(elapsed, anim.length - 1))
            if step >= 0:
                s, ox, oy = anim.rotated(frame, step, NORMAL)
            else:
                s, ox, oy = anim.upright(frame)
            blits.append((s, (sx + ox, sy + oy)))
        target.fblits(blits)
        for x0, y0, x1, y1, born in self._tracers:
            age = now - born
            if age < 0:
                continue
            f = age / TRACER_TICKS
            # Hitscan: the round is already there; the streak's tail chases its head and dims.
            tail = min(0.95, f * f * 1.3)
            tx, ty = x0 + (x1 - x0) * tail - left, y0 + (y1 - y0) * tail - top
            hx, hy = x1 - left, y1 - top
            k = 1.0 - f
            outer = (int(120 + 100 * k), int(70 + 80 * k), int(20 + 30 * k))
            core = (255, int(200 + 55 * k), int(120 + 120 * k))
            pygame.draw.line(target, outer, (tx, ty), (hx, hy), 3)
            pygame.draw.line(target, core, (tx, ty), (hx, hy), 1)


# What each event class the simulation emits looks like; any other has no effect. Looked up by
# the event's own class.
HANDLERS: dict[type, Callable[[Effects, Any, float | None, dict], float]] = {
    ShotFired: Effects._on_shot,
    MimicHit: Effects._on_mimic_hit,
    MimicDied: Effects._on_mimic_died,
    MimicEmerged: Effects._on_emerged,
    MimicDeflected: Effects._on_deflected,
    SpitSplashed: Effects._on_splashed,
    MimicTelegraph: Effects._on_telegraph,
    MimicLunge: Effects._on_lunge,
    CageHurt: Effects._on_cage_hurt,
    CageDied: Effects._on_cage_died,
    Explosion: Effects._on_explosion,
    RitaShot: Effects._on_rita_shot,
    BladeSwing: Effects._on_blade,
    DashStarted: Effects._on_dash,
    RitaDied: Effects._on_rita_died,
    Drenched: Effects._on_drenched,
    ReloadStarted: Effects._on_reload,
}

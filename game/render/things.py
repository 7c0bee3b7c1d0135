"""The map's things and Cage's memories drawn in the world: pickups, mines, gates, grenades,
drills, and the markers of earlier loops.

Owns how these look: unread Intel (the `pickups` sheet, bobbing, with a soft ring so it is found),
mines Cage knows about (only those: an unknown mine is invisible, that is the point), closed gates
as hazard-striped barriers, grenades in flight (a lob over a ground shadow), a running drill's
marks, targets and rings, the training yard's drill pads, faint death markers with their loop
number, and ambush markers with a countdown where Cage remembers Mimics will come out. Static art
is drawn once and cached. Everything here reads the World defensively (`getattr`): the day may not
have every kind of thing.

Must not import game.scenes or game.app, and never writes to the simulation: it reads `World`.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Iterator
from pathlib import Path

import pygame

from game import tuning as T
from game.render.sheets import SheetBank
from game.render.text import TextCache
from game.sim.knowledge import VISION_OMEGA
from game.sim.world import World

STRIPE_A = (238, 190, 40)
STRIPE_B = (34, 32, 30)
MARKER_ALPHA = 150
CULL = 64


def _centred(surface: pygame.Surface) -> tuple[pygame.Surface, int, int]:
    return (surface, -(surface.get_width() // 2), -(surface.get_height() // 2))


def _ring(radius: int, color: tuple[int, ...], width: int = 2) -> tuple[pygame.Surface, int, int]:
    s = pygame.Surface((radius * 2 + 4, radius * 2 + 4), pygame.SRCALPHA)
    pygame.draw.circle(s, color, (radius + 2, radius + 2), radius, width)
    return _centred(s.convert_alpha())


def hazard_ring(radius: int, color: tuple[int, ...]) -> tuple[pygame.Surface, int, int]:
    """A known mine's mark: a ring with four ticks cut across it at the diagonals, dark-edged, so
    it reads by its shape (not only its red) on any floor, apart from the ambush's triangle."""
    size = radius * 2 + 12
    c = size / 2
    s = pygame.Surface((size, size), pygame.SRCALPHA)
    dark = (16, 10, 8, 200)
    pygame.draw.circle(s, dark, (c, c), radius + 1, 4)
    pygame.draw.circle(s, color, (c, c), radius, 2)
    for i in range(4):
        a = math.pi / 4 + i * math.pi / 2
        inner = (c + math.cos(a) * (radius - 5), c + math.sin(a) * (radius - 5))
        outer = (c + math.cos(a) * (radius + 5), c + math.sin(a) * (radius + 5))
        pygame.draw.line(s, dark, inner, outer, 5)
        pygame.draw.line(s, color, inner, outer, 3)
    return _centred(s.convert_alpha())


def _disc(radius: int, color: tuple[int, ...]) -> tuple[pygame.Surface, int, int]:
    s = pygame.Surface((radius * 2 + 2, radius * 2 + 2), pygame.SRCALPHA)
    pygame.draw.circle(s, color, (radius + 1, radius + 1), radius)
    return _centred(s.convert_alpha())


def barrier(w: int, h: int) -> pygame.Surface:
    """Hazard stripes with a dark frame: a shut gate."""
    s = pygame.Surface((max(2, w), max(2, h)))
    s.fill(STRIPE_B)
    band = 12
    for i in range(-h, w + h, band * 2):
        pygame.draw.polygon(s, STRIPE_A, [(i, h), (i + band, h), (i + band + h, 0), (i + h, 0)])
    pygame.draw.rect(s, (20, 18, 16), s.get_rect(), 3)
    return s.convert()


def _cracked_concrete(w: int, h: int, seed: int) -> pygame.Surface:
    """A gate nobody would notice: weathered concrete with a few cracks (the hidden shaft)."""
    import random

    rng = random.Random(seed)
    s = pygame.Surface((max(2, w), max(2, h)))
    s.fill((132, 130, 122))
    for _ in range(w * h // 40):
        shade = rng.randint(112, 150)
        s.set_at((rng.randrange(s.get_width()), rng.randrange(s.get_height())), (shade,) * 3)
    for _ in range(3):
        x, y = rng.randrange(s.get_width()), 0
        while y < s.get_height():
            nx, ny = x + rng.randint(-3, 3), y + rng.randint(2, 6)
            pygame.draw.line(s, (70, 68, 64), (x, y), (nx, ny), 1)
            x, y = nx, ny
    return s.convert()


def brood_membrane(w: int, h: int, seed: int) -> pygame.Surface:
    """A Gate that waits for a spawn to be cleared: a wall of violet egg-sacs and sinew."""
    import random

    rng = random.Random(seed)
    s = pygame.Surface((max(2, w), max(2, h)), pygame.SRCALPHA)
    s.fill((46, 26, 58, 235))
    for _ in range(max(6, w * h // 260)):
        x, y = rng.randrange(s.get_width()), rng.randrange(s.get_height())
        r = rng.randint(5, 11)
        pygame.draw.circle(s, (104, 52, 150, 255), (x, y), r)
        pygame.draw.circle(s, (170, 100, 230, 255), (x - r // 3, y - r // 3), max(2, r // 2))
        pygame.draw.circle(s, (24, 12, 30, 255), (x, y), r, 1)
    for _ in range(6):
        x0, y0 = rng.randrange(s.get_width()), rng.randrange(s.get_height())
        x1, y1 = rng.randrange(s.get_width()), rng.randrange(s.get_height())
        pygame.draw.line(s, (200, 150, 240, 200), (x0, y0), (x1, y1), 1)
    pygame.draw.rect(s, (20, 10, 26, 255), s.get_rect(), 2)
    return s.convert_alpha()


def _target(blade: bool) -> tuple[pygame.Surface, int, int]:
    r = int(T.DRILL_TARGET_RADIUS) + 3
    s = pygame.Surface((r * 2 + 2, r * 2 + 2), pygame.SRCALPHA)
    c = (r + 1, r + 1)
    outer = (90, 140, 230) if blade else (220, 60, 50)
    pygame.draw.circle(s, (30, 26, 22, 255), c, r)
    pygame.draw.circle(s, outer, c, r - 1)
    pygame.draw.circle(s, (240, 236, 226), c, r - 4)
    pygame.draw.circle(s, outer, c, max(2, r - 7))
    return _centred(s.convert_alpha())


def _spawn_mark(spawn) -> tuple[str, float, bool]:
    """What an ambush marker reads of its MimicSpawn: the knowledge id, `at` and a trigger."""
    ambush = str(spawn.prop("ambush", "") or "") or f"ambush:{spawn.id}"
    return ambush, float(spawn.prop("at", -1.0) or -1.0), bool(int(spawn.prop("trigger", 0) or 0))


# The things' art by sheet bank (the rings, marks and discs, the pickups' animations): the same
# for every map drawn from it, so the dam's view takes the beach's rather than making it again.
_BANK_ART: weakref.WeakKeyDictionary[SheetBank, dict[str, object]] = weakref.WeakKeyDictionary()


class ThingsRenderer:
    def __init__(self, sheets: SheetBank, text: TextCache | None = None) -> None:
        self.sheets = sheets
        self.text = text if text is not None else TextCache(64)
        self.show_death_markers = True
        self.show_ambush_markers = True
        self._art: dict[str, object] | None = None
        self._barriers: dict[int, pygame.Surface] = {}
        self._pads: dict[int, pygame.Surface] = {}
        self._faded: dict[tuple, pygame.Surface] = {}
        self._blits: list = []
        # Read from the map once, not every frame: its file's stem (for the death log), and each
        # spawn's ambush id, time and trigger (the map's data does not change).
        self._stems: dict[str, str] = {}
        self._spawn_marks: dict[int, tuple[str, float, bool]] = {}

    def prepare_jobs(self, level) -> Iterator[None]:
        """Make the map's ground art now, a piece a step (behind a card): the sheets the things
        draw from, and each drill pad with its painted label."""
        self._ready()
        yield
        for obj in level.objects_of("TrainingDrill"):
            if obj.id not in self._pads:
                self._pads[obj.id] = self._pad(obj)
                yield

    def _ready(self) -> dict:
        if self._art is None:
            self._art = _BANK_ART.get(self.sheets)
        if self._art is None:
            pickups = self.sheets["pickups"]
            self._art = _BANK_ART[self.sheets] = {
                "intel": pickups.animation("intel"),
                "mine": pickups.animation("mine"),
                "death": pickups.animation("marker_death"),
                "ambush": pickups.animation("marker_ambush"),
                "intel_ring": _ring(16, (250, 236, 160, 150), 2),
                "mine_ring": hazard_ring(15, (235, 60, 40, 220)),
                "grenade": _disc(4, (70, 84, 52, 255)),
                "grenade_shadow": _disc(4, (0, 0, 0, 90)),
                "mark": _ring(int(T.DRILL_MARK_REACH), (250, 240, 200, 220), 3),
                "mark_done": _disc(int(T.DRILL_MARK_REACH), (110, 230, 150, 120)),
                "mark_next": _ring(int(T.DRILL_MARK_REACH) + 3, (255, 226, 110, 255), 4),
                "trail": _disc(3, (255, 226, 110, 170)),
                "spit": _disc(5, (150, 255, 70, 255)),
                "ring": _ring(int(T.DRILL_RING_RADIUS), (250, 240, 200, 200), 3),
                "ring_done": _disc(int(T.DRILL_RING_RADIUS), (110, 230, 150, 110)),
                "target": _target(False),
                "target_blade": _target(True),
                "charge": pickups.animation("explosive"),
                "charge_ring": _ring(15, (255, 120, 60, 170), 2),
                "omega": self.sheets["omega"].animation("pulse"),
                "plant_ring": _ring(int(T.PLANT_REACH), (120, 200, 255, 120), 2),
            }
        return self._art

    # --- the ground layer: under the actors ---------------------------------------------------
    def draw_ground(self, target: pygame.Surface, world: World, now: float, left: int, top: int):
        art = self._ready()
        vw, vh = target.get_size()
        blits = self._blits
        blits.clear()

        def visible(x: float, y: float, margin: float = CULL) -> bool:
            return -margin < x - left < vw + margin and -margin < y - top < vh + margin

        def put(entry, x: float, y: float) -> None:
            s, ox, oy = entry
            blits.append((s, (x - left + ox, y - top + oy)))

        memory = getattr(world, "memory", None)
        level = world.level
        # Drill pads in Rita's yard: painted outlines with their level.
        for obj in level.objects_of("TrainingDrill"):
            if visible(obj.x + obj.width / 2, obj.y + obj.height / 2, max(obj.width, obj.height)):
                pad = self._pads.get(obj.id)
                if pad is None:
                    pad = self._pads[obj.id] = self._pad(obj)
                blits.append((pad, (obj.x - left, obj.y - top)))
        # Closed gates.
        for gate in getattr(world, "gates", ()):
            if getattr(gate, "open", True):
                continue
            o = gate.obj
            if not visible(o.x + o.width / 2, o.y + o.height / 2, max(o.width, o.height)):
                continue
            shut = self._barriers.get(o.id)
            if shut is None:
                w, h = int(o.width), int(o.height)
                if gate.requires == VISION_OMEGA:  # the hidden shaft must not look like a door
                    shut = _cracked_concrete(w, h, o.id)
                elif gate.requires.startswith("cleared:"):  # sealed by the Mimics themselves
                    shut = brood_membrane(w, h, o.id)
                else:
                    shut = barrier(w, h)
                self._barriers[o.id] = shut
            blits.append((shut, (o.x - left, o.y - top)))
        # Mines he knows about.
        if memory is not None:
            mine = art["mine"]
            for m in getattr(world, "mines", ()):
                if not m.armed or not memory.knows(m.field):
                    continue
                x, y = m.obj.x, m.obj.y
                if visible(x, y):
                    put(art["mine_ring"], x, y)
                    put(mine.upright(mine.index_at(now + m.obj.id * 11)), x, y)
        # Unread intel: bobbing, ringed.
        intel = art["intel"]
        for thing in getattr(world, "intel", ()):
            if thing.taken:
                continue
            x, y = thing.obj.x, thing.obj.y
            if visible(x, y):
                put(art["intel_ring"], x, y)
                bob = round(2 * math.sin(now * 0.08))
                put(intel.upright(intel.index_at(now)), x, y - 3 + bob)
        # A running drill: marks to reach, targets to hit, rings to land grenades in.
        drill = getattr(world, "drill", None)
        if drill is not None:
            # The marks are run in order: each is numbered, the next pulses and a trail of dots
            # leads to it from Cage, so what to do next is on the ground.
            upcoming = next((i for i, m in enumerate(drill.marks) if not m[2]), None)
            for i, (mx, my, reached) in enumerate(getattr(drill, "marks", ())):
                if reached:
                    put(art["mark_done"], mx, my)
                    continue
                bright = i == upcoming
                put(art["mark_next"] if bright and (int(now) // 10) % 2 else art["mark"], mx, my)
                label = self.text.get(str(i + 1), 20 if bright else 16,
                                      (255, 236, 140) if bright else (200, 190, 160))  # fmt: skip
                blits.append((label, (mx - left - label.get_width() // 2,
                                      my - top - label.get_height() // 2)))  # fmt: skip
            if upcoming is not None:
                cx, cy = world.cage.position
                mx, my = drill.marks[upcoming][0], drill.marks[upcoming][1]
                d = math.hypot(mx - cx, my - cy)
                for k in range(1, int(d // 28)):
                    t = (k * 28 + (now * 1.5) % 28) / d
                    if t < 1.0:
                        put(art["trail"], cx + (mx - cx) * t, cy + (my - cy) * t)
            for rx, ry, done in getattr(drill, "rings", ()):
                put(art["ring_done"] if done else art["ring"], rx, ry)
            for t in getattr(drill, "targets", ()):
                if t.alive and getattr(t, "up", True):
                    put(art["target_blade"] if t.blade_only else art["target"], t.x, t.y)
        # The Omega's core, the plant radius while he carries the charge, and the charge itself.
        omega = getattr(world, "omega", None)
        charge = getattr(world, "charge", None)
        if omega is not None and omega.alive and visible(omega.x, omega.y, 200):
            anim = art["omega"]
            put(anim.upright(anim.index_at(now)), omega.x, omega.y)
            if charge is not None and charge.state == 1:  # carried: show where to plant it
                put(art["plant_ring"], omega.x, omega.y)
        if charge is not None and charge.state in (0, 2) and visible(charge.x, charge.y):
            anim = art["charge"]
            if charge.state == 0:
                put(art["charge_ring"], charge.x, charge.y)
            put(anim.upright(anim.index_at(now * (3 if charge.state == 2 else 1))), charge.x,
                charge.y + (0 if charge.state == 0 else 28))  # fmt: skip
        # Earlier loops: where he died, and where they will come out.
        if memory is not None:
            if self.show_death_markers:
                self._death_markers(world, memory, now, put, visible)
            if self.show_ambush_markers:
                self._ambush_markers(world, memory, now, put, visible)
        target.fblits(blits)

    def _death_markers(self, world, memory, now, put, visible) -> None:
        art = self._art
        path = world.level.path
        stem = self._stems.get(path)
        if stem is None:
            stem = self._stems[path] = Path(path).stem
        marker = art["death"]
        for d in getattr(memory, "deaths", ()):
            if d.level and d.level != stem:
                continue
            if not visible(d.x, d.y):
                continue
            frame = marker.index_at(now)
            s, ox, oy = marker.upright(frame)
            put((self._faint(("marker", frame), s), ox, oy), d.x, d.y)
            label = self._faint(("loop", d.loop), self.text.get(str(d.loop), 14, (230, 220, 210)))
            put(_centred(label), d.x + 12, d.y + 10)

    def _ambush_markers(self, world, memory, now, put, visible) -> None:
        schedule = getattr(world, "schedule", None)
        if schedule is None:
            return
        marker = self._art["ambush"]
        fired = getattr(schedule, "fired", ())
        for i, spawn in enumerate(getattr(schedule, "spawns", ())):
            if i < len(fired) and fired[i]:
                continue
            mark = self._spawn_marks.get(spawn.id)
            if mark is None:
                mark = self._spawn_marks[spawn.id] = _spawn_mark(spawn)
            ambush, at, triggered = mark
            if not memory.knows(ambush):
                continue
            x, y = spawn.center
            if not visible(x, y, 96):
                continue
            put(marker.upright(marker.index_at(now)), x, y)
            if at >= 0 and not triggered:
                left_s = max(0.0, at - world.tick / T.TICK_RATE)
                label = self.text.get(f"{left_s:.1f}", 18, (255, 210, 120))
                put(_centred(label), x, y - 22)

    def _faint(self, key: tuple, surface: pygame.Surface) -> pygame.Surface:
        """A translucent copy of `surface`, cached under `key`."""
        faint = self._faded.get(key)
        if faint is None:
            faint = surface.copy()
            faint.fill((255, 255, 255, MARKER_ALPHA), special_flags=pygame.BLEND_RGBA_MULT)
            self._faded[key] = faint
        return faint

    def _pad(self, obj) -> pygame.Surface:
        w, h = max(4, int(obj.width)), max(4, int(obj.height))
        s = pygame.Surface((w, h), pygame.SRCALPHA)
        s.fill((255, 250, 230, 18))
        for x in range(0, w, 12):  # dashed paint
            pygame.draw.line(s, (250, 246, 230, 120), (x, 1), (min(w, x + 6), 1), 2)
            pygame.draw.line(s, (250, 246, 230, 120), (x, h - 2), (min(w, x + 6), h - 2), 2)
        for y in range(0, h, 12):
            pygame.draw.line(s, (250, 246, 230, 120), (1, y), (1, min(h, y + 6)), 2)
            pygame.draw.line(s, (250, 246, 230, 120), (w - 2, y), (w - 2, min(h, y + 6)), 2)
        label = f"{obj.prop('level', '')}  {str(obj.prop('drill', '')).upper()}"
        s.blit(self.text.get(label.strip(), 16, (250, 246, 230)), (6, 5))
        return s.convert_alpha()

    # --- the air: over the actors -------------------------------------------------------------
    def draw_air(self, target: pygame.Surface, world: World, alpha: float, left: int, top: int):
        self._charge_bars(target, world, left, top)
        grenades = getattr(world, "grenades", ())
        system = getattr(world, "mimic_system", None)
        spits = system.spits if system is not None else ()
        if not grenades and not spits:
            return
        art = self._ready()
        blits = self._blits
        blits.clear()
        glob = self.sheets["fx_spit"].animation("play") if spits else None
        for spit in spits:
            # Acid in flight, drawn where it is `alpha` of a tick along, over a faint tail.
            x = spit.x + spit.vx * T.DT * (alpha - 1.0)
            y = spit.y + spit.vy * T.DT * (alpha - 1.0)
            for k in (0.045, 0.02):
                s, ox, oy = art["spit"]
                blits.append((s, (x - spit.vx * k - left + ox, y - spit.vy * k - top + oy)))
            frame = (spit.age // 4) % len(glob.frames)
            s, ox, oy = glob.upright(frame)
            blits.append((s, (x - left + ox, y - top + oy)))
        for g in grenades:
            # Between ticks: the grenade is `alpha` of a tick further along its lob.
            t = min(1.0, max(0.0, (g.age - 1 + alpha) / max(1, g.flight)))
            x = g.start_x + (g.end_x - g.start_x) * t
            y = g.start_y + (g.end_y - g.start_y) * t
            height = 4.0 * 28.0 * t * (1.0 - t)
            s, ox, oy = art["grenade_shadow"]
            blits.append((s, (x - left + ox + 2, y - top + oy + 2)))
            s, ox, oy = art["grenade"]
            blits.append((s, (x - left + ox, y - height - top + oy)))
        target.fblits(blits)

    def _charge_bars(self, target: pygame.Surface, world: World, left: int, top: int) -> None:
        """Planting: a bar filling over Cage. Planted: the fuse counting down over the core."""
        charge = getattr(world, "charge", None)
        if charge is None:
            return
        if charge.state == 1 and charge.plant_progress > 0:
            x, y = world.cage.position
            fraction = charge.plant_progress / T.PLANT_TICKS
            label = "PLANTING"
        elif charge.state == 2:
            x, y = charge.x, charge.y - 60
            fraction = charge.fuse / T.CHARGE_FUSE
            label = f"{charge.fuse / T.TICK_RATE:.1f}"
        else:
            return
        bx, by = int(x - left) - 40, int(y - top) - 40
        pygame.draw.rect(target, (20, 20, 24), (bx - 2, by - 2, 84, 10))
        pygame.draw.rect(target, (255, 150, 60), (bx, by, int(80 * fraction), 6))
        image = self.text.get(label, 20, (255, 235, 210))
        target.blit(image, (bx + 40 - image.get_width() // 2, by - 22))

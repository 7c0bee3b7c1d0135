"""WorldView: the one object a scene uses to draw the day.

Owns the order a frame is drawn in (ground chunks, decals, telegraphs and shadows, actors, glows,
effects, the hurt flash) and the render clock: `world.tick - 1 + alpha`, the moment between the
previous tick's state and the current one, so positions, animations, effects and the camera all
agree and freeze with a paused day. It wires the pieces together: `Camera`, `TileMap`,
`ActorRenderer`, `ThingsRenderer`, `Effects`. Settings reach it as plain attributes
(`show_death_markers`); what the scene wants drawn of the run's past as plain data too: `ghosts`
(Cage's paths on this map from earlier loops) and `pb_ghost` (the personal best's Cage at this
moment, game.replay.pb_ghost.GhostMark, drawn faintly under the actors). The HUD is separate
(`game.render.hud.Hud`).

Usage, per frame of the real-time loop:
    for each sim tick:  view.before_step(world); events = world.step(frame); view.observe(events)
    view.draw(screen, world, alpha, mouse_pos); hud.draw(screen, world, mouse_pos, loop)

Keep one WorldView per level: a new `World` for the same level (a loop reset) is noticed and the
view snaps to it, keeping its pre-rendered map. What a first sight would make in one long frame
(the chunks, the effects' art, each Mimic kind's own art) is made behind a card by `preparation`,
a piece at a time; the rotations of the kinds' art (`map_kinds`) a millisecond's slice at the end
of each frame from the view's first frames (or all at once by `warm()`), then the ground's chunks
not yet built, one a frame. A view drawn in another's place takes its window buffer
(`take_over`); the views on one SheetBank share their effects' and things' art. Must not import
game.scenes or game.app, and never writes to the simulation: it reads `World`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pygame

from game import tuning as T
from game.level.data import LevelData
from game.render import ui
from game.render.camera import Camera
from game.render.effects import Effects
from game.render.sheets import SheetBank
from game.render.sprites import ActorRenderer
from game.render.things import ThingsRenderer
from game.render.tilemap import TileMap
from game.sim.events import (
    CageHurt,
    DashStarted,
    MimicHit,
    RitaDied,
    RitaShot,
    ShotFired,
    SimEvent,
)
from game.sim.mimic import DRONE, KINDS
from game.sim.world import World

# Of each frame drawn while the art of the map's Mimic kinds is still being made ahead of their
# first sight, this long goes to making it (seconds): a few hundred frames, from the map's start.
WARM_SLICE = 0.001


class WorldView:
    def __init__(
        self,
        level: LevelData,
        screen_size: tuple[int, int],
        seed: int = 0,
        sheets: SheetBank | None = None,
    ) -> None:
        self.level = level
        self.sheets = sheets if sheets is not None else SheetBank()
        self.camera = Camera(screen_size, (level.pixel_width, level.pixel_height), seed ^ 0xCA7)
        self.tilemap = TileMap(level)
        self.actors = ActorRenderer(self.sheets, seed)
        self.effects = Effects(self.sheets, seed ^ 0xE77EC7)
        self.things = ThingsRenderer(self.sheets)
        self.effects.flash.resize(screen_size)
        self._world: World | None = None
        self._now: float | None = None
        # Cage's paths on this map from earlier loops of the run (faint lines), set by the scene.
        self.ghosts: list = []
        # The personal best's Cage at this moment of the same loop (a GhostMark), or None.
        self.pb_ghost = None
        self._pb_sprite: pygame.Surface | None = None
        self.actors.plan_warm(map_kinds(level))
        # The ground's chunks not yet built, nearest the camera first: one a frame once the
        # kinds' art is warm (see draw), so walking into a part of the map not yet seen builds
        # nothing on that frame (three chunks at once were a 4-12 ms frame).
        self._ground_jobs: Iterator[None] | None = None

    # --- the sim tells us ---------------------------------------------------------------------
    def before_step(self, world: World) -> None:
        """Record where everything is before the coming tick (for interpolation)."""
        self._adopt(world)
        self.actors.record(world)

    def observe(self, events: list[SimEvent]) -> None:
        """Start effects for a tick's events and shake the camera for the heavy ones."""
        actors = self.actors
        for e in events:
            note = ACTOR_NOTES.get(type(e))
            if note is not None:
                note(actors, e)
        trauma = self.effects.observe(events, actors.previous)
        self.camera.add_trauma(trauma)

    def warm(self) -> None:
        """Make now the art the map's Mimics need at first sight (their kinds' shadows, glows,
        telegraphs and the rotations a fight shows first), e.g. behind a map card; otherwise it
        is made a slice each frame from the map's first frames. And the effects' art."""
        self.effects.warm()
        self.actors.warm()

    def preparation(self, around: tuple[float, float] | None = None) -> Iterator[None]:
        """What the map's first frames would make on first sight in long frames, a piece a step
        (a generator, so a card can spread it over its frames and no frame waits long): the
        ground's chunks nearest `around` first (where the camera will look), the effects' art
        (the charge's blast too), the things' ground art, and each of the map's Mimic kinds' own
        art. Their rotations are made a slice a frame afterwards (`warm_some`), as from any
        map's first frame. First of all the ground's window buffer (a whole screen's memory)."""
        self.tilemap.make_window(self.camera.viewport)
        yield
        yield from self.tilemap.build_jobs(around)
        yield from self.effects.pieces()  # before anything draws from the effects' RNG
        yield from self.things.prepare_jobs(self.level)
        yield from self.actors.kinds_pieces()

    def take_over(self, previous: WorldView) -> None:
        """Draw in `previous`'s place on the screen from now on (a map change): its ground's
        window buffer, a whole screen's memory, is handed on rather than made again."""
        self.tilemap.take_window(previous.tilemap)

    def new_day(self, world: World) -> None:
        """A loop reset: draw `world` from now on, without the old day's effects, camera snapped.
        (Drawing a new World does this by itself; scenes may call it to be explicit.)"""
        self._adopt(world)

    @property
    def shake_intensity(self) -> float:
        """The player's setting: how hard hits and blasts shake the camera (0 = not at all)."""
        return self.camera.shake_scale

    @shake_intensity.setter
    def shake_intensity(self, value: float) -> None:
        self.camera.shake_scale = max(0.0, min(1.0, float(value)))

    @property
    def show_death_markers(self) -> bool:
        return self.things.show_death_markers

    @show_death_markers.setter
    def show_death_markers(self, value: bool) -> None:
        self.things.show_death_markers = bool(value)

    # --- the window ---------------------------------------------------------------------------
    def resize(self, size: tuple[int, int]) -> None:
        self.camera.resize(size)
        self.effects.flash.resize(size)

    def screen_to_world(self, pos: tuple[float, float]) -> tuple[float, float]:
        return self.camera.screen_to_world(pos)

    def world_to_screen(self, pos: tuple[float, float]) -> tuple[float, float]:
        return self.camera.world_to_screen(pos)

    # --- drawing ------------------------------------------------------------------------------
    def draw(
        self,
        target: pygame.Surface,
        world: World,
        alpha: float,
        aim_screen: tuple[int, int] | None = None,
    ) -> None:
        """Draw the world as it stands `alpha` (0..1) of the way from the last tick to this one."""
        fresh = self._adopt(world)
        alpha = 0.0 if alpha < 0.0 else (1.0 if alpha > 1.0 else alpha)
        camera = self.camera
        size = target.get_size()
        if size != camera.viewport:
            self.resize(size)
        now = world.tick - 1 + alpha
        cage = world.cage
        cage_pos = self.actors.cage_position(world, alpha)
        focus_target = camera.target_for(cage_pos, aim_screen, cage.aim_radians)
        if fresh or self._now is None:
            camera.snap(focus_target)
        else:
            dt = (now - self._now) / T.TICK_RATE
            if dt < 0.0 or dt > 0.5:  # a jump in time (reset, long stall): do not swing across
                camera.snap(focus_target)
            else:
                camera.update(dt, focus_target)
        self._now = now
        left, top = camera.left, camera.top

        effects = self.effects
        effects.advance(now, cage, cage_pos)
        self.tilemap.draw(target, left, top)
        self._draw_ghosts(target, left, top)
        self._draw_pb_ghost(target, left, top)
        effects.draw_ground(target, left, top)
        self.things.draw_ground(target, world, now, left, top)
        drawn_cage = self.actors.draw(target, world, alpha, left, top)
        self.things.draw_air(target, world, alpha, left, top)
        effects.draw_air(target, left, top, drawn_cage, cage.dead)
        effects.flash.draw(target)
        if self.actors.warming:
            self.actors.warm_some(WARM_SLICE)
        else:
            if self._ground_jobs is None:
                around = (left + size[0] / 2, top + size[1] / 2)
                self._ground_jobs = self.tilemap.build_jobs(around)
            next(self._ground_jobs, None)  # (once all are built, a call costs nothing)

    def _draw_ghosts(self, target: pygame.Surface, left: int, top: int) -> None:
        """Where Cage went on earlier days: the day repeats, so this is what he did last time."""
        count = len(self.ghosts)
        for age, ghost in enumerate(self.ghosts):
            points = [(x - left, y - top) for x, y in ghost.points]
            if len(points) < 2:
                continue
            fade = 60 + 120 * (age + 1) // count  # older days fainter
            pygame.draw.lines(target, (fade, fade + 40, min(255, fade + 90)), False, points, 2)
            end = points[-1]
            pygame.draw.circle(target, (200, 230, 255), (int(end[0]), int(end[1])), 4, 1)

    def _draw_pb_ghost(self, target: pygame.Surface, left: int, top: int) -> None:
        """The personal best's Cage: a translucent figure with a short trail, faint enough to
        read as a memory and never as a Mimic or a friend."""
        mark = self.pb_ghost
        if mark is None:
            return
        if self._pb_sprite is None:
            self._pb_sprite = pb_sprite()
        trail = mark.trail
        for index, (x, y) in enumerate(trail[:-1]):  # older points smaller: he went this way
            radius = 1 + 3 * (index + 1) // max(1, len(trail))
            pygame.draw.circle(target, PB_TRAIL, (int(x - left), int(y - top)), radius)
        sprite = self._pb_sprite
        x, y = mark.position
        target.blit(sprite, (int(x - left) - sprite.get_width() // 2,
                             int(y - top) - sprite.get_height() + PB_RADIUS + 2))  # fmt: skip

    def _adopt(self, world: World) -> bool:
        """Notice a new World (a loop reset): forget the old day's effects and positions."""
        if world is self._world:
            return False
        self._world = world
        self._now = None
        self.actors.reset()
        self.effects.clear()
        return True


def map_kinds(level: LevelData) -> list[tuple[str, float]]:
    """The Mimic kinds `level` can put on screen (name, radius), as the day resolves them: its
    spawns' kinds, the drone (the Omega's, and any kind the game does not know) and a brood's
    mites."""
    names = ["drone"]
    # In the order they come out (timed spawns first), so a slice a frame reaches them in time.
    spawns = sorted(level.objects_of("MimicSpawn"), key=_spawn_time)
    for spawn in spawns:
        kind = KINDS.get(str(spawn.prop("kind", "drone") or "drone"), DRONE)
        for name in (kind.name, "mite") if kind.name == "brood" else (kind.name,):
            if name not in names:
                names.append(name)
    return [(name, KINDS[name].radius) for name in names]


def _spawn_time(spawn) -> float:
    try:
        at = float(spawn.prop("at", -1.0) or -1.0)
    except (TypeError, ValueError):
        at = -1.0
    return at if at >= 0 else float("inf")


PB_RADIUS = 13  # a little larger than Cage, so the live Cage drawn over him still shows it
PB_COLOR = (255, 214, 110)  # the personal best's gold, as the timer's
PB_TRAIL = (196, 150, 60)


def pb_sprite() -> pygame.Surface:
    """The PB ghost, once: a faint gold disc and ring with "PB" over it."""
    label = ui.render_text("PB", 14, PB_COLOR, True).copy()  # the cache's own stays opaque
    size = PB_RADIUS * 2 + 4
    sprite = pygame.Surface((max(size, label.get_width()), size + label.get_height()),
                            pygame.SRCALPHA)  # fmt: skip
    cx, cy = sprite.get_width() // 2, label.get_height() + size // 2
    pygame.draw.circle(sprite, (0, 0, 0, 70), (cx, cy), PB_RADIUS + 1, 1)  # reads on sand too
    pygame.draw.circle(sprite, (*PB_COLOR, 60), (cx, cy), PB_RADIUS)
    pygame.draw.circle(sprite, (*PB_COLOR, 170), (cx, cy), PB_RADIUS, 2)
    pygame.draw.circle(sprite, (*PB_COLOR, 140), (cx, cy), 3)
    label.set_alpha(170)
    sprite.blit(label, (cx - label.get_width() // 2, 0))
    return sprite


# What the actors remember of a tick's events (a flash on a hit Mimic, a muzzle flash, Cage's
# hurt blink, the dash's trail, Rita's shot and fall), by the simulation's event class.
ACTOR_NOTES = {
    MimicHit: lambda actors, e: actors.note_hit(e.mimic_id, e.tick),
    ShotFired: lambda actors, e: actors.note_shot(e.tick),
    CageHurt: lambda actors, e: actors.note_cage_hurt(e.tick),
    DashStarted: lambda actors, e: actors.note_dash(e.tick),
    RitaShot: lambda actors, e: actors.note_rita_shot(e.tick),
    RitaDied: lambda actors, e: actors.note_rita_died(e.tick),
}

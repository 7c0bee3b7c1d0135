"""The pymunk Space of a day, built from LevelData: static collision, categories and queries.

Owns how the level's geometry becomes pymunk shapes and which categories collide with which, and
the day's Sight: its fixed shapes again in a Space of their own, for the Mimics' looks.
A Space is always built fresh from LevelData (a restored snapshot is not bit-exact in pymunk), and
stepped only with the constant tuning.DT. Imports pymunk and game.level.data; never pygame.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pymunk
import pymunk.autogeometry

from game.level.data import LevelData

# Collision categories (bits). Bullets see walls and Mimics; water stops feet, not rounds.
CAT_WALL = 1 << 0
CAT_WATER = 1 << 1
CAT_CAGE = 1 << 2
CAT_MIMIC = 1 << 3
CAT_ALLY = 1 << 4
CAT_TARGET = 1 << 5  # training targets and dummies

WALL_FILTER = pymunk.ShapeFilter(categories=CAT_WALL)
WATER_FILTER = pymunk.ShapeFilter(categories=CAT_WATER)
CAGE_FILTER = pymunk.ShapeFilter(categories=CAT_CAGE)
MIMIC_FILTER = pymunk.ShapeFilter(categories=CAT_MIMIC)
BULLET_FILTER = pymunk.ShapeFilter(mask=CAT_WALL | CAT_MIMIC | CAT_TARGET)
TARGET_FILTER = pymunk.ShapeFilter(categories=CAT_TARGET)
SIGHT_FILTER = pymunk.ShapeFilter(mask=CAT_WALL)

SPACE_ITERATIONS = 10
# No global damping: every body's slowing is explicit (its drive, or its own drag), so a drive
# reaches exactly the speed it asks for.
SPACE_DAMPING = 1.0
BOUNDARY_THICKNESS = 32.0


# The categories of everything that stands in the way of a look (walls, water, a shut Gate, the
# Omega): a filter that lets nothing else through may ask a day's Sight.
WALLS_AND_WATER = CAT_WALL | CAT_WATER


class Sight:
    """A day's fixed shapes again (the map's walls and water, shut Gates, the Omega, standing
    training targets), alone in a Space of their own: a crowd's look that only walls and water
    block (`segment_clear` with such a filter and `sight`) asks this one, whose index has no
    Mimics to step over. Each is made twice, the same way with the same numbers, and added and
    removed in the same order as the day's (`add`, `remove`): chipmunk's answer to a thick
    segment depends on how its index of fixed shapes was built (it may miss a shape whose box
    the segment's middle line does not cross), so this index is built as the day's is, and
    answers as it does, to the bit. Made the first time a look asks it (`space`), from a log of
    what joined and left the day till then: a day without a crowd never makes it. Kept on the
    day's Space as `space.sight` (build_space)."""

    def __init__(self, level: LevelData) -> None:
        self._level = level
        self._space: pymunk.Space | None = None
        # Before the Space is made: what joined the day (how it was made) and what left it.
        self._log: list[tuple[Callable[[pymunk.Body], pymunk.Shape] | None, pymunk.Shape]] = []
        self._twins: dict[pymunk.Shape, pymunk.Shape] = {}

    @property
    def space(self) -> pymunk.Space:
        """The Space of the twins, made now if no look has asked for it yet."""
        if self._space is None:
            self._space = pymunk.Space()
            self._space.add(*_level_walls(self._level, self._space.static_body))
            log, self._log = self._log, []
            for make, shape in log:
                if make is None:
                    self._space.remove(self._twins.pop(shape))
                else:
                    self._twin(make, shape)
        return self._space

    def add(self, day: pymunk.Space, make: Callable[[pymunk.Body], pymunk.Shape]) -> pymunk.Shape:
        """`make(body)` on the day's static body, added to the day, and its twin here."""
        shape = make(day.static_body)
        day.add(shape)
        if self._space is None:
            self._log.append((make, shape))
        else:
            self._twin(make, shape)
        return shape

    def remove(self, day: pymunk.Space, shape: pymunk.Shape) -> None:
        """A shape `add` made leaves the day, and its twin leaves here."""
        day.remove(shape)
        if self._space is None:
            self._log.append((None, shape))
        else:
            self._space.remove(self._twins.pop(shape))

    def _twin(self, make: Callable[[pymunk.Body], pymunk.Shape], shape: pymunk.Shape) -> None:
        twin = self._twins[shape] = make(self._space.static_body)
        self._space.add(twin)


def add_fixed(space: pymunk.Space, make: Callable[[pymunk.Body], pymunk.Shape]) -> pymunk.Shape:
    """A shape that never moves, made by `make` on the space's static body and added to it and to
    its Sight (if it has one: build_space gives each day's Space one). Every shape on a day's
    static body joins it this way (and leaves by remove_fixed), or the Sight would answer for
    another index than the day's."""
    sight = getattr(space, "sight", None)
    if sight is None:
        shape = make(space.static_body)
        space.add(shape)
        return shape
    return sight.add(space, make)


def remove_fixed(space: pymunk.Space, shape: pymunk.Shape) -> None:
    """A shape add_fixed made leaves the space, and its Sight."""
    sight = getattr(space, "sight", None)
    if sight is None:
        space.remove(shape)
    else:
        sight.remove(space, shape)


def build_space(level: LevelData) -> pymunk.Space:
    """A new Space holding the level's static geometry: solid and water areas and the map edge
    (and its Sight, made when a crowd first looks)."""
    space = pymunk.Space()
    space.iterations = SPACE_ITERATIONS
    space.damping = SPACE_DAMPING
    space.add(*_level_walls(level, space.static_body))
    space.sight = Sight(level)
    return space


def _level_walls(level: LevelData, static: pymunk.Body) -> list[pymunk.Shape]:
    """The level's solid and water areas and the map's edge, as shapes on `static`."""
    shapes: list[pymunk.Shape] = []
    for rect in level.solid_rects:
        shapes.append(_box(static, rect.x, rect.y, rect.width, rect.height, WALL_FILTER))
    for rect in level.water_rects:
        shapes.append(_box(static, rect.x, rect.y, rect.width, rect.height, WATER_FILTER))
    for outline in level.wall_polygons:
        shapes.extend(_polygon(static, outline, WALL_FILTER))
    for outline in level.water_polygons:
        shapes.extend(_polygon(static, outline, WATER_FILTER))
    # The map's edge: nothing walks or flies off the world.
    w, h, t = float(level.pixel_width), float(level.pixel_height), BOUNDARY_THICKNESS
    for x, y, bw, bh in (
        (-t, -t, w + 2 * t, t),
        (-t, h, w + 2 * t, t),
        (-t, 0, t, h),
        (w, 0, t, h),
    ):
        shapes.append(_box(static, x, y, bw, bh, WALL_FILTER))
    return shapes


def _box(body: pymunk.Body, x: float, y: float, w: float, h: float, flt) -> pymunk.Poly:
    shape = pymunk.Poly(body, [(x, y), (x + w, y), (x + w, y + h), (x, y + h)])
    shape.filter = flt
    shape.friction = 0.0
    shape.elasticity = 0.1
    return shape


def _polygon(body: pymunk.Body, outline, flt) -> list[pymunk.Shape]:
    """A polygon object as convex pieces (Tiled polygons may be concave)."""
    points = [tuple(p) for p in outline]
    if len(points) < 3:
        return []
    try:
        pieces = pymunk.autogeometry.convex_decomposition(points + [points[0]], 0.5)
    except Exception:  # a self-intersecting outline: fall back to its convex hull
        pieces = [points]
    shapes: list[pymunk.Shape] = []
    for piece in pieces or [points]:
        if len(piece) >= 3:
            shape = pymunk.Poly(body, piece)
            shape.filter = flt
            shape.friction = 0.0
            shapes.append(shape)
    return shapes


try:  # chipmunk's own getters: a third of the cost of `Body.position` / `.velocity`, which build
    # a Vec2d each (the day reads Cage's position ten times a tick, every Mimic's for its hash)
    from pymunk._chipmunk_cffi import ffi as _ffi
    from pymunk._chipmunk_cffi import lib as _chipmunk

    _get_position, _get_velocity = _chipmunk.cpBodyGetPosition, _chipmunk.cpBodyGetVelocity
    _set_force = _chipmunk.cpBodySetForce
    _segment_first = _chipmunk.cpSpaceSegmentQueryFirst
    # Where chipmunk writes what it hit: written, never read (only whether it hit counts), so
    # one will do for every query, on any thread.
    _segment_info = _ffi.new("cpSegmentQueryInfo *")
except (ImportError, AttributeError):  # pragma: no cover - a pymunk without them: the public way
    _get_position = _get_velocity = _set_force = _segment_first = None


def position_of(body: pymunk.Body) -> tuple[float, float]:
    """The floats of `body.position`, read without a Vec2d."""
    p = body.position if _get_position is None else _get_position(body._body)
    return (p.x, p.y)


def motion_of(body: pymunk.Body) -> tuple[float, float, float, float]:
    """The floats of `body.position` and `body.velocity`, read without a Vec2d."""
    if _get_position is None:
        p, v = body.position, body.velocity
    else:
        cp = body._body
        p, v = _get_position(cp), _get_velocity(cp)
    return (p.x, p.y, v.x, v.y)


def segment_clear(
    space: pymunk.Space,
    start: tuple[float, float],
    end: tuple[float, float],
    radius: float,
    shape_filter: pymunk.ShapeFilter,
    sight: bool = False,
) -> bool:
    """Whether nothing `shape_filter` lets through lies along the thick segment: what
    `space.segment_query_first(...) is None` says, from chipmunk's own query without the
    Python objects pymunk makes of its answer (every Mimic asks this every few ticks). With
    `sight` (a crowd's look), a filter that only walls and water pass asks the space's Sight,
    where nothing else is: the same answer without a crowd to step over."""
    space = _asked(space, shape_filter, sight)
    if _segment_first is None:
        return space.segment_query_first(start, end, radius, shape_filter) is None
    made = _filter_struct(shape_filter)
    return _segment_first(space._space, start, end, radius, made, _segment_info) == _ffi.NULL


def clear_ways(
    space: pymunk.Space, shape_filter: pymunk.ShapeFilter, sight: bool = False
) -> Callable[[tuple[float, float], tuple[float, float], float], bool]:
    """segment_clear(space, start, end, radius, shape_filter, sight) as a function of start,
    end and radius, with the space and filter it asks found once: for many looks in a row (a
    crowd's, each tick), while the space's fixed shapes may come and go but no Sight is made."""
    space = _asked(space, shape_filter, sight)
    if _segment_first is None:
        return lambda start, end, radius: (
            space.segment_query_first(start, end, radius, shape_filter) is None
        )
    first, handle, made, info, nothing = (
        _segment_first, space._space, _filter_struct(shape_filter), _segment_info, _ffi.NULL
    )  # fmt: skip

    def clear(start: tuple[float, float], end: tuple[float, float], radius: float) -> bool:
        return first(handle, start, end, radius, made, info) == nothing

    return clear


def _asked(space: pymunk.Space, shape_filter: pymunk.ShapeFilter, sight: bool) -> pymunk.Space:
    """The space a look asks: the day's own, or (a crowd's look that only walls and water
    block) its Sight."""
    if sight and not shape_filter.mask & ~WALLS_AND_WATER:
        twins = getattr(space, "sight", None)
        if twins is not None:
            return twins.space
    return space


def _filter_struct(shape_filter: pymunk.ShapeFilter) -> object:
    """chipmunk's struct of `shape_filter`, made once a filter: cffi's making one from the tuple
    is a fifth of the whole query's cost, and a crowd asks this fifty times a tick."""
    made = _filter_structs.get(shape_filter)
    if made is None:
        owner = _ffi.new("cpShapeFilter *", shape_filter)
        made = _filter_structs[shape_filter] = (owner, owner[0])  # (the struct lives in owner)
    return made[1]


_filter_structs: dict[pymunk.ShapeFilter, tuple[object, object]] = {}


def length(x: float, y: float) -> float:
    """The length of (x, y) as the square root of x² + y²: the float numpy's sqrt of the same
    sum gives too (math.hypot's can differ in its last bit), so the crowd's hunt over arrays
    (game.sim.crowd) steers exactly as one Mimic steering alone."""
    return math.sqrt(x * x + y * y)


def drive_force(
    vx: float, vy: float, want_vx: float, want_vy: float, gain: float, cap: float
) -> tuple[float, float]:
    """The force that pushes a body moving at (vx, vy) toward a wanted velocity: proportional to
    the difference (`gain` in kg/s), never more than `cap` newtons."""
    fx, fy = (want_vx - vx) * gain, (want_vy - vy) * gain
    magnitude = length(fx, fy)
    if magnitude > cap:
        fx, fy = fx * cap / magnitude, fy * cap / magnitude
    return fx, fy


def drive(body: pymunk.Body, want_vx: float, want_vy: float, gain: float, cap: float) -> None:
    """Push a body toward a wanted velocity (`drive_force`). Every walker in the game moves this
    way, so blows and blasts carry them physically and their own legs bring them back."""
    if _set_force is None:
        vx, vy = body.velocity
        body.force = drive_force(vx, vy, want_vx, want_vy, gain, cap)
        return
    cp = body._body  # (chipmunk's own calls: what Body.velocity and Body.force make, less a Vec2d)
    v = _get_velocity(cp)
    _set_force(cp, drive_force(v.x, v.y, want_vx, want_vy, gain, cap))

"""Route bots: a documented route file played by a bot that walks, fights and follows orders.

Owns the route language and the `RouteBot` that plays it, so a scripted run can beat the campaign
headless (`aynik sim --bot route:FILE`) and a test can prove the game can be won. The bot only reads
the run and returns InputFrames, exactly as a player's controls would; what it produces is what a
replay records. Must not import pygame.

A route file is UTF-8 text, one command per line; `#` starts a comment; blank lines are ignored.

    day                  a new day's orders begin here; when a loop starts, the bot moves on to
                         the next `day` (so a route is a list of days, one per loop)
    goto X Y             walk to map pixel (X, Y) along walkable ground, fighting on the way
    goto NAME            walk to the named object of the current map (its centre)
    approach NAME PX     walk toward the named object until within PX pixels of it
    interact             press interact once
    hold TICKS           hold interact for TICKS ticks
    wait TICKS           stand still for TICKS ticks (fighting whatever comes)
    claymore             Day 0: hold out until the Alpha is on him, then set off the claymore
    plant                hold interact at the Omega's core until the charge is planted, stepping
                         back in whenever a blow knocks him out of reach
    kill-alpha           fight the Alpha until it falls
    spare-alpha on|off   whether he holds fire on Alphas (on by default: an Alpha's death resets
                         the day, so a route only kills one on purpose, with kill-alpha)
    avoid-mines on|off   keep clear of every mine, as a runner who knows the map does (off by
                         default: he steps around only the mines Cage remembers)
    reset                restart the day now
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from pathlib import Path

import pymunk

from game import safe_read
from game import tuning as T
from game.sim import inputs
from game.sim.events import LevelEntered
from game.sim.flow import blocked_grid
from game.sim.inputs import InputFrame
from game.sim.loop import LoopStarted, Run
from game.sim.mimic import WINDUP
from game.sim.physics import CAT_WALL, CAT_WATER

MOVE_FILTER = pymunk.ShapeFilter(mask=CAT_WALL | CAT_WATER)
SIGHT_FILTER = pymunk.ShapeFilter(mask=CAT_WALL)
ENGAGE_RANGE = 430.0
ARRIVED = 10.0  # px
STUCK_TICKS = 90
MAX_ROUTE_BYTES = 1024 * 1024
MAX_COORDINATE = 1_000_000  # px: far beyond any map (2048 tiles of 512 px is about this)


class RouteError(ValueError):
    """A route file that cannot be played: `str()` names the file and line."""


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[str, ...]
    line: int


ARITY = {
    "day": (0, 0),
    "goto": (1, 2),
    "approach": (2, 2),
    "interact": (0, 0),
    "hold": (1, 1),
    "wait": (1, 1),
    "claymore": (0, 0),
    "plant": (0, 0),
    "kill-alpha": (0, 0),
    "spare-alpha": (1, 1),
    "avoid-mines": (1, 1),
    "reset": (0, 0),
}


def parse_route(text: str, source: str = "<route>") -> list[list[Command]]:
    """The route's days, each a list of commands (orders before the first `day` are day one)."""
    days: list[list[Command]] = [[]]
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, *args = line.split()
        if name not in ARITY:
            known = ", ".join(sorted(ARITY))
            raise RouteError(f"{source}:{number}: unknown command {name!r} (known: {known})")
        low, high = ARITY[name]
        if not low <= len(args) <= high:
            raise RouteError(f"{source}:{number}: {name} takes {low}-{high} arguments")
        if name in ("hold", "wait") and safe_read.whole_number(args[0], 0, 10**6) is None:
            raise RouteError(f"{source}:{number}: {name} needs a whole number of ticks")
        if name == "goto" and len(args) == 2:
            if any(safe_read.finite_number(a, MAX_COORDINATE) is None for a in args):
                raise RouteError(
                    f"{source}:{number}: goto X Y needs two numbers, finite map pixels "
                    f"(at most {MAX_COORDINATE:g})"
                )
        if name == "approach" and safe_read.whole_number(args[1], 0, MAX_COORDINATE) is None:
            raise RouteError(
                f"{source}:{number}: approach NAME PX needs a whole number of px "
                f"(0 to {MAX_COORDINATE:g})"
            )
        if name in ("spare-alpha", "avoid-mines") and args[0] not in ("on", "off"):
            raise RouteError(f"{source}:{number}: {name} takes on or off")
        if name == "day":
            if days[-1]:
                days.append([])
            continue
        days[-1].append(Command(name, tuple(args), number))
    return days


def load_route(path: str | Path) -> list[list[Command]]:
    """A route file's days, read through the hardened reader; RouteError names the file."""
    try:
        text = safe_read.read_text(path, MAX_ROUTE_BYTES, "route file")
    except FileNotFoundError:
        raise RouteError(f"{path}: cannot read: No such file or directory") from None
    except safe_read.UnsafeInput as exc:
        raise RouteError(str(exc)) from None
    return parse_route(text, str(path))


class Navigator:
    """Tile paths over a map's walkable ground (A*, 8 directions, no corner cutting)."""

    def __init__(self, world) -> None:
        level = world.level
        self.level = level
        self.tw, self.th = level.tile_width, level.tile_height
        self.width, self.height = level.width, level.height
        # The same ground the Mimics' flow field knows.
        self.static_blocked = bytes(blocked_grid(level))

    def _block_area(self, grid, x0, y0, x1, y1) -> None:
        rows = range(max(0, int(y0 // self.th)), min(self.height, math.ceil(y1 / self.th)))
        columns = range(max(0, int(x0 // self.tw)), min(self.width, math.ceil(x1 / self.tw)))
        for ty in rows:
            for tx in columns:
                grid[ty * self.width + tx] = 1

    def grid(self, world, all_mines: bool = False) -> bytearray:
        grid = bytearray(self.static_blocked)
        memory = getattr(world, "memory", None)
        keep_clear = T.MINE_TRIGGER + T.CAGE_RADIUS + 12
        for mine in getattr(world, "mines", ()):
            if mine.armed and (all_mines or (memory is not None and memory.knows(mine.field))):
                x, y, r = mine.obj.x, mine.obj.y, keep_clear
                self._block_area(grid, x - r, y - r, x + r, y + r)
        for gate in getattr(world, "gates", ()):
            if not gate.open:
                o = gate.obj
                self._block_area(grid, o.x, o.y, o.x + o.width, o.y + o.height)
        omega = getattr(world, "omega", None)
        if omega is not None and omega.alive:
            r = T.OMEGA_RADIUS
            self._block_area(grid, omega.x - r, omega.y - r, omega.x + r, omega.y + r)
        return grid

    def path(self, world, start, goal, all_mines: bool = False):
        """Waypoints (tile centres) from start to goal, or None if the goal cannot be reached."""
        grid = self.grid(world, all_mines)
        w = self.width
        sx, sy = int(start[0] // self.tw), int(start[1] // self.th)
        gx, gy = int(goal[0] // self.tw), int(goal[1] // self.th)
        if not (0 <= gx < w and 0 <= gy < self.height):
            return None
        grid[sy * w + sx] = 0  # he is standing here, whatever the grid thinks
        grid[gy * w + gx] = 0
        best = {(sx, sy): 0.0}
        came: dict[tuple[int, int], tuple[int, int]] = {}
        frontier = [(0.0, 0, sx, sy)]
        counter = 0
        while frontier:
            _, _, x, y = heapq.heappop(frontier)
            if (x, y) == (gx, gy):
                break
            cost = best[(x, y)]
            for dx, dy, step in _STEPS:
                nx, ny = x + dx, y + dy
                if not (0 <= nx < w and 0 <= ny < self.height) or grid[ny * w + nx]:
                    continue
                if dx and dy and (grid[y * w + nx] or grid[ny * w + x]):
                    continue  # no squeezing diagonally between two blocks
                new = cost + step
                if new < best.get((nx, ny), math.inf):
                    best[(nx, ny)] = new
                    came[(nx, ny)] = (x, y)
                    counter += 1
                    h = math.hypot(gx - nx, gy - ny)
                    heapq.heappush(frontier, (new + h, counter, nx, ny))
        if (gx, gy) not in best:
            return None
        cells = [(gx, gy)]
        while cells[-1] != (sx, sy):
            cells.append(came[cells[-1]])
        cells.reverse()
        points = [((cx + 0.5) * self.tw, (cy + 0.5) * self.th) for cx, cy in cells[1:]]
        if points:
            points[-1] = goal
        return points


_STEPS = [(1, 0, 1.0), (-1, 0, 1.0), (0, 1, 1.0), (0, -1, 1.0), (1, 1, 1.414), (1, -1, 1.414),
          (-1, 1, 1.414), (-1, -1, 1.414)]  # fmt: skip


def _distance_to_segment(p, a, b) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length))
    return math.hypot(p[0] - (ax + t * dx), p[1] - (ay + t * dy))


class RouteBot:
    """Plays a route: the current day's orders, one at a time, fighting as it goes."""

    def __init__(self, days: list[list[Command]], source: str = "<route>") -> None:
        self.days = days
        self.source = source  # the route file, named in errors
        self.day = 0
        self.index = 0
        self.spare_alpha = True
        self.avoid_mines = False
        self.navigators: dict[str, Navigator] = {}
        self.path: list[tuple[float, float]] | None = None
        self.goal: tuple[float, float] | None = None
        self.timer = 0
        self.last_loop = None
        self.stuck_clock = 0
        self.stuck_from = (0.0, 0.0)
        self.previous_buttons = 0
        self.finished = False

    # --- orders -------------------------------------------------------------------------------
    @property
    def command(self) -> Command | None:
        if self.day >= len(self.days) or self.index >= len(self.days[self.day]):
            return None
        return self.days[self.day][self.index]

    def _next(self) -> None:
        self.index += 1
        self.path = self.goal = None
        self.timer = 0

    def observe(self, events: list) -> None:
        """Feed the tick's events: a new loop moves the bot on to the next day's orders."""
        for e in events:
            command = self.command
            walking = command is not None and command.name in ("goto", "approach")
            if isinstance(e, LevelEntered) and walking:
                self._next()  # he walked into the Exit he was heading for
            if isinstance(e, LoopStarted):
                self.day += 1
                self.index = 0
                self.path = self.goal = None
                self.timer = 0
                self.spare_alpha = True

    def next_frame(self, run: Run) -> InputFrame:
        world = run.world
        cage = world.cage
        if cage.dead or run.completed:
            return InputFrame(buttons=inputs.SKIP)
        move = (0.0, 0.0)
        buttons = 0
        command = self.command
        if command is not None:
            move, buttons = self._obey(command, run)
        aim, fire_buttons = self._fight(world)
        buttons |= fire_buttons
        if aim is None:
            aim = (
                cage.aim
                if move == (0.0, 0.0)
                else inputs.quantize_aim(math.atan2(move[1], move[0]))
            )
        frame = InputFrame(
            inputs.quantize_axis(move[0]), inputs.quantize_axis(move[1]), aim, buttons
        )
        self.previous_buttons = buttons
        return frame

    def _obey(self, command: Command, run: Run) -> tuple[tuple[float, float], int]:
        world = run.world
        cage = world.cage
        name, args = command.name, command.args
        if name in ("goto", "approach"):
            if self.goal is None:
                self.goal = self._resolve(world, args[:1] if name == "approach" else args, command)
            within = float(args[1]) if name == "approach" else ARRIVED
            move = self._walk(world, within)
            if move is None:
                self._next()
                return (0.0, 0.0), 0
            return move, 0
        if name == "interact":
            self._next()
            return (0.0, 0.0), inputs.INTERACT
        if name == "hold":
            self.timer += 1
            if self.timer > int(args[0]):
                self._next()
                return (0.0, 0.0), 0
            return (0.0, 0.0), inputs.INTERACT
        if name == "wait":
            self.timer += 1
            if self.timer >= int(args[0]):
                self._next()
            return (0.0, 0.0), 0
        if name == "claymore":
            for mimic in world.mimics:
                if mimic.kind.name == "alpha" and mimic.dangerous:
                    if math.dist(mimic.position, cage.position) <= T.CLAYMORE_REACH - 12:
                        # A press is a change: let go first if the button is already down.
                        if self.previous_buttons & inputs.INTERACT:
                            return (0.0, 0.0), 0
                        return (0.0, 0.0), inputs.INTERACT
            return (0.0, 0.0), 0
        if name == "plant":
            omega, charge = world.omega, world.charge
            if omega is None or charge is None or charge.state != 1:
                self._next()
                return (0.0, 0.0), 0
            dx, dy = omega.x - cage.position[0], omega.y - cage.position[1]
            d = math.hypot(dx, dy) or 1.0
            if d > T.PLANT_REACH - 20:
                return (dx / d, dy / d), inputs.INTERACT
            return (0.0, 0.0), inputs.INTERACT
        if name == "kill-alpha":
            self.spare_alpha = False
            alphas = [m for m in world.mimics if m.kind.name == "alpha" and m.alive]
            if not alphas:
                return (0.0, 0.0), 0  # the day resets when it falls; the loop moves us on
            return (0.0, 0.0), 0
        if name == "spare-alpha":
            self.spare_alpha = args[0] == "on"
            self._next()
            return (0.0, 0.0), 0
        if name == "avoid-mines":
            self.avoid_mines = args[0] == "on"
            self._next()
            return (0.0, 0.0), 0
        if name == "reset":
            self._next()
            return (0.0, 0.0), inputs.RESET_NOW
        self._next()
        return (0.0, 0.0), 0

    def _resolve(self, world, args: tuple[str, ...], command: Command) -> tuple[float, float]:
        if len(args) == 2:
            return (float(args[0]), float(args[1]))
        for o in world.level.objects:
            if o.name == args[0]:
                return o.center if not o.is_point else (o.x, o.y)
        raise RouteError(
            f"{self.source}:{command.line}: no object named "
            f"{safe_read.safe_text(args[0])[:60]!r} in {Path(world.level.path).name}"
        )

    def _navigator(self, world) -> Navigator:
        key = world.level.path
        nav = self.navigators.get(key)
        if nav is None:
            nav = self.navigators[key] = Navigator(world)
        return nav

    def _walk(self, world, within: float = ARRIVED) -> tuple[float, float] | None:
        """This tick's direction toward the goal; None once he is within `within` px of it."""
        cage = world.cage
        x, y = cage.position
        goal = self.goal
        if math.dist((x, y), goal) <= within:
            return None
        if self.path is None:
            nav = self._navigator(world)
            self.path = nav.path(world, (x, y), goal, self.avoid_mines) or [goal]
            self.stuck_clock, self.stuck_from = 0, (x, y)
        # Skip ahead to the farthest waypoint he can walk straight to.
        while len(self.path) > 1 and self._clear(world, (x, y), self.path[1]):
            self.path.pop(0)
        target = self.path[0]
        if math.dist((x, y), target) <= ARRIVED and len(self.path) > 1:
            self.path.pop(0)
            target = self.path[0]
        self.stuck_clock += 1
        if self.stuck_clock >= STUCK_TICKS:
            if math.dist((x, y), self.stuck_from) < 24:
                self.path = None  # pushed off course or caught on something: plan again
            self.stuck_clock, self.stuck_from = 0, (x, y)
        dx, dy = target[0] - x, target[1] - y
        d = math.hypot(dx, dy) or 1.0
        scale = 1.0 if d > 30 else max(0.35, d / 30)
        return (dx / d * scale, dy / d * scale)

    def _clear(self, world, a, b) -> bool:
        """Whether he can walk straight from a to b: no wall, water, shut gate or mine to avoid."""
        if world.space.segment_query_first(a, b, T.CAGE_RADIUS + 1, MOVE_FILTER) is not None:
            return False
        memory = world.memory
        keep_clear = T.MINE_TRIGGER + T.CAGE_RADIUS + 8
        for mine in getattr(world, "mines", ()):
            if mine.armed and (self.avoid_mines or memory.knows(mine.field)):
                if _distance_to_segment((mine.obj.x, mine.obj.y), a, b) < keep_clear:
                    return False
        return True

    # --- fighting -----------------------------------------------------------------------------
    def _fight(self, world) -> tuple[int | None, int]:
        cage = world.cage
        x, y = cage.position
        best, target = ENGAGE_RANGE, None
        for mimic in world.mimics:
            if not mimic.dangerous:
                continue
            if mimic.kind.name == "alpha" and self.spare_alpha:
                continue
            d = math.dist((x, y), mimic.position)
            windup_bonus = 0.6 if mimic.state == WINDUP else 1.0  # the one about to lunge first
            if d * windup_bonus < best:
                hit = world.space.segment_query_first((x, y), mimic.position, 0.0, SIGHT_FILTER)
                if hit is None:
                    best, target = d * windup_bonus, mimic
        buttons = 0
        if target is None:
            if cage.ammo < T.RIFLE_MAGAZINE // 2 and not cage.reloading:
                buttons |= inputs.RELOAD
            return None, buttons
        tx, ty = target.position
        aim = inputs.quantize_aim(math.atan2(ty - y, tx - x))
        if cage.ammo == 0:
            buttons |= inputs.RELOAD
        else:
            buttons |= inputs.FIRE
        if cage.has_blade and math.dist((x, y), (tx, ty)) < T.BLADE_REACH + 10:
            if not self.previous_buttons & inputs.BLADE:
                buttons |= inputs.BLADE
        return aim, buttons

"""The route bot: a route file (game.bots.route_language) played by a bot that walks, fights and
follows orders.

Owns `RouteBot` and its tile paths (`Navigator`), so a scripted run can beat the campaign headless
(`aynik sim --bot route:FILE`) and a test can prove the game can be won. The bot only reads the run
and returns InputFrames, exactly as a player's controls would; what it produces is what a replay
records. Must not import pygame.
"""

from __future__ import annotations

import heapq
import math
import random
from pathlib import Path

import pymunk

from game import safe_read
from game import tuning as T
from game.bots.route_language import Command, RouteError
from game.sim import inputs
from game.sim.events import LevelEntered, LoopStarted
from game.sim.flow import blocked_grid
from game.sim.inputs import InputFrame
from game.sim.loop import Run
from game.sim.mimic import WINDUP
from game.sim.physics import CAT_WALL, CAT_WATER

MOVE_FILTER = pymunk.ShapeFilter(mask=CAT_WALL | CAT_WATER)
SIGHT_FILTER = pymunk.ShapeFilter(mask=CAT_WALL)
ENGAGE_RANGE = 430.0
ARRIVED = 10.0  # px
STUCK_TICKS = 90


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

    def __init__(
        self, days: list[list[Command]], source: str = "<route>", aim_error_deg: float = 0.0,
        seed: int = 0,
    ) -> None:  # fmt: skip
        """`aim_error_deg`: a random error on every aimed shot, up to this many degrees either
        way (a less than perfect hand, for measuring how forgiving the day is)."""
        self.days = days
        self.source = source  # the route file, named in errors
        self.aim_error = aim_error_deg
        self.hand = random.Random(seed)  # the bot's own, never the game's
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
        self.drill_aim: int | None = None  # where a drill or a `slay` wants him to point
        self.dash = False  # this tick's dodge wants a dash
        self.throwing_spots: dict[tuple, tuple[tuple[float, float], float]] = {}

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
        self.drill_aim = None
        if command is not None:
            move, buttons = self._obey(command, run)
        dodge = self._dodge(world) if world.keypad is None else None
        if dodge is not None:
            move = dodge
            if self.dash and not self.previous_buttons & inputs.DASH:
                buttons |= inputs.DASH
        aim, fire_buttons = self._fight(world)
        if self.drill_aim is not None:
            aim = self.drill_aim  # the drill or the fight in hand decides where he points
            fire_buttons &= ~inputs.FIRE if buttons & (inputs.GRENADE | inputs.BLADE) else ~0
            if command is not None and command.name == "drill":
                fire_buttons = 0
        buttons |= fire_buttons
        if aim is None:
            aim = (
                cage.aim
                if move == (0.0, 0.0)
                else inputs.quantize_aim(math.atan2(move[1], move[0]))
            )
        if self.aim_error and buttons & inputs.FIRE:
            error = self.hand.uniform(-self.aim_error, self.aim_error)
            aim = (aim + round(error / 360.0 * inputs.AIM_UNITS)) % inputs.AIM_UNITS
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
        if name == "drill":
            return self._drill(world)
        if name == "keypad":
            return self._keypad(world, args[0])
        if name == "slay":
            return self._slay(world, args[0])
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

    def _drill(self, world) -> tuple[tuple[float, float], int]:
        """One tick of the drill in progress, played as a careful player would."""
        drill = world.drill
        cage = world.cage
        if drill is None:
            self._next()
            return (0.0, 0.0), 0
        x, y = cage.position
        self.drill_aim = None
        if drill.kind == "move":
            mark = next((m for m in drill.marks if not m[2]), None)
            return (self._toward(x, y, mark[0], mark[1]) if mark else (0.0, 0.0)), 0
        if drill.kind == "reload":
            target = next((t for t in drill.targets if t.alive and t.up), None)
            if target is None:
                return (0.0, 0.0), 0
            self.drill_aim = inputs.quantize_aim(math.atan2(target.y - y, target.x - x))
            return (0.0, 0.0), inputs.FIRE if cage.ammo else inputs.RELOAD
        if drill.kind == "ordnance":
            ring = next((r for r in drill.rings if not r[2]), None)
            if ring is None or world.grenades:
                return (0.0, 0.0), 0  # a grenade in the air: wait for it to land
            # A throw lands a fixed distance off: stand that far from the ring, on open ground
            # with a clear line to it, and lob it that way.
            spot, angle = self._throwing_spot(world, ring[0], ring[1], (x, y))
            if math.dist((x, y), spot) > 4:
                if self.goal != spot:
                    self.goal, self.path = spot, None
                move = self._walk(world, 3.0) if math.dist((x, y), spot) > 30 else None
                return (move or self._toward(x, y, *spot)), 0
            self.drill_aim = inputs.quantize_aim(angle)
            if cage.grenade_cooldown or self.previous_buttons & inputs.GRENADE:
                return (0.0, 0.0), 0
            return (0.0, 0.0), inputs.GRENADE
        if drill.kind == "blade":
            alive = [t for t in drill.targets if t.alive and t.up]
            if not alive:
                return (0.0, 0.0), 0
            target = min(alive, key=lambda t: (math.dist((x, y), (t.x, t.y)), t.id))
            reach = T.CAGE_RADIUS + T.BLADE_REACH + T.DRILL_TARGET_RADIUS - 10
            if math.dist((x, y), (target.x, target.y)) > reach:
                return self._toward(x, y, target.x, target.y), 0
            self.drill_aim = inputs.quantize_aim(math.atan2(target.y - y, target.x - x))
            if cage.blade_cooldown or self.previous_buttons & inputs.BLADE:
                return (0.0, 0.0), 0
            return (0.0, 0.0), inputs.BLADE
        return (0.0, 0.0), 0  # trust: hold out beside her

    def _keypad(self, world, code: str) -> tuple[tuple[float, float], int]:
        """Type `code` at the keypad he stands at, one edge of the stick or button at a time."""
        pad = world.keypad
        released = not self.previous_buttons & inputs.INTERACT
        if pad is None:
            if self.timer:  # it was open and is shut: the gate opened (or the code was wrong)
                self._next()
                return (0.0, 0.0), 0
            return (0.0, 0.0), inputs.INTERACT if released else 0
        self.timer = 1
        if pad.lockout or not released or pad.held:
            return (0.0, 0.0), 0  # let the stick and the button come back first
        want = int(code[len(pad.entered)])
        if pad.dial != want:
            up = (want - pad.dial) % 10 <= 5
            return (0.0, -1.0 if up else 1.0), 0
        return (0.0, 0.0), inputs.INTERACT

    def _throwing_spot(self, world, rx, ry, near) -> tuple[tuple[float, float], float]:
        """The nearest spot a grenade's throw from lands on (rx, ry), and the throw's angle
        (worked out once per ring: the ring and the walls do not move)."""
        key = (world.level.path, rx, ry)
        if key not in self.throwing_spots:
            self.throwing_spots[key] = self._find_throwing_spot(world, rx, ry, near)
        return self.throwing_spots[key]

    def _find_throwing_spot(self, world, rx, ry, near) -> tuple[tuple[float, float], float]:
        flow = world.flow
        best = None
        for step in range(32):
            angle = step * math.pi / 16
            sx = rx - math.cos(angle) * T.GRENADE_RANGE
            sy = ry - math.sin(angle) * T.GRENADE_RANGE
            tx, ty = int(sx // flow.tw), int(sy // flow.th)
            if not (0 <= tx < flow.width and 0 <= ty < flow.height):
                continue
            if flow.blocked[ty * flow.width + tx]:
                continue
            if world.space.segment_query_first((sx, sy), (rx, ry), 0.0, SIGHT_FILTER) is not None:
                continue
            if world.space.point_query_nearest((sx, sy), T.CAGE_RADIUS + 2, MOVE_FILTER):
                continue
            d = math.dist(near, (sx, sy))
            if best is None or d < best[0]:
                best = (d, (sx, sy), angle)
        if best is None:
            return (rx, ry + T.GRENADE_RANGE), -math.pi / 2
        return best[1], best[2]

    @staticmethod
    def _toward(x, y, tx, ty) -> tuple[float, float]:
        """Straight at a spot, easing in so he stops on it."""
        dx, dy = tx - x, ty - y
        d = math.hypot(dx, dy)
        if d < 3:
            return (0.0, 0.0)
        scale = 1.0 if d >= 30 else max(0.3, d / 30)
        return (dx / d * scale, dy / d * scale)

    def _slay(self, world, kind: str) -> tuple[tuple[float, float], int]:
        """Close in on the nearest Mimic of `kind` and fight it until none is left near."""
        cage = world.cage
        x, y = cage.position
        prey = [m for m in world.mimics if m.kind.name == kind and m.alive]
        prey = [m for m in prey if math.dist((x, y), m.position) < 900]
        if not prey:
            self._next()
            return (0.0, 0.0), 0
        target = min(prey, key=lambda m: (math.dist((x, y), m.position), m.id))
        tx, ty = target.position
        d = math.dist((x, y), (tx, ty))
        reach = T.CAGE_RADIUS + T.BLADE_REACH + target.kind.radius - 6
        if cage.grenades and 110 < d < T.GRENADE_RANGE and not world.grenades:
            if not (cage.grenade_cooldown or self.previous_buttons & inputs.GRENADE):
                self.drill_aim = inputs.quantize_aim(math.atan2(ty - y, tx - x))
                return (0.0, 0.0), inputs.GRENADE
        if not cage.has_blade and cage.grenades == 0:
            return (0.0, 0.0), 0  # nothing that hurts it: the rifle does what it can
        if target.lunging or target.state == WINDUP:
            away = self._toward(tx, ty, x, y)  # step off its line
            return (-away[1], away[0]), 0
        if d > reach:
            return self._toward(x, y, tx, ty), 0
        self.drill_aim = inputs.quantize_aim(math.atan2(ty - y, tx - x))
        if cage.blade_cooldown or self.previous_buttons & inputs.BLADE:
            return (0.0, 0.0), 0
        return (0.0, 0.0), inputs.BLADE

    def _dodge(self, world) -> tuple[float, float] | None:
        """Away from the ground about to burst (a burrower surfacing close by), or off the line
        of a lunge about to come (dashing through it when he can)."""
        cage = world.cage
        x, y = cage.position
        self.dash = False
        for mimic in world.mimics:
            if mimic.state != WINDUP:
                continue
            mx, my = mimic.position
            d = math.dist((x, y), (mx, my)) or 1.0
            if mimic.kind.behaviour == "burrower":
                if d < T.BURROWER_ERUPT_RADIUS + T.CAGE_RADIUS + 30:
                    return ((x - mx) / d, (y - my) / d)
            elif mimic.kind.behaviour == "melee" and mimic.timer <= 4:
                if d < mimic.kind.lunge_speed * mimic.kind.lunge / T.TICK_RATE * 0.8:
                    self.dash = cage.can_dash and cage.dash_cooldown == 0
                    side = (
                        1.0 if (mimic.id % 2) else -1.0
                    )  # step off its line, one way or the other
                    return (-(my - y) / d * side, (mx - x) / d * side)
        return None

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
        close, close_d = None, T.CAGE_RADIUS + T.BLADE_REACH + 4
        for mimic in world.mimics:
            if not mimic.dangerous:
                continue
            if mimic.kind.resets_day and self.spare_alpha:
                continue
            d = math.dist((x, y), mimic.position)
            if cage.has_blade and d - mimic.kind.radius < close_d:
                close, close_d = mimic, d - mimic.kind.radius  # steel cuts through any armour
            if mimic.armoured_against(x, y):
                continue  # rounds would glance off: leave it to the blade, a grenade or a flank
            windup_bonus = 0.6 if mimic.state == WINDUP else 1.0  # the one about to lunge first
            if d * windup_bonus < best:
                hit = world.space.segment_query_first((x, y), mimic.position, 0.0, SIGHT_FILTER)
                if hit is None:
                    best, target = d * windup_bonus, mimic
        buttons = 0
        if close is not None:
            tx, ty = close.position
            if not self.previous_buttons & inputs.BLADE and not cage.blade_cooldown:
                buttons |= inputs.BLADE
            return inputs.quantize_aim(math.atan2(ty - y, tx - x)), buttons
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
        return aim, buttons

"""The camera: where the view looks, how it follows Cage, screen shake, world <-> screen.

Owns the view's centre (a critically damped follow of a focus point, frame-rate independent), the
look-ahead toward the aim (a quarter of the way toward the mouse, capped), clamping to the map, and
the trauma model of screen shake (shake = trauma squared; trauma decays linearly). Shake jitter uses
the camera's own cosmetic `random.Random`, never the simulation's RNG.

Must not import game.scenes or game.app, and never writes to the simulation.
"""

from __future__ import annotations

import math
import random

LOOK_AHEAD = 0.25  # fraction of the way from Cage toward the mouse
LOOK_AHEAD_MAX = 160.0  # px
LOOK_AHEAD_NO_MOUSE = 70.0  # px along the aim when there is no mouse (gamepad, replays)
SMOOTH_TIME = 0.14  # s: the follow's time constant (critically damped)
MAX_SHAKE = 16.0  # px at full trauma
TRAUMA_DECAY = 1.4  # trauma lost per second
SNAP_DISTANCE = 1200.0  # px: farther than this from the focus and the camera jumps instead


def smooth_damp(
    current: float, target: float, velocity: float, smooth_time: float, dt: float
) -> tuple[float, float]:
    """A critically damped spring step (Game Programming Gems 4, 1.10): exact for any dt, so the
    follow looks the same at 30 or 240 frames a second. Returns (new value, new velocity)."""
    omega = 2.0 / smooth_time
    x = omega * dt
    decay = 1.0 / (1.0 + x + 0.48 * x * x + 0.235 * x * x * x)
    change = current - target
    temp = (velocity + omega * change) * dt
    velocity = (velocity - omega * temp) * decay
    return target + (change + temp) * decay, velocity


class Camera:
    def __init__(
        self, viewport: tuple[int, int], map_size: tuple[int, int], seed: int = 0x5EED
    ) -> None:
        self.width, self.height = int(viewport[0]), int(viewport[1])
        self.map_width, self.map_height = int(map_size[0]), int(map_size[1])
        self.x = self.width / 2.0  # the view's centre in world pixels, before shake
        self.y = self.height / 2.0
        self._vx = 0.0
        self._vy = 0.0
        self.trauma = 0.0
        self.shake_scale = 1.0  # the player's screen-shake setting: 0 none, 1 full
        self.shake_x = 0  # this frame's shake offset, px
        self.shake_y = 0
        self._rng = random.Random(seed)
        # The top-left world pixel of the view this frame, shake included (integers: crisp tiles).
        self.left = 0
        self.top = 0
        self._set_origin()

    # --- set-up -------------------------------------------------------------------------------
    def resize(self, viewport: tuple[int, int]) -> None:
        self.width, self.height = max(1, int(viewport[0])), max(1, int(viewport[1]))
        self.x, self.y = self._clamp(self.x, self.y)
        self._set_origin()

    @property
    def viewport(self) -> tuple[int, int]:
        return (self.width, self.height)

    # --- following ----------------------------------------------------------------------------
    def target_for(
        self,
        focus: tuple[float, float],
        aim_screen: tuple[float, float] | None,
        aim_radians: float | None = None,
    ) -> tuple[float, float]:
        """Where the view wants its centre: the focus, pushed toward the aim, inside the map."""
        fx, fy = focus
        if aim_screen is not None:
            # Against the unshaken view, so a shake does not make the look-ahead twitch.
            ax = aim_screen[0] + self.x - self.width / 2.0
            ay = aim_screen[1] + self.y - self.height / 2.0
            ox, oy = (ax - fx) * LOOK_AHEAD, (ay - fy) * LOOK_AHEAD
        elif aim_radians is not None:
            ox = math.cos(aim_radians) * LOOK_AHEAD_NO_MOUSE
            oy = math.sin(aim_radians) * LOOK_AHEAD_NO_MOUSE
        else:
            ox = oy = 0.0
        length = math.hypot(ox, oy)
        if length > LOOK_AHEAD_MAX:
            ox, oy = ox * LOOK_AHEAD_MAX / length, oy * LOOK_AHEAD_MAX / length
        return self._clamp(fx + ox, fy + oy)

    def snap(self, target: tuple[float, float]) -> None:
        """Jump straight to a point (a new day, a teleport): no smoothing, no velocity."""
        self.x, self.y = self._clamp(*target)
        self._vx = self._vy = 0.0
        self._set_origin()

    def update(self, dt: float, target: tuple[float, float]) -> None:
        """Move toward `target` for `dt` seconds and roll this frame's shake."""
        tx, ty = self._clamp(*target)
        if math.hypot(tx - self.x, ty - self.y) > SNAP_DISTANCE:
            self.snap((tx, ty))
        elif dt > 0.0:
            self.x, self._vx = smooth_damp(self.x, tx, self._vx, SMOOTH_TIME, dt)
            self.y, self._vy = smooth_damp(self.y, ty, self._vy, SMOOTH_TIME, dt)
            self.x, self.y = self._clamp(self.x, self.y)
            self.trauma = max(0.0, self.trauma - TRAUMA_DECAY * dt)
            shake = self.trauma * self.trauma * MAX_SHAKE * self.shake_scale
            if shake >= 0.5:
                self.shake_x = round(self._rng.uniform(-shake, shake))
                self.shake_y = round(self._rng.uniform(-shake, shake))
            else:
                self.shake_x = self.shake_y = 0
        self._set_origin()

    def add_trauma(self, amount: float) -> None:
        self.trauma = min(1.0, self.trauma + amount)

    @property
    def shake(self) -> float:
        return self.trauma * self.trauma

    # --- transforms ---------------------------------------------------------------------------
    def world_to_screen(self, pos: tuple[float, float]) -> tuple[float, float]:
        return (pos[0] - self.left, pos[1] - self.top)

    def screen_to_world(self, pos: tuple[float, float]) -> tuple[float, float]:
        return (pos[0] + self.left, pos[1] + self.top)

    def _set_origin(self) -> None:
        self.left = math.floor(self.x - self.width / 2.0) + self.shake_x
        self.top = math.floor(self.y - self.height / 2.0) + self.shake_y

    def _clamp(self, x: float, y: float) -> tuple[float, float]:
        half_w, half_h = self.width / 2.0, self.height / 2.0
        if self.map_width <= self.width:
            x = self.map_width / 2.0
        else:
            x = min(max(x, half_w), self.map_width - half_w)
        if self.map_height <= self.height:
            y = self.map_height / 2.0
        else:
            y = min(max(y, half_h), self.map_height - half_h)
        return (x, y)

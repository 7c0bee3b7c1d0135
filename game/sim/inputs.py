"""InputFrame: the whole input of one simulation tick (Doom's ticcmd).

Owns the per-tick intents and their quantization. Everything the player can do in a tick is here,
as small integers, so a replay stores exactly what the live game ran on. Imports nothing from the
game and no pygame: the input layer builds frames, the simulation reads them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

AIM_UNITS = 65536  # binary angle: a full turn, clockwise from east (screen y points down)
AXIS_MAX = 127  # move axes are signed bytes

# Button bits. The order is part of the replay format: append, never renumber.
FIRE = 1 << 0
BLADE = 1 << 1
DASH = 1 << 2
GRENADE = 1 << 3
INTERACT = 1 << 4
RELOAD = 1 << 5
RESET = 1 << 6  # held to restart the day
SKIP = 1 << 7  # skips a skippable beat (death slow-motion, cards)
RESET_NOW = 1 << 8  # restart the day at once (the pause menu's choice)
ALL_BUTTONS = (1 << 9) - 1


@dataclass(frozen=True, slots=True)
class InputFrame:
    move_x: int = 0  # -127..127, east positive
    move_y: int = 0  # -127..127, south positive
    aim: int = 0  # 0..65535 binary angle
    buttons: int = 0

    def __post_init__(self) -> None:
        if not (-AXIS_MAX <= self.move_x <= AXIS_MAX and -AXIS_MAX <= self.move_y <= AXIS_MAX):
            raise ValueError(f"move axes out of range: {self.move_x}, {self.move_y}")
        if not 0 <= self.aim < AIM_UNITS:
            raise ValueError(f"aim out of range: {self.aim}")
        if self.buttons & ~ALL_BUTTONS:
            raise ValueError(f"unknown button bits: {self.buttons:#x}")

    def held(self, button: int) -> bool:
        return bool(self.buttons & button)

    @property
    def aim_radians(self) -> float:
        return self.aim * (2.0 * math.pi / AIM_UNITS)

    def move_vector(self) -> tuple[float, float]:
        """The wanted direction of travel, length at most 1 (diagonals are not faster)."""
        x = self.move_x / AXIS_MAX
        y = self.move_y / AXIS_MAX
        length = math.hypot(x, y)
        if length > 1.0:
            return (x / length, y / length)
        return (x, y)

    def encode(self) -> str:
        """The frame as four space-separated integers (the replay file's per-tick record)."""
        return f"{self.move_x} {self.move_y} {self.aim} {self.buttons}"

    @classmethod
    def decode(cls, text: str) -> InputFrame:
        parts = text.split()
        if len(parts) != 4:
            raise ValueError(f"an input frame has 4 numbers, got {len(parts)}")
        mx, my, aim, buttons = (int(p) for p in parts)
        return cls(mx, my, aim, buttons)


NEUTRAL = InputFrame()


def quantize_aim(radians: float) -> int:
    """An angle (clockwise from east, screen coordinates) as binary angle units."""
    return round(radians / (2.0 * math.pi) * AIM_UNITS) % AIM_UNITS


def quantize_axis(value: float) -> int:
    """A stick or key axis in -1..1 as a signed byte."""
    return max(-AXIS_MAX, min(AXIS_MAX, round(value * AXIS_MAX)))

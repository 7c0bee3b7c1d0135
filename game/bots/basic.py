"""The simplest bots: `idle` stands still, `random` wanders and fires.

Each looks at the run (read-only) and returns the next InputFrame, exactly as a human's input
layer would; its randomness is its own seeded `random.Random`, never the simulation's. Must not
import pygame.
"""

from __future__ import annotations

import math
import random

from game.sim import inputs
from game.sim.inputs import InputFrame
from game.sim.loop import Run
from game.sim.mimic import BURROWED


class IdleBot:
    """Stands still and does nothing: the day plays out around him."""

    def next_frame(self, run: Run) -> InputFrame:
        return inputs.NEUTRAL

    def observe(self, events: list) -> None:
        pass


class RandomBot:
    """Wanders, turns to the nearest Mimic and fires in bursts; reloads when dry; skips beats."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed ^ 0x5EED)
        self.move = (0, 0)
        self.move_ticks = 0
        self.burst_ticks = 0

    def next_frame(self, run: Run) -> InputFrame:
        world = run.world
        cage = world.cage
        if self.move_ticks <= 0:
            self.move = (self.rng.choice((-127, 0, 127)), self.rng.choice((-127, 0, 127)))
            self.move_ticks = self.rng.randint(20, 90)
        self.move_ticks -= 1
        cx, cy = cage.position
        target = None
        best = 600.0**2
        for mimic in world.mimics:
            if mimic.state == BURROWED:
                continue
            mx, my = mimic.position
            d = (mx - cx) ** 2 + (my - cy) ** 2
            if d < best:
                best, target = d, (mx, my)
        buttons = 0
        if target is not None:
            aim = inputs.quantize_aim(math.atan2(target[1] - cy, target[0] - cx))
            if self.burst_ticks <= 0 and self.rng.random() < 0.1:
                self.burst_ticks = self.rng.randint(10, 40)
        else:
            aim = (cage.aim + self.rng.randint(-600, 600)) % inputs.AIM_UNITS
        if self.burst_ticks > 0:
            self.burst_ticks -= 1
            buttons |= inputs.FIRE
        if cage.ammo == 0 or (target is None and cage.ammo < 10):
            buttons |= inputs.RELOAD
        if cage.dead:
            buttons |= inputs.SKIP
        return InputFrame(self.move[0], self.move[1], aim, buttons)

    def observe(self, events: list) -> None:
        pass

"""The way on: Exits into the Run's other maps, and the hidden shaft down to the final act.

Owns the exit system (ExitSystem): the Exit Cage has reached today (the Run takes him through it,
game.sim.loop), whether he has gone down the shaft beyond the loop (the final act: from there
death is final and the Omega wakes), and whether he has been warned at its edge. It reaches the
other systems only through the World it is handed (imported for type checking only). Must not
import pygame, time, global random or os.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from game import tuning as T
from game.sim import events as ev
from game.sim.hashing import StateHasher
from game.sim.knowledge import VISION_OMEGA

if TYPE_CHECKING:
    from game.sim.world import World


class ExitSystem:
    """The way on through the day: `update` each tick, after the Omega's turn (the shaft's
    open Gate, its warning, then the map's Exits)."""

    def __init__(self) -> None:
        self.exit_taken: tuple[str, str] | None = None  # (map, spawn) once Cage reaches an Exit
        self.final_act = False  # beyond the loop: down the hidden shaft
        self.warned_final = False  # he has been told that beyond the shaft death is final

    def update(self, world: World, events: list[ev.SimEvent]) -> None:
        cage = world.cage
        if cage.dead or self.exit_taken is not None:
            return
        x, y = cage.position
        for gate in world.gates:
            if gate.open and gate.requires == VISION_OMEGA and not self.final_act:
                if gate.obj.contains(x, y):
                    self.final_act = True
                    events.append(ev.FinalActBegun(world.tick))
                elif not self.warned_final:
                    cx, cy = gate.obj.center
                    if math.hypot(cx - x, cy - y) <= T.NO_RETURN_WARNING:
                        self.warned_final = True
                        events.append(ev.PointOfNoReturn(world.tick, cx, cy))
        for exit_obj in world.level.objects_of("Exit"):
            if exit_obj.contains(x, y):
                target = str(exit_obj.prop("map", ""))
                if target:
                    self.exit_taken = (target, str(exit_obj.prop("spawn", "")))
                return

    def hash_into(self, h: StateHasher) -> None:
        """The final act, its warning, and the Exit taken (the Run acts on it in the tick it is
        set, game.sim.loop; a bare World keeps it, and it stops the checks above)."""
        h.ints((int(self.final_act), int(self.warned_final)))
        if self.exit_taken is not None:
            h.text(self.exit_taken[0])
            h.text(self.exit_taken[1])

"""The keypad: a Gate with a `code` opens only when Cage types it, digit by digit.

Owns a keypad session within a day: which Gate, the digits entered so far, the digit on the dial,
and the rules of typing (up and down turn the dial, interact enters a digit, a sideways push or
dash steps away). What Cage knows never opens such a Gate by itself: the code is in what he read
(the journal keeps it), and he must put it together and type it; a code he never learned (every
piece in the Gate's `requires`) is only a guess, and the pad refuses it. A wrong code sounds the
alarm and locks the pad for a moment. The keypad system (KeypadSystem) owns the session; it reaches
the other systems only through the World it is handed (imported for type checking only). Must not
import pygame, time, global random or os.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from game import tuning as T
from game.sim import events as ev
from game.sim import inputs
from game.sim.hashing import StateHasher

if TYPE_CHECKING:
    from game.sim.things import GateThing
    from game.sim.world import World

DIAL_THRESHOLD = 64  # of 127: how far up or down the stick must go to turn the dial
LEAVE_THRESHOLD = 96  # a push this hard sideways steps away from the pad


@dataclass
class KeypadSession:
    gate_id: int
    code: str
    entered: list[int] = field(default_factory=list)
    dial: int = 0
    held: int = 0  # -1, 0, +1: the stick's last dial direction (a turn is a change of it)
    lockout: int = 0  # ticks the pad ignores him after a wrong code

    def hash_words(self) -> list[int]:
        return [self.gate_id, self.dial, self.held, self.lockout, len(self.entered), *self.entered]


def pieces(gate) -> list[str]:
    """The knowledge a coded Gate's code is made of (its `requires`, comma-separated)."""
    return [k.strip() for k in str(gate.requires).split(",") if k.strip()]


class KeypadSystem:
    """Typing at a Gate's keypad through the day: `update` at the start of each tick (before
    Cage moves: the pad holds him), `near` and `open` when he interacts at a coded Gate."""

    def __init__(self) -> None:
        self.session: KeypadSession | None = None  # Cage at a Gate's keypad, typing

    def near(self, world: World) -> GateThing | None:
        """The shut, coded Gate Cage stands at, if any."""
        x, y = world.cage.position
        margin = T.CAGE_RADIUS + T.INTERACT_REACH
        for gate in world.gates:
            o = gate.obj
            if gate.open or not gate.code:
                continue
            if o.x - margin <= x <= o.x + o.width + margin and (
                o.y - margin <= y <= o.y + o.height + margin
            ):
                return gate
        return None

    def open(self, world: World, gate: GateThing, events: list[ev.SimEvent]) -> None:
        self.session = KeypadSession(gate.obj.id, gate.code)
        events.append(ev.KeypadOpened(world.tick, gate.obj.id, len(self.session.code)))

    def update(self, world: World, frame: inputs.InputFrame, events: list[ev.SimEvent]) -> None:
        pad = self.session
        if pad is None:
            return
        cage = world.cage
        tick = world.tick
        if cage.dead or abs(frame.move_x) >= LEAVE_THRESHOLD or cage.pressed(frame, inputs.DASH):
            self.session = None
            events.append(ev.KeypadClosed(tick, pad.gate_id, "left"))
            return
        if pad.lockout > 0:
            pad.lockout -= 1
            return
        direction = (
            -1 if frame.move_y <= -DIAL_THRESHOLD else (1 if frame.move_y >= DIAL_THRESHOLD else 0)
        )
        if direction != pad.held and direction != 0:
            pad.dial = (pad.dial - direction) % 10  # up (north) turns the dial up
            events.append(ev.KeypadDial(tick, pad.gate_id, pad.dial))
        pad.held = direction
        if not cage.pressed(frame, inputs.INTERACT):
            return
        pad.entered.append(pad.dial)
        events.append(ev.KeypadDial(tick, pad.gate_id, pad.dial))
        if len(pad.entered) < len(pad.code):
            return
        typed = "".join(str(d) for d in pad.entered)
        gate = next(g for g in world.gates if g.obj.id == pad.gate_id)
        # The code is only in his head if he learned it: every piece the Gate names (say, two
        # halves from two dead men) must be known, or his fingers are only guessing.
        knows = all(world.memory.knows(k) for k in pieces(gate))
        if typed == pad.code and knows:
            self.session = None
            world.thing_system.open_gate(world, gate, events)
            events.append(ev.KeypadClosed(tick, pad.gate_id, "opened"))
        else:
            pad.entered.clear()
            pad.lockout = T.KEYPAD_LOCKOUT
            events.append(ev.KeypadClosed(tick, pad.gate_id, "wrong"))

    def hash_into(self, h: StateHasher) -> None:
        """The session at the pad, if any: its Gate, the dial, the stick, the lockout, the
        digits entered."""
        if self.session is not None:
            h.ints(self.session.hash_words())

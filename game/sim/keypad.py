"""The keypad: a Gate with a `code` opens only when Cage types it, digit by digit.

Owns a keypad session within a day: which Gate, the digits entered so far, the digit on the dial,
and the rules of typing (up and down turn the dial, interact enters a digit, a sideways push or
dash steps away). What Cage knows never opens such a Gate by itself: the code is in what he read
(the journal keeps it), and he must put it together and type it; a code he never learned (every
piece in the Gate's `requires`) is only a guess, and the pad refuses it. A wrong code sounds the
alarm and locks the pad for a moment. A mixin of World (KeypadRules) plus the session's state; pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game import tuning as T
from game.sim import events as ev
from game.sim import inputs

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


class KeypadRules:
    """Typing at a Gate's keypad, as the World runs it (a mixin of World)."""

    def _keypad_near(self):
        """The shut, coded Gate Cage stands at, if any."""
        x, y = self.cage.position
        margin = T.CAGE_RADIUS + T.INTERACT_REACH
        for gate in self.gates:
            o = gate.obj
            if gate.open or not gate.code:
                continue
            if o.x - margin <= x <= o.x + o.width + margin and (
                o.y - margin <= y <= o.y + o.height + margin
            ):
                return gate
        return None

    def _open_keypad(self, gate, events: list[ev.SimEvent]) -> None:
        self.keypad = KeypadSession(gate.obj.id, gate.code)
        events.append(ev.KeypadOpened(self.tick, gate.obj.id, len(self.keypad.code)))

    def _update_keypad(self, frame: inputs.InputFrame, events: list[ev.SimEvent]) -> None:
        pad = self.keypad
        cage = self.cage
        if pad is None:
            return
        if cage.dead or abs(frame.move_x) >= LEAVE_THRESHOLD or cage.pressed(frame, inputs.DASH):
            self.keypad = None
            events.append(ev.KeypadClosed(self.tick, pad.gate_id, "left"))
            return
        if pad.lockout > 0:
            pad.lockout -= 1
            return
        direction = (
            -1 if frame.move_y <= -DIAL_THRESHOLD else (1 if frame.move_y >= DIAL_THRESHOLD else 0)
        )
        if direction != pad.held and direction != 0:
            pad.dial = (pad.dial - direction) % 10  # up (north) turns the dial up
            events.append(ev.KeypadDial(self.tick, pad.gate_id, pad.dial))
        pad.held = direction
        if not cage.pressed(frame, inputs.INTERACT):
            return
        pad.entered.append(pad.dial)
        events.append(ev.KeypadDial(self.tick, pad.gate_id, pad.dial))
        if len(pad.entered) < len(pad.code):
            return
        typed = "".join(str(d) for d in pad.entered)
        gate = next(g for g in self.gates if g.obj.id == pad.gate_id)
        # The code is only in his head if he learned it: every piece the Gate names (say, two
        # halves from two dead men) must be known, or his fingers are only guessing.
        knows = all(self.memory.knows(k) for k in pieces(gate))
        if typed == pad.code and knows:
            self.keypad = None
            self._open_gate(gate, events)
            events.append(ev.KeypadClosed(self.tick, pad.gate_id, "opened"))
        else:
            pad.entered.clear()
            pad.lockout = T.KEYPAD_LOCKOUT
            events.append(ev.KeypadClosed(self.tick, pad.gate_id, "wrong"))

"""Controls: keyboard, mouse and gamepad turned into the player's intents and an InputFrame.

Owns the mapping from physical inputs to actions (through the saved bindings) and the
quantization into the per-tick InputFrame the simulation reads (Tuxemon's "intentions"). Reads
pygame's input state; must not import the simulation beyond game.sim.inputs.
"""

from __future__ import annotations

import math

import pygame

from game.sim import inputs
from game.sim.inputs import InputFrame

# Held actions that map to InputFrame buttons.
BUTTON_ACTIONS = {
    "fire": inputs.FIRE,
    "blade": inputs.BLADE,
    "dash": inputs.DASH,
    "grenade": inputs.GRENADE,
    "interact": inputs.INTERACT,
    "reload": inputs.RELOAD,
    "reset": inputs.RESET,
}
STICK_DEADZONE = 0.22
TRIGGER_THRESHOLD = 0.5


def _key_code(name: str) -> int | None:
    try:
        return pygame.key.key_code(name)
    except (ValueError, pygame.error):
        return None


class Controls:
    """Reads the devices each frame and produces the InputFrame for the next tick."""

    def __init__(self, bindings: dict[str, list[str]]) -> None:
        self.set_bindings(bindings)
        self.controller = None
        self.aim_radians = 0.0
        self.using_gamepad = False
        self._skip_pressed = False
        self._tapped = 0  # buttons pressed since the last frame, held or not
        self._open_controller()

    def set_bindings(self, bindings: dict[str, list[str]]) -> None:
        self.keys: dict[str, list[int]] = {}
        self.mouse: dict[str, list[int]] = {}
        for action, names in bindings.items():
            for name in names:
                if name.startswith("mouse") and name[5:].isdigit():
                    self.mouse.setdefault(action, []).append(int(name[5:]))
                else:
                    code = _key_code(name)
                    if code is not None:
                        self.keys.setdefault(action, []).append(code)

    def is_action_key(self, action: str, key: int) -> bool:
        return key in self.keys.get(action, ())

    def _open_controller(self) -> None:
        try:
            from pygame._sdl2 import controller

            controller.init()
            for index in range(controller.get_count()):
                if controller.is_controller(index):
                    self.controller = controller.Controller(index)
                    return
        except (ImportError, pygame.error):
            self.controller = None

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type in (pygame.CONTROLLERDEVICEADDED,) and self.controller is None:
            self._open_controller()
        elif event.type == pygame.CONTROLLERDEVICEREMOVED:
            self.controller = None
            self.using_gamepad = False
        elif event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN):
            self._skip_pressed = True
            self.using_gamepad = False
            # A tap that goes down and up between two frames still counts, once.
            if event.type == pygame.KEYDOWN:
                pressed, bound = event.key, self.keys
            else:
                pressed, bound = event.button, self.mouse
            for action, bit in BUTTON_ACTIONS.items():
                if pressed in bound.get(action, ()):
                    self._tapped |= bit
        elif event.type == pygame.MOUSEMOTION:
            self.using_gamepad = False
        elif event.type == pygame.CONTROLLERBUTTONDOWN:
            self._skip_pressed = True
            self.using_gamepad = True

    def _held(self, action: str, keys, mouse_buttons) -> bool:
        if any(keys[k] for k in self.keys.get(action, ())):
            return True
        return any(
            1 <= b <= len(mouse_buttons) and mouse_buttons[b - 1]
            for b in self.mouse.get(action, ())
        )

    def frame(self, cage: tuple[float, float], pointer: tuple[float, float]) -> InputFrame:
        """The InputFrame for the next tick, from the devices' current state. `cage` and
        `pointer` are in the same space (map pixels): the mouse aims from one to the other."""
        keys = pygame.key.get_pressed()
        mouse_buttons = pygame.mouse.get_pressed(5)
        mx = float(self._held("right", keys, mouse_buttons)) - float(
            self._held("left", keys, mouse_buttons)
        )
        my = float(self._held("down", keys, mouse_buttons)) - float(
            self._held("up", keys, mouse_buttons)
        )
        buttons = 0
        for action, bit in BUTTON_ACTIONS.items():
            if self._held(action, keys, mouse_buttons):
                buttons |= bit
        dx, dy = pointer[0] - cage[0], pointer[1] - cage[1]
        if not self.using_gamepad and (dx or dy):
            self.aim_radians = math.atan2(dy, dx)
        if self.controller is not None:
            mx, my, buttons = self._gamepad(mx, my, buttons)
        if self._skip_pressed:
            buttons |= inputs.SKIP
            self._skip_pressed = False
        buttons |= self._tapped
        self._tapped = 0
        length = math.hypot(mx, my)
        if length > 1.0:
            mx, my = mx / length, my / length
        return InputFrame(
            inputs.quantize_axis(mx),
            inputs.quantize_axis(my),
            inputs.quantize_aim(self.aim_radians),
            buttons,
        )

    def _gamepad(self, mx: float, my: float, buttons: int) -> tuple[float, float, int]:
        pad = self.controller
        try:
            lx = pad.get_axis(pygame.CONTROLLER_AXIS_LEFTX) / 32767
            ly = pad.get_axis(pygame.CONTROLLER_AXIS_LEFTY) / 32767
            rx = pad.get_axis(pygame.CONTROLLER_AXIS_RIGHTX) / 32767
            ry = pad.get_axis(pygame.CONTROLLER_AXIS_RIGHTY) / 32767
            rt = pad.get_axis(pygame.CONTROLLER_AXIS_TRIGGERRIGHT) / 32767
            lt = pad.get_axis(pygame.CONTROLLER_AXIS_TRIGGERLEFT) / 32767
        except pygame.error:
            self.controller = None
            return mx, my, buttons
        if math.hypot(lx, ly) > STICK_DEADZONE:
            mx, my = lx, ly
            self.using_gamepad = True
        if math.hypot(rx, ry) > STICK_DEADZONE:
            self.aim_radians = math.atan2(ry, rx)
            self.using_gamepad = True
        elif self.using_gamepad and math.hypot(lx, ly) > STICK_DEADZONE:
            self.aim_radians = math.atan2(ly, lx)
        if rt > TRIGGER_THRESHOLD:
            buttons |= inputs.FIRE
        if lt > TRIGGER_THRESHOLD:
            buttons |= inputs.GRENADE
        pad_buttons = {
            pygame.CONTROLLER_BUTTON_A: inputs.DASH,
            pygame.CONTROLLER_BUTTON_B: inputs.BLADE,
            pygame.CONTROLLER_BUTTON_X: inputs.RELOAD,
            pygame.CONTROLLER_BUTTON_Y: inputs.INTERACT,
            pygame.CONTROLLER_BUTTON_RIGHTSHOULDER: inputs.BLADE,
            pygame.CONTROLLER_BUTTON_LEFTSHOULDER: inputs.GRENADE,
            pygame.CONTROLLER_BUTTON_BACK: inputs.RESET,
        }
        for pad_button, bit in pad_buttons.items():
            if pad.get_button(pad_button):
                buttons |= bit
        return mx, my, buttons

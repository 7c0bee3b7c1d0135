"""The HUD's size: the play screen's fixed-to-the-screen layer, drawn small and scaled up.

Owns one reusable transparent surface. At a HUD size of 100% it is not used at all (the HUD draws
straight onto the screen, as cheap as before); at 125% or 150% the HUD, notices and timer draw onto
a surface that much smaller than the window, which is then smooth-scaled over the world, so every
panel, line of text and gap grows together and nothing is laid out twice. Pure rendering: must not
import game.sim or game.scenes.
"""

from __future__ import annotations

import pygame


class HudLayer:
    def __init__(self) -> None:
        self.scale = 1.0
        self._layer: pygame.Surface | None = None

    def begin(self, screen: pygame.Surface, scale: float) -> pygame.Surface:
        """The surface to draw the HUD on this frame: `screen` itself at 100%, else a cleared
        layer of the window's size divided by `scale`."""
        self.scale = scale if scale > 1.0 else 1.0
        if self.scale == 1.0:
            return screen
        w, h = screen.get_size()
        size = (max(1, round(w / self.scale)), max(1, round(h / self.scale)))
        if self._layer is None or self._layer.get_size() != size:
            self._layer = pygame.Surface(size, pygame.SRCALPHA)
        self._layer.fill((0, 0, 0, 0))
        return self._layer

    def to_layer(self, pos: tuple[int, int]) -> tuple[int, int]:
        """A screen position (the mouse) in the layer's pixels."""
        return (round(pos[0] / self.scale), round(pos[1] / self.scale))

    def to_screen(self, rect: pygame.Rect) -> pygame.Rect:
        """A rectangle in the layer's pixels (a panel) in the screen's."""
        k = self.scale
        return pygame.Rect(
            round(rect.x * k), round(rect.y * k), round(rect.w * k), round(rect.h * k)
        )

    def finish(self, screen: pygame.Surface) -> None:
        """Put this frame's HUD on the screen (nothing to do at 100%)."""
        if self.scale == 1.0 or self._layer is None:
            return
        screen.blit(pygame.transform.smoothscale(self._layer, screen.get_size()), (0, 0))

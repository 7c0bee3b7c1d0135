"""The legend's pictures: each mark on the map as the map draws it, small, for the journal.

Owns one icon per legend entry, built once from the same art the world uses (the pickups sheet's
ambush triangle, skull, intel case and charge; the known mine's ticked ring, a gate's hazard
stripes and the brood's sacs from game.render.things; the burrow warning from
game.render.overlays), so what the legend shows is what the player sees. Must not import
game.scenes or the simulation.
"""

from __future__ import annotations

import pygame

from game.render import overlays, ui
from game.render.sheets import SheetBank
from game.render.things import barrier, brood_membrane, hazard_ring
from game.render.view import pb_sprite

ICON = 40  # px: each icon is fitted into a square this size


def _fit(surface: pygame.Surface) -> pygame.Surface:
    """`surface` scaled (keeping its shape) into an ICON square, centred."""
    out = pygame.Surface((ICON, ICON), pygame.SRCALPHA)
    w, h = surface.get_size()
    k = min(ICON / max(1, w), ICON / max(1, h), 2.0)
    image = pygame.transform.smoothscale(surface, (max(1, int(w * k)), max(1, int(h * k))))
    out.blit(image, image.get_rect(center=(ICON // 2, ICON // 2)))
    return out


def _frame(sheets: SheetBank, sheet: str, animation: str) -> pygame.Surface:
    surface, _, _ = sheets[sheet].animation(animation).upright(0)
    return surface


def _ghost() -> pygame.Surface:
    s = pygame.Surface((ICON, ICON), pygame.SRCALPHA)
    points = [(3, 32), (12, 24), (18, 27), (27, 14), (35, 9)]
    pygame.draw.lines(s, (150, 190, 240), False, points, 2)  # as WorldView draws a ghost path
    pygame.draw.circle(s, (200, 230, 255), points[-1], 4, 1)
    return s


def _drill_mark() -> pygame.Surface:
    s = pygame.Surface((ICON, ICON), pygame.SRCALPHA)
    pygame.draw.circle(s, (255, 214, 120), (ICON // 2, ICON // 2), 15, 3)
    ui.draw_text(s, "1", 20, (255, 214, 120), (ICON // 2, ICON // 2), "center", True)
    return s


def build_icons(sheets: SheetBank) -> dict[str, pygame.Surface]:
    """Every legend icon, by the legend entry's key."""
    mine = _frame(sheets, "pickups", "mine").copy()
    ring, _, _ = hazard_ring(15, (235, 60, 40, 220))
    mine_icon = pygame.Surface(ring.get_size(), pygame.SRCALPHA)
    mine_icon.blit(mine, mine.get_rect(center=mine_icon.get_rect().center))
    mine_icon.blit(ring, (0, 0))
    stages = overlays.telegraph_stages(9.0, 3)
    (emerging, _, _), _ = stages[len(stages) * 2 // 3]
    return {
        "ghost": _ghost(),
        "ambush": _fit(_frame(sheets, "pickups", "marker_ambush")),
        "mine": _fit(mine_icon),
        "death": _fit(_frame(sheets, "pickups", "marker_death")),
        "drill": _drill_mark(),
        "gate": _fit(barrier(ICON, ICON * 2 // 3)),
        "seal": _fit(brood_membrane(ICON, ICON * 2 // 3, 5)),
        "emerge": _fit(emerging),
        "intel": _fit(_frame(sheets, "pickups", "intel")),
        "charge": _fit(_frame(sheets, "pickups", "explosive")),
        "pb": _fit(pb_sprite()),
    }

"""Every mark on the map is named: the first four by a hint when first seen, all of them in the
journal's legend, each beside the picture the map draws for it."""

from __future__ import annotations

import pygame

from game.render.legend import ICON, build_icons
from game.render.sheets import SheetBank
from game.scenes.journal import LEGEND
from game.scenes.markers import MARKER_HINTS


def test_the_legend_names_every_mark_with_its_picture():
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    icons = build_icons(SheetBank())
    keys = [key for key, _, _ in LEGEND]
    assert set(MARKER_HINTS) <= set(keys), "every hinted mark is in the legend too"
    assert {"gate", "seal", "emerge", "intel", "charge", "drill"} <= set(keys)
    for key in keys:
        icon = icons[key]
        assert icon.get_size() == (ICON, ICON)
        visible = sum(1 for x in range(ICON) for y in range(ICON) if icon.get_at((x, y)).a > 100)
        assert visible > ICON, f"the {key} icon shows something"
    # Marks are told apart by shape, not only colour: no two icons have the same silhouette.
    # (A gate and a seal take the shape of the way they block, and the two things to pick up are
    # both boxes: those pairs differ by pattern and brightness instead.)
    masks = {key: pygame.mask.from_surface(icons[key], 100) for key in keys}
    for a in keys:
        for b in keys:
            if a < b and {a, b} not in ({"gate", "seal"}, {"intel", "charge"}):
                overlap = masks[a].overlap_area(masks[b], (0, 0))
                union = masks[a].count() + masks[b].count() - overlap
                assert overlap / union < 0.8, (a, b)
    assert luminance_difference(icons["gate"], icons["seal"]) > 25, "stripes are not sacs"
    assert luminance_difference(icons["intel"], icons["charge"]) > 25, "a case is not the charge"


def luminance_difference(a: pygame.Surface, b: pygame.Surface) -> float:
    """Mean difference in brightness, pixel by pixel (what is left with the colour taken away)."""

    def grey(c: pygame.Color) -> float:
        return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b

    total = sum(
        abs(grey(a.get_at((x, y))) - grey(b.get_at((x, y))))
        for x in range(ICON)
        for y in range(ICON)
    )
    return total / (ICON * ICON)

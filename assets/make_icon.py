"""The game's icon, drawn from Cage's own sprite sheet.

Owns assets/icons/aynik-<size>.png (32, 64, 128 and 256 px): the first idle frame of
assets/sprites/cage.png (its frame size read from cage.json, the sheet's frame contract) with a
light outline, on a dark rounded backdrop ringed like the loop. Every picture is composed at the
sprite's own pixel size and then scaled up by a whole factor, so every pixel stays a crisp square.
The game only loads what this script wrote (the window icon, the desktop entry, the standalone
build); it never imports it.

Run from the project root:  .venv/bin/python assets/make_icon.py
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

# Headless: the script only draws into surfaces and saves them, it never opens a window.
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

HERE = Path(__file__).resolve().parent
SHEET = HERE / "sprites" / "cage.png"
CONTRACT = HERE / "sprites" / "cage.json"
ICONS_DIR = HERE / "icons"

# Canvas size -> how many screen pixels one sprite pixel becomes. At 32 and 64 the sprite is a
# little wider than the room: the rifle's muzzle runs off the right edge, Cage himself never does.
SCALES = {32: 1, 64: 2, 128: 3, 256: 6}

BACKDROP = (16, 20, 30)
BACKDROP_RIM = (44, 58, 82)
LOOP_RING = (38, 96, 150)  # the loop's blue, faint behind him
OUTLINE = (236, 226, 196)


def idle_frame() -> pygame.Surface:
    """The first frame of the idle row, cropped to what is drawn in it."""
    contract = json.loads(CONTRACT.read_text(encoding="utf-8"))
    width, height = contract["frame"]
    row = contract["animations"]["idle"]["row"]
    sheet = pygame.image.load(str(SHEET))
    frame = sheet.subsurface((0, row * height, width, height)).copy()
    return frame.subsurface(frame.get_bounding_rect()).copy()


def outlined(sprite: pygame.Surface) -> pygame.Surface:
    """The sprite with a one-pixel outline around its silhouette (so it reads on the dark)."""
    w, h = sprite.get_size()
    out = pygame.Surface((w + 2, h + 2), pygame.SRCALPHA)
    mask = pygame.mask.from_surface(sprite)
    silhouette = mask.to_surface(setcolor=(*OUTLINE, 255), unsetcolor=(0, 0, 0, 0))
    for dx, dy in ((0, 1), (2, 1), (1, 0), (1, 2), (0, 0), (2, 0), (0, 2), (2, 2)):
        out.blit(silhouette, (dx, dy))
    out.blit(sprite, (1, 1))
    return out


def backdrop(cells: int) -> pygame.Surface:
    """A dark rounded square with a rim and a faint ring, `cells` sprite pixels a side."""
    surface = pygame.Surface((cells, cells), pygame.SRCALPHA)
    radius = max(2, cells // 6)
    pygame.draw.rect(surface, BACKDROP, surface.get_rect(), border_radius=radius)
    pygame.draw.rect(surface, BACKDROP_RIM, surface.get_rect(), width=1, border_radius=radius)
    if cells >= 24:
        centre = (cells / 2 - 0.5, cells / 2 - 0.5)
        ring = cells * 0.38
        # Pixel by pixel rather than draw.circle: an even ring at every size, no stray pixels.
        for y in range(cells):
            for x in range(cells):
                if abs(math.hypot(x - centre[0], y - centre[1]) - ring) < 0.55:
                    surface.set_at((x, y), LOOP_RING)
    return surface


def icon(size: int) -> pygame.Surface:
    scale = SCALES[size]
    cells = math.ceil(size / scale)
    canvas = backdrop(cells)
    figure = outlined(idle_frame())
    fw, fh = figure.get_size()
    pad = 1 if cells <= 32 else 2
    # Centred when he fits; otherwise his back keeps the margin and the muzzle is cut by the edge.
    x = (cells - fw) // 2 if fw <= cells - 2 * pad else pad
    y = (cells - fh) // 2
    clip = canvas.get_rect().inflate(-2, -2)  # never over the rim
    canvas.set_clip(clip)
    canvas.blit(figure, (x, y))
    canvas.set_clip(None)
    big = pygame.transform.scale(canvas, (cells * scale, cells * scale))
    # 128 and 256 are not multiples of 3 and 6: shave the rim evenly (a pixel more on the
    # bottom and right when the excess is odd).
    trim = (cells * scale - size) // 2
    return big.subsurface((trim, trim, size, size)).copy()


def main() -> None:
    pygame.display.init()  # images only: no sound device
    ICONS_DIR.mkdir(exist_ok=True)
    for size in SCALES:
        path = ICONS_DIR / f"aynik-{size}.png"
        pygame.image.save(icon(size), str(path))
        print(path.relative_to(HERE.parent))


if __name__ == "__main__":
    main()

"""How finished drawings become files: a sheet's frame grid and its JSON, a full-screen picture.

Owns the file layout every family writes into (the paths, relative to the project root, and the
encoding of PNG and JSON). Nothing here writes to disk: each builder returns its files as bytes
keyed by path, and only the registry (`sheets.py`) decides whether they go into the tree, into a
temporary folder or nowhere. Imports only `palette`; it must not import `shapes` or any family
module (tiles, soldiers, mimics, fx, scenes).
"""

from __future__ import annotations

import io
import json

import pygame

from .palette import new_surface

# Where each kind of output lives, relative to the project root.
SPRITES = "assets/sprites"
TILESET_PNG = "levels/tiles/beach.png"
TILESET_TSX = "levels/beach.tsx"

# Full-screen stills are drawn at this size and scaled up by this factor.
SCENE_W, SCENE_H, SCENE_SCALE = 320, 180, 4

Files = dict[str, bytes]


def png_bytes(surface: pygame.Surface) -> bytes:
    """The surface encoded as PNG, exactly the bytes `pygame.image.save` writes to a file."""
    buf = io.BytesIO()
    pygame.image.save(surface, buf, "png")
    return buf.getvalue()


def text_bytes(text: str) -> bytes:
    return text.encode("utf-8")


def sprite_files(name: str) -> tuple[str, str]:
    """The two files of the sprite sheet called `name`: its image and its JSON."""
    return f"{SPRITES}/{name}.png", f"{SPRITES}/{name}.json"


def scene_file(name: str) -> str:
    return f"{SPRITES}/{name}.png"


# --------------------------------------------------------------------------------------------
# Sprite sheets
# --------------------------------------------------------------------------------------------


class Anim:
    """One row of a sheet: its frames, how long each shows (1/60 s ticks) and whether it loops."""

    def __init__(self, name: str, frames: list[pygame.Surface], ticks: int, loop: bool) -> None:
        self.name, self.frames, self.ticks, self.loop = name, frames, ticks, loop


def save_sheet(name: str, size: tuple[int, int], anims: list[Anim]) -> Files:
    """A sheet's files: one row per animation, one column per frame, and the JSON that says so."""
    w, h = size
    columns = max(len(a.frames) for a in anims)
    sheet = new_surface(columns * w, len(anims) * h)
    meta = {"frame": [w, h], "animations": {}}
    for row, anim in enumerate(anims):
        for col, frame in enumerate(anim.frames):
            assert frame.get_size() == size, f"{name}/{anim.name}: frame is {frame.get_size()}"
            sheet.blit(frame, (col * w, row * h))
        meta["animations"][anim.name] = {
            "row": row,
            "frames": len(anim.frames),
            "ticks_per_frame": anim.ticks,
            "loop": anim.loop,
        }
    png, js = sprite_files(name)
    return {png: png_bytes(sheet), js: text_bytes(json.dumps(meta) + "\n")}


def save_scene(s: pygame.Surface, name: str) -> Files:
    """A full-screen still's file: the 320x180 drawing scaled up to the window's size."""
    big = pygame.transform.scale(s, (SCENE_W * SCENE_SCALE, SCENE_H * SCENE_SCALE))
    return {scene_file(name): png_bytes(big)}

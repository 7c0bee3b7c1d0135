"""The ground: a level's tile layers, pre-rendered once into chunk surfaces, blitted by view.

Owns cutting tiles out of tileset images (honouring margin, spacing and columns; a tile taller or
wider than the map's grid is bottom-aligned to its cell, as Tiled draws it), composing every tile
layer of a chunk (`CHUNK` px square) into one opaque surface the first time that chunk is needed,
and drawing a frame as one blit of a scrolling window buffer composed from those chunks. No tile is
blitted per frame.
`chunks_built` counts chunk renders so tests can see nothing is rebuilt.

Must not import game.scenes or game.app, and never writes to the simulation.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterator

import pygame

from game.level.data import LevelData, Tileset
from game.render.assets import AssetError

CHUNK = 512  # px
WINDOW_STEP = 64  # px: the window buffer scrolls in steps of this
BACKGROUND = (18, 40, 56)  # beyond the map's edge, and under empty cells: deep water


def _opaque(size: tuple[int, int]) -> pygame.Surface:
    """An opaque surface in the screen's pixel format, made so at once (`Surface(...).convert()`
    makes it twice: twice the fresh memory)."""
    screen = pygame.display.get_surface()
    if screen is None:
        raise pygame.error("No video mode has been set")
    return pygame.Surface(size, 0, screen)


def _window_surface(size: tuple[int, int]) -> pygame.Surface:
    """The window buffer: an opaque surface `size` px large whose rows lie one pixel further
    apart than its width (a subsurface of one a pixel wider).

    SDL copies an opaque blit whose rows all start 16-byte aligned, in source and target alike,
    with non-temporal stores, which go around the cache: drawn so, the ground (one blit of this
    buffer onto the screen) would leave the screen out of the cache just before every shadow and
    sprite is blended onto it, wherever the camera stands on a multiple of 4 px (one place in
    four). Rows an odd pixel apart never all align, so that blit is always a plain copy."""
    width, height = size
    return _opaque((width + 1, height)).subsurface((0, 0, width, height))


class TileMap:
    def __init__(self, level: LevelData, chunk: int = CHUNK) -> None:
        self.level = level
        self.chunk = chunk
        self.pixel_width = level.pixel_width
        self.pixel_height = level.pixel_height
        self.columns = max(1, math.ceil(self.pixel_width / chunk))
        self.rows = max(1, math.ceil(self.pixel_height / chunk))
        self._chunks: list[pygame.Surface | None] = [None] * (self.columns * self.rows)
        self.chunks_built = 0
        self._tilesets = sorted(level.tilesets, key=lambda t: t.firstgid)
        self._firstgids = [t.firstgid for t in self._tilesets]
        self._images: dict[int, pygame.Surface] = {}  # firstgid -> converted tileset image
        self._tiles: dict[int, tuple[pygame.Surface, int] | None] = {}  # gid -> (tile, y offset)
        # How far a tile may reach outside its own cell, in cells (oversized tiles).
        tw, th = level.tile_width, level.tile_height
        self._reach_x = max((math.ceil(t.tile_width / tw) - 1 for t in self._tilesets), default=0)
        self._reach_y = max((math.ceil(t.tile_height / th) - 1 for t in self._tilesets), default=0)
        self._blits: list[tuple[pygame.Surface, tuple[int, int]]] = []
        self._window: pygame.Surface | None = None  # the composed map around the camera
        self._window_origin: tuple[int, int] | None = None  # None: nothing painted on it yet

    # --- building -----------------------------------------------------------------------------
    def build_jobs(self, around: tuple[float, float] | None = None) -> Iterator[None]:
        """Render every chunk not yet rendered, one a step (a generator: the caller spreads the
        steps over frames behind a card). Nearest `around` (a world point: where the camera
        will look first) first, so a card cut short has built what shows first."""
        order = [(cx, cy) for cy in range(self.rows) for cx in range(self.columns)]
        if around is not None:
            ax, ay = around[0] / self.chunk - 0.5, around[1] / self.chunk - 0.5
            order.sort(key=lambda c: (c[0] - ax) ** 2 + (c[1] - ay) ** 2)
        for cx, cy in order:
            if self._chunks[cy * self.columns + cx] is None:
                self._chunk(cx, cy)
                yield

    def make_window(self, viewport: tuple[int, int]) -> None:
        """Make the window buffer for a view `viewport` px large now, its memory touched (a whole
        screen of fresh pages: behind a card, not on the map's first frame); the first draw
        paints it."""
        size = (viewport[0] + WINDOW_STEP, viewport[1] + WINDOW_STEP)
        if self._window is None or self._window.get_size() != size:
            self._window = _window_surface(size)
            self._window.fill(BACKGROUND)
            self._window_origin = None

    def take_window(self, other: TileMap) -> None:
        """Take `other`'s window buffer (a map drawn in its place on the same screen: its memory
        is not made again); `other` makes one anew if it is ever drawn again."""
        if other is not self and other._window is not None:
            self._window, other._window = other._window, None
            self._window_origin = other._window_origin = None

    def _chunk(self, cx: int, cy: int) -> pygame.Surface:
        index = cy * self.columns + cx
        surface = self._chunks[index]
        if surface is None:
            surface = self._chunks[index] = self._build(cx, cy)
        return surface

    def _build(self, cx: int, cy: int) -> pygame.Surface:
        level = self.level
        tw, th = level.tile_width, level.tile_height
        x0, y0 = cx * self.chunk, cy * self.chunk
        w = min(self.chunk, self.pixel_width - x0)
        h = min(self.chunk, self.pixel_height - y0)
        surface = _opaque((w, h))
        surface.fill(BACKGROUND)
        # Cells whose tiles can touch this chunk (oversized tiles reach up and to the right).
        col0 = max(0, x0 // tw - self._reach_x)
        col1 = min(level.width, math.ceil((x0 + w) / tw))
        row0 = max(0, y0 // th)
        row1 = min(level.height, math.ceil((y0 + h) / th) + self._reach_y)
        for layer in level.tile_layers:
            if layer.opacity <= 0.0:
                continue
            blits = []
            for row in range(row0, row1):
                gids = layer.gids[row] if row < len(layer.gids) else ()
                cell_bottom = (row + 1) * th - y0
                for col in range(col0, min(col1, len(gids))):
                    gid = gids[col]
                    if not gid:
                        continue
                    tile = self._tile(gid)
                    if tile is not None:
                        blits.append((tile[0], (col * tw - x0, cell_bottom - tile[1])))
            if layer.opacity >= 1.0:
                surface.fblits(blits)
            else:
                sheet = pygame.Surface((w, h), pygame.SRCALPHA)
                sheet.fblits(blits)
                sheet.set_alpha(round(layer.opacity * 255))
                surface.blit(sheet, (0, 0))
        self.chunks_built += 1
        return surface

    def _tile(self, gid: int) -> tuple[pygame.Surface, int] | None:
        """The tile image for a global id and its height (to bottom-align it), or None."""
        if gid in self._tiles:
            return self._tiles[gid]
        tile = None
        i = bisect.bisect_right(self._firstgids, gid) - 1
        if i >= 0:
            ts = self._tilesets[i]
            local = gid - ts.firstgid
            if local < ts.tile_count or ts.tile_count <= 0:
                image = self._image(ts)
                columns = ts.columns or max(
                    1,
                    (image.get_width() - 2 * ts.margin + ts.spacing)
                    // (ts.tile_width + ts.spacing),
                )
                x = ts.margin + (local % columns) * (ts.tile_width + ts.spacing)
                y = ts.margin + (local // columns) * (ts.tile_height + ts.spacing)
                rect = pygame.Rect(x, y, ts.tile_width, ts.tile_height)
                if image.get_rect().contains(rect):
                    tile = (image.subsurface(rect), ts.tile_height)
        self._tiles[gid] = tile
        return tile

    def _image(self, ts: Tileset) -> pygame.Surface:
        image = self._images.get(ts.firstgid)
        if image is None:
            try:
                image = pygame.image.load(ts.image_path).convert_alpha()
            except (pygame.error, OSError, FileNotFoundError) as exc:
                raise AssetError(
                    f"tileset {ts.name!r} image unreadable: {ts.image_path} ({exc})"
                ) from None
            self._images[ts.firstgid] = image
        return image

    # --- drawing ------------------------------------------------------------------------------
    def draw(self, target: pygame.Surface, left: int, top: int) -> None:
        """Draw the map with world pixel (left, top) at the target's top-left corner.

        Like a scrolling console background: a window buffer a little larger than the view holds
        the composed map around the camera. A frame is one blit of it; when the camera crosses a
        WINDOW_STEP boundary the buffer is scrolled and only the newly exposed strips are painted
        from the chunks."""
        vw, vh = target.get_size()
        step = WINDOW_STEP
        ox, oy = (left // step) * step, (top // step) * step
        bw, bh = vw + step, vh + step
        self.make_window((vw, vh))
        buffer = self._window
        if self._window_origin is None:
            self._paint(buffer, ox, oy, pygame.Rect(0, 0, bw, bh))
        elif (ox, oy) != self._window_origin:
            dx, dy = self._window_origin[0] - ox, self._window_origin[1] - oy
            if abs(dx) >= bw or abs(dy) >= bh:
                self._paint(buffer, ox, oy, pygame.Rect(0, 0, bw, bh))
            else:
                buffer.scroll(dx, dy)
                if dx > 0:
                    self._paint(buffer, ox, oy, pygame.Rect(0, 0, dx, bh))
                elif dx < 0:
                    self._paint(buffer, ox, oy, pygame.Rect(bw + dx, 0, -dx, bh))
                if dy > 0:
                    self._paint(buffer, ox, oy, pygame.Rect(0, 0, bw, dy))
                elif dy < 0:
                    self._paint(buffer, ox, oy, pygame.Rect(0, bh + dy, bw, -dy))
        self._window_origin = (ox, oy)
        target.blit(buffer, (0, 0), pygame.Rect(left - ox, top - oy, vw, vh))

    def _paint(self, buffer: pygame.Surface, ox: int, oy: int, area: pygame.Rect) -> None:
        """Compose the chunks under `area` of the window (whose top-left is world (ox, oy))."""
        size = self.chunk
        left, top = ox + area.x, oy + area.y
        right, bottom = left + area.width, top + area.height
        buffer.set_clip(area)
        if left < 0 or top < 0 or right > self.pixel_width or bottom > self.pixel_height:
            buffer.fill(BACKGROUND, area)  # the view shows past the map's edge
        c0 = max(0, left // size)
        c1 = min(self.columns - 1, (right - 1) // size)
        r0 = max(0, top // size)
        r1 = min(self.rows - 1, (bottom - 1) // size)
        blits = self._blits
        blits.clear()
        for cy in range(r0, r1 + 1):
            for cx in range(c0, c1 + 1):
                blits.append((self._chunk(cx, cy), (cx * size - ox, cy * size - oy)))
        buffer.fblits(blits)
        buffer.set_clip(None)

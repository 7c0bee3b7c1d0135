"""The heads-up display: integrity, ammunition, the day clock, the loop mark, the crosshair.

Owns the HUD's look and layout (anchored to the screen's corners, so it follows the window's size):
a segmented integrity bar that turns red and pulses when low; the ammo counter with a bar of the
magazine's rounds, "RELOADING" with a progress bar, and a flashing "EMPTY — R" at zero; the day
clock (the day's sim time as m:ss.fff, exact; it stops when the day does: at Cage's death, the
Alpha's, the Omega's, so it neither crawls through the slow-motion death beat nor runs on after
the run; hidden when the player turns the timers off); a "LOOP" mark (with a small "ASSIST" tag
under it while any assist is on: such a run is kept off personal bests); and the crosshair from
the `cursor` sheet (its reload animation while reloading). Text that rarely changes is rendered
once and cached; numbers are laid out from pre-rendered glyphs; bars are cached per value.

Must not import game.scenes or game.app, and never writes to the simulation: it reads `World`.
"""

from __future__ import annotations

import math

import pygame

from game import tuning as T
from game.render.sheets import SheetBank
from game.render.text import Digits, TextCache
from game.sim.keypad import pieces
from game.sim.knowledge import describe, level_titles
from game.sim.world import World

MARGIN = 18
SEGMENTS = 10
SEGMENT_W, SEGMENT_H, SEGMENT_GAP = 22, 14, 3
LOW_INTEGRITY = 30  # at or below: red and pulsing
PANEL = (10, 14, 18, 190)

WHITE = (240, 240, 232)
DIM = (150, 156, 160)
TEAL = (96, 226, 182)
AMBER = (244, 190, 64)
RED = (236, 58, 44)
BRASS = (232, 196, 100)
SPENT = (52, 56, 60)


def clock_text(tick: int) -> str:
    """A tick count as m:ss.fff (exact: 60 ticks make 1000 ms)."""
    ms = tick * 1000 // T.TICK_RATE
    minutes, ms = divmod(ms, 60_000)
    seconds, ms = divmod(ms, 1000)
    return f"{minutes}:{seconds:02d}.{ms:03d}"


def day_clock_tick(world: World) -> int:
    """The tick the day clock shows: the day's tick, held from the moment the day stops (Cage
    dies, an Alpha dies and the Omega resets the day, or the Omega is destroyed). The beats that
    follow are the day's end, not more of the day."""
    stops = [
        t
        for t in (
            getattr(world, "death_tick", None),
            getattr(world, "alpha_killed_tick", None),
            getattr(world, "completed_tick", None),
        )
        if t is not None
    ]
    return min([world.tick, *stops])


def _panel(w: int, h: int) -> pygame.Surface:
    surface = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.rect(surface, PANEL, surface.get_rect(), border_radius=6)
    pygame.draw.rect(surface, (255, 255, 255, 28), surface.get_rect(), 1, border_radius=6)
    return surface.convert_alpha()


class Hud:
    def __init__(self, sheets: SheetBank | None = None) -> None:
        self.sheets = sheets if sheets is not None else SheetBank()
        self.text = TextCache()
        self._ready = False
        self._bars: dict[tuple, pygame.Surface] = {}
        self._blits: list[tuple[pygame.Surface, tuple[int, int]]] = []
        # Where this frame's panels are (the target's pixels): what lies under them is hidden.
        self.panels: list[pygame.Rect] = []
        self.titles: dict[str, str] | None = None  # knowledge titles of every map of the run

    def _build(self) -> None:
        self.clock_digits = Digits(30, WHITE)
        self.ammo_digits = Digits(46, WHITE)
        self.ammo_digits_low = Digits(46, RED)
        bar_w = SEGMENTS * (SEGMENT_W + SEGMENT_GAP) - SEGMENT_GAP
        self.integrity_panel = _panel(bar_w + 24, 58)
        self.ammo_panel = _panel(236, 86)  # wide enough for "GRENADES 3" beside the count
        self.clock_panel = _panel(196, 44)  # "DAY" and the day's clock
        self.loop_panel = _panel(128, 40)
        self.assist_tag = self._tag("ASSIST", AMBER)
        cursor = self.sheets["cursor"]
        self.cursor_aim = cursor.animation("aim")
        self.cursor_reload = cursor.animation("reload")
        self._ready = True

    # --- cached pieces ------------------------------------------------------------------------
    def _tag(self, label: str, color: tuple[int, int, int]) -> pygame.Surface:
        """A small framed word, as a mark beside a panel."""
        words = self.text.get(label, 16, color)
        w, h = words.get_width() + 14, words.get_height() + 4
        tag = pygame.Surface((w, h), pygame.SRCALPHA)
        pygame.draw.rect(tag, PANEL, tag.get_rect(), border_radius=4)
        pygame.draw.rect(tag, (*color, 200), tag.get_rect(), 1, border_radius=4)
        tag.blit(words, (7, 2))
        return tag.convert_alpha()

    def _integrity_bar(
        self, integrity: int, pulse: int, most: int = T.CAGE_INTEGRITY
    ) -> pygame.Surface:
        key = ("integrity", integrity, pulse, most)
        bar = self._bars.get(key)
        if bar is None:
            per = most / SEGMENTS
            if integrity <= LOW_INTEGRITY:
                k = pulse / 7.0
                color = tuple(int(c * (0.55 + 0.45 * k)) for c in RED)
                color = (min(255, color[0] + int(40 * k)), color[1], color[2])
            elif integrity <= 60:
                color = AMBER
            else:
                color = TEAL
            w = SEGMENTS * (SEGMENT_W + SEGMENT_GAP) - SEGMENT_GAP
            bar = pygame.Surface((w, SEGMENT_H), pygame.SRCALPHA)
            for i in range(SEGMENTS):
                x = i * (SEGMENT_W + SEGMENT_GAP)
                rect = pygame.Rect(x, 0, SEGMENT_W, SEGMENT_H)
                pygame.draw.rect(bar, (*SPENT, 230), rect)
                fill = max(0.0, min(1.0, (integrity - i * per) / per))
                if fill > 0:
                    pygame.draw.rect(bar, color, (x, 0, max(2, round(SEGMENT_W * fill)), SEGMENT_H))
                    pygame.draw.line(
                        bar,
                        tuple(min(255, c + 50) for c in color),
                        (x, 0),
                        (x + max(1, round(SEGMENT_W * fill)) - 1, 0),
                    )
                pygame.draw.rect(bar, (0, 0, 0, 200), rect, 1)
            bar = bar.convert_alpha()
            self._bars[key] = bar
        return bar

    def _magazine_bar(self, ammo: int) -> pygame.Surface:
        key = ("mag", ammo)
        bar = self._bars.get(key)
        if bar is None:
            n = T.RIFLE_MAGAZINE
            tick_w, gap, h = 3, 1, 10
            bar = pygame.Surface((n * (tick_w + gap) - gap, h), pygame.SRCALPHA)
            for i in range(n):
                color = BRASS if i < ammo else SPENT
                bar.fill(color, (i * (tick_w + gap), 0, tick_w, h))
                if i < ammo:
                    bar.fill((255, 236, 170), (i * (tick_w + gap), 0, tick_w, 2))
            bar = bar.convert_alpha()
            self._bars[key] = bar
        return bar

    def _progress_bar(self, fraction: float) -> pygame.Surface:
        steps = 64
        level = max(0, min(steps, int(fraction * steps)))
        key = ("progress", level)
        bar = self._bars.get(key)
        if bar is None:
            w, h = T.RIFLE_MAGAZINE * 4 - 1, 10
            bar = pygame.Surface((w, h), pygame.SRCALPHA)
            bar.fill((*SPENT, 230))
            bar.fill(AMBER, (0, 0, round(w * level / steps), h))
            pygame.draw.rect(bar, (0, 0, 0, 200), bar.get_rect(), 1)
            bar = bar.convert_alpha()
            self._bars[key] = bar
        return bar

    # --- drawing ------------------------------------------------------------------------------
    def _keypad(self, blits: list, world: World, pad, w: int, h: int) -> None:
        """The gate's keypad: the digits typed, the dial, what Cage's notes say of the code, and
        how to work it."""
        text = self.text
        gate = next((g for g in world.gates if g.obj.id == pad.gate_id), None)
        notes = []
        if gate is not None:
            titles = self.titles or level_titles(world.level)
            for knowledge_id in pieces(gate):
                if world.memory.knows(knowledge_id):
                    notes.append(describe(knowledge_id, titles))
        panel = _panel(520, 150 + 22 * max(1, len(notes)))
        px, py = (w - panel.get_width()) // 2, h // 2 + 40
        blits.append((panel, (px, py)))
        title = "WRONG CODE — THE PAD IS LOCKED" if pad.lockout else "KEYPAD"
        blits.append((text.get(title, 18, RED if pad.lockout else BRASS), (px + 16, py + 10)))
        x = px + 16
        for i in range(len(pad.code)):
            if i < len(pad.entered):
                digit, color = str(pad.entered[i]), WHITE
            elif i == len(pad.entered):
                digit, color = str(pad.dial), AMBER
            else:
                digit, color = "_", DIM
            label = text.get(digit, 36, color)
            blits.append((label, (x, py + 36)))
            x += 40
        y = py + 90
        if notes:
            for note in notes:
                blits.append((text.get(f"You remember: {note}", 16, WHITE), (px + 16, y)))
                y += 22
        else:
            blits.append((text.get("You don't know the code.", 16, DIM), (px + 16, y)))
            y += 22
        hint = "W / S  turn the dial    E  enter the digit    A / D  step away"
        blits.append((text.get(hint, 16, DIM), (px + 16, y + 8)))

    def draw(
        self,
        target: pygame.Surface,
        world: World,
        mouse_pos: tuple[int, int] | None,
        loop_number: int | None = None,
        day_clock: bool = True,
    ) -> None:
        """Draw the HUD over `target`. `day_clock`: whether the day clock shows (the player's
        timer setting: off hides every clock)."""
        if not self._ready:
            self._build()
        w, h = target.get_size()
        cage = world.cage
        tick = world.tick
        text = self.text
        blits = self._blits
        blits.clear()
        panels = self.panels
        panels.clear()

        # Integrity, bottom left.
        panel = self.integrity_panel
        px, py = MARGIN, h - MARGIN - panel.get_height()
        blits.append((panel, (px, py)))
        panels.append(panel.get_rect(topleft=(px, py)))
        low = cage.integrity <= LOW_INTEGRITY
        label_color = RED if low else DIM
        blits.append((text.get("INTEGRITY", 18, label_color), (px + 10, py + 6)))
        value = text.get(str(cage.integrity), 18, RED if low else WHITE)
        blits.append((value, (px + panel.get_width() - 10 - value.get_width(), py + 6)))
        pulse = round(3.5 + 3.5 * math.sin(tick * 0.3)) if low else 7
        most = getattr(cage, "max_integrity", T.CAGE_INTEGRITY)
        blits.append((self._integrity_bar(cage.integrity, pulse, most), (px + 12, py + 32)))

        # Ammunition, bottom right.
        panel = self.ammo_panel
        pw, ph = panel.get_size()
        px, py = w - MARGIN - pw, h - MARGIN - ph
        blits.append((panel, (px, py)))
        panels.append(panel.get_rect(topleft=(px, py)))
        magazine = text.get(f"/ {T.RIFLE_MAGAZINE}", 24, DIM)
        digits = self.ammo_digits_low if cage.ammo <= T.RIFLE_MAGAZINE // 5 else self.ammo_digits
        ammo = str(cage.ammo)
        bar_x = px + 20
        mx = px + pw - 20 - magazine.get_width()
        blits.append((magazine, (mx, py + 22)))
        target.fblits(blits)
        blits.clear()
        digits.draw(target, ammo, mx - 6 - digits.width(ammo), py + 4)
        if cage.reloading:
            done = 1.0 - cage.reload_ticks / max(
                1, getattr(cage, "reload_duration", T.RIFLE_RELOAD)
            )
            label = text.get("RELOADING", 18, AMBER)
            blits.append((label, (bar_x - 2, py + 48)))
            blits.append((self._progress_bar(done), (bar_x, py + 68)))
        else:
            blits.append((self._magazine_bar(cage.ammo), (bar_x, py + 68)))
            if cage.ammo == 0 and (tick // 15) % 2 == 0:
                blits.append((text.get("EMPTY — R", 22, RED), (bar_x - 2, py + 46)))

        grenades = getattr(cage, "grenades", 0)
        if grenades > 0:
            blits.append((text.get(f"GRENADES {grenades}", 16, BRASS), (bar_x - 2, py + 8)))

        # The day clock, top centre.
        if day_clock:
            panel = self.clock_panel
            clock = clock_text(day_clock_tick(world))
            cw = self.clock_digits.width(clock)
            panel_w = max(panel.get_width(), cw + 24)
            px = (w - panel_w) // 2
            blits.append((panel, (px + (panel_w - panel.get_width()) // 2, MARGIN - 6)))
            panels.append(pygame.Rect(px, MARGIN - 6, panel_w, panel.get_height()))

        # The loop mark, top left.
        panel = self.loop_panel
        blits.append((panel, (MARGIN, MARGIN - 6)))
        panels.append(panel.get_rect(topleft=(MARGIN, MARGIN - 6)))
        # Day 0 comes before the loop; None is beyond it (the mark goes dark).
        if loop_number:
            loop_label = text.get(f"LOOP {loop_number}", 24, WHITE)
        elif loop_number == 0:
            loop_label = text.get("DAY 0", 24, DIM)
        else:
            loop_label = text.get("LOOP —", 24, DIM)
        blits.append((loop_label, (MARGIN + 12, MARGIN + 4)))
        assists = getattr(world, "assists", None)
        if assists is not None and assists.any:
            blits.append((self.assist_tag, (MARGIN, MARGIN - 6 + panel.get_height() + 4)))

        pad = getattr(world, "keypad", None)
        if pad is not None:
            self._keypad(blits, world, pad, w, h)

        # The crosshair, last: over everything.
        if mouse_pos is not None:
            anim = self.cursor_reload if cage.reloading else self.cursor_aim
            if cage.reloading:
                frame = anim.index_at(
                    getattr(cage, "reload_duration", T.RIFLE_RELOAD) - cage.reload_ticks
                )
            else:
                frame = anim.index_at(tick)
            s, ox, oy = anim.upright(frame)
            blits.append((s, (mouse_pos[0] + ox, mouse_pos[1] + oy)))
        # The clock's digits go after the panels they sit on, and before the crosshair.
        cursor = blits.pop() if mouse_pos is not None else None
        target.fblits(blits)
        blits.clear()
        # The day's clock, named (the run's IGT and real time have their own panel), inside its
        # panel.
        if day_clock:
            day = text.get("DAY", 14, DIM)
            left = (w - cw - day.get_width() - 8) // 2
            target.blit(day, (left, MARGIN + 9))
            self.clock_digits.draw(target, clock, left + day.get_width() + 8, MARGIN + 1)
        if cursor is not None:
            target.blit(*cursor)

"""The settings screen: volumes, display, what the world shows, assists, and key bindings. Saved
on leave.

Up/Down choose, Left/Right change a value, Enter toggles or rebinds (then press the new key; Esc
cancels), Esc goes back. Every change applies at once and is written to settings.json on leave
(the assists from the next day: see game.scenes.assists).
"""

from __future__ import annotations

import pygame

from game import settings as settings_module
from game.render import ui
from game.scenes.base import Scene
from game.scenes.labels import ASSIST_ROWS as ASSISTS
from game.scenes.labels import TIMER_LABELS
from game.speedrun.category import CATEGORIES

INK = (232, 226, 210)
DIM = (160, 154, 140)
ACCENT = (255, 214, 120)
REBINDABLE = ("up", "down", "left", "right", "dash", "grenade", "interact", "reload", "reset",
              "journal")  # fmt: skip
VOLUMES = (("master_volume", "Master volume"), ("music_volume", "Music"),
           ("effects_volume", "Effects"))  # fmt: skip
TOGGLES = (
    ("fullscreen", "Fullscreen"),
    ("show_death_markers", "Earlier deaths in the world"),
    ("show_ghosts", "Ghosts of earlier loops"),
    ("show_pb_ghost", "Personal-best ghost"),
)
# Accessibility: sliders from none to full, like the volumes, and the HUD's size.
COMFORT = (("shake_intensity", "Screen shake"), ("flash_intensity", "Screen flashes"))
ROW_HEIGHT = 30
COMFORT_NOTES = {
    "speedrun_category": "The run's splits and bests are this category's; it counts if it "
    "meets it. From the next run.",
    "shake_intensity": "How hard hits and blasts shake the screen. 0% keeps it still.",
    "flash_intensity": "How bright hurt flashes and blasts are. 0% never flashes.",
    "ui_scale": "The size of the play screen's HUD, messages and timer.",
    "timer_mode": "DAY: the day's clock. IGT: the run's in-game time. RTA: real time. F2 in play.",
    "show_pb_ghost": "Your best run's Cage, faintly, at the same moment of the same loop.",
}


class SettingsScene(Scene):
    overlay = True

    def __init__(self, app) -> None:
        super().__init__(app)
        self.settings = app.settings
        self.rows: list[tuple[str, str]] = (
            [("volume", key) for key, _ in VOLUMES]
            + [("toggle", key) for key, _ in TOGGLES]
            + [("timer", "timer_mode"), ("category", "speedrun_category")]
            + [("section", "Accessibility")]
            + [("volume", key) for key, _ in COMFORT]
            + [("scale", "ui_scale")]
            + [("section", "Assists")]
            + [("assist", str(bit)) for bit, _, _ in ASSISTS]
            + [("bind", action) for action in REBINDABLE]
            + [("reset", ""), ("hints", ""), ("back", "")]
        )
        self.index = 0
        self.first_shown = 0  # the list scrolls when it is taller than the window
        self.waiting_for_key: str | None = None
        self.message = ""

    def leave(self) -> None:
        try:
            settings_module.save_settings(self.settings)
        except OSError:
            pass

    def _apply(self) -> None:
        s = self.settings
        self.app.audio.set_volumes(s.master_volume, s.music_volume, s.effects_volume)
        if s.fullscreen != self.app.fullscreen:
            self.app.toggle_fullscreen()
        for scene in self.app.scenes:
            if hasattr(scene, "apply_settings"):
                scene.apply_settings(s)

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.waiting_for_key is not None:
            if event.type == pygame.KEYDOWN:
                if event.key != pygame.K_ESCAPE:
                    name = pygame.key.name(event.key)
                    # The new key replaces the first one; a second key (the arrows) stays.
                    keys = self.settings.bindings.get(self.waiting_for_key, [])
                    rest = [k for k in keys[1:] if k != name]
                    self.settings.bindings[self.waiting_for_key] = [name, *rest]
                    others = [a for a, keys in self.settings.bindings.items()
                              if name in keys and a != self.waiting_for_key]  # fmt: skip
                    self.message = f"'{name}' is also {', '.join(others)}" if others else ""
                    self._apply()
                self.waiting_for_key = None
            return
        if event.type != pygame.KEYDOWN:
            return
        kind, key = self.rows[self.index]
        if event.key == pygame.K_ESCAPE:
            self.app.audio.play("ui_back", 0.6)
            self.app.pop()
        elif event.key in (pygame.K_UP, pygame.K_w):
            self._move(-1)
        elif event.key in (pygame.K_DOWN, pygame.K_s):
            self._move(1)
        elif event.key in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_a, pygame.K_d):
            step = 0.1 if event.key in (pygame.K_RIGHT, pygame.K_d) else -0.1
            if kind == "volume":
                value = round(max(0.0, min(1.0, getattr(self.settings, key) + step)), 2)
                setattr(self.settings, key, value)
                self._apply()
                self.app.audio.play("ui_move", 0.7)
            elif kind == "toggle":
                self._toggle(key)
            elif kind == "assist":
                self._toggle_assist(int(key))
            elif kind == "timer":
                self._next_timer()
            elif kind == "category":
                self._next_category(1 if step > 0 else -1)
            elif kind == "scale":
                self._next_scale(1 if step > 0 else -1)
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            self.app.audio.play("ui_select", 0.6)
            if kind == "toggle":
                self._toggle(key)
            elif kind == "assist":
                self._toggle_assist(int(key))
            elif kind == "timer":
                self._next_timer()
            elif kind == "category":
                self._next_category(1)
            elif kind == "scale":
                self._next_scale(1)
            elif kind == "bind":
                self.waiting_for_key = key
            elif kind == "reset":
                self.settings.bindings = dict(settings_module.DEFAULT_BINDINGS)
                self._apply()
            elif kind == "hints":
                self.settings.hints_seen = []
                self.message = "The map's markers will be explained again as they appear."
            elif kind == "back":
                self.app.pop()

    def _move(self, delta: int) -> None:
        self.index = (self.index + delta) % len(self.rows)
        while self.rows[self.index][0] == "section":  # headings are not choices
            self.index = (self.index + delta) % len(self.rows)
        self.app.audio.play("ui_move", 0.5)

    def _toggle_assist(self, bit: int) -> None:
        self.settings.set_assist(bit, not self.settings.assists.has(bit))
        self._apply()

    def _next_category(self, step: int) -> None:
        names = CATEGORIES
        now = self.settings.speedrun_category
        index = names.index(now) if now in names else 0
        self.settings.speedrun_category = names[(index + step) % len(names)]
        self._apply()

    def _next_timer(self) -> None:
        from game.replay.session import next_timer_mode

        self.settings.timer_mode = next_timer_mode(self.settings.timer_mode)
        self._apply()

    def _next_scale(self, step: int) -> None:
        scales = settings_module.UI_SCALES
        now = scales.index(self.settings.ui_scale) if self.settings.ui_scale in scales else 0
        self.settings.ui_scale = scales[(now + step) % len(scales)]
        self._apply()

    def _toggle(self, key: str) -> None:
        setattr(self.settings, key, not getattr(self.settings, key))
        self._apply()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        ui.shade(surface, 245, (10, 12, 16))
        w, h = surface.get_size()
        ui.draw_text(surface, "SETTINGS", 60, INK, (w // 2, 24), "midtop", True)
        labels = dict(VOLUMES) | dict(TOGGLES) | dict(COMFORT)
        assist_labels = {str(bit): label for bit, label, _ in ASSISTS}
        top = 96
        row_height, size = ROW_HEIGHT, 26
        # As many rows as fit clear of the two lines at the foot; the list follows the choice.
        fits = max(3, (h - top - 70) // row_height)
        if self.index < self.first_shown + 1:
            self.first_shown = max(0, self.index - 1)
        elif self.index > self.first_shown + fits - 2:
            self.first_shown = min(len(self.rows) - fits, self.index - fits + 2)
        self.first_shown = max(0, min(self.first_shown, len(self.rows) - fits))
        shown = self.rows[self.first_shown : self.first_shown + fits]
        if self.first_shown > 0:
            ui.draw_text(surface, "more above", 18, DIM, (w // 2, top - 22), "midtop")
        if self.first_shown + fits < len(self.rows):
            below = (w // 2, top + fits * row_height)
            ui.draw_text(surface, "more below", 18, DIM, below, "midtop")
        y = top
        for i, (kind, key) in enumerate(shown, start=self.first_shown):
            selected = i == self.index
            color = ACCENT if selected else INK
            if kind == "section":
                ui.draw_text(surface, key.upper(), size - 4, (200, 170, 110),
                             (w // 2, y + 4), "midtop")  # fmt: skip
                y += row_height
                continue
            if kind == "volume":
                label, value = labels[key], f"{round(getattr(self.settings, key) * 100)}%"
            elif kind == "toggle":
                label, value = labels[key], "on" if getattr(self.settings, key) else "off"
            elif kind == "assist":
                on = self.settings.assists.has(int(key))
                label, value = assist_labels[key], "on" if on else "off"
            elif kind == "timer":
                mode = self.settings.timer_mode
                label, value = "Timers", TIMER_LABELS.get(mode, mode)
            elif kind == "scale":
                label, value = "HUD size", f"{round(self.settings.ui_scale * 100)}%"
            elif kind == "category":
                label, value = "Speedrun category", self.settings.speedrun_category
            elif kind == "bind":
                label = f"Key: {key}"
                keys = self.settings.bindings.get(key, [])
                value = "press a key…" if self.waiting_for_key == key else ", ".join(keys)
            elif kind == "reset":
                label, value = "Restore default keys", ""
            elif kind == "hints":
                seen = len(self.settings.hints_seen)
                label, value = "Show the hints again", f"{seen} seen" if seen else ""
            else:
                label, value = "Back", ""
            ui.draw_text(surface, label, size, color, (w // 2 - 20, y), "topright")
            ui.draw_text(surface, value, size, color if selected else DIM, (w // 2 + 20, y))
            y += row_height
        message = self.message
        if self.rows[self.index][0] == "assist":
            message = "An assisted run is kept off personal bests. It applies from the next day."
        note = COMFORT_NOTES.get(self.rows[self.index][1], "")
        if message:
            ui.draw_text(surface, message, 22, (255, 150, 110), (w // 2, h - 40), "midbottom")
        elif note:
            ui.draw_text(surface, note, 22, ACCENT, (w // 2, h - 40), "midbottom")
        hint = "Up/Down choose · Left/Right change · Enter toggle or rebind · Esc back"
        ui.draw_text(surface, hint, 22, DIM, (w // 2, h - 14), "midbottom")

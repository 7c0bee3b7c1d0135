"""The level select: the campaign's maps and every mod in `AYNIK_HOME/mods`, each with what the
validator says about it; a broken mod shows its problems instead of starting.

Wiring only: `game.level.mods` finds and checks the mods, `game.render.ui` writes the words, the
play scene runs the level. Nothing a mod holds can crash this screen: a mod that fails validation,
or whose map fails to start, opens an error panel with the messages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from game.level.campaign import campaign_dir, mods_dir
from game.level.errors import LevelError
from game.level.mods import Mod, discover_mods
from game.level.problems import Problem
from game.level.safe import vet_map
from game.level.validate import check_mod
from game.render import ui
from game.safe_read import safe_text
from game.scenes.base import Menu, Scene

ROW = 44  # pixels between list rows
TEXT = (225, 225, 215)
DIM = (160, 160, 150)
GOLD = (255, 214, 120)
RED = (255, 120, 100)
AMBER = (240, 180, 90)
GREEN = (150, 220, 140)
MAX_SHOWN_PROBLEMS = 12


@dataclass
class Entry:
    """One line of the list and what the panel beside it says."""

    label: str
    title: str
    start: Path | None = None  # the map to play; None: cannot be played
    details: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    back: bool = False

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def campaign_entries() -> list[Entry]:
    entries = []
    for path in sorted(campaign_dir().glob("*.tmx")):
        if path.name.startswith(("_", ".")):  # work in progress, as with mods' folders
            continue
        title = _map_title(path)
        details = [f"Campaign map: {path.name}", "The story's own ground."]
        entries.append(Entry(f"Campaign: {title}", title, path, details))
    return entries


def mod_entry(mod: Mod) -> Entry:
    problems = check_mod(mod)
    errors = [p for p in problems if p.is_error]
    warnings = len(problems) - len(errors)
    details = [f"by {mod.author}" if mod.author else "author unknown", f"Folder: {mod.folder}"]
    if mod.start is not None:
        details.append(f"Starts on: {mod.start.relative_to(mod.folder)}")
    details.append(f"{len(mod.maps)} map{'s' if len(mod.maps) != 1 else ''}")
    if errors:
        details.append(f"Cannot be played: {len(errors)} error{'s' if len(errors) > 1 else ''}")
        label = f"{mod.title}  [broken]"
    elif warnings:
        details.append(f"Playable, with {warnings} warning{'s' if warnings > 1 else ''}")
        label = f"{mod.title}  [!]"
    else:
        details.append("Ready to play")
        label = mod.title
    start = mod.start if not errors else None
    # Names from the player's disk may not be valid Unicode: shown with a stand-in, never a crash.
    details = [safe_text(line) for line in details]
    return Entry(safe_text(label), safe_text(mod.title), start, details, problems)


def _map_title(path: Path) -> str:
    try:
        tree = vet_map(path).tree
    except LevelError:
        return path.stem
    for prop in tree.findall("properties/property"):
        if prop.get("name") == "title" and prop.get("value"):
            return prop.get("value", path.stem)
    return path.stem


def wrap(text: str, size: int, width: int) -> list[str]:
    """`text` cut into lines no wider than `width` pixels at font `size`."""
    font = ui.font(size)
    text = safe_text(text)
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if font.size(candidate)[0] <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def _problem_text(problem: Problem) -> str:
    name = Path(problem.file).name
    where = f" {problem.where}" if problem.where else ""
    fix = f" ({problem.fix})" if problem.fix else ""
    if not name:
        return f"{problem.severity}{where}: {problem.message}{fix}"
    return f"{problem.severity}: {name}{where}: {problem.message}{fix}"


def start_level(app, path: Path) -> None:
    """Replace the whole stack with the play scene on `path` (raises whatever loading raises)."""
    app.go("play", level=str(path), seed=app.options.seed)


class LevelSelectScene(Scene):
    def __init__(self, app, start: Callable[[object, Path], None] = start_level) -> None:
        super().__init__(app)
        self.start = start
        self.entries: list[Entry] = []
        # The shared menu does the keys, pad and mouse; this scene draws the list its own way.
        self.menu = Menu([], app.audio)
        self.top = 0  # first visible row
        self.refresh()

    def refresh(self) -> None:
        """Find the mods again and check them (F5 in the scene, after editing a mod)."""
        mods = [mod_entry(mod) for mod in discover_mods()]
        self.entries = [*campaign_entries(), *mods, Entry("Back", "Back", back=True)]
        if not mods:
            self.entries[-1].details = [f"No mods yet: put one in {mods_dir()}"]
        self.menu.items = [(entry.title, self.choose) for entry in self.entries]
        self.index = min(self.index, len(self.entries) - 1)

    @property
    def index(self) -> int:
        return self.menu.index

    @index.setter
    def index(self, value: int) -> None:
        self.menu.index = value

    @property
    def rects(self) -> list[pygame.Rect]:
        return self.menu.rects

    @rects.setter
    def rects(self, value: list[pygame.Rect]) -> None:
        self.menu.rects = value

    @property
    def selected(self) -> Entry:
        return self.entries[self.index]

    # --- input -------------------------------------------------------------------------------
    def choose(self) -> None:
        entry = self.selected
        if entry.back:
            self.app.pop()
            return
        if entry.start is None:
            self.app.open("error", title=f"{entry.title} cannot be played", problems=entry.problems)
            return
        try:
            self.start(self.app, entry.start)
        except Exception as exc:  # a mod is untrusted input: any failure is its problem, shown
            message = str(exc) if isinstance(exc, LevelError) else f"{type(exc).__name__}: {exc}"
            problem = Problem(str(entry.start), None, None, "", "error", message)
            self.app.open("error", title=f"{entry.title} failed to start", problems=[problem])

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE):
            self.app.pop()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F5:
            self.refresh()
        elif (
            event.type == pygame.CONTROLLERBUTTONDOWN and event.button == pygame.CONTROLLER_BUTTON_B
        ):
            self.app.pop()
        elif event.type == pygame.MOUSEWHEEL:
            self.index = max(0, min(len(self.entries) - 1, self.index - event.y))
        else:
            self.menu.handle_event(event)

    # --- drawing -----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        surface.fill((18, 20, 26))
        w, h = surface.get_size()
        ui.draw_text(surface, "LEVELS", 64, (230, 230, 240), (w // 2, 30), "midtop", bold=True)
        self._draw_list(surface, int(w * 0.05), 130, int(w * 0.38), h - 200)
        self._draw_panel(surface, int(w * 0.46), 130, int(w * 0.50), h - 200)
        hint = "Enter play  ·  Esc back  ·  F5 look for mods again"
        ui.draw_text(surface, hint, 22, DIM, (w // 2, h - 20), "midbottom")

    def _draw_list(self, surface: pygame.Surface, x: int, y: int, width: int, height: int) -> None:
        rows = max(1, height // ROW)
        if self.index < self.top:
            self.top = self.index
        elif self.index >= self.top + rows:
            self.top = self.index - rows + 1
        self.rects = [pygame.Rect(0, 0, 0, 0)] * len(self.entries)
        for i in range(self.top, min(len(self.entries), self.top + rows)):
            entry = self.entries[i]
            chosen = i == self.index
            color = GOLD if chosen else (RED if entry.errors else TEXT)
            label = entry.label
            while ui.font(30).size(label)[0] > width - 30 and len(label) > 4:
                label = label[:-2]
            text = f"›  {label}" if chosen else f"   {label}"
            top = y + (i - self.top) * ROW
            ui.draw_text(surface, text, 30, color, (x, top))
            self.rects[i] = pygame.Rect(x, top, width, ROW - 4)
        if self.top > 0:
            ui.draw_text(surface, "(more above)", 20, DIM, (x + width, y - 24), "topright")
        if self.top + rows < len(self.entries):
            ui.draw_text(surface, "(more below)", 20, DIM, (x + width, y + rows * ROW), "topright")

    def _draw_panel(self, surface: pygame.Surface, x: int, y: int, width: int, height: int) -> None:
        entry = self.selected
        bottom = y + height
        ui.draw_text(surface, entry.title, 40, GOLD, (x, y), bold=True)
        y += 52
        for line in entry.details:
            for part in wrap(line, 24, width):
                if y > bottom:
                    return
                color = TEXT
                if line.startswith("Cannot"):
                    color = RED
                elif line == "Ready to play":
                    color = GREEN
                ui.draw_text(surface, part, 24, color, (x, y))
                y += 26
        y += 10
        for problem in entry.problems[:MAX_SHOWN_PROBLEMS]:
            color = RED if problem.is_error else AMBER
            for part in wrap(_problem_text(problem), 20, width):
                if y > bottom:
                    return
                ui.draw_text(surface, part, 20, color, (x, y))
                y += 21
            y += 4
        hidden = len(entry.problems) - MAX_SHOWN_PROBLEMS
        if hidden > 0 and y <= bottom:
            text = f"… and {hidden} more: run  aynik validate  on the mod's maps"
            ui.draw_text(surface, text, 20, DIM, (x, y))


class ErrorPanel(Scene):
    """Why a mod cannot be played: its problems over the level list. Any key closes it."""

    overlay = True

    def __init__(self, app, title: str, problems: list[Problem]) -> None:
        super().__init__(app)
        self.title = title
        self.problems = problems

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.CONTROLLERBUTTONDOWN):
            self.app.audio.play("ui_back", 0.6)
            self.app.pop()

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        ui.shade(surface, 245)  # the list below must not show through
        w, h = surface.get_size()
        x, width = int(w * 0.1), int(w * 0.8)
        ui.draw_text(surface, self.title, 48, RED, (w // 2, int(h * 0.1)), "midtop", bold=True)
        y = int(h * 0.1) + 70
        errors = [p for p in self.problems if p.is_error] or self.problems
        for problem in errors[:MAX_SHOWN_PROBLEMS]:
            for part in wrap(_problem_text(problem), 22, width):
                if y > h - 60:
                    break
                ui.draw_text(surface, part, 22, TEXT, (x, y))
                y += 24
            y += 6
        ui.draw_text(surface, "Press any key", 24, DIM, (w // 2, h - 24), "midbottom")

"""Full-screen story moments: the Alpha's vision, the bad ending, and the ending with the run's
figures. Each is a picture, a few lines of text, and a deliberate key to go on (as on a card)."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.render import pictures, ui
from game.scenes.base import Scene, goes_on
from game.tuning import TICK_RATE

INK = (240, 236, 226)
WARM = (250, 210, 150)
COLD = (150, 200, 255)


def clock(ticks: int) -> str:
    seconds, frames = divmod(ticks, TICK_RATE)
    return f"{seconds // 60}:{seconds % 60:02d}.{frames * 1000 // TICK_RATE:03d}"


class Panel:
    """A picture (or none) and lines of text; a line with tabs is a table row whose cells start
    at `columns` (x offsets from the left margin)."""

    def __init__(
        self,
        picture: str | None,
        lines: list[tuple[str, int, tuple]] | Callable[[], list[tuple[str, int, tuple]]],
        top: bool,
        columns: tuple[int, ...] = (),
    ):
        self.image = pictures.picture(picture) if picture else None
        self._fitted: pygame.Surface | None = None  # the image scaled to a window of its own size
        self._lines = lines
        self.top = top
        self.columns = columns

    def fitted(self, size: tuple[int, int]) -> pygame.Surface | None:
        """Its image at `size` (the window's), scaled once for each size the window takes."""
        image = self.image
        if image is None or image.get_size() == size:
            return image
        if self._fitted is None or self._fitted.get_size() != size:
            if image.get_bitsize() < 24:  # smoothscale takes 24 or 32 bits a pixel only
                image = image.convert()
            self._fitted = pygame.transform.smoothscale(image, size)
        return self._fitted

    @property
    def lines(self) -> list[tuple[str, int, tuple]]:
        """Its lines; a panel given a function reads them as it is shown (the results panel
        names the run summary's file once it is on disk)."""
        return self._lines() if callable(self._lines) else self._lines


class StoryScene(Scene):
    """A sequence of panels; Enter, Space, E or the pad's A goes to the next (after a moment)."""

    def __init__(self, app, panels: list[Panel], music: str | None = None, then=None) -> None:
        super().__init__(app)
        self.panels = panels
        self.index = 0
        self.ticks = 0
        self.music = music
        self.then = then  # called after the last panel (default: back to the scene below)

    def enter(self) -> None:
        if self.music:
            self.app.audio.music(self.music)

    def handle_event(self, event: pygame.event.Event) -> None:
        # As on a card: a moment to take it in, then only a deliberate key goes on, so a fire
        # button still held from the fight (the vision comes straight out of one) skips nothing.
        if not goes_on(event) or self.ticks < 45:
            return
        self.ticks = 0
        self.index += 1
        self.app.audio.play("ui_select", 0.5)
        if self.index >= len(self.panels):
            if self.then is not None:
                self.then()
            else:
                self.app.pop()

    def update(self) -> None:
        self.ticks += 1
        if self.app.lockstep and self.ticks > 90:  # headless runs move through on their own
            self.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN))

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        panel = self.panels[min(self.index, len(self.panels) - 1)]
        w, h = surface.get_size()
        image = panel.fitted((w, h))
        if image is not None:
            surface.blit(image, (0, 0))
        else:
            surface.fill((8, 10, 14))
        fade = min(1.0, self.ticks / 30)
        y = 60 if panel.top else h - 60 - sum(int(size * 1.3) for _, size, _ in panel.lines)
        left = (w - 1180) // 2
        for text, size, color in panel.lines:
            if "\t" in text and panel.columns:
                for cell, x in zip(text.split("\t"), panel.columns, strict=False):
                    ui.draw_text(surface, cell, size, color, (left + x, y), alpha=int(255 * fade))
            else:
                ui.draw_text(surface, text, size, color, (w // 2, y), "midtop", size >= 48,
                             alpha=int(255 * fade))  # fmt: skip
            y += int(size * 1.3)
        if self.ticks >= 45:
            ui.draw_text(surface, "Enter or Space to go on", 20, (190, 190, 180),
                         (w - 16, h - 12), "bottomright")  # fmt: skip


ROUTE_COLUMNS = (0, 150, 290, 430, 800)


def route_lines(summary, exported=()) -> list[tuple[str, int, tuple]]:
    """The run loop by loop, then its splits, as table rows for the results panel."""
    lines = [("THE ROUTE, LOOP BY LOOP", 40, INK), ("", 10, INK)]
    lines.append(("Day\tTime\tReached at\tHow it ended\tLearned", 22, WARM))
    end = summary.days[-1].end_igt or 0
    for day in summary.days[-12:]:
        count = len(day.learned)
        learned = f"{count} thing{'s' if count != 1 else ''}" if count else "—"
        training = f", drill {day.training[-1]['level']}" if day.training else ""
        reached = clock(day.end_igt if day.end_igt is not None else end)
        lines.append((f"{day.label}\t{clock(day.ticks(end))}\t{reached}\t{_clipped(day.ending())}"
                      f"\t{learned}{training}", 22, INK))  # fmt: skip
    splits = [s for day in summary.days for s in day.splits]
    if splits:
        lines += [("", 12, INK), ("Split\tTime", 22, WARM)]
        lines += [(f"{s['name']}\t{clock(s['igt_ticks'])}", 22, INK) for s in splits[:12]]
    if exported:
        lines.append(("", 10, INK))
        lines.append((f"Saved as {exported[0]}", 18, (190, 190, 180)))
    return lines


ENDING_CHARS = 44  # of how a day ended, in the route's column (it fits to "Learned")


def _clipped(text: str, limit: int = ENDING_CHARS) -> str:
    """`text` within `limit` characters, cut between words with an ellipsis, never mid-word."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,:;")
    return cut + "…"


def _nothing_exported() -> tuple:
    return ()


def _route_panel(summary, exported: Callable[[], tuple]) -> Callable[[], list]:
    """The results panel's lines, laid out again only when what `exported` tells changes (the
    summary's files reach the disk while the ending's first panels are read)."""
    laid_out: dict[tuple, list] = {}

    def lines() -> list:
        files = tuple(exported())
        if files not in laid_out:
            laid_out.clear()
            laid_out[files] = route_lines(summary, files)
        return laid_out[files]

    return lines


def vision_scene(app) -> StoryScene:
    lines = [
        ("THE VISION", 56, COLD),
        ("The Alpha's blood remembers what the Omega sees.", 28, INK),
        ("Beneath the dam, past the cracked concrete in the Alpha's lair: the core.", 28, INK),
    ]
    return StoryScene(app, [Panel("vision", lines, top=False)], music="vision")


def bad_ending_scene(app) -> StoryScene:
    lines = [
        ("THE WAR IS LOST", 64, (255, 150, 130)),
        ("Beyond the loop there is no waking up. The Omega lives on.", 28, INK),
        ("But this is a story you can tell again: try the day once more.", 24, WARM),
    ]
    return StoryScene(app, [Panel("bad_ending", lines, top=True)], music="chamber")


def ending_scene(
    app, run, knowledge_total: int, summary=None, exported=_nothing_exported, ended=None
) -> StoryScene:
    """The ending: the office, Rita, then the run's figures and its route, loop by loop.
    `exported` tells the run summary's files once they are written (see export_summary)."""
    memory = run.memory
    office = [
        ("You wake up.", 56, WARM),
        ("Earlier than ever: an office, the morning before the invasion.", 28, INK),
        ("On the radio, the Mimics are collapsing everywhere. The war is won.", 28, INK),
    ]
    rita = [
        ("Rita is alive.", 56, WARM),
        ("She doesn't know you. She turns away, then glances back.", 28, INK),
        ("Maybe she does.", 28, INK),
    ]
    found = len(memory.knowledge)
    figures = [
        ("ALL YOU NEED IS KILL", 56, INK),
        (f"In-game time  {clock(run.run_ticks)}", 34, WARM),
        (f"Loops  {memory.loop}      Deaths  {memory.death_count}", 30, INK),
        (f"Knowledge found  {found} of {knowledge_total}", 30, INK),
        (f"Training  {memory.training_level} of 5      Seed  {run.seed}", 26, INK),
    ]

    def to_title() -> None:
        app.go("title")

    assists = getattr(run, "assists", None)
    if assists is not None and assists.any:
        figures.append((f"Assisted ({', '.join(assists.names())}): not eligible for personal "
                        "bests.", 24, (220, 170, 120)))  # fmt: skip
    elif ended is not None and getattr(ended, "outcome", None) is not None:
        outcome = ended.outcome
        if getattr(outcome, "new_pb", False):
            figures.append(("A new personal best.", 28, (255, 205, 70)))
    panels = [
        Panel("ending", office, top=True),
        Panel("ending_rita", rita, top=False),
        Panel(None, figures, top=True),
    ]
    if summary is not None:
        panels.append(Panel(None, _route_panel(summary, exported), top=True, columns=ROUTE_COLUMNS))
    return StoryScene(app, panels, music="ending", then=to_title)

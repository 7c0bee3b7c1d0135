"""The replay list and practice starts, from the title screen.

Replays: every recorded run under AYNIK_HOME/replays, newest first, with its category, time, loops
and whether it finished; Enter watches, V verifies (as `aynik verify` does, in a process of its
own, so the list draws on meanwhile), Delete (twice) deletes, P practises from one of its splits.
Practice: a day with chosen training and knowledge (none, what the save knows, or everything).
Practice runs are marked and never count as a best.
"""

from __future__ import annotations

import time

import pygame

from game.render import ui
from game.scenes.base import Menu, Scene
from game.speedrun.timefmt import format_ticks

INK = (232, 226, 210)
DIM = (160, 154, 140)
ACCENT = (255, 214, 120)
BAD = (255, 130, 110)
VISIBLE_ROWS = 14


class ReplaysScene(Scene):
    def __init__(self, app) -> None:
        super().__init__(app)
        self.index = 0
        self.message = ""
        self.confirm_delete = False
        self.split_picker: list[str] | None = None
        self.split_index = 0
        self.verifying = None  # a BackgroundVerify while one runs
        self._reload()

    def _reload(self) -> None:
        from game.replay.library import list_replays

        self.app.disk_writes.settle()  # a run just ended: its replay is finished first
        self.entries = list_replays()
        self.index = min(self.index, max(0, len(self.entries) - 1))

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type != pygame.KEYDOWN:
            return
        if self.split_picker is not None:
            self._pick_split(event.key)
            return
        key = event.key
        if key == pygame.K_ESCAPE:
            self.app.audio.play("ui_back", 0.6)
            self.app.pop()
            return
        if not self.entries:
            return
        if key in (pygame.K_UP, pygame.K_w):
            self.index = (self.index - 1) % len(self.entries)
        elif key in (pygame.K_DOWN, pygame.K_s):
            self.index = (self.index + 1) % len(self.entries)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self._watch()
        elif key == pygame.K_v:
            self._verify()
        elif key == pygame.K_p:
            self._practice()
        elif key in (pygame.K_DELETE, pygame.K_BACKSPACE):
            self._delete()
        if key not in (pygame.K_DELETE, pygame.K_BACKSPACE):
            self.confirm_delete = False

    def _selected(self):
        return self.entries[self.index]

    def _watch(self) -> None:
        from game.level.errors import LevelError
        from game.replay.format import ReplayError, read_replay

        entry = self._selected()
        try:
            replay = read_replay(entry.path)
            self.app.open("watch", replay=replay, path=str(entry.path), back=self.app.pop)
        except (ReplayError, LevelError, ValueError) as exc:
            self.message = str(exc)

    def _verify(self) -> None:
        """Verify the chosen replay as `aynik verify` does, in a process of its own: the list
        goes on drawing (and can be left) while it re-runs the recording."""
        from game.replay.verify_process import BackgroundVerify

        self._stop_verifying()
        entry = self._selected()
        try:
            self.verifying = BackgroundVerify(entry.path, entry.name)
        except OSError:
            self._verify_here(entry)  # no process to be had: on this frame, as it must
            return
        self.message = f"Verifying {entry.name}: re-running the whole recording…"

    def _verify_here(self, entry) -> None:
        from game.level.errors import LevelError
        from game.replay.format import ReplayError, read_replay
        from game.replay.verify import verify_replay

        try:
            verdict = verify_replay(read_replay(entry.path))
        except (ReplayError, LevelError, ValueError) as exc:
            self.message = str(exc)
            return
        if verdict.valid:
            self.message = f"{entry.name}: valid, {format_ticks(verdict.result['igt_ticks'])}"
        else:
            self.message = f"{entry.name}: does not verify: {verdict.problem}"

    def update(self) -> None:
        if self.verifying is not None:
            outcome = self.verifying.poll()
            if outcome is not None:
                self.message, self.verifying = outcome.message, None

    def leave(self) -> None:
        self._stop_verifying()

    def _stop_verifying(self) -> None:
        if self.verifying is not None:
            self.verifying.stop()
            self.verifying = None

    def _delete(self) -> None:
        from game.replay.library import delete_replay

        if not self.confirm_delete:
            self.confirm_delete = True
            self.message = "Press Delete again to delete this replay."
            return
        try:
            delete_replay(self._selected().path)
            self.message = "Deleted."
        except (OSError, ValueError) as exc:
            self.message = str(exc)
        self.confirm_delete = False
        self._reload()

    def _practice(self) -> None:
        from game.replay.format import ReplayError, read_replay
        from game.replay.practice import splits_in

        try:
            splits = splits_in(read_replay(self._selected().path))
        except ReplayError as exc:
            self.message = str(exc)
            return
        if not splits:
            self.message = "This replay reaches no split to practise from."
            return
        self.split_picker, self.split_index = splits, 0

    def _pick_split(self, key: int) -> None:
        picker = self.split_picker
        if key == pygame.K_ESCAPE:
            self.split_picker = None
        elif key in (pygame.K_UP, pygame.K_w):
            self.split_index = (self.split_index - 1) % len(picker)
        elif key in (pygame.K_DOWN, pygame.K_s):
            self.split_index = (self.split_index + 1) % len(picker)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            # The run up to the split is re-run before play begins, a slice a frame, on a
            # screen of its own that shows how far it has come.
            from game.replay.format import ReplayError

            practice = {"replay": str(self._selected().path), "split": picker[self.split_index]}
            self.split_picker = None
            try:
                self.app.go("practice start", practice=practice)
            except ReplayError as exc:
                self.message = str(exc)

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        # A screen of its own, drawn whole: a veil over the last frame would leave what it
        # showed (the split picker, a longer list) faintly behind.
        surface.fill((10, 12, 16))
        w, h = surface.get_size()
        ui.draw_text(surface, "REPLAYS", 60, INK, (w // 2, 24), "midtop", True)
        if not self.entries:
            ui.draw_text(surface, "No replays yet: every run you play is recorded here.", 26,
                         DIM, (w // 2, h // 2), "center")  # fmt: skip
        first = max(0, min(self.index - VISIBLE_ROWS // 2, len(self.entries) - VISIBLE_ROWS))
        y = 100
        for i, entry in enumerate(self.entries[first : first + VISIBLE_ROWS], start=first):
            color = ACCENT if i == self.index else INK
            if entry.problem:
                line, color = f"{entry.name}   {entry.problem}", BAD
            else:
                igt = format_ticks(entry.igt_ticks) if entry.igt_ticks is not None else "—"
                state = "completed" if entry.completed else "cut short" if entry.cut_short else ""
                if entry.assisted:
                    state = f"{state}, assisted" if state else "assisted"
                line = (f"{entry.created[:16].replace('T', ' ')}   {entry.category}   seed "
                        f"{entry.seed}   {igt}   loops {entry.loops}   {state}")  # fmt: skip
            ui.draw_text(surface, line[:120], 24, color, (60, y))
            y += 30
        if self.split_picker is not None:
            ui.shade(surface, 160)
            ui.draw_text(surface, "PRACTISE FROM WHICH SPLIT?", 36, ACCENT, (w // 2, 150),
                         "midtop")  # fmt: skip
            for i, name in enumerate(self.split_picker):
                color = ACCENT if i == self.split_index else INK
                ui.draw_text(surface, name, 28, color, (w // 2, 210 + i * 34), "midtop")
        if self.message:
            ui.draw_text(surface, self.message[:130], 22, ACCENT, (w // 2, h - 50), "midbottom")
        keys = "Enter watch · V verify · P practise from a split · Delete delete · Esc back"
        ui.draw_text(surface, keys, 20, DIM, (w // 2, h - 14), "midbottom")


LEAD_IN_BUDGET = 0.010  # seconds of each frame the practice's lead-in may take


class PracticeStartScene(Scene):
    """Practice from a replay's split: the run up to the split is re-run, and recorded so the
    practice's replay verifies on its own, a slice a frame (a late split of a long run takes
    seconds), with how far it has come on screen; then the practice plays from the split. Esc
    calls it off, and its recording so far is not kept. ReplayError when building it, if the
    replay cannot be read."""

    def __init__(self, app, practice: dict) -> None:
        from game.replay.session import practice_from_replay_steps

        super().__init__(app)
        self.practice = practice
        self.split = str(practice["split"])
        app.disk_writes.settle()  # the bests it compares with, as the last run wrote them
        # As the play scene starts a run (PlayScene's start_play), a person playing it.
        self.steps = practice_from_replay_steps(
            practice, None, app.livesplit, app.options.record, app.settings.speedrun_category
        )
        self.done = 0.0
        self.problem = ""
        self.shown = False

    def update(self) -> None:
        from game.level.errors import LevelError

        if self.steps is None or not self.shown:
            return  # the screen up first: the first slice loads the replay's maps (~0.1 s)
        end = time.perf_counter() + LEAD_IN_BUDGET
        try:
            while time.perf_counter() < end:
                self.done = next(self.steps)
        except StopIteration as finished:
            self.steps = None
            self.app.go("play", level="beachhead", seed=self.app.options.seed,
                        practice=self.practice, prepared=finished.value)  # fmt: skip
        except (ValueError, LevelError) as exc:
            self.steps, self.problem = None, str(exc)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            if self.steps is not None:
                self.steps.close()  # its recording so far goes with it
                self.steps = None
            self.app.audio.play("ui_back", 0.6)
            self.app.go("title")
            self.app.open("replays")

    def leave(self) -> None:
        if self.steps is not None:  # the game closed mid-way
            self.steps.close()
            self.steps = None

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        surface.fill((10, 12, 16))
        w, h = surface.get_size()
        ui.draw_text(surface, f"PRACTICE FROM {self.split.upper()}", 52, INK, (w // 2, 200),
                     "midtop", True)  # fmt: skip
        if self.problem:
            ui.draw_text(surface, f"Cannot practise from here: {self.problem}"[:120], 24, BAD,
                         (w // 2, 330), "midtop")  # fmt: skip
        else:
            ui.draw_text(surface, "Re-running the run up to the split, so the practice's replay "
                         "verifies on its own", 24, DIM, (w // 2, 300), "midtop")  # fmt: skip
            bar = pygame.Rect(w // 2 - 300, 360, 600, 18)
            pygame.draw.rect(surface, (40, 42, 48), bar)
            filled = bar.copy()
            filled.width = int(bar.width * min(1.0, self.done))
            pygame.draw.rect(surface, ACCENT, filled)
            ui.draw_text(surface, f"{int(self.done * 100)} %", 24, INK, (w // 2, 392), "midtop")
        ui.draw_text(surface, "Esc: back to the replays", 20, DIM, (w // 2, h - 14), "midbottom")
        self.shown = True


def start_practice(app, practice: dict, scene: Scene | None = None) -> None:
    """Start a practice run; a start that cannot be made is said on `scene`, not raised."""
    from game.level.errors import LevelError
    from game.replay.format import ReplayError

    try:
        app.go("play", level="beachhead", seed=app.options.seed, practice=practice)
    except (ReplayError, LevelError, ValueError) as exc:
        if scene is not None:
            scene.message = str(exc)


class PracticeScene(Scene):
    """A practice day: choose Rita's training and what Cage knows, then play."""

    KNOWLEDGE = ("nothing", "what your save knows", "everything")

    def __init__(self, app, save_memory=None) -> None:
        super().__init__(app)
        self.save_memory = save_memory
        self.training = save_memory.training_level if save_memory is not None else 0
        self.knowledge = 1 if save_memory is not None else 0
        self.message = ""
        self.menu = Menu(
            [
                ("Training", self._training_up),
                ("Knowledge", self._knowledge_next),
                ("Start practice", self._start),
                ("Back", app.pop),
            ],
            app.audio,
        )

    def _training_up(self) -> None:
        self.training = (self.training + 1) % 6

    def _knowledge_next(self) -> None:
        self.knowledge = (self.knowledge + 1) % len(self.KNOWLEDGE)

    def _ids(self) -> list[str]:
        if self.knowledge == 0:
            return []
        if self.knowledge == 1:
            return list(self.save_memory.knowledge) if self.save_memory is not None else []
        from game.level.atlas import load_atlas
        from game.level.campaign import resolve_level
        from game.replay.practice import knowledge_choices

        _, atlas = load_atlas(resolve_level("beachhead"))
        return [knowledge_id for knowledge_id, _ in knowledge_choices(atlas.values())]

    def _start(self) -> None:
        start_practice(self.app, {"knowledge": self._ids(), "training_level": self.training}, self)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.pop()
            return
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            if self.menu.index == 0:
                step = 1 if event.key == pygame.K_RIGHT else -1
                self.training = (self.training + step) % 6
            elif self.menu.index == 1:
                self._knowledge_next()
            return
        self.menu.handle_event(event)

    def draw(self, surface: pygame.Surface, alpha: float) -> None:
        surface.fill((10, 12, 16))  # drawn whole, as the replays list
        w, h = surface.get_size()
        ui.draw_text(surface, "PRACTICE", 60, INK, (w // 2, 40), "midtop", True)
        ui.draw_text(surface, "A day with the training and knowledge you choose.", 26, DIM,
                     (w // 2, 130), "midtop")  # fmt: skip
        # The choices show their values in the menu itself.
        self.menu.items[0] = (f"Rita's training: level {self.training} of 5", self._training_up)
        self.menu.items[1] = (f"Cage knows: {self.KNOWLEDGE[self.knowledge]}", self._knowledge_next)
        self.menu.draw(surface, w // 2, 210)
        note = "Left/Right or Enter change a choice · practice runs never count as a best"
        ui.draw_text(surface, note, 22, DIM, (w // 2, h - 50), "midbottom")
        if self.message:
            ui.draw_text(surface, self.message[:130], 22, BAD, (w // 2, h - 80), "midbottom")

"""The run summary: a finished (or abandoned) run told loop by loop, for the results screen (the
"route" a speedrunner reads there, kept apart from the route files the bots play).

Owns the per-day record of a run: how long each day took, how it ended, what Cage learned and
which drills he passed in it, and the splits that fell in it; and its export as Markdown and
JSON. Built from the simulation's events (with the timer's IGT), so a replay gives the same
summary as the live run. Pure; imports this package's time formatting and event reader.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

from game.speedrun import events as E
from game.speedrun.timefmt import format_delta, format_ms, format_ticks

ENDINGS = {
    "death": "died",
    "new game": "died on Day 0 (new game)",
    "restart": "started Day 0 over",
    "war lost": "died beyond the loop: the war is lost",
    "reset": "reset the day",
    "alpha": "an Alpha died: the Omega reset the day",
    "completed": "destroyed the Omega",
    "": "still running",
}


@dataclass
class DaySummary:
    index: int
    loop: int
    started_by: str
    start_igt: int
    end_igt: int | None = None
    ended_by: str = ""
    cause: str = ""
    died: bool = False  # the day ended with Cage dead (an Alpha day can end so too)
    learned: list[dict] = field(default_factory=list)  # {"id", "text", "igt_ticks"}
    training: list[dict] = field(default_factory=list)  # {"level", "ability", "igt_ticks"}
    splits: list[dict] = field(default_factory=list)  # {"name", "igt_ticks"}

    def ticks(self, now: int) -> int:
        return (self.end_igt if self.end_igt is not None else now) - self.start_igt

    @property
    def label(self) -> str:
        label = f"Loop {self.loop}" if self.loop else "Day 0"
        return f"{label} (retry)" if self.started_by == "war lost" else label

    def ending(self) -> str:
        text = ENDINGS.get(self.ended_by, self.ended_by)
        if self.cause and self.ended_by in ("death", "new game", "war lost"):
            text = f"{text}: {self.cause}"
        return text


class RunSummary:
    """Fed per tick with the events and the IGT after them; read at any time."""

    def __init__(
        self,
        title: str = "",
        category: str = "",
        seed: int = 0,
        game_version: str = "",
        first_loop: int = 0,
        start_igt: int = 0,
    ) -> None:
        self.title = title
        self.category = category
        self.seed = seed
        self.game_version = game_version
        self.days: list[DaySummary] = [DaySummary(0, first_loop, "start", start_igt)]
        self.igt_ticks = start_igt
        self.real_ms: int | None = None
        self.completed = False
        self.comparisons: dict[str, int | None] = {}  # split name -> delta vs the PB, when known
        self._cause = ""
        self._died = False

    def step(self, events: Iterable[object], igt_ticks: int, hits: Sequence = ()) -> None:
        """One tick: `events` from Run.step, `igt_ticks` the timer's count after them, `hits`
        the splits that fired."""
        if self.completed:
            return
        events = list(events)
        # What happened in the day first, the splits that fell in it, then how the day ended.
        for event in events:
            during = DURING_THE_DAY.get(type(event))
            if during is not None:
                during(self, event, igt_ticks)
        for hit in hits:
            self.days[-1].splits.append({"name": hit.name, "igt_ticks": hit.igt_ticks})
        for event in events:
            ending = ENDING_THE_DAY.get(type(event))
            if ending is not None:
                ending(self, event, igt_ticks)
        self.igt_ticks = igt_ticks

    def _died_of(self, event: E.CageDied, igt_ticks: int) -> None:
        self._cause = self._cause or event.cause
        self._died = True

    def _learned(self, event: E.KnowledgeLearned, igt_ticks: int) -> None:
        self.days[-1].learned.append(
            {"id": event.knowledge, "text": event.description, "igt_ticks": igt_ticks}
        )

    def _trained(self, event: E.DrillPassed, igt_ticks: int) -> None:
        self.days[-1].training.append(
            {"level": event.level, "ability": event.ability, "igt_ticks": igt_ticks}
        )

    def _new_day(self, event: E.LoopStarted, igt_ticks: int) -> None:
        day = self.days[-1]
        day.end_igt = igt_ticks
        day.ended_by = event.reason
        day.cause = self._cause
        day.died = self._died  # he died this day (whatever then began the next)
        self._cause, self._died = "", False
        self.days.append(DaySummary(len(self.days), event.loop, event.reason, igt_ticks))

    def _omega_destroyed(self, event: E.OmegaDestroyed, igt_ticks: int) -> None:
        day = self.days[-1]
        day.end_igt = igt_ticks
        day.ended_by = "completed"
        self.completed = True

    # --- exports ------------------------------------------------------------------------------
    @property
    def loops(self) -> int:
        return max(d.loop for d in self.days)

    @property
    def deaths(self) -> int:
        """Days that ended with Cage dead: counted as the run counts them (the Day-0 claymore
        that takes him with the Alpha included; the charge's blast at the end, after which no
        day begins, not)."""
        return sum(1 for d in self.days if d.died)

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "category": self.category,
            "seed": self.seed,
            "game_version": self.game_version,
            "completed": self.completed,
            "igt_ticks": self.igt_ticks,
            "igt": format_ticks(self.igt_ticks),
            "real_ms": self.real_ms,
            "loops": self.loops,
            "days": len(self.days),
            "deaths": self.deaths,
            "knowledge": [k["id"] for d in self.days for k in d.learned],
            "route": [
                dict(asdict(d), label=d.label, ticks=d.ticks(self.igt_ticks), ending=d.ending())
                for d in self.days
            ],
            "splits": [
                dict(s, delta_ticks=self.comparisons.get(s["name"]))
                for d in self.days
                for s in d.splits
            ],
        }

    def to_json_text(self) -> str:
        return json.dumps(self.to_json(), indent=2, sort_keys=True) + "\n"

    def to_markdown(self) -> str:
        head = self.title or "All You Need Is Kill"
        if self.category:
            head += f" — {self.category}"
        lines = [f"# {head}", ""]
        facts = [f"In-game time **{format_ticks(self.igt_ticks)}**"]
        if self.real_ms is not None:
            facts.append(f"real time {format_ms(self.real_ms)}")
        facts += [
            f"{self.loops} loops",
            f"{self.deaths} deaths",
            "completed" if self.completed else "not completed",
            f"seed {self.seed}",
        ]
        if self.game_version:
            facts.append(f"version {self.game_version}")
        lines += [
            " · ".join(facts),
            "",
            "| Day | Time | At | Ended | Learned |",
            "|---|---|---|---|---|",
        ]
        for d in self.days:
            learned = [_cell(k["text"] or k["id"]) for k in d.learned]
            learned += [_cell(f"training {t['level']}: {t['ability']}") for t in d.training]
            end = d.end_igt if d.end_igt is not None else self.igt_ticks
            lines.append(
                f"| {d.label} | {format_ticks(d.ticks(self.igt_ticks))} | {format_ticks(end)} "
                f"| {_cell(d.ending())} | {'; '.join(learned) or '—'} |"
            )
        splits = [s for d in self.days for s in d.splits]
        if splits:
            lines += ["", "| Split | Time | Segment | vs PB |", "|---|---|---|---|"]
            previous = self.days[0].start_igt
            for s in splits:
                delta = self.comparisons.get(s["name"])
                lines.append(
                    f"| {_cell(s['name'])} | {format_ticks(s['igt_ticks'])} "
                    f"| {format_ticks(s['igt_ticks'] - previous)} | {format_delta(delta)} |"
                )
                previous = s["igt_ticks"]
        return "\n".join(lines) + "\n"


# Which of a tick's events the summary reads, by the simulation's own classes.
DURING_THE_DAY = {
    E.CageDied: RunSummary._died_of,
    E.KnowledgeLearned: RunSummary._learned,
    E.DrillPassed: RunSummary._trained,
}
ENDING_THE_DAY = {
    E.LoopStarted: RunSummary._new_day,
    E.OmegaDestroyed: RunSummary._omega_destroyed,
}


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")

"""What the validator reports: `Problem` (one thing wrong with a map, where, and the fix), and the
two ways it is written out, one line of text each or JSON.

Owns the wording of a report line: `file: layer "name" / object #id "name": error: what is wrong
(how to fix it)`, errors before warnings, and the "did you mean" a fix suggests (`suggest`).
Pure standard library: must not import pytmx or pygame.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from game.level.errors import LevelError, location

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    file: str
    layer: str | None
    object_id: int | None
    object_name: str
    severity: str  # ERROR or WARNING
    message: str
    fix: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def where(self) -> str:
        return location(self.layer, self.object_id, self.object_name)

    def line(self) -> str:
        """The problem on one line, as `aynik validate` prints it."""
        head = f"{self.file}: {self.where}" if self.where else self.file
        text = f"{head}: {self.severity}: {self.message}"
        return f"{text} ({self.fix})" if self.fix else text

    def __str__(self) -> str:
        return self.line()

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_error(cls, exc: LevelError, severity: str = ERROR) -> Problem:
        return cls(
            exc.path, exc.layer, exc.object_id, exc.object_name, severity, exc.message, exc.fix
        )


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Errors first, then warnings; within each, the order they were found in (stable)."""
    unique = list(dict.fromkeys(problems))
    return [p for p in unique if p.is_error] + [p for p in unique if not p.is_error]


def format_problems(problems: Iterable[Problem]) -> list[str]:
    """One line per problem, errors first, then warnings."""
    return [p.line() for p in sort_problems(problems)]


def problems_json(problems: Iterable[Problem]) -> str:
    """The report as one JSON object: `valid` (no errors), counts, and every problem."""
    ordered = sort_problems(problems)
    errors = sum(p.is_error for p in ordered)
    report = {
        "valid": errors == 0,
        "errors": errors,
        "warnings": len(ordered) - errors,
        "problems": [p.to_json() for p in ordered],
    }
    return json.dumps(report, sort_keys=True)


def suggest(given: str, known: Iterable[str], what: str) -> str:
    """`did you mean "X"?`, or the list to choose from."""
    options = list(known)
    lowered = {o.lower(): o for o in options}
    match = lowered.get(given.lower()) or next(
        iter(difflib.get_close_matches(given, options, n=1, cutoff=0.6)), None
    )
    if match:
        return f'did you mean "{match}"?'
    return f"use one of the {what}: {', '.join(options)}" if options else ""

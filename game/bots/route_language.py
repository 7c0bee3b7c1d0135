"""The route language: the text a route file holds, parsed into days of commands.

Owns the commands, their arguments and the one-line errors that name the file and the line, and
reading a route file through the hardened reader (game.safe_read). Pure text work: imports no
pygame and nothing of the simulation; game.bots.route plays what this parses.

A route file is UTF-8 text, one command per line; `#` starts a comment; blank lines are ignored.

    day                  a new day's orders begin here; when a loop starts, the bot moves on to
                         the next `day` (so a route is a list of days, one per loop)
    goto X Y             walk to map pixel (X, Y) along walkable ground, fighting on the way
    goto NAME            walk to the named object of the current map (its centre)
    approach NAME PX     walk toward the named object until within PX pixels of it
    interact             press interact once
    hold TICKS           hold interact for TICKS ticks
    wait TICKS           stand still for TICKS ticks (fighting whatever comes)
    claymore             Day 0: hold out until the Alpha is on him, then set off the claymore
    plant                hold interact at the Omega's core until the charge is planted, stepping
                         back in whenever a blow knocks him out of reach
    keypad CODE          at a Gate's keypad: open it, turn the dial to each digit, enter it
    drill                play the drill just started (with `interact` in its yard) to its end:
                         the marks in order, the targets, the rings, the dummies, the ambush
    slay KIND            close in on the nearest living Mimic of KIND (a spawn's `kind`) and
                         fight it, blade, grenade or rifle, until none of that kind is left near
    kill-alpha           fight the Alpha until it falls
    spare-alpha on|off   whether he holds fire on Alphas (on by default: an Alpha's death resets
                         the day, so a route only kills one on purpose, with kill-alpha)
    avoid-mines on|off   keep clear of every mine, as a runner who knows the map does (off by
                         default: he steps around only the mines Cage remembers)
    reset                restart the day now
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game import safe_read

MAX_ROUTE_BYTES = 1024 * 1024
MAX_COORDINATE = 1_000_000  # px: far beyond any map (2048 tiles of 512 px is about this)


class RouteError(ValueError):
    """A route file that cannot be played: `str()` names the file and line."""


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[str, ...]
    line: int


ARITY = {
    "day": (0, 0),
    "goto": (1, 2),
    "approach": (2, 2),
    "interact": (0, 0),
    "hold": (1, 1),
    "wait": (1, 1),
    "claymore": (0, 0),
    "plant": (0, 0),
    "kill-alpha": (0, 0),
    "drill": (0, 0),
    "keypad": (1, 1),
    "slay": (1, 1),
    "spare-alpha": (1, 1),
    "avoid-mines": (1, 1),
    "reset": (0, 0),
}


def parse_route(text: str, source: str = "<route>") -> list[list[Command]]:
    """The route's days, each a list of commands (orders before the first `day` are day one)."""
    days: list[list[Command]] = [[]]
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, *args = line.split()
        if name not in ARITY:
            known = ", ".join(sorted(ARITY))
            raise RouteError(f"{source}:{number}: unknown command {name!r} (known: {known})")
        low, high = ARITY[name]
        if not low <= len(args) <= high:
            raise RouteError(f"{source}:{number}: {name} takes {low}-{high} arguments")
        if name in ("hold", "wait") and safe_read.whole_number(args[0], 0, 10**6) is None:
            raise RouteError(f"{source}:{number}: {name} needs a whole number of ticks")
        if name == "goto" and len(args) == 2:
            if any(safe_read.finite_number(a, MAX_COORDINATE) is None for a in args):
                raise RouteError(
                    f"{source}:{number}: goto X Y needs two numbers, finite map pixels "
                    f"(at most {MAX_COORDINATE:g})"
                )
        if name == "approach" and safe_read.whole_number(args[1], 0, MAX_COORDINATE) is None:
            raise RouteError(
                f"{source}:{number}: approach NAME PX needs a whole number of px "
                f"(0 to {MAX_COORDINATE:g})"
            )
        if name == "keypad" and not (args[0].isdigit() and args[0].isascii() and len(args[0]) <= 8):
            raise RouteError(f"{source}:{number}: keypad CODE takes the code's digits (1 to 8)")
        if name in ("spare-alpha", "avoid-mines") and args[0] not in ("on", "off"):
            raise RouteError(f"{source}:{number}: {name} takes on or off")
        if name == "day":
            if days[-1]:
                days.append([])
            continue
        days[-1].append(Command(name, tuple(args), number))
    return days


def load_route(path: str | Path) -> list[list[Command]]:
    """A route file's days, read through the hardened reader; RouteError names the file."""
    try:
        text = safe_read.read_text(path, MAX_ROUTE_BYTES, "route file")
    except FileNotFoundError:
        raise RouteError(f"{path}: cannot read: No such file or directory") from None
    except safe_read.UnsafeInput as exc:
        raise RouteError(str(exc)) from None
    return parse_route(text, str(path))

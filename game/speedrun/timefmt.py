"""Times as speedrunners read them: ticks to `m:ss.fff`, deltas, and LiveSplit's TimeSpan text.

Owns every conversion from simulation ticks (60 a second, exact) to text. Integer arithmetic only,
so the same ticks always print the same digits. Imports only game.tuning.
"""

from __future__ import annotations

from game.tuning import TICK_RATE

MINUS = "-"


def ticks_to_ms(ticks: int) -> int:
    """Whole milliseconds in `ticks` (rounded down: 1 tick is 16 ms, 3 ticks are 50 ms)."""
    return ticks * 1000 // TICK_RATE


def format_ticks(ticks: int | None) -> str:
    """`m:ss.fff` (or `h:mm:ss.fff` from an hour on); `-` for no time."""
    if ticks is None:
        return MINUS
    sign = MINUS if ticks < 0 else ""
    return sign + format_ms(ticks_to_ms(abs(ticks)))


def format_ms(ms: int) -> str:
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}.{millis:03d}"
    return f"{minutes}:{seconds:02d}.{millis:03d}"


def format_delta(ticks: int | None) -> str:
    """A comparison: `+1.250`, `-0.033`, `+1:02.500`; `-` for nothing to compare with."""
    if ticks is None:
        return MINUS
    sign = MINUS if ticks < 0 else "+"
    ms = ticks_to_ms(abs(ticks))
    if ms < 60_000:
        return f"{sign}{ms // 1000}.{ms % 1000:03d}"
    return sign + format_ms(ms)


def ticks_to_timespan(ticks: int) -> str:
    """LiveSplit's time text, `H:MM:SS.fffffff` (100 ns units, rounded down), as its server's
    `setgametime` and its `.lss` files read it."""
    units = ticks * 10_000_000 // TICK_RATE
    return units_to_timespan(units)


def ms_to_timespan(ms: int) -> str:
    return units_to_timespan(ms * 10_000)


def units_to_timespan(units: int) -> str:
    seconds, fraction = divmod(units, 10_000_000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{fraction:07d}"


def lead_text(delta_ticks: int | None, against: str = "") -> str:
    """A split's time against the personal best, in words: `0.500 ahead`, `1:02.500 behind`,
    `even` (`against` names what: `0.500 ahead of PB`, `even with PB`); "" when there is no
    personal best to compare with."""
    if delta_ticks is None:
        return ""
    if delta_ticks == 0:
        return f"even with {against}" if against else "even"
    amount = format_delta(delta_ticks)[1:]
    if delta_ticks < 0:
        return f"{amount} ahead of {against}" if against else f"{amount} ahead"
    return f"{amount} behind {against}" if against else f"{amount} behind"

"""The few statistics every benchmark of `aynik bench` reports, defined once.

Owns `percentile` (nearest rank: a value that was measured, never an interpolation) and
`summary` (the median and its spread: 99th percentile, interquartile range, worst). Each bench
compares its figure with a reference timed in the same run and says how much it varies; these are
the words it says it with. Standard library only.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest sample with at least `fraction` of the samples
    at or below it (0.5: the median's rank, 0.99: the 99th percentile)."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = math.ceil(fraction * len(ordered))
    return ordered[min(len(ordered) - 1, max(0, rank - 1))]


def summary(samples: Sequence[float]) -> dict[str, float]:
    """median, p99, iqr (75th minus 25th percentile), min and max of `samples`."""
    return {
        "median": statistics.median(samples),
        "p99": percentile(samples, 0.99),
        "iqr": percentile(samples, 0.75) - percentile(samples, 0.25),
        "min": min(samples),
        "max": max(samples),
    }

"""SimEvent: what happened in a tick, for the renderer, the audio and the loop to react to.

Owns the event types `World.step` returns (Nystrom's Event Queue). Events are plain frozen records
in map pixels; consumers read them and never write back into the simulation. Imports nothing from
the game.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SimEvent:
    tick: int


@dataclass(frozen=True, slots=True)
class ShotFired(SimEvent):
    x: float
    y: float
    end_x: float
    end_y: float
    hit: str  # "mimic", "wall" or "none"


@dataclass(frozen=True, slots=True)
class DryFire(SimEvent):
    pass


@dataclass(frozen=True, slots=True)
class ReloadStarted(SimEvent):
    duration: int  # ticks


@dataclass(frozen=True, slots=True)
class ReloadFinished(SimEvent):
    pass


@dataclass(frozen=True, slots=True)
class MimicTelegraph(SimEvent):
    """Sand heaves where a burrowed Mimic will burst out `duration` ticks from now."""

    mimic_id: int
    kind: str
    x: float
    y: float
    duration: int


@dataclass(frozen=True, slots=True)
class MimicEmerged(SimEvent):
    mimic_id: int
    kind: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class MimicWindup(SimEvent):
    mimic_id: int
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class MimicLunge(SimEvent):
    mimic_id: int
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class MimicHit(SimEvent):
    mimic_id: int
    x: float
    y: float
    health: int


@dataclass(frozen=True, slots=True)
class MimicDied(SimEvent):
    mimic_id: int
    kind: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class CageHurt(SimEvent):
    damage: int
    x: float
    y: float
    cause: str


@dataclass(frozen=True, slots=True)
class CageDied(SimEvent):
    x: float
    y: float
    cause: str


@dataclass(frozen=True, slots=True)
class AmbushSprung(SimEvent):
    """A MimicSpawn fired: its Mimics are on their way (the knowledge id names the ambush)."""

    spawn_id: int
    ambush: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class TriggerEntered(SimEvent):
    trigger_id: int
    name: str

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
    kind: str = ""  # the kind of Mimic (for its own sound and look)


@dataclass(frozen=True, slots=True)
class MimicLunge(SimEvent):
    mimic_id: int
    x: float
    y: float
    kind: str = ""  # the kind of Mimic (for its own sound and look)


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
    by: str = ""  # what killed it: "cage", "grenade", "rita", "mine", "claymore", "charge", ...


@dataclass(frozen=True, slots=True)
class MimicDeflected(SimEvent):
    """A round glanced off a Mimic's armour."""

    mimic_id: int
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class SpitFired(SimEvent):
    spit_id: int
    x: float
    y: float
    vx: float
    vy: float


@dataclass(frozen=True, slots=True)
class SpitSplashed(SimEvent):
    spit_id: int
    x: float
    y: float
    hit: str  # "cage", "rita", "wall" or "ground"


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


@dataclass(frozen=True, slots=True)
class KnowledgeLearned(SimEvent):
    """Cage now knows something he will keep across loops."""

    knowledge: str
    description: str


@dataclass(frozen=True, slots=True)
class IntelRead(SimEvent):
    object_id: int
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class GateLocked(SimEvent):
    object_id: int
    message: str


@dataclass(frozen=True, slots=True)
class GateOpened(SimEvent):
    object_id: int
    how: str = "knowledge"  # "knowledge", "code" (typed at its keypad) or "cleared" (they died)


@dataclass(frozen=True, slots=True)
class Explosion(SimEvent):
    x: float
    y: float
    radius: float
    cause: str  # "grenade", "mine", "claymore"


@dataclass(frozen=True, slots=True)
class GrenadeThrown(SimEvent):
    grenade_id: int
    x: float
    y: float
    end_x: float
    end_y: float


@dataclass(frozen=True, slots=True)
class BladeSwing(SimEvent):
    x: float
    y: float
    angle: float  # radians
    hits: int


@dataclass(frozen=True, slots=True)
class DashStarted(SimEvent):
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class RitaLine(SimEvent):
    """A line of the day's first meeting with Rita (subtitles)."""

    text: str


@dataclass(frozen=True, slots=True)
class RitaWon(SimEvent):
    quick: bool  # won over at once with her phrase


@dataclass(frozen=True, slots=True)
class RitaShot(SimEvent):
    x: float
    y: float
    end_x: float
    end_y: float
    hit: str


@dataclass(frozen=True, slots=True)
class RitaDied(SimEvent):
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class DrillStarted(SimEvent):
    kind: str
    level: int
    title: str
    ticks: int


@dataclass(frozen=True, slots=True)
class DrillPassed(SimEvent):
    kind: str
    level: int
    ability: str


@dataclass(frozen=True, slots=True)
class DrillFailed(SimEvent):
    kind: str
    level: int
    reason: str


@dataclass(frozen=True, slots=True)
class Drenched(SimEvent):
    """Day 0: the claymore took the Alpha and Cage with it; its blood is on him now."""

    x: float
    y: float


@dataclass(frozen=True, slots=True)
class LevelEntered(SimEvent):
    """Cage went through an Exit: the day goes on in another map (`level` is its file stem)."""

    level: str
    spawn: str


@dataclass(frozen=True, slots=True)
class FinalActBegun(SimEvent):
    """Cage went down the hidden shaft: beyond the loop. Death here is the end of the war."""


@dataclass(frozen=True, slots=True)
class ChargePicked(SimEvent):
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class ChargePlanted(SimEvent):
    x: float
    y: float
    fuse: int  # ticks until it goes off


@dataclass(frozen=True, slots=True)
class OmegaDestroyed(SimEvent):
    """The charge went off at the core: the Omega is gone, and Cage with it. The run is won."""

    x: float
    y: float


@dataclass(frozen=True, slots=True)
class KeypadOpened(SimEvent):
    gate_id: int
    digits: int  # how long the code is


@dataclass(frozen=True, slots=True)
class KeypadDial(SimEvent):
    gate_id: int
    digit: int


@dataclass(frozen=True, slots=True)
class KeypadClosed(SimEvent):
    gate_id: int
    how: str  # "opened", "wrong" (the alarm: the pad locks a moment, he starts again) or "left"


@dataclass(frozen=True, slots=True)
class PointOfNoReturn(SimEvent):
    """Cage stands before the way beyond the loop: from here on, death is final."""

    x: float
    y: float


@dataclass(frozen=True, slots=True)
class LoopStarted(SimEvent):
    """A new day has begun at the checkpoint.

    `reason`: "death" (the loop took him back), "reset" (he chose to), "alpha" (an Alpha died and
    the Omega reset the day; on Day 0 that is the moment the loop becomes his) or "new game"
    (he died on Day 0, before the loop was his), "restart" (he started Day 0 over) or
    "war lost" (he died beyond the loop, in the Omega's chamber: the bad ending, then a retry)."""

    loop: int
    reason: str

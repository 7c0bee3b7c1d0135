"""Rita's training drills: short tests in her yard that raise the training level for good.

Owns one drill in progress: its kind, its clock, its marks, targets and rings, and whether it has
been passed. Levels (GAME.md): 1 `move` reach the marks while a training drone harasses you (dash);
2 `reload` hit the targets with a short magazine (fast reload); 3 `ordnance` grenades into the rings
(grenades); 4 `blade` cut the dummies (the blade); 5 `trust` survive an ambush together (Rita
follows Cage). The World creates the drill's bodies and reports what happens. Pure: no pygame.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game import tuning as T
from game.level.data import MapObject

ABILITIES = {1: "dash", 2: "fast reload", 3: "grenades", 4: "the blade", 5: "Rita at your side"}
DRILL_NAMES = {
    "move": "Move: reach the marks",
    "reload": "Reload: hit every target",
    "ordnance": "Ordnance: a grenade in every ring",
    "blade": "Blade: cut down the dummies",
    "trust": "Trust: survive the ambush together",
}


@dataclass
class Target:
    id: int
    x: float
    y: float
    blade_only: bool
    alive: bool = True
    shape: object | None = None


@dataclass
class DrillSession:
    obj: MapObject
    kind: str
    level: int
    ticks_left: int
    marks: list[list[float]] = field(default_factory=list)  # [x, y, reached 0/1]
    targets: list[Target] = field(default_factory=list)
    rings: list[list[float]] = field(default_factory=list)  # [x, y, done 0/1]
    mimic_ids: list[int] = field(default_factory=list)  # drones spawned for this drill
    saved_ammo: int = 0
    saved_grenades: int = 0

    @property
    def title(self) -> str:
        return DRILL_NAMES.get(self.kind, self.kind)

    def progress(self) -> tuple[int, int]:
        """(done, total) for the HUD."""
        if self.kind == "move":
            return (sum(int(m[2]) for m in self.marks), len(self.marks))
        if self.kind in ("reload", "blade"):
            return (sum(1 for t in self.targets if not t.alive), len(self.targets))
        if self.kind == "ordnance":
            return (sum(int(r[2]) for r in self.rings), len(self.rings))
        total = T.DRILL_TIME["trust"]
        return (total - self.ticks_left, total)

    @property
    def passed(self) -> bool:
        done, total = self.progress()
        if self.kind == "trust":
            return self.ticks_left == 0
        return done == total and total > 0

    def hash_words(self) -> list[int]:
        words = [self.obj.id, self.ticks_left, *self.mimic_ids]
        words += [int(m[2]) for m in self.marks] + [int(r[2]) for r in self.rings]
        words += [int(t.alive) for t in self.targets]
        return words


def layout(obj: MapObject, kind: str) -> tuple[list, list[tuple[float, float, bool]], list]:
    """Where a drill's marks, targets and rings go inside its rectangle (fixed by the map)."""
    x, y, w, h = obj.x, obj.y, obj.width, obj.height
    inset = 28.0
    marks: list = []
    targets: list[tuple[float, float, bool]] = []
    rings: list = []
    if kind == "move":
        corners = [(x + inset, y + inset), (x + w - inset, y + h - inset),
                   (x + w - inset, y + inset), (x + inset, y + h - inset)]  # fmt: skip
        marks = [[cx, cy, 0.0] for cx, cy in corners]
    elif kind == "reload":
        for i in range(5):
            targets.append((x + w * (i + 0.5) / 5, y + inset, False))
    elif kind == "ordnance":
        for i in range(3):
            rings.append([x + w * (i + 1) / 4, y + h * 0.3, 0.0])
    elif kind == "blade":
        for i in range(4):
            targets.append((x + w * (i + 0.5) / 4, y + h * 0.5, True))
    return marks, targets, rings

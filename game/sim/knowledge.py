"""Knowledge: what Cage learns and keeps across loops, and the rules for learning it.

Owns the knowledge ids' meaning (GAME.md "Knowledge"): `ambush:<id>` from seeing an ambush emerge
(or dying to one that struck from under him), `intel:*` from Intel pickups (the campaign's tunnel
code is three of them), `field:<id>` from the mine that killed him, `rita:phrase` from Rita,
`vision:omega` from the dam Alpha's blood. The Memory stores them; this module names them, and
gathers the titles and texts the journal, the recap and the keypad show. The knowledge system
(KnowledgeSystem) is learning within a day: it owns no state of its own (what Cage knows is the
Memory's, which the Run hashes beside the day). It reaches the other systems only through the World
it is handed (imported for type checking only). Must not import pygame, time, global random or os.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.level.data import LevelData
from game.sim import events as ev
from game.sim.hashing import StateHasher

if TYPE_CHECKING:
    from game.sim.world import World

RITA_PHRASE = "rita:phrase"
VISION_OMEGA = "vision:omega"
GATE_CODE = "intel:gate-code"
AMBUSH_SIGHT = 720.0  # px: an emergence this close to Cage is seen, and remembered


def describe(knowledge_id: str, titles: dict[str, str] | None = None) -> str:
    """A short human line for the journal and the on-screen announcement."""
    if titles and knowledge_id in titles:
        return titles[knowledge_id]
    kind, _, rest = knowledge_id.partition(":")
    if kind == "ambush":
        return f"Ambush {rest}: where and when they come out of the sand"
    if kind == "field":
        return f"Minefield ({rest}): where the mines are buried"
    if knowledge_id == RITA_PHRASE:
        return "What to say to Rita so she trusts you at once"
    if knowledge_id == VISION_OMEGA:
        return "The vision: the Omega lies beneath the dam"
    if kind == "intel":
        return f"Intel: {rest.replace('-', ' ')}"
    return knowledge_id


def level_titles(level: LevelData) -> dict[str, str]:
    """Human titles for the knowledge a map can teach: its ambushes and its Intel."""
    titles: dict[str, str] = {}
    for spawn in level.objects_of("MimicSpawn"):
        ambush = str(spawn.prop("ambush", "") or f"ambush:{spawn.id}")
        at = float(spawn.prop("at", -1.0))
        when = f"at {int(at) // 60}:{int(at) % 60:02d}" if at >= 0 else "when you pass by"
        name = spawn.name.replace("-", " ") or f"#{spawn.id}"
        titles[ambush] = f"Ambush, {name}: they come out {when}"
    for intel in level.objects_of("Intel"):
        knowledge = str(intel.prop("knowledge", ""))
        if knowledge:
            titles[knowledge] = str(intel.prop("title", "") or describe(knowledge))
    return titles


def atlas_titles(levels) -> dict[str, str]:
    """The human titles of the knowledge every map of the run can teach."""
    titles: dict[str, str] = {}
    for level in levels:
        titles.update(level_titles(level))
    return titles


def atlas_intel(levels) -> dict[str, tuple[str, str]]:
    """Every Intel the run's maps hold: knowledge id -> (title, full text), for the journal."""
    intel: dict[str, tuple[str, str]] = {}
    for level in levels:
        for obj in level.objects_of("Intel"):
            knowledge = str(obj.prop("knowledge", ""))
            if knowledge:
                title = str(obj.prop("title", "") or describe(knowledge))
                intel[knowledge] = (title, str(obj.prop("text", "")))
    return intel


def knowable(levels) -> list[str]:
    """Every piece of knowledge these maps can teach, in map order (for "found N of M")."""
    ids: list[str] = []
    for level in levels:
        for o in level.objects:
            if o.cls == "MimicSpawn":
                ids.append(str(o.prop("ambush", "") or f"ambush:{o.id}"))
            elif o.cls == "Intel" and o.prop("knowledge", ""):
                ids.append(str(o.prop("knowledge")))
            elif o.cls == "Mine":
                ids.append(str(o.prop("field", "") or f"field:{o.id}"))
            elif o.cls == "Rita":
                ids.append(RITA_PHRASE)
            elif o.cls == "Omega":
                ids.append(VISION_OMEGA)
    return list(dict.fromkeys(ids))


class KnowledgeSystem:
    """Learning through the day: `learn` as it happens (a knowledge id may open Gates), and
    `update` at the end of each tick (the ambushes he saw come out of the sand)."""

    def learn(
        self, world: World, knowledge_id: str, events: list[ev.SimEvent], title: str = ""
    ) -> None:
        if world.memory.learn(knowledge_id):
            text = title or describe(knowledge_id)
            events.append(ev.KnowledgeLearned(world.tick, knowledge_id, text))
            world.thing_system.open_gates(world, events)

    def update(self, world: World, events: list[ev.SimEvent]) -> None:
        """Seeing an ambush come out of the sand teaches it (Cage must be close enough to see)."""
        if not world.memory.looping:
            return  # Day 0: nothing he sees is kept, the loop is not his yet
        cx, cy = world.cage.position
        sight = AMBUSH_SIGHT * AMBUSH_SIGHT
        seen: list[str] = []
        for e in events:
            if isinstance(e, ev.MimicEmerged):
                mimic = world.mimic_system.with_id(e.mimic_id)
                ambush = mimic.ambush if mimic is not None else ""
            elif isinstance(e, ev.AmbushSprung) and not _spawn_emerges(world.level, e.spawn_id):
                ambush = e.ambush
            else:
                continue
            if ambush and (e.x - cx) ** 2 + (e.y - cy) ** 2 <= sight and ambush not in seen:
                seen.append(ambush)
        for ambush in seen:
            self.learn(world, ambush, events, describe(ambush, level_titles(world.level)))

    def hash_into(self, h: StateHasher) -> None:
        """Nothing: learning keeps no state in the day. What Cage knows is the Memory, which
        the Run hashes after the day's own state (game.sim.loop)."""


def _spawn_emerges(level: LevelData, spawn_id: int) -> bool:
    spawn = level.object_by_id(spawn_id)
    return spawn is not None and bool(spawn.prop("emerge", True))

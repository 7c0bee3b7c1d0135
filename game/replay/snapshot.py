"""A readable picture of a run's state, for checkpoints and desync reports.

Owns which parts of the state a person comparing two runs wants to see: the run's tick and loop,
the day's tick and RNG, Cage, Rita, a sample of the Mimics, and the Memory. Not a save state
(nothing is restored from it); floats are rounded for reading, the state hash is exact. Reads
the Run only; must not import pygame.
"""

from __future__ import annotations

MIMIC_SAMPLE = 8


def _r(value: float) -> float:
    return round(float(value), 3)


def state_snapshot(run: object) -> dict:
    world = run.world
    cage = world.cage
    (x, y), (vx, vy) = cage.body.position, cage.body.velocity
    snapshot = {
        "run_ticks": run.run_ticks,
        "loop": run.memory.loop,
        "level": str(getattr(run, "level_name", "")),
        "day_tick": world.tick,
        "rng": f"{world.rng.state:016x}",
        "state_hash": run.state_hash(),
        "cage": {
            "x": _r(x),
            "y": _r(y),
            "vx": _r(vx),
            "vy": _r(vy),
            "aim": cage.aim,
            "integrity": cage.integrity,
            "ammo": cage.ammo,
            "dead": bool(cage.dead),
        },
        "mimics": len(world.mimics),
        "mimic_sample": [
            [m.id, m.kind.name, m.state, _r(m.body.position[0]), _r(m.body.position[1]), m.health]
            for m in world.mimics[:MIMIC_SAMPLE]
        ],
        "knowledge": list(run.memory.knowledge),
        "training_level": run.memory.training_level,
        "deaths": len(run.memory.deaths),
    }
    rita = getattr(world, "rita", None)
    if rita is not None:
        rx, ry = rita.body.position
        snapshot["rita"] = {"x": _r(rx), "y": _r(ry), "state": rita.state}
    return snapshot

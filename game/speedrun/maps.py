"""The split plan of a run: its splits, read from its starting map and the maps its Exits lead to
(the run's atlas). Pure apart from what the caller loaded; no pygame.
"""

from __future__ import annotations

from game.level.atlas import atlas_levels
from game.level.campaign import in_campaign
from game.level.data import LevelData
from game.speedrun.splits import SplitPlan, build_split_plan


def split_plan_for_level(level: LevelData, atlas: dict[str, LevelData] | None = None) -> SplitPlan:
    """The campaign's default splits plus every map `Split` (a mod's run: its maps' splits)."""
    campaign = not level.path.startswith("<") and in_campaign(level.path)
    return build_split_plan(atlas_levels(level, atlas), campaign=campaign)


def split_plan_for_run(run: object) -> SplitPlan:
    """The split plan of a Run, from its starting map and its atlas."""
    return split_plan_for_level(run.level, getattr(run, "atlas", None))

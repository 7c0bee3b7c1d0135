"""Categories: what kind of run this is, so only like is compared with like.

Owns the campaign's categories (Any%, All knowledge, All training, Low loops: the campaign from a
new save on the official seed, 0, played by a person; which of them an end state meets) and the
marks a run carries otherwise: a custom seed, another starting map, practice, a continued
save, a bot, assists. Practice, continued saves, bots and assisted runs never count as a best (nor
a gold); a custom seed keeps its own bests. Pure; imports the Memory and Assists types only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.sim.assists import Assists
from game.sim.memory import Memory
from game.speedrun.events import level_stem

ANY_PERCENT = "Any%"
ALL_KNOWLEDGE = "All knowledge"  # 100%: every piece of knowledge the campaign's maps hold
ALL_TRAINING = "All training"  # every one of Rita's drills passed
LOW_LOOPS = "Low loops"  # finished; ranked by the fewest loops, then by IGT
# The categories a runner can choose (Settings, `--category`). A run counts for the one it was
# played as, when its end state meets it; `aynik verify` says which of them a run meets.
CATEGORIES = (ANY_PERCENT, ALL_KNOWLEDGE, ALL_TRAINING, LOW_LOOPS)
OFFICIAL_SEED = 0
CAMPAIGN_START = "beachhead"


@dataclass(frozen=True)
class Category:
    name: str  # "Any%", or "Level: <map>" for a run that starts elsewhere
    seed: int
    level: str  # how the replay names the starting map
    new_save: bool = True  # began from an empty Memory
    practice: str = ""  # what the practice was ("" when it is not practice)
    player: str = "human"  # or the bot that played ("bot:random")
    assists: tuple[str, ...] = ()  # the names of the assists the run was played with
    level_hash: str = ""  # the starting map's content hash: a changed map keeps its own bests

    @property
    def assisted(self) -> bool:
        return bool(self.assists)

    @property
    def official(self) -> bool:
        """A run of one of the campaign's categories that a leaderboard takes as it is."""
        return (
            self.name in CATEGORIES
            and self.level == CAMPAIGN_START
            and self.seed == OFFICIAL_SEED
            and self.new_save
            and not self.practice
            and self.player == "human"
            and not self.assisted
        )

    @property
    def counts_for_bests(self) -> bool:
        return self.new_save and not self.practice and self.player == "human" and not self.assisted

    @property
    def labels(self) -> list[str]:
        marks = []
        if self.seed != OFFICIAL_SEED:
            marks.append(f"custom seed {self.seed}")
        if self.practice:
            marks.append(f"practice ({self.practice})")
        elif not self.new_save:
            marks.append("continued save")
        if self.player != "human":
            marks.append(f"played by {self.player}")
        if self.assisted:
            marks.append(f"assisted ({', '.join(self.assists)})")
        return marks

    def display(self, game_version: str = "") -> str:
        """One line for beside the timer: `Any% · seed 0 · v0.1.0 · practice (...)`. An assisted
        run says so early and briefly (the labels name the assists)."""
        parts = [self.name, f"seed {self.seed}"]
        if game_version:
            parts.append(f"v{game_version}")
        if self.assisted:
            parts.append("assisted")
        parts += [m for m in self.labels if not m.startswith(("custom seed", "assisted"))]
        return " · ".join(parts)

    def key(self, game_version: str) -> str:
        """The bests file's name for this category, where it starts (the campaign, or which mod's
        map), that map's content, the seed and the game version: two mods' `dam.tmx` never
        share a file, nor does a map once it is changed."""
        name = _slug(self.name.replace("%", "")) or "run"
        where = "" if self.level == CAMPAIGN_START else f"-{_slug(self.level)[-48:]}"
        content = f"-{self.level_hash[:10]}" if self.level_hash else ""
        version = re.sub(r"[^A-Za-z0-9.]+", "-", game_version)
        return f"{name}{where}{content}-seed{self.seed}-v{version}"

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "seed": self.seed,
            "level": self.level,
            "new_save": self.new_save,
            "practice": self.practice,
            "player": self.player,
            "assists": list(self.assists),
            "official": self.official,
        }


def category_from_json(data: dict) -> Category:
    """A Category as a replay's header records it (what the runner's game said of the run)."""
    assists = data.get("assists") or ()
    return Category(
        str(data.get("name", "")),
        int(data.get("seed", OFFICIAL_SEED) or 0),
        str(data.get("level", "")),
        bool(data.get("new_save", True)),
        str(data.get("practice", "") or ""),
        str(data.get("player", "human") or "human"),
        tuple(str(a) for a in assists) if isinstance(assists, list) else (),
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def categories_met(
    completed: bool,
    known: set[str],
    knowable: set[str],
    training_level: int,
    most_training: int,
) -> list[str]:
    """The categories a run's end state meets, from what the re-run shows (not what the run says
    of itself): every finished run is Any% and Low loops; All knowledge wants every knowable id
    known, All training every drill passed."""
    if not completed:
        return []
    met = [ANY_PERCENT]
    if knowable and knowable <= known:
        met.append(ALL_KNOWLEDGE)
    if most_training and training_level >= most_training:
        met.append(ALL_TRAINING)
    met.append(LOW_LOOPS)
    return met


def is_new_save(memory: Memory | None) -> bool:
    return memory is None or (
        memory.loop == 0
        and not memory.knowledge
        and memory.training_level == 0
        and not memory.deaths
    )


def classify(
    level: str,
    seed: int,
    start_memory: Memory | None = None,
    practice: str = "",
    player: str = "human",
    assists: Assists | None = None,
    chosen: str = ANY_PERCENT,
    level_hash: str = "",
) -> Category:
    """The category of a run starting on `level` (a replay's level name) with this seed, played
    as `chosen` (one of CATEGORIES; a map other than the campaign's is its own category)."""
    if level == CAMPAIGN_START:
        name = chosen if chosen in CATEGORIES else ANY_PERCENT
    else:
        name = f"Level: {level_stem(level)}"
    names = tuple(assists.names()) if assists is not None else ()
    return Category(
        name, seed, level, is_new_save(start_memory), practice, player or "human", names,
        level_hash,
    )  # fmt: skip

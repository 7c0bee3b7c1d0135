"""The scene registry: every scene's name, in one place.

Owns the names scenes ask for (`app.go("title")`, `app.open("pause", play_scene=self)`): each maps
to the scene's class, or to the function that builds it (the story moments). The App is the only
importer; no scene imports this module or another scene, so a scene can be tested with a fake
router that records the names it asks for.
"""

from __future__ import annotations

from collections.abc import Callable

from game.scenes.assists import AssistScene
from game.scenes.base import CardScene, Scene
from game.scenes.cutscene import bad_ending_scene, ending_scene, vision_scene
from game.scenes.journal import JournalScene
from game.scenes.levels import ErrorPanel, LevelSelectScene
from game.scenes.pause import PauseScene
from game.scenes.play import PlayScene
from game.scenes.recap import RecapScene
from game.scenes.replays import PracticeScene, PracticeStartScene, ReplaysScene
from game.scenes.settings import SettingsScene
from game.scenes.shaft import ShaftBeatScene
from game.scenes.title import TitleScene
from game.scenes.watch import WatchScene

SCENES: dict[str, Callable[..., Scene]] = {
    "title": TitleScene,
    "play": PlayScene,
    "pause": PauseScene,
    "journal": JournalScene,
    "settings": SettingsScene,
    "assists": AssistScene,
    "levels": LevelSelectScene,
    "error": ErrorPanel,
    "replays": ReplaysScene,
    "practice": PracticeScene,
    "practice start": PracticeStartScene,
    "watch": WatchScene,
    "card": CardScene,
    "recap": RecapScene,
    "shaft": ShaftBeatScene,
    "vision": vision_scene,
    "bad ending": bad_ending_scene,
    "ending": ending_scene,
}

"""The consumers' tables of sim events: each key a real event class of the simulation.

Audio, the effects, the notices and the finale each look a tick's events up by class in a table
(`HANDLERS`). A table is only as good as its keys: each must be the class the simulation itself
emits (not a look-alike with the same name), and no event class may have a subclass, or a lookup
by `type(event)` would miss what an `isinstance` test caught. Each consumer is then fed a real
event of a class it has and must react.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil

import pygame
import pytest

import game.sim
from game import audio
from game.render import effects, finale, notices
from game.sim import events as ev
from game.sim.events import LoopStarted, SimEvent

TABLES = {
    "audio": audio.HANDLERS,
    "effects": effects.HANDLERS,
    "notices": notices.HANDLERS,
    "finale": finale.HANDLERS,
}
CONSUMERS = {
    "effects": effects.Effects,
    "notices": notices.Notices,
    "finale": finale.Finale,
}


def sim_event_classes() -> set[type]:
    """Every event class defined anywhere in game.sim."""
    for info in pkgutil.walk_packages(game.sim.__path__, "game.sim."):
        importlib.import_module(info.name)
    found: set[type] = set()
    todo = [SimEvent]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub.__module__.startswith("game.sim.") and sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def test_no_event_class_has_a_subclass():
    """So a lookup by the event's own class finds exactly what an isinstance test would."""
    classes = sim_event_classes()
    assert ev.ShotFired in classes and LoopStarted in classes
    assert {c for c in classes if c.__subclasses__()} == set()


@pytest.mark.parametrize("consumer", list(TABLES))
def test_every_key_is_a_real_event_class_of_the_sim(consumer):
    table = TABLES[consumer]
    classes = sim_event_classes()
    assert table, f"{consumer} reacts to nothing"
    for cls in table:
        assert cls in classes, f"{consumer}: {cls!r} is not an event the simulation defines"
        module = importlib.import_module(cls.__module__)
        assert getattr(module, cls.__name__) is cls, f"{consumer}: {cls!r} is a stand-in"
        assert dataclasses.is_dataclass(cls) and issubclass(cls, SimEvent)


@pytest.mark.parametrize("consumer", list(CONSUMERS))
def test_every_handler_is_a_method_of_its_consumer(consumer):
    owner = CONSUMERS[consumer]
    for cls, handler in TABLES[consumer].items():
        assert getattr(owner, handler.__name__, None) is handler, (cls, handler)


def test_every_sound_handler_can_be_played():
    for cls, heard in audio.HANDLERS.items():
        assert callable(heard.play) and heard.sounds, cls


def test_the_finale_begins_on_a_charge_planted_at_the_core():
    stage = finale.Finale()
    assert stage.observe([ev.DryFire(5), ev.OmegaDestroyed(6, 1.0, 2.0)]) is False
    assert stage.core == (1.0, 2.0) and stage.planted_tick is None
    assert stage.observe([ev.ChargePlanted(9, 640.0, 360.0, 300), ev.DryFire(9)]) is True
    assert stage.planted_tick == 9 and stage.core == (640.0, 360.0)


def test_a_wrong_code_is_said_and_a_pad_left_is_not():
    said = notices.Notices()
    said.observe([ev.KeypadClosed(3, 1, "left")])
    assert said.subtitle_frames == 0
    said.observe([ev.KeypadClosed(4, 1, "wrong")])
    assert "Wrong code" in said.subtitle and said.subtitle_frames > 0


def test_knowledge_is_announced_with_the_learn_stinger():
    class Heard:
        def __init__(self) -> None:
            self.stingers: list[str] = []

        def stinger(self, name: str) -> None:
            self.stingers.append(name)

    ears = Heard()
    said = notices.Notices(ears)
    said.observe([ev.KnowledgeLearned(2, "intel:x", "The code is 0417."), ev.RitaDied(2, 0, 0)])
    assert [t.heading for t in said.toasts] == ["YOU WILL REMEMBER", "RITA IS DOWN"]
    assert ears.stingers == ["learn"]


def test_a_mimic_killed_in_the_tick_s_round_sprays_and_shakes():
    pygame.init()
    pygame.display.set_mode((64, 64))
    from game.render.sheets import SheetBank

    fx = effects.Effects(SheetBank(), seed=3)
    trauma = fx.observe(
        [ev.ShotFired(4, 0.0, 0.0, 200.0, 0.0, "mimic"), ev.MimicDied(4, 7, "alpha", 200.0, 0.0)],
        {},
    )
    assert trauma == pytest.approx(effects.TRAUMA["alpha"])
    assert fx.alive > 0 and fx.decals > 0

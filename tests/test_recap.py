"""The recap between a death and the Loop card, the assists it offers, and the first day's hint."""

from __future__ import annotations

import shutil

import pygame
import pytest
from player import key

from game.day_recap import place_name, repeated_deaths
from game.level.campaign import campaign_dir
from game.scenes.assists import AssistScene
from game.scenes.base import BEAT_TICKS as CARD_BEAT
from game.scenes.base import CardScene
from game.scenes.pause import PauseScene
from game.scenes.play import PlayScene
from game.scenes.recap import BEAT_TICKS, RecapScene
from game.sim.assists import MORE_INTEGRITY, SLOWER_MIMICS
from game.sim.memory import DeathRecord, Memory

NEAR_THE_LANDING = "The Beachhead, near the landing"  # where an idle Cage falls


def until_recap(app, limit: int = 4000) -> RecapScene:
    """Let Cage stand on the beach until he dies and the recap opens."""
    for _ in range(limit):
        app._update()
        if isinstance(app.top, RecapScene):
            return app.top
    raise AssertionError("no recap")


def test_a_day_0_death_has_the_short_recap(app):
    play = PlayScene(app, "beachhead")
    app.push(play)
    recap = until_recap(app).recap
    assert recap.lines() == [
        "DAY 0 IS OVER",
        "Killed by a drone's lunge — Day 0: the loop is not yours yet",
        f"Where: {NEAR_THE_LANDING}",
        "When: 0:16 into the day",
    ]


def test_a_looping_death_recaps_what_he_learned_and_what_is_new_in_the_journal(app):
    play = PlayScene(app, "beachhead", memory=Memory(loop=1))
    app.push(play)
    recap = until_recap(app).recap
    lines = recap.lines()
    assert lines[:5] == [
        "LOOP 1 IS OVER",
        "Killed by a drone's lunge",
        f"Where: {NEAR_THE_LANDING}",
        "When: 0:16 into the day",
        "Learned this loop:",
    ]
    # The three ambushes he watched come out of the sand, by their names on the map.
    assert [line.split(":")[0] for line in recap.learned] == [
        "Ambush, surf west",
        "Ambush, lz dunes",
        "Ambush, hedgehog belt",
    ]
    assert recap.journal == ("Known: 3 ambushes (+3)",)
    assert not recap.offer_assists  # one death is not a pattern
    assert play.run.loop == 2 and play.run.world.tick == 0


def test_the_screen_never_brightens_between_his_death_and_the_recap(app):
    """The frame the new day begins on still shows his death's last picture, and the recap's
    first frame over the new morning is no brighter than that: no flash of a bright beach."""

    def brightness() -> float:
        r, g, b, *_ = pygame.transform.average_color(app.screen)
        return (r + g + b) / 3

    play = PlayScene(app, "beachhead", memory=Memory(loop=1))
    app.push(play)
    for _ in range(4000):
        death = app.screen.copy()
        app._update()
        app._draw(1.0)
        if isinstance(app.top, RecapScene):
            break
    assert play.run.loop == 2 and play.run.world.tick == 0  # the new day has begun
    assert pygame.image.tobytes(app.screen, "RGB") == pygame.image.tobytes(death, "RGB")
    dark = brightness()
    for _ in range(3):
        app._update()
        app._draw(1.0)
        assert brightness() <= dark
    app._update()
    app._draw(1.0)
    assert pygame.image.tobytes(app.screen, "RGB") != pygame.image.tobytes(death, "RGB")


def test_the_recap_waits_a_beat_then_closes_only_on_a_deliberate_key(app):
    play = PlayScene(app, "beachhead", memory=Memory(loop=1))
    app.push(play)
    scene = until_recap(app)
    igt = play.session.tracker.igt_ticks
    scene.handle_event(key(pygame.K_RETURN))  # still in the beat: a key held from the fight
    assert app.top is scene
    for _ in range(BEAT_TICKS):
        app._update()
    for stray in (key(pygame.K_x), key(pygame.K_w), key(pygame.K_TAB)):
        scene.handle_event(stray)
    scene.handle_event(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(10, 10)))
    assert app.top is scene
    for _ in range(300):  # it stays as long as the player reads
        app._update()
    assert app.top is scene
    # Nothing of the new day has run, and none of it counted in the in-game time.
    assert play.run.world.tick == 0 and play.session.tracker.igt_ticks == igt
    scene.handle_event(key(pygame.K_RETURN))
    assert isinstance(app.top, CardScene)  # then the Loop card, as before


@pytest.mark.parametrize("close", [pygame.K_SPACE, pygame.K_e, "pad A"])
def test_space_e_and_the_pads_a_close_it_too(app, close):
    play = PlayScene(app, "beachhead", memory=Memory(loop=1))
    app.push(play)
    scene = until_recap(app)
    for _ in range(BEAT_TICKS):
        app._update()
    if close == "pad A":
        event = pygame.event.Event(pygame.CONTROLLERBUTTONDOWN, button=pygame.CONTROLLER_BUTTON_A)
    else:
        event = key(close)
    scene.handle_event(event)
    assert isinstance(app.top, CardScene)


def test_esc_on_the_recap_pauses_and_resuming_comes_back_to_it(app):
    play = PlayScene(app, "beachhead")
    app.push(play)
    scene = until_recap(app)
    scene.handle_event(key(pygame.K_ESCAPE))
    assert isinstance(app.top, PauseScene)
    app.top.handle_event(key(pygame.K_ESCAPE))
    assert app.top is scene


def test_the_assists_are_offered_after_three_deaths_at_one_place(app):
    memory = Memory(loop=3)
    memory.deaths = [
        DeathRecord(1, 900, 1450.0, 2080.0, "a drone's lunge", "beachhead"),
        DeathRecord(2, 910, 1420.0, 2010.0, "a drone's lunge", "beachhead"),
    ]
    play = PlayScene(app, "beachhead", memory=memory)
    app.push(play)
    scene = until_recap(app)
    assert scene.recap.offer_assists
    assert scene.recap.lines()[-1] == "Dying here again? Assists can make the day gentler"
    for _ in range(BEAT_TICKS):
        app._update()
    scene.handle_event(key(pygame.K_a))  # A moves left: it opens nothing here
    assert app.top is scene
    scene.handle_event(key(pygame.key.key_code(scene.assist_key)))
    assert isinstance(app.top, AssistScene)
    app.top.handle_event(key(pygame.K_RETURN))  # the first: slower Mimics
    app.top.handle_event(key(pygame.K_ESCAPE))
    assert app.top is scene and app.settings.assists.has(SLOWER_MIMICS)
    old_run = play.run
    scene.handle_event(key(pygame.K_RETURN))
    card = app.top
    assert isinstance(card, CardScene)
    for _ in range(CARD_BEAT):  # the Loop card's beat, then a deliberate key
        app._update()
    if app.top is card:
        card.handle_event(key(pygame.K_RETURN))
    app._update()
    # The day that begins is played with the assist, in a new recording, keeping what he knows.
    assert play.run is not old_run and play.run.assists.has(SLOWER_MIMICS)
    assert play.run.loop == old_run.loop and play.run.memory.deaths == old_run.memory.deaths
    assert play.session.category.assisted and not play.session.category.counts_for_bests


def test_no_offer_while_an_assist_is_on(app):
    app.settings.set_assist(MORE_INTEGRITY, True)
    memory = Memory(loop=3)
    memory.deaths = [DeathRecord(n, 900, 1450.0, 2080.0, "a drone's lunge", "beachhead")
                     for n in (1, 2)]  # fmt: skip
    play = PlayScene(app, "beachhead", memory=memory)
    assert play.run.assists.has(MORE_INTEGRITY)  # chosen in the settings, played by the run
    app.push(play)
    assert not until_recap(app).recap.offer_assists


def test_repeated_deaths_means_three_near_each_other_on_one_map_lately():
    def death(loop, x, y, level="beachhead"):
        return DeathRecord(loop, 600, x, y, "a drone's lunge", level)

    here = [death(1, 100, 100), death(2, 200, 150), death(3, 150, 120)]
    assert repeated_deaths(here)
    assert not repeated_deaths(here[:2])
    assert not repeated_deaths([death(1, 100, 100), death(2, 600, 100), death(3, 150, 120)])
    assert not repeated_deaths([death(1, 100, 100, "dam"), *here[1:]])
    # Long ago does not count: the latest loops only.
    old = here[:2] + [death(n, 2000, 2000) for n in range(3, 7)] + [death(7, 150, 120)]
    assert not repeated_deaths(old)


def test_places_are_named_from_the_map(app):
    play = PlayScene(app, "beachhead")
    level = play.level
    assert place_name(level, 3376, 1200) == "The Beachhead, near the officer"
    assert place_name(level, 1872, 640) == "The Beachhead, in the gap centre"
    assert place_name(level, 528, 1888) == "The Beachhead, in Rita's training yard"
    assert place_name(level, 2400, 1200) == "The Beachhead, near the minefield"
    assert place_name(level, 1900, 1300) == "The Beachhead, on the beach"


# --- the first day's hint ------------------------------------------------------------------------


def _mod_map(tmp_path, briefing: str | None):
    mod = tmp_path / "mod"
    shutil.copytree(campaign_dir() / "tiles", mod / "tiles")
    shutil.copy(campaign_dir() / "beach.tsx", mod / "beach.tsx")
    text = (campaign_dir() / "beachhead.tmx").read_text()
    title = '<property name="title" value="The Beachhead"/>'
    assert title in text
    if briefing is not None:
        text = text.replace(title, f'{title}\n  <property name="briefing" value="{briefing}"/>')
    path = mod / "map.tmx"
    path.write_text(text)
    return path


def _hints(play) -> list[tuple[str, str]]:
    return [(t.heading, t.text) for t in play.notices.toasts]


def test_the_campaign_shows_its_day_0_hint(app):
    play = PlayScene(app, "beachhead")
    app.push(play)
    app._update()
    assert any("claymore" in text for _, text in _hints(play))


def test_a_mod_shows_its_briefing_and_never_the_campaigns_hints(app, tmp_path):
    briefing = "Hold the ridge until the convoy is through."
    play = PlayScene(app, str(_mod_map(tmp_path, briefing)))
    app.push(play)
    app._update()
    assert _hints(play) == [("BRIEFING", briefing)]
    # After a death, never the campaign's words: the briefing again only if the first day begins
    # again (a mod played the campaign's way, Day 0 first), nothing if the day is a loop.
    scene = until_recap(app)
    for _ in range(BEAT_TICKS):
        app._update()
    scene.handle_event(key(pygame.K_RETURN))
    app.top.handle_event(key(pygame.K_RETURN))
    app._update()
    assert all("claymore" not in text and "Rita" not in text for _, text in _hints(play))
    if play.run.memory.looping:
        assert _hints(play) == []
    else:
        assert _hints(play) == [("BRIEFING", briefing)]


def test_a_mod_without_a_briefing_shows_no_hint(app, tmp_path):
    play = PlayScene(app, str(_mod_map(tmp_path, None)))
    app.push(play)
    app._update()
    assert _hints(play) == []


def test_three_day_0_deaths_at_the_landing_offer_the_assists_though_day_0_forgets_them(app):
    play = PlayScene(app, "beachhead")
    app.push(play)
    offers = []
    for _ in range(3):
        scene = until_recap(app)
        offers.append(scene.recap.offer_assists)
        for _ in range(BEAT_TICKS):
            app._update()
        scene.handle_event(key(pygame.K_RETURN))
        app.top.handle_event(key(pygame.K_RETURN))  # the card
    assert offers == [False, False, True]
    assert play.run.memory.deaths == []  # Day 0's deaths are not the loop's

"""Cards a player reads: the Loop and KIA cards stay a beat before anything closes them, then close
early only on a deliberate key; a fire button still held from the fight, a stray key or a click
does not skip them, and Esc pauses. No ghosts of earlier days show on Day 0."""

from __future__ import annotations

import pygame
from player import click, key

from game.scenes.base import BEAT_TICKS, FADE_OUT, LOADING_HOLD_MAX, CardScene
from game.scenes.pause import PauseScene
from game.scenes.play import PlayScene


def card_over_play(app) -> CardScene:
    play = PlayScene(app, "beachhead")
    app.push(play)
    paused = []
    card = CardScene(app, "LOOP 2", "You wake up. The same morning, again.", 90,
                     lambda: paused.append(True))  # fmt: skip
    app.push(card)
    card.paused = paused
    return card


def screens_made(app, monkeypatch) -> list[tuple]:
    """From now on, the size of each surface as large as the screen that is made (fills in)."""
    made: list[tuple] = []
    real_surface = pygame.Surface

    def counted_surface(size, *args, **kwargs):
        if tuple(size) == app.screen.get_size():
            made.append(tuple(size))
        return real_surface(size, *args, **kwargs)

    monkeypatch.setattr(pygame, "Surface", counted_surface)
    return made


def test_a_card_ignores_the_fight_still_in_his_hands_then_closes_on_a_deliberate_key(app):
    card = card_over_play(app)
    for event in (click(), key(pygame.K_SPACE), key(pygame.K_w)):
        card.handle_event(event)  # in the beat: nothing closes it
        assert app.top is card
    for _ in range(BEAT_TICKS):
        card.update()
    for event in (click(), key(pygame.K_w), key(pygame.K_r)):
        card.handle_event(event)  # a click or a stray key is not a decision to go on
        assert app.top is card
    card.handle_event(key(pygame.K_RETURN))
    assert app.top is not card


def test_esc_on_a_card_pauses_instead_of_skipping_it(app):
    card = card_over_play(app)
    card.handle_event(key(pygame.K_ESCAPE))
    assert card.paused == [True] and app.top is card


def test_the_play_scenes_card_pauses_into_the_pause_menu(app):
    play = PlayScene(app, "beachhead")
    app.push(play)
    play._pause()
    assert isinstance(app.top, PauseScene)


def test_no_ghosts_of_earlier_days_on_day_0(app):
    play = PlayScene(app, "beachhead")
    app.push(play)
    first = play.session
    # Stand on the beach until Day 0 has been lost: its path was recorded (in that attempt)...
    for _ in range(3000):
        app._update()
        if play.session is not first and app.top is play and play.run.run_ticks > 10:
            break
    assert first.ghosts is not None and first.ghosts.paths("beachhead")
    play.draw(app.screen, 1.0)
    assert play.view.ghosts == [], "Day 0's deaths are a new game's: no ghost shows"


def test_a_long_notice_wraps_and_loses_no_word(app):
    from game.level.atlas import load_atlas
    from game.level.campaign import resolve_level
    from game.render.notices import wrap

    level, _ = load_atlas(resolve_level("beachhead"))
    text = next(o for o in level.objects_of("Intel") if o.name == "officer").prop("text")
    assert len(text) > 110  # what used to be cut
    lines = wrap(text, 22, 980)
    assert len(lines) > 1 and " ".join(lines).split() == text.split()


def test_the_road_north_passes_through_a_card_naming_the_dam(app):
    from game.sim.memory import Memory

    play = PlayScene(app, "beachhead", memory=Memory(loop=2, training_level=4))
    app.push(play)
    world = play.run.world
    for gate in world.gates:  # the breach's rubble: this test is about the way through
        world.thing_system.open_gate(world, gate, [])
    exit_obj = world.level.objects_of("Exit")[0]
    world.cage.body.position = exit_obj.center
    tick = None
    for _ in range(30):
        app._update()
        if isinstance(app.top, CardScene):
            tick = play.run.world.tick
            break
    assert isinstance(app.top, CardScene) and app.top.title == "THE DAM"
    for _ in range(10):
        app._update()
    assert play.run.world.tick == tick, "the day waits behind the card"


def test_the_first_ambush_countdown_on_the_map_is_explained_once(app):
    from game.level.atlas import load_atlas
    from game.level.campaign import resolve_level
    from game.sim.memory import Memory

    level, _ = load_atlas(resolve_level("beachhead"))
    surf_west = next(s for s in level.objects_of("MimicSpawn") if s.name == "surf-west")
    memory = Memory(loop=2, knowledge={f"ambush:{surf_west.id}": 1})
    play = PlayScene(app, "beachhead", memory=memory)
    app.push(play)
    for _ in range(40):
        app._update()
    headings = [t.heading for t in play.notices.toasts]
    assert headings.count("TRIANGLES WITH !") == 1
    for _ in range(120):
        app._update()
    assert [t.heading for t in play.notices.toasts].count("TRIANGLES WITH !") <= 1


def test_a_kill_holds_the_day_a_few_frames_and_a_boss_longer(app):
    from game.scenes.play import HITSTOP_BIG, HITSTOP_KILL, hitstop_for
    from game.sim.events import CageHurt, MimicDied

    assert hitstop_for([MimicDied(1, 7, "drone", 0.0, 0.0, "cage")]) == HITSTOP_KILL
    assert hitstop_for([MimicDied(1, 7, "hulk", 0.0, 0.0, "cage")]) == HITSTOP_BIG
    assert hitstop_for([MimicDied(1, 7, "drone", 0.0, 0.0, "charge")]) == 0  # the end, no pause
    assert hitstop_for([CageHurt(1, 40, 0.0, 0.0, "an Alpha's lunge")]) == HITSTOP_BIG
    assert hitstop_for([CageHurt(1, 6, 0.0, 0.0, "a drone")]) == 0
    play = PlayScene(app, "beachhead")
    app.push(play)
    app._update()
    tick = play.run.world.tick
    play.hitstop = HITSTOP_KILL
    for _ in range(HITSTOP_KILL):
        app._update()
    assert play.run.world.tick == tick, "the day holds"
    app._update()
    assert play.run.world.tick == tick + 1


def test_the_map_card_covers_the_screen_from_its_first_frame(app):
    # The map changes under it: its first, slow frame must not be seen half-drawn.
    for opaque, dark in ((True, True), (False, False)):
        card = CardScene(app, "THE DAM", "", 75, opaque_at_once=opaque)
        screen = pygame.Surface((320, 180))
        screen.fill((255, 255, 255))
        card.draw(screen, 1.0)
        brightness = sum(pygame.transform.average_color(screen)[:3]) / 3
        assert (brightness < 60) is dark, brightness


def test_the_collector_runs_on_the_map_cards_first_frame_not_the_frame_that_changed_map(
    app, monkeypatch
):
    """The frame that builds the new map and the collection each stay inside a frame's time:
    the collection waits for the next update, when the card is already up."""
    from game import gc_policy
    from game.sim.memory import Memory

    settled_under: list = []
    real_settle = gc_policy.settle

    def watched_settle(full: bool = True) -> None:
        settled_under.append(type(app.top))
        real_settle(full)

    monkeypatch.setattr(gc_policy, "settle", watched_settle)
    play = PlayScene(app, "beachhead", memory=Memory(loop=2, training_level=4))
    app.push(play)
    gc_policy.start()
    try:
        settled_under.clear()  # start()'s own settle, after loading
        _to_the_dam(app, play)
        assert settled_under == [], "not in the frame that changed the map"
        app._update()
        assert settled_under == [CardScene], "but on the card's first frame, once"
        app._update()
        assert settled_under == [CardScene]
    finally:
        gc_policy.stop()


def test_a_loop_cards_collection_leaves_the_level_frozen(app):
    """Behind a loop reset's card the collector walks only what the days made: the level and
    its art, frozen when the play scene was loaded, stay out of it (a walk of them took 20-30 ms
    on every card). A map change does the same; only loading settles everything."""
    import gc

    from game import gc_policy
    from game.sim.memory import Memory

    play = PlayScene(app, "beachhead", memory=Memory(loop=2, training_level=4))
    app.push(play)
    gc_policy.start()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 10_000, "loading froze the level and its art"
        day = play.run.world
        for _ in range(300):
            while app.top is not play:  # the day's hint, then the reset's card
                app.pop()
            play.request_reset()
            app._update()
            if play.run.world is not day:
                break
        assert play.run.world is not day, "the day was reset"
        assert gc_policy._due, "a collection waits for the card's first frame"
        app._update()
        assert not gc_policy._due, "it ran"
        # What loading froze is not walked again (nothing new is frozen; what the old day had
        # frozen of itself may have gone).
        assert gc.get_freeze_count() <= frozen, "and left what loading froze frozen"
    finally:
        gc_policy.stop()


def test_a_map_change_puts_its_card_up_before_the_new_map_loads(app):
    """The frame that reaches the Exit only puts the card up (the old map's last picture is not
    held on screen while the dam loads); the dam's view is made on the card's next frame."""
    from game.sim.memory import Memory

    play = PlayScene(app, "beachhead", memory=Memory(loop=2, training_level=4))
    app.push(play)
    beach_view = play.view
    _to_the_dam(app, play)
    assert play.run.world.level.title == "The Dam"
    app._draw(1.0)
    assert play.view is beach_view, "the card's first frame loads nothing"
    app._update()
    app._draw(1.0)
    assert play.view is not beach_view and play.view.level is play.run.world.level
    assert play.view.tilemap.chunks_built > 0, "its tiles were built behind the card"


def _to_the_dam(app, play) -> CardScene:
    """Open the beach's Gates and stand Cage on its Exit: the frames until the dam's card."""
    world = play.run.world
    for gate in world.gates:
        world.thing_system.open_gate(world, gate, [])
    world.cage.body.position = world.level.objects_of("Exit")[0].center
    for _ in range(30):
        app._update()
        if isinstance(app.top, CardScene):
            return app.top
    raise AssertionError("no map card came up at the Exit")


def _whole(view) -> bool:
    """Nothing of the view is left for a frame in sight to make in a long frame (the rotations
    of the Mimics' art are made a slice a frame, as from any map's first frame)."""
    tilemap = view.tilemap
    return (
        tilemap.chunks_built == tilemap.columns * tilemap.rows
        and view.actors.kinds_ready()
        and view.effects._art is not None
    )


def test_the_dams_view_is_made_a_slice_a_frame_and_is_whole_when_the_card_fades(app, monkeypatch):
    """Making the dam's view at once took one 56-64 ms frame behind the card; each frame the
    card covers the screen makes a slice of it (here the smallest: one piece a frame, so the
    test does not depend on this machine's speed), and the card stays up, whole, past its time
    until the view is made: on a slow machine the loading is a longer card, never a long frame
    or a half-made map in sight."""
    from game.scenes import play as play_module
    from game.sim.memory import Memory

    monkeypatch.setattr(play_module, "ARRIVAL_SLICE", 0.0)
    play = PlayScene(app, "beachhead", memory=Memory(loop=2, training_level=4))
    app.push(play)
    card = _to_the_dam(app, play)
    app._draw(1.0)  # the card's first frame: it only goes up
    card.ticks_left = FADE_OUT + 2  # its time all but out: the view is far from made
    built: list[int] = []
    while not _whole(play.view):
        assert card.covers_screen and app.top is card, "the card holds while the view is made"
        app._update()
        app._draw(1.0)
        built.append(play.view.tilemap.chunks_built)
    assert card.held > 2, "it was held past its time"
    assert play.view.level is play.run.world.level
    steps = [b - a for a, b in zip(built, built[1:], strict=False)]
    assert steps and max(steps) <= 1 and sum(steps) > 2, f"a piece a frame: {built}"
    while app.top is not play:
        app._update()
        app._draw(1.0)
    before = play.view.tilemap.chunks_built
    app._update()
    app._draw(1.0)
    assert play.view.tilemap.chunks_built == before, "the dam in sight builds no chunk"


def test_a_key_on_a_card_still_hiding_the_loading_closes_it_once_the_view_is_made(app, monkeypatch):
    from game.scenes import play as play_module
    from game.sim.memory import Memory

    monkeypatch.setattr(play_module, "ARRIVAL_SLICE", 0.0)  # one piece a frame, on any machine
    play = PlayScene(app, "beachhead", memory=Memory(loop=2, training_level=4))
    app.push(play)
    card = _to_the_dam(app, play)
    app._draw(1.0)
    for _ in range(BEAT_TICKS):
        app._update()
        app._draw(1.0)
    assert not _whole(play.view), "more is left to make than the beat's frames made"
    card.handle_event(key(pygame.K_RETURN))
    assert app.top is card and card.covers_screen, "it waits for the loading"
    frames = 0
    while app.top is card:
        app._update()
        app._draw(1.0)
        frames += 1
        assert frames < 500
    assert _whole(play.view), "it went the frame the view was made, no later"
    assert card.ticks_left > FADE_OUT, "at once, as a key closes any card"


def test_a_card_waits_for_its_loading_only_so_long(app):
    """Nothing that stops making the view (a scene that no longer draws it) holds a card up for
    ever: past LOADING_HOLD_MAX it goes, and the play scene makes the rest at once."""
    play = PlayScene(app, "beachhead")
    app.push(play)
    card = CardScene(app, "THE DAM", ticks=40, ready=lambda: False)
    app.push(card)
    updates = 0
    while app.top is card:
        card.update()
        updates += 1
        assert updates <= 40 + LOADING_HOLD_MAX, "held for ever"
    assert app.top is play and updates > LOADING_HOLD_MAX, "it did wait, up to its limit"


def test_a_card_closed_early_leaves_the_view_whole_before_the_dam_is_drawn(app, monkeypatch):
    """Skipped with a key (or a card too short for the slices), the rest is made at once."""
    from game.scenes import play as play_module
    from game.sim.memory import Memory

    monkeypatch.setattr(play_module, "ARRIVAL_SLICE", 0.0)  # one piece a frame, on any machine
    play = PlayScene(app, "beachhead", memory=Memory(loop=2, training_level=4))
    app.push(play)
    _to_the_dam(app, play)
    app._draw(1.0)
    app._update()
    app._draw(1.0)  # one slice made
    assert play.arrival is not None, "more is left than one slice"
    app.pop()  # the card goes
    app._update()
    assert play.arrival is None and _whole(play.view)


def test_the_first_frame_in_sight_makes_nothing_it_is_made_with_the_loading(app):
    """The play scene's first frame made the map chunks in view, the effects' art, the drill
    pads and the HUD's type on first sight (37-46 ms); the loading makes them now (it is timed
    apart, as `frames.load_ms`), so the first frame costs what any frame costs."""
    play = PlayScene(app, "beachhead")
    app.push(play)
    assert play.view.effects._art is not None
    before = play.view.tilemap.chunks_built
    assert before > 0
    pads = dict(play.view.things._pads)
    assert pads, "Rita's yard's drill pads were painted"
    app._update()
    app._draw(1.0)
    assert play.view.tilemap.chunks_built == before
    assert play.view.things._pads == pads


def test_the_first_blast_and_the_first_death_make_nothing_on_their_frames(app, monkeypatch):
    """Day 0's claymore kills the Alpha and Cage with it. That frame scaled the blast's art,
    drew the hurt flash's strips, loaded the type of the toast and of "KIA" and made the death's
    veil (17-25 ms: a run's worst frame, on the moment a new player watches); the loading makes
    them now."""
    from game import tuning as T
    from game.sim.events import Explosion

    play = PlayScene(app, "beachhead")
    app.push(play)
    effects = play.view.effects
    blasts_made = dict(effects._shared)
    fonts_made: list[tuple] = []
    real_font = pygame.font.Font

    class CountedFont(real_font):
        def __init__(self, *args, **kwargs):
            fonts_made.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(pygame.font, "Font", CountedFont)
    world = play.run.world
    x, y = world.cage.position
    events: list = [Explosion(world.tick, x, y, T.CLAYMORE_RADIUS, "claymore")]
    world.cage.take_hit(10**6, (0.0, 0.0), "a claymore", world.tick, events, unavoidable=True)
    world.death_tick = world.tick - 10  # a few ticks into the death beat: the veil is up
    play.view.observe(events)
    play.notices.hint("ITS BLOOD IS ON YOU", "Something has changed.")
    surfaces_made = screens_made(app, monkeypatch)
    for _ in range(3):
        app._draw(1.0)
    assert effects.flash.level > 0, "the blow flashed the screen's edges"
    assert effects._shared == blasts_made, "the blast's art was scaled on its frame"
    assert fonts_made == [], "type was loaded on the frame"
    assert surfaces_made == [], "a whole screen's veil was made on the frame"


def test_the_storys_pictures_are_read_while_the_day_plays_not_when_the_story_begins(
    app, monkeypatch
):
    """The vision's frame read its picture from disk (7 ms), the ending's its two (12 ms), on
    the frame the story began; they are read on a thread from the play scene's loading on."""
    from game.render import pictures

    app.push(PlayScene(app, "beachhead"))
    pictures.preload().join()  # the thread the loading started has read them, or this does

    def no_disk(*args, **kwargs):
        raise AssertionError("a picture was read from disk on the story's frame")

    monkeypatch.setattr(pygame.image, "load", no_disk)
    app.open("vision")
    panel = app.top.panels[0]
    assert panel.image is not None, "the vision shows its picture"
    # Shown as read: no copy of a whole screen made on the story's frame (converting it was 12 ms
    # on a machine slow to hand out memory), and in a window of another size scaled once.
    assert panel.fitted(app.screen.get_size()) is pictures.picture("vision")
    smaller = panel.fitted((640, 360))
    assert smaller.get_size() == (640, 360) and panel.fitted((640, 360)) is smaller
    assert pictures.picture("no_such_picture") is None  # a missing one: its text alone


def test_the_results_panel_cuts_a_long_ending_between_words_and_names_the_summary_once_written():
    from types import SimpleNamespace

    from game.scenes.cutscene import ENDING_CHARS, _route_panel

    ending = "died: an Alpha bursting out under him, unwarned, on the seawall's far side"
    day = SimpleNamespace(label="Loop 3", end_igt=600, learned=[], training=[], splits=[],
                          ticks=lambda end: 600, ending=lambda: ending)  # fmt: skip
    written: list = []
    lines = _route_panel(SimpleNamespace(days=[day]), lambda: tuple(written))
    row = next(text for text, _size, _colour in lines() if text.startswith("Loop 3"))
    shown = row.split("\t")[3]
    assert len(shown) <= ENDING_CHARS and shown.endswith("…")
    assert ending.startswith(shown[:-1]) and ending[len(shown) - 1] in " ,"  # a whole word
    assert not any(text.startswith("Saved as") for text, _s, _c in lines())
    written.append("runs/run.md")  # the summary reached the disk while the story was read
    assert lines()[-1][0] == "Saved as runs/run.md"


def test_a_cards_fade_makes_its_veil_once_not_a_whole_screen_a_frame(app, monkeypatch):
    """Each frame of a card's fade blended a veil of its own (a fresh 3.6 MB at 1280x720: 4-12 ms
    a frame on a machine slow to hand out memory); the fade now blends one kept veil."""
    card = card_over_play(app)
    surfaces_made = screens_made(app, monkeypatch)
    darkness = []
    for _ in range(BEAT_TICKS + 20):
        app._update()
        app._draw(1.0)
        darkness.append(sum(app.screen.get_at((4, 4))[:3]))
    assert app.top is card, "the card is still up, faded in"
    assert len(surfaces_made) <= 1, "a veil was made on more than one frame of the fade"
    assert darkness[-1] < darkness[1], "the veil darkened the map behind the card as it faded in"

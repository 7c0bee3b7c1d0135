"""The tick's shortcuts change nothing: each cheaper way gives the day the long way would.

Rita looks for her target in pymunk's index once a crowd is out, a mine asks pymunk only when
someone is near it, the timed spawns are looked up by tick, the split areas are tried by their
bounds first, and Cage's and Rita's parts of the state hash are packed in one go. Each test plays
or asks the same thing both ways and compares what a player (or a replay) would see.
"""

from __future__ import annotations

import math

import pytest
from arena import arena, obj, spawn

from game import tuning as T
from game.level.data import MapObject, Rect, point_in_polygon
from game.sim import inputs, rita, things
from game.sim.hashing import StateHasher
from game.sim.memory import Memory
from game.sim.mimic import BURROWER, CARAPACE, DRONE, MITE, SPITTER
from game.sim.mimics import MimicSystem
from game.sim.spawns import SpawnSchedule
from game.sim.world import World
from game.speedrun.splits import Area

CROWD_KINDS = (DRONE, SPITTER, BURROWER, CARAPACE, MITE)


def crowded_day(count: int = 80) -> World:
    """Rita at her post beside Cage, a crowd of every kind around them, burrowers among them
    (out of the space, and dangerous, while they surface under the sand)."""
    world = World(arena(80, 60, objects=(obj(40, "Rita", 1200.0, 960.0),),
                        start=(1280.0, 960.0)), seed=3)  # fmt: skip
    world.cage.integrity = 10**9  # he must see the whole day out
    world.rita.integrity = 10**6
    for i in range(count):
        angle = i * 2.399963  # the golden angle: spread all round them
        reach = 120.0 + (i * 37) % 700
        x, y = 1240.0 + math.cos(angle) * reach, 960.0 + math.sin(angle) * reach
        kind = CROWD_KINDS[i % len(CROWD_KINDS)]
        mimic = world.mimic_system.add(world, kind, x, y, kind is BURROWER)
        mimic.aware = True
    return world


def moving_frames(ticks: int):
    """Cage walks a slow circle, firing, turning his aim."""
    for tick in range(ticks):
        angle = tick / 40.0
        yield inputs.InputFrame(
            round(math.cos(angle) * 90), round(math.sin(angle) * 90), (tick * 700) % 65536,
            inputs.FIRE,
        )  # fmt: skip


def zigzag_frames(ticks: int):
    """Cage zigzags east and back, firing now and then."""
    for tick in range(ticks):
        east = 100 if tick < ticks // 2 else -100
        yield inputs.InputFrame(east, round(math.sin(tick / 12.0) * 127), 0,
                                inputs.FIRE if tick % 50 < 10 else 0)  # fmt: skip


def play(world: World, ticks: int, frames=moving_frames) -> list[tuple[str, list]]:
    return [(world.state_hash(), world.step(frame)) for frame in frames(ticks)]


def test_rita_shoots_the_same_mimic_whether_she_looks_in_the_index_or_at_every_one(monkeypatch):
    monkeypatch.setattr(rita, "LOOK_IN_INDEX_FROM", 10**9)  # always every Mimic
    scanned_world = crowded_day()
    scanned = play(scanned_world, 900)
    monkeypatch.setattr(rita, "LOOK_IN_INDEX_FROM", 0)  # always the index
    indexed_world = crowded_day()
    surfacing = 0  # ticks a dangerous Mimic was out of the space: the index does not hold it
    indexed = []
    for frame in moving_frames(900):
        indexed.append((indexed_world.state_hash(), indexed_world.step(frame)))
        surfacing += any(m.dangerous and not m.in_space for m in indexed_world.mimics)
    shots = [e for _, events in scanned for e in events if type(e).__name__ == "RitaShot"]
    assert len(shots) > 20 and surfacing > 0  # the day tries what the shortcut must get right
    assert [h for h, _ in indexed] == [h for h, _ in scanned]
    assert repr([e for _, e in indexed]) == repr([e for _, e in scanned])


def test_the_mimics_under_the_sand_still_touch_and_the_dead_leave_the_day_the_tick_they_die():
    """The Mimic system keeps who is out of the space, and who died, as each goes: a burrower
    under the sand is among those near anyone, wherever it is, and no dead Mimic outlasts its
    tick, however it died (rounds, Rita, a collapse)."""
    world = crowded_day()
    system = world.mimic_system
    out_of_space = died = 0
    for frame in moving_frames(900):
        before = {m.id for m in world.mimics}
        world.step(frame)
        assert all(m.alive for m in world.mimics)
        died += len(before - {m.id for m in world.mimics})
        under = [m for m in world.mimics if not m.in_space]
        out_of_space += bool(under)
        near = system.near(world.space, *world.cage.position, T.CAGE_RADIUS)
        assert set(under) <= set(near)
        assert [m.id for m in near] == sorted(m.id for m in near)
    system.collapse_all(world.tick, [], "test")
    world.step(inputs.NEUTRAL)
    assert world.mimics == [] and system.near(world.space, 0.0, 0.0, 10.0) == []
    assert died > 10 and out_of_space > 100  # the day tries both


def test_rita_in_a_crowd_shoots_the_same_mimic_from_the_reading_as_from_the_index(monkeypatch):
    """In a crowd her looks sum over the tick's batch reading (near_before_step) instead of
    walking pymunk's index: the day plays the same, tick for tick, shot for shot."""
    from game.sim.crowd import Crowd

    sums = []
    real_within = Crowd.within

    def counted(self, *args):
        found = real_within(self, *args)
        sums.append(len(found))
        return found

    monkeypatch.setattr(Crowd, "within", counted)
    from_reading = play(crowded_day(MimicSystem.crowd_from + 60), 600)
    monkeypatch.setattr(
        MimicSystem, "near_before_step",
        lambda self, space, x, y, reach, tick: self.near(space, x, y, reach),
    )  # fmt: skip
    from_index = play(crowded_day(MimicSystem.crowd_from + 60), 600)
    shots = [e for _, events in from_index for e in events if type(e).__name__ == "RitaShot"]
    assert len(sums) > 400 and max(sums) > 10 and len(shots) > 20  # she looked into a crowd
    assert [h for h, _ in from_reading] == [h for h, _ in from_index]
    assert repr([e for _, e in from_reading]) == repr([e for _, e in from_index])


@pytest.mark.parametrize("margin", [rita.LOOK_MARGIN, 0.5])
def test_rita_looks_close_first_and_shoots_the_mimic_her_whole_sight_would_give(
    monkeypatch, margin
):
    """Her first look (a little beyond her last target) stands for her whole sight whenever the
    nearest Mimic is that near; when none is, she looks as far as she sees. The day plays the
    same, tick for tick, as when she always looks as far as she sees. With a hair's margin her
    first look often falls short (her target steps back), so both ways are played."""
    monkeypatch.setattr(rita, "LOOK_MARGIN", T.RITA_SIGHT)  # always her whole sight
    whole = play(crowded_day(), 900)
    monkeypatch.setattr(rita, "LOOK_MARGIN", margin)
    looks = {"first": 0, "whole": 0}
    real_near = MimicSystem.near

    def counting(self, space, x, y, reach):
        if reach > T.RITA_RADIUS + 1.0:  # her looks, not the contacts' query
            looks["first" if reach < T.RITA_SIGHT else "whole"] += 1
        return real_near(self, space, x, y, reach)

    monkeypatch.setattr(MimicSystem, "near", counting)
    first = play(crowded_day(), 900)
    assert looks["first"] > 500
    if margin < 1.0:
        assert looks["whole"] > 20  # the first look fell short that often, and was made good
    assert [h for h, _ in first] == [h for h, _ in whole]
    assert repr([e for _, e in first]) == repr([e for _, e in whole])


def mined_day() -> World:
    """Cage walking through a field of mines, Mimics about, and Rita at her post far from him,
    a mine at her feet."""
    mines = tuple(obj(100 + i, "Mine", 700.0 + (i % 6) * 70.0, 380.0 + (i // 6) * 60.0,
                      field="field:test") for i in range(24))  # fmt: skip
    hers = (obj(40, "Rita", 300.0, 700.0), obj(130, "Mine", 300.0, 728.0, field="field:rita"))
    spawns = spawn(60, 900, 300, at=0.5, count=4, emerge=False)
    world = World(arena(objects=(*mines, *hers, spawns)), seed=9, memory=Memory(loop=1))
    world.cage.integrity = 10**9
    return world


def test_mines_go_off_as_they_did_when_each_asked_pymunk_every_tick(monkeypatch):
    shortcut_world = mined_day()
    shortcut = play(shortcut_world, 700, zigzag_frames)
    everywhere = [(-math.inf, -math.inf, math.inf, math.inf)]
    monkeypatch.setattr(things, "_sensed_boxes", lambda world: everywhere)
    asked = play(mined_day(), 700, zigzag_frames)
    assert sum(not m.armed for m in shortcut_world.mines) > 3  # mines went off
    assert not shortcut_world.mines[-1].armed  # hers too
    assert [h for h, _ in shortcut] == [h for h, _ in asked]
    assert repr([e for _, e in shortcut]) == repr([e for _, e in asked])


def _passes(shape_filter, query) -> bool:
    """Whether chipmunk lets `shape_filter` through a query by `query` (cpShapeFilterReject)."""
    if shape_filter.group and shape_filter.group == query.group:
        return False
    return bool(shape_filter.categories & query.mask and query.categories & shape_filter.mask)


def test_only_cage_and_rita_can_set_off_a_mine():
    """The mines' shortcut asks about Cage's and Rita's shapes alone: nothing else in a busy day
    (walls, Gates, the Omega, drill targets, Mimics) is of what a mine senses."""
    objects = (
        obj(40, "Rita", 300, 300),
        obj(20, "Gate", 1100, 0, 32, 960, requires="intel:gate-code", message="Locked."),
        obj(30, "Mine", 900, 480, field="field:test"),
        obj(50, "Omega", 1000, 800),
        spawn(60, 800, 300, at=0.0, count=3, emerge=False),
    )
    world = World(arena(objects=objects, solid=(Rect(0, 0, 64, 64),)), seed=5,
                  memory=Memory(loop=1))  # fmt: skip
    for frame in moving_frames(30):
        world.step(frame)
    assert len(world.mimics) == 3 and world.omega is not None
    sensing = [s for s in world.space.shapes if _passes(s.filter, things.MINE_SENSE_FILTER)]
    assert sorted(map(id, sensing)) == sorted(map(id, (world.cage.shape, world.rita.shape)))


def test_timed_spawns_come_out_on_their_tick_in_map_order():
    level = arena(objects=(spawn(60, 300, 300, at=0.5), spawn(61, 400, 300, at=0.25),
                           spawn(62, 500, 300, at=0.5), spawn(63, 600, 300, at=2.0)))  # fmt: skip
    schedule = SpawnSchedule(level, 0, 1, "arena")
    fired = [(tick, order.spawn_id) for tick in range(200)
             for order in schedule.update(tick, (0.0, 0.0), [])]  # fmt: skip
    assert fired == [(15, 61), (30, 60), (30, 62), (120, 63)]


@pytest.mark.parametrize(
    "outline",
    [
        ((10.0, 10.0), (90.0, 10.0), (90.0, 60.0), (10.0, 60.0)),
        ((0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (50.0, 40.0), (0.0, 100.0)),  # concave
        ((5.5, 3.25), (70.0, 80.0), (0.0, 40.0)),
    ],
)
def test_a_split_area_holds_exactly_the_points_its_outline_does(outline):
    area = Area("beachhead", outline)
    for y in range(-4, 108, 2):
        for x in range(-4, 108, 2):
            for px, py in ((float(x), float(y)), (x + 0.5, y + 0.25)):
                assert area.contains(px, py) == point_in_polygon(outline, px, py)


def test_a_rectangle_holds_exactly_the_points_its_rect_does():
    o = MapObject(7, "exit", "Exit", 64.0, 32.0, 96.0, 48.0)
    rect = Rect(64.0, 32.0, 96.0, 48.0)
    for px in (63.9, 64.0, 100.0, 159.9, 160.0):
        for py in (31.9, 32.0, 50.0, 79.9, 80.0):
            assert o.contains(px, py) == rect.contains(px, py)


def _cage_words(world: World) -> tuple[int, ...]:
    c = world.cage
    return (c.aim, c.integrity, c.ammo, c.reload_ticks, c.fire_cooldown, c.invulnerable_ticks,
            c.stagger_ticks, int(c.dead), c.training_level, c.grenades, c.dash_ticks,
            c.dash_cooldown, c.grenade_cooldown, c.blade_cooldown, c.previous_buttons,
            int(world.cage_has_claymore))  # fmt: skip


@pytest.mark.parametrize("integrity", [100, 0, -3, 2**63 + 5, 2**70])
def test_cage_and_rita_hash_as_word_by_word(integrity):
    """Packed in one go, Cage and Rita give the bytes of their floats and words one by one,
    a word out of the packed range (negative, or past 64 bits) included."""
    world = crowded_day(4)
    for frame in moving_frames(40):
        world.step(frame)
    world.cage.integrity = world.rita.integrity = integrity
    packed = StateHasher()
    world.action_system.hash_into(packed)
    world.rita_system.hash_into(packed)
    plain = StateHasher()
    body = world.cage.body
    plain.floats((*body.position, *body.velocity))
    plain.ints(_cage_words(world))
    her = world.rita
    plain.ints(her.hash_words())
    plain.floats((*her.body.position, *her.body.velocity))
    assert packed.packed() == plain.packed()


def _ways(level, count: int):
    """Ways a Mimic might look along on `level`: from all over the map in every direction, and
    along each wall's edges a few paces from it."""
    w, h = level.pixel_width, level.pixel_height
    for i in range(count):
        start = ((i * 733) % w, (i * 389) % h)
        angle, length = i * 2.399963, 40.0 + (i * 53) % 260
        yield start, (start[0] + math.cos(angle) * length, start[1] + math.sin(angle) * length)
    for rect in level.solid_rects:
        for off in (3.0, 8.0, 14.0, 22.0, 30.0):
            x, y = rect.x - off, rect.y + rect.height + off
            if x > 40.0:  # beside its west edge (not along the map's own)
                yield (x, rect.y + 2.0), (x, rect.y + rect.height - 2.0)
            if y < h - 40.0:  # beside its south edge
                yield (rect.x + 2.0, y), (rect.x + rect.width - 2.0, y)


def test_a_clear_way_is_what_pymunks_own_segment_query_says():
    """A Mimic's look for a clear way to Cage asks chipmunk directly; on the beachhead's walls
    and water, and in a crowd, it answers as pymunk's segment_query_first does."""
    from game.level.campaign import resolve_level
    from game.level.loader import load_level
    from game.sim.mimic import PATH_FILTER
    from game.sim.physics import segment_clear

    crowd = crowded_day(40)  # bodies in the space too: the filter must leave them out
    answers = {True: 0, False: 0}
    for world in (World(load_level(resolve_level("beachhead")), seed=2), crowd):
        space = world.space
        for i, (start, end) in enumerate(_ways(world.level, 800)):
            radius = (4.0, 11.2, 24.0)[i % 3]
            clear = segment_clear(space, start, end, radius, PATH_FILTER)
            assert clear == (space.segment_query_first(start, end, radius, PATH_FILTER) is None)
            answers[clear] += 1
    assert answers[True] > 100 and answers[False] > 100

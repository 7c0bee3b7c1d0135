"""The batched simulation plays exactly as the body-by-body one did.

The Mimic system reads every body in one pymunk.batch call and writes the forces back in one,
finds who touches Cage and Rita through pymunk's index, the flow field searches by rings on flat
indices and caches its steps, and the state hash packs its bytes (reading a crowd's motion in one
batch): each of these must leave every tick's state hash as the plain way gives it, or every
recorded replay would stop verifying.
"""

from __future__ import annotations

import hashlib
import struct
from collections import deque

import pytest

from bench.figures import crowd_world
from game.level.campaign import resolve_level
from game.level.loader import load_level
from game.sim import inputs
from game.sim import mimics as mimics_module
from game.sim.flow import UNREACHED, FlowField
from game.sim.hashing import StateHasher
from game.sim.mimic import KINDS, Mimic
from game.sim.mimics import MimicSystem


@pytest.fixture(scope="module")
def beachhead():
    return load_level(resolve_level("beachhead"))


def _hashes(world, ticks: int) -> list[str]:
    frame = inputs.InputFrame(aim=0, buttons=inputs.FIRE)
    out = []
    for _ in range(ticks):
        world.step(frame)
        out.append(world.state_hash())
    return out


def _plain_think(monkeypatch) -> None:
    """The body-by-body way: no batch read (so no batch write), every Mimic a contact suspect,
    and the state hash reads each Mimic's motion through its body's properties."""
    monkeypatch.setattr(MimicSystem, "read_bodies", lambda self, space, tick: None)
    monkeypatch.setattr(mimics_module, "BATCH_HASH_FROM", 10**9)
    monkeypatch.setattr(MimicSystem, "near", lambda self, space, x, y, reach: list(self.mimics))


def test_a_hunting_crowd_plays_tick_for_tick_as_the_plain_way(beachhead, monkeypatch):
    batched = _hashes(crowd_world(beachhead, 150), 240)
    with monkeypatch.context() as patch:
        _plain_think(patch)
        plain = _hashes(crowd_world(beachhead, 150), 240)
    first = next((i for i, (a, b) in enumerate(zip(batched, plain, strict=True)) if a != b), None)
    assert first is None, f"the batched crowd diverges at tick {first}"


def test_the_crowd_really_touches_cage_so_contacts_are_exercised(beachhead):
    world = crowd_world(beachhead, 150)
    start = world.cage.integrity
    _hashes(world, 240)
    assert world.cage.integrity < start


def test_the_state_hash_bytes_are_one_value_at_a_time_as_ever():
    ints, floats, text = (3, -1, 2**64 - 5, 0), (0.1, -2.5e300, float("inf")), "ambush:12"
    reference = hashlib.blake2b(digest_size=16)
    for v in ints:
        reference.update(struct.pack("<Q", v & 0xFFFFFFFFFFFFFFFF))
    for v in floats:
        reference.update(struct.pack("<d", v))
    reference.update(struct.pack("<Q", len(text.encode())) + text.encode())
    h = StateHasher()
    h.ints(ints)
    h.floats(floats)
    h.text(text)
    assert h.hexdigest() == reference.hexdigest()


# A luck's state that packs as its word, and one that cannot (it goes word by word).
@pytest.mark.parametrize("luck", [0x9E3779B97F4A7C15, -5])
def test_a_mimic_packed_whole_hashes_as_its_words_and_floats(luck: int):
    mimic = Mimic(7, KINDS["carapace"], 100.5, 200.25, burrowed=False)
    mimic.orbit_sign = -1
    mimic.sees_cage, mimic.aware = True, True  # flags hash as the words 1 and 0
    mimic.lunge_dx, mimic.heading = 0.125, -2.5
    mimic.body.velocity = (3.0, -4.5)
    mimic.rng.state = luck
    system = MimicSystem()
    system.mimics.append(mimic)
    packed = StateHasher()
    system.hash_into(packed)
    plain = StateHasher()
    m = mimic
    words = (m.id, m.state, m.timer, m.health, -1, m.contact_cooldown, 1, int(m.in_space),
             m.attacks, m.parent, 1, int(m.homing), luck)  # fmt: skip
    plain.ints(words)
    plain.floats((100.5, 200.25, 3.0, -4.5, 0.125, mimic.lunge_dy, -2.5))
    plain.text(mimic.kind.name)  # then what it is and came from, packed once at its birth
    plain.text(mimic.ambush)
    plain.text(mimic.spawn_name)
    plain.floats((*mimic.home, mimic.damage_scale))
    assert packed.hexdigest() == plain.hexdigest()


def _reference_distances(field: FlowField) -> list[int]:
    w, h = field.width, field.height
    distance = [UNREACHED] * (w * h)
    ox, oy = field.origin
    distance[oy * w + ox] = 0
    queue = deque([(ox, oy)])
    while queue:
        x, y = queue.popleft()
        d = distance[y * w + x] + 1
        if d > field.radius:
            continue
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nx, ny = x + dx, y + dy
            if 0 <= nx < w and 0 <= ny < h:
                j = ny * w + nx
                if distance[j] == UNREACHED and not field.blocked[j]:
                    distance[j] = d
                    queue.append((nx, ny))
    return distance


@pytest.mark.parametrize("tile", [(40, 60), (5, 5), (90, 20), (0, 0)])
def test_the_flow_field_finds_the_shortest_walks(beachhead, tile):
    field = FlowField(beachhead)
    tx, ty = min(tile[0], field.width - 1), min(tile[1], field.height - 1)
    field.update((tx + 0.5) * field.tw, (ty + 0.5) * field.th)
    field.step_from(0.0, 0.0)  # the first reader runs the search
    assert field.distance == _reference_distances(field)
    # and a hunter's cached steps are those of the field as it is now
    x, y = (tx + 3.5) * field.tw, (ty + 0.5) * field.th
    assert field.hunt_from(x, y) == field.hunt_from(x, y) == field._step_from_tile(tx + 3, ty)


def _walkable_near(field: FlowField, tx: int, ty: int) -> tuple[int, int]:
    """The open tile nearest (tx, ty) along its row (the beach has hedgehogs and wrecks)."""
    for dx in range(field.width):
        for x in (tx + dx, tx - dx):
            if 0 <= x < field.width and not field.blocked[ty * field.width + x]:
                return x, ty
    raise AssertionError("a row with no open tile")


def test_the_flow_field_searches_only_as_far_as_its_hunters_ask(beachhead):
    """A hunter near Cage gets the step the whole field would give it, and the reach it wishes
    for, from a search that stopped short of the whole field; a hunter off it, the whole field's."""
    whole, lazy = FlowField(beachhead), FlowField(beachhead)
    ox, oy = _walkable_near(whole, 40, 30)
    for field in (whole, lazy):
        field.update((ox + 0.5) * field.tw, (oy + 0.5) * field.th)
    whole.prepare()
    whole._search()  # to the field's whole reach
    w = whole.width
    near = [
        (tx, ty)
        for tx in range(ox - 6, ox + 7)
        for ty in range(oy - 6, oy + 7)
        if whole.distance[ty * w + tx] != UNREACHED  # where a hunter can stand, on the field
    ]
    assert len(near) > 100
    for tx, ty in near:
        x, y = (tx + 0.5) * whole.tw, (ty + 0.5) * whole.th
        assert lazy.hunt_from(x, y) == whole.hunt_from(x, y), (tx, ty)
    assert lazy.wanted == whole.wanted
    assert 0 < len(lazy.touched) < len(whole.touched) / 2
    far = (0.5 * whole.tw, 0.5 * whole.th)  # the map's corner: off the field
    assert lazy.hunt_from(*far) == whole.hunt_from(*far)
    assert lazy.distance == whole.distance == _reference_distances(whole)


def test_a_gate_closing_mid_search_leaves_the_field_as_it_was_built(beachhead):
    """The field stands as it was searched until its rebuild, a Gate closing or not: a search
    stopped short goes on over the map as it was, not as the Gate leaves it."""
    whole, lazy = FlowField(beachhead), FlowField(beachhead)
    ox, oy = _walkable_near(whole, 40, 30)
    for field in (whole, lazy):
        field.update((ox + 0.5) * field.tw, (oy + 0.5) * field.th)
    whole.prepare()
    whole._search()
    lazy.hunt_from((ox + 1.5) * lazy.tw, (oy + 0.5) * lazy.th)  # a short search
    for field in (whole, lazy):  # a wall across the way, a dozen tiles off
        field.block_rect((ox + 12) * field.tw, 0, (ox + 13) * field.tw, field.height * field.th, 1)
    assert lazy.distance == whole.distance
    x, y = (ox + 20.5) * whole.tw, (oy + 0.5) * whole.th
    assert lazy.hunt_from(x, y) == whole.hunt_from(x, y)


def _walls(space) -> list[tuple]:
    """What stands in a look's way in `space`: each wall or water shape's kind and box."""
    from game.sim.physics import WALLS_AND_WATER

    return sorted(
        (type(s).__name__, s.filter.categories, *s.bb)
        for s in space.shapes
        if s.filter.categories & WALLS_AND_WATER
    )


def test_a_look_asks_a_space_of_the_days_walls_alone_and_gets_the_same_answer():
    """A Mimic's look for Cage asks the day's Sight (its walls and water alone, without the
    crowd to step over): it holds every wall the day holds, shut Gates and the Omega too, as they
    open and go, and answers every look as the day's whole Space would."""
    import random

    from game.sim.mimic import PATH_FILTER
    from game.sim.physics import segment_clear
    from game.sim.world import World

    world = World(load_level(resolve_level("dam")), 1)
    space, sight = world.space, world.space.sight.space
    assert any(g.shape is not None for g in world.gates) and world.omega is not None
    assert _walls(sight) == _walls(space)
    assert all(s.body.body_type == s.body.STATIC for s in sight.shapes)  # nothing that moves
    luck = random.Random(7)
    w, h = world.level.pixel_width, world.level.pixel_height

    def looks() -> list[bool]:
        found = []
        for _ in range(400):
            a = (luck.uniform(0, w), luck.uniform(0, h))
            b = (a[0] + luck.uniform(-400, 400), a[1] + luck.uniform(-400, 400))
            whole = space.segment_query_first(a, b, 12.0, PATH_FILTER) is None
            assert segment_clear(space, a, b, 12.0, PATH_FILTER, sight=True) == whole
            found.append(whole)
        return found

    assert 20 < sum(looks()) < 380  # (some clear, some blocked)
    gate = next(g for g in world.gates if g.shape is not None)
    world.thing_system.open_gate(world, gate, [])
    from game.sim.physics import remove_fixed

    remove_fixed(space, world.omega.shape)  # as the charge takes the core
    assert _walls(sight) == _walls(space)
    looks()
    # A Sight first asked after the day's walls have come and gone is made from what they did.
    late = World(load_level(resolve_level("dam")), 1)
    world.thing_system.open_gate(late, next(g for g in late.gates if g.shape is not None), [])
    remove_fixed(late.space, late.omega.shape)
    space, sight = late.space, late.space.sight.space
    assert _walls(sight) == _walls(space)
    looks()


def test_every_look_of_a_fighting_crowd_is_the_whole_spaces_answer(beachhead, monkeypatch):
    """Each look a hunting crowd makes over three hundred ticks (in the arrays and one by one),
    and each spit's flight past the walls, gets from the Sight what the day's whole Space
    answers: the same to the bit."""
    from game.sim import mimic as mimic_module
    from game.sim import mimics as mimics_module
    from game.sim import physics

    asked = []

    def both(space, shape_filter, sight=False):
        clear = physics.clear_ways(space, shape_filter, sight)

        def checked(start, end, radius):
            answer = clear(start, end, radius)
            whole = space.segment_query_first(start, end, radius, shape_filter) is None
            asked.append((sight, radius, answer, answer == whole))
            return answer

        return checked

    monkeypatch.setattr(mimic_module, "clear_ways", both)
    monkeypatch.setattr(mimics_module, "clear_ways", both)
    world = crowd_world(beachhead, 150)
    frame = inputs.InputFrame(aim=0, buttons=inputs.FIRE)
    for _ in range(300):
        world.step(frame)
    assert len(asked) > 5000 and all(same for *_, same in asked)
    assert all(sight for sight, *_ in asked)  # (a crowd's looks all asked the Sight)
    spits = [answer for _, radius, answer, _ in asked if radius == 0.0]
    assert len(spits) > 500 and not all(spits)  # spits flew, and some hit a wall

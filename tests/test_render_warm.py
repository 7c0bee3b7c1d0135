"""Warming the renderer's caches ahead of first sight changes nothing a player sees.

The art each Mimic kind needs (its shadow, glows, telegraph, the walk cycle's rotations, the
wind-up chevron's turns) is made behind a card or a slice a frame; a fight drawn by a warmed view
must be the same picture, pixel for pixel, as one drawn by a view that makes it all on first
sight, and a warmed view must already hold what the map's Mimics need.
"""

from __future__ import annotations

import math

import pygame
import pytest

from game.level.campaign import resolve_level
from game.level.loader import load_level
from game.render.sheets import SheetBank
from game.render.view import WorldView, map_kinds
from game.sim.mimic import CIRCLING, HUNTING, KINDS, LUNGE, WINDUP, Mimic
from game.sim.world import World

SCREEN = (1280, 720)


@pytest.fixture(scope="module")
def screen() -> pygame.Surface:
    pygame.init()
    return pygame.display.set_mode(SCREEN)


@pytest.fixture(scope="module")
def beach(screen):
    return load_level(resolve_level("beachhead"))


def fight(level) -> World:
    """Cage in a ring of Mimics of the beach's kinds: walking, winding up, lunging."""
    world = World(level, 3)
    cx, cy = world.cage.position
    states = (HUNTING, CIRCLING, WINDUP, LUNGE)
    names = [name for name, _ in map_kinds(level)]
    for i in range(48):
        angle = i * 2 * math.pi / 48
        x, y = cx + math.cos(angle) * (120 + 7 * (i % 5)), cy + math.sin(angle) * 110
        m = Mimic(5000 + i, KINDS[names[i % len(names)]], x, y, burrowed=False)
        m.state, m.timer = states[i % len(states)], 10 + i % 7
        m.heading = angle + 0.37 * i
        world.mimics.append(m)
    return world


def picture(view: WorldView, world: World, screen: pygame.Surface, alpha: float):
    view.draw(screen, world, alpha, None)
    return screen.copy()


def same_pixels(a: pygame.Surface, b: pygame.Surface) -> bool:
    equal = pygame.mask.from_threshold(a, (0, 0, 0), (1, 1, 1, 255), b)
    return equal.count() == a.get_width() * a.get_height()


def test_a_warmed_view_draws_the_same_fight_as_a_cold_one(screen, beach) -> None:
    world = fight(beach)
    cold = WorldView(beach, SCREEN, sheets=SheetBank())
    warm = WorldView(beach, SCREEN, sheets=SheetBank())
    warm.warm()
    for alpha in (1.0, 0.25, 0.5):
        assert same_pixels(picture(cold, world, screen, alpha), picture(warm, world, screen, alpha))


def test_warming_makes_the_maps_kinds_art_before_their_first_sight(screen, beach) -> None:
    view = WorldView(beach, SCREEN, sheets=SheetBank())
    assert view.actors.warming  # queued from the start, a slice a frame
    view.warm()
    assert not view.actors.warming
    kinds = dict(map_kinds(beach))
    assert {"drone", "hulk", "mite"} <= set(kinds)  # the spawns' kinds, the Omega's drone
    for name, radius in kinds.items():
        art = view.actors.kind_art(name, radius)
        if radius <= 18:  # a crowd's kind: its walk cycle is turned every way already
            assert all(entry is not None for row in art.move_rotated[0] for entry in row)


def test_a_second_map_shares_the_kinds_art_it_has_in_common(screen, beach) -> None:
    sheets = SheetBank()
    first = WorldView(beach, SCREEN, sheets=sheets)
    second = WorldView(load_level(resolve_level("dam")), SCREEN, sheets=sheets)
    drone = KINDS["drone"]
    assert first.actors.kind_art("drone", drone.radius) is second.actors.kind_art(
        "drone", drone.radius
    )


def test_a_second_map_shares_the_effects_art_and_makes_none_of_it_again(screen, beach) -> None:
    """The dam's card made the blasts, the shockwave, the particles, the decals, the hurt
    flash's strips, the things' rings and the ground's window anew (whole screens of fresh
    surfaces: 30 ms of its frames); a view drawing from the same sheets takes the first's."""
    from game.render import effects as effects_module

    sheets = SheetBank()
    first = WorldView(beach, SCREEN, sheets=sheets)
    for _ in first.preparation():
        pass
    first.draw(screen, World(beach, 3), 1.0)
    second = WorldView(load_level(resolve_level("dam")), SCREEN, sheets=sheets)
    window = first.tilemap._window
    second.take_over(first)
    made = []
    real = effects_module.scaled
    effects_module.scaled = lambda *a: made.append(a) or real(*a)
    try:
        for _ in second.preparation():
            pass
    finally:
        effects_module.scaled = real
    assert made == [], "the dam's view scaled art the beach's had made"
    assert second.effects._shockwave_art() is first.effects._shockwave_art()
    assert second.effects._art is first.effects._art, "the particles and decals made again"
    assert second.effects.flash._steps is first.effects.flash._steps, "the flash made again"
    assert second.things._art is first.things._art, "the things' rings made again"
    assert second.tilemap._window is window, "the ground's window made again"


def test_the_hurt_flash_is_faded_at_every_strength_before_the_first_blow(screen, beach) -> None:
    """The first blow at each strength of the flash made its faded strips on its frame (a
    band round the whole screen, mid-fight); they are all made with the loading."""
    from game.render.effects import FLASH_STEPS

    view = WorldView(beach, SCREEN, sheets=SheetBank())
    for _ in view.preparation():
        pass
    flash = view.effects.flash
    made = flash._steps
    assert sorted(made) == list(range(1, FLASH_STEPS + 1))
    kept = {step: list(strips) for step, strips in made.items()}
    before = screen.copy()
    for strength in (1.0, 0.8, 0.55, 0.3, 0.1):
        screen.blit(before, (0, 0))
        flash.level = strength
        flash.draw(screen)
        assert screen.get_at((2, 360)) != before.get_at((2, 360)), "the edge flashed red"
    assert flash._steps is made and {s: list(v) for s, v in made.items()} == kept


def test_a_kinds_art_made_a_piece_at_a_time_is_the_art_made_at_once(screen, beach) -> None:
    """Behind a card a big kind's art (its burrow warning's 48 surfaces, its glows) is made a
    piece a step, no piece a long frame; the hulk then looks as it does made in one go."""
    from game.render import sprites

    hulk = KINDS["hulk"]
    at_once = sprites._KindArt(SheetBank(), "hulk", hulk.radius, 7)
    made: list = []

    def pieces():
        made.append((yield from sprites._KindArt.in_pieces(SheetBank(), "hulk", hulk.radius, 7)))

    steps = sum(1 for _ in pieces())
    assert steps > 20 and len(made) == 1, "many small pieces, then the whole art"
    in_pieces = made[0]
    assert len(in_pieces.telegraph) == len(at_once.telegraph)
    pairs = [*zip(in_pieces.telegraph, at_once.telegraph, strict=True)]
    for (a_bright, a_dim), (b_bright, b_dim) in pairs[::5]:
        assert same_pixels(a_bright[0], b_bright[0]) and same_pixels(a_dim[0], b_dim[0])
    glows = zip(in_pieces.windup_glow, at_once.windup_glow, strict=True)
    assert all(same_pixels(a[0], b[0]) for a, b in glows)
    assert (in_pieces.aura is None) == (at_once.aura is None)


def test_the_charges_blast_is_made_behind_the_map_card_not_on_the_frame_the_omega_falls(
    screen, monkeypatch
):
    """The charge's blast art, scaled to its size, and its shockwave took 8 ms to make on the
    frame the Omega fell, with the chamber on screen; a map's preparation (behind its card)
    makes them."""
    from game.render import effects as effects_module
    from game.sim.events import Explosion

    dam = load_level(resolve_level("dam"))
    view = WorldView(dam, SCREEN)
    for _ in view.preparation():
        pass

    def no_scaling(*args, **kwargs):
        raise AssertionError("art was scaled on the frame of the blast")

    monkeypatch.setattr(effects_module, "scaled", no_scaling)
    view.effects.observe([Explosion(100, 640.0, 320.0, 900.0, "charge")], {})
    assert view.effects.alive > 0, "the blast is on screen"

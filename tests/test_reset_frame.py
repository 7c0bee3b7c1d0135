"""The frame a day resets on does less, and the player sees the same: the recap shows nothing on
its first frame (it has not faded in yet), then the same picture as a recap drawn from scratch;
fully clear veils and words leave the screen as it was."""

from __future__ import annotations

import pygame
from test_recap import until_recap

from game.render import ui
from game.scenes.play import PlayScene
from game.scenes.recap import RecapScene
from game.sim.memory import Memory


def _screen_after(app, scene: RecapScene) -> pygame.Surface:
    surface = pygame.Surface(app.screen.get_size())
    surface.fill((90, 120, 60))  # a beach beneath it
    scene.draw(surface, 1.0)
    return surface


def test_the_recaps_first_frame_leaves_the_day_beneath_as_it_was(app):
    play = PlayScene(app, "beachhead", memory=Memory(loop=1))
    app.push(play)
    recap = until_recap(app)
    assert recap.ticks == 0
    screen = _screen_after(app, recap)
    plain = pygame.Surface(screen.get_size())
    plain.fill((90, 120, 60))
    assert pygame.image.tobytes(screen, "RGB") == pygame.image.tobytes(plain, "RGB")


def test_the_recap_looks_the_same_every_frame_as_one_drawn_afresh(app):
    play = PlayScene(app, "beachhead", memory=Memory(loop=1))
    app.push(play)
    shown = until_recap(app)
    for ticks in (0, 1, 4, 10, 40):  # fading in, faded in, and past the beat (its hint changes)
        shown.ticks = ticks
        fresh = RecapScene(app, shown.recap)
        fresh.ticks = ticks
        kept = pygame.image.tobytes(_screen_after(app, shown), "RGB")
        assert kept == pygame.image.tobytes(_screen_after(app, fresh), "RGB"), ticks


def test_clear_veils_and_words_change_no_pixel_and_keep_their_place(app):
    surface = pygame.Surface((320, 200))
    surface.fill((200, 180, 120))
    before = pygame.image.tobytes(surface, "RGB")
    ui.shade(surface, 0, (30, 4, 6))
    hidden = ui.draw_text(surface, "LOOP 7", 88, (235, 235, 240), (160, 100), "center", True, 0)
    assert pygame.image.tobytes(surface, "RGB") == before
    shown = ui.draw_text(surface, "LOOP 7", 88, (235, 235, 240), (160, 100), "center", True)
    assert hidden == shown


def _texts_drawn(monkeypatch, scene, surface) -> list[str]:
    """The words `scene` puts on screen in one frame (not those it draws fully clear)."""
    drawn: list[str] = []
    real = ui.draw_text

    def watching(target, text, size, color, pos, anchor="topleft", bold=False, alpha=255):
        if alpha > 0:
            drawn.append(text)
        return real(target, text, size, color, pos, anchor, bold, alpha)

    with monkeypatch.context() as patch:
        patch.setattr(ui, "draw_text", watching)
        scene.draw(surface, 1.0)
    return drawn


def test_the_recaps_rows_come_in_one_after_another_top_to_bottom(app, monkeypatch):
    """The report writes itself: its title first, then a row a frame, so the frame the day
    resets on renders none of its words, and no later frame renders them all."""
    play = PlayScene(app, "beachhead", memory=Memory(loop=1))
    app.push(play)
    recap = until_recap(app)
    surface = pygame.Surface(app.screen.get_size())
    hint = "…"
    seen = []
    for ticks in range(0, 40):
        recap.ticks = ticks
        seen.append([t for t in _texts_drawn(monkeypatch, recap, surface) if t != hint])
    title = recap.recap.title
    assert seen[0] == []
    assert seen[1] == [title]
    assert len(seen[2]) == 2 and seen[2][0] == title
    counts = [len(texts) for texts in seen]
    assert counts == sorted(counts)  # a row, once in, stays
    assert counts[-1] >= 8  # the whole report: title, cause, where, when, what he learned...
    steps = [later - earlier for earlier, later in zip(counts, counts[1:], strict=False)]
    assert max(steps) <= 2  # a row a frame (a pair is two words)
    every_row = set(seen[-1])
    assert {"WHERE", "WHEN", "LEARNED THIS LOOP"} <= every_row


def test_a_card_not_yet_faded_in_renders_none_of_its_words(app, monkeypatch):
    """Under the recap the "Loop N" card waits at alpha 0: it changes no pixel and leaves its
    words to be rendered on the frame they first show."""
    from game.scenes.base import CardScene

    card = CardScene(app, "LOOP 7", "You wake up. The same morning, again.")
    surface = pygame.Surface(app.screen.get_size())
    surface.fill((90, 120, 60))
    before = pygame.image.tobytes(surface, "RGB")
    rendered: list[str] = []
    real = ui.render_text
    monkeypatch.setattr(
        ui, "render_text", lambda text, *a, **k: rendered.append(text) or real(text, *a, **k)
    )
    card.draw(surface, 1.0)
    assert rendered == [] and pygame.image.tobytes(surface, "RGB") == before
    card.update()  # its first tick: it begins to show
    card.draw(surface, 1.0)
    assert "LOOP 7" in rendered

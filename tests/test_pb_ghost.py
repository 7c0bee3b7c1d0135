"""The personal best's ghost: the PB run's Cage, re-run from its replay, where he was at the same
tick of the same loop, drawn faintly in the current run (a setting turns him off)."""

from __future__ import annotations

import pygame
from test_speedrun_session import EAST, course, omega_destroyed

from game.replay import pb_ghost
from game.replay.pb_ghost import SAMPLE_TICKS, PbGhost, trace
from game.replay.session import SpeedrunSession
from game.scenes.play import PlayScene
from game.sim.inputs import InputFrame
from game.sim.loop import Run
from game.speedrun.timefmt import lead_text


def a_pb_with_two_days(maps) -> tuple[SpeedrunSession, list[dict[int, tuple[float, float]]]]:
    """A completed first run: on Day 0 a few steps east, then standing until the drones kill
    him; then Day 0 again, walking east until the Omega goes (a stand-in). Returns it and where
    Cage was at each tick of each day while he lived."""
    level, atlas = maps
    run = Run(level, 0, None, atlas)
    session = SpeedrunSession.new(run, level, 0)
    days: list[dict[int, tuple[float, float]]] = [{0: tuple(run.world.cage.position)}]
    walking = 0
    while walking < 200:
        frame = EAST if len(days) > 1 or run.world.tick < 40 else InputFrame()
        events = run.step(session.input(frame))
        if len(days) > 1:
            walking += 1
            if walking == 200:
                events.append(omega_destroyed(run.world.tick))
        session.after_step(run, events)
        if any(type(e).__name__ == "LoopStarted" for e in events):
            days.append({})
        if not run.world.cage.dead:
            days[-1][run.world.tick] = tuple(run.world.cage.position)
    assert session.ended.completed and session.ended.outcome.new_pb
    assert [d.loop for d in session.tracker.timer.days] == [0, 0]  # Day 0, twice
    return session, days


def test_a_second_run_has_the_pbs_cage_where_he_was_at_the_same_day_tick(tmp_path):
    maps = course(tmp_path, killers=True)
    first, days = a_pb_with_two_days(maps)
    level, atlas = maps
    second = SpeedrunSession.new(Run(level, 0, None, atlas), level, 0, record=False)
    ghost = PbGhost.for_bests(second.bests, maps)
    assert ghost is not None and ghost.path.name == first.replay_path.name
    assert ghost.start().wait(120)  # traced on its own thread; the test waits, the game never
    track = ghost.track
    assert [d.loop for d in track.days] == [0, 0]
    for occurrence, positions in enumerate(days):
        sampled = [t for t in sorted(positions) if t % SAMPLE_TICKS == 0]
        assert len(sampled) > 30
        for t in sampled:
            _map, x, y = track.position(0, occurrence, t)
            assert (x, y) == (round(positions[t][0], 1), round(positions[t][1], 1)), (occurrence, t)
    # Between samples he moves smoothly; on another map, or once he died, there is no ghost.
    t = sampled[10] + SAMPLE_TICKS // 2
    mark = ghost.mark(0, 1, t, "course")
    before, after = days[1][sampled[10]], days[1][sampled[11]]
    assert min(before[0], after[0]) - 0.1 <= mark.position[0] <= max(before[0], after[0]) + 0.1
    assert len(mark.trail) > 1
    assert ghost.mark(0, 1, t, "annex") is None
    died = max(days[0])
    assert ghost.mark(0, 0, died + 30, "course") is None


def test_the_play_scene_draws_the_pb_ghost_faintly_and_the_setting_turns_it_off(app, tmp_path):
    maps = course(tmp_path, killers=True)
    _first, days = a_pb_with_two_days(maps)
    play = PlayScene(app, maps[0].path)
    app.push(play)
    assert play.pb_ghost is not None and play.pb_ghost.wait(120)
    while play.run.world.tick < 90 or play.run.world.tick % SAMPLE_TICKS:
        app._update()
    play.draw(app.screen, 1.0)
    mark = play.view.pb_ghost
    tick = play.run.world.tick
    assert mark is not None and mark.position == tuple(round(v, 1) for v in days[0][tick])
    assert mark.position[0] > play.run.world.cage.position[0] + 40  # he went on; this one stood
    x, y = (int(v) for v in play.view.world_to_screen(mark.position))
    area = pygame.Rect(x - 16, y - 30, 32, 46)
    with_ghost = pygame.image.tobytes(app.screen.subsurface(area), "RGB")
    app.settings.show_pb_ghost = False
    play.draw(app.screen, 1.0)
    assert play.view.pb_ghost is None
    assert pygame.image.tobytes(app.screen.subsurface(area), "RGB") != with_ghost
    play.leave()  # the run is left: the ghost's worker is told to stop


def test_no_ghost_without_a_personal_best_or_its_replay(tmp_path, _aynik_home):
    maps = course(tmp_path)
    level, atlas = maps
    session = SpeedrunSession.new(Run(level, 0, None, atlas), level, 0, record=False)
    assert PbGhost.for_bests(session.bests, maps) is None  # no PB yet
    first, _days = a_pb_with_two_days(course(tmp_path, killers=True))
    first.replay_path.unlink()
    again = SpeedrunSession.new(Run(level, 0, None, atlas), level, 0, record=False)
    assert PbGhost.for_bests(again.bests, maps) is None  # its replay is gone
    assert pb_ghost.pb_replay_path("../settings.json") is None


def test_the_trace_works_in_short_slices_so_the_frames_are_not_held(tmp_path):
    from game.replay.format import read_replay

    maps = course(tmp_path, killers=True)
    first, _days = a_pb_with_two_days(maps)
    replay = read_replay(first.replay_path)
    rests = []
    track = pb_ghost.PbTrack()
    trace(replay, maps, track, rest=lambda: rests.append(len(track.days)))
    assert track.done and len(rests) == (len(replay.frames) - 1) // pb_ghost.SLICE_TICKS
    assert rests[0] == 1 and rests[-1] == 2  # the first day is there first


def test_a_delta_reads_as_ahead_or_behind():
    assert lead_text(-75) == "1.250 ahead" and lead_text(30, "PB") == "0.500 behind PB"
    assert lead_text(0, "PB") == "even with PB" and lead_text(None) == ""
    assert lead_text(60 * 62 + 30) == "1:02.500 behind"

"""The in-game timer: exact ticks of play, a death beat at its full length, stopped by the Omega."""

from __future__ import annotations

from arena import arena, spawn

from game import tuning as T
from game.sim import inputs
from game.sim.events import OmegaDestroyed
from game.sim.inputs import InputFrame
from game.sim.loop import Run
from game.sim.memory import Memory
from game.speedrun.splits import SplitPlan
from game.speedrun.timefmt import format_delta, format_ticks, ticks_to_timespan
from game.speedrun.timer import Timer
from game.speedrun.tracker import SpeedrunTracker


def killing_ground():
    """Open ground where three packs of drones kill a Cage who stands still (in about 15 s)."""
    return arena(objects=tuple(spawn(10 + i, 640 + 40 * i, 480, at=0.2, count=2) for i in range(3)))


def test_times_read_the_same_everywhere():
    assert format_ticks(0) == "0:00.000"
    assert format_ticks(1) == "0:00.016"  # 16.67 ms, never rounded up
    assert format_ticks(3) == "0:00.050"
    assert format_ticks(60 * 83 + 27) == "1:23.450"
    assert format_ticks(60 * 3600 + 1) == "1:00:00.016"
    assert format_ticks(None) == "-"
    assert format_delta(-75) == "-1.250" and format_delta(60 * 62 + 30) == "+1:02.500"
    assert ticks_to_timespan(1) == "00:00:00.0166666"
    assert ticks_to_timespan(60 * 3723 + 30) == "01:02:03.5000000"


def test_igt_is_every_simulated_tick_across_loops_and_each_day_has_its_share():
    run = Run(arena(), seed=4, memory=Memory(loop=1))
    tracker = SpeedrunTracker(SplitPlan(()), first_loop=run.loop)
    for t in range(1000):
        frame = InputFrame(buttons=inputs.RESET_NOW) if t in (200, 650) else InputFrame(move_x=90)
        tracker.step(run, run.step(frame))
    timer = tracker.timer
    assert timer.igt_ticks == run.run_ticks == 1000
    assert timer.text() == "0:16.666"
    days = timer.days
    assert [d.started_by for d in days] == ["start", "reset", "reset"]
    assert [d.loop for d in days] == [1, 2, 3]
    assert [d.ticks(timer.igt_ticks) for d in days] == [201, 450, 349]
    assert timer.day_text() == format_ticks(349)


def test_skipping_the_death_beat_saves_no_time():
    results = {}
    for skip in (False, True):
        run = Run(killing_ground(), seed=3, memory=Memory(loop=1))
        timer = Timer(first_loop=1)
        frame = InputFrame(buttons=inputs.SKIP if skip else 0)
        while run.loop == 1:
            timer.step(run.step(frame))
        results[skip] = (timer.igt_ticks, run.run_ticks, timer.beat_padding)
    (igt_full, ticks_full, pad_full), (igt_skip, ticks_skip, pad_skip) = (
        results[False],
        results[True],
    )
    assert ticks_full - ticks_skip == T.DEATH_SETTLE - T.DEATH_MIN_BEAT  # skipping is real
    assert igt_full == igt_skip  # ...and worth nothing on the clock
    assert pad_full == 0 and pad_skip == T.DEATH_SETTLE - T.DEATH_MIN_BEAT
    assert igt_full == ticks_full


def test_the_clock_stops_on_the_omegas_destruction_and_real_time_runs_beside_it():
    now = [100.0]
    timer = Timer(clock=lambda: now[0])
    for _ in range(90):
        timer.step([])
        now[0] += 1 / 60
    now[0] += 30.0  # the pause menu: real time goes on, the simulation does not
    timer.step([OmegaDestroyed(90, 0.0, 0.0)])
    assert timer.finished and timer.igt_ticks == 91
    assert timer.day.ended_by == "completed"
    stopped = timer.real_seconds()
    assert abs(stopped - (91 / 60 + 30.0)) < 1e-6  # from the start of tick 0: every tick counts
    now[0] += 10.0
    timer.step([])  # nothing counts once the run is over
    assert timer.igt_ticks == 91 and timer.real_seconds() == stopped


def test_only_the_simulations_own_omega_event_stops_the_clock():
    """The timer matches the sim's classes, not their names: a look-alike stops nothing."""

    class OmegaDestroyedLookAlike:
        tick, x, y = 5, 0.0, 0.0

    OmegaDestroyedLookAlike.__name__ = "OmegaDestroyed"
    timer = Timer(clock=lambda: 0.0)
    timer.step([OmegaDestroyedLookAlike()])
    assert not timer.finished
    timer.step([OmegaDestroyed(6, 0.0, 0.0)])
    assert timer.finished and timer.igt_ticks == 2


def test_the_same_inputs_give_the_same_igt():
    def play() -> int:
        run = Run(killing_ground(), seed=8, memory=Memory(loop=1))
        tracker = SpeedrunTracker(SplitPlan(()), first_loop=1)
        for t in range(1200):
            tracker.step(run, run.step(InputFrame(buttons=inputs.SKIP if t % 7 else 0)))
        return tracker.igt_ticks

    assert play() == play()

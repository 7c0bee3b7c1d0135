"""Speedrun support: the in-game timer, splits and their plan, bests, categories, LiveSplit, the
run summary.

Everything here reads the simulation (its events and, read-only, the Run) and never writes into it:
a run timed or not plays out the same, tick for tick. Modules that touch files, sockets or clocks
say so in their docstrings; the timer, the split tracker, the run summary and the ghosts are
pure and run the same live, headless and in the verifier. This package never imports game.replay:
the replays are timed by it (game.replay.verify, playback), and what needs a replay to work (the
live session that records the run, practice from a replay's split, the personal best's ghost) is
game.replay's.
"""

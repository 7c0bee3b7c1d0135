"""Speedrun support: the in-game timer, splits and bests, categories, LiveSplit, practice, routes.

Everything here reads the simulation (its events and, read-only, the Run) and never writes into it:
a run timed or not plays out the same, tick for tick. Modules that touch files, sockets or clocks
say so in their docstrings; the timer, the split tracker, the route summary and the ghosts are
pure and run the same live, headless and in the verifier.
"""

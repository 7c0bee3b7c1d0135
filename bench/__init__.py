"""The benchmarks behind `aynik bench` and `make bench`: measurements of the real work a player's
machine does, each next to a reference timed in the same run, with its spread.

Kept out of the game's package and its wheel (a player's install has no use for them): `figures`
owns the table and the simulation's rows, `frames` the play scene's real frames, loop resets and
a campaign's frames, `render` the renderer next to pyscroll, `stats` the one percentile and
summary they all report with. They import the game; the game never imports them (the command line
finds this folder beside the game's source when it is there).
"""

from bench.figures import main

__all__ = ["main"]

"""Replays: a run as its seed, its starting Memory and one input record a tick.

`format` reads and writes the files, `recorder` records a run as it plays, `verify` re-simulates
one headless and says whether it holds, `playback` re-runs one on screen, `library` lists the
player's, `levels` names the maps they need. Built on them: `session` (the live run, recorded as
it goes and timed by game.speedrun), `practice` (a practice start from a replay's split) and
`pb_ghost` (the personal best's replay as a ghost). Imports game.speedrun for the timing; never
the other way round.
"""

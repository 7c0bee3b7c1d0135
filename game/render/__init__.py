"""The renderer: a read-only view of the simulation.

`view.WorldView` draws the day (map chunks, actors, effects; `camera`, `tilemap`, `sprites`,
`things`, `effects`, `overlays`, `sheets`), `hud.Hud` draws the heads-up display (bench/render.py,
outside the game, measures them). Nothing here imports game.scenes or game.app, and nothing here
writes to the simulation.
"""

"""All You Need Is Kill: a top-down action game about a soldier in a time loop."""

import os

__version__ = "0.1.0"

# numpy (the crowd's arrays in game.sim.crowd) brings OpenBLAS, which starts a worker thread a
# core for matrix work the game never asks of it; those threads would only compete with the
# game and its writer for the player's cores. Set before numpy is first imported.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

"""Bots: input sources that play the game by reading the run, for tests, demos and benchmarks.

Owns the `Bot` interface and `make_bot`, which gives a bot by its command-line name: `idle` and
`random` (game.bots.basic), `route:FILE` (a route file in game.bots.route_language, played by
game.bots.route). A bot looks at the run (read-only) and returns the next
InputFrame, exactly as a human's input layer would; the frames it produces are what gets recorded,
so a bot's run replays without the bot. Its randomness is its own seeded `random.Random`, never the
simulation's. Must not import pygame.
"""

from __future__ import annotations

from typing import Protocol

from game.bots.basic import IdleBot, RandomBot
from game.sim.inputs import InputFrame
from game.sim.loop import Run

__all__ = ["Bot", "IdleBot", "RandomBot", "make_bot"]


class Bot(Protocol):
    def next_frame(self, run: Run) -> InputFrame: ...

    def observe(self, events: list) -> None:
        """What happened on the tick its frame was used for (bots that follow a plan listen)."""


def make_bot(name: str, seed: int) -> Bot:
    """A bot by its command-line name: `idle`, `random` or `route:FILE`."""
    if name == "idle":
        return IdleBot()
    if name == "random":
        return RandomBot(seed)
    if name.startswith("route:"):
        from game.bots.route import RouteBot
        from game.bots.route_language import load_route

        path = name[len("route:") :]
        return RouteBot(load_route(path), path)
    raise ValueError(f"unknown bot {name!r} (choose idle, random or route:FILE)")

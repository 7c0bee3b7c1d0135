"""Checking a replay while it is played back, for `aynik replay --headless` (and anything else that
acts on a replay as it goes, such as driving LiveSplit).

Owns the checks a playback makes so that it never shows, prints or sends what the recording does
not hold up: before the first tick, the game version, the content hash of every map the header
names and the chain of recorded checkpoints; after each tick, the recorded digest of the state;
at the end, the end record's claims (ticks, final state, loops, completed, IGT). The playback stops
at the end record's tick and never runs past it. Every problem is one sentence (the caller names
the file). Must not import pygame.
"""

from __future__ import annotations

from game import __version__
from game.replay.format import Replay, digest_of
from game.replay.level_refs import level_hashes, level_reference
from game.replay.playback import Playback
from game.replay.verify import check_chain


def preflight(replay: Replay, playback: Playback) -> str | None:
    """What makes the replay unfit to play back as recorded, before a tick is run; None if
    nothing does."""
    recorded = replay.header.get("game_version")
    if recorded != __version__:
        return f"recorded with game version {recorded}, this is {__version__}"
    if playback.level.content_hash != replay.header.get("level_hash"):
        return f"the level {replay.header.get('level')!r} differs from the recorded one"
    now = level_hashes([playback.level, *playback.atlas.values()])
    for name, digest in sorted((replay.header.get("levels") or {}).items()):
        if name == level_reference(playback.level.path):
            continue
        if now.get(name) != digest:
            return f"the map {name!r} the run can enter differs from the recorded one"
    return check_chain(replay)


def last_tick(replay: Replay) -> int:
    """How many ticks to play: the recorded inputs, but never past the end record's tick."""
    total = len(replay.frames)
    end = replay.end or {}
    ticks = end.get("ticks")
    if isinstance(ticks, int) and not isinstance(ticks, bool) and 0 <= ticks < total:
        return ticks
    return total


def after_tick(replay: Replay, playback: Playback) -> str | None:
    """The recorded digest of the state after the tick just played, checked; None if it holds."""
    tick = playback.position
    if 0 < tick <= len(replay.digests):
        if digest_of(playback.run.state_hash()) != replay.digests[tick - 1]:
            return f"the run diverges from the recording at tick {tick} (loop {playback.run.loop})"
    return None


def at_end(replay: Replay, playback: Playback) -> str | None:
    """The end record's claims against the run as played back; None if they hold (or there is no
    end record: a recording cut short claims nothing)."""
    end = replay.end
    if end is None:
        return None
    run, tracker = playback.run, playback.tracker
    claims = {
        "ticks": run.run_ticks,
        "state_hash": run.state_hash(),
        "loops": run.memory.loop,
        "completed": tracker.finished,
        "igt_ticks": tracker.igt_ticks,
    }
    for key, actual in claims.items():
        if key not in end:
            continue
        if end[key] != actual:
            if key == "state_hash":
                return f"the final state differs after tick {run.run_ticks}"
            return f"the end record claims {key} {end[key]!r}, the run gives {actual!r}"
    return None

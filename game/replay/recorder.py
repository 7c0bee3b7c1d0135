"""Recording a run as it is played: inputs, per-tick digests, loops, splits and checkpoints.

Owns what goes into a replay and when (see game.replay.format for the layout): the header is
written at once, each input is recorded and read back before the simulation uses it, and the
file is flushed every second of play, so a crash leaves a valid replay up to that point. Used by
the live game (through game.replay.session) and by `aynik sim --record`. Must not import pygame.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from game.replay.format import CHECKPOINT_INTERVAL, LoopMark, ReplayWriter, SplitMark
from game.replay.snapshot import state_snapshot
from game.sim.inputs import InputFrame
from game.speedrun import events as E


class ReplayRecorder:
    def __init__(self, path: str | os.PathLike, header: dict, run: object) -> None:
        self.writer = ReplayWriter(path, header)
        self.path = self.writer.path
        self._last_checkpoint = -1
        self._checkpoint(run, run.state_hash())

    @property
    def closed(self) -> bool:
        return self.writer.closed

    def record(self, frame: InputFrame) -> InputFrame:
        """Call with each tick's input before `Run.step`; step the run on what it returns."""
        return self.writer.record(frame)

    def after_step(
        self, run: object, events: Sequence[object], hits: Sequence = (), igt_ticks: int = 0
    ) -> None:
        """Call after each `Run.step` with its events, the splits that fired and the IGT."""
        state_hash = run.state_hash()
        self.writer.digest(state_hash)
        for hit in hits:
            self.writer.split_mark(SplitMark(hit.run_ticks, hit.igt_ticks, hit.name))
        new_day = False
        for event in events:
            if isinstance(event, E.LoopStarted):
                memory = run.memory.to_json()
                mark = LoopMark(run.run_ticks, event.loop, event.reason,
                                igt_ticks, memory, run.deaths_total)  # fmt: skip
                self.writer.loop_mark(mark)
                new_day = True
        if new_day or run.run_ticks % CHECKPOINT_INTERVAL == 0:
            self._checkpoint(run, state_hash)

    def _checkpoint(self, run: object, state_hash: str) -> None:
        if run.run_ticks == self._last_checkpoint:
            return
        self._last_checkpoint = run.run_ticks
        self.writer.checkpoint(run.run_ticks, run.loop, state_hash, state_snapshot(run))

    def close(self, run: object, end: dict) -> None:
        """Finish the file: a last checkpoint and the end record."""
        self.finishing(run, end)()

    def finishing(self, run: object, end: dict) -> Callable[[], None]:
        """The last checkpoint, taken from `run` now, and what is left to finish the file (the
        end record, then the fsync and close), to be done on another thread (game.disk_writes):
        nothing may be recorded meanwhile."""
        if self.writer.closed:
            return _nothing
        self._checkpoint(run, run.state_hash())
        writer = self.writer
        return lambda: writer.close(end)

    def abandon(self) -> None:
        self.writer.abandon()


def _nothing() -> None:
    """A file already finished: nothing left to write."""

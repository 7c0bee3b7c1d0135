"""The writes at the end of a run that wait for the disk, done off the frame.

Owns one worker thread for the files a run's end writes (the replay's end record, the personal
bests, the run summary, the last wait for the save): each is fsynced, and on a slow disk one fsync
alone can take longer than a frame, at the moment the Omega dies. What is written is taken on the
frame (the caller hands over a closure over its figures, never the live objects); the thread
writes it, in the order given, with the same atomic renames a write on the frame makes, so a game
killed mid-write loses at most that write and never damages a file. `settle` waits until
everything handed over is on disk: before anything reads those files again (a new run reading its
personal bests, the replays list, the title's save) and when the game closes; it waits
SETTLE_SECONDS at the most, so a disk that hangs outright never holds the game. What went wrong
goes to each write's own `on_error`, on the worker thread. Standard library only.
"""

from __future__ import annotations

import concurrent.futures
import queue
import sys
import threading
from collections.abc import Callable

SETTLE_SECONDS = 10.0  # the longest a settle waits for the disk before going on regardless


class DiskWrites:
    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._pending: list[concurrent.futures.Future] = []

    def submit(
        self, work: Callable[[], None], on_error: Callable[[OSError], None]
    ) -> concurrent.futures.Future:
        """Write `work` on the worker thread, after everything handed over before it. The
        future is done once it is on disk (or `on_error` has been told why not)."""
        if self._thread is None:
            # A daemon: a disk that hangs outright cannot hold the game open once the window
            # closes; the game settles (up to SETTLE_SECONDS) before it exits instead.
            self._thread = threading.Thread(target=self._work, name="disk-writes", daemon=True)
            self._thread.start()
        future: concurrent.futures.Future = concurrent.futures.Future()
        self._pending = [f for f in self._pending if not f.done()]
        self._pending.append(future)
        self._jobs.put((work, on_error, future))
        return future

    def settle(self, timeout: float = SETTLE_SECONDS) -> None:
        """Wait until everything handed over is on disk (at most `timeout` seconds)."""
        concurrent.futures.wait(self._pending, timeout)
        self._pending = [f for f in self._pending if not f.done()]

    @property
    def busy(self) -> bool:
        return any(not f.done() for f in self._pending)

    def _work(self) -> None:
        while True:
            work, on_error, future = self._jobs.get()
            try:
                _guarded(work, on_error)
            except Exception as exc:  # a fault of the write's own: said, and the writes go on
                print(f"aynik: a file was not written: {exc!r}", file=sys.stderr)
                future.set_exception(exc)
            else:
                future.set_result(None)


def write_now(
    work: Callable[[], None], on_error: Callable[[OSError], None]
) -> concurrent.futures.Future:
    """The same write on this thread (a headless run, a test): its future is done when this
    returns, as DiskWrites.submit's is once the write is on disk."""
    _guarded(work, on_error)
    done: concurrent.futures.Future = concurrent.futures.Future()
    done.set_result(None)
    return done


def _guarded(work: Callable[[], None], on_error: Callable[[OSError], None]) -> None:
    try:
        work()
    except OSError as exc:
        on_error(exc)

"""The writes at the end of a run that wait for the disk, done off the frame.

Owns one worker thread for the files a run's end writes (the replay's end record, the personal
bests, the run summary): each is fsynced, and on a slow disk one fsync alone can take longer than a
frame, at the moment the Omega dies. What is written is taken on the frame (the caller hands over
a closure over its figures, never the live objects), the thread writes it, in the order given, with
the same atomic renames as before. `settle` waits until everything handed over is on disk: before
anything reads those files again (a new run reading its personal bests, the replays list) and when
the game closes. What went wrong goes to each write's own `on_error`, on the worker thread.
Standard library only.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable

SETTLE_SECONDS = 10.0  # the longest a settle waits for the disk before going on regardless


class DiskWrites:
    def __init__(self) -> None:
        self._pool: concurrent.futures.ThreadPoolExecutor | None = None
        self._pending: list[concurrent.futures.Future] = []

    def submit(
        self, work: Callable[[], None], on_error: Callable[[OSError], None]
    ) -> concurrent.futures.Future:
        """Write `work` on the worker thread, after everything handed over before it. The
        future is done once it is on disk (or `on_error` has been told why not)."""
        if self._pool is None:
            # Its thread is joined when the interpreter exits, so a write handed over just
            # before the window closes is still finished.
            self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="disk-writes")
        self._pending = [f for f in self._pending if not f.done()]
        future = self._pool.submit(_guarded, work, on_error)
        self._pending.append(future)
        return future

    def settle(self, timeout: float = SETTLE_SECONDS) -> None:
        """Wait until everything handed over is on disk (at most `timeout` seconds)."""
        concurrent.futures.wait(self._pending, timeout)
        self._pending = [f for f in self._pending if not f.done()]

    @property
    def busy(self) -> bool:
        return any(not f.done() for f in self._pending)


def write_now(work: Callable[[], None], on_error: Callable[[OSError], None]) -> None:
    """The same write on this thread (a headless run, a test): done when it returns."""
    _guarded(work, on_error)


def _guarded(work: Callable[[], None], on_error: Callable[[OSError], None]) -> None:
    try:
        work()
    except OSError as exc:
        on_error(exc)

"""LiveSplit: keep a LiveSplit timer in step with the run over its server protocol.

Owns the TCP client for LiveSplit's server (LiveSplit 1.8+'s own CommandServer, or the older
LiveSplit Server component; default port 16834): commands are text lines ending in CRLF, and the
queries (`getcurrenttimerphase`, `getsplitindex`, `getsplitcount`) get one line back each.

What LiveSplit is sent, and why:
- on every (re)connection: `switchto gametime` (LiveSplit then compares and shows game time),
  then the three queries, so only what LiveSplit lacks is sent after that;
- when the run starts: `starttimer`, then `pausegametime`, then `setgametime 00:00:00.0000000`.
  Game time stays paused for the whole run: LiveSplit never runs a clock of its own between
  updates and shows exactly the game's IGT. Paused first, then set: set first, LiveSplit's clock
  would run on for the microseconds before the pause. (`initgametime` is not sent: LiveSplit's
  CommandServer does not know it, and `setgametime` initialises game time by itself. Nor is
  `unpausegametime`: LiveSplit's own reset unpauses game time.)
- while it runs: `setgametime H:MM:SS.fffffff` on every change of the IGT, at most every
  `push_seconds` (a tick by default), and only the latest one when the socket is slow;
- at a split: `setgametime <the split's IGT>` then `split`, so the split's game time is the IGT of
  the tick it fired on. The splits are placed by name in the order the run was started with (the
  personal best's, which `aynik splits export` writes too): a segment the run passed by (a split
  it has not reached) is `skipsplit` in LiveSplit, so each split lands on its own segment; a split
  reached after a later one is left out; LiveSplit's last segment is kept for the run's last
  split, so the run's end is LiveSplit's end, at the IGT to the tick. After each split it asks
  `getcurrenttimerphase` and `getsplitindex` and, when LiveSplit did not take the split, catches
  up with `skipsplit`; the run's end it splits again (after a `resume` if LiveSplit was paused by
  hand);
- `reset` when a run is abandoned, or a new one starts over one LiveSplit still shows.

The game never waits on it. The game thread only records what LiveSplit should show and returns
at once; a background thread holds the socket and sends. If LiveSplit is not there or goes away,
it retries every `retry_seconds` and catches up when it is back; a reply that makes no sense drops
the connection (and any reply at all never stops the thread).
Imports the standard library, game.safe_read (replies are untrusted text) and this package's
time formatting; no pygame.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

from game import safe_read
from game.speedrun.timefmt import ticks_to_timespan

DEFAULT_HOST = "localhost"
DEFAULT_PORT = 16834
PUSH_SECONDS = 1 / 60  # game time is pushed on every change, at most once a tick
PHASES = ("NotRunning", "Running", "Paused", "Ended")
MAX_REPLY_BYTES = 64 * 1024  # a reply to three short queries is a few bytes
MAX_SEGMENTS = 1_000_000
CONNECT_QUERIES = ("getcurrenttimerphase", "getsplitindex", "getsplitcount")
START_COMMANDS = ("starttimer", "pausegametime")
FINAL_RETRIES = 2  # times the run's end is split again when LiveSplit did not take it


def parse_address(text: str) -> tuple[str, int]:
    """`HOST:PORT`, `HOST` or `:PORT` (and `[v6]:PORT`); ValueError says what is wrong."""
    text = text.strip()
    host, port_text = text, ""
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port_text = rest.removeprefix(":")
    elif text.count(":") == 1:
        host, _, port_text = text.partition(":")
    host = host or DEFAULT_HOST
    if not port_text:
        return host, DEFAULT_PORT
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(f"{text!r}: the port must be a number from 1 to 65535")
    return host, int(port_text)


@dataclass(frozen=True)
class _Split:
    igt_ticks: int
    name: str
    final: bool


class LiveSplitClient:
    def __init__(
        self,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        retry_seconds: float = 1.0,
        connect_timeout: float = 0.5,
        reply_timeout: float = 0.5,
        push_seconds: float = PUSH_SECONDS,
        poll_seconds: float = 0.05,
    ) -> None:
        self.host = host
        self.port = port
        self.retry_seconds = retry_seconds
        self.connect_timeout = connect_timeout
        self.reply_timeout = reply_timeout
        self.push_seconds = push_seconds
        self.poll_seconds = poll_seconds
        self._lock = threading.Condition()
        # What LiveSplit should show (written by the game thread).
        self._generation = 0  # a new one for every run started or abandoned
        self._active = False  # a run of ours is under way (or finished) on this generation
        self._order: tuple[str, ...] = ()  # the split names in LiveSplit's segment order
        self._splits: list[_Split] = []  # every split so far, in the order they fired
        self._igt = 0
        self._finished = False
        self._idle = False  # the thread waits for news: a change of IGT wakes it
        # What LiveSplit is believed to show (the background thread's).
        self._ls_generation = 0
        self._ls_active = False  # LiveSplit's timer is not at NotRunning
        self._ls_done = 0  # how many of our splits LiveSplit has been given (or passed)
        self._ls_after: list[int] = []  # LiveSplit's split index after each of those
        self._ls_index = -1  # LiveSplit's current split index
        self._ls_count: int | None = None  # segments in LiveSplit's run, when it said
        self._ls_igt: int | None = None  # the game time LiveSplit was last given
        self._ls_ended = False  # LiveSplit said its run is over
        self._ls_pause = False  # game time must be paused again (a reconnection into our run)
        self._answers = False  # this connection answers queries (a silent one is not asked)
        self._final_retries = 0
        self._last_push = 0.0
        self._sock: socket.socket | None = None
        self._stop = False
        self.connections = 0  # how many times it has connected
        self._thread = threading.Thread(target=self._loop, name="livesplit", daemon=True)
        self._thread.start()

    # --- the game thread's side: never blocks -------------------------------------------------
    def start_run(self, order: Sequence[str] = ()) -> None:
        """A run began (IGT 0). `order`: its split names in the order LiveSplit's segments are
        (the personal best's); without it every split goes to LiveSplit's next segment."""
        with self._lock:
            self._generation += 1
            self._active, self._splits, self._igt, self._finished = True, [], 0, False
            self._order = tuple(order)
            self._lock.notify()

    def game_time(self, igt_ticks: int) -> None:
        """The run's IGT now (call every tick: it costs nothing, and LiveSplit gets the latest)."""
        if igt_ticks == self._igt:
            return
        self._igt = igt_ticks
        if self._idle:
            with self._lock:
                self._lock.notify()

    def split(self, igt_ticks: int, final: bool = False, name: str = "") -> None:
        """A split fired at this IGT (`final`: the run's last, its end)."""
        with self._lock:
            if not self._active or self._finished:
                return
            self._splits.append(_Split(igt_ticks, name, final))
            self._igt = igt_ticks
            self._finished = final
            self._lock.notify()

    def reset(self) -> None:
        """The run was abandoned."""
        with self._lock:
            if not self._active:
                return
            self._generation += 1
            self._active, self._splits, self._finished = False, [], False
            self._lock.notify()

    @property
    def connected(self) -> bool:
        return self._sock is not None

    def synced(self) -> bool:
        """Connected, and LiveSplit has been sent everything it should show (but the latest IGT)."""
        with self._lock:
            generation, active, splits = self._generation, self._active, len(self._splits)
        return (
            self.connected
            and self._ls_generation == generation
            and self._ls_active == active
            and (not active or self._ls_done == splits)
        )

    def wait_synced(self, timeout: float) -> bool:
        """Wait (up to `timeout` seconds) until synced(); for a headless replay's last split."""
        deadline = time.monotonic() + timeout
        while not self.synced():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True

    def close(self, timeout: float = 1.0) -> None:
        with self._lock:
            self._stop = True
            self._lock.notify()
        self._thread.join(timeout)
        self._drop()

    # --- the background thread ---------------------------------------------------------------
    def _loop(self) -> None:
        next_attempt = 0.0
        while not self._stop:
            if self._sock is None:
                now = time.monotonic()
                if now < next_attempt:
                    self._wait(min(self.poll_seconds * 4, next_attempt - now), idle=False)
                    continue
                next_attempt = now + self.retry_seconds
                if not self._connect():
                    continue
            try:
                if self._peer_closed():
                    raise ConnectionResetError("LiveSplit closed the connection")
                self._sync()
            except Exception:  # noqa: BLE001 - any reply at all: the thread lives, reconnects
                self._drop()
                continue
            self._wait(*self._next_wait())

    def _wants_push(self) -> bool:
        """LiveSplit shows our run, under way, and has not been given its latest IGT."""
        return (
            self._ls_active
            and self._active
            and not self._finished
            and self._ls_generation == self._generation
            and self._igt != self._ls_igt
        )

    def _next_wait(self) -> tuple[float, bool]:
        """How long to sleep, and whether a change of IGT may wake it: a push held back by
        `push_seconds` waits out the rest undisturbed."""
        if self._wants_push():
            left = self._last_push + self.push_seconds - time.monotonic()
            return max(0.0, min(left, self.poll_seconds)), False
        return self.poll_seconds, True

    def _wait(self, seconds: float, idle: bool) -> None:
        with self._lock:
            if self._stop or seconds <= 0:
                return
            self._idle = idle
            # Idle is set before the IGT is looked at, and game_time writes the IGT before it
            # looks at idle: a change between the two is never missed.
            if not (idle and self._wants_push()):
                self._lock.wait(seconds)
            self._idle = False

    def _connect(self) -> bool:
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.connect_timeout)
        except OSError:
            return False
        sock.settimeout(max(self.reply_timeout, 0.1))
        self._sock = sock
        self.connections += 1
        try:
            self._send("switchto gametime")
            self._ask_where_livesplit_is()
        except Exception:  # noqa: BLE001 - a garbled or hostile reply: drop it, retry later
            self._drop()
            return False
        return True

    def _drop(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.close()

    def _send(self, *lines: str) -> None:
        assert self._sock is not None
        self._sock.sendall("".join(line + "\r\n" for line in lines).encode("utf-8"))

    def _peer_closed(self) -> bool:
        sock = self._sock
        readable, _, _ = select.select([sock], [], [], 0)
        if not readable:
            return False
        data = sock.recv(4096)  # an unasked-for reply is read and dropped
        return not data

    def _ask(self, *queries: str) -> list[str]:
        """Send the queries and read one reply line each. When LiveSplit does not answer them
        all in time, what came is returned and this connection is asked nothing more: a late
        answer would be taken for the next question's."""
        if not self._answers:
            return []
        self._send(*queries)
        replies = self._read_lines(len(queries))
        if len(replies) < len(queries):
            self._answers = False
        return replies

    def _ask_where_livesplit_is(self) -> None:
        """On connecting: LiveSplit's timer phase, split index and segment count, when it
        answers."""
        self._answers = True
        replies = self._ask(*CONNECT_QUERIES)
        if not replies or replies[0] not in PHASES:
            # No answer: assume LiveSplit kept what it was last sent, and game time paused.
            self._answers = False
            self._ls_pause = self._ls_active
            self._ls_igt = None
            return
        phase = replies[0]
        index = _whole(replies[1], -1) if len(replies) > 1 else None
        count = _whole(replies[2], 1) if len(replies) > 2 else None
        self._ls_count = count
        self._final_retries = 0
        if phase == "NotRunning":
            self._forget_run()
            self._ls_active = False
        elif self._ls_active:
            # Ours, as far as we know. An older run of ours is reset by _sync; for the current one,
            # LiveSplit's own split index is the truth.
            if self._ls_generation == self._generation:
                if phase == "Ended":
                    self._ls_done, self._ls_ended = len(self._splits), True
                    self._ls_after = self._ls_after[: self._ls_done]
                elif index is not None and index >= 0:
                    self._place_at(index)
                self._ls_pause = phase != "Ended"  # whoever unpaused it meanwhile
                self._ls_igt = None
        else:
            # LiveSplit shows a run that is not this one: replaced when ours starts, else left.
            self._ls_active = True
            self._ls_generation = self._generation if not self._active else -1
            self._forget_run()

    def _forget_run(self) -> None:
        self._ls_done, self._ls_after, self._ls_index = 0, [], -1
        self._ls_igt, self._ls_ended, self._ls_pause = None, False, False
        self._final_retries = 0

    def _place_at(self, index: int) -> None:
        """LiveSplit is at split index `index`: the splits of ours that got it there are done,
        the rest are sent again."""
        done = 0
        while done < len(self._ls_after) and self._ls_after[done] <= index:
            done += 1
        self._ls_done, self._ls_after = done, self._ls_after[:done]
        self._ls_index, self._ls_ended = index, False

    def _read_lines(self, count: int) -> list[str]:
        sock = self._sock
        deadline = time.monotonic() + self.reply_timeout
        buffer = b""
        while buffer.count(b"\n") < count:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            readable, _, _ = select.select([sock], [], [], left)
            if not readable:
                break
            data = sock.recv(4096)
            if not data:
                raise ConnectionResetError("LiveSplit closed the connection")
            buffer += data
            if len(buffer) > MAX_REPLY_BYTES:
                raise ConnectionResetError("LiveSplit's reply is far too long")
        complete = buffer[: buffer.rfind(b"\n") + 1]  # a line cut off by the deadline is no reply
        return [line.strip() for line in complete.decode("utf-8", "replace").splitlines()][:count]

    def _sync(self) -> None:
        """Send what LiveSplit lacks, in order."""
        with self._lock:
            generation, active, finished = self._generation, self._active, self._finished
            splits, igt, order = list(self._splits), self._igt, self._order
        if self._ls_generation != generation:
            if self._ls_active:
                self._send("reset")
                self._ls_active = False
            self._ls_generation = generation
            self._forget_run()
        if active and not self._ls_active:
            self._send(*START_COMMANDS)
            self._ls_active = True
            self._forget_run()
            self._ls_index = 0
        if not active:
            return
        if self._ls_pause:
            self._send("pausegametime")
            self._ls_pause = False
        while self._ls_done < len(splits) and self._ls_active:
            split = splits[self._ls_done]
            if self._send_split(split, order):
                # One at a time: a split LiveSplit did not take is caught up before the next.
                self._realign(split)
        if (
            finished
            and self._ls_done == len(splits)
            and not self._ls_ended
            and self._final_retries < FINAL_RETRIES
        ):
            self._final_retries += 1  # a LiveSplit that never ends is not asked forever
            self._realign(splits[-1])
        if finished:
            return  # LiveSplit's game time is the run's end now
        now = time.monotonic()
        if self._ls_igt is None or (
            igt != self._ls_igt and now - self._last_push >= self.push_seconds
        ):
            self._send(f"setgametime {ticks_to_timespan(igt)}")
            self._ls_igt = igt
            self._last_push = now

    def _send_split(self, split: _Split, order: tuple[str, ...]) -> bool:
        """One of our splits: skip LiveSplit's segments up to its own and split it; or pass it by
        (False) when LiveSplit has no segment left for it."""
        target = self._segment_for(split, order)
        if target is not None:
            skips = ["skipsplit"] * (target - self._ls_index)
            self._send(*skips, f"setgametime {ticks_to_timespan(split.igt_ticks)}", "split")
            self._ls_index = target + 1
            self._ls_igt = split.igt_ticks
        self._ls_done += 1
        self._ls_after.append(self._ls_index)
        return target is not None

    def _segment_for(self, split: _Split, order: tuple[str, ...]) -> int | None:
        """LiveSplit's segment for this split, or None when it has none left for it."""
        count = self._ls_count or len(order) or None
        last = count - 1 if count is not None else None
        if split.final:
            if last is None:
                return self._ls_index
            return last if self._ls_index <= last else None
        target = order.index(split.name) if split.name in order else self._ls_index
        if target < self._ls_index or (last is not None and target >= last):
            return None  # passed already, or where only the run's end may split
        return target

    def _realign(self, split: _Split) -> None:
        """Ask LiveSplit where it is after a split, and catch up where it did not take it."""
        replies = self._ask("getcurrenttimerphase", "getsplitindex")
        if len(replies) < 2:
            return
        phase, index = replies[0], _whole(replies[1], -1)
        if phase not in PHASES or index is None:
            self._answers = False
            return
        if phase == "NotRunning":
            # Reset from LiveSplit's side (or by another client): it is given the run again.
            self._ls_active = False
            self._forget_run()
            return
        if phase == "Ended":
            self._ls_ended, self._ls_index = True, index
            return
        if index >= self._ls_index:
            self._ls_index = index  # split by hand: later splits of ours follow from there
            return
        if split.final:
            # The run is over and LiveSplit's is not: end it at the run's IGT.
            if phase == "Paused":
                self._send("resume")  # a paused LiveSplit takes no split
            last = max(index, self._ls_count - 1 if self._ls_count else index)
            skips = ["skipsplit"] * (last - index)
            self._send(*skips, f"setgametime {ticks_to_timespan(split.igt_ticks)}", "split")
            self._ls_index = last + 1
            return
        # The split was not taken: skipped, so LiveSplit's current segment is the game's again.
        self._send(*["skipsplit"] * (self._ls_index - index))


def _whole(text: str, low: int) -> int | None:
    """A number as LiveSplit sends it: plain ASCII digits of sensible length ("²" is a digit
    to str.isdigit, not to int())."""
    return safe_read.whole_number(text, low, MAX_SEGMENTS)

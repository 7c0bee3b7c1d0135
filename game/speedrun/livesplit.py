"""LiveSplit: keep a LiveSplit timer in step with the run over its server protocol.

Owns the TCP client for LiveSplit's server (LiveSplit's own CommandServer, or the older LiveSplit
Server component; default port 16834): commands are text lines ending in CRLF, such as
`starttimer`, `split`, `reset`, `pausegametime`, `setgametime 00:01:23.4500000`, and queries such
as `getcurrenttimerphase` get one line back.

The game never waits on it. The game thread only records what LiveSplit should show (a run
started, its splits with their IGT, the current IGT, the run abandoned) and returns at once; a
background thread connects, and on every (re)connection asks LiveSplit where it is
(`getcurrenttimerphase`, `getsplitindex`) and sends what is missing: it starts the timer, keeps
game time paused so LiveSplit shows exactly the game's IGT, pushes `setgametime` several times a
second and before every `split`, and sends `reset` when a run is abandoned. If LiveSplit is not
there or goes away, it retries every `retry_seconds` and catches up when it is back.
Imports the standard library, game.safe_read (replies are untrusted text) and this package's
time formatting; no pygame.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
import time

from game import safe_read
from game.speedrun.timefmt import ticks_to_timespan

DEFAULT_HOST = "localhost"
DEFAULT_PORT = 16834
PUSH_SECONDS = 0.2  # game time is pushed at most this often between splits
PHASES = ("NotRunning", "Running", "Paused", "Ended")
MAX_REPLY_BYTES = 64 * 1024  # a reply to two short queries is a few bytes
START_COMMANDS = ("starttimer", "initgametime", "pausegametime")
# `initgametime` is what the older LiveSplit Server component needs before game time is shown;
# LiveSplit's built-in server ignores it.


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
        self._splits: list[int] = []  # IGT of each split so far
        self._igt = 0
        self._finished = False
        # What LiveSplit is believed to show (the background thread's).
        self._ls_generation = 0
        self._ls_active = False  # LiveSplit's timer is not at NotRunning
        self._ls_splits = 0
        self._ls_igt: int | None = None
        self._last_push = 0.0
        self._sock: socket.socket | None = None
        self._stop = False
        self.connections = 0  # how many times it has connected
        self._thread = threading.Thread(target=self._loop, name="livesplit", daemon=True)
        self._thread.start()

    # --- the game thread's side: never blocks -------------------------------------------------
    def start_run(self) -> None:
        """A run began (IGT 0)."""
        with self._lock:
            self._generation += 1
            self._active, self._splits, self._igt, self._finished = True, [], 0, False
            self._lock.notify()

    def game_time(self, igt_ticks: int) -> None:
        """The run's IGT now (call every tick; it is sent a few times a second)."""
        self._igt = igt_ticks

    def split(self, igt_ticks: int, final: bool = False) -> None:
        with self._lock:
            if not self._active or self._finished:
                return
            self._splits.append(igt_ticks)
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
            and (not active or self._ls_splits == splits)
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
                    self._wait(min(self.poll_seconds * 4, next_attempt - now))
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
            self._wait(self.poll_seconds)

    def _wait(self, seconds: float) -> None:
        with self._lock:
            if not self._stop:
                self._lock.wait(seconds)

    def _connect(self) -> bool:
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.connect_timeout)
        except OSError:
            return False
        sock.settimeout(max(self.reply_timeout, 0.1))
        self._sock = sock
        self.connections += 1
        try:
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

    def _ask_where_livesplit_is(self) -> None:
        """On connecting: LiveSplit's timer phase and split index, when it answers."""
        self._send("getcurrenttimerphase", "getsplitindex")
        replies = self._read_lines(2)
        if not replies or replies[0] not in PHASES:
            return  # no answer: assume LiveSplit kept what it was last sent
        phase = replies[0]
        index = int(replies[1]) if len(replies) > 1 and _is_int(replies[1]) else None
        if phase == "NotRunning":
            self._ls_active, self._ls_splits, self._ls_igt = False, 0, None
        elif self._ls_active:
            # Ours, as far as we know. An older run of ours is reset by _sync; for the current one,
            # LiveSplit's own count of splits is the truth.
            if self._ls_generation == self._generation:
                if phase == "Ended":
                    self._ls_splits = len(self._splits)
                elif index is not None and index >= 0:
                    self._ls_splits = index
                self._ls_igt = None
        else:
            # LiveSplit shows a run that is not this one: replaced when ours starts, else left.
            self._ls_active = True
            self._ls_generation = self._generation if not self._active else -1
            self._ls_splits, self._ls_igt = 0, None

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
        return [line.strip() for line in buffer.decode("utf-8", "replace").splitlines()][:count]

    def _sync(self) -> None:
        """Send what LiveSplit lacks, in order."""
        with self._lock:
            generation, active, finished = self._generation, self._active, self._finished
            splits, igt = list(self._splits), self._igt
        if self._ls_generation != generation:
            if self._ls_active:
                self._send("reset")
                self._ls_active = False
            self._ls_generation, self._ls_splits, self._ls_igt = generation, 0, None
        if active and not self._ls_active:
            self._send(*START_COMMANDS)
            self._ls_active, self._ls_splits, self._ls_igt = True, 0, None
        if not active:
            return
        while self._ls_splits < len(splits):
            at = splits[self._ls_splits]
            self._send(f"setgametime {ticks_to_timespan(at)}", "split")
            self._ls_splits += 1
            self._ls_igt = at
        if finished:
            return
        now = time.monotonic()
        if self._ls_igt is None or (
            igt != self._ls_igt and now - self._last_push >= self.push_seconds
        ):
            self._send(f"setgametime {ticks_to_timespan(igt)}")
            self._ls_igt = igt
            self._last_push = now


def _is_int(text: str) -> bool:
    """A split index as LiveSplit sends it: plain ASCII digits of sensible length ("²" is a digit
    to str.isdigit, not to int())."""
    return safe_read.whole_number(text, -1, 1_000_000) is not None

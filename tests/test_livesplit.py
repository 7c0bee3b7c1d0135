"""LiveSplit: the exact lines its server receives, the game time it ends up showing, and surviving
it going away.

A fake LiveSplit server on 127.0.0.1 runs its timer the way LiveSplit's CommandServer does (phase,
split index, segments, game time paused or running on LiveSplit's own clock, each segment's split
time, `skipsplit` refused on the last segment), answers its queries, notes any command LiveSplit
would not know, and records every line. Every wait is bounded.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest

from game.speedrun.livesplit import DEFAULT_PORT, LiveSplitClient, parse_address
from game.speedrun.timefmt import ticks_to_timespan

WAIT = 5.0  # seconds, at most, for anything to arrive
UNITS = 10_000_000  # LiveSplit's TimeSpan counts 100 ns units

# The commands LiveSplit's CommandServer acts on (LiveSplit.Core/Server/CommandServer.cs); any
# other line it logs as an invalid command and ignores.
KNOWN_COMMANDS = {
    "startorsplit", "split", "undosplit", "unsplit", "skipsplit", "pause", "undoallpauses",
    "resume", "reset", "start", "starttimer", "setgametime", "setloadingtimes", "addloadingtimes",
    "pausegametime", "unpausegametime", "alwayspausegametime", "getcurrenttimerphase",
    "gettimerphase", "getsplitindex", "getsplitcount", "getcurrentgametime", "switchto",
    "gettimingmethod", "ping",
}  # fmt: skip


def timespan_units(text: str) -> int:
    """LiveSplit's TimeSpan text (`HH:MM:SS.fffffff`) in 100 ns units, exactly."""
    hours, minutes, seconds = text.split(":")
    whole, _, fraction = seconds.partition(".")
    fraction = (fraction + "0000000")[:7]
    return ((int(hours) * 60 + int(minutes)) * 60 + int(whole)) * UNITS + int(fraction)


def units_ticks(units: int) -> int:
    """Back to simulation ticks (60 a second), as a moderator would read the time."""
    return round(units * 60 / UNITS)


class FakeLiveSplit:
    def __init__(self, segments: int = 5) -> None:
        self.segments = segments
        self.phase, self.index = "NotRunning", -1
        self.timing = "RealTime"
        self.game_time_paused = False
        self.split_times: list[int | None] = []  # each segment's game time, 100 ns units
        self.unknown: list[str] = []  # lines LiveSplit would not know
        self._started = 0.0
        self._loading: int | None = None  # real - game time; None: game time not initialised
        self._paused_at: int | None = None  # game time while paused
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(4)
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.connections: list[list[str]] = []
        self._current: socket.socket | None = None
        self._stop = False
        self._lock = threading.RLock()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                continue
            conn.settimeout(0.1)
            with self._lock:
                self._current = conn
                self.connections.append([])
                lines = self.connections[-1]
            self.connected()
            buffer = b""
            while not self._stop:
                try:
                    data = conn.recv(4096)
                except TimeoutError:
                    continue
                except OSError:
                    break
                if not data:
                    break
                buffer += data
                while b"\r\n" in buffer:
                    line, buffer = buffer.split(b"\r\n", 1)
                    text = line.decode()
                    with self._lock:
                        lines.append(text)
                    try:
                        self.answer(conn, text)
                    except OSError:
                        break
            conn.close()

    def connected(self) -> None:
        """A client has just connected (a server that answers each connection its own way
        sets that up here)."""

    def answer(self, conn: socket.socket, text: str) -> None:
        """Run one command the way LiveSplit's server does, and reply to a query."""
        with self._lock:
            reply = self.apply(text)
        if reply is not None:
            conn.sendall((reply + "\r\n").encode())

    # --- LiveSplit's timer ----------------------------------------------------------------------
    def _real(self) -> int:
        if self.phase == "NotRunning":
            return 0
        return max(1, int((time.monotonic() - self._started) * UNITS))

    def game_time(self) -> int | None:
        """What LiveSplit shows as game time now (100 ns units)."""
        with self._lock:
            if self.phase == "Ended":
                return self.split_times[-1]
            if self.game_time_paused:
                return self._paused_at
            if self._loading is None:
                return self._real()
            return self._real() - self._loading

    def apply(self, text: str) -> str | None:
        command, _, argument = text.partition(" ")
        if command not in KNOWN_COMMANDS:
            self.unknown.append(text)
            return None
        if command in ("starttimer", "start") and self.phase == "NotRunning":
            self.phase, self.index, self._started = "Running", 0, time.monotonic()
            self._loading = None  # LiveSplit: game time is not initialised at a start
            self.split_times = [None] * self.segments
        elif command == "split" and self.phase == "Running" and self._real() > 0:
            self.split_times[self.index] = self.game_time()
            self.index += 1
            if self.index == self.segments:
                self.phase = "Ended"
        elif command == "skipsplit" and self.phase in ("Running", "Paused"):
            if self.index < self.segments - 1:
                self.split_times[self.index] = None
                self.index += 1
        elif command == "reset" and self.phase != "NotRunning":
            self.phase, self.index, self.game_time_paused = "NotRunning", -1, False
            self._loading = None
        elif command == "pause" and self.phase == "Running":
            self.phase = "Paused"
        elif command == "resume" and self.phase == "Paused":
            self.phase = "Running"
        elif command == "setgametime":
            units = timespan_units(argument)
            self._loading = self._real() - units
            if self.game_time_paused:
                self._paused_at = units
        elif command == "pausegametime" and not self.game_time_paused:
            self._paused_at = self.game_time()
            self.game_time_paused = True
        elif command == "unpausegametime" and self.game_time_paused:
            self._loading = self._real() - (self._paused_at or 0)
            self.game_time_paused = False
        elif command == "switchto":
            methods = {"gametime": "GameTime", "realtime": "RealTime"}
            self.timing = methods.get(argument, self.timing)
        elif command in ("getcurrenttimerphase", "gettimerphase"):
            return self.phase
        elif command == "getsplitindex":
            return str(self.index)
        elif command == "getsplitcount":
            return str(self.segments)
        elif command == "gettimingmethod":
            return self.timing
        return None

    def restart(self) -> None:
        """LiveSplit closed and opened again: its timer is not running."""
        with self._lock:
            self.phase, self.index, self.game_time_paused = "NotRunning", -1, False
            self._loading = None

    def split_ticks(self) -> list[int | None]:
        with self._lock:
            return [None if t is None else units_ticks(t) for t in self.split_times]

    # --- what it was sent -----------------------------------------------------------------------
    def received(self, count: int, connection: int = 0) -> list[str]:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            with self._lock:
                if (
                    len(self.connections) > connection
                    and len(self.connections[connection]) >= count
                ):
                    return list(self.connections[connection])
            time.sleep(0.01)
        with self._lock:
            got = self.connections
        raise AssertionError(f"expected {count} lines, got {got}")

    def all_lines(self) -> list[str]:
        with self._lock:
            return [line for lines in self.connections for line in lines]

    def wait_for(self, condition, what: str) -> None:
        deadline = time.monotonic() + WAIT
        while True:
            with self._lock:
                if condition():
                    return
            assert time.monotonic() < deadline, f"{what}: LiveSplit got {self.all_lines()}"
            time.sleep(0.01)

    def drop(self) -> None:
        with self._lock:
            if self._current is not None:
                self._current.shutdown(socket.SHUT_RDWR)
                self._current.close()

    def close(self) -> None:
        self._stop = True
        self.listener.close()
        self._thread.join(2)


@pytest.fixture
def livesplit():
    server = FakeLiveSplit()
    yield server
    server.close()


def client_for(server: FakeLiveSplit, **options) -> LiveSplitClient:
    settings = {"retry_seconds": 0.1, "reply_timeout": 0.5, "push_seconds": 0.0,
                "poll_seconds": 0.01} | options  # fmt: skip
    return LiveSplitClient("127.0.0.1", server.port, **settings)


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


def gametime(ticks: int) -> str:
    return f"setgametime {ticks_to_timespan(ticks)}"


CONNECT = ["switchto gametime", "getcurrenttimerphase", "getsplitindex", "getsplitcount"]
START = ["starttimer", "pausegametime", "setgametime 00:00:00.0000000"]
WHERE = ["getcurrenttimerphase", "getsplitindex"]  # asked after splitting, to realign


def test_a_run_is_started_timed_split_and_finished_in_livesplits_own_words():
    livesplit = FakeLiveSplit(segments=2)
    client = client_for(livesplit)
    try:
        wait_until(lambda: client.connected, "the client connects")
        assert livesplit.received(4) == CONNECT
        client.start_run(["Gate", "Omega"])
        assert livesplit.received(7)[4:] == START
        assert livesplit.timing == "GameTime" and livesplit.game_time_paused
        client.game_time(90)
        assert livesplit.received(8)[7] == "setgametime 00:00:01.5000000"
        client.split(120, name="Gate")
        assert livesplit.received(12)[8:] == ["setgametime 00:00:02.0000000", "split", *WHERE]
        client.game_time(130)
        assert livesplit.received(13)[12] == "setgametime 00:00:02.1666666"
        client.split(60 * 83 + 27, final=True, name="Omega")
        assert livesplit.received(17)[13:] == ["setgametime 00:01:23.4500000", "split", *WHERE]
        # LiveSplit's run is over, at the game's IGT to the tick, and it says so.
        assert livesplit.phase == "Ended" and livesplit.split_ticks() == [120, 60 * 83 + 27]
        client.game_time(99999)  # the run is over: nothing more is pushed
        client.start_run(["Gate", "Omega"])  # a new run over the finished one: reset it first
        assert livesplit.received(21)[17:] == ["reset", *START]
        client.reset()  # abandoned
        assert livesplit.received(22)[21] == "reset"
        time.sleep(0.1)
        assert len(livesplit.connections[-1]) == 22 and len(livesplit.connections) == 1
        assert livesplit.phase == "NotRunning"
        assert livesplit.unknown == [] and "initgametime" not in livesplit.all_lines()
    finally:
        client.close()
        livesplit.close()


def test_livesplit_shows_the_runs_igt_to_the_tick_at_every_split_and_at_the_end():
    livesplit = FakeLiveSplit(segments=4)
    client = client_for(livesplit)
    splits = {400: "Gate", 1234: "Far", 3001: "Annex", 4567: "Omega"}
    try:
        client.start_run(["Gate", "Far", "Annex", "Omega"])
        for tick in range(4568):
            client.game_time(tick)
            if tick in splits:
                client.split(tick, final=splits[tick] == "Omega", name=splits[tick])
            if tick == 2000:
                # Mid-run, between updates: LiveSplit's clock does not run on its own.
                livesplit.wait_for(lambda: gametime(2000) in livesplit.all_lines(), "tick 2000")
                time.sleep(0.05)
                assert livesplit.game_time() == timespan_units(ticks_to_timespan(2000))
        livesplit.wait_for(lambda: livesplit.phase == "Ended", "LiveSplit's run ends")
        assert livesplit.split_ticks() == [400, 1234, 3001, 4567]
        assert livesplit.game_time() == timespan_units(ticks_to_timespan(4567))
        assert livesplit.unknown == []
    finally:
        client.close()
        livesplit.close()


def test_game_time_goes_out_on_every_tick_and_only_the_latest_when_the_game_outruns_it(
    livesplit,
):
    client = client_for(livesplit, push_seconds=1 / 60)  # the game's own rate
    try:
        client.start_run()
        livesplit.wait_for(lambda: livesplit.game_time_paused, "the run starts")
        began = time.monotonic()
        for tick in range(1, 46):  # three quarters of a second of play, at 60 ticks a second
            client.game_time(tick)
            time.sleep(max(0.0, began + tick / 60 - time.monotonic()))
        livesplit.wait_for(lambda: gametime(45) in livesplit.all_lines(), "the last tick")
        pushed = [line for line in livesplit.all_lines() if line.startswith("setgametime")]
        assert len(set(pushed)) >= 30  # at least 40 updates a second, in order
        assert pushed == sorted(pushed)
        # A game far faster than any socket (a replay played as fast as it goes): its calls
        # return at once, and LiveSplit gets a few updates, ending on the latest.
        before = len(pushed)
        began = time.perf_counter()
        for tick in range(46, 20046):
            client.game_time(tick)
        assert time.perf_counter() - began < 0.5
        livesplit.wait_for(lambda: gametime(20045) in livesplit.all_lines(), "the latest IGT")
        time.sleep(0.05)
        pushed = [line for line in livesplit.all_lines() if line.startswith("setgametime")]
        assert len(pushed) - before < 200 and pushed[-1] == gametime(20045)
    finally:
        client.close()


class _SplitDropper(FakeLiveSplit):
    """A LiveSplit that does not take the first `split` it is sent (as LiveSplit ignores a split
    while its timer is paused, or before its real time has begun)."""

    dropped = False

    def apply(self, text: str) -> str | None:
        if text == "split" and not self.dropped:
            self.dropped = True
            return None
        return super().apply(text)


def test_a_split_livesplit_did_not_take_is_skipped_and_the_run_still_ends_at_its_igt():
    livesplit = _SplitDropper(segments=3)
    client = client_for(livesplit)
    try:
        client.start_run(["Gate", "Far", "Omega"])
        client.split(300, name="Gate")
        livesplit.wait_for(lambda: "skipsplit" in livesplit.all_lines(), "the catch-up")
        assert livesplit.index == 1  # LiveSplit's current segment is the game's again
        client.split(700, name="Far")
        client.split(900, final=True, name="Omega")
        livesplit.wait_for(lambda: livesplit.phase == "Ended", "LiveSplit's run ends")
        assert livesplit.split_ticks() == [None, 700, 900]
    finally:
        client.close()
        livesplit.close()


class _RunEndDropper(FakeLiveSplit):
    """A LiveSplit that does not take the run's last split the first time."""

    dropped = False

    def apply(self, text: str) -> str | None:
        if text == "split" and self.index == self.segments - 1 and not self.dropped:
            self.dropped = True
            return None
        return super().apply(text)


def test_a_run_end_livesplit_did_not_take_is_split_again_at_the_same_igt():
    livesplit = _RunEndDropper(segments=2)
    client = client_for(livesplit)
    try:
        client.start_run(["Gate", "Omega"])
        client.split(300, name="Gate")
        client.game_time(1000)
        client.split(1500, final=True, name="Omega")
        livesplit.wait_for(lambda: livesplit.phase == "Ended", "LiveSplit's run ends")
        assert livesplit.split_ticks() == [300, 1500]
        assert livesplit.all_lines().count("split") == 3
    finally:
        client.close()
        livesplit.close()


def test_each_split_lands_on_its_own_segment_when_the_run_passes_some_by():
    livesplit = FakeLiveSplit(segments=4)
    client = client_for(livesplit)
    try:
        client.start_run(["Gate", "Far", "Annex", "Omega"])
        client.split(100, name="Gate")
        client.split(300, name="Annex")  # Far never reached: skipped in LiveSplit
        client.split(400, name="Far")  # reached after Annex: LiveSplit is past it
        client.split(500, final=True, name="Omega")
        livesplit.wait_for(lambda: livesplit.phase == "Ended", "LiveSplit's run ends")
        assert livesplit.split_ticks() == [100, None, 300, 500]
        lines = [line for line in livesplit.all_lines() if not line.startswith("get")]
        assert lines[lines.index(gametime(100)) :] == [
            gametime(100), "split", "skipsplit", gametime(300), "split", gametime(500), "split"
        ]  # fmt: skip
    finally:
        client.close()
        livesplit.close()


def test_livesplit_splits_with_fewer_segments_still_end_at_the_runs_igt():
    livesplit = FakeLiveSplit(segments=2)
    client = client_for(livesplit)
    try:
        client.start_run(["Gate", "Far", "Annex", "Omega"])
        for igt, name in ((100, "Gate"), (200, "Far"), (300, "Annex")):
            client.split(igt, name=name)
        client.split(450, final=True, name="Omega")
        livesplit.wait_for(lambda: livesplit.phase == "Ended", "LiveSplit's run ends")
        # Its last segment is kept for the run's end: nothing ended it early.
        assert livesplit.split_ticks() == [100, 450]
    finally:
        client.close()
        livesplit.close()


def test_livesplit_going_away_costs_the_game_nothing_and_it_catches_up(livesplit):
    client = client_for(livesplit)
    try:
        livesplit.received(4)
        client.start_run()
        livesplit.received(7)
        client.split(100)
        assert livesplit.received(11)[-4:] == [gametime(100), "split", *WHERE]
        livesplit.drop()  # LiveSplit keeps its timer: running, one split done
        wait_until(lambda: not client.connected or client.connections > 1, "the drop is noticed")
        # The game goes on meanwhile; its calls never wait for the network.
        began = time.perf_counter()
        for igt in range(101, 400):
            client.game_time(igt)
        client.split(400)
        assert time.perf_counter() - began < 0.05
        # Back: game time again, paused again, and only what LiveSplit lacks.
        lines = livesplit.received(9, connection=1)
        assert lines[:9] == [*CONNECT, "pausegametime", gametime(400), "split", *WHERE][:9]
        client.game_time(401)
        livesplit.wait_for(lambda: gametime(401) in livesplit.connections[1], "the next push")
        assert livesplit.split_ticks()[:2] == [100, 400] and livesplit.index == 2
    finally:
        client.close()


def test_a_restarted_livesplit_is_given_the_whole_run_again(livesplit):
    client = client_for(livesplit)
    try:
        livesplit.received(4)
        client.start_run()
        livesplit.received(7)
        client.split(100)
        livesplit.received(11)
        livesplit.restart()
        livesplit.drop()
        wait_until(lambda: client.connections > 1 or not client.connected, "the drop is noticed")
        lines = livesplit.received(8, connection=1)  # NotRunning: start again, replay the split
        assert lines[:8] == [*CONNECT, "starttimer", "pausegametime", gametime(100), "split"]
        livesplit.wait_for(lambda: livesplit.index == 1, "the split is back")
        assert livesplit.split_ticks()[0] == 100 and livesplit.timing == "GameTime"
    finally:
        client.close()


def test_no_livesplit_at_all_is_no_trouble():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    began = time.perf_counter()
    client = LiveSplitClient("127.0.0.1", port, retry_seconds=0.05)
    client.start_run()
    for igt in range(600):
        client.game_time(igt)
    client.split(600, final=True)
    client.reset()
    assert time.perf_counter() - began < 0.1
    time.sleep(0.2)
    assert not client.connected
    client.close()
    assert time.perf_counter() - began < 2.0


def test_addresses():
    assert parse_address("localhost") == ("localhost", DEFAULT_PORT)
    assert parse_address("10.0.0.2:17000") == ("10.0.0.2", 17000)
    assert parse_address(":17001") == ("localhost", 17001)
    assert parse_address("[::1]:17002") == ("::1", 17002)
    with pytest.raises(ValueError, match="port"):
        parse_address("host:http")

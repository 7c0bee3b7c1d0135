"""LiveSplit: the exact lines its server receives, surviving it going away, and the .lss export.

A fake LiveSplit server on 127.0.0.1 answers `getcurrenttimerphase` and `getsplitindex` as the
real one does and records every line. Every wait is bounded.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from xml.etree import ElementTree as ET

import pytest

from game.speedrun.bests import Bests, RunResult, SplitTime
from game.speedrun.category import classify
from game.speedrun.livesplit import DEFAULT_PORT, LiveSplitClient, parse_address
from game.speedrun.lss import lss_text

WAIT = 5.0  # seconds, at most, for anything to arrive


class FakeLiveSplit:
    def __init__(self) -> None:
        self.phase, self.index = "NotRunning", "-1"
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(4)
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.connections: list[list[str]] = []
        self._current: socket.socket | None = None
        self._stop = False
        self._lock = threading.Lock()
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
        """Reply to one command the way LiveSplit's server does."""
        reply = {"getcurrenttimerphase": self.phase, "getsplitindex": self.index}
        if text in reply:
            conn.sendall((reply[text] + "\r\n").encode())

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


def client_for(server: FakeLiveSplit) -> LiveSplitClient:
    return LiveSplitClient("127.0.0.1", server.port, retry_seconds=0.1, reply_timeout=0.5,
                           push_seconds=0.0, poll_seconds=0.01)  # fmt: skip


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


def test_a_run_is_started_timed_split_and_finished_in_livesplits_own_words(livesplit):
    client = client_for(livesplit)
    try:
        wait_until(lambda: client.connected, "the client connects")
        assert livesplit.received(2) == ["getcurrenttimerphase", "getsplitindex"]
        client.start_run()
        start = ["starttimer", "initgametime", "pausegametime", "setgametime 00:00:00.0000000"]
        assert livesplit.received(6)[2:] == start
        client.game_time(90)
        assert livesplit.received(7)[6] == "setgametime 00:00:01.5000000"
        client.split(120)
        assert livesplit.received(9)[7:] == ["setgametime 00:00:02.0000000", "split"]
        client.game_time(130)
        assert livesplit.received(10)[9] == "setgametime 00:00:02.1666666"
        client.split(60 * 83 + 27, final=True)
        assert livesplit.received(12)[10:] == ["setgametime 00:01:23.4500000", "split"]
        client.game_time(99999)  # the run is over: nothing more is pushed
        client.start_run()  # a new run: LiveSplit shows the finished one, so reset it first
        lines = livesplit.received(17)
        assert lines[12:] == ["reset", "starttimer", "initgametime", "pausegametime",
                              "setgametime 00:00:00.0000000"]  # fmt: skip
        client.reset()  # abandoned
        assert livesplit.received(18)[17] == "reset"
        time.sleep(0.1)
        assert len(livesplit.connections[-1]) == 18
        assert len(livesplit.connections) == 1
    finally:
        client.close()


def test_livesplit_going_away_costs_the_game_nothing_and_it_catches_up(livesplit):
    client = client_for(livesplit)
    try:
        livesplit.received(2)
        client.start_run()
        livesplit.received(6)
        client.split(100)
        assert livesplit.received(8)[-2:] == ["setgametime 00:00:01.6666666", "split"]
        # When it is back, LiveSplit will say it is running with one split done.
        livesplit.phase, livesplit.index = "Running", "1"
        livesplit.drop()
        wait_until(lambda: not client.connected or client.connections > 1, "the drop is noticed")
        # The game goes on meanwhile; its calls never wait for the network.
        began = time.perf_counter()
        for igt in range(101, 400):
            client.game_time(igt)
        client.split(400)
        assert time.perf_counter() - began < 0.05
        # Back: only what LiveSplit lacks is sent.
        lines = livesplit.received(4, connection=1)
        assert lines == ["getcurrenttimerphase", "getsplitindex", "setgametime 00:00:06.6666666",
                         "split"]  # fmt: skip
        client.game_time(401)
        assert livesplit.received(5, connection=1)[4] == "setgametime 00:00:06.6833333"
    finally:
        client.close()


def test_a_restarted_livesplit_is_given_the_whole_run_again(livesplit):
    client = client_for(livesplit)
    try:
        livesplit.received(2)
        client.start_run()
        livesplit.received(6)
        client.split(100)
        livesplit.received(8)
        livesplit.drop()
        wait_until(lambda: client.connections > 1 or not client.connected, "the drop is noticed")
        lines = livesplit.received(7, connection=1)  # NotRunning: start again, replay the split
        assert lines[2:7] == ["starttimer", "initgametime", "pausegametime",
                              "setgametime 00:00:01.6666666", "split"]  # fmt: skip
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


TIME = re.compile(r"^\d\d:\d\d:\d\d\.\d{7}$")


def timespan_ticks(text: str) -> float:
    h, m, s = text.split(":")
    return (int(h) * 3600 + int(m) * 60 + float(s)) * 60


def test_the_exported_lss_has_what_livesplit_reads():
    bests = Bests.load(classify("beachhead", 0), "0.1.0")
    splits = [("Beach", 900), ("Gate code", 2000), ("Seawall", 3100), ("Omega", 20000)]
    times = [SplitTime(name, ticks, ticks * 17 + 5) for name, ticks in splits]
    bests.record(RunResult(times, 20000, 20000 * 17 + 5, True, "2026-03-04T05:06:07Z",
                           "2026-03-04T05:20:00Z"))  # fmt: skip
    bests.record(RunResult(times[:2], 2100, None, False, "2026-03-05T00:00:00Z", ""))
    order = ["Beach", "Gate code", "Seawall", "Road", "Omega"]
    root = ET.fromstring(lss_text(bests, order).encode())
    assert root.tag == "Run" and root.get("version") == "1.7.0"
    assert root.findtext("GameName") == "All You Need Is Kill"
    assert root.findtext("CategoryName") == "Any%"
    assert root.findtext("Offset") == "00:00:00"
    assert root.find("Metadata/Platform").get("usesEmulator") == "False"
    assert root.findtext("AttemptCount") == "2"
    attempts = root.findall("AttemptHistory/Attempt")
    assert [a.get("id") for a in attempts] == ["1", "2"]
    assert attempts[0].get("started") == "03/04/2026 05:06:07"
    assert timespan_ticks(attempts[0].findtext("GameTime")) == pytest.approx(20000, abs=1e-3)
    assert attempts[1].find("GameTime") is None  # not completed
    segments = root.findall("Segments/Segment")
    assert [s.findtext("Name") for s in segments] == order
    for segment, (_name, ticks) in zip(segments[:3], splits[:3], strict=True):
        pb = segment.find("SplitTimes/SplitTime[@name='Personal Best']")
        assert TIME.match(pb.findtext("GameTime")) and TIME.match(pb.findtext("RealTime"))
        assert timespan_ticks(pb.findtext("GameTime")) == pytest.approx(ticks, abs=1e-3)
        assert segment.find("SegmentHistory") is not None
    road = segments[3]
    assert road.find("SplitTimes/SplitTime[@name='Personal Best']/GameTime") is None
    assert road.find("BestSegmentTime/GameTime") is None
    golds = [timespan_ticks(s.findtext("BestSegmentTime/GameTime")) for s in segments[:3]]
    assert golds == pytest.approx([900, 1100, 1100], abs=1e-3)
    assert root.find("AutoSplitterSettings") is not None

"""The exported `.lss` as LiveSplit's own code reads it, and LiveSplit's own timer driven by what
the game sends it.

Uses livesplit-core (the library LiveSplit One and the new LiveSplit are built on), its npm
package run by node: the test installs the pinned version into `.cache/` in the repository
(git-ignored; about a second from the npm registry, nothing when it is there already) and skips
only when node or npm is not on the machine.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from test_livesplit import FakeLiveSplit, client_for
from test_livesplit_session import play_course
from test_lss_export import ORDER, sample_bests
from test_speedrun_session import command, course

from game.replay.format import read_replay
from game.speedrun.bests import Bests, SplitTime
from game.speedrun.category import classify
from game.speedrun.lss import segment_history, write_lss

LIVESPLIT_CORE = "0.10.2"  # the newest livesplit-core on npm
CACHE = Path(__file__).resolve().parent.parent / ".cache" / f"livesplit-core-{LIVESPLIT_CORE}"
INSTALL_SECONDS = 300

# Reads a run file with livesplit-core and prints what it holds as JSON; given a file of LiveSplit
# server commands, also runs livesplit-core's Timer on them the way LiveSplit's server does.
CHECK_JS = r"""
const [modulePath, lssPath, commandsPath] = process.argv.slice(2);
const ls = require(modulePath);
const fs = require("fs");
const REAL_TIME = 0, GAME_TIME = 1;
const PHASES = ["NotRunning", "Running", "Ended", "Paused"];
const seconds = (span) => (span === null ? null : span.totalSeconds());
const times = (time) => ({ real: seconds(time.realTime()), game: seconds(time.gameTime()) });

function describe(run) {
  const segments = [];
  for (let i = 0; i < run.len(); i++) {
    const segment = run.segment(i);
    const history = [];
    const iter = segment.segmentHistory().iter();
    for (let element = iter.next(); element !== null; element = iter.next()) {
      history.push({ id: element.index(), ...times(element.time()) });
    }
    segments.push({
      name: segment.name(), pb: times(segment.personalBestSplitTime()),
      gold: times(segment.bestSegmentTime()), history,
    });
  }
  const attempts = [];
  for (let i = 0; i < run.attemptHistoryLen(); i++) {
    const attempt = run.attemptHistoryIndex(i);
    const started = attempt.started(), ended = attempt.ended();
    attempts.push({
      id: attempt.index(), ...times(attempt.time()),
      started: started === null ? null : started.toRfc3339(),
      ended: ended === null ? null : ended.toRfc3339(),
    });
  }
  const variables = {};
  const iter = run.metadata().variables();
  for (let v = iter.next(); v !== null; v = iter.next()) variables[v.name()] = v.value();
  return { parsed: true, game: run.gameName(), category: run.categoryName(),
           attemptCount: run.attemptCount(), segments, attempts, variables };
}

const parsed = ls.Run.parseString(fs.readFileSync(lssPath, "utf8"), "", false);
if (!parsed.parsedSuccessfully()) {
  console.log(JSON.stringify({ parsed: false }));
  process.exit(0);
}
const run = parsed.unwrap();
const out = describe(run);
if (commandsPath) {
  const timer = ls.Timer.new(run.clone());
  const ignored = [];
  for (const line of fs.readFileSync(commandsPath, "utf8").split("\n")) {
    if (!line) continue;
    // Time passes between two commands, as it does between two ticks: a LiveSplit whose game
    // time ran on its own clock would show more than it was sent.
    for (const until = Date.now() + 2; Date.now() < until; );
    const space = line.indexOf(" ");
    const command = space < 0 ? line : line.slice(0, space);
    const argument = space < 0 ? "" : line.slice(space + 1);
    if (command === "starttimer") timer.start();
    else if (command === "split") timer.split();
    else if (command === "skipsplit") timer.skipSplit();
    else if (command === "reset") timer.reset(true);
    else if (command === "resume") timer.resume();
    else if (command === "pausegametime") timer.pauseGameTime();
    else if (command === "unpausegametime") timer.resumeGameTime();
    else if (command === "setgametime") {
      const span = ls.TimeSpan.parse(argument);
      if (span === null) ignored.push(line); else timer.setGameTime(span);
    } else if (line === "switchto gametime") timer.setCurrentTimingMethod(GAME_TIME);
    else if (line === "switchto realtime") timer.setCurrentTimingMethod(REAL_TIME);
    else if (!command.startsWith("get")) ignored.push(line);
  }
  out.timer = {
    phase: PHASES[timer.currentPhase()],
    timing: timer.currentTimingMethod() === GAME_TIME ? "GameTime" : "RealTime",
    gameTime: seconds(timer.currentTime().gameTime()),
    ignored,
  };
  out.after = describe(timer.intoRun(true));
}
console.log(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def livesplit_core() -> Path:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.skip("node and npm are needed to read the .lss with livesplit-core (npm package)")
    package = CACHE / "node_modules" / "livesplit-core"
    CACHE.mkdir(parents=True, exist_ok=True)
    with _locked(CACHE / ".lock"):  # two test runs at once install it once
        if not _installed(package):
            done = subprocess.run(
                [npm, "install", "--prefix", str(CACHE), "--no-save", "--no-audit", "--no-fund",
                 "--ignore-scripts", "--loglevel=error", f"livesplit-core@{LIVESPLIT_CORE}"],
                capture_output=True, text=True, timeout=INSTALL_SECONDS,
            )  # fmt: skip
            assert done.returncode == 0, f"npm install livesplit-core failed: {done.stderr[-2000:]}"
    assert _installed(package)
    return package


def _installed(package: Path) -> bool:
    try:
        return json.loads((package / "package.json").read_text())["version"] == LIVESPLIT_CORE
    except (OSError, ValueError, KeyError):
        return False


@contextlib.contextmanager
def _locked(path: Path):
    try:
        import fcntl
    except ImportError:  # not on a POSIX system: no lock
        yield
        return
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_with_livesplit_core(package: Path, lss: Path, commands: Path | None = None) -> dict:
    script = lss.with_name("check.js")
    script.write_text(CHECK_JS)
    argv = ["node", str(script), str(package), str(lss)] + ([str(commands)] if commands else [])
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    # livesplit-core is one minified line: only the end of an error is worth showing.
    assert done.returncode == 0, done.stderr[-1500:]
    return json.loads(done.stdout)


def ticks(seconds: float | None) -> float | None:
    return None if seconds is None else seconds * 60


def test_livesplit_core_reads_the_pb_golds_history_and_attempts_in_both_timings(
    tmp_path, livesplit_core
):
    bests = sample_bests()
    lss = tmp_path / "run.lss"
    write_lss(lss, bests, ORDER)
    read = read_with_livesplit_core(livesplit_core, lss)
    assert read["parsed"] is True
    assert read["game"] == "All You Need Is Kill" and read["category"] == "Any% (seed 7)"
    assert read["variables"] == {"Seed": "7", "Game version": "0.1.0"}
    assert read["attemptCount"] == 3
    segments = read["segments"]
    assert [s["name"] for s in segments] == ORDER
    pb = {s.name: s for s in bests.pb}
    for segment in segments:
        split = pb.get(segment["name"])
        if split is None:
            assert segment["pb"] == {"real": None, "game": None}
            continue
        assert ticks(segment["pb"]["game"]) == pytest.approx(split.igt_ticks, abs=1e-3)
        assert segment["pb"]["real"] * 1000 == pytest.approx(split.real_ms, abs=0.01)
    golds = [(s["gold"]["game"], s["gold"]["real"]) for s in segments]
    assert [None if g is None else round(ticks(g)) for g, _ in golds] == [880, 1100, 1100, None,
                                                                          None]  # fmt: skip
    assert [None if r is None else round(r * 1000) for _, r in golds] == [
        15_000, 15_000, 18_333, None, None]  # fmt: skip
    history = [{h["id"]: None if h["game"] is None else round(ticks(h["game"]))
                for h in s["history"]} for s in segments]  # fmt: skip
    assert history == [
        {1: 900, 2: 950, 3: 880},
        {1: 1100, 2: 1150, 3: None},
        {1: 1100, 3: 2620},
        {1: None, 3: None},
        {1: 16900, 3: 17500},
    ]
    attempts = read["attempts"]
    assert [a["id"] for a in attempts] == [1, 2, 3]
    assert attempts[0]["started"] == "2026-03-04T05:06:07+00:00"
    assert attempts[0]["ended"] == "2026-03-04T05:20:00+00:00"
    assert ticks(attempts[0]["game"]) == pytest.approx(20000, abs=1e-3)
    assert attempts[0]["real"] * 1000 == pytest.approx(333_333, abs=0.01)
    assert attempts[1]["game"] is None and attempts[1]["ended"] is None


def test_livesplit_cores_timer_fed_what_the_game_sends_ends_at_the_replays_igt(
    tmp_path, capsys, livesplit_core
):
    maps = course(tmp_path)
    first = play_course(maps, wait=30)  # the personal best, no LiveSplit yet
    lss = tmp_path / "course.lss"
    code, _, err = command(capsys, "splits", "export", "--level", maps[0].path, "--out", str(lss))
    assert code == 0, err
    exported = read_with_livesplit_core(livesplit_core, lss)
    assert [s["name"] for s in exported["segments"]] == ["Gate", "Far", "Annex", "Omega"]
    pb_replay = read_replay(first.replay_path)
    assert [round(ticks(s["pb"]["game"])) for s in exported["segments"]] == [
        s.igt_ticks for s in pb_replay.splits
    ]
    assert all(s["pb"]["real"] is not None and s["gold"]["real"] is not None
               for s in exported["segments"])  # fmt: skip

    # The next run, with LiveSplit open on those splits: everything the game sent it, replayed
    # into livesplit-core's timer.
    livesplit = FakeLiveSplit(segments=4)
    try:
        second = play_course(maps, livesplit, wait=0)
        lines = livesplit.all_lines()
    finally:
        livesplit.close()
    commands = tmp_path / "commands.txt"
    commands.write_text("\n".join(lines) + "\n")
    replay = read_replay(second.replay_path)
    result = read_with_livesplit_core(livesplit_core, lss, commands)
    timer = result["timer"]
    assert timer["ignored"] == [] and "initgametime" not in lines
    assert timer["phase"] == "Ended" and timer["timing"] == "GameTime"
    assert ticks(timer["gameTime"]) == pytest.approx(replay.end["igt_ticks"], abs=0.01)
    # The attempt as LiveSplit keeps it: each segment's game time is the replay's.
    attempt = result["after"]["attempts"][-1]
    assert ticks(attempt["game"]) == pytest.approx(replay.end["igt_ticks"], abs=0.01)
    segments = [
        next(h["game"] for h in s["history"] if h["id"] == attempt["id"])
        for s in result["after"]["segments"]
    ]
    igts = [s.igt_ticks for s in replay.splits]
    expected = [b - a for a, b in zip([0, *igts], igts, strict=False)]
    assert [ticks(s) for s in segments] == pytest.approx(expected, abs=0.01)


def test_livesplit_cores_timer_skips_what_the_run_passed_by_as_the_export_records_it(
    tmp_path, livesplit_core
):
    order = ["Gate", "Far", "Annex", "Omega"]
    empty = Bests.load(classify("beachhead", 0), "0.1.0")
    lss = tmp_path / "route.lss"
    write_lss(lss, empty, order)
    livesplit = FakeLiveSplit(segments=4)
    client = client_for(livesplit)
    run = [SplitTime("Gate", 100), SplitTime("Annex", 300), SplitTime("Far", 400),
           SplitTime("Omega", 500)]  # fmt: skip
    try:
        client.start_run(order)
        for split in run:
            client.game_time(split.igt_ticks - 1)
            client.split(split.igt_ticks, final=split.name == "Omega", name=split.name)
        livesplit.wait_for(lambda: livesplit.phase == "Ended", "LiveSplit's run ends")
        lines = livesplit.all_lines()
    finally:
        client.close()
        livesplit.close()
    assert "skipsplit" in lines
    commands = tmp_path / "commands.txt"
    commands.write_text("\n".join(lines) + "\n")
    result = read_with_livesplit_core(livesplit_core, lss, commands)
    assert result["timer"]["phase"] == "Ended"
    assert ticks(result["timer"]["gameTime"]) == pytest.approx(500, abs=0.01)
    attempt = result["after"]["attempts"][-1]["id"]
    recorded = [
        next(h["game"] for h in s["history"] if h["id"] == attempt)
        for s in result["after"]["segments"]
    ]
    # LiveSplit's own segment history for the attempt is the export's for the same splits.
    exported = segment_history(run, order)
    assert (
        [None if t is None else round(ticks(t)) for t in recorded]
        == [exported[i].igt_ticks for i in range(len(order))]
        == [100, None, 200, 200]
    )

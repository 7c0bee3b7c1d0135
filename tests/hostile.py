"""Running the game's command line on hostile input, the way a player or a modder would meet it:
in a child process, under a hard time limit and a memory limit, with its own AYNIK_HOME.

`aynik(args, home)` returns the finished process; `clean(done)` checks that it ended with a message
and no traceback. The time limit is a guard against a hang, never a measurement.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TIME_LIMIT = 120  # seconds: a guard, not a benchmark (every case finishes in a few seconds)
MEMORY_LIMIT = 2 * 1024 * 1024 * 1024  # bytes of address space


def _limit_memory() -> None:  # pragma: no cover - runs in the child
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def aynik(
    args: list[str], home: Path, timeout: float = TIME_LIMIT, stdin: str | None = None
) -> subprocess.CompletedProcess:
    env = dict(os.environ, AYNIK_HOME=str(home), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        input=stdin,
        preexec_fn=_limit_memory if sys.platform != "win32" else None,
        cwd=Path(__file__).resolve().parent.parent,
    )


def clean(done: subprocess.CompletedProcess) -> str:
    """The process's stderr, after checking it holds no traceback (and no crash signal)."""
    assert done.returncode >= 0, f"killed by signal {-done.returncode}: {done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert "Traceback" not in done.stdout, done.stdout[-3000:]
    return done.stderr

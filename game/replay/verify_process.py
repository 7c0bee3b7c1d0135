"""`aynik verify` of a replay file in a process of its own, for a screen that goes on drawing while
it runs (the replays list): a long run takes seconds to re-simulate, and on the screen's own frame
the window would stand frozen all that while. The process is the command line's own, so the
verdict, its words and the desync report are the same as `aynik verify FILE`, and it checks the
run's days side by side on the machine's cores (game.replay.verify), which the game's process,
with its window and sound threads, must not fork for.

Owns starting that process, asking whether it is done, reading its verdict, and stopping it. Must
not import pygame or game.scenes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from game.speedrun.timefmt import format_ticks


@dataclass(frozen=True)
class VerifyOutcome:
    valid: bool
    message: str  # what the player reads: the verdict in the command line's words


def verify_command(path: str | Path) -> list[str]:
    """The command line that verifies `path` and prints the verdict as JSON: this game's own
    program (a frozen build is the `aynik` program itself)."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "verify", str(path), "--json"]
    return [sys.executable, "-m", "game", "verify", str(path), "--json"]


class BackgroundVerify:
    """A replay being verified by `aynik verify` in a process of its own. OSError when the
    process cannot be started."""

    def __init__(self, path: str | Path, name: str) -> None:
        self.name = name
        # Files, not pipes: nothing the process prints can fill a pipe and stall it.
        self._out = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (kept open)
        self._err = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        try:
            self._process = subprocess.Popen(
                verify_command(path), stdin=subprocess.DEVNULL, stdout=self._out, stderr=self._err
            )
        except OSError:
            self._close_files()
            raise
        self.outcome: VerifyOutcome | None = None
        self._stopped = False

    def poll(self) -> VerifyOutcome | None:
        """The verdict once the process has given it; None while it is still working (or
        since it was stopped)."""
        if self.outcome is None and not self._stopped and self._process.poll() is not None:
            self.outcome = self._read(self._process.returncode)
            self._close_files()
        return self.outcome

    def stop(self) -> None:
        """No longer wanted (the screen was left): the process is ended, its files let go."""
        if self.outcome is None and not self._stopped:
            self._stopped = True
            self._process.kill()
            self._process.wait()
            self._close_files()

    def _read(self, code: int) -> VerifyOutcome:
        self._out.seek(0)
        self._err.seek(0)
        printed, said = self._out.read(), self._err.read()
        if code in (0, 1):
            try:
                verdict = json.loads(printed)
                if code == 0:
                    return VerifyOutcome(
                        True, f"{self.name}: valid, {format_ticks(int(verdict['igt_ticks']))}"
                    )
                return VerifyOutcome(False, f"{self.name}: does not verify: {verdict['problem']}")
            except (ValueError, KeyError, TypeError):
                pass  # not the verdict it should print: say what it said instead
        lines = [line.strip() for line in said.splitlines() if line.strip()]
        why = lines[-1].removeprefix("aynik: ") if lines else f"the check ended with code {code}"
        return VerifyOutcome(False, f"{self.name}: cannot be verified: {why}")

    def _close_files(self) -> None:
        self._out.close()
        self._err.close()

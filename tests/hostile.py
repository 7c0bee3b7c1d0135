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


# --- a corpus of hostile JSON and special files ---------------------------------------------------

DEEP = 100_000

# The end of a child process's script: adds its own peak resident size (kB) to its `out` dict as
# "maxrss_kb", and prints `out` as JSON.
# On Linux getrusage's ru_maxrss survives exec, so a child would report the test runner's peak
# whenever that was larger; /proc's VmHWM belongs to the process alone.
REPORT_WITH_PEAK = """
import resource
try:
    with open("/proc/self/status") as status:
        peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
out["maxrss_kb"] = peak_kb
print(json.dumps(out))
"""


def hostile_json(number_doc: str, text_doc: str) -> dict[str, bytes]:
    """Variants of two valid JSON documents, each holding `"@"` at one place: a number field in
    `number_doc`, a text field in `text_doc`; each variant the way an attacker would write it."""

    def number(value: str) -> bytes:
        return number_doc.replace('"@"', value).encode("utf-8")

    def text(value: str) -> bytes:
        return text_doc.replace('"@"', value).encode("utf-8")

    return {
        "nested 100,000 deep (arrays)": ("[" * DEEP + "]" * DEEP).encode(),
        "nested 100,000 deep (objects)": ('{"a":' * DEEP + "1" + "}" * DEEP).encode(),
        "nested 100,000 deep in a field": number("[" * DEEP + "]" * DEEP),
        "nested 65 deep in a field": number("[" * 65 + "]" * 65),
        "a 400-digit number": number("9" * 400),
        "a 5000-digit number": number("7" * 5000),
        "a negative 400-digit number": number("-" + "9" * 400),
        "a 400-digit float": number("1." + "3" * 400),
        "16 digits": number("1234567890123456"),
        "1e308": number("1e308"),
        "1e400": number("1e400"),
        "NaN": number("NaN"),
        "Infinity": number("Infinity"),
        "-Infinity": number("-Infinity"),
        "a lone surrogate": text('"\\ud800"'),
        "a lone low surrogate": text('"x\\udfff"'),
        "a lone surrogate in a key": text_doc.replace("{", '{"\\ud800": 1, ', 1).encode(),
        "not UTF-8": text_doc.replace('"@"', '"BAD"').encode().replace(b"BAD", b"\xff\xfe"),
        "UTF-8 with an encoded surrogate": text_doc.replace('"@"', '"SURROGATE"')
        .encode()
        .replace(b"SURROGATE", b"\xed\xa0\x80"),
        "empty": b"",
        "cut short": number_doc.encode()[: len(number_doc) // 2],
        "NUL bytes": b"\x00" * 4096,
        "not an object": b"[1, 2, 3]",
        "a string": b'"hello"',
    }


def special_files(folder: Path) -> dict[str, Path]:
    """Things that are not regular files, to put where a file is expected."""
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}
    if hasattr(os, "mkfifo"):
        fifo = folder / "fifo"
        os.mkfifo(fifo)
        made["a FIFO"] = fifo
    for device in ("/dev/zero", "/dev/urandom"):
        if Path(device).exists():
            link = folder / Path(device).name
            link.symlink_to(device)
            made[f"a link to {device}"] = link
    directory = folder / "folder"
    directory.mkdir()
    made["a folder"] = directory
    sparse = folder / "sparse"
    with open(sparse, "wb") as handle:
        handle.truncate(5 * 1024 * 1024 * 1024)  # 5 GiB of nothing, no disk used
    made["a 5 GiB file"] = sparse
    return made


def place(target: Path, content: bytes | Path) -> None:
    """Put hostile `content` (bytes, or a special file to link or move) at `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() or target.is_symlink():
        if target.is_dir() and not target.is_symlink():
            target.rmdir()
        else:
            target.unlink()
    if isinstance(content, Path):
        if content.is_dir() and not content.is_symlink():
            target.mkdir()
        elif content.is_symlink():
            target.symlink_to(os.readlink(content))
        elif content.is_fifo():
            os.mkfifo(target)
        else:
            with open(target, "wb") as handle:
                handle.truncate(content.stat().st_size)
    else:
        target.write_bytes(content)

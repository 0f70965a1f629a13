"""One persistent, null-flushed Apertium pipeline per translation mode.

A ``.mode`` file is a shell pipeline (lt-proc | apertium-tagger | ... | lt-proc -p). Starting it
loads every transducer again, which costs far more than translating a sentence, so each mode
keeps its processes alive and frames requests with NUL: every program in the chain runs with
``-z`` and flushes its output when it reads a NUL, so one NUL in gives exactly one NUL out.
"""

from __future__ import annotations

import logging
import os
import selectors
import shlex
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from tidings.models.base import EngineError

log = logging.getLogger("tidings.translators.apertium")

# Programs known to take -z in Apertium 3.8 / lttoolbox 3.7; used only when
# apertium-wblank-mode (which knows this itself) is missing.
_NULL_FLUSH_PROGRAMS = {
    "lt-proc", "cg-proc", "lrx-proc", "lsx-proc", "rtx-proc", "apertium-tagger",
    "apertium-pretransfer", "apertium-transfer", "apertium-interchunk", "apertium-postchunk",
    "apertium-anaphora", "apertium-posttransfer", "apertium-wblank-attach",
    "apertium-wblank-detach", "cg-mwesplit",
}  # fmt: skip


class ApertiumError(EngineError):
    """An Apertium process hung, died twice in a row, or returned garbage (maps to INTERNAL)."""


def _mode_script(mode_file: Path) -> str:
    """The mode's pipeline with -z on every program that needs it.

    apertium-wblank-mode is what the ``apertium -z`` script itself uses: it knows which programs
    take -z and adds the wblank-attach/detach steps that keep word-bound blanks in order.
    """
    tool = shutil.which("apertium-wblank-mode")
    if tool:
        done = subprocess.run(
            [tool, "-z", str(mode_file)], capture_output=True, text=True, timeout=10, check=False
        )
        if done.returncode == 0 and done.stdout.strip():
            return done.stdout
        log.warning("apertium-wblank-mode failed on %s; adding -z myself", mode_file.name)
    return mode_file.read_text(encoding="utf-8")


def parse_mode(mode_file: Path, generation: str = "-n") -> list[list[str]]:
    """argv lists for each stage of the mode's pipeline.

    ``$1`` is the generator's flag: -n (no '*' marks on unknown words) rather than -g, the same
    choice ``apertium -u`` makes. ``$2`` is the tagger's optional flag (-m shows ambiguity).
    """
    lexer = shlex.shlex(_mode_script(mode_file), posix=True, punctuation_chars="|")
    lexer.whitespace_split = True
    stages: list[list[str]] = [[]]
    for token in lexer:
        if token == "|":
            stages.append([])
        elif token == "$1":
            stages[-1].append(generation)
        elif token == "$2" or (token.startswith("$") and token[1:].isdigit()):
            continue
        else:
            stages[-1].append(token)
    stages = [argv for argv in stages if argv]
    for argv in stages:
        if "-z" not in argv and Path(argv[0]).name in _NULL_FLUSH_PROGRAMS:
            argv.insert(1, "-z")
    if not stages:
        raise ApertiumError(f"empty mode file {mode_file}")
    return stages


class ModeChain:
    """The processes of one mode, fed through stdin/stdout pipes; thread-safe.

    Requests are serialised by a lock (the pipe is one stream); within a request a batch is
    pipelined: all pieces are written while earlier results are read, so the stages work on
    different pieces at once and neither side blocks on a full pipe buffer.
    """

    def __init__(self, mode: str, mode_file: Path, timeout_s: float = 30.0) -> None:
        self.mode = mode
        self.timeout_s = timeout_s
        self._stages = parse_mode(mode_file)
        self._procs: list[subprocess.Popen[bytes]] = []
        self._stderr: tempfile._TemporaryFileWrapper[bytes] | None = None
        self._lock = threading.Lock()
        self.starts = 0

    # --- lifecycle -------------------------------------------------------------------------

    def _start(self) -> None:
        env = dict(os.environ, LC_ALL="C.UTF-8")  # the tools need a UTF-8 locale
        # One file for all stages' stderr: a pipe nobody reads would fill up and hang a stage.
        self._stderr = tempfile.TemporaryFile(prefix=f"apertium-{self.mode}-")
        procs: list[subprocess.Popen[bytes]] = []
        upstream = None
        try:
            for argv in self._stages:
                proc = subprocess.Popen(
                    argv,
                    stdin=upstream.stdout if upstream else subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=self._stderr,
                    env=env,
                    close_fds=True,
                )
                if upstream and upstream.stdout:
                    upstream.stdout.close()  # only the next stage may hold the read end
                procs.append(proc)
                upstream = proc
        except OSError as exc:
            self._procs = procs
            self._stop()
            raise ApertiumError(f"cannot start apertium mode {self.mode}: {exc}") from exc
        self._procs = procs
        self.starts += 1
        log.info("apertium %s started (%d processes)", self.mode, len(procs))

    def _stop(self) -> None:
        procs, self._procs = self._procs, []
        for proc in procs:
            if proc.stdin:
                proc.stdin.close()
            if proc.poll() is None:
                proc.kill()
        for proc in procs:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                log.error("apertium %s: pid %d did not exit", self.mode, proc.pid)
            if proc.stdout:
                proc.stdout.close()
        if self._stderr:
            self._stderr.close()
            self._stderr = None

    def _stderr_tail(self) -> str:
        if not self._stderr:
            return ""
        self._stderr.seek(0, os.SEEK_END)
        self._stderr.seek(max(0, self._stderr.tell() - 400))
        return self._stderr.read().decode("utf-8", "replace").strip()

    def _dead(self) -> str | None:
        """Which stage died (for the log), or None while all live."""
        if not self._procs:
            return "not started"
        for argv, proc in zip(self._stages, self._procs, strict=True):
            code = proc.poll()
            if code is not None:
                return f"{Path(argv[0]).name} (pid {proc.pid}) exited with {code}"
        return None

    def _ensure(self) -> None:
        dead = self._dead()
        if dead is None:
            return
        if self._procs:
            log.warning("apertium %s died: %s; restarting. %s", self.mode, dead,
                        self._stderr_tail())  # fmt: skip
            self._stop()
        self._start()

    def close(self) -> None:
        with self._lock:
            self._stop()

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self._procs]

    # --- requests --------------------------------------------------------------------------

    def run(self, pieces: Sequence[str]) -> list[str]:
        """Translate already-deformatted stream pieces, one NUL-framed request each."""
        if not pieces:
            return []
        if any("\0" in p for p in pieces):
            raise ApertiumError("NUL inside a request would break the framing")
        # Without a blank after it, some stages hold the last word back waiting for more input
        # (a request ending in "up." never comes back), so every request ends in a superblank.
        pieces = [p if p.endswith("]") and not p.endswith("\\]") else p + "[]" for p in pieces]
        with self._lock:
            for attempt in (1, 2):
                self._ensure()
                try:
                    return self._exchange(pieces)
                except BrokenPipeError:
                    # A stage died under us: restart once; a second death is a real failure.
                    log.warning("apertium %s died mid-request: %s. %s", self.mode,
                                self._dead(), self._stderr_tail())  # fmt: skip
                    self._stop()
                    if attempt == 2:
                        raise ApertiumError(f"apertium {self.mode} keeps dying") from None
                except TimeoutError:
                    stuck = ", ".join(str(p) for p in self.pids)
                    self._stop()  # the next request starts a fresh chain
                    raise ApertiumError(
                        f"apertium {self.mode} gave no answer in {self.timeout_s:.0f}s "
                        f"(pids {stuck}); restarted"
                    ) from None
        raise AssertionError("unreachable")

    def _exchange(self, pieces: Sequence[str]) -> list[str]:
        first, last = self._procs[0], self._procs[-1]
        assert first.stdin and last.stdout
        payload = memoryview(b"".join(p.encode("utf-8") + b"\0" for p in pieces))
        out_fd, in_fd = last.stdout.fileno(), first.stdin.fileno()
        os.set_blocking(in_fd, False)
        sel = selectors.DefaultSelector()
        sel.register(out_fd, selectors.EVENT_READ)
        if payload:
            sel.register(in_fd, selectors.EVENT_WRITE)
        deadline = time.monotonic() + self.timeout_s
        received = bytearray()
        sent = 0
        try:
            while received.count(0) < len(pieces):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError
                for key, _ in sel.select(left):
                    if key.fd == in_fd:
                        try:
                            sent += os.write(in_fd, payload[sent : sent + 65536])
                        except BlockingIOError:
                            continue
                        if sent == len(payload):
                            sel.unregister(in_fd)
                    else:
                        chunk = os.read(out_fd, 65536)
                        if not chunk:
                            raise BrokenPipeError("apertium closed its output")
                        received += chunk
        finally:
            sel.close()
        parts = bytes(received).split(b"\0")
        if len(parts) != len(pieces) + 1 or parts[-1]:
            self._stop()
            raise ApertiumError(f"apertium {self.mode}: framing lost ({len(parts) - 1} replies)")
        try:
            return [part.decode("utf-8") for part in parts[:-1]]
        except UnicodeDecodeError as exc:
            raise ApertiumError(f"apertium {self.mode} returned invalid UTF-8") from exc

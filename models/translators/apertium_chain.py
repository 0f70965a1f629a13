"""Persistent, null-flushed Apertium pipelines, one per ``ModeChain`` (apertium_pool.py keeps
a fixed number of them per translation mode).

A ``.mode`` file is a shell pipeline (lt-proc | apertium-tagger | ... | lt-proc -p). Starting it
loads every transducer again, which costs far more than translating a sentence, so each mode
keeps its processes alive and frames requests with NUL: every program in the chain runs with
``-z`` and flushes its output when it reads a NUL, so one NUL in gives exactly one NUL out.

A translation must depend on its text alone, never on what the process read before, and every
program but one keeps nothing from one NUL-framed request to the next. The exception is
apertium-tagger (3.8): on a word whose ambiguity class its model lacks, its
``find_similar_ambiguity_class()`` assigns the similar class *into* the tagger's open class
(the class every unknown word gets), so from then on unknown words are tagged from a narrower
class and "said" can come out as a participle ("dicho") where a fresh tagger reads a past
tense ("dijo"). Such programs therefore run as their own segment of the chain, with ``-d`` so
that they report it on stderr, and are fed one text at a time; one that writes anything to
stderr is replaced (about 10 ms) before it reads the next text.
"""

from __future__ import annotations

import logging
import os
import selectors
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from .apertium_crash import sentences
from .apertium_modes import ApertiumError, parse_mode, segments, stateful
from .apertium_stream import marked_all

log = logging.getLogger("tidings.translators.apertium")


class _Segment:
    """Consecutive stages as one chain of processes fed through stdin/stdout pipes; not
    thread-safe (ModeChain serialises). Within one exchange a batch is pipelined: all pieces
    are written while earlier results are read, so the stages work on different pieces at once
    and neither side blocks on a full pipe buffer."""

    def __init__(self, mode: str, stages: list[list[str]]) -> None:
        self.mode = mode
        self.stages = stages
        self.guarded = len(stages) == 1 and stateful(stages[0])
        self.procs: list[subprocess.Popen[bytes]] = []
        self._stderr: tempfile._TemporaryFileWrapper[bytes] | None = None
        self.resets = 0

    def start(self) -> None:
        env = dict(os.environ, LC_ALL="C.UTF-8")  # the tools need a UTF-8 locale
        # One file for the segment's stderr: a pipe nobody reads would fill up and hang a stage.
        self._stderr = tempfile.TemporaryFile(prefix=f"apertium-{self.mode}-")
        procs: list[subprocess.Popen[bytes]] = []
        upstream = None
        try:
            for argv in self.stages:
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
            self.procs = procs
            self.stop()
            raise ApertiumError(f"cannot start apertium mode {self.mode}: {exc}") from exc
        self.procs = procs

    def stop(self) -> None:
        procs, self.procs = self.procs, []
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

    def dead(self) -> str | None:
        """Which stage died (for the log), or None while all live."""
        if not self.procs:
            return "not started"
        for argv, proc in zip(self.stages, self.procs, strict=True):
            code = proc.poll()
            if code is not None:
                return f"{Path(argv[0]).name} (pid {proc.pid}) exited with {code}"
        return None

    def stderr_size(self) -> int:
        return os.fstat(self._stderr.fileno()).st_size if self._stderr else 0

    def stderr_tail(self) -> str:
        if not self._stderr:
            return ""
        self._stderr.seek(0, os.SEEK_END)
        self._stderr.seek(max(0, self._stderr.tell() - 400))
        return self._stderr.read().decode("utf-8", "replace").strip()

    def exchange(self, pieces: Sequence[bytes], deadline: float) -> list[bytes]:
        if not self.guarded:
            return self._exchange(pieces, deadline)
        out: list[bytes] = []
        for piece in pieces:
            before = self.stderr_size()
            out += self._exchange([piece], deadline)
            # The program writes its report before the NUL that ends its answer, so the
            # file already holds it: anything new means its state may have changed.
            if self.stderr_size() != before:
                log.debug("apertium %s: %s replaced: %s", self.mode,
                          Path(self.stages[0][0]).name, self.stderr_tail())  # fmt: skip
                self.stop()
                self.start()
                self.resets += 1
        return out

    def _exchange(self, pieces: Sequence[bytes], deadline: float) -> list[bytes]:
        first, last = self.procs[0], self.procs[-1]
        assert first.stdin and last.stdout
        payload = memoryview(b"".join(p + b"\0" for p in pieces))
        out_fd, in_fd = last.stdout.fileno(), first.stdin.fileno()
        os.set_blocking(in_fd, False)
        sel = selectors.DefaultSelector()
        sel.register(out_fd, selectors.EVENT_READ)
        if payload:
            sel.register(in_fd, selectors.EVENT_WRITE)
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
            raise _FramingLost(f"{len(parts) - 1} replies for {len(pieces)} requests")
        return parts[:-1]


class _FramingLost(Exception):
    pass


class ModeChain:
    """The processes of one mode, as segments run one after the other; thread-safe.

    Requests are serialised by a lock (each pipe is one stream).
    """

    def __init__(
        self,
        mode: str,
        mode_file: Path,
        timeout_s: float = 30.0,
        stages: list[list[str]] | None = None,
    ) -> None:
        self.mode = mode
        self.timeout_s = timeout_s
        self._segments = [_Segment(mode, s) for s in segments(stages or parse_mode(mode_file))]
        self._lock = threading.Lock()
        self.starts = 0

    # --- lifecycle -------------------------------------------------------------------------

    def _start(self) -> None:
        try:
            for segment in self._segments:
                segment.start()
        except ApertiumError:
            self._stop()
            raise
        self.starts += 1
        log.info("apertium %s started (%d processes)", self.mode, len(self.pids))

    def _stop(self) -> None:
        for segment in self._segments:
            segment.stop()

    def _dead(self) -> str | None:
        for segment in self._segments:
            dead = segment.dead()
            if dead is not None:
                return dead
        return None

    def _stderr_tail(self) -> str:
        return " ".join(t for t in (s.stderr_tail() for s in self._segments) if t)

    def _ensure(self) -> None:
        dead = self._dead()
        if dead is None:
            return
        if any(s.procs for s in self._segments):
            log.warning("apertium %s died: %s; restarting. %s", self.mode, dead,
                        self._stderr_tail())  # fmt: skip
            self._stop()
        self._start()

    def close(self) -> None:
        with self._lock:
            self._stop()

    @property
    def started(self) -> bool:
        return any(s.procs for s in self._segments)

    @property
    def procs(self) -> list[subprocess.Popen[bytes]]:
        """Every process of the chain, in stage order."""
        return [p for s in self._segments for p in s.procs]

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.procs]

    @property
    def resets(self) -> int:
        """How many times a stateful program was replaced after reporting a change of state."""
        return sum(s.resets for s in self._segments)

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
            out = self._checked(pieces)
            if out is not None:
                return out
            # A stage died on a text: its answer and those after it are empty. One by one,
            # then sentence by sentence; what still kills the chain comes back unknown.
            said, failed, total = [], 0, 0
            for piece in pieces:
                (alone,) = self._checked([piece]) or [None]
                if alone is None:
                    # Each ends in a superblank, as every request does (see above).
                    parts = [p if p.endswith("]") else p + "[]" for p in sentences(piece)]
                    answers = [self._checked([p]) for p in parts]
                    failed += sum(a is None for a in answers)
                    total += len(parts)
                    alone = "".join(a[0] if a else marked_all(p)
                                    for p, a in zip(parts, answers, strict=True))  # fmt: skip
                said.append(alone)
            # Unless it dies on anything at all (a broken install is no text's fault).
            if total and failed == total and self._checked(["a.[]"]) is None:
                raise ApertiumError(f"apertium {self.mode} keeps dying")
            return said

    def _checked(self, pieces: Sequence[str]) -> list[str] | None:
        """The answers to ``pieces``; None where a stage died meanwhile (restarted on the
        next call)."""
        self._ensure()
        try:
            out = self._exchange([p.encode("utf-8") for p in pieces])
        except BrokenPipeError:
            out = None
        except TimeoutError:
            stuck = ", ".join(str(p) for p in self.pids)
            self._stop()  # the next request starts a fresh chain
            raise ApertiumError(
                f"apertium {self.mode} gave no answer in {self.timeout_s:.0f}s "
                f"(pids {stuck}); restarted"
            ) from None
        except _FramingLost as exc:
            self._stop()
            raise ApertiumError(f"apertium {self.mode}: framing lost ({exc})") from None
        dead = self._dead()
        if out is None or dead is not None:
            log.warning("apertium %s died on a request of %d texts: %s. %s", self.mode,
                        len(pieces), dead, self._stderr_tail())  # fmt: skip
            self._stop()
            return None
        try:
            return [part.decode("utf-8") for part in out]
        except UnicodeDecodeError as exc:
            raise ApertiumError(f"apertium {self.mode} returned invalid UTF-8") from exc

    def _exchange(self, pieces: list[bytes]) -> list[bytes]:
        deadline = time.monotonic() + self.timeout_s
        for segment in self._segments:
            pieces = segment.exchange(pieces, deadline)
        return pieces

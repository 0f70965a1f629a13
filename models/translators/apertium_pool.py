"""A fixed number of persistent Apertium pipelines (apertium_chain.ModeChain) per mode, shared
by every request: the processes are bounded by the modes in use, never by the traffic."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path

from .apertium_chain import ModeChain
from .apertium_modes import parse_mode


class ModePool:
    """A fixed number of chains for one mode, shared by every request; thread-safe.

    A request takes an idle chain (waiting for one when all are busy), preferring one already
    started, so a second chain starts only when requests overlap: there are never more than
    ``size`` chains, whatever the traffic. A chain whose process died is restarted by the next
    request it serves.
    """

    def __init__(
        self,
        mode: str,
        mode_file: Path,
        size: int,
        timeout_s: float = 30.0,
        generation: str = "-n",
    ) -> None:
        if size < 1:
            raise ValueError(f"apertium pool size must be at least 1, not {size}")
        self.mode = mode
        self._stages = parse_mode(mode_file, generation)
        self.chains = [ModeChain(mode, mode_file, timeout_s, self._stages) for _ in range(size)]
        self._idle = list(self.chains)
        self._cond = threading.Condition()

    @property
    def max_processes(self) -> int:
        """The most processes this pool ever runs at once."""
        return len(self.chains) * len(self._stages)

    @property
    def procs(self) -> list[subprocess.Popen[bytes]]:
        return [p for chain in self.chains for p in chain.procs]

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.procs]

    @property
    def starts(self) -> int:
        return sum(chain.starts for chain in self.chains)

    @property
    def resets(self) -> int:
        return sum(chain.resets for chain in self.chains)

    def run(self, pieces: Sequence[str]) -> list[str]:
        chain = self._acquire()
        try:
            return chain.run(pieces)
        finally:
            with self._cond:
                self._idle.append(chain)
                self._cond.notify()

    def _acquire(self) -> ModeChain:
        with self._cond:
            while not self._idle:
                self._cond.wait()
            started = [c for c in self._idle if c.started]
            chain = started[-1] if started else self._idle[-1]
            self._idle.remove(chain)
            return chain

    def close(self) -> None:
        """Stop every process; the next request starts a chain again."""
        for chain in self.chains:
            chain.close()

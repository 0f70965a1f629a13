"""The single-purpose Apertium chains beside the modes' pools, one of each per mode, started
on first use: a language's analyser, a mode's stages up to its bilingual dictionary, and a
language's generator (apertium_words.py). Names, the leftover-words step and the evals use
them; none serves a translation itself. And the chains that translate left-over words alone
through the other routes of a pair (``Lookups``), which come and go."""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path

from .apertium_chain import ModeChain
from .apertium_modes import parse_mode
from .apertium_words import Analyser, Bilingual, Generator, bidix_stages

log = logging.getLogger("tidings.translators.apertium")

Helper = Analyser | Generator | Bilingual


class Helpers:
    """Thread-safe; ``close`` stops every process (a later use starts it again)."""

    def __init__(self, modes_dir: str, timeout_s: float) -> None:
        self.modes_dir = modes_dir
        self.timeout_s = timeout_s
        self._found: dict[str, Helper] = {}
        self._lock = threading.Lock()

    def _get(self, key: str, mode: str, kind: type[Analyser] | type[Generator]) -> Helper:
        with self._lock:
            found = self._found.get(key)
            if found is None:
                path = Path(self.modes_dir) / f"{mode}.mode"
                found = self._found[key] = kind(mode, path, self.timeout_s)
            return found

    def analyser(self, mode: str) -> Analyser:
        """The morphological analyser of a mode's source language."""
        found = self._get(mode, mode, Analyser)
        assert isinstance(found, Analyser)
        return found

    def bilingual(self, mode: str) -> Bilingual:
        """A mode's bilingual dictionary, read through its analyser."""
        analyser = self.analyser(mode)
        with self._lock:
            found = self._found.get(f"{mode}:bidix")
            if found is None:
                path = Path(self.modes_dir) / f"{mode}.mode"
                found = self._found[f"{mode}:bidix"] = Bilingual(
                    mode, path, self.timeout_s, analyser
                )
        assert isinstance(found, Bilingual)
        return found

    def generator(self, mode: str) -> Generator | None:
        """The morphological generator of a mode's target language; None if it has none."""
        try:
            found = self._get(f"{mode}:generator", mode, Generator)
        except ValueError:
            return None
        assert isinstance(found, Generator)
        return found

    def close(self) -> None:
        with self._lock:
            found = list(self._found.values())
        for helper in found:
            try:
                helper.close()
            except Exception:  # noqa: BLE001 - closing must reach every helper
                log.exception("closing apertium %s", helper.mode)


class Lookups:
    """One chain per mode for the words tried alone through other routes; thread-safe.

    A mode's chain starts when a word needs it and stops after ``idle_s`` unused; at most
    ``limit`` run at once (the least recently used idle one stops first). Some modes hold
    hundreds of MB (cat-fra's French generator: about 430 MB): as pools, every mode a word
    ever went through would stay in memory in every worker.
    """

    def __init__(
        self, modes_dir: str, timeout_s: float, limit: int = 3, idle_s: float = 30.0
    ) -> None:
        self.modes_dir = modes_dir
        self.timeout_s = timeout_s
        self.limit = limit
        self.idle_s = idle_s
        self._chains: OrderedDict[str, ModeChain] = OrderedDict()
        self._used: dict[str, float] = {}
        self._busy: dict[str, int] = {}
        self._lock = threading.Lock()
        self._reaper: threading.Thread | None = None
        self._stop = threading.Event()

    def run(self, mode: str, pieces: Sequence[str], part: str = "") -> list[str]:
        """``pieces`` through ``mode``, or only through its ``part``: "analyser" (its first
        stage) or "bidix" (its bilingual dictionary, ``apertium_words.bidix_input``)."""
        key = f"{mode}:{part}" if part else mode
        with self._lock:
            chain = self._chains.get(key)
            if chain is None:
                path = Path(self.modes_dir) / f"{mode}.mode"
                # -g, as the pools: the generator marks what it could not translate.
                stages = {"": lambda: parse_mode(path, "-g"), "bidix": lambda: bidix_stages(path),
                          "analyser": lambda: parse_mode(path)[:1]}[part]()  # fmt: skip
                if not stages:
                    raise ValueError(f"mode {mode} has no {part} stage")
                chain = ModeChain(key, path, self.timeout_s, stages)
                self._chains[key] = chain
            self._chains.move_to_end(key)
            self._busy[key] = self._busy.get(key, 0) + 1
            stale = self._take_idle(lambda m: len(self._chains) > self.limit and m != key)
            if self._reaper is None or not self._reaper.is_alive():
                self._stop.clear()
                self._reaper = threading.Thread(
                    target=self._reap, name="apertium-lookups", daemon=True
                )
                self._reaper.start()
        self._close(stale)
        try:
            return chain.run(list(pieces))
        finally:
            with self._lock:
                self._busy[key] -= 1
                self._used[key] = time.monotonic()

    def _take_idle(self, stop: Callable[[str], bool]) -> list[ModeChain]:
        """Under the lock: removes and returns the idle chains ``stop(mode)`` picks, least
        recently used first."""
        taken = []
        for mode in list(self._chains):
            if not self._busy.get(mode) and stop(mode):
                taken.append(self._chains.pop(mode))
                self._used.pop(mode, None)
        return taken

    def _reap(self) -> None:
        while not self._stop.wait(max(1.0, self.idle_s / 4)):
            now = time.monotonic()
            with self._lock:
                stale = self._take_idle(
                    lambda m, now=now: now - self._used.get(m, now) > self.idle_s
                )
                empty = not self._chains
            self._close(stale)
            if empty:
                return

    @staticmethod
    def _close(chains: list[ModeChain]) -> None:
        for chain in chains:
            try:
                chain.close()
            except Exception:  # noqa: BLE001 - closing must reach every chain
                log.exception("closing apertium %s", chain.mode)

    @property
    def running(self) -> list[str]:
        """The modes whose chains are up, least recently used first."""
        with self._lock:
            return [m for m, c in self._chains.items() if c.started]

    def close(self) -> None:
        self._stop.set()
        with self._lock:
            chains = list(self._chains.values())
            self._chains.clear()
            self._used.clear()
        self._close(chains)

"""The single-purpose Apertium chains beside the modes' pools, one of each per mode, started
on first use: a language's analyser, a mode's stages up to its bilingual dictionary, and a
language's generator (apertium_words.py). Names, the leftover-words step and the evals use
them; none serves a translation itself."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from .apertium_words import Analyser, Bilingual, Generator

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

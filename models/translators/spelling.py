"""Whether a word is written so in a language: Hunspell's dictionaries (Debian's hunspell-*).

Apertium's dictionaries of a target language are small (its Portuguese lacks "cosmopolita"
and "escavadora"); a spelling dictionary lists far more of the language's words.
apertium_unknown.py asks it about a word of the language before the last leg (the pivot's, or
another route's) that the last leg does not know: one the target writes the same ("dracma" in
Spanish and Portuguese, "cosmopolita" in Galician and Portuguese) is the target's word too,
and is kept. English words are not asked: one that the target also writes is often another
word there ("punch" in Italian is the drink), and is said another way as any other. Nor is a
word of the language before kept when the target's dictionary has it as another lemma
("trasfondo" is a Spanish noun and an Italian form of "trasfondere").

Each question runs one short ``hunspell -s`` (20-150 ms with the dictionary load); it is only
asked about the few words no route knows, and the answers are remembered.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger("tidings.translators.spelling")

DEFAULT_DIR = "/usr/share/hunspell"
DICTIONARIES = {
    "ca": "ca_ES", "es": "es_ES", "fr": "fr_FR", "gl": "gl_ES", "it": "it_IT", "pt": "pt_PT",
    "ro": "ro_RO", "en": "en_US",
}  # fmt: skip
_CACHE_LIMIT = 50000


class Spelling:
    """The installed Hunspell dictionaries; thread-safe. Without one, it knows no word."""

    def __init__(
        self, directory: str = DEFAULT_DIR, timeout_s: float = 10.0, enabled: bool = True
    ) -> None:
        self.directory = Path(directory)
        self.timeout_s = timeout_s
        self._binary = shutil.which("hunspell") if enabled else None
        self._stems: dict[tuple[str, str], frozenset[str]] = {}
        self._lock = threading.Lock()

    def available(self, language: str) -> bool:
        name = DICTIONARIES.get(language)
        return bool(self._binary and name and (self.directory / f"{name}.dic").is_file())

    def stems(self, language: str, words: Sequence[str]) -> dict[str, set[str]]:
        """Each word's stems (lemmas: "conspirada" -> "conspirar") by the language's
        dictionary, as written; none for a word it does not have. (Hunspell also takes a
        capitalised form of a lower-case word: ask in lower case for a word inside a
        sentence.)"""
        if not words or not self.available(language):
            return {w: set() for w in words}
        with self._lock:
            todo = sorted({w for w in words if (language, w) not in self._stems})
        found = self._ask(language, todo) if todo else {}
        with self._lock:
            if len(self._stems) > _CACHE_LIMIT:
                self._stems.clear()
            self._stems.update({(language, w): found.get(w, frozenset()) for w in todo})
            return {w: set(found.get(w) or self._stems.get((language, w), ())) for w in words}

    def _ask(self, language: str, words: list[str]) -> dict[str, frozenset[str]]:
        # One word per line; -s prints, per word, "word stem" once per stem (the word alone
        # when unknown) and a blank line. A word Hunspell would split is not asked.
        plain = [w for w in words if w.isalpha()]
        if not plain:
            return {}
        command = [str(self._binary), "-d", str(self.directory / DICTIONARIES[language]), "-s"]
        try:
            done = subprocess.run(
                command, input="\n".join(plain) + "\n", capture_output=True, text=True,
                timeout=self.timeout_s, check=True, encoding="utf-8",
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("hunspell %s failed (%s): no word taken as the language's", language, exc)
            return {}
        blocks = done.stdout.strip("\n").split("\n\n")
        if len(blocks) != len(plain):
            log.warning("hunspell %s answered %d of %d words", language, len(blocks), len(plain))
            return {}
        out: dict[str, frozenset[str]] = {}
        for word, block in zip(plain, blocks, strict=True):
            stems = [line.split(" ", 1) for line in block.splitlines()]
            out[word] = frozenset(p[1] for p in stems if len(p) == 2 and p[0] == word)
        return out

"""Offline rule-based translation with Apertium, kept warm between calls.

Installed modes (``/usr/share/apertium/modes/*.mode``) are mapped to ISO 639-1 pairs; pairs
that no mode covers are offered through a pivot (Spanish by default) when both legs exist.
Each mode has a fixed pool of ``pool_size`` persistent pipelines that every request shares, so
the number of Apertium processes is bounded by the modes in use, never by the traffic.
Nothing starts until a pair is first used, so constructing the engine and listing its pairs is
cheap and works on machines without Apertium (no pairs then).
"""

from __future__ import annotations

import logging
import os
import re
import threading
import weakref
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from tidings.models.base import Translation, Unsupported

from . import names
from .apertium_chain import ApertiumError, ModePool
from .apertium_format import deformat, prepare, reformat, restore, strip_marks
from .apertium_words import Analyser, escape, lowercase_after_unknown, marked_words
from .plaintext import TAG_OR_ENTITY

__all__ = ["ApertiumError", "ApertiumTranslator", "installed_modes", "installed_pairs"]

log = logging.getLogger("tidings.translators.apertium")

DEFAULT_MODES_DIR = "/usr/share/apertium/modes"

# Apertium names languages by ISO 639-3 (newer pairs) or 639-1 (older ones).
_ISO1 = {
    "eng": "en", "spa": "es", "cat": "ca", "glg": "gl", "fra": "fr", "fre": "fr", "por": "pt",
    "ita": "it", "ron": "ro", "rum": "ro", "oci": "oc", "arg": "an", "ast": "ast", "eus": "eu",
    "deu": "de", "nld": "nl", "afr": "af", "swe": "sv", "dan": "da", "nob": "nb", "nno": "nn",
    "isl": "is", "rus": "ru", "ukr": "uk", "bel": "be", "pol": "pl", "ces": "cs", "slk": "sk",
    "slv": "sl", "mkd": "mk", "bul": "bg", "ell": "el", "epo": "eo", "eng_US": "en",
}  # fmt: skip


def _iso1(code: str) -> str | None:
    if code in _ISO1:
        return _ISO1[code]
    return code if len(code) == 2 and code.isalpha() and code.islower() else None


@lru_cache(maxsize=8)
def _scan(modes_dir: str) -> tuple[tuple[tuple[str, str], str], ...]:
    """((source, target), mode name) for each plain mode; variants like _valencia skipped."""
    found: dict[tuple[str, str], str] = {}
    folder = Path(modes_dir)
    if not folder.is_dir():
        return ()
    for path in sorted(folder.glob("*.mode")):
        parts = path.stem.split("-")
        if len(parts) != 2 or "_" in path.stem:
            continue  # eco-es-fr, spa-cat_valencia, es-pt_BR: variants of a pair we also have
        source, target = _iso1(parts[0]), _iso1(parts[1])
        if source and target and source != target:
            found.setdefault((source, target), path.stem)
    return tuple(sorted(found.items()))


def installed_modes(modes_dir: str = DEFAULT_MODES_DIR) -> dict[tuple[str, str], str]:
    """Direct (source, target) -> mode name, e.g. ("en", "es") -> "eng-spa"."""
    return dict(_scan(modes_dir))


def _routes(modes_dir: str, pivot: str) -> dict[tuple[str, str], tuple[str, ...]]:
    direct = installed_modes(modes_dir)
    routes = {pair: (mode,) for pair, mode in direct.items()}
    for (source, mid), first in direct.items():
        if mid != pivot:
            continue
        for (mid2, target), second in direct.items():
            if mid2 == pivot and target != source and (source, target) not in routes:
                routes[(source, target)] = (first, second)
    return routes


def installed_pairs(modes_dir: str = DEFAULT_MODES_DIR, pivot: str = "es") -> set[tuple[str, str]]:
    """Every pair the engine would offer, pivots included; starts no process."""
    return set(_routes(modes_dir, pivot))


# Apertium's English analysers glue hyphenated compounds into one target word ("large-scale
# attack" -> "ataquedeescala grande"); as separate words they translate readably.
_COMPOUND_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_DOUBLE_BLANK = re.compile(r"(?<=\S) {2,}(?=\S)")


def _unglue(text: str, terms: Sequence[str]) -> str:
    if any(_COMPOUND_HYPHEN.search(term) for term in terms):
        return text  # a protected term must stay findable exactly as written
    # The caller's tags and entities are copied verbatim: no hyphen in them is touched.
    out: list[str] = []
    pos = 0
    for m in TAG_OR_ENTITY.finditer(text):
        out.append(_COMPOUND_HYPHEN.sub(" ", text[pos : m.start()]))
        out.append(m.group())
        pos = m.end()
    out.append(_COMPOUND_HYPHEN.sub(" ", text[pos:]))
    return "".join(out)


_SOURCE_WORD = re.compile(r"[^\W\d_]{2,}")


def _near(word: str, origins: dict[str, str]) -> str | None:
    """The source word whose translation alone shares the longest start with ``word`` (an
    inflection apart: "reunieron" / "reunido"), if at least five letters and most of both."""
    best, size = None, 0
    for translated, origin in origins.items():
        n = len(os.path.commonprefix([word, translated]))
        if n >= 5 and n >= 0.6 * max(len(word), len(translated)) and n > size:
            best, size = origin, n
    return best


def _close_all(pools: dict[str, ModePool], analysers: dict[str, Analyser]) -> None:
    # Module-level so weakref.finalize holds no reference to the translator itself.
    for pool in [*pools.values(), *analysers.values()]:
        try:
            pool.close()
        except Exception:  # noqa: BLE001 - closing must reach every pool
            log.exception("closing apertium %s", pool.mode)


class ApertiumTranslator:
    """Translator over the installed Apertium modes; see the module docstring."""

    name = "apertium"

    def __init__(
        self,
        modes_dir: str = DEFAULT_MODES_DIR,
        pivot: str = "es",
        timeout_s: float = 30.0,
        pool_size: int = 2,
        protect_names: bool = True,
    ) -> None:
        if pool_size < 1:
            raise ValueError(f"apertium pool size must be at least 1, not {pool_size}")
        self.modes_dir = modes_dir
        self.pivot = pivot
        self.timeout_s = timeout_s
        self.pool_size = pool_size
        # Names found in the texts (names.py) are kept verbatim along with the caller's terms.
        self.protect_names = protect_names
        self._analysers: dict[str, Analyser] = {}
        self._routes = _routes(modes_dir, pivot)
        self._pools: dict[str, ModePool] = {}
        self._pools_lock = threading.Lock()
        # Also runs at interpreter exit (atexit), so no Apertium process outlives the server.
        self._finalizer = weakref.finalize(self, _close_all, self._pools, self._analysers)
        if not self._routes:
            log.warning("no apertium modes under %s; apertium offers no pairs", modes_dir)

    @classmethod
    def installed_pairs(
        cls, modes_dir: str = DEFAULT_MODES_DIR, pivot: str = "es"
    ) -> set[tuple[str, str]]:
        return installed_pairs(modes_dir, pivot)

    def pairs(self) -> set[tuple[str, str]]:
        return set(self._routes)

    def route(self, source: str, target: str) -> tuple[str, ...]:
        """The mode names that translate source->target, in order (two for a pivot)."""
        try:
            return self._routes[(source, target)]
        except KeyError:
            raise Unsupported(f"apertium has no {source}->{target} pair") from None

    def describe_pair(self, source: str, target: str) -> tuple[str, str | None]:
        """The engine name a translation of this pair carries, and its pivot language."""
        modes = self.route(source, target)
        return "apertium:" + "|".join(modes), self.pivot if len(modes) > 1 else None

    def pool(self, mode: str) -> ModePool:
        """The pipelines of one mode (created on first use, started by the requests)."""
        with self._pools_lock:
            pool = self._pools.get(mode)
            if pool is None:
                path = Path(self.modes_dir) / f"{mode}.mode"
                # -g: the generator marks what it could not translate (see _pivot_leaks).
                pool = ModePool(mode, path, self.pool_size, self.timeout_s, generation="-g")
                self._pools[mode] = pool
            return pool

    def analyser(self, mode: str) -> Analyser:
        """The morphological analyser of a mode's source language (started on first use)."""
        with self._pools_lock:
            found = self._analysers.get(mode)
            if found is None:
                path = Path(self.modes_dir) / f"{mode}.mode"
                found = self._analysers[mode] = Analyser(mode, path, self.timeout_s)
            return found

    def warm(self, pairs: Sequence[tuple[str, str]] = ()) -> None:
        """Start the processes for ``pairs`` (all pairs if empty) so first calls are fast."""
        for pair in pairs or sorted(self._routes):
            for mode in self.route(*pair):
                self.pool(mode).run([""])

    def translate(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        protect: Sequence[Sequence[str]] = (),
    ) -> list[Translation]:
        modes = self.route(source, target)
        if not texts:
            return []
        given = [list(protect[i]) if i < len(protect) else [] for i in range(len(texts))]
        terms = given
        if self.protect_names:
            found = names.to_protect(texts, source, self.analyser(modes[0]).lexicon)
            terms = [g + [n for n in f if n not in g] for g, f in zip(given, found, strict=True)]
        sources = [
            _unglue(text, terms[i]) if source == "en" else text for i, text in enumerate(texts)
        ]
        prepared = [prepare(text, terms[i]) for i, text in enumerate(sources)]
        # Empty and blank texts need no trip through Apertium (and some stages echo junk).
        busy = [i for i, text in enumerate(texts) if text.strip()]
        translated_html = {i: "" for i in range(len(texts))}
        if busy:
            pieces = deformat([prepared[i].html for i in busy], self.timeout_s)
            passed: list[set[str]] = []
            for leg, mode in enumerate(modes):
                out = self.pool(mode).run(pieces)
                out = [lowercase_after_unknown(o, p) for o, p in zip(out, pieces, strict=True)]
                if len(modes) > 1 and leg == 0:
                    # Source words the first leg did not know pass through: not pivot words.
                    passed = [{w.lower() for _, _, w in marked_words(p)} for p in out]
                elif leg > 0:
                    out = self._pivot_leaks(out, passed, [texts[i] for i in busy], modes[0])
                if len(modes) == 1:
                    out = self._retry_unknown(out, source, target)
                # Marks must go before the next leg, which would read "#casa" as punctuation.
                pieces = [strip_marks(p) for p in out]
            pieces = [strip_marks(p, drop_empty_blanks=True) for p in pieces]
            for i, out in zip(busy, reformat(pieces, self.timeout_s), strict=True):
                # Dropped subjects ("It is" -> "Es") leave their blank behind: keep the
                # caller's own leading and trailing whitespace instead.
                text = texts[i]
                lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
                # A dropped word ("Kilmarnock's" -> "Kilmarnock") leaves a double blank.
                translated_html[i] = lead + _DOUBLE_BLANK.sub(" ", out.strip()) + trail
        engine, pivot = self.describe_pair(source, target)
        results: list[Translation] = []
        for i, text in enumerate(texts):
            if i in busy:
                out, spans = restore(translated_html[i], prepared[i])
            else:
                out, spans = text, tuple(None for _ in prepared[i].terms)
            if log.isEnabledFor(logging.DEBUG):
                log.debug("apertium %s: %r -> %r", engine, text, out)
            # Spans of the caller's terms only: the names found here are the engine's business.
            results.append(Translation(out, engine, pivot, spans[: len(given[i])]))
        return results

    def _retry_unknown(self, pieces: list[str], source: str, target: str) -> list[str]:
        """Lower-case words a direct pair left untranslated ("chairman" in Catalan) are retried
        alone through the pivot, when both legs exist (en->es->ca: "president")."""
        legs = [self._routes.get((source, self.pivot)), self._routes.get((self.pivot, target))]
        found = [[m for m in marked_words(p) if m[2][:1].islower()] for p in pieces]
        if None in legs or self.pivot in (source, target) or not any(found):
            return pieces
        words = sorted({m[2] for ms in found for m in ms})
        retried, failed = [escape(w) for w in words], [False] * len(words)
        for leg in legs:
            assert leg is not None
            retried = self.pool(leg[0]).run(retried)
            # Only a word the pivot route knew all the way is better than the source word.
            failed = [f or bool(marked_words(out)) for f, out in zip(failed, retried, strict=True)]
            retried = [strip_marks(out) for out in retried]
        better = {
            word: out.replace("[]", "").strip()
            for word, out, bad in zip(words, retried, failed, strict=True)
            if not bad
        }
        fixed: list[str] = []
        for piece, marks in zip(pieces, found, strict=True):
            for start, end, word in reversed(marks):
                if better.get(word):
                    piece = piece[:start] + escape(better[word].lower()) + piece[end:]
            fixed.append(piece)
        return fixed

    def _pivot_leaks(
        self, pieces: list[str], passed: list[set[str]], texts: list[str], first: str
    ) -> list[str]:
        """Pivot-language words the second leg marked unknown ("reporteros" in French) are
        replaced by the source word they came from: the first leg's translation of each word
        of the source text, alone, finds it. One with no such word is left as it is."""
        leaks = [
            [m for m in marked_words(p) if m[2].lower() not in known]
            for p, known in zip(pieces, passed, strict=True)
        ]
        if not any(leaks):
            return pieces
        words = sorted({w for i, found in enumerate(leaks) if found
                        for w in _SOURCE_WORD.findall(texts[i])})  # fmt: skip
        alone = [strip_marks(t).replace("[]", "").strip() for t in self.pool(first).run(words)]
        origins: dict[str, str] = {}
        for word, pivot_word in zip(words, alone, strict=True):
            origins.setdefault(pivot_word.lower(), word)
        for word, pivot_word in zip(words, alone, strict=True):
            # "rebel" -> "se rebela": the second leg meets "rebela" alone.
            for part in pivot_word.lower().split()[1:]:
                origins.setdefault(part, word)
        fixed: list[str] = []
        for piece, found in zip(pieces, leaks, strict=True):
            for start, end, word in reversed(found):
                origin = origins.get(word.lower()) or _near(word.lower(), origins)
                if origin is None:
                    log.debug("apertium: pivot word %r kept, no source word found", word)
                    continue
                if word[:1].isupper():
                    origin = origin[:1].upper() + origin[1:]
                piece = piece[:start] + escape(origin) + piece[end:]
            fixed.append(piece)
        return fixed

    def close(self) -> None:
        """Terminate every Apertium process; a later translate() starts them again."""
        _close_all(self._pools, self._analysers)

    def __enter__(self) -> ApertiumTranslator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

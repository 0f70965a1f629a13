"""Offline rule-based translation with Apertium, kept warm between calls.

Installed modes (``/usr/share/apertium/modes/*.mode``) are mapped to ISO 639-1 pairs; pairs
that no mode covers are offered through a pivot (Spanish by default) when both legs exist
(apertium_modes.py). Each mode has a fixed pool of ``pool_size`` persistent pipelines
(apertium_pool.py) that every request shares, so the number of Apertium processes is bounded
by the modes in use, never by the traffic. Nothing starts until a pair is first used, so
constructing the engine and listing its pairs is cheap and works on machines without
Apertium (no pairs then).
"""

from __future__ import annotations

import logging
import re
import threading
import weakref
from collections.abc import Sequence
from pathlib import Path

from tidings.models.base import Translation, Unsupported

from . import apertium_left, censored, kept_names, months
from .apertium_format import (
    PLACEHOLDER,
    deformat,
    prepare,
    reformat,
    restore,
    strip_marks,
)
from .apertium_helpers import Helpers, Lookups
from .apertium_modes import (
    DEFAULT_MODES_DIR,
    MAX_OTHER_ROUTES,
    ApertiumError,
    installed_modes,
    installed_pairs,
    other_routes_between,
    pair_routes,
)
from .apertium_pivot import PivotWords
from .apertium_pool import ModePool
from .apertium_reword import Rewording
from .apertium_source import ready
from .apertium_stream import marked_words
from .apertium_unknown import UnknownWords
from .apertium_words import (
    Analyser,
    Bilingual,
    lowercase_after_unknown,
    unescape_marks,
)
from .spelling import DEFAULT_DIR as DEFAULT_SPELLING
from .spelling import Spelling
from .thesaurus import DEFAULT_DIR as DEFAULT_THESAURUS
from .thesaurus import Thesaurus

__all__ = ["ApertiumError", "ApertiumTranslator", "installed_modes", "installed_pairs"]

log = logging.getLogger("tidings.translators.apertium")

_DOUBLE_BLANK = re.compile(r"(?<=\S) {2,}(?=\S)")
# A blank before a full stop or comma that ends a word's run: Apertium's transfer leaves one
# where it reorders a genitive ("la plaça de Peter .", "Es un multimillonario .").
_BLANK_BEFORE_STOP = re.compile(r"(?<=\w) (?=[.,](?:\s|$))")


def _close_all(pools: dict[str, ModePool], helpers: Helpers, lookups: Lookups) -> None:
    # Module-level so weakref.finalize holds no reference to the translator itself.
    helpers.close()
    lookups.close()
    for pool in pools.values():
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
        thesaurus_dir: str | None = None,
        spelling_dir: str | None = None,
        other_routes: int = MAX_OTHER_ROUTES,
    ) -> None:
        if pool_size < 1:
            raise ValueError(f"apertium pool size must be at least 1, not {pool_size}")
        self.modes_dir = modes_dir
        self.pivot = pivot
        self.timeout_s = timeout_s
        self.pool_size = pool_size
        # Names found in the texts (names.py) are kept verbatim along with the caller's terms.
        self.protect_names = protect_names
        self.helpers = Helpers(modes_dir, timeout_s)
        # The chains of the other routes, apart from the pools: they stop when unused.
        self.lookups = Lookups(modes_dir, timeout_s)
        # English words no route can translate are said another way (apertium_unknown.py);
        # thesaurus_dir="" turns that off.
        thesaurus = Thesaurus("en", thesaurus_dir or DEFAULT_THESAURUS)
        usable = thesaurus_dir != "" and thesaurus.available
        # The target's spelling dictionaries (spelling.py) say which words it writes the same
        # as the source or the pivot; spelling_dir="" turns that off.
        self.spelling = Spelling(spelling_dir or DEFAULT_SPELLING, enabled=spelling_dir != "")
        self.unknown = UnknownWords(self)
        self.pivot_words = PivotWords(self, self.unknown)
        self.rewording = Rewording(self, self.unknown, thesaurus if usable else None)
        # And English compound adjectives said as they mean (compound_adjectives.py).
        self._wordnet = thesaurus.wordnet if usable else None
        self._routes = pair_routes(modes_dir, pivot)
        self._direct = installed_modes(modes_dir)
        self._pair_of = {mode: pair for pair, mode in self._direct.items()}
        self._others: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        self.other_routes_limit = other_routes
        self._pools: dict[str, ModePool] = {}
        self._pools_lock = threading.Lock()
        # Also runs at interpreter exit (atexit), so no Apertium process outlives the server.
        self._finalizer = weakref.finalize(
            self, _close_all, self._pools, self.helpers, self.lookups
        )
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

    def language_of(self, mode: str, source: bool = True) -> str | None:
        """The source (or target) language of an installed mode."""
        pair = self._pair_of.get(mode)
        return None if pair is None else pair[0 if source else 1]

    def route_or_none(self, source: str, target: str) -> tuple[str, ...] | None:
        return self._routes.get((source, target))

    def modes_from(self, language: str) -> list[str]:
        """The installed modes out of ``language``, one per pair (each its own dictionary)."""
        return sorted(m for (a, _), m in self._direct.items() if a == language)

    def other_routes(self, source: str, target: str) -> list[tuple[str, ...]]:
        """The installed routes source->target besides the one that serves the pair, in the
        order a left-over word tries them (apertium_unknown.retry_unknown)."""
        key = (source, target)
        if key not in self._others:
            main = self._routes.get(key, ())
            found = other_routes_between(self._direct, main, source, target, self.pivot)
            self._others[key] = found[: self.other_routes_limit]
        return self._others[key]

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
                # -g: the generator marks what it could not translate (see apertium_pivot.py).
                pool = ModePool(mode, path, self.pool_size, self.timeout_s, generation="-g")
                self._pools[mode] = pool
            return pool

    def run_alone(self, mode: str, pieces: Sequence[str]) -> list[str]:
        """Words alone through one mode: its pool where a pair in use has started it, else
        a lookup chain (``Lookups``), so a word's other route keeps no pool in memory."""
        with self._pools_lock:
            pool = self._pools.get(mode)
        return pool.run(pieces) if pool is not None else self.lookups.run(mode, pieces)

    def reverse_mode(self, mode: str) -> str | None:
        """The installed mode that translates back what ``mode`` translates (the same pair's
        dictionaries: its analyser reads the words ``mode``'s generator writes)."""
        pair = self._pair_of.get(mode)
        return self._direct.get((pair[1], pair[0])) if pair else None

    def analyser(self, mode: str) -> Analyser:
        """The morphological analyser of a mode's source language (started on first use)."""
        return self.helpers.analyser(mode)

    def bilingual(self, mode: str) -> Bilingual:
        """The stages of a mode up to its bilingual dictionary (started on first use)."""
        return self.helpers.bilingual(mode)

    def generate(self, mode: str, unit: str) -> str | None:
        """``lemma<tags>`` of a mode's source language as a word, by the generator of the
        reverse mode (the same pair's dictionary); None when there is none or it cannot."""
        source, target = self.language_of(mode), self.language_of(mode, source=False)
        reverse = self._routes.get((target or "", source or ""))
        generator = self.helpers.generator(reverse[0]) if reverse and len(reverse) == 1 else None
        return generator.generate([unit])[0] if generator else None

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
            found = kept_names.to_protect(texts, source, self.analyser(modes[0]).lexicon)
            terms = [g + [n for n in f if n not in g] for g, f in zip(given, found, strict=True)]
        # A censored swear word ("sh**") passes as a term and comes back as its translation,
        # censored the same way (censored.py).
        swears = [censored.found(t) for t in texts] if source == "en" else []
        if any(swears):
            terms = [t + [w for w in s if w not in t] for t, s in zip(terms, swears, strict=True)]
            swears = censored.translated(
                swears, [modes, *self.other_routes(source, target)], self.unknown.alone
            )
        if source == "en":
            analyser = self.analyser(modes[0])
            described, sources, dates = ready(texts, terms, analyser, self._wordnet, target)
        else:
            described, sources = [(text, {}) for text in texts], list(texts)
            dates = [{} for _ in texts]
        prepared = [prepare(text, terms[i]) for i, text in enumerate(sources)]
        # Empty and blank texts need no trip through Apertium (and some stages echo junk).
        busy = [i for i, text in enumerate(texts) if text.strip()]
        translated_html = {i: "" for i in range(len(texts))}
        notes: dict[int, tuple[tuple[tuple[str, str], ...], tuple[str, ...]]] = {}
        if busy:
            done, left = self.legs([prepared[i].html for i in busy], [sources[i] for i in busy],
                                    modes, source, target)  # fmt: skip
            reworded: list[dict[str, str]] = [{} for _ in busy]
            if source == "en" and any(left):
                # Where a hyphen went as a blank: a prefix's ("pro-democracy"), or no prefix
                # ("a pro golfer").
                hyphens = [
                    frozenset(k for k, c in enumerate(d) if c == "-" and s[k : k + 1] == " ")
                    for (d, _), s in zip(described, sources, strict=True)
                ]
                done, left = self.rewording.run(
                    busy, sources, prepared, terms, done, left, modes, target, reworded, hyphens
                )
            names_only = apertium_left.known_only_as_names(
                self.analyser(modes[0]),
                [
                    w
                    for k, i in enumerate(busy)
                    for _, _, w in apertium_left.opening_or_lower(left[k], sources[i])
                ],
            )
            for k, i in enumerate(busy):
                said = described[i][1] | reworded[k]
                notes[i] = (
                    tuple(said.items()),
                    apertium_left.untranslated(left[k], sources[i], names_only),
                )
            for i, out in zip(busy, done, strict=True):
                # Dropped subjects ("It is" -> "Es") leave their blank behind: keep the
                # caller's own leading and trailing whitespace instead.
                text = texts[i]
                lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
                # A dropped word ("Kilmarnock's" -> "Kilmarnock") leaves a double blank.
                out = _DOUBLE_BLANK.sub(" ", out.strip())
                # Unless the caller wrote one ("version 2 .0" stays as written).
                if not _BLANK_BEFORE_STOP.search(text):
                    out = _BLANK_BEFORE_STOP.sub("", out)
                # Before the terms go back: a stand-in month is never a term's word.
                translated_html[i] = months.put_back(lead + out + trail, dates[i], target)
        engine, pivot = self.describe_pair(source, target)
        results: list[Translation] = []
        for i, text in enumerate(texts):
            if i in busy:
                out, spans = restore(translated_html[i], prepared[i])
            else:
                out, spans = text, tuple(None for _ in prepared[i].terms)
            if swears and swears[i]:
                out = censored.put_back(out, swears[i])
            if log.isEnabledFor(logging.DEBUG):
                log.debug("apertium %s: %r -> %r", engine, text, out)
            # Spans of the caller's terms only: the names found here are the engine's business.
            reworded, untranslated = notes.get(i, ((), ()))
            results.append(
                Translation(out, engine, pivot, spans[: len(given[i])], reworded, untranslated)
            )
        return results

    def legs(
        self, html: list[str], sources: list[str], modes: Sequence[str], source: str, target: str
    ) -> tuple[list[str], list[set[str]]]:
        """HTML texts through every leg of the route, and per text the source words left
        untranslated in it (lower case: surface forms, or lemmas where the generator gave one)."""
        pieces = deformat(html, self.timeout_s)
        passed: list[set[str]] = [set() for _ in pieces]
        left: list[set[str]] = [set() for _ in pieces]
        for leg, mode in enumerate(modes):
            out = self.pool(mode).run(pieces)
            out = [
                lowercase_after_unknown(unescape_marks(o, p), p)
                for o, p in zip(out, pieces, strict=True)
            ]
            if len(modes) > 1 and leg == 0:
                # Source words the first leg did not know pass through: not pivot words.
                passed = [{w.lower() for _, _, w in marked_words(p)} for p in out]
                left = [set(p) for p in passed]
            elif leg > 0:
                out, back = self.pivot_words.leaks(out, passed, sources, modes)
                left = [a | b for a, b in zip(left, back, strict=True)]
            if leg == len(modes) - 1:
                # Source words still left, tried alone through the other routes.
                if len(modes) == 1:
                    out, _ = self.unknown.retry_unknown(out, source, target)
                    left = [{w.lower() for _, _, w in marked_words(p)} for p in out]
                else:
                    out, said = self.unknown.retry_unknown(out, source, target, left)
                    left = [a - b for a, b in zip(left, said, strict=True)]
            # Marks must go before the next leg, which would read "#casa" as punctuation.
            pieces = [strip_marks(p) for p in out]
        pieces = [strip_marks(p, drop_empty_blanks=True) for p in pieces]
        # Placeholders of protected terms pass every leg unknown: they are no left-over words.
        left = [{w for w in ws if not w.startswith(PLACEHOLDER.lower())} for ws in left]
        return reformat(pieces, self.timeout_s), left

    def close(self) -> None:
        """Terminate every Apertium process; a later translate() starts them again."""
        _close_all(self._pools, self.helpers, self.lookups)

    def __enter__(self) -> ApertiumTranslator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

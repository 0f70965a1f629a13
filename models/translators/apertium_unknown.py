"""What to do with the words an Apertium route cannot translate, so none is left in the source
(or pivot) language.

Apertium's generator marks them (apertium_words.marked_words). In order:
1. a pivot word the second leg did not know ("reporteros" in French) goes to its lemma or to
   another translation of the same source word that the second leg knows, else through the
   pivot's other routes to the target (es->ca->it: "adolecer" -> "soffre"), else its source
   word through the source's other routes, else kept where the target writes it the same
   ("dracma"), else back to the source word it came from: apertium_pivot.py
   (``PivotWords.leaks``, which says which source words it put back), with this module's
   translations alone;
2. a source word left, either way (Catalan "chairman" on en->ca, "spinach" put back on
   en->es->fr), is tried alone through the pair's other routes: en->es->ca gives
   "president", en->ca->fr "épinard" (``retry_unknown``);
3. an English source word still left over is said another way (apertium_reword.py). (One
   the target also writes, "punch" in Italian, is often another word there: the drink.)
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .apertium_format import strip_marks
from .apertium_stream import marked_words
from .apertium_words import escape, readings, unescape_marks
from .name_words import is_title

if TYPE_CHECKING:
    from .apertium import ApertiumTranslator

log = logging.getLogger("tidings.translators.apertium")

_CACHE_LIMIT = 20000
_MISSING = object()


def _may_be_same(word: str) -> bool:
    """Whether a word may be asked if the target writes it the same: lower case, five
    letters or more (shorter ones are too often another word there: "on" is French)."""
    return len(word) >= 5 and word.isalpha() and word.islower()


def case_like(word: str, model: str) -> str:
    """``word`` with its first letter in the case of ``model``'s."""
    first = word[:1].upper() if model[:1].isupper() else word[:1].lower()
    return first + word[1:]


class UnknownWords:
    """Steps 2 and 3 of the module docstring, and the lookups step 1 (apertium_pivot.py)
    makes, for one translator; thread-safe."""

    def __init__(self, translator: ApertiumTranslator) -> None:
        self._t = translator
        # (modes, word) -> its translation alone, or None when some leg marked it.
        self._alone: dict[tuple[tuple[str, ...], str], str | None] = {}

    def alone(self, words: Sequence[str], modes: Sequence[str]) -> list[str | None]:
        """Each word translated on its own through ``modes``; None where a leg marked it."""
        key = tuple(modes)
        # A local copy: another thread may clear the shared cache meanwhile.
        cached = {w: self._alone.get((key, w), _MISSING) for w in set(words)}
        found = {w: v for w, v in cached.items() if v is not _MISSING}
        todo = sorted(w for w, v in cached.items() if v is _MISSING)
        if todo:
            out, failed = [escape(w) for w in todo], [False] * len(todo)
            for leg, mode in enumerate(modes):
                # A generator escapes the mark of a word the bilingual dictionary lacks
                # (gl-es: "majestic" -> gl "maxestoso" -> "\@maxestoso"), as in legs().
                given, out = out, self._t.run_alone(mode, out)
                out = [unescape_marks(o, g) for o, g in zip(out, given, strict=True)]
                marks = [marked_words(o) for o in out]
                if leg and leg == len(modes) - 1:
                    # A word of the language before that the target writes the same is the
                    # target's too (gl "cosmopolita" is Portuguese; spelling.py).
                    marked = sorted({m[2] for ms in marks for m in ms if _may_be_same(m[2])})
                    # The dictionary that wrote a word reads it back.
                    back = self._t.reverse_mode(modes[leg - 1])
                    readers = [back] if back else self._t.modes_from(self._t.language_of(mode))
                    same = self.same_in(self._t.language_of(mode, source=False), marked,
                                        self.lemmas(readers, marked))  # fmt: skip
                    marks = [[m for m in ms if m[2] not in same] for ms in marks]
                failed = [f or bool(ms) for f, ms in zip(failed, marks, strict=True)]
                # A leg capitalises a text's first word, and the next leg reads a capitalised
                # word more leniently than the same word inside a sentence ("Policía" is known
                # to es->it, "policía" is not): the word goes on in its own case.
                out = [case_like(strip_marks(o), w) for o, w in zip(out, todo, strict=True)]
            if len(self._alone) > _CACHE_LIMIT:
                self._alone.clear()
            for word, o, bad in zip(todo, out, failed, strict=True):
                found[word] = None if bad else o.replace("[]", "").strip() or None
                self._alone[(key, word)] = found[word]
        return [found[w] for w in words]

    def retry_unknown(
        self,
        pieces: list[str],
        source: str,
        target: str,
        words: Sequence[set[str]] | None = None,
    ) -> tuple[list[str], list[set[str]]]:
        """Step 2: source words the route left, retried alone through the other
        routes of the pair (the translator's ``other_routes``, in order); the first route that
        knows a word all the way replaces it. These are the marked lower-case words and titles;
        after a pivot, only those in ``words`` (per piece, lower case: the source words the
        first leg passed or ``PivotWords.leaks`` put back).
        Also returns, per piece, the words replaced (lower case)."""
        said: list[set[str]] = [set() for _ in pieces]
        routes = self._t.other_routes(source, target)
        marked = [marked_words(p) for p in pieces]
        if not routes or not any(marked):
            return pieces, said
        capitalised = {m[2] for ms in marked for m in ms if m[2][:1].isupper()}
        written_so = self.capitalised_words(sorted(capitalised), source)

        def wanted(i: int, word: str) -> bool:
            # Lower-case words, titles ("Mr": en->ca lacks it, en->es->ca has "senyor") and
            # words the language writes capitalised ("Georgian"); any other capitalised word
            # is a name's ("the Rhinos": never "les Rhinocéros").
            ordinary = word[:1].islower() or is_title(word, source) or word in written_so
            return ordinary and (words is None or word.lower() in words[i])

        found = [[m for m in ms if wanted(i, m[2])] for i, ms in enumerate(marked)]
        better = self.first_route(sorted({m[2] for ms in found for m in ms}), routes)
        fixed: list[str] = []
        for piece, marks, mine in zip(pieces, found, said, strict=True):
            for start, end, word in reversed(marks):
                if better.get(word):
                    # The target writes "géorgien" where English writes "Georgian".
                    out = better[word].lower()
                    out = out if word in written_so else case_like(out, word)
                    piece = piece[:start] + escape(out) + piece[end:]
                    mine.add(word.lower())
            fixed.append(piece)
        return fixed, said

    def same_in(
        self, language: str | None, words: Sequence[str], lemmas: dict[str, list[str]]
    ) -> set[str]:
        """The ``words`` ``language`` writes the same, as a form of the same lemma (its
        spelling dictionary's stems meet ``lemmas[word]``, the word's lemmas in the language
        it came from: "conspirada" is "conspirar" in Spanish and Portuguese), of those
        ``_may_be_same`` lets through."""
        asked = sorted({w for w in words if _may_be_same(w)})
        if not language or not asked:
            return set()
        stems = self._t.spelling.stems(language, asked)
        return {w for w in asked if stems[w] & {x.lower() for x in [w, *lemmas.get(w, [])]}}

    def capitalised_words(self, words: Sequence[str], language: str) -> set[str]:
        """The capitalised ``words`` that some dictionary of ``language`` lists as an ordinary
        word only when capitalised ("Georgian" as an adjective, "Tories" as a noun: English
        writes them so). A name's word ("Rhinos") is also an ordinary word in lower case."""
        if not words:
            return set()
        capital: set[str] = set()
        lower: set[str] = set()
        asked = [*words, *(w.lower() for w in words)]
        for mode in self._t.modes_from(language):
            analysed = self._t.analyser(mode).analyse(asked)
            for word, analysis in zip(asked, analysed, strict=True):
                if any("<np>" not in tags for _, tags in readings(analysis)):
                    (capital if word[:1].isupper() else lower).add(word)
        return {w for w in capital if w.lower() not in lower}

    def first_route(self, words: Sequence[str], routes: Sequence[Sequence[str]]) -> dict[str, str]:
        """Each word's translation alone by the first of ``routes`` that knows it all the way;
        words none knows are absent."""
        better: dict[str, str] = {}
        todo = list(words)
        for modes in routes:
            if not todo:
                break
            # A route's first analyser must know the word: one that does not would fail it
            # anyway, after starting the route's chains ("jockeys" is in no English one).
            known = [w for w, u in zip(todo, self._t.analyser(modes[0]).unknown(todo),
                                       strict=True) if not u]  # fmt: skip
            for word, out in zip(known, self.alone(known, modes), strict=True):
                if out:
                    better[word] = out
            todo = [w for w in todo if w not in better]
        return better

    def lemmas(self, modes: Sequence[str], words: Sequence[str]) -> dict[str, list[str]]:
        """Each word's lemmas by the analysers of ``modes`` (of one language)."""
        found: dict[str, list[str]] = {w: [] for w in words}
        for mode in modes if words else ():
            for word, a in zip(words, self._t.analyser(mode).analyse(list(words)), strict=True):
                found[word] += [lemma for lemma, _ in readings(a) if lemma not in found[word]]
        return found

    def clean(
        self, options: dict[str, list[str]], modes: Sequence[str], others: bool = False
    ) -> dict[str, list[str]]:
        """Per token, its alternatives the whole route translates without a mark, in order;
        with ``others``, also single words one of the pair's other routes translates (the
        main route's left-over words go that way, word by word: ``retry_unknown``)."""
        words = sorted({w for ws in options.values() for w in ws})
        clean = {w for w, out in zip(words, self.alone(words, modes), strict=True) if out}
        source, target = self._t.language_of(modes[0]), self._t.language_of(modes[-1], False)
        for route in self._t.other_routes(source or "", target or "") if others else ():
            rest = [w for w in words if w not in clean and " " not in w]
            if not rest:
                break
            clean |= {w for w, out in zip(rest, self.alone(rest, route), strict=True) if out}
        return {token: [w for w in ws if w in clean] for token, ws in options.items()}

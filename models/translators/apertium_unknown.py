"""What to do with the words an Apertium route cannot translate, so none is left in the source
(or pivot) language.

Apertium's generator marks them (apertium_words.marked_words). In order:
1. a pivot word the second leg did not know ("reporteros" in French) goes to its lemma or to
   another translation of the same source word that the second leg knows, else through the
   pivot's other routes to the target (es->ca->it: "adolecer" -> "soffre"), else its source
   word through the source's other routes, else kept where the target writes it the same
   ("dracma"), else back to the source word it came from: ``pivot_leaks``, which says which
   source words it put back;
2. a source word left, either way (Catalan "chairman" on en->ca, "spinach" put back on
   en->es->fr), is tried alone through the pair's other routes: en->es->ca gives
   "president", en->ca->fr "épinard" (``retry_unknown``);
3. an English source word still left over is said another way (apertium_reword.py). (One
   the target also writes, "punch" in Italian, is often another word there: the drink.)
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .apertium_format import strip_marks
from .apertium_stream import marked_words
from .apertium_words import escape, readings, unescape_marks
from .name_words import is_title

if TYPE_CHECKING:
    from .apertium import ApertiumTranslator

log = logging.getLogger("tidings.translators.apertium")

_SOURCE_WORD = re.compile(r"[^\W\d_]{2,}")
_CACHE_LIMIT = 20000
_MISSING = object()


def _near(word: str, origins: dict[str, str]) -> str | None:
    """The source word whose translation alone shares the longest start with ``word`` (an
    inflection apart: "reunieron" / "reunido"), if at least five letters and most of both."""
    best, size = None, 0
    for translated, origin in origins.items():
        n = len(os.path.commonprefix([word, translated]))
        if n >= 5 and n >= 0.6 * max(len(word), len(translated)) and n > size:
            best, size = origin, n
    return best


def _sources(offered: dict[str, set[tuple[str, str]]], forms: Sequence[str]) -> list[str]:
    """The source lemmas the bilingual dictionary translates into any of ``forms``."""
    return sorted({s for form in forms for s, _ in offered.get(form.lower(), ())})


def _siblings(offered: dict[str, set[tuple[str, str]]], forms: Sequence[str]) -> list[str]:
    """The other target lemmas of the same source words, as the same part of speech ("star"
    as a verb: "protagonizar", not "estrella")."""
    mine = {pair for form in forms for pair in offered.get(form.lower(), ())}
    lower = {f.lower() for f in forms}
    return [t for t, pairs in sorted(offered.items()) if pairs & mine and t not in lower]


def _may_be_same(word: str) -> bool:
    """Whether a word may be asked if the target writes it the same: lower case, five
    letters or more (shorter ones are too often another word there: "on" is French)."""
    return len(word) >= 5 and word.isalpha() and word.islower()


def case_like(word: str, model: str) -> str:
    """``word`` with its first letter in the case of ``model``'s."""
    first = word[:1].upper() if model[:1].isupper() else word[:1].lower()
    return first + word[1:]


class UnknownWords:
    """The three steps of the module docstring for one translator; thread-safe."""

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
        first leg passed or ``pivot_leaks`` put back).
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

    def pivot_leaks(
        self, pieces: list[str], passed: list[set[str]], texts: list[str], modes: Sequence[str]
    ) -> tuple[list[str], list[set[str]]]:
        """Step 1: a pivot-language word the second leg marked unknown is said another way in
        the pivot language when the second leg knows one (``_pivot_alternatives``), else
        translated alone through the pivot's other routes, else its source word through the
        source's, else kept where the target writes it the same (``same_in``), else replaced
        by the source word it came from (the first leg's translation of each source word
        alone, or its bilingual dictionary, finds it). Also returns, per piece, the
        source words put back. One with neither is left as it is."""
        first, second = modes[0], modes[-1]
        leaks = [
            [m for m in marked_words(p) if m[2].lower() not in known]
            for p, known in zip(pieces, passed, strict=True)
        ]
        put_back: list[set[str]] = [set() for _ in pieces]
        if not any(leaks):
            return pieces, put_back
        words = sorted({w for i, found in enumerate(leaks) if found
                        for w in _SOURCE_WORD.findall(texts[i])})  # fmt: skip
        alone = [strip_marks(t).replace("[]", "").strip() for t in self._t.pool(first).run(words)]
        origins: dict[str, str] = {}
        for word, pivot_word in zip(words, alone, strict=True):
            origins.setdefault(pivot_word.lower(), word)
        for word, pivot_word in zip(words, alone, strict=True):
            # "rebel" -> "se rebela": the second leg meets "rebela" alone.
            for part in pivot_word.lower().split()[1:]:
                origins.setdefault(part, word)
        # "bleating" -> "balando" alone, "balaban" in context: the same lemma, "balar".
        by_lemma: dict[str, str] = {}
        for word, lemmas in zip(words, self.pivot_lemmas(alone), strict=True):
            for lemma in lemmas:
                by_lemma.setdefault(lemma.lower(), word)
        leaked = sorted({m[2] for ms in leaks for m in ms})
        leaked_lemmas = dict(zip(leaked, self.pivot_lemmas(leaked), strict=True))
        for word, lemmas in leaked_lemmas.items():
            found = next((by_lemma[x.lower()] for x in lemmas if x.lower() in by_lemma), None)
            if found and word.lower() not in origins:
                origins[word.lower()] = found
        # In its sentence a word may take a translation it does not take alone ("stars" ->
        # "protagoniza"): the bilingual dictionary's options for the text's words find it,
        # and the other pivot words the dictionary has for the same source word.
        leaky = [i for i, found in enumerate(leaks) if found]
        offered = dict(zip(leaky, self._t.bilingual(first).options([texts[i] for i in leaky]),
                           strict=True))  # fmt: skip
        siblings: dict[str, list[str]] = {}
        for i in leaky:
            for _, _, word in leaks[i]:
                more = siblings.setdefault(word, [])
                more += [t for t in _siblings(offered[i], [word, *leaked_lemmas[word]])
                         if t not in more]  # fmt: skip
        said = self._pivot_alternatives(leaked, leaked_lemmas, siblings, second)
        # The source word each pivot word came from, where the first leg's translations of
        # the text's words alone tell ("reunieron" / "reunido": an inflection apart).
        origin_of = {w: origins.get(w.lower()) or _near(w.lower(), origins) for w in leaked}
        # The pivot word as the first leg chose it in its sentence, through the pivot's other
        # routes to the target (es->ca->it: "adolecer" -> "soffre"), before its source word.
        pivot, target = self._t.language_of(second), self._t.language_of(second, source=False)
        if pivot and target:
            # Not one that stands for a name ("Rinocerontes" for "the Rhinos": never
            # "Rhinocéros"): the name goes back.
            def named(word: str) -> bool:
                return word[:1].isupper() and (origin_of[word] or "")[:1].isupper()

            rest = [w for w in leaked if not said.get(w) and not named(w)]
            said |= self.first_route(rest, self._t.other_routes(pivot, target))
            # Then the source word it came from through the source's other routes ("trasfondo"
            # for "background": en->ca->it "sfondo"), before a pivot word the target writes
            # the same ("dracma", "cosmopolita" in Spanish and Portuguese), which is the
            # target's word too but may be another word there ("trasfondo" is Italian for
            # "I transfuse").
            rest = [w for w in rest if not said.get(w)]
            came = {w: o for w in rest if (o := origin_of[w]) and " " not in o}
            source = self._t.language_of(first)
            if source and came:
                via = self.first_route(sorted(set(came.values())),
                                       self._t.other_routes(source, target))  # fmt: skip
                said |= {w: via[o] for w, o in came.items() if o in via}
            rest = [w for w in rest if not said.get(w)]
            lower = {w.lower(): leaked_lemmas.get(w, []) for w in rest}
            same = self.same_in(target, list(lower), lower)
            said |= {w: w for w in rest if w.lower() in same}
        fixed: list[str] = []
        for i, (piece, found, back) in enumerate(zip(pieces, leaks, put_back, strict=True)):
            for start, end, word in reversed(found):
                if said.get(word):
                    piece = piece[:start] + escape(case_like(said[word], word)) + piece[end:]
                    continue
                origin = origin_of[word]
                if origin is None:
                    origin = next(iter(_sources(offered[i], [word, *leaked_lemmas[word]])), None)
                if origin is None:
                    log.debug("apertium: pivot word %r kept, no source word found", word)
                    continue
                back.update(origin.lower().split())  # "suffer from": a lemma of two words
                if word[:1].isupper():
                    origin = origin[:1].upper() + origin[1:]
                # Marked, so that retry_unknown tries a one-word source word through the
                # other routes; strip_marks drops the mark of one still left.
                mark = "" if " " in origin else "*"
                piece = piece[:start] + mark + escape(origin) + piece[end:]
            fixed.append(piece)
        return fixed, put_back

    def lemmas(self, modes: Sequence[str], words: Sequence[str]) -> dict[str, list[str]]:
        """Each word's lemmas by the analysers of ``modes`` (of one language)."""
        found: dict[str, list[str]] = {w: [] for w in words}
        for mode in modes if words else ():
            for word, a in zip(words, self._t.analyser(mode).analyse(list(words)), strict=True):
                found[word] += [lemma for lemma, _ in readings(a) if lemma not in found[word]]
        return found

    def pivot_lemmas(self, words: Sequence[str]) -> list[list[str]]:
        """The lemmas of each pivot-language word, by the pivot's richest analyser (the one
        of its pair with English); none where there is no such pair."""
        reader = self._t.route_or_none(self._t.pivot, "en")
        if not words or reader is None:
            return [[] for _ in words]
        analysed = self._t.analyser(reader[0]).analyse(list(words))
        return [list(dict.fromkeys(lemma for lemma, _ in readings(a))) for a in analysed]

    def _pivot_alternatives(
        self,
        words: list[str],
        lemmas: dict[str, list[str]],
        siblings: dict[str, list[str]],
        second: str,
    ) -> dict[str, str]:
        """Per pivot word, the second leg's translation of its first alternative that the leg
        translates without a mark: its lemmas ("muchos" -> "mucho"), then the other pivot
        words the first leg's dictionary gives for the same source word ("lancha" for
        "launch" -> "lanzamiento"). (A synonym from a thesaurus without senses, as the
        Spanish one is, too often means something else: "narinas" -> "ventanas".)"""
        options = {
            word: list(dict.fromkeys(
                [x for x in lemmas.get(word, []) if x.lower() != word.lower()]
                + siblings.get(word, [])
            ))
            for word in words
        }  # fmt: skip
        chosen = {w: found[0] for w, found in self.clean(options, [second]).items() if found}
        said = dict(zip(chosen, self.alone(list(chosen.values()), [second]), strict=True))
        return {w: out for w, out in said.items() if out}

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

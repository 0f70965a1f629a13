"""Step 1 of apertium_unknown.py: a pivot word the second leg of a route did not know
("reporteros" in French) goes to its lemma or to another translation of the same source word
that the second leg knows, else through the pivot's other routes to the target (es->ca->it:
"adolecer" -> "soffre"), else its source word through the source's other routes, else is kept
where the target writes it the same ("dracma"), else goes back to the source word it came
from, which step 2 retries through the pair's other routes.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .apertium_format import strip_marks
from .apertium_stream import marked_words
from .apertium_unknown import UnknownWords, case_like
from .apertium_words import escape, readings

if TYPE_CHECKING:
    from .apertium import ApertiumTranslator

log = logging.getLogger("tidings.translators.apertium")
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


def _sources(offered: dict[str, set[tuple[str, str]]], forms: Sequence[str]) -> list[str]:
    """The source lemmas the bilingual dictionary translates into any of ``forms``."""
    return sorted({s for form in forms for s, _ in offered.get(form.lower(), ())})


def _siblings(offered: dict[str, set[tuple[str, str]]], forms: Sequence[str]) -> list[str]:
    """The other target lemmas of the same source words, as the same part of speech ("star"
    as a verb: "protagonizar", not "estrella")."""
    mine = {pair for form in forms for pair in offered.get(form.lower(), ())}
    lower = {f.lower() for f in forms}
    return [t for t, pairs in sorted(offered.items()) if pairs & mine and t not in lower]


class PivotWords:
    """The pivot words a route's second leg left, for one translator; thread-safe (it keeps
    nothing: ``UnknownWords`` remembers the translations alone)."""

    def __init__(self, translator: ApertiumTranslator, unknown: UnknownWords) -> None:
        self._t = translator
        self._unknown = unknown

    def leaks(
        self, pieces: list[str], passed: list[set[str]], texts: list[str], modes: Sequence[str]
    ) -> tuple[list[str], list[set[str]]]:
        """Step 1: a pivot-language word the second leg marked unknown is said another way in
        the pivot language when the second leg knows one (``_alternatives``), else
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
        for word, lemmas in zip(words, self.lemmas(alone), strict=True):
            for lemma in lemmas:
                by_lemma.setdefault(lemma.lower(), word)
        leaked = sorted({m[2] for ms in leaks for m in ms})
        leaked_lemmas = dict(zip(leaked, self.lemmas(leaked), strict=True))
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
        said = self._alternatives(leaked, leaked_lemmas, siblings, second)
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
            said |= self._unknown.first_route(rest, self._t.other_routes(pivot, target))
            # Then the source word it came from through the source's other routes ("trasfondo"
            # for "background": en->ca->it "sfondo"), before a pivot word the target writes
            # the same ("dracma", "cosmopolita" in Spanish and Portuguese), which is the
            # target's word too but may be another word there ("trasfondo" is Italian for
            # "I transfuse").
            rest = [w for w in rest if not said.get(w)]
            came = {w: o for w in rest if (o := origin_of[w]) and " " not in o}
            source = self._t.language_of(first)
            if source and came:
                via = self._unknown.first_route(sorted(set(came.values())),
                                       self._t.other_routes(source, target))  # fmt: skip
                said |= {w: via[o] for w, o in came.items() if o in via}
            rest = [w for w in rest if not said.get(w)]
            lower = {w.lower(): leaked_lemmas.get(w, []) for w in rest}
            same = self._unknown.same_in(target, list(lower), lower)
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

    def lemmas(self, words: Sequence[str]) -> list[list[str]]:
        """The lemmas of each pivot-language word, by the pivot's richest analyser (the one
        of its pair with English); none where there is no such pair."""
        reader = self._t.route_or_none(self._t.pivot, "en")
        if not words or reader is None:
            return [[] for _ in words]
        analysed = self._t.analyser(reader[0]).analyse(list(words))
        return [list(dict.fromkeys(lemma for lemma, _ in readings(a))) for a in analysed]

    def _alternatives(
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
        chosen = {
            w: found[0] for w, found in self._unknown.clean(options, [second]).items() if found
        }
        said = dict(zip(chosen, self._unknown.alone(list(chosen.values()), [second]), strict=True))
        return {w: out for w, out in said.items() if out}

"""English words no Apertium route translates, said another way (step 3 of
apertium_unknown.py).

An English source word still left over after the pivot steps is found in the English text,
read as its sentence has it (apertium_reading.py: spaCy's tag; Apertium's English analyser
for the lemma, or the tagger's for a verb, or a plural whose singular no dictionary has
either; with its neighbour, a compound noun the thesaurus has), and replaced by
the first of its alternatives (apertium_alternatives.py: "not considered", "school girl",
"young mammals", "fugitive") that the whole route translates alone, or, for one word, another
route. The text is translated again. An alternative that translates alone but is left over in
its sentence gives way to the next one, for a few rounds. Last, an adjective with none is said
by its WordNet definition after the nouns it describes ("upmarket store" -> "store designed for
consumers with high incomes"), or after a word that grades it by the adjective it is a kind of
("more storied" -> "more glorious"). A word with no such alternative stays as it is.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from . import names
from .apertium_alternatives import Alternatives
from .apertium_format import Prepared, prepare
from .apertium_reading import (
    adjective_misread,
    definition_place,
    graded,
    penn_tags,
    phrase,
    plural_singulars,
    read_in_sentence,
    verb_read_as_adjective,
)
from .apertium_unknown import UnknownWords, case_like
from .apertium_words import readings, word_spans
from .plaintext import fixed_span
from .prefixes import PREFIXES, prefixed
from .senses import meant, said_already, sentence_at
from .thesaurus import Thesaurus

if TYPE_CHECKING:
    from .apertium import ApertiumTranslator

log = logging.getLogger("tidings.translators.apertium")

# An occurrence of a left-over word: start, end, the word, the key of its alternatives, where
# a definition would stand for it, and whether a word grades it ("more").
_Occurrence = tuple[int, int, str, str, tuple[int, int, str] | None, bool]
# How many times a text is translated again with other words for its left-over ones.
REWORD_ROUNDS = 3


class Rewording:
    """Step 3 for one translator; thread-safe. Without a thesaurus it changes nothing."""

    def __init__(
        self, translator: ApertiumTranslator, unknown: UnknownWords, thesaurus: Thesaurus | None
    ) -> None:
        self._t = translator
        self._unknown = unknown
        self.thesaurus = thesaurus
        self.alternatives = Alternatives(translator, unknown, thesaurus) if thesaurus else None

    def run(
        self,
        busy: list[int],
        sources: list[str],
        prepared: list[Prepared],
        terms: list[list[str]],
        done: list[str],
        left: list[set[str]],
        modes: Sequence[str],
        target: str,
        reworded: list[dict[str, str]],
        hyphens: Sequence[frozenset[int]] = (),
    ) -> tuple[list[str], list[set[str]]]:
        """English words left over said another way (``substitute``) and those
        texts translated again (``sources``, ``prepared`` and ``reworded``, word -> what
        stands for it, follow); also the words each text still leaves over. An alternative
        that translates alone but is left over in its sentence gives way to the next one.
        ``hyphens[i]``: where text ``i`` of ``sources`` had a hyphen the translator sent as a
        blank ("pro-democracy" is a prefix's, "a pro golfer" a professional)."""
        # Every round rewrites the original texts' first left-over words; ``left`` follows
        # what each text's latest translation still leaves.
        first, left = list(left), list(left)
        originals = [sources[i] for i in busy]
        skip: dict[str, int] = {}
        pending = list(range(len(busy)))
        for _ in range(REWORD_ROUNDS):
            rewritten, used = self.substitute(
                [originals[k] for k in pending], [first[k] for k in pending], modes,
                lambda j, start, end, at=pending: fixed_span(originals[at[j]], terms[busy[at[j]]],
                                                         start, end),
                skip, [hyphens[busy[k]] if hyphens else frozenset() for k in pending],
            )  # fmt: skip
            changed = [(k, t, u) for k, t, u in zip(pending, rewritten, used, strict=True) if u]
            if not changed:
                break
            for k, text, _ in changed:
                sources[busy[k]] = text
                prepared[busy[k]] = prepare(text, terms[busy[k]])
            html = [prepared[busy[k]].html for k, _, _ in changed]
            redone, still = self._t.legs(html, [t for _, t, _ in changed], modes, "en", target)
            pending = []
            for (k, _, chosen), out, now in zip(changed, redone, still, strict=True):
                done[k], left[k] = out, now
                reworded[k] = {key.split("\t", 1)[0]: alt for key, alt in chosen.items()}
                leaking = [w for w, alt in chosen.items() if set(alt.lower().split()) & now]
                for word in leaking:
                    skip[word] = skip.get(word, 0) + 1
                if leaking:
                    pending.append(k)
            if not pending:
                break
        return done, left

    def substitute(
        self,
        texts: Sequence[str],
        left: Sequence[set[str]],
        modes: Sequence[str],
        keep: Callable[[int, int, int], bool],
        skip: dict[str, int] | None = None,
        hyphens: Sequence[frozenset[int]] = (),
    ) -> tuple[list[str], list[dict[str, str]]]:
        """Step 3: each English text with its left-over words (surface forms or lemmas, lower
        case) said another way where the thesaurus and the route allow, and per text the
        alternative used for each word. ``keep(i, start, end)`` says a span of text i must
        not change (a protected name); ``skip[word]`` passes over that many alternatives that
        translate alone but not in their sentence; ``hyphens`` as for ``run``. Texts with
        nothing to change come back as they were."""
        skip = skip or {}
        if self.alternatives is None or not any(left):
            return list(texts), [{} for _ in texts]
        # The English of the richest pair reads and inflects the words, whatever the route.
        english = self._t.route_or_none("en", self._t.pivot) or modes[:1]
        analyser = self._t.analyser(english[0])
        tokens = sorted({t for i, x in enumerate(texts) if left[i] for _, _, t in word_spans(x)})
        parsed = dict(zip(tokens, (readings(a) for a in analyser.analyse(tokens)), strict=True))
        tagged_texts = [penn_tags(text) if left[i] else {} for i, text in enumerate(texts)]

        def analyse(words: Sequence[str]) -> list[list[tuple[str, str]]]:
            return [readings(a) for a in analyser.analyse(list(words))]

        ways = self.alternatives
        singulars = plural_singulars(
            texts, tagged_texts, parsed, analyser, ways.thesaurus, ways.glossary
        )
        others = ways.glossary.others()
        # Occurrences to replace, and the alternatives of each word as tagged in its sentence
        # ("at dawn" is a noun, though Apertium's English knows "dawn" only as a verb).
        options: dict[str, list[str]] = {}
        read: dict[str, tuple[str, tuple[str, str], bool]] = {}
        todo: list[list[_Occurrence]] = []
        rewritten: dict[str, str] = {}  # key -> the prefixed word's whole rewrite
        for i, text in enumerate(texts):
            here: list[_Occurrence] = []
            tagged = tagged_texts[i]
            spans = list(word_spans(text)) if left[i] else []
            done_to = 0
            for k, (start, end, token) in enumerate(spans):
                lemmas = {lemma.lower() for lemma, _ in parsed.get(token, ())}
                if start < done_to or (token.lower() not in left[i] and not lemmas & left[i]):
                    continue
                # A prefix before its word: the closed word, or the prefix's meaning; never the
                # prefix alone by the thesaurus ("self described": "self" is no "consciousness").
                if token.lower() in PREFIXES:
                    hyphen = bool(hyphens) and end in hyphens[i]
                    rewrite = prefixed(text, spans, k, tagged, analyse, hyphen)
                    if rewrite and not keep(i, rewrite[0], rewrite[1]):
                        # What says the prefixed word is checked alone; the nouns moved
                        # before it were in the sentence ("stance" alone is "#postura").
                        written = f"{token}-{spans[k + 1][2]}"  # as the caller wrote it
                        key = f"{written}\tprefix\t{rewrite[2]}"
                        options[key], read[key] = [rewrite[3]], (token, ("", ""), False)
                        rewritten[key] = rewrite[2]
                        here.append((rewrite[0], rewrite[1], token, key, None, False))
                        done_to = rewrite[1]
                    continue
                # A capitalised word mid-sentence is a name's, whatever the dictionary says;
                # one of a letter or two is a symbol or an abbreviation ("600Mbit/s"), whose
                # senses in the thesaurus are guesses ("s" -> "second").
                initial = names.opens_sentence(text, start)
                if (token[:1].isupper() and not initial) or len(token) < 3 or keep(i, start, end):
                    continue
                # A compound the thesaurus has is said another way whole ("bowler hat" ->
                # "hat"): it names one thing, which its words alone may not.
                compound = phrase(text, spans, k, tagged, self.thesaurus)
                if compound and not keep(i, compound[0], compound[1]):
                    p_start, p_end, p_text, p_reading = compound
                    key = f"{p_text}\t{p_reading[1]}\tFalse"
                    if key not in options:
                        options[key] = self.alternatives.of_compound(p_text, p_reading, english[0])
                        read[key] = (p_text, p_reading, False)
                    if options[key]:
                        here.append((p_start, p_end, p_text, key, None, False))
                        done_to = p_end
                        continue
                reading = read_in_sentence(
                    token, parsed.get(token, []), tagged.get(start), singulars, others
                )
                if reading is None:
                    continue
                if not parsed.get(token) and adjective_misread(token, reading, self.thesaurus):
                    reading = (token.lower(), "<adj>")
                elif not parsed.get(token):
                    reading = verb_read_as_adjective(token, reading, self.thesaurus) or reading
                _, tagger_lemma, head = tagged.get(start, ("", "", False))
                # Where WordNet does not say which sense comes first, the sentence may.
                reading, sense = meant(
                    self.thesaurus, token, reading, tagger_lemma, sentence_at(text, start)
                )
                key = f"{token}\t{reading[0]}\t{reading[1]}\t{head}\t{sense}"
                if key not in options:
                    options[key] = self.alternatives.of(token, reading, english[0], head, sense)
                    read[key] = (token, reading, head)
                adjective = reading[1] == "<adj>"
                place = definition_place(text, spans, k, tagged) if adjective else None
                here.append((start, end, token, key, place, adjective and graded(spans, k, tagged)))
            todo.append(here)
        clean = self._unknown.clean(options, modes)
        # Each further way costs lookups through other pairs: only for words still without
        # one. First a one-word alternative by another route, then a round trip.
        missing = {k: ws for k, ws in options.items() if not clean.get(k)}
        clean.update(self._unknown.clean(missing, modes, others=True) if missing else {})
        trips = {
            k: self.alternatives.trips(*read[k], english[0]) for k in missing if not clean.get(k)
        }
        clean.update(self._unknown.clean(trips, modes, others=True) if any(trips.values()) else {})
        # Last, an adjective's definition after the nouns it describes, else the adjective it
        # is a kind of ("more storied" -> "more glorious"): each where an occurrence takes it.
        left_over = {k: read[k][1] for k in missing if not clean.get(k)}
        placed = {o[3] for here in todo for o in here if o[4] is not None}
        after_grade = {o[3] for here in todo for o in here if o[5]}
        defined = self._adjectives(
            {k: r for k, r in left_over.items() if k in placed},
            self.alternatives.definition, modes, english[0],
        )  # fmt: skip
        kinds = self._adjectives(
            {k: r for k, r in left_over.items() if k in after_grade},
            self.alternatives.kind_of, modes, english[0],
        )  # fmt: skip
        clean.update(defined)
        out: list[str] = []
        used: list[dict[str, str]] = []
        for text, here in zip(texts, todo, strict=True):
            mine: dict[str, str] = {}
            # The text as written, without the words being said another way.
            rest = text
            for start, end, *_ in here:
                rest = rest[:start] + " " * (end - start) + rest[end:]
            for start, end, token, key, place, grade in reversed(here):
                skipped = skip.get(key, 0)
                # A definition moves the nouns before it, never over another word changed.
                # After a word that grades it, the adjective it is a kind of stands in its
                # place ("more storied": "more glorious"); elsewhere that is too often
                # another meaning ("underway" is "current", "livid" "colorless").
                moved = (
                    key in defined
                    and place is not None
                    and not any(place[0] <= s < place[1] and s != start for s, *_ in here)
                )
                found = clean.get(key, [])[skipped:] if moved or key not in defined else []
                moved = moved and bool(found)
                found = found or (kinds.get(key, [])[skipped:] if grade else [])
                # Never one word its sentence already has, in any form: "the ebb and flow" is
                # no "flowing and flow". (A description may share one: "party delegates" for
                # "superdelegates" of "the Democratic Party".)
                sentence = sentence_at(rest, start)
                found = [f for f in found if " " in f or not said_already(f, sentence)]
                if not found:
                    log.info("apertium: no translatable alternative for %r", token)
                    continue
                mine[key] = said = found[0]
                if moved:
                    start, end, before = place
                    said = f"{before} {said}".strip()
                said = rewritten.get(key, said)
                text = text[:start] + case_like(said, text[start:end]) + text[end:]
            out.append(text)
            used.append(mine)
        return out, used

    def _adjectives(
        self,
        readings: dict[str, tuple[str, str]],
        ways: Callable[[tuple[str, str], str], list[str]],
        modes: Sequence[str],
        english: str,
    ) -> dict[str, list[str]]:
        """Per key of a left-over adjective, what ``ways`` offers for it that the route
        translates."""
        offered = {k: ways(r, english) for k, r in readings.items() if r[1] == "<adj>"}
        found = self._unknown.clean(offered, modes) if any(offered.values()) else {}
        return {k: v for k, v in found.items() if v}

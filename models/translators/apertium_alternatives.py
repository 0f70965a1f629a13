"""Other ways to say an English word no Apertium route translates, for apertium_reword.py.

Per word as read in its sentence (lemma and Apertium tags), inflected like it by Apertium's
English generator: our glossary's plain English (glossary.py: "tweeted" -> "sent a
message"), "not" and the word an "un-" adjective is made of ("not considered"), a
compound noun's halves ("school girl"), then the thesaurus's synonyms and broader terms
(thesaurus.py: "kittens" -> "young mammals"), an adverb in "-ly" as "in a ... manner" of
its adjective ("dismissively" -> "in a dismissive manner"); and, asked for last because each
costs lookups
through other pairs, the round trips: another English word that a pair's dictionary gives for
the word's translation ("runaway" is Galician "fuxitivo", which gl-en gives as "fugitive").
Which of them the route translates is for the caller to find out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import derived
from .apertium_unknown import UnknownWords
from .apertium_words import bidix_input, bidix_options, escape, readings
from .glossary import glossary
from .thesaurus import Thesaurus, pos_of

if TYPE_CHECKING:
    from .apertium import ApertiumTranslator

# Tags whose word is the lemma itself: an alternative the generator cannot inflect still fits.
_BASE_FORMS = frozenset({"<n><sg>", "<vblex><inf>", "<vblex><pres>", "<adj>", "<adv>"})
# A verb's past and present, which a noun or adjective written the same does not stand for.
_FINITE = frozenset({"<vblex><past>", "<vblex><pres>", "<vblex><pri><p3><sg>"})
# The word a multiword alternative is inflected on: a noun's head is last, a verb's first.
_HEAD_LAST = {"noun"}
# The prepositions a verb may take its object by ("cling to"): such a verb says what it says
# word by word. An adverb after it often makes an idiom a translator reads word by word
# ("dressed down" came out as es "vistió abajo"), and another word an odd phrase ("rusted"
# -> "changed integrity").
_GOVERNED = frozenset("to with for at from into onto upon against".split())
# How far up the thesaurus's broader terms to look ("nostril" -> "naris" -> "orifice"; a
# third step reaches "space" and no longer means the word), and how many alternatives a word
# may have in all.
BROADER_LEVELS = 2
MAX_ALTERNATIVES = 16
_OPTIONS_CACHE = 20000


def _plain(term: str) -> bool:
    """A term of ordinary words: no name ("Girl Scout"), no number; a description that opens
    with a nationality is one ("Greek monetary unit")."""
    words = term.split()
    return term.replace(" ", "").replace("-", "").isalpha() and (
        term.islower() or (len(words) > 1 and words[-1].islower())
    )


def _fits(term: str, pos: str) -> bool:
    """Whether ``term`` can stand for a word of ``pos``: a noun's of any words ("young
    mammal"), another's of one word, or a verb and the preposition it takes ("cling to")."""
    words = term.split()
    if pos == "noun" or len(words) == 1:
        return True
    return pos == "verb" and len(words) == 2 and words[1] in _GOVERNED


class Alternatives:
    """The alternatives of one translator's words, remembered; thread-safe."""

    def __init__(
        self, translator: ApertiumTranslator, unknown: UnknownWords, thesaurus: Thesaurus
    ) -> None:
        self._t = translator
        self._unknown = unknown
        self.thesaurus = thesaurus
        self.glossary = glossary()
        # (token, lemma, tags, mode, head) -> its alternatives, inflected
        self._options: dict[tuple[str, ...], list[str]] = {}

    def of(
        self,
        token: str,
        reading: tuple[str, str],
        mode: str,
        head: bool = False,
        sense: int | None = None,
    ) -> list[str]:
        """The alternatives for ``token`` read as ``reading``, inflected like it (remembered:
        the rounds and later calls ask again): "not" and the word an "un-" adjective is made
        of ("not considered"), a noun's two halves ("school girl"), then the
        thesaurus's synonyms, broader terms, and the broader terms of those ("broccoli" ->
        "crucifer" -> "herb"); for the ``head`` of a compound noun of several senses, only a
        synonym most of them share; ``sense`` (senses.meant) for the thesaurus's first.
        (``trips`` has the round trips, asked for last.)"""
        key = (token, *reading, mode, str(head), str(sense))
        found = self._options.get(key)
        if found is None:
            found = self._look_up(token, reading, mode, head, sense)
            if len(self._options) > _OPTIONS_CACHE:
                self._options.clear()
            self._options[key] = found
        return found

    def _look_up(
        self, token: str, reading: tuple[str, str], mode: str, head: bool, sense: int | None
    ) -> list[str]:
        assert self.thesaurus is not None
        thesaurus = self.thesaurus
        lemma, tags = reading
        pos = pos_of(tags)
        if pos is None:
            # A word of another kind ("versus", "whichever"): only our glossary says it.
            return self.glossary.of(lemma, "other") if tags == "<other>" else []
        # Our glossary's plain English first: written for the sense news uses ("tweeted" ->
        # "sent a message"), where the thesaurus has another sense or none.
        glossed = [self._inflect(g, pos, tags, mode) for g in self.glossary.of(lemma, pos)]
        # Not for a verb's past or present: "he spat" is no "quarrel".
        if not glossed and tags not in _FINITE:
            glossed = self.glossary.as_written(token)
        analyser = self._t.analyser(mode)
        negated = derived.negated(token, pos, tags, analyser)
        negated += derived.people(lemma, tags, analyser, self.thesaurus.wordnet)
        halves = self._halves(lemma, tags, mode) if pos == "noun" else []
        # A plural read by the tagger's singular splits as written: "hotpants" is "hot pants",
        # and "pant" is no noun. One the analyser knows splits by its lemma alone: "kittens"
        # is no "kit tens".
        if not halves and pos == "noun" and lemma != token.lower():
            (analysis,) = self._t.analyser(mode).analyse([token])
            halves = [] if readings(analysis) else self._halves(token.lower(), tags, mode)
        senses = len(thesaurus.senses_as(lemma.lower(), pos))
        # A head of several senses only by a word most of them share ("England skipper":
        # "captain"), unless its sentence said which ("chocolate brownie": the cake) or it
        # is mostly a person ("champion jockeys").
        several = head and senses > 1 and sense is None and not self._person(lemma, pos)
        found = (
            thesaurus.shared(lemma.lower(), pos)
            if several
            else thesaurus.alternatives(lemma.lower(), pos, lower=token.islower(), sense=sense)
        )
        # A doer in "-er" WordNet lacks, by the ending it has for that verb's doer
        # ("commenter" -> "commentator"), then as that word would be said.
        agent = thesaurus.wordnet.agent_noun(lemma) if pos == "noun" and not senses else None
        if agent:
            found = [agent, *found, *thesaurus.alternatives(agent, pos)]
        # Names and numbers are no way of saying an ordinary word, nor are their broader
        # terms ("Girl Scout" -> "scout" for "brownie").
        terms = [t for t in found if _plain(t) and _fits(t, pos)]
        frontier = [] if several else list(terms)
        for _ in range(BROADER_LEVELS):
            # Of several words, only a noun's or a verb and its preposition (`_fits`). Only a
            # term of one sense is looked up: the first of several is often another meaning
            # ("rider" is first a clause, whose broader term "article" is no jockey).
            frontier = [b for t in frontier if len(thesaurus.senses_as(t, pos)) == 1
                        for b in thesaurus.broader(t, pos)
                        if b not in terms and b != lemma and _plain(b)
                        and _fits(b, pos)]  # fmt: skip
            terms += list(dict.fromkeys(frontier))
        # The halves first: they say just what the word says ("doorbell" is a "door bell"
        # before a "buzzer"; "schoolgirl" a "school girl" before a "girl").
        inflected = [self._inflect(term, pos, tags, mode) for term in terms[:MAX_ALTERNATIVES]]
        # An adverb's "in a ... manner" after the thesaurus's words: "courageously" is
        # "bravely" before it is "in a courageous manner".
        adverb = derived.adverb(token, pos, analyser, self.thesaurus, self.glossary)
        words = [w for w in glossed if w] + negated + halves + [w for w in inflected if w] + adverb
        return [w for w in dict.fromkeys(words) if w.lower() != token.lower()]

    def of_compound(self, written: str, reading: tuple[str, str], mode: str) -> list[str]:
        """``of`` for a compound noun of two words ("bowler hat"): its own head first, where
        that is a broader term ("bowler hat" is a "hat"), before a synonym that may mean
        something else in the target ("derby" is Catalan "derbi", a match)."""
        head = written.split()[-1]
        return sorted(self.of(written, reading, mode), key=lambda w: w != head)

    def trips(self, token: str, reading: tuple[str, str], head: bool, mode: str) -> list[str]:
        """``round_trips`` of the word, inflected like it (remembered); none for the head of a
        compound noun of several senses."""
        assert self.thesaurus is not None
        key = ("trips", token, *reading, mode, str(head))
        found = self._options.get(key)
        if found is None:
            lemma, tags = reading
            pos = pos_of(tags)
            several = (
                head
                and len(self.thesaurus.senses_as(lemma.lower(), pos)) > 1
                and not self._person(lemma, pos)
            )
            terms = self.round_trips(lemma.lower(), pos, mode) if pos and not several else []
            inflected = [self._inflect(t, pos or "", tags, mode) for t in terms]
            found = [w for w in dict.fromkeys(inflected) if w and w.lower() != token.lower()]
            if len(self._options) > _OPTIONS_CACHE:
                self._options.clear()
            self._options[key] = found
        return found

    def round_trips(self, lemma: str, pos: str, mode: str) -> list[str]:
        """The other English words that a pair's dictionary gives for what it translates
        ``lemma`` as ("runaway" is gl "fuxitivo", which gl-en also gives as "fugitive"), for
        each language English has a pair with both ways; those English reads as ``pos``."""
        out: list[str] = []
        for there in self._t.modes_from("en"):
            back = self._t.reverse_mode(there)
            said = self._unknown.alone([lemma], [there])[0] if back else None
            if not said or not back or " " in said.strip():
                continue
            # Through chains that stop when unused: few texts need this, and the helpers of
            # three more pairs would stay in memory in every worker.
            analysis = self._t.lookups.run(back, [escape(said.strip())], "analyser")
            units = bidix_input(analysis)
            offered = bidix_options(self._t.lookups.run(back, units, "bidix"))[0]
            out += [w for w in sorted(offered) if w != lemma and w not in out and _plain(w)]
        if not out:
            return []
        # Read as the word is: the dictionary may pair them as another part of speech
        # (gl "fuxitivo" is "fugitive" as a noun and "runaway" as an adjective).
        read = self._t.analyser(mode).analyse([w.split()[-1] for w in out])
        kinds = [{pos_of(t) for _, t in readings(r)} for r in read]
        return [w for w, kind in zip(out, kinds, strict=True) if pos in kind]

    def definition(self, reading: tuple[str, str], mode: str) -> list[str]:
        """An adjective's WordNet definition, where it is a phrase that can follow a noun as
        the adjective goes before it: one that opens with a participle or "with(out)"
        ("upmarket" -> "designed for consumers with high incomes"). Asked for last: it
        stands for the word only where apertium_reading.definition_place finds a place."""
        lemma, tags = reading
        said = self.thesaurus.wordnet.adjective_definition(lemma) if tags == "<adj>" else None
        if not said:
            return []
        first = said.split()[0]
        if first in ("with", "without"):
            return [said]
        (analysis,) = self._t.analyser(mode).analyse([first])
        participle = ("<pp>", "<ger>", "<pprs>")
        found = [t for _, t in readings(analysis) if t.startswith("<vb")]
        return [said] if any(t.endswith(participle) for t in found) else []

    def kind_of(self, reading: tuple[str, str], mode: str) -> list[str]:
        """The adjective that the adjective's sense is a kind of in WordNet ("storied" ->
        "glorious"); none for a hyphenated one, which says what its parts say ("green-eyed"
        eyes are green: WordNet's is jealous, a kind of distrustful)."""
        lemma, tags = reading
        head = self.thesaurus.wordnet.adjective_head(lemma) if tags == "<adj>" else None
        return [head] if head and "-" not in lemma and _plain(head) else []

    def _person(self, lemma: str, pos: str | None) -> bool:
        return pos == "noun" and self.thesaurus.wordnet.mostly_a_person(lemma.lower())

    def _halves(self, lemma: str, tags: str, mode: str) -> list[str]:
        """A compound noun written as one word, as two the English dictionary knows, the
        second a noun inflected like the word ("schoolgirls" -> "school girls"); none when
        no cut gives two such words of three letters or more."""
        if not lemma.isalpha() or len(lemma) < 6:
            return []
        cuts = [(lemma[:k], lemma[k:]) for k in range(3, len(lemma) - 2)]
        analysed = self._t.analyser(mode).analyse([w for cut in cuts for w in cut])
        found = []
        for k, (first, _) in enumerate(cuts):
            a, b = readings(analysed[2 * k]), readings(analysed[2 * k + 1])
            # The first half describes the second as a singular noun or an adjective does
            # ("school girl"); a plural is another reading ("batsmen" is no "bats men").
            first_ok = any(
                x.lower() == first and (t.startswith("<adj>") or "<sg>" in t) for x, t in a
            )
            # The second half's noun lemma, inflected like the word ("styles" -> "style").
            head = next((x for x, t in b if t.startswith("<n>")), None)
            made = (
                self._inflect(f"{first} {head}", "noun", tags, mode) if first_ok and head else None
            )
            if made:
                found.append(made)
        return found

    def _inflect(self, term: str, pos: str, tags: str, mode: str) -> str | None:
        """``term`` inflected like the word (``tags``); None where the word is inflected and
        the generator cannot inflect the term ("navigated" is no "voyage")."""
        words = term.split()
        at = len(words) - 1 if pos in _HEAD_LAST else 0
        generated = self._t.generate(mode, f"{escape(words[at])}{tags}")
        if generated:
            words[at] = generated
        elif tags not in _BASE_FORMS:
            return None
        return " ".join(words)

"""English words no Apertium route translates, said another way (step 3 of
apertium_unknown.py).

An English source word still left over after the pivot steps is replaced, in the English text,
by a one-word synonym or a broader term from the thesaurus (thesaurus.py) that the whole route
translates alone ("kittens" -> "young mammals" where es->fr lacks "gatitos"; a compound noun
written as one word by its halves: "schoolgirl" -> "school girl"), tagged in its
sentence by spaCy and inflected like the word by Apertium's English generator; failing
those, another English word that a pair's dictionary gives for the word's translation
("runaway" is Galician "fuxitivo", which gl-en also gives as "fugitive"). The text is
translated again. An alternative that translates alone but is left over in its sentence gives
way to the next one, for a few rounds. A word with no such alternative stays as it is.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from . import names
from .apertium_format import Prepared, prepare
from .apertium_unknown import UnknownWords, case_like
from .apertium_words import Analyser, bidix_input, bidix_options, escape, readings, word_spans
from .plaintext import TAG_OR_ENTITY
from .thesaurus import Thesaurus

if TYPE_CHECKING:
    from .apertium import ApertiumTranslator

log = logging.getLogger("tidings.translators.apertium")

_SENTENCE_START = re.compile(r"(?:^|[.!?:;]['\"”’»)]*\s+|\n\s*|[\"“«(]\s*)$")
# Apertium's parts of speech and the thesaurus's names for them.
_POS = {"n": "noun", "vblex": "verb", "adj": "adj", "adv": "adv"}
# Tags whose word is the lemma itself: an alternative the generator cannot inflect still fits.
_BASE_FORMS = frozenset({"<n><sg>", "<vblex><inf>", "<vblex><pres>", "<adj>", "<adv>"})
# The word a multiword alternative is inflected on: a noun's head is last, a verb's first.
_HEAD_LAST = {"noun"}
# How far up the thesaurus's broader terms to look ("nostril" -> "naris" -> "orifice"; a
# third step reaches "space" and no longer means the word), and how many alternatives a word
# may have in all.
BROADER_LEVELS = 2
MAX_ALTERNATIVES = 16
_OPTIONS_CACHE = 20000
# How many times a text is translated again with other words for its left-over ones.
REWORD_ROUNDS = 3


def _plain(term: str) -> bool:
    """A term of ordinary words: no name ("Girl Scout"), no number; a description that opens
    with a nationality is one ("Greek monetary unit")."""
    words = term.split()
    return term.replace(" ", "").replace("-", "").isalpha() and (
        term.islower() or (len(words) > 1 and words[-1].islower())
    )


def opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence of ``text``."""
    return bool(_SENTENCE_START.search(text[:start]))


def _fixed(text: str, terms: Sequence[str], start: int, end: int) -> bool:
    """Whether text[start:end] touches a protected term or a caller's tag or entity."""
    spans = [m.span() for m in TAG_OR_ENTITY.finditer(text)]
    spans += [m.span() for term in terms if term for m in re.finditer(re.escape(term), text)]
    return any(a < end and start < b for a, b in spans)


# Penn Treebank tags (spaCy's English tagger) as Apertium's English tags, for the generator.
_PENN = {
    "NN": "<n><sg>", "NNS": "<n><pl>", "VB": "<vblex><inf>", "VBP": "<vblex><pres>",
    "VBZ": "<vblex><pri><p3><sg>", "VBD": "<vblex><past>", "VBN": "<vblex><pp>",
    "VBG": "<vblex><ger>", "JJ": "<adj>", "JJR": "<adj><sint><comp>",
    "JJS": "<adj><sint><sup>", "RB": "<adv>",
}  # fmt: skip


@lru_cache(maxsize=256)
def _penn_tags(text: str) -> dict[int, tuple[str, str, bool]]:
    """Each word's Penn tag in its sentence, its lemma, and whether it is the head of a
    compound noun, by where it starts; empty without spaCy (the lemma serves a verb Apertium's
    English lacks: "blended"). A head (a noun after another noun) is said another way only
    by a word of its one sense: "media outlet" says one thing, and another word for "outlet"
    says something else ("place of business"). The noun before ("rebel offensive")
    describes and may be said another way ("insurgent")."""
    nlp = names.pipeline("en")
    if nlp is None:
        return {}
    wanted = {"tok2vec", "tagger", "attribute_ruler"}
    doc = nlp(text, disable=[n for n in nlp.pipe_names if n not in wanted])
    # names.py loads the pipeline with its lemmatizer disabled; it is still there to call.
    if "lemmatizer" in nlp.component_names:
        doc = nlp.get_pipe("lemmatizer")(doc)
    tags = [t.tag_ for t in doc]
    out: dict[int, tuple[str, str, bool]] = {}
    for k, t in enumerate(doc):
        head = t.tag_ in ("NN", "NNS") and k > 0 and tags[k - 1].startswith("NN")
        out[t.idx] = (t.tag_, t.lemma_, head)
    return out


def _reading(
    token: str,
    parsed: list[tuple[str, str]],
    tagged: tuple[str, str, bool] | None,
    singulars: frozenset[str] = frozenset(),
) -> tuple[str, str] | None:
    """The (lemma, Apertium tags) of ``token`` as tagged in its sentence: the analyser's
    reading of that part of speech, else its lemma (or the tagger's, for a verb the analyser
    lacks, or for a plural noun whose singular is in ``singulars``) with the tagger's tags;
    without a tag, the analyser's first reading. None for a name or a word of another kind."""
    if tagged is None:
        return parsed[0] if parsed else None
    penn, lemma, _ = tagged
    tags = _PENN.get(penn)
    if tags is None:
        return None
    same = [r for r in parsed if r[1].startswith(tags.split(">", 1)[0] + ">")]
    exact = [r for r in same if r[1] == tags or r[1].startswith(tags)]
    if exact or same:
        return (exact or same)[0]
    # A noun before a noun is often tagged an adjective ("parallel drachma currency").
    nouns = [r for r in parsed if r[1].startswith("<n>")]
    if penn.startswith("JJ") and nouns:
        return nouns[0]
    # The tagger's lemma serves a verb the analyser lacks ("blended" -> "blend"); a noun it
    # lacks is most often a sense of its own (cricket's "fours", a feather's "barbs") that
    # the thesaurus's first sense of the lemma is not.
    if not parsed and (penn.startswith("VB") or lemma.lower() in singulars) and lemma:
        return lemma.lower(), tags
    return (parsed[0][0] if parsed else token.lower()), tags


class Rewording:
    """Step 3 for one translator; thread-safe. Without a thesaurus it changes nothing."""

    def __init__(
        self, translator: ApertiumTranslator, unknown: UnknownWords, thesaurus: Thesaurus | None
    ) -> None:
        self._t = translator
        self._unknown = unknown
        self.thesaurus = thesaurus
        # (token, lemma, tags, mode) -> its alternatives, inflected
        self._options: dict[tuple[str, ...], list[str]] = {}

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
    ) -> tuple[list[str], list[set[str]]]:
        """English words left over said another way (``substitute``) and those
        texts translated again (``sources``, ``prepared`` and ``reworded``, word -> what
        stands for it, follow); also the words each text still leaves over. An alternative
        that translates alone but is left over in its sentence gives way to the next one."""
        # Every round rewrites the original texts' first left-over words; ``left`` follows
        # what each text's latest translation still leaves.
        first, left = list(left), list(left)
        originals = [sources[i] for i in busy]
        skip: dict[str, int] = {}
        pending = list(range(len(busy)))
        for _ in range(REWORD_ROUNDS):
            rewritten, used = self.substitute(
                [originals[k] for k in pending], [first[k] for k in pending], modes,
                lambda j, start, end, at=pending: _fixed(originals[at[j]], terms[busy[at[j]]],
                                                         start, end),
                skip,
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
    ) -> tuple[list[str], list[dict[str, str]]]:
        """Step 3: each English text with its left-over words (surface forms or lemmas, lower
        case) said another way where the thesaurus and the route allow, and per text the
        alternative used for each word. ``keep(i, start, end)`` says a span of text i must
        not change (a protected name); ``skip[word]`` passes over that many alternatives that
        translate alone but not in their sentence. Texts with nothing to change come back as
        they were."""
        skip = skip or {}
        if self.thesaurus is None or not any(left):
            return list(texts), [{} for _ in texts]
        # The English of the richest pair reads and inflects the words, whatever the route.
        english = self._t.route_or_none("en", self._t.pivot) or modes[:1]
        analyser = self._t.analyser(english[0])
        tokens = sorted({t for i, x in enumerate(texts) if left[i] for _, _, t in word_spans(x)})
        parsed = dict(zip(tokens, (readings(a) for a in analyser.analyse(tokens)), strict=True))
        tagged_texts = [_penn_tags(text) if left[i] else {} for i, text in enumerate(texts)]
        singulars = self._singulars(texts, tagged_texts, parsed, analyser)
        # Occurrences to replace, and the alternatives of each word as tagged in its sentence
        # ("at dawn" is a noun, though Apertium's English knows "dawn" only as a verb).
        options: dict[str, list[str]] = {}
        read: dict[str, tuple[str, tuple[str, str], bool]] = {}
        todo: list[list[tuple[int, int, str, str]]] = []
        for i, text in enumerate(texts):
            here: list[tuple[int, int, str, str]] = []
            tagged = tagged_texts[i]
            for start, end, token in word_spans(text) if left[i] else ():
                lemmas = {lemma.lower() for lemma, _ in parsed.get(token, ())}
                if token.lower() not in left[i] and not lemmas & left[i]:
                    continue
                # A capitalised word mid-sentence is a name's, whatever the dictionary says.
                initial = opens_sentence(text, start)
                if (token[:1].isupper() and not initial) or keep(i, start, end):
                    continue
                reading = _reading(token, parsed.get(token, []), tagged.get(start), singulars)
                if reading is None:
                    continue
                head = tagged.get(start, ("", "", False))[2]
                key = f"{token}\t{reading[1]}\t{head}"
                if key not in options:
                    options[key] = self._alternatives(token, reading, english[0], head)
                    read[key] = (token, reading, head)
                here.append((start, end, token, key))
            todo.append(here)
        clean = self._unknown.clean(options, modes)
        # Each further way costs lookups through other pairs: only for words still without
        # one. First a one-word alternative by another route, then a round trip.
        missing = {k: ws for k, ws in options.items() if not clean.get(k)}
        clean.update(self._unknown.clean(missing, modes, others=True) if missing else {})
        trips = {k: self._trips(*read[k], english[0]) for k in missing if not clean.get(k)}
        clean.update(self._unknown.clean(trips, modes, others=True) if any(trips.values()) else {})
        out: list[str] = []
        used: list[dict[str, str]] = []
        for text, here in zip(texts, todo, strict=True):
            mine: dict[str, str] = {}
            for start, end, token, key in reversed(here):
                found = clean.get(key, [])[skip.get(key, 0) :]
                if not found:
                    log.info("apertium: no translatable alternative for %r", token)
                    continue
                mine[key] = found[0]
                text = text[:start] + case_like(found[0], token) + text[end:]
            out.append(text)
            used.append(mine)
        return out, used

    def _singulars(
        self,
        texts: Sequence[str],
        tagged: Sequence[dict[int, tuple[str, str, bool]]],
        parsed: dict[str, list[tuple[str, str]]],
        analyser: Analyser,
    ) -> frozenset[str]:
        """The tagger's singulars of plural nouns the analyser lacks that stand for them: the
        analyser lacks the singular too (a plural whose singular it knows is a sense of its
        own: cricket's "fours") and the thesaurus gives it at most one sense as a noun (a
        feather's "barbs" are not the first sense of "barb", a remark)."""
        assert self.thesaurus is not None
        wanted: set[str] = set()
        for text, tags in zip(texts, tagged, strict=True):
            for start, _, token in word_spans(text):
                penn, lemma, _ = tags.get(start, ("", "", False))
                if penn == "NNS" and not parsed.get(token) and lemma.lower() != token.lower():
                    wanted.add(lemma.lower())
        if not wanted:
            return frozenset()
        ordered = sorted(wanted)
        read = analyser.analyse(ordered)
        return frozenset(
            w for w, r in zip(ordered, read, strict=True)
            if not readings(r) and len(self.thesaurus.senses_as(w, "noun")) <= 1
        )  # fmt: skip

    def _alternatives(
        self, token: str, reading: tuple[str, str], mode: str, head: bool = False
    ) -> list[str]:
        """The alternatives for ``token`` read as ``reading``, inflected like it (remembered:
        the rounds and later calls ask again): "not" and the word an "un-" adjective is made
        of ("not considered"), a noun's two halves ("school girl"), then the
        thesaurus's synonyms, broader terms, and the broader terms of those ("broccoli" ->
        "crucifer" -> "herb"); for the ``head`` of a compound noun of several senses, only a
        synonym most of them share. (``_trips`` has the round trips, asked for last.)"""
        key = (token, *reading, mode, str(head))
        found = self._options.get(key)
        if found is None:
            found = self._look_up(token, reading, mode, head)
            if len(self._options) > _OPTIONS_CACHE:
                self._options.clear()
            self._options[key] = found
        return found

    def _look_up(self, token: str, reading: tuple[str, str], mode: str, head: bool) -> list[str]:
        assert self.thesaurus is not None
        thesaurus = self.thesaurus
        lemma, tags = reading
        pos = _POS.get(tags[1:].split(">", 1)[0]) if tags.startswith("<") else None
        if pos is None:
            return []
        negated = self._negated(token, pos, tags, mode)
        halves: list[str] = []
        # A plural read by the tagger's singular may split only as written: "hotpants" is
        # "hot pants", and "pant" is no noun.
        for written in dict.fromkeys([lemma, token.lower()]) if pos == "noun" else ():
            halves = halves or self._halves(written, tags, mode)
        senses = len(thesaurus.senses_as(lemma.lower(), pos))
        # A head of several senses only by a word most of them share ("England skipper":
        # "captain").
        several = head and senses > 1
        found = (
            thesaurus.shared(lemma.lower(), pos)
            if several
            else thesaurus.alternatives(lemma.lower(), pos)
        )
        # Names and numbers are no way of saying an ordinary word, nor are their broader
        # terms ("Girl Scout" -> "scout" for "brownie").
        terms = [t for t in found if _plain(t) and (pos == "noun" or " " not in t)]
        frontier = [] if several else list(terms)
        for _ in range(BROADER_LEVELS):
            # A noun's broader term of several words is a description ("young mammal"); a
            # verb's or adjective's is an odd phrase ("rusted" -> "changed integrity").
            # Only a term of one sense is looked up: the first of several is often another
            # meaning ("rider" is first a clause, whose broader term "article" is no jockey).
            frontier = [b for t in frontier if len(thesaurus.senses_as(t, pos)) == 1
                        for b in thesaurus.broader(t, pos)
                        if b not in terms and b != lemma and _plain(b)
                        and (pos == "noun" or " " not in b)]  # fmt: skip
            terms += list(dict.fromkeys(frontier))
        # The halves first: they say just what the word says ("doorbell" is a "door bell"
        # before a "buzzer"; "schoolgirl" a "school girl" before a "girl").
        inflected = [self._inflect(term, pos, tags, mode) for term in terms[:MAX_ALTERNATIVES]]
        words = negated + halves + [w for w in inflected if w]
        return [w for w in dict.fromkeys(words) if w.lower() != token.lower()]

    def _trips(self, token: str, reading: tuple[str, str], head: bool, mode: str) -> list[str]:
        """``round_trips`` of the word, inflected like it (remembered); none for the head of a
        compound noun of several senses."""
        assert self.thesaurus is not None
        key = ("trips", token, *reading, mode, str(head))
        found = self._options.get(key)
        if found is None:
            lemma, tags = reading
            pos = _POS.get(tags[1:].split(">", 1)[0]) if tags.startswith("<") else None
            several = head and len(self.thesaurus.senses_as(lemma.lower(), pos)) > 1
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
        kinds = [{_POS.get(t[1:].split(">", 1)[0]) for _, t in readings(r)} for r in read]
        return [w for w, kind in zip(out, kinds, strict=True) if pos in kind]

    def _negated(self, token: str, pos: str, tags: str, mode: str) -> list[str]:
        """An adjective or participle made with "un-" as "not" and the word the dictionary
        knows ("unconsidered" -> "not considered"): it says just what the word says."""
        word = token.lower()
        if not (pos == "adj" or tags == "<vblex><pp>") or not word.startswith("un"):
            return []
        rest = word[2:]
        if len(rest) < 4 or not rest.isalpha():
            return []
        (analysis,) = self._t.analyser(mode).analyse([rest])
        kinds = [t for _, t in readings(analysis)]
        return [f"not {rest}"] if any(t.startswith(("<adj>", "<vblex><pp>")) for t in kinds) else []

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

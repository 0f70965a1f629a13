"""Which sense of a word its sentence means, for a word whose senses WordNet does not rank by
use (apertium_alternatives.py): a simplified Lesk (Lesk 1986; Kilgarriff and Rosenzweig
2000). Each sense's signature is its gloss (definition and examples), its words and the words
of the senses it is a kind of; the sense whose signature shares the most words with the
sentence is the one meant, where it shares more than every other ("The jockeys rode their
horses": "someone employed to ride horses in horse races", not "an operator of some vehicle").
Where no sense shares two words, or two share as many, none is picked and the word keeps what
it had: said another way only by what all its senses share, or left. Also here: whether an
alternative is a word its sentence already has (apertium_reword.py never uses one).

Words are compared by their base forms, as WordNet's morphy makes them: its exception lists
("rode" -> "ride") and its suffix rules ("horses" -> "horse"), every candidate kept (no
lookup says which is a word: a wrong candidate rarely meets another word's).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .thesaurus import Thesaurus, pos_of
from .wordnet import WORDNET_DIR, Synset, WordNet

# Words that say nothing of a sense: function words, and verbs of every sense's gloss.
_STOP = frozenset(
    """a about above after again against all also an and any are as at be been before being
    below between both but by can could did do does doing down during each else even ever few
    for from further had has have having he her here hers him his how however i if in into is
    it its itself just kind like made make many may me might more most much must my no nor not
    now of off on once one only or other our out over own part same she should so some such
    than that the their them then there these they this those through to too under until up
    upon us used usually very was way we were what when where whether which while who whom
    whose why will with within without would yet you your something someone somebody
    especially often another various""".split()
)
# WordNet's morphy: endings and what each becomes, any part of speech.
_SUFFIXES = (
    ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
    ("ies", "y"), ("es", "e"), ("es", ""), ("s", ""), ("ed", "e"), ("ed", ""), ("ing", "e"),
    ("ing", ""), ("er", ""), ("est", ""), ("er", "e"), ("est", "e"),
)  # fmt: skip
_WORD = re.compile(r"[a-z]+")
_EXCEPTION_FILES = ("noun.exc", "verb.exc", "adj.exc")
# Words a sense must share with the sentence to be picked: one is often chance ("the ebb and
# flow": "flow" is a broader term of ebb's tide sense and of none of the others).
MIN_SHARED = 2


@lru_cache(maxsize=4)
def _exceptions(directory: str) -> dict[str, frozenset[str]]:
    """WordNet's irregular forms and their base forms ("rode" -> "ride", "mice" -> "mouse")."""
    found: dict[str, set[str]] = {}
    for name in _EXCEPTION_FILES:
        path = Path(directory) / name
        if path.is_file():
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                form, *bases = line.split()
                found.setdefault(form, set()).update(bases)
    return {form: frozenset(bases) for form, bases in found.items()}


@lru_cache(maxsize=65536)
def base_forms(word: str, directory: str = WORDNET_DIR) -> frozenset[str]:
    """The word and every base form morphy could make of it."""
    word = word.lower()
    forms = {word, *_exceptions(directory).get(word, ())}
    for ending, replacement in _SUFFIXES:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            forms.add(word[: -len(ending)] + replacement)
    # A doubled consonant before "-ed" or "-ing" ("stopped" -> "stop").
    for ending in ("ed", "ing"):
        stem = word.removesuffix(ending)
        if stem != word and len(stem) >= 4 and stem[-1] == stem[-2]:
            forms.add(stem[:-1])
    return frozenset(forms)


def _content(words: Iterable[str], lemma: str) -> list[str]:
    """The words that can tell senses apart: no function word, none of the word's own forms."""
    own = base_forms(lemma)
    return [
        w for w in words if len(w) > 2 and w not in _STOP and w != lemma and not base_forms(w) & own
    ]


def _signature(sense: Synset, lemma: str) -> set[str]:
    words, gloss, broader = sense
    text = " ".join([gloss, *words, *broader]).lower()
    return {b for w in _content(_WORD.findall(text), lemma) for b in base_forms(w)}


def pick(
    wordnet: WordNet, lemma: str, pos: str, sentence: str, senses: list[Synset] | None = None
) -> int | None:
    """The index of the sense of ``lemma`` as ``pos`` that ``sentence`` means, in WordNet's
    order, or None where the sentence does not single one out; ``senses`` where the caller
    has read them already."""
    senses = wordnet.synsets(lemma, pos) if senses is None else senses
    if len(senses) < 2:
        return None
    context = _content(_WORD.findall(sentence.lower()), lemma.lower())
    scores = []
    for sense in senses:
        signature = _signature(sense, lemma.lower())
        scores.append(len({w for w in context if base_forms(w) & signature}))
    best = max(scores)
    if best < MIN_SHARED or scores.count(best) > 1:
        return None
    return scores.index(best)


def meant(
    thesaurus: Thesaurus, token: str, reading: tuple[str, str], lemma: str, sentence: str
) -> tuple[tuple[str, str], int | None]:
    """The reading and the sense of ``token`` (read as ``reading``) that ``sentence`` means,
    where WordNet does not rank its senses by use, or it is a plural no dictionary has whose
    singular, the tagger's ``lemma``, has several senses (a feather's "barbs" are not
    remarks: the plural is read as the singular only where its sentence says which sense).
    Otherwise ``reading`` and None: the word is said as before."""
    pos, wordnet = pos_of(reading[1]), thesaurus.wordnet
    word = reading[0].lower()
    if pos is None:
        return reading, None
    plural = "<pl>" in reading[1] and word == token.lower() and lemma.lower() not in ("", word)
    if pos == "noun" and plural and not wordnet.has(word, pos):
        word = lemma.lower()
    elif wordnet.ranked(word, pos):
        return reading, None
    # The thesaurus lists WordNet's senses in WordNet's order: one index names both.
    synsets = wordnet.synsets(word, pos)
    if len(thesaurus.senses_as(word, pos)) != len(synsets):
        return reading, None
    sense = pick(wordnet, word, pos, sentence, synsets)
    return (reading, None) if sense is None else ((word, reading[1]), sense)


def sentence_at(text: str, start: int) -> str:
    """The sentence of ``text`` that holds the character at ``start``."""
    ends = [m.end() for m in re.finditer(r"[.!?…]+['\"”’»)]*\s+", text)]
    begin = max((e for e in ends if e <= start), default=0)
    finish = min((e for e in ends if e > start), default=len(text))
    return text[begin:finish]


def said_already(alternative: str, sentence: str) -> bool:
    """Whether a word of ``alternative`` is, in some form, a word of ``sentence``: "flow" for
    "ebb" in "the ebb and flow"."""
    written = {b for w in _WORD.findall(sentence.lower()) for b in base_forms(w)}
    return any(base_forms(w) & written for w in _content(_WORD.findall(alternative.lower()), ""))

"""Words English makes of others, said by the word they are made of, for
apertium_alternatives.py: an adjective or participle with "un-" ("not considered"), a plural
of people named by an adjective ("totalitarian people"), an adverb in "-ly" ("in a dismissive
manner"). Which of them a route translates is for the caller to find out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .adverbs import adjectives_of
from .apertium_words import readings

if TYPE_CHECKING:
    from .apertium_words import Analyser
    from .glossary import Glossary
    from .thesaurus import Thesaurus
    from .wordnet import WordNet


def manner(adjective: str) -> str:
    """An adverb of ``adjective`` in words: "in a dismissive manner"."""
    return f"in {'an' if adjective[0] in 'aeiou' else 'a'} {adjective} manner"


def negated(token: str, pos: str, tags: str, analyser: Analyser) -> list[str]:
    """An adjective or participle made with "un-" as "not" and the word the dictionary
    knows ("unconsidered" -> "not considered"): it says just what the word says."""
    word = token.lower()
    if not (pos == "adj" or tags == "<vblex><pp>") or not word.startswith("un"):
        return []
    rest = word[2:]
    if len(rest) < 4 or not rest.isalpha():
        return []
    (analysis,) = analyser.analyse([rest])
    kinds = [t for _, t in readings(analysis)]
    return [f"not {rest}"] if any(t.startswith(("<adj>", "<vblex><pp>")) for t in kinds) else []


def people(lemma: str, tags: str, analyser: Analyser, wordnet: WordNet) -> list[str]:
    """A plural of people named by an adjective the dictionary knows, as that adjective
    and "people" ("totalitarians" -> "totalitarian people"): the thesaurus's broader
    term for such a person is often a word of another sense ("disciples")."""
    if tags != "<n><pl>" or not wordnet.person(lemma):
        return []
    (analysis,) = analyser.analyse([lemma])
    return [f"{lemma} people"] if any(t == "<adj>" for _, t in readings(analysis)) else []


def adverb(
    token: str, pos: str, analyser: Analyser, thesaurus: Thesaurus, glossary: Glossary
) -> list[str]:
    """An adverb in "-ly" no dictionary has, as "in a" and the adjective it is made of
    ("dismissively" -> "in a dismissive manner", "bizarrely", "happily", "terribly",
    "ironically"): English makes one of the other. Not from a word that is also a verb's
    form: the translator reads "in a telling manner" as one "of saying". ("Way" is
    Catalan "camí", a road.) An adjective no dictionary has is followed by its own
    alternatives of one word, our glossary's first ("testily" -> "in a testy manner",
    then "in an irritated manner")."""
    bases = adjectives_of(token) if pos == "adv" else []
    if not bases:
        return []
    analysed = analyser.analyse(bases)
    for base, analysis in zip(bases, analysed, strict=True):
        kinds = [t for _, t in readings(analysis)]
        if any(t.startswith("<vblex>") for t in kinds):
            continue
        if any(t.startswith("<adj>") for t in kinds):
            return [manner(base)]
        if thesaurus.senses_as(base, "adj"):
            said = glossary.of(base, "adj") + thesaurus.alternatives(base, "adj", lower=True)
            return [manner(base)] + [manner(a) for a in said if a.isalpha()]
    return []

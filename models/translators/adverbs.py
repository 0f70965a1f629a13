"""English adverbs in "-ly" and the adjectives they may be made of: names.py tells a
sentence's first word that NER took for a name from an adverb ("Controversially, ..."), and
derived.py says an adverb no dictionary has as "in a ... manner" of its
adjective. Which of the candidates is a word is for a dictionary to say.
"""

from __future__ import annotations


def adjectives_of(adverb: str) -> list[str]:
    """The adjectives ``adverb`` may be made of, most likely first ("controversially" ->
    "controversial", "happily" -> "happy", "terribly" -> "terrible", "ironically" ->
    "ironic"); none for a word that is no adverb in "-ly" of six letters or more ("Kelly")."""
    word = adverb.lower()
    if not word.isalpha() or not word.endswith("ly") or len(word) < 6:
        return []
    stems = [word[:-2]]
    if word.endswith("ily"):
        stems.append(word[:-3] + "y")
    if word.endswith("bly"):
        stems.append(word[:-1] + "e")
    if word.endswith("ically"):
        stems.append(word[:-4])
    return stems

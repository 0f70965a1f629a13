"""English adjectives made of an adjective (or a number) and a part of the body with "-ed"
("green-eyed", "grey-haired", "red-faced", "four-legged"), said as what they mean: "with" the
two, after the nouns they describe ("a green-eyed cat" -> "a cat with green eyes").

Apertium's English has few of them. Split at the hyphen, the second half is left over or read
as a verb: "the green-eyed cat" came out es "el verde eyed el gato", "a grey-haired man" "un
hombre peludo gris" (a hairy grey man). With "with", every pair says them ("un gato con ojos
verdes").

Only where the compound means what its parts say: WordNet lacks it, or its first sense (each
sense, where WordNet does not rank them) names the part ("red-faced": having a red face), or
it gives the eyes, hair, skin or face a colour (WordNet's "green-eyed" is jealous only; a
cat's eyes in news). An idiom stays as written ("light-hearted": carefree; "cold-blooded":
without compunction), and so does a compound that describes no noun after it ("he was
red-faced").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .apertium_reading import penn_tags
from .apertium_words import word_spans
from .wordnet import WordNet

# The part as the "-ed" word writes it, and how it follows "with" and the adjective: a pair
# in the plural, a mass as it is, one of a kind after "a"; and the plural a number counts.
_PARTS: dict[str, tuple[str, str]] = {
    "eyed": ("eye", "eyes"), "eared": ("ear", "ears"), "legged": ("leg", "legs"),
"winged": ("wing", "wings"), "horned": ("horn", "horns"),
    "sleeved": ("sleeve", "sleeves"), "cheeked": ("cheek", "cheeks"),
    "lipped": ("lip", "lips"), "toothed": ("tooth", "teeth"),
    "faced": ("face", "faces"), "hearted": ("heart", "hearts"),
    "nosed": ("nose", "noses"), "necked": ("neck", "necks"), "bellied": ("belly", "bellies"),
    "voiced": ("voice", "voices"), "bearded": ("beard", "beards"), "tailed": ("tail", "tails"),
    "haired": ("hair", ""), "skinned": ("skin", ""), "blooded": ("blood", ""),
}  # fmt: skip
# Not "armed" nor "chested": the dictionaries' "arm" is a weapon ("con uno arma"), their
# "chest" a box ("cofre").
_PAIRS = frozenset({"eye", "ear", "leg", "wing", "horn", "sleeve", "cheek", "lip", "tooth"})
_NUMBERS = frozenset("one two three four five six seven eight nine ten".split())
_COLOURS = frozenset(
    "black white red green blue brown grey gray yellow pink purple orange golden silver "
    "blond blonde fair dark ginger auburn".split()
)
_SEEN = frozenset({"eye", "hair", "skin", "face"})  # the parts a colour describes as seen
_COMPOUND = re.compile(r"(?<![\w-])([a-z]+)-(" + "|".join(_PARTS) + r")(?![\w-])")
_NOUNS = ("NN", "NNS")
_ENDS = frozenset(".,;:!?)")


def _literal(first: str, suffix: str, wordnet: WordNet) -> bool:
    noun, plural = _PARTS[suffix]
    if first in _COLOURS and noun in _SEEN:
        return True
    definitions = wordnet.adjective_definitions(f"{first}-{suffix}")
    named = re.compile(rf"\b(?:{noun}|{plural or noun})\b")
    return all(named.search(d) for d in definitions)


def _said(first: str, suffix: str) -> str | None:
    noun, plural = _PARTS[suffix]
    if first in _NUMBERS:
        if not plural:  # a mass is not counted ("two-haired")
            return None
        return f"with one {noun}" if first == "one" else f"with {first} {plural}"
    if noun in _PAIRS:
        return f"with {first} {plural}"
    if not plural:
        return f"with {first} {noun}"
    return f"with {'an' if first[0] in 'aeiou' else 'a'} {first} {noun}"


def with_parts(
    text: str, wordnet: WordNet, keep: Callable[[int, int], bool] = lambda s, e: False
) -> tuple[str, dict[str, str]]:
    """``text`` with each such adjective said after the nouns it describes, and what each
    written compound became. ``keep(start, end)`` says a span must not change (a name)."""
    if not _COMPOUND.search(text):
        return text, {}
    tagged = penn_tags(text)
    spans = list(word_spans(text))
    used: dict[str, str] = {}
    # From the end: each rewrite leaves the offsets before it as they were.
    for k in reversed(range(len(spans))):
        start, end, word = spans[k]
        m = _COMPOUND.fullmatch(word)
        if m is None:
            continue
        first, suffix = m.groups()
        # The tagger reads the first half of such a word as an adverb ("long-legged").
        if first not in _NUMBERS | _COLOURS and not wordnet.is_adjective(first):
            continue
        said = _said(first, suffix) if _literal(first, suffix, wordnet) else None
        j = k + 1
        # The nouns it describes, with any adjective before them ("a grey-haired old man").
        while (
            j < len(spans)
            and text[spans[j - 1][1] : spans[j][0]] == " "
            and tagged.get(spans[j][0], ("",))[0] in (*_NOUNS, "JJ")
            and spans[j][2].isalpha()
            and spans[j][2].islower()
        ):
            j += 1
        after = text[spans[j - 1][1] : spans[j - 1][1] + 1]
        last_is_noun = j > k + 1 and tagged.get(spans[j - 1][0], ("",))[0] in _NOUNS
        if (
            said is None
            or not last_is_noun
            or not (not after or after.isspace() or after in _ENDS)
            or keep(start, spans[j - 1][1])
        ):
            continue
        nouns = text[spans[k + 1][0] : spans[j - 1][1]]
        before = text[:start]
        # The article before, made to fit the noun that now follows it ("an ... owl").
        article = re.search(r"(?<![\w-])([Aa]n?) $", before)
        if article:
            fitting = "an" if nouns[0] in "aeiou" else "a"
            fitting = fitting.capitalize() if article.group(1)[0] == "A" else fitting
            before = before[: article.start(1)] + fitting + " "
        text = f"{before}{nouns} {said}{text[spans[j - 1][1] :]}"
        used[word] = said
    return text, used

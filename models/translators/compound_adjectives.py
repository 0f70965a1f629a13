"""English compound adjectives the dictionaries lack, said as what they mean after the nouns
they describe, one function per construction:

- a part of the body with "-ed" after an adjective or a number ("green-eyed", "grey-haired",
  "four-legged"): "with" the two ("a green-eyed cat" -> "a cat with green eyes");
- a noun and a verb's "-ing" ("record-breaking", "life-threatening", "money-making"): "that"
  and the verb with the noun, "who" for a person ("a record-breaking jockey" -> "a jockey who
  breaks record"; "injuries that threaten life").

Apertium's English has few of them. Split at the hyphen, the halves are left over or misread:
"the green-eyed cat" came out es "el verde eyed el gato", "a grey-haired man" "un hombre
peludo gris" (a hairy grey man), "the peace-keeping force" "la paz que mantiene la fuerza"
(the peace that keeps the force). Said this way, every pair translates them ("un gato con
ojos verdes", "la fuerza que mantiene paz").

Only where the compound means what its parts say: WordNet lacks it, or its first sense (each
sense, where WordNet does not rank them) names a part of it ("red-faced": having a red face;
"record-breaking": surpassing any previously established record), or, for the eyes, hair,
skin or face, it gives them a colour (WordNet's "green-eyed" is jealous only; a cat's eyes in
news). An idiom stays as written ("light-hearted": carefree; "hair-raising": extremely
alarming), as does a part of the body before "-ing", which WordNet may lack ("jaw-dropping"),
and a compound that describes no noun after it ("he was red-faced").
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
_HAVING = re.compile(r"([a-z]+)-(" + "|".join(_PARTS) + r")")
_DOING = re.compile(r"([a-z]+)-([a-z]+ing)")
# Parts of the body before "-ing" make figures: "eye-watering", "nail-biting", "mind-blowing".
_FIGURES = frozenset(
    "eye jaw mouth hair heart spine nail back mind bone finger hand head foot toe ear nose "
    "tongue breath skin blood gut".split()
)
_NOUNS = ("NN", "NNS")
_ENDS = frozenset(".,;:!?)")


def _names_a_part(compound: str, parts: tuple[str, ...], wordnet: WordNet) -> bool:
    """Whether WordNet lacks ``compound`` or a definition of it names one of ``parts``."""
    definitions = wordnet.adjective_definitions(compound)
    named = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in parts if p) + ")")
    return all(named.search(d) for d in definitions)


def having(first: str, suffix: str, wordnet: WordNet) -> str | None:
    """What a part of the body's compound says ("green-eyed" -> "with green eyes"), or None."""
    noun, plural = _PARTS[suffix]
    if first not in _NUMBERS | _COLOURS and not wordnet.has(first, "adj"):
        return None
    if not (first in _COLOURS and noun in _SEEN) and not _names_a_part(
        f"{first}-{suffix}", (noun, plural), wordnet
    ):
        return None
    if first in _NUMBERS:
        if not plural:  # a mass is not counted ("two-haired")
            return None
        return f"with one {noun}" if first == "one" else f"with {first} {plural}"
    if noun in _PAIRS:
        return f"with {first} {plural}"
    if not plural:
        return f"with {first} {noun}"
    return f"with {'an' if first[0] in 'aeiou' else 'a'} {first} {noun}"


def doing(written: str, verb: str, head: str, plural: bool, wordnet: WordNet) -> str | None:
    """What a noun and a verb's "-ing" (``verb`` its lemma) say for the nouns they describe
    (``head`` the lemma of the last, ``plural`` whether it is): "record-breaking" -> "who
    breaks record" for a person, "that keeps peace" for a thing, "that threaten life" for
    things; or None."""
    noun = written.split("-", 1)[0]
    if noun in _FIGURES or not wordnet.has(noun, "noun") or not wordnet.has(verb, "verb"):
        return None
    if not _names_a_part(written, (noun, verb[: max(4, len(verb) - 2)]), wordnet):
        return None
    # After "that", the translators read "breaks" as a noun ("que récord de pausas").
    relative = "who" if wordnet.person(head) else "that"
    return f"{relative} {verb if plural else _third_person(verb)} {noun}"


def _third_person(verb: str) -> str:
    if verb == "have":
        return "has"
    if verb.endswith(("s", "x", "z", "ch", "sh", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def described(
    text: str,
    wordnet: WordNet,
    keep: Callable[[int, int], bool] = lambda s, e: False,
    known: frozenset[str] = frozenset(),
) -> tuple[str, dict[str, str]]:
    """``text`` with each such adjective said after the nouns it describes, and what each
    written compound became. ``keep(start, end)`` says a span must not change (a name); the
    compounds in ``known`` are left to the dictionary that has them ("award-winning")."""
    if not _DOING.search(text) and not _HAVING.search(text):
        return text, {}
    tagged = penn_tags(text)
    spans = list(word_spans(text))
    used: dict[str, str] = {}

    def tag(j: int) -> tuple[str, str]:
        return tagged.get(spans[j][0], ("", "", False))[:2] if j < len(spans) else ("", "")

    # From the end: each rewrite leaves the offsets before it as they were.
    for k in reversed(range(len(spans))):
        start, _, word = spans[k]
        parts = _HAVING.fullmatch(word) or _DOING.fullmatch(word)
        if parts is None or word in known:
            continue
        j = k + 1
        # The nouns it describes, with any adjective before them ("a grey-haired old man").
        while (
            j < len(spans)
            and text[spans[j - 1][1] : spans[j][0]] == " "
            and tag(j)[0] in (*_NOUNS, "JJ")
            and spans[j][2].isalpha()
            and spans[j][2].islower()
        ):
            j += 1
        after = text[spans[j - 1][1] : spans[j - 1][1] + 1]
        if not (j > k + 1 and tag(j - 1)[0] in _NOUNS) or after.strip() not in ("", *_ENDS):
            continue
        if parts.re is _HAVING:
            said = having(*parts.groups(), wordnet)
        else:
            # The tagger's lemma of the "-ing" ("threatening" -> "threaten").
            verb = tagged.get(start + len(parts.group(1)) + 1, ("", "", False))[1].lower()
            head, plural = tag(j - 1)[1].lower(), tag(j - 1)[0] == "NNS"
            said = doing(word, verb, head, plural, wordnet) if verb else None
        if said is None or keep(start, spans[j - 1][1]):
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

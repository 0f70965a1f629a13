"""English compound adjectives the dictionaries lack, said as what they mean after the nouns
they describe, one function per construction:

- a part of the body with "-ed" after an adjective or a number ("green-eyed", "grey-haired",
  "four-legged"): "with" the two ("a green-eyed cat" -> "a cat with green eyes");
- a number and a measure ("a 2-year contract" -> "a contract of 2 years"), and an age that
  describes no noun ("the 25-year-old was" -> "the person of 25 years was"); an amount ("a
  £4 million fine" -> "a fine of £4 million");
- a noun and a verb's participle ("a government-funded study" -> "a study funded by the
  government"; "the US-led coalition" -> "the coalition led by US");
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
_DONE = re.compile(r"([A-Za-z]+)-([a-z]+)")  # the second half a participle, as tagged
# Participles said after their nouns with "by" and what did it, some by a word the
# translators read as meant ("run" is es "corrido", ran; "controlled" is "controlado"). Not
# those said with another word ("drug-related" would be "related to drug", read as "to"
# and a verb: es "narró para drogar").
_BY = {"run": "controlled"}
_NOT_BY = frozenset(
    "related linked connected oriented based focused filled packed laden shaped coloured "
    "colored sized themed flavoured flavored styled born strapped wrapped infested".split()
)
# Where a name did it: "London-based" is "based in London", "Paris-born" "born in Paris".
_IN = frozenset({"based", "born"})
# A measure after a number: its plural ("a 2-year contract" -> "a contract of 2 years"), and
# the units an age counts ("a 25-year-old man" -> "a man of 25 years").
_UNITS = {
    "year": "years", "month": "months", "week": "weeks", "day": "days", "hour": "hours",
    "minute": "minutes", "mile": "miles", "metre": "metres", "meter": "meters",
    "point": "points", "game": "games", "match": "matches", "seat": "seats",
    "storey": "storeys", "page": "pages", "man": "men", "foot": "feet", "inch": "inches",
}  # fmt: skip
_AGES = frozenset({"year", "month", "week", "day"})
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    "forty|fifty|hundred"
)
_MEASURE = re.compile(rf"(?:({_NUMBER_WORDS})-)?(" + "|".join(_UNITS) + r")(?:-(olds?))?", re.I)
# An amount before "million" (apertium.py says "£4m" so): "a £4 million fine" -> "a fine of £4
# million" (es "una multa de £4 millones"; before its noun it was "un £4 millones bien").
_PRICE = re.compile(r"(?<![\w.,])[£$€]\d+(?:\.\d+)? $")
_PRICE_IN = re.compile(r"[£$€]\d+(?:\.\d+)? million")
# Digits before the measure, which no word of the text holds ("25-" before "year-old").
_DIGITS = re.compile(r"(?<![\w.,-])(\d+)-$")
# What stands before an age said as a person ("the 25-year-old", "two 25-year-olds").
_DETERMINED = frozenset({"DT", "PRP$", "CD", "POS"})
# Parts of the body before "-ing" make figures: "eye-watering", "nail-biting", "mind-blowing".
_FIGURES = frozenset(
    "eye jaw mouth hair heart spine nail back mind bone finger hand head foot toe ear nose "
    "tongue breath skin blood gut".split()
)
_NOUNS = ("NN", "NNS")
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*\s+$")
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
    if (
        noun in _FIGURES
        or not wordnet.has(noun, "noun")
        or wordnet.has(noun, "adv")  # "left-leaning" leans to the left
        or not wordnet.has(verb, "verb")
    ):
        return None
    if not _names_a_part(written, (noun, verb[: max(4, len(verb) - 2)]), wordnet):
        return None
    # After "that", the translators read "breaks" as a noun ("que récord de pausas").
    relative = "who" if wordnet.person(head) else "that"
    return f"{relative} {verb if plural else _third_person(verb)} {noun}"


def measured(number: str, unit: str, old: str | None, nouns: bool) -> str | None:
    """What a number and a measure say: "of 2 years" after the nouns they describe, or, for
    an age that describes none ("the 25-year-old was"), "person of 25 years" in its place."""
    if old and unit not in _AGES:
        return None
    counted = f"{number} {unit if number.lower() in ('1', 'one') else _UNITS[unit]}"
    if nouns:
        # An age before its noun is the translators' own: "25 year old man" is es "hombre de
        # 25 años" (apertium.py sends the hyphens as blanks).
        return None if old else f"of {counted}"
    if not old:
        return None
    return f"{'people' if old.endswith('s') else 'person'} of {counted}"


def done(written: str, verb: str, wordnet: WordNet) -> str | None:
    """What a noun and a verb's participle (``verb`` its lemma) say after the nouns they
    describe ("government-funded" -> "funded by the government"), or None. Not after a word that
    is also an adverb ("home-grown", "well-known"), nor "self-" ("self-made")."""
    noun, participle = written.split("-", 1)
    if noun[0].isupper():
        # A name ("US-led", "London-based"; es glued "dirigidaenEE.UU."), not a nationality
        # ("Saudi-led" is by the Saudis, not "by Saudi").
        if wordnet.has(noun.lower(), "adj") or (participle in _NOT_BY and participle not in _IN):
            return None
        return f"{_BY.get(participle, participle)} {'in' if participle in _IN else 'by'} {noun}"
    if (
        noun == "self"
        or participle in _NOT_BY
        or (noun in _FIGURES and noun != "hand")
        or not wordnet.has(noun, "noun")
        or wordnet.has(noun, "adv")
        or not wordnet.has(verb, "verb")
        or not _names_a_part(written, (noun, verb[: max(4, len(verb) - 2)]), wordnet)
    ):
        return None
    # "the": "by state" reads as an adjective's ("por estatales"); "by hand" is a manner.
    return f"{_BY.get(participle, participle)} by {'' if noun == 'hand' else 'the '}{noun}"


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
    if "-" not in text and not _PRICE_IN.search(text):
        return text, {}
    tagged = penn_tags(text)
    spans = list(word_spans(text))
    used: dict[str, str] = {}

    def tag(j: int) -> tuple[str, str]:
        return tagged.get(spans[j][0], ("", "", False))[:2] if j < len(spans) else ("", "")

    # From the end: each rewrite leaves the offsets before it as they were, and what it
    # rewrote is no longer the words of ``spans``: nothing before reaches into it.
    limit = len(text)
    for k in reversed(range(len(spans))):
        start, end, word = spans[k]
        parts = next(
            (m for p in (_HAVING, _DOING, _MEASURE, _DONE) if (m := p.fullmatch(word))), None
        )
        price = _PRICE.search(text, 0, start) if word == "million" else None
        if (parts is None and price is None) or word in known:
            continue
        if price is not None:
            start, word = price.start(), text[price.start() : end]
        number = None
        if parts is not None and parts.re is _MEASURE:
            digits = None if parts.group(1) else _DIGITS.search(text, 0, start)
            if digits:
                start, word = digits.start(), text[digits.start() : end]
            number = parts.group(1) or (digits.group(1) if digits else None)
            if number is None:
                continue
        # At a sentence's start a capital says nothing: "Government-funded" may be no name.
        initial = not text[:start].strip() or bool(_SENTENCE_END.search(text[:start]))
        if initial and parts.re is _DONE and wordnet.has(parts.group(1).lower(), "noun"):
            continue
        j = k + 1
        # The nouns it describes, with any adjective before them ("a grey-haired old man").
        if end > limit:
            continue
        while (
            j < len(spans)
            and spans[j][1] <= limit
            and text[spans[j - 1][1] : spans[j][0]] == " "
            and tag(j)[0] in (*_NOUNS, "JJ")
            and spans[j][2].isalpha()
            and spans[j][2].islower()
        ):
            j += 1
        # The tag of the word before the compound (a determiner: "the 25-year-old").
        before_tag = next((tag(i)[0] for i in reversed(range(k)) if spans[i][1] <= start), "")
        after = text[spans[j - 1][1] : spans[j - 1][1] + 1]
        nouns_after = j > k + 1 and tag(j - 1)[0] in _NOUNS and after.strip() in ("", *_ENDS)
        if not nouns_after and j < len(spans) and spans[j][1] > limit:
            continue  # what follows was rewritten: it may have been its noun
        if price is not None:
            # Before its noun only after a determiner: "worth £4 million last year" stays.
            said = f"of {word}" if nouns_after and before_tag in _DETERMINED - {"CD"} else None
        elif number is not None:
            assert parts is not None
            said = measured(number, parts.group(2).lower(), parts.group(3), nouns_after)
            if said and not nouns_after:
                # An age as a person only after a determiner: "he is 25-year-old" stays.
                determined = before_tag in _DETERMINED
                if (determined or said.startswith("people")) and not keep(start, end):
                    text, used[word] = f"{text[:start]}{said}{text[end:]}", said
                    limit = start
                continue
        elif not nouns_after or parts is None:
            continue
        elif parts.re is _HAVING:
            said = having(*parts.groups(), wordnet)
        elif parts.re is _DONE:
            # The tagger's reading of the halves: a noun ("yellow-jacketed" is an adverb's,
            # "x-rated" a participle's) and a participle, and its verb.
            first = tagged.get(start, ("", "", False))[0]
            second = tagged.get(start + len(parts.group(1)) + 1, ("", "", False))
            participle = second[0] == "VBN" and first in ("NN", "NNS", "NNP")
            said = done(word, second[1].lower(), wordnet) if participle else None
        else:
            # The tagger's reading of the "-ing": a verb's ("threatening" -> "threaten"), not a
            # noun's ("left-wing").
            second = tagged.get(start + len(parts.group(1)) + 1, ("", "", False))
            head, plural = tag(j - 1)[1].lower(), tag(j - 1)[0] == "NNS"
            verb = second[1].lower() if second[0] == "VBG" else ""
            said = doing(word, verb, head, plural, wordnet) if verb else None
        if said is None or keep(start, spans[j - 1][1]):
            continue
        nouns = text[spans[k + 1][0] : spans[j - 1][1]]
        if initial:  # "Two-year contracts are" -> "Contracts of two years are"
            nouns, said = nouns[0].upper() + nouns[1:], said if number is None else said.lower()
        before = text[:start]
        # The article before, made to fit the noun that now follows it ("an ... owl").
        article = re.search(r"(?<![\w-])([Aa]n?) $", before)
        if article:
            fitting = "an" if nouns[0] in "aeiou" else "a"
            fitting = fitting.capitalize() if article.group(1)[0] == "A" else fitting
            before = before[: article.start(1)] + fitting + " "
        text = f"{before}{nouns} {said}{text[spans[j - 1][1] :]}"
        used[word] = said
        limit = len(before)
    return text, used

"""English source texts made ready for Apertium (apertium.py): its dates in the form the
route reads and months it misreads as stand-ins (months.py), its hyphenated words apart, but
those the route's analyser reads whole, and its amounts said in millions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import partial

from . import months
from .apertium_words import Analyser, lexical_units
from .compound_adjectives import described as described_compounds
from .plaintext import fixed_span, outside_markup
from .wordnet import WordNet

# Apertium's English analysers glue hyphenated compounds into one target word ("large-scale
# attack" -> "ataquedeescala grande"); as separate words they translate readably. Not those
# the dictionary has whole: "far-right" is "ultraderechista", and "far right" "derecha lejana".
_COMPOUND_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
# Nor a number before a word: "a 25-year-old man" came out "un 25-año el hombre viejo", and
# "a 25 year old man" is "un hombre de 25 años".
_NUMBER_HYPHEN = re.compile(r"(?<=\d)-(?=[a-z])")
# A number written against its "million" ("£330million"): the analyser reads "£330m" and an
# unknown "illion", which came out "330 millones de librasillion". Apart, it reads both.
_GLUED_AMOUNT = re.compile(r"(?<=\d)(?=(?:[mb]|tr)illions?\b)")
# English billions as millions: eng-spa reads "£1.2bn" as "1.2 billones de libras", and es-fr
# as "billions", a thousand times more (10^12 in both); eng-cat reads "billion" so too. Every
# pair says "1200 million" right ("1200 millones", "1200 milions", "1200 millions").
_BILLIONS = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?) ?(?:bn|billion)\b")
# An amount's "m" as "million": eng-cat and en-gl leave "£4m" as an unknown "*m".
_MILLIONS = re.compile(r"(?<![\w.,])([£$€]\d+(?:\.\d+)?)m\b")


def unglue(text: str, terms: Sequence[str], whole: frozenset[str] = frozenset()) -> str:
    """``text`` with its hyphenated words apart, but those in ``whole``."""
    if any(_COMPOUND_HYPHEN.search(term) for term in terms):
        return text  # a protected term must stay findable exactly as written

    def split(m: re.Match[str]) -> str:
        return m.group() if m.group() in whole else _COMPOUND_HYPHEN.sub(" ", m.group())

    return outside_markup(text, lambda t: _NUMBER_HYPHEN.sub(" ", _HYPHENATED.sub(split, t)))


def amounts(text: str, terms: Sequence[str]) -> str:
    """``text`` with its amounts in millions, apart from their word ("£4m", "£330million" and
    "£1.2bn" -> "£4 million", "£330 million", "£1200 million")."""
    if any(p.search(t) for t in terms for p in (_MILLIONS, _GLUED_AMOUNT, _BILLIONS)):
        return text  # a protected term must stay findable exactly as written

    def said(plain: str) -> str:
        plain = _MILLIONS.sub(r"\1 million", _GLUED_AMOUNT.sub(" ", plain))
        return _BILLIONS.sub(_in_millions, plain)

    return outside_markup(text, said)


def _in_millions(m: re.Match[str]) -> str:
    millions = Decimal(m.group(1)) * 1000
    return f"{millions.normalize():f} million"


def whole_words(analyser: Analyser, texts: Sequence[str]) -> frozenset[str]:
    """The hyphenated words of ``texts`` that ``analyser`` reads as one word."""
    words = sorted({m.group() for text in texts for m in _HYPHENATED.finditer(text)})
    found = set()
    for word, analysis in zip(words, analyser.analyse(words), strict=True):
        units = lexical_units(analysis)
        if len(units) == 1 and units[0][1] and not units[0][1][0].startswith("*"):
            found.add(word)
    return frozenset(found)


def ready(
    texts: Sequence[str],
    terms: Sequence[Sequence[str]],
    analyser: Analyser,
    wordnet: WordNet | None,
    target: str,
) -> tuple[list[tuple[str, dict[str, str]]], list[str], list[dict[str, str]]]:
    """English ``texts`` as sent to Apertium, with per text its compound adjectives said as
    they mean and what was said so (compound_adjectives.described: "a green-eyed cat" -> "a
    cat with green eyes", where "un hombre peludo gris" came of "a grey-haired man"), the
    texts as sent: dates in the form Apertium reads and months it misreads as stand-ins
    (months.py), amounts in millions, hyphenated words apart, but those ``analyser`` reads
    whole ("far-right"); and per text the stand-ins, for ``months.put_back`` into
    ``target``."""
    dated = [months.ready(text, target, terms[i]) for i, text in enumerate(texts)]
    whole = whole_words(analyser, [text for text, _ in dated])
    english = [amounts(text, terms[i]) for i, (text, _) in enumerate(dated)]
    described = [
        described_compounds(text, wordnet, partial(fixed_span, text, terms[i]), whole)
        if wordnet is not None
        else (text, {})
        for i, text in enumerate(english)
    ]
    sources = [unglue(text, terms[i], whole) for i, (text, _) in enumerate(described)]
    return described, sources, [swaps for _, swaps in dated]

"""English words made with a prefix and a hyphen ("semi-final", "mini-slump", "pre-match"),
for apertium_reword.py, where Apertium's English has no word for the prefix.

The translator sends "pre-match" as "pre match" (apertium.py: hyphenated words are glued into
one target word otherwise): "match" is translated, "pre" is left in English and, in "the
pre-match press conference", pulled away from its word ("el pre rueda de prensa de partido").
Such a word is said as the one closed word the dictionary has ("semi-final" -> "semifinal",
"co-founder" -> "cofounder"; for "re-" only a noun's: "re-election" is "reelection",
"re-dressed" no "redressed"), or else by the
prefix's meaning in English words where its base is of the part of speech the prefix takes:
before a noun ("mini-slump" -> "small slump", "mid-morning" -> "middle of the morning",
"mega-donor" -> "big donor"), "not" before an adjective, after a verb
("re-gather" -> "gather again"), or, for "anti-", "pro-", "pre-" and "post-", after the nouns
the word describes ("the pre-match press conference" -> "the press conference before the match";
"a multi-million pound loan" -> "a pound loan of several millions"). A
prefix with no meaning here ("semi-", "self-", "co-") is never said alone another way: the
thesaurus's "self" is "consciousness".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .apertium_reading import definition_place, tag_at

# What ends a clause after a word; tags of words that make the next one a noun's.
_CLAUSE_ENDS = frozenset(".,;:!?")
_DETERMINERS = frozenset({"DT", "PRP$", "POS", "WP$", "CD"})
# (lemma, Apertium tags) per reading of a word.
Readings = list[tuple[str, str]]


@dataclass(frozen=True)
class Prefix:
    said: str | None  # English for it; None: only the closed word says it
    base: str = ""  # the Apertium parts of speech its base may have, "|" between
    where: str = ""  # "before" or "after" the base, or "nouns": after the nouns described
    # Whether the closed word is the same word: English writes "re-dress" (dress again) apart
    # from "redress" (a remedy), "re-sign" from "resign".
    closed: bool = True
    # Whether the base is said in the plural ("multi-party" is "of several parties").
    plural: bool = False
    # The parts of speech of a base whose closed word is the same word where ``closed`` is
    # not: a noun's ("re-election" is "reelection"; "re-sign" is no "resign").
    closed_as: str = ""
    # Whether it is a prefix only before a hyphen ("pro-democracy"; "a pro golfer").
    hyphen: bool = False


PREFIXES: dict[str, Prefix] = {
    "ex": Prefix("former", "n", "before"),
    "mini": Prefix("small", "n", "before"),
    "non": Prefix("not", "adj", "before"),
    "re": Prefix("again", "vblex", "after", closed=False, closed_as="n"),
    # "in mid-morning" -> "in middle of the morning" (es "en mitad de la mañana").
    "mid": Prefix("middle of the", "n", "before"),
    "mega": Prefix("big", "n", "before"),
    # "pro-democracy protesters" -> "protesters in favour of democracy".
    "pro": Prefix("in favour of", "n", "nouns", hyphen=True),
    "anti": Prefix("against the", "n", "nouns"),
    "pre": Prefix("before the", "n", "nouns"),
    "post": Prefix("after the", "n", "nouns"),
    # "a multi-million pound loan" -> "a pound loan of several millions".
    "multi": Prefix("of several", "n|num", "nouns", plural=True),
    **{
        p: Prefix(None)
        # "co-": a co-pilot is no "fellow pilot" (es "piloto amigo").
        for p in ("semi", "co", "self", "micro", "ultra", "bi")
    },
}


def prefixed(
    text: str,
    spans: list[tuple[int, int, str]],
    k: int,
    tagged: dict[int, tuple[str, str, bool]],
    analyse: Callable[[Sequence[str]], list[Readings]],
    hyphen: bool = True,
) -> tuple[int, int, str, str] | None:
    """(start, end, what to write there, what of it says the prefixed word) for word ``k`` of
    ``text``, a prefix, and the word after it, its base (the translator has the hyphen between
    them as a blank: "pre match"; ``hyphen``: whether the caller wrote one there), as the
    module docstring says; None where nothing fits."""
    prefix = PREFIXES.get(spans[k][2].lower())
    if prefix is None or k + 1 >= len(spans) or text[spans[k][1] : spans[k + 1][0]] not in " -":
        return None
    if prefix.hyphen and not hyphen:
        return None
    (start, _, first), (_, end, base) = spans[k], spans[k + 1]
    if not base.isalpha() or not base.islower():
        return None
    closed, of_base = analyse([f"{first}{base}".lower(), base])
    same = tuple(f"<{pos}>" for pos in prefix.closed_as.split("|") if pos)
    alike = bool(same) and all(
        any(t.startswith(same) for _, t in found) for found in (closed, of_base)
    )
    if closed and (prefix.closed or alike):
        return start, end, f"{first}{base}", f"{first}{base}"
    takes = tuple(f"<{pos}>" for pos in prefix.base.split("|"))
    if prefix.said is None or not any(t.startswith(takes) for _, t in of_base):
        return None
    if prefix.where in ("before", "after"):
        said = f"{prefix.said} {base}" if prefix.where == "before" else f"{base} {prefix.said}"
        return start, end, said, said
    # The two as one word, described by the nouns after them; at a clause's end, and after no
    # determiner (whose noun "the pre-season" is), it says when or where: "rap with his
    # track pre-game." -> "... before the game."
    said = f"{prefix.said} {_plural(base, analyse) if prefix.plural else base}"
    if said.endswith(" "):
        return None
    joined = [*spans[:k], (start, end, f"{first} {base}"), *spans[k + 2 :]]
    place = definition_place(text, joined, k, tagged)
    if place is not None:
        p_start, p_end, before = place
        return p_start, p_end, f"{before} {said}".strip(), said
    after = text[end : end + 1]
    determined = tag_at(spans, k - 1, tagged) in _DETERMINERS
    if (not after or after in _CLAUSE_ENDS) and not determined and not prefix.plural:
        return start, end, said, said
    return None


def _plural(noun: str, analyse: Callable[[Sequence[str]], list[Readings]]) -> str:
    """The plural the English dictionary reads as ``noun``'s ("party" -> "parties"); "" if
    none of English's regular endings gives one."""
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        forms = [noun[:-1] + "ies"]  # the analyser also reads "partys"
    else:
        forms = [noun + "s", noun + "es"]
    for form, found in zip(forms, analyse(forms), strict=True):
        if any(lemma == noun and tags.endswith("<pl>") for lemma, tags in found):
            return form
    return ""

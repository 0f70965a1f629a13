"""English month names and dates, for English sources (apertium_source.ready, apertium.py).

Apertium's English analysers also read four months as something else: "March" as a name
(and, in eng-cat, a verb), "April" and "August" as names, "May" as a name or a modal verb.
The tagger mostly picks that reading, and the month came out "en Marcha 2016", "En April",
French "en Part 2016", Italian "In abril", Catalan "dins Poden" ("in May"). The eight other
months have one reading and come out right in every pair.

So, where the text says a month (after "in", "on", "by", "since", "last", ..., a day or a
year; never inside a protected term, nor before a capitalised word: "April Ryan"), each of
those four goes through as a month of one reading that the text does not use ("in March
2016" as "in June 2016"), and the target's word for that stand-in is replaced by the target's
word for the month ("junio" -> "marzo") before the terms are put back. Apertium's own date
rules still apply: "on 5 March 2016" is "el 5 de marzo de 2016".

Forms its rules do not read are said in forms they do: the American "March 5, 2016" as "5
March 2016" (it was "Encima Marcha 5, 2016"); an ordinal day, "5th March" or "the 5th of
March", as "5 March" (it was "el #5 de marzo"); and part of a month or year after a
preposition, "in early March", "by late 2016", "in mid-June", as "at the beginning of March",
"by the end of 2016", "in the middle of June" ("a principios de marzo"; it was "marzo
temprano", and "mid-" was left in English).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from .plaintext import fixed_span, outside_markup

log = logging.getLogger("tidings.translators.months")

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
# Read as something else by an English analyser of Apertium (see the docstring).
AMBIGUOUS = ("March", "April", "May", "August")
# Months of one reading, in the order they stand in.
STAND_INS = ("June", "July", "October", "November", "September", "December", "January",
             "February")  # fmt: skip
# Each target's months, January first, as its Apertium pairs write them.
NAMES = {
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "ca": "gener febrer març abril maig juny juliol agost setembre octubre novembre desembre",
    "gl": "xaneiro febreiro marzo abril maio xuño xullo agosto setembro outubro novembro decembro",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
    "dezembro",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "ro": "ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie "
    "noiembrie decembrie",
}
_MONTH = "|".join(MONTHS)
# The word before a month that drops its vowel before one, per target.
_ELIDED = {"ca": "de", "fr": "de", "it": "di"}
_VOWELS = tuple("aeiouàâéèêíóòú")
# Words after which a capitalised month name is the month ("in May", "since March"); after
# the last four, "May" is more often the name ("talked to May", "Johnson and May").
_BEFORE = (
    "in on by since until till from through throughout last next early mid late during before "
    "after between"
).split()
_BEFORE_NOT_MAY = ("of", "and", "or", "to")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
# "March 5, 2016" / "March 5": the day first. Not a range's start ("March 5-7") or a time.
_AMERICAN = re.compile(rf"\b({_MONTH}) ({_DAY})(?:st|nd|rd|th)?\b(?![-–:.]?\d)(?:,? (\d{{4}})\b)?")
# "5th March", "the 5th of March": the day as a number.
_ORDINAL = re.compile(rf"\b(?:the )?({_DAY})(?:st|nd|rd|th) (?:of )?({_MONTH})\b")
# "in early March", "by late 2016", "in mid-June": part of a month or year, after a
# preposition (not "an early March deadline"). Apertium left "mid-" in English ("en
# mid-marzo") and read "late" as an adjective ("marzo tardío"); "at the beginning of June"
# is "a principios de junio".
_PART = re.compile(
    rf"\b(in|by|since|until|till|from|through|before|after|during|between|and|to) "
    rf"(early|mid|late)[- ]((?:{_MONTH})(?: \d{{4}})?|\d{{4}})\b",
    re.IGNORECASE,
)
_PART_SAID = {"early": "the beginning of", "mid": "the middle of", "late": "the end of"}
_AMBIGUOUS = re.compile(rf"\b({'|'.join(AMBIGUOUS)})\b")
_WORD_BEFORE = re.compile(r"([^\W\d_]+|\d+(?:st|nd|rd|th)?)[\s-]*$")
_NAME_AFTER = re.compile(r"\s+[A-Z]")
_NUMBER_AFTER = re.compile(r",?\s+\d")


def _reordered(plain: str) -> str:
    """``plain`` with its dates in the forms Apertium's rules read."""
    plain = _PART.sub(_part, _ORDINAL.sub(r"\1 \2", plain))
    return _AMERICAN.sub(
        lambda m: f"{m.group(2)} {m.group(1)}" + (f" {m.group(3)}" if m.group(3) else ""), plain
    )


def _part(m: re.Match[str]) -> str:
    preposition, part = m.group(1), m.group(2).lower()
    if preposition.lower() == "in" and part != "mid":
        preposition = "At" if preposition[0].isupper() else "at"  # "at the end of March"
    return f"{preposition} {_PART_SAID[part]} {m.group(3)}"


def _is_month(text: str, start: int, end: int) -> bool:
    """Whether the month name at ``text[start:end]`` stands for the month where it is."""
    if _NUMBER_AFTER.match(text, end):
        return True  # a day or a year: "May 5", "March 2016"
    if _NAME_AFTER.match(text, end):
        return False  # a name's first word: "April Ryan", "August Wilson"
    # The word before, within a few words' reach.
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    word = before.group(1).lower()
    may = text[start:end] == "May"
    return word[:1].isdigit() or word in _BEFORE or (word in _BEFORE_NOT_MAY and not may)


def ready(text: str, target: str, terms: Sequence[str] = ()) -> tuple[str, dict[str, str]]:
    """``text`` with its dates in the form Apertium reads and the months it misreads as
    stand-ins for a translation into ``target``; and each stand-in used, with the month it
    stands for. A stand-in is a month the text does not name, in English or in ``target``
    ("Julio Iglesias" rules out July into Spanish); none for a target without names."""
    # A protected term must stay findable exactly as written (a month in it is its own); the
    # caller's tags and entities go through as written (tweet-date="March 4, 2016").
    if any(re.search(rf"\b(?:{_MONTH})\b", term) for term in terms):
        reordered = text
    else:
        reordered = outside_markup(text, _reordered)
    found = [
        m
        for m in _AMBIGUOUS.finditer(reordered)
        if not fixed_span(reordered, terms, m.start(), m.end())
        and _is_month(reordered, m.start(), m.end())
    ]
    names = NAMES.get(target, "").split()
    if not found or len(names) != len(MONTHS):
        return reordered, {}
    used = {w.lower() for w in re.findall(r"[^\W\d_]+", text)}
    free = [s for s in STAND_INS if s.lower() not in used and names[MONTHS.index(s)] not in used]
    swaps: dict[str, str] = {}  # month -> stand-in
    for m in found:
        if m.group() not in swaps and len(swaps) < len(free):
            swaps[m.group()] = free[len(swaps)]
    at = {m.start() for m in found if m.group() in swaps}
    out = _AMBIGUOUS.sub(lambda m: swaps[m.group()] if m.start() in at else m.group(), reordered)
    return out, {stand_in: month for month, stand_in in swaps.items()}


def put_back(translated: str, swaps: dict[str, str], target: str) -> str:
    """``translated`` with the target's word for each stand-in replaced by its word for the
    month it stood for, in the same case."""
    names = NAMES.get(target, "").split()
    if not swaps:
        return translated
    for stand_in, month in swaps.items():
        said, meant = names[MONTHS.index(stand_in)], names[MONTHS.index(month)]
        pattern = re.compile(rf"(?<![^\W\d_]){re.escape(said)}(?![^\W\d_])", re.IGNORECASE)
        translated, n = pattern.subn(lambda m, w=meant: _like(w, m.group()), translated)
        if meant[:1] in _VOWELS and target in _ELIDED:
            # "de abril" -> "d'abril" (Catalan, French), "di agosto" -> "d'agosto" (Italian).
            before = re.compile(rf"\b({_ELIDED[target]}) (?={re.escape(meant)}\b)", re.I)
            translated = before.sub(lambda m: m.group(1)[0] + "'", translated)
        if not n:
            log.warning("months: %s's stand-in %r not found in the %s translation",
                        month, said, target)  # fmt: skip
    return translated


def _like(word: str, model: str) -> str:
    """``word`` in ``model``'s case: capitalised, all capitals, or lower case."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word

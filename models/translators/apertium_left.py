"""Which source words a translation reports as left over (``Translation.untranslated``):
apertium.py gathers the left-over words of each text, lower case; these say which of them the
caller is told of, as the source writes them."""

from __future__ import annotations

from collections.abc import Sequence

from . import names
from .apertium_words import Analyser, readings, word_spans


def untranslated(
    left: set[str], source: str, names_only: frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """The left-over words as the source writes them, names and placeholders apart: a
    capitalised word counts where it opens a sentence ("Blended into the background"), but
    not one of ``names_only``, which the source's dictionary knows only as a name ("Texas",
    kept through a pivot whose second leg lacks it); a unit stuck to a number ("the 301m
    tower") is a symbol, kept as written, not a word."""
    found: dict[str, str] = {}
    for _, _, word in opening_or_lower(left, source):
        if word not in names_only:
            found.setdefault(word.lower(), word)
    return tuple(sorted(found.values()))


def opening_or_lower(left: set[str], source: str) -> list[tuple[int, int, str]]:
    """The words of ``source`` in ``left`` written in lower case or opening a sentence."""
    return [
        (start, end, word)
        for start, end, word in word_spans(source)
        if not (start and source[start - 1].isdigit())
        and word.lower() in left
        and (word[:1].islower() or names.opens_sentence(source, start))
    ]


def known_only_as_names(analyser: Analyser, words: Sequence[str]) -> frozenset[str]:
    """The capitalised ``words`` that ``analyser`` knows, and only as names."""
    asked = sorted({w for w in words if w[:1].isupper()})
    if not asked:
        return frozenset()
    analysed = analyser.analyse(asked)
    return frozenset(
        w
        for w, a in zip(asked, analysed, strict=True)
        if (found := readings(a)) and all("<np>" in tags for _, tags in found)
    )

"""A person's surname alone, kept as the person's name is (names.py): the texts of one call
are read as one document (a summary's sentences, an article's paragraphs), and the recogniser
often misses a surname alone at a sentence's start, where it is capitalised by position too:
"Donald Trump held a rally. Trump won." had come out "... El triunfo ganó".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def with_surnames(
    texts: Sequence[str],
    persons: Sequence[str],
    kept: list[list[str]],
    found: Sequence[Sequence[str]] = (),
) -> list[list[str]]:
    """``kept`` (per text, the names kept verbatim) with the last word of each of the
    ``persons`` of several words added to each text that writes it capitalised alone, outside
    the names kept there and the persons' names ``found`` there (per text); not a word in
    capitals ("US") nor of one letter."""
    surnames = set()
    for person in persons:
        words = _WORD.findall(re.sub(r"['’]s?$", "", person))
        if len(words) > 1 and len(words[-1]) > 1 and not words[-1].isupper():
            surnames.add(words[-1])
    for i, (text, keep) in enumerate(zip(texts, kept, strict=True)):
        # Where the text's names are: a surname inside one goes as that name goes (a second,
        # overlapping term made "Bill Clinton's behaviour" es "de Bill Clinton el
        # comportamiento", where it had been "del comportamiento de Bill Clinton").
        names = [*keep, *(found[i] if i < len(found) else ())]
        for surname in sorted(surnames):
            covered = [m.span() for t in names if t != surname and surname in t
                       for m in re.finditer(re.escape(t), text)]  # fmt: skip
            alone = (
                m
                for m in re.finditer(rf"(?<!\w){re.escape(surname)}(?!\w)", text)
                if not any(s <= m.start() and m.end() <= e for s, e in covered)
            )
            if surname not in keep and next(alone, None):
                keep.append(surname)
    return kept

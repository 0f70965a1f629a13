"""Quotation spans and span trimming, on the raw text (code point offsets).

Double quotation marks open a quote; single ones are too often apostrophes, and a single quote
inside a double one is a nested quote that belongs to the outer content anyway. British style
quotes whole sentences in single marks ('We will win,' he said), and those are found apart, by
their shape: an opening mark that starts a paragraph or follows a space, and a closing mark
right after sentence punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"“": "”", "„": "“", "«": "»", '"': '"'}
CLOSERS = frozenset({"”", "»", '"', "“"})
QUOTE_CHARS = frozenset('"“”„«»')

# 'Sentence,' or 'sentence.' or 'sentence?' with the closing mark followed by a space or the end.
# Apostrophes inside words ("don't") do not close it.
_SINGLE = re.compile(
    r"(?:^|(?<=[\s(\[—–-]))['‘](?=[A-Z0-9])(?:[^\n'‘’]|(?<=\w)['’])*?"
    r"[,.!?…—–-]['’](?=\s|$)",
    re.MULTILINE,
)
_EDGE_PUNCT = " \t\n\r\u00a0,;:—–-"
_PARAGRAPH = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True)
class Quote:
    start: int  # at the opening mark
    end: int  # after the closing mark (or at the paragraph end when it never closes)
    closed: bool


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph; a newline separates paragraphs."""
    out: list[tuple[int, int]] = []
    pos = 0
    for match in _PARAGRAPH.finditer(text):
        if text[pos : match.start()].strip():
            out.append((pos, match.start()))
        pos = match.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def find_quotes(text: str) -> list[Quote]:
    """Top-level double-quoted stretches, paired within each paragraph.

    An opener left unclosed runs to the paragraph end: news style repeats the opening mark on
    each paragraph of a long quote and closes only the last one. Two apostrophes ('') serve as
    a straight double quote in some wire copy.
    """
    quotes: list[Quote] = []
    for p_start, p_end in paragraphs(text):
        i = p_start
        while i < p_end:
            width = _mark(text, i)
            if width and _can_open(text, i):
                j = i + width
                while j < p_end and not (_mark(text, j) and _closes(text[i], text[j])):
                    j += 1
                if j < p_end:
                    end = j + _mark(text, j)
                    quotes.append(Quote(i, end, True))
                    i = end
                    continue
                if p_end - i > width:
                    quotes.append(Quote(i, p_end, False))
                break
            i += 1
    singles = [Quote(m.start(), m.end(), True) for m in _SINGLE.finditer(text)]
    quotes += [q for q in singles if not any(o.start < q.end and q.start < o.end for o in quotes)]
    return sorted(quotes, key=lambda q: q.start)


def _mark(text: str, i: int) -> int:
    """Width of the double quotation mark at ``i``, 0 when there is none."""
    if text.startswith("''", i):
        return 2
    return 1 if text[i] in QUOTE_CHARS else 0


def _closes(opener: str, ch: str) -> bool:
    if opener == "'":
        return ch == "'"
    if opener in ("“", '"'):
        return ch in ("”", '"')
    if opener == "„":  # German closes with “, Romanian and Polish with ”
        return ch in ("“", "”")
    return ch == OPENERS.get(opener, opener)


def _can_open(text: str, i: int) -> bool:
    # A straight quote glued to a preceding letter closes something; it cannot open. Curly
    # closers never open.
    if text[i] in "”»":
        return False
    if text[i] not in "\"'":
        return True
    return i == 0 or not text[i - 1].isalnum()


def trim(text: str, start: int, end: int, keep_final_quote: bool = True) -> tuple[int, int]:
    """Shrink [start, end) past spaces and separating punctuation at both ends.

    A final period is dropped from indirect content but kept inside a quotation, which is how
    the gold marks a quote: from the opening to the closing mark, punctuation included.
    """
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and (text[end - 1] in _EDGE_PUNCT or text[end - 1] in ".!?"):
        if text[end - 1] in ".!?" and _inside_open_quote(text, start, end - 1):
            break
        end -= 1
    if keep_final_quote and end < len(text) and _unbalanced(text[start:end]):
        end += _mark(text, end) if text[end] != "“" else 0
    return start, end


def _inside_open_quote(text: str, start: int, pos: int) -> bool:
    return _unbalanced(text[start:pos]) or (pos + 1 < len(text) and text[pos + 1] in '”"')


def _unbalanced(piece: str) -> bool:
    return (
        piece.count("“") > piece.count("”")
        or piece.count('"') % 2 == 1
        or piece.count("''") % 2 == 1
    )


def has_quote(text: str, start: int, end: int) -> bool:
    piece = text[start:end]
    return any(ch in QUOTE_CHARS for ch in piece) or "''" in piece


def is_gap(text: str, start: int, end: int, allow: str = " \t\n\u00a0,:;—–-") -> bool:
    """True when text[start:end] holds only separators: two spans are adjacent."""
    return start <= end and all(ch in allow for ch in text[start:end])

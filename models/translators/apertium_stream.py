"""The text of an Apertium stream: its runs outside superblanks and escapes, and the words
a stage marked as unknown ("*casa"), for apertium_words.py, apertium_chain.py and
apertium_crash.py."""

from __future__ import annotations

import re

# An apostrophe or hyphen inside a word, not one that closes a quotation ("'envious'").
_MARKED_WORD = re.compile(r"[^\W\d_](?:\w|['’-](?=\w))*")


_MARK_THEN_WORD = re.compile(r"[*@#](" + _MARKED_WORD.pattern + ")")


def plain_runs(stream: str) -> list[tuple[int, int]]:
    """The spans of ``stream`` outside superblanks ("[...]") and backslash escapes."""
    runs: list[tuple[int, int]] = []
    i, start, n, in_blank = 0, 0, len(stream), False
    while i < n:
        c = stream[i]
        if c == "\\" or (c == "[" and not in_blank):
            if not in_blank and start < i:
                runs.append((start, i))
            in_blank = in_blank or c == "["
            i += 2 if c == "\\" else 1
            start = i
            continue
        if c == "]" and in_blank:
            in_blank = False
            start = i + 1
        i += 1
    if not in_blank and start < n:
        runs.append((start, n))
    return runs


def marked_words(stream: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of each word carrying an unknown-word mark, outside superblanks.

    Span covers the mark too, so replacing it replaces the mark."""
    return [(m.start(), m.end(), m.group(1)) for a, b in plain_runs(stream)
            for m in _MARK_THEN_WORD.finditer(stream, a, b)]  # fmt: skip


def marked_all(piece: str) -> str:
    """``piece`` as a generator would write it had it known none of its words: each word
    marked "*" (as ``marked_words`` finds them), superblanks and escapes as they are."""
    out, pos = [], 0
    for a, b in plain_runs(piece):
        out.append(piece[pos:a])
        out.append(_UNMARKED_WORD.sub(lambda m: "*" + m.group(), piece[a:b]))
        pos = b
    out.append(piece[pos:])
    return "".join(out)


_UNMARKED_WORD = re.compile(r"(?<![\w*@#])" + _MARKED_WORD.pattern)

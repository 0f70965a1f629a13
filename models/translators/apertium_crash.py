"""What a chain does with a text that kills one of its programs (apertium_chain.py).

Some Apertium programs crash on some sentences: eng-cat's apertium-postchunk (3.8) segfaults
on "They are always complaining." The stage after it then reads the end of its input and
answers with nothing, so the text would come back empty, and every text after it in the
batch too. The chain restarts and translates the texts one by one; a text that still kills it
goes sentence by sentence, and a sentence that kills it alone comes back as it was, each word
marked as one Apertium did not know: it stays in the source language and is reported as
untranslated, never dropped.
"""

from __future__ import annotations

import re

# A sentence's end: after ".", "!" or "?", before a blank.
_END = re.compile(r"(?<=[.!?])(?= )")
_WORD = re.compile(r"(?<![\w\\])([^\W\d_][\w'’-]*)")


def _plain_runs(piece: str) -> list[tuple[int, int]]:
    """The spans of ``piece`` outside superblanks ("[...]") and backslash escapes."""
    runs: list[tuple[int, int]] = []
    i, start, n, depth = 0, 0, len(piece), 0
    while i < n:
        c = piece[i]
        if c == "\\":
            if depth == 0 and start < i:
                runs.append((start, i))
            i += 2
            start = i
            continue
        if c == "[" and depth == 0:
            if start < i:
                runs.append((start, i))
            depth = 1
        elif c == "]" and depth:
            depth = 0
            start = i + 1
        i += 1
    if depth == 0 and start < n:
        runs.append((start, n))
    return runs


def sentences(piece: str) -> list[str]:
    """``piece`` cut before the blank after each sentence's end, outside superblanks; the
    parts joined give it back."""
    # The stop must be of the run itself, not an escaped one before it ("\\.").
    cuts = [m.start() for a, b in _plain_runs(piece) for m in _END.finditer(piece, a, b)
            if m.start() > a]  # fmt: skip
    bounds = [0, *cuts, len(piece)]
    return [piece[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if a < b]


def as_unknown(piece: str) -> str:
    """``piece`` as a generator would write it had it known none of its words: each word
    marked "*" (apertium_words.marked_words finds them), superblanks and escapes as they are."""
    out, pos = [], 0
    for a, b in _plain_runs(piece):
        out.append(piece[pos:a])
        out.append(_WORD.sub(r"*\1", piece[a:b]))
        pos = b
    out.append(piece[pos:])
    return "".join(out)

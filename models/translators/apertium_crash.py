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

from .apertium_stream import plain_runs

# A sentence's end: after ".", "!" or "?", before a blank.
_END = re.compile(r"(?<=[.!?])(?= )")


def sentences(piece: str) -> list[str]:
    """``piece`` cut before the blank after each sentence's end, outside superblanks; the
    parts joined give it back."""
    # The stop must be of the run itself, not an escaped one before it ("\\.").
    cuts = [m.start() for a, b in plain_runs(piece) for m in _END.finditer(piece, a, b)
            if m.start() > a]  # fmt: skip
    bounds = [0, *cuts, len(piece)]
    return [piece[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if a < b]

"""Headline attributions: "Rubio: I Still Believe ..." credits the claim to the name before the
colon. Only a line that is all headline (a short capitalised name, a colon, the claim to the
line's end) qualifies; a colon in running prose introduces a list as often as a quote.
"""

from __future__ import annotations

import re

from .quotes import trim
from .spans import SpanT

_NAME_WORD = r"[A-Z][\w.’'-]*"
# An optional kicker ("EXCLUSIVE – ") then one to four capitalised words before the colon.
_HEADLINE = re.compile(
    rf"^(?:[A-Z]{{3,}}\s+[–—-]\s+)?(?P<source>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}):[ \t]+"
    r"(?P<content>[^\n]{8,200})$",
    re.MULTILINE,
)
# Words that open a label, a series title or an exclamation rather than name a speaker
# ("Update: ...", "The Latest: ...", "Wow: ...").
_LABELS = frozenset(
    {
        "update",
        "updated",
        "note",
        "editor",
        "correction",
        "watch",
        "read",
        "related",
        "photo",
        "photos",
        "video",
        "source",
        "sources",
        "live",
        "breaking",
        "the",
        "a",
        "an",
        "wow",
        "look",
        "paid",
        "twitter",
        "opinion",
        "analysis",
        "exclusive",
        "listen",
        "see",
    }
)


def headline_claims(text: str) -> list[tuple[SpanT, SpanT, SpanT]]:
    """(source, cue, content) spans for each headline-style attributed line."""
    found = []
    for match in _HEADLINE.finditer(text):
        source = match.span("source")
        words = match.group("source").split()
        if words[0].lower() in _LABELS or any(len(w) > 3 and w.isupper() for w in words):
            continue
        content = trim(text, *match.span("content"))
        if content[1] - content[0] < 8 or content[1] - content[0] > 200:
            continue
        found.append((source, (source[1], source[1] + 1), content))
    return found

"""Attribution candidates, and the cues found outside the verb-and-clause core: nouns, headlines,
impressions, findings and questions put (see nouns.py, headlines.py, stance.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tidings.models.base import AttributionKind

from .clauses import source_span, text_of
from .headlines import headline_claims
from .nouns import noun_cue
from .quotes import Quote, has_quote
from .spans import SpanT
from .stance import appearance, as_put, asked, evidence


@dataclass
class Candidate:
    """One attribution under construction: character spans into the document."""

    fragments: list[SpanT]
    kind: AttributionKind
    confidence: float
    cue: SpanT | None
    source: SpanT | None = None
    source_head: Any = None
    quotes: list[Quote] = field(default_factory=list)
    cue_token: Any = None

    @property
    def content(self) -> SpanT:
        return self.fragments[0][0], self.fragments[-1][1]


def headlines(doc: Any) -> list[Candidate]:
    out = []
    for source, cue, content in headline_claims(doc.text):
        head = doc.char_span(*source, alignment_mode="contract")
        kind = (
            AttributionKind.MIXED if has_quote(doc.text, *content) else (AttributionKind.INDIRECT)
        )
        out.append(
            Candidate(
                [content],
                kind,
                0.6,
                cue,
                source,
                head.root if head is not None and len(head) else None,
            )
        )
    return out


def other_cue(token: Any, quotes: list[Quote]) -> Candidate | None:
    """Cues whose source is data, or no one: appearances, findings, questions put."""
    if any(q.start < token.idx < q.end for q in quotes):
        return None
    if token.pos_ == "NOUN":
        found = noun_cue(token)
        if found is None:
            return None
        pieces, cue, head = found
    elif token.pos_ in ("VERB", "AUX"):
        framed = as_put(token)
        if framed is not None:
            pieces, cue, head = framed
        else:
            verbal = asked(token) or appearance(token) or evidence(token)
            if verbal is None:
                return None
            pieces, cue, head = [verbal[0]], verbal[1], verbal[2]
    else:
        return None
    text = text_of(token.doc)
    kind = (
        AttributionKind.MIXED
        if any(has_quote(text, *p) for p in pieces)
        else (AttributionKind.INDIRECT)
    )
    source = source_span(head, token) if head is not None else None
    return Candidate(pieces, kind, 0.6, cue, source, head)

"""From tagged spans to attributions: every cue takes its source and its content.

The tagger marks sources, cues and contents independently; an attribution is a cue with the
content beside it and, where the sentence states one, the source nearest to it. Contents go to
the cue whose frame (cue plus source) they are nearest to, across at most a few words ("said on
Tuesday that ..."), and a cue may take pieces on both sides (an interrupted quote). A cue that
gets no content, and a content near no cue, are dropped: half an attribution misleads.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .spans import Scored, SpanT

# Words allowed between a cue's frame and its content ("said on Tuesday that", "told reporters").
MAX_GAP_WORDS = 6
# A source after its cue ("said Smith") is taken only when none stands before it.
AFTER_PENALTY = 40
_WORD = re.compile(r"\w+")


@dataclass
class Linked:
    cue: SpanT
    content: SpanT
    fragments: list[SpanT]
    confidence: float
    source: SpanT | None = None


class _Sentences:
    def __init__(self, bounds: list[SpanT]) -> None:
        self.starts = [s for s, _ in bounds]

    def of(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1


def _between(a: SpanT, b: SpanT, spans: list[Scored]) -> bool:
    lo, hi = min(a[1], b[1]), max(a[0], b[0])
    return any(lo <= s and e <= hi for s, e, _ in spans)


def _source_for(
    cue: Scored, sources: list[Scored], cues: list[Scored], sentences: _Sentences
) -> Scored | None:
    sentence = sentences.of(cue[0])
    best: tuple[float, Scored] | None = None
    for src in sources:
        if sentences.of(src[0]) != sentence or (src[0] < cue[1] and cue[0] < src[1]):
            continue
        if src[1] <= cue[0]:
            distance = float(cue[0] - src[1])
        else:
            distance = float(src[0] - cue[1] + AFTER_PENALTY)
        if _between(src[:2], cue[:2], [c for c in cues if c is not cue]):
            distance += 1000  # another cue stands between: its source first, this one's last
        if best is None or distance < best[0]:
            best = (distance, src)
    return best[1] if best else None


def _gap(text: str, content: SpanT, frame: SpanT) -> int | None:
    """Words between a content and a frame, or None when they overlap in a way no
    attribution shows (the content inside the cue)."""
    if content[0] >= frame[1]:
        between = text[frame[1] : content[0]]
    elif content[1] <= frame[0]:
        between = text[content[1] : frame[0]]
    elif content[0] <= frame[0] and frame[1] <= content[1]:
        return 0  # a content tagged across its own cue clause: an interrupted quote
    else:
        return None
    if "\n\n" in between:
        return None
    return len(_WORD.findall(between))


def link(text: str, spans: dict[str, list[Scored]], sentence_bounds: list[SpanT]) -> list[Linked]:
    sentences = _Sentences(sentence_bounds)
    cues = sorted(spans.get("cue", []))
    sources = sorted(spans.get("source", []))
    frames: list[tuple[Scored, Scored | None, SpanT]] = []
    for cue in cues:
        source = _source_for(cue, sources, cues, sentences)
        frame = (min(cue[0], source[0]), max(cue[1], source[1])) if source else cue[:2]
        frames.append((cue, source, frame))

    taken: dict[int, list[Scored]] = {}
    for content in sorted(spans.get("content", [])):
        best: tuple[tuple[int, int, int], int] | None = None
        for index, (_, _, frame) in enumerate(frames):
            gap = _gap(text, content[:2], frame)
            if gap is None or gap > MAX_GAP_WORDS:
                continue
            # Fewest words between; then a content after its cue; then the nearer in chars.
            chars = (
                abs(content[0] - frame[1]) if content[0] >= frame[1] else abs(frame[0] - content[1])
            )
            key = (gap, 0 if content[0] >= frame[1] else 1, chars)
            if best is None or key < best[0]:
                best = (key, index)
        if best is not None:
            taken.setdefault(best[1], []).append(content)

    out = []
    for index, (cue, source, _) in enumerate(frames):
        pieces = taken.get(index)
        if not pieces:
            continue
        pieces.sort()
        fragments = [p[:2] for p in pieces]
        content_p = sum(p[2] for p in pieces) / len(pieces)
        source_p = source[2] if source else 0.5
        confidence = (cue[2] * content_p * source_p) ** (1 / 3)
        out.append(
            Linked(
                cue=cue[:2],
                content=(fragments[0][0], fragments[-1][1]),
                fragments=fragments,
                confidence=confidence,
                source=source[:2] if source else None,
            )
        )
    return out

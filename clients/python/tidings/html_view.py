"""One self-contained HTML page for a SummarizeResponse: the article with every attribution
highlighted (source, cue and content), and beside it the summary in each language, each sentence
linked to its evidence in the article and its source's name marked.

Standard library only (the client needs no more than grpcio and protobuf). Every piece of text
from the article or the response is escaped; the page loads nothing from anywhere (its Content
Security Policy says so), and its only script is the constant one in html_assets.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from html import escape

from tidings.html_assets import CSS, SCRIPT
from tidings.v1 import tidings_pb2 as pb

# Which mark is outermost when two cover the same text: evidence, then a claim, then the
# words of its source and cue inside it.
_RANK = {"ev": 0, "content": 1, "source": 2, "cue": 3}
_KINDS = {pb.DIRECT: "direct quote", pb.INDIRECT: "indirect", pb.MIXED: "mixed"}
_LANGUAGES = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "ca": "Catalan",
    "gl": "Galician",
    "it": "Italian",
    "pt": "Portuguese",
    "ro": "Romanian",
    "de": "German",
}
_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)


@dataclass(order=True)
class _Mark:
    start: int
    neg_end: int  # longer marks first at the same start, so that they enclose the shorter
    rank: int
    seq: int
    role: str = field(compare=False)
    attrs: dict[str, str] = field(compare=False)

    @property
    def end(self) -> int:
        return -self.neg_end


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _tag(mark: _Mark, first: bool) -> str:
    attrs = dict(mark.attrs)
    if not first:
        attrs.pop("id", None)  # a mark split in pieces keeps its id on the first one only
    rendered = "".join(f' {name}="{_e(value)}"' for name, value in attrs.items())
    return f'<span class="{mark.role}"{rendered}>'


def nest(text: str, marks: list[_Mark]) -> str:
    """The text, escaped, with the marks as properly nested <span>s. A mark that crosses the
    end of an enclosing one (a claim that starts inside a quote and runs past it) is split
    into pieces that each nest; the pieces share the mark's attributes."""
    heap = list(marks)
    heapq.heapify(heap)
    out: list[str] = []
    stack: list[_Mark] = []
    pos = 0
    started: set[int] = set()

    def emit_to(end: int) -> None:
        nonlocal pos
        if end > pos:
            out.append(escape(text[pos:end], quote=False))
            pos = end

    while heap:
        mark = heapq.heappop(heap)
        while stack and stack[-1].end <= mark.start:
            emit_to(stack.pop().end)
            out.append("</span>")
        emit_to(mark.start)
        if stack and mark.end > stack[-1].end:
            limit = stack[-1].end
            rest = _Mark(limit, mark.neg_end, mark.rank, mark.seq, mark.role, mark.attrs)
            heapq.heappush(heap, rest)
            mark = _Mark(mark.start, -limit, mark.rank, mark.seq, mark.role, mark.attrs)
        out.append(_tag(mark, mark.seq not in started))
        started.add(mark.seq)
        stack.append(mark)
    while stack:
        emit_to(stack.pop().end)
        out.append("</span>")
    emit_to(len(text))
    return "".join(out)


def _valid(span: pb.Span | None, size: int) -> bool:
    return span is not None and 0 <= span.start < span.end <= size


def _tip(attribution: pb.Attribution) -> str:
    name = attribution.source_name or attribution.source or "unknown source"
    named = "named" if attribution.source_named else "unnamed"
    kind = _KINDS.get(attribution.kind, "unspecified")
    return f"{name} ({named}) · {kind} · confidence {attribution.confidence:.2f}"


def _article_marks(response: pb.SummarizeResponse, text: str, evidence: dict) -> list[_Mark]:
    marks: list[_Mark] = []

    def add(span: pb.Span, role: str, attrs: dict[str, str]) -> None:
        if _valid(span, len(text)):
            marks.append(_Mark(span.start, -span.end, _RANK[role], len(marks), role, attrs))

    for key, span in evidence.items():
        add(span, "ev", {"data-ev": key, "id": key})
    for index, attribution in enumerate(response.attributions):
        common = {"data-a": str(index), "data-tip": _tip(attribution), "tabindex": "0"}
        pieces = list(attribution.content_fragments) or [attribution.content_span]
        for piece in pieces:
            add(piece, "content", common)
        if attribution.HasField("source_span"):
            add(attribution.source_span, "source", common)
        if attribution.HasField("cue_span"):
            add(attribution.cue_span, "cue", common)
    return marks


def _evidence_keys(response: pb.SummarizeResponse) -> dict[tuple[int, int], str]:
    # The same article span backs the same sentence in every language: one anchor for it.
    keys: dict[tuple[int, int], str] = {}
    for summary in response.summaries:
        for sentence in summary.sentences:
            for span in sentence.evidence:
                keys.setdefault((span.start, span.end), f"ev-{len(keys)}")
    return keys


def _sentence(sentence: pb.SummarySentence, keys: dict, size: int) -> str:
    text = sentence.text
    if sentence.HasField("source_name_span") and _valid(sentence.source_name_span, len(text)):
        span = sentence.source_name_span
        body = (
            escape(text[: span.start], quote=False)
            + '<mark class="srcname">'
            + escape(text[span.start : span.end], quote=False)
            + "</mark>"
            + escape(text[span.end :], quote=False)
        )
    else:
        body = escape(text, quote=False)
    evs = [keys[(s.start, s.end)] for s in sentence.evidence if _valid(s, size)]
    attrs = " ".join(str(i) for i in sentence.attribution_indices)
    flag = "" if sentence.supported else ' <span class="unsupported">no evidence</span>'
    href = f' href="#{evs[0]}"' if evs else ""
    return (
        f'<li><a class="sent"{href} data-ev="{_e(" ".join(evs))}" data-a="{_e(attrs)}">'
        f"{body}</a>{flag}</li>"
    )


def _language(code: str) -> str:
    return f"{_LANGUAGES[code]} ({code})" if code in _LANGUAGES else code


def _summary(summary: pb.Summary, keys: dict, size: int) -> str:
    via = f" via {summary.pivot_language}" if summary.pivot_language else ""
    translator = f"translated by {summary.translator}{via}" if summary.translator else "original"
    sentences = "".join(_sentence(s, keys, size) for s in summary.sentences)
    return (
        f'<section class="summary" lang="{_e(summary.language)}">'
        f"<h2>{_e(_language(summary.language))} <small>{_e(translator)}</small></h2>"
        f"<ol>{sentences}</ol></section>"
    )


def _heading(response: pb.SummarizeResponse, title: str | None) -> str:
    return title or (response.title if response.HasField("title") else "") or "Who said what"


def _header(response: pb.SummarizeResponse, title: str | None, label: str | None) -> str:
    heading = _heading(response, title)
    detected = (
        f"detected, confidence {response.source_language_confidence:.2f}"
        if response.source_language_detected
        else "given"
    )
    count = len(response.attributions)
    meta = [
        f"{_language(response.source_language)}, {detected}",
        f"{count} attribution{'' if count == 1 else 's'}",
    ]
    if response.HasField("publisher"):
        meta.insert(0, response.publisher)
    if label:
        meta.insert(0, label)
    link = ""
    if response.HasField("url") and response.url.startswith(("http://", "https://")):
        link = f' · <a href="{_e(response.url)}" rel="noopener noreferrer">source</a>'
    return (
        f'<header><h1>{_e(heading)}</h1><p class="meta">{_e(" · ".join(meta))}{link}</p>'
        '<p class="legend"><span class="source">source</span> <span class="cue">cue</span> '
        '<span class="content">claim</span> '
        '<span class="key-ev">evidence of the sentence in focus</span> '
        '<mark class="srcname">source in summary</mark></p></header>'
    )


def render(
    response: pb.SummarizeResponse, text: str, *, title: str | None = None, label: str | None = None
) -> str:
    """The page for `response`, the answer to summarizing `text` (the article exactly as sent:
    every span is an index into it). `label` names the article, e.g. its file."""
    keys = _evidence_keys(response)
    evidence = {key: pb.Span(start=s, end=e) for (s, e), key in keys.items()}
    article = nest(text, _article_marks(response, text, evidence))
    summaries = "".join(_summary(s, keys, len(text)) for s in response.summaries)
    engines = response.engines
    footer = " · ".join(
        f"{name} {_e(value)}"
        for name, value in (
            ("profile", engines.profile),
            ("summarizer", engines.summarizer),
            ("attribution", engines.attribution),
            ("aligner", engines.aligner),
        )
        if value
    )
    heading = _heading(response, title)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Tidings: {_e(heading)}</title><style>{CSS}</style></head><body>"
        f"{_header(response, title, label)}<main>"
        f'<aside class="summaries"><h2 class="col">Summary</h2>{summaries}</aside>'
        f'<article lang="{_e(response.source_language)}"><h2 class="col">Article</h2>'
        f'<div class="text">{article}</div></article>'
        f'</main><footer>{footer}</footer><div id="tip" role="tooltip" hidden></div>'
        f"<script>{SCRIPT}</script></body></html>\n"
    )

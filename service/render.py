"""Make each summary sentence say whose claim it is, before it is translated.

A sentence built on an attributed claim must name its source in its own text. Three cases:
- the sentence already names the source ("..., according to TASS."): kept as written;
- it names the source by a pronoun or title ("he added"): the canonical name replaces it;
- the source stands in another sentence (a quote continued across sentences): the sentence
  gets a lead-in in the article's language ("According to Donald Trump, ...").
The name's span inside the rendered text is returned so translation can protect it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tidings.models.base import Attribution, Span
from tidings.models.leadins import ANAPHORIC, BARE_PRONOUN, lead_in

_FIRST_WORD = re.compile(r"\w+")


def citable(attribution: Attribution) -> bool:
    """Whether a summary can name this attribution's source ("According to X")."""
    name = attribution.source_name or attribution.source
    return bool(name) and not BARE_PRONOUN.match(name.strip())


@dataclass(frozen=True)
class Rendered:
    text: str
    # The source's name inside ``text``, when the sentence names a source.
    name_span: Span | None
    # The name as it stands in text[name_span], protected from translation when named.
    name: str | None
    protect: bool


def link_attributions(evidence: Sequence[Span], attributions: Sequence[Attribution]) -> list[int]:
    """Indices of the attributions whose claim this sentence reports, best first.

    A claim counts when its content covers a real part of an evidence span: at least half of
    the smaller of the two, so that a sentence that merely touches a quote does not inherit it.
    """
    scored: list[tuple[float, int]] = []
    for i, attribution in enumerate(attributions):
        best = 0.0
        for ev in evidence:
            for piece in attribution.content_fragments or (attribution.content_span,):
                inter = min(ev.end, piece.end) - max(ev.start, piece.start)
                if inter > 0:
                    best = max(best, inter / max(1, min(len(ev), len(piece))))
        if best >= 0.5:
            bonus = (0.1 if attribution.source_named else 0.0) + (
                0.2 if citable(attribution) else 0.0
            )
            scored.append((best + bonus, i))
    return [i for _, i in sorted(scored, key=lambda s: (-s[0], s[1]))]


def render(
    article: str,
    sentence: str,
    sentence_span: Span | None,
    attribution: Attribution | None,
    language: str,
) -> Rendered:
    """Render one summary sentence; ``sentence_span`` is None for generated sentences."""
    if attribution is None or not citable(attribution):
        return Rendered(sentence, None, None, False)
    name = attribution.source_name or attribution.source or ""
    source_here = (
        attribution.source_span is not None
        and sentence_span is not None
        and sentence_span.contains(attribution.source_span)
        and sentence == sentence_span.of(article)
    )
    if source_here:
        assert attribution.source_span is not None and sentence_span is not None
        local = Span(
            attribution.source_span.start - sentence_span.start,
            attribution.source_span.end - sentence_span.start,
        )
        written = local.of(sentence)
        if attribution.source_named and ANAPHORIC.match(written) and name != written:
            replaced = sentence[: local.start] + name + sentence[local.end :]
            if local.start == 0:
                replaced = name + sentence[local.end :]
            return Rendered(replaced, Span(local.start, local.start + len(name)), name, True)
        found = sentence.find(name, local.start, local.end) if name else -1
        if found >= 0:
            return Rendered(
                sentence, Span(found, found + len(name)), name, attribution.source_named
            )
        return Rendered(sentence, local, written, attribution.source_named)
    # The generated or quoted sentence may already name the source on its own.
    found = sentence.find(name) if attribution.source_named and name else -1
    if found >= 0:
        return Rendered(sentence, Span(found, found + len(name)), name, True)
    lead = lead_in(language)
    before, _, _ = lead.partition("{name}")
    body = _lower_first(sentence, article)
    rendered = lead.format(name=name) + body
    return Rendered(
        rendered,
        Span(len(before), len(before) + len(name)),
        name,
        attribution.source_named,
    )


def _lower_first(sentence: str, article: str) -> str:
    """Lower-case the first word after a lead-in only if the article writes it in lower case.

    That keeps names ("Russia ...") capitalised without a tagger.
    """
    match = _FIRST_WORD.search(sentence)
    if not match or match.start() > 1:
        return sentence
    word = match.group()
    if word[:1].isupper() and re.search(rf"\b{re.escape(word.lower())}\b", article):
        return sentence[: match.start()] + word[0].lower() + sentence[match.start() + 1 :]
    return sentence

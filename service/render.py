"""Make each summary sentence say whose claim it is, before it is translated.

A sentence built on an attributed claim must name its source in its own text. Three cases:
- the sentence already names the source ("..., according to TASS."): kept as written;
- it names the source by a pronoun or title ("he added"): the canonical name replaces it;
- the source stands in another sentence (a quote continued across sentences): the sentence
  gets a lead-in in the article's language ("According to Donald Trump, ...").
The name's span inside the rendered text is returned so translation can protect it. A name
is protected only when it is one (it opens with a capitalised word that is not an article):
"the energy ministry" is a phrase and is translated like one. A lead-in is not translated with
its sentence: translation renders it again from the target language's own table
(``localized``), around the translated body and the protected name or translated phrase.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tidings.models.base import Attribution, Span
from tidings.models.leadins import ANAPHORIC, BARE_PRONOUN, lead_in
from tidings.models.translators.name_words import descriptive, is_title
from tidings.models.translators.names import find_names, pipeline, stop_words

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
    # The sentence without its lead-in, when render added one ("According to X, " + body).
    body: str | None = None


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
        if found < 0 and attribution.source_named and name:
            # "Abase Hussen - who blamed the police - admitted": the name, not the "who".
            found = sentence.find(name)
        if found >= 0:
            protect = named(attribution, name, language)
            return Rendered(sentence, Span(found, found + len(name)), name, protect)
        return Rendered(sentence, local, written, named(attribution, written, language))
    # The generated or quoted sentence may already name the source on its own.
    found = sentence.find(name) if attribution.source_named and name else -1
    if found >= 0:
        span = Span(found, found + len(name))
        return Rendered(sentence, span, name, named(attribution, name, language))
    body = _lower_first(sentence, article, language)
    protect = named(attribution, name, language)
    # An unnamed source reads as a phrase inside the lead-in: "According to the ministry".
    shown = name if protect else name[:1].lower() + name[1:]
    rendered, span = localized(language, shown, body)
    return Rendered(rendered, span, shown, protect, body)


def named(attribution: Attribution, name: str, language: str) -> bool:
    """Whether a source is a name to keep verbatim, not a phrase to translate: the extractor
    says it is named, and it opens with a capitalised word that is not an article or the like
    ("The energy ministry" at a sentence's start is a phrase), and it is not made of titles
    and generic heads alone ("Minister")."""
    first = _FIRST_WORD.search(name)
    # "Minister" or "Police Department" alone is a role or a body, not a name: translated.
    generic = all(is_title(w, language) or descriptive([w], language)
                  for w in _FIRST_WORD.findall(name))  # fmt: skip
    return bool(
        attribution.source_named
        and first
        and first.group()[:1].isupper()
        and first.group().lower() not in stop_words(language)
        and not generic
    )


def localized(language: str, name: str, body: str) -> tuple[str, Span]:
    """A lead-in in ``language`` naming ``name`` before ``body``, and the name's span."""
    lead = lead_in(language)
    before, _, _ = lead.partition("{name}")
    return lead.format(name=name) + body, Span(len(before), len(before) + len(name))


def _lower_first(sentence: str, article: str, language: str) -> str:
    """Lower-case the first word after a lead-in unless it opens a name ("Russia ...").

    It is lowered when the article writes it in lower case, when it is a stop word ("The"),
    or, where NER serves the language, when it opens no name NER finds ("Prices ...").
    """
    match = _FIRST_WORD.search(sentence)
    if not match or match.start() > 1 or not match.group()[:1].isupper():
        return sentence
    word = match.group()
    lower = bool(re.search(rf"\b{re.escape(word.lower())}\b", article))
    # A quotation opens with a capital whatever the word: only the article's own case counts.
    quoted = match.start() > 0
    lower = lower or (not quoted and word.lower() in stop_words(language))
    if not lower and not quoted and pipeline(language) is not None:
        lower = not any(n.start <= match.start() < n.end for n in find_names(sentence, language))
    if lower:
        return sentence[: match.start()] + word[0].lower() + sentence[match.start() + 1 :]
    return sentence


def body_case(translated: str, body: str) -> str:
    """The translated body starts in the case its source body starts in (after a lead-in)."""
    if body[:1].islower() and translated[:1].isupper():
        return translated[:1].lower() + translated[1:]
    return translated


def as_phrase(translated: str, source: str) -> str:
    """A phrase translated alone, as it stands inside a lead-in: no final period, and lower
    case where the source phrase was ("the ministry" -> "el ministerio", not "El")."""
    translated = translated.strip().rstrip(".")
    if source[:1].islower() and translated[:1].isupper():
        return translated[:1].lower() + translated[1:]
    return translated


def find_phrase(text: str, phrase: str) -> Span | None:
    """Where a separately translated phrase stands in a translated sentence.

    Exact (case-insensitive) first; otherwise the run of words that shares the most words with
    the phrase, if it shares at least 60% of them: a phrase translated alone can differ from
    its translation in context by an article or an inflection.
    """
    phrase = phrase.strip().rstrip(".")
    if not phrase:
        return None
    at = text.lower().find(phrase.lower())
    if at >= 0:
        return Span(at, at + len(phrase))
    words = [m for m in _WORDS.finditer(text)]
    wanted = [w.lower() for w in _WORDS.findall(phrase)]
    best: tuple[float, Span | None] = (0.0, None)
    for size in {max(1, len(wanted) - 1), len(wanted), len(wanted) + 1}:
        for i in range(0, max(0, len(words) - size) + 1):
            window = words[i : i + size]
            if not window:
                continue
            shared = len(set(wanted) & {w.group().lower() for w in window})
            score = shared / max(len(set(wanted)), size)
            if score > best[0]:
                best = (score, Span(window[0].start(), window[-1].end()))
    return best[1] if best[0] >= 0.6 else None


_WORDS = re.compile(r"\w+")

"""Proto <-> domain conversions for the servicer: the only place that knows both shapes.

Requests become the picklable domain values a model worker takes (pipeline.SummaryRequest,
plain arguments); results become response messages. No model work and no gRPC status here.
"""

from __future__ import annotations

from tidings.models.base import Attribution, AttributionKind, InvalidInput, Span
from tidings.service.errors import status_for
from tidings.service.language_choice import LanguageChoice
from tidings.service.pipeline import (
    AttributionResult,
    SummaryRequest,
    SummaryResult,
    TranslateResult,
)
from tidings.service.runtime import Catalog
from tidings.v1 import tidings_pb2 as pb

_KINDS = {
    AttributionKind.DIRECT: pb.DIRECT,
    AttributionKind.INDIRECT: pb.INDIRECT,
    AttributionKind.MIXED: pb.MIXED,
}


# -- requests -------------------------------------------------------------------------------


def summary_request(request: pb.SummarizeRequest) -> SummaryRequest:
    if not request.HasField("article"):
        raise InvalidInput("article is missing: send article.text")
    article = request.article
    return SummaryRequest(
        text=article.text,
        title=article.title if article.HasField("title") else None,
        language=article.language if article.HasField("language") else None,
        targets=tuple(request.target_languages),
        max_sentences=request.max_sentences,
    )


def translate_args(request: pb.TranslateRequest) -> tuple[list[str], str, str | None]:
    """Arguments of Pipeline.translate: texts, target, source (None: detect it)."""
    source = request.source_language if request.HasField("source_language") else None
    return list(request.texts), request.target_language, source


def attributions_args(request: pb.ExtractAttributionsRequest) -> tuple[str, str | None]:
    """Arguments of Pipeline.extract_attributions: text, language (None: detect it)."""
    return request.text, request.language if request.HasField("language") else None


# -- responses ------------------------------------------------------------------------------


def _warnings(language: LanguageChoice) -> list[str]:
    return [language.warning] if language.warning else []


def span_pb(span: Span) -> pb.Span:
    return pb.Span(start=span.start, end=span.end)


def attribution_pb(a: Attribution) -> pb.Attribution:
    message = pb.Attribution(
        source_named=a.source_named,
        content=a.content,
        content_span=span_pb(a.content_span),
        content_fragments=[span_pb(s) for s in a.content_fragments or (a.content_span,)],
        kind=_KINDS[a.kind],
        confidence=a.confidence,
    )
    if a.source is not None:
        message.source = a.source
    if a.source_span is not None:
        message.source_span.CopyFrom(span_pb(a.source_span))
    if a.source_name is not None:
        message.source_name = a.source_name
    if a.cue is not None:
        message.cue = a.cue
    if a.cue_span is not None:
        message.cue_span.CopyFrom(span_pb(a.cue_span))
    return message


def summary_response(result: SummaryResult, article: pb.Article) -> pb.SummarizeResponse:
    summaries = []
    for summary in result.summaries:
        sentences = []
        for s in summary.sentences:
            sentence = pb.SummarySentence(
                text=s.text,
                evidence=[span_pb(e) for e in s.evidence],
                attribution_indices=list(s.attribution_indices),
                supported=s.supported,
                support=s.support,
            )
            if s.source_name_span is not None:
                sentence.source_name_span.CopyFrom(span_pb(s.source_name_span))
            sentences.append(sentence)
        summaries.append(
            pb.Summary(
                language=summary.language,
                text=summary.text,
                sentences=sentences,
                translator=summary.translator,
                pivot_language=summary.pivot or "",
            )
        )
    response = pb.SummarizeResponse(
        source_language=result.language.code,
        source_language_detected=result.language.detected,
        source_language_confidence=result.language.confidence,
        summaries=summaries,
        attributions=[attribution_pb(a) for a in result.attributions],
        engines=pb.Engines(**result.engines),
        warnings=_warnings(result.language) + list(result.notes),
    )
    for name in ("title", "publisher", "url"):
        if article.HasField(name):
            setattr(response, name, getattr(article, name))
    return response


def stream_response(item_id: str, result: SummaryResult, article: pb.Article):
    return pb.SummarizeStreamResponse(id=item_id, response=summary_response(result, article))


def stream_error(item_id: str, exc: BaseException) -> pb.SummarizeStreamResponse:
    """One stream item's failure, in the item's answer (the stream goes on)."""
    code, message = status_for(exc)
    return pb.SummarizeStreamResponse(
        id=item_id, error=pb.Error(code=code.value[0], message=message)
    )


def translate_response(result: TranslateResult) -> pb.TranslateResponse:
    return pb.TranslateResponse(
        translations=result.translations,
        source_language=result.language.code,
        source_language_detected=result.language.detected,
        source_language_confidence=result.language.confidence,
        translator=result.translator,
        pivot_language=result.pivot or "",
        warnings=_warnings(result.language) + list(result.notes),
    )


def attributions_response(result: AttributionResult) -> pb.ExtractAttributionsResponse:
    return pb.ExtractAttributionsResponse(
        attributions=[attribution_pb(a) for a in result.attributions],
        engine=result.engine,
        language=result.language.code,
        language_detected=result.language.detected,
        warnings=_warnings(result.language),
    )


def languages_response(catalog: Catalog) -> pb.ListLanguagesResponse:
    pairs = [
        pb.TranslationPair(source=s, target=t, engine=name, pivot_language=pivot or "")
        for s, t, name, pivot in catalog.pairs
    ]
    sources = catalog.source_languages
    # Per source: its own language and what a translator reaches from it, nothing else.
    reach = {
        source: sorted({source} | {t for s, t, _, _ in catalog.pairs if s == source})
        for source in sources
    }
    targets = sorted({t for reached in reach.values() for t in reached})
    return pb.ListLanguagesResponse(
        source_languages=sources,
        target_languages=targets,
        summary_languages=[
            pb.SummaryLanguages(source_language=s, target_languages=reach[s]) for s in sources
        ],
        translation_pairs=pairs,
        engines=[
            pb.EngineInfo(role=i.role, name=i.name, model=i.model, device=i.device)
            for i in catalog.engines
        ],
        profile=catalog.profile,
    )

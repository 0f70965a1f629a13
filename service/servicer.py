"""The gRPC edge: proto in, domain calls in a model worker (runtime.call), proto out. Nothing
else."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from tidings.models.base import Attribution, AttributionKind, InvalidInput, Span
from tidings.service.errors import grpc_errors, grpc_stream_errors, status_for
from tidings.service.pipeline import (
    AttributionResult,
    SummaryRequest,
    SummaryResult,
    TranslateResult,
)
from tidings.service.runtime import Runtime
from tidings.service.validation import Problem
from tidings.v1 import tidings_pb2 as pb
from tidings.v1 import tidings_pb2_grpc

_KINDS = {
    AttributionKind.DIRECT: pb.DIRECT,
    AttributionKind.INDIRECT: pb.INDIRECT,
    AttributionKind.MIXED: pb.MIXED,
}


class TidingsServicer(tidings_pb2_grpc.TidingsServicer):
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    @grpc_errors
    async def Summarize(self, request: pb.SummarizeRequest, context) -> pb.SummarizeResponse:
        domain = summary_request(request)
        result: SummaryResult = await self.runtime.call("summarize", domain)
        return summary_response(result, request.article)

    @grpc_stream_errors
    async def SummarizeStream(
        self, requests: AsyncIterator[pb.SummarizeStreamRequest], context
    ) -> AsyncIterator[pb.SummarizeStreamResponse]:
        # Up to twice `workers` items at once, so a worker that finishes finds the next item
        # already waiting; each answer goes out as soon as it is ready.
        seen: set[str] = set()
        pending: set[asyncio.Task[pb.SummarizeStreamResponse]] = set()
        settings = self.runtime.settings
        window = max(1, min(2 * settings.workers, settings.max_in_flight // 2))
        async for item in requests:
            problem = None
            if not item.id:
                problem = Problem.MISSING_ID.error()
            elif item.id in seen:
                problem = Problem.DUPLICATE_ID.error(value=item.id)
            if problem is not None:
                yield _stream_error(item.id, problem)
                continue
            seen.add(item.id)
            pending.add(asyncio.create_task(self._stream_item(item)))
            while len(pending) >= window:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    yield task.result()
        while pending:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                yield task.result()

    async def _stream_item(self, item: pb.SummarizeStreamRequest) -> pb.SummarizeStreamResponse:
        try:
            domain = summary_request(item.request)
            result: SummaryResult = await self.runtime.call("summarize", domain)
            return pb.SummarizeStreamResponse(
                id=item.id, response=summary_response(result, item.request.article)
            )
        except Exception as exc:  # noqa: BLE001 - one bad item must not end the stream
            return _stream_error(item.id, exc)

    @grpc_errors
    async def Translate(self, request: pb.TranslateRequest, context) -> pb.TranslateResponse:
        source = request.source_language if request.HasField("source_language") else None
        texts = list(request.texts)
        result: TranslateResult = await self.runtime.call(
            "translate", texts, request.target_language, source
        )
        return pb.TranslateResponse(
            translations=result.translations,
            source_language=result.language.code,
            source_language_detected=result.language.detected,
            source_language_confidence=result.language.confidence,
            translator=result.translator,
            pivot_language=result.pivot or "",
            warnings=[result.language.warning] if result.language.warning else [],
        )

    @grpc_errors
    async def ExtractAttributions(
        self, request: pb.ExtractAttributionsRequest, context
    ) -> pb.ExtractAttributionsResponse:
        language = request.language if request.HasField("language") else None
        result: AttributionResult = await self.runtime.call(
            "extract_attributions", request.text, language
        )
        return pb.ExtractAttributionsResponse(
            attributions=[attribution_pb(a) for a in result.attributions],
            engine=result.engine,
            language=result.language.code,
            language_detected=result.language.detected,
            warnings=[result.language.warning] if result.language.warning else [],
        )

    @grpc_errors
    async def ListLanguages(self, request, context) -> pb.ListLanguagesResponse:
        catalog = self.runtime.catalog()
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


# -- conversions ----------------------------------------------------------------------------


def _stream_error(item_id: str, exc: BaseException) -> pb.SummarizeStreamResponse:
    code, message = status_for(exc)
    return pb.SummarizeStreamResponse(
        id=item_id, error=pb.Error(code=code.value[0], message=message)
    )


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
        warnings=[result.language.warning] if result.language.warning else [],
    )
    for name in ("title", "publisher", "url"):
        if article.HasField(name):
            setattr(response, name, getattr(article, name))
    return response

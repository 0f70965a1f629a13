"""The gRPC edge: proto in, domain calls in a model worker (runtime.call), proto out. Nothing
else: the conversions live in convert.py, the status codes in errors.py."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

from tidings.service import convert, interrupt
from tidings.service.errors import grpc_errors, grpc_stream_errors
from tidings.service.runtime import Runtime
from tidings.service.validation import Problem
from tidings.v1 import tidings_pb2 as pb
from tidings.v1 import tidings_pb2_grpc


class TidingsServicer(tidings_pb2_grpc.TidingsServicer):
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    @grpc_errors
    async def Summarize(self, request: pb.SummarizeRequest, context) -> pb.SummarizeResponse:
        result = await self.runtime.call(
            "summarize", convert.summary_request(request), deadline=_deadline(context)
        )
        return convert.summary_response(result, request.article)

    @grpc_stream_errors
    async def SummarizeStream(
        self, requests: AsyncIterator[pb.SummarizeStreamRequest], context
    ) -> AsyncIterator[pb.SummarizeStreamResponse]:
        # Up to twice `workers` items at once, so a worker that finishes finds the next item
        # already waiting; each answer goes out as soon as it is ready.
        seen: set[str] = set()
        settings = self.runtime.settings
        window = max(1, min(2 * settings.workers, settings.max_in_flight // 2))
        with self.runtime.tracked() as task:
            try:
                async for response in self._stream(requests, context, window, seen):
                    yield response
            except asyncio.CancelledError:
                # runtime.halt() at the end of the grace period: the caller is told why.
                if self.runtime.halted(task):
                    raise interrupt.error(interrupt.STOPPING) from None
                raise
        self.runtime.metrics.observe_items("SummarizeStream", len(seen))  # a finished stream

    async def _stream(
        self,
        requests: AsyncIterator[pb.SummarizeStreamRequest],
        context,
        window: int,
        seen: set[str],
    ) -> AsyncIterator[pb.SummarizeStreamResponse]:
        pending: set[asyncio.Task[pb.SummarizeStreamResponse]] = set()
        try:
            async for item in requests:
                problem = None
                if not item.id:
                    problem = Problem.MISSING_ID.error()
                elif item.id in seen:
                    problem = Problem.DUPLICATE_ID.error(value=item.id)
                if problem is not None:
                    yield convert.stream_error(item.id, problem)
                    continue
                seen.add(item.id)
                pending.add(asyncio.create_task(self._stream_item(item, _deadline(context))))
                while len(pending) >= window:
                    done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                    for task in done:
                        yield task.result()
            while pending:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    yield task.result()
        finally:
            # The caller cancelled, its deadline passed or it stopped reading: items still
            # queued for a worker must not start for nobody (runtime.call counts them).
            for task in pending:
                task.cancel()

    async def _stream_item(
        self, item: pb.SummarizeStreamRequest, deadline: float | None
    ) -> pb.SummarizeStreamResponse:
        try:
            result = await self.runtime.call(
                "summarize", convert.summary_request(item.request), deadline=deadline
            )
            return convert.stream_response(item.id, result, item.request.article)
        except Exception as exc:  # noqa: BLE001 - one bad item must not end the stream
            return convert.stream_error(item.id, exc)

    @grpc_errors
    async def Translate(self, request: pb.TranslateRequest, context) -> pb.TranslateResponse:
        self.runtime.metrics.observe_items("Translate", len(request.texts))
        result = await self.runtime.call(
            "translate", *convert.translate_args(request), deadline=_deadline(context)
        )
        return convert.translate_response(result)

    @grpc_errors
    async def ExtractAttributions(
        self, request: pb.ExtractAttributionsRequest, context
    ) -> pb.ExtractAttributionsResponse:
        result = await self.runtime.call(
            "extract_attributions", *convert.attributions_args(request), deadline=_deadline(context)
        )
        return convert.attributions_response(result)

    @grpc_errors
    async def ListLanguages(self, request, context) -> pb.ListLanguagesResponse:
        return convert.languages_response(self.runtime.catalog())


def _deadline(context) -> float | None:
    """The caller's deadline on time.monotonic()'s clock; None when it set none."""
    remaining = context.time_remaining()
    return None if remaining is None else time.monotonic() + remaining

"""AsyncClient: Client's methods as coroutines over grpc.aio, with the same deadlines, retries
and errors (see client.py)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Iterable
from typing import Any, TypeVar

import grpc
import grpc.aio

from tidings._common import (
    CHANNEL_OPTIONS,
    DEFAULT_TARGET,
    HEALTH_CHECK_METHOD,
    StreamItem,
    TidingsError,
    attributions_request,
    check_settings,
    check_timeout,
    health_request,
    health_status,
    retry_after,
    retry_delay,
    status_code,
    stream_request,
    summarize_request,
    translate_request,
)
from tidings._transport import call_metadata, channel_credentials, plaintext_hint
from tidings.v1 import tidings_pb2 as pb
from tidings.v1 import tidings_pb2_grpc as pb_grpc

T = TypeVar("T")
_UNAVAILABLE = grpc.StatusCode.UNAVAILABLE
_POLL_S = 0.1


def _status_lost(err: grpc.RpcError) -> bool:
    """Whether grpc.aio lost the server's status of a stream ended while we were still sending.

    The failed write stamps the call INTERNAL "Internal error from Core" (grpc/aio/_call.py
    _write), over the server's status when that came first. Servers end a stream before any
    answer mostly because they are not ready (UNAVAILABLE), so such a stream is retried like
    one; when retries run out the error says what happened instead of a bare INTERNAL."""
    debug_fn = getattr(err, "debug_error_string", None)
    return (
        status_code(err) is grpc.StatusCode.INTERNAL
        and err.details() == "Internal error from Core"
        and callable(debug_fn)
        and "SendMessageOperation" in (debug_fn() or "")
    )


class _AsyncReplay:
    """client._Replay for grpc.aio: requests kept until the first answer so that a refused
    stream can be resent, each pulled once from a sync or async iterable. grpc.aio pulls
    requests in a task of its own, so a stale attempt must stop pulling."""

    def __init__(self, items: Iterable[StreamItem] | AsyncIterable[StreamItem]) -> None:
        self._source: Any = aiter(items) if isinstance(items, AsyncIterable) else iter(items)
        self._sent: list[pb.SummarizeStreamRequest] = []
        self._recording = True
        self._generation = 0
        self._lock = asyncio.Lock()
        self.error: Exception | None = None

    def attempt(self) -> AsyncIterator[pb.SummarizeStreamRequest]:
        self._generation += 1
        return self._pass(self._generation)

    def stop_recording(self) -> None:
        self._recording = False

    async def _next_item(self) -> StreamItem:
        if isinstance(self._source, AsyncIterator):
            return await anext(self._source)
        try:
            return next(self._source)
        except StopIteration:
            raise StopAsyncIteration from None

    async def _pass(self, generation: int) -> AsyncIterator[pb.SummarizeStreamRequest]:
        index = 0
        while True:
            async with self._lock:
                if generation != self._generation:
                    return
                if index < len(self._sent):
                    request = self._sent[index]
                else:
                    if self.error is not None:
                        return
                    try:
                        request = stream_request(await self._next_item())
                    except StopAsyncIteration:
                        return
                    except Exception as exc:  # noqa: BLE001 - re-raised on the caller's side
                        self.error = exc
                        return
                    if self._recording:
                        self._sent.append(request)
            index += 1
            yield request


class AsyncClient:
    """Client for asyncio. Use as `async with AsyncClient() as client:`, or await close()."""

    def __init__(
        self,
        target: str = DEFAULT_TARGET,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 0.2,
        channel: grpc.aio.Channel | None = None,
        tls: bool = False,
        ca: str | None = None,
        cert: str | None = None,
        key: str | None = None,
        token: str | None = None,
    ) -> None:
        check_settings(timeout, retries, backoff)
        self.target = target
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._owns_channel = channel is None
        # tls, or a ca (a private CA to trust) or cert/key (mutual TLS), makes the channel TLS.
        credentials = channel_credentials(tls, ca, cert, key)
        self._metadata = call_metadata(token)  # sent with every call, health checks too
        self._secure = credentials is not None or channel is not None
        if channel is None and credentials is not None:
            channel = grpc.aio.secure_channel(target, credentials, options=CHANNEL_OPTIONS)
        self._channel = channel or grpc.aio.insecure_channel(target, options=CHANNEL_OPTIONS)
        self._stub = pb_grpc.TidingsStub(self._channel)
        self._health = self._channel.unary_unary(HEALTH_CHECK_METHOD)

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._owns_channel:
            self._owns_channel = False
            await self._channel.close()

    async def summarize(
        self,
        text: str,
        *,
        title: str | None = None,
        publisher: str | None = None,
        url: str | None = None,
        language: str | None = None,
        target_languages: Iterable[str] = (),
        max_sentences: int = 0,
        timeout: float | None = None,
    ) -> pb.SummarizeResponse:
        request = summarize_request(
            text,
            title=title,
            publisher=publisher,
            url=url,
            language=language,
            target_languages=target_languages,
            max_sentences=max_sentences,
        )
        return await self._unary(self._stub.Summarize, request, timeout)

    async def summarize_many(
        self,
        items: Iterable[StreamItem] | AsyncIterable[StreamItem],
        *,
        timeout: float | None = None,
    ) -> AsyncIterator[pb.SummarizeStreamResponse]:
        """Client.summarize_many as an async iterator; items may be an async iterable."""
        deadline = self._deadline(timeout)
        replay = _AsyncReplay(items)
        attempt = 0
        while True:
            call = self._stub.SummarizeStream(
                replay.attempt(), timeout=self._left(deadline), metadata=self._metadata
            )
            answered = False
            try:
                async for response in call:
                    answered = True
                    replay.stop_recording()
                    yield response
                break
            except grpc.RpcError as err:
                lost = not answered and _status_lost(err)
                code = _UNAVAILABLE if lost else status_code(err)
                hint = None if lost else retry_after(err)
                if answered or not await self._sleep_before_retry(code, attempt, deadline, hint):
                    if lost:
                        raise TidingsError(
                            grpc.StatusCode.UNKNOWN,
                            (
                                f"the server ended the stream before reading it ({attempt + 1} "
                                "tries); grpc.aio does not report why"
                            ),
                        ) from err
                    raise self._error(err) from err
                attempt += 1
            finally:
                call.cancel()
        if replay.error is not None:
            raise replay.error

    async def translate(
        self,
        texts: Iterable[str],
        target_language: str,
        *,
        source_language: str | None = None,
        timeout: float | None = None,
    ) -> pb.TranslateResponse:
        request = translate_request(texts, target_language, source_language)
        return await self._unary(self._stub.Translate, request, timeout)

    async def extract_attributions(
        self, text: str, *, language: str | None = None, timeout: float | None = None
    ) -> pb.ExtractAttributionsResponse:
        return await self._unary(
            self._stub.ExtractAttributions, attributions_request(text, language), timeout
        )

    async def languages(self, *, timeout: float | None = None) -> pb.ListLanguagesResponse:
        return await self._unary(self._stub.ListLanguages, pb.ListLanguagesRequest(), timeout)

    async def health(self, service: str = "", *, timeout: float | None = None) -> str:
        try:
            answer = await self._unary(self._health, health_request(service), timeout)
        except TidingsError as err:
            if err.code is grpc.StatusCode.NOT_FOUND:
                return "SERVICE_UNKNOWN"
            raise
        return health_status(answer)

    async def wait_until_serving(self, timeout: float, service: str = "") -> None:
        deadline = time.monotonic() + timeout
        last = "no answer"
        while (left := deadline - time.monotonic()) > 0:
            try:
                answer = await self._health(
                    health_request(service),
                    timeout=left,
                    wait_for_ready=True,
                    metadata=self._metadata,
                )
                last = health_status(answer)
                if last == "SERVING":
                    return
            except grpc.RpcError as err:
                code = status_code(err)
                if code not in (
                    _UNAVAILABLE,
                    grpc.StatusCode.DEADLINE_EXCEEDED,
                    grpc.StatusCode.NOT_FOUND,
                ):
                    raise self._error(err) from err
                last = "SERVICE_UNKNOWN" if code is grpc.StatusCode.NOT_FOUND else "no answer"
            await asyncio.sleep(max(0.0, min(_POLL_S, deadline - time.monotonic())))
        raise TidingsError(
            grpc.StatusCode.DEADLINE_EXCEEDED,
            f"{self.target} not SERVING after {timeout:g}s (last: {last})",
        )

    def _error(self, err: grpc.RpcError) -> TidingsError:
        return plaintext_hint(TidingsError.from_rpc_error(err), self._secure)

    def _deadline(self, timeout: float | None) -> float:
        check_timeout(timeout)
        return time.monotonic() + (self.timeout if timeout is None else timeout)

    @staticmethod
    def _left(deadline: float) -> float:
        return max(0.0, deadline - time.monotonic())

    async def _sleep_before_retry(
        self, code: grpc.StatusCode | None, attempt: int, deadline: float, hint: float | None = None
    ) -> bool:
        delay = retry_delay(code, hint, self.backoff, attempt)
        if delay is None or attempt >= self.retries:
            return False
        if time.monotonic() + delay >= deadline:
            return False
        await asyncio.sleep(delay)
        return True

    async def _unary(
        self, method: Callable[..., Awaitable[T]], request: Any, timeout: float | None
    ) -> T:
        deadline = self._deadline(timeout)
        attempt = 0
        while True:
            try:
                return await method(request, timeout=self._left(deadline), metadata=self._metadata)
            except grpc.RpcError as err:
                hint = retry_after(err)
                if not await self._sleep_before_retry(status_code(err), attempt, deadline, hint):
                    raise self._error(err) from err
                attempt += 1

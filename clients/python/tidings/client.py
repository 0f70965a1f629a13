"""The blocking Tidings client. AsyncClient (grpc.aio) lives in _aio.py and is re-exported here.

Every call has a deadline (the client's timeout unless the call names one), which covers its
retries too: a call never takes longer than its timeout. UNAVAILABLE is retried (the server is
starting, loading models, or restarting), and RESOURCE_EXHAUSTED when the server says when to
retry (a RetryInfo detail: a per-caller limit); any other status is final.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import grpc

from tidings._aio import AsyncClient
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

__all__ = ["AsyncClient", "Client", "TidingsError"]

T = TypeVar("T")
_UNAVAILABLE = grpc.StatusCode.UNAVAILABLE
# How often wait_until_serving asks again while the server answers NOT_SERVING.
_POLL_S = 0.1


class _Replay:
    """The requests of a SummarizeStream, kept so that a stream refused before its first
    answer can be sent again, and pulled from the caller's iterable only once.

    gRPC pulls requests on its own thread; after a failure it may pull one more, possibly
    while the next attempt runs. Each attempt is a generation: a stale one stops pulling."""

    def __init__(self, items: Iterable[StreamItem]) -> None:
        self._source = iter(items)
        self._sent: list[pb.SummarizeStreamRequest] = []
        self._recording = True
        self._generation = 0
        self._lock = threading.Lock()
        self.error: Exception | None = None

    def attempt(self) -> Iterator[pb.SummarizeStreamRequest]:
        with self._lock:
            self._generation += 1
            return self._pass(self._generation)

    def stop_recording(self) -> None:
        # Once an answer has come back the stream is never retried, so nothing more is kept.
        self._recording = False

    def _pass(self, generation: int) -> Iterator[pb.SummarizeStreamRequest]:
        index = 0
        while True:
            with self._lock:
                if generation != self._generation:
                    return
                if index < len(self._sent):
                    request = self._sent[index]
                else:
                    if self.error is not None:
                        return
                    try:
                        request = stream_request(next(self._source))
                    except StopIteration:
                        return
                    except Exception as exc:  # noqa: BLE001 - re-raised on the caller's side
                        # Raised here it would only cancel the call on gRPC's thread.
                        self.error = exc
                        return
                    if self._recording:
                        self._sent.append(request)
            index += 1
            yield request


class Client:
    """Blocking client. Use as a context manager, or call close()."""

    def __init__(
        self,
        target: str = DEFAULT_TARGET,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 0.2,
        channel: grpc.Channel | None = None,
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
        # A channel passed in belongs to the caller, who closes it.
        self._owns_channel = channel is None
        # tls, or a ca (a private CA to trust) or cert/key (mutual TLS), makes the channel TLS.
        credentials = channel_credentials(tls, ca, cert, key)
        self._metadata = call_metadata(token)  # sent with every call, health checks too
        self._secure = credentials is not None or channel is not None
        if channel is None and credentials is not None:
            channel = grpc.secure_channel(target, credentials, options=CHANNEL_OPTIONS)
        self._channel = channel or grpc.insecure_channel(target, options=CHANNEL_OPTIONS)
        self._stub = pb_grpc.TidingsStub(self._channel)
        self._health = self._channel.unary_unary(HEALTH_CHECK_METHOD)

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_channel:
            self._channel.close()
            self._owns_channel = False

    def summarize(
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
        return self._unary(self._stub.Summarize, request, timeout)

    def summarize_many(
        self, items: Iterable[StreamItem], *, timeout: float | None = None
    ) -> Iterator[pb.SummarizeStreamResponse]:
        """Summarize (id, request) items over one stream; answers come back in any order, each
        with its id, a failed item as an answer with `error` set. The deadline covers the whole
        stream: give a batch a timeout to match its size."""
        deadline = self._deadline(timeout)
        replay = _Replay(items)
        attempt = 0
        while True:
            call = self._stub.SummarizeStream(
                replay.attempt(), timeout=self._left(deadline), metadata=self._metadata
            )
            answered = False
            try:
                for response in call:
                    answered = True
                    replay.stop_recording()
                    yield response
                break
            except grpc.RpcError as err:
                # After an answer the server has done part of the work: never resend it all.
                if answered or not self._sleep_before_retry(err, attempt, deadline):
                    raise self._error(err) from err
                attempt += 1
            finally:
                call.cancel()  # no-op once finished; stops the server if the caller quits early
        if replay.error is not None:
            raise replay.error

    def translate(
        self,
        texts: Iterable[str],
        target_language: str,
        *,
        source_language: str | None = None,
        timeout: float | None = None,
    ) -> pb.TranslateResponse:
        request = translate_request(texts, target_language, source_language)
        return self._unary(self._stub.Translate, request, timeout)

    def extract_attributions(
        self, text: str, *, language: str | None = None, timeout: float | None = None
    ) -> pb.ExtractAttributionsResponse:
        return self._unary(
            self._stub.ExtractAttributions, attributions_request(text, language), timeout
        )

    def languages(self, *, timeout: float | None = None) -> pb.ListLanguagesResponse:
        return self._unary(self._stub.ListLanguages, pb.ListLanguagesRequest(), timeout)

    def health(self, service: str = "", *, timeout: float | None = None) -> str:
        """ "SERVING", "NOT_SERVING", "UNKNOWN" or "SERVICE_UNKNOWN" (a service the server
        does not know)."""
        try:
            return health_status(self._unary(self._health, health_request(service), timeout))
        except TidingsError as err:
            # grpc.health answers Check for an unknown service with NOT_FOUND.
            if err.code is grpc.StatusCode.NOT_FOUND:
                return "SERVICE_UNKNOWN"
            raise

    def wait_until_serving(self, timeout: float, service: str = "") -> None:
        """Block until the server reports SERVING; TidingsError(DEADLINE_EXCEEDED) after
        `timeout` seconds. Waits through connection failures and NOT_SERVING alike."""
        deadline = time.monotonic() + timeout
        last = "no answer"
        while (left := deadline - time.monotonic()) > 0:
            try:
                # wait_for_ready: wait for the connection instead of failing fast while the
                # server is not listening yet.
                answer = self._health(
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
            time.sleep(max(0.0, min(_POLL_S, deadline - time.monotonic())))
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

    def _sleep_before_retry(self, err: grpc.RpcError, attempt: int, deadline: float) -> bool:
        delay = retry_delay(status_code(err), retry_after(err), self.backoff, attempt)
        if delay is None or attempt >= self.retries:
            return False
        if time.monotonic() + delay >= deadline:
            return False
        time.sleep(delay)
        return True

    def _unary(self, method: Callable[..., T], request: Any, timeout: float | None) -> T:
        deadline = self._deadline(timeout)
        attempt = 0
        while True:
            try:
                return method(request, timeout=self._left(deadline), metadata=self._metadata)
            except grpc.RpcError as err:
                if not self._sleep_before_retry(err, attempt, deadline):
                    raise self._error(err) from err
                attempt += 1

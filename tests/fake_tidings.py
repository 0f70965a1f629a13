"""A fake Tidings server for the client and CLI tests: a real grpc server on a free port with a
scripted servicer that records what it received. Test double of the server, not the server."""

from __future__ import annotations

import threading
import time
from concurrent import futures
from dataclasses import dataclass, field
from typing import Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from tidings.v1 import tidings_pb2 as pb
from tidings.v1 import tidings_pb2_grpc as pb_grpc

ARTICLE = (
    "Former President Bashar al-Assad has reportedly fled Syria and arrived in Moscow, "
    "according to Russian state media outlet TASS.\n"
    "Assad, accompanied by his family, sought refuge in Russia after the Kremlin granted "
    "them asylum."
)
FIRST_SENTENCE_END = ARTICLE.index("TASS.") + len("TASS.")
ENGINES = pb.Engines(
    profile="offline",
    summarizer="lead",
    attribution="cue-rules:en",
    language_detector="lingua",
    segmenter="pysbd",
    aligner="overlap",
)
SERVICE = "tidings.v1.Tidings"


@dataclass
class Call:
    method: str
    request: Any
    time_remaining: float | None
    stream_items: list[pb.SummarizeStreamRequest] = field(default_factory=list)


def span_of(text: str, needle: str) -> pb.Span | None:
    start = text.find(needle)
    return None if start < 0 else pb.Span(start=start, end=start + len(needle))


def summarize_response(request: pb.SummarizeRequest) -> pb.SummarizeResponse:
    """What the fake answers: the first line as the only sentence, attributed to TASS when
    the text names it, in every requested language."""
    article = request.article
    text = article.text
    end = text.find("\n") if "\n" in text else len(text)
    response = pb.SummarizeResponse(
        source_language=article.language if article.HasField("language") else "en",
        source_language_detected=not article.HasField("language"),
        source_language_confidence=1.0 if article.HasField("language") else 0.93,
        engines=ENGINES,
    )
    for name in ("title", "publisher", "url"):
        if article.HasField(name):
            setattr(response, name, getattr(article, name))
    tass = span_of(text, "TASS")
    if tass is not None:
        cue = span_of(text, "according to")
        response.attributions.append(
            pb.Attribution(
                source="Russian state media outlet TASS",
                source_span=tass,
                source_name="TASS",
                source_named=True,
                cue="according to",
                cue_span=cue,
                content=text[: cue.start - 2],
                content_span=pb.Span(start=0, end=cue.start - 2),
                kind=pb.INDIRECT,
                confidence=0.9,
            )
        )
    for language in request.target_languages or [response.source_language]:
        translated = language != response.source_language
        sentence = pb.SummarySentence(
            text=f"[{language}] According to TASS, {text[:end]}",
            supported=True,
            support=0.8,
            evidence=[pb.Span(start=0, end=end)],
            attribution_indices=[0] if tass is not None else [],
            source_name_span=pb.Span(start=len(language) + 16, end=len(language) + 20),
        )
        response.summaries.append(
            pb.Summary(
                language=language,
                text=sentence.text,
                sentences=[sentence],
                translator=f"fake:{response.source_language}-{language}" if translated else "",
                pivot_language="es" if language == "it" else "",
            )
        )
    return response


class FakeTidings(pb_grpc.TidingsServicer):
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.calls: list[Call] = []
            # method -> statuses to abort with, one per call, before answering normally.
            self.failures: dict[str, list[tuple[grpc.StatusCode, str]]] = {}
            self.delays: dict[str, float] = {}

    def calls_to(self, method: str) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.method == method]

    def fail(self, method: str, code: grpc.StatusCode, message: str = "", times: int = 1) -> None:
        with self.lock:
            self.failures.setdefault(method, []).extend([(code, message)] * times)

    def _enter(self, method: str, request: Any, context: grpc.ServicerContext) -> Call:
        call = Call(method, request, context.time_remaining())
        with self.lock:
            self.calls.append(call)
            pending = self.failures.get(method)
            failure = pending.pop(0) if pending else None
            delay = self.delays.get(method, 0.0)
        if delay:
            time.sleep(delay)
        if failure is not None:
            context.abort(*failure)
        return call

    def Summarize(self, request, context):
        self._enter("Summarize", request, context)
        return summarize_response(request)

    def SummarizeStream(self, request_iterator, context):
        call = self._enter("SummarizeStream", None, context)
        for item in request_iterator:
            call.stream_items.append(item)
            if not item.request.article.text.strip():
                yield pb.SummarizeStreamResponse(
                    id=item.id,
                    error=pb.Error(
                        code=grpc.StatusCode.INVALID_ARGUMENT.value[0],
                        message="article text is empty",
                    ),
                )
            else:
                yield pb.SummarizeStreamResponse(
                    id=item.id, response=summarize_response(item.request)
                )

    def Translate(self, request, context):
        self._enter("Translate", request, context)
        source = request.source_language if request.HasField("source_language") else "en"
        return pb.TranslateResponse(
            translations=[f"<{request.target_language}> {t}" for t in request.texts],
            source_language=source,
            source_language_detected=not request.HasField("source_language"),
            source_language_confidence=0.9,
            translator=f"fake:{source}-{request.target_language}",
        )

    def ExtractAttributions(self, request, context):
        self._enter("ExtractAttributions", request, context)
        summary = summarize_response(pb.SummarizeRequest(article=pb.Article(text=request.text)))
        return pb.ExtractAttributionsResponse(
            attributions=summary.attributions,
            engine="cue-rules:en",
            language=request.language if request.HasField("language") else "en",
            language_detected=not request.HasField("language"),
        )

    def ListLanguages(self, request, context):
        self._enter("ListLanguages", request, context)
        return pb.ListLanguagesResponse(
            source_languages=["en", "es"],
            target_languages=["en", "es", "it"],
            translation_pairs=[
                pb.TranslationPair(source="en", target="es", engine="apertium:eng-spa"),
                pb.TranslationPair(
                    source="en", target="it", engine="apertium:eng-spa|spa-ita", pivot_language="es"
                ),
            ],
            engines=[pb.EngineInfo(role="summarizer", name="lead", device="cpu")],
            profile="offline",
        )


@dataclass
class FakeServer:
    server: grpc.Server
    fake: FakeTidings
    health: health.HealthServicer
    target: str

    def set_serving(self, serving: bool, service: str = "") -> None:
        status = (
            health_pb2.HealthCheckResponse.SERVING
            if serving
            else health_pb2.HealthCheckResponse.NOT_SERVING
        )
        self.health.set(service, status)

    def reset(self) -> None:
        self.fake.reset()
        self.set_serving(True)
        self.set_serving(True, SERVICE)

    def stop(self) -> None:
        self.server.stop(None)


def start_fake_server(port: int = 0) -> FakeServer:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    fake = FakeTidings()
    health_servicer = health.HealthServicer()
    pb_grpc.add_TidingsServicer_to_server(fake, server)
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    bound = server.add_insecure_port(f"127.0.0.1:{port}")
    server.start()
    running = FakeServer(server, fake, health_servicer, f"127.0.0.1:{bound}")
    running.reset()
    return running

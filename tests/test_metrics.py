"""Prometheus metrics scraped from a real server process after real calls, and tracing spans."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request

import grpc
import pytest
from prometheus_client.parser import text_string_to_metric_families
from tidings.client import Client, TidingsError
from tidings.service.config import Settings, build_parser, load_settings
from tidings.service.metrics import STAGES
from tidings.service.process import free_port, running_server, server_command
from tidings.v1 import tidings_pb2 as pb
from tidings.v1 import tidings_pb2_grpc

SPANISH = "El ministro dijo el martes que el puente volverá a abrir la próxima semana."


def scrape(port: int) -> dict[tuple[str, frozenset], float]:
    """Every sample of the /metrics page: (name, labels) -> value."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as answer:
        assert answer.headers["Content-Type"].startswith("text/plain")
        text = answer.read().decode()
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(samples: dict, name: str, **labels: str) -> float:
    return samples[(name, frozenset(labels.items()))]


@pytest.fixture(scope="module")
def scraped(seed_text) -> tuple[dict, dict]:
    """A server with one worker and a metrics port; the samples before and after the calls."""
    metrics_port = free_port()
    # One torch thread: a worker forked with more hangs in its first torch call (OpenMP after
    # fork; a bug of its own, not of the metrics).
    args = ("--profile", "offline", "--workers", "1", "--torch-threads", "1")
    args += ("--metrics-port", str(metrics_port))
    with running_server(*args, wait_s=240) as server:
        before = scrape(metrics_port)
        with Client(server.target, timeout=120, retries=0) as client:
            client.summarize(seed_text, target_languages=["es"])
            client.translate(
                ["The minister spoke.", "Rain is expected."], "es", source_language="en"
            )
            client.extract_attributions(seed_text)
            answers = list(client.summarize_many([("a", SPANISH), ("b", seed_text)]))
            assert sorted(a.id for a in answers) == ["a", "b"]
            assert not any(a.HasField("error") for a in answers)
            # One bad call, sent as it is (the client would refuse it): INVALID_ARGUMENT.
            with grpc.insecure_channel(server.target) as channel:
                stub = tidings_pb2_grpc.TidingsStub(channel)
                with pytest.raises(grpc.RpcError) as bad:
                    stub.Summarize(pb.SummarizeRequest(article=pb.Article(text="  ")))
                assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        after = settled(metrics_port)
    return before, after


def settled(port: int, timeout: float = 10.0) -> dict[tuple[str, frozenset], float]:
    """The samples once no call is in flight: gRPC sends an aborted call's status before the
    handler (and so the metrics) finishes, so the caller can be a moment ahead."""
    deadline = time.monotonic() + timeout
    while (samples := scrape(port))[("tidings_calls_in_flight", frozenset())] and (
        time.monotonic() < deadline
    ):
        time.sleep(0.05)
    return samples


def test_calls_are_counted_by_method_and_code(scraped):
    _, after = scraped
    assert value(after, "tidings_calls_total", method="Summarize", code="OK") == 1
    assert value(after, "tidings_calls_total", method="Summarize", code="INVALID_ARGUMENT") == 1
    assert value(after, "tidings_calls_total", method="Translate", code="OK") == 1
    assert value(after, "tidings_calls_total", method="ExtractAttributions", code="OK") == 1
    assert value(after, "tidings_calls_total", method="SummarizeStream", code="OK") == 1
    # Health checks (the wait for SERVING) are not Tidings calls.
    methods = {dict(labels)["method"] for name, labels in after if name == "tidings_calls_total"}
    assert methods == {"Summarize", "Translate", "ExtractAttributions", "SummarizeStream"}
    assert value(after, "tidings_call_seconds_count", method="Summarize") == 2
    assert value(after, "tidings_call_seconds_sum", method="Summarize") > 0
    assert value(after, "tidings_call_seconds_bucket", method="Translate", le="+Inf") == 1
    assert value(after, "tidings_calls_in_flight") == 0


def test_stage_timings_travel_back_from_the_worker(scraped):
    before, after = scraped
    for stage in STAGES:  # every stage has a series before any call
        assert value(before, "tidings_stage_seconds_count", stage=stage) == 0
    counts = {s: value(after, "tidings_stage_seconds_count", stage=s) for s in STAGES}
    # Summarize x3 (one alone, two in the stream; the bad one stops before detection),
    # Translate and ExtractAttributions each detect; translation: Summarize to es, Translate.
    assert counts == {
        "detect": 5,
        "segment": 3,
        "attribute": 4,
        "rank": 3,
        "align": 3,
        "translate": 2,
    }
    for stage in STAGES:
        assert value(after, "tidings_stage_seconds_sum", stage=stage) > 0


def test_queue_wait_batch_sizes_load_time_and_engines(scraped):
    before, after = scraped
    # Every model call: 2 Summarize (the bad one reaches a worker's validation), Translate,
    # ExtractAttributions, 2 stream items.
    assert value(after, "tidings_queue_wait_seconds_count") == 6
    assert value(after, "tidings_call_items_count", method="Translate") == 1
    assert value(after, "tidings_call_items_sum", method="Translate") == 2
    assert value(after, "tidings_call_items_sum", method="SummarizeStream") == 2
    assert value(before, "tidings_engine_load_seconds") > 0
    info = [labels for name, labels in after if name == "tidings_engines_info"]
    assert len(info) == 1
    labels = dict(info[0])
    assert labels["profile"] == "offline"
    assert {"summarizer", "attribution", "translator", "language_detector"} <= set(labels)
    assert "apertium" in labels["translator"]


# -- settings ---------------------------------------------------------------------------------


def test_metrics_and_tracing_settings_from_flags_env_and_toml(tmp_path):
    assert Settings().metrics_port == 0 and Settings().tracing == "off"
    toml = tmp_path / "t.toml"
    toml.write_text('metrics_port = 9101\ntracing = "console"\n')
    assert load_settings(["--config", str(toml)], env={}).metrics_port == 9101
    env = {"TIDINGS_METRICS_PORT": "9102", "TIDINGS_TRACING": "otlp"}
    settings = load_settings([], env=env)
    assert (settings.metrics_port, settings.tracing) == (9102, "otlp")
    assert load_settings(["--metrics-port", "9103"], env=env).metrics_port == 9103
    for bad in (["--tracing", "jaeger"], ["--metrics-port", "70000"], ["--metrics-port", "50051"]):
        with pytest.raises(ValueError):
            load_settings(bad, env={})
    flags = build_parser().format_help()
    assert "--metrics-port" in flags and "--tracing" in flags


def test_a_busy_metrics_port_is_one_line_exit_2():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = server_command(0, "--host", "127.0.0.1", "--metrics-port", str(port))
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert f"tidings serve: metrics_port {port}:" in done.stderr


# -- tracing ----------------------------------------------------------------------------------


class _Translating:
    """A pipeline double: Translate answers without models; to "xx" it refuses."""

    def translate(self, texts, target, source=None):
        from tidings.models.base import Unsupported
        from tidings.service.language_choice import LanguageChoice
        from tidings.service.pipeline import TranslateResult

        if target == "xx":
            raise Unsupported("no translator to xx")
        return TranslateResult(LanguageChoice("en", False, 1.0), tuple(texts), "double", None)


def test_tracing_on_makes_a_span_per_call():
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    from tests.server_harness import ServerThread

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    settings = Settings(workers=1, tracing="console")
    with ServerThread(settings, _Translating(), tracer_provider=provider) as running:
        with Client(running.target, timeout=10, retries=0) as client:
            client.wait_until_serving(timeout=10)  # a health check: no span
            assert list(client.translate(["Hello."], "es").translations) == ["Hello."]
            with pytest.raises(TidingsError):
                client.translate(["Hello."], "xx")
    spans = exporter.get_finished_spans()
    assert [span.name for span in spans] == ["/tidings.v1.Tidings/Translate"] * 2
    codes = [span.attributes["rpc.grpc.status_code"] for span in spans]
    assert codes == [grpc.StatusCode.OK.value[0], grpc.StatusCode.INVALID_ARGUMENT.value[0]]


def test_tracing_setting_builds_the_exporter_it_names():
    from opentelemetry.sdk.trace import TracerProvider
    from tidings.service import tracing

    assert tracing.tracer_provider(Settings()) is None
    for kind in ("console", "otlp"):
        provider = tracing.tracer_provider(Settings(tracing=kind))
        assert isinstance(provider, TracerProvider)
        provider.shutdown()

"""OpenTelemetry spans for every RPC (``tracing`` setting; off by default).

opentelemetry-instrumentation-grpc's aio server interceptor makes one span per call, with the
method, status code and the caller's trace context when it sends one. The exporter is the
setting's: ``console`` prints each span as JSON on stdout; ``otlp`` sends them over gRPC to a
collector that the standard OTEL_EXPORTER_OTLP_* variables name (default localhost:4317).
"""

from __future__ import annotations

from typing import Any

from tidings.service.config import Settings

MISSING = "tracing {kind} needs OpenTelemetry: pip install 'tidings[server]' ({name} is missing)"


def tracer_provider(settings: Settings) -> Any | None:
    """A provider exporting the way ``settings.tracing`` says, or None when tracing is off.

    Raises ValueError (a start-up error, one line) when the packages are not installed."""
    kind = settings.tracing
    if kind == "off":
        return None
    try:
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter

        if kind == "otlp":
            from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
    except ImportError as exc:
        raise ValueError(MISSING.format(kind=kind, name=exc.name)) from None
    provider = TracerProvider(resource=Resource.create({"service.name": "tidings"}))
    exporter = OTLPSpanExporter() if kind == "otlp" else ConsoleSpanExporter()
    # Batched: exporting never delays a call; shutdown() flushes what is left.
    provider.add_span_processor(BatchSpanProcessor(exporter))
    return provider


def server_interceptor(provider: Any) -> Any:
    from opentelemetry.instrumentation.grpc import aio_server_interceptor, filters

    # Health checks come every few seconds from orchestrators: spans of them are noise.
    return aio_server_interceptor(
        tracer_provider=provider, filter_=filters.negate(filters.health_check())
    )

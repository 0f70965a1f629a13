"""Build, start and stop the gRPC server.

``build_server`` only wires things (tests call it with port 0); ``serve`` runs the life cycle:
start, report NOT_SERVING, start the model worker processes (each loads the engines), report
SERVING once every one is ready, and on SIGTERM or SIGINT stop taking calls and let in-flight
ones finish within the grace period, then stop the workers.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable
from typing import Any

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_health.v1._async import HealthServicer
from grpc_reflection.v1alpha import reflection
from tidings.service import tracing
from tidings.service.auth import AuthInterceptor, TokenFile
from tidings.service.config import Settings
from tidings.service.limits import CallerLimits, LimitInterceptor
from tidings.service.metrics import MetricsInterceptor
from tidings.service.runtime import Runtime
from tidings.service.servicer import TidingsServicer
from tidings.v1 import tidings_pb2, tidings_pb2_grpc

log = logging.getLogger("tidings.server")

SERVICE_NAME = tidings_pb2.DESCRIPTOR.services_by_name["Tidings"].full_name
# Large enough for a long article plus metadata; validation gives the readable limit.
MAX_MESSAGE_BYTES = 8 * 1024 * 1024
# After the grace period: how long calls cut short have to send their status, and then how long
# a worker still inside a step has before it is killed (the process exits within grace + 2 s).
_AFTER_GRACE_S = 0.5


def build_server(
    settings: Settings,
    runtime: Runtime,
    tracer_provider: Any | None = None,
    tokens: TokenFile | None = None,
) -> tuple[grpc.aio.Server, int]:
    """The server, bound; ``tracer_provider`` (else one from settings.tracing) traces calls;
    ``tokens`` (else settings.auth_tokens_file, when set) says who may call."""
    if tracer_provider is None:
        tracer_provider = tracing.tracer_provider(settings)
    if tokens is None and settings.auth_tokens_file:
        tokens = TokenFile(settings.auth_tokens_file)
    interceptors = [tracing.server_interceptor(tracer_provider)] if tracer_provider else []
    interceptors.append(MetricsInterceptor(runtime.metrics))
    if tokens is not None:
        # After metrics and tracing, so refused calls are counted and traced as UNAUTHENTICATED.
        interceptors.append(AuthInterceptor(tokens, runtime.metrics))
    limits = CallerLimits.from_settings(settings)
    if limits is not None:
        # After auth: a caller is known by its token's name, and strangers are refused first.
        interceptors.append(LimitInterceptor(limits, tokens))
    server = grpc.aio.server(
        interceptors=interceptors,
        options=[
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
        ],
    )
    tidings_pb2_grpc.add_TidingsServicer_to_server(TidingsServicer(runtime), server)
    health_pb2_grpc.add_HealthServicer_to_server(runtime.health, server)
    reflection.enable_server_reflection(
        (
            SERVICE_NAME,
            health_pb2.DESCRIPTOR.services_by_name["Health"].full_name,
            reflection.SERVICE_NAME,
        ),
        server,
    )
    address = f"{settings.host}:{settings.port}"
    credentials = server_credentials(settings)
    if credentials is None:
        port = server.add_insecure_port(address)
    else:
        port = server.add_secure_port(address, credentials)
    if port == 0:
        raise OSError(f"could not bind {settings.host}:{settings.port}")
    return server, port


def _read(path: str, what: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise StartupError(f"{what} {path}: {exc.strerror}") from None
    if b"-----BEGIN" not in data:
        raise StartupError(f"{what} {path}: not a PEM file")
    return data


def server_credentials(settings: Settings) -> grpc.ServerCredentials | None:
    """TLS credentials from tls_cert/tls_key; with tls_client_ca, client certificates signed by
    that CA are required (mutual TLS). None: plaintext."""
    if not settings.tls_cert:
        return None
    chain = _read(settings.tls_cert, "tls_cert")
    key = _read(settings.tls_key, "tls_key")
    client_ca = _read(settings.tls_client_ca, "tls_client_ca") if settings.tls_client_ca else None
    return grpc.ssl_server_credentials(
        [(key, chain)], root_certificates=client_ca, require_client_auth=client_ca is not None
    )


async def set_serving(runtime: Runtime, serving: bool) -> None:
    await runtime.set_serving(serving)


async def load_and_serve(runtime: Runtime) -> None:
    """Start the model workers (each loads the engines), then report SERVING."""
    await set_serving(runtime, False)
    await runtime.start()
    await set_serving(runtime, True)


class StartupError(Exception):
    """The server cannot start; the message is one readable line (no traceback)."""


def _last_line(error: BaseException) -> str:
    """The exception line of a worker's traceback text, without the module path of its type:
    'tidings.x.WeightsError: tagger: ... is missing' becomes 'WeightsError: tagger: ...'."""
    lines = [line for line in str(error).splitlines() if line.strip()]
    last = lines[-1].strip() if lines else type(error).__name__
    kind, sep, message = last.partition(": ")
    if sep and " " not in kind:
        kind = kind.rsplit(".", 1)[-1]
        return message if kind == "ValueError" else f"{kind}: {message}"
    return last


async def serve(settings: Settings) -> None:
    """Run until SIGTERM or SIGINT (SIGHUP re-reads auth_tokens_file). Raises StartupError
    when the engines, TLS files or tokens file cannot load."""
    from tidings.models.registry import check_weights

    try:
        check_weights(settings)  # before any process starts: missing weights are one line
    except ValueError as exc:
        raise StartupError(str(exc)) from None
    server_credentials(settings)  # unreadable TLS files: one line, before anything starts
    tokens = _load_tokens(settings)
    provider = tracing.tracer_provider(settings)  # ValueError: one line, exit 2
    runtime = Runtime(settings, health=HealthServicer())
    stop_metrics = _start_metrics(settings, runtime)
    try:
        await _run_server(settings, runtime, provider, tokens)
    finally:
        if stop_metrics is not None:
            stop_metrics()
        if provider is not None:
            provider.shutdown()  # flushes the spans not yet exported


def _load_tokens(settings: Settings) -> TokenFile | None:
    if not settings.auth_tokens_file:
        return None
    try:
        return TokenFile(settings.auth_tokens_file)
    except OSError as exc:
        raise StartupError(
            f"auth_tokens_file {settings.auth_tokens_file}: {exc.strerror}"
        ) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise StartupError(f"auth_tokens_file {exc}") from None


def _start_metrics(settings: Settings, runtime: Runtime) -> Callable[[], None] | None:
    if not settings.metrics_port:
        return None
    try:
        stop = runtime.metrics.serve_http(settings.metrics_port, settings.host)
    except OSError as exc:
        raise StartupError(f"metrics_port {settings.metrics_port}: {exc.strerror}") from None
    log.info("metrics listening", extra={"metrics_port": settings.metrics_port})
    return stop


async def _run_server(
    settings: Settings, runtime: Runtime, provider: Any | None, tokens: TokenFile | None
) -> None:
    server, port = build_server(settings, runtime, provider, tokens)
    await server.start()
    log.info(
        "listening",
        extra={
            "port": port,
            "profile": settings.profile,
            "tls": "mutual" if settings.tls_client_ca else "on" if settings.tls_cert else "off",
        },
    )
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    if tokens is not None:
        # SIGHUP re-reads the tokens file: add or revoke a caller without a restart.
        loop.add_signal_handler(signal.SIGHUP, tokens.reload)
    loader = asyncio.create_task(load_and_serve(runtime))
    stopped = asyncio.create_task(stopping.wait())
    done, _ = await asyncio.wait({loader, stopped}, return_when=asyncio.FIRST_COMPLETED)
    if loader in done and loader.exception() is not None:
        reason = _last_line(loader.exception())
        log.error("model loading failed", extra={"reason": reason})
        await server.stop(0)
        runtime.close()
        raise StartupError(f"models failed to load: {reason}")
    if loader in done:
        log.info("serving", extra={"port": port})
        await stopped
    await _shut_down(server, runtime, settings.grace_period_s)
    loader.cancel()
    log.info("stopped")


async def _shut_down(server: grpc.aio.Server, runtime: Runtime, grace: float) -> None:
    """No new calls; those in progress have ``grace`` s to finish, then end UNAVAILABLE ('the
    server is shutting down') and their workers stop at the next step boundary; the workers
    are gone, killed if need be, about a second later."""
    log.info("stopping", extra={"grace_s": grace})
    await set_serving(runtime, False)
    runtime.stopping = True
    # gRPC refuses new calls from now on; its own cancel at the end is a backstop for calls
    # outside the runtime (a health Watch): runtime.halt() ends ours first, with a reason.
    stop = asyncio.create_task(server.stop(grace + _AFTER_GRACE_S))
    if not await runtime.wait_idle(grace):
        log.warning("grace period over: ending calls in progress", extra={"calls": runtime.halt()})
    await stop
    runtime.close(timeout=_AFTER_GRACE_S)

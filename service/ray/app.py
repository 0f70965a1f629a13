"""The Ray Serve application: N replicas, each one Tidings pipeline, behind Serve's gRPC proxy.

Serve's proxy serves the tidings.v1 service from the generated stubs (``grpc_servicer_functions``)
and forwards each call to a replica's method of the same name: the request as a message, or for
SummarizeStream (bidirectional) a ray.serve.grpc_util.gRPCInputStream of them. Each method is
the plain server's: the replica holds a TidingsServicer over a Runtime with an in-process
pipeline, so conversions (convert.py), validation (validation.py, inside the pipeline), status
codes (errors.py) and admission (Runtime.admit) are the same code, not a copy.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from typing import Any

import grpc
from ray import serve
from tidings.service import logs
from tidings.service.config import Settings
from tidings.service.ray.context import ServeContext
from tidings.service.ray.options import APP_NAME, SERVICER_FUNCTION, RayOptions
from tidings.service.runtime import LOADING, Runtime
from tidings.service.servicer import TidingsServicer
from tidings.v1 import tidings_pb2 as pb

log = logging.getLogger("tidings.ray")

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["Tidings"].full_name
HEALTH_FUNCTION = "grpc_health.v1.health_pb2_grpc.add_HealthServicer_to_server"


class StreamAborted(Exception):
    """A SummarizeStream that ends with a status: the code is already on the Ray context, and
    Serve sends it with this message (a stream has no empty answer to carry it)."""


@serve.deployment(name="Tidings")
class TidingsReplica:
    async def __init__(self, settings: Settings) -> None:
        logs.configure(settings.log_level)
        self.runtime = Runtime(settings, health=None)
        # Loading takes seconds to a minute; Serve routes no call here until the constructor
        # and the first check_health have returned, so a loading replica is never SERVING.
        await asyncio.get_running_loop().run_in_executor(None, self.runtime.load)
        self.servicer = TidingsServicer(self.runtime)

    def check_health(self) -> None:
        # Raising marks the replica unhealthy: Serve stops routing to it and replaces it.
        if self.runtime.pipeline is None or self.runtime.stopping:
            raise RuntimeError(LOADING)
        self.runtime.catalog()

    def __del__(self) -> None:
        runtime = getattr(self, "runtime", None)
        if runtime is not None:
            runtime.close()

    async def _unary(
        self, method: Callable[..., Awaitable[Any]], request: Any, ray_context: Any, empty: Any
    ) -> Any:
        context = ServeContext(ray_context)
        try:
            return await method(request, context)
        except grpc.aio.AbortError:
            # errors.abort put the code, message and details on the Ray context; the proxy
            # sends them as the call's status, and gRPC drops this placeholder message.
            return empty()

    async def Summarize(self, request: pb.SummarizeRequest, grpc_context: Any):
        return await self._unary(
            self.servicer.Summarize, request, grpc_context, pb.SummarizeResponse
        )

    async def Translate(self, request: pb.TranslateRequest, grpc_context: Any):
        return await self._unary(
            self.servicer.Translate, request, grpc_context, pb.TranslateResponse
        )

    async def ExtractAttributions(self, request: pb.ExtractAttributionsRequest, grpc_context: Any):
        return await self._unary(
            self.servicer.ExtractAttributions, request, grpc_context, pb.ExtractAttributionsResponse
        )

    async def ListLanguages(self, request: pb.ListLanguagesRequest, grpc_context: Any):
        return await self._unary(
            self.servicer.ListLanguages, request, grpc_context, pb.ListLanguagesResponse
        )

    async def SummarizeStream(
        self, requests: AsyncIterator[pb.SummarizeStreamRequest], grpc_context: Any
    ) -> AsyncIterator[pb.SummarizeStreamResponse]:
        context = ServeContext(grpc_context)
        try:
            async for response in self.servicer.SummarizeStream(requests, context):
                yield response
        except grpc.aio.AbortError:
            raise StreamAborted(context.details()) from None

    async def Check(self, request: Any, grpc_context: Any) -> Any:
        """grpc.health.v1 Check, so `tidings health` and the client's wait work through the
        proxy: a replica answers only once loaded, so SERVING; unknown services NOT_FOUND."""
        from grpc_health.v1 import health_pb2

        if request.service not in ("", SERVICE_NAME):
            grpc_context.set_code(grpc.StatusCode.NOT_FOUND)
            grpc_context.set_details(f"unknown service {request.service!r}")
            return health_pb2.HealthCheckResponse()
        self.check_health()
        return health_pb2.HealthCheckResponse(status=health_pb2.HealthCheckResponse.SERVING)


def replica_settings(settings: Settings, options: RayOptions) -> Settings:
    """One replica's settings: its pipeline runs in `threads` threads with torch limited to the
    CPUs Ray reserved for it (the plain server would size both from the whole machine)."""
    return replace(
        settings,
        workers=options.threads,
        torch_threads=max(1, round(options.num_cpus)),
        max_in_flight=max(settings.max_in_flight, options.max_ongoing_requests),
    )


def build_app(settings: Settings, options: RayOptions) -> Any:
    deployment = TidingsReplica.options(**options.deployment_options())
    return deployment.bind(replica_settings(settings, options))


def deploy(settings: Settings, options: RayOptions) -> None:
    """Start Serve's proxies (gRPC on options.grpc_port) in the connected Ray cluster and run
    the application; returns once every replica has loaded its models."""
    from ray.serve.config import gRPCOptions

    serve.start(
        http_options={"host": "0.0.0.0", "port": options.http_port},
        grpc_options=gRPCOptions(
            port=options.grpc_port,
            grpc_servicer_functions=[SERVICER_FUNCTION, HEALTH_FUNCTION],
            enable_reflection=True,
        ),
    )
    serve.run(
        build_app(settings, options),
        name=APP_NAME,
        route_prefix=f"/{APP_NAME}",  # gRPC needs an endpoint; HTTP gets nothing useful
        blocking=False,
    )


def app_from_config(args: dict[str, Any]) -> Any:
    """The application for a Serve config file (`serve run`, `serve deploy`, KubeRay's
    serveConfigV2): ``import_path: tidings.service.ray.app:app_from_config``. ``args`` are
    RayOptions fields (replicas, max_replicas, num_cpus, ...; the ports come from the config's
    grpc_options instead) plus ``config``, a TOML settings file; other server settings are
    TIDINGS_* variables (runtime_env.env_vars)."""
    from tidings.service.config import load_settings
    from tidings.service.ray.options import from_mapping

    args = dict(args)
    config = args.pop("config", None)
    settings = load_settings(["--config", config] if config else [], env=os.environ)
    return build_app(settings, from_mapping(args))

"""The servicer's view of a call, over the context Ray Serve hands a replica.

TidingsServicer (service/servicer.py) and its error decorators (service/errors.py) expect a
grpc.aio.ServicerContext: ``time_remaining()`` and ``abort(code, details, trailing_metadata)``.
Ray Serve gives the replica a RayServegRPCContext instead, a picklable record that travels back
to the gRPC proxy with the answer, where the proxy copies its code, details and trailing
metadata onto the real call. ``abort`` here records them there and raises grpc.aio.AbortError,
exactly what errors.py expects of a real context, so the status codes are still chosen in one
place and the caller gets the same code, message and BadRequest/RetryInfo detail.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import grpc


class ServeContext:
    def __init__(self, ray_context: Any) -> None:
        self.ray = ray_context  # ray.serve.grpc_util.RayServegRPCContext
        self.aborted = False

    def time_remaining(self) -> float | None:
        # The proxy does not pass the caller's deadline on. When the caller gives up, the proxy
        # cancels the request, which runtime.call sees (the work stops at a step boundary), and
        # Serve's request_timeout_s bounds every call.
        return None

    def invocation_metadata(self) -> Sequence[tuple[str, str]]:
        return self.ray.invocation_metadata()

    def peer(self) -> str:
        return self.ray.peer()

    async def abort(
        self,
        code: grpc.StatusCode,
        details: str = "",
        trailing_metadata: Sequence[tuple[str, str | bytes]] = (),
    ) -> None:
        self.ray.set_code(code)
        self.ray.set_details(details)
        if trailing_metadata:
            self.ray.set_trailing_metadata(list(trailing_metadata))
        self.aborted = True
        raise grpc.aio.AbortError()

    def code(self) -> grpc.StatusCode | None:
        return self.ray.code()

    def details(self) -> str:
        return self.ray.details()

"""A gRPC method handler with its behaviour wrapped, whatever its streaming kind: what the
server's interceptors (metrics, auth, limits) do to each Tidings method."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc

Wrap = Callable[[Any], Any]


def rewrap(handler: grpc.RpcMethodHandler, unary: Wrap, streaming: Wrap) -> grpc.RpcMethodHandler:
    """``handler`` whose behaviour is ``unary(behaviour)`` when it answers with one message,
    ``streaming(behaviour)`` when it answers with a stream; serializers stay as they were."""
    if handler.unary_unary is not None:
        return handler._replace(unary_unary=unary(handler.unary_unary))
    if handler.stream_unary is not None:
        return handler._replace(stream_unary=unary(handler.stream_unary))
    if handler.unary_stream is not None:
        return handler._replace(unary_stream=streaming(handler.unary_stream))
    return handler._replace(stream_stream=streaming(handler.stream_stream))

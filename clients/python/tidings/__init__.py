"""Tidings: short, attributed, multilingual summaries of news articles over gRPC.

    from tidings import Client
    with Client("localhost:50051") as client:
        response = client.summarize(text, target_languages=["fr"])

The client needs only grpcio and protobuf; the server is `pip install 'tidings[server]'`.
"""

from tidings._common import TidingsError
from tidings.client import AsyncClient, Client

__all__ = ["AsyncClient", "Client", "TidingsError", "__version__"]
__version__ = "0.1.0"

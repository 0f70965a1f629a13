"""INVALID_ARGUMENT carries a google.rpc BadRequest detail naming the field, through the real
server (offline engines) and the real clients."""

from __future__ import annotations

import pickle

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status
from tidings.client import AsyncClient, Client, TidingsError
from tidings.v1 import tidings_pb2 as pb
from tidings.v1 import tidings_pb2_grpc as pb_grpc

INVALID = grpc.StatusCode.INVALID_ARGUMENT


@pytest.fixture(scope="module")
def client(server):
    with Client(server.target, timeout=60, retries=0) as c:
        c.wait_until_serving(timeout=120)
        yield c


def _error(call, *args, **kwargs) -> TidingsError:
    with pytest.raises(TidingsError) as caught:
        call(*args, **kwargs)
    assert caught.value.code is INVALID
    return caught.value


@pytest.mark.parametrize(
    ("method", "args", "kwargs", "field", "words"),
    [
        ("summarize", ["   "], {}, "article.text", "is empty"),
        ("summarize", ["The mayor said so."], {"max_sentences": 9}, "max_sentences", "between"),
        ("summarize", ["The mayor said so."], {"language": "xx"}, "article.language", "read"),
        ("summarize", ["The mayor said so."], {"target_languages": ["es", "es"]},
         "target_languages", "more than once"),
        ("summarize", ["The mayor said so."], {"language": "en", "target_languages": ["ja"]},
         "target_languages", "cannot translate"),
        ("translate", [["Hello.", " "], "es"], {}, "texts[1]", "texts[1] is empty"),
        ("translate", [["Hello."], "ja"], {"source_language": "en"}, "target_language",
         "cannot translate"),
        ("translate", [["Hello."], "spanish"], {}, "target_language", "ISO 639-1"),
        ("extract_attributions", ["He said it."], {"language": "english"}, "language", "ISO"),
    ],
)  # fmt: skip
def test_the_field_is_named(client, method, args, kwargs, field, words):
    err = _error(getattr(client, method), *args, **kwargs)
    assert words in err.message
    assert err.field_violations == [(field, err.message)]


async def test_the_async_client_reads_it_too(server):
    async with AsyncClient(server.target, timeout=60, retries=0) as client:
        with pytest.raises(TidingsError) as caught:
            await client.translate([], "es")
    assert caught.value.code is INVALID
    assert caught.value.field_violations == [("texts", caught.value.message)]


def test_any_grpc_client_reads_it_with_grpcio_status(server):
    # What a caller without Tidings' client sees: the standard google.rpc.Status details.
    request = pb.SummarizeRequest(article=pb.Article(text=""))
    with grpc.insecure_channel(server.target) as channel:
        with pytest.raises(grpc.RpcError) as caught:
            pb_grpc.TidingsStub(channel).Summarize(request, timeout=30)
    status = rpc_status.from_call(caught.value)
    assert status is not None and status.code == INVALID.value[0]
    assert status.message == caught.value.details()
    bad = error_details_pb2.BadRequest()
    assert status.details[0].Unpack(bad)
    assert [(v.field, v.description) for v in bad.field_violations] == [
        ("article.text", status.message)
    ]


def test_other_errors_have_no_violations_and_errors_pickle(client):
    err = _error(client.summarize, "")
    again = pickle.loads(pickle.dumps(err))
    assert again.field_violations == err.field_violations != []
    with Client("127.0.0.1:1", timeout=2, retries=0) as nowhere:
        with pytest.raises(TidingsError) as caught:
            nowhere.languages()
    assert caught.value.code is grpc.StatusCode.UNAVAILABLE
    assert caught.value.field_violations == []

"""Client and AsyncClient against a fake servicer on a real grpc server: what goes on the wire,
deadlines, retries and errors. The real server is tested elsewhere."""

from __future__ import annotations

import pickle
import socket
import subprocess
import sys
import threading
import time

import grpc
import pytest
from tidings import AsyncClient, Client, TidingsError
from tidings.v1 import tidings_pb2 as pb

from tests.fake_tidings import ARTICLE, SERVICE, FakeServer, start_fake_server

INVALID = grpc.StatusCode.INVALID_ARGUMENT
UNAVAILABLE = grpc.StatusCode.UNAVAILABLE


@pytest.fixture
def client(srv: FakeServer):
    with Client(srv.target, backoff=0.01) as c:
        yield c


def only_call(srv: FakeServer, method: str):
    calls = srv.fake.calls_to(method)
    assert len(calls) == 1, calls
    return calls[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- what the servicer receives ------------------------------------------------------------


def test_summarize_sends_every_field(srv, client):
    response = client.summarize(
        ARTICLE,
        title="Assad in Moscow",
        publisher="Reuters",
        url="https://x.test/a",
        language="en",
        target_languages=["fr", "it"],
        max_sentences=2,
    )
    request = only_call(srv, "Summarize").request
    assert request == pb.SummarizeRequest(
        article=pb.Article(
            text=ARTICLE,
            title="Assad in Moscow",
            publisher="Reuters",
            url="https://x.test/a",
            language="en",
        ),
        target_languages=["fr", "it"],
        max_sentences=2,
    )
    assert isinstance(response, pb.SummarizeResponse)
    assert [s.language for s in response.summaries] == ["fr", "it"]


def test_summarize_leaves_unset_fields_absent(srv, client):
    client.summarize(ARTICLE, target_languages="de")  # a lone str is one language
    request = only_call(srv, "Summarize").request
    for name in ("title", "publisher", "url", "language"):
        assert not request.article.HasField(name), name
    assert list(request.target_languages) == ["de"]
    assert request.max_sentences == 0
    srv.fake.reset()
    client.summarize(ARTICLE, title="")  # given, even empty: present on the wire
    assert only_call(srv, "Summarize").request.article.HasField("title")


def test_translate_fields(srv, client):
    response = client.translate(["Hello.", "Goodbye."], "es", source_language="en")
    assert only_call(srv, "Translate").request == pb.TranslateRequest(
        texts=["Hello.", "Goodbye."], target_language="es", source_language="en"
    )
    assert list(response.translations) == ["<es> Hello.", "<es> Goodbye."]
    srv.fake.reset()
    client.translate("Hola.", "en")
    request = only_call(srv, "Translate").request
    assert list(request.texts) == ["Hola."] and not request.HasField("source_language")


def test_extract_attributions_fields(srv, client):
    response = client.extract_attributions(ARTICLE, language="en")
    assert only_call(srv, "ExtractAttributions").request == pb.ExtractAttributionsRequest(
        text=ARTICLE, language="en"
    )
    assert response.attributions[0].source_name == "TASS"
    srv.fake.reset()
    client.extract_attributions(ARTICLE)
    assert not only_call(srv, "ExtractAttributions").request.HasField("language")


def test_languages(srv, client):
    response = client.languages()
    assert only_call(srv, "ListLanguages").request == pb.ListLanguagesRequest()
    assert response.profile == "offline"


def test_summarize_many_ids_and_request_forms(srv, client):
    items = [
        ("req", pb.SummarizeRequest(article=pb.Article(text=ARTICLE), max_sentences=1)),
        ("kwargs", {"text": ARTICLE, "language": "en", "target_languages": ["fr"]}),
        ("json", {"article": {"text": ARTICLE, "title": "T"}, "max_sentences": 4}),
        ("plain", ARTICLE),
        ("empty", "  "),
    ]
    answers = {a.id: a for a in client.summarize_many(iter(items))}
    assert set(answers) == {"req", "kwargs", "json", "plain", "empty"}
    sent = {i.id: i.request for i in only_call(srv, "SummarizeStream").stream_items}
    assert sent["req"].max_sentences == 1
    assert sent["kwargs"].article.language == "en"
    assert list(sent["kwargs"].target_languages) == ["fr"]
    assert sent["json"].article.title == "T" and sent["json"].max_sentences == 4
    assert sent["plain"].article.text == ARTICLE
    assert answers["kwargs"].response.summaries[0].language == "fr"
    error = TidingsError.from_proto(answers["empty"].error)
    assert error.code is INVALID and str(error) == "INVALID_ARGUMENT: article text is empty"


def test_summarize_many_bad_item_raises_after_the_good_ones(srv, client):
    answers = []
    with pytest.raises(TypeError, match="ids must be str"):
        for answer in client.summarize_many([("a", ARTICLE), (2, ARTICLE)]):
            answers.append(answer.id)
    assert answers == ["a"]


# --- deadlines, retries, errors ------------------------------------------------------------


def test_default_deadline_and_per_call_override(srv):
    with Client(srv.target, timeout=7.0) as c:
        c.languages()
        c.summarize(ARTICLE, timeout=2.5)
    default, override = (srv.fake.calls_to(m)[0] for m in ("ListLanguages", "Summarize"))
    assert 6.0 < default.time_remaining <= 7.05  # grpc-timeout rounds up
    assert 1.5 < override.time_remaining <= 2.55


def test_deadline_exceeded_is_raised_and_not_retried(srv, client):
    srv.fake.delays["Summarize"] = 0.5
    started = time.monotonic()
    with pytest.raises(TidingsError) as caught:
        client.summarize(ARTICLE, timeout=0.2)
    assert caught.value.code is grpc.StatusCode.DEADLINE_EXCEEDED
    assert time.monotonic() - started < 0.45
    assert len(srv.fake.calls_to("Summarize")) == 1


def test_unavailable_is_retried_until_it_succeeds(srv, client):
    srv.fake.fail("Summarize", UNAVAILABLE, "loading models", times=2)
    assert client.summarize(ARTICLE).summaries
    assert len(srv.fake.calls_to("Summarize")) == 3


def test_retries_are_bounded(srv):
    srv.fake.fail("Translate", UNAVAILABLE, "loading models", times=5)
    with Client(srv.target, retries=2, backoff=0.01) as c, pytest.raises(TidingsError) as caught:
        c.translate(["x"], "es")
    assert caught.value.code is UNAVAILABLE and caught.value.message == "loading models"
    assert len(srv.fake.calls_to("Translate")) == 3


def test_invalid_argument_is_not_retried(srv, client):
    srv.fake.fail("Summarize", INVALID, "article text is empty", times=3)
    with pytest.raises(TidingsError) as caught:
        client.summarize("")
    err = caught.value
    assert err.code is INVALID and err.message == "article text is empty"
    assert str(err) == "INVALID_ARGUMENT: article text is empty"
    assert len(srv.fake.calls_to("Summarize")) == 1
    assert pickle.loads(pickle.dumps(err)).code is INVALID


def test_stream_refused_before_any_answer_is_resent_whole(srv, client):
    srv.fake.fail("SummarizeStream", UNAVAILABLE, "loading models")
    items = ((f"id{i}", ARTICLE) for i in range(3))  # a one-shot generator
    ids = sorted(a.id for a in client.summarize_many(items))
    assert ids == ["id0", "id1", "id2"]
    calls = srv.fake.calls_to("SummarizeStream")
    assert len(calls) == 2
    assert [i.id for i in calls[1].stream_items] == ["id0", "id1", "id2"]


def test_stream_error_other_than_unavailable_is_final(srv, client):
    srv.fake.fail("SummarizeStream", grpc.StatusCode.RESOURCE_EXHAUSTED, "busy")
    with pytest.raises(TidingsError, match="RESOURCE_EXHAUSTED: busy"):
        list(client.summarize_many([("a", ARTICLE)]))
    assert len(srv.fake.calls_to("SummarizeStream")) == 1


def test_server_down_is_unavailable():
    with Client(f"127.0.0.1:{free_port()}", timeout=0.5, backoff=0.01) as c:
        with pytest.raises(TidingsError) as caught:
            c.languages()
    assert caught.value.code is UNAVAILABLE


def test_a_channel_passed_in_stays_open(srv):
    channel = grpc.insecure_channel(srv.target)
    with Client(channel=channel) as c:
        c.languages()
    with Client(channel=channel) as c:
        assert c.languages().profile == "offline"
    channel.close()


# --- health --------------------------------------------------------------------------------


def test_health(srv, client):
    assert client.health() == "SERVING"
    assert client.health(SERVICE) == "SERVING"
    srv.set_serving(False, SERVICE)
    assert client.health(SERVICE) == "NOT_SERVING"
    assert client.health("no.such.Service") == "SERVICE_UNKNOWN"


def test_wait_until_serving_waits_for_serving(srv, client):
    srv.set_serving(False)
    threading.Timer(0.3, srv.set_serving, (True,)).start()
    started = time.monotonic()
    client.wait_until_serving(5.0)
    assert 0.25 < time.monotonic() - started < 2.0


def test_wait_until_serving_times_out(srv, client):
    srv.set_serving(False)
    with pytest.raises(TidingsError, match="not SERVING after 0.3s .last: NOT_SERVING") as e:
        client.wait_until_serving(0.3)
    assert e.value.code is grpc.StatusCode.DEADLINE_EXCEEDED


def test_wait_until_serving_waits_for_the_server_to_listen():
    port = free_port()
    later: list[FakeServer] = []
    timer = threading.Timer(0.4, lambda: later.append(start_fake_server(port)))
    timer.start()
    try:
        with Client(f"127.0.0.1:{port}") as c:
            c.wait_until_serving(5.0)
            assert c.health() == "SERVING"
    finally:
        timer.join()
        for server in later:
            server.stop()


# --- AsyncClient ---------------------------------------------------------------------------


async def test_async_methods_send_the_same_requests(srv):
    async with AsyncClient(srv.target) as c:
        await c.summarize(
            ARTICLE, title="T", language="en", target_languages=["fr"], max_sentences=2
        )
        translated = await c.translate(["Hi."], "es", source_language="en")
        await c.extract_attributions(ARTICLE, language="en")
        languages = await c.languages()
        assert await c.health() == "SERVING"
    assert only_call(srv, "Summarize").request == pb.SummarizeRequest(
        article=pb.Article(text=ARTICLE, title="T", language="en"),
        target_languages=["fr"],
        max_sentences=2,
    )
    assert only_call(srv, "Translate").request.source_language == "en"
    assert only_call(srv, "ExtractAttributions").request.language == "en"
    assert list(translated.translations) == ["<es> Hi."] and languages.profile == "offline"


async def test_async_summarize_many_takes_an_async_iterable_and_retries(srv):
    srv.fake.fail("SummarizeStream", UNAVAILABLE, "loading models")

    async def items():
        for i in range(3):
            yield f"id{i}", {"text": ARTICLE}
        yield "empty", ""

    async with AsyncClient(srv.target, backoff=0.01) as c:
        answers = {a.id: a async for a in c.summarize_many(items())}
    assert set(answers) == {"id0", "id1", "id2", "empty"}
    assert answers["empty"].error.code == INVALID.value[0]
    assert len(srv.fake.calls_to("SummarizeStream")) == 2


async def test_async_retry_and_no_retry(srv):
    srv.fake.fail("Summarize", UNAVAILABLE, times=2)
    srv.fake.fail("Translate", INVALID, "no texts")
    async with AsyncClient(srv.target, backoff=0.01) as c:
        await c.summarize(ARTICLE)
        with pytest.raises(TidingsError) as caught:
            await c.translate([], "es")
    assert len(srv.fake.calls_to("Summarize")) == 3
    assert len(srv.fake.calls_to("Translate")) == 1
    assert str(caught.value) == "INVALID_ARGUMENT: no texts"


async def test_async_deadline(srv):
    srv.fake.delays["ListLanguages"] = 0.5
    async with AsyncClient(srv.target, timeout=4.0) as c:
        await c.summarize(ARTICLE)
        with pytest.raises(TidingsError) as caught:
            await c.languages(timeout=0.2)
    assert caught.value.code is grpc.StatusCode.DEADLINE_EXCEEDED
    assert 3.0 < only_call(srv, "Summarize").time_remaining <= 4.05
    assert len(srv.fake.calls_to("ListLanguages")) == 1


async def test_async_wait_until_serving(srv):
    srv.set_serving(False)
    threading.Timer(0.2, srv.set_serving, (True,)).start()
    async with AsyncClient(srv.target) as c:
        await c.wait_until_serving(5.0)
        srv.set_serving(False)
        with pytest.raises(TidingsError, match="DEADLINE_EXCEEDED"):
            await c.wait_until_serving(0.2)


# --- packaging -----------------------------------------------------------------------------


def test_client_and_cli_import_nothing_from_the_server():
    code = (
        "import sys, tidings, tidings.client, tidings.cli\n"
        "bad = [m for m in sys.modules if m.startswith(('tidings.service', 'tidings.models',"
        " 'torch'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)

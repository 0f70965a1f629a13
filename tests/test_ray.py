"""Tidings on Ray (service/ray, extra tidings[ray]): each RPC (SummarizeStream too) through Ray
Serve's gRPC proxy with the real client, an invalid request answered exactly as the plain
server answers it, and a `tidings batch` of 3 articles (one invalid) that a second run resumes.

One local Ray cluster and one replica (offline profile) for the whole module: about a minute on
a 2-core machine, most of it loading the replica's and the batch actor's engines."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator

import grpc
import pytest
from tidings import cli
from tidings.client import Client, TidingsError
from tidings.service.process import free_port

BAD_MAX_SENTENCES = 9


@pytest.fixture(scope="module")
def ray_target() -> Iterator[str]:
    pytest.importorskip("ray", reason="needs the extra tidings[ray] (make install installs it)")
    import ray
    from ray import serve
    from tidings.service.config import Settings
    from tidings.service.ray.app import deploy
    from tidings.service.ray.cluster import connect
    from tidings.service.ray.options import RayOptions

    port = free_port()
    started = connect("", cpus_needed=3)  # the replica and one batch actor
    try:
        options = RayOptions(replicas=1, grpc_port=port, http_port=free_port())
        deploy(Settings(profile="offline"), options)
        yield f"127.0.0.1:{port}"
    finally:
        serve.shutdown()
        if started:
            ray.shutdown()


def test_summarize_through_the_ray_proxy(ray_target: str, seed_text: str) -> None:
    with Client(ray_target, timeout=60) as client:
        assert client.health() == "SERVING"
        response = client.summarize(seed_text, target_languages=["en", "es"])
        answers = list(client.summarize_many([("one", seed_text), ("empty", " ")], timeout=60))
        translated = client.translate(["The minister said the talks had failed."], "es")
        attributions = client.extract_attributions(seed_text, language="en")
        languages = client.languages()
    assert [s.language for s in response.summaries] == ["en", "es"]
    assert response.summaries[1].translator.startswith("apertium")
    assert response.attributions and response.engines.summarizer
    # SummarizeStream is bidirectional: Serve 2.60's proxy hands the replica the request stream.
    by_id = {answer.id: answer for answer in answers}
    assert by_id["one"].response.summaries[0].text == response.summaries[0].text
    assert by_id["empty"].error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    # The other three RPCs go the same way.
    assert translated.translations[0] and translated.translator.startswith("apertium")
    assert attributions.attributions and attributions.language == "en"
    assert languages.profile == "offline" and "es" in languages.target_languages


def _refusal(target: str, text: str) -> TidingsError:
    with Client(target, timeout=60) as client, pytest.raises(TidingsError) as caught:
        client.summarize(text, max_sentences=BAD_MAX_SENTENCES)
    return caught.value


def test_invalid_request_as_the_plain_server(ray_target: str, server, seed_text: str) -> None:
    through_ray = _refusal(ray_target, seed_text)
    plain = _refusal(server.target, seed_text)
    assert through_ray.code is plain.code is grpc.StatusCode.INVALID_ARGUMENT
    assert through_ray.message == plain.message
    assert "max_sentences must be between 1 and 4" in through_ray.message
    # The BadRequest detail naming the field travels through the proxy too.
    assert through_ray.field_violations == plain.field_violations
    assert through_ray.field_violations[0][0] == "max_sentences"


def test_batch_three_articles_one_invalid_then_resume(
    ray_target: str, seed_text: str, tmp_path, capsys
) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    items = [
        {"id": "seed", "text": seed_text, "title": "Assad in Moscow"},
        {"id": "empty", "text": "  "},
        {"id": "short", "text": seed_text[:700], "language": "en"},
    ]
    source.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    argv = ["--quiet", "batch", str(source), str(out), "--lang", "es", "--profile", "offline"]

    assert cli.main(argv) == 2  # an invalid article: exit 2, as `tidings summarize` says it
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_id = {line["id"]: line for line in lines}
    assert sorted(by_id) == ["empty", "seed", "short"] and len(lines) == 3
    assert by_id["empty"]["error"] == {
        "code": grpc.StatusCode.INVALID_ARGUMENT.value[0],
        "message": "article.text is empty: send the article body as plain text",
    }
    for done in ("seed", "short"):
        assert by_id[done]["response"]["summaries"][0]["language"] == "es"
    assert by_id["seed"]["response"]["title"] == "Assad in Moscow"

    assert cli.main(argv) == 0  # nothing left to do: every id is already in OUT
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


def test_batch_without_ray_says_what_to_install(monkeypatch, tmp_path, capsys) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "ray" else real(name, *a)
    )
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "x"}\n', encoding="utf-8")
    assert cli.main(["batch", str(source), str(tmp_path / "out.jsonl")]) == 2
    assert "pip install 'tidings[ray]'" in capsys.readouterr().err


def test_batch_input_lines_each_become_an_item(tmp_path) -> None:
    """No Ray needed: every input line is an item to do or an error to write, never dropped."""
    from tidings.service.ray.batch import finished_ids, read_input

    source = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "An article.", "target_languages": ["fr"]}),
        "{not json",
        json.dumps({"id": "a", "text": "The same id again."}),
        json.dumps({"text": "No id.", "colour": "red"}),
        json.dumps({"id": "n", "text": 3}),
        json.dumps({"id": "done", "text": "Answered by an earlier run."}),
    ]
    source.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "done", "response": {}}\n{"id": "torn", "resp', encoding="utf-8")

    done = finished_ids(str(out))
    assert done == {"done"}  # the torn line (a stop mid-write) is cut off, to be redone
    assert out.read_text(encoding="utf-8") == '{"id": "done", "response": {}}\n'
    todo, skipped = read_input(str(source), ["es"], 0, done)
    assert skipped == 1
    where = f"{source}:"
    assert [(t.id, bool(t.request), t.error.removeprefix(where)) for t in todo] == [
        ("a", True, ""),
        (f"{where}2", False, "2: not JSON: Expecting property name enclosed in double quotes"),
        (f"{where}3", False, "3: id 'a' was already used above"),
        (f"{where}4", False, "4: unknown fields: colour"),
        ("n", False, "5: text must be a str, got int"),
    ]
    from tidings.v1 import tidings_pb2 as pb

    first = pb.SummarizeRequest.FromString(todo[0].request)
    assert list(first.target_languages) == ["fr"]  # the line's own languages win over --lang

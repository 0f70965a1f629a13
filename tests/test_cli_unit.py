"""The `tidings` CLI: main(argv) against the fake server of test_client, plus the lazy server
commands with stand-in modules. Exit codes: 0 ok, 1 failed call, 2 bad input."""

from __future__ import annotations

import io
import json
import sys
import types

import grpc
import pytest
from google.protobuf import json_format
from tidings import cli
from tidings.v1 import tidings_pb2 as pb

from tests.fake_tidings import ARTICLE, FIRST_SENTENCE_END


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "assad.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_summarize_human_output(srv, article, capsys):
    code, out, err = run(capsys, "summarize", str(article), "--lang", "en,it")
    assert code == 0, err
    first = ARTICLE[:FIRST_SENTENCE_END]
    assert f"[en] According to TASS, {first}" in out
    assert "— TASS (according to)" in out
    assert f'[0:{FIRST_SENTENCE_END}] "Former President Bashar al-Assad has reportedly' in out
    assert "[it] translated by fake:en-it via es" in out
    assert "Engines: profile offline · summarizer lead" in out


def test_summarize_sends_the_options(srv, article, capsys):
    code, _, err = run(
        capsys,
        "summarize",
        str(article),
        "--lang",
        "fr, de",
        "--max-sentences",
        "2",
        "--source-lang",
        "en",
        "--title",
        "Assad",
    )
    assert code == 0, err
    [call] = srv.fake.calls_to("Summarize")
    assert call.request == pb.SummarizeRequest(
        article=pb.Article(text=ARTICLE, language="en", title="Assad"),
        target_languages=["fr", "de"],
        max_sentences=2,
    )


def test_summarize_json_round_trips(srv, article, capsys):
    code, out, _ = run(capsys, "summarize", str(article), "--json")
    assert code == 0
    parsed = json_format.ParseDict(json.loads(out), pb.SummarizeResponse())
    with cli.Client(srv.target) as client:
        expected = client.summarize(ARTICLE)
    assert parsed == expected
    assert json.loads(out)["summaries"][0]["sentences"][0]["supported"] is True


def test_several_files_share_one_stream_in_file_order(srv, article, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("   ", encoding="utf-8")
    code, out, err = run(capsys, "summarize", str(empty), str(article), "--json")
    assert [c.method for c in srv.fake.calls] == ["SummarizeStream"]
    answers = json.loads(out)
    assert [a["id"] for a in answers] == [str(empty), str(article)]
    assert answers[0]["error"]["message"] == "article text is empty"
    assert json_format.ParseDict(answers[1], pb.SummarizeStreamResponse()).response.summaries
    assert code == 2 and f"tidings: {empty}: INVALID_ARGUMENT: article text is empty" in err


def test_several_files_human_output_has_a_heading_each(srv, article, tmp_path, capsys):
    other = tmp_path / "other.txt"
    other.write_text("Nothing attributed here.", encoding="utf-8")
    code, out, _ = run(capsys, "summarize", str(article), str(other))
    assert code == 0
    assert out.index(f"== {article} ==") < out.index(f"== {other} ==")
    assert "Nothing attributed here." in out


def test_summarize_reads_stdin(srv, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(ARTICLE))
    code, out, _ = run(capsys, "summarize", "-")
    assert code == 0 and "— TASS (according to)" in out
    assert srv.fake.calls_to("Summarize")[0].request.article.text == ARTICLE


def test_missing_file_is_a_clear_usage_error(srv, tmp_path, capsys):
    code, out, err = run(capsys, "summarize", str(tmp_path / "nope.txt"))
    assert code == 2 and out == ""
    assert err == f"tidings: no such file: {tmp_path / 'nope.txt'}\n"
    assert srv.fake.calls == []


def test_server_errors_exit_codes(srv, article, capsys):
    srv.fake.fail("Summarize", grpc.StatusCode.INVALID_ARGUMENT, "language 'xx' is not served")
    code, _, err = run(capsys, "summarize", str(article), "--lang", "xx")
    assert code == 2
    assert err == "tidings: INVALID_ARGUMENT: language 'xx' is not served\n"
    srv.fake.fail("ListLanguages", grpc.StatusCode.INTERNAL, "boom")
    code, _, err = run(capsys, "languages")
    assert code == 1 and err == "tidings: INTERNAL: boom\n"


def test_unreachable_server_exits_1_without_traceback(capsys):
    code, _, err = run(capsys, "--target", "127.0.0.1:1", "--timeout", "0.3", "health")
    assert code == 1 and err.startswith("tidings: UNAVAILABLE: ") and "Traceback" not in err


def test_usage_errors_exit_2(capsys):
    assert run(capsys, "summarize")[0] == 2
    assert run(capsys, "--timeout", "0", "languages")[0] == 2
    assert run(capsys, "languages", "--bogus")[0] == 2


def test_translate_arguments_and_stdin(srv, capsys, monkeypatch):
    code, out, err = run(capsys, "translate", "Hello.", "Bye.", "--to", "es", "--from", "en")
    assert code == 0 and out == "<es> Hello.\n<es> Bye.\n"
    assert "fake:en-es" in err
    assert srv.fake.calls_to("Translate")[0].request == pb.TranslateRequest(
        texts=["Hello.", "Bye."], target_language="es", source_language="en"
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("One.\n\nTwo.\n"))
    code, out, _ = run(capsys, "translate", "--to", "fr", "--json")
    assert code == 0 and json.loads(out)["translations"] == ["<fr> One.", "<fr> Two."]
    assert not srv.fake.calls_to("Translate")[1].request.HasField("source_language")


def test_attributions(srv, article, capsys):
    code, out, _ = run(capsys, "attributions", str(article), "--lang", "en")
    assert code == 0
    assert 'TASS (named) — "according to" — INDIRECT' in out
    assert 'content [0:80] "Former President Bashar al-Assad' in out
    assert srv.fake.calls_to("ExtractAttributions")[0].request.language == "en"
    code, out, _ = run(capsys, "attributions", str(article), "--json")
    assert json.loads(out)["attributions"][0]["source_name"] == "TASS"


def test_languages(srv, capsys):
    code, out, _ = run(capsys, "languages")
    assert code == 0 and "en → it  apertium:eng-spa|spa-ita (via es)" in out
    code, out, _ = run(capsys, "languages", "--json")
    assert json.loads(out)["profile"] == "offline"


def test_health_exit_codes(srv, capsys):
    assert run(capsys, "health") == (0, "SERVING\n", "")
    srv.set_serving(False)
    assert run(capsys, "health")[:2] == (1, "NOT_SERVING\n")
    code, _, err = run(capsys, "health", "--wait", "0.2")
    assert code == 1 and "not SERVING after 0.2s" in err


def test_serve_delegates_every_argument(monkeypatch, capsys):
    seen = []
    fake_main = types.ModuleType("tidings.service.__main__")
    fake_main.main = lambda argv: seen.append(argv) or 3
    monkeypatch.setitem(sys.modules, "tidings.service.__main__", fake_main)
    assert cli.main(["serve", "--port", "1234", "--help"]) == 3
    assert seen == [["--port", "1234", "--help"]]


def test_server_commands_without_the_extras(monkeypatch, capsys):
    modules = sys.modules
    monkeypatch.setitem(modules, "tidings.service.__main__", None)  # import raises ImportError
    monkeypatch.setitem(modules, "tidings.models.pull", None)
    for argv in (["serve"], ["models", "pull"]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == ""
        assert "the server needs: pip install 'tidings[server]'" in err


def test_extras_imported_inside_the_server_call(monkeypatch, capsys):
    def main(argv):
        import no_such_server_dependency  # noqa: F401

    fake_main = types.ModuleType("tidings.service.__main__")
    fake_main.main = main
    monkeypatch.setitem(sys.modules, "tidings.service.__main__", fake_main)
    code, _, err = run(capsys, "serve")
    assert code == 2 and "could not import no_such_server_dependency" in err
    assert "tidings[server]" in err


def test_models_pull(monkeypatch, capsys):
    pulled = []
    fake = types.ModuleType("tidings.models.pull")
    fake.DEFAULT_MODELS = ["a/b", "c/d"]
    fake.PullError = type("PullError", (RuntimeError,), {})

    def pull(models, dest="models/pulled"):
        pulled.append((models, dest))
        if "bad/model" in models:
            raise fake.PullError("could not pull bad/model: no network")
        return [f"{dest}/{m.replace('/', '--')}" for m in models]

    fake.pull = pull
    monkeypatch.setitem(sys.modules, "tidings.models.pull", fake)
    assert run(capsys, "models", "pull") == (0, "models/pulled/a--b\nmodels/pulled/c--d\n", "")
    assert run(capsys, "models", "pull", "x/y", "--dest", "/tmp/m")[:2] == (0, "/tmp/m/x--y\n")
    assert pulled[1] == (["x/y"], "/tmp/m")
    assert run(capsys, "models", "pull", "bad/model") == (
        1,
        "",
        "tidings: could not pull bad/model: no network\n",
    )


def test_warnings_are_shown_in_human_output():
    from tidings.cli_format import format_summary, format_translation_info

    translated = pb.TranslateResponse(
        translations=["x"], source_language="en", translator="apertium:eng-spa|es-fr",
        warnings=["fr: apertium:eng-spa|es-fr has no translation for 'feline'; left as written"],
    )  # fmt: skip
    info = format_translation_info(translated)
    assert info.splitlines()[1] == "# warning: " + translated.warnings[0]
    summary = pb.SummarizeResponse(source_language="en", warnings=["language given as 'es'"])
    assert format_summary(summary, "").splitlines()[-1] == "Warning: language given as 'es'"

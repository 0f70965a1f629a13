"""The CLI on many articles: directories, JSONL in and out, the progress bar, --html, --help
(issue 16, item 4), against the fake server."""

from __future__ import annotations

import io
import json

import pytest
from tidings import cli
from tidings.cli_progress import Progress

from tests.fake_tidings import ARTICLE


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("Nothing attributed here.", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("not an article", encoding="utf-8")
    return tmp_path


def test_a_directory_is_its_text_files_in_name_order(srv, folder, capsys):
    code, out, err = run(capsys, "summarize", str(folder))
    assert code == 0, err
    assert out.index(f"== {folder / 'b.txt'} ==") < out.index(f"== {folder / 'sub' / 'a.md'} ==")
    assert "notes.csv" not in out
    [call] = srv.fake.calls_to("SummarizeStream")
    assert len(call.stream_items) == 2


def test_jsonl_in_and_out(srv, tmp_path, capsys):
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        "\n".join(
            [
                json.dumps(
                    {"id": "one", "text": ARTICLE, "title": "Assad", "target_languages": ["es"]}
                ),
                "",
                json.dumps({"article": {"text": "   "}}),
            ]
        ),
        encoding="utf-8",
    )
    code, out, err = run(capsys, "summarize", str(articles), "--jsonl", "--lang", "fr")
    assert code == 2  # the blank article is INVALID_ARGUMENT
    lines = [json.loads(line) for line in out.splitlines()]
    assert {line["id"] for line in lines} == {"one", f"{articles}:3"}
    by_id = {line["id"]: line for line in lines}
    assert by_id[f"{articles}:3"]["error"]["message"] == "article text is empty"
    summaries = by_id["one"]["response"]["summaries"]
    assert [s["language"] for s in summaries] == ["es"]  # the line's own setting wins
    assert f"tidings: {articles}:3: INVALID_ARGUMENT" in err
    sent = {i.id: i.request for i in srv.fake.calls_to("SummarizeStream")[0].stream_items}
    assert sent["one"].article.title == "Assad"
    assert list(sent[f"{articles}:3"].target_languages) == ["fr"]


def test_jsonl_input_from_stdin_and_attributions_in_parallel(srv, capsys, monkeypatch):
    lines = "".join(json.dumps({"id": f"a{i}", "text": ARTICLE}) + "\n" for i in range(5))
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    code, out, err = run(capsys, "attributions", "-", "--jsonl-input", "--json")
    assert code == 0, err
    answers = json.loads(out)
    assert [a["id"] for a in answers] == [f"a{i}" for i in range(5)]  # input order
    assert answers[0]["response"]["attributions"][0]["source_name"] == "TASS"
    assert len(srv.fake.calls_to("ExtractAttributions")) == 5


def test_bad_inputs_are_usage_errors(srv, tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "a"}\n{"text": 3}\n', encoding="utf-8")
    assert run(capsys, "summarize", str(bad)) == (
        2,
        "",
        f'tidings: {bad}:2: expected an object with a "text" string\n',
    )
    bad.write_text('{"id": "x", "text": "a", "colour": 1}\n', encoding="utf-8")
    assert "unknown fields: colour" in run(capsys, "attributions", str(bad))[2]
    bad.write_text('{"text": "a", "max_sentences": -1}\n', encoding="utf-8")
    assert (
        "max_sentences must be an integer from 0 to 4, got -1"
        in run(capsys, "summarize", str(bad))[2]
    )
    bad.write_text('{"text": "a", "target_languages": "es"}\n', encoding="utf-8")
    assert "target_languages must be a list" in run(capsys, "summarize", str(bad))[2]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(capsys, "summarize", str(empty))[0] == 2
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, _, err = run(capsys, "summarize", str(article), str(article))
    assert code == 2 and "is repeated" in err
    code, _, err = run(capsys, "summarize", str(article), "--json", "--jsonl")
    assert code == 2 and "choose one" in err
    assert srv.fake.calls == []


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_not_quiet():
    terminal = Terminal()
    with Progress(4, "summarize", stream=terminal) as bar:
        for _ in range(3):
            bar.advance()
        bar.advance(failed=True)
        assert bar.line().startswith("summarize 4/4 [")
        assert "100%" in bar.line() and "1 failed" in bar.line()
    drawn = terminal.getvalue()
    assert "summarize 0/4" in drawn and "summarize 4/4" in drawn
    assert drawn.endswith("\r\033[K")  # erased when done
    for stream, enabled in ((io.StringIO(), True), (Terminal(), False)):
        with Progress(4, "summarize", stream=stream, enabled=enabled) as bar:
            bar.advance()
        assert stream.getvalue() == ""


def test_cli_draws_the_bar_on_a_terminal_stderr(srv, folder, capsys, monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert cli.main(["summarize", str(folder), "--jsonl"]) == 0
    assert "summarize 2/2 [" in terminal.getvalue()
    terminal.truncate(0)
    assert cli.main(["--quiet", "summarize", str(folder), "--jsonl"]) == 0
    assert "summarize" not in terminal.getvalue()
    out, _ = capsys.readouterr()
    assert len(out.splitlines()) == 4  # one line an article, twice


def test_html_writes_one_page(srv, tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    page = tmp_path / "out.html"
    code, out, err = run(capsys, "summarize", str(article), "--lang", "es,fr", "--html", str(page))
    assert code == 0 and f"wrote {page}" in err and "— TASS (according to)" in out
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'class="source"' in html
    assert "Spanish (es)" in html and "French (fr)" in html
    other = tmp_path / "b.txt"
    other.write_text(ARTICLE, encoding="utf-8")
    code, _, err = run(capsys, "summarize", str(article), str(other), "--html", str(page))
    assert code == 2 and "one article" in err


def test_help_lists_settings_env_and_exit_codes(capsys, monkeypatch):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for words in (
        "--target",
        "TIDINGS_TARGET",
        "--timeout",
        "TIDINGS_TIMEOUT",
        "--quiet",
        "TIDINGS_QUIET",
        "tidings serve --help",
        "exit codes",
        "130",
    ):
        assert words in out
    monkeypatch.setenv("TIDINGS_TIMEOUT", "0")
    assert run(capsys, "languages")[0] == 2

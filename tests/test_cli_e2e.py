"""The CLI through main(argv) against the real server and engines."""

from __future__ import annotations

import json

from tidings import cli


def run(capsys, server, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["--target", server.target, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_summarize_seed_in_three_languages(server, capsys, tmp_path, seed_text):
    seed = tmp_path / "seed.txt"
    seed.write_text(seed_text, encoding="utf-8")
    code, out, err = run(capsys, server, "summarize", str(seed), "--lang", "en,es,ca")
    assert code == 0, err
    for heading in ("[en]", "[es] translated by apertium:eng-spa", "[ca] translated by apertium"):
        assert heading in out
    assert "TASS" in out
    assert "— TASS (according to)" in out
    assert '[0:200] "Former President Bashar al-Assad' in out


def test_summarize_json_and_stdin(server, capsys, monkeypatch, seed_text):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO(seed_text))
    code, out, err = run(capsys, server, "summarize", "-", "--json", "--max-sentences", "2")
    assert code == 0, err
    body = json.loads(out)
    assert body["source_language"] == "en"
    assert len(body["summaries"][0]["sentences"]) <= 2


def test_attributions_lists_who_said_what(server, capsys, tmp_path, seed_text):
    seed = tmp_path / "seed.txt"
    seed.write_text(seed_text, encoding="utf-8")
    code, out, err = run(capsys, server, "attributions", str(seed))
    assert code == 0, err
    for name in ("TASS", "Donald Trump", "Antonio Guterres", "Experts"):
        assert name in out


def test_translate_languages_health(server, capsys):
    code, out, err = run(capsys, server, "translate", "The house is red.", "--to", "es")
    assert code == 0 and "casa" in out.lower()
    code, out, _ = run(capsys, server, "languages")
    assert code == 0 and "en" in out and "apertium" in out
    code, out, _ = run(capsys, server, "health")
    assert code == 0 and "SERVING" in out


def test_bad_input_exit_code_and_message(server, capsys):
    code, _, err = run(capsys, server, "translate", "The house is red.", "--to", "xx")
    assert code == 2
    assert "INVALID_ARGUMENT" in err and "cannot translate" in err


def test_html_view_and_jsonl_batch_through_the_real_server(server, capsys, tmp_path, seed_text):
    seed = tmp_path / "seed.txt"
    seed.write_text(seed_text, encoding="utf-8")
    page = tmp_path / "view.html"
    code, _, err = run(capsys, server, "summarize", str(seed), "--lang", "es,fr",
                       "--html", str(page))  # fmt: skip
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    assert '<span class="cue"' in html and "Russian state media outlet TASS</span>" in html
    assert "Spanish (es)" in html and "French (fr)" in html and 'class="srcname"' in html
    (tmp_path / "short.txt").write_text("The minister said the bridge would reopen.", "utf-8")
    code, out, err = run(capsys, server, "attributions", str(tmp_path), "--jsonl")
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert sorted(line["id"] for line in lines) == sorted(
        str(tmp_path / name) for name in ("seed.txt", "short.txt")
    )
    assert all(line["response"]["attributions"] for line in lines)

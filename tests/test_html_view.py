"""The HTML view (issue 16, item 3): nesting of overlapping spans, escaping of everything that
comes from the article or the response, and the page as headless Chromium renders it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tidings import html_view
from tidings.v1 import tidings_pb2 as pb

from tests.fake_tidings import ARTICLE, summarize_response

HOSTILE = '\nHe said <script>alert("x")</script> & <img src=x onerror="alert(1)">.'
VOID = {"meta", "img", "br", "input", "link"}


class Tags(HTMLParser):
    """Start tags seen, and whether every element closed in order."""

    def __init__(self) -> None:
        super().__init__()
        self.started: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.balanced = True

    def handle_starttag(self, tag, attrs):
        self.started.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.balanced = False


def parse(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    tags.close()
    return tags


def response_for(text: str, languages=("es", "fr")) -> pb.SummarizeResponse:
    request = pb.SummarizeRequest(article=pb.Article(text=text), target_languages=languages)
    return summarize_response(request)


def mark(start: int, end: int, role: str, seq: int, **attrs: str):
    return html_view._Mark(start, -end, html_view._RANK[role], seq, role, attrs)


def test_crossing_marks_are_split_and_nest():
    text = "abcdefghij"
    out = html_view.nest(text, [mark(0, 6, "content", 0), mark(4, 9, "source", 1, id="s")])
    assert out == (
        '<span class="content">abcd<span class="source" id="s">ef</span></span>'
        '<span class="source">ghi</span>j'
    )
    assert re.sub("<[^>]+>", "", out) == text


def test_a_claim_holding_its_source_nests_inside_the_evidence():
    text = "Aa said bb cc. Dd."
    marks = [
        mark(0, 14, "ev", 0),
        mark(0, 13, "content", 1),
        mark(0, 2, "source", 2),
        mark(3, 7, "cue", 3),
    ]
    out = html_view.nest(text, marks)
    assert out.startswith(
        '<span class="ev"><span class="content"><span class="source">Aa</span> '
        '<span class="cue">said</span> bb cc</span>.</span>'
    )
    assert parse(out).balanced


def test_article_and_names_are_escaped():
    text = ARTICLE + HOSTILE
    response = response_for(text)
    response.attributions[0].source_name = '<img src=y onerror="alert(2)">'
    response.summaries[0].sentences[0].text = "<b>bold</b> claim"
    page = html_view.render(response, text, title="</title><script>alert(3)</script>")
    tags = parse(page)
    assert tags.balanced
    assert [tag for tag, _ in tags.started if tag in ("script", "img", "b")] == ["script"]
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in page
    assert "&lt;img src=x onerror=" in page
    tips = [a["data-tip"] for _, a in tags.started if "data-tip" in a]
    assert tips and all(t.startswith('<img src=y onerror="alert(2)"> (named)') for t in tips)


def test_page_has_every_highlight_and_link():
    response = response_for(ARTICLE)
    page = html_view.render(response, ARTICLE)
    tags = parse(page)
    classes = [a.get("class") for _, a in tags.started]
    for name in ("source", "cue", "content", "ev", "sent", "srcname"):
        assert name in classes, name
    [sent, *_] = [a for tag, a in tags.started if a.get("class") == "sent"]
    assert sent["href"] == "#ev-0" and sent["data-ev"] == "ev-0" and sent["data-a"] == "0"
    assert "http" not in page.replace('http-equiv="Content-Security-Policy"', "")
    assert "@media (max-width: 760px)" in page and 'name="viewport"' in page


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _run_chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess:
    command = [
        _chromium(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", f"--user-data-dir={profile}", "--hide-scrollbars",
        *args, page.as_uri(),
    ]  # fmt: skip
    env = dict(os.environ, HOME=str(profile))
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.skipif(_chromium() is None, reason="chromium is not installed (make chromium)")
def test_chromium_renders_the_highlights(tmp_path):
    text = ARTICLE + HOSTILE
    page = tmp_path / "view.html"
    page.write_text(html_view.render(response_for(text), text), encoding="utf-8")
    dom = _run_chromium(page, tmp_path / "profile-dom", "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    tags = parse(dom.stdout)

    def having(name: str) -> list[dict]:
        return [a for _, a in tags.started if name in (a.get("class") or "").split()]

    [source] = [attrs for attrs in having("source") if "data-a" in attrs]  # not the legend
    assert source["data-tip"] == "TASS (named) · indirect · confidence 0.90"
    assert having("cue") and having("content") and having("srcname")
    # The script ran: the first sentence is in focus, its evidence and attribution lit.
    assert having("lit")[0]["data-ev"] == "ev-0"
    assert having("on")[0]["data-ev"] == "ev-0" and "alit" in source["class"]
    assert not any(tag == "img" for tag, _ in tags.started)
    assert "&lt;script&gt;alert(" in dom.stdout
    for width, name in ((1200, "wide.png"), (390, "phone.png")):
        shot = tmp_path / name
        done = _run_chromium(
            page, tmp_path / f"profile-{width}", f"--screenshot={shot}",
            f"--window-size={width},900",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 5000

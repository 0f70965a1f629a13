"""Attribution integrity of summaries on CNN/DailyMail dev articles, through the server.

For every article, summarized in English and Spanish, checks that:
- every evidence and attribution span lies inside the article, and attribution strings equal
  the article text at their spans;
- every summary sentence that rests on an attributed claim names its source in its own text
  (a source_name_span that points at the source's name, in every language: verbatim where the
  renderer keeps it as a name, its translation where it reads as a phrase, "The ... Department");
- no attribution names a source absent from the article (every word of source_name occurs in it).
Part of `make eval-attribution`. Reads ../shared/eval/dev/cnndm_dev30.jsonl; copies nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serving import ROOT, server_client  # noqa: E402
from tidings.service.render import named as render_named  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "dev" / "cnndm_dev30.jsonl"
_WORD = re.compile(r"\w+")
_PRONOUNS = {"i", "we", "you", "he", "she", "they", "it", "one"}


def _inside(span, n: int) -> bool:
    return 0 <= span.start < span.end <= n


def check(text: str, response, problems: Counter, examples: list[str]) -> Counter:
    seen = Counter()
    n = len(text)

    def fail(kind: str, detail: str) -> None:
        problems[kind] += 1
        if len(examples) < 10:
            examples.append(f"{kind}: {detail}")

    lowered = text.lower()
    for a in response.attributions:
        seen["attributions"] += 1
        pairs = [("content", a.content_span, a.content)]
        if a.HasField("source_span"):
            pairs.append(("source", a.source_span, a.source))
        if a.HasField("cue_span"):
            pairs.append(("cue", a.cue_span, a.cue))
        for field, span, value in pairs:
            if not _inside(span, n) or text[span.start : span.end] != value:
                fail("attribution span invalid", f"{field} {span.start}:{span.end}")
        if a.HasField("source_name"):
            missing = [w for w in _WORD.findall(a.source_name) if w.lower() not in lowered]
            if missing:
                fail("source name absent from article", f"{a.source_name!r} lacks {missing}")
    for summary in response.summaries:
        for sentence in summary.sentences:
            seen["sentences"] += 1
            for span in sentence.evidence:
                seen["evidence spans"] += 1
                if not _inside(span, n):
                    fail("evidence span invalid", f"{span.start}:{span.end}")
            if not sentence.attribution_indices:
                continue
            seen["attributed sentences"] += 1
            primary = response.attributions[sentence.attribution_indices[0]]
            if not (primary.source_name or primary.source):
                # "It seems that ...": the article states no source, so none is cited.
                seen["rest on a claim with no stated source"] += 1
                continue
            if (primary.source_name or primary.source).lower() in _PRONOUNS:
                # The extractor could not tell who "I" or "they" is: nothing to cite.
                seen["rest on an unresolved pronoun"] += 1
                continue
            if not sentence.HasField("source_name_span"):
                fail(
                    "attributed sentence without its source",
                    f"[{summary.language}] {sentence.text[:80]!r} (source {primary.source_name!r})",
                )
                continue
            span = sentence.source_name_span
            named = sentence.text[span.start : span.end]
            verbatim = render_named(primary, primary.source_name or primary.source, "en")
            if not named or (verbatim and named != primary.source_name and named != primary.source):
                fail("source span does not hold the name", f"[{summary.language}] {named!r}")
    return seen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--target", default="localhost:50051")
    parser.add_argument("--start-server", action="store_true")
    parser.add_argument("--lang", default="en,es")
    args = parser.parse_args()
    articles = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines()]
    problems: Counter = Counter()
    totals: Counter = Counter()
    examples: list[str] = []
    with server_client(args.target, args.start_server) as (client, _):
        started = time.perf_counter()
        for article in articles:
            response = client.summarize(
                article["article"], language="en", target_languages=args.lang.split(",")
            )
            totals += check(article["article"], response, problems, examples)
        elapsed = time.perf_counter() - started
    print(
        f"CNN/DailyMail dev: {len(articles)} articles summarized in {args.lang} "
        f"({len(articles) / elapsed:.2f} articles/s)"
    )
    for name, count in totals.items():
        print(f"  {name:<28} {count}")
    checks = [
        "evidence span invalid",
        "attribution span invalid",
        "attributed sentence without its source",
        "source span does not hold the name",
        "source name absent from article",
    ]
    for name in checks:
        print(f"  {name:<40} {problems[name]}")
    for line in examples:
        print("   ", line)
    return 1 if any(problems[name] for name in checks) else 0


if __name__ == "__main__":
    sys.exit(main())

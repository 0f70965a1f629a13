"""Attribution evaluation on the PolNeAR dev sample: `make eval-attribution`.

By default it calls a running Tidings server through the Python client (``--target``, or
``--start-server`` to launch one); ``--direct`` runs SpacyAttributionExtractor in-process.
Either way a plain spaCy baseline is scored too, for comparison, unless ``--no-baseline``.
Examples of misses and false positives go to the terminal only (``--examples N``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from attribution_scoring import (  # noqa: E402
    Record,
    Scores,
    format_table,
    overlaps,
    record_from_attribution,
    record_from_gold,
    record_from_proto,
    score_article,
)
from serving import server_client  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "dev" / "attr" / "polnear_dev.jsonl"

Predictor = Callable[[str], list[Record]]


def load_articles(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh if line.strip()]
    return articles[:limit] if limit else articles


def run_system(articles: Sequence[dict[str, Any]], predict: Predictor
               ) -> tuple[Scores, float, list[list[Record]]]:
    scores = Scores()
    predictions: list[list[Record]] = []
    started = time.perf_counter()
    for article in articles:
        predictions.append(predict(article["text"]))
    elapsed = time.perf_counter() - started
    for article, pred in zip(articles, predictions, strict=True):
        scores.add_article([record_from_gold(g) for g in article["attributions"]], pred)
    return scores, len(articles) / elapsed if elapsed else float("inf"), predictions


def _show(text: str, rec: Record) -> str:
    def cut(span: tuple[int, int] | None) -> str:
        if span is None:
            return "-"
        piece = text[span[0]:span[1]].replace("\n", " ")
        return piece if len(piece) < 90 else piece[:60] + " ... " + piece[-25:]

    return f"[{cut(rec.source)}] <{cut(rec.cue)}> {cut(rec.content)}"


def print_examples(articles: Sequence[dict[str, Any]], predictions: list[list[Record]],
                   n: int) -> None:
    """Unmatched gold (misses) and unmatched predictions (false positives), pair overlap."""
    misses: list[str] = []
    false_pos: list[str] = []
    for article, pred in zip(articles, predictions, strict=True):
        text = article["text"]
        gold = [record_from_gold(g) for g in article["attributions"]]
        for g in gold:
            if not any(overlaps(g.content, p.content)
                       and (g.source is None or overlaps(g.source, p.source)) for p in pred):
                misses.append(_show(text, g))
        for p in pred:
            if not any(overlaps(g.content, p.content)
                       and (g.source is None or overlaps(g.source, p.source)) for g in gold):
                false_pos.append(_show(text, p))
    for title, items in (("MISSES", misses), ("FALSE POSITIVES", false_pos)):
        print(f"\n== {title} ({len(items)}), first {n} ==")
        for line in items[:n]:
            print("  " + line)


def client_predictor(client: Any) -> Predictor:
    def predict(text: str) -> list[Record]:
        response = client.extract_attributions(text, language="en")
        return [record_from_proto(a) for a in response.attributions]

    return predict


def direct_predictor(extractor: Any) -> Predictor:
    def predict(text: str) -> list[Record]:
        return [record_from_attribution(a) for a in extractor.extract(text, "en")]

    return predict


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--direct", action="store_true", help="run the extractor in-process")
    parser.add_argument("--target", default="localhost:50051")
    parser.add_argument("--start-server", action="store_true")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--examples", type=int, default=0, help="print N misses and FPs")
    args = parser.parse_args(argv)

    articles = load_articles(args.data, args.limit)
    print(f"{len(articles)} articles, {sum(len(a['attributions']) for a in articles)} "
          f"gold attributions from {args.data}")

    rows: dict[str, Scores] = {}
    speeds: dict[str, float] = {}
    nlp = None
    with contextlib.ExitStack() as stack:
        if args.direct:
            from tidings.models.attribution.english import SpacyAttributionExtractor

            extractor = SpacyAttributionExtractor()
            nlp = extractor.nlp
            predict = direct_predictor(extractor)
            system = f"{extractor.name} (direct)"
        else:
            client, _ = stack.enter_context(server_client(args.target, args.start_server))
            predict = client_predictor(client)
            system = f"server {args.target}"
        scores, speed, predictions = run_system(articles, predict)
        rows[system] = scores
        speeds[system] = speed
        if args.examples:
            print_examples(articles, predictions, args.examples)

    if not args.no_baseline:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from attribution_baseline import BaselineExtractor

        baseline = BaselineExtractor(nlp)
        scores, speed, _ = run_system(articles, direct_predictor(baseline))
        rows["baseline"] = scores
        speeds["baseline"] = speed

    print()
    print(format_table(rows))
    print()
    for system, speed in speeds.items():
        print(f"throughput {system}: {speed:.2f} articles/s")
    return 0


__all__ = ["main", "score_article"]

if __name__ == "__main__":
    sys.exit(main())

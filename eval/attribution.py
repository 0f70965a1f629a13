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

from attribution_card import write_card  # noqa: E402
from attribution_report import (  # noqa: E402
    bucket_precision,
    format_buckets,
    format_kinds,
    kind_counts,
)
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


def run_system(
    articles: Sequence[dict[str, Any]], predict: Predictor
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
        piece = text[span[0] : span[1]].replace("\n", " ")
        return piece if len(piece) < 90 else piece[:60] + " ... " + piece[-25:]

    return f"[{cut(rec.source)}] <{cut(rec.cue)}> {cut(rec.content)}"


def print_examples(
    articles: Sequence[dict[str, Any]], predictions: list[list[Record]], n: int
) -> None:
    """Unmatched gold (misses) and unmatched predictions (false positives), pair overlap."""
    misses: list[str] = []
    false_pos: list[str] = []
    for article, pred in zip(articles, predictions, strict=True):
        text = article["text"]
        gold = [record_from_gold(g) for g in article["attributions"]]
        for g in gold:
            if not any(
                overlaps(g.content, p.content)
                and (g.source is None or overlaps(g.source, p.source))
                for p in pred
            ):
                misses.append(_show(text, g))
        for p in pred:
            if not any(
                overlaps(g.content, p.content)
                and (g.source is None or overlaps(g.source, p.source))
                for g in gold
            ):
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


# The shipped tagger runs int8 (attribution_runtime): its fp32 row beside it shows the cost.
ENGINES = (
    "spacy",
    "tagger-only:minilm-attr-v1",
    "tagger:minilm-attr-v1@onnx",
    "tagger:minilm-attr-v1",
)


def _predictors(
    args: argparse.Namespace, stack: contextlib.ExitStack
) -> list[tuple[str, Predictor]]:
    """(row name, predictor) per engine: in-process, servers started here, or one running."""
    if args.direct:
        from tidings.models.registry import ATTRIBUTION, load_class

        out = []
        for wanted in args.engines:
            name, _, runtime = wanted.partition("@")
            extractor = load_class(ATTRIBUTION[name])(**({"runtime": runtime} if runtime else {}))
            label = f"{extractor.name}{'@' + runtime if runtime else ''} (direct)"
            out.append((label, direct_predictor(extractor)))
        return out
    if not args.start_server:
        client, _ = stack.enter_context(server_client(args.target, False))
        return [(f"server {args.target}", client_predictor(client))]
    host, _, port = args.target.rpartition(":")
    out = []
    for i, wanted in enumerate(args.engines):
        target = f"{host}:{int(port) + i}"
        name, _, runtime = wanted.partition("@")
        extra = ["--attribution-engine", name]
        extra += ["--attribution-runtime", runtime] if runtime else []
        client, _ = stack.enter_context(server_client(target, True, extra_args=extra))
        engine = client.extract_attributions("A test.", language="en").engine
        out.append((engine, client_predictor(client)))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--direct", action="store_true", help="run the extractors in-process")
    parser.add_argument("--target", default="localhost:50051")
    parser.add_argument(
        "--start-server",
        action="store_true",
        help="start one server per engine, on the target's port and the next",
    )
    parser.add_argument(
        "--engines",
        type=lambda s: s.split(","),
        default=list(ENGINES),
        help="English attribution engines to compare (with --start-server or --direct); "
        "NAME@RUNTIME runs a tagger on an encoder runtime (torch, onnx-int8, ...)",
    )
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--examples", type=int, default=0, help="print N misses and FPs")
    parser.add_argument(
        "--card",
        type=Path,
        default=None,
        help="write the tagger's model card with these figures into this folder",
    )
    args = parser.parse_args(argv)

    articles = load_articles(args.data, args.limit)
    print(
        f"{len(articles)} articles, {sum(len(a['attributions']) for a in articles)} "
        f"gold attributions from {args.data}"
    )
    gold = [[record_from_gold(g) for g in a["attributions"]] for a in articles]

    rows: dict[str, Scores] = {}
    speeds: dict[str, float] = {}
    kinds: dict[str, dict[str, Any]] = {}
    buckets: dict[str, list[tuple[float, float, int, float]]] = {}
    with contextlib.ExitStack() as stack:
        for system, predict in _predictors(args, stack):
            scores, speed, predictions = run_system(articles, predict)
            rows[system], speeds[system] = scores, speed
            kinds[system] = kind_counts(gold, predictions)
            buckets[system] = bucket_precision(gold, predictions)
            if args.examples:
                print_examples(articles, predictions, args.examples)

    if not args.no_baseline:
        from attribution_baseline import BaselineExtractor

        scores, speed, _ = run_system(articles, direct_predictor(BaselineExtractor(None)))
        rows["baseline"] = scores
        speeds["baseline"] = speed

    report = "\n\n".join(
        [
            format_table(rows),
            "pair overlap by gold kind:\n" + format_kinds(kinds),
            *(format_buckets(system, b) for system, b in buckets.items()),
            "\n".join(
                f"throughput {system}: {speed:.2f} articles/s" for system, speed in speeds.items()
            ),
        ]
    )
    print()
    print(report)
    if args.card:
        write_card(args.card, report, len(articles))
        print(f"\nmodel card written: {args.card / 'MODEL_CARD.md'}")
    return 0


__all__ = ["main", "score_article"]

if __name__ == "__main__":
    sys.exit(main())

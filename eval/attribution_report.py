"""Tables beyond the span scores: per kind, per confidence bucket, and the model card's figures.

Per kind: gold attributions of that kind against predictions the system gave that kind ("no
source": gold without a source against predictions without one), pair overlap matching.
Confidence buckets: of the predictions in each bucket, the share whose content and source
overlap some gold attribution's (a gold one without a source needs the content only).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from attribution_scoring import Counts, Record, _pair_counts, overlaps

KINDS = ("direct", "mixed", "indirect", "no source")
BUCKETS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def _of_kind(records: Sequence[Record], kind: str) -> list[Record]:
    if kind == "no source":
        return [r for r in records if r.source is None]
    return [r for r in records if r.kind == kind]


def kind_counts(
    gold: Sequence[Sequence[Record]], pred: Sequence[Sequence[Record]]
) -> dict[str, Counts]:
    out = {kind: Counts() for kind in KINDS}
    for g, p in zip(gold, pred, strict=True):
        for kind in KINDS:
            out[kind].add(_pair_counts(_of_kind(g, kind), _of_kind(p, kind), overlaps))
    return out


def bucket_precision(
    gold: Sequence[Sequence[Record]], pred: Sequence[Sequence[Record]]
) -> list[tuple[float, float, int, float]]:
    """(low, high, predictions, precision) per confidence bucket."""
    hits: dict[int, list[bool]] = {}
    for g, p in zip(gold, pred, strict=True):
        for rec in p:
            ok = any(
                overlaps(x.content, rec.content)
                and (x.source is None or overlaps(x.source, rec.source))
                for x in g
            )
            b = next(
                i
                for i in range(len(BUCKETS) - 1)
                if BUCKETS[i] <= (rec.confidence or 0.0) < BUCKETS[i + 1]
            )
            hits.setdefault(b, []).append(ok)
    return [
        (BUCKETS[b], min(BUCKETS[b + 1], 1.0), len(v), sum(v) / len(v))
        for b, v in sorted(hits.items())
    ]


def format_kinds(rows: Mapping[str, dict[str, Counts]]) -> str:
    width = max([len("system"), *map(len, rows)]) + 2
    head = f"{'system':<{width}}{'kind':<11}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}"
    lines = [head, "-" * len(head)]
    for system, kinds in rows.items():
        for kind, c in kinds.items():
            lines.append(
                f"{system:<{width}}{kind:<11}{c.gold:>6}{c.pred:>6}"
                f"{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}"
            )
    return "\n".join(lines)


def format_buckets(system: str, buckets: Sequence[tuple[float, float, int, float]]) -> str:
    lines = [f"precision (pair overlap) by confidence, {system}:"]
    for low, high, n, precision in buckets:
        lines.append(f"  [{low:.1f}, {high:.1f})  {n:>5} predictions  precision {precision:.3f}")
    return "\n".join(lines)

"""Pure scoring of predicted attributions against gold ones, per article.

Spans are (start, end) pairs of code point offsets. Each field (source, cue, content) and the
pair (source with content) is scored under exact-span and overlap matching, with a one-to-one
matching per article (each gold attribution is credited at most once, each prediction too).
A maximum bipartite matching is used rather than a greedy one so that the order predictions
come in never changes the score.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

SpanT = tuple[int, int]
FIELDS = ("source", "cue", "content", "pair")
MODES = ("exact", "overlap")
# Decimals in the tables (TIDINGS_EVAL_DIGITS=4 to compare runs closer than 0.001).
DIGITS = int(os.environ.get("TIDINGS_EVAL_DIGITS", "3"))


@dataclass(frozen=True)
class Record:
    """The spans of one attribution; source and cue may be absent, content never is."""

    content: SpanT
    source: SpanT | None = None
    cue: SpanT | None = None
    # Not scored as spans: for the per-kind rows and the confidence buckets.
    kind: str | None = None
    confidence: float | None = None


def _span(value: Any) -> SpanT | None:
    if value is None:
        return None
    if isinstance(value, Mapping):
        return int(value["start"]), int(value["end"])
    if hasattr(value, "start") and hasattr(value, "end"):
        return int(value.start), int(value.end)
    start, end = value
    return int(start), int(end)


def record_from_gold(item: Mapping[str, Any]) -> Record:
    """A gold attribution as in the dev JSONL ("source_span": [s, e] or null, ...)."""
    content = _span(item["content_span"])
    assert content is not None
    return Record(
        content=content,
        source=_span(item.get("source_span")),
        cue=_span(item.get("cue_span")),
        kind=item.get("kind"),
    )


def record_from_attribution(attribution: Any) -> Record:
    """A models.base.Attribution (or anything with the same span attributes)."""
    content = _span(attribution.content_span)
    assert content is not None
    return Record(
        content=content,
        source=_span(attribution.source_span),
        cue=_span(attribution.cue_span),
        kind=attribution.kind.value,
        confidence=attribution.confidence,
    )


def record_from_proto(message: Any) -> Record:
    """A tidings.v1 Attribution message: unset optional spans are absent, not (0, 0)."""
    content = _span(message.content_span)
    assert content is not None
    source = _span(message.source_span) if message.HasField("source_span") else None
    cue = _span(message.cue_span) if message.HasField("cue_span") else None
    kind = (
        type(message)
        .DESCRIPTOR.fields_by_name["kind"]
        .enum_type.values_by_number[message.kind]
        .name.removeprefix("ATTRIBUTION_KIND_")
        .lower()
    )
    return Record(content=content, source=source, cue=cue, kind=kind, confidence=message.confidence)


def overlaps(a: SpanT | None, b: SpanT | None) -> bool:
    if a is None or b is None:
        return False
    return a[0] < b[1] and b[0] < a[1]


def same(a: SpanT | None, b: SpanT | None) -> bool:
    return a is not None and b is not None and a == b


def max_matching(n_gold: int, n_pred: int, compatible: Callable[[int, int], bool]) -> int:
    """Size of a maximum one-to-one matching (Kuhn's augmenting paths; articles are small)."""
    edges = [[p for p in range(n_pred) if compatible(g, p)] for g in range(n_gold)]
    owner: list[int | None] = [None] * n_pred

    def augment(g: int, seen: list[bool]) -> bool:
        for p in edges[g]:
            if seen[p]:
                continue
            seen[p] = True
            current = owner[p]
            if current is None or augment(current, seen):
                owner[p] = g
                return True
        return False

    return sum(1 for g in range(n_gold) if edges[g] and augment(g, [False] * n_pred))


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    matched: int = 0

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.matched += other.matched

    @property
    def precision(self) -> float:
        return self.matched / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _field_counts(
    gold: Sequence[Record],
    pred: Sequence[Record],
    name: str,
    match: Callable[[SpanT | None, SpanT | None], bool],
) -> Counts:
    gold_spans = [getattr(g, name) for g in gold if getattr(g, name) is not None]
    pred_spans = [getattr(p, name) for p in pred if getattr(p, name) is not None]
    matched = max_matching(
        len(gold_spans), len(pred_spans), lambda g, p: match(gold_spans[g], pred_spans[p])
    )
    return Counts(len(gold_spans), len(pred_spans), matched)


def _pair_counts(
    gold: Sequence[Record],
    pred: Sequence[Record],
    match: Callable[[SpanT | None, SpanT | None], bool],
) -> Counts:
    def compatible(g: int, p: int) -> bool:
        gold_rec, pred_rec = gold[g], pred[p]
        if not match(gold_rec.content, pred_rec.content):
            return False
        # A gold attribution without a source is matched on its content alone.
        return gold_rec.source is None or match(gold_rec.source, pred_rec.source)

    return Counts(len(gold), len(pred), max_matching(len(gold), len(pred), compatible))


def score_article(gold: Sequence[Record], pred: Sequence[Record]) -> dict[tuple[str, str], Counts]:
    """Counts for every (field, mode) of one article."""
    out: dict[tuple[str, str], Counts] = {}
    for mode, match in (("exact", same), ("overlap", overlaps)):
        for name in ("source", "cue", "content"):
            out[name, mode] = _field_counts(gold, pred, name, match)
        out["pair", mode] = _pair_counts(gold, pred, match)
    return out


@dataclass
class Scores:
    """Micro-averaged counts over a corpus, keyed by (field, mode)."""

    counts: dict[tuple[str, str], Counts] = field(
        default_factory=lambda: {(f, m): Counts() for f in FIELDS for m in MODES}
    )

    def add_article(self, gold: Sequence[Record], pred: Sequence[Record]) -> None:
        for key, counts in score_article(gold, pred).items():
            self.counts[key].add(counts)

    def prf(self, name: str, mode: str) -> tuple[float, float, float]:
        c = self.counts[name, mode]
        return c.precision, c.recall, c.f1


def score_corpus(pairs: Iterable[tuple[Sequence[Record], Sequence[Record]]]) -> Scores:
    scores = Scores()
    for gold, pred in pairs:
        scores.add_article(gold, pred)
    return scores


def format_table(rows: Mapping[str, Scores]) -> str:
    """One line per system and field, P/R/F1 for exact and overlap matching."""
    width = max([len("system"), *map(len, rows)]) + 2
    header = f"{'system':<{width}}{'field':<9}" + "".join(
        f"{m + ' ' + x:>11}" for m in MODES for x in ("P", "R", "F1")
    )
    lines = [header, "-" * len(header)]
    for system, scores in rows.items():
        for name in FIELDS:
            cells = []
            for mode in MODES:
                cells.extend(f"{v:>11.{DIGITS}f}" for v in scores.prf(name, mode))
            lines.append(f"{system:<{width}}{name:<9}" + "".join(cells))
    return "\n".join(lines)

"""Recall and precision per language over the hand-written attribution tables.

The tables are tests/attribution_tables.py: one row per sentence holding one attribution
(source name, named flag, cue), plus negative sentences that hold none. Recall is the share
of rows whose attribution the engine returns; precision is the share of everything the engine
returns (on rows and negatives) that is a row's attribution. Part of `make eval-attribution`;
runs in-process, no server, no shared data.

    python eval/attribution_languages.py [--engines cue-rules,...] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tidings.models.registry import load_class  # noqa: E402

from tests.attribution_tables import NEGATIVES, TABLES, row_matches  # noqa: E402

# Engines by the name a response carries; each is scored on the languages it serves.
ENGINES = {
    "cue-rules": "tidings.models.attribution.rules:CueRuleExtractor",
    "spacy-fr": "tidings.models.attribution.french:FrenchSpacyExtractor",
}


@dataclass
class LanguageScore:
    engine: str
    language: str
    rows: int
    negatives: int
    returned: int
    correct: int
    recall: float
    precision: float
    f1: float
    ms_per_sentence: float
    serves: bool  # whether the server routes this language to this engine


def score(engine: Any, name: str, language: str) -> tuple[LanguageScore, list[str]]:
    rows, negatives = TABLES[language], NEGATIVES[language]
    returned = correct = 0
    misses: list[str] = []
    start = time.perf_counter()
    for row in rows:
        found = engine.extract(row[0], language)
        returned += len(found)
        hit = sum(1 for a in found if row_matches(a, row))
        correct += min(hit, 1)
        if not hit:
            got = [(a.source_name, a.source_named, a.cue) for a in found]
            misses.append(f"{name} {language} miss {row[0]!r}: want {row[1:]}, got {got}")
    for text in negatives:
        found = engine.extract(text, language)
        returned += len(found)
        if found:
            misses.append(f"{name} {language} false {text!r}: got {[a.source for a in found]}")
    elapsed = (time.perf_counter() - start) * 1000 / (len(rows) + len(negatives))
    recall = correct / len(rows)
    precision = correct / returned if returned else 1.0
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    result = LanguageScore(
        name,
        language,
        len(rows),
        len(negatives),
        returned,
        correct,
        recall,
        precision,
        f1,
        elapsed,
        serves(name, language),
    )
    return result, misses


def serves(engine: str, language: str) -> bool:
    from tidings.models.registry import PIPELINE_ATTRIBUTION

    pipeline = PIPELINE_ATTRIBUTION.get(language)
    if pipeline is None:
        return engine == "cue-rules"
    return engine == load_class(pipeline[0]).name


def format_scores(scores: list[LanguageScore]) -> str:
    head = (
        f"{'engine':<28} {'lang':<5} {'rows':>4} {'neg':>3} {'found':>5} {'right':>5} "
        f"{'recall':>7} {'prec':>7} {'F1':>7} {'ms/sent':>8} serves"
    )
    lines = ["per-language attribution tables (tests/attribution_tables.py)", head]
    for s in scores:
        lines.append(
            f"{s.engine:<28} {s.language:<5} {s.rows:>4} {s.negatives:>3} {s.returned:>5} "
            f"{s.correct:>5} {s.recall:>7.3f} {s.precision:>7.3f} {s.f1:>7.3f} "
            f"{s.ms_per_sentence:>8.1f} {'yes' if s.serves else 'no'}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated names")
    parser.add_argument("--json", type=Path, help="also write the scores here")
    parser.add_argument("--misses", action="store_true", help="print each miss")
    args = parser.parse_args(argv)
    scores: list[LanguageScore] = []
    for name in args.engines.split(","):
        if name not in ENGINES:
            parser.error(f"unknown engine {name!r}; one of: {', '.join(ENGINES)}")
        engine = load_class(ENGINES[name])()
        for language in sorted(set(TABLES) & engine.languages()):
            result, misses = score(engine, engine.name, language)
            scores.append(result)
            if args.misses and misses:
                print("\n".join(misses))
    print(format_scores(scores))
    if args.json:
        args.json.write_text(json.dumps([asdict(s) for s in scores], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Source-language words left in translated summaries: part of `make eval-translation`.

English CNN/DailyMail dev articles (../shared/eval/dev/cnndm_dev30.jsonl, never copied into the
repository) are summarized by the real offline pipeline into es, fr, it, pt, ca and gl. A word
of a translated summary counts as left over when

- none of the target language's Apertium analysers (one per installed pair out of it: each
  pair has its own dictionary of the language) has a reading for it (it is not a word of the
  target language that Apertium knows), alone or, read in its summary, inside a unit of
  several words the analyser knows (Italian's adverb "on line"), and
- (second table) nor does the target's Hunspell dictionary (spelling.py: loanwords such as
  "bikini" in Italian, and Portuguese words Apertium's Portuguese lacks), and
- an English analyser (or, for targets reached through the Spanish pivot, a Spanish one)
  knows it as an ordinary word, not only as a proper noun (so "reporters", "flock",
  "reporteros" count; "Kilmarnock" does not), or English Hunspell (hunspell-en-us) knows it
  in lower case (English words Apertium's English lacks: "damningly", "grader");
- words inside the names found in the English summary or its article (names.py: kept
  verbatim on purpose, "Fox News"; "the Rhinos" of an article about "Leeds Rhinos") are not
  counted, and are reported apart;
- letters stuck to a number are no word ("20e" is French for "20th").

This is an approximation: a target-language word missing from Apertium's dictionary that is
also an English word counts as a leak, and an English word that happens to be in the target
dictionary (a loanword) does not.

    python eval/translation_leakage.py [--limit 30] [--targets es,fr] [--other-routes 0]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tidings.models.translators.apertium import ApertiumTranslator

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev" / "cnndm_dev30.jsonl"
TARGETS = ["es", "fr", "it", "pt", "ca", "gl"]
# A word, not letters stuck to a number ("20e", the French "20th").
_WORD = re.compile(r"(?<!\w)[^\W\d_]+(?:['’-][^\W\d_]+)*")


def summaries(
    limit: int, targets: Sequence[str], max_sentences: int = 3, other_routes: int | None = None
) -> list[dict]:
    """Per article: the English summary and its translation into each target."""
    from tidings.service.config import Settings
    from tidings.service.pipeline import SummaryRequest
    from tidings.service.runtime import Runtime

    records = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    settings = Settings(profile="offline", workers=1)
    if other_routes is not None:
        settings = replace(settings, apertium_other_routes=other_routes)
    runtime = Runtime(settings, health=None)
    pipeline = runtime.load()
    out: list[dict] = []
    try:
        for record in records[:limit]:
            wanted = ("en", *targets)
            request = SummaryRequest(
                record["article"], language="en", targets=wanted, max_sentences=max_sentences
            )
            result = pipeline.summarize(request)
            out.append(
                {"article": record["article"]} | {s.language: s.text for s in result.summaries}
            )
    finally:
        runtime.close()
    return out


def _analyser_modes() -> dict[str, list[str]]:
    """Per language, a mode out of it for each pair it has: each pair has its own dictionary
    of the language (Italian's in ita-cat knows "felino", the one in ita-spa does not)."""
    from tidings.models.translators.apertium import installed_modes

    modes: dict[str, list[str]] = {}
    for (source, _), mode in sorted(installed_modes().items()):
        modes.setdefault(source, []).append(mode)
    return modes


def leakage(
    rows: Sequence[dict], targets: Sequence[str], spelling: bool = False
) -> dict[str, dict]:
    """Per target: summaries, summaries with leftovers, leftover words, words kept in names.
    With ``spelling``, a word the target's Hunspell dictionary has is the target's too."""
    from tidings.models.translators.apertium import ApertiumTranslator
    from tidings.models.translators.apertium_words import readings
    from tidings.models.translators.names import find_names
    from tidings.models.translators.spelling import Spelling

    modes = _analyser_modes()
    english = Spelling()
    dictionaries = english if spelling else None
    report: dict[str, dict] = {}
    with ApertiumTranslator() as engine:
        known_cache: dict[tuple[str, str], bool] = {}

        def lookup(language: str, words: set[str]) -> None:
            todo = sorted(w for w in words if (language, w) not in known_cache)
            if not todo:
                return
            known = dict.fromkeys(todo, False)
            ordinary = dict.fromkeys(todo, False)
            for mode in modes[language]:
                analyser = engine.analyser(mode)
                for word, analysis in zip(todo, analyser.analyse(todo), strict=True):
                    found = readings(analysis)
                    known[word] = known[word] or bool(found)
                    # Acronyms are no words of a language ("EE. UU." is Spanish for "US").
                    ordinary[word] = ordinary[word] or any(
                        "<np>" not in t and "<acr>" not in t for _, t in found
                    )
            for word in todo:
                known_cache[(language, word)] = known[word]
                known_cache[("ordinary:" + language, word)] = ordinary[word]

        for target in targets:
            if target not in modes:
                continue
            pivot = engine.describe_pair("en", target)[1]
            sources = ["en"] + ([pivot] if pivot else [])
            texts = [row[target] for row in rows if target in row]
            words = {w for t in texts for w in _WORD.findall(t)}
            lookup(target, words)
            unknown = {w for w in words if not known_cache[(target, w)]}
            if dictionaries is not None:
                stems = dictionaries.stems(target, sorted(unknown))
                unknown -= {w for w, found in stems.items() if found}
            for language in sources:
                lookup(language, unknown)
            lower = english.stems("en", sorted({w.lower() for w in unknown}))
            spelled = {w for w in unknown if lower.get(w.lower())}
            leaked_rows, leaked, in_names = 0, Counter(), Counter()
            for row in rows:
                if target not in row:
                    continue
                in_units = _multiword_words(engine, modes[target], row[target])
                names = find_names(row["en"], "en") + find_names(row.get("article", ""), "en")
                name_words = {w for n in names for w in _WORD.findall(n.text)}
                name_words |= _group_words(row["en"])
                left = []
                for w in _WORD.findall(row[target]):
                    if (
                        w not in unknown
                        or w in in_units
                        or not (
                            w in spelled
                            or any(known_cache.get(("ordinary:" + s, w)) for s in sources)
                        )
                    ):
                        continue
                    (in_names if w in name_words else leaked)[w] += 1
                    if w not in name_words:
                        left.append(w)
                leaked_rows += bool(left)
            route = "->".join(["en", *([pivot] if pivot else []), target])
            report[target] = {
                "summaries": len(texts), "with_leftovers": leaked_rows,
                "words": leaked, "in_names": in_names, "route": route,
            }  # fmt: skip
    return report


def _multiword_words(engine: ApertiumTranslator, modes: Sequence[str], text: str) -> frozenset[str]:
    """The words of ``text`` that a target analyser reads, in context, as part of a lexical
    unit of several words it knows (Italian "on line", an adverb): alone, "on" and "line"
    are no Italian words, and the word-by-word lookup counted them."""
    from tidings.models.translators.apertium_words import lexical_units

    found: set[str] = set()
    for mode in modes:
        (analysis,) = engine.analyser(mode).analyse([text])
        for surface, read in lexical_units(analysis):
            if read and not read[0].startswith("*") and " " in surface:
                found.update(_WORD.findall(surface))
    return frozenset(found)


@lru_cache(maxsize=256)
def _group_words(text: str) -> frozenset[str]:
    """The words of the groups spaCy names in ``text`` (NORP: "Tories", "British"). The
    translator translates them where a dictionary has them ("británico") and keeps the rest
    as the names they are, so one left as it was is a name kept, not a leftover."""
    from tidings.models.translators.names import pipeline

    nlp = pipeline("en")
    if nlp is None:
        return frozenset()
    return frozenset(w for e in nlp(text).ents if e.label_ == "NORP" for w in _WORD.findall(e.text))


def print_report(report: dict[str, dict], label: str = "", spelling: bool = False) -> None:
    print(f"\n## source-language words left in summaries{label} (CNN/DM dev)")
    print("method: a word of the translated summary that none of the target's Apertium")
    if spelling:
        print("analysers knows, nor its Hunspell dictionary (Italian 'bikini' is Italian),")
    else:
        print("analysers knows,")
    print("and an English (or pivot Spanish) analyser knows as an ordinary word, or English")
    print("Hunspell in lower case; words")
    print("inside names kept on purpose (names.py on the English summary and its article;")
    print("groups spaCy tags NORP in the summary, such as 'Tories') are counted apart.")
    print(f"{'target':7} {'route':14} {'summaries':>9} {'leaky':>6} {'rate':>6} {'words':>6}"
          f" {'in names':>8}  most frequent")  # fmt: skip
    for target, r in report.items():
        rate = r["with_leftovers"] / max(1, r["summaries"])
        common = ", ".join(f"{w}×{n}" for w, n in r["words"].most_common(6))
        words, kept = sum(r["words"].values()), sum(r["in_names"].values())
        print(f"{target:7} {r['route']:14} {r['summaries']:9} {r['with_leftovers']:6} {rate:6.2f}"
              f" {words:6} {kept:8}  {common}")  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=30, help="articles (30 in the file)")
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--rows", help="read summaries from this JSON file instead of summarizing")
    parser.add_argument("--dump", help="write the summaries to this JSON file")
    parser.add_argument(
        "--other-routes",
        type=int,
        default=None,
        help="apertium_other_routes for the summaries (default: the setting's)",
    )
    args = parser.parse_args(argv)
    targets = args.targets.split(",")
    if args.rows:
        rows = json.loads(Path(args.rows).read_text(encoding="utf-8"))
    else:
        if not DEV.is_file():
            print(f"CNN/DM dev data not found at {DEV}", file=sys.stderr)
            return 2
        rows = summaries(args.limit, targets, other_routes=args.other_routes)
    if args.dump:
        Path(args.dump).write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    # Apertium's dictionaries alone, then with the target's spelling dictionary: the
    # translator keeps a word the target writes the same (spelling.py), which the first
    # measure counts.
    print_report(leakage(rows, targets), f", {len(rows)} articles, Apertium's dictionaries")
    label = f", {len(rows)} articles, Apertium's dictionaries and Hunspell's"
    print_report(leakage(rows, targets, spelling=True), label, spelling=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

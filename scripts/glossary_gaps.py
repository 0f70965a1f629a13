"""Which English words Apertium leaves untranslated most often: the candidates for
models/translators/glossary.tsv.

Translates every sentence of the CNN/DailyMail tune articles (../shared/eval/dev/
cnndm_tune100.jsonl, less any article that shares a sentence with a dev article: CNN/DM has
near-copies under other ids) and of the first PolNeAR training articles
(../shared/eval/train/attr/polnear_train.jsonl) into the target, and prints the words in
lower case left over, most frequent first, with whether the glossary has them. Nothing is
written into the repository; the dev files are read only to leave their near-copies out.

With ``--wordfreq N``, no corpus: the N most frequent English words of the wordfreq package
(written in lower-case letters, three or more, and known to English Hunspell in lower case,
so not only as a name) are translated one by one, and those left over are printed with their
Zipf frequency (3.0: once per million words), most frequent first.

    python scripts/glossary_gaps.py [--target es] [--polnear 0:250] [--no-tune] [--min-count 2]
    python scripts/glossary_gaps.py --wordfreq 60000 [--min-zipf 3.0] [--max-zipf 99]

The glossary was chosen from the defaults, then from `--polnear 250:600 --no-tune`, then from
`--wordfreq 60000`, then from `--wordfreq 60000 --target ca`, then (round six) from
`--wordfreq 120000 --min-zipf 2.0 --max-zipf 2.5`, less the words the glossary had.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
TUNE = SHARED / "dev" / "cnndm_tune100.jsonl"
DEV = SHARED / "dev" / "cnndm_dev30.jsonl"
POLNEAR = SHARED / "train" / "attr" / "polnear_train.jsonl"


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def sentences(polnear: slice, tune: bool = True) -> list[str]:
    import pysbd

    segment = pysbd.Segmenter(language="en", clean=False).segment
    dev = {s.strip() for r in _read(DEV) for s in segment(r["article"]) if len(s.strip()) > 40}
    texts = []
    for record in _read(TUNE) if tune else []:
        split = [s.strip() for s in segment(record["article"]) if s.strip()]
        if not dev.intersection(split):
            texts += split
    for record in _read(POLNEAR)[polnear]:
        for paragraph in record["text"].split("\n"):
            texts += [s.strip() for s in segment(paragraph) if s.strip()]
    return texts


def frequent_words(n: int, min_zipf: float = 0.0) -> list[str]:
    """wordfreq's ``n`` most frequent English words of at least ``min_zipf`` that English
    Hunspell has in lower case."""
    import re

    from tidings.models.translators.spelling import Spelling
    from wordfreq import top_n_list, zipf_frequency

    words = [w for w in top_n_list("en", n)
             if re.fullmatch(r"[a-z]{3,}", w) and zipf_frequency(w, "en") >= min_zipf]  # fmt: skip
    spelling = Spelling()
    stems: dict[str, set[str]] = {}
    for k in range(0, len(words), 5000):
        stems.update(spelling.stems("en", words[k : k + 5000]))
    return [w for w in words if stems.get(w)]


def left_over(texts: list[str], target: str, batch: int) -> list[tuple[str, ...]]:
    """Each text's English words that Apertium leaves over in ``target``."""
    from tidings.models.translators.apertium import ApertiumTranslator

    found: list[tuple[str, ...]] = []
    with ApertiumTranslator() as engine:
        for k in range(0, len(texts), batch):
            found += [o.untranslated for o in engine.translate(texts[k : k + batch], "en", target)]
    return found


@lru_cache(maxsize=1)
def _glossed() -> frozenset[str]:
    from tidings.models.translators.glossary import glossary

    return frozenset(word for word, _, _ in glossary().entries())


def _mark(word: str) -> str:
    return "  (glossary)" if word in _glossed() else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", default="es")
    parser.add_argument("--polnear", default="0:250", help="PolNeAR training articles, from:to")
    parser.add_argument("--no-tune", action="store_true", help="leave the CNN/DM tune articles out")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--wordfreq", type=int, default=0, help="translate wordfreq's top N")
    parser.add_argument("--min-zipf", type=float, default=3.0, help="with --wordfreq")
    parser.add_argument("--max-zipf", type=float, default=99.0, help="with --wordfreq: below it")
    args = parser.parse_args(argv)
    if args.wordfreq:
        return _word_list(args.wordfreq, args.min_zipf, args.target, args.max_zipf)
    if not TUNE.is_file() or not POLNEAR.is_file():
        print(f"data not found under {SHARED}", file=sys.stderr)
        return 2
    start, end = (int(x) for x in args.polnear.split(":"))
    texts = sentences(slice(start, end), tune=not args.no_tune)
    left = Counter(w for ws in left_over(texts, args.target, 64) for w in ws if w.islower())
    print(f"{len(texts)} sentences, {len(left)} words left over {sum(left.values())} times")
    for word, count in left.most_common():
        if count < args.min_count:
            break
        print(f"{count:5} {word}{_mark(word)}")
    return 0


def _word_list(n: int, min_zipf: float, target: str, max_zipf: float = 99.0) -> int:
    from wordfreq import zipf_frequency

    words = [w for w in frequent_words(n, min_zipf) if zipf_frequency(w, "en") < max_zipf]
    left = [w for w, ws in zip(words, left_over(words, target, 400), strict=True) if ws]
    print(f"{len(words)} words, {len(left)} left over")
    for word in left:
        print(f"{zipf_frequency(word, 'en'):5.2f} {word}{_mark(word)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

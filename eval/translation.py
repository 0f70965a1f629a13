"""Translation quality and speed on FLORES dev (first 100 sentences): `make eval-translation`.

Prints BLEU and chrF (sacrebleu) per pair, then, for Apertium, how the persistent pipeline
compares with what a naive integration would do: a fresh `apertium` process per call, and
last the rate of CNN/DM dev summaries with English (or pivot Spanish) words left in them, per
target language (eval/translation_leakage.py says how they are found). The FLORES and CNN/DM
files are read from ../shared/eval/dev and never copied into the repository.

    python eval/translation.py [--engine apertium] [--pairs en-es,es-en] [--limit 100]
                               [--leak-limit 30]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import sacrebleu
from tidings.models.base import Translator

ROOT = Path(__file__).resolve().parent.parent
FLORES = ROOT.parent / "shared" / "eval" / "dev" / "flores"
FLORES_CODES = {
    "en": "eng_Latn", "es": "spa_Latn", "ca": "cat_Latn", "gl": "glg_Latn", "fr": "fra_Latn",
    "it": "ita_Latn", "pt": "por_Latn", "ro": "ron_Latn",
}  # fmt: skip
OUT_OF_EN = ["es", "ca", "gl", "fr", "it", "pt", "ro"]
DEFAULT_PAIRS = [("en", t) for t in OUT_OF_EN] + [(s, "en") for s in OUT_OF_EN]


def _apertium() -> Translator:
    from tidings.models.translators.apertium import ApertiumTranslator

    return ApertiumTranslator()


def _from_registry(name: str) -> Callable[[], Translator]:
    # Other engines are built the way the server builds them, so the numbers match production.
    def build() -> Translator:
        from tidings.models.registry import TRANSLATORS, load_class  # type: ignore[attr-defined]

        return load_class(TRANSLATORS[name])()

    return build


ENGINES: dict[str, Callable[[], Translator]] = {
    "apertium": _apertium,
    "opus-mt": _from_registry("opus-mt"),
}


def flores(lang: str, limit: int) -> list[str]:
    path = FLORES / f"{FLORES_CODES[lang]}.dev100"
    return path.read_text(encoding="utf-8").splitlines()[:limit]


def quality(engine: Translator, pairs: Sequence[tuple[str, str]], limit: int) -> None:
    print(f"\n## {engine.name}: FLORES dev, first {limit} sentences")
    print(f"{'pair':8} {'route':28} {'BLEU':>6} {'chrF':>6} {'cold s/s':>8}")
    offered = engine.pairs()
    for source, target in pairs:
        if (source, target) not in offered:
            print(f"{source}-{target:5} {'(not installed)':28} {'-':>6} {'-':>6} {'-':>8}")
            continue
        sources, refs = flores(source, limit), flores(target, limit)
        # Timed cold on purpose: includes starting the pair's processes, as a first request would.
        start = time.perf_counter()
        out = engine.translate(sources, source, target)
        elapsed = time.perf_counter() - start
        hyps = [t.text for t in out]
        bleu = sacrebleu.corpus_bleu(hyps, [refs]).score
        chrf = sacrebleu.corpus_chrf(hyps, [refs]).score
        route = out[0].engine.removeprefix(f"{engine.name}:") if out else ""
        print(f"{source}-{target:5} {route:28} {bleu:6.1f} {chrf:6.1f} {len(hyps) / elapsed:8.1f}")


def _fresh_apertium(modes: Sequence[str], text: str) -> str:
    """What a naive integration does: the `apertium` script, once per call (and per leg)."""
    env = dict(os.environ, APERTIUM_TRANSFUSE="no")
    for mode in modes:
        text = subprocess.run(
            ["apertium", "-u", "-f", "html", mode], input=text, capture_output=True, text=True,
            env=env, check=True, timeout=60,
        ).stdout  # fmt: skip
    return text


def _ms(samples: Sequence[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"{1000 * statistics.median(ordered):7.1f} {1000 * p95:7.1f}"


def speed(pairs: Sequence[tuple[str, str]], limit: int, fresh_calls: int) -> None:
    from tidings.models.translators.apertium import ApertiumTranslator
    from tidings.models.translators.apertium_format import deformat

    print(f"\n## apertium speed ({limit} sentences; fresh process on the first {fresh_calls})")
    print(
        f"{'pair':8} {'batch s/s':>9} {'1-req s/s':>9} {'call p50':>8} {'p95 ms':>7}"
        f" {'fresh p50':>9} {'p95 ms':>7} {'speedup':>7}"
    )
    with ApertiumTranslator() as engine:
        for source, target in pairs:
            if (source, target) not in engine.pairs():
                continue
            sources = flores(source, limit)
            modes = engine.route(source, target)
            engine.translate(sources[:1], source, target)  # start the processes: not timed
            start = time.perf_counter()
            engine.translate(sources, source, target)
            batch = len(sources) / (time.perf_counter() - start)
            # The alternative batching: every text in one request, one NUL for the lot.
            pieces = deformat(sources, engine.timeout_s)
            start = time.perf_counter()
            joined = ["".join(pieces)]
            for mode in modes:
                joined = engine.pool(mode).run(joined)
            one_request = len(sources) / (time.perf_counter() - start)
            warm: list[float] = []
            for text in sources:
                start = time.perf_counter()
                engine.translate([text], source, target)
                warm.append(time.perf_counter() - start)
            fresh: list[float] = []
            for text in sources[:fresh_calls]:
                start = time.perf_counter()
                _fresh_apertium(modes, text)
                fresh.append(time.perf_counter() - start)
            gain = statistics.median(fresh) / statistics.median(warm)
            print(
                f"{source}-{target:5} {batch:9.1f} {one_request:9.1f} {_ms(warm)}"
                f" {_ms(fresh)}  {gain:6.0f}x"
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="apertium", choices=sorted(ENGINES))
    parser.add_argument("--pairs", help="comma-separated, e.g. en-es,es-en (default: all)")
    parser.add_argument("--limit", type=int, default=100, help="sentences per pair")
    parser.add_argument("--fresh-calls", type=int, default=10,
                        help="calls timed with a fresh apertium process (slow)")  # fmt: skip
    parser.add_argument("--no-speed", action="store_true", help="skip the speed comparison")
    parser.add_argument("--leak-limit", type=int, default=30,
                        help="CNN/DM dev articles summarized for the leftover-words rate "
                             "(0 skips it; 30 is the whole file)")  # fmt: skip
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if not FLORES.is_dir():
        print(f"FLORES dev data not found at {FLORES}", file=sys.stderr)
        return 2
    pairs = [tuple(p.split("-", 1)) for p in args.pairs.split(",")] if args.pairs else DEFAULT_PAIRS
    engine = ENGINES[args.engine]()
    try:
        quality(engine, pairs, args.limit)  # type: ignore[arg-type]
    finally:
        close = getattr(engine, "close", None)
        if close:
            close()
    if args.engine == "apertium" and not args.no_speed:
        speed(pairs, args.limit, args.fresh_calls)  # type: ignore[arg-type]
    if args.engine == "apertium" and args.leak_limit > 0:
        import translation_leakage

        return translation_leakage.main(["--limit", str(args.leak_limit)])
    return 0


if __name__ == "__main__":
    sys.exit(main())

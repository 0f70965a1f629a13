"""`tidings batch IN.jsonl OUT.jsonl`: summarize many articles on Ray Data (service/ray/batch.py).

Needs the extra tidings[ray]; ray and the server's modules are imported only when the command
runs, so the client-only install (`pip install tidings`) never needs them.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys

RAY_EXTRAS = "tidings batch runs on Ray: pip install 'tidings[ray]'"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch",
        help="summarize a JSONL of articles on Ray Data (needs tidings[ray])",
        description="Summarize IN (one JSON article a line: id, text, and optionally title, "
        "publisher, url, language) into OUT, one {id, response | error} line per article as "
        "each finishes. Run it again after a stop: ids already in OUT are skipped.",
    )
    p.add_argument("input", metavar="IN.jsonl")
    p.add_argument("output", metavar="OUT.jsonl")
    p.add_argument("--lang", help="summary languages, comma-separated (default: the article's)")
    p.add_argument("--max-sentences", type=int, default=0, metavar="N", help="1 to 4 (default 3)")
    p.add_argument(
        "--address",
        default=os.environ.get("TIDINGS_RAY_ADDRESS", ""),
        help="Ray cluster to run on, e.g. auto or ray://head:10001 (env TIDINGS_RAY_ADDRESS; "
        "default: start a local one for this job)",
    )
    p.add_argument(
        "--concurrency",
        type=int,
        default=1,
        metavar="N",
        help="actors, each with its own pipeline (default 1)",
    )
    p.add_argument("--num-cpus", type=float, default=1.0, help="CPUs per actor (default 1)")
    p.add_argument("--profile", help="engines: auto, neural or offline (env TIDINGS_PROFILE)")
    p.add_argument("--config", help="server settings file, TOML (env TIDINGS_CONFIG)")


def cmd_batch(args: argparse.Namespace) -> int:
    if importlib.util.find_spec("ray") is None:
        print(f"tidings: {RAY_EXTRAS}", file=sys.stderr)
        return 2
    if not os.path.isfile(args.input):
        print(f"tidings: no such file: {args.input}", file=sys.stderr)
        return 2
    if args.concurrency < 1 or args.num_cpus <= 0:
        print("tidings: --concurrency must be >= 1 and --num-cpus > 0", file=sys.stderr)
        return 2
    try:
        batch = importlib.import_module("tidings.service.ray.batch")
        config = importlib.import_module("tidings.service.config")
    except ImportError as err:
        print(f"tidings: {RAY_EXTRAS}\ntidings: (could not import {err.name})", file=sys.stderr)
        return 2
    argv = [f"--{name}={value}" for name in ("profile", "config") if (value := getattr(args, name))]
    try:
        settings = config.load_settings(argv)
    except (ValueError, OSError) as exc:
        print(f"tidings: {exc}", file=sys.stderr)
        return 2
    targets = [lang.strip() for lang in (args.lang or "").split(",") if lang.strip()]
    return batch.run(
        args.input,
        args.output,
        settings,
        targets=targets,
        max_sentences=args.max_sentences,
        concurrency=args.concurrency,
        num_cpus=args.num_cpus,
        address=args.address,
        quiet=args.quiet,
    )

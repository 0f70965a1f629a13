"""`make bench`: throughput, latency and memory of Tidings, beside a naive in-process baseline.

One run prints one table and writes it as JSON under bench/results/:

- baseline: the same pipeline loaded in this process (offline profile, one worker, all torch
  threads), one article at a time;
- the server (started here with the offline profile unless --target is given) at concurrency
  1, 2, 4, 8 and 16 for Summarize (source language only, and en+es+fr), SummarizeStream,
  Translate (one article's first 8 sentences per call, en->es) and ExtractAttributions:
  throughput, p50, p95, the throughput ratio to the baseline (x base), p50 over the baseline's
  time per call (p50/base) and the resident memory of the whole server process tree (the
  server, its model loader and workers and their Apertium pipelines; RSS summed, which counts
  every shared page once per process, and PSS, which counts it once), and `cores`, the CPU
  the server tree used per second of the figure (the machine's other load shows there).

Articles: ../shared/eval/dev/cnndm_dev30.jsonl (the seeds when it is absent). Goals live here,
not in tests: a slow machine must not fail CI. `--target host:port` measures a server started
elsewhere (e.g. an older build; `--pid` then names it for the memory figures).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tidings.client import Client  # noqa: E402
from tidings.service import process  # noqa: E402
from tidings.service.process import ServerProcess  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev" / "cnndm_dev30.jsonl"
CONCURRENCY = (1, 2, 4, 8, 16)
TRANSLATE_SENTENCES = 8
OPS = (
    "Summarize en",
    "Summarize en+es",
    "Summarize en+es+fr",
    "SummarizeStream en",
    "Translate",
    "Attributions",
)
# Issue 13, on Summarize en+es: (figure, row concurrency, key, target, least that counts).
GOALS = (
    ("throughput at concurrency 8 / baseline", 8, "x_base", 3.0, 2.0),
    ("p50 at concurrency 1 / baseline time per call", 1, "p50_over_base", 0.5, 0.7),
)
PSS_TARGET_MIB = 1536


def verdict(rows: list[dict]) -> list[str]:
    """The issue's targets against this run's Summarize en+es rows and the tree's PSS."""
    lines = []
    by = {(r["op"], r["concurrency"]): r for r in rows}
    for label, concurrency, key, target, least in GOALS:
        row = by.get(("Summarize en+es", concurrency))
        if row is None or key not in row:
            continue
        value = row[key]
        better = (lambda a, b: a >= b) if key == "x_base" else (lambda a, b: a <= b)
        met = "target met" if better(value, target) else "target NOT met"
        floor = "least met" if better(value, least) else "least NOT met"
        lines.append(f"{label}: {value} (target {target}, least {least}): {met}, {floor}")
    pss = max((r.get("tree_pss_mib", 0) for r in rows), default=0)
    if pss:
        met = "met" if pss <= PSS_TARGET_MIB else "NOT met"
        lines.append(f"largest tree PSS {pss} MiB (target {PSS_TARGET_MIB}): {met}")
    return lines


def load_articles() -> tuple[list[str], str]:
    if DEV.exists():
        with DEV.open(encoding="utf-8") as fh:
            return [json.loads(line)["article"] for line in fh if line.strip()], str(DEV)
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in seeds], "seeds/"


def first_sentences(text: str, n: int = TRANSLATE_SENTENCES) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+", text.strip())
    return [p for p in parts if p][:n]


# -- memory -----------------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _kib(path: str, key: str) -> int:
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    tree, todo, pids = _children(), [pid], []
    while todo:
        p = todo.pop()
        pids.append(p)
        todo.extend(tree.get(p, []))
    return pids


def tree_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) the live processes of the tree have used."""
    ticks = 0
    for p in _tree(pid):
        try:
            with open(f"/proc/{p}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


def tree_memory(pid: int) -> dict[str, float]:
    """RSS and PSS (MiB) of a process and all its descendants."""
    pids = _tree(pid)
    rss = sum(_kib(f"/proc/{p}/status", "VmRSS:") for p in pids)
    pss = sum(_kib(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
    return {"rss_mib": rss / 1024, "pss_mib": pss / 1024, "processes": len(pids)}


# -- measuring --------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(call: Callable[[int], None], calls: int, concurrency: int) -> dict[str, float]:
    """Run call(0..calls-1) from `concurrency` threads; seconds of each call and the wall."""
    times: list[float] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        started = time.perf_counter()
        call(i)
        elapsed = time.perf_counter() - started
        with lock:
            times.append(elapsed)

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, range(calls)))
    wall = time.perf_counter() - started
    return summary(times, calls, wall)


def summary(times: list[float], items: int, wall: float) -> dict[str, float]:
    return {
        "items": items,
        "seconds": round(wall, 3),
        "per_s": round(items / wall, 3),
        "p50_ms": round(percentile(times, 0.5) * 1000, 1),
        "p95_ms": round(percentile(times, 0.95) * 1000, 1),
    }


def stream(client: Client, articles: list[str], calls: int, concurrency: int) -> dict:
    """`concurrency` SummarizeStream calls at once sharing `calls` articles; an item's time is
    from its stream's start to its answer."""
    times: list[float] = []
    lock = threading.Lock()

    def one(part: int) -> None:
        ids = list(range(part, calls, concurrency))
        items = [(str(i), {"article": {"text": articles[i % len(articles)]}}) for i in ids]
        started = time.perf_counter()
        for answer in client.summarize_many(items, timeout=600):
            if answer.HasField("error"):
                raise RuntimeError(answer.error.message)
            with lock:
                times.append(time.perf_counter() - started)

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, range(concurrency)))
    return summary(times, calls, time.perf_counter() - started)


def baseline(articles: list[str], calls: int) -> dict[str, dict]:
    """The pipeline in this process, one call at a time."""
    from tidings.service.config import Settings
    from tidings.service.pipeline import SummaryRequest
    from tidings.service.runtime import load_pipeline

    # Naive: fp32, one step after another (no encoder started ahead), all torch threads.
    settings = Settings(profile="offline", workers=1, encoders_ahead=False)
    pipeline = load_pipeline(
        replace(settings, attribution_runtime="torch", embedder_runtime="torch")
    )
    ops = {
        "Summarize en": lambda i: pipeline.summarize(SummaryRequest(articles[i])),
        "Summarize en+es": lambda i: pipeline.summarize(
            SummaryRequest(articles[i], targets=("en", "es"))
        ),
        "Summarize en+es+fr": lambda i: pipeline.summarize(
            SummaryRequest(articles[i], targets=("en", "es", "fr"))
        ),
        "Translate": lambda i: pipeline.translate(first_sentences(articles[i]), "es", "en"),
        "Attributions": lambda i: pipeline.extract_attributions(articles[i], None),
    }
    out = {}
    try:
        for name, fn in ops.items():
            fn(0)  # warm: Apertium pipelines, first-call allocations
            out[name] = measure(lambda i, fn=fn: fn(i % len(articles)), calls, 1)
    finally:
        pipeline.engines.close()
    out["SummarizeStream en"] = out["Summarize en"]
    return out


def server_ops(client: Client, articles: list[str]) -> dict[str, Callable[[int], object]]:
    n = len(articles)
    return {
        "Summarize en": lambda i: client.summarize(articles[i % n]),
        "Summarize en+es": lambda i: client.summarize(
            articles[i % n], target_languages=["en", "es"]
        ),
        "Summarize en+es+fr": lambda i: client.summarize(
            articles[i % n], target_languages=["en", "es", "fr"]
        ),
        "Translate": lambda i: client.translate(
            first_sentences(articles[i % n]), "es", source_language="en"
        ),
        "Attributions": lambda i: client.extract_attributions(articles[i % n]),
    }


# -- the run ----------------------------------------------------------------------------------


def start_server(port: int, workers: int | None) -> ServerProcess:
    args = ["--profile", "offline"] + (["--workers", str(workers)] if workers else [])
    return process.start_server(*args, port=port, env={"HF_HUB_OFFLINE": "1"})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target", help="an already running server")
    parser.add_argument("--pid", type=int, help="with --target: its process, for memory")
    parser.add_argument("--port", type=int, default=50099)
    parser.add_argument("--workers", type=int, help="server workers (default: its own)")
    parser.add_argument("-n", type=int, default=30, help="calls per figure (default 30)")
    parser.add_argument("--quick", action="store_true", help="10 calls per figure")
    parser.add_argument("--concurrency", default=",".join(map(str, CONCURRENCY)))
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    args = parser.parse_args()
    calls = 10 if args.quick else args.n
    levels = [int(c) for c in args.concurrency.split(",")]
    articles, source = load_articles()
    print(f"{len(articles)} articles from {source}; {calls} calls per figure", flush=True)

    base = {} if args.no_baseline else baseline(articles, calls)
    server = None
    startup: dict[str, float] = {}
    target = args.target or f"localhost:{args.port}"
    if not args.target:
        started = time.perf_counter()
        server = start_server(args.port, args.workers)
    pid = server.pid if server else args.pid
    rows: list[dict] = []
    try:
        if server:
            server.wait_until_serving(600)  # fails at once if the server exits while loading
        with Client(target, timeout=600) as client:
            client.wait_until_serving(timeout=600)
            if server:
                startup["cold_start_s"] = round(time.perf_counter() - started, 2)
            if pid:
                memory = tree_memory(pid)
                startup.update({f"after_load_{k}": round(v, 1) for k, v in memory.items()})
            ops = server_ops(client, articles)
            # Warm every worker's Apertium pipelines and first-call allocations.
            measure(ops["Summarize en+es+fr"], 8, 8)
            measure(ops["Translate"], 8, 8)
            for name in OPS:
                for concurrency in levels:
                    n = max(calls, concurrency)
                    cpu_before = tree_cpu_s(pid) if pid else 0.0
                    if name == "SummarizeStream en":
                        figures = stream(client, articles, n, concurrency)
                    else:
                        figures = measure(ops[name], n, concurrency)
                    row = {"op": name, "concurrency": concurrency, **figures}
                    if pid:
                        # Cores the server tree kept busy: well under the core count at high
                        # concurrency means something else had the machine.
                        used = tree_cpu_s(pid) - cpu_before
                        row["server_cores"] = round(used / figures["seconds"], 2)
                    if name in base:
                        b = base[name]
                        row["x_base"] = round(figures["per_s"] / b["per_s"], 2)
                        row["p50_over_base"] = round(figures["p50_ms"] / (1000 / b["per_s"]), 2)
                    if pid:
                        memory = tree_memory(pid)
                        row["tree_rss_mib"] = round(memory["rss_mib"])
                        row["tree_pss_mib"] = round(memory["pss_mib"])
                        row["processes"] = memory["processes"]
                    rows.append(row)
                    print_row(row, first=len(rows) == 1)
            languages = client.languages()
    finally:
        if server:
            server.stop(60)

    print()
    for name, b in base.items():
        if name != "SummarizeStream en":
            print(
                f"baseline {name:<20} {b['per_s']:6.2f}/s  {1000 / b['per_s']:7.0f} ms per call"
                f"  (p50 {b['p50_ms']:.0f} ms, p95 {b['p95_ms']:.0f} ms)"
            )
    for key, value in startup.items():
        print(f"{key:<28} {value}")
    print(*verdict(rows), sep="\n")
    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "loadavg_at_end": Path("/proc/loadavg").read_text().split()[:3],
        "cpus": os.cpu_count(),
        "articles": source,
        "calls_per_figure": calls,
        "concurrency": levels,
        "engines": [f"{e.role}={e.name}" for e in languages.engines],
        "profile": languages.profile,
        "server": "started here" if server else target,
        "workers": args.workers or "server default",
        "baseline": base,
        "startup": startup,
        "rows": rows,
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"bench-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


def print_row(row: dict, first: bool) -> None:
    if first:
        print(
            f"{'op':<20} {'conc':>4} {'calls':>5} {'per s':>7} {'p50 ms':>8} {'p95 ms':>8} "
            f"{'x base':>6} {'p50/base':>8} {'tree RSS':>8} {'PSS':>6} {'procs':>5} {'cores':>5}"
        )
    print(
        f"{row['op']:<20} {row['concurrency']:>4} {row['items']:>5} {row['per_s']:>7.2f} "
        f"{row['p50_ms']:>8.0f} {row['p95_ms']:>8.0f} {row.get('x_base', float('nan')):>6.2f} "
        f"{row.get('p50_over_base', float('nan')):>8.2f} {row.get('tree_rss_mib', 0):>8} "
        f"{row.get('tree_pss_mib', 0):>6} {row.get('processes', 0):>5} "
        f"{row.get('server_cores', 0):>5.2f}",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())

"""`make bench`: speed and memory of a running Tidings server, printed as figures.

Starts a server (offline profile) unless --target is given, then measures through the client:
cold start to SERVING, Summarize latency (source language only, and with three translations),
SummarizeStream throughput, Translate throughput, and the server's resident memory.
Goals live here, not in tests: a slow machine must not fail CI.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tidings.client import Client  # noqa: E402


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def timed(fn, n: int) -> list[float]:
    out = []
    for _ in range(n):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def row(label: str, ms: list[float]) -> None:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    print(f"{label:<44} median {statistics.median(ms):8.1f} ms   p95 {p95:8.1f} ms   n={len(ms)}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", help="an already running server (skips start-up figures)")
    parser.add_argument("--port", type=int, default=50099)
    parser.add_argument("-n", type=int, default=10, help="repetitions per figure")
    args = parser.parse_args()
    article = (ROOT / "seeds" / "assad_moscow.txt").read_text(encoding="utf-8")
    server = None
    target = args.target or f"localhost:{args.port}"
    if not args.target:
        env = dict(os.environ, TIDINGS_LOG_LEVEL="WARNING")
        started = time.perf_counter()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tidings.service",
                "--port",
                str(args.port),
                "--profile",
                "offline",
            ],
            env=env,
        )
    try:
        with Client(target, timeout=120) as client:
            client.wait_until_serving(timeout=300)
            if server:
                print(f"{'cold start to SERVING':<44} {time.perf_counter() - started:8.1f} s")
                print(f"{'server RSS after load':<44} {rss_mib(server.pid):8.0f} MiB")
            client.summarize(article, target_languages=["es", "fr", "ca"])  # warm pipelines
            row("Summarize seed, en only", timed(lambda: client.summarize(article), args.n))
            row(
                "Summarize seed, en+es+fr+ca",
                timed(
                    lambda: client.summarize(article, target_languages=["en", "es", "fr", "ca"]),
                    args.n,
                ),
            )
            items = [(str(i), {"article": {"text": article}}) for i in range(args.n)]
            started = time.perf_counter()
            done = list(client.summarize_many(items))
            elapsed = time.perf_counter() - started
            print(f"{'SummarizeStream, en only':<44} {len(done) / elapsed:8.2f} articles/s")
            sentences = [s for s in article.split(". ") if s][:20]
            started = time.perf_counter()
            for _ in range(3):
                client.translate(sentences, "es", source_language="en")
            rate = 3 * len(sentences) / (time.perf_counter() - started)
            print(f"{'Translate en->es, batches of 20':<44} {rate:8.1f} sentences/s")
            row(
                "Translate one sentence en->ca",
                timed(lambda: client.translate([sentences[0]], "ca", source_language="en"), args.n),
            )
            if server:
                print(f"{'server RSS after the run':<44} {rss_mib(server.pid):8.0f} MiB")
    finally:
        if server:
            server.terminate()
            server.wait(30)
    return 0


if __name__ == "__main__":
    sys.exit(main())

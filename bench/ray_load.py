"""Summarize throughput of the plain server and of Ray Serve replicas, side by side
(docs/scale-out.md's figures).

    python bench/ray_load.py                       # plain:1,plain:2,ray:1,ray:2
    python bench/ray_load.py --configs ray:2 --concurrency 1,4,8
    python bench/ray_load.py --target HOST:PORT    # a server or Ray proxy started elsewhere

plain:W starts `tidings serve --profile offline --workers W`; ray:R starts
`python -m tidings.service.ray --replicas R --profile offline` (a local Ray cluster). Each is
warmed up, then measured at each concurrency with Summarize (source language only) on the
articles bench/run.py uses. Memory: RSS of the server's process tree (for Ray, the whole local
cluster's) and of each Ray replica (its actor process and its Apertium pipelines). Results go to
bench/results/ray_load-*.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # noqa: E402  (bench/run.py: articles, measuring, memory)
from tidings.client import Client  # noqa: E402
from tidings.service import process  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


@contextlib.contextmanager
def plain(workers: int) -> Iterator[tuple[str, int]]:
    args = ("--profile", "offline", "--workers", str(workers))
    with process.running_server(*args, port=process.free_port(), env={"HF_HUB_OFFLINE": "1"}) as s:
        yield s.target, s.pid


@contextlib.contextmanager
def on_ray(replicas: int) -> Iterator[tuple[str, int]]:
    port = process.free_port()
    command = [sys.executable, "-m", "tidings.service.ray", f"--replicas={replicas}"]
    command += [f"--grpc-port={port}", f"--http-port={process.free_port()}"]
    command += ["--profile", "offline", "--log-level", "WARNING"]
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    try:
        for line in proc.stdout:  # "grpc: HOST:PORT" once every replica has loaded
            if line.startswith("grpc: "):
                break
        else:
            raise RuntimeError(f"ray serve exited with {proc.wait()}")
        yield f"127.0.0.1:{port}", proc.pid
    finally:
        proc.send_signal(signal.SIGTERM)  # removes the app, stops the local cluster
        proc.wait(120)


def replica_memory() -> list[float]:
    """RSS (MiB) of each Serve replica with its children (Apertium pipelines)."""
    sizes = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                if b"ServeReplica" in fh.read():
                    sizes.append(round(bench.tree_memory(int(entry))["rss_mib"]))
        except (OSError, ValueError):
            continue
    return sizes


def measure(target: str, articles: list[str], levels: list[int], calls: int) -> list[dict]:
    rows = []
    with Client(target, timeout=300) as client:
        client.wait_until_serving(300)
        for i in range(2):  # warm-up: first calls pay for lazy loads in each worker
            client.summarize(articles[i % len(articles)])
        for concurrency in levels:
            n = calls if concurrency > 1 else max(4, calls // 4)
            result = bench.measure(
                lambda i: client.summarize(articles[i % len(articles)]), n, concurrency
            )
            rows.append({"concurrency": concurrency, **result})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--configs", default="plain:1,plain:2,ray:1,ray:2")
    parser.add_argument("--target", help="measure this address instead of starting anything")
    parser.add_argument("--concurrency", default="1,4")
    parser.add_argument("--calls", type=int, default=24, help="calls per concurrency level")
    args = parser.parse_args()
    articles, source = bench.load_articles()
    levels = [int(c) for c in args.concurrency.split(",")]
    load = os.getloadavg()[0]
    print(f"articles: {source}; {os.cpu_count()} cores; load average {load:.2f} at the start")
    results = []
    configs = ["target"] if args.target else args.configs.split(",")
    for config in configs:
        kind, _, count = config.partition(":")
        if kind == "target":
            starter = contextlib.nullcontext((args.target, 0))
        else:
            starter = plain(int(count)) if kind == "plain" else on_ray(int(count))
        started = time.perf_counter()
        with starter as (target, pid):
            ready_s = round(time.perf_counter() - started, 1)
            rows = measure(target, articles, levels, args.calls)
            tree = round(bench.tree_memory(pid)["rss_mib"]) if pid else 0
            # plain: the server, its workers and Apertium; ray: the whole local cluster (GCS,
            # raylet, controller, proxy, replicas), and each replica on its own.
            memory = {"tree_rss_mib": tree, "replica_rss_mib": replica_memory()}
        for row in rows:
            row.update(config=config, ready_s=ready_s, **memory)
            results.append(row)
            print(json.dumps(row), flush=True)
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"ray_load-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({"load_average": load, "rows": results}, indent=2) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

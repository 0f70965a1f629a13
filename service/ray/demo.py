"""`make ray-demo`: a local Ray cluster with 2 replicas behind Serve's gRPC proxy; the seed
summarized through it by the ordinary `tidings` CLI; `tidings batch` on a few articles in the
same cluster; then everything shut down.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "assad_moscow.txt"


def _free(port: int) -> int:
    """``port`` when nothing listens on it, else one that is free (said so)."""
    with socket.socket() as sock:
        try:
            sock.bind(("0.0.0.0", port))
            return port
        except OSError:
            sock.bind(("0.0.0.0", 0))
            print(f"port {port} is taken; using {sock.getsockname()[1]}", flush=True)
            return sock.getsockname()[1]


def _articles(folder: Path) -> Path:
    """A few articles cut from the seed, and one empty one: its error line is part of the show."""
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").splitlines() if p.strip()]
    items = [
        {"id": "seed", "text": "\n".join(paragraphs), "title": "Assad in Moscow"},
        {"id": "seed-opening", "text": "\n".join(paragraphs[:3])},
        {"id": "seed-rest", "text": "\n".join(paragraphs[3:]), "language": "en"},
        {"id": "empty", "text": ""},
    ]
    path = folder / "articles.jsonl"
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tidings.service.ray.demo")
    parser.add_argument("--grpc-port", type=int, default=9000)
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--lang", default="es,fr")
    args = parser.parse_args()

    import ray
    from ray import serve
    from tidings.service.config import Settings
    from tidings.service.ray.app import deploy
    from tidings.service.ray.cluster import connect
    from tidings.service.ray.options import RayOptions

    tidings = str(Path(sys.executable).with_name("tidings"))
    folder = ROOT / "build" / "ray-demo"
    folder.mkdir(parents=True, exist_ok=True)
    options = RayOptions(
        replicas=args.replicas, grpc_port=_free(args.grpc_port), http_port=_free(8000)
    )
    print(f"starting a local Ray cluster and {args.replicas} replicas (offline profile)...")
    started = time.perf_counter()
    connect("", cpus_needed=args.replicas + 2)
    try:
        deploy(Settings(profile="offline", log_level="WARNING"), options)
        target = f"127.0.0.1:{options.grpc_port}"
        print(f"ready in {time.perf_counter() - started:.0f}s\ngrpc: {target}", flush=True)

        print(f"\n$ tidings --target {target} summarize seeds/{SEED.name} --lang {args.lang}")
        code = subprocess.call(
            [tidings, "--target", target, "summarize", str(SEED), "--lang", args.lang]
        )

        source, out = _articles(folder), folder / "summaries.jsonl"
        out.unlink(missing_ok=True)  # a fresh run; a second run of batch on it would resume
        address = ray.get_runtime_context().gcs_address
        batch = [tidings, "batch", str(source), str(out), "--lang", args.lang]
        batch += ["--address", address, "--profile", "offline"]
        print(
            f"\n$ tidings batch {source.relative_to(ROOT)} {out.relative_to(ROOT)} "
            f"--lang {args.lang} --address {address} --profile offline"
        )
        batch_code = subprocess.call(batch)
        for line in out.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if "error" in item:
                print(f"  {item['id']}: error {item['error']['message']}")
            else:
                first = item["response"]["summaries"][0]
                print(f"  {item['id']}: [{first['language']}] {first['text'][:100]}...")
        # batch exits 2 for the empty article, which the demo includes on purpose.
        return code or (0 if batch_code in (0, 2) else batch_code)
    finally:
        print("\nshutting the cluster down")
        serve.shutdown()
        ray.shutdown()


if __name__ == "__main__":
    sys.exit(main())

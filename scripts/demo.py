"""`make demo`: start a server, wait until it reports SERVING, summarize the seed with the CLI.

Shows the seed article summarized in English plus Spanish, French and Catalan, each sentence
with its source and the article span it came from, then stops the server.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=50051)
    parser.add_argument("--seed", default=str(ROOT / "seeds" / "assad_moscow.txt"))
    parser.add_argument("--lang", default="en,es,fr,ca")
    args = parser.parse_args()
    from tidings import cli
    from tidings.service.process import running_server

    print(f"starting a server on port {args.port} and waiting for its models...", flush=True)
    with running_server("--profile", "offline", port=args.port, wait_s=180) as server:
        target = server.target
        started = time.perf_counter()
        code = cli.main(["--target", target, "summarize", args.seed, "--lang", args.lang])
        print(f"\n(summarized in {time.perf_counter() - started:.1f}s)")
        if code == 0:
            code = cli.main(["--target", target, "attributions", args.seed])
        return code


if __name__ == "__main__":
    sys.exit(main())

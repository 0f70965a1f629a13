"""Soak: the real server (offline profile, worker processes, loopback only) under 16 callers
for N minutes, mixing valid Summarize / Translate / ExtractAttributions / SummarizeStream calls,
bad inputs, callers that cancel mid-call, short deadlines and clients that drop their
connection mid-call. Every call and every stream item must end with a status: `lost` counts
the ones that did not, and must be 0; INTERNAL and UNKNOWN must never appear; the RSS of the
server's whole process tree may grow at most 10% from the start (after a warm-up of 15% of
the run, at least 20 s, that is counted too) to the end.

    make soak                                # 5 minutes
    .venv/bin/python scripts/soak.py --minutes 1

Exit status 0 when all three hold, 1 otherwise.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import sys
import threading
import time
from pathlib import Path

import grpc
from tidings.service.process import running_server
from tidings.v1 import tidings_pb2 as pb
from tidings.v1 import tidings_pb2_grpc as pb_grpc

ROOT = Path(__file__).resolve().parent.parent
CONCURRENCY = 16
# A call that has no status this long after its deadline is lost (gRPC owes it one by then).
GRACE_S = 30.0
DEADLINE_S = 60.0
FORBIDDEN = ("INTERNAL", "UNKNOWN")
# Written for the soak: short news texts in the languages the offline profile serves.
TEXTS = {
    "en": '"We will not accept this," a spokesman told reporters on Tuesday. The talks were '
    "suspended after the minister said the offer was too low. According to the agency, prices "
    "rose by 4% in March.",
    "es": "El ministro dijo el martes que las negociaciones continuarán. Según la agencia, los "
    "precios subieron un 4% en marzo.",
    "fr": "Le ministre a déclaré mardi que les négociations reprendraient. Selon l'agence, les "
    "prix ont augmenté de 4 % en mars.",
}
BAD = (
    pb.SummarizeRequest(article=pb.Article(text="")),
    pb.SummarizeRequest(article=pb.Article(text="   \n\t ")),
    pb.SummarizeRequest(article=pb.Article(text="Hello there.", language="xx")),
    pb.SummarizeRequest(article=pb.Article(text="Hello.", language="en"), max_sentences=99),
    pb.SummarizeRequest(article=pb.Article(text="x" * 100_001, language="en")),
    pb.SummarizeRequest(
        article=pb.Article(text="Hello.", language="en"), target_languages=["es", "es"]
    ),
)


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.outcomes: collections.Counter[str] = collections.Counter()
        self.lost = 0
        self.items = 0

    def add(self, kind: str, outcome: str) -> None:
        with self.lock:
            self.outcomes[f"{kind} {outcome}"] += 1

    def lose(self, n: int, what: str) -> None:
        with self.lock:
            self.lost += n
        print(f"LOST {n}: {what}", file=sys.stderr, flush=True)

    def forbidden(self) -> int:
        return sum(n for k, n in self.outcomes.items() if k.split()[-1] in FORBIDDEN)


def _code(future: grpc.Future) -> str:
    """The status of a finished unary call, by name."""
    exc = future.exception(timeout=0)
    return "OK" if exc is None else exc.code().name


def _finish(tally: Tally, kind: str, future: grpc.Future, timeout: float) -> None:
    """Wait for the call's status (bounded) and count it; no status in time is lost."""
    try:
        future.exception(timeout=timeout + GRACE_S)
    except grpc.FutureCancelledError:
        pass
    except grpc.FutureTimeoutError:
        tally.lose(1, f"{kind}: no status {timeout + GRACE_S:.0f}s after the call")
        return
    tally.add(kind, "CANCELLED" if future.cancelled() else _code(future))


def summarize_request(rng: random.Random, text: str) -> pb.SummarizeRequest:
    language = rng.choice(list(TEXTS))
    targets = rng.choice([[], ["es"], ["en", "fr"]])
    article = pb.Article(text=text or TEXTS[language])
    if rng.random() < 0.5:
        article.language = language if not text else "en"
    return pb.SummarizeRequest(article=article, target_languages=targets, max_sentences=2)


def stream(tally: Tally, stub, rng: random.Random, seed_text: str, timeout: float) -> None:
    items = [
        pb.SummarizeStreamRequest(id=f"i{n}", request=summarize_request(rng, ""))
        for n in range(rng.randint(1, 5))
    ]
    if rng.random() < 0.3:
        items.append(pb.SummarizeStreamRequest(id="bad", request=rng.choice(BAD)))
    if rng.random() < 0.2:
        items.append(
            pb.SummarizeStreamRequest(id="seed", request=summarize_request(rng, seed_text))
        )
    answered: collections.Counter[str] = collections.Counter()
    call = stub.SummarizeStream(iter(items), timeout=timeout)
    try:
        for answer in call:
            answered[answer.id] += 1
            if answer.HasField("error"):
                code = grpc.StatusCode.UNKNOWN
                for c in grpc.StatusCode:
                    if c.value[0] == answer.error.code:
                        code = c
                tally.add("stream-item", code.name)
            else:
                tally.add("stream-item", "OK")
        tally.add("SummarizeStream", "OK")
        missing = [i.id for i in items if answered[i.id] != 1]
        if missing:  # a stream that ended OK owes every item exactly one answer
            tally.lose(len(missing), f"stream items without exactly one answer: {missing}")
    except grpc.RpcError as err:
        tally.add("SummarizeStream", err.code().name)  # the status covers what was not answered
    with tally.lock:
        tally.items += len(items)


def one_call(tally: Tally, stub, target: str, rng: random.Random, seed_text: str) -> None:
    roll = rng.random()
    if roll < 0.2:
        text = seed_text if rng.random() < 0.2 else ""
        future = stub.Summarize.future(summarize_request(rng, text), timeout=DEADLINE_S)
        _finish(tally, "Summarize", future, DEADLINE_S)
    elif roll < 0.35:
        source = rng.choice(list(TEXTS))
        target = rng.choice([t for t in ("es", "fr", "it", "en") if t != source])
        texts = [TEXTS[source], TEXTS[source].split(". ")[-1]]
        request = pb.TranslateRequest(texts=texts, target_language=target)
        if rng.random() < 0.5:
            request.source_language = source
        _finish(tally, "Translate", stub.Translate.future(request, timeout=DEADLINE_S), DEADLINE_S)
    elif roll < 0.5:
        request = pb.ExtractAttributionsRequest(text=rng.choice(list(TEXTS.values())))
        future = stub.ExtractAttributions.future(request, timeout=DEADLINE_S)
        _finish(tally, "ExtractAttributions", future, DEADLINE_S)
    elif roll < 0.62:
        stream(tally, stub, rng, seed_text, DEADLINE_S)
    elif roll < 0.72:
        future = stub.Summarize.future(rng.choice(BAD), timeout=DEADLINE_S)
        _finish(tally, "bad-input", future, DEADLINE_S)
    elif roll < 0.82:  # the caller cancels mid-call
        future = stub.Summarize.future(summarize_request(rng, seed_text), timeout=DEADLINE_S)
        time.sleep(rng.uniform(0.0, 0.8))
        future.cancel()
        _finish(tally, "cancelled-mid-call", future, DEADLINE_S)
    elif roll < 0.92:  # a deadline too short for the work
        timeout = rng.uniform(0.02, 0.6)
        future = stub.Summarize.future(summarize_request(rng, seed_text), timeout=timeout)
        _finish(tally, "short-deadline", future, timeout)
    else:  # a client that drops its connection mid-call
        channel = grpc.insecure_channel(target)
        other = pb_grpc.TidingsStub(channel)
        future = other.Summarize.future(summarize_request(rng, ""), timeout=DEADLINE_S)
        time.sleep(rng.uniform(0.0, 0.5))
        channel.close()
        _finish(tally, "disconnected", future, DEADLINE_S)


def tree_rss_kib(root: int) -> int:
    """VmRSS of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = collections.defaultdict(list)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children[int(stat.rsplit(")", 1)[1].split()[1])].append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def run(minutes: float, concurrency: int, seed: int) -> int:
    seed_text = (ROOT / "seeds" / "assad_moscow.txt").read_text(encoding="utf-8")
    tally = Tally()
    args = ("--host", "127.0.0.1", "--profile", "offline", "--grace-period-s", "5")
    with running_server(*args, wait_s=600) as server:
        with grpc.insecure_channel(server.target) as channel:
            stub = pb_grpc.TidingsStub(channel)
            rss_serving = tree_rss_kib(server.pid)
            print(f"serving on {server.target}; RSS {rss_serving / 1024:.0f} MiB", flush=True)
            # Apertium pipelines start lazily per mode and worker: the baseline is taken once
            # the same mix has run a while, so what grows after it is what the soak left.
            warm_s = max(20.0, minutes * 60 * 0.15)
            started = time.monotonic()
            stop_at = started + warm_s + minutes * 60

            def caller(index: int) -> None:
                rng = random.Random(seed * 1000 + index)
                while time.monotonic() < stop_at:
                    try:
                        one_call(tally, stub, server.target, rng, seed_text)
                    except Exception as exc:  # noqa: BLE001 - a soak bug, counted as lost
                        tally.lose(1, f"{type(exc).__name__}: {exc}")

            threads = [threading.Thread(target=caller, args=(i,)) for i in range(concurrency)]
            for t in threads:
                t.start()
            time.sleep(warm_s)
            rss_start = tree_rss_kib(server.pid)
            print(f"after {warm_s:.0f} s of warm-up: RSS {rss_start / 1024:.0f} MiB", flush=True)
            for t in threads:
                t.join()
            rss_end = tree_rss_kib(server.pid)
            alive = server.proc.poll() is None
        code = server.stop(30)
    growth = (rss_end - rss_start) / rss_start * 100 if rss_start else 0.0
    print(f"calls by outcome ({sum(tally.outcomes.values())}, {tally.items} stream items sent):")
    for key, n in sorted(tally.outcomes.items()):
        print(f"  {key:<36} {n}")
    forbidden = tally.forbidden()
    print(f"lost {tally.lost}")
    print(f"INTERNAL/UNKNOWN {forbidden}")
    print(
        f"RSS of the process tree: serving {rss_serving / 1024:.0f} MiB, start (after warm-up) "
        f"{rss_start / 1024:.0f} MiB, end {rss_end / 1024:.0f} MiB, growth {growth:+.1f}%"
    )
    print(f"server alive at the end: {alive}; exit code after SIGTERM {code}")
    ok = tally.lost == 0 and forbidden == 0 and growth <= 10.0 and alive and code == 0
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=CONCURRENCY)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)
    return run(args.minutes, args.concurrency, args.seed)


if __name__ == "__main__":
    sys.exit(main())

"""`tidings batch IN.jsonl OUT.jsonl`: summarize JSON Lines of articles on Ray Data.

IN has one article a line: {"id", "text", and optionally "title", "publisher", "url",
"language", "target_languages", "max_sentences"}. OUT gets one line per input, as each finishes,
in the shape of `tidings summarize --jsonl`: {"id", "response"} or {"id", "error": {"code",
"message"}} (a bad line, an invalid article, a failed summary: never dropped). Each line is
written and flushed whole, so a run that stops leaves only finished items; run the same command
again and the ids already in OUT are skipped (a torn last line is cut off and redone).

Each Ray Data actor holds one pipeline (service/runtime.load_pipeline) and answers a row the way
the server answers Summarize: the request through convert.summary_request, the pipeline (which
validates), convert.summary_response, and errors.status_for for the code and message.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import sys
import time
from dataclasses import dataclass, replace
from typing import Any

import grpc
from tidings._common import summarize_request
from tidings.service.config import Settings

INVALID = grpc.StatusCode.INVALID_ARGUMENT.value[0]
OPTIONAL = ("title", "publisher", "url", "language")


@dataclass
class Todo:
    id: str
    request: bytes = b""  # a serialized SummarizeRequest
    error: str = ""  # the line could not become a request: written as an INVALID_ARGUMENT


def error_line(item_id: str, code: int, message: str) -> str:
    return json.dumps(
        {"id": item_id, "error": {"code": code, "message": message}}, ensure_ascii=False
    )


def finished_ids(out_path: str) -> set[str]:
    """Ids already answered in OUT. A last line without its newline was cut off by a stop in
    the middle of a write: it is removed, so that item is done again."""
    if not os.path.exists(out_path):
        return set()
    with open(out_path, "rb+") as f:
        data = f.read()
        end = data.rfind(b"\n") + 1
        if end < len(data):
            f.truncate(end)
    done: set[str] = set()
    for line in data[:end].decode("utf-8").splitlines():
        try:
            done.add(str(json.loads(line)["id"]))
        except (ValueError, KeyError, TypeError):
            continue  # not ours; left in place
    return done


def _todo(item: Any, where: str, targets: list[str], max_sentences: int) -> Todo:
    if not isinstance(item, dict):
        return Todo(where, error=f'{where}: expected a JSON object with a "text" string')
    item_id = str(item.get("id", where))
    unknown = set(item) - {"id", "text", "target_languages", "max_sentences", *OPTIONAL}
    if unknown:
        return Todo(item_id, error=f"{where}: unknown fields: {', '.join(sorted(unknown))}")
    fields = {k: item[k] for k in OPTIONAL if item.get(k) is not None}
    try:
        request = summarize_request(
            item.get("text", ""),
            **fields,
            target_languages=item.get("target_languages", targets),
            max_sentences=item.get("max_sentences", max_sentences),
        )
    except (TypeError, ValueError) as exc:  # wrong JSON types, e.g. "text": 3
        return Todo(item_id, error=f"{where}: {exc}")
    return Todo(item_id, request=request.SerializeToString())


def read_input(
    in_path: str, targets: list[str], max_sentences: int, done: set[str]
) -> tuple[list[Todo], int]:
    """The items still to do, in input order, and how many were skipped as done. A line that
    is not JSON is an item too (id IN:LINE), answered with its error."""
    todo: list[Todo] = []
    seen: set[str] = set()
    skipped = 0
    with open(in_path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            where = f"{in_path}:{number}"
            try:
                item = _todo(json.loads(line), where, targets, max_sentences)
            except json.JSONDecodeError as exc:
                item = Todo(where, error=f"{where}: not JSON: {exc.msg}")
            if item.id in done:
                skipped += 1
                continue
            if item.id in seen:
                item = Todo(f"{where}", error=f"{where}: id {item.id!r} was already used above")
            seen.add(item.id)
            todo.append(item)
    return todo, skipped


class Summarizer:
    """A Ray Data actor: one pipeline, one row (article) at a time."""

    def __init__(self, settings: Settings) -> None:
        from tidings.service import logs
        from tidings.service.runtime import load_pipeline

        logs.configure(settings.log_level)
        self.pipeline = load_pipeline(settings)

    def __call__(self, row: dict[str, Any]) -> dict[str, Any]:
        from tidings.cli_format import to_dict
        from tidings.service import convert
        from tidings.service.errors import status_for
        from tidings.v1 import tidings_pb2 as pb

        request = pb.SummarizeRequest.FromString(row["request"])
        try:
            result = self.pipeline.summarize(convert.summary_request(request))
            response = convert.summary_response(result, request.article)
            line = json.dumps({"id": row["id"], "response": to_dict(response)}, ensure_ascii=False)
            return {"id": row["id"], "line": line, "code": 0}
        except Exception as exc:  # noqa: BLE001 - one article's failure is its own line
            code, message = status_for(exc)
            return {
                "id": row["id"],
                "line": error_line(row["id"], code.value[0], message),
                "code": code.value[0],
            }


def run(
    in_path: str,
    out_path: str,
    settings: Settings,
    *,
    targets: list[str],
    max_sentences: int = 0,
    concurrency: int = 1,
    num_cpus: float = 1.0,
    address: str = "",
    quiet: bool = False,
) -> int:
    """Summarize IN into OUT; 0 when every item succeeded, 2 when one was invalid, else 1."""
    import ray
    from ray.data import ActorPoolStrategy, DataContext
    from tidings.cli_progress import Progress
    from tidings.service.ray.cluster import connect

    out = open(out_path, "a", encoding="utf-8")
    try:
        # Two runs appending to one OUT would both do the items neither has finished.
        fcntl.flock(out, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        out.close()
        print(f"tidings: {out_path} is being written by another tidings batch", file=sys.stderr)
        return 1
    with out:
        done = finished_ids(out_path)
        todo, skipped = read_input(in_path, targets, max_sentences, done)
        codes: list[int] = []
        answered: list[float] = []  # when each summarized row came back (the rate, below)
        begun = time.perf_counter()
        progress = Progress(len(todo), "batch", enabled=not quiet and len(todo) > 0)
        settings = replace(settings, workers=1, torch_threads=max(1, round(num_cpus)))

        def write(item_id: str, line: str, code: int) -> None:
            out.write(line + "\n")
            out.flush()  # a stop after this line keeps it: resume skips the item
            codes.append(code)
            progress.advance(failed=code != 0)

        for item in (t for t in todo if t.error):
            write(item.id, error_line(item.id, INVALID, item.error), INVALID)
        rows = [{"id": t.id, "request": t.request} for t in todo if not t.error]
        if rows:
            started = connect(address, concurrency * num_cpus)
            try:
                # Our bar is drawn instead of Ray Data's, and its INFO lines stay in its logs.
                DataContext.get_current().enable_progress_bars = False
                logging.getLogger("ray.data").setLevel(logging.ERROR)
                ds = ray.data.from_items(rows, override_num_blocks=len(rows))
                ds = ds.map(
                    Summarizer,
                    fn_constructor_args=(settings,),
                    compute=ActorPoolStrategy(size=concurrency),
                    num_cpus=num_cpus,
                )
                for row in ds.iter_rows():
                    write(row["id"], row["line"], int(row["code"]))
                    answered.append(time.perf_counter())
            except KeyboardInterrupt:
                progress.close()
                print(
                    f"tidings batch: stopped after {len(codes)} of {len(todo)}; the same "
                    "command resumes (ids already in OUT are skipped)",
                    file=sys.stderr,
                )
                raise
            finally:
                if started:
                    ray.shutdown()
    progress.close()
    failed = sum(1 for c in codes if c)
    if not quiet:
        print(
            f"tidings batch: {len(codes)} written to {out_path} ({failed} failed), "
            f"{skipped} skipped as already done; {_timing(begun, answered)}",
            file=sys.stderr,
        )
    return 2 if INVALID in codes else 1 if failed else 0


def _timing(begun: float, answered: list[float]) -> str:
    """Wall time, and the rate once the first answer came (the actors' loading excluded)."""
    text = f"{time.perf_counter() - begun:.1f}s"
    if len(answered) > 1:
        rate = (len(answered) - 1) / max(answered[-1] - answered[0], 1e-6)
        text += f", {rate:.2f} articles/s after the first"
    return text

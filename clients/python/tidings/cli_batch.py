"""The CLI's articles: files, directories and JSONL files in; human text, one JSON array or
JSON Lines out, with a progress bar on stderr while several are in flight."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc

from tidings import cli_format as fmt
from tidings._common import TidingsError
from tidings.cli_progress import Progress
from tidings.client import Client
from tidings.v1 import tidings_pb2 as pb

# A directory stands for the article files in it, subfolders included, in name order.
TEXT_SUFFIXES = (".txt", ".md")
# The article fields a JSONL line may carry besides its text; `id` names it in the output.
ARTICLE_FIELDS = ("title", "publisher", "url", "language")
REQUEST_FIELDS = ("target_languages", "max_sentences")
# ExtractAttributions has no stream: this many calls at a time instead.
ATTRIBUTION_THREADS = 4


class UsageError(Exception):
    """Bad input found before any call: exit code 2, message only."""


@dataclass
class Article:
    id: str
    text: str
    fields: dict[str, Any] = field(default_factory=dict)  # from a JSONL line


def exit_code(code: grpc.StatusCode) -> int:
    return 2 if code is grpc.StatusCode.INVALID_ARGUMENT else 1


def read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        # Newlines as Python reads them: spans come back as indices into exactly this string.
        with open(path, encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        raise UsageError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise UsageError(f"is a directory, not an article: {path}") from None
    except UnicodeDecodeError:
        raise UsageError(f"not UTF-8 text: {path}") from None
    except OSError as err:
        raise UsageError(f"cannot read {path}: {err.strerror}") from None


def _jsonl(path: str) -> Iterator[Article]:
    for number, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            raise UsageError(f"{where}: not JSON: {err.msg}") from None
        if isinstance(item, dict) and isinstance(item.get("article"), dict):
            item = {**item["article"], **{k: v for k, v in item.items() if k != "article"}}
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise UsageError(f'{where}: expected an object with a "text" string')
        unknown = set(item) - {"id", "text", *ARTICLE_FIELDS, *REQUEST_FIELDS}
        if unknown:
            raise UsageError(f"{where}: unknown fields: {', '.join(sorted(unknown))}")
        fields = {k: v for k, v in item.items() if k not in ("id", "text")}
        _check_fields(fields, where)
        yield Article(str(item.get("id", where)), item["text"], fields)


def _check_fields(fields: dict[str, Any], where: str) -> None:
    # Checked here, with the line's place, rather than failing the whole stream later.
    for name, value in fields.items():
        if name == "max_sentences":
            ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 4
            wanted = "an integer from 0 to 4"
        elif name == "target_languages":
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            wanted = "a list of language codes"
        else:
            ok, wanted = isinstance(value, str), "a string"
        if not ok:
            raise UsageError(f"{where}: {name} must be {wanted}, got {json.dumps(value)}")


def collect(paths: Iterable[str], *, jsonl: bool = False) -> list[Article]:
    """Every article named: FILE (- for stdin), a directory's text files, a .jsonl file's lines
    (or every FILE with `jsonl`). Ids are the file names, or a line's "id", or FILE:LINE."""
    articles: list[Article] = []
    for path in paths:
        if path != "-" and Path(path).is_dir():
            found = sorted(
                p for p in Path(path).rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES
            )
            if not found:
                raise UsageError(f"no {'/'.join(TEXT_SUFFIXES)} files in {path}")
            articles += [Article(str(p), read_text(str(p))) for p in found]
        elif jsonl or path.endswith(".jsonl"):
            articles += list(_jsonl(path))
        else:
            articles.append(Article(path, read_text(path)))
    seen: set[str] = set()
    for article in articles:
        if article.id in seen:
            raise UsageError(
                f"each article may be given once: {article.id!r} is repeated (ids name the answers)"
            )
        seen.add(article.id)
    return articles


def _error_dict(error: TidingsError) -> dict:
    return {"code": error.code.value[0], "message": error.message}


class Output:
    """Prints answers as the chosen format asks: JSON Lines as each finishes, human text and
    the JSON array in the order the articles were given (still streaming as far as it can)."""

    def __init__(self, articles: list[Article], mode: str, progress: Progress, human: Any) -> None:
        self.order = [a.id for a in articles]
        self.texts = {a.id: a.text for a in articles}
        self.mode = mode  # "human", "json" or "jsonl"
        self.progress = progress
        self.human = human  # (response, text) -> str
        self.pending: dict[str, tuple[dict, Any, TidingsError | None]] = {}
        self.array: list[dict] = []
        self.status = 0

    def add(self, item_id: str, response: Any, error: TidingsError | None) -> None:
        as_dict = {"id": item_id}
        if error is not None:
            as_dict["error"] = _error_dict(error)
            self.status = max(self.status, exit_code(error.code))
        else:
            as_dict["response"] = fmt.to_dict(response)
        self.progress.advance(failed=error is not None)
        if self.mode == "jsonl":
            self.order.remove(item_id)
            if error is not None:
                self.progress.print(f"tidings: {item_id}: {error}", file=sys.stderr)
            self.progress.print(json.dumps(as_dict, ensure_ascii=False))
            return
        self.pending[item_id] = (as_dict, response, error)
        while self.order and self.order[0] in self.pending:
            done = self.order.pop(0)
            as_dict, response, error = self.pending.pop(done)
            if error is not None:
                self.progress.print(f"tidings: {done}: {error}", file=sys.stderr)
            if self.mode == "json":
                self.array.append(as_dict)
            elif error is None:
                self.progress.print(f"== {done} ==\n{self.human(response, self.texts[done])}\n")

    def finish(self) -> int:
        self.progress.close()
        if self.order:
            print(f"tidings: no answer for: {', '.join(self.order)}", file=sys.stderr)
            self.status = max(self.status, 1)
        if self.mode == "json":
            print(json.dumps(self.array, ensure_ascii=False, indent=2))
        return self.status


def summarize_all(client: Client, articles: list[Article], defaults: dict, out: Output) -> int:
    items = [(a.id, {"text": a.text, **defaults, **a.fields}) for a in articles]
    # One stream for the batch; the deadline grows with it.
    answers = client.summarize_many(items, timeout=client.timeout * len(items))
    for answer in answers:
        error = TidingsError.from_proto(answer.error) if answer.HasField("error") else None
        out.add(answer.id, answer.response, error)
    return out.finish()


def attributions_all(
    client: Client, articles: list[Article], language: str | None, out: Output
) -> int:
    def one(article: Article) -> pb.ExtractAttributionsResponse:
        return client.extract_attributions(
            article.text, language=article.fields.get("language", language)
        )

    with ThreadPoolExecutor(ATTRIBUTION_THREADS) as pool:
        futures = {pool.submit(one, article): article.id for article in articles}
        try:
            for future in as_completed(futures):
                try:
                    out.add(futures[future], future.result(), None)
                except TidingsError as err:
                    out.add(futures[future], None, err)
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return out.finish()

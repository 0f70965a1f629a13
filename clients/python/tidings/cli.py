"""The `tidings` command: a client of a running Tidings server, plus `serve` and `models pull`,
which need the server extras and so import them only when asked.

Exit codes (`tidings --help` has the details): 0 success, 1 a failed call or an unhealthy
server, 2 bad input (usage, missing file, bad JSONL, INVALID_ARGUMENT), 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence

import grpc

from tidings import cli_batch as batch
from tidings import cli_format as fmt
from tidings import cli_ray, html_view
from tidings._common import TidingsError
from tidings.cli_batch import UsageError
from tidings.cli_parser import build_parser
from tidings.cli_progress import Progress
from tidings.client import Client
from tidings.v1 import tidings_pb2 as pb

SERVER_EXTRAS = "the server needs: pip install 'tidings[server]'"


def _print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _languages(value: str | None) -> list[str]:
    return [lang.strip() for lang in value.split(",") if lang.strip()] if value else []


def _output_mode(args: argparse.Namespace) -> str:
    if args.json and args.jsonl:
        raise UsageError("--json and --jsonl: choose one")
    return "jsonl" if args.jsonl else "json" if args.json else "human"


def _many(articles: list[batch.Article], args: argparse.Namespace) -> bool:
    # One plain file keeps the plain output; anything else is a batch of items.
    return (
        len(articles) > 1
        or args.jsonl
        or args.jsonl_input
        or any(
            path != "-" and (os.path.isdir(path) or path.endswith(".jsonl")) for path in args.files
        )
    )


def _progress(args: argparse.Namespace, label: str, total: int) -> Progress:
    return Progress(total, label, enabled=not args.quiet and total > 1)


def cmd_summarize(client: Client, args: argparse.Namespace) -> int:
    mode = _output_mode(args)
    articles = batch.collect(args.files, jsonl=args.jsonl_input)
    fields = {
        "title": args.title,
        "language": args.source_lang,
        "target_languages": _languages(args.lang),
        "max_sentences": args.max_sentences,
    }
    if args.html and len(articles) != 1:
        raise UsageError(f"--html writes the page of one article; {len(articles)} were given")
    if not _many(articles, args) or args.html:
        [article] = articles
        response = client.summarize(article.text, **{**fields, **article.fields})
        if args.html:
            _write_html(args.html, response, article, args.title, args.quiet)
        if mode == "jsonl":
            print(
                json.dumps(
                    {"id": article.id, "response": fmt.to_dict(response)}, ensure_ascii=False
                )
            )
        elif mode == "json":
            _print_json(fmt.to_dict(response))
        else:
            print(fmt.format_summary(response, article.text))
        return 0
    out = batch.Output(
        articles, mode, _progress(args, "summarize", len(articles)), fmt.format_summary
    )
    return batch.summarize_all(client, articles, fields, out)


def _write_html(
    path: str,
    response: pb.SummarizeResponse,
    article: batch.Article,
    title: str | None,
    quiet: bool,
) -> None:
    title = article.fields.get("title") or title
    label = os.path.basename(article.id) if article.id != "-" else None
    page = html_view.render(response, article.text, title=title, label=label)
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(page)
    except OSError as err:
        raise UsageError(f"cannot write {path}: {err.strerror}") from None
    if not quiet:
        print(f"tidings: wrote {path}", file=sys.stderr)


def cmd_translate(client: Client, args: argparse.Namespace) -> int:
    lines = args.texts if args.texts else sys.stdin.read().splitlines()
    # Blank lines are not sent but kept in place, so output lines match input lines.
    texts = [line for line in lines if line.strip()]
    if not texts:
        raise UsageError("nothing to translate: give TEXT arguments or lines on stdin")
    response = client.translate(texts, args.to, source_language=args.source)
    if args.json:
        _print_json(fmt.to_dict(response))
        return 0
    translations = iter(response.translations)
    for line in lines:
        print(next(translations, "") if line.strip() else "")
    print(fmt.format_translation_info(response), file=sys.stderr)
    return 0


def cmd_attributions(client: Client, args: argparse.Namespace) -> int:
    mode = _output_mode(args)
    articles = batch.collect(args.files, jsonl=args.jsonl_input)
    if not _many(articles, args):
        [article] = articles
        response = client.extract_attributions(article.text, language=args.lang)
        if mode == "json":
            _print_json(fmt.to_dict(response))
        else:
            print(fmt.format_attributions(response, article.text))
        return 0
    out = batch.Output(
        articles, mode, _progress(args, "attributions", len(articles)), fmt.format_attributions
    )
    return batch.attributions_all(client, articles, args.lang, out)


def cmd_languages(client: Client, args: argparse.Namespace) -> int:
    response = client.languages()
    if args.json:
        _print_json(fmt.to_dict(response))
    else:
        print(fmt.format_languages(response))
    return 0


def cmd_health(client: Client, args: argparse.Namespace) -> int:
    if args.wait:
        try:
            client.wait_until_serving(args.wait, args.service)
        except TidingsError as err:
            if err.code is not grpc.StatusCode.DEADLINE_EXCEEDED:
                raise
            print(f"tidings: {err.message}", file=sys.stderr)
            return 1
    status = client.health(args.service)
    print(status)
    return 0 if status == "SERVING" else 1


def _wait_while_loading(client: Client, timeout: float, quiet: bool) -> None:
    """A server that is up but still loading its models reports NOT_SERVING and answers calls
    UNAVAILABLE; the client's few retries span about a second. Wait for SERVING within the
    timeout instead."""
    try:
        status = client.health(timeout=min(timeout, 5.0))
    except TidingsError as err:
        if err.code is grpc.StatusCode.UNAVAILABLE:
            raise  # unreachable after the client's retries: the call would only repeat them
        return  # e.g. a server without the health service: the call itself will tell
    if status == "NOT_SERVING":
        if not quiet:
            print(
                f"tidings: {client.target} is loading its models; waiting up to {timeout:g}s",
                file=sys.stderr,
            )
        client.wait_until_serving(timeout)


class MissingExtras(Exception):
    """The server's dependencies are not installed: exit code 2 and what to install."""

    def __init__(self, err: ImportError) -> None:
        super().__init__(f"{SERVER_EXTRAS}\ntidings: (could not import {err.name})")


def _server_module(name: str):
    try:
        return importlib.import_module(name)
    except ImportError as err:
        raise MissingExtras(err) from err


def _server_call(fn: Callable, *args: object):
    # The server modules import their heavy dependencies lazily, inside the call; a missing
    # one of those means missing extras too. A missing tidings module is a bug: let it show.
    try:
        return fn(*args)
    except ImportError as err:
        if (err.name or "tidings").startswith("tidings"):
            raise
        raise MissingExtras(err) from err


def cmd_serve(extra: list[str]) -> int:
    module = _server_module("tidings.service.__main__")
    result = _server_call(module.main, extra)
    return result if isinstance(result, int) else 0


def cmd_models_pull(args: argparse.Namespace) -> int:
    module = _server_module("tidings.models.pull")
    models = args.models or list(module.DEFAULT_MODELS)
    # PullError's message names the model, the endpoint and the fix: print it, no traceback.
    expected = (OSError, getattr(module, "PullError", OSError))
    try:
        # Without --dest, the folder the server loads pulled models from.
        if args.dest:
            paths = _server_call(module.pull, models, args.dest)
        else:
            paths = _server_call(module.pull, models)
    except expected as err:
        print(f"tidings: {err}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    return 0


COMMANDS: dict[str, Callable[[Client, argparse.Namespace], int]] = {
    "summarize": cmd_summarize,
    "translate": cmd_translate,
    "attributions": cmd_attributions,
    "languages": cmd_languages,
    "health": cmd_health,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(__doc__.split("\n\n")[0])
    try:
        args, extra = parser.parse_known_args(argv)
        if args.command != "serve" and extra:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as exit_:  # argparse exits on --help and on usage errors
        return exit_.code if isinstance(exit_.code, int) else 2
    try:
        if args.command == "serve":
            return cmd_serve(extra)
        if args.command == "models":
            return cmd_models_pull(args)
        if args.command == "batch":
            return cli_ray.cmd_batch(args)
        connection = {k: getattr(args, k) for k in ("tls", "ca", "cert", "key", "token")}
        with Client(args.target, timeout=args.timeout, **connection) as client:
            if args.command != "health":
                _wait_while_loading(client, args.timeout, args.quiet)
            return COMMANDS[args.command](client, args)
    except TidingsError as err:
        print(f"tidings: {err}", file=sys.stderr)
        return batch.exit_code(err.code)
    except (UsageError, MissingExtras) as err:
        print(f"tidings: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `tidings ... | head`: the reader left; nothing more to say. Python would complain
        # again when flushing stdout at exit, so point it at devnull.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())

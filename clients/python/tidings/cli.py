"""The `tidings` command: a client of a running Tidings server, plus `serve` and `models pull`,
which need the server extras and so import them only when asked.

Exit codes: 0 success, 1 a failed call or an unhealthy server, 2 bad input (usage, missing
file, INVALID_ARGUMENT), 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence

import grpc

from tidings import cli_format as fmt
from tidings._common import DEFAULT_TARGET, TidingsError, summarize_request
from tidings.client import Client
from tidings.v1 import tidings_pb2 as pb

SERVER_EXTRAS = "the server needs: pip install 'tidings[server]'"


class UsageError(Exception):
    """Bad input found before any call: exit code 2, message only."""


def _print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _read(path: str) -> str:
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


def _positive(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise argparse.ArgumentTypeError(f"must be > 0, got {value}")
    return number


def _count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return number


def _languages(value: str | None) -> list[str]:
    return [lang.strip() for lang in value.split(",") if lang.strip()] if value else []


def _exit_code(code: grpc.StatusCode) -> int:
    return 2 if code is grpc.StatusCode.INVALID_ARGUMENT else 1


def cmd_summarize(client: Client, args: argparse.Namespace) -> int:
    if len(set(args.files)) != len(args.files):
        raise UsageError("each file may be given once: file names are the stream's ids")
    texts = {path: _read(path) for path in args.files}
    fields = {
        "title": args.title, "language": args.source_lang,
        "target_languages": _languages(args.lang), "max_sentences": args.max_sentences,
    }
    if len(texts) == 1:
        [(path, text)] = texts.items()
        response = client.summarize(text, **fields)
        if args.json:
            _print_json(fmt.to_dict(response))
        else:
            print(fmt.format_summary(response, text))
        return 0
    items = [(path, summarize_request(text, **fields)) for path, text in texts.items()]
    # One stream for the batch; the deadline grows with it.
    answers = client.summarize_many(items, timeout=client.timeout * len(items))
    return _print_stream(answers, texts, args.json)


def _print_stream(answers, texts: dict[str, str], as_json: bool) -> int:
    # Answers arrive in any order; each is printed as soon as every file before it is done,
    # so the output follows the command line and still streams.
    order = list(texts)
    pending: dict[str, pb.SummarizeStreamResponse] = {}
    printed: list[dict] = []
    status = 0
    for answer in answers:
        pending[answer.id] = answer
        while order and order[0] in pending:
            path = order.pop(0)
            answer = pending.pop(path)
            if answer.HasField("error"):
                error = TidingsError.from_proto(answer.error)
                print(f"tidings: {path}: {error}", file=sys.stderr)
                status = max(status, _exit_code(error.code))
            if as_json:
                printed.append(fmt.to_dict(answer))
            elif answer.HasField("response"):
                print(f"== {path} ==\n{fmt.format_summary(answer.response, texts[path])}\n")
            sys.stdout.flush()
    if order:
        print(f"tidings: no answer for: {', '.join(order)}", file=sys.stderr)
        status = max(status, 1)
    if as_json:
        _print_json(printed)
    return status


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
    text = _read(args.file)
    response = client.extract_attributions(text, language=args.lang)
    if args.json:
        _print_json(fmt.to_dict(response))
    else:
        print(fmt.format_attributions(response, text))
    return 0


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


def _wait_while_loading(client: Client, timeout: float) -> None:
    """A server that is up but still loading its models reports NOT_SERVING and answers calls
    UNAVAILABLE; the client's few retries span about a second. Wait for SERVING within the
    timeout instead. A server that cannot be reached is left to the call itself to report."""
    try:
        status = client.health(timeout=min(timeout, 5.0))
    except TidingsError:
        return
    if status == "NOT_SERVING":
        print(f"tidings: {client.target} is loading its models; waiting up to {timeout:g}s",
              file=sys.stderr)
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tidings", description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", default=os.environ.get("TIDINGS_TARGET", DEFAULT_TARGET),
                        help="server address (env TIDINGS_TARGET; default %(default)s)")
    parser.add_argument("--timeout", type=_positive, default=30.0,
                        help="seconds per call, retries included (default %(default)s)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("summarize", help="summarize articles, with attributions and evidence")
    p.add_argument("files", nargs="+", metavar="FILE", help="article text file, - for stdin")
    p.add_argument("--lang", help="summary languages, comma-separated (default: the article's)")
    p.add_argument("--max-sentences", type=_count, default=0, metavar="N",
                   help="most sentences per summary (default: the server's)")
    p.add_argument("--source-lang", help="the article's language (default: detected)")
    p.add_argument("--title", help="the article's headline")
    p.add_argument("--json", action="store_true", help="print the response as JSON")

    p = sub.add_parser("translate", help="translate texts (stdin lines when none given)")
    p.add_argument("texts", nargs="*", metavar="TEXT")
    p.add_argument("--to", required=True, help="target language")
    p.add_argument("--from", dest="source", help="source language (default: detected)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("attributions", help="who said what in an article, with spans")
    p.add_argument("file", metavar="FILE", help="article text file, - for stdin")
    p.add_argument("--lang", help="the article's language (default: detected)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("languages", help="languages, translation pairs and engines")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("health", help="exit 0 when the server is SERVING")
    p.add_argument("--service", default="", help="service name (default: the whole server)")
    p.add_argument("--wait", type=_positive, default=None, metavar="SECONDS",
                   help="wait up to SECONDS for SERVING")

    # Everything after `serve` goes to the server's own parser, --help included.
    sub.add_parser("serve", help="run the server (needs tidings[server])", add_help=False)

    models = sub.add_parser("models", help="model weights (needs tidings[server])")
    models_sub = models.add_subparsers(dest="models_command", required=True, metavar="COMMAND")
    p = models_sub.add_parser("pull", help="download model weights")
    p.add_argument("models", nargs="*", metavar="MODEL", help="default: the default models")
    p.add_argument("--dest", help="folder to pull into (default: where the server looks, "
                   "models/pulled)")
    return parser


COMMANDS: dict[str, Callable[[Client, argparse.Namespace], int]] = {
    "summarize": cmd_summarize, "translate": cmd_translate, "attributions": cmd_attributions,
    "languages": cmd_languages, "health": cmd_health,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
        with Client(args.target, timeout=args.timeout) as client:
            if args.command != "health":
                _wait_while_loading(client, args.timeout)
            return COMMANDS[args.command](client, args)
    except TidingsError as err:
        print(f"tidings: {err}", file=sys.stderr)
        return _exit_code(err.code)
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

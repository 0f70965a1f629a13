"""The `tidings` command line: every flag, its environment variable, and the exit codes."""

from __future__ import annotations

import argparse
import os

from tidings import cli_ray
from tidings._common import DEFAULT_TARGET

EPILOG = f"""\
settings (flag, environment variable, default):
  --target ADDRESS   TIDINGS_TARGET   {DEFAULT_TARGET}
      the server's address
  --timeout SECONDS  TIDINGS_TIMEOUT  30
      each call, retries included; also how long to wait for a server still loading models
  --quiet, -q        TIDINGS_QUIET    off (1 turns it on)
      no progress bar or notes on stderr; the bar is drawn only when stderr is a terminal
  --tls              TIDINGS_TLS      off (1 turns it on)
      connect over TLS, trusting the system's CAs (implied by --ca and --cert)
  --ca FILE          TIDINGS_CA       none
      PEM file of the CA that signed the server's certificate (a private CA)
  --cert FILE, --key FILE  TIDINGS_CERT, TIDINGS_KEY  none
      this client's certificate and key, for a server that requires them (mutual TLS)
  --token TOKEN      TIDINGS_TOKEN    none
      sent as `authorization: Bearer TOKEN`, for a server started with --auth-tokens-file
  The server's settings: `tidings serve --help`; each is also TIDINGS_<NAME> and a TOML key.

inputs (summarize, attributions):
  FILE (- for stdin), a directory (its *.txt and *.md files, subfolders included, by name),
  or JSON Lines of articles: a *.jsonl FILE, or any FILE with --jsonl-input, one object a line,
  {{"id": "a1", "text": "...", "title": "...", "language": "en", "target_languages": ["es"]}}
  (only "text" is required; the id defaults to FILE:LINE).

exit codes:
  0    success
  1    a failed call (also in a batch), an unreachable or unhealthy server, a server that did
       not become SERVING within --timeout
  2    bad input: usage, a missing or unreadable file, a bad JSONL line, or INVALID_ARGUMENT
       from the server (in a batch: for any article)
  130  interrupted
"""


def _positive(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not number > 0:
        raise argparse.ArgumentTypeError(f"must be > 0, got {value}")
    return number


def _count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return number


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def _batch_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="article text file (- for stdin), directory, or .jsonl of articles",
    )
    p.add_argument(
        "--jsonl-input",
        action="store_true",
        help="read every FILE as JSON Lines of articles, whatever its name",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print the responses as JSON (an array for several articles)",
    )
    p.add_argument(
        "--jsonl",
        action="store_true",
        help="print one JSON object a line, {id, response | error}, as each finishes",
    )


def build_parser(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tidings",
        description=description,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    env = os.environ
    parser.add_argument(
        "--target",
        default=env.get("TIDINGS_TARGET", DEFAULT_TARGET),
        help="server address (env TIDINGS_TARGET; default %(default)s)",
    )
    # A string default goes through `type` too: a bad TIDINGS_TIMEOUT is a usage error.
    parser.add_argument(
        "--timeout",
        type=_positive,
        default=env.get("TIDINGS_TIMEOUT", "30"),
        help="seconds per call, retries included, and to wait for a loading "
        "server (env TIDINGS_TIMEOUT; default 30)",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=_flag(env.get("TIDINGS_QUIET")),
        help="no progress bar or notes on stderr (env TIDINGS_QUIET=1)",
    )
    parser.add_argument(
        "--tls",
        action="store_true",
        default=_flag(env.get("TIDINGS_TLS")),
        help="connect over TLS (env TIDINGS_TLS=1; implied by --ca and --cert)",
    )
    parser.add_argument(
        "--ca",
        metavar="FILE",
        default=env.get("TIDINGS_CA"),
        help="PEM file of the CA that signed the server's certificate (env TIDINGS_CA)",
    )
    parser.add_argument(
        "--cert",
        metavar="FILE",
        default=env.get("TIDINGS_CERT"),
        help="client certificate, PEM, for mutual TLS (env TIDINGS_CERT)",
    )
    parser.add_argument(
        "--key",
        metavar="FILE",
        default=env.get("TIDINGS_KEY"),
        help="the client certificate's private key, PEM (env TIDINGS_KEY)",
    )
    parser.add_argument(
        "--token",
        default=env.get("TIDINGS_TOKEN"),
        help="bearer token sent with every call (env TIDINGS_TOKEN; prefer the variable: "
        "flags show in the process list)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("summarize", help="summarize articles, with attributions and evidence")
    _batch_arguments(p)
    p.add_argument("--lang", help="summary languages, comma-separated (default: the article's)")
    p.add_argument(
        "--max-sentences",
        type=_count,
        default=0,
        metavar="N",
        help="most sentences per summary, 1 to 4 (default: the server's)",
    )
    p.add_argument("--source-lang", help="the article's language (default: detected)")
    p.add_argument("--title", help="the article's headline")
    p.add_argument(
        "--html",
        metavar="OUT.html",
        help="also write a self-contained page: the article with its attributions "
        "highlighted beside the summaries (one article)",
    )

    p = sub.add_parser("translate", help="translate texts (stdin lines when none given)")
    p.add_argument("texts", nargs="*", metavar="TEXT")
    p.add_argument("--to", required=True, help="target language")
    p.add_argument("--from", dest="source", help="source language (default: detected)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("attributions", help="who said what in articles, with spans")
    _batch_arguments(p)
    p.add_argument("--lang", help="the articles' language (default: detected)")

    p = sub.add_parser("languages", help="languages, translation pairs and engines")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("health", help="exit 0 when the server is SERVING")
    p.add_argument("--service", default="", help="service name (default: the whole server)")
    p.add_argument(
        "--wait",
        type=_positive,
        default=None,
        metavar="SECONDS",
        help="wait up to SECONDS for SERVING",
    )

    cli_ray.add_parser(sub)  # `batch`, on Ray (tidings[ray])

    # Everything after `serve` goes to the server's own parser, --help included.
    sub.add_parser("serve", help="run the server (needs tidings[server])", add_help=False)

    models = sub.add_parser("models", help="model weights (needs tidings[server])")
    models_sub = models.add_subparsers(dest="models_command", required=True, metavar="COMMAND")
    p = models_sub.add_parser("pull", help="download model weights")
    p.add_argument("models", nargs="*", metavar="MODEL", help="default: the default models")
    p.add_argument(
        "--dest", help="folder to pull into (default: where the server looks, models/pulled)"
    )
    return parser

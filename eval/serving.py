"""Reach a Tidings server for the eval and bench scripts: a running one, or one started here."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path

from tidings.client import Client
from tidings.service.process import running_server

ROOT = Path(__file__).resolve().parent.parent


@contextlib.contextmanager
def server_client(
    target: str,
    start: bool,
    profile: str = "offline",
    wait_s: float = 300.0,
    extra_args: Sequence[str] = (),
) -> Iterator[tuple[Client, subprocess.Popen[bytes] | None]]:
    """A client for ``target``; with ``start``, a server process on its port for the duration.

    Waits until the server reports SERVING (its models are loaded) before yielding.
    """
    with contextlib.ExitStack() as stack:
        server = None
        if start:
            port = int(target.rpartition(":")[2])
            args = ("--profile", profile, *extra_args)
            server = stack.enter_context(running_server(*args, port=port, wait_s=wait_s, cwd=ROOT))
        with Client(target, timeout=120) as client:
            client.wait_until_serving(timeout=wait_s)
            yield client, server.proc if server else None

"""Reach a Tidings server for the eval and bench scripts: a running one, or one started here."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from tidings.client import Client

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
    server = None
    if start:
        port = target.rpartition(":")[2]
        env = dict(os.environ, TIDINGS_LOG_LEVEL=os.environ.get("TIDINGS_LOG_LEVEL", "WARNING"))
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tidings.service",
                "--port",
                port,
                "--profile",
                profile,
                *extra_args,
            ],
            cwd=ROOT,
            env=env,
        )
    try:
        with Client(target, timeout=120) as client:
            client.wait_until_serving(timeout=wait_s)
            yield client, server
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()

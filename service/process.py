"""Start a Tidings server as a child process and wait until it reports SERVING.

The one way `make demo`, the bench, the eval scripts and the tests that need the real process
(worker processes, signals, the metrics listener) start a server: the command line, the
environment (quiet logs unless asked), the wait (a server that exits while loading fails the
wait at once, with its exit code, instead of after the whole timeout) and the stop (SIGTERM,
then SIGKILL). Imports only the client and the standard library: no torch here.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import grpc
from tidings.client import Client, TidingsError

# How often the wait looks at whether the process is still alive.
_POLL_S = 1.0


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on now (the server binds it a moment later)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def server_command(port: int, *args: str) -> list[str]:
    return [sys.executable, "-m", "tidings.service", "--port", str(port), *args]


class ServerExited(RuntimeError):
    """The server process ended before it reported SERVING."""


@dataclass
class ServerProcess:
    proc: subprocess.Popen
    port: int
    host: str = "127.0.0.1"

    @property
    def target(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def pid(self) -> int:
        return self.proc.pid

    def wait_until_serving(self, timeout: float) -> None:
        """Block until SERVING; ServerExited if the process ends first, TidingsError
        (DEADLINE_EXCEEDED) after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with Client(self.target, timeout=timeout) as client:
            while True:
                code = self.proc.poll()
                if code is not None:
                    raise ServerExited(f"the server on {self.target} exited with {code}")
                left = deadline - time.monotonic()
                try:
                    client.wait_until_serving(timeout=max(0.01, min(_POLL_S, left)))
                    return
                except TidingsError as err:
                    if err.code != grpc.StatusCode.DEADLINE_EXCEEDED or left <= _POLL_S:
                        raise

    def stop(self, timeout: float = 30.0) -> int:
        """SIGTERM (a graceful stop), SIGKILL after ``timeout`` seconds; the exit code."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                return self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        return self.proc.wait(timeout)


def start_server(
    *args: str,
    port: int = 0,
    env: Mapping[str, str] | None = None,
    log_level: str | None = "WARNING",
    **popen: Any,
) -> ServerProcess:
    """``python -m tidings.service --port PORT ARGS...``, not waited for.

    ``port`` 0 picks a free one. ``env`` adds to (or overrides) this process's environment;
    ``log_level`` sets TIDINGS_LOG_LEVEL unless the environment already does (None: leave
    it). ``popen`` goes to subprocess.Popen (cwd, stderr, text, ...).
    """
    port = port or free_port()
    full_env = {**os.environ, **(env or {})}
    if log_level is not None:
        full_env.setdefault("TIDINGS_LOG_LEVEL", log_level)
    proc = subprocess.Popen(server_command(port, *args), env=full_env, **popen)
    return ServerProcess(proc, port)


@contextlib.contextmanager
def running_server(
    *args: str, wait_s: float = 300.0, stop_s: float = 30.0, **kwargs: Any
) -> Iterator[ServerProcess]:
    """A started server, SERVING, for the duration of the block; stopped after it."""
    server = start_server(*args, **kwargs)
    try:
        server.wait_until_serving(wait_s)
        yield server
    finally:
        server.stop(stop_s)

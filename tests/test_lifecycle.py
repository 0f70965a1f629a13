"""`python -m tidings.service` as a process: SERVING after load, graceful stop on SIGTERM."""

from __future__ import annotations

import signal
import subprocess
import threading

from tidings.client import Client
from tidings.service.process import start_server


def test_sigterm_lets_the_in_flight_call_finish(seed_text):
    # The profile from the environment: TIDINGS_* settings reach a started server.
    server = start_server(
        "--grace-period-s",
        "20",
        env={"TIDINGS_PROFILE": "offline"},
        log_level=None,
        stderr=subprocess.PIPE,
        text=True,
    )
    proc, port = server.proc, server.port
    try:
        with Client(f"127.0.0.1:{port}", timeout=60, retries=0) as client:
            server.wait_until_serving(120)
            results: list[object] = []
            call = threading.Thread(
                target=lambda: results.append(
                    client.summarize(seed_text, target_languages=["es", "fr", "ca", "gl"])
                )
            )
            call.start()
            # Let the call reach the server before the signal.
            threading.Event().wait(0.15)
            proc.send_signal(signal.SIGTERM)
            call.join(60)
            assert results and len(results[0].summaries) == 4
        assert proc.wait(60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    logs = proc.stderr.read()
    assert '"event": "stopping"' in logs and '"event": "stopped"' in logs
    # The call was still running when the stop began, and it completed before the exit.
    assert logs.index('"event": "stopping"') < logs.index('"event": "summarized"')
    assert "Former President" not in logs, "article text must not be logged unless debug is on"

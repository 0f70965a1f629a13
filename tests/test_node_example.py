"""The Node.js example (examples/node, @grpc/grpc-js + the proto loaded at run time) against a
real server: callers in other languages have a tested path."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "node"
NODE = shutil.which("node")

pytestmark = [
    pytest.mark.skipif(NODE is None, reason="node is not installed (Node.js 18+ runs the example)"),
    pytest.mark.skipif(
        not (EXAMPLE / "node_modules" / "@grpc" / "grpc-js").is_dir(),
        reason="examples/node/node_modules is missing: run `make node-example-deps`",
    ),
]


def test_node_example_summarizes_and_attributes(server):
    done = subprocess.run(
        [NODE, str(EXAMPLE / "summarize.js"), server.target],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["target"] == server.target
    assert out["source_language"] == "en"
    spanish = [s for s in out["summaries"] if s["language"] == "es"]
    assert len(spanish) == 1, out["summaries"]
    assert spanish[0]["sentences"] and all(s.strip() for s in spanish[0]["sentences"])
    names = [a["source_name"] or "" for a in out["attributions"]]
    assert any("TASS" in name for name in names), names
    tass = next(a for a in out["attributions"] if "TASS" in (a["source_name"] or ""))
    assert tass["content"]

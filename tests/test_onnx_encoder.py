"""Encoders on ONNX Runtime (models/onnx_encoder.py): the exported graph gives torch's answer,
int8 stays close, the export is cached by content, and a bad runtime name is refused."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from tidings.models.onnx_encoder import OnnxEncoder, cache_dir, check_runtime
from transformers import BertConfig, BertModel


@pytest.fixture()
def tiny_bert() -> BertModel:
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=64,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
    )
    return BertModel(config, add_pooling_layer=False).eval()


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_ONNX_CACHE", str(tmp_path / "onnx"))


def _batch() -> tuple[np.ndarray, np.ndarray]:
    ids = np.array([[2, 5, 9, 11, 3, 0, 0], [2, 7, 7, 8, 13, 21, 3]], dtype=np.int64)
    return ids, (ids != 0).astype(np.int64)


def _torch(model: BertModel, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    with torch.inference_mode():
        out = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask))
    return out.last_hidden_state.numpy()


def test_fp32_graph_matches_torch_on_any_batch_shape(tiny_bert):
    encoder = OnnxEncoder(tiny_bert, "tiny", "d1", int8=False)
    ids, mask = _batch()
    for rows, width in ((2, 7), (1, 4)):  # batch and length are dynamic axes
        got = encoder(ids[:rows, :width], mask[:rows, :width])
        want = _torch(tiny_bert, ids[:rows, :width], mask[:rows, :width])
        assert got.shape == want.shape
        real = mask[:rows, :width].astype(bool)
        assert np.abs(got[real] - want[real]).max() < 1e-4


def test_int8_is_close_to_fp32(tiny_bert):
    ids, mask = _batch()
    got = OnnxEncoder(tiny_bert, "tiny", "d1", int8=True)(ids, mask)
    want = _torch(tiny_bert, ids, mask)
    real = mask.astype(bool)
    a, b = got[real], want[real]
    cos = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    assert cos.min() > 0.95
    assert not np.allclose(a, b, atol=1e-6)  # it is quantized, not the fp32 graph again


def test_export_is_cached_by_name_digest_and_kind(tiny_bert):
    first = OnnxEncoder(tiny_bert, "tiny", "d1", int8=False)
    stamp = first.path.stat().st_mtime_ns
    again = OnnxEncoder(tiny_bert, "tiny", "d1", int8=False)
    assert again.path == first.path and again.path.stat().st_mtime_ns == stamp
    other = OnnxEncoder(tiny_bert, "tiny", "d2", int8=False)
    int8 = OnnxEncoder(tiny_bert, "tiny", "d1", int8=True)
    assert len({first.path, other.path, int8.path}) == 3
    assert all(p.parent == cache_dir() for p in (first.path, other.path, int8.path))
    assert sorted(p.name for p in cache_dir().iterdir()) == sorted(
        p.name for p in (first.path, other.path, int8.path)
    )  # no temporary files left behind


def test_unknown_runtime_is_refused_with_the_choices():
    assert check_runtime("onnx-int8", "embedder_runtime") == "onnx-int8"
    with pytest.raises(ValueError, match="embedder_runtime 'onnx8'.*torch, torch-int8, onnx"):
        check_runtime("onnx8", "embedder_runtime")

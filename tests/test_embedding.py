"""MiniLMEmbedder: shapes, normalisation, batching, and that meaning drives similarity."""

from __future__ import annotations

import numpy as np
import pytest
from tidings.models.embedding import MiniLMEmbedder, _length_batches

pytestmark = pytest.mark.slow


def test_shape_dtype_and_unit_norm(embedder: MiniLMEmbedder) -> None:
    texts = ["The council approved the budget.", "Rain is expected tomorrow.", "Hi"]
    vectors = embedder.embed(texts)
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_empty_input(embedder: MiniLMEmbedder) -> None:
    assert embedder.embed([]).shape == (0, 384)


def test_paraphrase_closer_than_unrelated(embedder: MiniLMEmbedder) -> None:
    a, b, c = embedder.embed(
        [
            "The prime minister resigned on Friday after losing a confidence vote.",
            "After a failed confidence vote, the premier stepped down on Friday.",
            "The recipe needs two cups of flour and a pinch of salt.",
        ]
    )
    assert float(a @ b) > 0.6
    assert float(a @ b) > float(a @ c) + 0.4


def test_batching_keeps_order_and_values(embedder: MiniLMEmbedder) -> None:
    # Lengths differ wildly so the texts land in different, reordered batches.
    texts = [
        "Short one.",
        " ".join(["The long sentence keeps going with more and more words."] * 40),
        "A medium sentence about the harbour reopening after the storm last week.",
        "Another short.",
    ]
    small_batches = MiniLMEmbedder(batch_size=1)
    together = embedder.embed(texts)
    alone = np.stack([small_batches.embed([t])[0] for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-4)
    assert float(together[0] @ together[3]) < 0.99  # not all the same vector


def test_overlong_text_is_truncated_not_rejected(embedder: MiniLMEmbedder) -> None:
    vector = embedder.embed(["word " * 5000])
    assert vector.shape == (1, 384)
    assert np.isfinite(vector).all()


def test_length_batches_cover_every_index_once() -> None:
    lengths = [5, 300, 7, 6, 40, 256, 9, 12, 11, 10]
    batches = _length_batches(lengths, batch_size=3)
    flat = sorted(i for b in batches for i in b)
    assert flat == list(range(len(lengths)))
    assert all(len(b) <= 3 for b in batches)
    # No batch mixes a short sentence with a cap-length one.
    for batch in batches:
        sizes = [lengths[i] for i in batch]
        assert max(sizes) <= 2 * max(min(sizes), 8)


def test_rejects_bad_batch_size() -> None:
    with pytest.raises(ValueError):
        MiniLMEmbedder(batch_size=0)


def test_concurrent_calls_match_sequential(embedder: MiniLMEmbedder) -> None:
    from concurrent.futures import ThreadPoolExecutor

    # Server workers share one embedder; results must not depend on interleaving.
    groups = [
        [f"Report number {i} on the harbour, item {j}." for j in range(i + 1)] for i in range(8)
    ]
    expected = [embedder.embed(g) for g in groups]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(embedder.embed, groups * 3))
    for i, vectors in enumerate(got):
        np.testing.assert_allclose(vectors, expected[i % len(groups)], atol=1e-5)

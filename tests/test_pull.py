"""`tidings models pull` and the offline lookup of pulled/cached weights (hf_loading)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import huggingface_hub
import pytest
import torch
from tidings.models import hf_loading
from tidings.models.base import NotReady
from tidings.models.hf_loading import resolve_device, weights_present
from tidings.models.pull import DEFAULT_MODELS, PullError, pull

MODEL_ID = "sshleifer/distilbart-cnn-12-6"


def write_snapshot(folder: Path, weights: str = "model.safetensors") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text("{}")
    if weights:
        (folder / weights).write_bytes(b"weights")
    return folder


@pytest.fixture()
def online(monkeypatch: pytest.MonkeyPatch) -> None:
    # conftest.py makes the whole session offline; pulling needs the opposite.
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")


def test_unreachable_hub_is_a_clear_error(online: None, tmp_path: Path) -> None:
    with pytest.raises(PullError) as caught:
        pull([MODEL_ID], dest=str(tmp_path))
    message = str(caught.value)
    assert MODEL_ID in message
    assert "http://127.0.0.1:9" in message
    assert "unreachable" in message
    assert not weights_present(MODEL_ID, pulled_dir=str(tmp_path))


def test_offline_mode_refuses_to_pull(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(PullError, match="HF_HUB_OFFLINE"):
        pull([MODEL_ID], dest=str(tmp_path))


def test_pull_writes_plain_folders(
    online: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[dict[str, Any]] = []

    def fake_snapshot_download(repo_id: str, **kwargs: Any) -> str:
        calls.append({"repo_id": repo_id, **kwargs})
        # Like the hub for old repos: only PyTorch pickles, served by the fallback call.
        if repo_id == MODEL_ID and "pytorch_model*.bin" in kwargs["allow_patterns"]:
            write_snapshot(Path(kwargs["local_dir"]), "pytorch_model.bin")
        elif repo_id != MODEL_ID:
            write_snapshot(Path(kwargs["local_dir"]))
        return kwargs["local_dir"]

    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_snapshot_download)
    models = [MODEL_ID, "Helsinki-NLP/opus-mt-en-de"]
    folders = pull(models, dest=str(tmp_path))
    assert folders == [
        str(tmp_path / "sshleifer--distilbart-cnn-12-6"),
        str(tmp_path / "Helsinki-NLP--opus-mt-en-de"),
    ]
    assert [c["repo_id"] for c in calls] == [MODEL_ID, MODEL_ID, "Helsinki-NLP/opus-mt-en-de"]
    assert all(c["endpoint"] == "http://127.0.0.1:9" for c in calls)
    assert not any(p.endswith(".bin") for p in calls[0]["allow_patterns"])
    for model in models:
        assert weights_present(model, pulled_dir=str(tmp_path))


def test_pull_without_weights_fails(
    online: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(huggingface_hub, "snapshot_download", lambda repo_id, **kw: kw["local_dir"])
    with pytest.raises(PullError, match="no config.json"):
        pull(["Helsinki-NLP/opus-mt-en-fr"], dest=str(tmp_path))


def test_default_models() -> None:
    assert MODEL_ID in DEFAULT_MODELS
    assert {"Helsinki-NLP/opus-mt-en-de", "Helsinki-NLP/opus-mt-de-en"} <= set(DEFAULT_MODELS)
    assert len(DEFAULT_MODELS) == len(set(DEFAULT_MODELS))
    assert all(m.count("/") == 1 for m in DEFAULT_MODELS)


def test_weights_present_for_folders(tmp_path: Path) -> None:
    assert weights_present(str(write_snapshot(tmp_path / "complete")))
    assert not weights_present(str(write_snapshot(tmp_path / "config-only", weights="")))
    assert not weights_present(str(tmp_path / "absent"))
    assert not weights_present(MODEL_ID, cache_dir=str(tmp_path), pulled_dir=str(tmp_path))


def test_weights_present_in_hf_cache(tmp_path: Path) -> None:
    repo = tmp_path / "models--sshleifer--distilbart-cnn-12-6"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text("abc123")
    write_snapshot(repo / "snapshots" / "abc123")
    assert weights_present(MODEL_ID, cache_dir=str(tmp_path), pulled_dir=str(tmp_path / "none"))
    assert hf_loading.locate(MODEL_ID, cache_dir=str(tmp_path)) == repo / "snapshots" / "abc123"


def test_missing_hub_id_error_names_it_and_the_remedy(tmp_path: Path) -> None:
    with pytest.raises(NotReady) as caught:
        hf_loading.load_seq2seq(
            "nobody/absent-model", "cpu", cache_dir=str(tmp_path), pulled_dir=str(tmp_path)
        )
    assert "nobody/absent-model" in str(caught.value)
    assert "tidings models pull" in str(caught.value)


def test_missing_package_is_not_ready(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import transformers

    def needs_sentencepiece(*args: Any, **kwargs: Any) -> None:
        raise ImportError("MarianTokenizer requires the SentencePiece library\nmore text")

    monkeypatch.setattr(transformers.AutoTokenizer, "from_pretrained", needs_sentencepiece)
    folder = write_snapshot(tmp_path / "opus-mt-en-de")
    with pytest.raises(NotReady, match=r"opus-mt-en-de.*SentencePiece"):
        hf_loading.load_seq2seq(str(folder), "cpu")


def test_resolve_device(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_device("cpu") == "cpu"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert resolve_device("auto") == "cuda"
    assert resolve_device("cuda:1") == "cuda:1"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert resolve_device("auto") == "cpu"
    with pytest.raises(ValueError, match="CUDA is not available"):
        resolve_device("cuda")
    with pytest.raises(ValueError, match="unknown device"):
        resolve_device("tpu")

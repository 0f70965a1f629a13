"""``tidings models pull``: download seq2seq checkpoints into the pulled folder.

Each hub id lands in ``<dest>/<owner>--<name>``, a plain folder (no cache symlinks) that can
be copied to machines without network; hf_loading looks there before the HF cache.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from tidings.models.hf_loading import PULLED_DIR, has_weights, pulled_name

log = logging.getLogger(__name__)

SUMMARIZER_MODELS = ["sshleifer/distilbart-cnn-12-6"]
# English to and from the languages the service summarises in; every one is a MarianMT model.
_OPUS_LANGUAGES = ("de", "fr", "es", "it", "ro", "nl", "ca", "gl")
_OPUS_REVERSE = ("de", "fr", "es", "it", "ro", "nl", "ca")  # opus-mt-gl-en does not exist
TRANSLATOR_MODELS = [f"Helsinki-NLP/opus-mt-en-{lang}" for lang in _OPUS_LANGUAGES] + [
    f"Helsinki-NLP/opus-mt-{lang}-en" for lang in _OPUS_REVERSE
]
DEFAULT_MODELS = SUMMARIZER_MODELS + TRANSLATOR_MODELS

# Only what loading needs: config, tokenizer, generation settings and one copy of the weights.
# TF/Flax/ONNX/Rust weights would multiply the download for nothing.
ALLOW_PATTERNS = ["*.json", "*.safetensors", "*.model", "*.spm", "*.txt", "vocab*"]
# Older repos (distilbart among them, in places) have only PyTorch pickles.
FALLBACK_PATTERNS = ["pytorch_model*.bin", "pytorch_model*.bin.index.json"]


class PullError(RuntimeError):
    """A model could not be downloaded; the message says which one, from where, and why."""


def _endpoint() -> str:
    # Read per call: huggingface_hub freezes HF_ENDPOINT at import time.
    return os.environ.get("HF_ENDPOINT") or "https://huggingface.co"


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}


def _has_safetensors(folder: Path) -> bool:
    return any(folder.glob("*.safetensors"))


def pull(models: list[str], dest: str = PULLED_DIR) -> list[str]:
    """Download each hub id into ``dest``; returns the local folders in the same order.

    Raises PullError naming the model and the endpoint on the first one that fails.
    """
    from huggingface_hub import snapshot_download

    if _offline():
        raise PullError("HF_HUB_OFFLINE is set: unset it to pull models from the hub")
    endpoint = _endpoint()
    folders: list[str] = []
    for model in models:
        target = Path(dest) / pulled_name(model)
        log.info("pulling %s from %s into %s", model, endpoint, target)
        try:
            path = snapshot_download(
                model, local_dir=str(target), endpoint=endpoint, allow_patterns=ALLOW_PATTERNS
            )
            if not _has_safetensors(Path(path)):
                path = snapshot_download(
                    model,
                    local_dir=str(target),
                    endpoint=endpoint,
                    allow_patterns=FALLBACK_PATTERNS,
                )
        except Exception as exc:  # the hub client raises a dozen unrelated types
            raise PullError(_explain(model, endpoint, exc)) from exc
        if not has_weights(Path(path)):
            raise PullError(
                f"pulled {model} into {path} but found no config.json with weights there"
            )
        folders.append(str(path))
    return folders


def _explain(model: str, endpoint: str, exc: Exception) -> str:
    from huggingface_hub.errors import (
        GatedRepoError,
        LocalEntryNotFoundError,
        RepositoryNotFoundError,
    )

    if isinstance(exc, GatedRepoError):
        reason = "the repository is gated: log in with an account that has access"
    elif isinstance(exc, RepositoryNotFoundError):
        reason = "no such repository (check the id)"
    elif isinstance(exc, LocalEntryNotFoundError | ConnectionError | TimeoutError):
        reason = "the hub is unreachable (no network, or a wrong HF_ENDPOINT)"
    else:
        reason = f"{type(exc).__name__}: {exc}"
    return (
        f"could not pull {model} from {endpoint}: {reason}. Pull on a machine with access and "
        f"copy {pulled_name(model)}/ into the pulled folder instead."
    )

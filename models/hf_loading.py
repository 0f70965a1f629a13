"""Loading Hugging Face seq2seq checkpoints for the abstractive engines, offline by default.

A model is named either by a local folder (a snapshot, e.g. what ``tidings models pull``
wrote) or by a hub id. A hub id is looked up, without network, first in the pulled folder
(``models/pulled/<owner>--<name>``) and then in the Hugging Face cache. Missing weights are
an error naming what was looked for: an engine never falls back to something else silently.
"""

from __future__ import annotations

import copy
import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from tidings.models.base import NotReady

log = logging.getLogger(__name__)

PULLED_DIR = "models/pulled"
# Any one of these next to config.json means the weights are there (sharded ones via index).
WEIGHT_FILES = (
    "model.safetensors",
    "model.safetensors.index.json",
    "pytorch_model.bin",
    "pytorch_model.bin.index.json",
)


def pulled_name(model: str) -> str:
    """Folder name a hub id gets under the pulled folder: '/' cannot appear in one."""
    return model.replace("/", "--")


def display_name(model: str) -> str:
    """Engine-facing name: a hub id as is, a folder by its basename (paths stay private)."""
    if _looks_like_path(model) or Path(model).is_dir():
        return Path(model).expanduser().resolve().name
    return model


def resolve_device(pref: str = "auto") -> str:
    """'cuda' when asked for (or 'auto') and available, else 'cpu'.

    An explicit 'cuda' on a machine without one is a configuration error, not a fallback.
    """
    import torch

    pref = (pref or "auto").strip().lower()
    if pref == "cpu":
        return "cpu"
    if pref == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if pref.startswith("cuda"):
        if not torch.cuda.is_available():
            raise ValueError(f"device {pref!r} requested but CUDA is not available")
        return pref
    if pref == "mps":
        if not torch.backends.mps.is_available():
            raise ValueError("device 'mps' requested but MPS is not available")
        return pref
    raise ValueError(f"unknown device {pref!r}: expected 'auto', 'cpu', 'cuda[:N]' or 'mps'")


def _looks_like_path(model: str) -> bool:
    # Hub ids are 'name' or 'owner/name'; anything else with a separator is a path.
    return (
        os.path.isabs(model)
        or model.startswith((".", "~"))
        or model.count("/") > 1
        or os.sep != "/"
        and os.sep in model
    )


def has_weights(folder: Path) -> bool:
    return (folder / "config.json").is_file() and any(
        (folder / name).is_file() for name in WEIGHT_FILES
    )


def _cached_snapshot(model: str, cache_dir: str | None) -> Path | None:
    """The HF-cache snapshot folder holding ``model``'s config and weights, if any."""
    from huggingface_hub import try_to_load_from_cache

    try:
        config = try_to_load_from_cache(model, "config.json", cache_dir=cache_dir)
    except Exception:  # malformed ids raise validation errors: simply not cached
        return None
    if not isinstance(config, str):
        return None
    folder = Path(config).parent
    return folder if has_weights(folder) else None


def locate(model: str, cache_dir: str | None = None, pulled_dir: str = PULLED_DIR) -> Path | None:
    """Local folder holding ``model`` (folder, pulled snapshot or HF cache), or None."""
    as_path = Path(model).expanduser()
    if as_path.is_dir() or _looks_like_path(model):
        return as_path if has_weights(as_path) else None
    pulled = Path(pulled_dir) / pulled_name(model)
    if has_weights(pulled):
        return pulled
    return _cached_snapshot(model, cache_dir)


def weights_present(model: str, cache_dir: str | None = None, pulled_dir: str = PULLED_DIR) -> bool:
    """True when ``model`` can be loaded with no network: config.json plus weights on disk."""
    return locate(model, cache_dir, pulled_dir) is not None


def missing_message(model: str, pulled_dir: str = PULLED_DIR) -> str:
    if Path(model).expanduser().is_dir() or _looks_like_path(model):
        return (
            f"no seq2seq weights in {model!r}: expected config.json and one of "
            f"{', '.join(WEIGHT_FILES)}"
        )
    return (
        f"weights for {model!r} are not on this machine (looked in "
        f"{Path(pulled_dir) / pulled_name(model)} and the Hugging Face cache); "
        f"run 'tidings models pull {model}' where the hub is reachable"
    )


def load_seq2seq(
    model: str,
    device: str,
    local_files_only: bool = True,
    cache_dir: str | None = None,
    pulled_dir: str = PULLED_DIR,
) -> tuple[Any, Any]:
    """(model, tokenizer) through the checkpoint's own Auto classes, in eval mode on ``device``.

    Raises NotReady naming the folder or id when the weights are not available.
    """
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    folder = locate(model, cache_dir, pulled_dir)
    if folder is None and local_files_only:
        raise NotReady(missing_message(model, pulled_dir))
    source = str(folder) if folder is not None else model
    try:
        tokenizer = AutoTokenizer.from_pretrained(
            source, local_files_only=local_files_only, cache_dir=cache_dir
        )
        network = AutoModelForSeq2SeqLM.from_pretrained(
            source, local_files_only=local_files_only, cache_dir=cache_dir
        )
    except ImportError as exc:
        # e.g. MarianTokenizer (every opus-mt model) needs the sentencepiece package.
        reason = str(exc).strip().splitlines()[0]
        raise NotReady(f"could not load {model!r}: a Python package is missing: {reason}") from exc
    except (OSError, ValueError) as exc:
        raise NotReady(f"could not load seq2seq model {model!r} from {source}: {exc}") from exc
    target = resolve_device(device)
    network.eval()
    network.to(target)
    log.info("loaded %s (%s) on %s", display_name(model), type(network).__name__, target)
    return network, tokenizer


def configure_generation(network: Any, max_new_tokens: int, num_beams: int) -> None:
    """Keep the checkpoint's generation settings, made deterministic with our length/beams.

    Set on the model itself: generate() merges its own config into any config passed in, and a
    checkpoint max_length next to max_new_tokens would log a warning on every call.
    """
    config = copy.deepcopy(network.generation_config)
    config.max_length = None
    # The decoder cannot go past its position embeddings, whatever was configured.
    positions = getattr(network.config, "max_position_embeddings", None)
    if positions:
        max_new_tokens = max(1, min(max_new_tokens, positions - 2))
    config.max_new_tokens = max_new_tokens
    config.num_beams = num_beams
    config.do_sample = False
    network.generation_config = config


def batched(indices: Sequence[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(indices), size):
        yield list(indices[start : start + size])


def count_truncated(tokenizer: Any, texts: Sequence[str], limit: int) -> list[int]:
    """Token counts of the texts longer than ``limit`` (logged by callers, never the text)."""
    lengths = (len(ids) for ids in tokenizer(list(texts), verbose=False)["input_ids"])
    return [n for n in lengths if n > limit]


def configure_threads(workers: int, threads: int = 0) -> int:
    """Give each model worker its share of the cores; oversubscribing 2 cores is far slower."""
    import torch

    if threads <= 0:
        threads = max(1, (os.cpu_count() or 1) // max(1, workers))
    torch.set_num_threads(threads)
    return threads

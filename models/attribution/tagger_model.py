"""The network of the trained attribution tagger: a BERT encoder with one BIO head per field.

Kept apart from the engine so that only this module (and training) imports torch. Weights are
one safetensors file (fp16 on disk, fp32 in memory) beside the encoder's config and tokenizer,
and a SHA256SUMS file that loading checks: a missing or altered file fails at start-up, naming it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import torch
from tidings.models.onnx_encoder import OnnxEncoder, files_key
from torch import nn
from transformers import AutoTokenizer, BertConfig, BertModel

from .tagger_data import FIELDS

WEIGHTS = "model.safetensors"
# Under int8, the feed-forward output layers stay fp32: their inputs (after GELU) have the
# widest range, and quantizing them cost the most agreement with fp32 logits.
KEEP_FP32 = r"layer\.\d+/output/dense/MatMul$"
META = "tagger.json"
SUMS = "SHA256SUMS"


class TaggerNet(nn.Module):
    def __init__(self, config: BertConfig) -> None:
        super().__init__()
        self.encoder = BertModel(config, add_pooling_layer=False)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)
        self.heads = nn.Linear(config.hidden_size, len(FIELDS) * 3)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Logits shaped (batch, pieces, field, tag)."""
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        logits = self.heads(self.dropout(hidden))
        return logits.view(*logits.shape[:2], len(FIELDS), 3)


class WeightsError(RuntimeError):
    """The tagger's files are missing or do not match their checksums."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_sums(folder: Path) -> None:
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.name != SUMS)
    lines = [f"{sha256(p)}  {p.name}" for p in files if p.suffix != ".md"]
    (folder / SUMS).write_text("\n".join(lines) + "\n", encoding="utf-8")


def verify(folder: Path) -> None:
    sums = folder / SUMS
    if not sums.is_file():
        raise WeightsError(f"attribution tagger: {sums} is missing")
    for line in sums.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        expected, name = line.split(None, 1)
        path = folder / name.strip()
        if not path.is_file():
            raise WeightsError(f"attribution tagger: {path} is missing")
        if sha256(path) != expected:
            raise WeightsError(f"attribution tagger: {path} does not match its SHA-256 in {sums}")


def save(net: TaggerNet, tokenizer: object, folder: Path, meta: dict) -> None:
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().to(torch.float16).contiguous() for k, v in net.state_dict().items()}
    save_file(state, str(folder / WEIGHTS))
    net.encoder.config.to_json_file(str(folder / "config.json"))
    tokenizer.save_pretrained(str(folder))  # type: ignore[attr-defined]
    (folder / META).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    write_sums(folder)


class _OnnxNet:
    """The exported network behind TaggerNet's call signature (torch tensors in and out)."""

    def __init__(self, encoder: OnnxEncoder) -> None:
        self.encoder = encoder

    def __call__(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return torch.from_numpy(self.encoder(input_ids.numpy(), attention_mask.numpy()))


def load(folder: Path, runtime: str = "torch") -> tuple[TaggerNet | _OnnxNet, object, dict]:
    """The network (eval mode; torch fp32 or int8 linear layers, or ONNX Runtime fp32 or int8:
    models/onnx_encoder.py), its tokenizer and its meta."""
    from safetensors.torch import load_file

    verify(folder)
    config = BertConfig.from_json_file(str(folder / "config.json"))
    net = TaggerNet(config)
    try:
        state = load_file(str(folder / WEIGHTS))
        net.load_state_dict({k: v.float() for k, v in state.items()})
    except Exception as exc:  # a truncated or foreign file: name it
        raise WeightsError(f"attribution tagger: cannot load {folder / WEIGHTS}: {exc}") from exc
    net.eval()
    if runtime == "torch-int8":
        net = torch.ao.quantization.quantize_dynamic(net, {nn.Linear}, dtype=torch.qint8)
    elif runtime.startswith("onnx"):
        key = files_key(folder / SUMS)  # rewritten whenever a weight file changes
        encoder = OnnxEncoder(
            net, f"tagger-{folder.name}", key, int8=runtime == "onnx-int8", keep_fp32=KEEP_FP32
        )
        net = _OnnxNet(encoder)
    tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    meta = json.loads((folder / META).read_text(encoding="utf-8"))
    return net, tokenizer, meta

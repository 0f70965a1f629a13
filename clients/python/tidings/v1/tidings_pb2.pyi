from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AttributionKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ATTRIBUTION_KIND_UNSPECIFIED: _ClassVar[AttributionKind]
    DIRECT: _ClassVar[AttributionKind]
    INDIRECT: _ClassVar[AttributionKind]
    MIXED: _ClassVar[AttributionKind]
ATTRIBUTION_KIND_UNSPECIFIED: AttributionKind
DIRECT: AttributionKind
INDIRECT: AttributionKind
MIXED: AttributionKind

class Span(_message.Message):
    __slots__ = ("start", "end")
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    start: int
    end: int
    def __init__(self, start: _Optional[int] = ..., end: _Optional[int] = ...) -> None: ...

class Article(_message.Message):
    __slots__ = ("text", "title", "publisher", "url", "language")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHER_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    text: str
    title: str
    publisher: str
    url: str
    language: str
    def __init__(self, text: _Optional[str] = ..., title: _Optional[str] = ..., publisher: _Optional[str] = ..., url: _Optional[str] = ..., language: _Optional[str] = ...) -> None: ...

class SummarizeRequest(_message.Message):
    __slots__ = ("article", "target_languages", "max_sentences")
    ARTICLE_FIELD_NUMBER: _ClassVar[int]
    TARGET_LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    MAX_SENTENCES_FIELD_NUMBER: _ClassVar[int]
    article: Article
    target_languages: _containers.RepeatedScalarFieldContainer[str]
    max_sentences: int
    def __init__(self, article: _Optional[_Union[Article, _Mapping]] = ..., target_languages: _Optional[_Iterable[str]] = ..., max_sentences: _Optional[int] = ...) -> None: ...

class SummarizeResponse(_message.Message):
    __slots__ = ("source_language", "source_language_detected", "source_language_confidence", "summaries", "attributions", "engines", "title", "publisher", "url", "warnings")
    SOURCE_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_LANGUAGE_DETECTED_FIELD_NUMBER: _ClassVar[int]
    SOURCE_LANGUAGE_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    SUMMARIES_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTIONS_FIELD_NUMBER: _ClassVar[int]
    ENGINES_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHER_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    source_language: str
    source_language_detected: bool
    source_language_confidence: float
    summaries: _containers.RepeatedCompositeFieldContainer[Summary]
    attributions: _containers.RepeatedCompositeFieldContainer[Attribution]
    engines: Engines
    title: str
    publisher: str
    url: str
    warnings: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, source_language: _Optional[str] = ..., source_language_detected: _Optional[bool] = ..., source_language_confidence: _Optional[float] = ..., summaries: _Optional[_Iterable[_Union[Summary, _Mapping]]] = ..., attributions: _Optional[_Iterable[_Union[Attribution, _Mapping]]] = ..., engines: _Optional[_Union[Engines, _Mapping]] = ..., title: _Optional[str] = ..., publisher: _Optional[str] = ..., url: _Optional[str] = ..., warnings: _Optional[_Iterable[str]] = ...) -> None: ...

class Summary(_message.Message):
    __slots__ = ("language", "text", "sentences", "translator", "pivot_language")
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    SENTENCES_FIELD_NUMBER: _ClassVar[int]
    TRANSLATOR_FIELD_NUMBER: _ClassVar[int]
    PIVOT_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    language: str
    text: str
    sentences: _containers.RepeatedCompositeFieldContainer[SummarySentence]
    translator: str
    pivot_language: str
    def __init__(self, language: _Optional[str] = ..., text: _Optional[str] = ..., sentences: _Optional[_Iterable[_Union[SummarySentence, _Mapping]]] = ..., translator: _Optional[str] = ..., pivot_language: _Optional[str] = ...) -> None: ...

class SummarySentence(_message.Message):
    __slots__ = ("text", "evidence", "attribution_indices", "source_name_span", "supported", "support")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTION_INDICES_FIELD_NUMBER: _ClassVar[int]
    SOURCE_NAME_SPAN_FIELD_NUMBER: _ClassVar[int]
    SUPPORTED_FIELD_NUMBER: _ClassVar[int]
    SUPPORT_FIELD_NUMBER: _ClassVar[int]
    text: str
    evidence: _containers.RepeatedCompositeFieldContainer[Span]
    attribution_indices: _containers.RepeatedScalarFieldContainer[int]
    source_name_span: Span
    supported: bool
    support: float
    def __init__(self, text: _Optional[str] = ..., evidence: _Optional[_Iterable[_Union[Span, _Mapping]]] = ..., attribution_indices: _Optional[_Iterable[int]] = ..., source_name_span: _Optional[_Union[Span, _Mapping]] = ..., supported: _Optional[bool] = ..., support: _Optional[float] = ...) -> None: ...

class Attribution(_message.Message):
    __slots__ = ("source", "source_span", "source_name", "source_named", "cue", "cue_span", "content", "content_span", "content_fragments", "kind", "confidence")
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_SPAN_FIELD_NUMBER: _ClassVar[int]
    SOURCE_NAME_FIELD_NUMBER: _ClassVar[int]
    SOURCE_NAMED_FIELD_NUMBER: _ClassVar[int]
    CUE_FIELD_NUMBER: _ClassVar[int]
    CUE_SPAN_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    CONTENT_SPAN_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FRAGMENTS_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    source: str
    source_span: Span
    source_name: str
    source_named: bool
    cue: str
    cue_span: Span
    content: str
    content_span: Span
    content_fragments: _containers.RepeatedCompositeFieldContainer[Span]
    kind: AttributionKind
    confidence: float
    def __init__(self, source: _Optional[str] = ..., source_span: _Optional[_Union[Span, _Mapping]] = ..., source_name: _Optional[str] = ..., source_named: _Optional[bool] = ..., cue: _Optional[str] = ..., cue_span: _Optional[_Union[Span, _Mapping]] = ..., content: _Optional[str] = ..., content_span: _Optional[_Union[Span, _Mapping]] = ..., content_fragments: _Optional[_Iterable[_Union[Span, _Mapping]]] = ..., kind: _Optional[_Union[AttributionKind, str]] = ..., confidence: _Optional[float] = ...) -> None: ...

class Engines(_message.Message):
    __slots__ = ("profile", "summarizer", "attribution", "language_detector", "segmenter", "aligner")
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    SUMMARIZER_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_DETECTOR_FIELD_NUMBER: _ClassVar[int]
    SEGMENTER_FIELD_NUMBER: _ClassVar[int]
    ALIGNER_FIELD_NUMBER: _ClassVar[int]
    profile: str
    summarizer: str
    attribution: str
    language_detector: str
    segmenter: str
    aligner: str
    def __init__(self, profile: _Optional[str] = ..., summarizer: _Optional[str] = ..., attribution: _Optional[str] = ..., language_detector: _Optional[str] = ..., segmenter: _Optional[str] = ..., aligner: _Optional[str] = ...) -> None: ...

class SummarizeStreamRequest(_message.Message):
    __slots__ = ("id", "request")
    ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    id: str
    request: SummarizeRequest
    def __init__(self, id: _Optional[str] = ..., request: _Optional[_Union[SummarizeRequest, _Mapping]] = ...) -> None: ...

class SummarizeStreamResponse(_message.Message):
    __slots__ = ("id", "response", "error")
    ID_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    id: str
    response: SummarizeResponse
    error: Error
    def __init__(self, id: _Optional[str] = ..., response: _Optional[_Union[SummarizeResponse, _Mapping]] = ..., error: _Optional[_Union[Error, _Mapping]] = ...) -> None: ...

class Error(_message.Message):
    __slots__ = ("code", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    message: str
    def __init__(self, code: _Optional[int] = ..., message: _Optional[str] = ...) -> None: ...

class TranslateRequest(_message.Message):
    __slots__ = ("texts", "source_language", "target_language")
    TEXTS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    TARGET_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    texts: _containers.RepeatedScalarFieldContainer[str]
    source_language: str
    target_language: str
    def __init__(self, texts: _Optional[_Iterable[str]] = ..., source_language: _Optional[str] = ..., target_language: _Optional[str] = ...) -> None: ...

class TranslateResponse(_message.Message):
    __slots__ = ("translations", "source_language", "source_language_detected", "source_language_confidence", "translator", "pivot_language", "warnings")
    TRANSLATIONS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    SOURCE_LANGUAGE_DETECTED_FIELD_NUMBER: _ClassVar[int]
    SOURCE_LANGUAGE_CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    TRANSLATOR_FIELD_NUMBER: _ClassVar[int]
    PIVOT_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    translations: _containers.RepeatedScalarFieldContainer[str]
    source_language: str
    source_language_detected: bool
    source_language_confidence: float
    translator: str
    pivot_language: str
    warnings: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, translations: _Optional[_Iterable[str]] = ..., source_language: _Optional[str] = ..., source_language_detected: _Optional[bool] = ..., source_language_confidence: _Optional[float] = ..., translator: _Optional[str] = ..., pivot_language: _Optional[str] = ..., warnings: _Optional[_Iterable[str]] = ...) -> None: ...

class ExtractAttributionsRequest(_message.Message):
    __slots__ = ("text", "language")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    text: str
    language: str
    def __init__(self, text: _Optional[str] = ..., language: _Optional[str] = ...) -> None: ...

class ExtractAttributionsResponse(_message.Message):
    __slots__ = ("attributions", "engine", "language", "language_detected", "warnings")
    ATTRIBUTIONS_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_DETECTED_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    attributions: _containers.RepeatedCompositeFieldContainer[Attribution]
    engine: str
    language: str
    language_detected: bool
    warnings: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, attributions: _Optional[_Iterable[_Union[Attribution, _Mapping]]] = ..., engine: _Optional[str] = ..., language: _Optional[str] = ..., language_detected: _Optional[bool] = ..., warnings: _Optional[_Iterable[str]] = ...) -> None: ...

class ListLanguagesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class TranslationPair(_message.Message):
    __slots__ = ("source", "target", "engine", "pivot_language")
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    PIVOT_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    source: str
    target: str
    engine: str
    pivot_language: str
    def __init__(self, source: _Optional[str] = ..., target: _Optional[str] = ..., engine: _Optional[str] = ..., pivot_language: _Optional[str] = ...) -> None: ...

class EngineInfo(_message.Message):
    __slots__ = ("role", "name", "model", "device")
    ROLE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    role: str
    name: str
    model: str
    device: str
    def __init__(self, role: _Optional[str] = ..., name: _Optional[str] = ..., model: _Optional[str] = ..., device: _Optional[str] = ...) -> None: ...

class ListLanguagesResponse(_message.Message):
    __slots__ = ("source_languages", "target_languages", "translation_pairs", "engines", "profile", "summary_languages")
    SOURCE_LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    TARGET_LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    TRANSLATION_PAIRS_FIELD_NUMBER: _ClassVar[int]
    ENGINES_FIELD_NUMBER: _ClassVar[int]
    PROFILE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    source_languages: _containers.RepeatedScalarFieldContainer[str]
    target_languages: _containers.RepeatedScalarFieldContainer[str]
    translation_pairs: _containers.RepeatedCompositeFieldContainer[TranslationPair]
    engines: _containers.RepeatedCompositeFieldContainer[EngineInfo]
    profile: str
    summary_languages: _containers.RepeatedCompositeFieldContainer[SummaryLanguages]
    def __init__(self, source_languages: _Optional[_Iterable[str]] = ..., target_languages: _Optional[_Iterable[str]] = ..., translation_pairs: _Optional[_Iterable[_Union[TranslationPair, _Mapping]]] = ..., engines: _Optional[_Iterable[_Union[EngineInfo, _Mapping]]] = ..., profile: _Optional[str] = ..., summary_languages: _Optional[_Iterable[_Union[SummaryLanguages, _Mapping]]] = ...) -> None: ...

class SummaryLanguages(_message.Message):
    __slots__ = ("source_language", "target_languages")
    SOURCE_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    TARGET_LANGUAGES_FIELD_NUMBER: _ClassVar[int]
    source_language: str
    target_languages: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, source_language: _Optional[str] = ..., target_languages: _Optional[_Iterable[str]] = ...) -> None: ...

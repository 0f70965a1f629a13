"""Fuzz (issue 14 item 8): arbitrary Unicode through the real offline pipeline and through a real
server. Control characters, right-to-left text and marks, combining marks, emoji, CRLF, NULs and
a 100,000-character article must never end INTERNAL, and every span a response returns must lie
inside its text (code points) and hold exactly the words the response says it holds."""

from __future__ import annotations

from collections.abc import Sequence

import grpc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tidings.models.base import EngineError, NotReady, Overloaded
from tidings.service.pipeline import SummaryRequest
from tidings.v1 import tidings_pb2 as pb
from tidings.v1 import tidings_pb2_grpc as pb_grpc

# Written for this test: ordinary news sentences, so the engines get past language detection
# and have sentences and attributions to cut, with the odd characters inside and between them.
WORDS = (
    "The minister said on Tuesday that the talks would resume next week.",
    '"We will not accept this," a spokesman told reporters in Cairo.',
    "According to the agency, prices rose by 4% in March.",
    "Experts believe the storm could reach the coast by Friday.",
    "El gobierno dijo que el acuerdo era posible.",
    "Le ministre a déclaré que la réforme serait adoptée.",
)
ODD = (
    "\r\n",
    "\n\n",
    "\t",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u2066\u2069",  # isolates
    "مرحبا بالعالم",
    "שלום עולם",
    "e\u0301\u0308\u0327",  # combining marks piled on one letter
    "\u200d",  # zero-width joiner
    "\ufeff",  # byte-order mark
    "👩‍👩‍👧‍👦",
    "🇪🇸",
    "😀" * 3,
    "\u2028\u2029",  # line and paragraph separators
    "＂ｆｕｌｌｗｉｄｔｈ＂",
    "« »",
    "<b>&amp;</b>",
)
# Any code point that UTF-8 (and so protobuf) can carry: lone surrogates cannot be sent.
ANY_CHAR = st.characters(exclude_categories=("Cs",))
PIECE = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(ODD),
    st.text(ANY_CHAR, max_size=20),
    st.text(st.characters(categories=("Cc", "Mn", "Zs", "Zl", "Zp", "Cf")), max_size=8),
)
TEXTS = st.lists(PIECE, min_size=1, max_size=15).map("".join)
LANGUAGE = st.sampled_from([None, "en", "es", "fr"])
TARGETS = st.sampled_from([(), ("es",), ("en", "fr")])
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# What a caller may be told: the request was bad, or the server busy. Never INTERNAL/UNKNOWN.
ALLOWED = {grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.RESOURCE_EXHAUSTED}


def _inside(span, length: int) -> bool:
    return 0 <= span.start <= span.end <= length


def _opt(message, name: str):
    """An optional field of a domain value (None when unset) or of a message (HasField)."""
    if isinstance(message, pb.Attribution | pb.SummarySentence):
        return getattr(message, name) if message.HasField(name) else None
    return getattr(message, name)


def check_attributions(text: str, attributions: Sequence) -> None:
    """Works on domain Attributions and pb.Attribution alike (same field names)."""
    for a in attributions:
        assert _inside(a.content_span, len(text)), (a, len(text))
        assert text[a.content_span.start : a.content_span.end] == a.content
        for piece in a.content_fragments:
            assert a.content_span.start <= piece.start <= piece.end <= a.content_span.end
        for span_name, words_name in (("source_span", "source"), ("cue_span", "cue")):
            span, words = _opt(a, span_name), _opt(a, words_name)
            if span is not None:
                assert _inside(span, len(text)), (a, len(text))
                if words is not None:
                    assert text[span.start : span.end] == words


def check_summaries(text: str, summaries: Sequence, attributions: Sequence) -> None:
    for summary in summaries:
        for sentence in summary.sentences:
            for span in sentence.evidence:
                assert _inside(span, len(text))
            for index in sentence.attribution_indices:
                assert index < len(attributions)
            name = _opt(sentence, "source_name_span")
            if name is not None:
                assert _inside(name, len(sentence.text)), (name, sentence.text)


# -- the pipeline, in this process --------------------------------------------------------


def _pipeline_or_refusal(call):
    try:
        return call()
    except (NotReady, Overloaded) as exc:  # not expected in one process at all
        pytest.fail(f"{type(exc).__name__}: {exc}")
    except EngineError:
        return None  # a readable refusal (INVALID_ARGUMENT): fine


@FUZZ
@given(text=TEXTS, language=LANGUAGE, targets=TARGETS)
def test_pipeline_summarize_and_attributions(pipeline, text, language, targets):
    request = SummaryRequest(text=text, language=language, targets=targets)
    result = _pipeline_or_refusal(lambda: pipeline.summarize(request))
    if result is not None:
        check_attributions(text, result.attributions)
        check_summaries(text, result.summaries, result.attributions)
    found = _pipeline_or_refusal(lambda: pipeline.extract_attributions(text, language))
    if found is not None:
        check_attributions(text, found.attributions)


@FUZZ
@given(texts=st.lists(TEXTS, min_size=1, max_size=3), target=st.sampled_from(["es", "en", "it"]))
def test_pipeline_translate(pipeline, texts, target):
    result = _pipeline_or_refusal(lambda: pipeline.translate(texts, target, "en"))
    if result is not None:
        assert len(result.translations) == len(texts)
        assert all(isinstance(t, str) for t in result.translations)


# -- the servicer, through a real server ---------------------------------------------------


@pytest.fixture(scope="module")
def stub(server):
    with grpc.insecure_channel(server.target) as channel:
        yield pb_grpc.TidingsStub(channel)


def _answer(call, request):
    try:
        return call(request, timeout=120)
    except grpc.RpcError as err:
        assert err.code() in ALLOWED, (err.code(), err.details())
        return None


def _summarize_request(text: str, language: str | None, targets) -> pb.SummarizeRequest:
    article = pb.Article(text=text, title="\u202eeltit\u200f")
    if language is not None:
        article.language = language
    return pb.SummarizeRequest(article=article, target_languages=list(targets))


@FUZZ
@given(text=TEXTS, language=LANGUAGE, targets=TARGETS)
def test_servicer_summarize_and_attributions(stub, text, language, targets):
    response = _answer(stub.Summarize, _summarize_request(text, language, targets))
    if response is not None:
        check_attributions(text, response.attributions)
        check_summaries(text, response.summaries, response.attributions)
    request = pb.ExtractAttributionsRequest(text=text)
    if language is not None:
        request.language = language
    found = _answer(stub.ExtractAttributions, request)
    if found is not None:
        check_attributions(text, found.attributions)


@FUZZ
@given(texts=st.lists(TEXTS, min_size=1, max_size=3), target=st.sampled_from(["es", "it"]))
def test_servicer_translate(stub, texts, target):
    request = pb.TranslateRequest(texts=texts, target_language=target, source_language="en")
    response = _answer(stub.Translate, request)
    if response is not None:
        assert len(response.translations) == len(texts)


@settings(max_examples=10, deadline=None)
@given(texts=st.lists(TEXTS, min_size=1, max_size=6))
def test_servicer_stream_items_each_answered(stub, texts):
    items = [
        pb.SummarizeStreamRequest(id=str(i), request=_summarize_request(t, "en", ()))
        for i, t in enumerate(texts)
    ]
    answers = list(stub.SummarizeStream(iter(items), timeout=120))
    assert sorted(a.id for a in answers) == sorted(i.id for i in items)
    for answer in answers:
        if answer.HasField("error"):
            assert answer.error.code not in (
                grpc.StatusCode.INTERNAL.value[0],
                grpc.StatusCode.UNKNOWN.value[0],
            )
        else:
            text = texts[int(answer.id)]
            check_attributions(text, answer.response.attributions)
            check_summaries(text, answer.response.summaries, answer.response.attributions)


def _long_article(size: int) -> str:
    """Exactly ``size`` code points: a news sentence, then odd characters (emoji, right-to-left
    text, combining marks, controls) in long runs of spaces, tabs and CRLF, over and over. The
    engines take about a second per 1,500 characters of words or symbols on two shared cores,
    so most of the length is blank: the length limits and offsets are what this case tests."""
    parts: list[str] = []
    total = 0
    i = 0
    while total < size:
        blank = (" " * 60 + "\t" + "\r\n") * 14
        part = WORDS[i % len(WORDS)] + " " + ODD[i % len(ODD)] + blank
        parts.append(part)
        total += len(part)
        i += 1
    return "".join(parts)[:size]


def test_servicer_100k_characters(stub, server):
    text = _long_article(server.settings.max_text_chars)
    assert len(text) == 100_000
    response = _answer(stub.Summarize, _summarize_request(text, "en", ("es",)))
    assert response is not None, "a 100k article within max_text_chars must be summarized"
    check_attributions(text, response.attributions)
    check_summaries(text, response.summaries, response.attributions)
    assert response.attributions, "the article is full of attributed sentences"
    for a in response.attributions:  # the odd characters stay inside the spans, exactly
        assert text[a.content_span.start : a.content_span.end] == a.content
    too_long = text + "x"
    with pytest.raises(grpc.RpcError) as refused:
        stub.Summarize(_summarize_request(too_long, "en", ()), timeout=60)
    assert refused.value.code() is grpc.StatusCode.INVALID_ARGUMENT

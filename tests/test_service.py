"""The real server on port 0, the real engines (offline profile), reached through the client."""

from __future__ import annotations

import threading
import time

import grpc
import pytest
from tidings.client import Client, TidingsError
from tidings.v1 import tidings_pb2 as pb

ARTICLE_ES = (
    "El gobierno de España anunció el lunes un nuevo plan de vivienda para los jóvenes. "
    "Según el ministro de Economía, la medida costará dos mil millones de euros. "
    "La oposición criticó el plan y dijo que llega demasiado tarde. "
    "Los sindicatos pidieron más inversión pública en vivienda social."
)


def _article_sentences(text: str, summary: pb.Summary) -> None:
    for sentence in summary.sentences:
        assert sentence.evidence, sentence.text
        for span in sentence.evidence:
            assert 0 <= span.start < span.end <= len(text)


def test_seed_summary_keeps_the_moscow_fact_and_credits_tass(client, seed_text):
    response = client.summarize(seed_text, max_sentences=3)
    assert response.source_language == "en"
    assert response.source_language_detected
    [english] = response.summaries
    assert english.language == "en" and english.translator == ""
    assert 1 <= len(english.sentences) <= 3
    _article_sentences(seed_text, english)
    moscow = [s for s in english.sentences if "Moscow" in s.text or "asylum" in s.text]
    assert moscow, english.text
    tass = [
        response.attributions[i]
        for s in moscow
        for i in s.attribution_indices
        if "TASS" in response.attributions[i].source_name
    ]
    assert tass, "the Moscow sentence must rest on the TASS attribution"
    cited = [s for s in moscow if s.HasField("source_name_span")]
    assert cited
    for s in cited:
        assert "TASS" in s.text[s.source_name_span.start : s.source_name_span.end] or s.text[
            s.source_name_span.start : s.source_name_span.end
        ] in {response.attributions[i].source_name for i in s.attribution_indices}
    assert response.engines.summarizer == "minilm-centrality"
    assert response.engines.profile == "offline"
    assert response.engines.attribution == "tagger:minilm-attr-v1"


def test_seed_in_three_languages_protects_names(client, seed_text):
    response = client.summarize(seed_text, target_languages=["es", "ca", "fr"], max_sentences=2)
    assert [s.language for s in response.summaries] == ["es", "ca", "fr"]
    english_len = None
    for summary in response.summaries:
        assert summary.translator.startswith("apertium:")
        assert 1 <= len(summary.sentences) <= 2
        english_len = english_len or len(summary.sentences)
        assert len(summary.sentences) == english_len
        _article_sentences(seed_text, summary)
        for sentence in summary.sentences:
            if not sentence.HasField("source_name_span"):
                continue
            span = sentence.source_name_span
            name = sentence.text[span.start : span.end]
            linked = [response.attributions[i] for i in sentence.attribution_indices]
            named = {a.source_name for a in linked if a.source_named}
            # Names pass through translation verbatim; unnamed sources are translated.
            assert name in named or (name and not linked[0].source_named), (name, named)
    named_spans = [
        s.source_name_span
        for summary in response.summaries
        for s in summary.sentences
        if s.HasField("source_name_span")
        and response.attributions[s.attribution_indices[0]].source_named
    ]
    assert named_spans, "the TASS sentence must carry the protected name in every language"
    french = response.summaries[2]
    assert french.pivot_language == "es"
    assert "|" in french.translator
    spanish = response.summaries[0].text
    assert "Moscú" in spanish or "asilo" in spanish, spanish


def test_max_sentences_is_respected(client, seed_text):
    for n in (1, 2, 4):
        response = client.summarize(seed_text, max_sentences=n)
        assert 1 <= len(response.summaries[0].sentences) <= n


def test_metadata_is_echoed(client, seed_text):
    response = client.summarize(
        seed_text, title="Assad in Moscow", publisher="Example Wire", url="https://example.org/a"
    )
    assert (response.title, response.publisher, response.url) == (
        "Assad in Moscow",
        "Example Wire",
        "https://example.org/a",
    )


def test_spanish_article_is_detected_and_summarized(client):
    response = client.summarize(ARTICLE_ES, target_languages=["es", "en"], max_sentences=2)
    assert response.source_language == "es" and response.source_language_detected
    assert [s.language for s in response.summaries] == ["es", "en"]
    assert response.summaries[1].translator.startswith("apertium:spa-eng")
    assert response.engines.attribution == "cue-rules"


def test_translate(client):
    response = client.translate(["The house is red.", "The government said"], "es")
    assert response.source_language == "en" and response.source_language_detected
    assert len(response.translations) == 2
    assert "casa" in response.translations[0].lower()
    assert response.translator.startswith("apertium:")


def test_translate_through_a_pivot_names_it(client):
    response = client.translate(["The house is red."], "it", source_language="en")
    assert response.pivot_language == "es"
    assert not response.source_language_detected


def test_extract_attributions(client, seed_text):
    response = client.extract_attributions(seed_text)
    assert response.language == "en"
    sources = {a.source_name for a in response.attributions}
    assert any("TASS" in s for s in sources)
    for a in response.attributions:
        assert seed_text[a.content_span.start : a.content_span.end] == a.content
        if a.HasField("source_span"):
            assert seed_text[a.source_span.start : a.source_span.end] == a.source


def test_attribution_engine_named_per_language(client):
    """French is served by its spaCy pipeline, Spanish by the cue rules; each says so."""
    fr = "« Nous allons réformer le bac », a déclaré le ministre de l'Éducation, Gabriel Attal."
    response = client.extract_attributions(fr, language="fr")
    assert response.engine == "spacy:fr_core_news_sm-3.8.0"
    assert [a.source_name for a in response.attributions] == ["Gabriel Attal"]
    es = "«Cerraremos las centrales de carbón», dijo la ministra Teresa Ribera."
    response = client.extract_attributions(es, language="es")
    assert response.engine == "cue-rules"
    assert [a.source_name for a in response.attributions] == ["Teresa Ribera"]


def test_list_languages(client):
    response = client.languages()
    assert response.profile == "offline"
    assert {"en", "es"} <= set(response.source_languages)
    assert {"es", "ca", "fr"} <= set(response.target_languages)
    pairs = {(p.source, p.target): p for p in response.translation_pairs}
    assert pairs[("en", "es")].engine == "apertium:eng-spa"
    assert (pairs[("en", "fr")].engine, pairs[("en", "fr")].pivot_language) == (
        "apertium:eng-spa|es-fr",
        "es",
    )
    roles = {e.role for e in response.engines}
    assert {"summarizer", "translator", "attribution", "language_detector"} <= roles


def test_stream_tags_each_result_and_survives_bad_items(client, seed_text):
    items = [
        ("seed", {"article": {"text": seed_text}, "max_sentences": 2}),
        ("empty", {"article": {"text": "   "}}),
        ("es", {"article": {"text": ARTICLE_ES}, "target_languages": ["en"]}),
    ]
    results = {r.id: r for r in client.summarize_many(items)}
    assert set(results) == {"seed", "empty", "es"}
    assert results["seed"].HasField("response")
    assert len(results["seed"].response.summaries[0].sentences) <= 2
    assert results["empty"].error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
    assert "empty" in results["empty"].error.message
    assert results["es"].response.summaries[0].language == "en"


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"text": "  \n "}, "article.text is empty"),
        ({"text": "Short text.", "language": "english"}, "not an ISO 639-1 code"),
        ({"text": "Short text.", "language": "ja"}, "not a language Tidings can read"),
        ({"text": "The house is red.", "target_languages": ["xx"]}, "cannot translate"),
        ({"text": "The house is red.", "target_languages": ["es", "es"]}, "more than once"),
        ({"text": "The house is red.", "max_sentences": 99}, "max_sentences must be"),
        ({"text": "12345 67890 !!!"}, "set article.language"),
    ],
)
def test_bad_input_is_invalid_argument_with_a_readable_message(client, kwargs, words):
    text = kwargs.pop("text")
    with pytest.raises(TidingsError) as err:
        client.summarize(text, **kwargs)
    assert err.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert words in err.value.message
    # ...and the server keeps serving.
    assert client.translate(["The house is red."], "es").translations


def test_oversized_article_is_rejected(client):
    with pytest.raises(TidingsError) as err:
        client.summarize("word " * 30_000)
    assert err.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert "limit is" in err.value.message


def test_translate_errors(client):
    with pytest.raises(TidingsError) as err:
        client.translate([], "es")
    assert err.value.code == grpc.StatusCode.INVALID_ARGUMENT
    with pytest.raises(TidingsError) as err:
        client.translate(["The house is red."], "")
    assert "target_language is required" in err.value.message


def test_unavailable_and_not_serving_until_models_load(offline_settings, pipeline):
    from tests.server_harness import ServerThread

    release = threading.Event()

    def slow_load(runtime):
        release.wait(30)
        runtime.pipeline = pipeline

    with ServerThread(offline_settings, load=slow_load) as server:
        with Client(server.target, retries=1, timeout=5) as client:
            assert client.health() == "NOT_SERVING"
            with pytest.raises(TidingsError) as err:
                client.translate(["The house is red."], "es")
            assert err.value.code == grpc.StatusCode.UNAVAILABLE
            release.set()
            client.wait_until_serving(timeout=10)
            assert client.health() == "SERVING"
            assert client.translate(["The house is red."], "es").translations


class _Gate:
    """A pipeline double whose calls block until released (to fill the server)."""

    def __init__(self, real):
        self.real = real
        self.engines = real.engines
        self.source_languages = real.source_languages
        self.release = threading.Event()

    def translate(self, *args):
        self.release.wait(10)
        return self.real.translate(*args)

    def summarize(self, request):
        raise RuntimeError("secret internal detail /home/x")


def test_overload_is_resource_exhausted_and_internal_errors_leak_nothing(
    offline_settings, pipeline
):
    from dataclasses import replace

    from tests.server_harness import ServerThread

    gate = _Gate(pipeline)
    settings = replace(offline_settings, max_in_flight=1)
    with ServerThread(settings, gate) as server:
        with Client(server.target, retries=1, timeout=20) as client:
            first = threading.Thread(target=client.translate, args=(["The house."], "es"))
            first.start()
            deadline = time.time() + 5
            while server.runtime.in_flight < 1 and time.time() < deadline:
                time.sleep(0.01)
            with pytest.raises(TidingsError) as err:
                client.translate(["The house."], "es")
            assert err.value.code == grpc.StatusCode.RESOURCE_EXHAUSTED
            # A RetryInfo says when a slot may free (about a call's time over the workers).
            assert err.value.retry_after is not None and 0 < err.value.retry_after <= 60
            gate.release.set()
            first.join(10)
            with pytest.raises(TidingsError) as err:
                client.summarize("The house is red.", language="en")
            assert err.value.code == grpc.StatusCode.INTERNAL
            assert "secret" not in err.value.message and "incident" in err.value.message


def test_stream_refuses_duplicate_and_missing_ids(client):
    items = [
        ("a", {"article": {"text": "The house is red. The car is blue.", "language": "en"}}),
        ("a", {"article": {"text": "The house is red. The car is blue.", "language": "en"}}),
        ("", {"article": {"text": "The house is red. The car is blue.", "language": "en"}}),
    ]
    results = list(client.summarize_many(items))
    errors = [r.error.message for r in results if r.HasField("error")]
    assert len(results) == 3
    assert any("already used" in m for m in errors)
    assert any("non-empty id" in m for m in errors)

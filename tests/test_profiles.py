"""Profiles decide which engines serve, explicitly: neural (seq2seq, tiny random models built
here), offline, and auto (neural where weights are present). Never a silent fallback."""

from __future__ import annotations

import logging
from dataclasses import replace

import grpc
import pytest
from tidings.client import Client, TidingsError
from tidings.models import registry
from tidings.service.config import Settings

ARTICLE = (
    "The minister said the budget would be presented on Tuesday. "
    "Officials confirmed that the bridge will reopen next week. "
    "According to the police, three people were arrested overnight. "
    "Heavy rain caused flooding in several northern towns."
)


@pytest.fixture(scope="module")
def neural_settings(bart_dir, marian_dir) -> Settings:
    return Settings(
        profile="neural",
        summarizer_model=bart_dir,
        translator_models={"en-de": marian_dir},
        workers=1,
    )


@pytest.fixture(scope="module")
def neural_server(neural_settings, one_torch_thread):
    from tidings.service.runtime import Runtime

    from tests.server_harness import ServerThread

    runtime = Runtime(neural_settings, health=None)
    pipeline = runtime.load()
    with ServerThread(neural_settings, pipeline) as server:
        yield server
    runtime.close()


def test_neural_profile_serves_seq2seq_engines_and_flags_support(neural_server):
    with Client(neural_server.target, timeout=60) as client:
        response = client.summarize(ARTICLE, target_languages=["en", "de"], max_sentences=2)
        languages = client.languages()
    assert response.engines.profile == "neural"
    assert response.engines.summarizer == "seq2seq:tiny-bart"
    assert response.engines.aligner == "minilm-lexical-aligner"
    english, german = response.summaries
    assert english.translator == "" and german.translator.startswith("opus-mt:")
    assert len(english.sentences) == len(german.sentences) <= 2
    for sentence in english.sentences:
        assert 0.0 <= sentence.support <= 1.0
        if sentence.supported:
            assert sentence.evidence
        for span in sentence.evidence:
            assert 0 <= span.start < span.end <= len(ARTICLE)
    # Only what was configured serves: no Apertium pair sneaks in under profile neural.
    assert {(p.source, p.target) for p in languages.translation_pairs} == {("en", "de")}
    assert {e.name for e in languages.engines if e.role == "summarizer"} == {"seq2seq:tiny-bart"}


def test_neural_profile_refuses_what_it_cannot_do(neural_server):
    with Client(neural_server.target, timeout=60) as client:
        with pytest.raises(TidingsError) as err:
            client.summarize(ARTICLE, target_languages=["es"])
        assert err.value.code == grpc.StatusCode.INVALID_ARGUMENT
        assert "cannot translate from 'en' to 'es'" in err.value.message
        spanish = "El gobierno anunció un plan nuevo. Los sindicatos pidieron más inversión."
        with pytest.raises(TidingsError) as err:
            client.summarize(spanish, language="es")
        assert "no summarizer for 'es'" in err.value.message


def test_neural_profile_without_weights_fails_at_start(neural_settings, tmp_path):
    settings = replace(neural_settings, summarizer_model=str(tmp_path / "missing"))
    with pytest.raises(ValueError, match="profile neural"):
        registry._build_summarizers(settings, embedder=object())


class _Embedder:
    name = "stand-in"


def test_auto_profile_uses_weights_present_and_says_what_it_chose(
    bart_dir, marian_dir, tmp_path, caplog
):
    settings = Settings(
        profile="auto",
        summarizer_model=str(tmp_path / "absent"),
        translator_models={"en-de": marian_dir, "en-fr": str(tmp_path / "absent")},
    )
    with caplog.at_level(logging.INFO, logger="tidings.registry"):
        chosen = registry._build_summarizers(settings, _Embedder())
        router = registry._build_translators(settings)
    assert {k: v.name for k, v in chosen.items()} == {"*": "minilm-centrality"}
    assert router.engine_for("en", "de").name == "opus-mt"
    assert router.engine_for("en", "fr").name == "apertium"
    assert any("summarizer weights absent" in r.getMessage() for r in caplog.records)
    assert any(getattr(r, "pair", None) == "en-fr" for r in caplog.records)
    present = registry._build_summarizers(replace(settings, summarizer_model=bart_dir), _Embedder())
    assert present["en"].name == "seq2seq:tiny-bart"
    assert present["*"].name == "minilm-centrality"
    router.close()

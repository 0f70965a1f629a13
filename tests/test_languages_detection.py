"""Language identification for short texts, batches and contradicted languages (issue 15.3)."""

from __future__ import annotations

import grpc
import pytest
from tidings.client import TidingsError
from tidings.models.base import InvalidInput
from tidings.models.language import LinguaDetector, mask_names
from tidings.service.language_choice import choose, choose_batch

LANGUAGES = ("en", "es", "fr", "it", "pt", "ca", "gl", "ro", "de")
ENGLISH_ARTICLE = (
    "The council voted on Monday to close the old bridge to cars, after engineers warned "
    "that its steel had rusted far more than anyone expected."
)


@pytest.fixture(scope="module")
def detector() -> LinguaDetector:
    return LinguaDetector(LANGUAGES)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hello world", "en"),
        ("Zoë Müller said the vote was close.", "en"),
        ("The house is red.", "en"),
        ("Das Haus ist rot.", "de"),
        ("La casa es roja.", "es"),
        ("Ha detto di no.", "it"),
        ("A spus că nu.", "ro"),
        ("Disse que não.", "pt"),
    ],
)
def test_short_texts_are_detected(detector, text, language):
    found = detector.detect(text)
    assert found is not None and found.language == language


def test_a_bare_name_or_a_toss_up_is_not_guessed(detector):
    assert detector.detect("Teresa Ribera") is None
    assert detector.detect("Hola mundo") is None  # Spanish or Portuguese: lingua cannot say


def test_name_runs_are_masked_but_a_sentence_start_is_kept():
    assert mask_names("Zoë Müller said the vote was close.") == "said the vote was close."
    assert mask_names("The house is red.") == "The house is red."
    assert mask_names("It rained. Ana Lima left early.") == "It rained. left early."


def test_a_given_language_the_text_contradicts_is_served_with_a_warning(detector):
    choice = choose(detector, ENGLISH_ARTICLE, "es", "article.language", LANGUAGES)
    assert choice.code == "es" and not choice.detected
    assert "'es'" in choice.warning and "'en'" in choice.warning
    assert choose(detector, ENGLISH_ARTICLE, "en", "article.language", LANGUAGES).warning == ""
    # lingua has no Galician: a declared Galician text is never called something else.
    assert choose(detector, ENGLISH_ARTICLE, "gl", "article.language", LANGUAGES).warning == ""


def test_a_batch_that_cannot_be_told_names_each_text(detector):
    with pytest.raises(InvalidInput) as err:
        choose_batch(detector, ["Teresa Ribera", "Hola mundo"], None, "source_language", LANGUAGES)
    message = str(err.value)
    assert "texts[0]" in message and "texts[1]" in message and "source_language" in message
    assert "Ribera" not in message  # the caller's text is never quoted back


def test_a_batch_in_two_languages_says_which_text_is_which(detector):
    texts = [ENGLISH_ARTICLE, "Le conseil a voté lundi la fermeture du vieux pont aux voitures."]
    with pytest.raises(InvalidInput) as err:
        choose_batch(detector, texts, None, "source_language", LANGUAGES)
    assert "texts[0] reads as en" in str(err.value) and "texts[1] reads as fr" in str(err.value)


def test_short_texts_in_one_batch_agree(detector):
    choice = choose_batch(
        detector, ["Hello world", "Zoë Müller said the vote was close."], None, "x", LANGUAGES
    )
    assert choice.code == "en" and choice.detected


# -- through the server --------------------------------------------------------------------


def test_short_english_texts_translate(client):
    response = client.translate(["Zoë Müller said the vote was close."], "fr")
    assert response.source_language == "en" and "Zoë Müller" in response.translations[0]
    response = client.translate(["Hello world"], "es")
    assert response.source_language == "en" and response.translations[0].strip()


def test_warning_field_on_a_contradicted_language(client):
    response = client.summarize(ENGLISH_ARTICLE, language="es", max_sentences=1)
    assert response.source_language == "es"
    assert len(response.warnings) == 1 and "'en'" in response.warnings[0]
    response = client.extract_attributions(ENGLISH_ARTICLE, language="es")
    assert response.warnings
    response = client.translate([ENGLISH_ARTICLE], "fr", source_language="es")
    assert response.warnings
    # Detected, or given and agreed with: no word about the language (a warning may still
    # name words the translator had no translation for).
    for warnings in (
        client.translate([ENGLISH_ARTICLE], "fr").warnings,
        client.translate([ENGLISH_ARTICLE], "fr", source_language="en").warnings,
    ):
        assert not [w for w in warnings if "reads as" in w], warnings


def test_translate_failure_names_the_text(client):
    with pytest.raises(TidingsError) as err:
        client.translate(["Teresa Ribera", "Hola mundo"], "fr")
    assert err.value.code == grpc.StatusCode.INVALID_ARGUMENT
    assert "texts[1]" in err.value.message

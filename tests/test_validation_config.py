"""Unit tests: settings precedence and the validation messages."""

from __future__ import annotations

import pytest
from tidings.models.base import InvalidInput, Unsupported
from tidings.service import validation
from tidings.service.config import load_settings


def test_settings_precedence_flags_over_env_over_file(tmp_path):
    config = tmp_path / "tidings.toml"
    config.write_text(
        'port = 6000\nprofile = "neural"\nworkers = 3\n'
        '[translator_models]\n"en-de" = "Helsinki-NLP/opus-mt-en-de"\n'
    )
    settings = load_settings(
        ["--config", str(config), "--port", "7000"],
        env={"TIDINGS_PORT": "6500", "TIDINGS_PROFILE": "offline"},
    )
    assert settings.port == 7000
    assert settings.profile == "offline"
    assert settings.workers == 3
    assert settings.translator_models == {"en-de": "Helsinki-NLP/opus-mt-en-de"}


def test_settings_env_lists_and_maps():
    settings = load_settings(
        [], env={"TIDINGS_SOURCE_LANGUAGES": "en, fr", "TIDINGS_TRANSLATOR_MODELS": "en-de=/m/x"}
    )
    assert settings.source_languages == ("en", "fr")
    assert settings.translator_models == {"en-de": "/m/x"}


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--profile", "fast"], "profile must be one of"),
        (["--port", "70000"], "port must be"),
        (["--translator-models", "english=x"], "look like 'en-de'"),
        (["--apertium-pool-size", "0"], "apertium_pool_size must be at least 1"),
        (["--apertium-other-routes", "-1"], "apertium_other_routes must be 0 or more"),
        (["--device", "tpu"], r"device must be one of auto, cpu, cuda, cuda:N, mps, not 'tpu'"),
        (["--device", "cuda:x"], "device must be one of"),
        (["--embedder-runtime", "int8"], "embedder_runtime must be one of torch, torch-int8"),
        (["--attribution-runtime", "onnx8"], "attribution_runtime must be one of .*onnx-int8"),
    ],
)
def test_bad_settings_are_refused(argv, words):
    with pytest.raises(ValueError, match=words):
        load_settings(argv, env={})


@pytest.mark.parametrize("device", ["auto", "cpu", "cuda", "cuda:1", "mps", "CUDA:0"])
def test_known_devices_are_accepted(device):
    assert load_settings(["--device", device], env={}).device == device


def test_apertium_pool_size_from_file_env_and_flag(tmp_path):
    config = tmp_path / "t.toml"
    config.write_text("apertium_pool_size = 3\n")
    assert load_settings([], env={}).apertium_pool_size == 2
    assert load_settings(["--config", str(config)], env={}).apertium_pool_size == 3
    env = {"TIDINGS_APERTIUM_POOL_SIZE": "4"}
    assert load_settings(["--config", str(config)], env=env).apertium_pool_size == 4
    flags = ["--config", str(config), "--apertium-pool-size", "1"]
    assert load_settings(flags, env=env).apertium_pool_size == 1


def test_unknown_setting_in_file(tmp_path):
    config = tmp_path / "t.toml"
    config.write_text("prot = 1\n")
    with pytest.raises(ValueError, match="unknown settings.*prot"):
        load_settings(["--config", str(config)], env={})


def test_validation_messages():
    with pytest.raises(InvalidInput, match="article.text is empty"):
        validation.check_text(" \n", "article.text", 10)
    with pytest.raises(InvalidInput, match="11 characters; the limit is 10"):
        validation.check_text("x" * 11, "article.text", 10)
    assert validation.target_languages([" FR ", "de"], 8) == ["fr", "de"]
    with pytest.raises(InvalidInput, match="more than once"):
        validation.target_languages(["fr", "FR"], 8)
    assert validation.max_sentences(0) == validation.DEFAULT_MAX_SENTENCES
    with pytest.raises(InvalidInput, match="between 1 and"):
        validation.max_sentences(5)
    with pytest.raises(Unsupported, match="from 'en' this server offers: ca, es"):
        validation.check_target("en", "ja", {"es", "ca"})
    validation.check_target("en", "en", set())

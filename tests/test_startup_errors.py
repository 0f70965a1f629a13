"""A new user's start: pulled default weights are found without naming them, and a start-up
error is one readable line on stderr with exit code 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tidings.models import registry
from tidings.models.hf_loading import pulled_name
from tidings.models.pull import SUMMARIZER_MODELS
from tidings.service.config import Settings
from tidings.service.server import _last_line

ROOT = Path(__file__).resolve().parents[1]


def _serve(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    env = {k: v for k, v in env.items() if not k.startswith("TIDINGS_")}
    return subprocess.run(
        [sys.executable, "-m", "tidings.service", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _assert_one_line(done: subprocess.CompletedProcess[str], *words: str) -> str:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("tidings serve:")]
    assert len(lines) == 1, done.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_neural_profile_with_nothing_pulled_is_one_line_exit_2(tmp_path):
    empty = tmp_path / "pulled"
    empty.mkdir()
    done = _serve("--profile", "neural", "--models-dir", str(empty), "--port", "0", cwd=tmp_path)
    _assert_one_line(done, "summarizer_model", str(empty), "tidings models pull")


def test_bad_setting_is_one_line_exit_2(tmp_path):
    done = _serve("--device", "tpu", "--port", "0", cwd=tmp_path)
    _assert_one_line(done, "device must be one of", "'tpu'")


def _pull_into(models_dir: Path, model: str, weights: str) -> None:
    (models_dir / pulled_name(model)).symlink_to(weights, target_is_directory=True)


def test_pulled_defaults_are_found_when_nothing_is_configured(tmp_path, bart_dir, marian_dir):
    models_dir = tmp_path / "pulled"
    models_dir.mkdir()
    settings = Settings(profile="neural", models_dir=str(models_dir))
    assert registry.pulled_summarizer(settings) == ""
    assert registry.pulled_translators(settings) == {}
    _pull_into(models_dir, SUMMARIZER_MODELS[0], bart_dir)
    _pull_into(models_dir, "Helsinki-NLP/opus-mt-en-de", marian_dir)
    _pull_into(models_dir, "Helsinki-NLP/opus-mt-de-en", marian_dir)
    assert registry.pulled_summarizer(settings) == SUMMARIZER_MODELS[0]
    assert registry.pulled_translators(settings) == {
        "en-de": "Helsinki-NLP/opus-mt-en-de",
        "de-en": "Helsinki-NLP/opus-mt-de-en",
    }
    registry.check_weights(settings)  # nothing missing: no error
    chosen = registry._build_summarizers(settings, embedder=object())
    assert chosen["en"].name == "seq2seq:tiny-bart"
    router = registry._build_translators(settings)
    try:
        assert router.engine_for("en", "de").name == "opus-mt"
        assert router.engine_for("de", "en").name == "opus-mt"
    finally:
        router.close()
    # Configured models win over pulled ones.
    configured = Settings(
        profile="neural", models_dir=str(models_dir), summarizer_model=str(tmp_path / "x")
    )
    assert registry.pulled_summarizer(configured) == str(tmp_path / "x")


def test_worker_traceback_becomes_its_last_line():
    text = (
        "Traceback (most recent call last):\n  File 'x', line 1, in f\n"
        "tidings.models.attribution.tagger_model.WeightsError: attribution tagger: x is missing\n"
    )
    assert _last_line(RuntimeError(text)) == "WeightsError: attribution tagger: x is missing"
    assert _last_line(RuntimeError("ValueError: profile neural: y\n")) == "profile neural: y"

"""Shared fixtures: the real engines (offline profile), loaded once, behind a real server."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from tidings.service.config import Settings  # noqa: E402

SEED = os.path.join(os.path.dirname(__file__), "..", "seeds", "assad_moscow.txt")


@pytest.fixture(scope="session")
def seed_text() -> str:
    with open(SEED, encoding="utf-8") as fh:
        return fh.read()


@pytest.fixture(scope="session")
def bart_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A tiny random BART with a tokenizer trained here: the real classes, meaningless text."""
    from tests.tiny_models import build_tiny_bart

    return build_tiny_bart(tmp_path_factory.mktemp("models") / "tiny-bart")


@pytest.fixture(scope="session")
def marian_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    from tests.tiny_models import build_tiny_marian

    return build_tiny_marian(tmp_path_factory.mktemp("models") / "tiny-marian")


@pytest.fixture(scope="module")
def one_torch_thread() -> Iterator[None]:
    # Tiny models on a shared CPU: thread hand-offs cost 30x the arithmetic. Restored after.
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="session")
def embedder():
    """The real MiniLM sentence embedder (no state between calls), loaded once."""
    from tidings.models.embedding import MiniLMEmbedder

    return MiniLMEmbedder()


@pytest.fixture(scope="module")
def engine():
    """A real Apertium translator per test module: its pools and caches start empty."""
    from tidings.models.translators.apertium import ApertiumTranslator

    with ApertiumTranslator() as translator:
        yield translator


@pytest.fixture(scope="session")
def offline_settings() -> Settings:
    return Settings(profile="offline", workers=2)


@pytest.fixture(scope="session")
def pipeline(offline_settings):
    """The real offline engines: MiniLM summarizer, spaCy attributions, Apertium, lingua."""
    from tidings.service.runtime import Runtime

    runtime = Runtime(offline_settings, health=None)
    loaded = runtime.load()
    yield loaded
    runtime.close()


@pytest.fixture(scope="session")
def server(offline_settings, pipeline) -> Iterator[object]:
    from tests.server_harness import ServerThread

    with ServerThread(offline_settings, pipeline) as running:
        yield running


@pytest.fixture()
def client(server):
    from tidings.client import Client

    with Client(server.target, timeout=60) as c:
        yield c


@pytest.fixture(scope="module")
def running():
    """A fake Tidings server (tests/fake_tidings.py), one per test module that asks for it."""
    from tests.fake_tidings import start_fake_server

    server = start_fake_server()
    yield server
    server.stop()


@pytest.fixture
def srv(running, monkeypatch):
    """The fake server, reset, and named by TIDINGS_TARGET (the CLI reads it at parse time)."""
    running.reset()
    monkeypatch.setenv("TIDINGS_TARGET", running.target)
    return running

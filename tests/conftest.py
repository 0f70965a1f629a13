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

"""Fixtures: an application over a fresh store, filled through ``POST /articles``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_samples import AUTH, SAMPLE_ARTICLES, TOKEN, KeywordCoder
from fastapi.testclient import TestClient

from lagebild.api import create_app
from lagebild.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings with a write token, small batches and a small document limit."""
    return Settings(db=tmp_path / "api.duckdb", api_token=TOKEN, batch_size=3, max_document_bytes=20_000)


@pytest.fixture
def coder() -> KeywordCoder:
    """The stand-in pipeline."""
    return KeywordCoder()


@pytest.fixture
def client(settings: Settings, coder: KeywordCoder) -> Iterator[TestClient]:
    """A client of an empty server."""
    app = create_app(settings.db, settings, process=coder.process)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def filled(client: TestClient) -> TestClient:
    """A client of a server holding the sample articles."""
    response = client.post("/articles?wait=true", json=SAMPLE_ARTICLES, headers=AUTH)
    assert response.status_code == 200, response.text
    return client


@pytest.fixture(scope="session")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client of one server holding the sample articles, shared by tests that only read."""
    settings = Settings(api_token=TOKEN, batch_size=3, max_document_bytes=20_000)
    app = create_app(
        tmp_path_factory.mktemp("reader") / "reader.duckdb", settings, process=KeywordCoder().process
    )
    with TestClient(app) as test_client:
        response = test_client.post("/articles?wait=true", json=SAMPLE_ARTICLES, headers=AUTH)
        assert response.status_code == 200, response.text
        yield test_client

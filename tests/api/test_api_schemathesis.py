"""Schemathesis against the API's own OpenAPI schema, with the write token.

Every operation of the schema gets generated requests, ones that fit the schema and ones that
do not, sent with the token; no answer may be a server error (5xx), and every answer must
conform to the schema: a status code it documents, the documented content type and headers,
and a body of the documented shape. The number of examples per operation and mode is bounded
(``MAX_EXAMPLES``) and generation is derandomised, so the module runs in well under a minute
and the same way every time.

The application runs over a store that already holds the sample articles (so reads find
something), with the keyword coder standing in for the pipeline (see ``api_samples``).
Schemathesis's own pytest loader for fixtures (``from_fixture``) does not work with this
pytest, so each test loops over the schema's operations and runs Hypothesis on each.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from api_samples import AUTH, SAMPLE_ARTICLES, TOKEN, KeywordCoder
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from lagebild.api import create_app
from lagebild.settings import Settings

MAX_EXAMPLES = 25
"""Generated requests per operation and generation mode; bounds the module's run time."""

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
"""No 5xx, and everything about the answer as the schema documents it."""

OPERATIONS = {
    ("GET", "/events"),
    ("GET", "/events/{event_id}"),
    ("GET", "/actors"),
    ("GET", "/dyads/{a}/{b}/timeline"),
    ("GET", "/articles/{article_id}"),
    ("GET", "/stats"),
    ("POST", "/articles"),
    ("GET", "/jobs/{job_id}"),
}
"""Operations the schema documents at least; every operation it documents is tested."""

NEGATIVE_OPERATIONS = {("GET", "/events"), ("GET", "/dyads/{a}/{b}/timeline"), ("POST", "/articles")}
"""Operations with inputs that can be invalid (types, enumerations, the body), at least."""


@pytest.fixture
def api_schema(tmp_path: Path) -> Any:
    """The schema of an application over a store holding the sample articles.

    One application per test: schemathesis's pytest plugin ends the application's lifespan
    (which closes its store) when the test that started it ends.
    """
    db = tmp_path / "api.duckdb"
    app_settings = Settings(db=db, api_token=TOKEN, batch_size=3, max_document_bytes=20_000)
    # Filled through a first application, closed again, so the one under test opens a store
    # that holds articles and events; schemathesis runs that one's start-up itself.
    with TestClient(create_app(db, app_settings, process=KeywordCoder().process)) as client:
        response = client.post("/articles?wait=true", json=SAMPLE_ARTICLES, headers=AUTH)
        assert response.status_code == 200, response.text
    app = create_app(db, app_settings, process=KeywordCoder().process)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def operations(api_schema: Any) -> dict[tuple[str, str], Any]:
    """The schema's operations by method and path."""
    found = [result.ok() for result in api_schema.get_all_operations()]
    return {(operation.method.upper(), operation.path): operation for operation in found}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_server_error_and_no_schema_violation(api_schema: Any, mode: GenerationMode) -> None:
    found = operations(api_schema)
    assert set(found) >= OPERATIONS
    tested = set()
    for (method, path), operation in sorted(found.items()):
        try:
            _examples(operation.as_strategy(generation_mode=mode))()
        except Unsatisfiable:
            if mode is GenerationMode.NEGATIVE:
                continue  # no input, or only free strings ("/articles/{article_id}"): nothing is invalid
            raise
        except Exception as exc:
            raise AssertionError(f"{method} {path} ({mode.value} data): {exc}") from exc
        tested.add((method, path))
    must = set(found) if mode is GenerationMode.POSITIVE else NEGATIVE_OPERATIONS
    assert must <= tested


def _examples(strategy: Any) -> Callable[[], None]:
    """A Hypothesis test sending each generated case with the token and checking the answer."""

    @given(case=strategy)
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        case.call_and_validate(headers=AUTH, checks=CHECKS)

    return run  # type: ignore[no-any-return]

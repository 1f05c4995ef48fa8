"""Property tests of the JSON API against its own OpenAPI document (schemathesis, in-process).

Every operation gets a few generated requests with a valid token; each answer must not be a
5xx and must match the document (status, content type, headers, body schema). Bounded by
``MAX_EXAMPLES`` so the whole file stays well under a minute.

The operations are driven with hypothesis directly (``operation.as_strategy()``) rather than
schemathesis' pytest plugin, whose fixture loader does not run under pytest 9.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from services.users import create_token
from tests.factories import PersonEmailFactory, UserFactory

MAX_EXAMPLES = 8


@pytest.fixture
def api_token(app) -> str:
    with app.app_context():
        UserFactory(email="schema@example.com", role="admin")
        # Some rows so reads find something (id 1 exists for path parameters).
        PersonEmailFactory(person__name="山田 太郎", email="taro@sample.co.jp")
        return create_token("schema@example.com").token


def operations(app) -> list:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def test_every_operation_is_covered(app) -> None:
    labels = {op.label for op in operations(app)}
    assert {"POST /api/v1/cards", "GET /api/v1/jobs/{job_id}", "GET /api/v1/contacts"} <= labels
    assert len(labels) >= 15


@pytest.mark.parametrize(
    "prefix",
    [
        "/api/v1/cards",
        "/api/v1/jobs",
        "/api/v1/contacts",
        "/api/v1/companies",
        "/api/v1/merge",
        "/api/v1/export",
    ],
)
def test_api_answers_match_the_document(app, api_token: str, prefix: str) -> None:
    headers = {"Authorization": f"Bearer {api_token}"}
    chosen = [op for op in operations(app) if op.path.startswith(prefix)]
    assert chosen, prefix
    for operation in chosen:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,  # the same examples every run: CI stays deterministic
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def check(case) -> None:  # type: ignore[no-untyped-def]
            # Schema-valid is not always acceptable (a random file is no image, a random
            # string no e-mail address): those answer 422, which the document declares.
            case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

        check()

"""The API keeps to its OpenAPI schema: schemathesis makes requests to every operation from the schema alone, valid
and invalid, against the app on the fixture graph, and checks that each answer is declared: its status, its media
type and its body's schema, and that none is a server error."""

from __future__ import annotations

import itertools

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from graph.config import ApiSettings

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Examples per operation and mode (valid and invalid requests): 13 operations, 2 modes, within about a minute.
EXAMPLES = 12


@pytest.fixture
def schema(fixture_graph, open_app):
    app = open_app(fixture_graph.settings.model_copy(update={"api": ApiSettings(api_key=None)})).app
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_every_answer_is_declared_in_the_schema(schema):
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {"GET /search", "GET /search/facets", "GET /suggest", "GET /decisions/{symbol}", "POST /cypher"} <= {
        operation.label for operation in operations}
    for operation, mode in itertools.product(operations, GenerationMode):
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def answers_as_declared(case):
            case.call_and_validate(checks=CHECKS)

        try:
            answers_as_declared()
        except Unsatisfiable:  # no parameter or body to get wrong (GET /health, /documents/{any string})
            assert mode is GenerationMode.NEGATIVE, operation.label

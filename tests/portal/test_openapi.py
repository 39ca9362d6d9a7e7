"""The served OpenAPI document describes every JSON route, and every answer fits its schema."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator
from starlette.routing import Route
from starlette.testclient import TestClient

from portal.world import World


def _validator(doc: dict[str, Any], path: str, status: str = "200") -> Draft202012Validator:
    schema = doc["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]
    return Draft202012Validator({**schema, "components": doc["components"]})


def test_the_document_is_openapi_3_1_and_lists_every_api_route(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assert doc["openapi"] == "3.1.0"
    routes = {
        r.path for r in client.app.routes if isinstance(r, Route) and r.path.startswith("/api/")
    }
    documented = {p.replace("{org_id}", "{org_id:int}").replace("{project_id}", "{project_id:int}")
                  for p in doc["paths"]}  # fmt: skip
    assert routes == documented
    for schema in doc["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_every_answer_validates_against_its_schema(client: TestClient, world: World) -> None:
    doc = client.get("/openapi.json").json()
    tx = world.events[-1].tx_hash
    calls = {
        "/api/status": "/api/status",
        "/api/organizations": "/api/organizations",
        "/api/organizations/{org_id}": "/api/organizations/1",
        "/api/projects": "/api/projects",
        "/api/projects/{project_id}": f"/api/projects/{world.wells}",
        "/api/donors/{address}": f"/api/donors/{world.refunded_donor}",
        "/api/tx/{tx_hash}": f"/api/tx/{tx}",
        "/api/tx/{tx_hash}/verify": f"/api/tx/{tx}/verify",
        "/api/deployment": "/api/deployment",
        "/api/search": "/api/search?q=water",
    }
    assert set(calls) == set(doc["paths"])
    for template, url in calls.items():
        answer = client.get(url)
        assert answer.status_code == 200, url
        _validator(doc, template).validate(answer.json())
    for pid in (world.school, world.fresh):
        _validator(doc, "/api/projects/{project_id}").validate(
            client.get(f"/api/projects/{pid}").json()
        )
    _validator(doc, "/api/projects/{project_id}", "404").validate(
        client.get("/api/projects/99").json()
    )


def test_the_api_page_lists_the_endpoints(client: TestClient) -> None:
    page = client.get("/api").text
    assert "/openapi.json" in page and "/api/projects/{project_id}" in page

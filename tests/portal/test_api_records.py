"""What the API says about organizations, projects and donors, against the trace model."""

from __future__ import annotations

from starlette.testclient import TestClient

from charitychain.trace.build import donor_trace, project_trace
from portal.world import World


def test_the_project_list_has_state_category_raised_goal_and_next_milestone(
    client: TestClient, world: World
) -> None:
    listed = {p["project_id"]: p for p in client.get("/api/projects").json()}
    assert sorted(listed) == [world.wells, world.school, world.fresh]
    for pid, summary in listed.items():
        trace = project_trace(world.events, pid)
        assert summary["state"] == trace.state
        assert summary["raised"] == trace.raised
        assert summary["min_goal"] == trace.min_goal
        assert summary["donors"] == len(trace.contributions)
    assert listed[world.wells]["category"] == "water"
    assert listed[world.school]["category"] == "education"
    assert listed[world.school]["asset"]["symbol"] == "dUSD"
    assert listed[world.wells]["next_milestone"] is None  # all released
    assert listed[world.school]["next_milestone"] is None  # failed
    assert listed[world.fresh]["next_milestone"]["index"] == 0


def test_an_organization_carries_its_vetting_history(client: TestClient, world: World) -> None:
    org = client.get("/api/organizations/1").json()
    assert org["name"] == "Clean Water Trust"
    assert [s["kind"] for s in org["steps"]] == ["applied", "approved", "suspended", "reinstated"]
    approved = org["steps"][1]
    assert org["approved_until"] == approved["approved_until"] > 0
    assert org["steps"][2]["reason_hash"].startswith("0x")
    assert org["status"] == org["standing"] == "Approved"
    assert org["projects"] == [world.wells, world.school, world.fresh]
    assert [a["project_id"] for a in org["audits"]] == [world.wells]
    assert client.get("/api/organizations").json() == [org]


def test_a_donors_money_adds_up_in_every_project(client: TestClient, world: World) -> None:
    record = client.get(f"/api/donors/{world.donor}").json()
    assert [p["project_id"] for p in record["projects"]] == [world.wells, world.fresh]
    for part in record["projects"]:
        assert part["accounted"] == part["given"]
    expected = donor_trace(world.events, world.donor)
    assert record["projects"][0]["released"] == expected.projects[0].released


def test_unknown_ids_and_malformed_input_are_clear_errors(client: TestClient) -> None:
    missing = client.get("/api/projects/99")
    assert missing.status_code == 404 and "unknown project 99" in missing.json()["error"]
    assert client.get("/api/organizations/7").status_code == 404
    bad = client.get("/api/donors/0x1234")
    assert bad.status_code == 400 and "20-byte hex address" in bad.json()["error"]
    assert client.get("/api/tx/0xnothex").status_code == 404
    unknown = client.get("/api/tx/0x" + "ab" * 32)
    assert unknown.status_code == 404 and "no transaction" in unknown.json()["error"]


def test_an_address_that_never_gave_has_an_empty_trace(client: TestClient) -> None:
    nobody = "0x" + "12" * 20
    record = client.get(f"/api/donors/{nobody}").json()
    assert record["projects"] == [] and record["donor"].lower() == nobody


def test_search_finds_projects_organizations_donors_and_transactions(
    client: TestClient, world: World
) -> None:
    def kinds(q: str) -> list[tuple[str, str]]:
        return [(h["kind"], h["url"]) for h in client.get("/api/search", params={"q": q}).json()]

    assert kinds("2") == [("project", "/projects/2")]
    assert ("organization", "/organizations/1") in kinds("clean water")
    assert kinds(world.donor.lower()) == [("donor", f"/donors/{world.donor}")]
    tx = world.events[-1].tx_hash
    assert kinds(tx.upper().replace("0X", "0x")) == [("tx", f"/tx/{tx.lower()}")]
    assert kinds("no such thing") == []

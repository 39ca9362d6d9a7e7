"""The JSON API returns the same objects as the CLI's --json, for every kind of record."""

from __future__ import annotations

from starlette.testclient import TestClient

from portal.world import World, cli_json


def test_a_project_is_the_same_object_as_trace_project_json(
    client: TestClient, world: World
) -> None:
    for pid in (world.wells, world.school, world.fresh):
        served = client.get(f"/api/projects/{pid}")
        assert served.status_code == 200
        assert served.json() == cli_json(world, "trace", "project", str(pid))


def test_a_donor_is_the_same_object_as_trace_donor_json(client: TestClient, world: World) -> None:
    for donor in (world.donor, world.refunded_donor):
        served = client.get(f"/api/donors/{donor}").json()
        assert served == cli_json(world, "trace", "donor", donor)
    only = client.get(f"/api/donors/{world.donor}", params={"project": world.fresh}).json()
    assert only == cli_json(world, "trace", "donor", world.donor, "--project", str(world.fresh))


def test_a_transaction_is_the_same_object_as_trace_tx_and_verify_tx_json(
    client: TestClient, world: World
) -> None:
    project = client.get(f"/api/projects/{world.wells}").json()
    tx = project["milestones"][0]["release"]["at"]["tx"]
    assert client.get(f"/api/tx/{tx}").json() == cli_json(world, "trace", "tx", tx)
    assert client.get(f"/api/tx/{tx}/verify").json() == cli_json(world, "verify", "tx", tx)


def test_the_deployment_check_is_the_same_object_as_verify_deployment_json(
    client: TestClient, world: World
) -> None:
    served = client.get("/api/deployment").json()
    assert served == cli_json(world, "verify", "deployment")
    assert served["ok"] is True

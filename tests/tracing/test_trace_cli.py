"""`charitychain trace|verify|tx` on the story history: text, --json, --csv, --html, errors."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from charitychain.chain.node import EphemeralNode
from charitychain.cli import cli
from charitychain.contracts.suite import record_deployment
from charitychain.metadata import canonical_json
from tracing.storyline import Story

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def run(story: Story, anvil: EphemeralNode, tmp_path: Path):  # type: ignore[no-untyped-def]
    shutil.copy(REPO / "brownie-config.yaml", tmp_path / "brownie-config.yaml")
    record_deployment(tmp_path, story.demo.deployment)

    def invoke(*args: str, expect: int = 0) -> Result:
        argv = ["--project", str(tmp_path), *args, "--rpc-url", anvil.url]
        result = CliRunner().invoke(cli, argv)
        assert result.exit_code == expect, result.output
        assert "Traceback" not in result.output
        return result

    return invoke


def test_trace_project_text_reconciles_and_shows_every_milestone(run) -> None:  # type: ignore[no-untyped-def]
    out = run("trace", "project", "1").output
    assert "Completed" in out and "reconciles with on-chain views" in out
    assert out.count("milestone ") >= 3 and "unexplained 0 ETH" in out


def test_trace_project_json_carries_totals_and_the_reconcile_verdict(run, story: Story) -> None:  # type: ignore[no-untyped-def]
    record = json.loads(run("--json", "trace", "project", str(story.cancelled)).output)
    assert record["state"] == "Cancelled" and record["reconciles"] is True
    assert record["raised"] == record["released"] + record["refunded"] + record["held"]
    assert record["refunds_outstanding"] + record["dust"] == record["held"]


def test_trace_project_csv_lists_every_movement(run) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.DictReader(io.StringIO(run("trace", "project", "2", "--csv").output)))
    kinds = [r["kind"] for r in rows]
    assert kinds.count("donation") == 2 and kinds.count("refund") == 2
    assert sum(int(r["amount"]) for r in rows if r["kind"] == "donation") == 3_500 * 10**6


def test_trace_donor_adds_up_and_writes_html(run, story: Story, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "donor.html"
    out = run("trace", "donor", story.demo.trace.donor, "--html", str(page)).output
    assert "adds up to 4 ETH of 4 ETH" in out
    assert "<svg" in page.read_text(encoding="utf-8")
    record = json.loads(run("--json", "trace", "donor", story.demo.trace.donor).output)
    assert all(p["accounted"] == p["given"] for p in record["projects"])


def test_trace_tx_describes_a_release(run, story: Story) -> None:  # type: ignore[no-untyped-def]
    release_tx = _release_tx(run)
    out = run("trace", "tx", release_tx).output
    assert "succeeded" in out and "released from project 1 milestone" in out
    rows = run("trace", "tx", release_tx, "--csv").output.splitlines()
    assert rows[0] == "event,contract,summary" and any("MilestoneReleased" in r for r in rows)


def _release_tx(run) -> str:  # type: ignore[no-untyped-def]
    record = json.loads(run("--json", "trace", "project", "1").output)
    return str(record["milestones"][0]["release"]["at"]["tx"])


def test_verify_tx_checks_status_canonical_block_and_deployment(run) -> None:  # type: ignore[no-untyped-def]
    record = json.loads(run("--json", "verify", "tx", _release_tx(run)).output)
    assert record["ok"] is True and record["confirmations"] >= 1
    assert {c[0] for c in record["checks"]} >= {"succeeded", "canonical", "recorded deployment"}
    missing = run("verify", "tx", "0x" + "ab" * 32, expect=1).output
    assert "FAILED" in missing


def test_verify_deployment_and_metadata(run, story: Story, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert json.loads(run("--json", "verify", "deployment").output)["ok"] is True
    wrong = tmp_path / "profile.json"
    wrong.write_text((REPO / "examples/metadata/organization.json").read_text("utf-8"), "utf-8")
    out = run("verify", "metadata", str(wrong), "--org", "1", expect=1).output
    assert "MISMATCH" in out  # the demo committed to another profile
    needs_org = run("verify", "metadata", str(wrong), expect=1).output
    assert "--org" in needs_org
    assert canonical_json({"b": 1, "a": "é"}) == '{"a":"é","b":1}'.encode()


def test_tx_status_reports_a_mined_transaction(run) -> None:  # type: ignore[no-untyped-def]
    record = json.loads(run("--json", "tx", "status", _release_tx(run)).output)
    assert record["state"] == "succeeded" and record["confirmations"] >= 1
    unknown = json.loads(run("--json", "tx", "status", "0x" + "cd" * 32).output)
    assert unknown["state"] == "unknown"


def test_trace_of_an_unknown_project_is_a_clear_error(run) -> None:  # type: ignore[no-untyped-def]
    out = run("trace", "project", "99", expect=1).output
    assert "unknown project 99" in out

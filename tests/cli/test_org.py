"""`charitychain org apply|approve|reject|suspend|reinstate|show|list`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from web3 import Web3

from charitychain.metadata import load_metadata
from cli.clitools import Cli


@pytest.fixture
def pending(run: Cli, metadata_dir: Path) -> int:
    """Organization 2, applied by dev:9 and pending review."""
    record = run.json(
        "org", "apply", "Books for Kids", str(metadata_dir / "organization.json"), account="dev:9"
    )
    return int(record["org_id"])


def test_org_apply_prints_the_new_id(run: Cli, metadata_dir: Path) -> None:
    result = run("org", "apply", "Books", str(metadata_dir / "organization.json"), account="dev:9")

    assert result.stdout.startswith("Organization 2 applied (tx 0x")


def test_org_apply_json_has_id_admin_and_tx(
    run: Cli, metadata_dir: Path, accounts: list[str]
) -> None:
    record = run.json(
        "org", "apply", "Books", str(metadata_dir / "organization.json"), account="dev:9"
    )

    assert record["org_id"] == 2
    assert record["admin"] == accounts[9]
    assert record["tx"].startswith("0x") and len(record["tx"]) == 66


def test_org_apply_puts_the_profile_hash_on_chain(
    run: Cli, metadata_dir: Path, pending: int
) -> None:
    profile = metadata_dir / "organization.json"

    record = run.json("org", "show", str(pending))

    assert record["profile_hash"] == load_metadata(profile, "organization").hash_hex
    assert (record["name"], record["status"], record["active"]) == (
        "Books for Kids",
        "Pending",
        False,
    )


def test_org_apply_with_an_invalid_profile_is_an_error(run: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "org.json"
    bad.write_text('{"kind": "organization", "name": ""}')

    result = run("org", "apply", "Bad", str(bad), account="dev:9", expect=1)

    assert result.stderr.startswith(f"Error: metadata file {bad} is not a valid organization")
    assert "name: '' should be non-empty" in result.stderr
    assert "Traceback" not in result.output


def test_org_approve_shows_the_expiry(run: Cli, pending: int) -> None:
    result = run("org", "approve", str(pending), "--until", "2031-01-01", account="dev:1")

    assert result.stdout.startswith(f"Organization {pending} approved until 2031-01-01")


def test_org_approve_json_has_the_timestamp(run: Cli, pending: int) -> None:
    record = run.json("org", "approve", str(pending), "--until", "1924992000", account="dev:1")

    assert record["approved_until"] == 1924992000
    assert record["action"] == f"approve organization {pending}"
    assert run.json("org", "show", str(pending))["status"] == "Approved"


def test_org_approve_by_a_non_reviewer_is_a_decoded_error(
    run: Cli, pending: int, accounts: list[str]
) -> None:
    error = run.fails("org", "approve", str(pending), account="dev:9")

    assert "approveOrganization would revert: AccessControlUnauthorizedAccount(" in error
    assert accounts[9] in error


def test_org_reject(run: Cli, pending: int) -> None:
    result = run("org", "reject", str(pending), "--reason", "no registration", account="dev:1")

    assert result.stdout.startswith(f"reject organization {pending}: done (tx 0x")
    assert run.json("org", "show", str(pending))["status"] == "Rejected"


def test_org_reject_json(run: Cli, pending: int) -> None:
    record = run.json("org", "reject", str(pending), account="dev:1")

    assert record["action"] == f"reject organization {pending}"


def test_org_suspend(run: Cli) -> None:
    result = run("org", "suspend", "1", "--reason", "audit pending", account="dev:1")

    assert result.stdout.startswith("suspend organization 1: done (tx 0x")
    assert run.json("org", "show", "1")["status"] == "Suspended"


def test_org_reinstate_after_suspension(run: Cli) -> None:
    run("org", "suspend", "1", account="dev:1")

    result = run("org", "reinstate", "1", account="dev:1", expect=None)

    if isinstance(result.exception, TypeError):
        pytest.fail(
            "BUG cli/org_cmd.py _reviewer_action('reinstate', with_reason=False): the --reason "
            "option is removed from command.params but command() still requires `reason`, so "
            f"every `org reinstate` crashes with {result.exception!r} (a traceback, exit 1); "
            "give `reason` a default"
        )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("reinstate organization 1: done (tx 0x")
    assert run.json("org", "show", "1")["status"] == "Approved"


def test_org_reinstate_json(run: Cli) -> None:
    run("org", "suspend", "1", account="dev:1")

    result = run("org", "reinstate", "1", account="dev:1", json=True, expect=None)

    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"BUG `org reinstate --json` crashes: {result.exception!r} (see test above)"
    )
    assert json.loads(result.stdout)["action"] == "reinstate organization 1"


def test_org_reinstate_takes_no_reason(run: Cli) -> None:
    error = run.fails("org", "reinstate", "1", "--reason", "x", account="dev:1", code=2)

    assert "No such option '--reason'" in error


def test_org_show_human(run: Cli, accounts: list[str]) -> None:
    result = run("org", "show", "1")

    assert "organization    1 Clean Water Collective" in result.stdout
    assert f"admin           {accounts[5]}" in result.stdout
    assert "status          Approved (active)" in result.stdout


def test_org_show_unknown_is_an_error(run: Cli) -> None:
    error = run.fails("org", "show", "9")

    assert "unknown organization 9: this deployment has organizations 1 to 1" in error


def test_org_list_human_and_json(run: Cli, pending: int, accounts: list[str]) -> None:
    text = run("org", "list").stdout
    record = run.json("org", "list")

    assert "Clean Water Collective" in text and "Books for Kids" in text
    assert [o["org_id"] for o in record["organizations"]] == [1, pending]
    assert record["organizations"][1]["admin"] == Web3.to_checksum_address(accounts[9])

"""`charitychain project create|show|list|close|cancel`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from web3 import Web3
from web3.contract import Contract

from charitychain.metadata import load_metadata
from cli.clitools import DAY, ETHER, EXAMPLES, Cli


def _create(run: Cli, metadata: Path, beneficiary: str, *extra: str, json: bool = False) -> object:
    args = (
        "project",
        "create",
        str(metadata),
        "--beneficiary",
        beneficiary,
        "--goal",
        "5",
        "--cap",
        "10",
        *extra,
    )
    return run.json(*args, account="dev:5") if json else run(*args, account="dev:5")


def test_project_create_prints_the_new_id(
    run: Cli, metadata_dir: Path, accounts: list[str]
) -> None:
    result = _create(run, metadata_dir / "project-future.json", accounts[6])

    assert result.stdout.startswith("Project 1 created (tx 0x")  # type: ignore[attr-defined]


def test_project_create_json_and_what_went_on_chain(
    run: Cli, w3: Web3, metadata_dir: Path, accounts: list[str]
) -> None:
    meta = metadata_dir / "project-future.json"
    now = int(w3.eth.get_block("latest")["timestamp"])

    record = _create(run, meta, accounts[6], "--deadline", "+10d", "--quorum", "3", json=True)

    assert record == {"project_id": 1, "org_id": 1, "tx": record["tx"]}  # type: ignore[index]
    shown = run.json("project", "show", "1")
    assert shown["min_goal"] == 5 * ETHER and shown["cap"] == 10 * ETHER
    assert shown["quorum"] == 3
    assert now + 10 * DAY <= shown["deadline"] <= now + 10 * DAY + 60
    assert shown["metadata_hash"] == load_metadata(meta, "project").hash_hex
    assert shown["category"] == "0x" + b"water".ljust(32, b"\0").hex()
    assert [m["bps"] for m in shown["milestones"]] == [3000, 3000, 4000]
    assert shown["challenge_threshold_bps"] == 2000  # the --threshold default, 20%


def test_project_create_from_the_unchanged_example_is_refused_for_past_due_dates(
    run: Cli, accounts: list[str]
) -> None:
    """examples/metadata/project.json has due dates in 2026; a deadline 30 days out is later."""
    result = run(
        "project",
        "create",
        str(EXAMPLES / "project.json"),
        "--beneficiary",
        accounts[6],
        "--goal",
        "5",
        "--cap",
        "10",
        account="dev:5",
        expect=None,
    )

    if result.exit_code == 0:
        return  # the chain clock is still before the example's first due date
    assert result.stderr.startswith(
        "Error: createProject would revert: EscrowMilestoneDueBeforeDeadline(index=0"
    )


def test_project_create_with_an_erc20_uses_its_decimals(
    run: Cli, metadata_dir: Path, accounts: list[str], token: Contract
) -> None:
    run("admin", "allow-token", token.address)

    _create(run, metadata_dir / "project-future.json", accounts[6], "--token", token.address)

    shown = run.json("project", "show", "1")
    assert shown["asset"] == {"address": token.address, "symbol": "TUSD", "decimals": 6}
    assert shown["min_goal"] == 5 * 10**6
    assert "raised       0 TUSD of goal 5 TUSD, cap 10 TUSD" in run("project", "show", "1").stdout


def test_project_create_with_a_wrong_checksum_beneficiary_is_an_error(
    run: Cli, metadata_dir: Path, accounts: list[str]
) -> None:
    bad = accounts[6][:2] + accounts[6][2:].swapcase()

    error = run.fails(
        "project",
        "create",
        str(metadata_dir / "project-future.json"),
        "--beneficiary",
        bad,
        "--goal",
        "5",
        "--cap",
        "10",
        account="dev:5",
    )

    assert f"--beneficiary {bad!r} has a wrong checksum" in error
    assert accounts[6] in error


def test_project_create_with_too_many_decimals_in_the_goal_is_an_error(
    run: Cli, metadata_dir: Path, accounts: list[str]
) -> None:
    error = run.fails(
        "project",
        "create",
        str(metadata_dir / "project-future.json"),
        "--beneficiary",
        accounts[6],
        "--goal",
        "0.0000000000000000001",
        "--cap",
        "10",
        account="dev:5",
    )

    assert "--goal '0.0000000000000000001' has more than 18 decimal places" in error


def test_project_show_human(run: Cli, active_project: int, accounts: list[str]) -> None:
    text = run("project", "show", str(active_project)).stdout

    assert f"project      {active_project} (organization 1)" in text
    assert "state        Active" in text
    assert f"beneficiary  {accounts[6]}" in text
    assert "raised       6 ETH of goal 5 ETH, cap 10 ETH" in text
    assert "held         6 ETH" in text
    assert "threshold 50%" in text
    assert "#  share  due" in text


def test_project_show_json(run: Cli, active_project: int) -> None:
    record = run.json("project", "show", str(active_project))

    assert (record["state"], record["raised"], record["held"]) == ("Active", 6 * ETHER, 6 * ETHER)
    assert record["asset"]["symbol"] == "ETH"
    assert [m["state"] for m in record["milestones"]] == ["Pending"] * 3


def test_project_show_unknown_names_the_range(run: Cli, funding_project: int) -> None:
    error = run.fails("project", "show", "5")

    assert "Error: unknown project 5: this deployment has projects 1 to 1" in error


def test_project_list_human_and_json(run: Cli, make_project: Callable[..., int]) -> None:
    assert run("project", "list").stdout.strip() == "No projects yet."
    make_project()
    make_project(goal="1", cap="2")

    text = run("project", "list").stdout
    record = run.json("project", "list")

    assert "id  org  state    raised  goal   deadline" in text
    assert [(p["project_id"], p["state"]) for p in record["projects"]] == [
        (1, "Funding"),
        (2, "Funding"),
    ]


def test_project_close_active(run: Cli, funding_project: int, travel: Callable[[int], int]) -> None:
    run("donate", str(funding_project), "5", account="dev:7")
    travel(8 * DAY)

    result = run("project", "close", str(funding_project))

    assert result.stdout.startswith(f"Project {funding_project} funding closed: Active (tx 0x")


def test_project_close_failed_json(
    run: Cli, funding_project: int, travel: Callable[[int], int]
) -> None:
    run("donate", str(funding_project), "1", account="dev:7")
    travel(8 * DAY)

    record = run.json("project", "close", str(funding_project))

    assert (record["active"], record["raised"]) == (False, ETHER)


def test_project_close_too_early_is_a_decoded_error(run: Cli, funding_project: int) -> None:
    error = run.fails("project", "close", str(funding_project))

    assert "closeFunding would revert: EscrowFundingStillOpen(projectId=1" in error


def test_project_cancel_by_the_organization(run: Cli, active_project: int) -> None:
    result = run("project", "cancel", str(active_project), account="dev:5")

    assert result.stdout.startswith(f"Project {active_project} cancelled (by organization) (tx 0x")


def test_project_cancel_json(run: Cli, active_project: int) -> None:
    record = run.json("project", "cancel", str(active_project), account="dev:5")

    assert (record["reason"], record["released"]) == ("by organization", 0)


def test_project_cancel_unknown_project_is_an_error(run: Cli) -> None:
    error = run.fails("project", "cancel", "3", account="dev:5")

    assert "unknown project 3: no project exists yet on this deployment" in error


def test_project_create_without_goal_is_a_usage_error(
    run: Cli, metadata_dir: Path, accounts: list[str]
) -> None:
    error = run.fails(
        "project",
        "create",
        str(metadata_dir / "project-future.json"),
        "--beneficiary",
        accounts[6],
        "--cap",
        "10",
        code=2,
    )

    assert "Missing option '--goal'" in error

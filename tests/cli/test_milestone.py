"""`charitychain milestone submit|approve|reject|challenge|release`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from charitychain.metadata import load_metadata
from cli.clitools import DAY, ETHER, Cli


def test_milestone_submit_prints_hash_and_round(
    run: Cli, active_project: int, metadata_dir: Path
) -> None:
    evidence = metadata_dir / "evidence.json"

    result = run("milestone", "submit", str(active_project), "0", str(evidence), account="dev:5")

    digest = load_metadata(evidence, "evidence").hash_hex
    assert result.stdout.startswith(
        f"Evidence {digest} submitted for milestone 0 of project {active_project}, review round 1"
    )


def test_milestone_submit_json(run: Cli, active_project: int, metadata_dir: Path) -> None:
    evidence = metadata_dir / "evidence.json"

    record = run.json(
        "milestone",
        "submit",
        str(active_project),
        "1",
        str(evidence),
        "--uri",
        "ipfs://e1",
        account="dev:5",
    )

    assert (record["index"], record["round"]) == (1, 1)
    assert record["evidence_hash"] == load_metadata(evidence, "evidence").hash_hex


def test_milestone_submit_for_a_missing_index_is_an_error(
    run: Cli, active_project: int, metadata_dir: Path
) -> None:
    error = run.fails(
        "milestone",
        "submit",
        str(active_project),
        "5",
        str(metadata_dir / "evidence.json"),
        account="dev:5",
    )

    assert f"project {active_project} has milestones 0 to 2, not 5" in error


def test_milestone_approve_human_then_json(run: Cli, in_review: int) -> None:
    first = run("milestone", "approve", str(in_review), "0", account="dev:2")
    assert first.stdout.startswith(
        f"Approved milestone 0 of project {in_review}: 1 approvals, 0 rejections, now InReview"
    )

    record = run.json("milestone", "approve", str(in_review), "0", account="dev:3")

    assert (record["approvals"], record["state"], record["approved"]) == (2, "Approved", True)


def test_milestone_approve_as_a_non_auditor_is_a_decoded_error(
    run: Cli, in_review: int, accounts: list[str]
) -> None:
    error = run.fails("milestone", "approve", str(in_review), "0", account="dev:9")

    assert error.strip() == (
        f"Error: voteMilestone would revert: EscrowNotAuditor(account={accounts[9]})"
    )


def test_milestone_approve_with_a_stale_hash_is_a_decoded_error(run: Cli, in_review: int) -> None:
    error = run.fails(
        "milestone", "approve", str(in_review), "0", "--hash", "0x" + "11" * 32, account="dev:2"
    )

    assert "EscrowEvidenceMismatch(" in error


def test_milestone_reject_human_and_json(run: Cli, in_review: int) -> None:
    first = run("milestone", "reject", str(in_review), "0", account="dev:2")
    assert first.stdout.startswith(f"Rejected milestone 0 of project {in_review}: 0 approvals"), (
        "BUG cli/milestone_cmd.py _vote: the message is built as f'{verb.capitalize()}d', so "
        f"'reject' prints 'Rejectd': {first.stdout.strip()!r}"
    )

    record = run.json("milestone", "reject", str(in_review), "0", account="dev:3")

    assert (record["rejections"], record["state"], record["approved"]) == (2, "Rejected", False)


def test_milestone_challenge_below_threshold(run: Cli, approved: int) -> None:
    result = run("milestone", "challenge", str(approved), "0", account="dev:8")

    assert result.stdout.startswith("Challenged milestone 0: still approved (tx 0x")


def test_milestone_challenge_json_reaching_threshold(run: Cli, approved: int) -> None:
    record = run.json("milestone", "challenge", str(approved), "0", account="dev:7")

    assert (record["weight"], record["returned_to_review"]) == (4 * ETHER, True)


def test_milestone_release_human(
    run: Cli, approved: int, accounts: list[str], travel: Callable[[int], int]
) -> None:
    travel(2 * DAY)

    result = run("milestone", "release", str(approved), "0")

    assert result.stdout.startswith(f"Released 1.8 ETH to {accounts[6]} (tx 0x")


def test_milestone_release_json(run: Cli, approved: int, travel: Callable[[int], int]) -> None:
    travel(2 * DAY)

    record = run.json("milestone", "release", str(approved), "0")

    assert (record["amount"], record["total_released"], record["completed"]) == (
        18 * ETHER // 10,
        18 * ETHER // 10,
        False,
    )


def test_milestone_release_in_the_window_is_an_error(run: Cli, approved: int) -> None:
    error = run.fails("milestone", "release", str(approved), "0")

    assert "is in its challenge window for" in error

"""`charitychain expense record` and `charitychain audit publish`."""

from __future__ import annotations

from pathlib import Path

from charitychain.contracts.suite import Suite
from charitychain.metadata import load_metadata
from cli.clitools import ETHER, Cli


def test_expense_record_human(
    run: Cli, released: int, metadata_dir: Path, accounts: list[str]
) -> None:
    result = run(
        "expense",
        "record",
        str(released),
        "0",
        str(metadata_dir / "expense.json"),
        "--payee",
        accounts[2],
        "--amount",
        "1.5",
        account="dev:5",
    )

    assert result.stdout.startswith("Expense 0 recorded (tx 0x")


def test_expense_record_json(
    run: Cli, released: int, metadata_dir: Path, accounts: list[str], deployed: Suite
) -> None:
    record = run.json(
        "expense",
        "record",
        str(released),
        "0",
        str(metadata_dir / "expense.json"),
        "--payee",
        accounts[2],
        "--amount",
        "0.5",
        account="dev:5",
    )

    assert (record["expense_id"], record["amount"], record["spent"]) == (0, ETHER // 2, ETHER // 2)
    assert deployed.ledger.functions.spent(released, 0).call() == ETHER // 2


def test_expense_record_over_the_release_is_a_decoded_error(
    run: Cli, released: int, metadata_dir: Path, accounts: list[str]
) -> None:
    error = run.fails(
        "expense",
        "record",
        str(released),
        "0",
        str(metadata_dir / "expense.json"),
        "--payee",
        accounts[2],
        "--amount",
        "4.5",
        account="dev:5",
    )

    assert "recordExpense would revert: LedgerExpenseExceedsRelease(" in error


def test_expense_record_with_a_malformed_payee_is_an_error(
    run: Cli, released: int, metadata_dir: Path
) -> None:
    error = run.fails(
        "expense",
        "record",
        str(released),
        "0",
        str(metadata_dir / "expense.json"),
        "--payee",
        "0xnothex",
        "--amount",
        "1",
        account="dev:5",
    )

    assert "--payee '0xnothex' is not a 20-byte hex address" in error


def test_audit_publish_human(run: Cli, released: int, metadata_dir: Path) -> None:
    result = run(
        "audit", "publish", str(released), str(metadata_dir / "audit.json"), account="dev:4"
    )

    assert result.stdout.startswith("Audit report 0 published (tx 0x")


def test_audit_publish_json(run: Cli, released: int, metadata_dir: Path) -> None:
    report = metadata_dir / "audit.json"

    record = run.json("audit", "publish", str(released), str(report), account="dev:4")

    assert record["report_id"] == 0
    assert record["report_hash"] == load_metadata(report, "audit").hash_hex


def test_audit_publish_by_the_organization_is_a_decoded_error(
    run: Cli, released: int, metadata_dir: Path, accounts: list[str]
) -> None:
    error = run.fails(
        "audit", "publish", str(released), str(metadata_dir / "audit.json"), account="dev:5"
    )

    assert f"LedgerNotAuditor(account={accounts[5]})" in error

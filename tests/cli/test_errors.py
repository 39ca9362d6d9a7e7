"""Error behaviour shared by every command: exit 1 with one `Error:` line, exit 2 for usage."""

from __future__ import annotations

from pathlib import Path

from web3 import Web3

from cli.clitools import Cli


def test_unknown_project(run: Cli, funding_project: int) -> None:
    error = run.fails("project", "show", "99")

    assert error == "Error: unknown project 99: this deployment has projects 1 to 1\n"


def test_malformed_address(run: Cli) -> None:
    error = run.fails("donor", "show", "0xabc")

    assert error == "Error: address '0xabc' is not a 20-byte hex address (0x + 40 hex digits)\n"


def test_wrong_checksum(run: Cli, accounts: list[str]) -> None:
    bad = accounts[3][:2] + accounts[3][2:].swapcase()

    error = run.fails("donor", "show", bad)

    assert f"did you mean {accounts[3]}?" in error


def test_too_many_decimals(run: Cli, funding_project: int) -> None:
    error = run.fails("donate", str(funding_project), "1.1234567890123456789", account="dev:7")

    assert "amount '1.1234567890123456789' has more than 18 decimal places" in error


def test_wrong_chain_id_signs_nothing(run: Cli, funding_project: int, w3: Web3) -> None:
    block = w3.eth.block_number

    error = run.fails(
        "donate", str(funding_project), "1", "--chain-id", "11155111", account="dev:7"
    )

    assert "serves chain id 31337, not the expected 11155111" in error
    assert "(nothing was signed)" in error
    assert w3.eth.block_number == block


def test_the_right_chain_id_is_accepted(run: Cli, funding_project: int) -> None:
    run("donate", str(funding_project), "1", "--chain-id", "31337", account="dev:7")


def test_missing_argument_is_a_usage_error(run: Cli) -> None:
    error = run.fails("milestone", "release", "1", code=2)

    assert "Missing argument 'INDEX'" in error


def test_unknown_command_is_a_usage_error(run: Cli) -> None:
    error = run.fails("projekt", "list", code=2)

    assert "No such command 'projekt'" in error


def test_an_unreachable_node_is_an_error(run: Cli, tmp_path: Path) -> None:
    offline = Cli(run.project, "http://127.0.0.1:9", run.env)

    error = offline.fails("project", "list")

    assert "No answer from http://127.0.0.1:9" in error


def test_verify_receipt_of_a_donation(run: Cli, funding_project: int, tmp_path: Path) -> None:
    out = tmp_path / "receipt.json"
    run(
        "donate",
        str(funding_project),
        "1",
        "--receipt",
        "Ada",
        "--receipt-out",
        str(out),
        account="dev:7",
    )

    result = run("verify", "receipt", str(out))

    assert result.stdout.startswith("Receipt verified: donation in tx 0x")

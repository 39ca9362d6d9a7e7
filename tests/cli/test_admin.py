"""`charitychain admin grant|revoke|allow-token|disallow-token|pause|unpause`."""

from __future__ import annotations

from web3.contract import Contract

from charitychain.contracts.suite import Suite
from cli.clitools import Cli


def test_admin_grant_human(run: Cli, deployed: Suite, accounts: list[str]) -> None:
    result = run("admin", "grant", "auditor", accounts[9])

    assert result.stdout.startswith(f"grant auditor to {accounts[9]}: done (tx 0x")
    assert deployed.registry.functions.isAuditor(accounts[9]).call()


def test_admin_grant_json(run: Cli, accounts: list[str]) -> None:
    record = run.json("admin", "grant", "reviewer", accounts[9].lower())

    assert record["action"] == f"grant reviewer to {accounts[9]}"  # checksummed


def test_admin_grant_an_unknown_role_is_a_usage_error(run: Cli, accounts: list[str]) -> None:
    error = run.fails("admin", "grant", "owner", accounts[9], code=2)

    assert "Invalid value for '{reviewer|auditor}'" in error or "'owner' is not one of" in error


def test_admin_grant_with_a_wrong_checksum_is_an_error(run: Cli, accounts: list[str]) -> None:
    bad = accounts[9][:2] + accounts[9][2:].swapcase()

    error = run.fails("admin", "grant", "auditor", bad)

    assert f"address {bad!r} has a wrong checksum (a typo?); did you mean {accounts[9]}?" in error


def test_admin_grant_as_a_non_admin_is_a_decoded_error(run: Cli, accounts: list[str]) -> None:
    error = run.fails("admin", "grant", "auditor", accounts[9], account="dev:9")

    assert "grantRole would revert: AccessControlUnauthorizedAccount(" in error


def test_admin_revoke_human_and_json(run: Cli, deployed: Suite, accounts: list[str]) -> None:
    text = run("admin", "revoke", "auditor", accounts[2]).stdout
    assert text.startswith(f"revoke auditor from {accounts[2]}: done")

    record = run.json("admin", "revoke", "reviewer", accounts[1])

    assert record["action"] == f"revoke reviewer from {accounts[1]}"
    assert not deployed.registry.functions.isAuditor(accounts[2]).call()


def test_admin_allow_token_human_and_disallow_json(
    run: Cli, deployed: Suite, token: Contract
) -> None:
    text = run("admin", "allow-token", token.address).stdout
    assert text.startswith(f"allow token {token.address}: done (tx 0x")
    assert deployed.registry.functions.isTokenAllowed(token.address).call()

    record = run.json("admin", "disallow-token", token.address)

    assert record["action"] == f"disallow token {token.address}"
    assert not deployed.registry.functions.isTokenAllowed(token.address).call()


def test_admin_allow_token_with_a_malformed_address_is_an_error(run: Cli) -> None:
    error = run.fails("admin", "allow-token", "usdc")

    assert "token 'usdc' is not a 20-byte hex address" in error


def test_admin_pause_human_and_unpause_json(run: Cli, deployed: Suite) -> None:
    assert run("admin", "pause").stdout.startswith("pause: done (tx 0x")
    assert deployed.escrow.functions.paused().call()

    record = run.json("admin", "unpause")

    assert record["action"] == "unpause"
    assert not deployed.escrow.functions.paused().call()


def test_donating_while_paused_is_a_decoded_error(run: Cli, funding_project: int) -> None:
    run("admin", "pause")

    error = run.fails("donate", str(funding_project), "1", account="dev:7")

    assert error.strip() == "Error: donate would revert: EnforcedPause()"

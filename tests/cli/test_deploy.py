"""`charitychain deploy`: deploys and records the suite under <project>/build/deployments."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from web3 import Web3

from charitychain.contracts.suite import MAP_FILE, load_deployment
from cli.clitools import Cli


@pytest.fixture
def fresh(run: Cli, tmp_path: Path) -> Cli:
    """The CLI on a new, empty project (so deploying does not replace the session suite)."""
    root = tmp_path / "fresh"
    root.mkdir()
    shutil.copy(run.project / "brownie-config.yaml", root / "brownie-config.yaml")
    return Cli(root, run.rpc_url, run.env)


def test_deploy_prints_the_three_addresses_and_records_them(fresh: Cli, w3: Web3) -> None:
    result = fresh("deploy")

    deployment = load_deployment(fresh.project, 31337)
    assert f"Deployed on chain 31337 (admin {w3.eth.accounts[0]}):" in result.stdout
    for name, address in deployment.addresses().items():
        assert f"{name:<16} {address}" in result.stdout
        assert len(w3.eth.get_code(address)) > 0


def test_deploy_json_gives_chain_id_and_addresses(fresh: Cli) -> None:
    record = fresh.json("deploy", "--grace", "1d")

    assert record["chain_id"] == 31337
    recorded = json.loads((fresh.project / MAP_FILE).read_text())["31337"]
    for name in ("CharityRegistry", "CharityEscrow", "ProjectLedger"):
        assert recorded[name] == [record[name]]


def test_deploy_from_another_dev_account_makes_it_admin(fresh: Cli, w3: Web3) -> None:
    result = fresh("deploy", account="dev:3")

    assert f"(admin {w3.eth.accounts[3]})" in result.stdout


def test_deploy_with_a_wrong_chain_id_signs_nothing(fresh: Cli, w3: Web3) -> None:
    block = w3.eth.block_number

    error = fresh.fails("deploy", "--chain-id", "1")

    assert "serves chain id 31337, not the expected 1" in error
    assert "nothing was signed" in error
    assert w3.eth.block_number == block
    assert not (fresh.project / MAP_FILE).exists()


def test_a_command_before_any_deploy_says_to_deploy_first(fresh: Cli) -> None:
    error = fresh.fails("project", "list")

    assert "No charitychain deployment is recorded for chain id 31337" in error
    assert "charitychain deploy" in error


def test_deploy_with_a_bad_duration_is_an_error(fresh: Cli) -> None:
    error = fresh.fails("deploy", "--grace", "two weeks")

    assert "--grace 'two weeks' is not a duration" in error

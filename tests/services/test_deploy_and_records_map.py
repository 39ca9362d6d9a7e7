"""Deploying the suite and recording/loading it in build/deployments/map.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from web3 import Web3

from charitychain.contracts.suite import (
    MAP_FILE,
    Deployment,
    DeploymentNotFound,
    load_deployment,
    record_deployment,
)
from charitychain.services.deploy import DEFAULT_GRACE, deploy_suite
from charitychain.services.transact import Signer

A1 = Web3.to_checksum_address("0x" + "11" * 20)
A2 = Web3.to_checksum_address("0x" + "22" * 20)
A3 = Web3.to_checksum_address("0x" + "33" * 20)
B1 = Web3.to_checksum_address("0x" + "aa" * 20)


def test_deploy_suite_deploys_three_contracts_with_the_signer_as_admin(
    w3: Web3, accounts: list[str], tmp_path: Path
) -> None:
    deployment = deploy_suite(w3, Signer(Web3.to_checksum_address(accounts[0])), root=tmp_path)

    assert deployment.chain_id == w3.eth.chain_id
    for address in deployment.addresses().values():
        assert len(w3.eth.get_code(address)) > 0
    assert load_deployment(tmp_path, deployment.chain_id) == deployment


def test_deploy_suite_without_root_records_nothing(
    w3: Web3, accounts: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    deploy_suite(w3, Signer(Web3.to_checksum_address(accounts[0])))

    assert not (tmp_path / MAP_FILE).exists()


def test_deploy_suite_passes_the_grace_period_to_the_escrow(w3: Web3, accounts: list[str]) -> None:
    from charitychain.contracts.suite import bind

    deployment = deploy_suite(w3, Signer(Web3.to_checksum_address(accounts[0])), grace=3600)

    suite = bind(w3, deployment)
    assert suite.escrow.functions.cancelGracePeriod().call() == 3600 != DEFAULT_GRACE


def test_record_then_load_round_trips_the_deployment(tmp_path: Path) -> None:
    deployment = Deployment(31337, A1, A2, A3)

    path = record_deployment(tmp_path, deployment)

    assert path == tmp_path / MAP_FILE
    assert load_deployment(tmp_path, 31337) == deployment


def test_record_puts_the_newest_address_first_like_brownie(tmp_path: Path) -> None:
    record_deployment(tmp_path, Deployment(31337, A1, A2, A3))
    record_deployment(tmp_path, Deployment(31337, B1, A2, A3))

    data = json.loads((tmp_path / MAP_FILE).read_text())
    assert data["31337"]["CharityRegistry"] == [B1, A1]
    assert data["31337"]["CharityEscrow"] == [A2]
    assert load_deployment(tmp_path, 31337).registry == B1


def test_record_keeps_other_chains(tmp_path: Path) -> None:
    record_deployment(tmp_path, Deployment(1337, A1, A2, A3))
    record_deployment(tmp_path, Deployment(31337, B1, A2, A3))

    assert load_deployment(tmp_path, 1337).registry == A1
    assert load_deployment(tmp_path, 31337).registry == B1


def test_load_without_a_map_file_says_which_chain_and_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(DeploymentNotFound) as caught:
        load_deployment(tmp_path, 31337)

    message = str(caught.value)
    assert "chain id 31337" in message
    assert str(tmp_path / MAP_FILE) in message
    assert "charitychain deploy" in message


def test_load_for_another_chain_id_is_not_found(tmp_path: Path) -> None:
    record_deployment(tmp_path, Deployment(1337, A1, A2, A3))

    with pytest.raises(DeploymentNotFound, match="chain id 31337"):
        load_deployment(tmp_path, 31337)

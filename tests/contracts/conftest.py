"""Fixtures for contract tests: one deployed system per session.

The system is deployed before the per-test snapshot, so every test starts from the same
freshly deployed registry/escrow/ledger with roles granted and one approved organization.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from story import System, deploy_system
from web3 import Web3
from web3.contract import Contract

from charitychain.compiler import CompileResult


@pytest.fixture(scope="session")
def system(
    w3: Web3,
    accounts: list[str],
    compiled: CompileResult,
    project_root: Path,
    deploy: Callable[..., Contract],
    chain_time: Callable[[], int],
    time_travel: Callable[[int], int],
) -> System:
    return deploy_system(
        w3,
        accounts,
        project_root,
        deploy,
        chain_time,
        time_travel,
        Web3.to_checksum_address("0x" + os.urandom(20).hex()),
    )


@pytest.fixture(autouse=True)
def isolation(system: System, w3: Web3) -> Iterator[None]:
    """Override of the root isolation: deploy the system first, then snapshot around each test."""
    snapshot = w3.provider.make_request("evm_snapshot", [])["result"]  # type: ignore[arg-type]
    yield
    w3.provider.make_request("evm_revert", [snapshot])  # type: ignore[arg-type]


@pytest.fixture
def token(system: System) -> Contract:
    """A standard OpenZeppelin ERC-20, allow-listed."""
    contract = system.deploy("MockERC20", "Test USD", "TUSD", 18)
    system.send(system.registry.functions.setTokenAllowed(contract.address, True), system.admin)
    return contract

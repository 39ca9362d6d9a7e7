"""Fixtures for contract tests: one deployed system per session.

The system is deployed before the per-test snapshot, so every test starts from the same
freshly deployed registry/escrow/ledger with roles granted and one approved organization.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from story import DAY, ERROR_SOURCES, GRACE, ONE, System, h
from web3 import Web3
from web3.contract import Contract

from charitychain.compiler import CompileResult
from charitychain.contracts.artifacts import load_build_artifact
from charitychain.contracts.revert import ErrorDecoder


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
    admin, reviewer, a1, a2, a3, org_admin, beneficiary, d1, d2, d3 = accounts
    outsider = Web3.to_checksum_address("0x" + os.urandom(20).hex())
    w3.provider.make_request("anvil_setBalance", [outsider, hex(1000 * ONE)])  # type: ignore[arg-type]
    w3.provider.make_request("anvil_impersonateAccount", [outsider])  # type: ignore[arg-type]

    registry = deploy("CharityRegistry", admin, 3 * DAY)
    escrow = deploy("CharityEscrow", registry.address, GRACE)
    ledger = deploy("ProjectLedger", registry.address, escrow.address)
    decoder = ErrorDecoder(load_build_artifact(n, project_root).abi for n in ERROR_SOURCES)

    s = System(
        w3=w3,
        registry=registry,
        escrow=escrow,
        ledger=ledger,
        admin=admin,
        reviewer=reviewer,
        auditors=[a1, a2, a3],
        org_admin=org_admin,
        beneficiary=beneficiary,
        donors=[d1, d2, d3],
        outsider=outsider,
        org_id=0,
        decoder=decoder,
        deploy=deploy,
        _now=chain_time,
        _travel=time_travel,
    )
    reviewer_role = registry.functions.REVIEWER_ROLE().call()
    auditor_role = registry.functions.AUDITOR_ROLE().call()
    s.send(registry.functions.grantRole(reviewer_role, reviewer), admin)
    for auditor in s.auditors:
        s.send(registry.functions.grantRole(auditor_role, auditor), admin)
    receipt = s.send(
        registry.functions.applyOrganization("Water for All", h("profile"), "ipfs://profile"),
        org_admin,
    )
    s.org_id = int(s.event(receipt, registry, "OrganizationApplied")["orgId"])
    s.send(registry.functions.approveOrganization(s.org_id, chain_time() + 3650 * DAY), reviewer)
    return s


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

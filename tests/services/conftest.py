"""Fixtures for service tests: one suite deployed through the services, before the snapshot.

The session fixture deploys registry/escrow/ledger with `deploy_suite`, grants a reviewer and
three auditors and approves one organization, all through the service functions. Every test
then starts from that state (snapshot/revert isolation) and builds projects with factories.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from eth_utils.crypto import keccak
from web3 import Web3
from web3.contract import Contract

from charitychain.chain import clock
from charitychain.contracts.artifacts import load_build_artifact
from charitychain.contracts.suite import Suite, bind
from charitychain.services import funding, governance
from charitychain.services.deploy import deploy_suite
from charitychain.services.inputs import ETH_ADDRESS
from charitychain.services.session import Session
from charitychain.services.transact import Signer, deploy_contract, send
from services.world import DAY, ETHER, Cast, World


@pytest.fixture(scope="session")
def world(w3: Web3, accounts: list[str]) -> World:
    signers = [Signer(Web3.to_checksum_address(a)) for a in accounts]
    admin, reviewer, a1, a2, a3, org_admin, beneficiary, d1, d2, d3 = signers
    cast = Cast(admin, reviewer, (a1, a2, a3), org_admin, beneficiary, (d1, d2, d3))
    suite = bind(w3, deploy_suite(w3, admin))
    governance.grant_role(Session(suite, admin), "reviewer", reviewer.address)
    for auditor in cast.auditors:
        governance.grant_role(Session(suite, admin), "auditor", auditor.address)
    applied = governance.apply_organization(
        Session(suite, org_admin), "Water for All", keccak(text="profile"), "ipfs://profile"
    )
    governance.approve_organization(
        Session(suite, reviewer), applied.org_id, clock.now(w3) + 3650 * DAY
    )
    return World(suite, cast, applied.org_id)


@pytest.fixture(autouse=True)
def isolation(world: World, w3: Web3) -> Iterator[None]:
    """Override of the root isolation: deploy first, then snapshot around each test."""
    snapshot = w3.provider.make_request("evm_snapshot", [])["result"]  # type: ignore[arg-type]
    yield
    w3.provider.make_request("evm_revert", [snapshot])  # type: ignore[arg-type]


@pytest.fixture
def suite(world: World) -> Suite:
    return world.suite


@pytest.fixture
def cast(world: World) -> Cast:
    return world.cast


@pytest.fixture
def as_(world: World) -> Callable[[Signer], Session]:
    """as_(signer) -> a Session that signs as `signer`."""

    def make(signer: Signer) -> Session:
        return Session(world.suite, signer)

    return make


@pytest.fixture
def nonce(w3: Web3) -> Callable[[Signer], int]:
    def count(signer: Signer) -> int:
        return int(w3.eth.get_transaction_count(signer.address))

    return count


@pytest.fixture
def travel(w3: Web3) -> Callable[[int], int]:
    def advance(seconds: int) -> int:
        return clock.advance(w3, seconds)

    return advance


@pytest.fixture
def make_plan(w3: Web3, cast: Cast) -> Callable[..., funding.ProjectPlan]:
    """make_plan(token=ETH, goal=5 ETH, cap=10 ETH, ...) -> a 3-milestone plan (30/30/40 %)."""

    def make(
        token: str = ETH_ADDRESS,
        goal: int = 5 * ETHER,
        cap: int = 10 * ETHER,
        funding_days: int = 7,
        quorum: int = 2,
        window: int = 2 * DAY,
        threshold_bps: int = 5000,
        shares: tuple[int, ...] = (3000, 3000, 4000),
    ) -> funding.ProjectPlan:
        deadline = clock.now(w3) + funding_days * DAY
        return funding.ProjectPlan(
            beneficiary=cast.beneficiary.address,
            token=token,
            min_goal=goal,
            cap=cap,
            deadline=deadline,
            quorum=quorum,
            challenge_window=window,
            challenge_threshold_bps=threshold_bps,
            category=b"water",
            metadata_hash=keccak(text="project"),
            metadata_uri="ipfs://project.json",
            milestones=tuple(
                funding.MilestonePlan(bps, deadline + (i + 1) * 30 * DAY)
                for i, bps in enumerate(shares)
            ),
        )

    return make


@pytest.fixture
def make_project(
    as_: Callable[[Signer], Session],
    cast: Cast,
    make_plan: Callable[..., funding.ProjectPlan],
) -> Callable[..., int]:
    """make_project(**plan_overrides) -> id of a new project in Funding."""

    def make(**overrides: object) -> int:
        return funding.create_project(as_(cast.org_admin), make_plan(**overrides)).project_id

    return make


@pytest.fixture
def active_project(
    make_project: Callable[..., int],
    as_: Callable[[Signer], Session],
    cast: Cast,
    travel: Callable[[int], int],
) -> int:
    """An ETH project that raised 4 + 2 ETH (goal 5) and closed Active."""
    project_id = make_project()
    funding.donate(as_(cast.donors[0]), project_id, 4 * ETHER)
    funding.donate(as_(cast.donors[1]), project_id, 2 * ETHER)
    travel(8 * DAY)
    funding.close_funding(as_(cast.donors[0]), project_id)
    return project_id


@pytest.fixture
def failed_project(
    make_project: Callable[..., int],
    as_: Callable[[Signer], Session],
    cast: Cast,
    travel: Callable[[int], int],
) -> int:
    """An ETH project that raised 1 ETH of a 5 ETH goal and closed Failed."""
    project_id = make_project()
    funding.donate(as_(cast.donors[0]), project_id, ETHER)
    travel(8 * DAY)
    funding.close_funding(as_(cast.donors[0]), project_id)
    return project_id


@pytest.fixture
def token(w3: Web3, world: World, project_root: Path) -> Contract:
    """A MockERC20 (18 decimals) from build/contracts, allow-listed; each donor holds 1000."""
    artifact = load_build_artifact("MockERC20", project_root)
    admin = world.cast.admin
    address = deploy_contract(w3, artifact, ("Test USD", "TUSD", 18), admin)
    governance.allow_token(Session(world.suite, admin), address)
    contract = w3.eth.contract(address=address, abi=artifact.abi)
    for donor in world.cast.donors:
        send(w3, contract.functions.mint(donor.address, 1000 * ETHER), admin, world.suite.decoder)
    return contract


@pytest.fixture
def fresh_signer(w3: Web3) -> Callable[[int], Signer]:
    """fresh_signer(balance_wei) -> a Signer for a new local key holding that balance."""
    from eth_account import Account

    def make(balance: int) -> Signer:
        account = Account.create()
        address = Web3.to_checksum_address(account.address)
        w3.provider.make_request("anvil_setBalance", [address, hex(balance)])  # type: ignore[arg-type]
        return Signer(address, account)

    return make


@pytest.fixture
def stranger(w3: Web3) -> Signer:
    """A random node-impersonated address with 100 ETH and no role."""
    address = Web3.to_checksum_address("0x" + os.urandom(20).hex())
    w3.provider.make_request("anvil_setBalance", [address, hex(100 * ETHER)])  # type: ignore[arg-type]
    w3.provider.make_request("anvil_impersonateAccount", [address])  # type: ignore[arg-type]
    return Signer(address)

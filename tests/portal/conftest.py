"""Fixtures for the portal: the demo story played once on the session anvil, then served.

`world` runs `run_demo`, adds project 3 (its metadata document is in the metadata folder,
so its badge says "matches"; the demo projects point at a document that does not match),
suspends and reinstates the organization, and gives to project 3 from the demo's first
donor. It happens before the per-test snapshot (isolation is overridden below), so every
test sees the same history. `client` is a Starlette TestClient of `create_app(suite, …)`
whose follower has synced and checked that history.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from eth_utils.crypto import keccak
from starlette.testclient import TestClient
from web3 import Web3

from charitychain.chain import clock
from charitychain.chain.node import EphemeralNode
from charitychain.contracts.suite import bind
from charitychain.demo import run_demo
from charitychain.indexer.store import LogStore
from charitychain.indexer.sync import sync
from charitychain.metadata import load_metadata
from charitychain.portal.app import create_app
from charitychain.services import funding, governance
from charitychain.services.inputs import ETH_ADDRESS
from charitychain.services.session import Session
from charitychain.services.transact import Signer
from portal.world import World, settle

DAY = 86_400
ETHER = 10**18


@pytest.fixture(scope="session")
def world(
    w3: Web3, anvil: EphemeralNode, project_root: Path, tmp_path_factory: pytest.TempPathFactory
) -> World:
    root = tmp_path_factory.mktemp("portal-project")
    shutil.copy(project_root / "brownie-config.yaml", root / "brownie-config.yaml")
    demo = run_demo(w3, say=lambda _: None, root=root)
    suite = bind(w3, demo.deployment)
    dev = [Signer(Web3.to_checksum_address(a)) for a in w3.eth.accounts[:10]]
    reviewer, org, beneficiary, first_donor = dev[1], dev[4], dev[5], dev[6]

    examples = project_root / "examples" / "metadata"
    metadata_dir = tmp_path_factory.mktemp("portal-metadata")
    (metadata_dir / "clean-water").mkdir()
    shutil.copy(examples / "project.json", metadata_dir / "clean-water" / "project.json")
    (metadata_dir / "fresh").mkdir()
    shutil.copy(examples / "project.json", metadata_dir / "fresh" / "project.json")
    document = load_metadata(metadata_dir / "fresh" / "project.json")

    deadline = clock.now(w3) + 30 * DAY
    plan = funding.ProjectPlan(
        beneficiary=beneficiary.address,
        token=ETH_ADDRESS,
        min_goal=4 * ETHER,
        cap=40 * ETHER,
        deadline=deadline,
        quorum=2,
        challenge_window=2 * DAY,
        challenge_threshold_bps=5000,
        category=b"water",
        metadata_hash=document.hash,
        metadata_uri="ipfs://fresh/project.json",
        milestones=(
            funding.MilestonePlan(5000, deadline + 30 * DAY),
            funding.MilestonePlan(5000, deadline + 60 * DAY),
        ),
    )
    fresh = funding.create_project(Session(suite, org), plan).project_id
    funding.donate(Session(suite, first_donor), fresh, ETHER, keccak(text="fresh gift"))
    governance.suspend_organization(Session(suite, reviewer), 1, keccak(text="late report"))
    governance.reinstate_organization(Session(suite, reviewer), 1)

    store = LogStore(tmp_path_factory.mktemp("portal-index") / "logs.sqlite")
    try:
        events = sync(suite, store).events
    finally:
        store.close()
    school_donor = next(
        str(e.args["donor"])
        for e in events
        if e.name == "RefundClaimed" and int(e.args["projectId"]) == 2
    )
    return World(
        demo=demo,
        suite=suite,
        root=root,
        rpc_url=anvil.url,
        metadata_dir=metadata_dir,
        events=events,
        wells=1,
        school=2,
        fresh=fresh,
        donor=first_donor.address,
        refunded_donor=school_donor,
    )


@pytest.fixture(scope="session")
def client(world: World, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(
        world.suite,
        tmp_path_factory.mktemp("portal-state"),
        interval=0.2,
        metadata_dir=world.metadata_dir,
    )
    with TestClient(app) as test_client:
        assert app.state.follower.settled(120), "the portal's checks did not finish"
        yield test_client


@pytest.fixture(autouse=True)
def isolation(world: World, client: TestClient, w3: Web3) -> Iterator[None]:
    """Override of the root isolation: story and portal first, then snapshot around each test."""
    settle(client, w3)
    snapshot = w3.provider.make_request("evm_snapshot", [])["result"]  # type: ignore[arg-type]
    yield
    w3.provider.make_request("evm_revert", [snapshot])  # type: ignore[arg-type]

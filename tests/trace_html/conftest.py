"""Fixtures for the HTML reports: the demo story played once on the session anvil.

`story` runs `charitychain.demo.run_demo` (project 1: ETH, completed, with an expense and an
audit; project 2: stablecoin, failed and refunded), records the deployment in a temp project,
syncs the event history into a temp LogStore and builds the traces. It happens before the
per-test snapshot (isolation is overridden below), so every test sees the same history.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from web3 import Web3

from charitychain.chain.node import EphemeralNode
from charitychain.contracts.suite import bind
from charitychain.demo import run_demo
from charitychain.indexer.store import LogStore
from charitychain.indexer.sync import sync
from charitychain.services.views import asset_info
from charitychain.trace.build import donor_trace, project_trace
from charitychain.trace.transaction import tx_trace
from trace_html.htmlpage import Story


@pytest.fixture(scope="session")
def story(
    w3: Web3, anvil: EphemeralNode, project_root: Path, tmp_path_factory: pytest.TempPathFactory
) -> Story:
    root = tmp_path_factory.mktemp("html-project")
    shutil.copy(project_root / "brownie-config.yaml", root / "brownie-config.yaml")
    demo = run_demo(w3, say=lambda _: None, root=root)
    suite = bind(w3, demo.deployment)
    store = LogStore(tmp_path_factory.mktemp("html-index") / "logs.sqlite")
    try:
        events = sync(suite, store).events
    finally:
        store.close()
    wells, school = (project_trace(events, p.project_id) for p in demo.projects)
    assets = {}
    for token in (wells.token, school.token):
        info = asset_info(suite, token)
        assets[token] = (info.decimals, info.symbol)
    release = wells.milestones[0].release
    assert release is not None
    return Story(
        demo=demo,
        suite=suite,
        root=root,
        rpc_url=anvil.url,
        wells=wells,
        school=school,
        assets=assets,
        donor=donor_trace(events, demo.trace.donor),
        refunded_donor=donor_trace(events, school.donations[0].donor),
        release_tx=tx_trace(suite, release.at.tx),
    )


@pytest.fixture(autouse=True)
def isolation(story: Story, w3: Web3) -> Iterator[None]:
    """Override of the root isolation: play the story first, then snapshot around each test."""
    snapshot = w3.provider.make_request("evm_snapshot", [])["result"]  # type: ignore[arg-type]
    yield
    w3.provider.make_request("evm_revert", [snapshot])  # type: ignore[arg-type]

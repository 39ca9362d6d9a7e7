"""Many donors at once through the library: nothing lost, nothing doubled, all reconciles."""

from __future__ import annotations

from pathlib import Path

from web3 import Web3

from charitychain.chain.node import EphemeralNode
from charitychain.indexer.store import LogStore
from charitychain.indexer.sync import sync
from charitychain.loadgen import donate_concurrently, fund_donors
from charitychain.scenario import bootstrap
from charitychain.trace.build import project_trace
from charitychain.trace.reconcile import reconcile_project

DONORS, EACH = 20, 10  # make bench runs 200 x 10
GWEI = 10**9


def test_two_hundred_concurrent_donations_all_land_once_and_reconcile(
    w3: Web3, anvil: EphemeralNode, tmp_path: Path
) -> None:
    world = bootstrap(w3)
    suite, pid = world.suite, world.project_id
    donors = fund_donors(w3, DONORS, 10**18)
    balance_before = w3.eth.get_balance(suite.escrow.address)

    result = donate_concurrently(anvil.url, suite.deployment, pid, donors, EACH, GWEI)

    assert result.errors == ()
    assert len(result.donations) == DONORS * EACH
    assert len({d.tx for d in result.donations}) == DONORS * EACH  # no duplicates
    trace = project_trace(sync(suite, LogStore(tmp_path / "c.sqlite")).events, pid)
    assert len(trace.donations) == DONORS * EACH
    assert {d.at.tx for d in trace.donations} == {d.tx for d in result.donations}
    assert reconcile_project(suite, trace) == []
    assert trace.raised == DONORS * EACH * GWEI
    assert w3.eth.get_balance(suite.escrow.address) - balance_before == trace.raised
    for donor in donors:
        assert w3.eth.get_transaction_count(donor.address) == EACH

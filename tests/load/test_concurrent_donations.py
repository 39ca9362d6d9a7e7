"""Many donors at once through the library: nothing lost, nothing doubled, all reconciles."""

from __future__ import annotations

from pathlib import Path

from eth_utils.crypto import keccak
from web3 import Web3

from charitychain.chain import clock
from charitychain.chain.node import EphemeralNode
from charitychain.contracts.suite import bind
from charitychain.indexer.store import LogStore
from charitychain.indexer.sync import sync
from charitychain.loadgen import donate_concurrently, fund_donors
from charitychain.services import funding, governance
from charitychain.services.deploy import deploy_suite
from charitychain.services.inputs import ETH_ADDRESS
from charitychain.services.session import Session
from charitychain.services.transact import Signer
from charitychain.trace.build import project_trace
from charitychain.trace.reconcile import reconcile_project

DONORS, EACH = 20, 10  # make bench runs 200 x 10
GWEI = 10**9


def test_two_hundred_concurrent_donations_all_land_once_and_reconcile(
    w3: Web3, anvil: EphemeralNode, tmp_path: Path
) -> None:
    dev = [Signer(Web3.to_checksum_address(a)) for a in w3.eth.accounts[:6]]
    suite = bind(w3, deploy_suite(w3, dev[0]))
    governance.grant_role(Session(suite, dev[0]), "reviewer", dev[1].address)
    org = governance.apply_organization(Session(suite, dev[4]), "Load", keccak(text="p"), "u")
    governance.approve_organization(Session(suite, dev[1]), org.org_id, clock.now(w3) + 10**7)
    deadline = clock.now(w3) + 10**6
    plan = funding.ProjectPlan(
        dev[5].address, ETH_ADDRESS, GWEI, 10**24, deadline, 1, 60, 5000, b"load",
        keccak(text="m"), "u", (funding.MilestonePlan(10_000, deadline + 1),),
    )  # fmt: skip
    pid = funding.create_project(Session(suite, dev[4]), plan).project_id
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

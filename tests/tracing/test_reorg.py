"""A reorg under the indexer: the cached cursor no longer matches, so the cache rolls back."""

from __future__ import annotations

from pathlib import Path

from web3 import Web3

from charitychain.indexer.store import LogStore
from charitychain.indexer.sync import sync
from charitychain.services import funding
from charitychain.services.session import Session
from charitychain.services.transact import Signer
from charitychain.trace.build import project_trace
from tracing.storyline import ETHER, Story


def test_reorg_rolls_the_cache_back_and_the_trace_follows_the_new_chain(
    story: Story, w3: Web3, cache: Path
) -> None:
    # A fresh project in Funding, so donations are possible on both branches.
    org = Signer(Web3.to_checksum_address(w3.eth.accounts[4]))
    donor = Signer(Web3.to_checksum_address(w3.eth.accounts[8]))
    plan = funding.ProjectPlan(
        org.address, "0x" + "00" * 20, ETHER, 100 * ETHER,
        int(w3.eth.get_block("latest")["timestamp"]) + 10 * 86400, 1, 60, 5000,
        b"reorg", b"\x01" * 32, "ipfs://r", (funding.MilestonePlan(10_000, 2**39),),
    )  # fmt: skip
    pid = funding.create_project(Session(story.suite, org), plan).project_id
    funding.donate(Session(story.suite, donor), pid, 2 * ETHER)
    fork_point = w3.provider.make_request("evm_snapshot", [])["result"]  # type: ignore[arg-type]
    funding.donate(Session(story.suite, donor), pid, 5 * ETHER)  # only on the old branch
    for _ in range(3):
        w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]

    store = LogStore(cache)
    before = sync(story.suite, store)
    assert project_trace(before.events, pid).raised == 7 * ETHER

    w3.provider.make_request("evm_revert", [fork_point])  # type: ignore[arg-type]
    funding.donate(Session(story.suite, donor), pid, 1 * ETHER)  # the new branch
    for _ in range(5):
        w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]

    after = sync(story.suite, store)
    assert after.rolled_back
    assert project_trace(after.events, pid).raised == 3 * ETHER
    assert story.suite.escrow.functions.project(pid).call()[12] == 3 * ETHER
    again = sync(story.suite, store)
    assert not again.rolled_back and len(again.events) == len(after.events)

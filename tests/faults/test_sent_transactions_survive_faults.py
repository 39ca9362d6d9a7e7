"""Sending under faults: a node that stops mining, dies after a send, or sees a replacement.

Each test runs its own anvil (the tests control the process) and a journal in a temp dir.
Nothing is lost, nothing is sent twice, and an unknown outcome is never called a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from eth_account import Account
from web3 import Web3

from charitychain.chain.connect import connect
from charitychain.chain.node import EphemeralNode, free_port, start_ephemeral_anvil
from charitychain.contracts.suite import Suite
from charitychain.errors import OutcomeUnknown
from charitychain.scenario import bootstrap
from charitychain.services import funding
from charitychain.services.journal import Journal
from charitychain.services.session import Session
from charitychain.services.transact import Signer, TransactionReplaced
from charitychain.services.txstatus import tx_status

REPO = Path(__file__).resolve().parents[2]
ETHER = 10**18


@dataclass
class World:
    node: EphemeralNode
    w3: Web3
    suite: Suite
    project: int
    donor: Signer
    journal: Journal
    port: int
    state: Path

    def session(self, timeout: float = 120.0) -> Session:
        return Session(self.suite, self.donor, journal=self.journal, receipt_timeout=timeout)

    def raised(self) -> int:
        return int(self.suite.escrow.functions.project(self.project).call()[12])

    def mining(self, on: bool) -> None:
        self.w3.provider.make_request("evm_setAutomine", [on])  # type: ignore[arg-type]


def _start(port: int, state: Path) -> EphemeralNode:
    return start_ephemeral_anvil(
        port=port, project_root=REPO, extra_args=("--state", str(state), "--state-interval", "1")
    )


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    port, state = free_port(), tmp_path / "anvil-state.json"
    node = _start(port, state)
    w3 = connect(node.url)
    scene = bootstrap(w3, min_goal=ETHER, cap=100 * ETHER)
    suite, pid = scene.suite, scene.project_id
    key = Account.create()
    w3.provider.make_request("anvil_setBalance", [key.address, hex(10 * ETHER)])  # type: ignore[arg-type]
    donor = Signer(Web3.to_checksum_address(key.address), key)
    world = World(node, w3, suite, pid, donor, Journal(tmp_path / "journal.jsonl"), port, state)
    yield world
    world.node.stop()


def test_a_receipt_timeout_is_reported_as_unknown_and_a_rerun_reports_the_outcome(
    world: World,
) -> None:
    world.mining(False)
    with pytest.raises(OutcomeUnknown) as unknown:
        funding.donate(world.session(timeout=1), world.project, ETHER)
    assert "unknown, not failed" in str(unknown.value)
    assert tx_status(world.w3, world.journal, unknown.value.tx_hash).state == "pending"

    world.mining(True)
    world.w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]
    again = funding.donate(world.session(), world.project, ETHER)
    assert again.tx == unknown.value.tx_hash  # the same transaction, reported
    assert world.raised() == ETHER  # given once
    assert world.w3.eth.get_transaction_count(world.donor.address) == 1
    assert world.journal.get(again.tx).outcome == "mined"  # type: ignore[union-attr]


def test_a_node_killed_after_the_send_loses_nothing_and_sends_nothing_twice(
    world: World,
) -> None:
    world.mining(False)
    with pytest.raises(OutcomeUnknown) as unknown:
        funding.donate(world.session(timeout=1), world.project, 2 * ETHER)
    world.node.stop()  # the pending transaction dies with the node's memory pool
    world.node = _start(world.port, world.state)

    status = tx_status(world.w3, world.journal, unknown.value.tx_hash)
    assert status.state == "unknown" and status.function == "donate"
    again = funding.donate(world.session(), world.project, 2 * ETHER)
    assert again.tx == unknown.value.tx_hash  # the journaled signed bytes, rebroadcast
    assert world.raised() == 2 * ETHER
    assert world.w3.eth.get_transaction_count(world.donor.address) == 1


def test_a_replaced_transaction_is_reported_and_not_resent(world: World) -> None:
    world.mining(False)
    with pytest.raises(OutcomeUnknown) as unknown:
        funding.donate(world.session(timeout=1), world.project, ETHER)
    assert world.donor.local is not None
    pending = world.w3.eth.get_transaction(unknown.value.tx_hash)  # type: ignore[arg-type]
    replacement = world.donor.local.sign_transaction(
        {
            "to": world.donor.address,
            "value": 1,
            "nonce": pending["nonce"],
            "gas": 21_000,
            "maxFeePerGas": 3 * int(pending["maxFeePerGas"]),
            "maxPriorityFeePerGas": 3 * int(pending["maxPriorityFeePerGas"]),
            "chainId": world.w3.eth.chain_id,
        }
    )
    world.w3.eth.send_raw_transaction(replacement.raw_transaction)
    world.mining(True)
    world.w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]

    with pytest.raises(TransactionReplaced, match="dropped or replaced"):
        funding.donate(world.session(), world.project, ETHER)
    assert world.raised() == 0
    assert world.journal.get(unknown.value.tx_hash).outcome == "replaced"  # type: ignore[union-attr]
    fresh = funding.donate(world.session(), world.project, ETHER)  # closed: a new send is fine
    assert fresh.tx != unknown.value.tx_hash and world.raised() == ETHER

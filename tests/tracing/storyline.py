"""The multi-project history the trace tests read: the demo story plus a cancelled project."""

from __future__ import annotations

from dataclasses import dataclass

from eth_utils.crypto import keccak
from web3 import Web3

from charitychain.chain import clock
from charitychain.contracts.suite import Suite
from charitychain.demo import DemoResult
from charitychain.services import exits, funding, milestones
from charitychain.services.inputs import ETH_ADDRESS
from charitychain.services.session import Session
from charitychain.services.transact import Signer

DAY = 86400
ETHER = 10**18


@dataclass(frozen=True)
class Story:
    suite: Suite
    demo: DemoResult
    cancelled: int  # project partly released, then cancelled, refunds partly claimed
    donors: tuple[str, ...]


def cancelled_project(w3: Web3, suite: Suite) -> tuple[int, tuple[str, ...]]:
    dev = [Signer(Web3.to_checksum_address(a)) for a in w3.eth.accounts[:10]]
    org, beneficiary, auditors = dev[4], dev[5], (dev[2], dev[3])
    donors = (dev[6], dev[7], dev[9])
    deadline = clock.now(w3) + 3 * DAY
    plan = funding.ProjectPlan(
        beneficiary.address, ETH_ADDRESS, ETHER, 100 * ETHER, deadline, 2, DAY, 5000,
        b"health", keccak(text="clinic"), "ipfs://clinic",
        tuple(funding.MilestonePlan(b, deadline + (i + 1) * 30 * DAY)
              for i, b in enumerate((3333, 3333, 3334))),
    )  # fmt: skip
    pid = funding.create_project(Session(suite, org), plan).project_id
    for donor, amount in zip(donors, (3 * ETHER + 1, 2 * ETHER, 7), strict=True):
        funding.donate(Session(suite, donor), pid, amount)
    clock.advance(w3, 3 * DAY)
    funding.close_funding(Session(suite, donors[0]), pid)
    milestones.submit_evidence(Session(suite, org), pid, 0, keccak(text="clinic-0"), "ipfs://c0")
    for auditor in auditors:
        milestones.vote(Session(suite, auditor), pid, 0, approve=True)
    clock.advance(w3, DAY)
    milestones.release(Session(suite, donors[1]), pid, 0)
    exits.cancel_project(Session(suite, org), pid)
    exits.claim_refund(Session(suite, donors[0]), pid)  # donors[1] and [2] have not claimed
    return pid, tuple(d.address for d in donors)

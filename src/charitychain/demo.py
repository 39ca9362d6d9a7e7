"""The demo story: one charity, one project, three donors, a release, a challenge, refunds.

Runs on any dev chain with unlocked dev accounts (anvil, ganache, embedded) and prints where
every wei went. Used by `make demo`, `charitychain demo` and the tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from eth_utils.crypto import keccak
from web3 import Web3

from charitychain.chain import clock
from charitychain.contracts.suite import Deployment, bind
from charitychain.services import exits, funding, governance, milestones, records
from charitychain.services.deploy import deploy_suite
from charitychain.services.inputs import ETH_ADDRESS, format_amount
from charitychain.services.session import Session
from charitychain.services.transact import Signer

DAY = 24 * 3600
ETHER = 10**18
DONATIONS = (4 * ETHER, 7 * ETHER // 2, 5 * ETHER // 2)  # donors 6, 7, 8


@dataclass(frozen=True)
class DonorOutcome:
    donor: str
    given: int
    released_share: int
    refunded: int

    @property
    def accounted(self) -> int:
        return self.released_share + self.refunded


@dataclass(frozen=True)
class DemoResult:
    deployment: Deployment
    project_id: int
    raised: int
    released: int
    refunded: int
    held: int
    donors: tuple[DonorOutcome, ...]


def run_demo(w3: Web3, say: Callable[[str], None] = print) -> DemoResult:
    """Play the whole story on a dev chain; returns the figures it printed."""
    dev = [Signer(Web3.to_checksum_address(a)) for a in w3.eth.accounts[:9]]
    admin, reviewer, auditor_a, auditor_b, org, beneficiary, *donors = dev
    deployment = deploy_suite(w3, admin)
    suite = bind(w3, deployment)
    say(f"Deployed on chain {deployment.chain_id}:")
    for name, address in deployment.addresses().items():
        say(f"  {name:<16} {address}")

    def as_(signer: Signer) -> Session:
        return Session(suite, signer)

    governance.grant_role(as_(admin), "reviewer", reviewer.address)
    for auditor in (auditor_a, auditor_b):
        governance.grant_role(as_(admin), "auditor", auditor.address)
    applied = governance.apply_organization(
        as_(org), "Clean Water Trust", keccak(text="profile"), "ipfs://clean-water/profile.json"
    )
    governance.approve_organization(as_(reviewer), applied.org_id, clock.now(w3) + 365 * DAY)
    say(f"Organization {applied.org_id} 'Clean Water Trust' applied and was approved.")

    deadline = clock.now(w3) + 7 * DAY
    plan = funding.ProjectPlan(
        beneficiary=beneficiary.address,
        token=ETH_ADDRESS,
        min_goal=5 * ETHER,
        cap=50 * ETHER,
        deadline=deadline,
        quorum=2,
        challenge_window=2 * DAY,
        challenge_threshold_bps=2000,
        category=b"water",
        metadata_hash=keccak(text="wells project"),
        metadata_uri="ipfs://clean-water/wells.json",
        milestones=tuple(
            funding.MilestonePlan(bps, deadline + (i + 1) * 30 * DAY)
            for i, bps in enumerate((3000, 3000, 4000))
        ),
    )
    pid = funding.create_project(as_(org), plan).project_id
    say(f"Project {pid}: three wells, goal 5 ETH, milestones 30% / 30% / 40%.")

    for donor, amount in zip(donors, DONATIONS, strict=True):
        gift = funding.donate(as_(donor), pid, amount, keccak(text=f"receipt-{donor.address}"))
        say(f"  {donor.address} gave {format_amount(gift.amount)} ETH (tx {gift.tx[:12]}…)")

    clock.advance(w3, 7 * DAY)
    closed = funding.close_funding(as_(donors[0]), pid)
    say(f"Funding closed: {format_amount(closed.raised)} ETH raised, project active.")

    evidence = keccak(text="well 1 photos and GPS")
    milestones.submit_evidence(as_(org), pid, 0, evidence, "ipfs://clean-water/well-1.json")
    for auditor in (auditor_a, auditor_b):
        milestones.vote(as_(auditor), pid, 0, approve=True)
    clock.advance(w3, 2 * DAY)
    released = milestones.release(as_(donors[1]), pid, 0)
    say(f"Milestone 0 approved by 2 auditors, released {format_amount(released.amount)} ETH.")
    records.record_expense(
        as_(org),
        pid,
        0,
        beneficiary.address,
        released.amount,
        b"construction",
        keccak(text="invoice 0001"),
        "ipfs://clean-water/invoice-0001.pdf",
    )
    records.publish_audit(
        as_(auditor_a), pid, keccak(text="audit 1"), "ipfs://audits/clean-water-1.json"
    )
    say("Expense recorded against milestone 0; an auditor published a report.")

    milestones.submit_evidence(
        as_(org), pid, 1, keccak(text="well 2 photos"), "ipfs://clean-water/well-2.json"
    )
    for auditor in (auditor_a, auditor_b):
        milestones.vote(as_(auditor), pid, 1, approve=True)
    challenged = milestones.challenge(as_(donors[0]), pid, 1)
    say(
        f"Donor {donors[0].address} challenged milestone 1 "
        f"(weight {format_amount(challenged.total_weight)} ETH): back to review."
    )
    cancelled = exits.cancel_project(as_(org), pid)
    say(f"The organization cancelled the project ({cancelled.reason}); donors claim refunds.")

    outcomes = []
    for donor, amount in zip(donors, DONATIONS, strict=True):
        refund = exits.claim_refund(as_(donor), pid)
        share = amount * released.amount // closed.raised
        outcomes.append(DonorOutcome(donor.address, amount, share, refund.amount))

    info = funding.project_info(suite, pid)
    say("")
    say("Where every wei went:")
    say(f"  {'donor':<42} {'given':>10} {'released':>10} {'refunded':>10}")
    for o in outcomes:
        say(
            f"  {o.donor:<42} {format_amount(o.given):>10} "
            f"{format_amount(o.released_share):>10} {format_amount(o.refunded):>10}"
        )
    say(
        f"  raised {format_amount(info.raised)} = released {format_amount(info.released)} + "
        f"refunded {format_amount(info.refunded)} + held {info.held} wei"
    )
    return DemoResult(
        deployment,
        pid,
        info.raised,
        info.released,
        info.refunded,
        info.held,
        tuple(outcomes),
    )

"""The demo story, end to end on a dev chain.

A reviewer vets a charity; it creates a 3-milestone ETH project and a stablecoin project;
five donors give; funding closes (one project active, one failed); auditors approve evidence;
a donor's challenge falls short of the threshold; every milestone is released; an expense
and an audit report are recorded; the failed project's donors pull refunds. It ends by
printing each project's state and where one donor's money went.

Used by `make demo`, `charitychain demo` (any dev chain, the embedded one included) and tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eth_account import Account
from eth_utils.crypto import keccak
from web3 import Web3
from web3.types import Wei

from charitychain.chain import clock
from charitychain.contracts.artifacts import load_artifact
from charitychain.contracts.suite import Deployment, Suite, bind
from charitychain.services import exits, funding, governance, milestones, records
from charitychain.services.deploy import deploy_suite
from charitychain.services.inputs import ETH_ADDRESS, format_amount
from charitychain.services.session import Session
from charitychain.services.transact import Signer, deploy_contract, send
from charitychain.services.views import ProjectInfo, project_info

DAY = 24 * 3600
ETHER = 10**18
USD = 10**6  # the demo stablecoin has 6 decimals, like USDC
ETH_GIFTS = (4 * ETHER, 7 * ETHER // 2, 5 * ETHER // 2)
USD_GIFTS = (1_500 * USD, 2_000 * USD)


@dataclass(frozen=True)
class ReleaseShare:
    milestone: int
    released: int
    share: int  # contribution * released // raised, the rule the contract's refunds use


@dataclass(frozen=True)
class DonorTrace:
    donor: str
    project_id: int
    given: int
    shares: tuple[ReleaseShare, ...]
    refunded: int

    @property
    def accounted(self) -> int:
        return sum(s.share for s in self.shares) + self.refunded


@dataclass(frozen=True)
class DemoResult:
    deployment: Deployment
    token: str
    projects: tuple[ProjectInfo, ...]
    trace: DonorTrace


def run_demo(w3: Web3, say: Callable[[str], None] = print, root: Path | None = None) -> DemoResult:
    """Play the whole story on a dev chain; returns the figures it printed.

    With `root`, the deployment is recorded there so later commands find it.
    """
    dev = [Signer(Web3.to_checksum_address(a)) for a in w3.eth.accounts[:10]]
    admin, reviewer, auditor_a, auditor_b, org, beneficiary, *donors = dev
    # The fifth donor signs locally with its own key, as a keystore user would.
    local = Account.create()
    w3.eth.send_transaction({"from": admin.address, "to": local.address, "value": Wei(10 * ETHER)})
    donors.append(Signer(Web3.to_checksum_address(local.address), local))

    deployment = deploy_suite(w3, admin, root=root)
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
    say(f"A reviewer approved organization {applied.org_id}, 'Clean Water Trust'.")

    usd = _demo_stablecoin(w3, suite, admin, donors[3:])
    say(f"Demo stablecoin dUSD at {usd} allow-listed.")

    wells = funding.create_project(as_(org), _plan(w3, beneficiary, ETH_ADDRESS, 5 * ETHER))
    school = funding.create_project(as_(org), _plan(w3, beneficiary, usd, 10_000 * USD))
    say(f"Project {wells.project_id}: three wells (ETH, goal 5). ")
    say(f"Project {school.project_id}: school books (dUSD, goal 10,000).")

    for donor, amount in zip(donors[:3], ETH_GIFTS, strict=True):
        gift = funding.donate(as_(donor), wells.project_id, amount, _memo(donor))
        say(f"  {donor.address} gave {format_amount(gift.amount)} ETH to project 1")
    for donor, amount in zip(donors[3:], USD_GIFTS, strict=True):
        gift = funding.donate(as_(donor), school.project_id, amount, _memo(donor))
        say(f"  {donor.address} gave {format_amount(gift.amount, 6)} dUSD to project 2")

    clock.advance(w3, 7 * DAY)
    for pid in (wells.project_id, school.project_id):
        closed = funding.close_funding(as_(donors[0]), pid)
        say(f"Project {pid} closed: {'active' if closed.active else 'failed, refunds open'}.")

    pid = wells.project_id
    for index in range(3):
        evidence = keccak(text=f"well {index + 1}: photos, GPS, water test")
        milestones.submit_evidence(as_(org), pid, index, evidence, f"ipfs://wells/{index}.json")
        for auditor in (auditor_a, auditor_b):
            milestones.vote(as_(auditor), pid, index, approve=True)
        if index == 0:
            challenged = milestones.challenge(as_(donors[2]), pid, 0)
            say(
                f"A donor holding {format_amount(challenged.total_weight)} of 10 ETH challenged "
                "milestone 0: below the 50% threshold, the approval stands."
            )
        clock.advance(w3, 2 * DAY)
        released = milestones.release(as_(donors[1]), pid, index)
        say(f"Milestone {index} approved by 2 auditors; {format_amount(released.amount)} ETH out.")
        if index == 0:
            records.record_expense(
                as_(org),
                pid,
                0,
                beneficiary.address,
                released.amount,
                b"construction",
                keccak(text="invoice 0001"),
                "ipfs://wells/invoice-0001.pdf",
            )
            say("The charity recorded the well contractor's invoice against that release.")
    records.publish_audit(as_(auditor_a), pid, keccak(text="audit 2027"), "ipfs://audits/1.json")
    say("An auditor published the project's audit report.")

    for donor in donors[3:]:
        refund = exits.claim_refund(as_(donor), school.project_id)
        say(f"  {donor.address} pulled back {format_amount(refund.amount, 6)} dUSD")

    projects = tuple(project_info(suite, p) for p in (wells.project_id, school.project_id))
    trace = _trace(suite, pid, donors[0].address)
    _print_summary(say, projects, trace)
    return DemoResult(deployment, usd, projects, trace)


def _plan(w3: Web3, beneficiary: Signer, token: str, goal: int) -> funding.ProjectPlan:
    deadline = clock.now(w3) + 7 * DAY
    return funding.ProjectPlan(
        beneficiary=beneficiary.address,
        token=token,
        min_goal=goal,
        cap=10 * goal,
        deadline=deadline,
        quorum=2,
        challenge_window=2 * DAY,
        challenge_threshold_bps=5000,
        category=b"water" if token == ETH_ADDRESS else b"education",
        metadata_hash=keccak(text=f"project {token}"),
        metadata_uri="ipfs://clean-water/project.json",
        milestones=tuple(
            funding.MilestonePlan(bps, deadline + (i + 1) * 30 * DAY)
            for i, bps in enumerate((3000, 3000, 4000))
        ),
    )


def _memo(donor: Signer) -> bytes:
    return keccak(text=f"receipt commitment of {donor.address}")


def _demo_stablecoin(w3: Web3, suite: Suite, admin: Signer, holders: list[Signer]) -> str:
    artifact = load_artifact("MockERC20")
    address = deploy_contract(w3, artifact, ("Demo USD", "dUSD", 6), admin)
    governance.allow_token(Session(suite, admin), address)
    token = w3.eth.contract(address=address, abi=artifact.abi)
    for holder in holders:
        send(w3, token.functions.mint(holder.address, 5_000 * USD), admin, suite.decoder)
    return address


def _trace(suite: Suite, project_id: int, donor: str) -> DonorTrace:
    info = project_info(suite, project_id)
    given, refunded, _ = suite.escrow.functions.position(project_id, donor).call()
    shares = []
    for index in range(info.milestone_count):
        released = int(suite.escrow.functions.milestone(project_id, index).call()[7])
        shares.append(ReleaseShare(index, released, given * released // info.raised))
    return DonorTrace(donor, project_id, given, tuple(shares), refunded)


def _print_summary(
    say: Callable[[str], None], projects: tuple[ProjectInfo, ...], trace: DonorTrace
) -> None:
    say("")
    say(f"{'project':<8} {'state':<10} {'raised':>12} {'released':>12} {'refunded':>12} held")
    for p in projects:
        decimals = 18 if p.token == ETH_ADDRESS else 6
        say(
            f"{p.project_id:<8} {p.state:<10} {format_amount(p.raised, decimals):>12} "
            f"{format_amount(p.released, decimals):>12} "
            f"{format_amount(p.refunded, decimals):>12} {p.held}"
        )
    say("")
    say(
        f"Where {trace.donor}'s {format_amount(trace.given)} ETH went (project {trace.project_id}):"
    )
    for s in trace.shares:
        say(
            f"  milestone {s.milestone}: {format_amount(s.share)} ETH of the "
            f"{format_amount(s.released)} ETH released"
        )
    say(f"  refunded: {format_amount(trace.refunded)} ETH")
    say(f"  accounted for: {format_amount(trace.accounted)} of {format_amount(trace.given)} ETH")

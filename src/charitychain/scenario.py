"""A ready-to-use deployment on a dev chain: suite, roles, an approved charity, one project.

The common starting point of the load test, the fault tests and the benchmarks; it uses only
the public services, so it also shows the minimum steps before anyone can donate.
"""

from __future__ import annotations

from dataclasses import dataclass

from eth_utils.crypto import keccak
from web3 import Web3

from charitychain.chain import clock
from charitychain.contracts.suite import Suite, bind
from charitychain.services import funding, governance
from charitychain.services.deploy import deploy_suite
from charitychain.services.inputs import ETH_ADDRESS
from charitychain.services.session import Session
from charitychain.services.transact import Signer

DAY = 86400


@dataclass(frozen=True)
class Bootstrap:
    suite: Suite
    project_id: int
    admin: Signer
    reviewer: Signer
    auditors: tuple[Signer, Signer]
    org: Signer
    beneficiary: Signer


def bootstrap(
    w3: Web3,
    *,
    min_goal: int = 10**9,
    cap: int = 10**24,
    funding_days: int = 30,
    quorum: int = 1,
    window: int = 60,
    shares: tuple[int, ...] = (10_000,),
) -> Bootstrap:
    """Deploy with dev account 0 as admin, 1 reviewer, 2-3 auditors, 4 the charity's admin
    (approved for a year) and 5 its beneficiary; create one ETH project in Funding."""
    dev = [Signer(Web3.to_checksum_address(a)) for a in w3.eth.accounts[:6]]
    admin, reviewer, auditor_a, auditor_b, org, beneficiary = dev
    suite = bind(w3, deploy_suite(w3, admin))
    governance.grant_role(Session(suite, admin), "reviewer", reviewer.address)
    for auditor in (auditor_a, auditor_b):
        governance.grant_role(Session(suite, admin), "auditor", auditor.address)
    applied = governance.apply_organization(
        Session(suite, org), "Scenario charity", keccak(text="profile"), "ipfs://profile"
    )
    governance.approve_organization(
        Session(suite, reviewer), applied.org_id, clock.now(w3) + 365 * DAY
    )
    deadline = clock.now(w3) + funding_days * DAY
    plan = funding.ProjectPlan(
        beneficiary=beneficiary.address,
        token=ETH_ADDRESS,
        min_goal=min_goal,
        cap=cap,
        deadline=deadline,
        quorum=quorum,
        challenge_window=window,
        challenge_threshold_bps=5000,
        category=b"scenario",
        metadata_hash=keccak(text="scenario project"),
        metadata_uri="ipfs://project",
        milestones=tuple(
            funding.MilestonePlan(bps, deadline + (i + 1) * DAY) for i, bps in enumerate(shares)
        ),
    )
    project = funding.create_project(Session(suite, org), plan).project_id
    return Bootstrap(suite, project, admin, reviewer, (auditor_a, auditor_b), org, beneficiary)

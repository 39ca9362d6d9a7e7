"""The benchmark history shared by bench/tracing.py and bench/portal.py: one charity, three
ETH projects, DONORS impersonated donors giving DONATIONS times in turn, five releases and an
expense. Sent raw (impersonated, no per-transaction wait) so 10,000 donations take minutes."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from eth_utils.crypto import keccak
from web3 import Web3

from charitychain.chain import clock
from charitychain.contracts.suite import Suite, bind
from charitychain.services import funding, governance, milestones, records
from charitychain.services.deploy import deploy_suite
from charitychain.services.inputs import ETH_ADDRESS
from charitychain.services.session import Session
from charitychain.services.transact import Signer

DONORS = int(os.environ.get("BENCH_DONORS", "1000"))
DONATIONS = int(os.environ.get("BENCH_DONATIONS", "10000"))
DAY = 86400
GWEI = 10**9


def build_history(
    w3: Web3, root: Path | None = None
) -> tuple[Suite, list[int], list[str], list[str]]:
    """(suite, project ids, donor addresses, donation tx hashes)."""
    started = time.perf_counter()
    dev = [Signer(Web3.to_checksum_address(a)) for a in w3.eth.accounts[:6]]
    admin, reviewer, aud1, aud2, org, beneficiary = dev
    suite = bind(w3, deploy_suite(w3, admin, root=root))

    def s(signer: Signer) -> Session:
        return Session(suite, signer)

    governance.grant_role(s(admin), "reviewer", reviewer.address)
    for a in (aud1, aud2):
        governance.grant_role(s(admin), "auditor", a.address)
    org_id = governance.apply_organization(s(org), "Bench Relief", keccak(text="p"), "u").org_id
    governance.approve_organization(s(reviewer), org_id, clock.now(w3) + 3650 * DAY)
    deadline = clock.now(w3) + 30 * DAY
    projects = []
    for i in range(3):
        plan = funding.ProjectPlan(
            beneficiary.address, ETH_ADDRESS, GWEI, 10**30, deadline, 2, 60, 5000,
            b"bench", keccak(text=f"p{i}"), "u",
            tuple(funding.MilestonePlan(b, deadline + (j + 1) * DAY)
                  for j, b in enumerate((2000, 2000, 6000))),
        )  # fmt: skip
        projects.append(funding.create_project(s(org), plan).project_id)
    donors = [Web3.to_checksum_address(keccak(text=f"donor{i}")[:20]) for i in range(DONORS)]
    w3.provider.make_request("anvil_autoImpersonateAccount", [True])  # type: ignore[arg-type]
    for d in donors:
        w3.provider.make_request("anvil_setBalance", [d, hex(10**21)])  # type: ignore[arg-type]
    calldata = [
        suite.escrow.functions.donate(pid, b"\x01" * 32)._encode_transaction_data()
        for pid in projects
    ]
    txs = []
    for n in range(DONATIONS):
        tx: Any = {"from": donors[n % DONORS], "to": suite.escrow.address,
                   "data": calldata[n % 3], "value": GWEI + n, "gas": 100_000}  # fmt: skip
        txs.append(w3.eth.send_transaction(tx))
        if n % 500 == 499:
            w3.eth.wait_for_transaction_receipt(txs[-1], poll_latency=0.01)
    w3.eth.wait_for_transaction_receipt(txs[-1], poll_latency=0.01)
    w3.provider.make_request("anvil_autoImpersonateAccount", [False])  # type: ignore[arg-type]
    clock.advance(w3, 31 * DAY)
    for pid in projects:
        funding.close_funding(s(admin), pid)
    releases = [(projects[0], 0), (projects[0], 1), (projects[0], 2), (projects[1], 0),
                (projects[2], 0)]  # fmt: skip
    for pid, index in releases:
        milestones.submit_evidence(s(org), pid, index, keccak(text=f"e{pid}{index}"), "u")
        for a in (aud1, aud2):
            milestones.vote(s(a), pid, index, approve=True)
    clock.advance(w3, 120)
    released = [milestones.release(s(admin), pid, index).amount for pid, index in releases]
    records.record_expense(
        s(org), projects[0], 0, beneficiary.address, released[0] // 2, b"supplies",
        keccak(text="invoice"), "ipfs://bench/invoice.json",
    )  # fmt: skip
    print(f"history built in {time.perf_counter() - started:.1f} s")
    return suite, projects, donors, [t.to_0x_hex() for t in txs]

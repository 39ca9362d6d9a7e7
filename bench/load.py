"""Load: 2,000 donations from 200 accounts at once through the library on anvil.
Checks none was lost or doubled and that events, views, balances and the trace reconcile,
then writes the throughput to bench/results/load.json."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from eth_utils.crypto import keccak
from web3 import Web3

from charitychain.chain import clock
from charitychain.chain.connect import connect
from charitychain.chain.node import start_ephemeral_anvil
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

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "load.json"
DONORS, EACH, GWEI = 200, 10, 10**9


def main() -> None:
    with start_ephemeral_anvil(project_root=ROOT) as node:
        w3 = connect(node.url)
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
        result = donate_concurrently(node.url, suite.deployment, pid, donors, EACH, GWEI)
        with tempfile.TemporaryDirectory() as tmp:
            trace = project_trace(sync(suite, LogStore(Path(tmp) / "c.sqlite")).events, pid)
        problems = reconcile_project(suite, trace)
        lost = DONORS * EACH - len(result.donations)
        doubled = len(trace.donations) - len({d.at.tx for d in trace.donations})
    results = {
        "donors": DONORS,
        "donations_sent": DONORS * EACH,
        "donations_reported": len(result.donations),
        "donations_on_chain": len(trace.donations),
        "lost": lost,
        "duplicated": doubled,
        "errors": len(result.errors),
        "reconciles": not problems and trace.raised == DONORS * EACH * GWEI,
        "seconds": round(result.seconds, 2),
        "donations_per_second": round(result.per_second, 1),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for key, value in results.items():
        print(f"{key:<22} {value}")
    print(f"saved {OUT.relative_to(ROOT)}")
    if lost or doubled or problems or result.errors:
        raise SystemExit("load run lost, doubled or mismatched donations: see above")


if __name__ == "__main__":
    main()

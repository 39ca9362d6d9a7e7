"""Trace performance on a big history (issue: 1,000 donors, 10,000 donations, 3 projects,
5 releases, local anvil). Writes bench/results/trace.json and prints the numbers.

Measures: cold trace of one project (empty cache), a bare eth_getLogs of the same logs in
the same run and their ratio (goal <= 1.5), warm trace (goal <= 0.2 s), incremental trace
after 100 new donations, and peak memory (tracemalloc, on a separate cold run).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from eth_utils.crypto import keccak
from web3 import Web3

from charitychain.chain import clock
from charitychain.chain.connect import connect
from charitychain.chain.node import start_ephemeral_anvil
from charitychain.contracts.suite import Suite, bind
from charitychain.indexer.store import LogStore
from charitychain.indexer.sync import sync
from charitychain.services import funding, governance, milestones
from charitychain.services.deploy import deploy_suite
from charitychain.services.inputs import ETH_ADDRESS
from charitychain.services.session import Session
from charitychain.services.transact import Signer
from charitychain.trace.build import project_trace

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "trace.json"
DONORS = int(os.environ.get("BENCH_DONORS", "1000"))
DONATIONS = int(os.environ.get("BENCH_DONATIONS", "10000"))
DAY = 86400
GWEI = 10**9


def main() -> None:
    with start_ephemeral_anvil(
        project_root=ROOT, extra_args=("--block-base-fee-per-gas", "0")
    ) as node:
        w3 = connect(node.url)
        suite, projects = _history(w3)
        results = _measure(w3, suite, projects[0])
    results.update({"donors": DONORS, "donations": DONATIONS, "projects": len(projects)})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for key, value in results.items():
        print(f"{key:<32} {value}")
    print(f"saved {OUT.relative_to(ROOT)}")


def _history(w3: Web3) -> tuple[Suite, list[int]]:
    started = time.perf_counter()
    dev = [Signer(Web3.to_checksum_address(a)) for a in w3.eth.accounts[:6]]
    admin, reviewer, aud1, aud2, org, beneficiary = dev
    suite = bind(w3, deploy_suite(w3, admin))
    s = lambda signer: Session(suite, signer)  # noqa: E731
    governance.grant_role(s(admin), "reviewer", reviewer.address)
    for a in (aud1, aud2):
        governance.grant_role(s(admin), "auditor", a.address)
    org_id = governance.apply_organization(s(org), "Bench", keccak(text="p"), "u").org_id
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
    last = None
    for n in range(DONATIONS):
        tx: Any = {"from": donors[n % DONORS], "to": suite.escrow.address,
                   "data": calldata[n % 3], "value": GWEI + n, "gas": 100_000}  # fmt: skip
        last = w3.eth.send_transaction(tx)
        if n % 500 == 499:
            w3.eth.wait_for_transaction_receipt(last, poll_latency=0.01)
    w3.eth.wait_for_transaction_receipt(last, poll_latency=0.01)  # type: ignore[arg-type]
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
    for pid, index in releases:
        milestones.release(s(admin), pid, index)
    print(f"history built in {time.perf_counter() - started:.1f} s")
    return suite, projects


def _bare_get_logs(w3: Web3, suite: Suite) -> float:
    addresses = list(suite.deployment.addresses().values())
    started = time.perf_counter()
    w3.provider.make_request(  # type: ignore[arg-type]
        "eth_getLogs", [{"fromBlock": "0x0", "toBlock": "latest", "address": addresses}]
    )
    return time.perf_counter() - started


def _trace_time(suite: Suite, store: LogStore, pid: int) -> tuple[float, int]:
    started = time.perf_counter()
    history = sync(suite, store)
    trace = project_trace(history.project_events(pid), pid)
    return time.perf_counter() - started, len(trace.donations)


def _measure(w3: Web3, suite: Suite, pid: int) -> dict[str, Any]:
    bare = min(_bare_get_logs(w3, suite) for _ in range(3))
    with tempfile.TemporaryDirectory() as tmp:
        # Peak memory on its own cold run: tracemalloc slows every allocation several-fold.
        tracemalloc.start()
        _trace_time(suite, LogStore(Path(tmp) / "memory.sqlite"), pid)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        store = LogStore(Path(tmp) / "cache.sqlite")
        cold, donations = _trace_time(suite, store, pid)
        warm = min(_trace_time(suite, store, pid)[0] for _ in range(3))
        incremental = _incremental(w3, suite, store)
    return {
        "bare_get_logs_s": round(bare, 4),
        "cold_trace_s": round(cold, 4),
        "cold_to_bare_ratio": round(cold / bare, 2),
        "warm_trace_s": round(warm, 4),
        "incremental_trace_after_100_donations_s": round(incremental, 4),
        "peak_memory_mb": round(peak / 2**20, 1),
        "traced_donations": donations,
    }


def _incremental(w3: Web3, suite: Suite, store: LogStore) -> float:
    org = Signer(Web3.to_checksum_address(w3.eth.accounts[4]))
    deadline = clock.now(w3) + 10 * DAY
    plan = funding.ProjectPlan(
        org.address, ETH_ADDRESS, GWEI, 10**30, deadline, 1, 60, 5000, b"inc",
        keccak(text="inc"), "u", (funding.MilestonePlan(10_000, deadline + DAY),),
    )  # fmt: skip
    pid = funding.create_project(Session(suite, org), plan).project_id
    donor = w3.eth.accounts[7]
    data = suite.escrow.functions.donate(pid, b"\x02" * 32)._encode_transaction_data()
    for n in range(100):
        last = w3.eth.send_transaction(
            {
                "from": donor,
                "to": suite.escrow.address,
                "data": data,
                "value": GWEI + n,
                "gas": 100_000,
            }
        )
    w3.eth.wait_for_transaction_receipt(last, poll_latency=0.01)
    started = time.perf_counter()
    history = sync(suite, store)
    project_trace(history.project_events(pid), pid)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()

"""Trace performance on a big history (issue: 1,000 donors, 10,000 donations, 3 projects,
5 releases, local anvil). Writes bench/results/trace.json and prints the numbers.

Measures: cold trace of one project (empty cache), a bare eth_getLogs of the same logs in
the same run and their ratio (goal <= 1.5), warm trace (goal <= 0.2 s), incremental trace
after 100 new donations, and peak memory (tracemalloc, on a separate cold run).
"""

from __future__ import annotations

import json
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from eth_utils.crypto import keccak
from history import DONATIONS, DONORS, build_history
from web3 import Web3

from charitychain.chain import clock
from charitychain.chain.connect import connect
from charitychain.chain.node import start_ephemeral_anvil
from charitychain.contracts.suite import Suite
from charitychain.indexer.store import LogStore
from charitychain.indexer.sync import sync
from charitychain.services import funding
from charitychain.services.inputs import ETH_ADDRESS
from charitychain.services.session import Session
from charitychain.services.transact import Signer
from charitychain.trace.build import project_trace

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "trace.json"
DAY = 86400
GWEI = 10**9


def main() -> None:
    with start_ephemeral_anvil(
        project_root=ROOT, extra_args=("--block-base-fee-per-gas", "0")
    ) as node:
        w3 = connect(node.url)
        suite, projects, _, _ = build_history(w3)
        results = _measure(w3, suite, projects[0])
    results.update({"donors": DONORS, "donations": DONATIONS, "projects": len(projects)})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for key, value in results.items():
        print(f"{key:<32} {value}")
    print(f"saved {OUT.relative_to(ROOT)}")


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

"""Load: 2,000 donations from 200 accounts at once through the library on anvil.
Checks none was lost or doubled and that events, views, balances and the trace reconcile,
then writes the throughput to bench/results/load.json."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from charitychain.chain.connect import connect
from charitychain.chain.node import start_ephemeral_anvil
from charitychain.indexer.store import LogStore
from charitychain.indexer.sync import sync
from charitychain.loadgen import donate_concurrently, fund_donors
from charitychain.scenario import bootstrap
from charitychain.trace.build import project_trace
from charitychain.trace.reconcile import reconcile_project

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "load.json"
DONORS, EACH, GWEI = 200, 10, 10**9


def main() -> None:
    with start_ephemeral_anvil(project_root=ROOT) as node:
        w3 = connect(node.url)
        world = bootstrap(w3)
        suite, pid = world.suite, world.project_id
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

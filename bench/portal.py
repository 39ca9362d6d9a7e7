"""Portal performance (issue: 50 concurrent readers on a 10,000-donation history keep p95
page time under 200 ms). Writes bench/results/portal.json and prints the numbers.

Builds the history on a local anvil (1,000 impersonated donors, 10,000 raw donations over 3
projects, 5 releases, one expense), records the deployment in a temporary project, starts
`charitychain serve` as a real process and waits until it has synced and checked the
history. Then READERS threads (each with its own keep-alive connection) send REQUESTS
requests in all over a mix of pages and JSON, chosen at random with a fixed seed: home,
organization, project pages (first and later table pages), donor pages, transaction pages,
project and donor JSON. Page time is from sending the request to the last body byte.
Env: BENCH_DONATIONS, BENCH_DONORS, BENCH_READERS, BENCH_REQUESTS shrink or grow it.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from history import DONATIONS, DONORS, build_history

from charitychain.chain.connect import connect
from charitychain.chain.node import start_ephemeral_anvil

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "portal.json"
READERS = int(os.environ.get("BENCH_READERS", "50"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "10000"))
GOAL_P95_MS = 200.0
DAY = 86400
GWEI = 10**9
MIX = (  # (kind, weight)
    ("home", 10),
    ("organization", 5),
    ("project", 20),
    ("project-table-page", 5),
    ("donor", 30),
    ("tx", 15),
    ("api-project", 10),
    ("api-donor", 5),
)


def main() -> None:
    with (
        tempfile.TemporaryDirectory() as tmp,
        start_ephemeral_anvil(
            project_root=ROOT, extra_args=("--block-base-fee-per-gas", "0")
        ) as node,
    ):
        project = Path(tmp) / "project"
        project.mkdir()
        shutil.copy(ROOT / "brownie-config.yaml", project / "brownie-config.yaml")
        w3 = connect(node.url)
        _suite, projects, donors, txs = build_history(w3, project)
        port = _free_port()
        server, warmup = _serve(project, node.url, port)
        try:
            results = _read(port, projects, donors, txs)
        finally:
            server.terminate()
            server.wait(30)
    results.update(
        {
            "donors": DONORS,
            "donations": DONATIONS,
            "projects": len(projects),
            "readers": READERS,
            "portal_ready_s": round(warmup, 2),
            "goal_p95_ms": GOAL_P95_MS,
        }
    )
    results["meets_goal"] = results["p95_ms"] < GOAL_P95_MS
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for key, value in results.items():
        print(f"{key:<24} {value}")
    print(f"saved {OUT.relative_to(ROOT)}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _serve(project: Path, rpc_url: str, port: int) -> tuple[subprocess.Popen[bytes], float]:
    """`charitychain serve` as a real process; waits until synced and checked."""
    script = Path(sys.executable).with_name("charitychain")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "charitychain.cli"]
    started = time.perf_counter()
    server = subprocess.Popen(
        [*command, "--project", str(project), "serve", "--rpc-url", rpc_url,
         "--port", str(port)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"charitychain serve exited with {server.returncode}")
        try:
            status = json.loads(_get(http.client.HTTPConnection("127.0.0.1", port), "/api/status"))
        except (OSError, http.client.HTTPException, ValueError):
            status = {}
        if status.get("ready") and status.get("checks_pending") == 0:
            ready = time.perf_counter() - started
            print(f"portal synced and checked {status['events']} events in {ready:.1f} s")
            return server, ready
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("the portal did not get ready in 600 s")


def _get(conn: http.client.HTTPConnection, path: str) -> bytes:
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"GET {path}: HTTP {response.status}")
    return body


def _plan(projects: list[int], donors: list[str], txs: list[str]) -> list[tuple[str, str]]:
    rng = random.Random(20_261_218)
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    pages = max(1, DONATIONS // len(projects) // 50)
    plan = []
    for kind in rng.choices(kinds, weights, k=REQUESTS):
        pid = rng.choice(projects)
        path = {
            "home": lambda: "/",
            "organization": lambda: "/organizations/1",
            "project": lambda: f"/projects/{pid}",  # noqa: B023
            "project-table-page": lambda: f"/projects/{pid}?donations={rng.randint(1, pages)}",  # noqa: B023
            "donor": lambda: f"/donors/{rng.choice(donors)}",
            "tx": lambda: f"/tx/{rng.choice(txs)}",
            "api-project": lambda: f"/api/projects/{pid}",  # noqa: B023
            "api-donor": lambda: f"/api/donors/{rng.choice(donors)}",
        }[kind]()
        plan.append((kind, path))
    return plan


def _read(port: int, projects: list[int], donors: list[str], txs: list[str]) -> dict[str, Any]:
    plan = _plan(projects, donors, txs)
    timings: list[tuple[str, float]] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(READERS)

    def reader(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = plan[index::READERS]
        start.wait()
        for kind, path in mine:
            began = time.perf_counter()
            try:
                _get(conn, path)
            except (OSError, http.client.HTTPException, RuntimeError) as exc:
                with lock:
                    errors.append(f"{path}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            elapsed = time.perf_counter() - began
            with lock:
                timings.append((kind, elapsed))
        conn.close()

    threads = [threading.Thread(target=reader, args=(i,)) for i in range(READERS)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    all_ms = sorted(t * 1000 for _, t in timings)
    per_kind = {}
    for kind, _ in MIX:
        ms = sorted(t * 1000 for k, t in timings if k == kind)
        if ms:
            per_kind[kind] = {"n": len(ms), "p50_ms": _pct(ms, 50), "p95_ms": _pct(ms, 95)}
    return {
        "requests": len(timings),
        "errors": len(errors),
        "first_errors": errors[:5],
        "p50_ms": _pct(all_ms, 50),
        "p95_ms": _pct(all_ms, 95),
        "max_ms": round(all_ms[-1], 1) if all_ms else None,
        "mean_ms": round(statistics.fmean(all_ms), 1) if all_ms else None,
        "requests_per_s": round(len(timings) / wall, 1),
        "by_kind": per_kind,
    }


def _pct(sorted_ms: list[float], pct: int) -> float:
    if not sorted_ms:
        return float("nan")
    index = min(len(sorted_ms) - 1, max(0, round(pct / 100 * len(sorted_ms)) - 1))
    return round(sorted_ms[index], 1)


if __name__ == "__main__":
    main()

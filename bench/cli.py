"""CLI responsiveness: cold `charitychain --help` and the wall time of one `donate` on a
local anvil. Writes bench/results/cli.json."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from charitychain.chain.node import start_ephemeral_anvil

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "cli.json"
CLI = str(Path(sys.executable).with_name("charitychain"))


def timed(*args: str, cwd: Path | None = None) -> float:
    started = time.perf_counter()
    subprocess.run([CLI, *args], check=True, capture_output=True, cwd=cwd)
    return time.perf_counter() - started


def main() -> None:
    help_times = sorted(timed("--help") for _ in range(5))
    with tempfile.TemporaryDirectory() as tmp, start_ephemeral_anvil(project_root=ROOT) as node:
        project = Path(tmp)
        shutil.copy(ROOT / "brownie-config.yaml", project / "brownie-config.yaml")
        common = ("--project", str(project))
        subprocess.run([CLI, *common, "demo", "--rpc-url", node.url], check=True,
                       capture_output=True)  # fmt: skip
        # The demo leaves project 1 completed; a fresh project takes the timed donation.
        example = json.loads((ROOT / "examples/metadata/project.json").read_text())
        (project / "p.json").write_text(json.dumps(example))
        subprocess.run(
            [CLI, *common, "project", "create", "p.json", "--beneficiary",
             "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "--goal", "1", "--cap", "100",
             "--rpc-url", node.url, "--account", "dev:4"],
            check=True, capture_output=True, cwd=project,
        )  # fmt: skip
        donate = sorted(
            timed(*common, "donate", "3", "0.1", "--rpc-url", node.url, "--account", "dev:7")
            for _ in range(3)
        )
    results = {
        "help_cold_s_median": round(help_times[2], 3),
        "help_cold_s_max": round(help_times[-1], 3),
        "donate_wall_s_median": round(donate[1], 3),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for key, value in results.items():
        print(f"{key:<24} {value}")
    print(f"saved {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

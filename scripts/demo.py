"""`make demo`: the whole donation story on the local anvil (started if needed)."""

from __future__ import annotations

import sys

from charitychain.chain.connect import connect
from charitychain.chain.node import LocalNode
from charitychain.compiler import compile_project
from charitychain.config import load_config
from charitychain.demo import run_demo
from charitychain.errors import CharityChainError


def main() -> int:
    try:
        cfg = load_config()
        compile_project(cfg.root)
        status = LocalNode(cfg.root, "anvil").start()
        print(f"Local anvil at {status.url} (stop it with: .venv/bin/charitychain node stop)")
        result = run_demo(connect(status.url or ""))
    except CharityChainError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    balanced = all(o.given >= o.accounted >= o.given - 1 for o in result.donors)
    return 0 if balanced else 1


if __name__ == "__main__":
    sys.exit(main())

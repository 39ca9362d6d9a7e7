"""The portal's test world: the demo story plus a project whose metadata is on disk."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charitychain.contracts.suite import Suite
from charitychain.demo import DemoResult
from charitychain.indexer.decode import Event


@dataclass(frozen=True)
class World:
    demo: DemoResult
    suite: Suite
    root: Path  # a project folder with the deployment recorded (for the CLI)
    rpc_url: str
    metadata_dir: Path
    events: tuple[Event, ...]  # the whole history, synced once after the story
    wells: int  # project 1: ETH, completed, an expense and an audit report
    school: int  # project 2: dUSD, failed, refunded
    fresh: int  # project 3: ETH, funding, its metadata document matches
    donor: str  # gave to projects 1 and 3
    refunded_donor: str  # gave to project 2 and took the refund


def wait_until(check: Any, timeout: float = 30.0, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def cli_json(world: World, *args: str) -> dict[str, Any]:
    """`charitychain --project ROOT ARGS --rpc-url URL --json`, parsed (it must exit 0)."""
    import json

    from click.testing import CliRunner

    from charitychain.cli.context import AppContext
    from charitychain.cli.main import cli

    argv = ["--project", str(world.root), *args, "--rpc-url", world.rpc_url, "--json"]
    result = CliRunner().invoke(cli, argv, obj=AppContext())
    assert result.exit_code == 0, f"{argv}: {result.output}\n{result.exception!r}"
    record: dict[str, Any] = json.loads(result.stdout)
    return record


def figure(html: str, ident: str) -> int:
    """The base units in data-units of the element with id `ident`."""
    import re

    found = re.search(rf'id="{re.escape(ident)}"[^>]*data-units="(\d+)"', html)
    assert found, f"no figure #{ident} on the page"
    return int(found.group(1))


def settle(client: Any, w3: Any) -> dict[str, object]:
    """Wait until the portal has synced the chain's head and checked it; its status."""

    def caught_up() -> dict[str, object] | None:
        status: dict[str, object] = client.get("/api/status").json()
        fresh = status["head"] == w3.eth.block_number and status["checks_pending"] == 0
        return status if fresh else None

    found: dict[str, object] = wait_until(caught_up, 60, "the portal to catch up")
    return found

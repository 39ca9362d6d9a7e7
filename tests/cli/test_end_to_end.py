"""The whole story through the installed `charitychain` script, on a node this module starts."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from web3 import Web3

from charitychain.chain.connect import connect
from charitychain.chain.node import EphemeralNode, start_ephemeral_anvil
from cli.clitools import DAY, ETHER

pytestmark = pytest.mark.slow

SCRIPT = Path(sys.executable).parent / "charitychain"


@pytest.fixture(autouse=True)
def isolation() -> Iterator[None]:
    """These tests use their own node: no session deployment, no snapshot."""
    yield


@pytest.fixture(scope="module")
def node(project_root: Path) -> Iterator[EphemeralNode]:
    with start_ephemeral_anvil(project_root=project_root) as started:
        yield started


@pytest.fixture
def chain(node: EphemeralNode) -> Web3:
    return connect(node.url)


@pytest.fixture
def charitychain(
    node: EphemeralNode, project_root: Path, tmp_path: Path
) -> Iterator[Callable[..., str]]:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(project_root / "brownie-config.yaml", root / "brownie-config.yaml")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CHARITYCHAIN_RPC_URL", "CHARITYCHAIN_PASSPHRASE", "CHARITYCHAIN_PROJECT")
    }
    env["CHARITYCHAIN_KEYSTORE_DIR"] = str(tmp_path / "keystores")

    def run(*args: str, account: str | None = None, as_json: bool = False) -> str:
        argv = [str(SCRIPT), "--project", str(root), *args, "--rpc-url", node.url]
        if account:
            argv += ["--account", account]
        if as_json:
            argv.append("--json")
        done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, f"{' '.join(argv)}\n{done.stdout}\n{done.stderr}"
        assert "Traceback" not in done.stderr
        return done.stdout

    yield run


def _travel(w3: Web3, seconds: int) -> None:
    w3.provider.make_request("evm_increaseTime", [seconds])  # type: ignore[arg-type]
    w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]


def test_the_whole_story_as_subprocesses(
    charitychain: Callable[..., str], chain: Web3, metadata_dir: Path
) -> None:
    run = charitychain
    accounts = chain.eth.accounts
    assert SCRIPT.is_file(), f"{SCRIPT} is not installed (pip install -e .)"

    deployment = json.loads(run("deploy", as_json=True))
    assert deployment["chain_id"] == 31337
    run("admin", "grant", "reviewer", accounts[1])
    for auditor in accounts[2:4]:
        run("admin", "grant", "auditor", auditor)
    applied = run(
        "org",
        "apply",
        "Clean Water Collective",
        str(metadata_dir / "organization.json"),
        account="dev:5",
    )
    assert applied.startswith("Organization 1 applied")
    run("org", "approve", "1", account="dev:1")
    created = run(
        "project",
        "create",
        str(metadata_dir / "project-future.json"),
        "--beneficiary",
        accounts[6],
        "--goal",
        "5",
        "--cap",
        "10",
        "--deadline",
        "+7d",
        "--window",
        "2d",
        account="dev:5",
    )
    assert created.startswith("Project 1 created")
    run("donate", "1", "4", account="dev:7")
    run("donate", "1", "2", account="dev:8")
    _travel(chain, 8 * DAY)
    assert "funding closed: Active" in run("project", "close", "1")
    run("milestone", "submit", "1", "0", str(metadata_dir / "evidence.json"), account="dev:5")
    run("milestone", "approve", "1", "0", account="dev:2")
    voted = run("milestone", "approve", "1", "0", account="dev:3")
    assert "now Approved" in voted
    _travel(chain, 2 * DAY + 1)
    released = run("milestone", "release", "1", "0")
    assert released.startswith(f"Released 1.8 ETH to {accounts[6]}")

    shown = json.loads(run("project", "show", "1", as_json=True))

    assert shown["released"] == 18 * ETHER // 10
    assert shown["held"] == 6 * ETHER - 18 * ETHER // 10
    assert [m["state"] for m in shown["milestones"]] == ["Released", "Pending", "Pending"]


def test_the_demo_command_accounts_for_every_wei(charitychain: Callable[..., str]) -> None:
    output = charitychain("demo")

    assert "accounted for:" in output

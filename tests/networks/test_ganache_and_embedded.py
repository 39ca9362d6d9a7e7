"""The demo story on Ganache and on the embedded py-evm chain, and a CLI smoke on Ganache."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from charitychain.chain.connect import connect
from charitychain.chain.embedded import embedded_web3
from charitychain.chain.node import LocalNode, free_port
from charitychain.cli import cli
from charitychain.demo import DemoResult, run_demo

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "metadata"


def assert_story_adds_up(result: DemoResult) -> None:
    wells, school = result.projects
    assert (wells.state, wells.raised, wells.released, wells.held) == (
        "Completed",
        10 * 10**18,
        10 * 10**18,
        0,
    )
    assert (school.state, school.raised, school.refunded, school.held) == (
        "Failed",
        3_500 * 10**6,
        3_500 * 10**6,
        0,
    )
    assert result.trace.accounted == result.trace.given == 4 * 10**18


@pytest.fixture(scope="module")
def ganache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("ganache-project")
    shutil.copy(REPO / "brownie-config.yaml", root / "brownie-config.yaml")
    (root / "node_modules").symlink_to(REPO / "node_modules")
    node = LocalNode(root, "ganache")
    status = node.start(port=free_port())
    yield root, status.url or ""
    node.stop()


def test_demo_story_runs_on_ganache(ganache: tuple[Path, str]) -> None:
    assert_story_adds_up(run_demo(connect(ganache[1]), say=lambda _: None))


def test_demo_story_runs_on_the_embedded_chain_without_any_node() -> None:
    assert_story_adds_up(run_demo(embedded_web3(), say=lambda _: None))


def test_cli_deploys_donates_approves_releases_on_ganache(ganache: tuple[Path, str]) -> None:
    root, url = ganache
    w3 = connect(url)

    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, ["--project", str(root), *args, "--rpc-url", url])
        assert result.exit_code == 0, result.output
        return result.output

    run("deploy")
    dev = w3.eth.accounts
    run("admin", "grant", "reviewer", dev[1])
    run("admin", "grant", "auditor", dev[2])
    run("org", "apply", "Water", str(EXAMPLES / "organization.json"), "--account", "dev:4")
    run("org", "approve", "1", "--account", "dev:1")
    run("project", "create", str(EXAMPLES / "project.json"), "--beneficiary", dev[5],
        "--goal", "1", "--cap", "5", "--quorum", "1", "--window", "1h",
        "--deadline", "+1d", "--account", "dev:4")  # fmt: skip
    assert "Donated 2 ETH" in run("donate", "1", "2", "--account", "dev:6")
    w3.provider.make_request("evm_increaseTime", [2 * 86400])  # type: ignore[arg-type]
    w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]
    run("project", "close", "1")
    run("milestone", "submit", "1", "0", str(EXAMPLES / "evidence.json"), "--account", "dev:4")
    run("milestone", "approve", "1", "0", "--account", "dev:2")
    w3.provider.make_request("evm_increaseTime", [7200])  # type: ignore[arg-type]
    w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]
    assert "Released 0.6 ETH" in run("milestone", "release", "1", "0")
    shown = json.loads(run("--json", "project", "show", "1"))
    assert (shown["released"], shown["milestones"][0]["state"]) == (6 * 10**17, "Released")
    traced = json.loads(run("--json", "trace", "project", "1"))
    assert traced["reconciles"] is True and traced["released"] == 6 * 10**17

"""Local node management: anvil and ganache started, stopped and inspected per project."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from charitychain.chain.connect import connect, wait_receipt
from charitychain.chain.node import LocalNode, free_port
from charitychain.cli import cli
from charitychain.errors import NodeError

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty project (config only) so nodes keep their state in a temp .charitychain/."""
    root = tmp_path / "proj"
    root.mkdir()
    shutil.copy(REPO / "brownie-config.yaml", root / "brownie-config.yaml")
    monkeypatch.setenv("CHARITYCHAIN_PROJECT", str(root))
    yield root
    for chain in ("anvil", "ganache"):
        LocalNode(root, chain).stop()


def invoke(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["--json", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    record: dict[str, object] = json.loads(result.output)
    return record


def test_anvil_start_status_stop_through_the_cli(project: Path) -> None:
    port = free_port()
    started = invoke("node", "start", "--port", str(port))
    assert started["running"] is True
    assert started["port"] == port and started["chain_id"] == 31337
    assert (project / ".charitychain" / "anvil" / "node.json").is_file()
    status = invoke("node", "status")
    assert status["running"] is True and status["block_number"] == 0
    assert invoke("node", "stop") == {"chain": "anvil", "stopped": True}
    assert invoke("node", "status")["running"] is False
    assert invoke("node", "stop")["stopped"] is False


def test_second_start_reuses_the_running_node(project: Path) -> None:
    port = free_port()
    first = invoke("node", "start", "--port", str(port))
    again = invoke("node", "start")
    assert again["pid"] == first["pid"]


def test_anvil_state_survives_stop_and_start(project: Path) -> None:
    node = LocalNode(project, "anvil")
    port = free_port()
    node.start(port=port)
    w3 = connect(f"http://127.0.0.1:{port}")
    sender, receiver = w3.eth.accounts[0], w3.eth.accounts[1]
    before = w3.eth.get_balance(receiver)
    wait_receipt(w3, w3.eth.send_transaction({"from": sender, "to": receiver, "value": 12345}))
    assert node.stop()
    node.start(port=port)
    w3 = connect(f"http://127.0.0.1:{port}")
    assert w3.eth.get_balance(receiver) == before + 12345
    assert w3.eth.get_transaction_count(sender) == 1
    assert w3.eth.block_number >= 1


def test_node_commands_work_as_a_real_subprocess(project: Path) -> None:
    port = str(free_port())
    env = {**os.environ, "CHARITYCHAIN_PROJECT": str(project)}
    exe = [sys.executable, "-m", "charitychain.cli.main"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*exe, *args], env=env, capture_output=True, text=True, timeout=60, check=False
        )

    started = run("node", "start", "--port", port)
    assert started.returncode == 0, started.stderr
    assert f"running at http://127.0.0.1:{port}" in started.stdout
    assert "running" in run("node", "status").stdout
    assert run("node", "stop").stdout.strip() == "anvil: stopped"


def test_starting_on_a_busy_port_fails_with_a_clear_error(project: Path) -> None:
    port = free_port()
    LocalNode(project, "anvil").start(port=port)
    result = CliRunner().invoke(cli, ["node", "start", "--chain", "ganache", "--port", str(port)])
    assert result.exit_code != 0
    assert "already in use" in result.output
    assert "Traceback" not in result.output


def test_ganache_starts_and_stops(project: Path) -> None:
    port = free_port()
    status = LocalNode(project, "ganache").start(port=port)
    assert status.running and status.chain_id == 1337
    w3 = connect(status.url or "")
    assert w3.eth.gas_price > 0
    assert LocalNode(project, "ganache").stop()
    assert not LocalNode(project, "ganache").status().running


def test_missing_node_modules_says_run_make_setup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "bare"
    root.mkdir()
    shutil.copy(REPO / "brownie-config.yaml", root / "brownie-config.yaml")
    monkeypatch.setenv("CHARITYCHAIN_TOOLCHAIN", str(tmp_path / "nowhere"))
    with pytest.raises(NodeError, match="run `make setup`"):
        LocalNode(root, "anvil").start(port=free_port())
    result = CliRunner().invoke(
        cli, ["--project", str(root), "node", "start", "--port", str(free_port())]
    )
    assert result.exit_code != 0 and "make setup" in result.output

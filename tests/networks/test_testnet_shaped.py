"""A public-testnet-shaped chain: Sepolia's chain id, no unlocked accounts, 1 s blocks, a real
base fee. Deploy → donate → release → show, through --rpc-url and keystore accounts, with
confirmations, the confirmation prompt answered, and `verify deployment` passing."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from web3 import Web3

from charitychain.chain.connect import connect
from charitychain.chain.node import EphemeralNode, start_ephemeral_anvil
from charitychain.cli import cli

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "metadata"
SEPOLIA = 11155111
NAMES = ("deployer", "charity", "auditor", "donor")


@pytest.fixture(scope="module")
def testnet() -> Iterator[EphemeralNode]:
    node = start_ephemeral_anvil(
        project_root=REPO,
        chain_id=SEPOLIA,
        accounts=0,
        extra_args=("--block-time", "1", "--block-base-fee-per-gas", "1000000000"),
    )
    yield node
    node.stop()


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(REPO / "brownie-config.yaml", tmp_path / "brownie-config.yaml")
    monkeypatch.setenv("CHARITYCHAIN_KEYSTORE_DIR", str(tmp_path / "keys"))
    monkeypatch.setenv("CHARITYCHAIN_FAST_KDF", "1")
    monkeypatch.delenv("CHARITYCHAIN_PASSPHRASE", raising=False)
    (tmp_path / "pw.txt").write_text("correct horse\n")
    project = json.loads((EXAMPLES / "project.json").read_text())
    for i, milestone in enumerate(project["milestones"]):
        milestone["due"] = (date.today() + timedelta(days=60 + 30 * i)).isoformat()
    (tmp_path / "project.json").write_text(json.dumps(project))
    return tmp_path


def run(workspace: Path, *args: str, answer: str | None = None) -> Result:
    result = CliRunner().invoke(cli, ["--project", str(workspace), *args], input=answer)
    assert result.exit_code == 0, result.output
    return result


def travel(w3: Web3, seconds: int) -> None:
    """Move the clock and mine, so the next estimate already sees the new time."""
    w3.provider.make_request("evm_increaseTime", [seconds])  # type: ignore[arg-type]
    w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]


def test_deploy_donate_release_through_rpc_url_and_keystores(
    testnet: EphemeralNode, workspace: Path
) -> None:
    w3 = connect(testnet.url)
    assert w3.eth.accounts == []
    address = {}
    for name in NAMES:
        run(workspace, "accounts", "new", name, "--password-file", str(workspace / "pw.txt"))
        info = json.loads(run(workspace, "--json", "accounts", "show", name).output)
        address[name] = info["address"]
        w3.provider.make_request("anvil_setBalance", [info["address"], hex(10**20)])  # type: ignore[arg-type]
    net = ["--rpc-url", testnet.url, "--chain-id", str(SEPOLIA)]
    signed = [*net, "--password-file", str(workspace / "pw.txt"), "--confirmations", "1"]

    def as_(name: str) -> list[str]:
        return [*signed, "--account", name]

    deployed = run(workspace, "deploy", *as_("deployer"), answer="y\n")
    assert "Deploy the suite to chain 11155111" in deployed.output
    run(workspace, "admin", "grant", "reviewer", address["deployer"], *as_("deployer"), "--yes")
    granted = run(
        workspace, "admin", "grant", "auditor", address["auditor"], *as_("deployer"), answer="y\n"
    )
    assert "About to call grantRole(" in granted.output and "max fee" in granted.output
    run(workspace, "org", "apply", "Water", str(EXAMPLES / "organization.json"),
        *as_("charity"), "--yes")  # fmt: skip
    run(workspace, "org", "approve", "1", *as_("deployer"), "--yes")
    terms = ["--goal", "0.5", "--cap", "10", "--deadline", "+1d", "--quorum", "1", "--window", "1h"]
    run(workspace, "project", "create", str(workspace / "project.json"),
        "--beneficiary", address["charity"], *terms, *as_("charity"), "--yes")  # fmt: skip
    donated = run(workspace, "donate", "1", "0.75", *as_("donor"), answer="y\n")
    assert "Donated 0.75 ETH" in donated.output
    travel(w3, 2 * 86400)
    run(workspace, "project", "close", "1", *as_("donor"), "--yes")
    run(workspace, "milestone", "submit", "1", "0", str(EXAMPLES / "evidence.json"),
        *as_("charity"), "--yes")  # fmt: skip
    run(workspace, "milestone", "approve", "1", "0", *as_("auditor"), "--yes")
    travel(w3, 7200)
    released = run(workspace, "milestone", "release", "1", "0", *as_("donor"), "--yes")
    assert "Released 0.225 ETH" in released.output

    shown = json.loads(run(workspace, "--json", "project", "show", "1", *net).output)
    assert (shown["raised"], shown["released"]) == (75 * 10**16, 225 * 10**15)
    release_tx = w3.eth.get_transaction(released.output.strip().split("tx ")[-1].rstrip(")"))
    assert release_tx["chainId"] == SEPOLIA and release_tx["type"] == 2
    traced = json.loads(run(workspace, "--json", "trace", "project", "1", *net).output)
    assert traced["reconciles"] is True and traced["held"] == 525 * 10**15
    verified = json.loads(run(workspace, "--json", "verify", "deployment", *net).output)
    assert verified["ok"] is True


def test_declining_the_prompt_sends_nothing(testnet: EphemeralNode, workspace: Path) -> None:
    w3 = connect(testnet.url)
    run(workspace, "accounts", "new", "deployer", "--password-file", str(workspace / "pw.txt"))
    who = json.loads(run(workspace, "--json", "accounts", "show", "deployer").output)["address"]
    w3.provider.make_request("anvil_setBalance", [who, hex(10**20)])  # type: ignore[arg-type]
    args = ["--rpc-url", testnet.url, "--account", "deployer",
            "--password-file", str(workspace / "pw.txt")]  # fmt: skip
    result = CliRunner().invoke(cli, ["--project", str(workspace), "deploy", *args], input="n\n")
    assert result.exit_code == 1
    assert w3.eth.get_transaction_count(who) == 0


def test_dev_accounts_are_refused_on_a_testnet(testnet: EphemeralNode, workspace: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["--project", str(workspace), "deploy", "--rpc-url", testnet.url, "--account", "dev:0"],
    )
    assert result.exit_code == 1
    assert "dev accounts exist only on dev chains" in result.output
    assert "Traceback" not in result.output

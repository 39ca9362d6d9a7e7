"""Fixtures for CLI tests: a temp project with a suite deployed through the CLI itself.

The session fixture copies brownie-config.yaml into a temp project, runs `charitychain deploy`
against the session anvil, grants a reviewer (dev:1) and auditors (dev:2..4), and has dev:5
apply with the example organization profile, approved by the reviewer. All of it happens
before the per-test snapshot, so each test starts from that state.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from web3 import Web3
from web3.contract import Contract

from charitychain import keys
from charitychain.chain import clock
from charitychain.chain.node import EphemeralNode
from charitychain.contracts.artifacts import load_build_artifact
from charitychain.contracts.suite import Suite, bind, load_deployment
from charitychain.services.transact import Signer, deploy_contract, send
from cli.clitools import EXAMPLES, Cli

FUTURE_DUES = ("2031-03-31", "2031-06-30", "2031-09-30")


@pytest.fixture(scope="session")
def metadata_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example metadata files; project.json gets due dates after any test deadline."""
    directory = tmp_path_factory.mktemp("metadata")
    for path in EXAMPLES.glob("*.json"):
        shutil.copy(path, directory / path.name)
    project = json.loads((EXAMPLES / "project.json").read_text(encoding="utf-8"))
    for milestone, due in zip(project["milestones"], FUTURE_DUES, strict=True):
        milestone["due"] = due
    (directory / "project-future.json").write_text(json.dumps(project), encoding="utf-8")
    return directory


@pytest.fixture(scope="session")
def session_cli(
    tmp_path_factory: pytest.TempPathFactory, anvil: EphemeralNode, project_root: Path
) -> Cli:
    root = tmp_path_factory.mktemp("project")
    shutil.copy(project_root / "brownie-config.yaml", root / "brownie-config.yaml")
    keystores = tmp_path_factory.mktemp("keystores")
    env = {
        keys.KEYSTORE_DIR_ENV: str(keystores),
        keys.FAST_KDF_ENV: "1",
        "CHARITYCHAIN_PASSPHRASE": None,
        "CHARITYCHAIN_RPC_URL": None,
        "CHARITYCHAIN_PROJECT": None,
    }
    return Cli(root, anvil.url, env)


@pytest.fixture(scope="session")
def deployed(session_cli: Cli, w3: Web3, accounts: list[str], metadata_dir: Path) -> Suite:
    run = session_cli
    run("deploy")
    run("admin", "grant", "reviewer", accounts[1])
    for auditor in accounts[2:5]:
        run("admin", "grant", "auditor", auditor)
    run(
        "org",
        "apply",
        "Clean Water Collective",
        str(metadata_dir / "organization.json"),
        account="dev:5",
    )
    run("org", "approve", "1", "--until", "+3650d", account="dev:1")
    return bind(w3, load_deployment(session_cli.project, w3.eth.chain_id))


@pytest.fixture(autouse=True)
def isolation(deployed: Suite, w3: Web3) -> Iterator[None]:
    """Override of the root isolation: deploy first, then snapshot around each test."""
    snapshot = w3.provider.make_request("evm_snapshot", [])["result"]  # type: ignore[arg-type]
    yield
    w3.provider.make_request("evm_revert", [snapshot])  # type: ignore[arg-type]


@pytest.fixture
def run(session_cli: Cli, tmp_path: Path) -> Cli:
    """The CLI on the session project, with this test's own keystore directory."""
    keystores = tmp_path / "keystores"
    env = {**session_cli.env, keys.KEYSTORE_DIR_ENV: str(keystores)}
    return Cli(session_cli.project, session_cli.rpc_url, env)


@pytest.fixture
def travel(w3: Web3) -> Callable[[int], int]:
    def advance(seconds: int) -> int:
        return clock.advance(w3, seconds)

    return advance


@pytest.fixture
def make_project(run: Cli, accounts: list[str], metadata_dir: Path) -> Callable[..., int]:
    """make_project(goal="5", cap="10", token="eth", deadline="+7d") -> new project id."""

    def make(
        goal: str = "5",
        cap: str = "10",
        token: str = "eth",
        deadline: str = "+7d",
        threshold: str = "50%",
    ) -> int:
        record = run.json(
            "project",
            "create",
            str(metadata_dir / "project-future.json"),
            "--beneficiary",
            accounts[6],
            "--token",
            token,
            "--goal",
            goal,
            "--cap",
            cap,
            "--deadline",
            deadline,
            "--window",
            "2d",
            "--threshold",
            threshold,
            account="dev:5",
        )
        return int(record["project_id"])

    return make


@pytest.fixture
def funding_project(make_project: Callable[..., int]) -> int:
    return make_project()


@pytest.fixture
def active_project(run: Cli, make_project: Callable[..., int], travel: Callable[[int], int]) -> int:
    """Raised 4 (dev:7) + 2 (dev:8) ETH of a 5 ETH goal, closed Active."""
    project_id = make_project()
    run("donate", str(project_id), "4", account="dev:7")
    run("donate", str(project_id), "2", account="dev:8")
    travel(8 * 24 * 3600)
    run("project", "close", str(project_id))
    return project_id


@pytest.fixture
def failed_project(run: Cli, make_project: Callable[..., int], travel: Callable[[int], int]) -> int:
    """Raised 1 ETH (dev:7) of a 5 ETH goal, closed Failed."""
    project_id = make_project()
    run("donate", str(project_id), "1", account="dev:7")
    travel(8 * 24 * 3600)
    run("project", "close", str(project_id))
    return project_id


@pytest.fixture
def in_review(run: Cli, active_project: int, metadata_dir: Path) -> int:
    """The active project with the example evidence submitted for milestone 0."""
    run(
        "milestone",
        "submit",
        str(active_project),
        "0",
        str(metadata_dir / "evidence.json"),
        account="dev:5",
    )
    return active_project


@pytest.fixture
def approved(run: Cli, in_review: int) -> int:
    """Milestone 0 approved by dev:2 and dev:3 (quorum 2); its window runs 2 days."""
    for auditor in ("dev:2", "dev:3"):
        run("milestone", "approve", str(in_review), "0", account=auditor)
    return in_review


@pytest.fixture
def released(run: Cli, approved: int, travel: Callable[[int], int]) -> int:
    """Milestone 0 released: 1.8 ETH (30 % of 6) paid to the beneficiary."""
    travel(2 * 24 * 3600)
    run("milestone", "release", str(approved), "0")
    return approved


@pytest.fixture
def token(w3: Web3, accounts: list[str], deployed: Suite, project_root: Path) -> Contract:
    """A MockERC20 ("TUSD", 6 decimals), not yet allow-listed; dev:7 holds 1000."""
    artifact = load_build_artifact("MockERC20", project_root)
    admin = Signer(Web3.to_checksum_address(accounts[0]))
    address = deploy_contract(w3, artifact, ("Test USD", "TUSD", 6), admin)
    contract = w3.eth.contract(address=address, abi=artifact.abi)
    send(w3, contract.functions.mint(accounts[7], 1000 * 10**6), admin, deployed.decoder)
    return contract

"""Shared fixtures: one anvil per session, snapshot/revert isolation, deploy factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from web3 import Web3
from web3.contract import Contract
from web3.types import TxReceipt

from charitychain.chain.connect import connect, wait_receipt
from charitychain.chain.node import EphemeralNode, start_ephemeral_anvil
from charitychain.compiler import CompileResult, compile_project
from charitychain.contracts.artifacts import load_build_artifact
from charitychain.errors import TransactionFailed

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def compiled(project_root: Path) -> CompileResult:
    """Compile the project once per session (a no-op when nothing changed)."""
    return compile_project(project_root)


@pytest.fixture(scope="session")
def anvil() -> Iterator[EphemeralNode]:
    node = start_ephemeral_anvil(project_root=ROOT)
    yield node
    node.stop()


@pytest.fixture(scope="session")
def w3(anvil: EphemeralNode) -> Web3:
    return connect(anvil.url)


@pytest.fixture(scope="session")
def accounts(w3: Web3) -> list[str]:
    """The 10 dev accounts (unlocked on anvil: send with `{"from": account}`)."""
    return [Web3.to_checksum_address(a) for a in w3.eth.accounts[:10]]


@pytest.fixture(autouse=True)
def isolation(request: pytest.FixtureRequest) -> Iterator[None]:
    """Snapshot before and revert after each test that uses the chain."""
    if "w3" not in request.fixturenames:
        yield
        return
    chain: Web3 = request.getfixturevalue("w3")
    snapshot = chain.provider.make_request("evm_snapshot", [])["result"]  # type: ignore[arg-type]
    yield
    chain.provider.make_request("evm_revert", [snapshot])  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def tx(w3: Web3) -> Callable[..., TxReceipt]:
    """tx(contract.functions.f(args), sender, value=0) -> receipt; raises on status 0."""

    def send(fn_call: Any, sender: str, value: int = 0) -> TxReceipt:
        tx_hash = fn_call.transact({"from": sender, "value": value})
        receipt = wait_receipt(w3, tx_hash, check=False)
        if receipt["status"] != 1:
            raise TransactionFailed(f"{fn_call.fn_name} reverted (tx {tx_hash.to_0x_hex()})")
        return receipt

    return send


@pytest.fixture(scope="session")
def deploy(
    w3: Web3, accounts: list[str], compiled: CompileResult, project_root: Path
) -> Callable[..., Contract]:
    """deploy("Name", *constructor_args, sender=accounts[0], value=0) -> web3 Contract.

    Reads build/contracts, so test mocks under contracts/test/ deploy too.
    """

    def make(name: str, *args: Any, sender: str | None = None, value: int = 0) -> Contract:
        artifact = load_build_artifact(name, project_root)
        factory = w3.eth.contract(abi=artifact.abi, bytecode=artifact.bytecode)
        tx_hash = factory.constructor(*args).transact(
            {"from": sender or accounts[0], "value": value}
        )
        receipt = wait_receipt(w3, tx_hash)
        address = receipt["contractAddress"]
        assert address is not None
        return w3.eth.contract(address=address, abi=artifact.abi)

    return make


@pytest.fixture(scope="session")
def chain_time(w3: Web3) -> Callable[[], int]:
    """Timestamp of the latest block."""

    def now() -> int:
        return int(w3.eth.get_block("latest")["timestamp"])

    return now


@pytest.fixture(scope="session")
def time_travel(w3: Web3) -> Callable[[int], int]:
    """time_travel(seconds): advance the chain clock and mine a block; returns the new time."""

    def travel(seconds: int) -> int:
        w3.provider.make_request("evm_increaseTime", [seconds])  # type: ignore[arg-type]
        w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]
        return int(w3.eth.get_block("latest")["timestamp"])

    return travel

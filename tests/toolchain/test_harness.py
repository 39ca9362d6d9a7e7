"""The shared fixtures (anvil, isolation, tx, time travel) and expect_revert work on anvil."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from web3 import Web3
from web3.contract import Contract
from web3.types import TxReceipt

from charitychain.chain.connect import wait_receipt
from charitychain.compiler import CompileResult
from charitychain.contracts.artifacts import load_build_artifact
from charitychain.errors import TransactionFailed
from helpers import ANY, decode_custom_error, expect_revert


@pytest.fixture
def box(
    w3: Web3, accounts: list[str], tiny_project: Path, tiny_compiled: CompileResult
) -> Contract:
    artifact = load_build_artifact("Box", tiny_project)
    factory = w3.eth.contract(abi=artifact.abi, bytecode=artifact.bytecode)
    receipt = wait_receipt(w3, factory.constructor().transact({"from": accounts[0]}))
    return w3.eth.contract(address=receipt["contractAddress"], abi=artifact.abi)


def test_accounts_are_the_ten_dev_accounts(accounts: list[str]) -> None:
    assert len(accounts) == 10
    assert accounts[0] == "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"


def test_tx_returns_the_receipt(
    box: Contract, accounts: list[str], tx: Callable[..., TxReceipt]
) -> None:
    receipt = tx(box.functions.store(5), accounts[1])
    assert receipt["status"] == 1
    assert box.functions.value().call() == 5


_NONCE_BEFORE: list[int] = []  # session fixtures of other folders may have used accounts[9]


def test_isolation_reverts_state_between_tests_part_one(w3: Web3, accounts: list[str]) -> None:
    _NONCE_BEFORE.append(w3.eth.get_transaction_count(accounts[9]))
    w3.eth.send_transaction({"from": accounts[9], "to": accounts[8], "value": 1})
    assert w3.eth.get_transaction_count(accounts[9]) == _NONCE_BEFORE[0] + 1


def test_isolation_reverts_state_between_tests_part_two(w3: Web3, accounts: list[str]) -> None:
    assert _NONCE_BEFORE, "runs after part one"
    assert w3.eth.get_transaction_count(accounts[9]) == _NONCE_BEFORE[0]


def test_expect_revert_decodes_custom_error_from_a_transaction(
    box: Contract, accounts: list[str], tx: Callable[..., TxReceipt]
) -> None:
    with expect_revert("BoxTooLarge", 1001, 1000, abi=box) as info:
        tx(box.functions.store(1001), accounts[0])
    assert info.args == (1001, 1000)


def test_expect_revert_decodes_custom_error_from_a_call(box: Contract) -> None:
    with expect_revert("BoxTooLarge", ANY, 1000, abi=box):
        box.functions.store(5000).call()


def test_expect_revert_matches_a_reason_string(box: Contract) -> None:
    with expect_revert("out of cheese", abi=box):
        box.functions.fail("out of cheese").call()


def test_expect_revert_fails_when_the_arguments_differ(box: Contract) -> None:
    wrong_args = pytest.raises(AssertionError, match=r"got args \(5000, 1000\)")
    with wrong_args, expect_revert("BoxTooLarge", 1, 1000, abi=box):
        box.functions.store(5000).call()


def test_expect_revert_fails_when_nothing_reverts(box: Contract) -> None:
    with pytest.raises(AssertionError, match="nothing reverted"), expect_revert("X", abi=box):
        box.functions.store(1).call()


def test_decode_custom_error_is_a_pure_function(box: Contract) -> None:
    data = "0x" + Web3.keccak(text="BoxTooLarge(uint256,uint256)")[:4].hex() + "00" * 31 + "02"
    data += "00" * 31 + "03"
    assert decode_custom_error(box.abi, data) == ("BoxTooLarge", (2, 3))


def test_tx_raises_when_a_mined_transaction_reverted(
    box: Contract, accounts: list[str], tx: Callable[..., TxReceipt], w3: Web3
) -> None:
    # With an explicit gas limit web3 skips estimation, so the revert shows in the receipt.
    tx_hash = box.functions.store(5000).transact({"from": accounts[0], "gas": 100_000})
    with pytest.raises(TransactionFailed):
        wait_receipt(w3, tx_hash)


def test_time_travel_moves_the_chain_clock(
    chain_time: Callable[[], int], time_travel: Callable[[int], int]
) -> None:
    before = chain_time()
    assert time_travel(3600) >= before + 3600

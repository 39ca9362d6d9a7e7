"""The in-process chain runs contracts compiled for shanghai."""

from __future__ import annotations

from pathlib import Path

from charitychain.chain.connect import wait_receipt
from charitychain.chain.embedded import embedded_web3
from charitychain.compiler import CompileResult
from charitychain.contracts.artifacts import load_build_artifact


def test_embedded_chain_deploys_and_calls_a_shanghai_contract(
    tiny_project: Path, tiny_compiled: CompileResult
) -> None:
    w3 = embedded_web3()
    box = load_build_artifact("Box", tiny_project)
    sender = w3.eth.accounts[0]
    receipt = wait_receipt(
        w3,
        w3.eth.contract(abi=box.abi, bytecode=box.bytecode)
        .constructor()
        .transact({"from": sender}),
    )
    contract = w3.eth.contract(address=receipt["contractAddress"], abi=box.abi)
    wait_receipt(w3, contract.functions.store(7).transact({"from": sender}))
    assert contract.functions.value().call() == 7


def test_embedded_accounts_match_anvil_dev_accounts() -> None:
    assert embedded_web3().eth.accounts[0] == "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"

"""Checking what a person holds (a private receipt) against what the chain recorded."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hexbytes import HexBytes
from web3.exceptions import TransactionNotFound

from charitychain.contracts.suite import Suite
from charitychain.services.receipts import events


@dataclass(frozen=True)
class ReceiptCheck:
    ok: bool
    problems: tuple[str, ...]
    tx: str | None
    project_id: int


def check_receipt(suite: Suite, path: Path) -> ReceiptCheck:
    """Find the donation the receipt commits to and compare every field with the chain."""
    from charitychain import receipts

    receipt = receipts.read_receipt(path)
    memo = receipts.commitment(receipt)
    found = _donation_event(suite, receipt.tx_hash, receipt.project_id, memo)
    if found is None:
        where = f"transaction {receipt.tx_hash}" if receipt.tx_hash else "this deployment"
        return ReceiptCheck(
            False,
            (f"no donation with this receipt's commitment 0x{memo.hex()} in {where}",),
            receipt.tx_hash,
            receipt.project_id,
        )
    event, tx = found
    verdict = receipts.verify_receipt(
        receipt,
        event["memo"],
        event["donor"],
        int(event["amount"]),
        int(event["projectId"]),
        chain_id=suite.deployment.chain_id,
        escrow=suite.escrow.address,
    )
    return ReceiptCheck(verdict.ok, tuple(verdict.problems), tx, receipt.project_id)


def _donation_event(
    suite: Suite, tx_hash: str | None, project_id: int, memo: bytes
) -> tuple[dict[str, Any], str] | None:
    if tx_hash:
        try:
            receipt = suite.w3.eth.get_transaction_receipt(HexBytes(tx_hash))
        except TransactionNotFound:
            return None
        for event in events(receipt, suite.escrow, "DonationReceived"):
            if bytes(event["memo"]) == memo:
                return event, tx_hash
        return None
    logs = suite.escrow.events.DonationReceived().get_logs(
        from_block=0, argument_filters={"projectId": project_id}
    )
    for log in logs:
        if bytes(log["args"]["memo"]) == memo:
            return dict(log["args"]), log["transactionHash"].to_0x_hex()
    return None


@dataclass(frozen=True)
class CodeCheck:
    name: str
    address: str
    ok: bool
    problem: str | None


def check_deployment(suite: Suite) -> tuple[CodeCheck, ...]:
    """Each contract's on-chain runtime code equals the shipped artifact's.

    Immutables (constructor-set addresses and numbers) are masked on both sides; everything
    else, the trailing compiler metadata hash included, must match byte for byte.
    """
    from charitychain.contracts.artifacts import load_artifact
    from charitychain.contracts.suite import SUITE

    checks = []
    for name, address in zip(SUITE, suite.deployment.addresses().values(), strict=True):
        artifact = load_artifact(name)
        expected = bytes.fromhex(artifact.deployed_bytecode.removeprefix("0x"))
        actual = bytes(suite.w3.eth.get_code(address))
        problem = None
        if not actual:
            problem = "no contract code at this address"
        elif len(actual) != len(expected):
            problem = f"code is {len(actual)} bytes, the artifact's is {len(expected)}"
        elif _masked(actual, artifact.immutable_references) != _masked(
            expected, artifact.immutable_references
        ):
            problem = "code differs from the shipped artifact"
        checks.append(CodeCheck(name, address, problem is None, problem))
    return tuple(checks)


def _masked(code: bytes, references: dict[str, Any]) -> bytes:
    buffer = bytearray(code)
    for spans in references.values():
        for span in spans:
            start, length = int(span["start"]), int(span["length"])
            buffer[start : start + length] = bytes(length)
    return bytes(buffer)

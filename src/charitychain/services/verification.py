"""Checking what a person holds (a private receipt) against what the chain recorded."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hexbytes import HexBytes
from web3 import Web3
from web3.exceptions import TransactionNotFound

from charitychain.contracts.suite import Suite
from charitychain.services.receipts import events

if TYPE_CHECKING:
    from charitychain.trace.model import TxTrace


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


@dataclass(frozen=True)
class TxCheck:
    tx: str
    ok: bool
    block: int | None
    confirmations: int
    checks: tuple[tuple[str, bool, str], ...]
    events: tuple[str, ...]


def check_tx(suite: Suite, tx_hash: str) -> TxCheck:
    """A transaction succeeded, is on the canonical chain, and touched the recorded suite."""
    from charitychain.indexer.sync import decoder_for
    from charitychain.services.inputs import InvalidInput
    from charitychain.trace.transaction import raw_receipt, trace_from_receipt

    try:
        receipt = raw_receipt(suite, tx_hash)
    except InvalidInput:
        check = ("mined", False, f"no receipt for {tx_hash} on chain {suite.deployment.chain_id}")
        return TxCheck(tx_hash, False, None, 0, (check,), ())
    trace = trace_from_receipt(receipt, decoder_for(suite))
    chain_hash = suite.w3.eth.get_block(trace.block)["hash"].to_0x_hex()
    head = int(suite.w3.eth.block_number)
    return tx_check_from(suite, receipt, trace, head, chain_hash == receipt["blockHash"])


def tx_check_from(
    suite: Suite, receipt: Mapping[str, Any], trace: TxTrace, head: int, canonical: bool
) -> TxCheck:
    """Pure: the checks of `check_tx` from a JSON-RPC receipt, its trace and the chain head."""
    block = trace.block
    suite_addresses = {a.lower() for a in suite.deployment.addresses().values()}
    touched = {str(log["address"]).lower() for log in receipt["logs"]}
    to = Web3.to_checksum_address(receipt["to"]) if receipt.get("to") else None
    names = tuple(e.name for e in trace.events)
    status = int(receipt["status"], 16)
    reorged = "block hash is on the canonical chain" if canonical else "block was replaced"
    checks = (
        ("succeeded", status == 1, f"status {status}"),
        ("confirmations", head >= block, f"{head - block + 1} (block {block})"),
        ("canonical", canonical, reorged),
        (
            "recorded deployment",
            str(to or "").lower() in suite_addresses or bool(touched & suite_addresses),
            f"to {to}",
        ),
        ("decoded events", bool(names), ", ".join(names) or "none from the suite"),
    )
    return TxCheck(
        trace.tx, all(ok for _, ok, _ in checks[:4]), block, head - block + 1, checks, names
    )


@dataclass(frozen=True)
class MetadataCheck:
    what: str
    ok: bool
    computed: str
    on_chain: str


def check_metadata(
    suite: Suite,
    path: Path,
    project_id: int | None = None,
    org_id: int | None = None,
    milestone: int | None = None,
    expense_id: int | None = None,
    report_id: int | None = None,
) -> MetadataCheck:
    """Recompute the file's canonical hash and compare it with where the chain recorded it."""
    from charitychain.metadata import load_metadata
    from charitychain.services.inputs import InvalidInput

    meta = load_metadata(path)

    def need(value: int | None, option: str) -> int:
        if value is None:
            raise InvalidInput(f"{meta.kind} metadata: say which one with {option}")
        return value

    if meta.kind == "organization":
        oid = need(org_id, "--org")
        what, recorded = (
            f"organization {oid} profile",
            suite.registry.functions.organization(oid).call()[3],
        )
    elif meta.kind == "project":
        pid = need(project_id, "--project")
        what, recorded = f"project {pid}", suite.escrow.functions.project(pid).call()[16]
    elif meta.kind == "evidence":
        pid, idx = need(project_id, "--project"), need(milestone, "--milestone")
        what = f"project {pid} milestone {idx} evidence"
        recorded = suite.escrow.functions.milestone(pid, idx).call()[9]
    elif meta.kind == "expense":
        pid, eid = need(project_id, "--project"), need(expense_id, "--expense")
        what = f"project {pid} expense {eid} invoice"
        recorded = suite.ledger.functions.expense(pid, eid).call()[4]
    else:
        pid, rid = need(project_id, "--project"), need(report_id, "--report")
        what = f"project {pid} audit report {rid}"
        recorded = suite.ledger.functions.auditReport(pid, rid).call()[0]
    on_chain = "0x" + bytes(recorded).hex()
    computed = "0x" + meta.hash.hex()
    return MetadataCheck(what, computed == on_chain, computed, on_chain)

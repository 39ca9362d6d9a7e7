"""The outcome of one transaction, from the chain and the journal."""

from __future__ import annotations

from dataclasses import dataclass

from hexbytes import HexBytes
from web3 import Web3
from web3.exceptions import TransactionNotFound

from charitychain.services.inputs import parse_hash
from charitychain.services.journal import Journal


@dataclass(frozen=True)
class TxStatus:
    tx_hash: str
    state: str  # "succeeded", "reverted", "pending", "unknown"
    block: int | None
    confirmations: int
    function: str | None
    journal_outcome: str | None


def tx_status(w3: Web3, journal: Journal, tx_hash: str) -> TxStatus:
    digest = HexBytes(parse_hash(tx_hash, "transaction hash")).to_0x_hex()
    entry = journal.get(digest)
    function = entry.function if entry else None
    outcome = entry.outcome if entry else None
    try:
        receipt = w3.eth.get_transaction_receipt(HexBytes(digest))
    except TransactionNotFound:
        try:
            w3.eth.get_transaction(HexBytes(digest))
        except TransactionNotFound:
            return TxStatus(digest, "unknown", None, 0, function, outcome)
        return TxStatus(digest, "pending", None, 0, function, outcome)
    block = int(receipt["blockNumber"])
    state = "succeeded" if receipt["status"] == 1 else "reverted"
    confirmations = int(w3.eth.block_number) - block + 1
    if entry is not None and outcome is None:
        journal.close(digest, "mined" if state == "succeeded" else "reverted")
        outcome = "mined" if state == "succeeded" else "reverted"
    return TxStatus(digest, state, block, confirmations, function, outcome)

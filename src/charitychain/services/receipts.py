"""Reading what a transaction did from its receipt's events (never from return values)."""

from __future__ import annotations

from typing import Any

from web3.contract import Contract
from web3.logs import DISCARD
from web3.types import TxReceipt

from charitychain.errors import CharityChainError


def events(receipt: TxReceipt, contract: Contract, name: str) -> list[dict[str, Any]]:
    return [dict(e["args"]) for e in contract.events[name]().process_receipt(receipt, DISCARD)]


def one_event(receipt: TxReceipt, contract: Contract, name: str) -> dict[str, Any]:
    found = events(receipt, contract, name)
    if len(found) != 1:
        raise CharityChainError(
            f"Expected one {name} event in tx {receipt['transactionHash'].to_0x_hex()}, "
            f"found {len(found)}; is the recorded deployment the right contract?"
        )
    return found[0]


def tx_hash(receipt: TxReceipt) -> str:
    return receipt["transactionHash"].to_0x_hex()

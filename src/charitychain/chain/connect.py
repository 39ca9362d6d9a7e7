"""Web3 connections tuned for speed (see TOOLCHAIN.md "web3.py speed")."""

from __future__ import annotations

from typing import Any

from hexbytes import HexBytes
from requests.exceptions import ConnectionError as RequestsConnectionError
from web3 import HTTPProvider, Web3
from web3.exceptions import TimeExhausted
from web3.types import RPCEndpoint, TxReceipt

from charitychain.errors import ChainConnectionError, OutcomeUnknown, TransactionFailed

DEV_CHAIN_IDS = frozenset({31337, 1337, 131277322940537})  # anvil, ganache, eth-tester
LOCAL_POLL_LATENCY = 0.005  # seconds; web3's default 0.1 s dominates on instant-mining chains
REMOTE_POLL_LATENCY = 1.0


def tune_provider(provider: Any) -> None:
    """Cache eth_chainId: web3 8 asks for it before and after every call by default."""
    provider.cache_allowed_requests = True
    provider.cacheable_requests = {RPCEndpoint("eth_chainId")}


def connect(url: str, *, timeout: float = 30.0, check: bool = True) -> Web3:
    """A Web3 over HTTP with eth_chainId cached; checks the endpoint answers when `check`."""
    provider = HTTPProvider(url, request_kwargs={"timeout": timeout})
    tune_provider(provider)
    w3 = Web3(provider)
    if check:
        try:
            w3.eth.chain_id  # noqa: B018 - the request is the check
        except Exception as exc:
            raise ChainConnectionError(
                f"No answer from {url} ({type(exc).__name__}: {exc}); start a node with "
                "`charitychain node start` or check the RPC URL"
            ) from None
    return w3


def is_dev_chain(w3: Web3) -> bool:
    return w3.eth.chain_id in DEV_CHAIN_IDS


def wait_receipt(
    w3: Web3, tx_hash: HexBytes | bytes | str, *, timeout: float = 120.0, check: bool = True
) -> TxReceipt:
    """Wait for a receipt (fast polling on dev chains); raise TransactionFailed on status 0."""
    latency = LOCAL_POLL_LATENCY if is_dev_chain(w3) else REMOTE_POLL_LATENCY
    shown = HexBytes(tx_hash).to_0x_hex()
    try:
        receipt = w3.eth.wait_for_transaction_receipt(
            HexBytes(tx_hash), timeout=timeout, poll_latency=latency
        )
    except TimeExhausted:
        raise OutcomeUnknown(
            f"Transaction {shown} was sent but not mined within {timeout:.0f} s: its outcome is "
            f"unknown, not failed. Check it with `charitychain tx status {shown}`; re-running "
            "the command reports its outcome instead of sending it again",
            shown,
        ) from None
    except (RequestsConnectionError, OSError):
        raise OutcomeUnknown(
            f"Lost the node while waiting for {shown}: its outcome is unknown, not failed. "
            f"When the node is back, `charitychain tx status {shown}` tells; re-running the "
            "command reports its outcome instead of sending it again",
            shown,
        ) from None
    if check and receipt["status"] != 1:
        raise TransactionFailed(
            f"Transaction {HexBytes(tx_hash).to_0x_hex()} reverted in block "
            f"{receipt['blockNumber']}; replay it with eth_call to see the reason"
        )
    return receipt

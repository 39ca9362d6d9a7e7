"""Sending one contract call: preflight (decoded revert), fees, nonce, chain id, receipt."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress
from hexbytes import HexBytes
from web3 import Web3
from web3.exceptions import ContractLogicError, TransactionNotFound, Web3RPCError
from web3.types import TxParams, TxReceipt, Wei

from charitychain.chain.connect import wait_receipt
from charitychain.contracts.artifacts import Artifact
from charitychain.contracts.revert import DecodedError, ErrorDecoder
from charitychain.errors import CharityChainError, TransactionFailed
from charitychain.services.journal import Entry, Journal

GAS_MARGIN = 1.2  # estimates are exact on the state they ran against; state can move before mining


class ContractRevert(CharityChainError):
    """The call would revert (or did); carries the contract's named error."""

    def __init__(self, message: str, decoded: DecodedError | None) -> None:
        super().__init__(message)
        self.decoded = decoded


class TransactionRejected(CharityChainError):
    """The node refused the transaction outright (funds, nonce, fee): it was not sent."""


class TransactionReplaced(CharityChainError):
    """A journaled transaction was dropped or its nonce used by another one."""


class Declined(CharityChainError):
    """The user answered no at the confirmation prompt; nothing was sent."""


@dataclass(frozen=True)
class Preview:
    """What a transaction will do, shown before signing on non-dev chains."""

    function: str
    args: tuple[Any, ...]
    contract: str
    value: int
    gas: int
    max_fee_per_gas: int

    @property
    def max_fee(self) -> int:
        return self.gas * self.max_fee_per_gas


Confirm = Callable[[Preview], bool]


@dataclass(frozen=True)
class Signer:
    """Who signs: a local key (keystore) or a node-managed dev account (`local` is None)."""

    address: ChecksumAddress
    local: LocalAccount | None = None


def explain(fn_name: str, decoded: DecodedError | None, data: Any) -> str:
    reason = str(decoded) if decoded is not None else f"unrecognised revert data {data!r}"
    return f"{fn_name} would revert: {reason}"


def preflight(fn_call: Any, signer: Signer, value: int, decoder: ErrorDecoder) -> int:
    """Estimate gas; a revert is decoded into the contract's named error before anything is sent."""
    try:
        return int(fn_call.estimate_gas({"from": signer.address, "value": value}))
    except ContractLogicError as exc:
        data = exc.data if isinstance(exc.data, str) else None
        decoded = decoder.decode(data) if data else None
        raise ContractRevert(explain(fn_call.fn_name, decoded, exc.data), decoded) from None


def send(
    w3: Web3,
    fn_call: Any,
    signer: Signer,
    decoder: ErrorDecoder,
    *,
    value: int = 0,
    confirmations: int = 0,
    confirm: Confirm | None = None,
    journal: Journal | None = None,
    timeout: float = 120.0,
    gas: int | None = None,
) -> TxReceipt:
    """Send `fn_call` from `signer` and wait for its receipt; reverts raise ContractRevert.

    `confirm`, when given, sees a Preview (function, value, gas, fee) and may decline. With a
    `journal`, an identical call still open from an earlier run is resumed, not sent again.
    """
    data = fn_call._encode_transaction_data()
    target = str(fn_call.address)
    if journal is not None:
        pending = journal.open_call(signer.address, target, data, value)
        if pending is not None:
            return _resume(w3, journal, pending, confirmations, timeout)
    if gas is None:  # a caller that already estimated passes its figure
        gas = int(preflight(fn_call, signer, value, decoder) * GAS_MARGIN)
    if confirm is not None:
        preview = Preview(
            fn_call.fn_name, tuple(fn_call.args), target, value, gas, max_fee_per_gas(w3)
        )
        if not confirm(preview):
            raise Declined(f"{fn_call.fn_name} not sent: declined at the confirmation prompt")
    params: TxParams = {"from": signer.address, "value": Wei(value), "gas": gas}
    entry = Entry("", w3.eth.chain_id, signer.address, None, target, data, value,
                  fn_call.fn_name, None, time.time())  # fmt: skip
    tx_hash = _submit(w3, fn_call, params, signer, fn_call.fn_name, journal, entry)
    return _finish(w3, journal, tx_hash.to_0x_hex(), fn_call.fn_name, confirmations, timeout)


def _finish(
    w3: Web3,
    journal: Journal | None,
    tx_hash: str,
    what: str,
    confirmations: int,
    timeout: float,
) -> TxReceipt:
    receipt = wait_receipt(w3, tx_hash, check=False, timeout=timeout)
    if journal is not None:
        journal.close(tx_hash, "mined" if receipt["status"] == 1 else "reverted")
    if receipt["status"] != 1:
        raise TransactionFailed(
            f"{what} was mined but reverted (tx {tx_hash}, block {receipt['blockNumber']}); "
            "the chain moved between check and send: retry"
        )
    if confirmations > 0:
        _wait_confirmations(w3, receipt, confirmations)
    return receipt


def _resume(
    w3: Web3, journal: Journal, entry: Entry, confirmations: int, timeout: float
) -> TxReceipt:
    """Report the outcome of a transaction an earlier run sent; never send a second one."""
    try:
        w3.eth.get_transaction_receipt(HexBytes(entry.tx_hash))
    except TransactionNotFound:
        if not _still_known(w3, entry):
            if entry.raw is None or _nonce_used(w3, entry):
                journal.close(entry.tx_hash, "replaced")
                raise TransactionReplaced(
                    f"{entry.function} sent earlier as {entry.tx_hash} was dropped or replaced "
                    f"(nonce {entry.nonce} is used by another transaction); nothing was sent "
                    "now: check the account's history, then run the command again if needed"
                ) from None
            _rebroadcast(w3, entry)
    return _finish(w3, journal, entry.tx_hash, entry.function, confirmations, timeout)


def _still_known(w3: Web3, entry: Entry) -> bool:
    try:
        w3.eth.get_transaction(HexBytes(entry.tx_hash))
    except TransactionNotFound:
        return False
    return True


def _nonce_used(w3: Web3, entry: Entry) -> bool:
    if entry.nonce is None:
        return True
    sender = Web3.to_checksum_address(entry.sender)
    return int(w3.eth.get_transaction_count(sender, "latest")) > entry.nonce


def _rebroadcast(w3: Web3, entry: Entry) -> None:
    """Send the same signed bytes again: same hash, same nonce, so never a second payment."""
    assert entry.raw is not None
    try:
        w3.eth.send_raw_transaction(HexBytes(entry.raw))
    except Web3RPCError as exc:
        message = str(exc).lower()
        if "already known" in message or "already imported" in message:
            return  # the node had it after all
        raise TransactionRejected(
            f"rebroadcasting {entry.tx_hash} failed: {exc}; nothing else was sent"
        ) from None


def _submit(
    w3: Web3,
    call: Any,
    params: TxParams,
    signer: Signer,
    what: str,
    journal: Journal | None = None,
    entry: Entry | None = None,
) -> HexBytes:
    """Hand the transaction to the node: it signs for dev accounts, we sign for keys.

    The chain id and the pending nonce go into every locally signed transaction; web3 fills
    EIP-1559 fees. A locally signed one is journaled before it leaves (hash, nonce, raw), so a
    crash right after sending cannot lose it. A refusal by the node (funds, nonce, fee)
    becomes a TransactionRejected.
    """
    try:
        if signer.local is None:
            tx_hash = HexBytes(call.transact(params))
            if journal is not None and entry is not None:
                journal.record(replace(entry, tx_hash=tx_hash.to_0x_hex()))
            return tx_hash
        params["chainId"] = w3.eth.chain_id
        params["nonce"] = w3.eth.get_transaction_count(signer.address, "pending")
        signed = signer.local.sign_transaction(call.build_transaction(params))
        if journal is not None and entry is not None:
            journal.record(
                replace(
                    entry,
                    tx_hash=HexBytes(signed.hash).to_0x_hex(),
                    nonce=int(params["nonce"]),
                    raw=HexBytes(signed.raw_transaction).to_0x_hex(),
                )
            )
        return HexBytes(w3.eth.send_raw_transaction(signed.raw_transaction))
    except Web3RPCError as exc:
        message = exc.rpc_response["error"]["message"] if exc.rpc_response else str(exc)
        raise TransactionRejected(
            f"the node refused {what} from {signer.address}: {message}; nothing was sent"
        ) from None


def max_fee_per_gas(w3: Web3) -> int:
    """What web3 will offer: 2 * base fee + priority tip (its EIP-1559 default)."""
    base = int(w3.eth.get_block("latest").get("baseFeePerGas", 0))
    return 2 * base + int(w3.eth.max_priority_fee)


def _wait_confirmations(w3: Web3, receipt: TxReceipt, confirmations: int) -> None:
    target = int(receipt["blockNumber"]) + confirmations
    while w3.eth.block_number < target:
        time.sleep(0.2)


def deploy_contract(
    w3: Web3, artifact: Artifact, args: tuple[Any, ...], signer: Signer
) -> ChecksumAddress:
    """Deploy `artifact` with constructor `args`; returns the new address."""
    factory = w3.eth.contract(abi=artifact.abi, bytecode=artifact.bytecode)
    call = factory.constructor(*args)
    params: TxParams = {"from": signer.address}
    tx_hash = _submit(w3, call, params, signer, f"deploying {artifact.name}")
    receipt = wait_receipt(w3, tx_hash)
    address = receipt["contractAddress"]
    if address is None:
        raise TransactionFailed(f"Deploying {artifact.name} produced no contract address")
    return Web3.to_checksum_address(address)

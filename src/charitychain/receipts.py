"""Donation receipts: personal details stay in a private file, only a commitment goes on chain.

A receipt records who gave what to which project (donor name and e-mail, project id, amount,
chain id, escrow address, a note) plus a random 32-byte salt. Its commitment, keccak256 of
the canonical JSON of those fields (salt as 0x-hex), is the donation's `memo` on chain. The
salt makes the commitment unguessable: nobody can confirm a suspected donor by hashing
candidate names. The donor keeps the file (mode 600) and can later prove the donation by
revealing it; `verify_receipt` compares it with the on-chain DonationReceived event.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from eth_typing import ChecksumAddress
from eth_utils.address import is_hex_address, to_checksum_address
from eth_utils.crypto import keccak

from charitychain.errors import CharityChainError
from charitychain.files import make_private_dir, write_private
from charitychain.metadata import canonical_json

RECEIPT_KIND = "donation-receipt"
RECEIPT_VERSION = 1
SALT_BYTES = 32

_HEX32 = re.compile(r"0x[0-9a-fA-F]{64}")


class ReceiptError(CharityChainError):
    """A donation receipt could not be made, written, read or verified."""


class ReceiptInvalid(ReceiptError):
    """Receipt fields, or a receipt file, are not usable as they are."""


class ReceiptExists(ReceiptError):
    """The receipt file exists already; it is never overwritten by another receipt."""


class ReceiptNotFound(ReceiptError):
    """There is no receipt file at the given path."""


@dataclass(frozen=True)
class Receipt:
    """One donation as the donor knows it. Personal fields and the salt stay out of repr."""

    donor_name: str = field(repr=False)
    donor_email: str = field(repr=False)
    project_id: int
    amount: int  # base units of the project's asset (wei for ETH)
    chain_id: int
    escrow: ChecksumAddress
    salt: bytes = field(repr=False)
    note: str = field(default="", repr=False)
    donor_address: ChecksumAddress | None = None
    tx_hash: str | None = None  # 0x-hex, stored after the donation is mined
    version: int = RECEIPT_VERSION


@dataclass(frozen=True)
class Verification:
    """Whether a receipt matches a donation on chain; each mismatch is one sentence."""

    ok: bool
    problems: list[str]


def make_receipt(
    donor_name: str,
    donor_email: str,
    project_id: int,
    amount: int,
    chain_id: int,
    escrow: str,
    note: str = "",
    *,
    donor_address: str | None = None,
) -> Receipt:
    """A new receipt with a fresh random salt; give `commitment(receipt)` as the memo.

    `donor_email` may be empty. `donor_address` (the sending account), when known, is part of
    the commitment and is checked by `verify_receipt`.
    """
    name = donor_name.strip()
    email = donor_email.strip()
    if not name:
        raise ReceiptInvalid("the donor name is empty; give the name the receipt is for")
    if email and ("@" not in email or any(c.isspace() for c in email)):
        raise ReceiptInvalid(f"{email!r} is not an e-mail address; fix it or leave it empty")
    _require_positive("project id", project_id)
    _require_positive("amount", amount)
    _require_positive("chain id", chain_id)
    return Receipt(
        donor_name=name,
        donor_email=email,
        project_id=project_id,
        amount=amount,
        chain_id=chain_id,
        escrow=_address("escrow", escrow),
        salt=secrets.token_bytes(SALT_BYTES),
        note=note,
        donor_address=None if donor_address is None else _address("donor", donor_address),
    )


def commitment_preimage(receipt: Receipt) -> dict[str, Any]:
    """The fields a commitment covers, as hashed (amount as a decimal string, salt as hex).

    The tx hash is not covered: it exists only after the commitment was sent.
    """
    return {
        "kind": RECEIPT_KIND,
        "version": receipt.version,
        "donorName": receipt.donor_name,
        "donorEmail": receipt.donor_email,
        "donorAddress": receipt.donor_address,
        "projectId": receipt.project_id,
        "amount": str(receipt.amount),  # a string: JSON readers in other languages lose bits
        "chainId": receipt.chain_id,
        "escrow": receipt.escrow,
        "note": receipt.note,
        "salt": "0x" + receipt.salt.hex(),
    }


def commitment(receipt: Receipt) -> bytes:
    """keccak256 of the canonical JSON of `commitment_preimage`: the on-chain memo (bytes32)."""
    return keccak(canonical_json(commitment_preimage(receipt)))


def with_tx(receipt: Receipt, tx_hash: str | bytes) -> Receipt:
    """The same receipt with the donation's transaction hash recorded."""
    return replace(receipt, tx_hash=_bytes32_hex("transaction hash", tx_hash))


def write_receipt(receipt: Receipt, path: str | Path) -> Path:
    """Save a new receipt file (mode 600); an existing file is never overwritten."""
    file = Path(path)
    make_private_dir(file.parent)
    try:
        write_private(file, _serialize(receipt))
    except FileExistsError:
        raise ReceiptExists(
            f"{file} exists already; receipts are never overwritten (that would lose the salt "
            f"that proves a donation): choose another file name"
        ) from None
    return file


def update_receipt(receipt: Receipt, path: str | Path) -> Path:
    """Rewrite the receipt file at `path` (e.g. after `with_tx`), only if it is this receipt."""
    file = Path(path)
    stored = read_receipt(file)
    if commitment(stored) != commitment(receipt):
        raise ReceiptInvalid(
            f"{file} holds a different receipt (commitment {_hex(commitment(stored))}); it was "
            f"left untouched: write this receipt to a new file instead"
        )
    write_private(file, _serialize(receipt), replace=True)
    return file


def read_receipt(path: str | Path) -> Receipt:
    """Load a receipt file and check it is intact (its stored commitment still matches)."""
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReceiptNotFound(f"no receipt file at {file}; check the path") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReceiptInvalid(
            f"receipt file {file} cannot be read as JSON ({type(exc).__name__}); restore it "
            f"from a backup"
        ) from None
    receipt = _deserialize(data, file)
    stored = data.get("commitment")
    if stored is not None and stored != _hex(commitment(receipt)):
        raise ReceiptInvalid(
            f"receipt file {file} was altered: its fields no longer hash to its commitment "
            f"{stored}; restore the original file"
        )
    return receipt


def verify_receipt(
    receipt: Receipt,
    memo_on_chain: bytes | str,
    donor_on_chain: str | None,
    amount_on_chain: int,
    project_on_chain: int,
    *,
    chain_id: int | None = None,
    escrow: str | None = None,
) -> Verification:
    """Compare a receipt with a DonationReceived event; pure (the caller fetches the event).

    `donor_on_chain` is checked only when both it and `receipt.donor_address` are known;
    `chain_id` and `escrow` (where the event was read) only when given.
    """
    problems: list[str] = []
    expected = commitment(receipt)
    memo = _memo_bytes(memo_on_chain)
    if memo != expected:
        problems.append(
            f"memo on chain {_hex(memo) if memo is not None else repr(memo_on_chain)} is not "
            f"this receipt's commitment {_hex(expected)}"
        )
    if project_on_chain != receipt.project_id:
        problems.append(
            f"the donation went to project {project_on_chain}, the receipt says project "
            f"{receipt.project_id}"
        )
    if amount_on_chain != receipt.amount:
        hint = (
            " (a fee-on-transfer token credits less than was sent)"
            if amount_on_chain < receipt.amount
            else ""
        )
        problems.append(
            f"the donation on chain is {amount_on_chain} base units, the receipt says "
            f"{receipt.amount}{hint}"
        )
    if (
        donor_on_chain is not None
        and receipt.donor_address is not None
        and not _same_address(donor_on_chain, receipt.donor_address)
    ):
        problems.append(
            f"the donation was sent by {donor_on_chain}, the receipt names {receipt.donor_address}"
        )
    if chain_id is not None and chain_id != receipt.chain_id:
        problems.append(f"the event is on chain {chain_id}, the receipt says {receipt.chain_id}")
    if escrow is not None and not _same_address(escrow, receipt.escrow):
        problems.append(f"the event is from escrow {escrow}, the receipt says {receipt.escrow}")
    return Verification(ok=not problems, problems=problems)


# --- internal --------------------------------------------------------------------------


def _serialize(receipt: Receipt) -> bytes:
    document = {
        **commitment_preimage(receipt),
        "commitment": _hex(commitment(receipt)),
        "txHash": receipt.tx_hash,
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _deserialize(data: Any, file: Path) -> Receipt:
    def bad(problem: str) -> ReceiptInvalid:
        return ReceiptInvalid(f"receipt file {file} is malformed: {problem}; restore it")

    if not isinstance(data, dict) or data.get("kind") != RECEIPT_KIND:
        raise bad(f'it is not a donation receipt (no "kind": "{RECEIPT_KIND}")')
    if data.get("version") != RECEIPT_VERSION:
        raise bad(f"version {data.get('version')!r} is not supported (expected 1)")
    try:
        salt_text = str(data["salt"])
        if not _HEX32.fullmatch(salt_text):
            raise bad("salt must be 0x + 64 hex digits")
        donor = data.get("donorAddress")
        tx = data.get("txHash")
        return Receipt(
            donor_name=_text(data["donorName"]),
            donor_email=_text(data["donorEmail"]),
            project_id=_integer(data["projectId"]),
            amount=int(_text(data["amount"])),
            chain_id=_integer(data["chainId"]),
            escrow=_address("escrow", _text(data["escrow"])),
            salt=bytes.fromhex(salt_text[2:]),
            note=_text(data.get("note", "")),
            donor_address=None if donor is None else _address("donor", _text(donor)),
            tx_hash=None if tx is None else _bytes32_hex("txHash", _text(tx)),
        )
    except KeyError as exc:
        raise bad(f"field {exc.args[0]!r} is missing") from None
    except (TypeError, ValueError) as exc:
        raise bad(str(exc)) from None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, found {type(value).__name__}")
    return value


def _integer(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected an integer, found {type(value).__name__}")
    return value


def _require_positive(what: str, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ReceiptInvalid(f"the {what} must be a positive integer, got {value!r}")


def _address(what: str, value: str) -> ChecksumAddress:
    if not is_hex_address(value):
        raise ReceiptInvalid(f"{what} {value!r} is not a 20-byte hex address (0x + 40 hex digits)")
    return to_checksum_address(value)


def _same_address(value: str, expected: ChecksumAddress) -> bool:
    return is_hex_address(value) and to_checksum_address(value) == expected


def _bytes32_hex(what: str, value: str | bytes) -> str:
    text = "0x" + value.hex() if isinstance(value, bytes) else value
    if not _HEX32.fullmatch(text):
        raise ReceiptInvalid(f"{what} {text!r} is not 32 bytes (0x + 64 hex digits)")
    return text.lower()


def _memo_bytes(memo: bytes | str) -> bytes | None:
    if isinstance(memo, bytes):
        return bytes(memo)
    if _HEX32.fullmatch(memo):
        return bytes.fromhex(memo[2:])
    return None


def _hex(value: bytes) -> str:
    return "0x" + value.hex()

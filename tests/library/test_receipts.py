"""Donation receipts: salted commitments, private files, verification against the chain."""

from __future__ import annotations

import dataclasses
import json
import stat
from pathlib import Path
from typing import Any

import pytest
from eth_utils.crypto import keccak

from charitychain import receipts
from charitychain.metadata import canonical_json
from charitychain.receipts import Receipt

ESCROW = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
DONOR = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
OTHER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"
TX = "0x" + "ab" * 32


def make(**changes: Any) -> Receipt:
    receipt = receipts.make_receipt(
        "Zoë Donor",
        "zoe@example.org",
        7,
        10**18,
        31337,
        ESCROW,
        "in memory of Ada",
        donor_address=DONOR,
    )
    return dataclasses.replace(receipt, **changes) if changes else receipt


def verify(receipt: Receipt, **changes: object) -> receipts.Verification:
    event: dict[str, object] = {
        "memo_on_chain": receipts.commitment(receipt),
        "donor_on_chain": DONOR,
        "amount_on_chain": receipt.amount,
        "project_on_chain": receipt.project_id,
    }
    event.update(changes)
    return receipts.verify_receipt(receipt, **event)  # type: ignore[arg-type]


def test_a_receipt_gets_a_fresh_random_32_byte_salt() -> None:
    first, second = make(), make()
    assert len(first.salt) == 32
    assert first.salt != second.salt


def test_the_commitment_is_deterministic_for_the_same_salt() -> None:
    receipt = make()
    copy = make(salt=receipt.salt)
    assert receipts.commitment(receipt) == receipts.commitment(copy)
    assert len(receipts.commitment(receipt)) == 32


def test_the_commitment_differs_for_a_different_salt() -> None:
    receipt = make()
    assert receipts.commitment(receipt) != receipts.commitment(make(salt=b"\x01" * 32))


def test_the_commitment_is_keccak_of_the_canonical_json_of_the_receipt_fields() -> None:
    receipt = make(salt=bytes(range(32)))
    preimage = {
        "kind": "donation-receipt",
        "version": 1,
        "donorName": "Zoë Donor",
        "donorEmail": "zoe@example.org",
        "donorAddress": DONOR,
        "projectId": 7,
        "amount": "1000000000000000000",
        "chainId": 31337,
        "escrow": ESCROW,
        "note": "in memory of Ada",
        "salt": "0x" + bytes(range(32)).hex(),
    }
    assert receipts.commitment_preimage(receipt) == preimage
    assert receipts.commitment(receipt) == keccak(canonical_json(preimage))


def test_the_tx_hash_is_not_part_of_the_commitment() -> None:
    receipt = make()
    assert receipts.commitment(receipts.with_tx(receipt, TX)) == receipts.commitment(receipt)


def test_personal_details_and_salt_stay_out_of_the_repr() -> None:
    receipt = make()
    text = repr(receipt)
    for secret in ("Zoë", "zoe@example.org", "Ada", receipt.salt.hex()):
        assert secret not in text


def test_a_matching_donation_verifies() -> None:
    result = verify(make())
    assert result == receipts.Verification(ok=True, problems=[])


def test_a_memo_given_as_hex_text_verifies() -> None:
    receipt = make()
    assert verify(receipt, memo_on_chain="0x" + receipts.commitment(receipt).hex()).ok


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"memo_on_chain": b"\x00" * 32}, "is not this receipt's commitment"),
        ({"donor_on_chain": OTHER}, f"was sent by {OTHER}, the receipt names {DONOR}"),
        ({"amount_on_chain": 10**18 - 1}, "fee-on-transfer"),
        ({"amount_on_chain": 2 * 10**18}, "is 2000000000000000000 base units"),
        ({"project_on_chain": 8}, "went to project 8, the receipt says project 7"),
        ({"chain_id": 1}, "on chain 1, the receipt says 31337"),
        ({"escrow": OTHER}, f"from escrow {OTHER}"),
    ],
    ids=["memo", "donor", "amount-less", "amount-more", "project", "chain", "escrow"],
)
def test_each_mismatch_is_reported(change: dict[str, object], problem: str) -> None:
    result = verify(make(), **change)
    assert not result.ok
    assert len(result.problems) == 1
    assert problem in result.problems[0]


def test_every_mismatch_is_reported_at_once() -> None:
    result = verify(
        make(),
        memo_on_chain=b"\x01" * 32,
        donor_on_chain=OTHER,
        amount_on_chain=1,
        project_on_chain=2,
    )
    assert len(result.problems) == 4


def test_a_receipt_made_from_another_salt_does_not_verify() -> None:
    receipt = make()
    guess = make(salt=b"\x02" * 32)
    result = verify(guess, memo_on_chain=receipts.commitment(receipt))
    assert not result.ok


def test_the_donor_is_not_checked_when_the_receipt_does_not_name_one() -> None:
    receipt = make(donor_address=None)
    assert verify(receipt, donor_on_chain=OTHER).ok


def test_a_written_receipt_is_mode_600_and_reads_back_equal(tmp_path: Path) -> None:
    receipt = make()
    path = receipts.write_receipt(receipt, tmp_path / "r.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert receipts.read_receipt(path) == receipt
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["commitment"] == "0x" + receipts.commitment(receipt).hex()
    assert stored["txHash"] is None


def test_an_existing_receipt_file_is_never_overwritten(tmp_path: Path) -> None:
    path = receipts.write_receipt(make(), tmp_path / "r.json")
    before = path.read_bytes()
    with pytest.raises(receipts.ReceiptExists, match="never overwritten"):
        receipts.write_receipt(make(), path)
    assert path.read_bytes() == before


def test_the_tx_hash_is_stored_by_rewriting_the_same_receipt(tmp_path: Path) -> None:
    receipt = make()
    path = receipts.write_receipt(receipt, tmp_path / "r.json")
    done = receipts.with_tx(receipt, bytes.fromhex(TX[2:]))
    receipts.update_receipt(done, path)
    assert receipts.read_receipt(path).tx_hash == TX
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_update_refuses_to_replace_a_different_receipt(tmp_path: Path) -> None:
    path = receipts.write_receipt(make(), tmp_path / "r.json")
    with pytest.raises(receipts.ReceiptInvalid, match="holds a different receipt"):
        receipts.update_receipt(make(), path)


def test_an_altered_receipt_file_is_detected(tmp_path: Path) -> None:
    path = receipts.write_receipt(make(), tmp_path / "r.json")
    stored = json.loads(path.read_text(encoding="utf-8"))
    stored["amount"] = "2000000000000000000"
    path.write_text(json.dumps(stored), encoding="utf-8")
    with pytest.raises(receipts.ReceiptInvalid, match="was altered"):
        receipts.read_receipt(path)


def test_a_missing_receipt_file_raises_not_found(tmp_path: Path) -> None:
    with pytest.raises(receipts.ReceiptNotFound):
        receipts.read_receipt(tmp_path / "nope.json")


def test_a_file_that_is_not_a_receipt_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text('{"kind": "project"}')
    with pytest.raises(receipts.ReceiptInvalid, match="not a donation receipt"):
        receipts.read_receipt(path)


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (("", "", 1, 1, 1, ESCROW), "donor name is empty"),
        (("Zoë", "not-an-email", 1, 1, 1, ESCROW), "not an e-mail address"),
        (("Zoë", "", 0, 1, 1, ESCROW), "project id must be a positive integer"),
        (("Zoë", "", 1, 0, 1, ESCROW), "amount must be a positive integer"),
        (("Zoë", "", 1, 1, 0, ESCROW), "chain id must be a positive integer"),
        (("Zoë", "", 1, 1, 1, "0x1234"), "escrow '0x1234' is not a 20-byte hex address"),
    ],
)
def test_unusable_receipt_fields_are_refused(args: tuple[object, ...], problem: str) -> None:
    with pytest.raises(receipts.ReceiptInvalid, match=problem):
        receipts.make_receipt(*args)  # type: ignore[arg-type]


def test_with_tx_refuses_something_that_is_not_a_tx_hash() -> None:
    with pytest.raises(receipts.ReceiptInvalid, match="not 32 bytes"):
        receipts.with_tx(make(), "0x1234")

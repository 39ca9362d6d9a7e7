"""Sending: preflight decoding, the confirmation hook, and local (keystore-style) signing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from web3 import Web3

from charitychain.contracts.suite import Suite
from charitychain.services import funding, governance
from charitychain.services.session import Session
from charitychain.services.transact import (
    GAS_MARGIN,
    ContractRevert,
    Declined,
    Preview,
    Signer,
    preflight,
)
from charitychain.services.views import project_info
from services.world import ETHER, Cast


def test_a_declined_confirmation_sends_nothing_and_shows_what_would_be_sent(
    suite: Suite,
    cast: Cast,
    make_project: Callable[..., int],
    nonce: Callable[[Signer], int],
) -> None:
    project_id = make_project()
    donor = cast.donors[0]
    seen: list[Preview] = []

    def refuse(preview: Preview) -> bool:
        seen.append(preview)
        return False

    before = nonce(donor)

    with pytest.raises(Declined, match="donate not sent: declined at the confirmation prompt"):
        funding.donate(Session(suite, donor, confirm=refuse), project_id, ETHER)

    assert nonce(donor) == before
    assert project_info(suite, project_id).raised == 0
    (preview,) = seen
    assert preview.function == "donate"
    assert preview.args == (project_id, b"\0" * 32)
    assert preview.contract == suite.escrow.address
    assert preview.value == ETHER
    assert preview.gas > 0
    assert preview.max_fee_per_gas > 0
    assert preview.max_fee == preview.gas * preview.max_fee_per_gas


def test_an_accepted_confirmation_sends_with_the_previewed_gas_limit(
    w3: Web3, suite: Suite, cast: Cast, make_project: Callable[..., int]
) -> None:
    project_id = make_project()
    seen: list[Preview] = []

    def accept(preview: Preview) -> bool:
        seen.append(preview)
        return True

    result = funding.donate(Session(suite, cast.donors[0], confirm=accept), project_id, ETHER)

    assert w3.eth.get_transaction(result.tx)["gas"] == seen[0].gas  # type: ignore[arg-type]


def test_the_confirmation_is_not_asked_when_preflight_reverts(
    suite: Suite, cast: Cast, make_project: Callable[..., int]
) -> None:
    make_project()
    asked: list[Preview] = []

    with pytest.raises(ContractRevert):
        governance.pause(Session(suite, cast.donors[0], confirm=lambda p: asked.append(p) or True))

    assert asked == []


def test_preflight_returns_the_gas_estimate_and_send_adds_a_margin(
    w3: Web3, suite: Suite, cast: Cast, as_: Callable[[Signer], Session]
) -> None:
    fn = suite.escrow.functions.pause()
    estimate = preflight(fn, cast.admin, 0, suite.decoder)

    receipt_tx = governance.pause(as_(cast.admin)).tx

    assert estimate > 21_000
    assert w3.eth.get_transaction(receipt_tx)["gas"] == int(estimate * GAS_MARGIN)  # type: ignore[arg-type]


def test_a_local_key_signs_an_eip1559_transaction_for_the_connected_chain(
    w3: Web3,
    suite: Suite,
    make_project: Callable[..., int],
    fresh_signer: Callable[[int], Signer],
) -> None:
    project_id = make_project()
    signer = fresh_signer(10 * ETHER)
    assert signer.local is not None and signer.address not in w3.eth.accounts

    result = funding.donate(Session(suite, signer), project_id, ETHER)

    tx = w3.eth.get_transaction(result.tx)  # type: ignore[arg-type]
    assert tx["type"] == 2
    assert tx["chainId"] == w3.eth.chain_id
    assert tx["from"] == signer.address
    assert tx["nonce"] == 0
    assert tx["maxFeePerGas"] >= tx["maxPriorityFeePerGas"] > 0
    assert result.donor == signer.address


def test_a_local_key_keeps_nonces_in_order_over_several_sends(
    w3: Web3,
    suite: Suite,
    make_project: Callable[..., int],
    fresh_signer: Callable[[int], Signer],
) -> None:
    project_id = make_project()
    signer = fresh_signer(10 * ETHER)

    for _ in range(3):
        funding.donate(Session(suite, signer), project_id, ETHER // 10)

    assert w3.eth.get_transaction_count(signer.address) == 3


def test_a_revert_without_a_known_selector_says_so(suite: Suite, cast: Cast, w3: Web3) -> None:
    """An ABI without custom errors cannot name them: the message shows the raw data instead."""
    from charitychain.contracts.revert import ErrorDecoder

    empty = ErrorDecoder([])

    with pytest.raises(ContractRevert) as caught:
        preflight(suite.escrow.functions.pause(), cast.donors[0], 0, empty)

    assert caught.value.decoded is None
    assert "pause would revert: unrecognised revert data" in str(caught.value)

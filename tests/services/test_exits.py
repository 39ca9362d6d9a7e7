"""Cancelling projects and pulling refunds."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from eth_utils.crypto import keccak
from web3 import Web3

from charitychain.contracts.suite import Suite
from charitychain.services import exits, funding, governance
from charitychain.services.exits import Cancellation, Refund
from charitychain.services.inputs import InvalidInput
from charitychain.services.session import Session
from charitychain.services.transact import ContractRevert, Signer
from charitychain.services.views import donor_position, project_info
from services.world import ETHER, Cast


def test_the_organization_cancels_its_project(
    suite: Suite, cast: Cast, as_: Callable[[Signer], Session], active_project: int
) -> None:
    result = exits.cancel_project(as_(cast.org_admin), active_project)

    assert isinstance(result, Cancellation)
    assert (result.project_id, result.reason, result.released) == (
        active_project,
        "by organization",
        0,
    )
    assert project_info(suite, active_project).state == "Cancelled"


def test_a_reviewer_cancels_the_project_of_a_suspended_organization(
    cast: Cast, as_: Callable[[Signer], Session], active_project: int
) -> None:
    governance.suspend_organization(as_(cast.reviewer), 1, keccak(text="fraud"))

    result = exits.cancel_project(as_(cast.reviewer), active_project)

    assert result.reason == "organization suspended"


def test_cancelling_an_unknown_project_is_refused_before_sending(
    cast: Cast, as_: Callable[[Signer], Session], nonce: Callable[[Signer], int]
) -> None:
    before = nonce(cast.org_admin)

    with pytest.raises(InvalidInput, match="unknown project 1: no project exists yet"):
        exits.cancel_project(as_(cast.org_admin), 1)

    assert nonce(cast.org_admin) == before


def test_cancelling_as_a_donor_is_decoded_to_not_cancellable(
    cast: Cast, as_: Callable[[Signer], Session], active_project: int
) -> None:
    donor = cast.donors[0]

    with pytest.raises(ContractRevert) as caught:
        exits.cancel_project(as_(donor), active_project)

    assert caught.value.decoded is not None
    assert caught.value.decoded.name == "EscrowNotCancellable"
    assert caught.value.decoded.args == (active_project, donor.address)


def test_claim_refund_from_a_failed_project_returns_the_whole_gift(
    w3: Web3, suite: Suite, cast: Cast, as_: Callable[[Signer], Session], failed_project: int
) -> None:
    donor = cast.donors[0]
    escrow_before = w3.eth.get_balance(suite.escrow.address)

    result = exits.claim_refund(as_(donor), failed_project)

    assert isinstance(result, Refund)
    assert (result.project_id, result.donor, result.amount) == (
        failed_project,
        donor.address,
        ETHER,
    )
    assert escrow_before - w3.eth.get_balance(suite.escrow.address) == ETHER
    position = donor_position(suite, failed_project, donor.address)
    assert (position.refunded, position.refundable) == (ETHER, 0)


def test_claim_refund_after_cancellation_returns_the_unreleased_share(
    cast: Cast, as_: Callable[[Signer], Session], active_project: int
) -> None:
    exits.cancel_project(as_(cast.org_admin), active_project)

    assert exits.claim_refund(as_(cast.donors[1]), active_project).amount == 2 * ETHER


def test_claiming_a_refund_from_an_active_project_is_refused_before_sending(
    cast: Cast,
    as_: Callable[[Signer], Session],
    active_project: int,
    nonce: Callable[[Signer], int],
) -> None:
    donor = cast.donors[0]
    before = nonce(donor)

    with pytest.raises(InvalidInput) as caught:
        exits.claim_refund(as_(donor), active_project)

    assert str(caught.value) == (
        f"project {active_project} is Active; refunds open only when it has Failed or been "
        "Cancelled"
    )
    assert nonce(donor) == before


def test_claiming_a_refund_while_funding_is_refused_before_sending(
    cast: Cast, as_: Callable[[Signer], Session], make_project: Callable[..., int]
) -> None:
    project_id = make_project()
    funding.donate(as_(cast.donors[0]), project_id, ETHER)

    with pytest.raises(InvalidInput, match="is Funding; refunds open only"):
        exits.claim_refund(as_(cast.donors[0]), project_id)


def test_claiming_with_nothing_to_refund_is_refused_before_sending(
    cast: Cast,
    as_: Callable[[Signer], Session],
    failed_project: int,
    nonce: Callable[[Signer], int],
) -> None:
    outsider = cast.donors[2]
    before = nonce(outsider)

    with pytest.raises(InvalidInput) as caught:
        exits.claim_refund(as_(outsider), failed_project)

    assert (
        str(caught.value)
        == f"{outsider.address} has nothing to refund from project {failed_project}"
    )
    assert nonce(outsider) == before


def test_claiming_twice_is_refused_before_sending_the_second_time(
    cast: Cast,
    as_: Callable[[Signer], Session],
    failed_project: int,
    nonce: Callable[[Signer], int],
) -> None:
    donor = cast.donors[0]
    exits.claim_refund(as_(donor), failed_project)
    before = nonce(donor)

    with pytest.raises(InvalidInput, match="has nothing to refund"):
        exits.claim_refund(as_(donor), failed_project)

    assert nonce(donor) == before

"""Donating an ERC-20: exactly the amount is approved, never an unlimited allowance."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from web3 import Web3
from web3.contract import Contract

from charitychain.contracts.suite import Suite
from charitychain.services import funding
from charitychain.services.inputs import InvalidInput
from charitychain.services.session import Session
from charitychain.services.transact import Signer, send
from charitychain.services.views import project_info
from services.world import ETHER, Cast


@pytest.fixture
def token_project(make_project: Callable[..., int], token: Contract) -> int:
    return make_project(token=token.address, goal=100 * ETHER, cap=5000 * ETHER)


def _approvals(token: Contract, owner: str, from_block: int) -> list[int]:
    logs = token.events.Approval().get_logs(
        from_block=from_block, argument_filters={"owner": owner}
    )
    return [int(log["args"]["value"]) for log in logs]


def test_token_donation_approves_exactly_the_amount_and_spends_it(
    w3: Web3,
    suite: Suite,
    cast: Cast,
    as_: Callable[[Signer], Session],
    token: Contract,
    token_project: int,
) -> None:
    donor = cast.donors[0]
    start = w3.eth.block_number + 1
    amount = 25 * ETHER + 1

    result = funding.donate(as_(donor), token_project, amount)

    assert (result.donor, result.amount) == (donor.address, amount)
    assert _approvals(token, donor.address, start) == [amount]
    assert token.functions.allowance(donor.address, suite.escrow.address).call() == 0
    assert token.functions.balanceOf(suite.escrow.address).call() == amount
    assert token.functions.balanceOf(donor.address).call() == 1000 * ETHER - amount
    assert project_info(suite, token_project).raised == amount


def test_token_donation_sends_no_eth(
    w3: Web3, cast: Cast, as_: Callable[[Signer], Session], token_project: int
) -> None:
    result = funding.donate(as_(cast.donors[0]), token_project, ETHER)

    assert w3.eth.get_transaction(result.tx)["value"] == 0  # type: ignore[arg-type]


def test_an_existing_sufficient_allowance_is_used_without_a_new_approval(
    w3: Web3,
    suite: Suite,
    cast: Cast,
    as_: Callable[[Signer], Session],
    token: Contract,
    token_project: int,
) -> None:
    donor = cast.donors[0]
    send(w3, token.functions.approve(suite.escrow.address, 10 * ETHER), donor, suite.decoder)
    start = w3.eth.block_number + 1

    funding.donate(as_(donor), token_project, 4 * ETHER)

    assert _approvals(token, donor.address, start) == []  # transferFrom emits none in OZ 5
    assert token.functions.allowance(donor.address, suite.escrow.address).call() == 6 * ETHER


def test_a_token_balance_below_the_amount_is_refused_before_sending(
    w3: Web3,
    cast: Cast,
    as_: Callable[[Signer], Session],
    token: Contract,
    token_project: int,
    nonce: Callable[[Signer], int],
) -> None:
    donor = cast.donors[0]
    before = nonce(donor)

    with pytest.raises(InvalidInput) as caught:
        funding.donate(as_(donor), token_project, 1000 * ETHER + 1)

    message = str(caught.value)
    assert f"insufficient token balance: {donor.address} holds {1000 * ETHER} units" in message
    assert token.address in message
    assert f"needs {1000 * ETHER + 1}" in message
    assert nonce(donor) == before


def test_a_donation_never_leaves_an_unlimited_allowance(
    w3: Web3,
    suite: Suite,
    cast: Cast,
    as_: Callable[[Signer], Session],
    token: Contract,
    token_project: int,
) -> None:
    donor = cast.donors[1]
    start = w3.eth.block_number + 1

    for amount in (ETHER, 2 * ETHER, 3 * ETHER):
        funding.donate(as_(donor), token_project, amount)

    approvals = _approvals(token, donor.address, start)
    assert approvals == [ETHER, 2 * ETHER, 3 * ETHER]
    assert max(approvals) < 2**255
    assert token.functions.allowance(donor.address, suite.escrow.address).call() == 0

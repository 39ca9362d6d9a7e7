"""Donating ETH: the record comes from DonationReceived; bad donations fail before sending."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from eth_utils.crypto import keccak
from web3 import Web3

from charitychain.contracts.suite import Suite
from charitychain.services import funding, governance
from charitychain.services.funding import Donation
from charitychain.services.inputs import InvalidInput
from charitychain.services.session import Session
from charitychain.services.transact import ContractRevert, Signer
from charitychain.services.views import donor_position, project_info
from services.world import DAY, ETHER, Cast

MEMO = keccak(text="receipt commitment")


def test_donate_returns_the_donation_read_from_the_event(
    w3: Web3,
    suite: Suite,
    cast: Cast,
    as_: Callable[[Signer], Session],
    make_project: Callable[..., int],
) -> None:
    project_id = make_project()
    donor = cast.donors[0]
    escrow_before = w3.eth.get_balance(suite.escrow.address)

    result = funding.donate(as_(donor), project_id, 2 * ETHER, MEMO)

    assert isinstance(result, Donation)
    assert (result.project_id, result.donor, result.amount, result.memo) == (
        project_id,
        donor.address,
        2 * ETHER,
        MEMO,
    )
    assert w3.eth.get_transaction(result.tx)["value"] == 2 * ETHER  # type: ignore[arg-type]
    assert w3.eth.get_balance(suite.escrow.address) - escrow_before == 2 * ETHER
    assert project_info(suite, project_id).raised == 2 * ETHER
    assert donor_position(suite, project_id, donor.address).contributed == 2 * ETHER


def test_donate_without_memo_puts_zero_bytes_on_chain(
    cast: Cast, as_: Callable[[Signer], Session], make_project: Callable[..., int]
) -> None:
    result = funding.donate(as_(cast.donors[0]), make_project(), ETHER)

    assert result.memo == b"\0" * 32


def test_donating_to_an_unknown_project_names_the_valid_range_before_sending(
    cast: Cast,
    as_: Callable[[Signer], Session],
    make_project: Callable[..., int],
    nonce: Callable[[Signer], int],
) -> None:
    make_project()
    make_project()
    donor = cast.donors[0]
    before = nonce(donor)

    with pytest.raises(InvalidInput) as caught:
        funding.donate(as_(donor), 7, ETHER)

    assert str(caught.value) == "unknown project 7: this deployment has projects 1 to 2"
    assert nonce(donor) == before


def test_donating_when_no_project_exists_says_so(
    cast: Cast, as_: Callable[[Signer], Session]
) -> None:
    with pytest.raises(InvalidInput, match="no project exists yet"):
        funding.donate(as_(cast.donors[0]), 1, ETHER)


def test_donating_after_the_deadline_is_refused_before_sending(
    cast: Cast,
    as_: Callable[[Signer], Session],
    make_project: Callable[..., int],
    travel: Callable[[int], int],
    nonce: Callable[[Signer], int],
) -> None:
    project_id = make_project(funding_days=7)
    travel(7 * DAY + 1)
    donor = cast.donors[0]
    before = nonce(donor)

    with pytest.raises(InvalidInput, match=f"project {project_id}'s funding deadline has passed"):
        funding.donate(as_(donor), project_id, ETHER)

    assert nonce(donor) == before


def test_donating_over_the_cap_names_what_is_left_before_sending(
    cast: Cast,
    as_: Callable[[Signer], Session],
    make_project: Callable[..., int],
    nonce: Callable[[Signer], int],
) -> None:
    project_id = make_project(goal=ETHER, cap=3 * ETHER)
    funding.donate(as_(cast.donors[0]), project_id, 2 * ETHER)
    donor = cast.donors[1]
    before = nonce(donor)

    with pytest.raises(InvalidInput) as caught:
        funding.donate(as_(donor), project_id, 2 * ETHER)

    assert f"can take at most {ETHER} more units (cap {3 * ETHER})" in str(caught.value)
    assert nonce(donor) == before


def test_donating_exactly_up_to_the_cap_is_accepted(
    cast: Cast, as_: Callable[[Signer], Session], make_project: Callable[..., int]
) -> None:
    project_id = make_project(goal=ETHER, cap=3 * ETHER)

    assert funding.donate(as_(cast.donors[0]), project_id, 3 * ETHER).amount == 3 * ETHER


def test_donating_more_eth_than_the_account_holds_is_refused_before_sending(
    w3: Web3,
    make_project: Callable[..., int],
    as_: Callable[[Signer], Session],
    fresh_signer: Callable[[int], Signer],
) -> None:
    project_id = make_project()
    poor = fresh_signer(10**15)  # 0.001 ETH

    with pytest.raises(InvalidInput) as caught:
        funding.donate(as_(poor), project_id, ETHER)

    message = str(caught.value)
    assert f"insufficient funds: {poor.address} holds {10**15} wei" in message
    assert f"needs {ETHER} wei plus gas" in message
    assert w3.eth.get_transaction_count(poor.address) == 0


def test_donating_all_the_eth_with_nothing_left_for_gas_is_a_charitychain_error(
    w3: Web3,
    make_project: Callable[..., int],
    as_: Callable[[Signer], Session],
    fresh_signer: Callable[[int], Signer],
) -> None:
    """Balance covers the value, not the gas: the check promises 'plus gas', so must the error."""
    from charitychain.errors import CharityChainError

    project_id = make_project()
    poor = fresh_signer(ETHER)

    try:
        funding.donate(as_(poor), project_id, ETHER)
    except CharityChainError as exc:
        assert "insufficient funds" in str(exc)
    except Exception as exc:
        pytest.fail(
            "BUG funding.donate: balance == amount passes the `balance < amount` check, then "
            f"send_raw_transaction raises {type(exc).__name__} ({exc}), not a CharityChainError "
            "(the CLI would print a traceback); the check should include gas * max fee"
        )
    else:
        pytest.fail("a donation of the whole balance cannot pay for gas, yet it was sent")

    assert w3.eth.get_transaction_count(poor.address) == 0


def test_donating_to_a_project_that_closed_names_its_state_before_sending(
    cast: Cast,
    as_: Callable[[Signer], Session],
    active_project: int,
    nonce: Callable[[Signer], int],
) -> None:
    donor = cast.donors[2]
    before = nonce(donor)

    with pytest.raises(InvalidInput) as caught:
        funding.donate(as_(donor), active_project, ETHER)

    assert str(caught.value) == f"project {active_project} is Active, not accepting donations"
    assert nonce(donor) == before


def test_donating_while_paused_is_decoded_to_enforced_pause(
    cast: Cast,
    as_: Callable[[Signer], Session],
    make_project: Callable[..., int],
    nonce: Callable[[Signer], int],
) -> None:
    project_id = make_project()
    governance.pause(as_(cast.admin))
    donor = cast.donors[0]
    before = nonce(donor)

    with pytest.raises(ContractRevert) as caught:
        funding.donate(as_(donor), project_id, ETHER)

    assert caught.value.decoded is not None
    assert (caught.value.decoded.name, caught.value.decoded.args) == ("EnforcedPause", ())
    assert str(caught.value) == "donate would revert: EnforcedPause()"
    assert nonce(donor) == before

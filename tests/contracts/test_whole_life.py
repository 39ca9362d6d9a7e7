"""Whole lives of a project, end to end, with every balance accounted for to the wei."""

from __future__ import annotations

from story import (
    ACTIVE,
    CANCELLED,
    COMPLETED,
    FAILED,
    FUNDING,
    M_RELEASED,
    ONE,
    System,
)
from web3.contract import Contract
from web3.types import TxReceipt


def _gas(receipt: TxReceipt) -> int:
    return int(receipt["gasUsed"]) * int(receipt["effectiveGasPrice"])


def _donate_all(system: System, pid: int, amounts: tuple[int, ...]) -> None:
    """donors[i] gives amounts[i]; each pays exactly the gift plus gas."""
    for donor, amount in zip(system.donors, amounts, strict=True):
        before = system.balance(None, donor)
        receipt = system.donate(pid, donor, amount)
        assert before - system.balance(None, donor) == amount + _gas(receipt)
        assert system.escrow.functions.position(pid, donor).call() == (amount, 0, 0)


def _claim(system: System, pid: int, donor: str) -> int:
    """Claim an ETH refund; return what the donor's balance gained net of gas."""
    before = system.balance(None, donor)
    receipt = system.send(system.escrow.functions.claimRefund(pid), donor)
    gained = system.balance(None, donor) - before + _gas(receipt)
    assert system.event(receipt, system.escrow, "RefundClaimed") == {
        "projectId": pid,
        "donor": donor,
        "amount": gained,
    }
    return gained


def test_funded_eth_project_released_in_full_pays_the_beneficiary_exactly_raised(
    system: System,
) -> None:
    escrow_start = system.balance(None, system.escrow.address)
    beneficiary_start = system.balance(None, system.beneficiary)
    amounts = (7 * ONE, 11 * ONE, 13 * ONE + 1)
    raised = sum(amounts)

    pid = system.create_project(min_goal=10 * ONE, cap=100 * ONE)
    assert system.project(pid)["state"] == FUNDING
    _donate_all(system, pid, amounts)
    assert system.balance(None, system.escrow.address) == escrow_start + raised
    closed = system.close(pid)
    assert system.event(closed, system.escrow, "FundingClosed")["raised"] == raised
    assert system.project(pid)["state"] == ACTIVE

    first, second = raised * 3000 // 10_000, raised * 3000 // 10_000
    expected = [first, second, raised - first - second]
    paid = []
    for index, amount in enumerate(expected):
        assert system.escrow.functions.releaseAmount(pid, index).call() == amount
        receipt = system.release(pid, index)
        assert system.event(receipt, system.escrow, "MilestoneReleased")["amount"] == amount
        assert system.milestone(pid, index)["state"] == M_RELEASED
        paid.append(amount)
        assert system.balance(None, system.beneficiary) == beneficiary_start + sum(paid)
        assert system.balance(None, system.escrow.address) == escrow_start + raised - sum(paid)

    p = system.project(pid)
    assert (p["state"], p["releasedCount"], p["released"], p["refunded"]) == (
        COMPLETED,
        3,
        raised,
        0,
    )
    assert system.balance(None, system.beneficiary) - beneficiary_start == raised
    assert system.balance(None, system.escrow.address) == escrow_start
    for donor in system.donors:
        assert system.escrow.functions.refundableAmount(pid, donor).call() == 0


def test_failed_eth_project_refunds_every_donor_exactly_their_contribution(
    system: System,
) -> None:
    escrow_start = system.balance(None, system.escrow.address)
    amounts = (7 * ONE, 11 * ONE, 13 * ONE + 1)
    raised = sum(amounts)

    pid = system.create_project(min_goal=50 * ONE, cap=100 * ONE)
    _donate_all(system, pid, amounts)
    closed = system.close(pid)
    assert system.event(closed, system.escrow, "FundingClosed") == {
        "projectId": pid,
        "caller": system.outsider,
        "state": FAILED,
        "raised": raised,
    }

    for donor, amount in zip(system.donors, amounts, strict=True):
        assert system.escrow.functions.refundableAmount(pid, donor).call() == amount
        assert _claim(system, pid, donor) == amount
        assert system.escrow.functions.position(pid, donor).call() == (amount, amount, 0)

    p = system.project(pid)
    assert (p["state"], p["released"], p["refunded"]) == (FAILED, 0, raised)
    dust = p["raised"] - p["released"] - p["refunded"]
    assert dust == 0
    assert system.balance(None, system.escrow.address) == escrow_start


def test_partly_released_then_cancelled_project_refunds_all_but_rounding_dust(
    system: System,
) -> None:
    escrow_start = system.balance(None, system.escrow.address)
    beneficiary_start = system.balance(None, system.beneficiary)
    amounts = (1, 3, ONE + 7)
    raised = sum(amounts)

    pid = system.create_project(min_goal=ONE, cap=2 * ONE, shares=(3333, 3333, 3334))
    _donate_all(system, pid, amounts)
    system.close(pid)
    assert system.project(pid)["state"] == ACTIVE

    released = raised * 3333 // 10_000
    receipt = system.release(pid, 0)
    assert system.event(receipt, system.escrow, "MilestoneReleased")["amount"] == released
    assert system.balance(None, system.beneficiary) - beneficiary_start == released

    cancel = system.send(system.escrow.functions.cancelProject(pid), system.org_admin)
    assert system.event(cancel, system.escrow, "ProjectCancelled") == {
        "projectId": pid,
        "caller": system.org_admin,
        "reason": 0,
        "released": released,
    }

    refunds = 0
    for donor, amount in zip(system.donors, amounts, strict=True):
        share = amount * (raised - released) // raised
        assert system.escrow.functions.refundableAmount(pid, donor).call() == share
        if share == 0:
            with system.reverts("EscrowNothingToRefund", pid, donor):
                system.send(system.escrow.functions.claimRefund(pid), donor)
            continue
        assert _claim(system, pid, donor) == share
        refunds += share

    dust = raised - released - refunds
    assert 0 < dust <= len(system.donors), "this amount mix must leave rounding dust"
    p = system.project(pid)
    assert (p["state"], p["released"], p["refunded"]) == (CANCELLED, released, refunds)
    assert system.balance(None, system.escrow.address) == escrow_start + dust
    assert system.escrow.functions.refundableAmount(pid, system.donors[0]).call() == 0


def test_erc20_project_released_in_part_then_cancelled_accounts_for_every_unit(
    system: System, token: Contract
) -> None:
    amounts = (5 * ONE + 1, 17 * ONE, 9 * ONE + 2)
    raised = sum(amounts)
    pid = system.create_project(token=token.address, min_goal=10 * ONE, cap=100 * ONE)
    for donor, amount in zip(system.donors, amounts, strict=True):
        system.donate_token(token, pid, donor, amount)
        assert system.balance(token, donor) == 0
    assert system.balance(token, system.escrow.address) == raised
    system.close(pid)
    assert system.project(pid)["state"] == ACTIVE

    system.release(pid, 0)
    system.release(pid, 1)
    released = 2 * (raised * 3000 // 10_000)
    assert system.project(pid)["released"] == released
    assert system.balance(token, system.beneficiary) == released

    system.send(system.escrow.functions.cancelProject(pid), system.org_admin)
    refunds = 0
    for donor, amount in zip(system.donors, amounts, strict=True):
        share = amount * (raised - released) // raised
        receipt = system.send(system.escrow.functions.claimRefund(pid), donor)
        assert system.event(receipt, system.escrow, "RefundClaimed")["amount"] == share
        assert system.balance(token, donor) == share
        refunds += share

    dust = raised - released - refunds
    assert 0 <= dust <= len(system.donors)
    assert system.project(pid)["refunded"] == refunds
    assert system.balance(token, system.escrow.address) == dust
    assert system.balance(token, system.beneficiary) + refunds + dust == raised

"""Exits: a failed project refunds every donor exactly; a cancelled one refunds pro rata."""

from __future__ import annotations

from typing import Any

from brownie import chain
from conftest import CANCELLED, FAILED, FUNDING, ONE_ETH, WINDOW, Suite, fee, h, reverts_with

GIFTS = (ONE_ETH, ONE_ETH // 2 + 3, ONE_ETH // 4)


def test_failed_project_refunds_donors_exactly(suite: Suite, create_project: Any) -> None:
    pid = create_project(min_goal=5 * ONE_ETH, cap=10 * ONE_ETH)  # goal will not be met
    for donor, amount in zip(suite.donors, GIFTS, strict=True):
        suite.escrow.donate(pid, h(f"gift-{donor}"), {"from": donor, "value": amount})
    with reverts_with("EscrowInvalidProjectState(uint256,uint8)"):
        suite.escrow.claimRefund(pid, {"from": suite.donors[0]})

    chain.sleep(FUNDING + 1)
    chain.mine()
    tx = suite.escrow.closeFunding(pid, {"from": suite.admin})
    assert tx.events["FundingClosed"]["state"] == FAILED

    for donor, amount in zip(suite.donors, GIFTS, strict=True):
        assert suite.escrow.refundableAmount(pid, donor) == amount
        before = donor.balance()
        tx = suite.escrow.claimRefund(pid, {"from": donor})
        assert tx.events["RefundClaimed"]["amount"] == amount
        assert donor.balance() == before + amount - fee(tx)
    assert suite.escrow.balance() == 0
    assert suite.escrow.project(pid).dict()["refunded"] == sum(GIFTS)

    with reverts_with("EscrowAlreadyRefunded(uint256,address)", pid, suite.donors[0]):
        suite.escrow.claimRefund(pid, {"from": suite.donors[0]})
    with reverts_with("EscrowNothingToRefund(uint256,address)", pid, suite.admin):
        suite.escrow.claimRefund(pid, {"from": suite.admin})


def test_cancelled_project_refunds_what_was_not_released(suite: Suite, create_project: Any) -> None:
    pid = create_project(min_goal=ONE_ETH, cap=10 * ONE_ETH, shares=(2_500, 7_500))
    for donor, amount in zip(suite.donors, GIFTS, strict=True):
        suite.escrow.donate(pid, h(f"gift-{donor}"), {"from": donor, "value": amount})
    chain.sleep(FUNDING + 1)
    chain.mine()
    suite.escrow.closeFunding(pid, {"from": suite.admin})
    evidence = h("evidence")
    suite.escrow.submitEvidence(pid, 0, evidence, "ipfs://e", {"from": suite.org_admin})
    for auditor in suite.auditors:
        suite.escrow.voteMilestone(pid, 0, evidence, True, {"from": auditor})
    chain.sleep(WINDOW + 1)
    chain.mine()
    suite.escrow.releaseMilestone(pid, 0, {"from": suite.admin})
    raised = sum(GIFTS)
    released = raised * 2_500 // 10_000

    suite.escrow.cancelProject(pid, {"from": suite.org_admin})
    assert suite.escrow.project(pid).dict()["state"] == CANCELLED
    for donor, amount in zip(suite.donors, GIFTS, strict=True):
        expected = amount * (raised - released) // raised
        before = donor.balance()
        tx = suite.escrow.claimRefund(pid, {"from": donor})
        assert donor.balance() == before + expected - fee(tx)
    assert suite.escrow.balance() <= len(GIFTS)  # at most one wei of dust per donor

"""Donations in ETH while funding is open, and the close of funding."""

from __future__ import annotations

from typing import Any

from brownie import chain
from conftest import ACTIVE, FUNDING, FUNDING_STATE, ONE_ETH, Suite, fee, h, reverts_with


def test_donors_donate_eth(suite: Suite, create_project: Any) -> None:
    pid = create_project()
    gifts = (ONE_ETH, 2 * ONE_ETH, 3 * ONE_ETH // 2)
    for donor, amount in zip(suite.donors, gifts, strict=True):
        before = donor.balance()
        tx = suite.escrow.donate(pid, h(f"receipt-{donor}"), {"from": donor, "value": amount})
        event = tx.events["DonationReceived"]
        assert (event["projectId"], event["donor"], event["amount"]) == (pid, donor, amount)
        assert donor.balance() == before - amount - fee(tx)
        assert suite.escrow.position(pid, donor)[0] == amount  # contributed
    assert suite.escrow.balance() == sum(gifts)
    view = suite.escrow.project(pid).dict()
    assert view["raised"] == sum(gifts)
    assert view["state"] == FUNDING_STATE


def test_zero_donation_reverts(suite: Suite, create_project: Any) -> None:
    pid = create_project()
    with reverts_with("EscrowZeroAmount()"):
        suite.escrow.donate(pid, h("memo"), {"from": suite.donors[0], "value": 0})


def test_donation_over_the_cap_reverts(suite: Suite, create_project: Any) -> None:
    pid = create_project(min_goal=ONE_ETH, cap=2 * ONE_ETH)
    suite.escrow.donate(pid, h("a"), {"from": suite.donors[0], "value": ONE_ETH})
    with reverts_with("EscrowCapExceeded(uint256,uint256,uint256)", pid, ONE_ETH, 3 * ONE_ETH):
        suite.escrow.donate(pid, h("b"), {"from": suite.donors[1], "value": 3 * ONE_ETH})


def test_funding_closes_after_the_deadline(suite: Suite, create_project: Any) -> None:
    pid = create_project(min_goal=2 * ONE_ETH, cap=10 * ONE_ETH)
    suite.escrow.donate(pid, h("a"), {"from": suite.donors[0], "value": 3 * ONE_ETH})
    deadline = suite.escrow.project(pid).dict()["deadline"]
    with reverts_with(
        "EscrowFundingStillOpen(uint256,uint256,uint256,uint256)",
        pid,
        deadline,
        3 * ONE_ETH,
        10 * ONE_ETH,
    ):
        suite.escrow.closeFunding(pid, {"from": suite.donors[1]})

    chain.sleep(FUNDING + 1)
    chain.mine()
    with reverts_with("EscrowFundingEnded(uint256,uint256)", pid, deadline):
        suite.escrow.donate(pid, h("late"), {"from": suite.donors[1], "value": ONE_ETH})
    tx = suite.escrow.closeFunding(pid, {"from": suite.donors[1]})  # anyone may close
    assert tx.events["FundingClosed"]["state"] == ACTIVE
    assert tx.events["FundingClosed"]["raised"] == 3 * ONE_ETH
    assert suite.escrow.project(pid).dict()["state"] == ACTIVE


def test_reaching_the_cap_closes_funding_early(suite: Suite, create_project: Any) -> None:
    pid = create_project(min_goal=ONE_ETH, cap=2 * ONE_ETH)
    suite.escrow.donate(pid, h("all"), {"from": suite.donors[0], "value": 2 * ONE_ETH})
    suite.escrow.closeFunding(pid, {"from": suite.donors[0]})
    assert suite.escrow.project(pid).dict()["state"] == ACTIVE

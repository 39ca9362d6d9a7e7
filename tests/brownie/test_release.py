"""Evidence, two auditor approvals, the challenge window, and exact releases."""

from __future__ import annotations

from typing import Any

from brownie import chain
from conftest import (
    APPROVED,
    COMPLETED,
    FUNDING,
    IN_REVIEW,
    ONE_ETH,
    RELEASED,
    WINDOW,
    Suite,
    h,
    reverts_with,
)

GIFTS = (3 * ONE_ETH, 2 * ONE_ETH + 7)  # odd wei: the last milestone takes the remainder


def funded_project(suite: Suite, create_project: Any) -> int:
    """An Active project (40% / 60% milestones) that raised sum(GIFTS)."""
    pid = create_project(min_goal=2 * ONE_ETH, cap=10 * ONE_ETH, quorum=2, shares=(4_000, 6_000))
    for donor, amount in zip(suite.donors, GIFTS, strict=False):
        suite.escrow.donate(pid, h(f"gift-{donor}"), {"from": donor, "value": amount})
    chain.sleep(FUNDING + 1)
    chain.mine()
    suite.escrow.closeFunding(pid, {"from": suite.admin})
    return pid


def approve(suite: Suite, pid: int, index: int) -> int:
    """Submit evidence for milestone `index` and have both auditors approve it; windowEndsAt."""
    evidence = h(f"evidence-{pid}-{index}")
    suite.escrow.submitEvidence(pid, index, evidence, "ipfs://evidence", {"from": suite.org_admin})
    first, second = suite.auditors
    suite.escrow.voteMilestone(pid, index, evidence, True, {"from": first})
    assert suite.escrow.milestone(pid, index).dict()["state"] == IN_REVIEW  # quorum is 2
    tx = suite.escrow.voteMilestone(pid, index, evidence, True, {"from": second})
    milestone = suite.escrow.milestone(pid, index).dict()
    assert milestone["state"] == APPROVED
    assert milestone["approvals"] == 2
    return int(tx.events["MilestoneApproved"]["windowEndsAt"])


def test_release_pays_the_beneficiary_exactly(suite: Suite, create_project: Any) -> None:
    pid = funded_project(suite, create_project)
    raised = sum(GIFTS)
    assert suite.escrow.balance() == raised

    ends = approve(suite, pid, 0)
    with reverts_with("EscrowChallengeWindowOpen(uint256,uint256,uint256)", pid, 0, ends):
        suite.escrow.releaseMilestone(pid, 0, {"from": suite.donors[0]})

    chain.sleep(WINDOW + 1)
    chain.mine()
    expected = raised * 4_000 // 10_000
    assert suite.escrow.releaseAmount(pid, 0) == expected
    before = suite.beneficiary.balance()
    tx = suite.escrow.releaseMilestone(pid, 0, {"from": suite.donors[0]})  # anyone may release
    assert suite.beneficiary.balance() == before + expected
    assert tx.events["MilestoneReleased"]["amount"] == expected
    assert suite.escrow.milestone(pid, 0).dict()["state"] == RELEASED
    assert suite.escrow.balance() == raised - expected

    approve(suite, pid, 1)
    chain.sleep(WINDOW + 1)
    chain.mine()
    before = suite.beneficiary.balance()
    suite.escrow.releaseMilestone(pid, 1, {"from": suite.donors[1]})
    assert suite.beneficiary.balance() == before + raised - expected  # the remainder, to the wei
    assert suite.escrow.balance() == 0
    view = suite.escrow.project(pid).dict()
    assert view["state"] == COMPLETED
    assert view["released"] == raised


def test_one_approval_is_not_enough(suite: Suite, create_project: Any) -> None:
    pid = funded_project(suite, create_project)
    evidence = h("evidence")
    suite.escrow.submitEvidence(pid, 0, evidence, "ipfs://e", {"from": suite.org_admin})
    suite.escrow.voteMilestone(pid, 0, evidence, True, {"from": suite.auditors[0]})
    with reverts_with("EscrowInvalidMilestoneState(uint256,uint256,uint8)", pid, 0, IN_REVIEW):
        suite.escrow.releaseMilestone(pid, 0, {"from": suite.admin})
    with reverts_with("EscrowAlreadyVoted(uint256,uint256,address)"):
        suite.escrow.voteMilestone(pid, 0, evidence, True, {"from": suite.auditors[0]})

"""Read-only views: values in every state, and reverts on unknown ids."""

from __future__ import annotations

from story import (
    ACTIVE,
    CANCELLED,
    COMPLETED,
    DAY,
    ETH,
    FAILED,
    FUNDING,
    GRACE,
    M_APPROVED,
    M_IN_REVIEW,
    M_PENDING,
    M_REJECTED,
    M_RELEASED,
    ONE,
    System,
    h,
)
from web3.types import TxReceipt

ZERO_HASH = b"\0" * 32


def _block_time(system: System, receipt: TxReceipt) -> int:
    return int(system.w3.eth.get_block(receipt["blockNumber"])["timestamp"])


def _vote(
    system: System, pid: int, index: int, digest: bytes, auditor: int, approve: bool
) -> TxReceipt:
    call = system.escrow.functions.voteMilestone(pid, index, digest, approve)
    return system.send(call, system.auditors[auditor])


# ------------------------------------------------------------------ project()


def test_project_view_after_creation_returns_every_parameter(system: System) -> None:
    params = system.params(min_goal=3 * ONE, cap=40 * ONE, quorum=3, threshold_bps=1500)
    receipt = system.send(system.escrow.functions.createProject(params), system.org_admin)
    pid = system.event(receipt, system.escrow, "ProjectCreated")["projectId"]
    assert system.project(pid) == {
        "orgId": system.org_id,
        "beneficiary": system.beneficiary,
        "token": ETH,
        "state": FUNDING,
        "deadline": params[4],
        "quorum": 3,
        "challengeWindow": 3 * DAY,
        "challengeThresholdBps": 1500,
        "milestoneCount": 3,
        "releasedCount": 0,
        "minGoal": 3 * ONE,
        "cap": 40 * ONE,
        "raised": 0,
        "released": 0,
        "refunded": 0,
        "category": h("education"),
        "metadataHash": h("project metadata"),
    }


def test_project_view_tracks_raised_and_releases_until_completed(system: System) -> None:
    pid = system.create_project()
    system.donate(pid, system.donors[0], 20 * ONE)
    system.donate(pid, system.donors[1], 10 * ONE)
    assert (system.project(pid)["state"], system.project(pid)["raised"]) == (FUNDING, 30 * ONE)
    system.close(pid)
    assert system.project(pid)["state"] == ACTIVE
    system.release(pid, 0)
    view = system.project(pid)
    assert (view["state"], view["releasedCount"], view["released"]) == (ACTIVE, 1, 9 * ONE)
    system.release(pid, 1)
    system.release(pid, 2)
    view = system.project(pid)
    assert (view["state"], view["releasedCount"], view["released"], view["raised"]) == (
        COMPLETED,
        3,
        30 * ONE,
        30 * ONE,
    )


def test_project_view_of_failed_project_counts_refunds(system: System) -> None:
    pid = system.create_project(min_goal=50 * ONE)
    system.donate(pid, system.donors[0], 20 * ONE)
    system.donate(pid, system.donors[1], 10 * ONE)
    system.close(pid)
    assert system.project(pid)["state"] == FAILED
    system.send(system.escrow.functions.claimRefund(pid), system.donors[1])
    view = system.project(pid)
    assert (view["state"], view["raised"], view["released"], view["refunded"]) == (
        FAILED,
        30 * ONE,
        0,
        10 * ONE,
    )


def test_project_view_of_cancelled_project_keeps_what_was_released(system: System) -> None:
    pid = system.funded()
    system.release(pid, 0)
    system.send(system.escrow.functions.cancelProject(pid), system.org_admin)
    view = system.project(pid)
    assert (view["state"], view["releasedCount"], view["released"], view["refunded"]) == (
        CANCELLED,
        1,
        9 * ONE,
        0,
    )


def test_project_view_of_unknown_id_reverts(system: System) -> None:
    pid = system.create_project()
    with system.reverts("EscrowUnknownProject", 0):
        system.escrow.functions.project(0).call()
    with system.reverts("EscrowUnknownProject", pid + 1):
        system.escrow.functions.project(pid + 1).call()


# ------------------------------------------------------------------ milestone()


def test_milestone_view_after_creation_shows_share_and_due_date_only(system: System) -> None:
    pid = system.create_project(shares=(2500, 7500))
    deadline = system.project(pid)["deadline"]
    assert system.milestone(pid, 1) == {
        "bps": 7500,
        "dueDate": deadline + 60 * DAY,
        "state": M_PENDING,
        "round": 0,
        "approvals": 0,
        "rejections": 0,
        "windowEndsAt": 0,
        "released": 0,
        "challengeWeight": 0,
        "evidenceHash": ZERO_HASH,
    }


def test_milestone_view_follows_evidence_and_running_tallies(system: System) -> None:
    pid = system.funded(quorum=3)
    digest = system.submit(pid, 0)
    view = system.milestone(pid, 0)
    assert (view["state"], view["round"], view["evidenceHash"]) == (M_IN_REVIEW, 1, digest)
    _vote(system, pid, 0, digest, 0, True)
    _vote(system, pid, 0, digest, 1, False)
    view = system.milestone(pid, 0)
    assert (view["state"], view["approvals"], view["rejections"]) == (M_IN_REVIEW, 1, 1)


def test_milestone_view_after_approval_and_challenge(system: System) -> None:
    pid = system.funded((20 * ONE, 10 * ONE, ONE))
    digest = system.submit(pid, 0)
    _vote(system, pid, 0, digest, 0, True)
    receipt = _vote(system, pid, 0, digest, 1, True)
    system.send(system.escrow.functions.challengeMilestone(pid, 0), system.donors[2])
    view = system.milestone(pid, 0)
    assert (view["state"], view["approvals"], view["windowEndsAt"], view["challengeWeight"]) == (
        M_APPROVED,
        2,
        _block_time(system, receipt) + 3 * DAY,
        ONE,
    )


def test_milestone_view_after_rejection(system: System) -> None:
    pid = system.funded()
    digest = system.submit(pid, 2)
    _vote(system, pid, 2, digest, 0, False)
    _vote(system, pid, 2, digest, 1, False)
    view = system.milestone(pid, 2)
    assert (view["state"], view["round"], view["rejections"], view["approvals"]) == (
        M_REJECTED,
        1,
        2,
        0,
    )


def test_milestone_view_after_release_records_the_amount(system: System) -> None:
    pid = system.funded()
    system.release(pid, 2)
    view = system.milestone(pid, 2)
    assert (view["state"], view["released"]) == (M_RELEASED, 12 * ONE)
    assert system.milestone(pid, 0)["released"] == 0


def test_milestone_view_of_unknown_project_or_index_reverts(system: System) -> None:
    pid = system.create_project()
    with system.reverts("EscrowUnknownProject", pid + 1):
        system.escrow.functions.milestone(pid + 1, 0).call()
    with system.reverts("EscrowUnknownMilestone", pid, 3):
        system.escrow.functions.milestone(pid, 3).call()


# ------------------------------------------------------------------ position(), refundableAmount


def test_position_follows_a_donor_from_gift_to_refund(system: System) -> None:
    pid = system.create_project()
    donor = system.donors[0]
    assert system.escrow.functions.position(pid, donor).call() == (0, 0, 0)
    system.donate(pid, donor, 20 * ONE)
    system.donate(pid, system.donors[1], 10 * ONE)
    assert system.escrow.functions.position(pid, donor).call() == (20 * ONE, 0, 0)
    system.close(pid)
    system.release(pid, 0)
    assert system.escrow.functions.position(pid, donor).call() == (20 * ONE, 0, 0)
    system.send(system.escrow.functions.cancelProject(pid), system.org_admin)
    owed = 20 * ONE * 21 // 30
    assert system.escrow.functions.position(pid, donor).call() == (20 * ONE, 0, owed)
    system.send(system.escrow.functions.claimRefund(pid), donor)
    assert system.escrow.functions.position(pid, donor).call() == (20 * ONE, owed, 0)


def test_position_of_unknown_project_reverts(system: System) -> None:
    with system.reverts("EscrowUnknownProject", 5):
        system.escrow.functions.position(5, system.donors[0]).call()


def test_refundable_amount_is_zero_while_funding_or_active(system: System) -> None:
    pid = system.create_project()
    system.donate(pid, system.donors[0], 20 * ONE)
    assert system.escrow.functions.refundableAmount(pid, system.donors[0]).call() == 0
    system.close(pid)
    assert system.project(pid)["state"] == ACTIVE
    assert system.escrow.functions.refundableAmount(pid, system.donors[0]).call() == 0


def test_refundable_amount_in_failed_project_is_the_contribution_until_claimed(
    system: System,
) -> None:
    pid = system.create_project(min_goal=50 * ONE)
    system.donate(pid, system.donors[0], 7 * ONE + 3)
    system.close(pid)
    refundable = system.escrow.functions.refundableAmount
    assert refundable(pid, system.donors[0]).call() == 7 * ONE + 3
    assert refundable(pid, system.donors[1]).call() == 0
    system.send(system.escrow.functions.claimRefund(pid), system.donors[0])
    assert refundable(pid, system.donors[0]).call() == 0


def test_refundable_amount_in_cancelled_project_is_the_unreleased_share(system: System) -> None:
    pid = system.funded((20 * ONE, 10 * ONE, 1))
    system.release(pid, 0)
    system.send(system.escrow.functions.cancelProject(pid), system.org_admin)
    raised = 30 * ONE + 1
    left = raised - raised * 3000 // 10_000
    for donor, amount in zip(system.donors, (20 * ONE, 10 * ONE, 1), strict=True):
        expected = amount * left // raised
        assert system.escrow.functions.refundableAmount(pid, donor).call() == expected
    assert system.escrow.functions.refundableAmount(pid, system.donors[2]).call() == 0


def test_refundable_amount_of_unknown_project_reverts(system: System) -> None:
    with system.reverts("EscrowUnknownProject", 0):
        system.escrow.functions.refundableAmount(0, system.donors[0]).call()


# ------------------------------------------------------------------ releaseAmount


def test_release_amount_is_the_share_of_raised_while_others_remain(system: System) -> None:
    pid = system.funded((20 * ONE, 10 * ONE, 7))
    raised = 30 * ONE + 7
    release_amount = system.escrow.functions.releaseAmount
    assert release_amount(pid, 0).call() == raised * 3000 // 10_000
    assert release_amount(pid, 2).call() == raised * 4000 // 10_000


def test_release_amount_of_the_last_unreleased_milestone_is_the_remainder(system: System) -> None:
    pid = system.funded((20 * ONE, 10 * ONE, 7))
    raised = 30 * ONE + 7
    system.release(pid, 2)
    system.release(pid, 0)
    released = system.project(pid)["released"]
    assert released == raised * 4000 // 10_000 + raised * 3000 // 10_000
    assert system.escrow.functions.releaseAmount(pid, 1).call() == raised - released
    assert raised - released != raised * 3000 // 10_000, "remainder must differ from the share"


def test_release_amount_of_a_released_milestone_is_zero(system: System) -> None:
    pid = system.funded()
    system.release(pid, 1)
    assert system.escrow.functions.releaseAmount(pid, 1).call() == 0


def test_release_amount_of_unknown_project_or_milestone_reverts(system: System) -> None:
    pid = system.funded()
    with system.reverts("EscrowUnknownProject", pid + 1):
        system.escrow.functions.releaseAmount(pid + 1, 0).call()
    with system.reverts("EscrowUnknownMilestone", pid, 3):
        system.escrow.functions.releaseAmount(pid, 3).call()


# ------------------------------------------------------------------ hasVoted, hasChallenged


def test_has_voted_is_per_auditor_and_per_round(system: System) -> None:
    pid = system.funded()
    has_voted = system.escrow.functions.hasVoted
    a0, a1 = system.auditors[0], system.auditors[1]
    digest = system.submit(pid, 0)
    assert has_voted(pid, 0, a0).call() is False
    _vote(system, pid, 0, digest, 0, False)
    assert (has_voted(pid, 0, a0).call(), has_voted(pid, 0, a1).call()) == (True, False)
    assert has_voted(pid, 1, a0).call() is False
    _vote(system, pid, 0, digest, 1, False)
    assert system.milestone(pid, 0)["state"] == M_REJECTED
    assert has_voted(pid, 0, a0).call() is True
    system.submit(pid, 0, "better evidence")
    assert (has_voted(pid, 0, a0).call(), has_voted(pid, 0, a1).call()) == (False, False)


def test_has_challenged_is_set_by_a_challenge_and_cleared_by_a_new_round(system: System) -> None:
    pid = system.funded((20 * ONE, 10 * ONE, ONE))
    has_challenged = system.escrow.functions.hasChallenged
    system.approve(pid, 0)
    assert has_challenged(pid, 0, system.donors[2]).call() is False
    system.send(system.escrow.functions.challengeMilestone(pid, 0), system.donors[2])
    assert has_challenged(pid, 0, system.donors[2]).call() is True
    assert has_challenged(pid, 0, system.donors[1]).call() is False
    system.send(system.escrow.functions.challengeMilestone(pid, 0), system.donors[1])
    assert system.milestone(pid, 0)["state"] == M_IN_REVIEW
    assert has_challenged(pid, 0, system.donors[2]).call() is False


def test_has_voted_and_has_challenged_on_unknown_ids_revert(system: System) -> None:
    pid = system.funded()
    auditor, donor = system.auditors[0], system.donors[0]
    with system.reverts("EscrowUnknownProject", pid + 1):
        system.escrow.functions.hasVoted(pid + 1, 0, auditor).call()
    with system.reverts("EscrowUnknownMilestone", pid, 3):
        system.escrow.functions.hasVoted(pid, 3, auditor).call()
    with system.reverts("EscrowUnknownProject", pid + 1):
        system.escrow.functions.hasChallenged(pid + 1, 0, donor).call()
    with system.reverts("EscrowUnknownMilestone", pid, 3):
        system.escrow.functions.hasChallenged(pid, 3, donor).call()


# ------------------------------------------------------------------ constants and counters


def test_project_count_counts_created_projects(system: System) -> None:
    assert system.escrow.functions.projectCount().call() == 0
    first = system.create_project()
    second = system.create_project()
    assert (first, second) == (1, 2)
    assert system.escrow.functions.projectCount().call() == 2


def test_cancel_grace_period_and_registry_are_the_deployed_values(system: System) -> None:
    assert system.escrow.functions.cancelGracePeriod().call() == GRACE
    assert system.escrow.functions.registry().call() == system.registry.address

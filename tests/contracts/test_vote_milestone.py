"""voteMilestone: quorum approval and rejection, conflicts, exact evidence and every revert."""

from __future__ import annotations

from story import DAY, M_APPROVED, M_IN_REVIEW, M_PENDING, M_REJECTED, System, h
from web3.types import TxReceipt


def _vote(system: System, pid: int, index: int, digest: bytes, who: str, yes: bool) -> TxReceipt:
    return system.send(system.escrow.functions.voteMilestone(pid, index, digest, yes), who)


def _grant_auditor(system: System, account: str) -> None:
    role = system.registry.functions.AUDITOR_ROLE().call()
    system.send(system.registry.functions.grantRole(role, account), system.admin)


def _block_time(system: System, receipt: TxReceipt) -> int:
    return int(system.w3.eth.get_block(receipt["blockNumber"])["timestamp"])


def test_first_approval_is_counted_and_emits_every_field(system: System) -> None:
    pid = system.funded(quorum=2)
    digest = system.submit(pid, 0)
    receipt = _vote(system, pid, 0, digest, system.auditors[0], True)
    assert system.event(receipt, system.escrow, "MilestoneVoteCast") == {
        "projectId": pid,
        "milestoneIndex": 0,
        "auditor": system.auditors[0],
        "approved": True,
        "evidenceHash": digest,
        "approvals": 1,
        "rejections": 0,
    }
    assert system.events(receipt, system.escrow, "MilestoneApproved") == []
    m = system.milestone(pid, 0)
    assert (m["state"], m["approvals"], m["rejections"]) == (M_IN_REVIEW, 1, 0)
    assert system.escrow.functions.hasVoted(pid, 0, system.auditors[0]).call() is True
    assert system.escrow.functions.hasVoted(pid, 0, system.auditors[1]).call() is False


def test_approvals_reaching_quorum_approve_and_open_the_challenge_window(system: System) -> None:
    pid = system.funded(quorum=2, window=3 * DAY)
    digest = system.submit(pid, 1)
    _vote(system, pid, 1, digest, system.auditors[0], True)
    receipt = _vote(system, pid, 1, digest, system.auditors[1], True)
    ends = _block_time(system, receipt) + 3 * DAY
    assert system.event(receipt, system.escrow, "MilestoneVoteCast") == {
        "projectId": pid,
        "milestoneIndex": 1,
        "auditor": system.auditors[1],
        "approved": True,
        "evidenceHash": digest,
        "approvals": 2,
        "rejections": 0,
    }
    assert system.event(receipt, system.escrow, "MilestoneApproved") == {
        "projectId": pid,
        "milestoneIndex": 1,
        "windowEndsAt": ends,
    }
    m = system.milestone(pid, 1)
    assert (m["state"], m["windowEndsAt"], m["approvals"]) == (M_APPROVED, ends, 2)


def test_a_rejection_does_not_block_a_later_approval_quorum(system: System) -> None:
    pid = system.funded(quorum=2)
    digest = system.submit(pid, 0)
    _vote(system, pid, 0, digest, system.auditors[0], False)
    _vote(system, pid, 0, digest, system.auditors[1], True)
    receipt = _vote(system, pid, 0, digest, system.auditors[2], True)
    args = system.event(receipt, system.escrow, "MilestoneVoteCast")
    assert (args["approvals"], args["rejections"]) == (2, 1)
    assert system.milestone(pid, 0)["state"] == M_APPROVED


def test_quorum_of_one_approves_on_the_first_vote(system: System) -> None:
    pid = system.funded(quorum=1)
    digest = system.submit(pid, 0)
    receipt = _vote(system, pid, 0, digest, system.auditors[2], True)
    assert len(system.events(receipt, system.escrow, "MilestoneApproved")) == 1
    assert system.milestone(pid, 0)["state"] == M_APPROVED


def test_rejections_reaching_quorum_reject_the_milestone(system: System) -> None:
    pid = system.funded(quorum=2)
    digest = system.submit(pid, 2)
    first = _vote(system, pid, 2, digest, system.auditors[0], False)
    assert system.event(first, system.escrow, "MilestoneVoteCast") == {
        "projectId": pid,
        "milestoneIndex": 2,
        "auditor": system.auditors[0],
        "approved": False,
        "evidenceHash": digest,
        "approvals": 0,
        "rejections": 1,
    }
    assert system.events(first, system.escrow, "MilestoneRejected") == []
    receipt = _vote(system, pid, 2, digest, system.auditors[1], False)
    assert system.event(receipt, system.escrow, "MilestoneRejected") == {
        "projectId": pid,
        "milestoneIndex": 2,
        "round": 1,
    }
    m = system.milestone(pid, 2)
    assert (m["state"], m["rejections"], m["windowEndsAt"]) == (M_REJECTED, 2, 0)


def test_resubmission_after_rejection_restarts_review_and_can_be_approved(system: System) -> None:
    pid = system.funded(quorum=2)
    weak = system.submit(pid, 0, "weak")
    _vote(system, pid, 0, weak, system.auditors[0], False)
    _vote(system, pid, 0, weak, system.auditors[1], False)
    better = system.submit(pid, 0, "better")
    m = system.milestone(pid, 0)
    assert (m["state"], m["round"], m["rejections"]) == (M_IN_REVIEW, 2, 0)
    assert system.escrow.functions.hasVoted(pid, 0, system.auditors[0]).call() is False
    _vote(system, pid, 0, better, system.auditors[0], True)
    _vote(system, pid, 0, better, system.auditors[1], True)
    assert system.milestone(pid, 0)["state"] == M_APPROVED


def test_non_auditor_vote_reverts(system: System) -> None:
    pid = system.funded()
    digest = system.submit(pid, 0)
    with system.reverts("EscrowNotAuditor", system.reviewer):
        _vote(system, pid, 0, digest, system.reviewer, True)


def test_auditor_who_is_the_org_admin_is_conflicted(system: System) -> None:
    pid = system.funded()
    digest = system.submit(pid, 0)
    _grant_auditor(system, system.org_admin)
    with system.reverts("EscrowAuditorConflict", pid, system.org_admin):
        _vote(system, pid, 0, digest, system.org_admin, True)


def test_auditor_who_is_the_beneficiary_is_conflicted(system: System) -> None:
    pid = system.funded()
    digest = system.submit(pid, 0)
    _grant_auditor(system, system.beneficiary)
    with system.reverts("EscrowAuditorConflict", pid, system.beneficiary):
        _vote(system, pid, 0, digest, system.beneficiary, True)


def test_auditor_named_beneficiary_of_a_project_is_conflicted_only_there(system: System) -> None:
    conflicted = system.funded(beneficiary=system.auditors[2])
    other = system.funded()
    d1 = system.submit(conflicted, 0)
    d2 = system.submit(other, 0)
    with system.reverts("EscrowAuditorConflict", conflicted, system.auditors[2]):
        _vote(system, conflicted, 0, d1, system.auditors[2], True)
    _vote(system, other, 0, d2, system.auditors[2], True)
    assert system.milestone(other, 0)["approvals"] == 1


def test_vote_on_a_stale_evidence_hash_reverts_with_both_hashes(system: System) -> None:
    pid = system.funded()
    old = system.submit(pid, 1, "old")
    new = system.submit(pid, 1, "new")
    with system.reverts("EscrowEvidenceMismatch", pid, 1, new, old):
        _vote(system, pid, 1, old, system.auditors[0], True)


def test_second_vote_by_the_same_auditor_reverts(system: System) -> None:
    pid = system.funded(quorum=3)
    digest = system.submit(pid, 0)
    _vote(system, pid, 0, digest, system.auditors[0], True)
    with system.reverts("EscrowAlreadyVoted", pid, 0, system.auditors[0]):
        _vote(system, pid, 0, digest, system.auditors[0], False)


def test_vote_on_pending_milestone_reverts(system: System) -> None:
    pid = system.funded()
    with system.reverts("EscrowInvalidMilestoneState", pid, 0, M_PENDING):
        _vote(system, pid, 0, h("nothing"), system.auditors[0], True)


def test_vote_on_approved_milestone_reverts(system: System) -> None:
    pid = system.funded(quorum=2)
    digest = system.approve(pid, 0)
    with system.reverts("EscrowInvalidMilestoneState", pid, 0, M_APPROVED):
        _vote(system, pid, 0, digest, system.auditors[2], True)


def test_vote_on_rejected_milestone_reverts(system: System) -> None:
    pid = system.funded(quorum=2)
    digest = system.submit(pid, 0)
    _vote(system, pid, 0, digest, system.auditors[0], False)
    _vote(system, pid, 0, digest, system.auditors[1], False)
    with system.reverts("EscrowInvalidMilestoneState", pid, 0, M_REJECTED):
        _vote(system, pid, 0, digest, system.auditors[2], True)


def test_vote_on_unknown_milestone_reverts(system: System) -> None:
    pid = system.funded()
    with system.reverts("EscrowUnknownMilestone", pid, 5):
        _vote(system, pid, 5, h("x"), system.auditors[0], True)

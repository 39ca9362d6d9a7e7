"""submitEvidence: who may submit, review rounds, cleared votes and every revert."""

from __future__ import annotations

from story import (
    ACTIVE,
    FUNDING,
    M_APPROVED,
    M_IN_REVIEW,
    M_PENDING,
    M_REJECTED,
    M_RELEASED,
    System,
    h,
)


def _submit(system: System, pid: int, index: int, digest: bytes, uri: str = "ipfs://ev") -> dict:
    receipt = system.send(
        system.escrow.functions.submitEvidence(pid, index, digest, uri), system.org_admin
    )
    return system.event(receipt, system.escrow, "EvidenceSubmitted")


def _vote(system: System, pid: int, index: int, digest: bytes, auditor: str, approve: bool) -> None:
    system.send(system.escrow.functions.voteMilestone(pid, index, digest, approve), auditor)


def test_org_admin_submits_evidence_and_starts_review_round_one(system: System) -> None:
    pid = system.funded()
    assert system.milestone(pid, 1)["state"] == M_PENDING
    args = _submit(system, pid, 1, h("receipts batch 1"), "ipfs://receipts-1")
    assert args == {
        "projectId": pid,
        "milestoneIndex": 1,
        "submitter": system.org_admin,
        "evidenceHash": h("receipts batch 1"),
        "evidenceURI": "ipfs://receipts-1",
        "round": 1,
    }
    m = system.milestone(pid, 1)
    assert (m["state"], m["round"], m["evidenceHash"]) == (M_IN_REVIEW, 1, h("receipts batch 1"))
    assert (m["approvals"], m["rejections"]) == (0, 0)
    assert system.milestone(pid, 0)["state"] == M_PENDING


def test_resubmission_in_review_increments_round_and_replaces_hash(system: System) -> None:
    pid = system.funded()
    _submit(system, pid, 0, h("first"))
    args = _submit(system, pid, 0, h("second"))
    assert (args["round"], args["evidenceHash"]) == (2, h("second"))
    m = system.milestone(pid, 0)
    assert (m["state"], m["round"], m["evidenceHash"]) == (M_IN_REVIEW, 2, h("second"))


def test_resubmission_clears_approvals_of_the_old_round(system: System) -> None:
    pid = system.funded(quorum=2)
    _submit(system, pid, 0, h("first"))
    _vote(system, pid, 0, h("first"), system.auditors[0], True)
    assert system.milestone(pid, 0)["approvals"] == 1
    assert system.escrow.functions.hasVoted(pid, 0, system.auditors[0]).call() is True

    _submit(system, pid, 0, h("second"))
    m = system.milestone(pid, 0)
    assert (m["approvals"], m["rejections"]) == (0, 0)
    assert system.escrow.functions.hasVoted(pid, 0, system.auditors[0]).call() is False


def test_old_round_vote_no_longer_counts_toward_quorum(system: System) -> None:
    pid = system.funded(quorum=2)
    _submit(system, pid, 0, h("first"))
    _vote(system, pid, 0, h("first"), system.auditors[0], True)
    _submit(system, pid, 0, h("second"))
    # One new approval is not a quorum of two: the old round's vote is gone.
    _vote(system, pid, 0, h("second"), system.auditors[1], True)
    m = system.milestone(pid, 0)
    assert (m["state"], m["approvals"]) == (M_IN_REVIEW, 1)
    # The auditor who voted in the old round may vote again in the new one.
    _vote(system, pid, 0, h("second"), system.auditors[0], True)
    assert system.milestone(pid, 0)["state"] == M_APPROVED


def test_resubmission_clears_rejections_of_the_old_round(system: System) -> None:
    pid = system.funded(quorum=2)
    _submit(system, pid, 0, h("first"))
    _vote(system, pid, 0, h("first"), system.auditors[0], False)
    _submit(system, pid, 0, h("second"))
    m = system.milestone(pid, 0)
    assert (m["approvals"], m["rejections"], m["round"]) == (0, 0, 2)


def test_resubmission_after_rejection_restarts_review(system: System) -> None:
    pid = system.funded(quorum=2)
    _submit(system, pid, 0, h("weak"))
    _vote(system, pid, 0, h("weak"), system.auditors[0], False)
    _vote(system, pid, 0, h("weak"), system.auditors[1], False)
    assert system.milestone(pid, 0)["state"] == M_REJECTED

    args = _submit(system, pid, 0, h("better"))
    assert args["round"] == 2
    m = system.milestone(pid, 0)
    assert (m["state"], m["round"], m["rejections"]) == (M_IN_REVIEW, 2, 0)
    assert m["evidenceHash"] == h("better")


def test_outsider_cannot_submit_evidence(system: System) -> None:
    pid = system.funded()
    with system.reverts("EscrowNotOrganizationAdmin", system.org_id, system.outsider):
        system.send(
            system.escrow.functions.submitEvidence(pid, 0, h("x"), "ipfs://x"), system.outsider
        )


def test_beneficiary_cannot_submit_evidence(system: System) -> None:
    pid = system.funded()
    with system.reverts("EscrowNotOrganizationAdmin", system.org_id, system.beneficiary):
        system.send(
            system.escrow.functions.submitEvidence(pid, 0, h("x"), "ipfs://x"),
            system.beneficiary,
        )


def test_empty_evidence_hash_reverts(system: System) -> None:
    pid = system.funded()
    with system.reverts("EscrowEmptyHash"):
        system.send(
            system.escrow.functions.submitEvidence(pid, 0, b"\0" * 32, "ipfs://x"),
            system.org_admin,
        )


def test_submission_on_approved_milestone_reverts(system: System) -> None:
    pid = system.funded()
    system.approve(pid, 0)
    with system.reverts("EscrowInvalidMilestoneState", pid, 0, M_APPROVED):
        system.send(
            system.escrow.functions.submitEvidence(pid, 0, h("late"), "ipfs://x"),
            system.org_admin,
        )


def test_submission_on_released_milestone_reverts(system: System) -> None:
    pid = system.funded()
    system.release(pid, 0)
    assert system.project(pid)["state"] == ACTIVE
    with system.reverts("EscrowInvalidMilestoneState", pid, 0, M_RELEASED):
        system.send(
            system.escrow.functions.submitEvidence(pid, 0, h("late"), "ipfs://x"),
            system.org_admin,
        )


def test_submission_for_unknown_milestone_reverts(system: System) -> None:
    pid = system.funded()  # three milestones: 0, 1, 2
    with system.reverts("EscrowUnknownMilestone", pid, 3):
        system.send(
            system.escrow.functions.submitEvidence(pid, 3, h("x"), "ipfs://x"), system.org_admin
        )


def test_submission_while_funding_reverts(system: System) -> None:
    pid = system.create_project()
    with system.reverts("EscrowInvalidProjectState", pid, FUNDING):
        system.send(
            system.escrow.functions.submitEvidence(pid, 0, h("x"), "ipfs://x"), system.org_admin
        )


def test_submission_for_unknown_project_reverts(system: System) -> None:
    with system.reverts("EscrowUnknownProject", 77):
        system.send(
            system.escrow.functions.submitEvidence(77, 0, h("x"), "ipfs://x"), system.org_admin
        )

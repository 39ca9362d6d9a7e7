"""Evidence, auditor votes, donor challenges and releases."""

from __future__ import annotations

from dataclasses import dataclass

from charitychain.services.inputs import InvalidInput
from charitychain.services.receipts import events, one_event, tx_hash
from charitychain.services.session import Session
from charitychain.services.views import milestone_info


@dataclass(frozen=True)
class EvidenceSubmitted:
    project_id: int
    index: int
    evidence_hash: bytes
    round: int
    tx: str


@dataclass(frozen=True)
class VoteCast:
    project_id: int
    index: int
    approved: bool
    approvals: int
    rejections: int
    state: str  # the milestone's state after the vote
    tx: str


@dataclass(frozen=True)
class Challenge:
    project_id: int
    index: int
    weight: int
    total_weight: int
    returned_to_review: bool
    tx: str


@dataclass(frozen=True)
class Release:
    project_id: int
    index: int
    beneficiary: str
    amount: int
    total_released: int
    completed: bool
    tx: str


def submit_evidence(
    session: Session, project_id: int, index: int, evidence_hash: bytes, evidence_uri: str
) -> EvidenceSubmitted:
    milestone_info(session.suite, project_id, index)  # unknown project/index: clear error
    fn = session.suite.escrow.functions.submitEvidence(
        project_id, index, evidence_hash, evidence_uri
    )
    receipt = session.send(fn)
    args = one_event(receipt, session.suite.escrow, "EvidenceSubmitted")
    return EvidenceSubmitted(
        project_id, index, args["evidenceHash"], int(args["round"]), tx_hash(receipt)
    )


def vote(
    session: Session, project_id: int, index: int, approve: bool, evidence_hash: bytes | None = None
) -> VoteCast:
    """Vote on the milestone's evidence; by default on the hash currently under review."""
    current = milestone_info(session.suite, project_id, index)
    digest = current.evidence_hash if evidence_hash is None else evidence_hash
    fn = session.suite.escrow.functions.voteMilestone(project_id, index, digest, approve)
    receipt = session.send(fn)
    escrow = session.suite.escrow
    args = one_event(receipt, escrow, "MilestoneVoteCast")
    # The transition, if this vote made one, is in the same receipt.
    state = "InReview"
    if events(receipt, escrow, "MilestoneApproved"):
        state = "Approved"
    elif events(receipt, escrow, "MilestoneRejected"):
        state = "Rejected"
    return VoteCast(
        project_id,
        index,
        approve,
        int(args["approvals"]),
        int(args["rejections"]),
        state,
        tx_hash(receipt),
    )


def challenge(session: Session, project_id: int, index: int) -> Challenge:
    milestone_info(session.suite, project_id, index)
    receipt = session.send(session.suite.escrow.functions.challengeMilestone(project_id, index))
    args = one_event(receipt, session.suite.escrow, "MilestoneChallenged")
    returned = bool(events(receipt, session.suite.escrow, "MilestoneReturnedToReview"))
    return Challenge(
        project_id,
        index,
        int(args["weight"]),
        int(args["totalWeight"]),
        returned,
        tx_hash(receipt),
    )


def release(session: Session, project_id: int, index: int) -> Release:
    info = milestone_info(session.suite, project_id, index)
    if info.state != "Approved":
        raise InvalidInput(
            f"milestone {index} of project {project_id} is {info.state}; only an approved "
            "milestone whose challenge window has ended can be released"
        )
    now = int(session.w3.eth.get_block("latest")["timestamp"])
    if now < info.window_ends_at:
        raise InvalidInput(
            f"milestone {index} of project {project_id} is in its challenge window for "
            f"{info.window_ends_at - now} more seconds; release after it ends"
        )
    receipt = session.send(session.suite.escrow.functions.releaseMilestone(project_id, index))
    args = one_event(receipt, session.suite.escrow, "MilestoneReleased")
    completed = bool(events(receipt, session.suite.escrow, "ProjectCompleted"))
    return Release(
        project_id,
        index,
        args["beneficiary"],
        int(args["amount"]),
        int(args["totalReleased"]),
        completed,
        tx_hash(receipt),
    )

"""Reading projects and milestones from the escrow's one-call views."""

from __future__ import annotations

from dataclasses import dataclass

from web3.exceptions import ContractLogicError

from charitychain.contracts.suite import Suite
from charitychain.services.inputs import InvalidInput

PROJECT_STATES = ("None", "Funding", "Active", "Completed", "Cancelled", "Failed")
MILESTONE_STATES = ("Pending", "InReview", "Approved", "Released", "Rejected")


@dataclass(frozen=True)
class ProjectInfo:
    project_id: int
    org_id: int
    beneficiary: str
    token: str
    state: str
    deadline: int
    quorum: int
    challenge_window: int
    challenge_threshold_bps: int
    milestone_count: int
    released_count: int
    min_goal: int
    cap: int
    raised: int
    released: int
    refunded: int
    category: bytes
    metadata_hash: bytes

    @property
    def held(self) -> int:
        """What the escrow still holds for this project."""
        return self.raised - self.released - self.refunded


@dataclass(frozen=True)
class MilestoneInfo:
    project_id: int
    index: int
    bps: int
    due_date: int
    state: str
    round: int
    approvals: int
    rejections: int
    window_ends_at: int
    released: int
    challenge_weight: int
    evidence_hash: bytes


def project_info(suite: Suite, project_id: int) -> ProjectInfo:
    count = int(suite.escrow.functions.projectCount().call())
    if not 1 <= project_id <= count:
        raise InvalidInput(
            f"unknown project {project_id}: this deployment has projects 1 to {count}"
            if count
            else f"unknown project {project_id}: no project exists yet on this deployment"
        )
    v = suite.escrow.functions.project(project_id).call()
    return ProjectInfo(project_id, v[0], v[1], v[2], PROJECT_STATES[v[3]], *v[4:])


def milestone_info(suite: Suite, project_id: int, index: int) -> MilestoneInfo:
    info = project_info(suite, project_id)
    if not 0 <= index < info.milestone_count:
        raise InvalidInput(
            f"project {project_id} has milestones 0 to {info.milestone_count - 1}, not {index}"
        )
    try:
        v = suite.escrow.functions.milestone(project_id, index).call()
    except ContractLogicError as exc:  # pragma: no cover - guarded above
        raise InvalidInput(str(exc)) from None
    return MilestoneInfo(project_id, index, v[0], v[1], MILESTONE_STATES[v[2]], *v[3:])

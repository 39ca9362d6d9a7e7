"""Reading projects and milestones from the escrow's one-call views."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from web3 import Web3
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


@dataclass(frozen=True)
class Asset:
    """What a project raises: ETH or an ERC-20, with its display symbol and decimals."""

    address: str
    symbol: str
    decimals: int

    @property
    def is_eth(self) -> bool:
        return int(self.address, 16) == 0


@lru_cache(maxsize=256)
def asset_info(suite: Suite, token: str) -> Asset:
    """Symbol and decimals of what a project raises; asked once per token per suite, since
    list, show and trace commands ask again for every project of the same token."""
    if int(token, 16) == 0:
        return Asset(token, "ETH", 18)
    from charitychain.services.funding import ERC20_ABI

    contract = suite.w3.eth.contract(address=Web3.to_checksum_address(token), abi=ERC20_ABI)
    try:
        symbol = str(contract.functions.symbol().call())
        decimals = int(contract.functions.decimals().call())
    except (ContractLogicError, ValueError):
        symbol, decimals = token[:10], 18
    return Asset(token, symbol, decimals)


def organization_info(suite: Suite, org_id: int) -> OrganizationInfo:
    count = int(suite.registry.functions.organizationCount().call())
    if not 1 <= org_id <= count:
        raise InvalidInput(
            f"unknown organization {org_id}: this deployment has organizations 1 to {count}"
            if count
            else f"unknown organization {org_id}: none has applied yet"
        )
    admin, status, until, profile_hash, name = suite.registry.functions.organization(org_id).call()
    active = bool(suite.registry.functions.orgStanding(org_id).call()[1])
    return OrganizationInfo(org_id, name, admin, ORG_STATUSES[status], until, profile_hash, active)


@dataclass(frozen=True)
class OrganizationInfo:
    org_id: int
    name: str
    admin: str
    status: str
    approved_until: int
    profile_hash: bytes
    active: bool


ORG_STATUSES = ("None", "Pending", "Approved", "Suspended", "Rejected")


@dataclass(frozen=True)
class Position:
    project_id: int
    donor: str
    contributed: int
    refunded: int
    refundable: int


def donor_position(suite: Suite, project_id: int, donor: str) -> Position:
    project_info(suite, project_id)
    contributed, refunded, refundable = suite.escrow.functions.position(project_id, donor).call()
    return Position(project_id, donor, contributed, refunded, refundable)


def donor_positions(suite: Suite, donor: str) -> list[Position]:
    """Every project `donor` gave to (scans project ids; the indexer does this from events)."""
    count = int(suite.escrow.functions.projectCount().call())
    found = [donor_position(suite, pid, donor) for pid in range(1, count + 1)]
    return [p for p in found if p.contributed > 0]

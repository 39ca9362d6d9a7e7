"""Building traces from a deployment's event history (pure: events in, records out)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from charitychain.indexer.decode import Event
from charitychain.services.inputs import InvalidInput
from charitychain.trace.model import (
    Audit,
    Challenge,
    Donation,
    DonorProject,
    DonorTrace,
    Evidence,
    Expense,
    MilestoneTrace,
    ProjectTrace,
    Ref,
    Refund,
    Release,
    Share,
    Vote,
    refund_amount,
    release_share,
)

CANCEL_REASONS = ("by organization", "organization suspended", "milestone overdue")
_MILESTONE_STATE = {
    "EvidenceSubmitted": "InReview",
    "MilestoneApproved": "Approved",
    "MilestoneRejected": "Rejected",
    "MilestoneReturnedToReview": "InReview",
    "MilestoneReleased": "Released",
}


def _ref(event: Event) -> Ref:
    return Ref(event.block_number, event.tx_hash)


def by_project(events: Iterable[Event]) -> dict[int, list[Event]]:
    grouped: dict[int, list[Event]] = defaultdict(list)
    for event in events:
        if "projectId" in event.args:
            grouped[int(event.args["projectId"])].append(event)
    return grouped


def organization_names(events: Iterable[Event]) -> dict[int, str]:
    return {
        int(e.args["orgId"]): str(e.args["name"]) for e in events if e.name == "OrganizationApplied"
    }


def project_trace(events: Iterable[Event], project_id: int) -> ProjectTrace:
    """Everything recorded about one project, oldest first."""
    history = list(events)
    mine = by_project(history).get(project_id, [])
    created = next((e for e in mine if e.name == "ProjectCreated"), None)
    if created is None:
        raise InvalidInput(f"unknown project {project_id}: no ProjectCreated event for it")
    params: dict[str, Any] = dict(created.args["params"])
    state = "Funding"
    cancel_reason = None
    donations: list[Donation] = []
    refunds: list[Refund] = []
    audits: list[Audit] = []
    count = len(params["milestones"])
    stones: dict[str, list[list[Any]]] = {
        k: [[] for _ in range(count)] for k in ("evidence", "votes", "challenges", "expenses")
    }
    m_state = ["Pending"] * count
    releases: list[Release | None] = [None] * count
    for e in mine:
        a = e.args
        index = int(a.get("milestoneIndex", 0))
        if e.name in _MILESTONE_STATE:
            m_state[index] = _MILESTONE_STATE[e.name]
        if e.name == "DonationReceived":
            donations.append(Donation(a["donor"], int(a["amount"]), a["memo"], _ref(e)))
        elif e.name == "FundingClosed":
            state = "Active" if int(a["state"]) == 2 else "Failed"
        elif e.name == "ProjectCompleted":
            state = "Completed"
        elif e.name == "ProjectCancelled":
            state, cancel_reason = "Cancelled", CANCEL_REASONS[int(a["reason"])]
        elif e.name == "EvidenceSubmitted":
            stones["evidence"][index].append(
                Evidence(a["evidenceHash"], str(a["evidenceURI"]), int(a["round"]), _ref(e))
            )
        elif e.name == "MilestoneVoteCast":
            stones["votes"][index].append(
                Vote(a["auditor"], bool(a["approved"]), a["evidenceHash"], _ref(e))
            )
        elif e.name == "MilestoneChallenged":
            stones["challenges"][index].append(
                Challenge(a["donor"], int(a["weight"]), int(a["totalWeight"]), _ref(e))
            )
        elif e.name == "MilestoneReleased":
            releases[index] = Release(index, int(a["amount"]), a["beneficiary"], _ref(e))
        elif e.name == "ExpenseRecorded":
            stones["expenses"][index].append(
                Expense(
                    int(a["expenseId"]),
                    index,
                    a["payee"],
                    int(a["amount"]),
                    a["category"],
                    a["invoiceHash"],
                    str(a["invoiceURI"]),
                    _ref(e),
                )
            )
        elif e.name == "RefundClaimed":
            refunds.append(Refund(a["donor"], int(a["amount"]), _ref(e)))
        elif e.name == "AuditReportPublished":
            audits.append(
                Audit(
                    int(a["reportId"]),
                    a["auditor"],
                    a["reportHash"],
                    str(a["reportURI"]),
                    _ref(e),
                )
            )
    milestones = tuple(
        MilestoneTrace(
            i,
            int(m["bps"]),
            int(m["dueDate"]),
            m_state[i],
            tuple(stones["evidence"][i]),
            tuple(stones["votes"][i]),
            tuple(stones["challenges"][i]),
            releases[i],
            tuple(stones["expenses"][i]),
        )
        for i, m in enumerate(params["milestones"])
    )
    org_id = int(created.args["orgId"])
    return ProjectTrace(
        project_id=project_id,
        org_id=org_id,
        organization=organization_names(history).get(org_id, f"organization {org_id}"),
        token=params["token"],
        beneficiary=params["beneficiary"],
        state=state,
        min_goal=int(params["minGoal"]),
        cap=int(params["cap"]),
        deadline=int(params["deadline"]),
        metadata_hash=params["metadataHash"],
        metadata_uri=str(params["metadataURI"]),
        category=params["category"],
        donations=tuple(donations),
        milestones=milestones,
        refunds=tuple(refunds),
        audits=tuple(audits),
        cancel_reason=cancel_reason,
        created=_ref(created),
    )


def project_ids(events: Iterable[Event]) -> list[int]:
    return sorted(int(e.args["projectId"]) for e in events if e.name == "ProjectCreated")


def donor_trace(events: Iterable[Event], donor: str, project_id: int | None = None) -> DonorTrace:
    """Every unit `donor` gave, per project, and where each one is now."""
    history = list(events)
    given_to = sorted(
        {
            int(e.args["projectId"])
            for e in history
            if e.name == "DonationReceived" and e.args["donor"] == donor
        }
    )
    if project_id is not None:
        given_to = [p for p in given_to if p == project_id]
    projects = tuple(donor_project(project_trace(history, pid), donor) for pid in given_to)
    return DonorTrace(donor, projects)


def donor_project(project: ProjectTrace, donor: str) -> DonorProject:
    """One donor in one project: every unit given and where it is now (adds up exactly)."""
    donations = tuple(d for d in project.donations if d.donor == donor)
    given = sum(d.amount for d in donations)
    raised = project.raised
    shares = tuple(
        Share(
            m.index,
            m.released,
            release_share(given, m.released, raised),
            m.evidence[-1].evidence_hash if m.evidence else None,
            m.expenses,
            m.release.at,
        )
        for m in project.milestones
        if m.release is not None
    )
    refund = next((r for r in project.refunds if r.donor == donor), None)
    refundable = 0
    if project.refunds_open and refund is None:
        refundable = refund_amount(given, raised, project.released)
    in_escrow = 0
    if project.state in ("Funding", "Active"):
        in_escrow = refund_amount(given, raised, project.released)
    accounted = sum(s.share for s in shares) + (refund.amount if refund else 0)
    rounding = given - accounted - refundable - in_escrow
    return DonorProject(
        project.project_id,
        project.token,
        project.state,
        donations,
        shares,
        refund,
        refundable,
        in_escrow,
        rounding,
    )

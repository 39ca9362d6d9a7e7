"""Organizations and their vetting history, built from the registry's events (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from charitychain.indexer.decode import Event
from charitychain.trace.model import Ref

_STEPS = {
    "OrganizationApplied": ("applied", "Pending"),
    "OrganizationApproved": ("approved", "Approved"),
    "OrganizationRejected": ("rejected", "Rejected"),
    "OrganizationSuspended": ("suspended", "Suspended"),
    "OrganizationReinstated": ("reinstated", "Approved"),
}


@dataclass(frozen=True)
class VettingStep:
    """One change of an organization's standing, with who made it and where it is recorded."""

    kind: str  # applied, approved, rejected, suspended, reinstated
    actor: str  # the applicant's admin, or the reviewer
    approved_until: int | None  # approvals only (unix time)
    reason_hash: bytes | None  # rejections and suspensions: commits to the written reason
    at: Ref


@dataclass(frozen=True)
class OrganizationTrace:
    org_id: int
    name: str
    admin: str
    profile_hash: bytes
    profile_uri: str
    status: str  # Pending, Approved, Suspended, Rejected (as the registry stores it)
    approved_until: int
    steps: tuple[VettingStep, ...]

    def standing(self, now: int) -> str:
        """The status, with an approval past its end date shown as Expired."""
        if self.status == "Approved" and self.approved_until and self.approved_until < now:
            return "Expired"
        return self.status


def organization_traces(events: Iterable[Event]) -> dict[int, OrganizationTrace]:
    """Every organization that applied, with its vetting steps oldest first."""
    found: dict[int, OrganizationTrace] = {}
    steps: dict[int, list[VettingStep]] = {}
    for e in events:
        step = _STEPS.get(e.name)
        if step is None:
            continue
        a = e.args
        org_id = int(a["orgId"])
        kind, status = step
        at = Ref(e.block_number, e.tx_hash)
        if kind == "applied":
            found[org_id] = OrganizationTrace(
                org_id,
                str(a["name"]),
                str(a["admin"]),
                bytes(a["profileHash"]),
                str(a["profileURI"]),
                status,
                0,
                (),
            )
            steps[org_id] = [VettingStep(kind, str(a["admin"]), None, None, at)]
            continue
        org = found.get(org_id)
        if org is None:  # pragma: no cover - the registry emits Applied first
            continue
        until = int(a["approvedUntil"]) if kind == "approved" else None
        reason = bytes(a["reasonHash"]) if "reasonHash" in a else None
        steps[org_id].append(VettingStep(kind, str(a["reviewer"]), until, reason, at))
        found[org_id] = OrganizationTrace(
            org.org_id,
            org.name,
            org.admin,
            org.profile_hash,
            org.profile_uri,
            status,
            until if until is not None else org.approved_until,
            (),
        )
    return {
        org_id: OrganizationTrace(
            o.org_id,
            o.name,
            o.admin,
            o.profile_hash,
            o.profile_uri,
            o.status,
            o.approved_until,
            tuple(steps[org_id]),
        )
        for org_id, o in sorted(found.items())
    }

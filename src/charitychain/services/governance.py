"""Roles, organization vetting, the token allow-list and pausing."""

from __future__ import annotations

from dataclasses import dataclass

from charitychain.services.inputs import InvalidInput
from charitychain.services.receipts import one_event, tx_hash
from charitychain.services.session import Session

ROLES = ("reviewer", "auditor")


@dataclass(frozen=True)
class OrganizationApplied:
    org_id: int
    admin: str
    tx: str


@dataclass(frozen=True)
class Receipt:
    """A state change whose only result is that it happened."""

    action: str
    tx: str


def _role_id(session: Session, role: str) -> bytes:
    registry = session.suite.registry
    if role == "reviewer":
        return bytes(registry.functions.REVIEWER_ROLE().call())
    if role == "auditor":
        return bytes(registry.functions.AUDITOR_ROLE().call())
    raise InvalidInput(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")


def grant_role(session: Session, role: str, account: str) -> Receipt:
    fn = session.suite.registry.functions.grantRole(_role_id(session, role), account)
    return Receipt(f"grant {role} to {account}", tx_hash(session.send(fn)))


def revoke_role(session: Session, role: str, account: str) -> Receipt:
    fn = session.suite.registry.functions.revokeRole(_role_id(session, role), account)
    return Receipt(f"revoke {role} from {account}", tx_hash(session.send(fn)))


def apply_organization(
    session: Session, name: str, profile_hash: bytes, profile_uri: str
) -> OrganizationApplied:
    fn = session.suite.registry.functions.applyOrganization(name, profile_hash, profile_uri)
    receipt = session.send(fn)
    args = one_event(receipt, session.suite.registry, "OrganizationApplied")
    return OrganizationApplied(int(args["orgId"]), args["admin"], tx_hash(receipt))


def approve_organization(session: Session, org_id: int, approved_until: int) -> Receipt:
    fn = session.suite.registry.functions.approveOrganization(org_id, approved_until)
    return Receipt(f"approve organization {org_id}", tx_hash(session.send(fn)))


def reject_organization(session: Session, org_id: int, reason_hash: bytes) -> Receipt:
    fn = session.suite.registry.functions.rejectOrganization(org_id, reason_hash)
    return Receipt(f"reject organization {org_id}", tx_hash(session.send(fn)))


def suspend_organization(session: Session, org_id: int, reason_hash: bytes) -> Receipt:
    fn = session.suite.registry.functions.suspendOrganization(org_id, reason_hash)
    return Receipt(f"suspend organization {org_id}", tx_hash(session.send(fn)))


def reinstate_organization(session: Session, org_id: int) -> Receipt:
    fn = session.suite.registry.functions.reinstateOrganization(org_id)
    return Receipt(f"reinstate organization {org_id}", tx_hash(session.send(fn)))


def allow_token(session: Session, token: str, allowed: bool = True) -> Receipt:
    fn = session.suite.registry.functions.setTokenAllowed(token, allowed)
    verb = "allow" if allowed else "disallow"
    return Receipt(f"{verb} token {token}", tx_hash(session.send(fn)))


def pause(session: Session) -> Receipt:
    return Receipt("pause", tx_hash(session.send(session.suite.escrow.functions.pause())))


def unpause(session: Session) -> Receipt:
    return Receipt("unpause", tx_hash(session.send(session.suite.escrow.functions.unpause())))

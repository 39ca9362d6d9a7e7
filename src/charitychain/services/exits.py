"""Cancelling projects and pulling refunds."""

from __future__ import annotations

from dataclasses import dataclass

from charitychain.services.inputs import InvalidInput
from charitychain.services.receipts import one_event, tx_hash
from charitychain.services.session import Session
from charitychain.services.views import project_info

CANCEL_REASONS = ("by organization", "organization suspended", "milestone overdue")


@dataclass(frozen=True)
class Cancellation:
    project_id: int
    reason: str
    released: int
    tx: str


@dataclass(frozen=True)
class Refund:
    project_id: int
    donor: str
    amount: int
    tx: str


def cancel_project(session: Session, project_id: int) -> Cancellation:
    project_info(session.suite, project_id)
    receipt = session.send(session.suite.escrow.functions.cancelProject(project_id))
    args = one_event(receipt, session.suite.escrow, "ProjectCancelled")
    return Cancellation(
        project_id, CANCEL_REASONS[int(args["reason"])], int(args["released"]), tx_hash(receipt)
    )


def claim_refund(session: Session, project_id: int) -> Refund:
    info = project_info(session.suite, project_id)
    if info.state not in ("Failed", "Cancelled"):
        raise InvalidInput(
            f"project {project_id} is {info.state}; refunds open only when it has Failed or "
            "been Cancelled"
        )
    donor = session.signer.address
    refundable = int(session.suite.escrow.functions.refundableAmount(project_id, donor).call())
    if refundable == 0:
        raise InvalidInput(f"{donor} has nothing to refund from project {project_id}")
    receipt = session.send(session.suite.escrow.functions.claimRefund(project_id))
    args = one_event(receipt, session.suite.escrow, "RefundClaimed")
    return Refund(project_id, args["donor"], int(args["amount"]), tx_hash(receipt))

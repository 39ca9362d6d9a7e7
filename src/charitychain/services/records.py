"""Expenses against releases and audit reports."""

from __future__ import annotations

from dataclasses import dataclass

from charitychain.services.receipts import one_event, tx_hash
from charitychain.services.session import Session


@dataclass(frozen=True)
class ExpenseRecorded:
    project_id: int
    index: int
    expense_id: int
    amount: int
    spent: int
    tx: str


@dataclass(frozen=True)
class AuditPublished:
    project_id: int
    report_id: int
    report_hash: bytes
    tx: str


def record_expense(
    session: Session,
    project_id: int,
    index: int,
    payee: str,
    amount: int,
    category: bytes,
    invoice_hash: bytes,
    invoice_uri: str,
) -> ExpenseRecorded:
    fn = session.suite.ledger.functions.recordExpense(
        project_id, index, payee, amount, category.ljust(32, b"\0")[:32], invoice_hash, invoice_uri
    )
    receipt = session.send(fn)
    args = one_event(receipt, session.suite.ledger, "ExpenseRecorded")
    return ExpenseRecorded(
        project_id,
        index,
        int(args["expenseId"]),
        int(args["amount"]),
        int(args["spent"]),
        tx_hash(receipt),
    )


def publish_audit(
    session: Session, project_id: int, report_hash: bytes, report_uri: str
) -> AuditPublished:
    fn = session.suite.ledger.functions.publishAuditReport(project_id, report_hash, report_uri)
    receipt = session.send(fn)
    args = one_event(receipt, session.suite.ledger, "AuditReportPublished")
    return AuditPublished(project_id, int(args["reportId"]), args["reportHash"], tx_hash(receipt))

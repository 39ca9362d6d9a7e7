"""ProjectLedger: expenses bounded by releases, audit reports by unconflicted auditors."""

from __future__ import annotations

from typing import Any

from story import ONE, System, h
from web3.types import TxReceipt

ZERO = "0x" + "00" * 20
SUPPLIES = h("category:supplies")
NINE = 9 * ONE  # milestone 0's release of a 30 ETH project (30 %)


def _expense_call(
    system: System,
    pid: int,
    index: int = 0,
    amount: int = ONE,
    *,
    payee: str | None = None,
    invoice: bytes | None = None,
) -> Any:
    return system.ledger.functions.recordExpense(
        pid,
        index,
        system.outsider if payee is None else payee,
        amount,
        SUPPLIES,
        h("invoice") if invoice is None else invoice,
        "ipfs://invoice",
    )


def _record(system: System, pid: int, index: int = 0, amount: int = ONE) -> TxReceipt:
    return system.send(_expense_call(system, pid, index, amount), system.org_admin)


def _report(system: System, pid: int, auditor: str, digest: bytes, uri: str = "") -> TxReceipt:
    return system.send(system.ledger.functions.publishAuditReport(pid, digest, uri), auditor)


def _released_project(system: System) -> int:
    pid = system.funded(amounts=(20 * ONE, 10 * ONE))
    system.release(pid, 0)
    return pid


def _grant_auditor(system: System, account: str) -> None:
    role = system.registry.functions.AUDITOR_ROLE().call()
    system.send(system.registry.functions.grantRole(role, account), system.admin)


def _spent(system: System, pid: int, index: int) -> int:
    return int(system.ledger.functions.spent(pid, index).call())


# ------------------------------------------------------------------ expenses


def test_org_admin_records_an_expense_against_a_release(system: System) -> None:
    pid = _released_project(system)
    payee = system.donors[2]
    call = system.ledger.functions.recordExpense(
        pid, 0, payee, 2 * ONE, SUPPLIES, h("invoice 17"), "ipfs://invoice-17"
    )
    assert call.call({"from": system.org_admin}) == 0
    receipt = system.send(call, system.org_admin)
    assert system.event(receipt, system.ledger, "ExpenseRecorded") == {
        "projectId": pid,
        "milestoneIndex": 0,
        "recorder": system.org_admin,
        "expenseId": 0,
        "payee": payee,
        "amount": 2 * ONE,
        "category": SUPPLIES,
        "invoiceHash": h("invoice 17"),
        "invoiceURI": "ipfs://invoice-17",
        "spent": 2 * ONE,
    }
    assert _spent(system, pid, 0) == 2 * ONE
    assert system.ledger.functions.expenseCount(pid).call() == 1
    assert system.ledger.functions.expense(pid, 0).call() == (
        0,
        payee,
        2 * ONE,
        SUPPLIES,
        h("invoice 17"),
    )


def test_expenses_may_sum_to_exactly_the_release(system: System) -> None:
    pid = _released_project(system)
    _record(system, pid, 0, 4 * ONE)
    receipt = _record(system, pid, 0, 5 * ONE)
    args = system.event(receipt, system.ledger, "ExpenseRecorded")
    assert (args["expenseId"], args["spent"]) == (1, NINE)
    assert _spent(system, pid, 0) == NINE
    assert system.ledger.functions.expenseCount(pid).call() == 2


def test_one_wei_past_the_release_reverts_with_the_running_totals(system: System) -> None:
    pid = _released_project(system)
    _record(system, pid, 0, 4 * ONE)
    _record(system, pid, 0, 5 * ONE)
    with system.reverts("LedgerExpenseExceedsRelease", pid, 0, NINE, NINE, 1):
        _record(system, pid, 0, 1)
    assert _spent(system, pid, 0) == NINE


def test_a_single_expense_larger_than_the_release_reverts(system: System) -> None:
    pid = _released_project(system)
    with system.reverts("LedgerExpenseExceedsRelease", pid, 0, NINE, 0, NINE + 1):
        _record(system, pid, 0, NINE + 1)


def test_spent_is_tracked_per_milestone_and_ids_per_project(system: System) -> None:
    pid = _released_project(system)
    system.release(pid, 2)  # 40 % of 30 ETH = 12 ETH
    _record(system, pid, 0, NINE)
    receipt = _record(system, pid, 2, 12 * ONE)
    args = system.event(receipt, system.ledger, "ExpenseRecorded")
    assert (args["expenseId"], args["milestoneIndex"], args["spent"]) == (1, 2, 12 * ONE)
    assert (_spent(system, pid, 0), _spent(system, pid, 1), _spent(system, pid, 2)) == (
        NINE,
        0,
        12 * ONE,
    )
    other = _released_project(system)
    assert system.event(_record(system, other), system.ledger, "ExpenseRecorded")["expenseId"] == 0


def test_outsider_cannot_record_an_expense(system: System) -> None:
    pid = _released_project(system)
    with system.reverts("LedgerNotOrganizationAdmin", pid, system.outsider):
        system.send(_expense_call(system, pid), system.outsider)


def test_beneficiary_cannot_record_an_expense(system: System) -> None:
    pid = _released_project(system)
    with system.reverts("LedgerNotOrganizationAdmin", pid, system.beneficiary):
        system.send(_expense_call(system, pid), system.beneficiary)


def test_expense_against_an_approved_but_unreleased_milestone_reverts(system: System) -> None:
    pid = _released_project(system)
    system.approve(pid, 1)
    with system.reverts("LedgerMilestoneNotReleased", pid, 1):
        _record(system, pid, 1)


def test_expense_before_any_release_reverts(system: System) -> None:
    pid = system.funded()
    with system.reverts("LedgerMilestoneNotReleased", pid, 0):
        _record(system, pid, 0)


def test_zero_amount_expense_reverts(system: System) -> None:
    pid = _released_project(system)
    with system.reverts("LedgerZeroAmount"):
        _record(system, pid, 0, 0)


def test_expense_without_a_payee_reverts(system: System) -> None:
    pid = _released_project(system)
    with system.reverts("LedgerInvalidPayee"):
        system.send(_expense_call(system, pid, payee=ZERO), system.org_admin)


def test_expense_with_an_empty_invoice_hash_reverts(system: System) -> None:
    pid = _released_project(system)
    with system.reverts("LedgerEmptyHash"):
        system.send(_expense_call(system, pid, invoice=b"\0" * 32), system.org_admin)


def test_expense_for_an_unknown_project_bubbles_the_escrow_error(system: System) -> None:
    with system.reverts("EscrowUnknownProject", 404):
        _record(system, 404)


def test_expense_for_an_unknown_milestone_bubbles_the_escrow_error(system: System) -> None:
    pid = _released_project(system)
    with system.reverts("EscrowUnknownMilestone", pid, 3):
        _record(system, pid, 3)


def test_reading_an_unrecorded_expense_reverts(system: System) -> None:
    pid = _released_project(system)
    _record(system, pid)
    with system.reverts("LedgerUnknownEntry", pid, 1):
        system.ledger.functions.expense(pid, 1).call()


# ------------------------------------------------------------------ audit reports


def test_auditor_publishes_an_audit_report(system: System) -> None:
    pid = _released_project(system)
    auditor = system.auditors[1]
    call = system.ledger.functions.publishAuditReport(pid, h("report q1"), "ipfs://report-q1")
    assert call.call({"from": auditor}) == 0
    receipt = system.send(call, auditor)
    assert system.event(receipt, system.ledger, "AuditReportPublished") == {
        "projectId": pid,
        "auditor": auditor,
        "reportId": 0,
        "reportHash": h("report q1"),
        "reportURI": "ipfs://report-q1",
    }
    assert system.ledger.functions.auditReportCount(pid).call() == 1
    report = system.ledger.functions.auditReport(pid, 0).call()
    assert tuple(report) == (h("report q1"), auditor)


def test_reports_accumulate_per_project_with_their_authors(system: System) -> None:
    pid = system.funded()
    _report(system, pid, system.auditors[0], h("first"))
    receipt = _report(system, pid, system.auditors[2], h("second"))
    assert system.event(receipt, system.ledger, "AuditReportPublished")["reportId"] == 1
    assert system.ledger.functions.auditReportCount(pid).call() == 2
    report = system.ledger.functions.auditReport(pid, 1).call()
    assert tuple(report) == (h("second"), system.auditors[2])
    assert system.ledger.functions.auditReportCount(system.create_project()).call() == 0


def test_non_auditor_cannot_publish_a_report(system: System) -> None:
    pid = system.funded()
    with system.reverts("LedgerNotAuditor", system.org_admin):
        _report(system, pid, system.org_admin, h("self audit"))


def test_auditor_who_is_the_org_admin_is_conflicted(system: System) -> None:
    pid = system.funded()
    _grant_auditor(system, system.org_admin)
    with system.reverts("LedgerAuditorConflict", pid, system.org_admin):
        _report(system, pid, system.org_admin, h("self audit"))


def test_auditor_who_is_the_beneficiary_is_conflicted(system: System) -> None:
    pid = system.funded(beneficiary=system.auditors[0])
    with system.reverts("LedgerAuditorConflict", pid, system.auditors[0]):
        _report(system, pid, system.auditors[0], h("self audit"))


def test_report_with_an_empty_hash_reverts(system: System) -> None:
    pid = system.funded()
    with system.reverts("LedgerEmptyHash"):
        _report(system, pid, system.auditors[0], b"\0" * 32)


def test_report_for_an_unknown_project_bubbles_the_escrow_error(system: System) -> None:
    with system.reverts("EscrowUnknownProject", 404):
        _report(system, 404, system.auditors[0], h("report"))


def test_reading_an_unpublished_report_reverts(system: System) -> None:
    pid = system.funded()
    with system.reverts("LedgerUnknownEntry", pid, 0):
        system.ledger.functions.auditReport(pid, 0).call()

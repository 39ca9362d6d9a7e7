"""Expenses against released milestones and audit reports."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from eth_utils.crypto import keccak

from charitychain.contracts.suite import Suite
from charitychain.services import milestones, records
from charitychain.services.records import AuditPublished, ExpenseRecorded
from charitychain.services.session import Session
from charitychain.services.transact import ContractRevert, Signer
from services.world import DAY, ETHER, Cast

INVOICE = keccak(text="invoice 0001")
REPORT = keccak(text="audit 2027")


@pytest.fixture
def released(
    cast: Cast, as_: Callable[[Signer], Session], active_project: int, travel: Callable[[int], int]
) -> int:
    """Milestone 0 of the active project released: 1.8 ETH (30 % of 6)."""
    milestones.submit_evidence(as_(cast.org_admin), active_project, 0, keccak(text="e"), "")
    for auditor in cast.auditors[:2]:
        milestones.vote(as_(auditor), active_project, 0, approve=True)
    travel(2 * DAY)
    milestones.release(as_(cast.donors[0]), active_project, 0)
    return active_project


def test_record_expense_returns_the_id_and_running_total_from_the_event(
    suite: Suite, cast: Cast, as_: Callable[[Signer], Session], released: int
) -> None:
    payee = cast.beneficiary.address

    first = records.record_expense(
        as_(cast.org_admin), released, 0, payee, ETHER, b"survey", INVOICE, "ipfs://inv/1"
    )
    second = records.record_expense(
        as_(cast.org_admin), released, 0, payee, ETHER // 2, b"survey", INVOICE, "ipfs://inv/2"
    )

    assert isinstance(first, ExpenseRecorded)
    assert (first.project_id, first.index, first.expense_id, first.amount, first.spent) == (
        released,
        0,
        0,
        ETHER,
        ETHER,
    )
    assert (second.expense_id, second.spent) == (1, 3 * ETHER // 2)
    assert suite.ledger.functions.spent(released, 0).call() == 3 * ETHER // 2


def test_an_expense_beyond_the_release_is_decoded_with_the_figures(
    cast: Cast, as_: Callable[[Signer], Session], released: int
) -> None:
    release = 6 * ETHER * 3 // 10

    with pytest.raises(ContractRevert) as caught:
        records.record_expense(
            as_(cast.org_admin), released, 0, cast.beneficiary.address, 2 * ETHER, b"", INVOICE, ""
        )

    assert caught.value.decoded is not None
    assert caught.value.decoded.name == "LedgerExpenseExceedsRelease"
    assert caught.value.decoded.args == (released, 0, release, 0, 2 * ETHER)


def test_an_expense_against_an_unreleased_milestone_is_decoded(
    cast: Cast, as_: Callable[[Signer], Session], released: int
) -> None:
    with pytest.raises(ContractRevert) as caught:
        records.record_expense(
            as_(cast.org_admin), released, 1, cast.beneficiary.address, ETHER, b"", INVOICE, ""
        )

    assert caught.value.decoded is not None
    assert caught.value.decoded.name == "LedgerMilestoneNotReleased"
    assert caught.value.decoded.args == (released, 1)


def test_publish_audit_returns_the_report_id_and_hash(
    cast: Cast, as_: Callable[[Signer], Session], released: int
) -> None:
    result = records.publish_audit(as_(cast.auditors[2]), released, REPORT, "ipfs://audit")

    assert isinstance(result, AuditPublished)
    assert (result.project_id, result.report_id, result.report_hash) == (released, 0, REPORT)


def test_publishing_an_audit_as_a_non_auditor_is_decoded(
    cast: Cast, as_: Callable[[Signer], Session], released: int
) -> None:
    with pytest.raises(ContractRevert) as caught:
        records.publish_audit(as_(cast.donors[0]), released, REPORT, "")

    assert caught.value.decoded is not None
    assert caught.value.decoded.name == "LedgerNotAuditor"
    assert caught.value.decoded.args == (cast.donors[0].address,)

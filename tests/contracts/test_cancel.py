"""cancelProject: by the organization, by a reviewer on suspension, by anyone when overdue."""

from __future__ import annotations

from typing import Any

from story import CANCELLED, COMPLETED, FAILED, GRACE, ONE, System, h
from web3.types import TxReceipt

BY_ORGANIZATION, ORGANIZATION_SUSPENDED, MILESTONE_OVERDUE = 0, 1, 2


def _cancel(system: System, pid: int, caller: str) -> TxReceipt:
    return system.send(system.escrow.functions.cancelProject(pid), caller)


def _suspend(system: System) -> None:
    system.send(
        system.registry.functions.suspendOrganization(system.org_id, h("misconduct")),
        system.reviewer,
    )


def _mine_at(system: System, timestamp: int) -> None:
    system.w3.provider.make_request("evm_setNextBlockTimestamp", [timestamp])  # type: ignore[arg-type]
    system.w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]


def _send_at(system: System, fn_call: Any, sender: str, timestamp: int) -> TxReceipt:
    """Mine `fn_call` in a block at exactly `timestamp` (explicit gas: no estimate at latest)."""
    system.w3.provider.make_request("evm_setNextBlockTimestamp", [timestamp])  # type: ignore[arg-type]
    tx_hash = fn_call.transact({"from": sender, "gas": 1_000_000})
    receipt = system.w3.eth.wait_for_transaction_receipt(tx_hash)
    assert receipt["status"] == 1, f"{fn_call.fn_name} reverted at {timestamp}"
    assert system.w3.eth.get_block(receipt["blockNumber"])["timestamp"] == timestamp
    return receipt


def test_organization_cancels_its_project_while_funding(system: System) -> None:
    pid = system.create_project()
    system.donate(pid, system.donors[0], ONE)
    receipt = _cancel(system, pid, system.org_admin)
    assert system.event(receipt, system.escrow, "ProjectCancelled") == {
        "projectId": pid,
        "caller": system.org_admin,
        "reason": BY_ORGANIZATION,
        "released": 0,
    }
    assert system.project(pid)["state"] == CANCELLED


def test_organization_cancels_its_active_project_after_a_release(system: System) -> None:
    pid = system.funded(amounts=(20 * ONE, 10 * ONE))
    system.release(pid, 0)
    receipt = _cancel(system, pid, system.org_admin)
    assert system.event(receipt, system.escrow, "ProjectCancelled") == {
        "projectId": pid,
        "caller": system.org_admin,
        "reason": BY_ORGANIZATION,
        "released": 9 * ONE,
    }
    p = system.project(pid)
    assert (p["state"], p["released"], p["raised"]) == (CANCELLED, 9 * ONE, 30 * ONE)


def test_reviewer_cancels_a_suspended_organizations_project(system: System) -> None:
    pid = system.funded()
    _suspend(system)
    receipt = _cancel(system, pid, system.reviewer)
    assert system.event(receipt, system.escrow, "ProjectCancelled") == {
        "projectId": pid,
        "caller": system.reviewer,
        "reason": ORGANIZATION_SUSPENDED,
        "released": 0,
    }
    assert system.project(pid)["state"] == CANCELLED


def test_suspended_organization_may_still_cancel_its_own_project(system: System) -> None:
    pid = system.funded()
    _suspend(system)
    receipt = _cancel(system, pid, system.org_admin)
    assert system.event(receipt, system.escrow, "ProjectCancelled")["reason"] == BY_ORGANIZATION


def test_reviewer_cannot_cancel_while_the_organization_is_in_good_standing(
    system: System,
) -> None:
    pid = system.funded()
    with system.reverts("EscrowNotCancellable", pid, system.reviewer):
        _cancel(system, pid, system.reviewer)


def test_outsider_cannot_cancel_a_suspended_organizations_project(system: System) -> None:
    pid = system.funded()
    _suspend(system)
    with system.reverts("EscrowNotCancellable", pid, system.outsider):
        _cancel(system, pid, system.outsider)


def test_donor_cannot_cancel_a_project_on_schedule(system: System) -> None:
    pid = system.funded()
    with system.reverts("EscrowNotCancellable", pid, system.donors[0]):
        _cancel(system, pid, system.donors[0])


def test_anyone_cancels_once_a_milestone_is_overdue_past_the_grace_period(
    system: System,
) -> None:
    pid = system.funded()
    limit = system.milestone(pid, 0)["dueDate"] + GRACE
    receipt = _send_at(
        system, system.escrow.functions.cancelProject(pid), system.outsider, limit + 1
    )
    assert system.event(receipt, system.escrow, "ProjectCancelled") == {
        "projectId": pid,
        "caller": system.outsider,
        "reason": MILESTONE_OVERDUE,
        "released": 0,
    }
    assert system.project(pid)["state"] == CANCELLED


def test_overdue_cancel_is_refused_at_the_last_second_of_grace(system: System) -> None:
    pid = system.funded()
    limit = system.milestone(pid, 0)["dueDate"] + GRACE
    _mine_at(system, limit)
    with system.reverts("EscrowNotCancellable", pid, system.outsider):
        _cancel(system, pid, system.outsider)


def test_overdue_milestone_also_lets_anyone_cancel_a_project_never_closed(
    system: System,
) -> None:
    pid = system.create_project()
    system.donate(pid, system.donors[0], ONE)
    system.travel_to(system.milestone(pid, 0)["dueDate"] + GRACE + 1)
    receipt = _cancel(system, pid, system.donors[0])
    assert system.event(receipt, system.escrow, "ProjectCancelled")["reason"] == MILESTONE_OVERDUE


def test_released_milestone_past_its_due_date_is_not_overdue(system: System) -> None:
    pid = system.funded()
    system.release(pid, 0)
    # Past milestone 0's grace, before milestone 1's due date.
    system.travel_to(system.milestone(pid, 0)["dueDate"] + GRACE + 1)
    assert system.now() < system.milestone(pid, 1)["dueDate"]
    with system.reverts("EscrowNotCancellable", pid, system.outsider):
        _cancel(system, pid, system.outsider)


def test_approved_but_unreleased_milestone_can_be_overdue(system: System) -> None:
    pid = system.funded()
    system.approve(pid, 0)
    system.travel_to(system.milestone(pid, 0)["dueDate"] + GRACE + 1)
    receipt = _cancel(system, pid, system.outsider)
    assert system.event(receipt, system.escrow, "ProjectCancelled")["reason"] == MILESTONE_OVERDUE


def test_cancel_works_while_paused(system: System) -> None:
    pid = system.funded()
    system.send(system.escrow.functions.pause(), system.admin)
    _cancel(system, pid, system.org_admin)
    assert system.project(pid)["state"] == CANCELLED


def test_cancel_of_a_completed_project_reverts(system: System) -> None:
    pid = system.funded()
    for index in range(3):
        system.release(pid, index)
    assert system.project(pid)["state"] == COMPLETED
    with system.reverts("EscrowInvalidProjectState", pid, COMPLETED):
        _cancel(system, pid, system.org_admin)


def test_cancel_of_a_failed_project_reverts(system: System) -> None:
    pid = system.create_project(min_goal=10 * ONE)
    system.donate(pid, system.donors[0], ONE)
    system.close(pid)
    with system.reverts("EscrowInvalidProjectState", pid, FAILED):
        _cancel(system, pid, system.org_admin)


def test_second_cancel_reverts(system: System) -> None:
    pid = system.funded()
    _cancel(system, pid, system.org_admin)
    with system.reverts("EscrowInvalidProjectState", pid, CANCELLED):
        _cancel(system, pid, system.org_admin)


def test_cancel_of_an_unknown_project_reverts(system: System) -> None:
    with system.reverts("EscrowUnknownProject", 99):
        _cancel(system, 99, system.org_admin)

"""closeFunding: Active or Failed at the deadline, early close at the cap, and every revert."""

from __future__ import annotations

import pytest
from story import ACTIVE, CANCELLED, DAY, FAILED, ONE, System


def close_now(system: System, pid: int, caller: str | None = None) -> dict[str, object]:
    receipt = system.send(system.escrow.functions.closeFunding(pid), caller or system.outsider)
    return system.event(receipt, system.escrow, "FundingClosed")


def test_close_at_deadline_with_goal_met_activates_and_emits_every_field(system: System) -> None:
    pid = system.create_project(min_goal=10 * ONE)
    system.donate(pid, system.donors[0], 7 * ONE)
    system.donate(pid, system.donors[1], 5 * ONE)
    receipt = system.close(pid)
    assert system.event(receipt, system.escrow, "FundingClosed") == {
        "projectId": pid,
        "caller": system.outsider,
        "state": ACTIVE,
        "raised": 12 * ONE,
    }
    assert system.project(pid)["state"] == ACTIVE
    assert system.project(pid)["raised"] == 12 * ONE


def test_raising_exactly_the_minimum_goal_is_enough(system: System) -> None:
    pid = system.create_project(min_goal=10 * ONE)
    system.donate(pid, system.donors[0], 10 * ONE)
    system.close(pid)
    assert system.project(pid)["state"] == ACTIVE


def test_close_below_the_minimum_goal_fails_the_project(system: System) -> None:
    pid = system.create_project(min_goal=10 * ONE)
    system.donate(pid, system.donors[0], 10 * ONE - 1)
    receipt = system.close(pid)
    assert system.event(receipt, system.escrow, "FundingClosed") == {
        "projectId": pid,
        "caller": system.outsider,
        "state": FAILED,
        "raised": 10 * ONE - 1,
    }
    assert system.project(pid)["state"] == FAILED
    assert system.escrow.functions.refundableAmount(pid, system.donors[0]).call() == 10 * ONE - 1


def test_close_with_nothing_raised_fails_the_project(system: System) -> None:
    pid = system.create_project()
    receipt = system.close(pid)
    args = system.event(receipt, system.escrow, "FundingClosed")
    assert (args["state"], args["raised"]) == (FAILED, 0)


def test_anyone_may_close_and_is_named_as_caller(system: System) -> None:
    pid = system.create_project()
    system.donate(pid, system.donors[0], 10 * ONE)
    system.travel_to(system.project(pid)["deadline"])
    assert close_now(system, pid, system.donors[2])["caller"] == system.donors[2]


def test_reaching_the_cap_allows_closing_before_the_deadline(system: System) -> None:
    pid = system.create_project(min_goal=ONE, cap=10 * ONE)
    system.donate(pid, system.donors[0], 4 * ONE)
    system.donate(pid, system.donors[1], 6 * ONE)
    deadline = system.project(pid)["deadline"]
    assert close_now(system, pid) == {
        "projectId": pid,
        "caller": system.outsider,
        "state": ACTIVE,
        "raised": 10 * ONE,
    }
    assert system.now() < deadline
    assert system.project(pid)["state"] == ACTIVE


def test_close_before_deadline_and_below_cap_reverts(system: System) -> None:
    pid = system.create_project(min_goal=ONE, cap=10 * ONE)
    system.donate(pid, system.donors[0], 9 * ONE)
    deadline = system.project(pid)["deadline"]
    with system.reverts("EscrowFundingStillOpen", pid, deadline, 9 * ONE, 10 * ONE):
        close_now(system, pid)


def test_close_one_second_before_deadline_reverts(system: System) -> None:
    pid = system.create_project(duration=3 * DAY)
    deadline = system.project(pid)["deadline"]
    system.travel_to(deadline - 1)
    with system.reverts("EscrowFundingStillOpen", pid, deadline, 0, 100 * ONE):
        close_now(system, pid)


def test_second_close_of_an_active_project_reverts(system: System) -> None:
    pid = system.funded()
    with system.reverts("EscrowInvalidProjectState", pid, ACTIVE):
        close_now(system, pid)


def test_second_close_of_a_failed_project_reverts(system: System) -> None:
    pid = system.create_project()
    system.close(pid)
    with system.reverts("EscrowInvalidProjectState", pid, FAILED):
        close_now(system, pid)


def test_close_of_a_cancelled_project_reverts(system: System) -> None:
    pid = system.create_project()
    system.send(system.escrow.functions.cancelProject(pid), system.org_admin)
    system.travel_to(system.project(pid)["deadline"])
    with system.reverts("EscrowInvalidProjectState", pid, CANCELLED):
        close_now(system, pid)


@pytest.mark.parametrize("pid", [0, 1, 42])
def test_close_of_an_unknown_project_reverts(system: System, pid: int) -> None:
    with system.reverts("EscrowUnknownProject", pid):
        close_now(system, pid)

"""pause/unpause: registry-admin only; stops donations and releases, never the exits or reviews."""

from __future__ import annotations

import pytest
from story import (
    ACTIVE,
    CANCELLED,
    FAILED,
    FUNDING,
    M_APPROVED,
    M_IN_REVIEW,
    M_RELEASED,
    ONE,
    System,
)
from web3.contract import Contract


def pause(system: System) -> None:
    system.send(system.escrow.functions.pause(), system.admin)


def paused(system: System) -> bool:
    return bool(system.escrow.functions.paused().call())


# ------------------------------------------------------------------ the switch


def test_admin_pauses_with_event(system: System) -> None:
    assert paused(system) is False
    receipt = system.send(system.escrow.functions.pause(), system.admin)
    assert system.event(receipt, system.escrow, "Paused") == {"account": system.admin}
    assert paused(system) is True


def test_admin_unpauses_with_event(system: System) -> None:
    pause(system)
    receipt = system.send(system.escrow.functions.unpause(), system.admin)
    assert system.event(receipt, system.escrow, "Unpaused") == {"account": system.admin}
    assert paused(system) is False


@pytest.mark.parametrize("who", ["reviewer", "org_admin", "outsider"])
def test_pause_by_a_non_admin_reverts(system: System, who: str) -> None:
    account = getattr(system, who)
    with system.reverts("EscrowNotAdmin", account):
        system.send(system.escrow.functions.pause(), account)
    assert paused(system) is False


def test_pause_by_an_auditor_reverts(system: System) -> None:
    with system.reverts("EscrowNotAdmin", system.auditors[0]):
        system.send(system.escrow.functions.pause(), system.auditors[0])


@pytest.mark.parametrize("who", ["reviewer", "outsider"])
def test_unpause_by_a_non_admin_reverts(system: System, who: str) -> None:
    pause(system)
    account = getattr(system, who)
    with system.reverts("EscrowNotAdmin", account):
        system.send(system.escrow.functions.unpause(), account)
    assert paused(system) is True


def test_pause_when_already_paused_reverts(system: System) -> None:
    pause(system)
    with system.reverts("EnforcedPause"):
        pause(system)


def test_unpause_when_not_paused_reverts(system: System) -> None:
    with system.reverts("ExpectedPause"):
        system.send(system.escrow.functions.unpause(), system.admin)


# ------------------------------------------------------------------ what pausing stops


def test_eth_donation_is_refused_while_paused(system: System) -> None:
    pid = system.create_project()
    pause(system)
    with system.reverts("EnforcedPause"):
        system.donate(pid, system.donors[0], ONE)
    assert system.project(pid)["raised"] == 0


def test_token_donation_is_refused_while_paused(system: System, token: Contract) -> None:
    pid = system.create_project(token=token.address)
    donor = system.donors[0]
    system.send(token.functions.mint(donor, ONE), donor)
    system.send(token.functions.approve(system.escrow.address, ONE), donor)
    pause(system)
    with system.reverts("EnforcedPause"):
        system.send(system.escrow.functions.donateToken(pid, ONE, b"\0" * 32), donor)
    assert token.functions.balanceOf(donor).call() == ONE


def test_release_is_refused_while_paused_and_allowed_after(system: System) -> None:
    pid = system.funded()
    system.approve(pid, 0)
    system.travel_to(system.milestone(pid, 0)["windowEndsAt"])
    pause(system)
    with system.reverts("EnforcedPause"):
        system.send(system.escrow.functions.releaseMilestone(pid, 0), system.outsider)
    assert system.milestone(pid, 0)["state"] == M_APPROVED
    system.send(system.escrow.functions.unpause(), system.admin)
    system.send(system.escrow.functions.releaseMilestone(pid, 0), system.outsider)
    assert system.milestone(pid, 0)["state"] == M_RELEASED


# ------------------------------------------------------------------ what pausing never stops


def test_organization_can_cancel_while_paused(system: System) -> None:
    pid = system.funded()
    pause(system)
    receipt = system.send(system.escrow.functions.cancelProject(pid), system.org_admin)
    assert system.event(receipt, system.escrow, "ProjectCancelled")["caller"] == system.org_admin
    assert system.project(pid)["state"] == CANCELLED


def test_refund_can_be_claimed_while_paused(system: System) -> None:
    pid = system.funded()
    system.send(system.escrow.functions.cancelProject(pid), system.org_admin)
    pause(system)
    donor = system.donors[0]
    before = system.balance(None, system.escrow.address)
    receipt = system.send(system.escrow.functions.claimRefund(pid), donor)
    assert system.event(receipt, system.escrow, "RefundClaimed") == {
        "projectId": pid,
        "donor": donor,
        "amount": 20 * ONE,
    }
    assert system.balance(None, system.escrow.address) == before - 20 * ONE


def test_funding_can_be_closed_while_paused(system: System) -> None:
    pid = system.create_project()
    system.donate(pid, system.donors[0], 10 * ONE)
    pause(system)
    system.close(pid)
    assert system.project(pid)["state"] == ACTIVE


def test_failed_funding_can_be_closed_and_refunded_while_paused(system: System) -> None:
    pid = system.create_project()
    system.donate(pid, system.donors[0], ONE)
    pause(system)
    system.close(pid)
    system.send(system.escrow.functions.claimRefund(pid), system.donors[0])
    assert system.project(pid)["state"] == FAILED
    assert system.project(pid)["refunded"] == ONE


def test_evidence_and_votes_proceed_while_paused(system: System) -> None:
    pid = system.funded()
    pause(system)
    system.submit(pid, 0)
    assert system.milestone(pid, 0)["state"] == M_IN_REVIEW
    system.approve(pid, 0)
    assert system.milestone(pid, 0)["state"] == M_APPROVED
    assert system.milestone(pid, 0)["approvals"] == 2


def test_donor_can_challenge_while_paused(system: System) -> None:
    pid = system.funded()
    system.approve(pid, 0)
    pause(system)
    system.send(system.escrow.functions.challengeMilestone(pid, 0), system.donors[0])
    assert system.milestone(pid, 0)["state"] == M_IN_REVIEW


def test_projects_can_still_be_created_while_paused(system: System) -> None:
    pause(system)
    pid = system.create_project()
    assert system.project(pid)["state"] == FUNDING

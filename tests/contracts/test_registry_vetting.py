"""Organization vetting: approve (and renew), reject, suspend, reinstate, and standing.

Every transition is reviewer-only and starts from exactly the states the registry documents:
Pending -> Approved <-> Suspended, Pending -> Rejected; approval may expire.
"""

from __future__ import annotations

import pytest
from story import DAY, System, h

PENDING, APPROVED, SUSPENDED, REJECTED = 1, 2, 3, 4


def apply(system: System, account: str | None = None) -> int:
    receipt = system.send(
        system.registry.functions.applyOrganization("Clean Rivers", h("rivers"), "ipfs://rivers"),
        account or system.outsider,
    )
    return int(system.event(receipt, system.registry, "OrganizationApplied")["orgId"])


def approve(system: System, org_id: int, until: int) -> None:
    system.send(system.registry.functions.approveOrganization(org_id, until), system.reviewer)


def org_in(system: System, status: int) -> int:
    """A second organization (admin: system.outsider) brought to `status`."""
    org_id = apply(system)
    if status in (APPROVED, SUSPENDED):
        approve(system, org_id, system.now() + 365 * DAY)
    if status == SUSPENDED:
        system.send(system.registry.functions.suspendOrganization(org_id, h("s")), system.reviewer)
    if status == REJECTED:
        system.send(system.registry.functions.rejectOrganization(org_id, h("r")), system.reviewer)
    assert system.registry.functions.organization(org_id).call()[1] == status
    return org_id


def reviewer_role(system: System) -> bytes:
    return bytes(system.registry.functions.REVIEWER_ROLE().call())


def standing(system: System, org_id: int) -> list[object]:
    return list(system.registry.functions.orgStanding(org_id).call())


# ------------------------------------------------------------------ approve


def test_approving_a_pending_organization_emits_every_field(system: System) -> None:
    org_id = apply(system)
    until = system.now() + 365 * DAY
    receipt = system.send(
        system.registry.functions.approveOrganization(org_id, until), system.reviewer
    )
    assert system.event(receipt, system.registry, "OrganizationApproved") == {
        "orgId": org_id,
        "reviewer": system.reviewer,
        "approvedUntil": until,
    }


def test_approval_stores_status_and_expiry_and_makes_the_org_active(system: System) -> None:
    org_id = apply(system)
    until = system.now() + 365 * DAY
    approve(system, org_id, until)
    assert system.registry.functions.organization(org_id).call() == (
        system.outsider,
        APPROVED,
        until,
        h("rivers"),
        "Clean Rivers",
    )
    assert standing(system, org_id) == [system.outsider, True, APPROVED]


def test_approving_an_approved_organization_renews_its_expiry(system: System) -> None:
    org_id = org_in(system, APPROVED)
    until = system.now() + 730 * DAY
    receipt = system.send(
        system.registry.functions.approveOrganization(org_id, until), system.reviewer
    )
    assert system.event(receipt, system.registry, "OrganizationApproved") == {
        "orgId": org_id,
        "reviewer": system.reviewer,
        "approvedUntil": until,
    }
    assert system.registry.functions.organization(org_id).call()[1:3] == (APPROVED, until)


def test_renewal_after_expiry_restores_good_standing(system: System) -> None:
    org_id = apply(system)
    approve(system, org_id, system.now() + DAY)
    system.travel(2 * DAY)
    assert standing(system, org_id) == [system.outsider, False, APPROVED]
    approve(system, org_id, system.now() + 30 * DAY)
    assert standing(system, org_id) == [system.outsider, True, APPROVED]


def test_approval_expires_at_approved_until(system: System) -> None:
    org_id = apply(system)
    until = system.now() + 10 * DAY
    approve(system, org_id, until)
    system.travel_to(until - 1)
    assert standing(system, org_id) == [system.outsider, True, APPROVED]
    system.travel_to(until)
    assert standing(system, org_id) == [system.outsider, False, APPROVED]


def test_approval_ending_now_reverts(system: System) -> None:
    org_id = apply(system)
    now = system.now()
    with system.reverts("RegistryApprovalInPast", now, now):
        approve(system, org_id, now)


def test_approval_ending_in_the_past_reverts(system: System) -> None:
    org_id = apply(system)
    now = system.now()
    with system.reverts("RegistryApprovalInPast", now - DAY, now):
        approve(system, org_id, now - DAY)


def test_renewal_ending_in_the_past_reverts(system: System) -> None:
    now = system.now()
    with system.reverts("RegistryApprovalInPast", now - 1, now):
        approve(system, system.org_id, now - 1)


@pytest.mark.parametrize("status", [SUSPENDED, REJECTED])
def test_approval_from_a_wrong_state_reverts(system: System, status: int) -> None:
    org_id = org_in(system, status)
    with system.reverts("RegistryInvalidOrgStatus", org_id, status):
        approve(system, org_id, system.now() + 365 * DAY)


def test_approval_of_unknown_organization_reverts(system: System) -> None:
    with system.reverts("RegistryUnknownOrganization", 7):
        approve(system, 7, system.now() + DAY)


@pytest.mark.parametrize("who", ["admin", "outsider", "org_admin"])
def test_approval_by_a_non_reviewer_reverts(system: System, who: str) -> None:
    org_id = apply(system)
    account = getattr(system, who)
    with system.reverts("AccessControlUnauthorizedAccount", account, reviewer_role(system)):
        system.send(
            system.registry.functions.approveOrganization(org_id, system.now() + DAY), account
        )


# ------------------------------------------------------------------ reject


def test_rejecting_a_pending_organization_emits_every_field(system: System) -> None:
    org_id = apply(system)
    receipt = system.send(
        system.registry.functions.rejectOrganization(org_id, h("incomplete filing")),
        system.reviewer,
    )
    assert system.event(receipt, system.registry, "OrganizationRejected") == {
        "orgId": org_id,
        "reviewer": system.reviewer,
        "reasonHash": h("incomplete filing"),
    }


def test_rejection_stores_rejected_status(system: System) -> None:
    org_id = apply(system)
    system.send(system.registry.functions.rejectOrganization(org_id, h("r")), system.reviewer)
    assert system.registry.functions.organization(org_id).call()[1:3] == (REJECTED, 0)
    assert standing(system, org_id) == [system.outsider, False, REJECTED]


@pytest.mark.parametrize("status", [APPROVED, SUSPENDED, REJECTED])
def test_rejection_from_a_wrong_state_reverts(system: System, status: int) -> None:
    org_id = org_in(system, status)
    with system.reverts("RegistryInvalidOrgStatus", org_id, status):
        system.send(system.registry.functions.rejectOrganization(org_id, h("r")), system.reviewer)


def test_rejection_of_unknown_organization_reverts(system: System) -> None:
    with system.reverts("RegistryUnknownOrganization", 7):
        system.send(system.registry.functions.rejectOrganization(7, h("r")), system.reviewer)


def test_rejection_by_a_non_reviewer_reverts(system: System) -> None:
    org_id = apply(system)
    with system.reverts("AccessControlUnauthorizedAccount", system.admin, reviewer_role(system)):
        system.send(system.registry.functions.rejectOrganization(org_id, h("r")), system.admin)


# ------------------------------------------------------------------ suspend


def test_suspending_an_approved_organization_emits_every_field(system: System) -> None:
    receipt = system.send(
        system.registry.functions.suspendOrganization(system.org_id, h("misuse report")),
        system.reviewer,
    )
    assert system.event(receipt, system.registry, "OrganizationSuspended") == {
        "orgId": system.org_id,
        "reviewer": system.reviewer,
        "reasonHash": h("misuse report"),
    }


def test_suspension_takes_the_organization_out_of_good_standing(system: System) -> None:
    until = system.registry.functions.organization(system.org_id).call()[2]
    system.send(
        system.registry.functions.suspendOrganization(system.org_id, h("s")), system.reviewer
    )
    assert system.registry.functions.organization(system.org_id).call()[1:3] == (
        SUSPENDED,
        until,
    )
    assert standing(system, system.org_id) == [system.org_admin, False, SUSPENDED]


@pytest.mark.parametrize("status", [PENDING, SUSPENDED, REJECTED])
def test_suspension_from_a_wrong_state_reverts(system: System, status: int) -> None:
    org_id = org_in(system, status)
    with system.reverts("RegistryInvalidOrgStatus", org_id, status):
        system.send(system.registry.functions.suspendOrganization(org_id, h("s")), system.reviewer)


def test_suspension_of_unknown_organization_reverts(system: System) -> None:
    with system.reverts("RegistryUnknownOrganization", 0):
        system.send(system.registry.functions.suspendOrganization(0, h("s")), system.reviewer)


def test_suspension_by_a_non_reviewer_reverts(system: System) -> None:
    auditor = system.auditors[0]
    with system.reverts("AccessControlUnauthorizedAccount", auditor, reviewer_role(system)):
        system.send(system.registry.functions.suspendOrganization(system.org_id, h("s")), auditor)


# ------------------------------------------------------------------ reinstate


def suspend_main_org(system: System) -> None:
    system.send(
        system.registry.functions.suspendOrganization(system.org_id, h("s")), system.reviewer
    )


def test_reinstating_a_suspended_organization_emits_every_field(system: System) -> None:
    suspend_main_org(system)
    receipt = system.send(
        system.registry.functions.reinstateOrganization(system.org_id), system.reviewer
    )
    assert system.event(receipt, system.registry, "OrganizationReinstated") == {
        "orgId": system.org_id,
        "reviewer": system.reviewer,
    }


def test_reinstatement_restores_approval_with_unchanged_expiry(system: System) -> None:
    until = system.registry.functions.organization(system.org_id).call()[2]
    suspend_main_org(system)
    system.send(system.registry.functions.reinstateOrganization(system.org_id), system.reviewer)
    assert system.registry.functions.organization(system.org_id).call()[1:3] == (APPROVED, until)
    assert standing(system, system.org_id) == [system.org_admin, True, APPROVED]


def test_reinstatement_after_expiry_leaves_the_organization_inactive(system: System) -> None:
    org_id = apply(system)
    approve(system, org_id, system.now() + DAY)
    system.send(system.registry.functions.suspendOrganization(org_id, h("s")), system.reviewer)
    system.travel(2 * DAY)
    system.send(system.registry.functions.reinstateOrganization(org_id), system.reviewer)
    assert standing(system, org_id) == [system.outsider, False, APPROVED]


@pytest.mark.parametrize("status", [PENDING, APPROVED, REJECTED])
def test_reinstatement_from_a_wrong_state_reverts(system: System, status: int) -> None:
    org_id = org_in(system, status)
    with system.reverts("RegistryInvalidOrgStatus", org_id, status):
        system.send(system.registry.functions.reinstateOrganization(org_id), system.reviewer)


def test_reinstatement_of_unknown_organization_reverts(system: System) -> None:
    with system.reverts("RegistryUnknownOrganization", 9):
        system.send(system.registry.functions.reinstateOrganization(9), system.reviewer)


def test_reinstatement_by_a_non_reviewer_reverts(system: System) -> None:
    suspend_main_org(system)
    with system.reverts(
        "AccessControlUnauthorizedAccount", system.org_admin, reviewer_role(system)
    ):
        system.send(
            system.registry.functions.reinstateOrganization(system.org_id), system.org_admin
        )


# ------------------------------------------------------------------ standing


def test_standing_of_unknown_organization_reverts(system: System) -> None:
    with system.reverts("RegistryUnknownOrganization", 5):
        system.registry.functions.orgStanding(5).call()


def test_newly_granted_reviewer_can_vet(system: System) -> None:
    system.send(
        system.registry.functions.grantRole(reviewer_role(system), system.outsider), system.admin
    )
    org_id = apply(system, system.donors[0])
    system.send(
        system.registry.functions.approveOrganization(org_id, system.now() + DAY), system.outsider
    )
    assert standing(system, org_id) == [system.donors[0], True, APPROVED]

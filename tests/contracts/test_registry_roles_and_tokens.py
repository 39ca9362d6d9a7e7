"""Roles (grant, revoke, views), the ERC-20 allow-list, and the two-step default admin transfer."""

from __future__ import annotations

import pytest
from story import DAY, ETH, System
from web3.contract import Contract

ADMIN_ROLE = b"\0" * 32  # OpenZeppelin DEFAULT_ADMIN_ROLE
ADMIN_DELAY = 3 * DAY  # conftest deploys the registry with this transfer delay


def role(system: System, name: str) -> bytes:
    return bytes(getattr(system.registry.functions, name)().call())


@pytest.fixture
def unlisted(system: System) -> Contract:
    """An ERC-20 that is not on the allow-list."""
    return system.deploy("MockERC20", "Other USD", "OUSD", 6)


# ------------------------------------------------------------------ roles


def test_role_views_reflect_the_deployed_roles(system: System) -> None:
    reg = system.registry.functions
    assert reg.isAdmin(system.admin).call() is True
    assert reg.isReviewer(system.reviewer).call() is True
    assert all(reg.isAuditor(a).call() for a in system.auditors)
    assert reg.isAdmin(system.reviewer).call() is False
    assert reg.isReviewer(system.admin).call() is False
    assert reg.isAuditor(system.reviewer).call() is False
    for view in (reg.isAdmin, reg.isReviewer, reg.isAuditor):
        assert view(system.outsider).call() is False


def test_admin_grants_a_role_with_event(system: System) -> None:
    reviewer_role = role(system, "REVIEWER_ROLE")
    receipt = system.send(
        system.registry.functions.grantRole(reviewer_role, system.outsider), system.admin
    )
    assert system.event(receipt, system.registry, "RoleGranted") == {
        "role": reviewer_role,
        "account": system.outsider,
        "sender": system.admin,
    }
    assert system.registry.functions.isReviewer(system.outsider).call() is True
    assert system.registry.functions.isAuditor(system.outsider).call() is False


def test_admin_grants_the_auditor_role(system: System) -> None:
    system.send(
        system.registry.functions.grantRole(role(system, "AUDITOR_ROLE"), system.outsider),
        system.admin,
    )
    assert system.registry.functions.isAuditor(system.outsider).call() is True


def test_admin_revokes_a_role_with_event(system: System) -> None:
    auditor_role = role(system, "AUDITOR_ROLE")
    auditor = system.auditors[0]
    receipt = system.send(system.registry.functions.revokeRole(auditor_role, auditor), system.admin)
    assert system.event(receipt, system.registry, "RoleRevoked") == {
        "role": auditor_role,
        "account": auditor,
        "sender": system.admin,
    }
    assert system.registry.functions.isAuditor(auditor).call() is False


@pytest.mark.parametrize("name", ["REVIEWER_ROLE", "AUDITOR_ROLE"])
def test_grant_by_a_non_admin_reverts(system: System, name: str) -> None:
    with system.reverts("AccessControlUnauthorizedAccount", system.reviewer, ADMIN_ROLE):
        system.send(
            system.registry.functions.grantRole(role(system, name), system.outsider),
            system.reviewer,
        )


def test_revoke_by_a_non_admin_reverts(system: System) -> None:
    auditor = system.auditors[1]
    with system.reverts("AccessControlUnauthorizedAccount", auditor, ADMIN_ROLE):
        system.send(
            system.registry.functions.revokeRole(role(system, "AUDITOR_ROLE"), system.auditors[0]),
            auditor,
        )
    assert system.registry.functions.isAuditor(system.auditors[0]).call() is True


def test_granting_the_admin_role_directly_reverts(system: System) -> None:
    with system.reverts("AccessControlEnforcedDefaultAdminRules"):
        system.send(system.registry.functions.grantRole(ADMIN_ROLE, system.outsider), system.admin)
    assert system.registry.functions.isAdmin(system.outsider).call() is False


def test_revoking_the_admin_role_directly_reverts(system: System) -> None:
    with system.reverts("AccessControlEnforcedDefaultAdminRules"):
        system.send(system.registry.functions.revokeRole(ADMIN_ROLE, system.admin), system.admin)
    assert system.registry.functions.isAdmin(system.admin).call() is True


# ------------------------------------------------------------------ token allow-list


def test_native_token_is_always_allowed(system: System) -> None:
    assert system.registry.functions.isTokenAllowed(ETH).call() is True


def test_unlisted_token_is_not_allowed(system: System, unlisted: Contract) -> None:
    assert system.registry.functions.isTokenAllowed(unlisted.address).call() is False


def test_admin_allows_a_token_with_event(system: System, unlisted: Contract) -> None:
    receipt = system.send(
        system.registry.functions.setTokenAllowed(unlisted.address, True), system.admin
    )
    assert system.event(receipt, system.registry, "TokenAllowanceSet") == {
        "token": unlisted.address,
        "admin": system.admin,
        "allowed": True,
    }
    assert system.registry.functions.isTokenAllowed(unlisted.address).call() is True


def test_admin_disallows_a_token_with_event(system: System, token: Contract) -> None:
    receipt = system.send(
        system.registry.functions.setTokenAllowed(token.address, False), system.admin
    )
    assert system.event(receipt, system.registry, "TokenAllowanceSet") == {
        "token": token.address,
        "admin": system.admin,
        "allowed": False,
    }
    assert system.registry.functions.isTokenAllowed(token.address).call() is False


@pytest.mark.parametrize("allowed", [True, False])
def test_setting_the_native_token_reverts(system: System, allowed: bool) -> None:
    with system.reverts("RegistryNativeTokenAlwaysAllowed"):
        system.send(system.registry.functions.setTokenAllowed(ETH, allowed), system.admin)
    assert system.registry.functions.isTokenAllowed(ETH).call() is True


def test_allowing_an_address_without_code_reverts(system: System) -> None:
    with system.reverts("RegistryTokenNotContract", system.outsider):
        system.send(system.registry.functions.setTokenAllowed(system.outsider, True), system.admin)


def test_token_allowance_by_a_non_admin_reverts(system: System, unlisted: Contract) -> None:
    with system.reverts("AccessControlUnauthorizedAccount", system.reviewer, ADMIN_ROLE):
        system.send(
            system.registry.functions.setTokenAllowed(unlisted.address, True), system.reviewer
        )
    assert system.registry.functions.isTokenAllowed(unlisted.address).call() is False


# ------------------------------------------------------------------ default admin transfer


def begin_transfer(system: System, new_admin: str) -> int:
    receipt = system.send(
        system.registry.functions.beginDefaultAdminTransfer(new_admin), system.admin
    )
    return int(
        system.event(receipt, system.registry, "DefaultAdminTransferScheduled")["acceptSchedule"]
    )


def test_admin_transfer_delay_is_three_days(system: System) -> None:
    assert system.registry.functions.defaultAdminDelay().call() == ADMIN_DELAY
    assert system.registry.functions.defaultAdmin().call() == system.admin


def test_beginning_a_transfer_schedules_it_after_the_delay(system: System) -> None:
    receipt = system.send(
        system.registry.functions.beginDefaultAdminTransfer(system.outsider), system.admin
    )
    mined_at = system.w3.eth.get_block(receipt["blockNumber"])["timestamp"]
    assert system.event(receipt, system.registry, "DefaultAdminTransferScheduled") == {
        "newAdmin": system.outsider,
        "acceptSchedule": mined_at + ADMIN_DELAY,
    }
    assert system.registry.functions.pendingDefaultAdmin().call() == [
        system.outsider,
        mined_at + ADMIN_DELAY,
    ]
    assert system.registry.functions.isAdmin(system.admin).call() is True
    assert system.registry.functions.isAdmin(system.outsider).call() is False


def test_beginning_a_transfer_by_a_non_admin_reverts(system: System) -> None:
    with system.reverts("AccessControlUnauthorizedAccount", system.outsider, ADMIN_ROLE):
        system.send(
            system.registry.functions.beginDefaultAdminTransfer(system.outsider), system.outsider
        )


def test_accepting_immediately_reverts_with_the_schedule(system: System) -> None:
    schedule = begin_transfer(system, system.outsider)
    with system.reverts("AccessControlEnforcedDefaultAdminDelay", schedule):
        system.send(system.registry.functions.acceptDefaultAdminTransfer(), system.outsider)


def test_accepting_at_the_schedule_itself_still_reverts(system: System) -> None:
    schedule = begin_transfer(system, system.outsider)
    system.travel_to(schedule)
    with system.reverts("AccessControlEnforcedDefaultAdminDelay", schedule):
        system.send(system.registry.functions.acceptDefaultAdminTransfer(), system.outsider)
    assert system.registry.functions.isAdmin(system.outsider).call() is False


def test_accepting_by_someone_other_than_the_pending_admin_reverts(system: System) -> None:
    schedule = begin_transfer(system, system.outsider)
    system.travel_to(schedule + 1)
    intruder = system.donors[0]
    with system.reverts("AccessControlInvalidDefaultAdmin", intruder):
        system.send(system.registry.functions.acceptDefaultAdminTransfer(), intruder)


def test_accepting_after_the_delay_transfers_the_admin_role(system: System) -> None:
    schedule = begin_transfer(system, system.outsider)
    system.travel_to(schedule + 1)
    receipt = system.send(system.registry.functions.acceptDefaultAdminTransfer(), system.outsider)
    assert system.event(receipt, system.registry, "RoleRevoked") == {
        "role": ADMIN_ROLE,
        "account": system.admin,
        "sender": system.outsider,
    }
    assert system.event(receipt, system.registry, "RoleGranted") == {
        "role": ADMIN_ROLE,
        "account": system.outsider,
        "sender": system.outsider,
    }
    assert system.registry.functions.defaultAdmin().call() == system.outsider
    assert system.registry.functions.isAdmin(system.outsider).call() is True
    assert system.registry.functions.isAdmin(system.admin).call() is False
    assert system.registry.functions.pendingDefaultAdmin().call() == [ETH, 0]


def test_new_admin_governs_and_old_admin_is_refused(system: System, unlisted: Contract) -> None:
    schedule = begin_transfer(system, system.outsider)
    system.travel_to(schedule + 1)
    system.send(system.registry.functions.acceptDefaultAdminTransfer(), system.outsider)
    system.send(system.registry.functions.setTokenAllowed(unlisted.address, True), system.outsider)
    assert system.registry.functions.isTokenAllowed(unlisted.address).call() is True
    with system.reverts("AccessControlUnauthorizedAccount", system.admin, ADMIN_ROLE):
        system.send(
            system.registry.functions.setTokenAllowed(unlisted.address, False), system.admin
        )
    with system.reverts("EscrowNotAdmin", system.admin):
        system.send(system.escrow.functions.pause(), system.admin)
    system.send(system.escrow.functions.pause(), system.outsider)
    assert system.escrow.functions.paused().call() is True

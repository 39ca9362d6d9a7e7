"""Admin role edges inherited from OpenZeppelin: renouncing for someone else, and a clock
beyond 48 bits (the admin-transfer schedule is a uint48)."""

from __future__ import annotations

from story import System


def test_renouncing_a_role_for_another_account_reverts(system: System) -> None:
    role = system.registry.functions.AUDITOR_ROLE().call()
    with system.reverts("AccessControlBadConfirmation"):
        system.send(system.registry.functions.renounceRole(role, system.auditors[0]), system.admin)
    assert system.registry.functions.isAuditor(system.auditors[0]).call()


def test_an_auditor_can_renounce_its_own_role(system: System) -> None:
    role = system.registry.functions.AUDITOR_ROLE().call()
    system.send(
        system.registry.functions.renounceRole(role, system.auditors[0]), system.auditors[0]
    )
    assert not system.registry.functions.isAuditor(system.auditors[0]).call()


def test_admin_transfer_past_the_uint48_clock_reverts_with_safecast(system: System) -> None:
    system.w3.provider.make_request("evm_setNextBlockTimestamp", [hex(2**48)])  # type: ignore[arg-type]
    system.w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]
    with system.reverts("SafeCastOverflowedUintDowncast", 48, 2**48):
        system.send(
            system.registry.functions.beginDefaultAdminTransfer(system.reviewer), system.admin
        )

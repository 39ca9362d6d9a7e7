"""Deployment: the three contracts are wired to each other and the roles are in place."""

from __future__ import annotations

from typing import Any

from brownie import chain
from conftest import (
    ADMIN_DELAY,
    DAY,
    ETH,
    FUNDING,
    GRACE,
    ONE_ETH,
    Suite,
    h,
    reverts_with,
    selector,
)


def test_deploy_wires_registry_escrow_and_ledger(suite: Suite) -> None:
    assert suite.escrow.registry() == suite.registry
    assert suite.escrow.cancelGracePeriod() == GRACE
    assert suite.ledger.registry() == suite.registry
    assert suite.ledger.escrow() == suite.escrow
    assert suite.escrow.projectCount() == 0


def test_roles_and_approved_organization(suite: Suite) -> None:
    registry = suite.registry
    assert registry.isAdmin(suite.admin)
    assert registry.defaultAdminDelay() == ADMIN_DELAY
    assert registry.isReviewer(suite.reviewer)
    assert all(registry.isAuditor(a) for a in suite.auditors)
    assert not registry.isAuditor(suite.org_admin)
    admin, active, status = registry.orgStanding(suite.org_id)
    assert (admin, active, status) == (suite.org_admin, True, 2)  # OrgStatus.Approved
    assert registry.orgOf(suite.org_admin) == suite.org_id


def test_error_selectors_match_the_abi(CharityEscrow: Any) -> None:
    abi_selectors = {
        e["name"]: selector(f"{e['name']}({','.join(i['type'] for i in e['inputs'])})")
        for e in CharityEscrow.abi
        if e["type"] == "error"
    }
    assert abi_selectors["EscrowZeroAmount"] == selector("EscrowZeroAmount()")
    assert abi_selectors["EscrowNotOrganizationAdmin"] == selector(
        "EscrowNotOrganizationAdmin(uint256,address)"
    )


def test_only_an_organization_admin_creates_projects(suite: Suite, create_project: Any) -> None:
    outsider = suite.donors[0]
    deadline = chain.time() + FUNDING
    milestones = [(10_000, deadline + 30 * DAY)]
    params = (
        suite.beneficiary,
        ETH,
        ONE_ETH,
        2 * ONE_ETH,
        deadline,
        1,
        0,
        1,
        h("c"),
        h("m"),
        "",
        milestones,
    )
    with reverts_with("EscrowNotOrganizationAdmin(uint256,address)", 0, outsider):
        suite.escrow.createProject(params, {"from": outsider})
    assert create_project() == 1

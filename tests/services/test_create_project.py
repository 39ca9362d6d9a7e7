"""Creating projects: the new id comes from the ProjectCreated event."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from web3.contract import Contract

from charitychain.contracts.suite import Suite
from charitychain.services import funding
from charitychain.services.funding import ProjectCreated, ProjectPlan
from charitychain.services.inputs import InvalidInput
from charitychain.services.session import Session
from charitychain.services.transact import ContractRevert, Signer
from charitychain.services.views import project_info
from services.world import ETHER, Cast


def test_create_project_returns_the_ids_from_the_event(
    suite: Suite,
    cast: Cast,
    as_: Callable[[Signer], Session],
    make_plan: Callable[..., ProjectPlan],
) -> None:
    plan = make_plan(goal=5 * ETHER, cap=10 * ETHER)

    result = funding.create_project(as_(cast.org_admin), plan)

    assert isinstance(result, ProjectCreated)
    assert (result.project_id, result.org_id) == (1, 1)
    info = project_info(suite, 1)
    assert (info.state, info.min_goal, info.cap, info.deadline) == (
        "Funding",
        5 * ETHER,
        10 * ETHER,
        plan.deadline,
    )
    assert info.milestone_count == 3
    assert info.category == b"water".ljust(32, b"\0")


def test_second_project_gets_the_next_id(
    cast: Cast, as_: Callable[[Signer], Session], make_plan: Callable[..., ProjectPlan]
) -> None:
    funding.create_project(as_(cast.org_admin), make_plan())

    assert funding.create_project(as_(cast.org_admin), make_plan()).project_id == 2


def test_shares_not_adding_up_to_100_percent_are_refused_before_sending(
    cast: Cast,
    as_: Callable[[Signer], Session],
    make_plan: Callable[..., ProjectPlan],
    nonce: Callable[[Signer], int],
) -> None:
    before = nonce(cast.org_admin)

    with pytest.raises(InvalidInput, match="must add up to 10000 basis points"):
        funding.create_project(as_(cast.org_admin), make_plan(shares=(3000, 3000, 3000)))

    assert nonce(cast.org_admin) == before


def test_creating_as_someone_who_is_no_organization_admin_is_decoded(
    cast: Cast,
    as_: Callable[[Signer], Session],
    make_plan: Callable[..., ProjectPlan],
    nonce: Callable[[Signer], int],
) -> None:
    donor = cast.donors[0]
    before = nonce(donor)

    with pytest.raises(ContractRevert) as caught:
        funding.create_project(as_(donor), make_plan())

    assert caught.value.decoded is not None
    assert caught.value.decoded.name == "EscrowNotOrganizationAdmin"
    assert caught.value.decoded.args == (0, donor.address)
    assert nonce(donor) == before


def test_a_milestone_due_before_the_deadline_is_decoded_with_its_index(
    cast: Cast, as_: Callable[[Signer], Session], make_plan: Callable[..., ProjectPlan]
) -> None:
    plan = make_plan()
    early = replace(plan.milestones[1], due_date=plan.deadline - 1)
    bad = replace(plan, milestones=(plan.milestones[0], early, plan.milestones[2]))

    with pytest.raises(ContractRevert) as caught:
        funding.create_project(as_(cast.org_admin), bad)

    assert caught.value.decoded is not None
    assert caught.value.decoded.name == "EscrowMilestoneDueBeforeDeadline"
    assert caught.value.decoded.args == (1, plan.deadline - 1, plan.deadline)


def test_a_token_that_is_not_allow_listed_is_decoded(
    cast: Cast,
    as_: Callable[[Signer], Session],
    make_plan: Callable[..., ProjectPlan],
    token: Contract,
) -> None:
    from charitychain.services import governance

    governance.allow_token(as_(cast.admin), token.address, allowed=False)

    with pytest.raises(ContractRevert) as caught:
        funding.create_project(as_(cast.org_admin), make_plan(token=token.address))

    assert caught.value.decoded is not None
    assert caught.value.decoded.name == "EscrowTokenNotAllowed"
    assert caught.value.decoded.args == (token.address,)

"""Closing funding: Active when the goal was met, Failed otherwise; too early is decoded."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from charitychain.contracts.suite import Suite
from charitychain.services import funding
from charitychain.services.funding import FundingClosed
from charitychain.services.session import Session
from charitychain.services.transact import ContractRevert, Signer
from charitychain.services.views import project_info
from services.world import DAY, ETHER, Cast


def test_closing_after_the_deadline_with_the_goal_met_makes_it_active(
    suite: Suite,
    cast: Cast,
    as_: Callable[[Signer], Session],
    make_project: Callable[..., int],
    travel: Callable[[int], int],
) -> None:
    project_id = make_project(goal=5 * ETHER)
    funding.donate(as_(cast.donors[0]), project_id, 5 * ETHER)
    travel(8 * DAY)

    result = funding.close_funding(as_(cast.donors[2]), project_id)

    assert isinstance(result, FundingClosed)
    assert (result.project_id, result.active, result.raised) == (project_id, True, 5 * ETHER)
    assert project_info(suite, project_id).state == "Active"


def test_closing_below_the_goal_makes_it_failed(
    suite: Suite,
    cast: Cast,
    as_: Callable[[Signer], Session],
    make_project: Callable[..., int],
    travel: Callable[[int], int],
) -> None:
    project_id = make_project(goal=5 * ETHER)
    funding.donate(as_(cast.donors[0]), project_id, ETHER)
    travel(8 * DAY)

    result = funding.close_funding(as_(cast.donors[0]), project_id)

    assert (result.active, result.raised) == (False, ETHER)
    assert project_info(suite, project_id).state == "Failed"


def test_closing_early_is_allowed_once_the_cap_is_reached(
    cast: Cast, as_: Callable[[Signer], Session], make_project: Callable[..., int]
) -> None:
    project_id = make_project(goal=ETHER, cap=2 * ETHER)
    funding.donate(as_(cast.donors[0]), project_id, 2 * ETHER)

    assert funding.close_funding(as_(cast.donors[0]), project_id).active


def test_closing_while_funding_is_open_is_decoded_with_deadline_and_totals(
    cast: Cast,
    as_: Callable[[Signer], Session],
    make_plan: Callable[..., funding.ProjectPlan],
    nonce: Callable[[Signer], int],
) -> None:
    plan = make_plan(goal=ETHER, cap=2 * ETHER)
    project_id = funding.create_project(as_(cast.org_admin), plan).project_id
    funding.donate(as_(cast.donors[0]), project_id, ETHER)
    before = nonce(cast.donors[0])

    with pytest.raises(ContractRevert) as caught:
        funding.close_funding(as_(cast.donors[0]), project_id)

    assert caught.value.decoded is not None
    assert caught.value.decoded.name == "EscrowFundingStillOpen"
    assert caught.value.decoded.args == (project_id, plan.deadline, ETHER, 2 * ETHER)
    assert nonce(cast.donors[0]) == before

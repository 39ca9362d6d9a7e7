"""Reading projects, milestones, organizations, assets and donor positions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from web3.contract import Contract

from charitychain.contracts.suite import Suite
from charitychain.services import funding
from charitychain.services.inputs import ETH_ADDRESS, InvalidInput
from charitychain.services.session import Session
from charitychain.services.transact import Signer
from charitychain.services.views import (
    asset_info,
    donor_positions,
    milestone_info,
    organization_info,
    project_info,
)
from services.world import ETHER, Cast


def test_project_info_held_is_raised_minus_released_and_refunded(
    suite: Suite, active_project: int
) -> None:
    info = project_info(suite, active_project)

    assert (info.raised, info.released, info.refunded, info.held) == (6 * ETHER, 0, 0, 6 * ETHER)
    assert info.token == ETH_ADDRESS


def test_milestone_info_reads_share_and_state(suite: Suite, active_project: int) -> None:
    info = milestone_info(suite, active_project, 2)

    assert (info.index, info.bps, info.state, info.round) == (2, 4000, "Pending", 0)


def test_organization_info_of_the_approved_organization(suite: Suite, cast: Cast) -> None:
    info = organization_info(suite, 1)

    assert (info.name, info.admin, info.status, info.active) == (
        "Water for All",
        cast.org_admin.address,
        "Approved",
        True,
    )


def test_an_unknown_organization_names_the_valid_range(suite: Suite) -> None:
    with pytest.raises(
        InvalidInput, match="unknown organization 5: this deployment has organizations 1 to 1"
    ):
        organization_info(suite, 5)


def test_asset_info_of_eth_and_of_a_token(suite: Suite, token: Contract) -> None:
    eth = asset_info(suite, ETH_ADDRESS)
    tusd = asset_info(suite, token.address)

    assert (eth.symbol, eth.decimals, eth.is_eth) == ("ETH", 18, True)
    assert (tusd.symbol, tusd.decimals, tusd.is_eth) == ("TUSD", 18, False)


def test_donor_positions_lists_only_projects_the_donor_gave_to(
    suite: Suite,
    cast: Cast,
    as_: Callable[[Signer], Session],
    make_project: Callable[..., int],
) -> None:
    first, second, third = make_project(), make_project(), make_project()
    donor = cast.donors[0]
    funding.donate(as_(donor), first, ETHER)
    funding.donate(as_(donor), third, 2 * ETHER)

    positions = donor_positions(suite, donor.address)

    assert [(p.project_id, p.contributed) for p in positions] == [
        (first, ETHER),
        (third, 2 * ETHER),
    ]
    assert second not in [p.project_id for p in positions]

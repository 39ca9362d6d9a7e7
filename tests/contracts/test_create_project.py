"""createProject: the stored project and milestones, the full ProjectCreated event, every revert."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from story import DAY, ETH, FUNDING, M_PENDING, ONE, System, h
from web3.contract import Contract

FIELDS = (
    "beneficiary",
    "token",
    "minGoal",
    "cap",
    "deadline",
    "quorum",
    "challengeWindow",
    "challengeThresholdBps",
    "category",
    "metadataHash",
    "metadataURI",
    "milestones",
)
MAX_AMOUNT = 2**120 - 1
ZERO_HASH = b"\0" * 32


def with_(params: tuple[Any, ...], **changes: Any) -> tuple[Any, ...]:
    """The ProjectParams tuple with named fields replaced."""
    values = list(params)
    for name, value in changes.items():
        values[FIELDS.index(name)] = value
    return tuple(values)


def plain(value: Any) -> Any:
    """Decoded event values (AttributeDicts, lists) as plain dicts and lists."""
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def create(system: System, params: tuple[Any, ...], sender: str | None = None) -> Any:
    return system.send(system.escrow.functions.createProject(params), sender or system.org_admin)


def second_org(system: System, account: str) -> int:
    receipt = system.send(
        system.registry.functions.applyOrganization("Second", h("second"), "ipfs://second"),
        account,
    )
    return int(system.event(receipt, system.registry, "OrganizationApplied")["orgId"])


# ------------------------------------------------------------------ success


def test_creation_emits_every_parameter(system: System) -> None:
    params = system.params(shares=(2500, 2500, 5000), quorum=3, window=5 * DAY, threshold_bps=1500)
    receipt = create(system, params)
    args = system.event(receipt, system.escrow, "ProjectCreated")
    expected_params = dict(zip(FIELDS, params, strict=True))
    expected_params["milestones"] = [
        {"bps": bps, "dueDate": due} for bps, due in params[FIELDS.index("milestones")]
    ]
    assert plain(args) == {
        "projectId": 1,
        "orgId": system.org_id,
        "creator": system.org_admin,
        "params": expected_params,
    }


def test_creation_stores_the_project_in_funding(system: System) -> None:
    params = system.params(min_goal=5 * ONE, cap=50 * ONE, quorum=3, window=DAY)
    create(system, params)
    p = dict(zip(FIELDS, params, strict=True))
    assert system.project(1) == {
        "orgId": system.org_id,
        "beneficiary": system.beneficiary,
        "token": ETH,
        "state": FUNDING,
        "deadline": p["deadline"],
        "quorum": 3,
        "challengeWindow": DAY,
        "challengeThresholdBps": 2000,
        "milestoneCount": 3,
        "releasedCount": 0,
        "minGoal": 5 * ONE,
        "cap": 50 * ONE,
        "raised": 0,
        "released": 0,
        "refunded": 0,
        "category": p["category"],
        "metadataHash": h("project metadata"),
    }


def test_creation_stores_each_milestone_pending(system: System) -> None:
    params = system.params(shares=(1000, 2000, 3000, 4000))
    create(system, params)
    for index, (bps, due) in enumerate(params[FIELDS.index("milestones")]):
        assert system.milestone(1, index) == {
            "bps": bps,
            "dueDate": due,
            "state": M_PENDING,
            "round": 0,
            "approvals": 0,
            "rejections": 0,
            "windowEndsAt": 0,
            "released": 0,
            "challengeWeight": 0,
            "evidenceHash": ZERO_HASH,
        }
    with system.reverts("EscrowUnknownMilestone", 1, 4):
        system.escrow.functions.milestone(1, 4).call()


def test_project_ids_run_consecutively(system: System) -> None:
    assert system.escrow.functions.projectCount().call() == 0
    assert [system.create_project() for _ in range(3)] == [1, 2, 3]
    assert system.escrow.functions.projectCount().call() == 3


def test_creation_with_an_allowed_token_stores_the_token(system: System, token: Contract) -> None:
    pid = system.create_project(token=token.address)
    assert system.project(pid)["token"] == token.address


def test_creation_accepts_the_boundary_values(system: System) -> None:
    params = system.params(
        min_goal=MAX_AMOUNT,
        cap=MAX_AMOUNT,
        shares=(500,) * 20,
        window=365 * DAY,
        threshold_bps=10_000,
        quorum=255,
    )
    pid = int(system.event(create(system, params), system.escrow, "ProjectCreated")["projectId"])
    view = system.project(pid)
    assert (view["cap"], view["milestoneCount"], view["challengeWindow"]) == (
        MAX_AMOUNT,
        20,
        365 * DAY,
    )
    assert (view["challengeThresholdBps"], view["quorum"]) == (10_000, 255)


def test_zero_challenge_window_is_accepted(system: System) -> None:
    pid = system.create_project(window=0)
    assert system.project(pid)["challengeWindow"] == 0


# ------------------------------------------------------------------ who may create


def test_caller_without_organization_reverts(system: System) -> None:
    with system.reverts("EscrowNotOrganizationAdmin", 0, system.outsider):
        create(system, system.params(), system.outsider)


def test_pending_organization_cannot_create(system: System) -> None:
    org_id = second_org(system, system.outsider)
    with system.reverts("EscrowOrganizationNotActive", org_id):
        create(system, system.params(), system.outsider)


def test_rejected_organization_cannot_create(system: System) -> None:
    org_id = second_org(system, system.outsider)
    system.send(system.registry.functions.rejectOrganization(org_id, h("r")), system.reviewer)
    with system.reverts("EscrowOrganizationNotActive", org_id):
        create(system, system.params(), system.outsider)


def test_suspended_organization_cannot_create(system: System) -> None:
    system.send(
        system.registry.functions.suspendOrganization(system.org_id, h("s")), system.reviewer
    )
    with system.reverts("EscrowOrganizationNotActive", system.org_id):
        create(system, system.params())


def test_expired_organization_cannot_create(system: System) -> None:
    donor = system.donors[0]
    org_id = second_org(system, donor)
    until = system.now() + 5 * DAY
    system.send(system.registry.functions.approveOrganization(org_id, until), system.reviewer)
    create(system, system.params(), donor)
    system.travel_to(until)
    with system.reverts("EscrowOrganizationNotActive", org_id):
        create(system, system.params(), donor)


def test_reinstated_organization_can_create_again(system: System) -> None:
    system.send(
        system.registry.functions.suspendOrganization(system.org_id, h("s")), system.reviewer
    )
    system.send(system.registry.functions.reinstateOrganization(system.org_id), system.reviewer)
    assert system.create_project() == 1


# ------------------------------------------------------------------ token and beneficiary


def test_unlisted_token_reverts(system: System) -> None:
    other = system.deploy("MockERC20", "Other", "OTH", 18)
    with system.reverts("EscrowTokenNotAllowed", other.address):
        create(system, system.params(token=other.address))


def test_disallowed_token_reverts(system: System, token: Contract) -> None:
    system.send(system.registry.functions.setTokenAllowed(token.address, False), system.admin)
    with system.reverts("EscrowTokenNotAllowed", token.address):
        create(system, system.params(token=token.address))


def test_zero_beneficiary_reverts(system: System) -> None:
    with system.reverts("EscrowInvalidBeneficiary", ETH):
        create(system, with_(system.params(), beneficiary=ETH))


def test_escrow_as_beneficiary_reverts(system: System) -> None:
    escrow = system.escrow.address
    with system.reverts("EscrowInvalidBeneficiary", escrow):
        create(system, system.params(beneficiary=escrow))


# ------------------------------------------------------------------ goal and deadline


def test_zero_minimum_goal_reverts(system: System) -> None:
    with system.reverts("EscrowInvalidGoal", 0, 100 * ONE):
        create(system, system.params(min_goal=0, cap=100 * ONE))


def test_minimum_goal_above_cap_reverts(system: System) -> None:
    with system.reverts("EscrowInvalidGoal", 10 * ONE + 1, 10 * ONE):
        create(system, system.params(min_goal=10 * ONE + 1, cap=10 * ONE))


def test_cap_above_uint120_reverts(system: System) -> None:
    with system.reverts("EscrowInvalidGoal", ONE, MAX_AMOUNT + 1):
        create(system, system.params(min_goal=ONE, cap=MAX_AMOUNT + 1))


def test_deadline_now_reverts(system: System) -> None:
    now = system.now()
    params = system.params()
    with system.reverts("EscrowInvalidDeadline", now, now):
        create(system, with_(params, deadline=now))


def test_deadline_in_the_past_reverts(system: System) -> None:
    now = system.now()
    with system.reverts("EscrowInvalidDeadline", now - DAY, now):
        create(system, with_(system.params(), deadline=now - DAY))


# ------------------------------------------------------------------ review settings


def test_zero_quorum_reverts(system: System) -> None:
    with system.reverts("EscrowInvalidQuorum", 0):
        create(system, system.params(quorum=0))


@pytest.mark.parametrize(
    ("window", "threshold"),
    [(3 * DAY, 0), (3 * DAY, 10_001), (365 * DAY + 1, 2000)],
    ids=["zero-threshold", "threshold-over-whole", "window-over-a-year"],
)
def test_invalid_challenge_settings_revert(system: System, window: int, threshold: int) -> None:
    with system.reverts("EscrowInvalidChallengeSettings", window, threshold):
        create(system, system.params(window=window, threshold_bps=threshold))


def test_zero_metadata_hash_reverts(system: System) -> None:
    with system.reverts("EscrowEmptyHash"):
        create(system, with_(system.params(), metadataHash=ZERO_HASH))


# ------------------------------------------------------------------ milestones


def test_no_milestones_reverts(system: System) -> None:
    with system.reverts("EscrowInvalidMilestoneCount", 0, 20):
        create(system, with_(system.params(), milestones=[]))


def test_twenty_one_milestones_revert(system: System) -> None:
    shares = (500,) * 19 + (250, 250)
    with system.reverts("EscrowInvalidMilestoneCount", 21, 20):
        create(system, system.params(shares=shares))


def test_milestone_due_at_the_deadline_reverts(system: System) -> None:
    params = system.params()
    deadline = params[FIELDS.index("deadline")]
    milestones = list(params[FIELDS.index("milestones")])
    milestones[1] = (milestones[1][0], deadline)
    with system.reverts("EscrowMilestoneDueBeforeDeadline", 1, deadline, deadline):
        create(system, with_(params, milestones=milestones))


def test_milestone_due_before_the_deadline_reverts(system: System) -> None:
    params = system.params()
    deadline = params[FIELDS.index("deadline")]
    milestones = list(params[FIELDS.index("milestones")])
    milestones[0] = (milestones[0][0], deadline - DAY)
    with system.reverts("EscrowMilestoneDueBeforeDeadline", 0, deadline - DAY, deadline):
        create(system, with_(params, milestones=milestones))


def test_shares_short_of_the_whole_revert(system: System) -> None:
    with system.reverts("EscrowInvalidMilestoneShares", 9999):
        create(system, system.params(shares=(3000, 3000, 3999)))


def test_shares_above_the_whole_revert(system: System) -> None:
    with system.reverts("EscrowInvalidMilestoneShares", 10_001):
        create(system, system.params(shares=(3000, 3000, 4001)))


def test_zero_share_reverts_even_when_shares_sum_to_the_whole(system: System) -> None:
    with system.reverts("EscrowInvalidMilestoneShares", 10_000):
        create(system, system.params(shares=(0, 6000, 4000)))


def test_failed_creation_leaves_no_project(system: System) -> None:
    with system.reverts("EscrowInvalidQuorum", 0):
        create(system, system.params(quorum=0))
    assert system.escrow.functions.projectCount().call() == 0
    with system.reverts("EscrowUnknownProject", 1):
        system.escrow.functions.project(1).call()

"""releaseMilestone: exact payouts, the remainder rule, completion, views and every revert."""

from __future__ import annotations

from typing import Any

from story import (
    ACTIVE,
    CANCELLED,
    COMPLETED,
    FUNDING,
    M_IN_REVIEW,
    M_PENDING,
    M_RELEASED,
    ONE,
    System,
    h,
)
from web3.contract import Contract
from web3.types import TxReceipt

# raised = 1 ETH + 1 wei with shares 3333/3333/3334: shares round down, the last takes the wei.
ODD_RAISED = ONE + 1
ODD_SHARES = (3333, 3333, 3334)


def _release(system: System, pid: int, index: int, caller: str | None = None) -> TxReceipt:
    return system.send(
        system.escrow.functions.releaseMilestone(pid, index), caller or system.outsider
    )


def _approve_and_wait(system: System, pid: int, index: int) -> None:
    system.approve(pid, index)
    system.travel_to(system.milestone(pid, index)["windowEndsAt"])


def _mine_at(system: System, timestamp: int) -> None:
    system.w3.provider.make_request("evm_setNextBlockTimestamp", [timestamp])  # type: ignore[arg-type]
    system.w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]


def _send_at(system: System, fn_call: Any, sender: str, timestamp: int) -> TxReceipt:
    """Mine `fn_call` in a block at exactly `timestamp` (explicit gas: no estimate at latest)."""
    system.w3.provider.make_request("evm_setNextBlockTimestamp", [timestamp])  # type: ignore[arg-type]
    tx_hash = fn_call.transact({"from": sender, "gas": 1_000_000})
    receipt = system.w3.eth.wait_for_transaction_receipt(tx_hash)
    assert receipt["status"] == 1, f"{fn_call.fn_name} reverted at {timestamp}"
    assert system.w3.eth.get_block(receipt["blockNumber"])["timestamp"] == timestamp
    return receipt


def _odd_project(system: System) -> int:
    return system.funded(amounts=(ODD_RAISED,), min_goal=ONE, shares=ODD_SHARES)


def _amount(system: System, pid: int, index: int) -> int:
    return int(system.escrow.functions.releaseAmount(pid, index).call())


def test_anyone_releases_the_share_to_the_beneficiary_after_the_window(system: System) -> None:
    pid = system.funded(amounts=(20 * ONE, 10 * ONE))  # raised 30 ETH, shares 30/30/40 %
    _approve_and_wait(system, pid, 0)
    beneficiary_before = system.balance(None, system.beneficiary)
    escrow_before = system.balance(None, system.escrow.address)

    receipt = _release(system, pid, 0, system.outsider)

    assert system.event(receipt, system.escrow, "MilestoneReleased") == {
        "projectId": pid,
        "milestoneIndex": 0,
        "caller": system.outsider,
        "beneficiary": system.beneficiary,
        "amount": 9 * ONE,
        "totalReleased": 9 * ONE,
    }
    assert system.events(receipt, system.escrow, "ProjectCompleted") == []
    assert system.balance(None, system.beneficiary) == beneficiary_before + 9 * ONE
    assert system.balance(None, system.escrow.address) == escrow_before - 9 * ONE
    p = system.project(pid)
    assert (p["state"], p["released"], p["releasedCount"]) == (ACTIVE, 9 * ONE, 1)
    m = system.milestone(pid, 0)
    assert (m["state"], m["released"]) == (M_RELEASED, 9 * ONE)


def test_a_donor_may_trigger_the_release_too(system: System) -> None:
    pid = system.funded(amounts=(20 * ONE, 10 * ONE))
    _approve_and_wait(system, pid, 1)
    receipt = _release(system, pid, 1, system.donors[0])
    args = system.event(receipt, system.escrow, "MilestoneReleased")
    assert (args["caller"], args["beneficiary"], args["amount"]) == (
        system.donors[0],
        system.beneficiary,
        9 * ONE,
    )


def test_release_at_the_exact_end_of_the_window_is_accepted(system: System) -> None:
    pid = system.funded()
    system.approve(pid, 0)
    ends = system.milestone(pid, 0)["windowEndsAt"]
    _send_at(system, system.escrow.functions.releaseMilestone(pid, 0), system.outsider, ends)
    assert system.milestone(pid, 0)["state"] == M_RELEASED


def test_shares_round_down_and_the_last_milestone_takes_the_remainder(system: System) -> None:
    pid = _odd_project(system)
    assert system.project(pid)["raised"] == ODD_RAISED
    before = system.balance(None, system.beneficiary)
    amounts = []
    for index in range(3):
        _approve_and_wait(system, pid, index)
        args = system.event(_release(system, pid, index), system.escrow, "MilestoneReleased")
        amounts.append(args["amount"])
    assert amounts == [333_300_000_000_000_000, 333_300_000_000_000_000, 333_400_000_000_000_001]
    assert system.balance(None, system.beneficiary) == before + ODD_RAISED


def test_last_release_completes_the_project_and_empties_its_escrow(system: System) -> None:
    pid = _odd_project(system)
    for index in range(2):
        _approve_and_wait(system, pid, index)
        _release(system, pid, index)
    _approve_and_wait(system, pid, 2)
    receipt = _release(system, pid, 2)
    assert system.event(receipt, system.escrow, "MilestoneReleased") == {
        "projectId": pid,
        "milestoneIndex": 2,
        "caller": system.outsider,
        "beneficiary": system.beneficiary,
        "amount": 333_400_000_000_000_001,
        "totalReleased": ODD_RAISED,
    }
    assert system.event(receipt, system.escrow, "ProjectCompleted") == {"projectId": pid}
    p = system.project(pid)
    assert (p["state"], p["released"], p["releasedCount"]) == (COMPLETED, ODD_RAISED, 3)
    assert system.balance(None, system.escrow.address) == 0


def test_milestones_may_be_released_in_any_order(system: System) -> None:
    pid = _odd_project(system)
    amounts = {}
    for index in (2, 0, 1):
        _approve_and_wait(system, pid, index)
        receipt = _release(system, pid, index)
        amounts[index] = system.event(receipt, system.escrow, "MilestoneReleased")["amount"]
        completed = system.events(receipt, system.escrow, "ProjectCompleted")
        assert len(completed) == (1 if index == 1 else 0)
    # Milestone 2 was released first, so it got its rounded share; milestone 1 came last.
    assert amounts == {
        2: 333_400_000_000_000_000,
        0: 333_300_000_000_000_000,
        1: 333_300_000_000_000_001,
    }
    assert system.project(pid)["state"] == COMPLETED
    assert system.balance(None, system.escrow.address) == 0


def test_release_amount_view_follows_the_remainder_rule(system: System) -> None:
    pid = _odd_project(system)
    assert [_amount(system, pid, i) for i in range(3)] == [
        333_300_000_000_000_000,
        333_300_000_000_000_000,
        333_400_000_000_000_000,
    ]
    for index in (0, 1):
        _approve_and_wait(system, pid, index)
        _release(system, pid, index)
    assert _amount(system, pid, 0) == 0
    assert _amount(system, pid, 2) == 333_400_000_000_000_001
    _approve_and_wait(system, pid, 2)
    args = system.event(_release(system, pid, 2), system.escrow, "MilestoneReleased")
    assert args["amount"] == 333_400_000_000_000_001
    assert _amount(system, pid, 2) == 0


def test_release_amount_view_of_unknown_milestone_reverts(system: System) -> None:
    pid = system.funded()
    with system.reverts("EscrowUnknownMilestone", pid, 3):
        system.escrow.functions.releaseAmount(pid, 3).call()


def test_release_while_the_challenge_window_is_open_reverts(system: System) -> None:
    pid = system.funded()
    system.approve(pid, 0)
    ends = system.milestone(pid, 0)["windowEndsAt"]
    _mine_at(system, ends - 1)
    with system.reverts("EscrowChallengeWindowOpen", pid, 0, ends):
        _release(system, pid, 0)


def test_release_of_a_pending_milestone_reverts(system: System) -> None:
    pid = system.funded()
    with system.reverts("EscrowInvalidMilestoneState", pid, 0, M_PENDING):
        _release(system, pid, 0)


def test_release_of_a_milestone_in_review_reverts(system: System) -> None:
    pid = system.funded()
    system.submit(pid, 1)
    with system.reverts("EscrowInvalidMilestoneState", pid, 1, M_IN_REVIEW):
        _release(system, pid, 1)


def test_second_release_of_the_same_milestone_reverts(system: System) -> None:
    pid = system.funded()
    system.release(pid, 0)
    with system.reverts("EscrowInvalidMilestoneState", pid, 0, M_RELEASED):
        _release(system, pid, 0)


def test_release_for_a_suspended_organization_reverts(system: System) -> None:
    pid = system.funded()
    _approve_and_wait(system, pid, 0)
    system.send(
        system.registry.functions.suspendOrganization(system.org_id, h("fraud")), system.reviewer
    )
    with system.reverts("EscrowOrganizationNotActive", system.org_id):
        _release(system, pid, 0)


def test_release_resumes_once_the_organization_is_reinstated(system: System) -> None:
    pid = system.funded()
    _approve_and_wait(system, pid, 0)
    system.send(
        system.registry.functions.suspendOrganization(system.org_id, h("fraud")), system.reviewer
    )
    system.send(system.registry.functions.reinstateOrganization(system.org_id), system.reviewer)
    _release(system, pid, 0)
    assert system.milestone(pid, 0)["state"] == M_RELEASED


def test_release_after_the_organizations_approval_expired_reverts(system: System) -> None:
    pid = system.funded()
    system.approve(pid, 0)
    approved_until = system.registry.functions.organization(system.org_id).call()[2]
    system.travel_to(approved_until)
    with system.reverts("EscrowOrganizationNotActive", system.org_id):
        _release(system, pid, 0)


def test_release_of_a_cancelled_project_reverts(system: System) -> None:
    pid = system.funded()
    _approve_and_wait(system, pid, 0)
    system.send(system.escrow.functions.cancelProject(pid), system.org_admin)
    with system.reverts("EscrowInvalidProjectState", pid, CANCELLED):
        _release(system, pid, 0)


def test_release_while_funding_reverts(system: System) -> None:
    pid = system.create_project()
    with system.reverts("EscrowInvalidProjectState", pid, FUNDING):
        _release(system, pid, 0)


def test_release_of_an_unknown_project_reverts(system: System) -> None:
    with system.reverts("EscrowUnknownProject", 42):
        _release(system, 42, 0)


def test_release_while_paused_reverts_and_works_after_unpause(system: System) -> None:
    pid = system.funded()
    _approve_and_wait(system, pid, 0)
    system.send(system.escrow.functions.pause(), system.admin)
    with system.reverts("EnforcedPause"):
        _release(system, pid, 0)
    system.send(system.escrow.functions.unpause(), system.admin)
    _release(system, pid, 0)
    assert system.milestone(pid, 0)["state"] == M_RELEASED


def test_erc20_release_pays_the_beneficiary_in_the_token(system: System, token: Contract) -> None:
    pid = system.create_project(token=token.address)
    system.donate_token(token, pid, system.donors[0], 20 * ONE)
    system.donate_token(token, pid, system.donors[1], 10 * ONE)
    system.close(pid)
    eth_before = system.balance(None, system.beneficiary)
    _approve_and_wait(system, pid, 2)

    receipt = _release(system, pid, 2)

    assert system.event(receipt, system.escrow, "MilestoneReleased") == {
        "projectId": pid,
        "milestoneIndex": 2,
        "caller": system.outsider,
        "beneficiary": system.beneficiary,
        "amount": 12 * ONE,
        "totalReleased": 12 * ONE,
    }
    assert system.balance(token, system.beneficiary) == 12 * ONE
    assert system.balance(token, system.escrow.address) == 18 * ONE
    assert system.balance(None, system.beneficiary) == eth_before

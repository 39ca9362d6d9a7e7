"""challengeMilestone: donor weights, the threshold, new review rounds, windows and reverts."""

from __future__ import annotations

from typing import Any

from story import (
    ACTIVE,
    M_APPROVED,
    M_IN_REVIEW,
    M_PENDING,
    M_RELEASED,
    ONE,
    System,
)
from web3.types import TxReceipt


def _challenge(system: System, pid: int, index: int, donor: str) -> TxReceipt:
    return system.send(system.escrow.functions.challengeMilestone(pid, index), donor)


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


def _challenged(system: System, pid: int, index: int, who: str) -> bool:
    return bool(system.escrow.functions.hasChallenged(pid, index, who).call())


def test_donor_challenge_in_window_is_recorded_with_every_field(system: System) -> None:
    # raised 31 ETH, threshold 20%: one ETH of weight stays far below it.
    pid = system.funded(amounts=(20 * ONE, 10 * ONE, ONE), threshold_bps=2000)
    system.approve(pid, 0)
    receipt = _challenge(system, pid, 0, system.donors[2])
    assert system.event(receipt, system.escrow, "MilestoneChallenged") == {
        "projectId": pid,
        "milestoneIndex": 0,
        "donor": system.donors[2],
        "weight": ONE,
        "totalWeight": ONE,
    }
    assert system.events(receipt, system.escrow, "MilestoneReturnedToReview") == []
    assert _challenged(system, pid, 0, system.donors[2]) is True
    assert _challenged(system, pid, 0, system.donors[1]) is False
    m = system.milestone(pid, 0)
    assert (m["state"], m["challengeWeight"], m["round"]) == (M_APPROVED, ONE, 1)


def test_challenge_weight_is_the_donors_whole_contribution(system: System) -> None:
    pid = system.create_project(threshold_bps=9000)
    system.donate(pid, system.donors[0], 20 * ONE)
    system.donate(pid, system.donors[1], 2 * ONE)
    system.donate(pid, system.donors[1], 3 * ONE)
    system.close(pid)
    system.approve(pid, 1)
    receipt = _challenge(system, pid, 1, system.donors[1])
    args = system.event(receipt, system.escrow, "MilestoneChallenged")
    assert (args["weight"], args["totalWeight"]) == (5 * ONE, 5 * ONE)


def test_challenge_weights_accumulate_within_a_round(system: System) -> None:
    pid = system.funded(amounts=(20 * ONE, 3 * ONE, 2 * ONE), threshold_bps=5000)
    system.approve(pid, 0)
    _challenge(system, pid, 0, system.donors[1])
    receipt = _challenge(system, pid, 0, system.donors[2])
    args = system.event(receipt, system.escrow, "MilestoneChallenged")
    assert (args["weight"], args["totalWeight"]) == (2 * ONE, 5 * ONE)
    assert system.milestone(pid, 0)["challengeWeight"] == 5 * ONE


def test_challenges_reaching_threshold_return_the_milestone_to_review(system: System) -> None:
    # raised 40 ETH, threshold 50%: 10 + 10 ETH is exactly the threshold.
    pid = system.funded(amounts=(20 * ONE, 10 * ONE, 10 * ONE), threshold_bps=5000)
    digest = system.approve(pid, 0)
    first = _challenge(system, pid, 0, system.donors[1])
    assert system.events(first, system.escrow, "MilestoneReturnedToReview") == []
    receipt = _challenge(system, pid, 0, system.donors[2])
    assert system.event(receipt, system.escrow, "MilestoneChallenged") == {
        "projectId": pid,
        "milestoneIndex": 0,
        "donor": system.donors[2],
        "weight": 10 * ONE,
        "totalWeight": 20 * ONE,
    }
    assert system.event(receipt, system.escrow, "MilestoneReturnedToReview") == {
        "projectId": pid,
        "milestoneIndex": 0,
        "round": 2,
    }
    assert system.milestone(pid, 0) == {
        "bps": 3000,
        "dueDate": system.milestone(pid, 0)["dueDate"],
        "state": M_IN_REVIEW,
        "round": 2,
        "approvals": 0,
        "rejections": 0,
        "windowEndsAt": 0,
        "released": 0,
        "challengeWeight": 0,
        "evidenceHash": digest,
    }


def test_return_to_review_clears_votes_and_challenges_of_the_old_round(system: System) -> None:
    pid = system.funded(amounts=(20 * ONE, 10 * ONE), threshold_bps=2000)
    system.approve(pid, 0)
    _challenge(system, pid, 0, system.donors[1])
    for auditor in system.auditors[:2]:
        assert system.escrow.functions.hasVoted(pid, 0, auditor).call() is False
    assert _challenged(system, pid, 0, system.donors[1]) is False


def test_one_wei_below_threshold_stays_approved(system: System) -> None:
    # raised 40 ETH, threshold 50% = 20 ETH; the two challengers weigh 20 ETH - 1 wei.
    pid = system.funded(amounts=(20 * ONE + 1, 10 * ONE, 10 * ONE - 1), threshold_bps=5000)
    assert system.project(pid)["raised"] == 40 * ONE
    system.approve(pid, 0)
    _challenge(system, pid, 0, system.donors[1])
    receipt = _challenge(system, pid, 0, system.donors[2])
    assert system.event(receipt, system.escrow, "MilestoneChallenged")["totalWeight"] == (
        20 * ONE - 1
    )
    assert system.events(receipt, system.escrow, "MilestoneReturnedToReview") == []
    assert system.milestone(pid, 0)["state"] == M_APPROVED


def test_same_donor_may_challenge_again_in_a_later_round(system: System) -> None:
    pid = system.funded(amounts=(20 * ONE, 10 * ONE), threshold_bps=2000)
    digest = system.approve(pid, 0)
    _challenge(system, pid, 0, system.donors[1])
    assert system.milestone(pid, 0)["state"] == M_IN_REVIEW
    for auditor in system.auditors[:2]:
        system.send(system.escrow.functions.voteMilestone(pid, 0, digest, True), auditor)
    assert system.milestone(pid, 0)["state"] == M_APPROVED

    receipt = _challenge(system, pid, 0, system.donors[1])
    assert system.event(receipt, system.escrow, "MilestoneReturnedToReview")["round"] == 3
    assert system.milestone(pid, 0)["round"] == 3


def test_below_threshold_challenge_leaves_milestone_releasable_after_window(
    system: System,
) -> None:
    pid = system.funded(amounts=(20 * ONE, 10 * ONE, ONE), threshold_bps=5000)
    system.approve(pid, 0)
    _challenge(system, pid, 0, system.donors[1])
    m = system.milestone(pid, 0)
    assert (m["state"], m["challengeWeight"]) == (M_APPROVED, 10 * ONE)
    system.travel_to(m["windowEndsAt"])
    system.send(system.escrow.functions.releaseMilestone(pid, 0), system.outsider)
    assert system.milestone(pid, 0)["state"] == M_RELEASED
    assert system.project(pid)["state"] == ACTIVE


def test_challenge_in_the_last_second_of_the_window_is_accepted(system: System) -> None:
    pid = system.funded(amounts=(20 * ONE, 10 * ONE, ONE), threshold_bps=5000)
    system.approve(pid, 0)
    ends = system.milestone(pid, 0)["windowEndsAt"]
    _send_at(system, system.escrow.functions.challengeMilestone(pid, 0), system.donors[2], ends - 1)
    assert _challenged(system, pid, 0, system.donors[2]) is True


def test_non_donor_challenge_reverts(system: System) -> None:
    pid = system.funded()
    system.approve(pid, 0)
    with system.reverts("EscrowNotDonor", pid, system.outsider):
        _challenge(system, pid, 0, system.outsider)


def test_donor_of_another_project_cannot_challenge(system: System) -> None:
    pid = system.funded(amounts=(20 * ONE, 10 * ONE))
    system.approve(pid, 0)
    other = system.create_project()
    system.donate(other, system.donors[2], ONE)
    with system.reverts("EscrowNotDonor", pid, system.donors[2]):
        _challenge(system, pid, 0, system.donors[2])


def test_second_challenge_in_the_same_round_reverts(system: System) -> None:
    pid = system.funded(amounts=(20 * ONE, 10 * ONE, ONE), threshold_bps=5000)
    system.approve(pid, 0)
    _challenge(system, pid, 0, system.donors[2])
    with system.reverts("EscrowAlreadyChallenged", pid, 0, system.donors[2]):
        _challenge(system, pid, 0, system.donors[2])


def test_challenge_when_the_window_has_ended_reverts(system: System) -> None:
    pid = system.funded()
    system.approve(pid, 0)
    ends = system.milestone(pid, 0)["windowEndsAt"]
    _mine_at(system, ends)
    with system.reverts("EscrowChallengeWindowClosed", pid, 0, ends):
        _challenge(system, pid, 0, system.donors[0])


def test_challenge_of_a_pending_milestone_reverts(system: System) -> None:
    pid = system.funded()
    with system.reverts("EscrowInvalidMilestoneState", pid, 1, M_PENDING):
        _challenge(system, pid, 1, system.donors[0])


def test_challenge_of_a_milestone_in_review_reverts(system: System) -> None:
    pid = system.funded()
    system.submit(pid, 0)
    with system.reverts("EscrowInvalidMilestoneState", pid, 0, M_IN_REVIEW):
        _challenge(system, pid, 0, system.donors[0])


def test_challenge_of_a_released_milestone_reverts(system: System) -> None:
    pid = system.funded()
    system.release(pid, 0)
    with system.reverts("EscrowInvalidMilestoneState", pid, 0, M_RELEASED):
        _challenge(system, pid, 0, system.donors[0])

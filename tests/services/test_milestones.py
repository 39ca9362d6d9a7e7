"""Evidence, auditor votes, donor challenges and releases."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from eth_utils.crypto import keccak
from web3 import Web3

from charitychain.contracts.suite import Suite
from charitychain.services import milestones
from charitychain.services.inputs import InvalidInput
from charitychain.services.milestones import Challenge, EvidenceSubmitted, Release, VoteCast
from charitychain.services.session import Session
from charitychain.services.transact import ContractRevert, Signer
from charitychain.services.views import milestone_info, project_info
from services.world import DAY, ETHER, Cast

EVIDENCE = keccak(text="photos, GPS, water test")


@pytest.fixture
def submitted(cast: Cast, as_: Callable[[Signer], Session], active_project: int) -> int:
    """The active project with evidence for milestone 0 in review."""
    milestones.submit_evidence(as_(cast.org_admin), active_project, 0, EVIDENCE, "ipfs://e0")
    return active_project


@pytest.fixture
def approved(cast: Cast, as_: Callable[[Signer], Session], submitted: int) -> int:
    """Milestone 0 approved by two auditors (quorum 2): its challenge window runs 2 days."""
    for auditor in cast.auditors[:2]:
        milestones.vote(as_(auditor), submitted, 0, approve=True)
    return submitted


def test_submit_evidence_returns_hash_and_review_round_from_the_event(
    suite: Suite, cast: Cast, as_: Callable[[Signer], Session], active_project: int
) -> None:
    result = milestones.submit_evidence(
        as_(cast.org_admin), active_project, 0, EVIDENCE, "ipfs://e0"
    )

    assert isinstance(result, EvidenceSubmitted)
    assert (result.project_id, result.index, result.evidence_hash, result.round) == (
        active_project,
        0,
        EVIDENCE,
        1,
    )
    info = milestone_info(suite, active_project, 0)
    assert (info.state, info.evidence_hash) == ("InReview", EVIDENCE)


def test_submitting_for_a_milestone_index_out_of_range_names_the_range_before_sending(
    cast: Cast,
    as_: Callable[[Signer], Session],
    active_project: int,
    nonce: Callable[[Signer], int],
) -> None:
    before = nonce(cast.org_admin)

    with pytest.raises(InvalidInput) as caught:
        milestones.submit_evidence(as_(cast.org_admin), active_project, 3, EVIDENCE, "")

    assert str(caught.value) == f"project {active_project} has milestones 0 to 2, not 3"
    assert nonce(cast.org_admin) == before


def test_submitting_as_someone_else_than_the_organization_admin_is_decoded(
    cast: Cast, as_: Callable[[Signer], Session], active_project: int
) -> None:
    intruder = cast.donors[0]

    with pytest.raises(ContractRevert) as caught:
        milestones.submit_evidence(as_(intruder), active_project, 0, EVIDENCE, "")

    assert caught.value.decoded is not None
    assert caught.value.decoded.name == "EscrowNotOrganizationAdmin"
    assert caught.value.decoded.args == (1, intruder.address)


def test_a_vote_returns_the_tally_and_the_state_after_it(
    cast: Cast, as_: Callable[[Signer], Session], submitted: int
) -> None:
    first = milestones.vote(as_(cast.auditors[0]), submitted, 0, approve=True)

    assert isinstance(first, VoteCast)
    assert (first.approved, first.approvals, first.rejections, first.state) == (
        True,
        1,
        0,
        "InReview",
    )

    second = milestones.vote(as_(cast.auditors[1]), submitted, 0, approve=True)

    assert (second.approvals, second.state) == (2, "Approved")


def test_rejections_reaching_quorum_reject_the_milestone(
    cast: Cast, as_: Callable[[Signer], Session], submitted: int
) -> None:
    milestones.vote(as_(cast.auditors[0]), submitted, 0, approve=False)

    result = milestones.vote(as_(cast.auditors[1]), submitted, 0, approve=False)

    assert (result.approved, result.rejections, result.state) == (False, 2, "Rejected")


def test_voting_as_a_non_auditor_is_decoded_to_escrow_not_auditor(
    cast: Cast,
    as_: Callable[[Signer], Session],
    submitted: int,
    nonce: Callable[[Signer], int],
) -> None:
    donor = cast.donors[0]
    before = nonce(donor)

    with pytest.raises(ContractRevert) as caught:
        milestones.vote(as_(donor), submitted, 0, approve=True)

    decoded = caught.value.decoded
    assert decoded is not None
    assert decoded.name == "EscrowNotAuditor"
    assert decoded.args == (donor.address,)
    assert decoded.arg_names == ("account",)
    assert (
        str(caught.value)
        == f"voteMilestone would revert: EscrowNotAuditor(account={donor.address})"
    )
    assert nonce(donor) == before


def test_voting_on_evidence_that_is_not_under_review_is_decoded(
    cast: Cast, as_: Callable[[Signer], Session], submitted: int
) -> None:
    other = keccak(text="something else")

    with pytest.raises(ContractRevert) as caught:
        milestones.vote(as_(cast.auditors[0]), submitted, 0, approve=True, evidence_hash=other)

    assert caught.value.decoded is not None
    assert caught.value.decoded.name == "EscrowEvidenceMismatch"
    assert caught.value.decoded.args == (submitted, 0, EVIDENCE, other)


def test_voting_twice_is_decoded(
    cast: Cast, as_: Callable[[Signer], Session], submitted: int
) -> None:
    auditor = cast.auditors[0]
    milestones.vote(as_(auditor), submitted, 0, approve=True)

    with pytest.raises(ContractRevert) as caught:
        milestones.vote(as_(auditor), submitted, 0, approve=True)

    assert caught.value.decoded is not None
    assert caught.value.decoded.name == "EscrowAlreadyVoted"
    assert caught.value.decoded.args == (submitted, 0, auditor.address)


def test_a_challenge_below_the_threshold_leaves_the_approval_standing(
    cast: Cast, as_: Callable[[Signer], Session], approved: int
) -> None:
    result = milestones.challenge(as_(cast.donors[1]), approved, 0)  # 2 of 6 ETH < 50 %

    assert isinstance(result, Challenge)
    assert (result.weight, result.total_weight, result.returned_to_review) == (
        2 * ETHER,
        2 * ETHER,
        False,
    )


def test_a_challenge_reaching_the_threshold_returns_the_milestone_to_review(
    suite: Suite, cast: Cast, as_: Callable[[Signer], Session], approved: int
) -> None:
    result = milestones.challenge(as_(cast.donors[0]), approved, 0)  # 4 of 6 ETH >= 50 %

    assert (result.weight, result.returned_to_review) == (4 * ETHER, True)
    assert milestone_info(suite, approved, 0).state == "InReview"


def test_a_challenge_by_a_non_donor_is_decoded(
    cast: Cast, as_: Callable[[Signer], Session], approved: int
) -> None:
    with pytest.raises(ContractRevert) as caught:
        milestones.challenge(as_(cast.donors[2]), approved, 0)

    assert caught.value.decoded is not None
    assert caught.value.decoded.name == "EscrowNotDonor"
    assert caught.value.decoded.args == (approved, cast.donors[2].address)


def test_release_after_the_window_pays_the_beneficiary_its_share(
    w3: Web3,
    cast: Cast,
    as_: Callable[[Signer], Session],
    approved: int,
    travel: Callable[[int], int],
) -> None:
    travel(2 * DAY)
    before = w3.eth.get_balance(cast.beneficiary.address)

    result = milestones.release(as_(cast.donors[2]), approved, 0)

    assert isinstance(result, Release)
    expected = 6 * ETHER * 3000 // 10_000
    assert (result.project_id, result.index, result.beneficiary) == (
        approved,
        0,
        cast.beneficiary.address,
    )
    assert (result.amount, result.total_released, result.completed) == (expected, expected, False)
    assert w3.eth.get_balance(cast.beneficiary.address) - before == expected


def test_releasing_the_last_milestone_reports_the_project_completed(
    suite: Suite,
    cast: Cast,
    as_: Callable[[Signer], Session],
    active_project: int,
    travel: Callable[[int], int],
) -> None:
    results = []
    for index in range(3):
        milestones.submit_evidence(as_(cast.org_admin), active_project, index, EVIDENCE, "")
        for auditor in cast.auditors[:2]:
            milestones.vote(as_(auditor), active_project, index, approve=True)
        travel(2 * DAY)
        results.append(milestones.release(as_(cast.donors[0]), active_project, index))

    assert [r.completed for r in results] == [False, False, True]
    assert results[-1].total_released == 6 * ETHER
    assert project_info(suite, active_project).state == "Completed"


def test_releasing_during_the_challenge_window_is_refused_before_sending(
    cast: Cast,
    as_: Callable[[Signer], Session],
    approved: int,
    nonce: Callable[[Signer], int],
) -> None:
    before = nonce(cast.donors[2])

    with pytest.raises(InvalidInput) as caught:
        milestones.release(as_(cast.donors[2]), approved, 0)

    message = str(caught.value)
    assert f"milestone 0 of project {approved} is in its challenge window for" in message
    assert "release after it ends" in message
    assert nonce(cast.donors[2]) == before


def test_releasing_a_milestone_that_is_not_approved_is_refused_before_sending(
    cast: Cast,
    as_: Callable[[Signer], Session],
    submitted: int,
    nonce: Callable[[Signer], int],
) -> None:
    before = nonce(cast.donors[2])

    with pytest.raises(InvalidInput) as caught:
        milestones.release(as_(cast.donors[2]), submitted, 0)

    assert str(caught.value).startswith(f"milestone 0 of project {submitted} is InReview;")
    assert nonce(cast.donors[2]) == before


def test_releasing_a_milestone_without_evidence_names_its_pending_state(
    cast: Cast, as_: Callable[[Signer], Session], active_project: int
) -> None:
    with pytest.raises(InvalidInput, match="is Pending; only an approved milestone"):
        milestones.release(as_(cast.donors[0]), active_project, 2)

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Charity escrow: projects, donations, milestone-gated releases, challenges, refunds
/// @notice Holds every donated unit until auditors approve a milestone's evidence (then it goes
///         to the project's beneficiary) or the project fails or is cancelled (then each donor
///         pulls a pro-rata refund). No role can take, redirect or sweep escrowed funds.
/// @dev Project:   None -> Funding -> Active -> Completed | Cancelled;  Funding -> Failed | Cancelled.
///      Milestone: Pending -> InReview -> Approved -> Released;  InReview -> Rejected -> InReview;
///                 Approved -> InReview (challenged).
interface ICharityEscrow {
    enum ProjectState {
        None,
        Funding,
        Active,
        Completed,
        Cancelled,
        Failed
    }

    enum MilestoneState {
        Pending,
        InReview,
        Approved,
        Released,
        Rejected
    }

    enum CancelReason {
        ByOrganization,
        OrganizationSuspended,
        MilestoneOverdue
    }

    /// @notice One milestone as fixed at creation: its share of the final raised amount and due date.
    struct MilestoneParams {
        uint16 bps;
        uint40 dueDate;
    }

    /// @notice Everything a project is created with; `ProjectCreated` carries all of it.
    /// @param token ERC-20 to raise, or the zero address for ETH.
    /// @param minGoal Raised below this at close means Failed (full refunds).
    /// @param cap Donations stop at this amount.
    /// @param deadline Funding closes at this timestamp (or earlier, once the cap is reached).
    /// @param quorum Distinct auditor approvals each milestone's evidence needs.
    /// @param challengeWindow Seconds donors have to challenge an approval.
    /// @param challengeThresholdBps Share of raised (basis points) whose challenges reopen review.
    struct ProjectParams {
        address beneficiary;
        address token;
        uint128 minGoal;
        uint128 cap;
        uint40 deadline;
        uint8 quorum;
        uint32 challengeWindow;
        uint16 challengeThresholdBps;
        bytes32 category;
        bytes32 metadataHash;
        string metadataURI;
        MilestoneParams[] milestones;
    }

    /// @notice A project's parameters and running totals, in one call.
    struct ProjectView {
        uint256 orgId;
        address beneficiary;
        address token;
        ProjectState state;
        uint40 deadline;
        uint8 quorum;
        uint32 challengeWindow;
        uint16 challengeThresholdBps;
        uint8 milestoneCount;
        uint8 releasedCount;
        uint128 minGoal;
        uint128 cap;
        uint128 raised;
        uint128 released;
        uint128 refunded;
        bytes32 category;
        bytes32 metadataHash;
    }

    /// @notice A milestone's review and release state, in one call.
    struct MilestoneView {
        uint16 bps;
        uint40 dueDate;
        MilestoneState state;
        uint16 round;
        uint8 approvals;
        uint8 rejections;
        uint40 windowEndsAt;
        uint120 released;
        uint128 challengeWeight;
        bytes32 evidenceHash;
    }

    /// @notice A donor's position in one project.
    struct DonorPosition {
        uint128 contributed;
        uint128 refunded;
        uint256 refundable;
    }

    // ----------------------------------------------------------------------------------
    // Errors
    // ----------------------------------------------------------------------------------

    error EscrowUnknownProject(uint256 projectId);
    error EscrowInvalidProjectState(uint256 projectId, ProjectState state);
    error EscrowOrganizationNotActive(uint256 orgId);
    error EscrowNotOrganizationAdmin(uint256 orgId, address account);
    error EscrowNotAdmin(address account);
    error EscrowTokenNotAllowed(address token);
    error EscrowInvalidBeneficiary(address beneficiary);
    error EscrowInvalidGoal(uint256 minGoal, uint256 cap);
    error EscrowInvalidDeadline(uint256 deadline, uint256 nowTime);
    error EscrowInvalidMilestoneCount(uint256 count, uint256 max);
    error EscrowInvalidMilestoneShares(uint256 bpsSum);
    error EscrowMilestoneDueBeforeDeadline(uint256 index, uint256 dueDate, uint256 deadline);
    error EscrowInvalidQuorum(uint256 quorum);
    error EscrowInvalidChallengeSettings(uint256 window, uint256 thresholdBps);
    error EscrowEmptyHash();
    error EscrowWrongAsset(uint256 projectId, address token);
    error EscrowZeroAmount();
    error EscrowFundingEnded(uint256 projectId, uint256 deadline);
    error EscrowCapExceeded(uint256 projectId, uint256 remaining, uint256 amount);
    error EscrowFundingStillOpen(uint256 projectId, uint256 deadline, uint256 raised, uint256 cap);
    error EscrowUnknownMilestone(uint256 projectId, uint256 index);
    error EscrowInvalidMilestoneState(uint256 projectId, uint256 index, MilestoneState state);
    error EscrowNotAuditor(address account);
    error EscrowAuditorConflict(uint256 projectId, address auditor);
    error EscrowEvidenceMismatch(uint256 projectId, uint256 index, bytes32 current, bytes32 given);
    error EscrowAlreadyVoted(uint256 projectId, uint256 index, address auditor);
    error EscrowChallengeWindowClosed(uint256 projectId, uint256 index, uint256 windowEndsAt);
    error EscrowChallengeWindowOpen(uint256 projectId, uint256 index, uint256 windowEndsAt);
    error EscrowNotDonor(uint256 projectId, address account);
    error EscrowAlreadyChallenged(uint256 projectId, uint256 index, address donor);
    error EscrowNotCancellable(uint256 projectId, address account);
    error EscrowNothingToRefund(uint256 projectId, address donor);
    error EscrowAlreadyRefunded(uint256 projectId, address donor);
    error EscrowEthTransferFailed(address to, uint256 amount);

    // ----------------------------------------------------------------------------------
    // Events
    // ----------------------------------------------------------------------------------

    /// @notice A project was created; carries every parameter so indexers need no call.
    event ProjectCreated(uint256 indexed projectId, uint256 indexed orgId, address indexed creator, ProjectParams params);
    /// @notice `donor` gave `amount` (net of any transfer fee) with receipt commitment `memo`.
    event DonationReceived(uint256 indexed projectId, address indexed donor, uint256 amount, bytes32 memo);
    /// @notice Funding closed into `state` (Active or Failed) with `raised` final.
    event FundingClosed(uint256 indexed projectId, address indexed caller, ProjectState state, uint256 raised);
    /// @notice Evidence for a milestone was (re)submitted, starting review round `round`.
    event EvidenceSubmitted(
        uint256 indexed projectId,
        uint256 indexed milestoneIndex,
        address indexed submitter,
        bytes32 evidenceHash,
        string evidenceURI,
        uint16 round
    );
    /// @notice An auditor voted on the exact evidence hash; running tallies of the round follow.
    event MilestoneVoteCast(
        uint256 indexed projectId,
        uint256 indexed milestoneIndex,
        address indexed auditor,
        bool approved,
        bytes32 evidenceHash,
        uint8 approvals,
        uint8 rejections
    );
    /// @notice Quorum approved the evidence; donors may challenge until `windowEndsAt`.
    event MilestoneApproved(uint256 indexed projectId, uint256 indexed milestoneIndex, uint40 windowEndsAt);
    /// @notice Quorum rejected the evidence; the organization must submit new evidence.
    event MilestoneRejected(uint256 indexed projectId, uint256 indexed milestoneIndex, uint16 round);
    /// @notice `donor` challenged the approval with weight `weight`; `totalWeight` so far this round.
    event MilestoneChallenged(
        uint256 indexed projectId, uint256 indexed milestoneIndex, address indexed donor, uint256 weight, uint256 totalWeight
    );
    /// @notice Challenges reached the threshold; the milestone is back in review as round `round`.
    event MilestoneReturnedToReview(uint256 indexed projectId, uint256 indexed milestoneIndex, uint16 round);
    /// @notice `amount` went to `beneficiary`; `totalReleased` is the project's new total.
    event MilestoneReleased(
        uint256 indexed projectId,
        uint256 indexed milestoneIndex,
        address indexed caller,
        address beneficiary,
        uint256 amount,
        uint256 totalReleased
    );
    /// @notice The last milestone was released.
    event ProjectCompleted(uint256 indexed projectId);
    /// @notice The project was cancelled; donors can claim refunds of what was not released.
    event ProjectCancelled(uint256 indexed projectId, address indexed caller, CancelReason reason, uint256 released);
    /// @notice `donor` pulled `amount` back from a failed or cancelled project.
    event RefundClaimed(uint256 indexed projectId, address indexed donor, uint256 amount);

    // ----------------------------------------------------------------------------------
    // Actions
    // ----------------------------------------------------------------------------------

    /// @notice Create a project for the caller's approved organization.
    /// @return projectId The new id (also in `ProjectCreated`).
    function createProject(ProjectParams calldata params) external returns (uint256 projectId);

    /// @notice Donate ETH to a project in Funding. `memo` is a receipt commitment, never personal data.
    function donate(uint256 projectId, bytes32 memo) external payable;

    /// @notice Donate `amount` of the project's ERC-20 (approve it first); credited net of fees.
    function donateToken(uint256 projectId, uint256 amount, bytes32 memo) external;

    /// @notice Close funding once the deadline passed or the cap is reached. Anyone may call.
    function closeFunding(uint256 projectId) external;

    /// @notice Submit or replace a milestone's evidence; clears the round's votes. Organization admin only.
    function submitEvidence(uint256 projectId, uint256 milestoneIndex, bytes32 evidenceHash, string calldata evidenceURI)
        external;

    /// @notice Approve or reject the milestone's current evidence, named by its hash. Auditors only.
    function voteMilestone(uint256 projectId, uint256 milestoneIndex, bytes32 evidenceHash, bool approve) external;

    /// @notice Challenge an approved milestone during its window. Donors only, once per round.
    function challengeMilestone(uint256 projectId, uint256 milestoneIndex) external;

    /// @notice Release an approved milestone to the beneficiary once its window ended. Anyone may call.
    function releaseMilestone(uint256 projectId, uint256 milestoneIndex) external;

    /// @notice Cancel a project: by its organization, by a reviewer when the organization is
    ///         suspended, or by anyone once a milestone is overdue past the grace period.
    function cancelProject(uint256 projectId) external;

    /// @notice Pull the caller's refund from a failed or cancelled project. Never paused.
    function claimRefund(uint256 projectId) external;

    /// @notice Stop donations and releases. Registry admin only. Refunds keep working.
    function pause() external;

    /// @notice Resume donations and releases. Registry admin only.
    function unpause() external;

    // ----------------------------------------------------------------------------------
    // Views
    // ----------------------------------------------------------------------------------

    /// @notice A project's parameters and totals. Reverts for an unknown id.
    function project(uint256 projectId) external view returns (ProjectView memory);

    /// @notice A milestone's state. Reverts for an unknown project or index.
    function milestone(uint256 projectId, uint256 milestoneIndex) external view returns (MilestoneView memory);

    /// @notice A donor's contribution, refund taken, and refund available now.
    function position(uint256 projectId, address donor) external view returns (DonorPosition memory);

    /// @notice The refund `donor` could claim now (zero unless Failed or Cancelled).
    function refundableAmount(uint256 projectId, address donor) external view returns (uint256);

    /// @notice What releasing this milestone would pay (the last one takes the remainder).
    function releaseAmount(uint256 projectId, uint256 milestoneIndex) external view returns (uint256);

    /// @notice Whether `auditor` voted in the milestone's current review round.
    function hasVoted(uint256 projectId, uint256 milestoneIndex, address auditor) external view returns (bool);

    /// @notice Whether `donor` challenged in the milestone's current round.
    function hasChallenged(uint256 projectId, uint256 milestoneIndex, address donor) external view returns (bool);

    /// @notice Number of projects; ids run from 1 to this.
    function projectCount() external view returns (uint256);

    /// @notice Seconds after a milestone's due date before anyone may cancel the project.
    function cancelGracePeriod() external view returns (uint256);
}

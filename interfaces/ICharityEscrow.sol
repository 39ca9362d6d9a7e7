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

    /// @notice No project has id `projectId`.
    error EscrowUnknownProject(uint256 projectId);
    /// @notice The project is in `state`, where this action is not allowed.
    error EscrowInvalidProjectState(uint256 projectId, ProjectState state);
    /// @notice The organization is not approved, or its approval expired.
    error EscrowOrganizationNotActive(uint256 orgId);
    /// @notice Only the organization's admin address may do this.
    error EscrowNotOrganizationAdmin(uint256 orgId, address account);
    /// @notice Only the registry's admin may pause or unpause.
    error EscrowNotAdmin(address account);
    /// @notice The registry does not allow `token` for new projects.
    error EscrowTokenNotAllowed(address token);
    /// @notice The beneficiary must be a real address other than the escrow.
    error EscrowInvalidBeneficiary(address beneficiary);
    /// @notice Need 0 < minGoal <= cap <= 2**120 - 1.
    error EscrowInvalidGoal(uint256 minGoal, uint256 cap);
    /// @notice The funding deadline must be in the future.
    error EscrowInvalidDeadline(uint256 deadline, uint256 nowTime);
    /// @notice A project has 1 to `max` milestones.
    error EscrowInvalidMilestoneCount(uint256 count, uint256 max);
    /// @notice Milestone shares must each be non-zero and sum to 10,000 bps.
    error EscrowInvalidMilestoneShares(uint256 bpsSum);
    /// @notice Every milestone must fall due after the funding deadline.
    error EscrowMilestoneDueBeforeDeadline(uint256 index, uint256 dueDate, uint256 deadline);
    /// @notice At least one auditor approval must be required.
    error EscrowInvalidQuorum(uint256 quorum);
    /// @notice Threshold must be 1..10,000 bps and the window at most 365 days.
    error EscrowInvalidChallengeSettings(uint256 window, uint256 thresholdBps);
    /// @notice A zero hash commits to nothing.
    error EscrowEmptyHash();
    /// @notice The project raises `token`; this call sent the other kind of asset.
    error EscrowWrongAsset(uint256 projectId, address token);
    /// @notice Nothing was given (or a fee-on-transfer token credited nothing).
    error EscrowZeroAmount();
    /// @notice The funding deadline has passed.
    error EscrowFundingEnded(uint256 projectId, uint256 deadline);
    /// @notice Only `remaining` more can be raised; `amount` is too much.
    error EscrowCapExceeded(uint256 projectId, uint256 remaining, uint256 amount);
    /// @notice Funding closes only at the deadline or once the cap is reached.
    error EscrowFundingStillOpen(uint256 projectId, uint256 deadline, uint256 raised, uint256 cap);
    /// @notice The project has no milestone `index`.
    error EscrowUnknownMilestone(uint256 projectId, uint256 index);
    /// @notice The milestone is in `state`, where this action is not allowed.
    error EscrowInvalidMilestoneState(uint256 projectId, uint256 index, MilestoneState state);
    /// @notice Only auditors review milestone evidence.
    error EscrowNotAuditor(address account);
    /// @notice The organization's admin and the beneficiary cannot review its milestones.
    error EscrowAuditorConflict(uint256 projectId, address auditor);
    /// @notice The vote names evidence `given`, but `current` is under review.
    error EscrowEvidenceMismatch(uint256 projectId, uint256 index, bytes32 current, bytes32 given);
    /// @notice Each auditor votes once per review round.
    error EscrowAlreadyVoted(uint256 projectId, uint256 index, address auditor);
    /// @notice The challenge window ended at `windowEndsAt`.
    error EscrowChallengeWindowClosed(uint256 projectId, uint256 index, uint256 windowEndsAt);
    /// @notice The milestone can be released only after `windowEndsAt`.
    error EscrowChallengeWindowOpen(uint256 projectId, uint256 index, uint256 windowEndsAt);
    /// @notice Only donors to the project can challenge.
    error EscrowNotDonor(uint256 projectId, address account);
    /// @notice Each donor challenges once per review round.
    error EscrowAlreadyChallenged(uint256 projectId, uint256 index, address donor);
    /// @notice `account` may not cancel: not the organization, not a reviewer of a suspended one,
    ///         and nothing is overdue.
    error EscrowNotCancellable(uint256 projectId, address account);
    /// @notice `donor` has no refund due (never gave, or the share rounds to zero).
    error EscrowNothingToRefund(uint256 projectId, address donor);
    /// @notice `donor` already claimed the refund.
    error EscrowAlreadyRefunded(uint256 projectId, address donor);
    /// @notice The recipient refused the ETH; only this call fails, the funds stay claimable.
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

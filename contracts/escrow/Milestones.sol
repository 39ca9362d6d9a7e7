// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EscrowBase} from "./EscrowBase.sol";
import {ICharityEscrow} from "../../interfaces/ICharityEscrow.sol";
import {EscrowMath} from "../libraries/EscrowMath.sol";

/// @title Milestones
/// @notice Evidence, auditor review by quorum, donor challenges and releases to the beneficiary.
/// @dev Votes and challenges are keyed by review round, so starting a new round clears them
///      without a loop.
abstract contract Milestones is EscrowBase {
    // ----------------------------------------------------------------------------------
    // External
    // ----------------------------------------------------------------------------------

    /// @inheritdoc ICharityEscrow
    function submitEvidence(uint256 projectId, uint256 milestoneIndex, bytes32 evidenceHash, string calldata evidenceURI)
        external
    {
        Project storage p = _requireState(projectId, ProjectState.Active);
        Milestone storage m = _requireMilestone(projectId, p, milestoneIndex);
        _requireOrgAdmin(p.orgId, msg.sender);
        if (evidenceHash == bytes32(0)) revert EscrowEmptyHash();
        MilestoneState state = m.state;
        if (state == MilestoneState.Approved || state == MilestoneState.Released) {
            revert EscrowInvalidMilestoneState(projectId, milestoneIndex, state);
        }

        uint16 round = m.round + 1;
        m.evidenceHash = evidenceHash;
        m.round = round;
        m.approvals = 0;
        m.rejections = 0;
        m.state = MilestoneState.InReview;
        emit EvidenceSubmitted(projectId, milestoneIndex, msg.sender, evidenceHash, evidenceURI, round);
    }

    /// @inheritdoc ICharityEscrow
    function voteMilestone(uint256 projectId, uint256 milestoneIndex, bytes32 evidenceHash, bool approve) external {
        Project storage p = _requireState(projectId, ProjectState.Active);
        Milestone storage m = _requireMilestone(projectId, p, milestoneIndex);
        _requireMilestoneState(projectId, milestoneIndex, m, MilestoneState.InReview);
        if (!registry.isAuditor(msg.sender)) revert EscrowNotAuditor(msg.sender);
        // slither-disable-next-line unused-return
        (address orgAdmin,,) = registry.orgStanding(p.orgId);
        if (msg.sender == orgAdmin || msg.sender == p.beneficiary) revert EscrowAuditorConflict(projectId, msg.sender);
        if (evidenceHash != m.evidenceHash) {
            revert EscrowEvidenceMismatch(projectId, milestoneIndex, m.evidenceHash, evidenceHash);
        }
        mapping(address => bool) storage voted = _voted[projectId][milestoneIndex][m.round];
        if (voted[msg.sender]) revert EscrowAlreadyVoted(projectId, milestoneIndex, msg.sender);

        voted[msg.sender] = true;
        if (approve) m.approvals += 1;
        else m.rejections += 1;
        emit MilestoneVoteCast(projectId, milestoneIndex, msg.sender, approve, evidenceHash, m.approvals, m.rejections);

        if (m.approvals >= p.quorum) {
            uint40 windowEndsAt = uint40(block.timestamp + p.challengeWindow);
            m.state = MilestoneState.Approved;
            m.windowEndsAt = windowEndsAt;
            m.challengeWeight = 0;
            emit MilestoneApproved(projectId, milestoneIndex, windowEndsAt);
        } else if (m.rejections >= p.quorum) {
            m.state = MilestoneState.Rejected;
            emit MilestoneRejected(projectId, milestoneIndex, m.round);
        }
    }

    /// @inheritdoc ICharityEscrow
    function challengeMilestone(uint256 projectId, uint256 milestoneIndex) external {
        Project storage p = _requireState(projectId, ProjectState.Active);
        Milestone storage m = _requireMilestone(projectId, p, milestoneIndex);
        _requireMilestoneState(projectId, milestoneIndex, m, MilestoneState.Approved);
        if (block.timestamp >= m.windowEndsAt) {
            revert EscrowChallengeWindowClosed(projectId, milestoneIndex, m.windowEndsAt);
        }
        uint256 weight = _positions[projectId][msg.sender].contributed;
        if (weight == 0) revert EscrowNotDonor(projectId, msg.sender);
        mapping(address => bool) storage challenged = _challenged[projectId][milestoneIndex][m.round];
        if (challenged[msg.sender]) revert EscrowAlreadyChallenged(projectId, milestoneIndex, msg.sender);

        challenged[msg.sender] = true;
        uint256 total = m.challengeWeight + weight; // <= raised <= type(uint120).max
        m.challengeWeight = uint128(total);
        emit MilestoneChallenged(projectId, milestoneIndex, msg.sender, weight, total);

        if (total * EscrowMath.BPS >= uint256(p.challengeThresholdBps) * p.raised) {
            uint16 round = m.round + 1;
            m.round = round;
            m.approvals = 0;
            m.rejections = 0;
            m.windowEndsAt = 0;
            m.challengeWeight = 0;
            m.state = MilestoneState.InReview;
            emit MilestoneReturnedToReview(projectId, milestoneIndex, round);
        }
    }

    /// @inheritdoc ICharityEscrow
    function releaseMilestone(uint256 projectId, uint256 milestoneIndex) external nonReentrant whenNotPaused {
        Project storage p = _requireState(projectId, ProjectState.Active);
        Milestone storage m = _requireMilestone(projectId, p, milestoneIndex);
        _requireMilestoneState(projectId, milestoneIndex, m, MilestoneState.Approved);
        if (block.timestamp < m.windowEndsAt) {
            revert EscrowChallengeWindowOpen(projectId, milestoneIndex, m.windowEndsAt);
        }
        // slither-disable-next-line unused-return
        (, bool active,) = registry.orgStanding(p.orgId);
        if (!active) revert EscrowOrganizationNotActive(p.orgId);

        bool isLast = p.releasedCount + 1 == p.milestoneCount;
        uint256 amount = EscrowMath.milestoneAmount(p.raised, p.released, m.bps, isLast);
        uint256 totalReleased = p.released + amount;
        // Casts are safe: every amount here is <= raised <= type(uint120).max.
        m.state = MilestoneState.Released;
        m.released = uint120(amount);
        p.released = uint128(totalReleased);
        p.releasedCount += 1;
        if (isLast) p.state = ProjectState.Completed;

        address beneficiary = p.beneficiary;
        emit MilestoneReleased(projectId, milestoneIndex, msg.sender, beneficiary, amount, totalReleased);
        if (isLast) emit ProjectCompleted(projectId);
        _pay(p.token, beneficiary, amount);
    }
}

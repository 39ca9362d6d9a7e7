// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EscrowBase} from "./escrow/EscrowBase.sol";
import {Funding} from "./escrow/Funding.sol";
import {Milestones} from "./escrow/Milestones.sol";
import {Refunds} from "./escrow/Refunds.sol";
import {EscrowMath} from "./libraries/EscrowMath.sol";
import {ICharityEscrow} from "../interfaces/ICharityEscrow.sol";
import {ICharityRegistry} from "../interfaces/ICharityRegistry.sol";

/// @title CharityEscrow
/// @notice Holds donations per project and lets them out only by milestone release or refund.
/// @dev Composed of Funding, Milestones and Refunds, which share EscrowBase's storage. There is
///      deliberately no function that moves escrowed funds anywhere else, for any role.
contract CharityEscrow is Funding, Milestones, Refunds {
    /// @param registry_ Registry of roles, organizations and allowed tokens.
    /// @param cancelGracePeriod_ Seconds after a milestone's due date before anyone may cancel.
    constructor(ICharityRegistry registry_, uint256 cancelGracePeriod_) EscrowBase(registry_, cancelGracePeriod_) {}

    // ----------------------------------------------------------------------------------
    // External
    // ----------------------------------------------------------------------------------

    /// @inheritdoc ICharityEscrow
    function pause() external {
        _requireRegistryAdmin();
        _pause();
    }

    /// @inheritdoc ICharityEscrow
    function unpause() external {
        _requireRegistryAdmin();
        _unpause();
    }

    // ----------------------------------------------------------------------------------
    // Views
    // ----------------------------------------------------------------------------------

    /// @inheritdoc ICharityEscrow
    function project(uint256 projectId) external view returns (ProjectView memory v) {
        Project storage p = _requireProject(projectId);
        v.orgId = p.orgId;
        v.beneficiary = p.beneficiary;
        v.token = p.token;
        v.state = p.state;
        v.deadline = p.deadline;
        v.quorum = p.quorum;
        v.challengeWindow = p.challengeWindow;
        v.challengeThresholdBps = p.challengeThresholdBps;
        v.milestoneCount = p.milestoneCount;
        v.releasedCount = p.releasedCount;
        v.minGoal = p.minGoal;
        v.cap = p.cap;
        v.raised = p.raised;
        v.released = p.released;
        v.refunded = p.refunded;
        v.category = p.category;
        v.metadataHash = p.metadataHash;
    }

    /// @inheritdoc ICharityEscrow
    function milestone(uint256 projectId, uint256 milestoneIndex) external view returns (MilestoneView memory v) {
        Milestone storage m = _requireMilestone(projectId, _requireProject(projectId), milestoneIndex);
        v.bps = m.bps;
        v.dueDate = m.dueDate;
        v.state = m.state;
        v.round = m.round;
        v.approvals = m.approvals;
        v.rejections = m.rejections;
        v.windowEndsAt = m.windowEndsAt;
        v.released = m.released;
        v.challengeWeight = m.challengeWeight;
        v.evidenceHash = m.evidenceHash;
    }

    /// @inheritdoc ICharityEscrow
    function position(uint256 projectId, address donor) external view returns (DonorPosition memory v) {
        _requireProject(projectId);
        Position storage pos = _positions[projectId][donor];
        v.contributed = pos.contributed;
        v.refunded = pos.refunded;
        v.refundable = _refundable(projectId, donor);
    }

    /// @inheritdoc ICharityEscrow
    function refundableAmount(uint256 projectId, address donor) external view returns (uint256) {
        _requireProject(projectId);
        return _refundable(projectId, donor);
    }

    /// @inheritdoc ICharityEscrow
    function releaseAmount(uint256 projectId, uint256 milestoneIndex) external view returns (uint256) {
        Project storage p = _requireProject(projectId);
        Milestone storage m = _requireMilestone(projectId, p, milestoneIndex);
        if (m.state == MilestoneState.Released) return 0;
        bool isLast = p.releasedCount + 1 == p.milestoneCount;
        return EscrowMath.milestoneAmount(p.raised, p.released, m.bps, isLast);
    }

    /// @inheritdoc ICharityEscrow
    function hasVoted(uint256 projectId, uint256 milestoneIndex, address auditor) external view returns (bool) {
        Milestone storage m = _requireMilestone(projectId, _requireProject(projectId), milestoneIndex);
        return _voted[projectId][milestoneIndex][m.round][auditor];
    }

    /// @inheritdoc ICharityEscrow
    function hasChallenged(uint256 projectId, uint256 milestoneIndex, address donor) external view returns (bool) {
        Milestone storage m = _requireMilestone(projectId, _requireProject(projectId), milestoneIndex);
        return _challenged[projectId][milestoneIndex][m.round][donor];
    }

    /// @inheritdoc ICharityEscrow
    function projectCount() external view returns (uint256) {
        return _projectCount;
    }

    // ----------------------------------------------------------------------------------
    // Internal
    // ----------------------------------------------------------------------------------

    function _refundable(uint256 projectId, address donor) internal view returns (uint256) {
        Project storage p = _projects[projectId];
        if (p.state != ProjectState.Failed && p.state != ProjectState.Cancelled) return 0;
        Position storage pos = _positions[projectId][donor];
        if (pos.refunded != 0) return 0;
        return EscrowMath.refundAmount(pos.contributed, p.raised, p.released);
    }

    function _requireRegistryAdmin() internal view {
        if (!registry.isAdmin(msg.sender)) revert EscrowNotAdmin(msg.sender);
    }
}

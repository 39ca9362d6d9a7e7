// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EscrowBase} from "./EscrowBase.sol";
import {ICharityEscrow} from "../../interfaces/ICharityEscrow.sol";
import {EscrowMath} from "../libraries/EscrowMath.sol";
import {ICharityRegistry} from "../../interfaces/ICharityRegistry.sol";

/// @title Refunds
/// @notice The exits: cancellation and pull refunds. Neither is ever paused, so a donor's way
///         back to their money cannot be blocked by any role.
abstract contract Refunds is EscrowBase {
    // ----------------------------------------------------------------------------------
    // External
    // ----------------------------------------------------------------------------------

    /// @inheritdoc ICharityEscrow
    function cancelProject(uint256 projectId) external {
        Project storage p = _requireProject(projectId);
        ProjectState state = p.state;
        if (state != ProjectState.Funding && state != ProjectState.Active) {
            revert EscrowInvalidProjectState(projectId, state);
        }
        CancelReason reason = _cancelReason(projectId, p, msg.sender);

        p.state = ProjectState.Cancelled;
        emit ProjectCancelled(projectId, msg.sender, reason, p.released);
    }

    /// @inheritdoc ICharityEscrow
    function claimRefund(uint256 projectId) external nonReentrant {
        Project storage p = _requireProject(projectId);
        ProjectState state = p.state;
        if (state != ProjectState.Failed && state != ProjectState.Cancelled) {
            revert EscrowInvalidProjectState(projectId, state);
        }
        Position storage pos = _positions[projectId][msg.sender];
        if (pos.refunded != 0) revert EscrowAlreadyRefunded(projectId, msg.sender);
        uint256 amount = EscrowMath.refundAmount(pos.contributed, p.raised, p.released);
        if (amount == 0) revert EscrowNothingToRefund(projectId, msg.sender);

        // Casts are safe: a refund is at most the contribution, itself <= raised.
        pos.refunded = uint128(amount);
        p.refunded += uint128(amount);
        emit RefundClaimed(projectId, msg.sender, amount);
        _pay(p.token, msg.sender, amount);
    }

    // ----------------------------------------------------------------------------------
    // Internal
    // ----------------------------------------------------------------------------------

    /// @dev Why `caller` may cancel, or a revert. Checked in order: the organization itself,
    ///      a reviewer while the organization is suspended, then anyone once overdue.
    function _cancelReason(uint256 projectId, Project storage p, address caller)
        internal
        view
        returns (CancelReason)
    {
        // slither-disable-next-line unused-return
        (address orgAdmin,, ICharityRegistry.OrgStatus status) = registry.orgStanding(p.orgId);
        if (caller == orgAdmin) return CancelReason.ByOrganization;
        if (status == ICharityRegistry.OrgStatus.Suspended && registry.isReviewer(caller)) {
            return CancelReason.OrganizationSuspended;
        }
        if (_hasOverdueMilestone(projectId, p)) return CancelReason.MilestoneOverdue;
        revert EscrowNotCancellable(projectId, caller);
    }

    /// @dev Bounded by the milestone count (at most _MAX_MILESTONES), never by donors.
    function _hasOverdueMilestone(uint256 projectId, Project storage p) internal view returns (bool) {
        uint256 count = p.milestoneCount;
        mapping(uint256 => Milestone) storage milestones = _milestones[projectId];
        for (uint256 i = 0; i < count; ++i) {
            Milestone storage m = milestones[i];
            if (m.state != MilestoneState.Released && block.timestamp > uint256(m.dueDate) + cancelGracePeriod) {
                return true;
            }
        }
        return false;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {ICharityEscrow} from "../../interfaces/ICharityEscrow.sol";
import {ICharityRegistry} from "../../interfaces/ICharityRegistry.sol";

/// @title EscrowBase
/// @notice Storage layout and shared guards of the escrow. The escrow is one deployed contract
///         composed of parts (projects, donations, milestones, refunds) so that a donation touches
///         only this contract's storage and no value ever crosses a contract boundary internally.
abstract contract EscrowBase is ICharityEscrow, Pausable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @dev Packed for the hot paths: a donation reads slot 0 and rewrites slot 1; every slot a
    ///      release or refund rewrites already holds a non-zero field (minGoal, quorum), so
    ///      the first release or refund never pays for a zero-to-non-zero store.
    struct Project {
        // slot 0: donation checks
        address token;
        ProjectState state;
        uint40 deadline;
        uint8 milestoneCount;
        uint8 releasedCount;
        // slot 1: donation total
        uint128 raised;
        uint128 cap;
        // slot 2
        uint128 minGoal;
        uint128 released;
        // slot 3
        address beneficiary;
        uint64 orgId;
        uint32 challengeWindow;
        // slot 4
        uint128 refunded;
        uint8 quorum;
        uint16 challengeThresholdBps;
        // slot 5..6
        bytes32 category;
        bytes32 metadataHash;
    }

    /// @dev Slot 0 holds everything a release reads and writes, so releasing writes one
    ///      already-nonzero slot; that is why amounts are capped at uint120 (see createProject).
    struct Milestone {
        // slot 0
        uint16 bps;
        uint40 dueDate;
        MilestoneState state;
        uint16 round;
        uint8 approvals;
        uint8 rejections;
        uint40 windowEndsAt;
        uint120 released;
        // slot 1..2
        uint128 challengeWeight;
        bytes32 evidenceHash;
    }

    struct Position {
        uint128 contributed;
        uint128 refunded;
    }

    // Storage
    ICharityRegistry public immutable registry;
    /// @inheritdoc ICharityEscrow
    uint256 public immutable cancelGracePeriod; // seconds

    uint256 internal _projectCount;
    mapping(uint256 projectId => Project) internal _projects;
    mapping(uint256 projectId => mapping(uint256 index => Milestone)) internal _milestones;
    mapping(uint256 projectId => mapping(address donor => Position)) internal _positions;
    mapping(uint256 projectId => mapping(uint256 index => mapping(uint256 round => mapping(address => bool))))
        internal _voted;
    mapping(uint256 projectId => mapping(uint256 index => mapping(uint256 round => mapping(address => bool))))
        internal _challenged;

    /// @param registry_ Registry of roles, organizations and allowed tokens.
    /// @param cancelGracePeriod_ Seconds after a milestone's due date before anyone may cancel.
    constructor(ICharityRegistry registry_, uint256 cancelGracePeriod_) {
        registry = registry_;
        cancelGracePeriod = cancelGracePeriod_;
    }

    // ----------------------------------------------------------------------------------
    // Internal guards
    // ----------------------------------------------------------------------------------

    function _requireProject(uint256 projectId) internal view returns (Project storage p) {
        p = _projects[projectId];
        if (p.state == ProjectState.None) revert EscrowUnknownProject(projectId);
    }

    function _requireState(uint256 projectId, ProjectState expected) internal view returns (Project storage p) {
        p = _requireProject(projectId);
        if (p.state != expected) revert EscrowInvalidProjectState(projectId, p.state);
    }

    function _requireMilestone(uint256 projectId, Project storage p, uint256 index)
        internal
        view
        returns (Milestone storage m)
    {
        if (index >= p.milestoneCount) revert EscrowUnknownMilestone(projectId, index);
        m = _milestones[projectId][index];
    }

    function _requireMilestoneState(uint256 projectId, uint256 index, Milestone storage m, MilestoneState expected)
        internal
        view
    {
        if (m.state != expected) revert EscrowInvalidMilestoneState(projectId, index, m.state);
    }

    /// @dev Org admin address for `orgId`; reverts unless `account` is it.
    function _requireOrgAdmin(uint256 orgId, address account) internal view {
        // slither-disable-next-line unused-return
        (address admin,,) = registry.orgStanding(orgId);
        if (admin != account) revert EscrowNotOrganizationAdmin(orgId, account);
    }

    /// @dev The one place value leaves the escrow. Callers have finished checks, effects and
    ///      events. A recipient that refuses ETH fails only its own call.
    function _pay(address token, address to, uint256 amount) internal {
        if (amount == 0) return;
        if (token == address(0)) {
            (bool ok,) = to.call{value: amount}("");
            if (!ok) revert EscrowEthTransferFailed(to, amount);
        } else {
            IERC20(token).safeTransfer(to, amount);
        }
    }
}

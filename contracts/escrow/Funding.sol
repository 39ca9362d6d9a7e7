// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EscrowBase} from "./EscrowBase.sol";
import {ICharityEscrow} from "../../interfaces/ICharityEscrow.sol";
import {EscrowMath} from "../libraries/EscrowMath.sol";

/// @title Funding
/// @notice Project creation, donations and the close of funding.
abstract contract Funding is EscrowBase {
    using SafeERC20 for IERC20;

    // Constants
    uint256 internal constant _MAX_MILESTONES = 20; // bounds the overdue scan in cancelProject
    uint256 internal constant _MAX_CHALLENGE_WINDOW = 365 days; // seconds
    uint256 internal constant _MAX_AMOUNT = type(uint120).max; // token units; see EscrowBase.Milestone

    // ----------------------------------------------------------------------------------
    // External
    // ----------------------------------------------------------------------------------

    /// @inheritdoc ICharityEscrow
    function createProject(ProjectParams calldata params) external returns (uint256 projectId) {
        uint256 orgId = registry.orgOf(msg.sender);
        if (orgId == 0) revert EscrowNotOrganizationAdmin(0, msg.sender);
        // slither-disable-next-line unused-return
        (, bool active,) = registry.orgStanding(orgId);
        if (!active) revert EscrowOrganizationNotActive(orgId);
        if (!registry.isTokenAllowed(params.token)) revert EscrowTokenNotAllowed(params.token);
        _validateParams(params);

        projectId = ++_projectCount;
        Project storage p = _projects[projectId];
        p.token = params.token;
        p.state = ProjectState.Funding;
        p.deadline = params.deadline;
        p.milestoneCount = uint8(params.milestones.length);
        p.quorum = params.quorum;
        p.challengeThresholdBps = params.challengeThresholdBps;
        p.cap = params.cap;
        p.beneficiary = params.beneficiary;
        p.challengeWindow = params.challengeWindow;
        p.orgId = uint64(orgId);
        p.minGoal = params.minGoal;
        p.category = params.category;
        p.metadataHash = params.metadataHash;
        mapping(uint256 => Milestone) storage milestones = _milestones[projectId];
        for (uint256 i = 0; i < params.milestones.length; ++i) {
            milestones[i].bps = params.milestones[i].bps;
            milestones[i].dueDate = params.milestones[i].dueDate;
        }
        emit ProjectCreated(projectId, orgId, msg.sender, params);
    }

    /// @inheritdoc ICharityEscrow
    /// @dev No `nonReentrant`: this makes no external call, so nothing can re-enter through it,
    ///      and every function that does call out has finished its effects first (checks,
    ///      effects, event, call). Leaving the guard off keeps a repeat gift under 40k gas.
    function donate(uint256 projectId, bytes32 memo) external payable whenNotPaused {
        Project storage p = _projects[projectId];
        address token = _requireOpen(projectId, p, msg.value);
        if (token != address(0)) revert EscrowWrongAsset(projectId, token);
        _credit(projectId, p, msg.value);
        emit DonationReceived(projectId, msg.sender, msg.value, memo);
    }

    /// @inheritdoc ICharityEscrow
    /// @dev The transfer happens before the effects because the credit is the measured balance
    ///      change (fee-on-transfer tokens); `nonReentrant` keeps a hook token from nesting a
    ///      second measurement inside the first.
    function donateToken(uint256 projectId, uint256 amount, bytes32 memo) external nonReentrant whenNotPaused {
        Project storage p = _projects[projectId];
        IERC20 token = IERC20(_requireOpen(projectId, p, amount));
        if (address(token) == address(0)) revert EscrowWrongAsset(projectId, address(0));

        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 credited = token.balanceOf(address(this)) - before;
        // slither-disable-next-line incorrect-equality
        if (credited == 0) revert EscrowZeroAmount();

        _credit(projectId, p, credited);
        emit DonationReceived(projectId, msg.sender, credited, memo);
    }

    /// @inheritdoc ICharityEscrow
    function closeFunding(uint256 projectId) external {
        Project storage p = _requireState(projectId, ProjectState.Funding);
        uint256 raised = p.raised;
        if (block.timestamp < p.deadline && raised < p.cap) {
            revert EscrowFundingStillOpen(projectId, p.deadline, raised, p.cap);
        }
        ProjectState next = raised >= p.minGoal ? ProjectState.Active : ProjectState.Failed;
        p.state = next;
        emit FundingClosed(projectId, msg.sender, next, raised);
    }

    // ----------------------------------------------------------------------------------
    // Internal
    // ----------------------------------------------------------------------------------

    /// @dev Returns the project's token so callers need not read slot 0 again.
    function _requireOpen(uint256 projectId, Project storage p, uint256 amount) internal view returns (address) {
        ProjectState state = p.state;
        if (state != ProjectState.Funding) {
            if (state == ProjectState.None) revert EscrowUnknownProject(projectId);
            revert EscrowInvalidProjectState(projectId, state);
        }
        if (block.timestamp >= p.deadline) revert EscrowFundingEnded(projectId, p.deadline);
        if (amount == 0) revert EscrowZeroAmount();
        return p.token;
    }

    /// @dev Adds `amount` to the project and the donor. The new total is not in the event:
    ///      indexers sum amounts, and leaving it out keeps a repeat ETH gift ~300 gas clear of
    ///      its 40k ceiling.
    function _credit(uint256 projectId, Project storage p, uint256 amount) internal {
        uint256 before = p.raised;
        uint256 cap = p.cap;
        uint256 raised = before + amount;
        if (raised > cap) revert EscrowCapExceeded(projectId, cap - before, amount);
        // Both casts are safe: raised <= cap <= type(uint120).max and a contribution <= raised.
        p.raised = uint128(raised);
        _positions[projectId][msg.sender].contributed += uint128(amount);
    }

    function _validateParams(ProjectParams calldata params) internal view {
        address beneficiary = params.beneficiary;
        if (beneficiary == address(0) || beneficiary == address(this)) revert EscrowInvalidBeneficiary(beneficiary);
        if (params.minGoal == 0 || params.minGoal > params.cap || params.cap > _MAX_AMOUNT) {
            revert EscrowInvalidGoal(params.minGoal, params.cap);
        }
        if (params.deadline <= block.timestamp) revert EscrowInvalidDeadline(params.deadline, block.timestamp);
        if (params.quorum == 0) revert EscrowInvalidQuorum(params.quorum);
        uint256 threshold = params.challengeThresholdBps;
        if (threshold == 0 || threshold > EscrowMath.BPS || params.challengeWindow > _MAX_CHALLENGE_WINDOW) {
            revert EscrowInvalidChallengeSettings(params.challengeWindow, threshold);
        }
        if (params.metadataHash == bytes32(0)) revert EscrowEmptyHash();

        uint256 count = params.milestones.length;
        if (count == 0 || count > _MAX_MILESTONES) revert EscrowInvalidMilestoneCount(count, _MAX_MILESTONES);
        uint256 sum = 0;
        bool hasEmptyShare = false;
        for (uint256 i = 0; i < count; ++i) {
            MilestoneParams calldata ms = params.milestones[i];
            if (ms.dueDate <= params.deadline) {
                revert EscrowMilestoneDueBeforeDeadline(i, ms.dueDate, params.deadline);
            }
            if (ms.bps == 0) hasEmptyShare = true;
            sum += ms.bps;
        }
        if (sum != EscrowMath.BPS || hasEmptyShare) revert EscrowInvalidMilestoneShares(sum);
    }
}

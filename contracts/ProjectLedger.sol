// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ICharityEscrow} from "../interfaces/ICharityEscrow.sol";
import {ICharityRegistry} from "../interfaces/ICharityRegistry.sol";
import {IProjectLedger} from "../interfaces/IProjectLedger.sol";

/// @title ProjectLedger
/// @notice Expenses against releases and audit reports per project. Separate from the escrow
///         because it moves no value: a bug here can misreport, never misroute funds.
contract ProjectLedger is IProjectLedger {
    struct Report {
        bytes32 reportHash;
        address auditor;
    }

    // Storage
    ICharityRegistry public immutable registry;
    ICharityEscrow public immutable escrow;

    mapping(uint256 projectId => mapping(uint256 milestoneIndex => uint256)) private _spent;
    mapping(uint256 projectId => Expense[]) private _expenses;
    mapping(uint256 projectId => Report[]) private _reports;

    /// @param registry_ Registry of roles and organizations.
    /// @param escrow_ The escrow whose releases expenses are recorded against.
    constructor(ICharityRegistry registry_, ICharityEscrow escrow_) {
        registry = registry_;
        escrow = escrow_;
    }

    // ----------------------------------------------------------------------------------
    // External
    // ----------------------------------------------------------------------------------

    /// @inheritdoc IProjectLedger
    function recordExpense(
        uint256 projectId,
        uint256 milestoneIndex,
        address payee,
        uint256 amount,
        bytes32 category,
        bytes32 invoiceHash,
        string calldata invoiceURI
    ) external returns (uint256 expenseId) {
        ICharityEscrow.ProjectView memory p = escrow.project(projectId);
        // slither-disable-next-line unused-return
        (address orgAdmin,,) = registry.orgStanding(p.orgId);
        if (msg.sender != orgAdmin) revert LedgerNotOrganizationAdmin(projectId, msg.sender);
        if (payee == address(0)) revert LedgerInvalidPayee();
        if (amount == 0) revert LedgerZeroAmount();
        if (invoiceHash == bytes32(0)) revert LedgerEmptyHash();
        uint256 spentAfter = _spendFromRelease(projectId, milestoneIndex, amount);

        expenseId = _expenses[projectId].length;
        _expenses[projectId].push(Expense(milestoneIndex, payee, amount, category, invoiceHash));
        emit ExpenseRecorded(
            projectId, milestoneIndex, msg.sender, expenseId, payee, amount, category, invoiceHash, invoiceURI, spentAfter
        );
    }

    /// @inheritdoc IProjectLedger
    function publishAuditReport(uint256 projectId, bytes32 reportHash, string calldata reportURI)
        external
        returns (uint256 reportId)
    {
        if (!registry.isAuditor(msg.sender)) revert LedgerNotAuditor(msg.sender);
        ICharityEscrow.ProjectView memory p = escrow.project(projectId);
        // slither-disable-next-line unused-return
        (address orgAdmin,,) = registry.orgStanding(p.orgId);
        if (msg.sender == orgAdmin || msg.sender == p.beneficiary) revert LedgerAuditorConflict(projectId, msg.sender);
        if (reportHash == bytes32(0)) revert LedgerEmptyHash();

        reportId = _reports[projectId].length;
        _reports[projectId].push(Report(reportHash, msg.sender));
        emit AuditReportPublished(projectId, msg.sender, reportId, reportHash, reportURI);
    }

    // ----------------------------------------------------------------------------------
    // Views
    // ----------------------------------------------------------------------------------

    /// @inheritdoc IProjectLedger
    function spent(uint256 projectId, uint256 milestoneIndex) external view returns (uint256) {
        return _spent[projectId][milestoneIndex];
    }

    /// @inheritdoc IProjectLedger
    function expenseCount(uint256 projectId) external view returns (uint256) {
        return _expenses[projectId].length;
    }

    /// @inheritdoc IProjectLedger
    function expense(uint256 projectId, uint256 expenseId) external view returns (Expense memory) {
        if (expenseId >= _expenses[projectId].length) revert LedgerUnknownEntry(projectId, expenseId);
        return _expenses[projectId][expenseId];
    }

    /// @inheritdoc IProjectLedger
    function auditReportCount(uint256 projectId) external view returns (uint256) {
        return _reports[projectId].length;
    }

    /// @inheritdoc IProjectLedger
    function auditReport(uint256 projectId, uint256 reportId) external view returns (bytes32, address) {
        if (reportId >= _reports[projectId].length) revert LedgerUnknownEntry(projectId, reportId);
        Report storage r = _reports[projectId][reportId];
        return (r.reportHash, r.auditor);
    }

    // ----------------------------------------------------------------------------------
    // Internal
    // ----------------------------------------------------------------------------------

    /// @dev Adds `amount` to the milestone's recorded total; reverts unless it was released and
    ///      the total stays within the release. Returns the new total.
    function _spendFromRelease(uint256 projectId, uint256 milestoneIndex, uint256 amount)
        internal
        returns (uint256 spentAfter)
    {
        ICharityEscrow.MilestoneView memory m = escrow.milestone(projectId, milestoneIndex);
        if (m.state != ICharityEscrow.MilestoneState.Released) {
            revert LedgerMilestoneNotReleased(projectId, milestoneIndex);
        }
        uint256 spentBefore = _spent[projectId][milestoneIndex];
        spentAfter = spentBefore + amount;
        if (spentAfter > m.released) {
            revert LedgerExpenseExceedsRelease(projectId, milestoneIndex, m.released, spentBefore, amount);
        }
        _spent[projectId][milestoneIndex] = spentAfter;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Project ledger: what happened to released funds, and what auditors found
/// @notice After a release the organization records its expenses against it; the sum recorded
///         per release never exceeds what was released. Auditors publish report hashes per
///         project. Holds no funds; reads releases from the escrow and roles from the registry.
interface IProjectLedger {
    /// @notice One recorded expense. Its URI (invoice document) lives only in the event.
    struct Expense {
        uint256 milestoneIndex;
        address payee;
        uint256 amount;
        bytes32 category;
        bytes32 invoiceHash;
    }

    // ----------------------------------------------------------------------------------
    // Errors
    // ----------------------------------------------------------------------------------

    /// @notice Only the project's organization admin records expenses.
    error LedgerNotOrganizationAdmin(uint256 projectId, address account);
    /// @notice Expenses can be recorded only against a released milestone.
    error LedgerMilestoneNotReleased(uint256 projectId, uint256 milestoneIndex);
    /// @notice Recording `amount` would take the milestone's expenses past what it released.
    error LedgerExpenseExceedsRelease(uint256 projectId, uint256 milestoneIndex, uint256 released, uint256 spent, uint256 amount);
    /// @notice An expense must have a non-zero amount.
    error LedgerZeroAmount();
    /// @notice An expense needs a payee.
    error LedgerInvalidPayee();
    /// @notice A zero hash commits to nothing.
    error LedgerEmptyHash();
    /// @notice Only auditors publish audit reports.
    error LedgerNotAuditor(address account);
    /// @notice An auditor who is the organization admin or beneficiary cannot audit the project.
    error LedgerAuditorConflict(uint256 projectId, address auditor);
    /// @notice No expense or report at `index` for this project.
    error LedgerUnknownEntry(uint256 projectId, uint256 index);

    // ----------------------------------------------------------------------------------
    // Events
    // ----------------------------------------------------------------------------------

    /// @notice An expense was recorded; `spent` is the milestone's new recorded total.
    event ExpenseRecorded(
        uint256 indexed projectId,
        uint256 indexed milestoneIndex,
        address indexed recorder,
        uint256 expenseId,
        address payee,
        uint256 amount,
        bytes32 category,
        bytes32 invoiceHash,
        string invoiceURI,
        uint256 spent
    );
    /// @notice An auditor published a report for a project.
    event AuditReportPublished(
        uint256 indexed projectId, address indexed auditor, uint256 reportId, bytes32 reportHash, string reportURI
    );

    // ----------------------------------------------------------------------------------
    // Actions
    // ----------------------------------------------------------------------------------

    /// @notice Record an expense paid out of a released milestone. Organization admin only.
    /// @return expenseId Index of the expense within the project (also in the event).
    function recordExpense(
        uint256 projectId,
        uint256 milestoneIndex,
        address payee,
        uint256 amount,
        bytes32 category,
        bytes32 invoiceHash,
        string calldata invoiceURI
    ) external returns (uint256 expenseId);

    /// @notice Publish an audit report's hash for a project. Auditors only, none conflicted.
    /// @return reportId Index of the report within the project (also in the event).
    function publishAuditReport(uint256 projectId, bytes32 reportHash, string calldata reportURI)
        external
        returns (uint256 reportId);

    // ----------------------------------------------------------------------------------
    // Views
    // ----------------------------------------------------------------------------------

    /// @notice Total recorded against a milestone's release.
    function spent(uint256 projectId, uint256 milestoneIndex) external view returns (uint256);

    /// @notice Number of expenses recorded for a project.
    function expenseCount(uint256 projectId) external view returns (uint256);

    /// @notice One recorded expense.
    function expense(uint256 projectId, uint256 expenseId) external view returns (Expense memory);

    /// @notice Number of audit reports for a project.
    function auditReportCount(uint256 projectId) external view returns (uint256);

    /// @notice One audit report's hash and its author.
    function auditReport(uint256 projectId, uint256 reportId) external view returns (bytes32 reportHash, address auditor);
}

// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Charity registry: roles, organization vetting and the token allow-list
/// @notice The cold-path source of truth the escrow consults when projects are created,
///         milestones reviewed and funds released. It never holds funds.
interface ICharityRegistry {
    /// @notice Vetting state of an organization. `None` means the id was never used.
    /// @dev Pending -> Approved <-> Suspended, or Pending -> Rejected. Approval may expire.
    enum OrgStatus {
        None,
        Pending,
        Approved,
        Suspended,
        Rejected
    }

    /// @notice An organization as stored. The profile URI lives only in events.
    struct Organization {
        address admin;
        OrgStatus status;
        uint40 approvedUntil;
        bytes32 profileHash;
        string name;
    }

    // ----------------------------------------------------------------------------------
    // Errors
    // ----------------------------------------------------------------------------------

    /// @notice No organization has id `orgId`.
    error RegistryUnknownOrganization(uint256 orgId);
    /// @notice `account` already administers organization `orgId`; one organization each.
    error RegistryAlreadyApplied(address account, uint256 orgId);
    /// @notice The organization name must be 1 to 64 bytes long.
    error RegistryInvalidName(uint256 length);
    /// @notice A profile hash of zero commits to nothing.
    error RegistryEmptyProfileHash();
    /// @notice The organization is in `status`, which this transition does not start from.
    error RegistryInvalidOrgStatus(uint256 orgId, OrgStatus status);
    /// @notice An approval must end in the future: `approvedUntil` is not after `nowTime`.
    error RegistryApprovalInPast(uint40 approvedUntil, uint256 nowTime);
    /// @notice The zero address stands for ETH, which is always allowed.
    error RegistryNativeTokenAlwaysAllowed();
    /// @notice `token` has no contract code, so it cannot be an ERC-20.
    error RegistryTokenNotContract(address token);

    // ----------------------------------------------------------------------------------
    // Events
    // ----------------------------------------------------------------------------------

    /// @notice An organization applied; carries every parameter, the profile URI included.
    event OrganizationApplied(
        uint256 indexed orgId, address indexed admin, string name, bytes32 profileHash, string profileURI
    );
    /// @notice A reviewer approved (or renewed) an organization until `approvedUntil`.
    event OrganizationApproved(uint256 indexed orgId, address indexed reviewer, uint40 approvedUntil);
    /// @notice A reviewer rejected a pending organization; `reasonHash` commits to the reason.
    event OrganizationRejected(uint256 indexed orgId, address indexed reviewer, bytes32 reasonHash);
    /// @notice A reviewer suspended an approved organization; its releases stop.
    event OrganizationSuspended(uint256 indexed orgId, address indexed reviewer, bytes32 reasonHash);
    /// @notice A reviewer reinstated a suspended organization.
    event OrganizationReinstated(uint256 indexed orgId, address indexed reviewer);
    /// @notice The admin allowed or disallowed an ERC-20 for new projects.
    event TokenAllowanceSet(address indexed token, address indexed admin, bool allowed);

    // ----------------------------------------------------------------------------------
    // Actions
    // ----------------------------------------------------------------------------------

    /// @notice Apply as an organization; the caller becomes its admin address.
    /// @param name Display name, 1 to 64 bytes.
    /// @param profileHash keccak256 of the canonical JSON profile.
    /// @param profileURI Where the profile JSON can be fetched; emitted, not stored.
    /// @return orgId The new organization's id (also in `OrganizationApplied`).
    function applyOrganization(string calldata name, bytes32 profileHash, string calldata profileURI)
        external
        returns (uint256 orgId);

    /// @notice Approve a pending organization, or renew an approved one, until `approvedUntil`.
    /// @dev Reviewer only.
    function approveOrganization(uint256 orgId, uint40 approvedUntil) external;

    /// @notice Reject a pending organization. Reviewer only.
    function rejectOrganization(uint256 orgId, bytes32 reasonHash) external;

    /// @notice Suspend an approved organization: no new projects, no releases. Reviewer only.
    function suspendOrganization(uint256 orgId, bytes32 reasonHash) external;

    /// @notice Return a suspended organization to Approved (its expiry unchanged). Reviewer only.
    function reinstateOrganization(uint256 orgId) external;

    /// @notice Allow or disallow an ERC-20 for new projects. Admin only.
    /// @dev Existing projects keep their token: disallowing never blocks refunds.
    function setTokenAllowed(address token, bool allowed) external;

    // ----------------------------------------------------------------------------------
    // Views
    // ----------------------------------------------------------------------------------

    /// @notice Role that vets organizations and may cancel projects of suspended ones.
    function REVIEWER_ROLE() external view returns (bytes32);

    /// @notice Role that reviews milestone evidence and publishes audit reports.
    function AUDITOR_ROLE() external view returns (bytes32);

    /// @notice Whether `account` holds the default admin role.
    function isAdmin(address account) external view returns (bool);

    /// @notice Whether `account` holds the reviewer role.
    function isReviewer(address account) external view returns (bool);

    /// @notice Whether `account` holds the auditor role.
    function isAuditor(address account) external view returns (bool);

    /// @notice Whether ERC-20 `token` may be used by new projects. ETH (zero) always may.
    function isTokenAllowed(address token) external view returns (bool);

    /// @notice The stored organization. Reverts for an unknown id.
    function organization(uint256 orgId) external view returns (Organization memory);

    /// @notice Admin address and whether the organization is approved and unexpired now.
    /// @dev One call for the escrow's hot checks; reverts for an unknown id.
    function orgStanding(uint256 orgId) external view returns (address admin, bool active, OrgStatus status);

    /// @notice The organization administered by `account`, or 0 if none.
    function orgOf(address account) external view returns (uint256);

    /// @notice Number of organizations; ids run from 1 to this.
    function organizationCount() external view returns (uint256);
}

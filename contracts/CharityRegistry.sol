// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {ICharityRegistry} from "../interfaces/ICharityRegistry.sol";

/// @title CharityRegistry
/// @notice Roles, organization vetting and the ERC-20 allow-list. Holds no funds.
/// @dev The default admin changes hands in two steps with a delay (OpenZeppelin
///      AccessControlDefaultAdminRules), so a mistyped address cannot capture the registry.
contract CharityRegistry is ICharityRegistry, AccessControlDefaultAdminRules {
    // Constants
    bytes32 public constant override REVIEWER_ROLE = keccak256("REVIEWER_ROLE");
    bytes32 public constant override AUDITOR_ROLE = keccak256("AUDITOR_ROLE");
    uint256 private constant _MAX_NAME_BYTES = 64; // bytes of UTF-8

    // Storage
    mapping(uint256 orgId => Organization) private _orgs;
    mapping(address account => uint256 orgId) private _orgOf;
    mapping(address token => bool) private _allowedTokens;
    uint256 private _orgCount;

    /// @param initialAdmin Holder of the default admin role.
    /// @param adminTransferDelay Seconds between starting and accepting an admin transfer.
    constructor(address initialAdmin, uint48 adminTransferDelay)
        AccessControlDefaultAdminRules(adminTransferDelay, initialAdmin)
    {}

    // ----------------------------------------------------------------------------------
    // External
    // ----------------------------------------------------------------------------------

    /// @inheritdoc ICharityRegistry
    function applyOrganization(string calldata name, bytes32 profileHash, string calldata profileURI)
        external
        returns (uint256 orgId)
    {
        uint256 existing = _orgOf[msg.sender];
        if (existing != 0) revert RegistryAlreadyApplied(msg.sender, existing);
        uint256 nameLength = bytes(name).length;
        if (nameLength == 0 || nameLength > _MAX_NAME_BYTES) revert RegistryInvalidName(nameLength);
        if (profileHash == bytes32(0)) revert RegistryEmptyProfileHash();

        orgId = ++_orgCount;
        _orgs[orgId] = Organization({
            admin: msg.sender,
            status: OrgStatus.Pending,
            approvedUntil: 0,
            profileHash: profileHash,
            name: name
        });
        _orgOf[msg.sender] = orgId;
        emit OrganizationApplied(orgId, msg.sender, name, profileHash, profileURI);
    }

    /// @inheritdoc ICharityRegistry
    function approveOrganization(uint256 orgId, uint40 approvedUntil) external onlyRole(REVIEWER_ROLE) {
        Organization storage org = _requireOrg(orgId);
        if (org.status != OrgStatus.Pending && org.status != OrgStatus.Approved) {
            revert RegistryInvalidOrgStatus(orgId, org.status);
        }
        if (approvedUntil <= block.timestamp) revert RegistryApprovalInPast(approvedUntil, block.timestamp);
        org.status = OrgStatus.Approved;
        org.approvedUntil = approvedUntil;
        emit OrganizationApproved(orgId, msg.sender, approvedUntil);
    }

    /// @inheritdoc ICharityRegistry
    function rejectOrganization(uint256 orgId, bytes32 reasonHash) external onlyRole(REVIEWER_ROLE) {
        Organization storage org = _requireStatus(orgId, OrgStatus.Pending);
        org.status = OrgStatus.Rejected;
        emit OrganizationRejected(orgId, msg.sender, reasonHash);
    }

    /// @inheritdoc ICharityRegistry
    function suspendOrganization(uint256 orgId, bytes32 reasonHash) external onlyRole(REVIEWER_ROLE) {
        Organization storage org = _requireStatus(orgId, OrgStatus.Approved);
        org.status = OrgStatus.Suspended;
        emit OrganizationSuspended(orgId, msg.sender, reasonHash);
    }

    /// @inheritdoc ICharityRegistry
    function reinstateOrganization(uint256 orgId) external onlyRole(REVIEWER_ROLE) {
        Organization storage org = _requireStatus(orgId, OrgStatus.Suspended);
        org.status = OrgStatus.Approved;
        emit OrganizationReinstated(orgId, msg.sender);
    }

    /// @inheritdoc ICharityRegistry
    function setTokenAllowed(address token, bool allowed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (token == address(0)) revert RegistryNativeTokenAlwaysAllowed();
        if (token.code.length == 0) revert RegistryTokenNotContract(token);
        _allowedTokens[token] = allowed;
        emit TokenAllowanceSet(token, msg.sender, allowed);
    }

    // ----------------------------------------------------------------------------------
    // Views
    // ----------------------------------------------------------------------------------

    /// @inheritdoc ICharityRegistry
    function isAdmin(address account) external view returns (bool) {
        return hasRole(DEFAULT_ADMIN_ROLE, account);
    }

    /// @inheritdoc ICharityRegistry
    function isReviewer(address account) external view returns (bool) {
        return hasRole(REVIEWER_ROLE, account);
    }

    /// @inheritdoc ICharityRegistry
    function isAuditor(address account) external view returns (bool) {
        return hasRole(AUDITOR_ROLE, account);
    }

    /// @inheritdoc ICharityRegistry
    function isTokenAllowed(address token) external view returns (bool) {
        return token == address(0) || _allowedTokens[token];
    }

    /// @inheritdoc ICharityRegistry
    function organization(uint256 orgId) external view returns (Organization memory) {
        return _requireOrg(orgId);
    }

    /// @inheritdoc ICharityRegistry
    function orgStanding(uint256 orgId) external view returns (address admin, bool active, OrgStatus status) {
        Organization storage org = _requireOrg(orgId);
        status = org.status;
        active = status == OrgStatus.Approved && block.timestamp < org.approvedUntil;
        return (org.admin, active, status);
    }

    /// @inheritdoc ICharityRegistry
    function orgOf(address account) external view returns (uint256) {
        return _orgOf[account];
    }

    /// @inheritdoc ICharityRegistry
    function organizationCount() external view returns (uint256) {
        return _orgCount;
    }

    // ----------------------------------------------------------------------------------
    // Internal
    // ----------------------------------------------------------------------------------

    function _requireOrg(uint256 orgId) internal view returns (Organization storage org) {
        org = _orgs[orgId];
        if (org.status == OrgStatus.None) revert RegistryUnknownOrganization(orgId);
    }

    function _requireStatus(uint256 orgId, OrgStatus expected) internal view returns (Organization storage org) {
        org = _requireOrg(orgId);
        if (org.status != expected) revert RegistryInvalidOrgStatus(orgId, org.status);
    }
}

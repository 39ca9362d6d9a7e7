"""Roles, organization vetting, the token allow-list and pausing, through the services."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from eth_utils.crypto import keccak
from web3 import Web3
from web3.contract import Contract

from charitychain.contracts.suite import Suite
from charitychain.services import governance
from charitychain.services.governance import OrganizationApplied, Receipt
from charitychain.services.inputs import InvalidInput
from charitychain.services.session import Session
from charitychain.services.transact import ContractRevert, Signer
from charitychain.services.views import organization_info
from services.world import Cast

TX_HASH_LENGTH = 66


def test_grant_role_returns_a_receipt_and_the_role_is_held(
    suite: Suite, cast: Cast, as_: Callable[[Signer], Session], stranger: Signer
) -> None:
    result = governance.grant_role(as_(cast.admin), "auditor", stranger.address)

    assert isinstance(result, Receipt)
    assert result.action == f"grant auditor to {stranger.address}"
    assert result.tx.startswith("0x") and len(result.tx) == TX_HASH_LENGTH
    assert suite.registry.functions.isAuditor(stranger.address).call()


def test_revoke_role_removes_it(suite: Suite, cast: Cast, as_: Callable[[Signer], Session]) -> None:
    auditor = cast.auditors[0]

    result = governance.revoke_role(as_(cast.admin), "auditor", auditor.address)

    assert result.action == f"revoke auditor from {auditor.address}"
    assert not suite.registry.functions.isAuditor(auditor.address).call()


def test_an_unknown_role_is_refused_before_sending(
    cast: Cast, as_: Callable[[Signer], Session], nonce: Callable[[Signer], int]
) -> None:
    before = nonce(cast.admin)

    with pytest.raises(InvalidInput, match="unknown role 'owner'; choose one of reviewer, auditor"):
        governance.grant_role(as_(cast.admin), "owner", cast.donors[0].address)

    assert nonce(cast.admin) == before


def test_granting_without_the_admin_role_is_decoded_to_access_control_error(
    suite: Suite, cast: Cast, as_: Callable[[Signer], Session], nonce: Callable[[Signer], int]
) -> None:
    outsider = cast.donors[0]
    before = nonce(outsider)

    with pytest.raises(ContractRevert) as caught:
        governance.grant_role(as_(outsider), "reviewer", outsider.address)

    decoded = caught.value.decoded
    assert decoded is not None
    assert decoded.name == "AccessControlUnauthorizedAccount"
    assert decoded.args == (outsider.address, bytes(32))  # DEFAULT_ADMIN_ROLE is 0x00…
    assert "grantRole would revert: AccessControlUnauthorizedAccount(" in str(caught.value)
    assert nonce(outsider) == before


def test_apply_organization_reads_the_new_id_and_admin_from_the_event(
    suite: Suite, as_: Callable[[Signer], Session], stranger: Signer
) -> None:
    result = governance.apply_organization(
        as_(stranger), "Books for Kids", keccak(text="books"), "ipfs://books"
    )

    assert isinstance(result, OrganizationApplied)
    assert result.org_id == 2  # the session fixture's organization is 1
    assert result.admin == stranger.address
    info = organization_info(suite, 2)
    assert (info.name, info.status, info.active) == ("Books for Kids", "Pending", False)


def test_applying_twice_from_one_account_is_decoded(
    cast: Cast, as_: Callable[[Signer], Session]
) -> None:
    with pytest.raises(ContractRevert) as caught:
        governance.apply_organization(as_(cast.org_admin), "Again", keccak(text="x"), "")

    assert caught.value.decoded is not None
    assert caught.value.decoded.name == "RegistryAlreadyApplied"
    assert caught.value.decoded.args == (cast.org_admin.address, 1)


@pytest.fixture
def pending_org(as_: Callable[[Signer], Session], stranger: Signer) -> int:
    return governance.apply_organization(
        as_(stranger), "Pending Org", keccak(text="p"), "ipfs://p"
    ).org_id


def test_approve_organization_makes_it_active_until_the_given_time(
    w3: Web3, suite: Suite, cast: Cast, as_: Callable[[Signer], Session], pending_org: int
) -> None:
    until = int(w3.eth.get_block("latest")["timestamp"]) + 86400

    result = governance.approve_organization(as_(cast.reviewer), pending_org, until)

    assert result.action == f"approve organization {pending_org}"
    info = organization_info(suite, pending_org)
    assert (info.status, info.approved_until, info.active) == ("Approved", until, True)


def test_approving_with_an_expiry_in_the_past_is_decoded(
    w3: Web3, cast: Cast, as_: Callable[[Signer], Session], pending_org: int
) -> None:
    now = int(w3.eth.get_block("latest")["timestamp"])

    with pytest.raises(ContractRevert) as caught:
        governance.approve_organization(as_(cast.reviewer), pending_org, now - 1)

    assert caught.value.decoded is not None
    assert caught.value.decoded.name == "RegistryApprovalInPast"
    assert caught.value.decoded.args[0] == now - 1


def test_reject_organization_marks_it_rejected(
    suite: Suite, cast: Cast, as_: Callable[[Signer], Session], pending_org: int
) -> None:
    result = governance.reject_organization(as_(cast.reviewer), pending_org, keccak(text="no"))

    assert result.action == f"reject organization {pending_org}"
    assert organization_info(suite, pending_org).status == "Rejected"


def test_suspend_then_reinstate_organization(
    suite: Suite, cast: Cast, as_: Callable[[Signer], Session]
) -> None:
    suspended = governance.suspend_organization(as_(cast.reviewer), 1, keccak(text="fraud?"))
    assert suspended.action == "suspend organization 1"
    assert organization_info(suite, 1).status == "Suspended"
    assert not organization_info(suite, 1).active

    reinstated = governance.reinstate_organization(as_(cast.reviewer), 1)

    assert reinstated.action == "reinstate organization 1"
    assert organization_info(suite, 1).status == "Approved"


def test_reinstating_an_approved_organization_is_decoded_with_its_status(
    cast: Cast, as_: Callable[[Signer], Session]
) -> None:
    with pytest.raises(ContractRevert) as caught:
        governance.reinstate_organization(as_(cast.reviewer), 1)

    assert caught.value.decoded is not None
    assert caught.value.decoded.name == "RegistryInvalidOrgStatus"
    assert caught.value.decoded.args == (1, 2)  # OrgStatus.Approved


def test_allow_then_disallow_token(
    suite: Suite, cast: Cast, as_: Callable[[Signer], Session], token: Contract
) -> None:
    assert suite.registry.functions.isTokenAllowed(token.address).call()

    result = governance.allow_token(as_(cast.admin), token.address, allowed=False)

    assert result.action == f"disallow token {token.address}"
    assert not suite.registry.functions.isTokenAllowed(token.address).call()


def test_allowing_an_address_without_code_is_decoded(
    cast: Cast, as_: Callable[[Signer], Session]
) -> None:
    nobody = Web3.to_checksum_address("0x" + "12" * 20)

    with pytest.raises(ContractRevert) as caught:
        governance.allow_token(as_(cast.admin), nobody)

    assert caught.value.decoded is not None
    assert caught.value.decoded.name == "RegistryTokenNotContract"
    assert caught.value.decoded.args == (nobody,)


def test_pause_and_unpause(suite: Suite, cast: Cast, as_: Callable[[Signer], Session]) -> None:
    assert governance.pause(as_(cast.admin)).action == "pause"
    assert suite.escrow.functions.paused().call()

    assert governance.unpause(as_(cast.admin)).action == "unpause"
    assert not suite.escrow.functions.paused().call()


def test_pausing_as_a_non_admin_is_decoded(cast: Cast, as_: Callable[[Signer], Session]) -> None:
    with pytest.raises(ContractRevert) as caught:
        governance.pause(as_(cast.reviewer))

    assert caught.value.decoded is not None
    assert caught.value.decoded.name == "EscrowNotAdmin"
    assert caught.value.decoded.args == (cast.reviewer.address,)

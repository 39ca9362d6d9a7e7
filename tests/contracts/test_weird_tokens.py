"""Awkward assets: fee-on-transfer, no-return and false-returning tokens, re-entrant hooks,
and accounts that refuse ETH as beneficiary or donor."""

from __future__ import annotations

from typing import Any

from story import ACTIVE, CANCELLED, DAY, GRACE, M_APPROVED, ONE, System, h
from web3.contract import Contract
from web3.types import TxReceipt

FEE_BPS = 100  # FeeOnTransferToken(100): 1% of every transfer is burned


def _allowed(system: System, name: str, *args: Any) -> Contract:
    contract = system.deploy(name, *args)
    system.send(system.registry.functions.setTokenAllowed(contract.address, True), system.admin)
    return contract


def _fee(amount: int) -> int:
    return amount * FEE_BPS // 10_000


def _gas(receipt: TxReceipt) -> int:
    return int(receipt["gasUsed"]) * int(receipt["effectiveGasPrice"])


def _memo(text: str) -> bytes:
    return h(text)


def _token_project(system: System, token: Contract, amounts: tuple[int, ...]) -> int:
    """An Active project in `token`; donors[i] sent amounts[i] (credited net of any fee)."""
    pid = system.create_project(token=token.address)
    for donor, amount in zip(system.donors, amounts, strict=False):
        system.donate_token(token, pid, donor, amount)
    system.close(pid)
    return pid


def _owed(system: System, pid: int) -> int:
    """What the escrow still owes a project: unreleased and unrefunded."""
    p = system.project(pid)
    return int(p["raised"] - p["released"] - p["refunded"])


def _approve_ready(system: System, pid: int, *indexes: int) -> None:
    """Approve milestones and wait out their challenge windows."""
    for index in indexes:
        system.approve(pid, index)
    ends = max(system.milestone(pid, i)["windowEndsAt"] for i in indexes)
    system.travel_to(ends)


def _arm(system: System, token: Contract, target: Contract, fn_name: str, *args: Any) -> None:
    """Make the token's next transfer call `target.fn_name(*args)` from the token's address."""
    payload = target.encode_abi(fn_name, args=list(args))
    system.send(token.functions.arm(target.address, payload), system.admin)


def _fund_hook_token(system: System, token: Contract, amount: int) -> None:
    """Give the hook token itself `amount` and an allowance to the escrow, so a nested
    donateToken from it would succeed if nothing stopped it."""
    _arm(system, token, token, "approve", system.escrow.address, amount)
    system.send(token.functions.mint(token.address, amount), system.admin)
    assert token.functions.allowance(token.address, system.escrow.address).call() == amount


def _hook_token_donates(system: System, token: Contract, pid: int, amount: int) -> None:
    """The hook token becomes a donor of `pid` (so a nested claimRefund from it is owed)."""
    _fund_hook_token(system, token, amount)
    _arm(system, token, system.escrow, "donateToken", pid, amount, _memo("hook"))
    system.send(token.functions.mint(system.admin, 0), system.admin)
    assert token.functions.lastReentrySucceeded().call() is True


def _reentry_error(system: System, token: Contract) -> str:
    assert token.functions.lastReentrySucceeded().call() is False, "nested call succeeded"
    decoded = system.decode(token.functions.lastReentryError().call())
    assert decoded is not None
    assert decoded.args == ()
    return decoded.name


# ------------------------------------------------------------------ fee on transfer


def test_fee_token_donation_is_credited_net_of_the_fee(system: System) -> None:
    fee_token = _allowed(system, "FeeOnTransferToken", FEE_BPS)
    pid = system.create_project(token=fee_token.address)
    sent = 20 * ONE
    before = system.balance(fee_token, system.escrow.address)
    receipt = system.donate_token(fee_token, pid, system.donors[0], sent, _memo("gift"))
    measured = system.balance(fee_token, system.escrow.address) - before
    assert measured == sent - _fee(sent)
    assert system.event(receipt, system.escrow, "DonationReceived") == {
        "projectId": pid,
        "donor": system.donors[0],
        "amount": measured,
        "memo": _memo("gift"),
    }
    assert system.escrow.functions.position(pid, system.donors[0]).call() == (measured, 0, 0)
    assert system.project(pid)["raised"] == measured
    assert system.balance(fee_token, system.escrow.address) == system.project(pid)["raised"]


def test_fee_token_releases_pay_recorded_amounts_and_keep_escrow_solvent(system: System) -> None:
    fee_token = _allowed(system, "FeeOnTransferToken", FEE_BPS)
    pid = _token_project(system, fee_token, (20 * ONE, 10 * ONE))
    raised = system.project(pid)["raised"]
    assert raised == 30 * ONE - _fee(20 * ONE) - _fee(10 * ONE)
    received = 0
    for index in range(3):
        before = system.balance(fee_token, system.beneficiary)
        receipt = system.release(pid, index)
        amount = system.event(receipt, system.escrow, "MilestoneReleased")["amount"]
        assert system.milestone(pid, index)["released"] == amount
        gained = system.balance(fee_token, system.beneficiary) - before
        assert gained == amount - _fee(amount), "beneficiary bears the token's own fee"
        received += gained
        escrow_balance = system.balance(fee_token, system.escrow.address)
        assert escrow_balance >= _owed(system, pid)
        assert escrow_balance == raised - system.project(pid)["released"]
    assert system.project(pid)["released"] == raised
    assert system.balance(fee_token, system.escrow.address) == 0
    assert received < raised


def test_fee_token_refunds_pay_recorded_amounts_and_keep_escrow_solvent(system: System) -> None:
    fee_token = _allowed(system, "FeeOnTransferToken", FEE_BPS)
    pid = _token_project(system, fee_token, (20 * ONE, 10 * ONE, 7 * ONE + 3))
    system.release(pid, 0)
    system.send(system.escrow.functions.cancelProject(pid), system.org_admin)
    assert system.balance(fee_token, system.escrow.address) >= _owed(system, pid)
    for donor in system.donors:
        owed = system.escrow.functions.refundableAmount(pid, donor).call()
        assert owed > 0
        before = system.balance(fee_token, donor)
        receipt = system.send(system.escrow.functions.claimRefund(pid), donor)
        assert system.event(receipt, system.escrow, "RefundClaimed")["amount"] == owed
        assert system.escrow.functions.position(pid, donor).call()[1] == owed
        assert system.balance(fee_token, donor) - before == owed - _fee(owed)
        assert system.balance(fee_token, system.escrow.address) >= _owed(system, pid)
    p = system.project(pid)
    assert system.balance(fee_token, system.escrow.address) == _owed(system, pid)
    assert 0 <= p["raised"] - p["released"] - p["refunded"] <= len(system.donors)


# ------------------------------------------------------------------ no return value


def test_no_return_token_donation_is_credited(system: System) -> None:
    quiet = _allowed(system, "NoReturnToken")
    pid = system.create_project(token=quiet.address)
    receipt = system.donate_token(quiet, pid, system.donors[0], 4 * ONE, _memo("quiet"))
    assert system.event(receipt, system.escrow, "DonationReceived") == {
        "projectId": pid,
        "donor": system.donors[0],
        "amount": 4 * ONE,
        "memo": _memo("quiet"),
    }
    assert system.project(pid)["raised"] == 4 * ONE
    assert system.balance(quiet, system.escrow.address) == 4 * ONE
    assert system.balance(quiet, system.donors[0]) == 0


def test_no_return_token_release_pays_the_beneficiary(system: System) -> None:
    quiet = _allowed(system, "NoReturnToken")
    pid = _token_project(system, quiet, (20 * ONE, 10 * ONE))
    receipt = system.release(pid, 0)
    assert system.event(receipt, system.escrow, "MilestoneReleased")["amount"] == 9 * ONE
    assert system.balance(quiet, system.beneficiary) == 9 * ONE
    assert system.balance(quiet, system.escrow.address) == 21 * ONE


def test_no_return_token_refund_pays_the_donor(system: System) -> None:
    quiet = _allowed(system, "NoReturnToken")
    pid = _token_project(system, quiet, (20 * ONE, 10 * ONE))
    system.send(system.escrow.functions.cancelProject(pid), system.org_admin)
    receipt = system.send(system.escrow.functions.claimRefund(pid), system.donors[1])
    assert system.event(receipt, system.escrow, "RefundClaimed")["amount"] == 10 * ONE
    assert system.balance(quiet, system.donors[1]) == 10 * ONE
    assert system.balance(quiet, system.escrow.address) == 20 * ONE


# ------------------------------------------------------------------ returns false


def test_false_returning_token_donation_reverts_and_credits_nothing(system: System) -> None:
    liar = _allowed(system, "ReturnFalseToken")
    pid = system.create_project(token=liar.address)
    with system.reverts("SafeERC20FailedOperation", liar.address):
        system.donate_token(liar, pid, system.donors[0], 5 * ONE)
    assert system.project(pid)["raised"] == 0
    assert system.escrow.functions.position(pid, system.donors[0]).call() == (0, 0, 0)
    assert system.balance(liar, system.escrow.address) == 0
    assert system.balance(liar, system.donors[0]) == 5 * ONE


# ------------------------------------------------------------------ re-entrant hooks


def test_refund_transfer_cannot_reenter_claim_refund(system: System) -> None:
    hook = _allowed(system, "ReentrantToken")
    pid = system.create_project(token=hook.address)
    system.donate_token(hook, pid, system.donors[0], 20 * ONE)
    _hook_token_donates(system, hook, pid, 5 * ONE)
    system.send(system.escrow.functions.cancelProject(pid), system.org_admin)

    _arm(system, hook, system.escrow, "claimRefund", pid)
    receipt = system.send(system.escrow.functions.claimRefund(pid), system.donors[0])

    claims = system.events(receipt, system.escrow, "RefundClaimed")
    assert [dict(c["args"]) for c in claims] == [
        {"projectId": pid, "donor": system.donors[0], "amount": 20 * ONE}
    ]
    assert _reentry_error(system, hook) == "ReentrancyGuardReentrantCall"
    assert system.balance(hook, system.donors[0]) == 20 * ONE
    assert system.balance(hook, hook.address) == 0
    assert system.balance(hook, system.escrow.address) == 5 * ONE
    assert system.project(pid)["refunded"] == 20 * ONE
    assert system.escrow.functions.position(pid, hook.address).call() == (5 * ONE, 0, 5 * ONE)


def test_release_transfer_cannot_reenter_release_of_another_milestone(system: System) -> None:
    hook = _allowed(system, "ReentrantToken")
    pid = _token_project(system, hook, (20 * ONE, 10 * ONE))
    _approve_ready(system, pid, 0, 1)

    _arm(system, hook, system.escrow, "releaseMilestone", pid, 1)
    receipt = system.send(system.escrow.functions.releaseMilestone(pid, 0), system.outsider)

    releases = system.events(receipt, system.escrow, "MilestoneReleased")
    assert [r["args"]["milestoneIndex"] for r in releases] == [0]
    assert _reentry_error(system, hook) == "ReentrancyGuardReentrantCall"
    assert system.milestone(pid, 1)["state"] == M_APPROVED
    assert system.project(pid)["released"] == 9 * ONE
    assert system.project(pid)["releasedCount"] == 1
    assert system.balance(hook, system.beneficiary) == 9 * ONE
    assert system.balance(hook, system.escrow.address) == 21 * ONE


def test_donation_transfer_cannot_reenter_donate_token(system: System) -> None:
    hook = _allowed(system, "ReentrantToken")
    pid = system.create_project(token=hook.address)
    _fund_hook_token(system, hook, 5 * ONE)
    donor = system.donors[0]
    system.send(hook.functions.mint(donor, 3 * ONE), donor)
    system.send(hook.functions.approve(system.escrow.address, 3 * ONE), donor)

    _arm(system, hook, system.escrow, "donateToken", pid, 5 * ONE, _memo("nested"))
    receipt = system.send(system.escrow.functions.donateToken(pid, 3 * ONE, _memo("outer")), donor)

    assert system.event(receipt, system.escrow, "DonationReceived") == {
        "projectId": pid,
        "donor": donor,
        "amount": 3 * ONE,
        "memo": _memo("outer"),
    }
    assert _reentry_error(system, hook) == "ReentrancyGuardReentrantCall"
    assert system.project(pid)["raised"] == 3 * ONE
    assert system.escrow.functions.position(pid, donor).call() == (3 * ONE, 0, 0)
    assert system.escrow.functions.position(pid, hook.address).call() == (0, 0, 0)
    assert system.balance(hook, system.escrow.address) == 3 * ONE
    assert system.balance(hook, hook.address) == 5 * ONE


# ------------------------------------------------------------------ ETH refusers


def test_release_to_eth_refusing_beneficiary_reverts_with_amount(system: System) -> None:
    refuser = system.deploy("EthRefuser")
    pid = system.funded(beneficiary=refuser.address)
    _approve_ready(system, pid, 0)
    with system.reverts("EscrowEthTransferFailed", refuser.address, 9 * ONE):
        system.send(system.escrow.functions.releaseMilestone(pid, 0), system.outsider)
    assert system.milestone(pid, 0)["state"] == M_APPROVED
    assert system.project(pid)["released"] == 0
    assert system.balance(None, system.escrow.address) == 30 * ONE


def test_stuck_project_cannot_be_cancelled_by_anyone_before_grace_ends(system: System) -> None:
    refuser = system.deploy("EthRefuser")
    pid = system.funded(beneficiary=refuser.address)
    system.travel_to(system.milestone(pid, 0)["dueDate"] + GRACE - DAY)
    with system.reverts("EscrowNotCancellable", pid, system.outsider):
        system.send(system.escrow.functions.cancelProject(pid), system.outsider)
    assert system.project(pid)["state"] == ACTIVE


def test_stuck_project_is_cancelled_after_grace_and_every_donor_refunded(system: System) -> None:
    refuser = system.deploy("EthRefuser")
    amounts = (20 * ONE, 10 * ONE, 3 * ONE + 1)
    pid = system.funded(amounts, beneficiary=refuser.address)
    _approve_ready(system, pid, 0)
    with system.reverts("EscrowEthTransferFailed", refuser.address, (33 * ONE + 1) * 3 // 10):
        system.send(system.escrow.functions.releaseMilestone(pid, 0), system.outsider)

    system.travel_to(system.milestone(pid, 0)["dueDate"] + GRACE + 1)
    receipt = system.send(system.escrow.functions.cancelProject(pid), system.outsider)
    assert system.event(receipt, system.escrow, "ProjectCancelled") == {
        "projectId": pid,
        "caller": system.outsider,
        "reason": 2,
        "released": 0,
    }
    for donor, amount in zip(system.donors, amounts, strict=True):
        before = system.balance(None, donor)
        claim = system.send(system.escrow.functions.claimRefund(pid), donor)
        assert system.balance(None, donor) - before + _gas(claim) == amount
    assert system.project(pid)["refunded"] == sum(amounts)
    assert system.balance(None, system.escrow.address) == 0
    assert system.balance(None, refuser.address) == 0


def test_eth_refusing_donor_fails_only_its_own_refund(system: System) -> None:
    refuser = system.deploy("EthRefuser")
    pid = system.create_project()
    donate_call = system.escrow.encode_abi("donate", args=[pid, _memo("refuser")])
    system.send(
        refuser.functions.execute(system.escrow.address, donate_call), system.donors[2], 5 * ONE
    )
    assert system.escrow.functions.position(pid, refuser.address).call() == (5 * ONE, 0, 0)
    system.donate(pid, system.donors[0], 20 * ONE)
    system.donate(pid, system.donors[1], 10 * ONE)
    system.send(system.escrow.functions.cancelProject(pid), system.org_admin)
    assert system.project(pid)["state"] == CANCELLED

    claim_call = system.escrow.encode_abi("claimRefund", args=[pid])
    with system.reverts("EscrowEthTransferFailed", refuser.address, 5 * ONE):
        system.send(refuser.functions.execute(system.escrow.address, claim_call), system.donors[2])

    for donor, amount in ((system.donors[0], 20 * ONE), (system.donors[1], 10 * ONE)):
        before = system.balance(None, donor)
        receipt = system.send(system.escrow.functions.claimRefund(pid), donor)
        assert system.balance(None, donor) - before + _gas(receipt) == amount
    assert system.escrow.functions.position(pid, refuser.address).call() == (
        5 * ONE,
        0,
        5 * ONE,
    )
    assert system.balance(None, system.escrow.address) == 5 * ONE

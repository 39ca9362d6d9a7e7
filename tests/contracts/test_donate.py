"""donate (ETH) and donateToken: credit, caps, windows, assets and every revert."""

from __future__ import annotations

from story import CANCELLED, DAY, ETH, ONE, System, h
from web3.contract import Contract


def test_eth_donation_credits_donor_and_project_and_emits_every_field(system: System) -> None:
    pid = system.create_project()
    memo = h("receipt commitment")
    receipt = system.donate(pid, system.donors[0], 3 * ONE, memo)
    assert system.event(receipt, system.escrow, "DonationReceived") == {
        "projectId": pid,
        "donor": system.donors[0],
        "amount": 3 * ONE,
        "memo": memo,
    }
    assert system.project(pid)["raised"] == 3 * ONE
    assert system.escrow.functions.position(pid, system.donors[0]).call() == (3 * ONE, 0, 0)
    assert system.balance(None, system.escrow.address) == 3 * ONE


def test_repeat_donations_accumulate_per_donor(system: System) -> None:
    pid = system.create_project()
    system.donate(pid, system.donors[0], ONE)
    receipt = system.donate(pid, system.donors[0], 2 * ONE)
    assert system.event(receipt, system.escrow, "DonationReceived")["amount"] == 2 * ONE
    assert system.project(pid)["raised"] == 3 * ONE
    assert system.escrow.functions.position(pid, system.donors[0]).call()[0] == 3 * ONE


def test_donation_to_unknown_project_reverts(system: System) -> None:
    with system.reverts("EscrowUnknownProject", 99):
        system.donate(99, system.donors[0], ONE)


def test_zero_donation_reverts(system: System) -> None:
    pid = system.create_project()
    with system.reverts("EscrowZeroAmount"):
        system.donate(pid, system.donors[0], 0)


def test_donation_after_deadline_reverts(system: System) -> None:
    pid = system.create_project()
    deadline = system.project(pid)["deadline"]
    system.travel_to(deadline)
    with system.reverts("EscrowFundingEnded", pid, deadline):
        system.donate(pid, system.donors[0], ONE)


def test_donation_over_cap_reverts_with_remaining_room(system: System) -> None:
    pid = system.create_project(cap=10 * ONE, min_goal=ONE)
    system.donate(pid, system.donors[0], 8 * ONE)
    with system.reverts("EscrowCapExceeded", pid, 2 * ONE, 3 * ONE):
        system.donate(pid, system.donors[1], 3 * ONE)


def test_donation_outside_funding_reverts(system: System) -> None:
    pid = system.funded()
    with system.reverts("EscrowInvalidProjectState", pid, 2):
        system.donate(pid, system.donors[0], ONE)


def test_donation_to_cancelled_project_reverts(system: System) -> None:
    pid = system.create_project()
    system.send(system.escrow.functions.cancelProject(pid), system.org_admin)
    with system.reverts("EscrowInvalidProjectState", pid, CANCELLED):
        system.donate(pid, system.donors[0], ONE)


def test_eth_sent_to_token_project_reverts(system: System, token: Contract) -> None:
    pid = system.create_project(token=token.address)
    with system.reverts("EscrowWrongAsset", pid, token.address):
        system.donate(pid, system.donors[0], ONE)


def test_token_donation_to_eth_project_reverts(system: System, token: Contract) -> None:
    pid = system.create_project()
    with system.reverts("EscrowWrongAsset", pid, ETH):
        system.send(system.escrow.functions.donateToken(pid, ONE, b"\0" * 32), system.donors[0])


def test_token_donation_credits_measured_amount(system: System, token: Contract) -> None:
    pid = system.create_project(token=token.address)
    receipt = system.donate_token(token, pid, system.donors[0], 5 * ONE, h("memo"))
    args = system.event(receipt, system.escrow, "DonationReceived")
    assert (args["amount"], args["memo"]) == (5 * ONE, h("memo"))
    assert system.project(pid)["raised"] == 5 * ONE
    assert token.functions.balanceOf(system.escrow.address).call() == 5 * ONE
    assert token.functions.allowance(system.donors[0], system.escrow.address).call() == 0


def test_token_donation_without_allowance_reverts_with_token_error(
    system: System, token: Contract
) -> None:
    pid = system.create_project(token=token.address)
    system.send(token.functions.mint(system.donors[0], ONE), system.donors[0])
    with system.reverts("ERC20InsufficientAllowance", system.escrow.address, 0, ONE):
        system.send(system.escrow.functions.donateToken(pid, ONE, b"\0" * 32), system.donors[0])


def test_zero_token_donation_reverts(system: System, token: Contract) -> None:
    pid = system.create_project(token=token.address)
    with system.reverts("EscrowZeroAmount"):
        system.send(system.escrow.functions.donateToken(pid, 0, b"\0" * 32), system.donors[0])


def test_donations_refused_while_paused_and_accepted_after(system: System) -> None:
    pid = system.create_project()
    system.send(system.escrow.functions.pause(), system.admin)
    with system.reverts("EnforcedPause"):
        system.donate(pid, system.donors[0], ONE)
    system.send(system.escrow.functions.unpause(), system.admin)
    system.donate(pid, system.donors[0], ONE)
    assert system.project(pid)["raised"] == ONE


def test_donation_just_before_deadline_is_accepted(system: System) -> None:
    pid = system.create_project(duration=2 * DAY)
    system.travel_to(system.project(pid)["deadline"] - 10)
    system.donate(pid, system.donors[0], ONE)
    assert system.project(pid)["raised"] == ONE

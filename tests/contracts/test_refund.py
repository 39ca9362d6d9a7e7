"""claimRefund: exact refunds from failed and cancelled projects, views, and every revert."""

from __future__ import annotations

from story import ACTIVE, COMPLETED, FAILED, FUNDING, ONE, System
from web3.contract import Contract
from web3.types import TxReceipt


def _claim(system: System, pid: int, donor: str) -> TxReceipt:
    return system.send(system.escrow.functions.claimRefund(pid), donor)


def _gas_cost(receipt: TxReceipt) -> int:
    return int(receipt["gasUsed"]) * int(receipt["effectiveGasPrice"])


def _position(system: System, pid: int, donor: str) -> tuple[int, int, int]:
    return tuple(system.escrow.functions.position(pid, donor).call())  # type: ignore[return-value]


def _refundable(system: System, pid: int, donor: str) -> int:
    return int(system.escrow.functions.refundableAmount(pid, donor).call())


def _failed(system: System) -> int:
    """A Failed ETH project: donors[0] gave 3 ETH, donors[1] 2 ETH + 1 wei, goal 10 ETH."""
    pid = system.create_project(min_goal=10 * ONE)
    system.donate(pid, system.donors[0], 3 * ONE)
    system.donate(pid, system.donors[1], 2 * ONE + 1)
    system.close(pid)
    assert system.project(pid)["state"] == FAILED
    return pid


def _cancelled_after_release(system: System, amounts: tuple[int, ...]) -> int:
    """Active project, milestone 0 (30 %) released, then cancelled by the organization."""
    pid = system.funded(amounts=amounts)
    system.release(pid, 0)
    system.send(system.escrow.functions.cancelProject(pid), system.org_admin)
    return pid


def test_failed_project_refunds_a_donor_exactly_their_contribution(system: System) -> None:
    pid = _failed(system)
    donor = system.donors[0]
    assert _position(system, pid, donor) == (3 * ONE, 0, 3 * ONE)
    assert _refundable(system, pid, donor) == 3 * ONE
    before = system.balance(None, donor)
    escrow_before = system.balance(None, system.escrow.address)

    receipt = _claim(system, pid, donor)

    assert system.event(receipt, system.escrow, "RefundClaimed") == {
        "projectId": pid,
        "donor": donor,
        "amount": 3 * ONE,
    }
    assert system.balance(None, donor) == before + 3 * ONE - _gas_cost(receipt)
    assert system.balance(None, system.escrow.address) == escrow_before - 3 * ONE
    assert _position(system, pid, donor) == (3 * ONE, 3 * ONE, 0)
    assert _refundable(system, pid, donor) == 0
    assert system.project(pid)["refunded"] == 3 * ONE


def test_failed_project_refunds_every_donor_and_empties_its_escrow(system: System) -> None:
    pid = _failed(system)
    for donor, amount in ((system.donors[1], 2 * ONE + 1), (system.donors[0], 3 * ONE)):
        before = system.balance(None, donor)
        receipt = _claim(system, pid, donor)
        assert system.event(receipt, system.escrow, "RefundClaimed")["amount"] == amount
        assert system.balance(None, donor) == before + amount - _gas_cost(receipt)
    assert system.project(pid)["refunded"] == 5 * ONE + 1
    assert system.balance(None, system.escrow.address) == 0


def test_cancelled_project_refunds_the_unreleased_share_rounded_down(system: System) -> None:
    # raised 12 ETH + 1 wei; 3.6 ETH released; 8.4 ETH + 1 wei left to share pro rata.
    pid = _cancelled_after_release(system, (7 * ONE, 5 * ONE + 1))
    p = system.project(pid)
    assert (p["raised"], p["released"]) == (12 * ONE + 1, 3_600_000_000_000_000_000)
    expected = {
        system.donors[0]: 4_900_000_000_000_000_000,
        system.donors[1]: 3_500_000_000_000_000_000,
    }
    for donor, contributed in ((system.donors[0], 7 * ONE), (system.donors[1], 5 * ONE + 1)):
        formula = contributed * (p["raised"] - p["released"]) // p["raised"]
        assert formula == expected[donor]
        assert _position(system, pid, donor) == (contributed, 0, expected[donor])
        before = system.balance(None, donor)
        receipt = _claim(system, pid, donor)
        assert system.event(receipt, system.escrow, "RefundClaimed") == {
            "projectId": pid,
            "donor": donor,
            "amount": expected[donor],
        }
        assert system.balance(None, donor) == before + expected[donor] - _gas_cost(receipt)
        assert _position(system, pid, donor) == (contributed, expected[donor], 0)
    # Rounding leaves one wei of dust, never more than one per donor.
    assert system.balance(None, system.escrow.address) == 1


def test_second_claim_reverts(system: System) -> None:
    pid = _failed(system)
    _claim(system, pid, system.donors[0])
    with system.reverts("EscrowAlreadyRefunded", pid, system.donors[0]):
        _claim(system, pid, system.donors[0])


def test_non_donor_has_nothing_to_refund(system: System) -> None:
    pid = _failed(system)
    assert _position(system, pid, system.outsider) == (0, 0, 0)
    with system.reverts("EscrowNothingToRefund", pid, system.outsider):
        _claim(system, pid, system.outsider)


def test_tiny_contribution_whose_refund_rounds_to_zero_has_nothing_to_refund(
    system: System,
) -> None:
    pid = _cancelled_after_release(system, (20 * ONE, 10 * ONE, 1))
    assert _position(system, pid, system.donors[2]) == (1, 0, 0)
    with system.reverts("EscrowNothingToRefund", pid, system.donors[2]):
        _claim(system, pid, system.donors[2])


def test_refund_of_an_active_project_reverts(system: System) -> None:
    pid = system.funded()
    assert _refundable(system, pid, system.donors[0]) == 0
    with system.reverts("EscrowInvalidProjectState", pid, ACTIVE):
        _claim(system, pid, system.donors[0])


def test_refund_while_funding_reverts(system: System) -> None:
    pid = system.create_project()
    system.donate(pid, system.donors[0], ONE)
    assert _position(system, pid, system.donors[0]) == (ONE, 0, 0)
    with system.reverts("EscrowInvalidProjectState", pid, FUNDING):
        _claim(system, pid, system.donors[0])


def test_refund_of_a_completed_project_reverts(system: System) -> None:
    pid = system.funded()
    for index in range(3):
        system.release(pid, index)
    assert _refundable(system, pid, system.donors[0]) == 0
    with system.reverts("EscrowInvalidProjectState", pid, COMPLETED):
        _claim(system, pid, system.donors[0])


def test_refund_of_an_unknown_project_reverts(system: System) -> None:
    with system.reverts("EscrowUnknownProject", 99):
        _claim(system, 99, system.donors[0])


def test_refund_views_of_an_unknown_project_revert(system: System) -> None:
    with system.reverts("EscrowUnknownProject", 98):
        system.escrow.functions.refundableAmount(98, system.donors[0]).call()
    with system.reverts("EscrowUnknownProject", 98):
        system.escrow.functions.position(98, system.donors[0]).call()


def test_refunds_work_while_paused(system: System) -> None:
    pid = _failed(system)
    system.send(system.escrow.functions.pause(), system.admin)
    receipt = _claim(system, pid, system.donors[0])
    assert system.event(receipt, system.escrow, "RefundClaimed")["amount"] == 3 * ONE


def test_erc20_refund_returns_the_token_from_a_failed_project(
    system: System, token: Contract
) -> None:
    pid = system.create_project(token=token.address, min_goal=10 * ONE)
    system.donate_token(token, pid, system.donors[0], 4 * ONE)
    system.donate_token(token, pid, system.donors[1], ONE)
    system.close(pid)
    assert system.balance(token, system.donors[0]) == 0

    receipt = _claim(system, pid, system.donors[0])

    assert system.event(receipt, system.escrow, "RefundClaimed") == {
        "projectId": pid,
        "donor": system.donors[0],
        "amount": 4 * ONE,
    }
    assert system.balance(token, system.donors[0]) == 4 * ONE
    assert system.balance(token, system.escrow.address) == ONE


def test_erc20_refund_from_a_cancelled_project_is_pro_rata(system: System, token: Contract) -> None:
    pid = system.create_project(token=token.address)
    system.donate_token(token, pid, system.donors[0], 20 * ONE)
    system.donate_token(token, pid, system.donors[1], 10 * ONE)
    system.close(pid)
    system.release(pid, 0)  # 9 of 30 released; 70 % refundable
    system.send(system.escrow.functions.cancelProject(pid), system.org_admin)
    _claim(system, pid, system.donors[0])
    _claim(system, pid, system.donors[1])
    assert system.balance(token, system.donors[0]) == 14 * ONE
    assert system.balance(token, system.donors[1]) == 7 * ONE
    assert system.balance(token, system.escrow.address) == 0
    assert system.balance(token, system.beneficiary) == 9 * ONE

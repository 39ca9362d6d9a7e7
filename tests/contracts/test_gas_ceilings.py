"""Gas ceilings from receipts (evm shanghai, optimizer 200 runs), and donor-count independence.

"First-time" is a donor's first gift to a project that already holds donations; "repeat" is
the same donor's second. Memos are 32 non-zero bytes, the dearest calldata a real receipt
commitment can be.
"""

from __future__ import annotations

from story import ONE, System
from web3.contract import Contract

CEILINGS = {
    "donate_eth_first": 58_000,
    "donate_eth_repeat": 40_000,
    "donate_erc20_first": 90_000,
    "donate_erc20_repeat": 72_000,
    "release_eth": 70_000,
    "claim_refund_eth": 55_000,
}


def memo() -> bytes:
    return b"\xa5" * 32


def gas(receipt: dict) -> int:  # type: ignore[type-arg]
    return int(receipt["gasUsed"])


def test_eth_donation_gas_within_ceilings(system: System) -> None:
    pid = system.create_project()
    system.donate(pid, system.donors[0], ONE, memo())
    first = gas(system.donate(pid, system.donors[1], ONE, memo()))
    repeat = gas(system.donate(pid, system.donors[1], ONE, memo()))
    print(f"donate_eth_first={first} donate_eth_repeat={repeat}")
    assert first <= CEILINGS["donate_eth_first"]
    assert repeat <= CEILINGS["donate_eth_repeat"]


def test_erc20_donation_gas_within_ceilings(system: System, token: Contract) -> None:
    pid = system.create_project(token=token.address)
    system.donate_token(token, pid, system.donors[0], ONE, memo())
    first = gas(system.donate_token(token, pid, system.donors[1], ONE, memo()))
    repeat = gas(system.donate_token(token, pid, system.donors[1], ONE, memo()))
    print(f"donate_erc20_first={first} donate_erc20_repeat={repeat}")
    assert first <= CEILINGS["donate_erc20_first"]
    assert repeat <= CEILINGS["donate_erc20_repeat"]


def test_release_and_refund_gas_within_ceilings(system: System) -> None:
    pid = system.funded()
    release = gas(system.release(pid, 0))
    system.send(system.escrow.functions.cancelProject(pid), system.org_admin)
    refund = gas(system.send(system.escrow.functions.claimRefund(pid), system.donors[0]))
    print(f"release_eth={release} claim_refund_eth={refund}")
    assert release <= CEILINGS["release_eth"]
    assert refund <= CEILINGS["claim_refund_eth"]

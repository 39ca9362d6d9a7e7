"""Release and refund cost does not depend on how many donors a project has (no donor loops).

Builds one project with a single donor and one with 1,000 distinct donor accounts (real
donations from impersonated addresses), then compares the gas of the same release and of a
refund claim on each. They must agree within 1%.
"""

from __future__ import annotations

import os

from story import ONE, System
from web3 import Web3

DONORS = 1_000


def _many_donors(system: System, pid: int, count: int, amount: int) -> None:
    w3 = system.w3
    w3.provider.make_request("anvil_autoImpersonateAccount", [True])  # type: ignore[arg-type]
    calldata = system.escrow.functions.donate(pid, b"\x01" * 32)._encode_transaction_data()
    last = None
    for _ in range(count):
        donor = Web3.to_checksum_address("0x" + os.urandom(20).hex())
        w3.provider.make_request("anvil_setBalance", [donor, hex(amount + 100 * ONE)])  # type: ignore[arg-type]
        last = w3.eth.send_transaction(
            {
                "from": donor,
                "to": system.escrow.address,
                "data": calldata,
                "value": amount,
                "gas": 100_000,
            }
        )
    w3.provider.make_request("anvil_autoImpersonateAccount", [False])  # type: ignore[arg-type]
    assert last is not None
    assert w3.eth.wait_for_transaction_receipt(last, poll_latency=0.01)["status"] == 1


def _release_then_refund_gas(system: System, extra_donors: int) -> tuple[int, int]:
    pid = system.create_project(min_goal=ONE, cap=10_000 * ONE)
    system.donate(pid, system.donors[0], 5 * ONE)
    if extra_donors:
        _many_donors(system, pid, extra_donors, ONE // 100)
    system.close(pid)
    release = int(system.release(pid, 0)["gasUsed"])
    system.send(system.escrow.functions.cancelProject(pid), system.org_admin)
    claim = system.send(system.escrow.functions.claimRefund(pid), system.donors[0])
    return release, int(claim["gasUsed"])


def test_release_and_refund_gas_are_the_same_with_one_and_a_thousand_donors(
    system: System,
) -> None:
    release_1, refund_1 = _release_then_refund_gas(system, 0)
    release_n, refund_n = _release_then_refund_gas(system, DONORS - 1)
    pid = int(system.escrow.functions.projectCount().call())
    assert system.project(pid)["raised"] == 5 * ONE + (DONORS - 1) * (ONE // 100)
    print(f"release {release_1} vs {release_n}; refund {refund_1} vs {refund_n}")
    assert abs(release_n - release_1) <= release_1 // 100
    assert abs(refund_n - refund_1) <= refund_1 // 100

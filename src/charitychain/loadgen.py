"""Concurrent donations through the library, for the load test and `make bench`.

Each donor account gets its own thread, connection and local key, and donates in sequence
(nonces stay ordered per account); all donors run at once. The result lists every donation
the library reported, so callers can check nothing was lost or doubled.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from eth_account import Account
from web3 import Web3

from charitychain.chain.connect import connect
from charitychain.contracts.suite import Deployment, bind
from charitychain.services import funding
from charitychain.services.session import Session
from charitychain.services.transact import Signer


@dataclass(frozen=True)
class LoadResult:
    donations: tuple[funding.Donation, ...]
    errors: tuple[str, ...]
    seconds: float

    @property
    def per_second(self) -> float:
        return len(self.donations) / self.seconds if self.seconds else 0.0


def fund_donors(w3: Web3, count: int, wei: int) -> list[Signer]:
    """`count` fresh local keys, each given `wei` (dev chains: anvil_setBalance)."""
    donors = []
    for _ in range(count):
        key = Account.create()
        w3.provider.make_request("anvil_setBalance", [key.address, hex(wei)])  # type: ignore[arg-type]
        donors.append(Signer(Web3.to_checksum_address(key.address), key))
    return donors


def donate_concurrently(
    url: str, deployment: Deployment, project_id: int, donors: list[Signer], each: int, amount: int
) -> LoadResult:
    """Every donor gives `amount` `each` times, all donors at once."""
    done: list[funding.Donation] = []
    errors: list[str] = []
    lock = threading.Lock()

    def work(donor: Signer) -> None:
        session = Session(bind(connect(url), deployment), donor)
        for _ in range(each):
            try:
                gift = funding.donate(session, project_id, amount)
            except Exception as exc:  # recorded and reported: the load test asserts none
                with lock:
                    errors.append(f"{donor.address}: {type(exc).__name__}: {exc}")
                return
            with lock:
                done.append(gift)

    threads = [threading.Thread(target=work, args=(d,)) for d in donors]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return LoadResult(tuple(done), tuple(errors), time.perf_counter() - started)

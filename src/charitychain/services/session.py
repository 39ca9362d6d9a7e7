"""A session: the bound suite, who signs, and how many confirmations to wait for."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from web3 import Web3
from web3.types import TxReceipt

from charitychain.contracts.suite import Suite
from charitychain.services import transact
from charitychain.services.journal import Journal
from charitychain.services.transact import Confirm, Signer


@dataclass(frozen=True, eq=False)
class Session:
    suite: Suite
    signer: Signer
    confirmations: int = 0
    confirm: Confirm | None = None  # asked before each send on non-dev chains
    journal: Journal | None = None  # sent transactions, so re-runs never double-send
    receipt_timeout: float = 120.0  # seconds; past it the outcome is reported as unknown

    @property
    def w3(self) -> Web3:
        return self.suite.w3

    def send(self, fn_call: Any, value: int = 0, gas: int | None = None) -> TxReceipt:
        return transact.send(
            self.w3,
            fn_call,
            self.signer,
            self.suite.decoder,
            value=value,
            confirmations=self.confirmations,
            confirm=self.confirm,
            journal=self.journal,
            timeout=self.receipt_timeout,
            gas=gas,
        )

    def as_signer(self, signer: Signer) -> Session:
        return replace(self, signer=signer)

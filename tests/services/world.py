"""Types and constants shared by the service tests (imported as `services.world`)."""

from __future__ import annotations

from dataclasses import dataclass

from charitychain.contracts.suite import Suite
from charitychain.services.transact import Signer

DAY = 24 * 3600
ETHER = 10**18


@dataclass(frozen=True)
class Cast:
    """Who plays which part; every one a node-managed dev account."""

    admin: Signer
    reviewer: Signer
    auditors: tuple[Signer, Signer, Signer]
    org_admin: Signer
    beneficiary: Signer
    donors: tuple[Signer, Signer, Signer]


@dataclass(frozen=True)
class World:
    suite: Suite
    cast: Cast
    org_id: int

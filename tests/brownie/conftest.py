"""Brownie-native tests of the charitychain contracts.

Run them with `make brownie-test`: eth-brownie lives in its own virtualenv (.venv-brownie)
and runs from the shadow project .charitychain/brownie/ so its build/ never touches
charitychain's. The main pytest run skips this folder (`--ignore=tests/brownie`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from eth_abi import encode

import brownie

try:
    from brownie import chain, web3
except ImportError:  # main .venv: `brownie` is only this folder (tests/ is on pythonpath)
    raise pytest.UsageError(
        "tests/brownie/ runs under eth-brownie from .venv-brownie: use `make brownie-test`"
    ) from None

DAY = 24 * 3600  # seconds
ADMIN_DELAY = 2 * DAY  # CharityRegistry adminTransferDelay
GRACE = 14 * DAY  # CharityEscrow cancelGracePeriod
ETH = "0x" + "00" * 20  # ProjectParams.token for ether (brownie rejects a bare 0)
ONE_ETH = 10**18  # wei
FUNDING = 7 * DAY  # seconds from creation to the funding deadline
WINDOW = 2 * DAY  # challengeWindow: seconds donors may challenge an approval

# ICharityEscrow.ProjectState / MilestoneState
FUNDING_STATE, ACTIVE, COMPLETED, CANCELLED, FAILED = 1, 2, 3, 4, 5
IN_REVIEW, APPROVED, RELEASED = 1, 2, 3


def h(text: str) -> bytes:
    """A non-zero bytes32 commitment (profile, metadata, evidence hashes)."""
    return bytes(web3.keccak(text=text))


def selector(signature: str) -> str:
    """'0x' + the 4-byte selector of an error signature, e.g. "EscrowZeroAmount()"."""
    return "0x" + bytes(web3.keccak(text=signature))[:4].hex()


def reverts_with(signature: str, *args: Any) -> Any:
    """`brownie.reverts` for the custom error `signature`, matched through its selector.

    Brownie 1.22 decodes revert data by selector. When the selector is in its error registry
    (every error in the ABI of a loaded contract container, so all of ours) it reports
    "<Name>: <arg>, <arg>"; an unregistered selector is reported raw as
    "Unknown typed error: 0x<selector><abi-encoded args>". Both forms are accepted; with
    `args` the arguments must match exactly too.
    """
    sel = selector(signature)
    name, _, rest = signature.partition("(")
    types = [t for t in rest.rstrip(")").split(",") if t]
    values = [getattr(a, "address", a) for a in args]  # Account -> address
    if values:
        # brownie prints decoded addresses in lower case, not checksummed
        shown = ", ".join(v.lower() if isinstance(v, str) else str(v) for v in values)
        decoded = re.escape(f"{name}: {shown}")
        raw = re.escape(f"Unknown typed error: {sel}{encode(types, values).hex()}")
    else:
        decoded = re.escape(f"{name}: ") + ".*"
        raw = re.escape(f"Unknown typed error: {sel}") + "[0-9a-f]*"
    return brownie.reverts(revert_pattern=f"{decoded}|{raw}")


def fee(tx: Any) -> int:
    """Wei the sender paid for gas (zero on brownie's anvil: base fee and gas price 0)."""
    return int(tx.gas_used) * int(tx.gas_price)


@dataclass(frozen=True)
class Suite:
    registry: Any
    escrow: Any
    ledger: Any
    admin: Any
    reviewer: Any
    auditors: tuple[Any, Any]
    org_admin: Any
    beneficiary: Any
    donors: tuple[Any, Any, Any]
    org_id: int


@pytest.fixture(scope="module")
def suite(
    module_isolation: None,
    accounts: Any,
    CharityRegistry: Any,
    CharityEscrow: Any,
    ProjectLedger: Any,
) -> Suite:
    """Registry, escrow and ledger wired together, roles granted, one approved organization."""
    admin, reviewer, aud1, aud2, org_admin, beneficiary, *donors = accounts[:9]
    registry = CharityRegistry.deploy(admin, ADMIN_DELAY, {"from": admin})
    escrow = CharityEscrow.deploy(registry, GRACE, {"from": admin})
    ledger = ProjectLedger.deploy(registry, escrow, {"from": admin})
    registry.grantRole(registry.REVIEWER_ROLE(), reviewer, {"from": admin})
    for auditor in (aud1, aud2):
        registry.grantRole(registry.AUDITOR_ROLE(), auditor, {"from": admin})
    tx = registry.applyOrganization(
        "Clean Water", h("profile"), "ipfs://profile", {"from": org_admin}
    )
    org_id = tx.events["OrganizationApplied"]["orgId"]
    registry.approveOrganization(org_id, chain.time() + 365 * DAY, {"from": reviewer})
    return Suite(
        registry,
        escrow,
        ledger,
        admin,
        reviewer,
        (aud1, aud2),
        org_admin,
        beneficiary,
        tuple(donors),
        org_id,
    )


@pytest.fixture(autouse=True)
def isolation(fn_isolation: None) -> None:
    """Every test starts from the module's deployment (brownie snapshots and reverts)."""


@pytest.fixture
def create_project(suite: Suite) -> Callable[..., int]:
    """Create an ETH project for the approved organization; returns its id."""

    def create(
        min_goal: int = 2 * ONE_ETH,
        cap: int = 10 * ONE_ETH,
        quorum: int = 2,
        shares: tuple[int, ...] = (4_000, 6_000),
    ) -> int:
        deadline = chain.time() + FUNDING
        milestones = [(bps, deadline + (i + 1) * 30 * DAY) for i, bps in enumerate(shares)]
        params = (
            suite.beneficiary,
            ETH,
            min_goal,
            cap,
            deadline,
            quorum,
            WINDOW,
            5_000,
            h("water"),
            h("metadata"),
            "ipfs://project",
            milestones,
        )
        tx = suite.escrow.createProject(params, {"from": suite.org_admin})
        return int(tx.events["ProjectCreated"]["projectId"])

    return create

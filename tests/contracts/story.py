"""The contract-test driver: deployed system, story steps, event and revert assertions."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from eth_utils import keccak
from web3 import Web3
from web3.contract import Contract
from web3.exceptions import ContractLogicError
from web3.logs import DISCARD
from web3.types import EventData, TxReceipt

from charitychain.contracts.artifacts import load_build_artifact
from charitychain.contracts.revert import DecodedError, ErrorDecoder

ETH = "0x" + "00" * 20
DAY = 24 * 3600
GRACE = 7 * DAY
ONE = 10**18
FUNDING = 1
ACTIVE = 2
COMPLETED = 3
CANCELLED = 4
FAILED = 5
M_PENDING, M_IN_REVIEW, M_APPROVED, M_RELEASED, M_REJECTED = range(5)

ERROR_SOURCES = (
    "CharityRegistry",
    "CharityEscrow",
    "ProjectLedger",
    "MockERC20",
    "FeeOnTransferToken",
)


# Every custom error a test saw, by name: test_zz_every_error_is_triggered checks the ABIs.
OBSERVED_ERRORS: set[str] = set()


def h(text: str) -> bytes:
    """A stand-in content hash for tests."""
    return keccak(text=text)


@dataclass
class System:
    w3: Web3
    registry: Contract
    escrow: Contract
    ledger: Contract
    admin: str
    reviewer: str
    auditors: list[str]
    org_admin: str
    beneficiary: str
    donors: list[str]
    outsider: str
    org_id: int
    decoder: ErrorDecoder
    deploy: Callable[..., Contract]
    _now: Callable[[], int] = field(repr=False, default=lambda: 0)
    _travel: Callable[[int], int] = field(repr=False, default=lambda s: 0)

    # ------------------------------------------------------------------ sending
    def send(self, fn_call: Any, sender: str, value: int = 0) -> TxReceipt:
        """Send and mine; raises ContractLogicError (with revert data) if it would revert."""
        tx_hash = fn_call.transact({"from": sender, "value": value})
        receipt = self.w3.eth.wait_for_transaction_receipt(tx_hash, poll_latency=0.005)
        assert receipt["status"] == 1, f"{fn_call.fn_name} mined but reverted"
        return receipt

    def events(self, receipt: TxReceipt, contract: Contract, name: str) -> list[EventData]:
        return list(contract.events[name]().process_receipt(receipt, errors=DISCARD))

    def event(self, receipt: TxReceipt, contract: Contract, name: str) -> dict[str, Any]:
        found = self.events(receipt, contract, name)
        assert len(found) == 1, f"expected one {name}, got {len(found)}"
        return dict(found[0]["args"])

    @contextlib.contextmanager
    def reverts(self, name: str, *args: Any) -> Iterator[None]:
        """Assert the block reverts with the named custom error and exactly these arguments."""
        with pytest.raises(ContractLogicError) as info:
            yield
        decoded = self.decoder.decode(info.value.data)  # type: ignore[arg-type]
        assert decoded is not None, f"undecodable revert data {info.value.data!r}"
        OBSERVED_ERRORS.add(decoded.name)
        assert decoded.name == name, f"expected {name}, got {decoded}"
        if args:
            assert decoded.args == args, f"expected {name}{args}, got {decoded}"

    def decode(self, data: bytes | str) -> DecodedError | None:
        decoded = self.decoder.decode(data)
        if decoded is not None:
            OBSERVED_ERRORS.add(decoded.name)
        return decoded

    # ------------------------------------------------------------------ time
    def now(self) -> int:
        return self._now()

    def travel(self, seconds: int) -> int:
        return self._travel(seconds)

    def travel_to(self, timestamp: int) -> None:
        delta = timestamp - self.now()
        if delta > 0:
            self._travel(delta)

    def balance(self, token: Contract | None, who: str) -> int:
        if token is None:
            return int(self.w3.eth.get_balance(who))
        return int(token.functions.balanceOf(who).call())

    # ------------------------------------------------------------------ story steps
    def params(
        self,
        *,
        token: str = ETH,
        min_goal: int = 10 * ONE,
        cap: int = 100 * ONE,
        duration: int = 10 * DAY,
        shares: tuple[int, ...] = (3000, 3000, 4000),
        quorum: int = 2,
        window: int = 3 * DAY,
        threshold_bps: int = 2000,
        beneficiary: str | None = None,
    ) -> tuple[Any, ...]:
        deadline = self.now() + duration
        milestones = [(bps, deadline + (i + 1) * 30 * DAY) for i, bps in enumerate(shares)]
        return (
            beneficiary or self.beneficiary,
            token,
            min_goal,
            cap,
            deadline,
            quorum,
            window,
            threshold_bps,
            h("education").ljust(32, b"\0")[:32],
            h("project metadata"),
            "ipfs://project",
            milestones,
        )

    def create_project(self, **kwargs: Any) -> int:
        receipt = self.send(
            self.escrow.functions.createProject(self.params(**kwargs)), self.org_admin
        )
        return int(self.event(receipt, self.escrow, "ProjectCreated")["projectId"])

    def donate(self, project_id: int, donor: str, amount: int, memo: bytes = b"") -> TxReceipt:
        return self.send(
            self.escrow.functions.donate(project_id, memo.ljust(32, b"\0")), donor, value=amount
        )

    def donate_token(
        self, token: Contract, project_id: int, donor: str, amount: int, memo: bytes = b""
    ) -> TxReceipt:
        self.send(token.functions.mint(donor, amount), donor)
        self.send(token.functions.approve(self.escrow.address, amount), donor)
        return self.send(
            self.escrow.functions.donateToken(project_id, amount, memo.ljust(32, b"\0")), donor
        )

    def close(self, project_id: int) -> TxReceipt:
        deadline = self.escrow.functions.project(project_id).call()[4]
        self.travel_to(deadline)
        return self.send(self.escrow.functions.closeFunding(project_id), self.outsider)

    def funded(self, amounts: tuple[int, ...] = (20 * ONE, 10 * ONE), **kwargs: Any) -> int:
        """An Active ETH project; donors[i] gave amounts[i]."""
        pid = self.create_project(**kwargs)
        for donor, amount in zip(self.donors, amounts, strict=False):
            self.donate(pid, donor, amount)
        self.close(pid)
        return pid

    def submit(self, project_id: int, index: int, evidence: str = "evidence") -> bytes:
        digest = h(f"{evidence}-{project_id}-{index}")
        self.send(
            self.escrow.functions.submitEvidence(project_id, index, digest, "ipfs://evidence"),
            self.org_admin,
        )
        return digest

    def approve(self, project_id: int, index: int, quorum: int = 2) -> bytes:
        digest = self.submit(project_id, index)
        for auditor in self.auditors[:quorum]:
            self.send(self.escrow.functions.voteMilestone(project_id, index, digest, True), auditor)
        return digest

    def release(self, project_id: int, index: int, quorum: int = 2) -> TxReceipt:
        self.approve(project_id, index, quorum)
        ends = self.escrow.functions.milestone(project_id, index).call()[6]
        self.travel_to(ends)
        return self.send(self.escrow.functions.releaseMilestone(project_id, index), self.outsider)

    def project(self, project_id: int) -> dict[str, Any]:
        keys = [
            "orgId",
            "beneficiary",
            "token",
            "state",
            "deadline",
            "quorum",
            "challengeWindow",
            "challengeThresholdBps",
            "milestoneCount",
            "releasedCount",
            "minGoal",
            "cap",
            "raised",
            "released",
            "refunded",
            "category",
            "metadataHash",
        ]
        return dict(zip(keys, self.escrow.functions.project(project_id).call(), strict=True))

    def milestone(self, project_id: int, index: int) -> dict[str, Any]:
        keys = [
            "bps",
            "dueDate",
            "state",
            "round",
            "approvals",
            "rejections",
            "windowEndsAt",
            "released",
            "challengeWeight",
            "evidenceHash",
        ]
        values = self.escrow.functions.milestone(project_id, index).call()
        return dict(zip(keys, values, strict=True))


def deploy_system(
    w3: Web3,
    accounts: list[str],
    project_root: Path,
    deploy: Callable[..., Contract],
    chain_time: Callable[[], int],
    time_travel: Callable[[int], int],
    outsider: str,
) -> System:
    """Registry, escrow and ledger with roles granted and one organization approved.

    accounts: admin, reviewer, three auditors, org admin, beneficiary, three donors.
    `outsider` is a random funded, impersonated address that holds no role.
    """
    admin, reviewer, a1, a2, a3, org_admin, beneficiary, d1, d2, d3 = accounts
    w3.provider.make_request("anvil_setBalance", [outsider, hex(1000 * ONE)])  # type: ignore[arg-type]
    w3.provider.make_request("anvil_impersonateAccount", [outsider])  # type: ignore[arg-type]
    registry = deploy("CharityRegistry", admin, 3 * DAY)
    escrow = deploy("CharityEscrow", registry.address, GRACE)
    ledger = deploy("ProjectLedger", registry.address, escrow.address)
    decoder = ErrorDecoder(load_build_artifact(n, project_root).abi for n in ERROR_SOURCES)
    s = System(
        w3=w3,
        registry=registry,
        escrow=escrow,
        ledger=ledger,
        admin=admin,
        reviewer=reviewer,
        auditors=[a1, a2, a3],
        org_admin=org_admin,
        beneficiary=beneficiary,
        donors=[d1, d2, d3],
        outsider=outsider,
        org_id=0,
        decoder=decoder,
        deploy=deploy,
        _now=chain_time,
        _travel=time_travel,
    )
    reviewer_role = registry.functions.REVIEWER_ROLE().call()
    auditor_role = registry.functions.AUDITOR_ROLE().call()
    s.send(registry.functions.grantRole(reviewer_role, reviewer), admin)
    for auditor in s.auditors:
        s.send(registry.functions.grantRole(auditor_role, auditor), admin)
    receipt = s.send(
        registry.functions.applyOrganization("Water for All", h("profile"), "ipfs://profile"),
        org_admin,
    )
    s.org_id = int(s.event(receipt, registry, "OrganizationApplied")["orgId"])
    s.send(registry.functions.approveOrganization(s.org_id, chain_time() + 3650 * DAY), reviewer)
    return s

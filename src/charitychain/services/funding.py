"""Creating projects, donating, closing funding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from web3 import Web3

from charitychain.services.inputs import ETH_ADDRESS, InvalidInput
from charitychain.services.receipts import one_event, tx_hash
from charitychain.services.session import Session
from charitychain.services.views import ProjectInfo, project_info

__all__ = ["ProjectInfo", "project_info"]

ERC20_ABI: list[dict[str, Any]] = [
    {
        "type": "function",
        "name": name,
        "stateMutability": mut,
        "inputs": [{"name": n, "type": t} for n, t in inputs],
        "outputs": [{"name": "", "type": out}],
    }
    for name, mut, inputs, out in (
        ("balanceOf", "view", [("a", "address")], "uint256"),
        ("allowance", "view", [("o", "address"), ("s", "address")], "uint256"),
        ("approve", "nonpayable", [("s", "address"), ("v", "uint256")], "bool"),
        ("decimals", "view", [], "uint8"),
        ("symbol", "view", [], "string"),
    )
]


@dataclass(frozen=True)
class MilestonePlan:
    bps: int
    due_date: int


@dataclass(frozen=True)
class ProjectPlan:
    beneficiary: str
    token: str
    min_goal: int
    cap: int
    deadline: int
    quorum: int
    challenge_window: int
    challenge_threshold_bps: int
    category: bytes
    metadata_hash: bytes
    metadata_uri: str
    milestones: tuple[MilestonePlan, ...]

    def as_tuple(self) -> tuple[Any, ...]:
        return (
            self.beneficiary,
            self.token,
            self.min_goal,
            self.cap,
            self.deadline,
            self.quorum,
            self.challenge_window,
            self.challenge_threshold_bps,
            self.category.ljust(32, b"\0")[:32],
            self.metadata_hash,
            self.metadata_uri,
            [(m.bps, m.due_date) for m in self.milestones],
        )


@dataclass(frozen=True)
class ProjectCreated:
    project_id: int
    org_id: int
    tx: str


@dataclass(frozen=True)
class Donation:
    project_id: int
    donor: str
    amount: int
    memo: bytes
    tx: str


@dataclass(frozen=True)
class FundingClosed:
    project_id: int
    active: bool
    raised: int
    tx: str


def create_project(session: Session, plan: ProjectPlan) -> ProjectCreated:
    if sum(m.bps for m in plan.milestones) != 10_000:
        raise InvalidInput("milestone shares must add up to 10000 basis points (100%)")
    receipt = session.send(session.suite.escrow.functions.createProject(plan.as_tuple()))
    args = one_event(receipt, session.suite.escrow, "ProjectCreated")
    return ProjectCreated(int(args["projectId"]), int(args["orgId"]), tx_hash(receipt))


def donate(session: Session, project_id: int, amount: int, memo: bytes = b"\0" * 32) -> Donation:
    """Donate ETH or the project's token (approving exactly `amount` when needed)."""
    info = project_info(session.suite, project_id)
    _require_open(session, info, amount)
    escrow = session.suite.escrow
    if info.token == ETH_ADDRESS:
        call = escrow.functions.donate(project_id, memo)
        balance = session.w3.eth.get_balance(session.signer.address)
        gas, gas_cost = _gas(session, call, amount) if balance >= amount else (None, 0)
        if balance < amount + gas_cost:
            fee = f" (up to {gas_cost} wei)" if gas_cost else ""
            raise InvalidInput(
                f"insufficient funds: {session.signer.address} holds {balance} wei, the donation "
                f"needs {amount} wei plus gas{fee}; fund the account or give less"
            )
        receipt = session.send(call, value=amount, gas=gas)
    else:
        token = session.w3.eth.contract(address=Web3.to_checksum_address(info.token), abi=ERC20_ABI)
        token_balance = int(token.functions.balanceOf(session.signer.address).call())
        if token_balance < amount:
            raise InvalidInput(
                f"insufficient token balance: {session.signer.address} holds {token_balance} "
                f"units of "
                f"{info.token}, the donation needs {amount}"
            )
        allowance = int(token.functions.allowance(session.signer.address, escrow.address).call())
        if allowance < amount:
            session.send(token.functions.approve(escrow.address, amount))  # exact, never unlimited
        receipt = session.send(escrow.functions.donateToken(project_id, amount, memo))
    args = one_event(receipt, escrow, "DonationReceived")
    return Donation(project_id, args["donor"], int(args["amount"]), args["memo"], tx_hash(receipt))


def close_funding(session: Session, project_id: int) -> FundingClosed:
    receipt = session.send(session.suite.escrow.functions.closeFunding(project_id))
    args = one_event(receipt, session.suite.escrow, "FundingClosed")
    return FundingClosed(project_id, int(args["state"]) == 2, int(args["raised"]), tx_hash(receipt))


def _gas(session: Session, call: Any, amount: int) -> tuple[int, int]:
    """Gas limit for the call and the most it can cost at the fee the sender will offer."""
    from charitychain.services.transact import GAS_MARGIN, max_fee_per_gas, preflight

    gas = int(preflight(call, session.signer, amount, session.suite.decoder) * GAS_MARGIN)
    return gas, gas * max_fee_per_gas(session.w3)


def _require_open(session: Session, info: ProjectInfo, amount: int) -> None:
    if info.state != "Funding":
        raise InvalidInput(f"project {info.project_id} is {info.state}, not accepting donations")
    now = int(session.w3.eth.get_block("latest")["timestamp"])
    if now >= info.deadline:
        raise InvalidInput(f"project {info.project_id}'s funding deadline has passed")
    if info.raised + amount > info.cap:
        raise InvalidInput(
            f"project {info.project_id} can take at most {info.cap - info.raised} more units "
            f"(cap {info.cap}); give less"
        )

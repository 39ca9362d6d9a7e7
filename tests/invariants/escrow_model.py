"""Raw JSON-RPC harness and the Python model of CharityEscrow used by the state machine.

The harness talks JSON-RPC directly (no web3 contract layer): one request per transaction,
one batched request per invariant check. Block timestamps are deterministic: the node is
put in a one-second block-interval mode, so a transaction is mined at `latest + 1` and a
failed one is replayed with `eth_call` at the block it was mined in, which has exactly the
state and timestamp it saw. Every prediction in the model is therefore exact, boundaries
included.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from eth_abi.abi import decode, encode
from eth_utils.abi import function_signature_to_4byte_selector
from eth_utils.address import to_checksum_address
from eth_utils.crypto import keccak
from story import DAY, ERROR_SOURCES, GRACE, ONE, System, h
from web3 import Web3

from charitychain.contracts.abi import type_string
from charitychain.contracts.artifacts import load_build_artifact
from charitychain.contracts.revert import DecodedError, ErrorDecoder

PROFILE_ENV = "CHARITYCHAIN_HYPOTHESIS_PROFILE"
ZERO = "0x" + "00" * 20
ZERO32 = b"\0" * 32
GAS = 3_000_000
FEE_BPS = 100  # FeeOnTransferToken(100)
BPS = 10_000
MAX_AMOUNT = 2**120 - 1

# Project states
NONE, FUNDING, ACTIVE, COMPLETED, CANCELLED, FAILED = range(6)
# Milestone states
M_PENDING, M_IN_REVIEW, M_APPROVED, M_RELEASED, M_REJECTED = range(5)
# Organization status
ORG_APPROVED, ORG_SUSPENDED = 2, 3
# Cancel reasons
BY_ORG, BY_SUSPENSION, BY_OVERDUE = range(3)

PROJECT_MOVES = {
    (NONE, FUNDING),
    (FUNDING, ACTIVE),
    (FUNDING, FAILED),
    (FUNDING, CANCELLED),
    (ACTIVE, COMPLETED),
    (ACTIVE, CANCELLED),
}
MILESTONE_MOVES = {
    (M_PENDING, M_IN_REVIEW),
    (M_IN_REVIEW, M_IN_REVIEW),  # evidence replaced, or a challenge reopened review
    (M_IN_REVIEW, M_APPROVED),
    (M_IN_REVIEW, M_REJECTED),
    (M_REJECTED, M_IN_REVIEW),
    (M_APPROVED, M_IN_REVIEW),
    (M_APPROVED, M_RELEASED),
}

Expected = tuple[str, tuple[Any, ...]] | None


def err(name: str, *args: Any) -> tuple[str, tuple[Any, ...]]:
    return (name, args)


def net_of_fee(kind: str, amount: int) -> int:
    """What a transfer of `amount` of token `kind` delivers to the receiver."""
    if kind == "FEE":
        return amount - amount * FEE_BPS // BPS
    return amount


# ---------------------------------------------------------------------------------------
# ABI and RPC
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Fn:
    selector: bytes
    inputs: list[str]
    outputs: list[str]


class Abi:
    """Encode calls and decode results of one contract's functions (no overloads)."""

    def __init__(self, abi: Iterable[Mapping[str, Any]]) -> None:
        self.fns: dict[str, _Fn] = {}
        self.events: dict[str, tuple[bytes, list[str]]] = {}
        for item in abi:
            ins = [type_string(p) for p in item.get("inputs", [])]
            if item.get("type") == "function":
                sig = f"{item['name']}({','.join(ins)})"
                outs = [type_string(p) for p in item.get("outputs", [])]
                self.fns[item["name"]] = _Fn(function_signature_to_4byte_selector(sig), ins, outs)
            elif item.get("type") == "event":
                sig = f"{item['name']}({','.join(ins)})"
                data_types = [
                    type_string(p) for p in item.get("inputs", []) if not p.get("indexed")
                ]
                self.events[item["name"]] = (keccak(text=sig), data_types)

    def data(self, name: str, *args: Any) -> str:
        fn = self.fns[name]
        return "0x" + (fn.selector + encode(fn.inputs, list(args))).hex()

    def result(self, name: str, raw: str) -> tuple[Any, ...]:
        return _checksummed(tuple(decode(self.fns[name].outputs, bytes.fromhex(raw[2:]))))

    def logs(self, receipt: Mapping[str, Any], address: str, name: str) -> list[tuple[Any, ...]]:
        """Non-indexed data of every `name` event `address` emitted in the receipt."""
        topic, types = self.events[name]
        found = []
        for log in receipt["logs"]:
            if log["address"].lower() != address.lower():
                continue
            if bytes.fromhex(log["topics"][0][2:]) != topic:
                continue
            found.append(_checksummed(tuple(decode(types, bytes.fromhex(log["data"][2:])))))
        return found


def _checksummed(value: Any) -> Any:
    """Addresses as checksummed strings, like the error decoder and web3 give them."""
    if isinstance(value, tuple | list):
        return type(value)(_checksummed(v) for v in value)
    if isinstance(value, str) and value.startswith("0x") and len(value) == 42:
        return to_checksum_address(value)
    return value


@dataclass
class Outcome:
    receipt: dict[str, Any]
    error: DecodedError | None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def gas_cost(self) -> int:
        return int(self.receipt["gasUsed"], 16) * int(self.receipt["effectiveGasPrice"], 16)


class RpcError(RuntimeError):
    pass


class Rpc:
    def __init__(self, w3: Web3, decoder: ErrorDecoder) -> None:
        self.provider: Any = w3.provider
        self.decoder = decoder

    def request(self, method: str, params: list[Any]) -> Any:
        response = self.provider.make_request(method, params)
        if "error" in response:
            raise RpcError(f"{method}: {response['error']}")
        return response["result"]

    def batch(self, requests: list[tuple[str, list[Any]]]) -> list[Any]:
        if not requests:
            return []
        responses = self.provider.make_batch_request(requests)
        assert isinstance(responses, list), responses
        responses = sorted(responses, key=lambda r: int(r["id"]))
        out = []
        for (method, _), response in zip(requests, responses, strict=True):
            if "error" in response:
                raise RpcError(f"{method}: {response['error']}")
            out.append(response["result"])
        return out

    def call(self, to: str, data: str, sender: str = ZERO) -> str:
        return str(self.request("eth_call", [{"from": sender, "to": to, "data": data}, "latest"]))

    def send(self, sender: str, to: str, data: str, value: int = 0) -> Outcome:
        """Mine one transaction (never estimated); a failure is replayed to decode its error."""
        tx = {"from": sender, "to": to, "data": data, "value": hex(value), "gas": hex(GAS)}
        tx_hash = self.request("eth_sendTransaction", [tx])
        receipt = None
        for _ in range(2000):
            receipt = self.request("eth_getTransactionReceipt", [tx_hash])
            if receipt is not None:
                break
            time.sleep(0.001)
        assert receipt is not None, f"no receipt for {tx_hash}"
        if int(receipt["status"], 16) == 1:
            return Outcome(receipt, None)
        # The failed transaction's block holds the pre-transaction state (one tx per block)
        # and its timestamp, so replaying it there reproduces the revert exactly.
        call = {"from": sender, "to": to, "data": data, "value": hex(value), "gas": hex(GAS)}
        response = self.provider.make_request("eth_call", [call, receipt["blockNumber"]])
        error = response.get("error")
        assert error is not None, f"mined as failed but the replay succeeded: {receipt}"
        decoded = self.decoder.decode(error.get("data"))
        assert decoded is not None, f"undecodable revert {error}"
        return Outcome(receipt, decoded)

    def latest_time(self) -> int:
        return int(self.request("eth_getBlockByNumber", ["latest", False])["timestamp"], 16)

    def travel_to(self, timestamp: int) -> None:
        """Mine an empty block at `timestamp`; the next transaction gets `timestamp + 1`."""
        self.request("evm_setNextBlockTimestamp", [timestamp])
        self.request("evm_mine", [])


# ---------------------------------------------------------------------------------------
# The deployed world
# ---------------------------------------------------------------------------------------


@dataclass
class World:
    system: System
    rpc: Rpc
    escrow: str
    registry: str
    tokens: dict[str, str]  # kind -> address ("ETH" -> zero)
    unlisted_token: str
    escrow_abi: Abi
    registry_abi: Abi
    erc20_abi: Abi
    org_id: int
    approved_until: int
    reviewer_role: bytes
    admin: str
    reviewer: str
    auditors: list[str]  # plain auditors
    org_admin: str  # also holds the auditor role: the conflicted auditor
    beneficiaries: list[str]  # plain beneficiary, an auditor, a donor
    donors: list[str]
    outsider: str

    @property
    def everyone(self) -> list[str]:
        seen: dict[str, None] = {}
        for who in [
            self.admin,
            self.reviewer,
            *self.auditors,
            self.org_admin,
            *self.beneficiaries,
            *self.donors,
            self.outsider,
        ]:
            seen[who] = None
        return list(seen)

    def token_kind(self, address: str) -> str:
        for kind, addr in self.tokens.items():
            if addr == address:
                return kind
        raise KeyError(address)


def fixed_address(n: int) -> str:
    return to_checksum_address("0x" + "c4a7" * 4 + f"{n:024x}")


def build_world(system: System, project_root: Any) -> World:
    """Extra accounts, roles and tokens on top of the deployed story.System."""
    w3 = system.w3
    decoder = ErrorDecoder(load_build_artifact(n, project_root).abi for n in ERROR_SOURCES)
    rpc = Rpc(w3, decoder)
    extra = [fixed_address(i) for i in (1, 2)]
    for who in [*extra, system.outsider]:
        rpc.request("anvil_setBalance", [who, hex(10_000 * ONE)])
        rpc.request("anvil_impersonateAccount", [who])
    donors = [*system.donors, *extra]

    auditor_role = system.registry.functions.AUDITOR_ROLE().call()
    system.send(system.registry.functions.grantRole(auditor_role, system.org_admin), system.admin)
    tok = system.deploy("MockERC20", "Test USD", "TUSD", 18)
    fee = system.deploy("FeeOnTransferToken", FEE_BPS)
    unlisted = system.deploy("MockERC20", "Unlisted", "NOPE", 18)
    for token in (tok, fee):
        system.send(system.registry.functions.setTokenAllowed(token.address, True), system.admin)
        for donor in donors:
            system.send(token.functions.mint(donor, 10**30), donor)
            system.send(token.functions.approve(system.escrow.address, 2**256 - 1), donor)
    org = system.registry.functions.organization(system.org_id).call()
    return World(
        system=system,
        rpc=rpc,
        escrow=system.escrow.address,
        registry=system.registry.address,
        tokens={"ETH": ZERO, "TOK": tok.address, "FEE": fee.address},
        unlisted_token=unlisted.address,
        escrow_abi=Abi(system.escrow.abi),
        registry_abi=Abi(system.registry.abi),
        erc20_abi=Abi(tok.abi),
        org_id=system.org_id,
        approved_until=int(org[2]),
        reviewer_role=system.registry.functions.REVIEWER_ROLE().call(),
        admin=system.admin,
        reviewer=system.reviewer,
        auditors=list(system.auditors),
        org_admin=system.org_admin,
        beneficiaries=[system.beneficiary, system.auditors[2], donors[0]],
        donors=donors,
        outsider=system.outsider,
    )


# ---------------------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------------------


@dataclass
class MMilestone:
    bps: int
    due: int
    state: int = M_PENDING
    round: int = 0
    approvals: int = 0
    rejections: int = 0
    window_ends: int = 0
    released: int = 0
    challenge_weight: int = 0
    evidence: bytes = ZERO32
    approved_evidence: bytes = ZERO32  # the hash quorum approved, kept by the model only
    voted: set[tuple[int, str]] = field(default_factory=set)
    challenged: set[tuple[int, str]] = field(default_factory=set)
    releases: int = 0


@dataclass
class MProject:
    pid: int
    kind: str
    token: str
    beneficiary: str
    min_goal: int
    cap: int
    deadline: int
    quorum: int
    window: int
    threshold: int
    milestones: list[MMilestone]
    state: int = FUNDING
    raised: int = 0
    released: int = 0
    refunded: int = 0
    released_count: int = 0
    contributed: dict[str, int] = field(default_factory=dict)
    refunds: dict[str, int] = field(default_factory=dict)

    @property
    def held(self) -> int:
        return self.raised - self.released - self.refunded

    def refund_due(self, who: str) -> int:
        """EscrowMath.refundAmount, zero unless refunding and not yet claimed."""
        if self.state not in (FAILED, CANCELLED) or self.refunds.get(who, 0):
            return 0
        if self.raised == 0:
            return 0
        return self.contributed.get(who, 0) * (self.raised - self.released) // self.raised

    def release_amount(self, index: int) -> int:
        m = self.milestones[index]
        if m.state == M_RELEASED:
            return 0
        if self.released_count + 1 == len(self.milestones):
            return self.raised - self.released
        return self.raised * m.bps // BPS


@dataclass
class Model:
    now: int  # timestamp of the latest block; the next transaction is mined at now + 1
    org_id: int
    approved_until: int
    org_status: int = ORG_APPROVED
    paused: bool = False
    projects: dict[int, MProject] = field(default_factory=dict)
    balances: dict[str, int] = field(default_factory=dict)  # escrow holdings per token kind

    @property
    def t(self) -> int:
        """Timestamp the next transaction executes at."""
        return self.now + 1

    def org_active(self, t: int) -> bool:
        return self.org_status == ORG_APPROVED and t < self.approved_until

    def project_for(self, pid: int, expected: int) -> tuple[MProject | None, Expected]:
        p = self.projects.get(pid)
        if p is None:
            return None, err("EscrowUnknownProject", pid)
        if p.state != expected:
            return p, err("EscrowInvalidProjectState", pid, p.state)
        return p, None

    def validate(self, params: tuple[Any, ...], escrow: str, allowed: set[str]) -> Expected:
        """CharityEscrow.createProject's checks after the organization checks, in order."""
        (ben, token, min_goal, cap, deadline, quorum, window, thr, _, meta, _, ms) = params
        t = self.t
        if token not in allowed:
            return err("EscrowTokenNotAllowed", token)
        if ben in (ZERO, escrow):
            return err("EscrowInvalidBeneficiary", ben)
        if min_goal == 0 or min_goal > cap or cap > MAX_AMOUNT:
            return err("EscrowInvalidGoal", min_goal, cap)
        if deadline <= t:
            return err("EscrowInvalidDeadline", deadline, t)
        if quorum == 0:
            return err("EscrowInvalidQuorum", quorum)
        if thr == 0 or thr > BPS or window > 365 * DAY:
            return err("EscrowInvalidChallengeSettings", window, thr)
        if meta == ZERO32:
            return err("EscrowEmptyHash")
        if len(ms) == 0 or len(ms) > 20:
            return err("EscrowInvalidMilestoneCount", len(ms), 20)
        for i, (_, due) in enumerate(ms):
            if due <= deadline:
                return err("EscrowMilestoneDueBeforeDeadline", i, due, deadline)
        total = sum(b for b, _ in ms)
        if total != BPS or any(b == 0 for b, _ in ms):
            return err("EscrowInvalidMilestoneShares", total)
        return None


def project_params(
    *,
    beneficiary: str,
    token: str,
    min_goal: int,
    cap: int,
    deadline: int,
    quorum: int,
    window: int,
    threshold: int,
    milestones: list[tuple[int, int]],
    metadata: bytes | None = None,
) -> tuple[Any, ...]:
    return (
        beneficiary,
        token,
        min_goal,
        cap,
        deadline,
        quorum,
        window,
        threshold,
        h("category"),
        h("project") if metadata is None else metadata,
        "ipfs://project",
        milestones,
    )


def hypothesis_profile() -> Any:
    """The Hypothesis profile named by CHARITYCHAIN_HYPOTHESIS_PROFILE ("ci" when unset).

    Both profiles are registered in tests/invariants/conftest.py.
    """
    from hypothesis import settings

    return settings.get_profile(os.environ.get(PROFILE_ENV) or "ci")


__all__ = ["DAY", "GRACE", "ONE", "h"]

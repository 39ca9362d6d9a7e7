"""Trace records: what happened to a project, a donor's money, a transaction."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Ref:
    """Where on chain a fact was recorded."""

    block: int
    tx: str


@dataclass(frozen=True)
class Donation:
    donor: str
    amount: int
    memo: bytes
    at: Ref


@dataclass(frozen=True)
class Evidence:
    evidence_hash: bytes
    uri: str
    round: int
    at: Ref


@dataclass(frozen=True)
class Vote:
    auditor: str
    approved: bool
    evidence_hash: bytes
    at: Ref


@dataclass(frozen=True)
class Challenge:
    donor: str
    weight: int
    total_weight: int
    at: Ref


@dataclass(frozen=True)
class Expense:
    expense_id: int
    milestone: int
    payee: str
    amount: int
    category: bytes
    invoice_hash: bytes
    uri: str
    at: Ref


@dataclass(frozen=True)
class Refund:
    donor: str
    amount: int
    at: Ref


@dataclass(frozen=True)
class Audit:
    report_id: int
    auditor: str
    report_hash: bytes
    uri: str
    at: Ref


@dataclass(frozen=True)
class Release:
    milestone: int
    amount: int
    beneficiary: str
    at: Ref


@dataclass(frozen=True)
class MilestoneTrace:
    index: int
    bps: int
    due_date: int
    state: str
    evidence: tuple[Evidence, ...]
    votes: tuple[Vote, ...]
    challenges: tuple[Challenge, ...]
    release: Release | None
    expenses: tuple[Expense, ...]

    @property
    def released(self) -> int:
        return self.release.amount if self.release else 0

    @property
    def explained(self) -> int:
        return sum(e.amount for e in self.expenses)

    @property
    def unexplained(self) -> int:
        """Released but not (yet) accounted for by a recorded expense."""
        return self.released - self.explained


@dataclass(frozen=True)
class ProjectTrace:
    project_id: int
    org_id: int
    organization: str
    token: str
    beneficiary: str
    state: str
    min_goal: int
    cap: int
    deadline: int
    metadata_hash: bytes
    metadata_uri: str
    category: bytes
    donations: tuple[Donation, ...]
    milestones: tuple[MilestoneTrace, ...]
    refunds: tuple[Refund, ...]
    audits: tuple[Audit, ...]
    cancel_reason: str | None
    created: Ref

    @property
    def raised(self) -> int:
        return sum(d.amount for d in self.donations)

    @property
    def released(self) -> int:
        return sum(m.released for m in self.milestones)

    @property
    def refunded(self) -> int:
        return sum(r.amount for r in self.refunds)

    @property
    def held(self) -> int:
        return self.raised - self.released - self.refunded

    @property
    def contributions(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for d in self.donations:
            totals[d.donor] = totals.get(d.donor, 0) + d.amount
        return totals

    @property
    def refunds_open(self) -> bool:
        return self.state in ("Failed", "Cancelled")

    @property
    def refunds_outstanding(self) -> int:
        """What donors can still claim (each pull rounds down, as the contract does)."""
        if not self.refunds_open:
            return 0
        claimed = {r.donor for r in self.refunds}
        return sum(
            refund_amount(given, self.raised, self.released)
            for donor, given in self.contributions.items()
            if donor not in claimed
        )

    @property
    def dust(self) -> int:
        """Wei that rounding leaves in escrow for good once every refund is claimed."""
        return self.held - self.refunds_outstanding if self.refunds_open else 0


def refund_amount(contributed: int, raised: int, released: int) -> int:
    """EscrowMath.refundAmount: contributed * (raised - released) // raised."""
    return 0 if raised == 0 else contributed * (raised - released) // raised


def release_share(contributed: int, released: int, raised: int) -> int:
    """A donor's part of one release: contributed * released // raised (rounded down)."""
    return 0 if raised == 0 else contributed * released // raised


@dataclass(frozen=True)
class Share:
    """A donor's part of one milestone release, with what the charity recorded behind it."""

    milestone: int
    released: int
    share: int
    evidence_hash: bytes | None
    expenses: tuple[Expense, ...]
    at: Ref


@dataclass(frozen=True)
class DonorProject:
    """One donor in one project: every unit given, and where it is now."""

    project_id: int
    token: str
    state: str
    donations: tuple[Donation, ...]
    shares: tuple[Share, ...]
    refund: Refund | None
    refundable: int  # claimable now
    in_escrow: int  # the donor's part of what is still held for a live project
    rounding: int  # what the round-downs leave unassigned; everything adds up exactly

    @property
    def given(self) -> int:
        return sum(d.amount for d in self.donations)

    @property
    def released(self) -> int:
        return sum(s.share for s in self.shares)

    @property
    def refunded(self) -> int:
        return self.refund.amount if self.refund else 0

    @property
    def accounted(self) -> int:
        return self.released + self.refunded + self.refundable + self.in_escrow + self.rounding


@dataclass(frozen=True)
class DonorTrace:
    donor: str
    projects: tuple[DonorProject, ...]

    def given_by_token(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for p in self.projects:
            totals[p.token] = totals.get(p.token, 0) + p.given
        return totals


@dataclass(frozen=True)
class TxEvent:
    name: str
    contract: str
    args: dict[str, object]
    summary: str


@dataclass(frozen=True)
class TxTrace:
    tx: str
    block: int
    status: bool
    sender: str
    events: tuple[TxEvent, ...] = field(default_factory=tuple)

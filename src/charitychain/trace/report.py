"""Rendering traces as JSON-ready dicts, CSV rows and terminal text (HTML: trace/html.py)."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Sequence
from typing import Any

from charitychain.services.inputs import format_amount
from charitychain.trace.model import DonorTrace, ProjectTrace, TxTrace


def plain(value: Any) -> Any:
    """JSON-ready: dataclasses → dicts (with their computed totals), bytes → 0x hex."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data = {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        for name in ("raised", "released", "refunded", "held", "refunds_outstanding", "dust",
                     "given", "accounted", "explained", "unexplained"):  # fmt: skip
            if isinstance(getattr(type(value), name, None), property):
                data[name] = plain(getattr(value, name))
        return data
    if isinstance(value, bytes):
        return "0x" + value.hex()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def project_csv(trace: ProjectTrace) -> str:
    """One row per movement of value: donations in, releases out, expenses, refunds."""
    rows: list[tuple[Any, ...]] = []
    for d in trace.donations:
        rows.append(("donation", d.donor, "", d.amount, d.at.block, d.at.tx))
    for m in trace.milestones:
        if m.release:
            rows.append(("release", m.release.beneficiary, m.index, m.released, m.release.at.block,
                         m.release.at.tx))  # fmt: skip
        for e in m.expenses:
            rows.append(("expense", e.payee, m.index, e.amount, e.at.block, e.at.tx))
    for r in trace.refunds:
        rows.append(("refund", r.donor, "", r.amount, r.at.block, r.at.tx))
    return _csv(("kind", "account", "milestone", "amount", "block", "tx"), rows)


def donor_csv(trace: DonorTrace) -> str:
    rows: list[tuple[Any, ...]] = []
    for p in trace.projects:
        for d in p.donations:
            rows.append((p.project_id, "given", "", d.amount, d.at.tx))
        for s in p.shares:
            rows.append((p.project_id, "released", s.milestone, s.share, s.at.tx))
        if p.refund:
            rows.append((p.project_id, "refunded", "", p.refund.amount, p.refund.at.tx))
        for kind, amount in (("refundable", p.refundable), ("in escrow", p.in_escrow),
                             ("rounding", p.rounding)):  # fmt: skip
            if amount:
                rows.append((p.project_id, kind, "", amount, ""))
    return _csv(("project", "kind", "milestone", "amount", "tx"), rows)


def tx_csv(trace: TxTrace) -> str:
    rows = [(e.name, e.contract, e.summary) for e in trace.events]
    return _csv(("event", "contract", "summary"), rows)


def project_text(trace: ProjectTrace, decimals: int, symbol: str) -> str:
    def money(amount: int) -> str:
        return f"{format_amount(amount, decimals)} {symbol}"

    lines = [
        f"Project {trace.project_id} of {trace.organization}: {trace.state}"
        + (f" ({trace.cancel_reason})" if trace.cancel_reason else ""),
        f"  raised {money(trace.raised)} from {len(trace.contributions)} donors "
        f"({len(trace.donations)} donations); goal {money(trace.min_goal)}",
        f"  released {money(trace.released)}, refunded {money(trace.refunded)}, "
        f"held {money(trace.held)}",
    ]
    if trace.refunds_open:
        lines.append(
            f"  refunds outstanding {money(trace.refunds_outstanding)}, rounding dust "
            f"{trace.dust} base units"
        )
    for m in trace.milestones:
        lines.append(f"  milestone {m.index} ({m.bps / 100:g}%): {m.state}")
        for ev in m.evidence:
            lines.append(f"    evidence round {ev.round}: 0x{ev.evidence_hash.hex()} {ev.uri}")
        approvals = sum(v.approved for v in m.votes)
        if m.votes:
            lines.append(f"    votes: {approvals} approve, {len(m.votes) - approvals} reject")
        for c in m.challenges:
            lines.append(f"    challenged by {c.donor} (weight {money(c.weight)})")
        if m.release:
            lines.append(f"    released {money(m.released)} (tx {m.release.at.tx})")
            for e in m.expenses:
                lines.append(f"    expense {money(e.amount)} to {e.payee} {e.uri}")
            lines.append(f"    unexplained {money(m.unexplained)}")
    for a in trace.audits:
        lines.append(f"  audit report {a.report_id} by {a.auditor}: 0x{a.report_hash.hex()}")
    return "\n".join(lines)


def donor_text(trace: DonorTrace, assets: dict[str, tuple[int, str]]) -> str:
    if not trace.projects:
        return f"{trace.donor} has no donations on this deployment."
    lines = [f"Donor {trace.donor}"]
    for p in trace.projects:
        decimals, symbol = assets[p.token]

        def money(amount: int, decimals: int = decimals, symbol: str = symbol) -> str:
            return f"{format_amount(amount, decimals)} {symbol}"

        lines.append(f"  project {p.project_id} ({p.state}): gave {money(p.given)}")
        for s in p.shares:
            spent = sum(e.amount for e in s.expenses)
            note = f"; expenses recorded {money(spent)}" if s.expenses else ""
            lines.append(
                f"    milestone {s.milestone}: your share {money(s.share)} of "
                f"{money(s.released)} released{note}"
            )
        rest = (
            ("refunded", p.refunded),
            ("refundable now", p.refundable),
            ("still in escrow", p.in_escrow),
            ("rounding", p.rounding),
        )
        for label, amount in rest:
            if amount:
                lines.append(f"    {label}: {money(amount)}")
        lines.append(f"    adds up to {money(p.accounted)} of {money(p.given)}")
    return "\n".join(lines)


def tx_text(trace: TxTrace) -> str:
    status = "succeeded" if trace.status else "REVERTED"
    lines = [f"Transaction {trace.tx} from {trace.sender}, block {trace.block}: {status}"]
    lines += [f"  {e.name}: {e.summary}" for e in trace.events]
    return "\n".join(lines)

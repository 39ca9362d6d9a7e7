"""Checking a trace against the escrow's own views: every figure must agree."""

from __future__ import annotations

from charitychain.contracts.suite import Suite
from charitychain.services.views import MILESTONE_STATES, PROJECT_STATES
from charitychain.trace.model import ProjectTrace


def reconcile_project(suite: Suite, trace: ProjectTrace) -> list[str]:
    """Mismatches between the event-built trace and the contract's storage (empty: all agree)."""
    problems: list[str] = []
    pid = trace.project_id
    view = suite.escrow.functions.project(pid).call()
    on_chain = {
        "state": PROJECT_STATES[view[3]],
        "raised": view[12],
        "released": view[13],
        "refunded": view[14],
    }
    traced = {
        "state": trace.state,
        "raised": trace.raised,
        "released": trace.released,
        "refunded": trace.refunded,
    }
    for key, value in traced.items():
        if on_chain[key] != value:
            problems.append(f"project {pid} {key}: trace {value}, chain {on_chain[key]}")
    for m in trace.milestones:
        mv = suite.escrow.functions.milestone(pid, m.index).call()
        if (MILESTONE_STATES[mv[2]], mv[7]) != (m.state, m.released):
            problems.append(
                f"project {pid} milestone {m.index}: trace {m.state}/{m.released}, "
                f"chain {MILESTONE_STATES[mv[2]]}/{mv[7]}"
            )
        spent = suite.ledger.functions.spent(pid, m.index).call()
        if spent != m.explained:
            problems.append(
                f"project {pid} milestone {m.index} expenses: trace {m.explained}, chain {spent}"
            )
    refunded = {r.donor: r.amount for r in trace.refunds}
    for donor, given in trace.contributions.items():
        contributed, refund, _ = suite.escrow.functions.position(pid, donor).call()
        if (contributed, refund) != (given, refunded.get(donor, 0)):
            problems.append(
                f"project {pid} donor {donor}: trace {given}/{refunded.get(donor, 0)}, "
                f"chain {contributed}/{refund}"
            )
    return problems

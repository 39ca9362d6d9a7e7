"""The JSON behind the pages. Where the CLI has a `--json` form, the record is the same.

project → `trace project ID --json`; donor → `trace donor ADDRESS --json`;
tx → `trace tx HASH --json`; tx verification → `verify tx HASH --json`;
deployment → `verify deployment --json`. Organizations, the project list and the status
have no CLI twin; their shapes are in the OpenAPI document (openapi.py).
"""

from __future__ import annotations

from typing import Any

from charitychain.portal.checks import Checks
from charitychain.portal.follower import Live
from charitychain.portal.orgs import OrganizationTrace
from charitychain.portal.snapshot import ProjectView, Snapshot
from charitychain.services.verification import TxCheck
from charitychain.trace.html import bytes32_text
from charitychain.trace.model import DonorTrace, TxTrace
from charitychain.trace.report import plain


def status(live: Live, deployment: dict[str, str]) -> dict[str, Any]:
    snap = live.snapshot
    return {
        "version": f"{live.key[0]}.{live.key[1]}",
        "ready": snap is not None,
        "chain_id": snap.chain_id if snap else None,
        "head": snap.head if snap else None,
        "head_hash": snap.head_hash if snap else None,
        "chain_time": snap.chain_time if snap else None,
        "final_block": snap.final_block if snap else None,
        "synced_at": snap.synced_at if snap else None,
        "events": len(snap.events) if snap else 0,
        "projects": len(snap.projects) if snap else 0,
        "organizations": len(snap.organizations) if snap else 0,
        "donors": len(snap.donors) if snap else 0,
        "checks_pending": live.checks.pending(snap) if snap else None,
        "error": live.error or live.checks.error,
        "deployment": deployment,
    }


def asset(view: ProjectView) -> dict[str, Any]:
    return {
        "address": view.asset.address,
        "symbol": view.asset.symbol,
        "decimals": view.asset.decimals,
    }


def project(view: ProjectView, checks: Checks, snap: Snapshot) -> dict[str, Any]:
    """`charitychain trace project ID --json` (reconciles is null while being checked)."""
    reconciled = checks.reconciliation(snap, view.project_id)
    record: dict[str, Any] = {
        **plain(view.trace),
        "asset": asset(view),
        "reconciles": None if reconciled is None else not reconciled.problems,
        "problems": [] if reconciled is None else list(reconciled.problems),
    }
    return record


def project_summary(view: ProjectView, snap: Snapshot) -> dict[str, Any]:
    t = view.trace
    nxt = view.next_milestone
    return {
        "project_id": t.project_id,
        "org_id": t.org_id,
        "organization": t.organization,
        "state": t.state,
        "category": bytes32_text(t.category),
        "asset": asset(view),
        "raised": view.raised,
        "min_goal": t.min_goal,
        "cap": t.cap,
        "deadline": t.deadline,
        "released": view.released,
        "refunded": view.refunded,
        "held": view.held,
        "refunds_outstanding": view.refunds_outstanding,
        "donors": len(view.contributions),
        "donations": view.donation_count,
        "next_milestone": None
        if nxt is None
        else {"index": nxt.index, "bps": nxt.bps, "due_date": nxt.due_date, "state": nxt.state},
    }


def organization(org: OrganizationTrace, snap: Snapshot) -> dict[str, Any]:
    record: dict[str, Any] = plain(org)
    record["standing"] = org.standing(snap.chain_time)
    record["projects"] = list(snap.org_projects.get(org.org_id, ()))
    record["audits"] = [
        {"project_id": pid, **plain(a)}
        for pid in snap.org_projects.get(org.org_id, ())
        for a in snap.projects[pid].trace.audits
    ]
    return record


def donor(trace: DonorTrace) -> dict[str, Any]:
    """`charitychain trace donor ADDRESS --json`."""
    record: dict[str, Any] = plain(trace)
    return record


def tx(trace: TxTrace) -> dict[str, Any]:
    """`charitychain trace tx HASH --json`."""
    record: dict[str, Any] = plain(trace)
    return record


def tx_check(check: TxCheck) -> dict[str, Any]:
    """`charitychain verify tx HASH --json`."""
    record: dict[str, Any] = plain(check)
    return record


def deployment(checks: Checks) -> dict[str, Any]:
    """`charitychain verify deployment --json` (ok is null while being checked)."""
    found = checks.deployment
    return {
        "ok": None if found is None else all(c.ok for c in found),
        "contracts": [] if found is None else plain(found),
    }

"""Each page: what it shows, gathered from a snapshot (no chain access), rendered with Jinja."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from markupsafe import Markup

from charitychain.portal.checks import Checks
from charitychain.portal.follower import Live
from charitychain.portal.present import addr, hexb, money, render
from charitychain.portal.search import Hit
from charitychain.portal.snapshot import ProjectView
from charitychain.services.verification import TxCheck
from charitychain.services.views import Asset
from charitychain.trace.html import (
    Money,
    bytes32_text,
    donor_flows,
    flows_table,
    project_flows,
    sankey_svg,
)
from charitychain.trace.model import DonorTrace, MilestoneTrace, Ref, TxTrace, refund_amount

PAGE = 50  # rows per page in the donor and donation tables
T = TypeVar("T")


@dataclass(frozen=True)
class Pager:
    """One page of a long table and the links to its neighbours."""

    rows: Sequence[Any]
    page: int
    pages: int
    total: int
    param: str

    @property
    def first(self) -> int:
        return (self.page - 1) * PAGE + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.page * PAGE, self.total)


def pager(items: Sequence[T], page: int, param: str) -> Pager:
    pages = max(1, -(-len(items) // PAGE))
    page = min(max(page, 1), pages)
    return Pager(items[(page - 1) * PAGE : page * PAGE], page, pages, len(items), param)


def _base(live: Live, title: str) -> dict[str, Any]:
    snap = live.snapshot
    assert snap is not None
    return {
        "title": title,
        "snap": snap,
        "checks": live.checks,
        "version": f"{live.key[0]}.{live.key[1]}",
        "error": live.error or live.checks.error,
    }


def _deployment_ok(checks: Checks) -> bool | None:
    return None if checks.deployment is None else all(c.ok for c in checks.deployment)


# --- home --------------------------------------------------------------------------------


def home(live: Live) -> str:
    snap = live.snapshot
    assert snap is not None
    orgs = [
        (o, o.standing(snap.chain_time), len(snap.org_projects.get(o.org_id, ())))
        for o in snap.organizations.values()
    ]
    return render(
        "home.html",
        **_base(live, "Charity projects"),
        orgs=orgs,
        projects=list(snap.projects.values()),
        deployment_ok=_deployment_ok(live.checks),
    )


def search_page(live: Live, query: str, hits: list[Hit]) -> str:
    return render("search.html", **_base(live, f"Search: {query}"), query=query, hits=hits)


def not_found(live: Live, message: str) -> str:
    return render("not_found.html", **_base(live, "Not found"), message=message)


# --- organization ------------------------------------------------------------------------


def organization(live: Live, org_id: int) -> str:
    snap = live.snapshot
    assert snap is not None
    org = snap.organizations[org_id]
    projects = [snap.projects[p] for p in snap.org_projects.get(org_id, ())]
    audits = [(view, a) for view in projects for a in view.trace.audits]
    return render(
        "organization.html",
        **_base(live, f"{org.name} (organization {org_id})"),
        org=org,
        standing=org.standing(snap.chain_time),
        projects=projects,
        audits=audits,
        profile_badge=live.checks.metadata.get(f"org:{org_id}"),
    )


# --- project -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    at: Ref
    kind: str
    html: Markup


@dataclass(frozen=True)
class DonorRow:
    donor: str
    gifts: int
    given: int
    refunded: int | None
    claimable: int | None


def _steps(m: MilestoneTrace, view: ProjectView, donors: Any) -> list[Step]:
    """The milestone's story in block order: evidence, votes, challenges, release, expenses."""
    a = view.asset
    steps: list[Step] = []
    for ev in m.evidence:
        html = Markup(
            "Evidence submitted (review round {}): <code>{}</code>, hash <code "
            'class="mono hash">{}</code>'
        ).format(ev.round, ev.uri, hexb(ev.evidence_hash))
        steps.append(Step(ev.at, "evidence", html))
    for v in m.votes:
        verdict = "approved" if v.approved else "rejected"
        html = Markup("Auditor {} {} the evidence").format(addr(v.auditor), verdict)
        steps.append(Step(v.at, f"vote-{verdict}", html))
    for c in m.challenges:
        html = Markup("Challenged by {} (weight {}; {} challenging in all)").format(
            addr(c.donor, donors), money(c.weight, a), money(c.total_weight, a)
        )
        steps.append(Step(c.at, "challenge", html))
    if m.release:
        r = m.release
        html = Markup("Released {} to {}").format(
            money(r.amount, a, f"m{m.index}-released"), addr(r.beneficiary)
        )
        steps.append(Step(r.at, "release", html))
    for e in m.expenses:
        html = Markup("Expense {} ({}): {} to {}, invoice <code>{}</code>").format(
            e.expense_id, bytes32_text(e.category), money(e.amount, a), addr(e.payee), e.uri
        )
        steps.append(Step(e.at, "expense", html))
    steps.sort(key=lambda s: s.at.block)  # stable: one block keeps the order above
    return steps


def project(live: Live, project_id: int, donors_page: int = 1, donations_page: int = 1) -> str:
    snap = live.snapshot
    assert snap is not None
    view = snap.projects[project_id]
    t = view.trace
    checks = live.checks
    units = Money(view.asset.decimals, view.asset.symbol)
    nodes, flows = project_flows(t)
    title = f"Fund flow of project {project_id} ({view.asset.symbol})"
    figure = Markup(sankey_svg("flow", title, nodes, flows, units))
    table = Markup(flows_table("flows", nodes, flows, units))
    refunded = {r.donor: r.amount for r in t.refunds}
    gifts: dict[str, int] = {}
    for d in t.donations:
        gifts[d.donor] = gifts.get(d.donor, 0) + 1
    ranked = sorted(view.contributions.items(), key=lambda kv: -kv[1])
    rows = [
        DonorRow(
            donor,
            gifts[donor],
            given,
            refunded.get(donor),
            refund_amount(given, view.raised, view.released)
            if t.refunds_open and donor not in refunded
            else None,
        )
        for donor, given in ranked
    ]
    timeline = [(m, _steps(m, view, snap.donors)) for m in t.milestones]
    evidence_badges = {
        m.index: checks.metadata.get(f"evidence:{project_id}:{m.index}") for m in t.milestones
    }
    return render(
        "project.html",
        **_base(live, f"Project {project_id} of {t.organization}"),
        view=view,
        t=t,
        a=view.asset,
        figure=figure,
        flows_table=table,
        timeline=timeline,
        evidence_badges=evidence_badges,
        expenses=[e for m in t.milestones for e in m.expenses],
        donors=pager(rows, donors_page, "donors"),
        donations=pager(list(reversed(t.donations)), donations_page, "donations"),
        reconciled=checks.reconciliation(snap, project_id),
        deployment=checks.deployment,
        deployment_ok=_deployment_ok(checks),
        project_badge=checks.metadata.get(f"project:{project_id}"),
        metadata=checks.metadata,
    )


# --- donor -------------------------------------------------------------------------------


def donor(live: Live, trace: DonorTrace) -> str:
    snap = live.snapshot
    assert snap is not None
    sections = []
    totals: dict[str, tuple[Asset, int]] = {}
    for p in trace.projects:
        view = snap.projects[p.project_id]
        units = Money(view.asset.decimals, view.asset.symbol)
        nodes, flows = donor_flows(trace, p)
        figure = sankey_svg(
            f"p{p.project_id}-flow",
            f"Where the gifts to project {p.project_id} went ({view.asset.symbol})",
            nodes,
            flows,
            units,
        )
        table = flows_table(f"p{p.project_id}-flows", nodes, flows, units)
        sections.append((p, view, Markup(figure), Markup(table)))
        asset, before = totals.get(view.asset.address, (view.asset, 0))
        totals[view.asset.address] = (asset, before + p.given)
    return render(
        "donor.html",
        **_base(live, f"Donor {trace.donor}"),
        trace=trace,
        sections=sections,
        totals=list(totals.values()),
    )


# --- transaction -------------------------------------------------------------------------


def transaction(live: Live, trace: TxTrace, check: TxCheck) -> str:
    snap = live.snapshot
    assert snap is not None
    return render(
        "tx.html",
        **_base(live, f"Transaction {trace.tx}"),
        trace=trace,
        check=check,
        checks_by_name={name: (ok, detail) for name, ok, detail in check.checks},
    )


# --- API documentation -------------------------------------------------------------------


def api_docs(live: Live, document: dict[str, Any]) -> str:
    operations = [
        (path, method.upper(), op)
        for path, item in document["paths"].items()
        for method, op in item.items()
    ]
    return render("api.html", **_base(live, "JSON API"), operations=operations, doc=document)

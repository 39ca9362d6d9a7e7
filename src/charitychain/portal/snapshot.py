"""What the pages read: one immutable snapshot of the indexed history and its traces.

The follower builds a new snapshot whenever the chain moves and swaps it in whole, so a page
never sees half an update and never waits for the chain. A project's trace is rebuilt only
when its own events changed (a reorg rebuilds everything).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from charitychain.indexer.decode import Event
from charitychain.indexer.sync import History
from charitychain.portal.orgs import OrganizationTrace, organization_traces
from charitychain.services.views import Asset
from charitychain.trace.build import by_project, project_trace
from charitychain.trace.model import DonorProject, DonorTrace, MilestoneTrace, ProjectTrace

Fingerprint = tuple[int, int, int]  # (event count, last block, last log index)


@dataclass(frozen=True)
class ProjectView:
    """A project's trace with the figures the pages show, computed once per snapshot."""

    trace: ProjectTrace
    asset: Asset
    fingerprint: Fingerprint
    raised: int
    released: int
    refunded: int
    held: int
    refunds_outstanding: int
    dust: int
    contributions: Mapping[str, int]
    donation_count: int
    next_milestone: MilestoneTrace | None

    @property
    def project_id(self) -> int:
        return self.trace.project_id

    @property
    def progress(self) -> float:
        """Raised as a fraction of the minimum goal (may pass 1)."""
        return self.raised / self.trace.min_goal if self.trace.min_goal else 1.0


def project_view(trace: ProjectTrace, asset: Asset, fingerprint: Fingerprint) -> ProjectView:
    contributions = trace.contributions
    upcoming = next((m for m in trace.milestones if m.release is None), None)
    if trace.state in ("Failed", "Cancelled"):
        upcoming = None
    return ProjectView(
        trace=trace,
        asset=asset,
        fingerprint=fingerprint,
        raised=trace.raised,
        released=trace.released,
        refunded=trace.refunded,
        held=trace.held,
        refunds_outstanding=trace.refunds_outstanding,
        dust=trace.dust,
        contributions=MappingProxyType(contributions),
        donation_count=len(trace.donations),
        next_milestone=upcoming,
    )


@dataclass(frozen=True)
class Snapshot:
    version: int
    chain_id: int
    head: int
    head_hash: str
    chain_time: int  # timestamp of the head block
    final_block: int
    synced_at: float  # unix time of the sync
    events: tuple[Event, ...]
    projects: Mapping[int, ProjectView]
    organizations: Mapping[int, OrganizationTrace]
    donors: Mapping[str, tuple[int, ...]]  # donor address → projects it gave to
    txs: Mapping[str, tuple[Event, ...]]  # lower-case tx hash → its events
    rolled_back: bool = False
    org_projects: Mapping[int, tuple[int, ...]] = field(default_factory=dict)

    def donor(self, address: str, project_id: int | None = None) -> DonorTrace:
        """trace.build.donor_trace(events, address, project_id), from the cached traces."""
        from charitychain.trace.build import donor_project

        ids = [p for p in self.donors.get(address, ()) if project_id in (None, p)]
        parts: list[DonorProject] = [donor_project(self.projects[p].trace, address) for p in ids]
        return DonorTrace(address, tuple(parts))


def _fingerprint(events: Sequence[Event]) -> Fingerprint:
    last = events[-1]
    return (len(events), last.block_number, last.log_index)


def build_snapshot(
    history: History,
    *,
    version: int,
    head_hash: str,
    chain_time: int,
    synced_at: float,
    asset_for: Callable[[str], Asset],
    previous: Snapshot | None = None,
) -> Snapshot:
    """Index a history for the pages; reuse the previous snapshot's unchanged projects."""
    events = history.events
    grouped = by_project(events)
    applied = [e for e in events if e.name == "OrganizationApplied"]
    reuse = previous is not None and not history.rolled_back
    projects: dict[int, ProjectView] = {}
    for e in events:
        if e.name != "ProjectCreated":
            continue
        pid = int(e.args["projectId"])
        mine = grouped[pid]
        fingerprint = _fingerprint(mine)
        before = previous.projects.get(pid) if reuse and previous is not None else None
        if before is not None and before.fingerprint == fingerprint:
            projects[pid] = before
            continue
        # Same trace as project_trace(events, pid): only its own events and the names matter.
        trace = project_trace([*applied, *mine], pid)
        projects[pid] = project_view(trace, asset_for(trace.token), fingerprint)
    donors: dict[str, set[int]] = {}
    txs: dict[str, list[Event]] = {}
    for e in events:
        txs.setdefault(e.tx_hash.lower(), []).append(e)
        if e.name == "DonationReceived":
            donors.setdefault(str(e.args["donor"]), set()).add(int(e.args["projectId"]))
    org_projects: dict[int, list[int]] = {}
    for pid, view in sorted(projects.items()):
        org_projects.setdefault(view.trace.org_id, []).append(pid)
    return Snapshot(
        version=version,
        chain_id=history.chain_id,
        head=history.head,
        head_hash=head_hash,
        chain_time=chain_time,
        final_block=history.final_block,
        synced_at=synced_at,
        events=events,
        projects=MappingProxyType(dict(sorted(projects.items()))),
        organizations=MappingProxyType(organization_traces(events)),
        donors=MappingProxyType({d: tuple(sorted(p)) for d, p in donors.items()}),
        txs=MappingProxyType({t: tuple(v) for t, v in txs.items()}),
        rolled_back=history.rolled_back,
        org_projects=MappingProxyType({o: tuple(p) for o, p in org_projects.items()}),
    )

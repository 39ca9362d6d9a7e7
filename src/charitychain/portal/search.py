"""Finding a project, organization, donor or transaction from what a reader types."""

from __future__ import annotations

import re
from dataclasses import dataclass

from charitychain.portal.snapshot import Snapshot
from charitychain.trace.html import bytes32_text

_TX = re.compile(r"^0x[0-9a-fA-F]{64}$")
_ADDRESS = re.compile(r"^0x[0-9a-fA-F]{40}$")
_PROJECT = re.compile(r"^(?:project\s*|#)?(\d+)$", re.IGNORECASE)
LIMIT = 50


@dataclass(frozen=True)
class Hit:
    kind: str  # project, organization, donor, tx, address
    label: str
    url: str


def search(snap: Snapshot, query: str) -> list[Hit]:
    """What `query` names, best first: an exact id, hash or address wins outright."""
    q = query.strip()
    if not q:
        return []
    if _TX.match(q):
        return [Hit("tx", f"Transaction {q.lower()}", f"/tx/{q.lower()}")]
    if _ADDRESS.match(q):
        return _address(snap, q)
    number = _PROJECT.match(q)
    if number and int(number.group(1)) in snap.projects:
        pid = int(number.group(1))
        view = snap.projects[pid]
        return [Hit("project", f"Project {pid} of {view.trace.organization}", f"/projects/{pid}")]
    words = q.casefold()
    hits = [
        Hit("organization", f"{o.name} (organization {o.org_id})", f"/organizations/{o.org_id}")
        for o in snap.organizations.values()
        if words in o.name.casefold()
    ]
    for pid, view in snap.projects.items():
        t = view.trace
        text = f"{t.organization} {bytes32_text(t.category)} {t.metadata_uri}".casefold()
        if words in text:
            label = f"Project {pid} of {t.organization} ({bytes32_text(t.category)}, {t.state})"
            hits.append(Hit("project", label, f"/projects/{pid}"))
    return hits[:LIMIT]


def _address(snap: Snapshot, text: str) -> list[Hit]:
    lower = text.lower()
    hits = [Hit("donor", f"Donor {a}", f"/donors/{a}") for a in snap.donors if a.lower() == lower]
    for o in snap.organizations.values():
        if o.admin.lower() == lower:
            hits.append(Hit("organization", f"{o.name}: its admin", f"/organizations/{o.org_id}"))
    for pid, view in snap.projects.items():
        if view.trace.beneficiary.lower() == lower:
            hits.append(Hit("project", f"Project {pid}: its beneficiary", f"/projects/{pid}"))
    return hits or [Hit("address", f"Address {text}: no donations yet", f"/donors/{text}")]

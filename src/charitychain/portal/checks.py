"""Verification behind the badges: deployed code, reconciliation, metadata documents.

These read contract storage (RPC), so they run in the background on the latest snapshot and
the pages show the latest result (or "checking…"). Results are kept while what they checked
is unchanged: code forever, a reconciliation per project fingerprint, a metadata document
per (recorded hash, file size and mtime).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from types import MappingProxyType

from charitychain.contracts.suite import Suite
from charitychain.errors import CharityChainError
from charitychain.metadata import load_metadata
from charitychain.portal.snapshot import Fingerprint, Snapshot
from charitychain.services.verification import CodeCheck, check_deployment, check_metadata
from charitychain.trace.reconcile import reconcile_project


@dataclass(frozen=True)
class Reconciled:
    fingerprint: Fingerprint
    problems: tuple[str, ...]


@dataclass(frozen=True)
class MetadataBadge:
    """Whether a document found locally for a recorded URI hashes to the recorded hash."""

    what: str
    uri: str
    status: str  # match, mismatch, unavailable, unreadable
    detail: str
    recorded: str  # 0x hash recorded on chain (from the event)
    computed: str | None = None


@dataclass(frozen=True)
class Checks:
    version: int = 0
    deployment: tuple[CodeCheck, ...] | None = None
    reconciled: Mapping[int, Reconciled] = field(default_factory=dict)
    metadata: Mapping[str, MetadataBadge] = field(default_factory=dict)
    error: str | None = None

    def reconciliation(self, snapshot: Snapshot, project_id: int) -> Reconciled | None:
        """The result for the project as the snapshot has it, or None while checking."""
        found = self.reconciled.get(project_id)
        view = snapshot.projects.get(project_id)
        if found is None or view is None or found.fingerprint != view.fingerprint:
            return None
        return found

    def pending(self, snapshot: Snapshot) -> int:
        """How many projects (and the deployment) still wait for a check of this snapshot."""
        waiting = sum(1 for pid in snapshot.projects if self.reconciliation(snapshot, pid) is None)
        return waiting + (self.deployment is None)


@dataclass(frozen=True)
class Document:
    """A metadata document the chain points at, and the arguments check_metadata needs."""

    key: str
    kind: str  # the metadata kind (schema) the document must have
    what: str
    uri: str
    recorded: bytes
    project_id: int | None = None
    org_id: int | None = None
    milestone: int | None = None
    expense_id: int | None = None
    report_id: int | None = None


def documents(snapshot: Snapshot) -> list[Document]:
    """Every metadata document recorded: profiles, projects, latest evidence, expenses, audits."""
    docs = [
        Document(
            f"org:{o.org_id}",
            "organization",
            f"organization {o.org_id} profile",
            o.profile_uri,
            o.profile_hash,
            org_id=o.org_id,
        )
        for o in snapshot.organizations.values()
    ]
    for pid, view in snapshot.projects.items():
        t = view.trace
        docs.append(
            Document(
                f"project:{pid}",
                "project",
                f"project {pid}",
                t.metadata_uri,
                t.metadata_hash,
                project_id=pid,
            )
        )
        for m in t.milestones:
            if m.evidence:
                ev = m.evidence[-1]  # the chain keeps the latest round's hash
                docs.append(
                    Document(
                        f"evidence:{pid}:{m.index}",
                        "evidence",
                        f"project {pid} milestone {m.index} evidence",
                        ev.uri,
                        ev.evidence_hash,
                        project_id=pid,
                        milestone=m.index,
                    )
                )
            for e in m.expenses:
                docs.append(
                    Document(
                        f"expense:{pid}:{e.expense_id}",
                        "expense",
                        f"project {pid} expense {e.expense_id} invoice",
                        e.uri,
                        e.invoice_hash,
                        project_id=pid,
                        expense_id=e.expense_id,
                    )
                )
        for a in t.audits:
            docs.append(
                Document(
                    f"audit:{pid}:{a.report_id}",
                    "audit",
                    f"project {pid} audit report {a.report_id}",
                    a.uri,
                    a.report_hash,
                    project_id=pid,
                    report_id=a.report_id,
                )
            )
    return docs


def local_copy(metadata_dir: Path | None, uri: str) -> Path | None:
    """`scheme://a/b.json` → metadata_dir/a/b.json (a local mirror); None when not there."""
    if metadata_dir is None or "://" not in uri:
        return None
    rest = PurePosixPath(uri.split("://", 1)[1])
    if not rest.parts or any(p in ("..", "") for p in rest.parts) or rest.is_absolute():
        return None
    path = metadata_dir.joinpath(*rest.parts)
    return path if path.is_file() else None


class Checker:
    """Runs the checks for a snapshot, reusing what is still valid from the last run."""

    def __init__(self, suite: Suite, metadata_dir: Path | None) -> None:
        self.suite = suite
        self.metadata_dir = metadata_dir
        self._metadata_keys: dict[str, tuple[bytes, int, int]] = {}

    def run(self, snapshot: Snapshot, previous: Checks) -> Checks:
        deployment = previous.deployment
        if deployment is None or snapshot.rolled_back:
            deployment = check_deployment(self.suite)
        reconciled = {}
        for pid, view in snapshot.projects.items():
            before = previous.reconciled.get(pid)
            if before is not None and before.fingerprint == view.fingerprint:
                reconciled[pid] = before
            else:
                problems = reconcile_project(self.suite, view.trace)
                reconciled[pid] = Reconciled(view.fingerprint, tuple(problems))
        metadata = {
            d.key: self._badge(d, previous.metadata.get(d.key)) for d in documents(snapshot)
        }
        return Checks(
            previous.version + 1,
            deployment,
            MappingProxyType(reconciled),
            MappingProxyType(metadata),
            None,
        )

    def _badge(self, doc: Document, before: MetadataBadge | None) -> MetadataBadge:
        recorded = "0x" + doc.recorded.hex()
        path = local_copy(self.metadata_dir, doc.uri)
        if path is None:
            detail = (
                "no local copy of the document (serve --metadata-dir)"
                if self.metadata_dir is None
                else "the document is not in the metadata folder"
            )
            return MetadataBadge(doc.what, doc.uri, "unavailable", detail, recorded)
        stat = path.stat()
        key = (doc.recorded, stat.st_size, stat.st_mtime_ns)
        if before is not None and self._metadata_keys.get(doc.key) == key:
            return before
        self._metadata_keys[doc.key] = key
        try:
            kind = load_metadata(path).kind
            if kind != doc.kind:
                detail = f"{path.name} is {kind} metadata, not {doc.kind}"
                return MetadataBadge(doc.what, doc.uri, "unreadable", detail, recorded)
            result = check_metadata(
                self.suite,
                path,
                doc.project_id,
                doc.org_id,
                doc.milestone,
                doc.expense_id,
                doc.report_id,
            )
        except CharityChainError as exc:
            return MetadataBadge(doc.what, doc.uri, "unreadable", str(exc), recorded)
        if result.ok:
            detail = f"{path.name} hashes to the recorded {result.on_chain}"
            return MetadataBadge(doc.what, doc.uri, "match", detail, recorded, result.computed)
        detail = f"{path.name} hashes to {result.computed}, the chain records {result.on_chain}"
        return MetadataBadge(doc.what, doc.uri, "mismatch", detail, recorded, result.computed)

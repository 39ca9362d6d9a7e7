"""Self-contained HTML reports (placeholder replaced by the full report renderer)."""

from __future__ import annotations

import html

from charitychain.trace.model import DonorTrace, ProjectTrace, TxTrace


def project_html(trace: ProjectTrace, decimals: int, symbol: str) -> str:
    return f"<!doctype html><title>Project {trace.project_id}</title><p>{html.escape(trace.state)}"


def donor_html(trace: DonorTrace, assets: dict[str, tuple[int, str]]) -> str:
    return f"<!doctype html><title>Donor {trace.donor}</title>"


def tx_html(trace: TxTrace) -> str:
    return f"<!doctype html><title>Transaction {trace.tx}</title>"

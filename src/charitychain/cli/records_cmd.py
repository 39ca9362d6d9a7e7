"""`charitychain expense record` and `charitychain audit publish`."""

from __future__ import annotations

from pathlib import Path

import click

from charitychain.cli.context import AppContext, handle_errors, json_option, pass_app
from charitychain.cli.options import signer_options
from charitychain.cli.render import plain


@click.group("expense")
def expense() -> None:
    """Expenses recorded against released milestones."""


@expense.command("record")
@click.argument("project_id", type=int)
@click.argument("index", type=int)
@click.argument("invoice", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--payee", required=True, help="Who was paid.")
@click.option("--amount", required=True, help="Amount in the project's token units.")
@click.option("--category", default="", help="Short category label (≤ 32 bytes).")
@click.option("--uri", default="", help="Where the invoice document is published.")
@signer_options
@json_option
@pass_app
@handle_errors
def record(
    app: AppContext,
    project_id: int,
    index: int,
    invoice: Path,
    payee: str,
    amount: str,
    category: str,
    uri: str,
) -> None:
    """Record an expense (INVOICE metadata file) paid from milestone INDEX's release."""
    from charitychain.metadata import load_metadata
    from charitychain.services import records
    from charitychain.services.inputs import parse_address, parse_amount
    from charitychain.services.views import asset_info, project_info

    meta = load_metadata(invoice, "expense")
    session = app.session()
    asset = asset_info(session.suite, project_info(session.suite, project_id).token)
    label = category or str(meta.data.get("category", ""))
    result = records.record_expense(
        session,
        project_id,
        index,
        parse_address(payee, "--payee"),
        parse_amount(amount, asset.decimals, "--amount"),
        label.encode()[:32],
        meta.hash,
        uri or invoice.name,
    )
    app.emit(plain(result), f"Expense {result.expense_id} recorded (tx {result.tx})")


@click.group("audit")
def audit() -> None:
    """Audit reports per project."""


@audit.command("publish")
@click.argument("project_id", type=int)
@click.argument("report", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--uri", default="", help="Where the report is published.")
@signer_options
@json_option
@pass_app
@handle_errors
def publish(app: AppContext, project_id: int, report: Path, uri: str) -> None:
    """Publish the REPORT file's hash for PROJECT_ID (auditor)."""
    from charitychain.metadata import load_metadata
    from charitychain.services import records

    meta = load_metadata(report, "audit")
    result = records.publish_audit(app.session(), project_id, meta.hash, uri or report.name)
    app.emit(plain(result), f"Audit report {result.report_id} published (tx {result.tx})")

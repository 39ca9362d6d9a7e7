"""`charitychain trace project|donor|tx` and `verify tx|metadata`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from charitychain.cli.context import AppContext, handle_errors, json_option, pass_app
from charitychain.cli.options import network_options
from charitychain.cli.render import plain, table

F = TypeVar("F", bound=Callable[..., Any])


def output_options(func: F) -> F:
    func = click.option("--csv", "as_csv", is_flag=True, help="Print CSV rows instead.")(func)
    func = click.option(
        "--html",
        "html_file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Also write a self-contained HTML report to this file.",
    )(func)
    func = click.option(
        "--confirmations",
        "final_depth",
        type=click.IntRange(0, 1000),
        default=0,
        show_default=True,
        help="Blocks deep before a log is cached as final.",
    )(func)
    return func


@click.group("trace")
def trace() -> None:
    """Where every unit went: by project, donor or transaction."""


def _emit(app: AppContext, record: Any, text: str, csv_text: str, as_csv: bool) -> None:
    if as_csv:
        click.echo(csv_text, nl=False)
    else:
        app.emit(record, text)


@trace.command("project")
@click.argument("project_id", type=int)
@output_options
@network_options
@json_option
@pass_app
@handle_errors
def trace_project(
    app: AppContext, project_id: int, as_csv: bool, html_file: Path | None, final_depth: int
) -> None:
    """Every donation, release, expense and refund of PROJECT_ID, checked against the chain."""
    from charitychain.cli.history import load_history
    from charitychain.services.views import asset_info
    from charitychain.trace import report
    from charitychain.trace.build import project_trace
    from charitychain.trace.reconcile import reconcile_project

    history = load_history(app, final_depth)
    result = project_trace(history.project_events(project_id), project_id)
    suite = app.suite()
    problems = reconcile_project(suite, result)
    asset = asset_info(suite, result.token)
    if html_file is not None:
        from charitychain.trace.html import project_html

        html_file.write_text(project_html(result, asset.decimals, asset.symbol), "utf-8")
    record = {**report.plain(result), "asset": plain(asset), "reconciles": not problems,
              "problems": problems}  # fmt: skip
    text = report.project_text(result, asset.decimals, asset.symbol)
    text += (
        "\n  reconciles with on-chain views"
        if not problems
        else "\n  MISMATCH: " + "; ".join(problems)
    )
    _emit(app, record, text, report.project_csv(result), as_csv)
    if problems:
        raise SystemExit(1)


@trace.command("donor")
@click.argument("address")
@click.option("--project", "project_id", type=int, default=None, help="Only this project.")
@output_options
@network_options
@json_option
@pass_app
@handle_errors
def trace_donor(
    app: AppContext,
    address: str,
    project_id: int | None,
    as_csv: bool,
    html_file: Path | None,
    final_depth: int,
) -> None:
    """Each donation by ADDRESS and its exact share of every release, refund and remainder."""
    from charitychain.cli.history import load_history
    from charitychain.services.inputs import parse_address
    from charitychain.services.views import asset_info
    from charitychain.trace import report
    from charitychain.trace.build import donor_trace

    donor = parse_address(address, "donor address")
    history = load_history(app, final_depth)
    result = donor_trace(history.events, donor, project_id)
    suite = app.suite()
    assets = {}
    for p in result.projects:
        asset = asset_info(suite, p.token)
        assets[p.token] = (asset.decimals, asset.symbol)
    if html_file is not None:
        from charitychain.trace.html import donor_html

        html_file.write_text(donor_html(result, assets), "utf-8")
    _emit(
        app,
        report.plain(result),
        report.donor_text(result, assets),
        report.donor_csv(result),
        as_csv,
    )


@trace.command("tx")
@click.argument("tx_hash")
@output_options
@network_options
@json_option
@pass_app
@handle_errors
def trace_tx(
    app: AppContext, tx_hash: str, as_csv: bool, html_file: Path | None, final_depth: int
) -> None:
    """A transaction's decoded events and what each changed."""
    from charitychain.trace import report
    from charitychain.trace.transaction import tx_trace

    result = tx_trace(app.suite(), tx_hash)
    if html_file is not None:
        from charitychain.trace.html import tx_html

        html_file.write_text(tx_html(result), "utf-8")
    _emit(app, report.plain(result), report.tx_text(result), report.tx_csv(result), as_csv)


def register_verify(verify: click.Group) -> None:
    """Add `verify tx` and `verify metadata` to the verify group."""

    @verify.command("tx")
    @click.argument("tx_hash")
    @network_options
    @json_option
    @pass_app
    @handle_errors
    def verify_tx(app: AppContext, tx_hash: str) -> None:
        """Receipt status, confirmations, canonical block, recorded contract, decoded events."""
        from charitychain.services.verification import check_tx

        result = check_tx(app.suite(), tx_hash)
        rows = [(name, "ok" if ok else "FAILED", detail) for name, ok, detail in result.checks]
        app.emit(plain(result), table(("check", "result", "detail"), rows))
        if not result.ok:
            raise SystemExit(1)

    @verify.command("metadata")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option(
        "--project", "project_id", type=int, default=None, help="Project the file is for."
    )
    @click.option("--org", "org_id", type=int, default=None, help="Organization (profile).")
    @click.option("--milestone", "milestone", type=int, default=None, help="Evidence of this one.")
    @click.option("--expense", "expense_id", type=int, default=None, help="Expense id (invoice).")
    @click.option("--report", "report_id", type=int, default=None, help="Audit report id.")
    @network_options
    @json_option
    @pass_app
    @handle_errors
    def verify_metadata(
        app: AppContext,
        file: Path,
        project_id: int | None,
        org_id: int | None,
        milestone: int | None,
        expense_id: int | None,
        report_id: int | None,
    ) -> None:
        """The recomputed hash of FILE equals the hash recorded on chain for it."""
        from charitychain.services.verification import check_metadata

        result = check_metadata(
            app.suite(), file, project_id, org_id, milestone, expense_id, report_id
        )
        text = (
            f"{file}: matches the on-chain {result.what} hash {result.on_chain}"
            if result.ok
            else f"{file}: MISMATCH for {result.what}: file {result.computed}, "
            f"chain {result.on_chain}"
        )
        app.emit(json.loads(json.dumps(plain(result))), text)
        if not result.ok:
            raise SystemExit(1)

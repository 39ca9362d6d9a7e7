"""Read-only commands: metadata, donor, verify receipt, demo."""

from __future__ import annotations

from pathlib import Path

import click

from charitychain.cli.context import AppContext, handle_errors, json_option, pass_app
from charitychain.cli.options import network_options
from charitychain.cli.render import plain, table, units

_file = click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
_kind = click.option(
    "--kind",
    type=click.Choice(["organization", "project", "evidence", "expense", "audit"]),
    default=None,
    help="Metadata kind (default: from the file's kind field).",
)


@click.group("metadata")
def metadata() -> None:
    """Metadata files: validate against the shipped JSON Schemas, compute the on-chain hash."""


@metadata.command("hash")
@_file
@_kind
@json_option
@pass_app
@handle_errors
def hash_(app: AppContext, file: Path, kind: str | None) -> None:
    """Print keccak256 of FILE's canonical JSON (what goes on chain)."""
    from charitychain.metadata import load_metadata

    meta = load_metadata(file, kind)
    digest = "0x" + meta.hash.hex()
    app.emit({"file": str(file), "kind": meta.kind, "hash": digest}, digest)


@metadata.command("validate")
@_file
@_kind
@json_option
@pass_app
@handle_errors
def validate(app: AppContext, file: Path, kind: str | None) -> None:
    """Check FILE against its JSON Schema; list every problem with its path."""
    from charitychain.metadata import load_metadata

    meta = load_metadata(file, kind)
    app.emit(
        {"file": str(file), "kind": meta.kind, "valid": True, "hash": "0x" + meta.hash.hex()},
        f"{file}: valid {meta.kind} metadata",
    )


@click.group("donor")
def donor() -> None:
    """What a donor gave, and what came back."""


@donor.command("show")
@click.argument("address")
@network_options
@json_option
@pass_app
@handle_errors
def donor_show(app: AppContext, address: str) -> None:
    """Every project ADDRESS gave to, with refunds taken and still claimable."""
    from charitychain.services.inputs import parse_address
    from charitychain.services.views import asset_info, donor_positions, project_info

    suite = app.suite()
    positions = donor_positions(suite, parse_address(address))
    rows = []
    for p in positions:
        info = project_info(suite, p.project_id)
        asset = asset_info(suite, info.token)
        rows.append(
            (
                p.project_id,
                info.state,
                units(p.contributed, asset.decimals, asset.symbol),
                units(p.refunded, asset.decimals, asset.symbol),
                units(p.refundable, asset.decimals, asset.symbol),
            )
        )
    app.emit(
        {"donor": address, "positions": plain(positions)},
        table(("project", "state", "given", "refunded", "refundable"), rows)
        if rows
        else f"{address} has not donated on this deployment.",
    )


@click.group("verify")
def verify() -> None:
    """Prove things against the chain."""


@verify.command("receipt")
@_file
@network_options
@json_option
@pass_app
@handle_errors
def verify_receipt(app: AppContext, file: Path) -> None:
    """Prove the donation in receipt FILE happened, without its details ever being public."""
    from charitychain.services.verification import check_receipt

    result = check_receipt(app.suite(), file)
    text = (
        f"Receipt verified: donation in tx {result.tx} matches its on-chain commitment"
        if result.ok
        else "Receipt NOT verified:\n" + "\n".join(f"  - {p}" for p in result.problems)
    )
    app.emit(plain(result), text)
    if not result.ok:
        raise SystemExit(1)


@verify.command("deployment")
@network_options
@json_option
@pass_app
@handle_errors
def verify_deployment(app: AppContext) -> None:
    """Prove the recorded contracts run exactly the shipped, audited code."""
    from charitychain.services.verification import check_deployment

    checks = check_deployment(app.suite())
    rows = [(c.name, c.address, "ok" if c.ok else f"MISMATCH: {c.problem}") for c in checks]
    app.emit(
        {"ok": all(c.ok for c in checks), "contracts": plain(checks)},
        table(("contract", "address", "runtime code"), rows),
    )
    if not all(c.ok for c in checks):
        raise SystemExit(1)


def _register_trace_verify() -> None:
    from charitychain.cli.trace_cmd import register_verify

    register_verify(verify)


_register_trace_verify()


@click.command("demo")
@network_options
@pass_app
@handle_errors
def demo(app: AppContext) -> None:
    """Play the whole donation story on a dev chain (local anvil by default)."""
    from charitychain.compiler import compile_project
    from charitychain.demo import run_demo

    if app.network_name in (None, "local", "ganache") and app.rpc_url is None:
        compile_project(app.root)
    network = app.network()
    if not network.is_dev:
        raise click.ClickException("the demo moves the chain's clock: use a dev chain")
    trace = run_demo(network.w3, click.echo, root=app.root).trace
    if not trace.given - len(trace.shares) <= trace.accounted <= trace.given:
        raise click.ClickException("the donor's trace does not add up: please report this")
    click.echo(f"\nNext: `charitychain trace project 1`, `charitychain trace donor {trace.donor}`")

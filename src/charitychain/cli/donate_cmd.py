"""`charitychain donate` and `charitychain refund …`."""

from __future__ import annotations

from pathlib import Path

import click

from charitychain.cli.context import AppContext, handle_errors, json_option, pass_app
from charitychain.cli.options import signer_options
from charitychain.cli.render import plain, table, units


@click.command("donate")
@click.argument("project_id", type=int)
@click.argument("amount")
@click.option("--memo", default=None, help="32-byte hex receipt commitment to put on chain.")
@click.option(
    "--receipt",
    "receipt_from",
    default=None,
    metavar="NAME_OR_FILE",
    help="Donor name, or a JSON file {name, email, note}: writes a private receipt file and "
    "puts only its commitment on chain.",
)
@click.option(
    "--receipt-out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the receipt (default ~/.charitychain/receipts/).",
)
@signer_options
@json_option
@pass_app
@handle_errors
def donate(
    app: AppContext,
    project_id: int,
    amount: str,
    memo: str | None,
    receipt_from: str | None,
    receipt_out: Path | None,
) -> None:
    """Give AMOUNT (in the project's token units, e.g. 0.5) to PROJECT_ID."""
    from charitychain.errors import ChainConnectionError, CharityChainError
    from charitychain.services import funding
    from charitychain.services.inputs import InvalidInput, parse_amount, parse_hash
    from charitychain.services.views import asset_info, project_info

    session = app.session()
    info = project_info(session.suite, project_id)
    asset = asset_info(session.suite, info.token)
    base_units = parse_amount(amount, asset.decimals)
    if memo and receipt_from:
        raise InvalidInput("give either --memo or --receipt, not both")
    commitment = parse_hash(memo, "--memo") if memo else b"\0" * 32
    receipt_path = None
    if receipt_from:
        from charitychain.cli.receipts_io import prepare_receipt

        receipt_path, commitment = prepare_receipt(
            receipt_from, receipt_out, project_id, base_units, session
        )
    try:
        result = funding.donate(session, project_id, base_units, commitment)
    except CharityChainError as exc:
        # Refused before sending, or mined and reverted: no donation exists, so the receipt
        # would prove nothing. A timeout (maybe still pending) keeps it.
        if receipt_path is not None and not isinstance(exc, ChainConnectionError):
            receipt_path.unlink(missing_ok=True)
        raise
    if receipt_path is not None:
        from charitychain.cli.receipts_io import finish_receipt

        finish_receipt(receipt_path, result.tx)
    text = f"Donated {units(result.amount, asset.decimals, asset.symbol)} to project "
    text += f"{project_id} (tx {result.tx})"
    if receipt_path is not None:
        text += f"\nPrivate receipt: {receipt_path} (keep it; only its commitment is public)"
    record = {**plain(result), "receipt": str(receipt_path) if receipt_path else None}
    app.emit(record, text)


@click.group("refund")
def refund() -> None:
    """Refunds from failed or cancelled projects: claim, show."""


@refund.command("claim")
@click.argument("project_id", type=int)
@signer_options
@json_option
@pass_app
@handle_errors
def claim(app: AppContext, project_id: int) -> None:
    """Pull your refund from PROJECT_ID (never paused, never expires)."""
    from charitychain.services import exits
    from charitychain.services.views import asset_info, project_info

    session = app.session()
    asset = asset_info(session.suite, project_info(session.suite, project_id).token)
    result = exits.claim_refund(session, project_id)
    app.emit(
        plain(result),
        f"Refunded {units(result.amount, asset.decimals, asset.symbol)} from project "
        f"{project_id} (tx {result.tx})",
    )


@refund.command("show")
@click.argument("project_id", type=int)
@click.argument("address", required=False)
@signer_options
@json_option
@pass_app
@handle_errors
def refund_show(app: AppContext, project_id: int, address: str | None) -> None:
    """What ADDRESS (default: your account) gave, got back, and can still claim."""
    from charitychain.services.inputs import parse_address
    from charitychain.services.views import asset_info, donor_position, project_info

    suite = app.suite()
    who = parse_address(address) if address else app.signer().address
    info = project_info(suite, project_id)
    asset = asset_info(suite, info.token)
    pos = donor_position(suite, project_id, who)
    rows = [
        (
            project_id,
            info.state,
            units(pos.contributed, asset.decimals, asset.symbol),
            units(pos.refunded, asset.decimals, asset.symbol),
            units(pos.refundable, asset.decimals, asset.symbol),
        )
    ]
    app.emit(plain(pos), table(("project", "state", "given", "refunded", "refundable"), rows))

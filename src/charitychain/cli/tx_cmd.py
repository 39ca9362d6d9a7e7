"""`charitychain tx status HASH`: what became of a transaction (journal + chain)."""

from __future__ import annotations

import click

from charitychain.cli.context import AppContext, handle_errors, json_option, pass_app
from charitychain.cli.options import network_options
from charitychain.cli.render import pairs


@click.group("tx")
def tx() -> None:
    """Transactions this tool sent: their outcome."""


@tx.command("status")
@click.argument("tx_hash")
@network_options
@json_option
@pass_app
@handle_errors
def status(app: AppContext, tx_hash: str) -> None:
    """Mined (with status and confirmations), pending, or unknown to the node."""
    from charitychain.services.journal import Journal
    from charitychain.services.txstatus import tx_status

    network = app.network()
    journal = Journal.for_chain(app.config.state_dir, network.chain_id)
    result = tx_status(network.w3, journal, tx_hash)
    rows: list[tuple[str, object]] = [("transaction", result.tx_hash), ("state", result.state)]
    if result.block is not None:
        rows += [("block", result.block), ("confirmations", result.confirmations)]
    if result.function:
        rows += [("call", result.function), ("journal", result.journal_outcome or "open")]
    app.emit(
        {
            "tx": result.tx_hash,
            "state": result.state,
            "block": result.block,
            "confirmations": result.confirmations,
            "function": result.function,
            "journal": result.journal_outcome,
        },
        pairs(rows),
    )

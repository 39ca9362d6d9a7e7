"""`charitychain serve`: the read-only transparency portal (pages + JSON API) over HTTP."""

from __future__ import annotations

from pathlib import Path

import click

from charitychain.cli.context import AppContext, handle_errors, pass_app
from charitychain.cli.options import network_options


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8700, show_default=True, help="TCP port."
)
@click.option(
    "--confirmations",
    "final_depth",
    type=click.IntRange(0, 1000),
    default=0,
    show_default=True,
    help="Blocks deep before a log is cached as final.",
)
@click.option(
    "--interval",
    type=click.FloatRange(0.2, 3600),
    default=2.0,
    show_default=True,
    help="Seconds between looks at the chain for new blocks.",
)
@click.option(
    "--metadata-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Local copies of metadata documents (URI scheme://a/b.json is read from DIR/a/b.json) "
    "to check against the on-chain hashes.",
)
@network_options
@pass_app
@handle_errors
def serve(
    app: AppContext,
    host: str,
    port: int,
    final_depth: int,
    interval: float,
    metadata_dir: Path | None,
) -> None:
    """Serve the transparency portal: projects, organizations, donors, transactions, JSON API.

    Read-only: it never signs. The indexer follows new blocks while serving; pages read an
    in-memory snapshot. The OpenAPI document is at /openapi.json.
    """
    import uvicorn

    from charitychain.portal.app import create_app

    suite = app.suite()
    portal = create_app(
        suite,
        app.config.state_dir,
        confirmations=final_depth,
        interval=interval,
        metadata_dir=metadata_dir,
    )
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: the portal is reachable from other hosts",
                   err=True)  # fmt: skip
    click.echo(
        f"charitychain portal for chain {suite.deployment.chain_id} at http://{host}:{port}/ "
        "(Ctrl-C stops)"
    )
    uvicorn.run(portal, host=host, port=port, log_level="warning", access_log=False)

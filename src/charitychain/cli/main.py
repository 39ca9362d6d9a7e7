"""`charitychain` console script."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from charitychain import __version__
from charitychain.cli.context import (
    AppContext,
    chain_option,
    handle_errors,
    json_option,
    pass_app,
    port_option,
)

if TYPE_CHECKING:
    from charitychain.chain.node import NodeStatus


@click.group()
@click.version_option(__version__, prog_name="charitychain")
@click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="CHARITYCHAIN_PROJECT",
    default=None,
    help="Project root (the folder with brownie-config.yaml); default: found from cwd.",
)
@json_option
@click.pass_context
def cli(ctx: click.Context, project: Path | None) -> None:
    """Transparent charity giving on Ethereum."""
    app = ctx.ensure_object(AppContext)
    app.project = project.resolve() if project else None


@cli.command("compile")
@click.option("--force", is_flag=True, help="Recompile even when nothing changed.")
@json_option
@pass_app
@handle_errors
def compile_cmd(app: AppContext, force: bool) -> None:
    """Compile contracts/ and interfaces/ into build/ and the package artifacts."""
    from charitychain.compiler import compile_project

    result = compile_project(app.root, force=force)
    verb = "Up to date" if result.cached else "Compiled"
    app.emit(
        {
            "cached": result.cached,
            "contracts": list(result.contracts),
            "shipped": list(result.shipped),
            "seconds": round(result.seconds, 3),
        },
        f"{verb}: {len(result.contracts)} contracts ({len(result.shipped)} shipped) "
        f"in {result.seconds:.2f} s",
    )


@cli.group()
def node() -> None:
    """Manage the project's local chain (anvil or ganache from node_modules)."""


def _status_record(status: NodeStatus) -> dict[str, object]:
    return {
        "chain": status.chain,
        "running": status.running,
        "pid": status.pid,
        "port": status.port,
        "url": status.url,
        "chain_id": status.chain_id,
        "block_number": status.block_number,
        "log_file": str(status.log_file),
    }


def _status_text(status: NodeStatus) -> str:
    if not status.running:
        return f"{status.chain}: stopped"
    return (
        f"{status.chain}: running at {status.url} (pid {status.pid}, chain id "
        f"{status.chain_id}, block {status.block_number}); log {status.log_file}"
    )


@node.command("start")
@chain_option
@port_option
@json_option
@pass_app
@handle_errors
def node_start(app: AppContext, chain: str, port: int | None) -> None:
    """Start the local chain in the background (no-op if it runs)."""
    from charitychain.chain.node import LocalNode

    status = LocalNode(app.root, chain).start(port=port)
    app.emit(_status_record(status), _status_text(status))


@node.command("stop")
@chain_option
@json_option
@pass_app
@handle_errors
def node_stop(app: AppContext, chain: str) -> None:
    """Stop the local chain this project started."""
    from charitychain.chain.node import LocalNode

    stopped = LocalNode(app.root, chain).stop()
    app.emit(
        {"chain": chain, "stopped": stopped},
        f"{chain}: stopped" if stopped else f"{chain}: was not running",
    )


@node.command("status")
@chain_option
@json_option
@pass_app
@handle_errors
def node_status(app: AppContext, chain: str) -> None:
    """Show whether the local chain runs, its port and block number."""
    from charitychain.chain.node import LocalNode

    status = LocalNode(app.root, chain).status()
    app.emit(_status_record(status), _status_text(status))


def _register() -> None:
    from charitychain.cli.accounts_cmd import accounts
    from charitychain.cli.admin_cmd import admin
    from charitychain.cli.deploy_cmd import deploy
    from charitychain.cli.donate_cmd import donate, refund
    from charitychain.cli.milestone_cmd import milestone
    from charitychain.cli.org_cmd import org
    from charitychain.cli.project_cmd import project
    from charitychain.cli.read_cmd import demo, donor, metadata, verify
    from charitychain.cli.records_cmd import audit, expense
    from charitychain.cli.serve_cmd import serve
    from charitychain.cli.trace_cmd import trace
    from charitychain.cli.tx_cmd import tx

    for command in (
        deploy,
        accounts,
        org,
        project,
        donate,
        milestone,
        refund,
        expense,
        audit,
        admin,
        metadata,
        donor,
        verify,
        trace,
        tx,
        demo,
        serve,
    ):
        cli.add_command(command)


_register()


def main() -> None:
    cli(obj=AppContext())


if __name__ == "__main__":
    main()

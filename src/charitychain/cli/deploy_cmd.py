"""`charitychain deploy`."""

from __future__ import annotations

import click

from charitychain.cli.context import AppContext, handle_errors, json_option, pass_app
from charitychain.cli.options import signer_options


@click.command("deploy")
@click.option("--admin-delay", default="2d", show_default=True, help="Admin transfer delay.")
@click.option("--grace", default="14d", show_default=True, help="Overdue-cancel grace period.")
@signer_options
@json_option
@pass_app
@handle_errors
def deploy(app: AppContext, admin_delay: str, grace: str) -> None:
    """Deploy registry, escrow and ledger; record them in build/deployments/map.json."""
    from charitychain.services.deploy import deploy_suite
    from charitychain.services.inputs import parse_duration

    network = app.network()
    signer = app.signer()
    if not (network.is_dev or app.assume_yes):
        click.confirm(
            f"Deploy the suite to chain {network.chain_id} from {signer.address}?",
            abort=True,
            err=True,
        )
    deployment = deploy_suite(
        network.w3,
        signer,
        root=app.root,
        admin_delay=parse_duration(admin_delay, "--admin-delay"),
        grace=parse_duration(grace, "--grace"),
    )
    lines = [f"Deployed on chain {deployment.chain_id} (admin {signer.address}):"]
    lines += [f"  {name:<16} {address}" for name, address in deployment.addresses().items()]
    app.emit({"chain_id": deployment.chain_id, **deployment.addresses()}, "\n".join(lines))

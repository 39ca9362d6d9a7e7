"""`charitychain org …`: apply, vet, show, list."""

from __future__ import annotations

from pathlib import Path

import click

from charitychain.cli.context import AppContext, handle_errors, json_option, pass_app
from charitychain.cli.options import network_options, signer_options
from charitychain.cli.render import pairs, plain, table, when


@click.group("org")
def org() -> None:
    """Organizations: apply, approve, reject, suspend, reinstate, show, list."""


@org.command("apply")
@click.argument("name")
@click.argument("profile", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--uri", default="", help="Where the profile JSON is published.")
@signer_options
@json_option
@pass_app
@handle_errors
def apply(app: AppContext, name: str, profile: Path, uri: str) -> None:
    """Apply as organization NAME with the PROFILE metadata file (validated, hashed)."""
    from charitychain.metadata import load_metadata
    from charitychain.services import governance

    meta = load_metadata(profile, "organization")
    result = governance.apply_organization(app.session(), name, meta.hash, uri or profile.name)
    app.emit(plain(result), f"Organization {result.org_id} applied (tx {result.tx})")


def _reviewer_action(verb: str, with_reason: bool) -> click.Command:
    @click.command(verb)
    @click.argument("org_id", type=int)
    @click.option("--reason", default="", help="Reason (its hash goes on chain).")
    @signer_options
    @json_option
    @pass_app
    @handle_errors
    def command(app: AppContext, org_id: int, reason: str = "") -> None:
        from eth_utils.crypto import keccak

        from charitychain.services import governance

        session = app.session()
        if verb == "reinstate":
            result = governance.reinstate_organization(session, org_id)
        elif verb == "reject":
            result = governance.reject_organization(session, org_id, keccak(text=reason))
        else:
            result = governance.suspend_organization(session, org_id, keccak(text=reason))
        app.emit(plain(result), f"{result.action}: done (tx {result.tx})")

    command.help = f"{verb.capitalize()} organization ORG_ID (reviewer)."
    if not with_reason:
        command.params = [p for p in command.params if p.name != "reason"]
    return command


org.add_command(_reviewer_action("reject", True))
org.add_command(_reviewer_action("suspend", True))
org.add_command(_reviewer_action("reinstate", False))


@org.command("approve")
@click.argument("org_id", type=int)
@click.option("--until", "until", default="+365d", show_default=True, help="Approval expiry.")
@signer_options
@json_option
@pass_app
@handle_errors
def approve(app: AppContext, org_id: int, until: str) -> None:
    """Approve (or renew) organization ORG_ID until a date (reviewer)."""
    from charitychain.chain.clock import now
    from charitychain.services import governance
    from charitychain.services.inputs import parse_time

    session = app.session()
    expiry = parse_time(until, now(session.w3), "--until")
    result = governance.approve_organization(session, org_id, expiry)
    app.emit(
        {**plain(result), "approved_until": expiry},
        f"Organization {org_id} approved until {when(expiry)} (tx {result.tx})",
    )


@org.command("show")
@click.argument("org_id", type=int)
@network_options
@json_option
@pass_app
@handle_errors
def show(app: AppContext, org_id: int) -> None:
    """Show one organization."""
    from charitychain.services.views import organization_info

    info = organization_info(app.suite(), org_id)
    app.emit(
        plain(info),
        pairs(
            [
                ("organization", f"{info.org_id} {info.name}"),
                ("admin", info.admin),
                ("status", info.status + (" (active)" if info.active else "")),
                ("approved until", when(info.approved_until)),
                ("profile hash", "0x" + info.profile_hash.hex()),
            ]
        ),
    )


@org.command("list")
@network_options
@json_option
@pass_app
@handle_errors
def list_(app: AppContext) -> None:
    """List every organization."""
    from charitychain.services.views import organization_info

    suite = app.suite()
    count = int(suite.registry.functions.organizationCount().call())
    infos = [organization_info(suite, i) for i in range(1, count + 1)]
    rows = [(i.org_id, i.name, i.status, when(i.approved_until), i.admin) for i in infos]
    app.emit(
        {"organizations": plain(infos)},
        table(("id", "name", "status", "approved until", "admin"), rows)
        if rows
        else "No organizations yet.",
    )

"""`charitychain admin …`: roles, token allow-list, pause."""

from __future__ import annotations

import click

from charitychain.cli.context import AppContext, handle_errors, json_option, pass_app
from charitychain.cli.options import signer_options
from charitychain.cli.render import plain


@click.group("admin")
def admin() -> None:
    """Registry admin: grant/revoke roles, allow tokens, pause/unpause."""


def _role_command(grant: bool) -> click.Command:
    verb = "grant" if grant else "revoke"

    @click.command(verb)
    @click.argument("role", type=click.Choice(["reviewer", "auditor"]))
    @click.argument("member", metavar="ACCOUNT")
    @signer_options
    @json_option
    @pass_app
    @handle_errors
    def command(app: AppContext, role: str, member: str) -> None:
        from charitychain.services import governance
        from charitychain.services.inputs import parse_address

        action = governance.grant_role if grant else governance.revoke_role
        result = action(app.session(), role, parse_address(member))
        app.emit(plain(result), f"{result.action}: done (tx {result.tx})")

    command.help = f"{verb.capitalize()} ROLE for ACCOUNT."
    return command


def _token_command(allowed: bool) -> click.Command:
    verb = "allow-token" if allowed else "disallow-token"

    @click.command(verb)
    @click.argument("token")
    @signer_options
    @json_option
    @pass_app
    @handle_errors
    def command(app: AppContext, token: str) -> None:
        from charitychain.services import governance
        from charitychain.services.inputs import parse_address

        result = governance.allow_token(app.session(), parse_address(token, "token"), allowed)
        app.emit(plain(result), f"{result.action}: done (tx {result.tx})")

    command.help = (
        "Allow ERC-20 TOKEN for new projects."
        if allowed
        else "Disallow TOKEN for new projects (existing projects and refunds are unaffected)."
    )
    return command


def _pause_command(paused: bool) -> click.Command:
    verb = "pause" if paused else "unpause"

    @click.command(verb)
    @signer_options
    @json_option
    @pass_app
    @handle_errors
    def command(app: AppContext) -> None:
        from charitychain.services import governance

        result = (governance.pause if paused else governance.unpause)(app.session())
        app.emit(plain(result), f"{result.action}: done (tx {result.tx})")

    command.help = (
        "Stop donations and releases (refunds keep working)."
        if paused
        else "Resume donations and releases."
    )
    return command


for _command in (
    _role_command(True),
    _role_command(False),
    _token_command(True),
    _token_command(False),
    _pause_command(True),
    _pause_command(False),
):
    admin.add_command(_command)

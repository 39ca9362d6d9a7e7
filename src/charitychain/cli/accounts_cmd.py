"""`charitychain accounts …`: encrypted keystores (keys never on the command line)."""

from __future__ import annotations

from pathlib import Path

import click

from charitychain.cli.context import AppContext, handle_errors, json_option, pass_app
from charitychain.cli.render import plain, table


@click.group("accounts")
def accounts() -> None:
    """Encrypted keystores in ~/.charitychain/keystores (or $CHARITYCHAIN_KEYSTORE_DIR)."""


def _new_passphrase(password_file: Path | None) -> str:
    from charitychain import keys

    if password_file is not None:
        return keys.read_passphrase_file(password_file)
    from_env = keys.passphrase_from_env()
    if from_env is not None:
        return from_env
    return str(click.prompt("New passphrase", hide_input=True, confirmation_prompt=True))


_password_file = click.option(
    "--password-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="File holding the passphrase (else $CHARITYCHAIN_PASSPHRASE or a hidden prompt).",
)


@accounts.command("new")
@click.argument("name")
@_password_file
@json_option
@pass_app
@handle_errors
def new(app: AppContext, name: str, password_file: Path | None) -> None:
    """Create a new key, stored encrypted as NAME."""
    from charitychain import keys

    info = keys.new_account(name, _new_passphrase(password_file))
    app.emit(plain(info), f"Created {info.name}: {info.address} ({info.path})")


@accounts.command("import")
@click.argument("name")
@click.option(
    "--key-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="File holding the private key (else a hidden prompt). Never pass a key as an argument.",
)
@_password_file
@json_option
@pass_app
@handle_errors
def import_(app: AppContext, name: str, key_file: Path | None, password_file: Path | None) -> None:
    """Import a private key (from a hidden prompt or --key-file) as NAME."""
    from charitychain import keys

    if key_file is not None:
        secret = key_file.read_text(encoding="utf-8").strip()
    else:
        secret = str(click.prompt("Private key (hex)", hide_input=True))
    info = keys.import_key(name, secret, _new_passphrase(password_file))
    app.emit(plain(info), f"Imported {info.name}: {info.address} ({info.path})")


@accounts.command("list")
@json_option
@pass_app
@handle_errors
def list_(app: AppContext) -> None:
    """List keystores (names and addresses only)."""
    from charitychain import keys

    infos = keys.list_accounts()
    app.emit(
        {"accounts": plain(infos)},
        table(("name", "address"), [(i.name, i.address) for i in infos])
        if infos
        else "No keystores yet: create one with `charitychain accounts new NAME`.",
    )


@accounts.command("show")
@click.argument("name")
@json_option
@pass_app
@handle_errors
def show(app: AppContext, name: str) -> None:
    """Show a keystore's address and file."""
    from charitychain import keys

    info = keys.show(name)
    app.emit(plain(info), f"{info.name}: {info.address} ({info.path})")

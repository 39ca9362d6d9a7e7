"""Options shared by every command that talks to a chain, stored on the AppContext."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from charitychain.cli.context import AppContext

F = TypeVar("F", bound=Callable[..., Any])


def _store(attr: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    def callback(ctx: click.Context, _param: click.Parameter, value: Any) -> Any:
        if value is not None and value is not False:
            setattr(ctx.ensure_object(AppContext), attr, value)
        return value

    return callback


def _option(*decls: str, attr: str, **kwargs: Any) -> Callable[[F], F]:
    return click.option(*decls, callback=_store(attr), expose_value=False, **kwargs)


def network_options(func: F) -> F:
    """--network, --rpc-url, --chain-id: which chain (checked before anything is signed)."""
    for decorator in reversed(
        (
            _option(
                "--network",
                attr="network_name",
                metavar="NAME",
                help="Network from brownie-config.yaml: local (default), ganache, embedded, …",
            ),
            _option(
                "--rpc-url",
                attr="rpc_url",
                envvar="CHARITYCHAIN_RPC_URL",
                metavar="URL",
                help="Any JSON-RPC endpoint (env CHARITYCHAIN_RPC_URL).",
            ),
            _option(
                "--chain-id",
                attr="chain_id",
                type=int,
                help="Refuse to sign unless the endpoint serves this chain id.",
            ),
        )
    ):
        func = decorator(func)
    return func


def signer_options(func: F) -> F:
    """--account, --password-file, --yes, --confirmations: who signs and how carefully."""
    func = network_options(func)
    for decorator in reversed(
        (
            _option(
                "--account",
                attr="account",
                metavar="NAME|dev:N",
                help="Keystore name, or dev:N for the node's dev accounts (dev chains only).",
            ),
            _option(
                "--password-file",
                attr="password_file",
                type=click.Path(exists=True, dir_okay=False, path_type=Path),
                help="File holding the keystore passphrase (else env or a hidden prompt).",
            ),
            _option("--yes", attr="assume_yes", is_flag=True, help="Do not ask before sending."),
            _option(
                "--confirmations",
                attr="confirmations",
                type=click.IntRange(0, 64),
                help="Blocks to wait after mining (default 0).",
            ),
        )
    ):
        func = decorator(func)
    return func
